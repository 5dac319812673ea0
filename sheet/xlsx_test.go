package sheet

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// Test workbooks written by hand are kept as txtar archives under
// testdata/xlsx: each file in the archive is a part of the zip. The parts a
// test leaves out are filled from defaultParts, which make a one-sheet
// workbook named Sheet1 with a few styles (see xlsxStyles).

const nsMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

const xlsxStyles = `<styleSheet ` + nsMain + `>
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>
</styleSheet>`

var defaultParts = map[string]string{
	"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
	"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	"xl/workbook.xml":            `<workbook ` + nsMain + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
	"xl/styles.xml":              xlsxStyles,
}

// writeParts writes a zip with the given parts (and the defaults for those
// missing, unless bare) to dir/name and returns its path.
func writeParts(t testing.TB, dir, name string, parts map[string]string, bare bool) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	all := map[string]string{}
	if !bare {
		for k, v := range defaultParts {
			all[k] = v
		}
	}
	for k, v := range parts {
		all[k] = v
	}
	names := make([]string, 0, len(all))
	for k := range all {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(all[n]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
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
	return writeParts(t, t.TempDir(), name+".xlsx", parseTxtar(string(b)), false)
}

// parseTxtar reads the txtar format (golang.org/x/tools/txtar, which the
// module does not require): a comment, then files each introduced by a
// line "-- name --".
func parseTxtar(s string) map[string]string {
	files := map[string]string{}
	name := ""
	for _, line := range strings.SplitAfter(s, "\n") {
		if n, ok := strings.CutPrefix(strings.TrimRight(line, "\n"), "-- "); ok && strings.HasSuffix(n, " --") {
			name = strings.TrimSuffix(n, " --")
			files[name] = ""
			continue
		}
		if name != "" {
			files[name] += line
		}
	}
	return files
}

// readAll reads every row of a sheet, failing the test on an error.
func readAll(t testing.TB, path, sheet string) map[int][]rawCell {
	t.Helper()
	got, err := tryReadAll(path, sheet)
	if err != nil {
		t.Fatalf("reading %s %s: %v", filepath.Base(path), sheet, err)
	}
	return got
}

// tryReadAll reads every row of a sheet (the first when sheet is empty).
func tryReadAll(path, sheet string) (map[int][]rawCell, error) {
	wb, err := openWorkbook(path)
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
	got := map[int][]rawCell{}
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
	wb, err := openWorkbook(path)
	if err != nil {
		t.Fatalf("openWorkbook(%s): %v", path, err)
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
				cell := cellName(c.Col, r)
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

// excelizeRows reads a sheet the way EXCELIZE.md says to: Rows, raw values,
// every error checked. Rows with no value are left out.
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
func values(rows map[int][]rawCell) map[int][]string {
	out := map[int][]string{}
	for r, cells := range rows {
		for _, c := range cells {
			out[r] = append(out[r], cellName(c.Col, r)+"="+c.Value)
		}
	}
	return out
}
