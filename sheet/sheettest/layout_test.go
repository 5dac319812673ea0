package sheettest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/xuri/excelize/v2"
)

func TestTitleMergedAcrossNextRow(t *testing.T) {
	path := build(t, `# title 2026年9月课后服务登记表
| 日期 | 教师 | 类型 | 节数 | 备注 |
| @2026-09-01 | 张三 | 上课 | 2 |
`)
	f := open(t, path)
	merges, err := f.GetMergeCells("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if len(merges) != 1 {
		t.Fatalf("GetMergeCells = %d ranges, want 1", len(merges))
	}
	m := merges[0]
	if got := m.GetStartAxis() + ":" + m.GetEndAxis(); got != "A1:E1" {
		t.Errorf("merged range = %s, want A1:E1", got)
	}
	if got := m.GetCellValue(); got != "2026年9月课后服务登记表" {
		t.Errorf("merged value = %q", got)
	}
	want := [][]string{
		{"2026年9月课后服务登记表"},
		{"日期", "教师", "类型", "节数", "备注"},
		{"46266", "张三", "上课", "2"},
	}
	if diff := cmp.Diff(want, cells(t, path, "Sheet1")); diff != "" {
		t.Errorf("Cells (-want +got):\n%s", diff)
	}
	if got, err := f.GetSheetDimension("Sheet1"); err != nil || got != "A1:E3" {
		t.Errorf("GetSheetDimension = %q, %v, want A1:E3", got, err)
	}
}

func TestTitleSkipsEmptyRows(t *testing.T) {
	path := build(t, "# title 考勤表\n\n# row 4\n|  | 1日 | 2日 |\n")
	merges, err := open(t, path).GetMergeCells("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if len(merges) != 1 || merges[0].GetStartAxis() != "A1" || merges[0].GetEndAxis() != "C1" {
		t.Errorf("GetMergeCells = %v, want A1:C1", merges)
	}
}

func TestMerge(t *testing.T) {
	path := build(t, `| 教师 | 类型 | 1 |
| 张三 | 上课 | 2 |
|      | 安全管理 | 1 |
# merge A2:A3
# sheet 二
| a |
# merge B2:C3
`)
	f := open(t, path)
	for sheet, want := range map[string]string{"Sheet1": "A2:A3", "二": "B2:C3"} {
		merges, err := f.GetMergeCells(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if len(merges) != 1 || merges[0].GetStartAxis()+":"+merges[0].GetEndAxis() != want {
			t.Errorf("GetMergeCells(%s) = %v, want %s", sheet, merges, want)
		}
	}
	// As Excel stores a merge: the value in its top-left cell only.
	if c := cellXML(part(t, path, "xl/worksheets/sheet1.xml"), "A3"); c != "" {
		t.Errorf("A3, under the top of a merge, is stored as %s; want no cell", c)
	}
	if got, err := f.GetSheetDimension("Sheet1"); err != nil || got != "A1:C3" {
		t.Errorf("GetSheetDimension = %q, %v, want A1:C3", got, err)
	}
}

func TestSheets(t *testing.T) {
	path := build(t, `# sheet 说明
# hidden
本表由教务处填写
# sheet 9月
# inline
| 日期 | 教师 |
# sheet 底稿
# veryhidden
| x |
`)
	f := open(t, path)
	if diff := cmp.Diff([]string{"说明", "9月", "底稿"}, f.GetSheetList()); diff != "" {
		t.Errorf("GetSheetList (-want +got):\n%s", diff)
	}
	for name, want := range map[string]bool{"说明": false, "9月": true, "底稿": false} {
		if got, err := f.GetSheetVisible(name); err != nil || got != want {
			t.Errorf("GetSheetVisible(%s) = %v, %v, want %v", name, got, err, want)
		}
	}
	if got := f.GetActiveSheetIndex(); got != 1 {
		t.Errorf("GetActiveSheetIndex = %d, want 1 (the first visible sheet)", got)
	}
	wb := part(t, path, "xl/workbook.xml")
	for _, want := range []string{`name="说明" sheetId="1" r:id="rId1" state="hidden"`, `name="底稿" sheetId="3" r:id="rId6" state="veryHidden"`} {
		if !strings.Contains(wb, want) {
			t.Errorf("workbook.xml lacks %s:\n%s", want, wb)
		}
	}
}

func TestFirstSheetIsSheet1(t *testing.T) {
	f := open(t, build(t, "a\n# sheet 二\nb\n"))
	if diff := cmp.Diff([]string{"Sheet1", "二"}, f.GetSheetList()); diff != "" {
		t.Errorf("GetSheetList (-want +got):\n%s", diff)
	}
}

func TestRows(t *testing.T) {
	path := build(t, `| 教师 | 节数 |
| 张三 | 2 |

# hiddenrow
| 李四 | 1 |
# row 8
| 王五 | 3 |
# hiddenrow

| | |
		x
`)
	want := [][]string{
		{"教师", "节数"},
		{"张三", "2"},
		{},
		{"李四", "1"},
		{}, {}, {},
		{"王五", "3"},
		{},
		{},
		{"", "", "x"},
	}
	if diff := cmp.Diff(want, cells(t, path, "Sheet1"), cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("Cells (-want +got):\n%s", diff)
	}
	f := open(t, path)
	for row := 1; row <= 11; row++ {
		want := row != 4 && row != 9
		if got, err := f.GetRowVisible("Sheet1", row); err != nil || got != want {
			t.Errorf("GetRowVisible(%d) = %v, %v, want %v", row, got, err, want)
		}
	}
	if got, err := f.GetSheetDimension("Sheet1"); err != nil || got != "A1:C11" {
		t.Errorf("GetSheetDimension = %q, %v, want A1:C11", got, err)
	}
}

func TestTabAndPipeRows(t *testing.T) {
	path := build(t, "日期\t教师\t 节数 \n| 日期 | 教师 |  节数\n\t\"a\tb\"\t\n| \"a|b\" | =IF(A1=\"|\",1,2) |\n")
	want := [][]string{
		{"日期", "教师", " 节数 "},
		{"日期", "教师", "节数"},
		{"", "a\tb"},
		{"a|b", ""},
	}
	if diff := cmp.Diff(want, cells(t, path, "Sheet1")); diff != "" {
		t.Errorf("Cells (-want +got):\n%s", diff)
	}
	if got, err := open(t, path).GetCellFormula("Sheet1", "B4"); err != nil || got != `IF(A1="|",1,2)` {
		t.Errorf(`GetCellFormula(B4) = %q, %v, want IF(A1="|",1,2)`, got, err)
	}
}

func TestInlineStrings(t *testing.T) {
	path := build(t, `# sheet 流式
# inline
| 教师 | 节数 | 备注 |
| 张三 | '2 | " 补 & 登 " |
| "李\u3000四" | 2 | =B2&"节"=>"2节" |
# sheet 普通
| 教师 | 节数 |
`)
	inline := part(t, path, "xl/worksheets/sheet1.xml")
	if strings.Contains(inline, `t="s"`) {
		t.Errorf("inline sheet has shared strings:\n%s", inline)
	}
	for ref, want := range map[string]string{
		"A1": `<c r="A1" t="inlineStr"><is><t>教师</t></is></c>`,
		"B2": `<c r="B2" t="inlineStr"><is><t>2</t></is></c>`,
		"C2": `<c r="C2" t="inlineStr"><is><t xml:space="preserve"> 补 &amp; 登 </t></is></c>`,
		"B3": `<c r="B3"><v>2</v></c>`,
		"C3": `<c r="C3" t="str"><f>B2&amp;&#34;节&#34;</f><v>2节</v></c>`,
	} {
		if got := cellXML(inline, ref); got != want {
			t.Errorf("cell %s = %s, want %s", ref, got, want)
		}
	}
	shared := part(t, path, "xl/worksheets/sheet2.xml")
	if strings.Contains(shared, "inlineStr") || !strings.Contains(shared, `<c r="A1" t="s">`) {
		t.Errorf("default sheet does not use shared strings:\n%s", shared)
	}
	want := [][]string{
		{"教师", "节数", "备注"},
		{"张三", "2", " 补 & 登 "},
		{"李\u3000四", "2", "2节"},
	}
	if diff := cmp.Diff(want, cells(t, path, "流式")); diff != "" {
		t.Errorf("Cells (-want +got):\n%s", diff)
	}
}

func TestFormulaXML(t *testing.T) {
	path := build(t, "=SUM(B1:B3)\n=SUM(B1:B3)=>12\n=B1&\"老师\"=>\"张三老师\"\n=B1=>\"\"\n")
	sheet := part(t, path, "xl/worksheets/sheet1.xml")
	for ref, want := range map[string]string{
		"A1": `<c r="A1" t="str"><f>SUM(B1:B3)</f></c>`,
		"A2": `<c r="A2"><f>SUM(B1:B3)</f><v>12</v></c>`,
		"A3": `<c r="A3" t="str"><f>B1&amp;&#34;老师&#34;</f><v>张三老师</v></c>`,
		"A4": `<c r="A4" t="str"><f>B1</f><v></v></c>`,
	} {
		if got := cellXML(sheet, ref); got != want {
			t.Errorf("cell %s = %s, want %s", ref, got, want)
		}
	}
	want := [][]string{{""}, {"12"}, {"张三老师"}, {""}}
	if diff := cmp.Diff(want, cells(t, path, "Sheet1")); diff != "" {
		t.Errorf("Cells (-want +got):\n%s", diff)
	}
}

func TestDate1904(t *testing.T) {
	date := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		desc     string
		date1904 bool
		serial   string
	}{
		{"1900 system", "@2026-09-01\n", false, "46266"},
		{"1904 system", "# date1904\n@2026-09-01\n", true, "44804"},
		// The date system is the workbook's, whatever line names it.
		{"1904 named after the date", "@2026-09-01\n# sheet 二\n# date1904\n", true, "44804"},
		{"first day of 1904 system", "# date1904\n@1904-01-01\n", true, "0"},
		{"first day after Excel's 1900-02-29", "@1900-03-01\n", false, "61"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := build(t, tt.desc)
			if got := cells(t, path, "Sheet1")[0][0]; got != tt.serial {
				t.Errorf("serial = %s, want %s", got, tt.serial)
			}
			f := open(t, path)
			props, err := f.GetWorkbookProps()
			if err != nil {
				t.Fatal(err)
			}
			if got := props.Date1904 != nil && *props.Date1904; got != tt.date1904 {
				t.Errorf("Date1904 = %v, want %v", got, tt.date1904)
			}
		})
	}
	// Check the serials against excelize's own conversion.
	for _, date1904 := range []bool{false, true} {
		serial := map[bool]float64{false: 46266, true: 44804}[date1904]
		if got, err := excelize.ExcelDateToTime(serial, date1904); err != nil || !got.Equal(date) {
			t.Errorf("ExcelDateToTime(%v, %v) = %v, %v, want %v", serial, date1904, got, err, date)
		}
	}
}

func TestSameDescriptionSameBytes(t *testing.T) {
	desc := []byte("# sheet 一\n# inline\n| a | =1=>1 |\n# sheet 二\n| b | 30% | @2026-09-01 |\n# sheet 三\n# hidden\n| c |\n")
	dir := t.TempDir()
	var got [][]byte
	for _, name := range []string{"a.xlsx", "b.xlsx"} {
		path := filepath.Join(dir, name)
		if err := Build(path, desc); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, data)
	}
	if !bytes.Equal(got[0], got[1]) {
		t.Error("two builds of one description differ")
	}
}

// cells returns Cells(path, sheet) or stops the test.
func cells(t *testing.T, path, sheet string) [][]string {
	t.Helper()
	rows, err := Cells(path, sheet)
	if err != nil {
		t.Fatalf("Cells(%s) = %v", sheet, err)
	}
	return rows
}
