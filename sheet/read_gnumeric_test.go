package sheet

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"kfpay/sheet/sheettest"
)

// TestReadGnumericDigits reads records as Gnumeric saves them: it computes in
// long double and writes 21 significant digits, so a typed 10.5% is stored
// as 0.104999999999999999997 and 33.3 as 33.2999999999999999993. Read
// exactly, the complaint took 0.52 instead of 0.53 of a 5.00 fee and the
// reward was refused for having more than two decimals.
func TestReadGnumericDigits(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "考核"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	percent, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		t.Fatal(err)
	}
	date, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for ref, v := range map[string]string{
		"A1": "日期", "B1": "教师", "C1": "事项", "D1": "比例", "E1": "金额",
		"B2": "王芳", "C2": "家长投诉",
		"B3": "陈静", "C3": "奖励",
	} {
		if err := f.SetCellStr(sheet, ref, v); err != nil {
			t.Fatal(err)
		}
	}
	// SetCellDefault stores a numeric text as the raw value of a number cell.
	for ref, raw := range map[string]string{
		// 2026-09-03, and a hair below it, as long double arithmetic may leave a date
		"A2": "46268", "A3": "46267.9999999999999999999",
		"D2": "0.104999999999999999997",
		"E3": "33.2999999999999999993",
	} {
		if err := f.SetCellDefault(sheet, ref, raw); err != nil {
			t.Fatal(err)
		}
	}
	for ref, style := range map[string]int{"A2": date, "A3": date, "D2": percent} {
		if err := f.SetCellStyle(sheet, ref, ref, style); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "考核记录.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}

	recs, _, problems := ReadRecords(context.Background(), path, "", september)
	if len(problems) > 0 {
		t.Fatalf("ReadRecords: %v", problems)
	}
	if len(recs) != 2 {
		t.Fatalf("ReadRecords read %d records, want 2", len(recs))
	}
	for i, r := range recs {
		if got := r.Date.String(); got != "2026-09-03" {
			t.Errorf("record %d: date %s, want 2026-09-03", i+1, got)
		}
	}
	if got := recs[0].Percent; got.String() != "0.105" {
		t.Errorf("D2 0.104999999999999999997 read as percent %s, want 0.105", got)
	}
	if got := recs[1].Amount; got.String() != "33.3" {
		t.Errorf("E3 33.2999999999999999993 read as amount %s, want 33.3", got)
	}
}

// TestReadColumnStyles reads records as Gnumeric writes them in a column
// that has a style: without an s attribute of their own. Gnumeric,
// LibreOffice and excelize show them in the column's format, so kfpay must
// too: the 30% typed into the 比例 column of kfpay's records template, saved
// by Gnumeric, was refused as a bare 0.3 ("比例须带百分号").
func TestReadColumnStyles(t *testing.T) {
	sheet := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet ` + sheettest.NSMain + `><cols><col min="1" max="1" style="2"/><col min="4" max="4" style="1"/></cols><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>日期</t></is></c><c r="B1" t="inlineStr"><is><t>教师</t></is></c><c r="C1" t="inlineStr"><is><t>事项</t></is></c><c r="D1" t="inlineStr"><is><t>比例</t></is></c></row>
<row r="2"><c r="A2"><v>46268</v></c><c r="B2" t="inlineStr"><is><t>王芳</t></is></c><c r="C2" t="inlineStr"><is><t>家长投诉</t></is></c><c r="D2"><v>0.300000000000000000011</v></c></row>
</sheetData></worksheet>`
	path := filepath.Join(t.TempDir(), "考核记录.xlsx")
	if err := sheettest.WriteParts(path, map[string]string{"xl/worksheets/sheet1.xml": sheet}, false); err != nil {
		t.Fatal(err)
	}
	recs, _, problems := ReadRecords(context.Background(), path, "", september)
	if len(problems) > 0 {
		t.Fatalf("ReadRecords: %v", problems)
	}
	if len(recs) != 1 || recs[0].Date.String() != "2026-09-03" || recs[0].Percent.String() != "0.3" {
		t.Errorf("ReadRecords = %+v, want one record of 2026-09-03 at 30%%", recs)
	}
}
