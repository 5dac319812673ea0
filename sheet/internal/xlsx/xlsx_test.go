package xlsx

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"kfpay/sheet/sheettest"
)

// Test workbooks written by hand are kept as txtar archives under
// testdata/xlsx: each file in the archive is a part of the zip. The parts a
// test leaves out are filled from sheettest.DefaultParts, which make a
// one-sheet workbook named Sheet1 with a few styles (see
// sheettest.PartStyles).

const nsMain = sheettest.NSMain

var defaultParts = sheettest.DefaultParts

// writeParts writes a zip with the given parts (and the defaults for those
// missing, unless bare) to dir/name and returns its path.
func writeParts(t testing.TB, dir, name string, parts map[string]string, bare bool) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := sheettest.WriteParts(p, parts, bare); err != nil {
		t.Fatal(err)
	}
	return p
}

// sheetXML wraps rows in a minimal worksheet.
func sheetXML(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet ` + nsMain + `><sheetData>` + rows + `</sheetData></worksheet>`
}

// oneSheet writes a workbook whose only sheet has the given XML, with
// sharedStrings.xml when sst is not empty.
func oneSheet(t testing.TB, sheet, sst string) string {
	t.Helper()
	parts := map[string]string{"xl/worksheets/sheet1.xml": sheet}
	if sst != "" {
		parts["xl/sharedStrings.xml"] = sst
	}
	return writeParts(t, t.TempDir(), "test.xlsx", parts, false)
}

// txtarWorkbooks builds a workbook from each testdata/xlsx/*.txtar and
// returns their paths.
func txtarWorkbooks(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob("testdata/xlsx/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/xlsx/*.txtar: %v", err)
	}
	var out []string
	for _, f := range files {
		out = append(out, txtarWorkbook(t, strings.TrimSuffix(filepath.Base(f), ".txtar")))
	}
	return out
}

// txtarWorkbook builds the workbook testdata/xlsx/name.txtar describes.
func txtarWorkbook(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "xlsx", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	return writeParts(t, t.TempDir(), name+".xlsx", sheettest.Parts(string(b)), false)
}

// readAll reads every row of a sheet, failing the test on an error.
func readAll(t testing.TB, path, sheet string) map[int][]Cell {
	t.Helper()
	got, err := tryReadAll(path, sheet)
	if err != nil {
		t.Fatalf("reading %s %s: %v", filepath.Base(path), sheet, err)
	}
	return got
}

// tryReadAll reads every row of a sheet (the first when sheet is empty).
func tryReadAll(path, sheet string) (map[int][]Cell, error) {
	wb, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	if sheet == "" {
		sheet = wb.Sheets()[0].Name
	}
	it, err := wb.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	got := map[int][]Cell{}
	for it.Next() {
		got[it.Row()] = slices.Clone(it.Cells())
	}
	return got, it.Err()
}

// sameAsExcelize checks that the reader sees the workbook at path as
// excelize does: the same worksheets in the same order, hidden alike, the
// same date system, and on every sheet the same raw cell values row by row
// (excelize's Rows with RawCellValue), the same hidden rows, style indexes,
// formulas and merges. Any test can call it on any workbook it has.
func sameAsExcelize(t *testing.T, path string) {
	t.Helper()
	wb, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	defer wb.Close()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("excelize.OpenFile(%s): %v", path, err)
	}
	defer f.Close()

	props, err := f.GetWorkbookProps()
	if err != nil {
		t.Fatal(err)
	}
	if d := props.Date1904 != nil && *props.Date1904; d != wb.Date1904() {
		t.Errorf("%s: Date1904() = %v, excelize %v", path, wb.Date1904(), d)
	}
	var exNames []string
	for _, name := range f.GetSheetList() {
		if _, other := wb.other[name]; !other {
			exNames = append(exNames, name)
		}
	}
	var names []string
	for _, s := range wb.Sheets() {
		names = append(names, s.Name)
		visible, err := f.GetSheetVisible(s.Name)
		if err != nil {
			t.Fatal(err)
		}
		if s.Hidden == visible {
			t.Errorf("%s %s: Hidden = %v, excelize visible = %v", path, s.Name, s.Hidden, visible)
		}
	}
	if diff := cmp.Diff(exNames, names); diff != "" {
		t.Errorf("%s: sheets differ from excelize (-excelize +ours):\n%s", path, diff)
	}

	for _, name := range names {
		want, wantHidden := excelizeRows(t, f, name)
		it, err := wb.Rows(name)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int][]string{}
		for it.Next() {
			r := it.Row()
			var row []string
			for _, c := range it.Cells() {
				for len(row) < c.Col-1 {
					row = append(row, "")
				}
				row = append(row, c.Value)
				cell := CellName(c.Col, r)
				if s, err := f.GetCellStyle(name, cell); err != nil || s != c.Style {
					t.Errorf("%s %s!%s: Style = %d, excelize %d (%v)", path, name, cell, c.Style, s, err)
				}
				if fx, err := f.GetCellFormula(name, cell); err != nil || (fx != "") != c.Formula {
					t.Errorf("%s %s!%s: Formula = %v, excelize %q (%v)", path, name, cell, c.Formula, fx, err)
				}
			}
			if row = trimRow(row); len(row) > 0 {
				got[r] = row
			}
			if it.Hidden() != wantHidden[r] {
				t.Errorf("%s %s row %d: Hidden() = %v, excelize %v", path, name, r, it.Hidden(), wantHidden[r])
			}
		}
		if err := it.Err(); err != nil {
			t.Errorf("%s %s: Err() = %v", path, name, err)
		}
		it.Close()
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s %s: cells differ from excelize (-excelize +ours):\n%s", path, name, diff)
		}

		merged, err := wb.MergedCells(name)
		if err != nil {
			t.Fatal(err)
		}
		exMerged, err := f.GetMergeCells(name)
		if err != nil {
			t.Fatal(err)
		}
		var gotM, wantM []string
		for _, m := range merged {
			gotM = append(gotM, m.String())
		}
		for _, m := range exMerged {
			wantM = append(wantM, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		if diff := cmp.Diff(wantM, gotM); diff != "" {
			t.Errorf("%s %s: merges differ from excelize (-excelize +ours):\n%s", path, name, diff)
		}
	}
}

// excelizeRows reads a sheet the only way excelize reads one faithfully:
// Rows, raw values, the error of every Columns call and of Rows checked
// (GetRows swallows errors: a bad cell reference at row 500 gave 499 rows and
// no error, measured with excelize v2.11.1; see ../shared/EXCELIZE.md).
// Rows with no value are left out.
func excelizeRows(t *testing.T, f *excelize.File, sheet string) (map[int][]string, map[int]bool) {
	t.Helper()
	rows, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cells, hidden := map[int][]string{}, map[int]bool{}
	for r := 1; rows.Next(); r++ {
		row, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("excelize %s row %d: %v", sheet, r, err)
		}
		if row = trimRow(row); len(row) > 0 {
			cells[r] = row
		}
		hidden[r] = rows.GetRowOpts().Hidden
	}
	if err := rows.Error(); err != nil {
		t.Fatalf("excelize %s: %v", sheet, err)
	}
	return cells, hidden
}

func trimRow(row []string) []string {
	for len(row) > 0 && row[len(row)-1] == "" {
		row = row[:len(row)-1]
	}
	return row
}

// values maps each row to its cells as "A1=value" strings, for readable
// comparisons.
func values(rows map[int][]Cell) map[int][]string {
	out := map[int][]string{}
	for r, cells := range rows {
		for _, c := range cells {
			out[r] = append(out[r], CellName(c.Col, r)+"="+c.Value)
		}
	}
	return out
}

// TestReadColumnStyles reads cells as Gnumeric writes them in a column that
// has a style: without an s attribute of their own. Gnumeric, LibreOffice
// and excelize show them in the column's format, so kfpay must too: the 30%
// typed into the 比例 column of kfpay's records template, saved by
// Gnumeric, was refused as a bare 0.3 ("比例须带百分号").
func TestReadColumnStyles(t *testing.T) {
	p := txtarWorkbook(t, "colstyles")
	got := map[string]int{}
	for row, cells := range readAll(t, p, "Sheet1") {
		for _, c := range cells {
			got[CellName(c.Col, row)] = c.Style
		}
	}
	// Styles of sheettest.PartStyles: 1 is 0%, 2 a date, 3 a 年月日 date, 4 0.0%.
	want := map[string]int{"A1": 2, "B1": 0, "C1": 1, "D1": 4, "E1": 0, "A2": 3, "C2": 3}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("styles (-want +got):\n%s", diff)
	}
}

// TestParseIntFormat: the number formats that pad a whole number with
// zeros between fixed text, as a school formats its 工号 column, and only
// those.
func TestParseIntFormat(t *testing.T) {
	for code, want := range map[string]string{
		`000`:          "001",
		`0000`:         "0001",
		`"T"000`:       "T001",
		`\T000`:        "T001",
		`"S1-T"00`:     "S1-T01",
		`000"号"`:       "001号",
		`0`:            "",
		`0.00`:         "",
		`000;-000`:     "",
		`@`:            "",
		`#,##0`:        "",
		`yyyy-mm-dd`:   "",
		`"T"000"`:      "",
		`[Red]000`:     "",
		`"a"0"b"0"c"0`: "",
	} {
		f := parseIntFormat(code)
		got := ""
		if f != nil {
			got = f.Show("1")
		}
		if got != want {
			t.Errorf("parseIntFormat(%s).Show(1) = %q, want %q", code, got, want)
		}
	}
}
