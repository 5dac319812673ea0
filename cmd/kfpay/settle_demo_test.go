package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"path/filepath"
	"slices"
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
// hardship or behind with the fee (SPEC 4.5).
var perPupilHeaders = []string{"减免", "应收", "实收", "已缴"}

// privacyLeaks lists what of the pupils' private data the workbook at path
// shows: a full name (of two characters or more) or a full 学号 anywhere in
// its cells, or anywhere in the file's parts (document properties,
// comments, shared strings not in use), and a cell that is a per-pupil
// waiver, due or paid column header.
func privacyLeaks(t *testing.T, path string, pupils []demoPupil) []string {
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
			for _, h := range perPupilHeaders {
				if strings.TrimSpace(cell) == h {
					leaks = append(leaks, "header: "+h)
				}
			}
		}
	}
	return leaks
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
// workbook names no pupil, shows no full 学号 and no per-pupil waiver, due
// or paid column, while the bursar's internal one (the check's control)
// shows them all.
func TestSettleDemoPostedPrivacy(t *testing.T) {
	pupils := readDemoPupils(t)
	dir := t.TempDir()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"settle", "--demo"}, nil, &out, &errOut); code != 0 {
		t.Fatalf("settle --demo: exit %d\n%s", code, errOut.String())
	}
	posted := filepath.Join(dir, "收费结算-2026年秋季学期.xlsx")
	internal := filepath.Join(dir, "收费结算-2026年秋季学期-内部.xlsx")

	if leaks := privacyLeaks(t, posted, pupils); len(leaks) > 0 {
		t.Errorf("the posted workbook shows %d private items, among them %q", len(leaks), leaks[:min(len(leaks), 5)])
	}

	// The same check finds every name, every 学号 and every per-pupil
	// column in the internal workbook: it can fail.
	leaks := privacyLeaks(t, internal, pupils)
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

	// Nothing but the two settlements is left in the folder, and the run
	// record that says they were made: none of the demo's payouts.
	entries, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		t.Fatal(err)
	}
	entries = slices.DeleteFunc(entries, func(p string) bool { return filepath.Base(p) == "kfpay-记录.tsv" })
	if len(entries) != 2 {
		t.Errorf("settle --demo left %d files, want the 2 settlements: %q", len(entries), entries)
	}
}
