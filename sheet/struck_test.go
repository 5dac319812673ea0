package sheet

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/rules"
)

// TestStruckRow: a bursar who strikes a row through (Excel's Ctrl+5, WPS's
// 删除线) to cancel it has not deleted it, and kfpay pays it, as Excel's SUM
// would count it. The row is read and paid, with a warning at its first
// struck cell (a struck 备注 too: kfpay cannot tell what the line meant);
// a font whose strike is switched off says nothing.
func TestStruckRow(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"日期", "教师", "类型", "节数", "备注"},
		{"2026-09-01", "王芳", "上课", 2, ""},
		{"2026-09-02", "王芳", "上课", 3, ""},   // struck from B: cancelled, but still a row
		{"2026-09-03", "李强", "上课", 1, "代课"}, // only 备注 struck
		{"2026-09-04", "李强", "上课", 1, ""},   // a font whose strike is off
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	struck, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Strike: true}})
	if err != nil {
		t.Fatal(err)
	}
	plain, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Strike: false}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []struct {
		from, to string
		style    int
	}{{"B3", "D3", struck}, {"E4", "E4", struck}, {"A5", "D5", plain}} {
		if err := f.SetCellStyle("Sheet1", s.from, s.to, s.style); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "课时登记.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	r := rules.Default()
	tl := calc.NewTally(r, september)
	_, problems := ReadSessions(context.Background(), path, "", r, tl)
	if errs := problems.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	var got []string
	for _, p := range problems {
		if p.Code == "struck-row" {
			got = append(got, p.Ref.String()+" "+p.Msg)
		}
	}
	want := "课时登记.xlsx Sheet1!B3 第 3 行的内容带删除线，已照常读取；如这一行已作废，请删除该行\n" +
		"课时登记.xlsx Sheet1!E4 第 4 行的内容带删除线，已照常读取；如这一行已作废，请删除该行"
	if strings.Join(got, "\n") != want {
		t.Errorf("struck-row warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	// Still paid: 王芳 2 + 3 = 5 lessons, 李强 1 + 1 = 2.
	p, _ := calc.Payroll(r, tl, nil)
	var paid []string
	for _, l := range p.Lines {
		paid = append(paid, l.Name+" "+l.Lessons.String())
	}
	if got, want := strings.Join(paid, ", "), "李强 2, 王芳 5"; got != want {
		t.Errorf("paid %s, want %s", got, want)
	}
}
