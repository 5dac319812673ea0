package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/sheet"
)

// The seal of a payout (issue 12): what a bursar legitimately does to a
// payout before it is read back keeps it; a changed figure breaks it, and
// the refusal names the first changed cell.

// demoPayout writes the demo month's payout into dir and returns its path.
func demoPayout(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "发放表-2026-09.xlsx")
	kfpay(t, "payroll", "--demo", "-o", out)
	return out
}

// editCells sets cells of a copy of src, as a bursar editing in Excel would,
// and returns the copy's path.
func editCells(t *testing.T, src, dst string, edits map[string]any) string {
	t.Helper()
	f, err := excelize.OpenFile(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for at, v := range edits {
		sheet, cell, _ := strings.Cut(at, "!")
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(dst); err != nil {
		t.Fatal(err)
	}
	return dst
}

// readBack reads a payout back as settle does, and returns its problems.
func readBack(t *testing.T, path string, opts ...sheet.PayoutOption) (sheet.InputFile, calc.Problems) {
	t.Helper()
	_, info, problems := sheet.ReadPayout(context.Background(), path, opts...)
	return info, problems
}

// wantEdited checks that problems is the one refusal of an edited payout,
// at cell, as an error.
func wantEdited(t *testing.T, problems calc.Problems, cell, was string) {
	t.Helper()
	errs := problems.Errors()
	if len(errs) != 1 || errs[0].Code != sheet.CodePayoutEdited {
		t.Fatalf("problems = %v, want one %s", problems, sheet.CodePayoutEdited)
	}
	if got := errs[0].Ref.Sheet + "!" + errs[0].Ref.Cell(); got != cell {
		t.Errorf("refusal at %s, want %s: %v", got, cell, errs[0])
	}
	if !strings.Contains(errs[0].Msg, "生成时为 "+was) {
		t.Errorf("refusal %q does not say the value was %s", errs[0].Msg, was)
	}
}

// TestSealKeptAndBroken: the demo payout reads back; a 实发合计 raised by
// 100 in one row and in the 合计 row alike (the example) is refused
// at the row's cell; a signature typed into 签字 is not an edit; and
// --accept-edited reads the edited payout with a warning and says so.
func TestSealKeptAndBroken(t *testing.T) {
	dir := t.TempDir()
	out := demoPayout(t, dir)
	if _, problems := readBack(t, out); len(problems) > 0 {
		t.Fatalf("the payout as written: %v", problems)
	}

	// Row 7 is the fifth person; the demo's 29 rows put 合计 in row 31.
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	net, _ := f.GetCellValue("发放明细", "O7", excelize.Options{RawCellValue: true})
	total, _ := f.GetCellValue("发放明细", "O31", excelize.Options{RawCellValue: true})
	name, _ := f.GetCellValue("发放明细", "C7")
	f.Close()
	if name == "" || net == "" || total == "" {
		t.Fatalf("O7 = %q (%s), O31 = %q: the layout moved", net, name, total)
	}
	raise := func(s string) float64 {
		d, _ := decimal.NewFromString(s)
		return d.InexactFloat64() + 100
	}
	edited := editCells(t, out, filepath.Join(dir, "改过.xlsx"), map[string]any{
		"发放明细!O7":  raise(net),
		"发放明细!O31": raise(total),
	})
	_, problems := readBack(t, edited)
	wantEdited(t, problems, "发放明细!O7", moneyText(net))

	signed := editCells(t, out, filepath.Join(dir, "签字.xlsx"), map[string]any{
		"发放明细!P3": "王芳", "发放明细!P4": "已领 9/30", "发放明细!P5": "备注：卡号已核",
	})
	if _, problems := readBack(t, signed); len(problems) > 0 {
		t.Errorf("a signature and a note broke the seal: %v", problems)
	}

	// Rows sorted another way (rows 3 and 4 swapped whole) are the same
	// figures.
	f, err = excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	swap := map[string]any{}
	for col := 'A'; col <= 'O'; col++ {
		a, _ := f.GetCellValue("发放明细", string(col)+"3", excelize.Options{RawCellValue: true})
		b, _ := f.GetCellValue("发放明细", string(col)+"4", excelize.Options{RawCellValue: true})
		swap["发放明细!"+string(col)+"3"], swap["发放明细!"+string(col)+"4"] = typed(b), typed(a)
	}
	f.Close()
	if _, problems := readBack(t, editCells(t, out, filepath.Join(dir, "排序.xlsx"), swap)); len(problems) > 0 {
		t.Errorf("two rows swapped broke the seal: %v", problems)
	}

	// A payout whose 校验码 was deleted has nothing to be checked against.
	unsealed := editCells(t, out, filepath.Join(dir, "无校验码.xlsx"), map[string]any{"计算说明!B" + sealRow(t, out): ""})
	if _, problems := readBack(t, unsealed); len(problems.Errors()) != 1 || problems.Errors()[0].Code != sheet.CodePayoutUnsealed {
		t.Errorf("no 校验码: problems = %v, want one %s", problems, sheet.CodePayoutUnsealed)
	}

	info, problems := readBack(t, edited, sheet.AcceptEdited())
	if len(problems.Errors()) > 0 || len(problems.Warnings()) != 1 {
		t.Fatalf("--accept-edited: problems = %v, want the refusal as one warning", problems)
	}
	if !strings.Contains(info.Edited, "发放明细!O7") || !strings.Contains(info.Edited, "--accept-edited") {
		t.Errorf("info.Edited = %q, want it to name 发放明细!O7 and --accept-edited", info.Edited)
	}
}

// TestSealOtherEdits: each kind of value the seal covers, changed, is
// refused at its cell: a count, a name, a 工号, a percent, a record's
// status, a record's date; a row deleted from 扣款明细 is refused too.
func TestSealOtherEdits(t *testing.T) {
	dir := t.TempDir()
	out := demoPayout(t, dir)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	get := func(sheet, cell string) string {
		v, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
		return v
	}
	cases := []struct {
		name  string
		edits map[string]any
		cell  string
		was   string
	}{
		{"lessons", map[string]any{"发放明细!D5": 99}, "发放明细!D5", get("发放明细", "D5")},
		{"name", map[string]any{"发放明细!C4": "李刚"}, "发放明细!C4", get("发放明细", "C4")},
		{"status", map[string]any{"扣款明细!G3": "不扣款"}, "扣款明细!G3", get("扣款明细", "G3")},
	}
	f.Close()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			edited := editCells(t, out, filepath.Join(dir, c.name+".xlsx"), c.edits)
			_, problems := readBack(t, edited)
			wantEdited(t, problems, c.cell, c.was)
		})
	}
}

// TestSealInRealPrograms: the payout opened and saved by LibreOffice and by
// Gnumeric reads back as it was written (they re-save every number, each
// its own way); edited and then saved by them, it is refused at the cell.
func TestSealInRealPrograms(t *testing.T) {
	progs := needPrograms(t)
	dir := t.TempDir()
	out := demoPayout(t, dir)
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	was, _ := f.GetCellValue("发放明细", "M9", excelize.Options{RawCellValue: true})
	f.Close()
	signed := editCells(t, out, filepath.Join(dir, "签字.xlsx"), map[string]any{"发放明细!P3": "王芳"})
	edited := editCells(t, out, filepath.Join(dir, "改过.xlsx"), map[string]any{"发放明细!M9": 1.5})

	lo := mkdir(t, filepath.Join(dir, "lo"))
	progs.libreOffice(t, lo, loXLSX, "", out, signed, edited)
	gn := mkdir(t, filepath.Join(dir, "gn"))
	for _, p := range []string{out, signed, edited} {
		progs.gnumeric(t, p, filepath.Join(gn, filepath.Base(p)))
	}
	for _, saved := range []string{lo, gn} {
		for _, name := range []string{filepath.Base(out), "签字.xlsx"} {
			p := filepath.Join(saved, name)
			if app := writtenBy(t, p); strings.Contains(app, "kfpay") || app == "" {
				t.Fatalf("%s was not rewritten (application %q)", p, app)
			}
			if _, problems := readBack(t, p); len(problems) > 0 {
				t.Errorf("%s, saved by %s: %v", name, writtenBy(t, p), problems)
			}
		}
		_, problems := readBack(t, filepath.Join(saved, "改过.xlsx"))
		wantEdited(t, problems, "发放明细!M9", moneyText(was))
	}
}

// moneyText is a raw amount as the seal shows it: two decimals.
func moneyText(raw string) string {
	d, err := decimal.NewFromString(raw)
	if err != nil {
		return raw
	}
	return d.StringFixed(2)
}

// typed is a raw cell value as the number or text it was.
func typed(raw string) any {
	if d, err := decimal.NewFromString(raw); err == nil {
		return d.InexactFloat64()
	}
	return raw
}

// sealRow is the row of 计算说明 that holds the 校验码.
func sealRow(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("计算说明")
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 0 && r[0] == "校验码" {
			return fmt.Sprint(i + 1)
		}
	}
	t.Fatal("no 校验码 row in 计算说明")
	return ""
}
