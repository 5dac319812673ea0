package xlsx

import (
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// excelizeWorkbook writes, with excelize, a workbook with what the readers
// meet in files from Excel, WPS and kfpay itself: a sheet of plain cells
// (numbers, shared strings, rich text, booleans, formulas without a cached
// value, percent and date formats, a hidden row, merges), a sheet written by
// a StreamWriter (inline strings, formulas with cached values), and a hidden
// and a very hidden sheet.
func excelizeWorkbook(t testing.TB, dir string, date1904 bool) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "数据"))
	set := func(cell string, v any) { t.Helper(); must(f.SetCellValue("数据", cell, v)) }
	set("A1", "日期")
	set("B1", "教师")
	set("C1", "节数")
	set("A2", 46296)
	set("B2", "张三")
	set("C2", 2)
	set("A3", 0.1)
	set("B3", "张三") // the same shared string again
	set("C3", int64(123456789012345678))
	set("D3", 1e-7)
	set("E3", true)
	set("F3", false)
	set("G3", "line1\r\nline2 _x000D_ & <tag>")
	set("H3", " 前后空格 ")
	must(f.SetCellRichText("数据", "A4", []excelize.RichTextRun{
		{Text: "上", Font: &excelize.Font{Bold: true}}, {Text: "课"},
	}))
	must(f.SetCellFormula("数据", "B4", "C2*2"))
	must(f.SetRowVisible("数据", 4, false))
	must(f.MergeCell("数据", "A6", "A7"))
	set("A6", "合并")

	// Row 10 on: one value per number format. The column says which.
	formats := []struct {
		numFmt int
		custom string
	}{
		{9, ""}, {10, ""}, {0, "0.0%"}, {0, `0.00%;[Red]-0.00%`},
		{14, ""}, {15, ""}, {16, ""}, {17, ""}, {18, ""}, {19, ""}, {20, ""}, {21, ""}, {22, ""},
		{0, `yyyy"年"m"月"d"日"`}, {0, `[$-804]yyyy"年"m"月"d"日";@`}, {0, "yyyy/m/d"}, {0, "[h]:mm"},
		{2, ""}, {4, ""}, {0, `#,##0.00"元"`}, {0, `0.00_ `}, {0, `[Red]0.00`}, {0, `"m"0`}, {0, `\d0`}, {49, ""},
	}
	for i, nf := range formats {
		st := &excelize.Style{NumFmt: nf.numFmt}
		if nf.custom != "" {
			st.CustomNumFmt = &nf.custom
		}
		id, err := f.NewStyle(st)
		must(err)
		cell, _ := excelize.CoordinatesToCellName(i+1, 10)
		set(cell, 0.3)
		must(f.SetCellStyle("数据", cell, cell, id))
	}

	_, err := f.NewSheet("流")
	must(err)
	sw, err := f.NewStreamWriter("流")
	must(err)
	must(sw.SetRow("A1", []any{"日期", "教师", "类型", "节数", "公式", "文本公式"}))
	for r := 2; r <= 30; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r)
		must(sw.SetRow(cell, []any{
			time.Date(2026, 9, r, 0, 0, 0, 0, time.UTC),
			fmt.Sprintf("教师%d", r%7),
			[]excelize.RichTextRun{{Text: "安全"}, {Text: "管理", Font: &excelize.Font{Italic: true}}},
			r % 3,
			excelize.Cell{Formula: "D" + strconv.Itoa(r) + "*2", Value: 2 * (r % 3)},
			excelize.Cell{Formula: `"x"&B` + strconv.Itoa(r), Value: "x教师"},
		}, excelize.RowOpts{Hidden: r == 5}))
	}
	must(sw.Flush())

	for _, s := range []struct {
		name     string
		veryHide bool
	}{{"隐藏", false}, {"很隐藏", true}} {
		_, err := f.NewSheet(s.name)
		must(err)
		must(f.SetCellValue(s.name, "B2", s.name))
		must(f.SetSheetVisible(s.name, false, s.veryHide))
	}
	if date1904 {
		must(f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}))
	}
	p := filepath.Join(dir, fmt.Sprintf("excelize-1904-%v.xlsx", date1904))
	must(f.SaveAs(p))
	return p
}

// TestSameAsExcelize is the check: on every test workbook, kfpay's
// reader and excelize read the same cells.
func TestSameAsExcelize(t *testing.T) {
	paths := txtarWorkbooks(t)
	paths = append(paths, excelizeWorkbook(t, t.TempDir(), false), excelizeWorkbook(t, t.TempDir(), true))
	more, _ := filepath.Glob("testdata/xlsx/*.xlsx")
	paths = append(paths, more...)
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) { sameAsExcelize(t, p) })
	}
}

func TestNoRefs(t *testing.T) {
	p := txtarWorkbook(t, "norefs")
	got := readAll(t, p, "Sheet1")
	c := func(col int, typ CellType, v string, style int, formula bool) Cell {
		return Cell{Col: col, Type: typ, Value: v, Style: style, Formula: formula}
	}
	want := map[int][]Cell{
		1: {c(1, CellString, "日期", 0, false), c(2, CellString, "教师", 0, false), c(3, CellString, "类型", 0, false)},
		2: {c(1, CellNumber, "46296", 2, false), c(2, CellNumber, "12.50", 0, false), c(5, CellString, "上课", 0, false), c(6, CellBool, "1", 0, false)},
		5: {c(2, CellError, "#DIV/0!", 0, false), c(3, CellString, "日期x", 0, true), c(4, CellNumber, "", 0, true), c(5, CellDate, "2026-09-01T00:00:00Z", 0, false)},
		6: {c(1, CellString, "张 三", 0, false), c(4, CellString, " 安全管理 ", 0, false), c(8, CellNumber, "0.3", 1, false)},
		7: nil,
		8: {c(1, CellString, "a <b> & 中文 \r _x000D_ <raw> & \nline2", 0, false), c(2, CellNumber, "1.0E-3", 0, false),
			c(3, CellNumber, "123456789012345678", 0, false), c(4, CellString, "inline without is", 0, false), c(5, CellNumber, "0.125", 4, false)},
		9: {c(1, CellString, "A\rB", 0, false), c(2, CellNumber, "7", 0, false)},
	}
	// Rich text with a bold run beside one in the cell's font: in a struck
	// style it would be partly struck (Cell.Struck).
	want[2][2].Strike = RunsPlain | RunsInherit
	want[6][0].Strike = RunsPlain | RunsInherit
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b []Cell) bool { return cmp.Equal(a, b) || len(a)+len(b) == 0 })); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}

	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	it, err := wb.Rows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var hidden []int
	for it.Next() {
		if it.Hidden() {
			hidden = append(hidden, it.Row())
		}
	}
	if want := []int{5}; !cmp.Equal(hidden, want) {
		t.Errorf("hidden rows = %v, want %v", hidden, want)
	}
	merged, err := wb.MergedCells("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if want := []Range{{1, 6, 1, 7}, {2, 1, 3, 1}}; !cmp.Equal(merged, want) {
		t.Errorf("MergedCells = %v, want %v", merged, want)
	}
	if !merged[0].Contains(1, 7) || merged[0].Contains(2, 7) {
		t.Errorf("%v.Contains is wrong", merged[0])
	}
}

// TestLineEnds checks that line ends in text read as encoding/xml reads them:
// a raw CR LF or CR is a LF, an escaped CR stays.
func TestLineEnds(t *testing.T) {
	p := oneSheet(t, sheetXML("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb\rc&#13;d\n</t></is></c>"+
		"<c r=\"B1\" t=\"str\"><v><![CDATA[x\r\ny]]></v></c></row>"), "")
	got := values(readAll(t, p, ""))
	want := map[int][]string{1: {"A1=a\nb\nc\rd\n", "B1=x\ny"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	sameAsExcelize(t, p)
}

func TestExcelizeWorkbook(t *testing.T) {
	p := excelizeWorkbook(t, t.TempDir(), false)
	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	want := []SheetInfo{{"数据", false}, {"流", false}, {"隐藏", true}, {"很隐藏", true}}
	if diff := cmp.Diff(want, wb.Sheets()); diff != "" {
		t.Errorf("Sheets() (-want +got):\n%s", diff)
	}
	if wb.Date1904() {
		t.Errorf("Date1904() = true, want false")
	}

	rows := readAll(t, p, "数据")
	cell := func(name string) Cell {
		col, row, err := excelize.CellNameToCoordinates(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range rows[row] {
			if c.Col == col {
				return c
			}
		}
		return Cell{}
	}
	for _, tc := range []struct {
		cell    string
		typ     CellType
		value   string
		formula bool
	}{
		{"A2", CellNumber, "46296", false},
		{"B3", CellString, "张三", false},
		{"C3", CellNumber, "123456789012345678", false},
		{"D3", CellNumber, "0.0000001", false},
		{"E3", CellBool, "1", false},
		{"F3", CellBool, "0", false},
		// excelize writes the CR LF as references, which stay, and the
		// literal _x000D_ unescaped, so that it reads back as a CR.
		{"G3", CellString, "line1\r\nline2 \r & <tag>", false},
		{"H3", CellString, " 前后空格 ", false},
		{"A4", CellString, "上课", false},
		{"B4", CellString, "", true}, // t="str", no cached value
	} {
		c := cell(tc.cell)
		if c.Type != tc.typ || c.Value != tc.value || c.Formula != tc.formula {
			t.Errorf("%s = %+v, want type %v value %q formula %v", tc.cell, c, tc.typ, tc.value, tc.formula)
		}
	}

	// Row 10: the formats in the order excelizeWorkbook set them.
	wantFlags := []string{
		"percent", "percent", "percent", "percent",
		"date", "date", "date", "date", "date", "date", "date", "date", "date",
		"date", "date", "date", "date",
		"", "", "", "", "", "", "", "",
	}
	for i, want := range wantFlags {
		c := rows[10][i]
		got := ""
		if wb.IsPercentStyle(c.Style) {
			got += "percent"
		}
		if wb.IsDateStyle(c.Style) {
			got += "date"
		}
		if got != want || c.Value != "0.3" {
			t.Errorf("%s (style %d): %q %q, want %q \"0.3\"", CellName(c.Col, 10), c.Style, got, c.Value, want)
		}
	}

	stream := readAll(t, p, "流")
	if got, want := values(map[int][]Cell{2: stream[2]})[2], []string{
		"A2=46267", "B2=教师2", "C2=安全管理", "D2=2", "E2=4", "F2=x教师",
	}; !cmp.Equal(got, want) {
		t.Errorf("流 row 2 = %q, want %q", got, want)
	}
	if c := stream[2][0]; !wb.IsDateStyle(c.Style) {
		t.Errorf("流!A2 style %d is not a date style", c.Style)
	}
	if c := stream[2][4]; !c.Formula || c.Type != CellNumber {
		t.Errorf("流!E2 = %+v, want a number formula", c)
	}
	if c := stream[2][5]; !c.Formula || c.Type != CellString {
		t.Errorf("流!F2 = %+v, want a text formula", c)
	}
}

func TestDate1904(t *testing.T) {
	for _, p := range []string{excelizeWorkbook(t, t.TempDir(), true), txtarWorkbook(t, "date1904")} {
		wb, err := Open(p)
		if err != nil {
			t.Fatal(err)
		}
		if !wb.Date1904() {
			t.Errorf("%s: Date1904() = false, want true", filepath.Base(p))
		}
		wb.Close()
	}
}

func TestSheetsHidden(t *testing.T) {
	p := txtarWorkbook(t, "date1904")
	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	want := []SheetInfo{{"隐藏", true}, {"Sheet1", false}, {"很隐藏", true}}
	if diff := cmp.Diff(want, wb.Sheets()); diff != "" {
		t.Errorf("Sheets() (-want +got):\n%s", diff)
	}
	// The sheet whose target is absolute reads too.
	if got := values(readAll(t, p, "隐藏")); !cmp.Equal(got, map[int][]string{3: {"C3=3"}}) {
		t.Errorf("隐藏 = %v", got)
	}
	if got := readAll(t, p, "很隐藏"); len(got) != 0 {
		t.Errorf("很隐藏 = %v, want no rows", got)
	}
	// Excel treats sheet names without regard to case.
	if got := values(readAll(t, p, "sheet1")); len(got[1]) != 1 {
		t.Errorf("sheet1 = %v", got)
	}
}

// TestOtherWriters reads the log that make_others.py writes with openpyxl
// and LibreOffice's copy of it: the same cells, styles and merges, except
// that only LibreOffice stores the formula's value.
func TestOtherWriters(t *testing.T) {
	for _, tc := range []struct {
		file    string
		formula string // cached value of E8
	}{
		{"openpyxl.xlsx", ""}, // openpyxl does not compute
		{"libreoffice.xlsx", "4"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			p := filepath.Join("testdata", "xlsx", tc.file)
			wb, err := Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			if got, want := wb.Sheets(), []SheetInfo{{"9月", false}, {"说明", true}, {"内部", true}}; !cmp.Equal(got, want) {
				t.Errorf("Sheets() = %v, want %v", got, want)
			}
			it, err := wb.Rows("9月")
			if err != nil {
				t.Fatal(err)
			}
			defer it.Close()
			got := map[string]string{}
			for it.Next() {
				for _, c := range it.Cells() {
					v := c.Value
					switch {
					case wb.IsPercentStyle(c.Style):
						v += " %"
					case wb.IsDateStyle(c.Style):
						v += " date"
					}
					if c.Formula {
						v += " ="
					}
					if it.Hidden() {
						v += " hidden"
					}
					got[CellName(c.Col, it.Row())] = v
				}
			}
			if err := it.Err(); err != nil {
				t.Fatal(err)
			}
			for cell, want := range map[string]string{
				"A1": "2026年9月课后服务登记表",
				"A3": "46266 date", "E3": "2", "F3": "0.3 %",
				"C4": "李 四", "F4": "0.125 %",
				"A5": "46268 date", "G5": "a\rb & <c>",
				"A6": "2026/9/4 hidden", "E6": "２ hidden",
				"E8": tc.formula + " =",
			} {
				if got[cell] != want {
					t.Errorf("%s = %q, want %q", cell, got[cell], want)
				}
			}
			merged, err := wb.MergedCells("9月")
			if err != nil || len(merged) != 1 || merged[0].String() != "A1:G1" {
				t.Errorf("MergedCells = %v, %v; want [A1:G1]", merged, err)
			}
		})
	}
}
