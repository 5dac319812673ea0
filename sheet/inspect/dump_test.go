package inspect

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kfpay/sheet/sheettest"
)

// handMadeWorkbook writes a workbook whose raw cell values the test controls:
// SetCellDefault stores a numeric string as the raw number it is.
func handMadeWorkbook(t *testing.T) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const s = "数据"
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", s))
	_, err := f.NewSheet("空表")
	must(err)

	style := func(st *excelize.Style) int {
		id, err := f.NewStyle(st)
		must(err)
		return id
	}
	custom := func(code string) int { return style(&excelize.Style{CustomNumFmt: &code}) }
	money := style(&excelize.Style{NumFmt: 4})
	percent := style(&excelize.Style{NumFmt: 9})
	percent1 := custom("0.0%")
	date := custom("yyyy-mm-dd")
	builtinDate := style(&excelize.Style{NumFmt: 14})
	dateTime := custom("yyyy-mm-dd hh:mm")

	type c struct {
		ref   string
		raw   any // a string is stored as a raw number when numeric (SetCellDefault), else text
		text  bool
		style int
	}
	for _, x := range []c{
		{"A1", "名称", true, 0}, {"B1", "值", true, 0},
		{"A2", "金额", true, 0}, {"B2", "1234.5", false, money},
		{"A3", "大额", true, 0}, {"B3", "1234567.891", false, money},
		{"A4", "文本数字", true, 0}, {"B4", "2", true, 0}, {"C4", "２", true, 0}, {"D4", "020", true, 0}, {"E4", "1234.5", true, money},
		// row 5 left blank
		{"A6", "整数", true, 0}, {"B6", "20", false, 0}, {"C6", "20.000", false, 0}, {"D6", 20.0, false, 0},
		{"A7", "小数", true, 0}, {"B7", "2.5", false, 0}, {"C7", "1.5E+3", false, 0},
		{"A8", "比例", true, 0}, {"B8", "0.3", false, percent}, {"C8", "0.125", false, percent}, {"D8", "0.125", false, percent1},
		{"A9", "日期", true, 0}, {"B9", "46266", false, date}, {"C9", "46266", false, builtinDate}, {"D9", "46266.5", false, dateTime}, {"E9", "2026/9/1", true, 0},
		{"A10", "转义", true, 0}, {"B10", "a\tb\nc\\d\r", true, 0},
		{"A11", "布尔", true, 0}, {"B11", true, false, 0},
		{"C12", "隔列", true, 0},
		{"A13", "尾", true, 0}, {"D13", nil, false, money},
		// Beyond the 15 digits a double holds, a value is the number it
		// stands for, as every reader of kfpay takes it; a fen fraction
		// within them is printed, not hidden by the format.
		{"A14", "浮点", true, 0}, {"B14", "0.30000000000000004", false, money},
		{"A15", "厘", true, 0}, {"B15", "0.305", false, money},
	} {
		switch v := x.raw.(type) {
		case string:
			if x.text {
				must(f.SetCellStr(s, x.ref, v))
			} else {
				must(f.SetCellDefault(s, x.ref, v))
			}
		case nil:
		default:
			must(f.SetCellValue(s, x.ref, v))
		}
		if x.style != 0 {
			must(f.SetCellStyle(s, x.ref, x.ref, x.style))
		}
	}
	path := filepath.Join(t.TempDir(), "hand.xlsx")
	must(f.SaveAs(path))
	return path
}

func TestDumpHandMade(t *testing.T) {
	want := strings.Join([]string{
		"== 数据 ==",
		"名称\t值",
		"金额\t1234.50",
		"大额\t1234567.891",
		"文本数字\t2\t２\t020\t1234.5",
		"整数\t20\t20\t20",
		"小数\t2.5\t1500",
		"比例\t30%\t12.5%\t12.5%",
		"日期\t2026-09-01\t2026-09-01\t2026-09-01 12:00:00\t2026/9/1",
		`转义	a\tb\nc\\d\r`,
		"布尔\tTRUE",
		"\t\t隔列",
		"尾",
		"浮点\t0.30",
		"厘\t0.305",
		"== 空表 ==",
		"",
	}, "\n")
	var b bytes.Buffer
	if err := Dump(&b, handMadeWorkbook(t)); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != want {
		t.Errorf("Dump differs:\n%s", sheettest.LineDiff(want, got))
	}
}

func TestDumpBadFiles(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "not.xlsx")
	if err := os.WriteFile(notZip, []byte("日期,教师\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(handMadeWorkbook(t))
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated.xlsx")
	if err := os.WriteFile(truncated, good[:len(good)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{notZip, truncated, filepath.Join(dir, "missing.xlsx")} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			var b bytes.Buffer
			if err := Dump(&b, path); err == nil {
				t.Errorf("Dump(%s) = nil error, output %q", filepath.Base(path), b.String())
			}
		})
	}
}

// TestReadSheet reads the hand-made workbook's rows as diff takes them:
// each cell's text as Dump prints it, its kind and its value.
func TestReadSheet(t *testing.T) {
	b, err := OpenBook(context.Background(), handMadeWorkbook(t))
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	rows, err := b.ReadSheet("数据")
	if err != nil {
		t.Fatal(err)
	}
	byNum := map[int]Row{}
	for _, r := range rows {
		byNum[r.Num] = r
	}
	if _, ok := byNum[5]; ok || len(rows) != 14 {
		t.Errorf("read %d rows, row 5 among them: %v; want 14 rows, the blank row 5 left out", len(rows), ok)
	}
	for _, tc := range []struct {
		row, col int
		want     Cell
		number   string
	}{
		{2, 1, Cell{"1234.50", CellNumber}, "1234.5"},
		{8, 1, Cell{"30%", CellPercent}, "0.3"},
		{8, 3, Cell{"12.5%", CellPercent}, "0.125"},
		{9, 1, Cell{"2026-09-01", CellDate}, "0"},
		{11, 1, Cell{"TRUE", CellBool}, "0"},
		{12, 0, Cell{}, "0"}, // the empty cells before 隔列
		{12, 2, Cell{"隔列", CellText}, "0"},
		{12, 3, Cell{}, "0"}, // past the last cell
		{4, 4, Cell{"1234.5", CellText}, "0"},
	} {
		r := byNum[tc.row]
		c := r.Cell(tc.col)
		if c != tc.want || c.Number().String() != tc.number {
			t.Errorf("row %d cell %d = %+v (value %s), want %+v (value %s)", tc.row, tc.col, c, c.Number(), tc.want, tc.number)
		}
	}
	if r := byNum[12]; r.Len() != 3 {
		t.Errorf("row 12 has %d cells, want 3: A and B empty, C 隔列", r.Len())
	}
}
