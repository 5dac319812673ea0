package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"kfpay/sheet/inspect"
	"kfpay/sheet/sheettest"
)

// demoPupil is one pupil of the demo roster as the posted workbook must not
// show it.
type demoPupil struct{ id, name string }

// readDemoPupils reads the 学号 and 姓名 of every pupil of the embedded demo
// roster.
func readDemoPupils(t *testing.T) []demoPupil {
	t.Helper()
	rows, err := sheettest.Cells(filepath.Join("demo", demoRoster), "名单")
	if err != nil {
		t.Fatal(err)
	}
	idCol, nameCol := -1, -1
	var pupils []demoPupil
	for _, row := range rows {
		if idCol < 0 {
			for i, c := range row {
				switch c {
				case "学号":
					idCol = i
				case "姓名":
					nameCol = i
				}
			}
			continue
		}
		if len(row) > nameCol && row[idCol] != "" {
			pupils = append(pupils, demoPupil{id: row[idCol], name: row[nameCol]})
		}
	}
	if idCol < 0 || nameCol < 0 || len(pupils) < 100 {
		t.Fatalf("demo roster: 学号 column %d, 姓名 column %d, %d pupils", idCol, nameCol, len(pupils))
	}
	return pupils
}

// perPupilHeaders are the columns that would tell which families are in
// hardship or behind with the fee (SPEC 4.5), in the words of the
// settlement workbooks (sheet/settlement.go).
var perPupilHeaders = []string{"学号", "姓名", "减免", "应缴", "已缴", "多缴退费", "少缴", "结余退费", "合计退费", "应补缴"}

// privacyLeaks lists what of the pupils' private data the workbook at path
// shows: a full name (of two characters or more) or a full 学号 anywhere in
// its cells, or anywhere in the file's parts (document properties,
// comments, shared strings not in use); a cell that is a per-pupil column
// header; and a cell that is a figure of one pupil (服务费, 减免, 应缴, 已缴,
// 多缴退费, 结余退费 or 合计退费, as 学生明细 gives them) other than 0 and the
// fee, which are every full payer's and no one's secret.
func privacyLeaks(t *testing.T, path string, pupils []demoPupil, figures map[string]string) []string {
	t.Helper()
	var dump bytes.Buffer
	if err := inspect.Dump(&dump, path); err != nil {
		t.Fatal(err)
	}
	raw := rawParts(t, path)
	var leaks []string
	for _, p := range pupils {
		for _, s := range []string{p.id, p.name} {
			if len([]rune(s)) < 2 {
				continue
			}
			switch {
			case strings.Contains(dump.String(), s):
				leaks = append(leaks, "cell: "+s)
			case strings.Contains(raw, s):
				leaks = append(leaks, "file: "+s)
			}
		}
	}
	for _, line := range strings.Split(dump.String(), "\n") {
		for _, cell := range strings.Split(line, "\t") {
			cell = strings.TrimSpace(cell)
			for _, h := range perPupilHeaders {
				if cell == h {
					leaks = append(leaks, "header: "+h)
				}
			}
			if id, ok := figures[cell]; ok {
				leaks = append(leaks, "figure: "+cell+" of "+id)
			}
		}
	}
	return leaks
}

// pupilFigures returns the figures of single pupils in the internal
// workbook at path that could tell one family from another: each money
// figure of 学生明细 but 0 and the fee, with a 学号 it belongs to.
func pupilFigures(t *testing.T, path string) map[string]string {
	t.Helper()
	figures := map[string]string{}
	for _, p := range readPupilRows(t, path) {
		for _, f := range []string{p.Gross, p.Waived, p.Due, p.Paid, p.Leaver, p.Share, p.Refund} {
			for _, shown := range []string{f, strings.TrimPrefix(f, "-")} {
				if shown != "0.00" && shown != "600.00" {
					figures[shown] = p.ID
				}
			}
		}
	}
	return figures
}

// rawParts returns every part of the xlsx file at path, concatenated.
func rawParts(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var b strings.Builder
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.Copy(&b, r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// TestSettleDemoPostedPrivacy runs settle --demo and checks that the posted
// workbook is the notice alone, with totals only (SPEC 4.5): no pupil's
// name or full 学号, no per-pupil column and no figure of any one pupil,
// while the bursar's internal workbook (the check's control) shows them
// all, and the slips every name and 学号.
func TestSettleDemoPostedPrivacy(t *testing.T) {
	pupils := readDemoPupils(t)
	dir := t.TempDir()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"settle", "--demo"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("settle --demo: exit %d\n%s", code, errOut.String())
	}
	posted := filepath.Join(dir, "收费结算-2026年秋季学期.xlsx")
	slips := filepath.Join(dir, "退费通知单-2026年秋季学期.xlsx")
	internal := filepath.Join(dir, "收费结算-2026年秋季学期-内部.xlsx")
	figures := pupilFigures(t, internal)
	if len(figures) < 15 {
		t.Fatalf("the demo term has %d distinct figures of single pupils; the check needs its leavers, waivers and debtor", len(figures))
	}

	if leaks := privacyLeaks(t, posted, pupils, figures); len(leaks) > 0 {
		t.Errorf("the posted workbook shows %d private items, among them %q", len(leaks), leaks[:min(len(leaks), 5)])
	}
	if names := sheetList(t, posted); len(names) != 1 || names[0] != "收支公示" {
		t.Errorf("the posted workbook has sheets %q, want 收支公示 alone", names)
	}

	// The same check finds every name, every 学号, every per-pupil column
	// and every figure in the internal workbook: it can fail.
	leaks := privacyLeaks(t, internal, pupils, figures)
	counts := map[string]int{}
	for _, l := range leaks {
		counts[strings.SplitN(l, ":", 2)[0]]++
	}
	if counts["cell"] != 2*len(pupils) {
		t.Errorf("the internal workbook shows %d names and 学号 of %d pupils; the check is blind", counts["cell"], len(pupils))
	}
	if counts["header"] < len(perPupilHeaders) {
		t.Errorf("the internal workbook shows %d per-pupil headers, want at least %d; the check is blind", counts["header"], len(perPupilHeaders))
	}
	if counts["figure"] < len(figures) {
		t.Errorf("the internal workbook shows %d per-pupil figures, want all %d; the check is blind", counts["figure"], len(figures))
	}
	// Each family's own slip names it.
	named := 0
	for _, l := range privacyLeaks(t, slips, pupils, nil) {
		if strings.HasPrefix(l, "cell: ") {
			named++
		}
	}
	if named != 2*len(pupils) {
		t.Errorf("the slips show %d names and 学号, want all %d", named, 2*len(pupils))
	}

	// Nothing but the three settlement workbooks is left in the folder.
	entries, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		t.Errorf("settle --demo left %d files, want the 3 workbooks: %q", len(entries), entries)
	}
}

// sheetList lists the sheets of the workbook at path, in order.
func sheetList(t *testing.T, path string) []string {
	t.Helper()
	var dump bytes.Buffer
	if err := inspect.Dump(&dump, path); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, line := range strings.Split(dump.String(), "\n") {
		if name, ok := strings.CutPrefix(line, "== "); ok {
			names = append(names, strings.TrimSuffix(name, " =="))
		}
	}
	return names
}
