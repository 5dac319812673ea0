package main

// Readers for the real-program tests of realapps_test.go: kfpay's own dump,
// the raw XML kfpay wrote, and what LibreOffice and Gnumeric make of a
// workbook. Every view ends as a grid: the rows that hold a value, in sheet
// order, each cut after its last value, which is how Dump lays a sheet out,
// so that the views line up row for row and column for column.

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"kfpay/sheet/inspect"
)

// shownCell is a cell as a program shows it: its text, and whether the
// program holds it as a number (a date or percent is a number too).
type shownCell struct {
	text   string
	number bool
}

// grid is a sheet as a list of the rows that hold a value.
type grid [][]shownCell

// appendRow appends cells to g as a row, cut after its last non-empty cell;
// a row with no value is left out, as Dump leaves it out.
func (g grid) appendRow(cells []shownCell) grid {
	last := -1
	for i, c := range cells {
		if c.text != "" {
			last = i
		}
	}
	if last < 0 {
		return g
	}
	return append(g, cells[:last+1])
}

// dumpSheets returns kfpay's dump of the workbook at path: each sheet's rows
// with their fields unescaped, and the sheet names in workbook order.
func dumpSheets(t *testing.T, path string) (map[string][][]string, []string) {
	t.Helper()
	var b bytes.Buffer
	if err := inspect.Dump(&b, path); err != nil {
		t.Fatal(err)
	}
	unescape := strings.NewReplacer(`\\`, `\`, `\t`, "\t", `\r`, "\r", `\n`, "\n").Replace
	sheets := map[string][][]string{}
	var names []string
	var cur string
	for _, line := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if name, ok := strings.CutPrefix(line, "== "); ok && strings.HasSuffix(name, " ==") {
			cur = unescape(strings.TrimSuffix(name, " =="))
			names = append(names, cur)
			sheets[cur] = nil
			continue
		}
		fields := strings.Split(line, "\t")
		for i := range fields {
			fields[i] = unescape(fields[i])
		}
		sheets[cur] = append(sheets[cur], fields)
	}
	return sheets, names
}

// rawCell is a cell as kfpay wrote it in the sheet XML.
type rawCell struct {
	ref        string
	number     bool   // no t attribute, or t="n"
	hasFormula bool   // an <f> element, which is empty in a shared formula's cells
	formula    string // its text
	value      string // <v>, with a shared string resolved; inline text for t="inlineStr"
	numFmtID   int    // the number format of the cell's style
	numFmtCode string // its code, for a custom format
}

// rawSheet is a sheet as kfpay wrote it.
type rawSheet struct {
	name string
	rows []rawRow
}

// rawRow is a row of a sheet: its number and its cells by column, nil where
// there is none.
type rawRow struct {
	num   int
	cells []*rawCell
}

// valueRows returns the rows that hold a value, as Dump decides it: a cell
// whose value is empty text counts as empty.
func (s rawSheet) valueRows() []rawRow {
	var rows []rawRow
	for _, r := range s.rows {
		if slices.ContainsFunc(r.cells, func(c *rawCell) bool { return c != nil && c.value != "" }) {
			rows = append(rows, r)
		}
	}
	return rows
}

// xlsxPart reads the part name of the zip archive zr.
func xlsxPart(zr *zip.Reader, name string) ([]byte, error) {
	f, err := zr.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// unmarshalPart decodes the XML part name of the workbook p, open in zr,
// into v.
func unmarshalPart(t *testing.T, zr *zip.Reader, p, name string, v any) {
	t.Helper()
	data, err := xlsxPart(zr, name)
	if err == nil {
		err = xml.Unmarshal(data, v)
	}
	if err != nil {
		t.Fatalf("%s %s: %v", p, name, err)
	}
}

// workbookSheets lists the sheets of the workbook p, open in zr, in order,
// and the path of each one's part, from the workbook's XML.
func workbookSheets(t *testing.T, zr *zip.Reader, p string) (names, parts []string) {
	t.Helper()
	part := func(name string, v any) { t.Helper(); unmarshalPart(t, zr, p, name, v) }
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	part("xl/workbook.xml", &wb)
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	part("xl/_rels/workbook.xml.rels", &rels)
	for _, s := range wb.Sheets {
		target := ""
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				target = r.Target
			}
		}
		if strings.HasPrefix(target, "/") {
			target = target[1:]
		} else {
			target = path.Join("xl", target)
		}
		names, parts = append(names, s.Name), append(parts, target)
	}
	return names, parts
}

// readRawXLSX reads the sheets of the workbook at p straight from its XML,
// without excelize or kfpay's reader: the test must not check kfpay's writer
// with kfpay's own reading of it.
func readRawXLSX(t *testing.T, p string) []rawSheet {
	t.Helper()
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	part := func(name string, v any) { t.Helper(); unmarshalPart(t, &zr.Reader, p, name, v) }
	names, parts := workbookSheets(t, &zr.Reader, p)
	var styles struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	part("xl/styles.xml", &styles)
	codes := map[int]string{}
	for _, f := range styles.NumFmts {
		codes[f.ID] = f.Code
	}
	var strs struct {
		SI []struct {
			T string   `xml:"t"`
			R []string `xml:"r>t"`
		} `xml:"si"`
	}
	if data, err := xlsxPart(&zr.Reader, "xl/sharedStrings.xml"); err == nil { // a workbook without text has none
		if err := xml.Unmarshal(data, &strs); err != nil {
			t.Fatalf("%s xl/sharedStrings.xml: %v", p, err)
		}
	}

	var out []rawSheet
	for i, name := range names {
		target := parts[i]
		var ws struct {
			Rows []struct {
				R     int `xml:"r,attr"`
				Cells []struct {
					R string `xml:"r,attr"`
					S int    `xml:"s,attr"`
					T string `xml:"t,attr"`
					F *struct {
						Text string `xml:",chardata"`
					} `xml:"f"`
					V  string `xml:"v"`
					IS struct {
						T string   `xml:"t"`
						R []string `xml:"r>t"`
					} `xml:"is"`
				} `xml:"c"`
			} `xml:"sheetData>row"`
		}
		part(target, &ws)
		rs := rawSheet{name: name}
		for i, row := range ws.Rows {
			num := row.R
			if num == 0 {
				num = i + 1 // r is optional; kfpay writes it
			}
			var cells []*rawCell
			for _, c := range row.Cells {
				col, err := columnIndex(c.R)
				if err != nil {
					t.Fatalf("%s %s: %v", p, name, err)
				}
				rc := &rawCell{ref: c.R, number: c.T == "" || c.T == "n", value: c.V}
				if c.F != nil {
					rc.hasFormula, rc.formula = true, c.F.Text
				}
				switch c.T {
				case "s":
					i, err := strconv.Atoi(c.V)
					if err != nil || i < 0 || i >= len(strs.SI) {
						t.Fatalf("%s %s!%s: bad shared string index %q", p, name, c.R, c.V)
					}
					rc.value = strs.SI[i].T + strings.Join(strs.SI[i].R, "")
				case "inlineStr":
					rc.value = c.IS.T + strings.Join(c.IS.R, "")
				}
				if c.S < len(styles.Xfs) {
					rc.numFmtID = styles.Xfs[c.S].NumFmtID
					rc.numFmtCode = codes[rc.numFmtID]
				}
				for len(cells) <= col {
					cells = append(cells, nil)
				}
				cells[col] = rc
			}
			rs.rows = append(rs.rows, rawRow{num: num, cells: cells})
		}
		out = append(out, rs)
	}
	return out
}

// hasNumberFormat reports whether the cell's style shows a number: any
// built-in format but General (0) and Text (49), or a custom code.
func (c *rawCell) hasNumberFormat() bool {
	if c.numFmtCode != "" {
		return c.numFmtCode != "General" && c.numFmtCode != "@"
	}
	return c.numFmtID != 0 && c.numFmtID != 49
}

// formatName names the cell's number format in a failure message.
func (c *rawCell) formatName() string {
	if c.numFmtCode != "" {
		return strconv.Quote(c.numFmtCode)
	}
	return fmt.Sprintf("built-in format %d", c.numFmtID)
}

// columnIndex returns the 0-based column of a cell reference such as AB12.
func columnIndex(ref string) (int, error) {
	col := 0
	i := 0
	for ; i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z'; i++ {
		col = col*26 + int(ref[i]-'A'+1)
	}
	if i == 0 || i == len(ref) {
		return 0, fmt.Errorf("bad cell reference %q", ref)
	}
	return col - 1, nil
}

// columnName returns the letters of the 0-based column col: 0 is A, 26 AA.
func columnName(col int) string {
	name := ""
	for col++; col > 0; col = (col - 1) / 26 {
		name = string(rune('A'+(col-1)%26)) + name
	}
	return name
}

// csvField is one field of a CSV file, and whether it was quoted.
type csvField struct {
	text   string
	quoted bool
}

// readQuotedCSV parses a comma-separated file that quotes with ", keeping
// whether each field was quoted: LibreOffice, asked to quote all text cells,
// quotes text and never a number, which is how the test tells them apart.
func readQuotedCSV(data []byte) ([][]csvField, error) {
	s := strings.TrimPrefix(string(data), "\ufeff")
	var records [][]csvField
	var rec []csvField
	for i := 0; i < len(s); {
		var f csvField
		if s[i] == '"' {
			f.quoted = true
			var b strings.Builder
			for i++; ; i++ {
				if i >= len(s) {
					return nil, fmt.Errorf("record %d: unterminated quote", len(records)+1)
				}
				if s[i] == '"' {
					if i+1 < len(s) && s[i+1] == '"' {
						b.WriteByte('"')
						i++
						continue
					}
					i++
					break
				}
				b.WriteByte(s[i])
			}
			f.text = b.String()
		} else {
			j := strings.IndexAny(s[i:], ",\n")
			if j < 0 {
				j = len(s) - i
			}
			f.text = strings.TrimSuffix(s[i:i+j], "\r")
			i += j
		}
		rec = append(rec, f)
		switch {
		case i >= len(s):
			records = append(records, rec)
		case s[i] == ',':
			i++
			if i == len(s) {
				records = append(records, append(rec, csvField{}))
			}
		case s[i] == '\n' || strings.HasPrefix(s[i:], "\r\n"):
			if s[i] == '\r' {
				i++
			}
			i++
			records = append(records, rec)
			rec = nil
		default:
			return nil, fmt.Errorf("record %d: text after a closing quote", len(records)+1)
		}
	}
	return records, nil
}

// libreOfficeGrid reads one sheet's CSV written by LibreOffice with text
// cells quoted.
func libreOfficeGrid(t *testing.T, csvPath string) grid {
	t.Helper()
	data, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	records, err := readQuotedCSV(data)
	if err != nil {
		t.Fatalf("%s: %v", csvPath, err)
	}
	var g grid
	for _, rec := range records {
		cells := make([]shownCell, len(rec))
		for i, f := range rec {
			cells[i] = shownCell{text: f.text, number: !f.quoted && f.text != ""}
		}
		g = g.appendRow(cells)
	}
	return g
}

// gnumericTypes reads the cell types of a workbook that ssconvert saved in
// Gnumeric's own format (gzipped XML), where each cell carries a ValueType:
// 40 is a number, 60 text, 20 a boolean. A formula cell carries none, read
// as gnumericFormula. The result is by sheet name, then by zero-based row
// and column.
func gnumericTypes(t *testing.T, p string) map[string]map[[2]int]int {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	var wb struct {
		Sheets []struct {
			Name  string `xml:"Name"`
			Cells []struct {
				Row       int `xml:"Row,attr"`
				Col       int `xml:"Col,attr"`
				ValueType int `xml:"ValueType,attr"`
			} `xml:"Cells>Cell"`
		} `xml:"Sheets>Sheet"`
	}
	if err := xml.NewDecoder(zr).Decode(&wb); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	types := map[string]map[[2]int]int{}
	for _, s := range wb.Sheets {
		m := map[[2]int]int{}
		for _, c := range s.Cells {
			m[[2]int{c.Row, c.Col}] = c.ValueType
		}
		types[s.Name] = m
	}
	return types
}

// Gnumeric's value types (its GnmValueType), and the zero of a formula
// cell, which has no ValueType attribute.
const (
	gnumericFormula = 0
	gnumericNumber  = 40
)

// gnumericGrid reads one sheet's CSV written by ssconvert with raw values,
// with the cell types of the same sheet from gnumericTypes.
func gnumericGrid(t *testing.T, csvPath string, types map[[2]int]int) grid {
	t.Helper()
	f, err := os.Open(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", csvPath, err)
	}
	var g grid
	for row, rec := range records {
		cells := make([]shownCell, len(rec))
		for col, text := range rec {
			typ := types[[2]int{row, col}]
			number := typ == gnumericNumber
			if typ == gnumericFormula && text != "" {
				// Gnumeric's own format keeps a formula's expression, not
				// the type of its value: the recalculated value decides.
				_, number = figure(text)
			}
			cells[col] = shownCell{text: text, number: number}
		}
		g = g.appendRow(cells)
	}
	return g
}

// doubleDigits is how many significant decimal digits a spreadsheet's
// binary number holds for certain (C's DBL_DIG); Excel shows no more.
const doubleDigits = 15

// sameFigure reports whether a and b are the same number to doubleDigits
// significant digits. Gnumeric computes in long double and shows kfpay's
// 838.46 as 838.46000000000000002 in a raw CSV: the same number, read
// back in the precision it was written with.
func sameFigure(a, b decimal.Decimal) bool {
	return significant(a, doubleDigits).Equal(significant(b, doubleDigits))
}

// significant rounds d to n significant digits.
func significant(d decimal.Decimal, n int) decimal.Decimal {
	if d.IsZero() {
		return d
	}
	// d is coefficient × 10^exponent; its leading digit is at 10^lead.
	lead := int(d.Exponent()) + d.NumDigits() - 1
	return d.Round(int32(n - 1 - lead))
}

// excelEpoch is day 0 of Excel's 1900 date system, the one kfpay writes.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// figure reads a number as kfpay's dump or a program shows it: 1234.50 or
// 1234.5, 30% or 0.3, and a date 2026-09-08 as its serial day number 46273,
// which is what Gnumeric's raw CSV shows for it.
func figure(s string) (decimal.Decimal, bool) {
	if pct, ok := strings.CutSuffix(s, "%"); ok {
		d, err := decimal.NewFromString(pct)
		return d.Shift(-2), err == nil
	}
	if day, err := time.Parse(time.DateOnly, s); err == nil {
		return decimal.NewFromInt(int64(day.Sub(excelEpoch).Hours() / 24)), true
	}
	d, err := decimal.NewFromString(s)
	if err != nil || strings.ContainsAny(s, "eE") {
		return decimal.Zero, false
	}
	return d, true
}

// TestReadQuotedCSV checks the CSV reader the LibreOffice checks rest on:
// a quoted field is text however it looks, an unquoted one is a number.
func TestReadQuotedCSV(t *testing.T) {
	in := "\"a\",1,\"2\",,30%\r\n\"x\"\"y\",\"two\nlines\",\n\"\",last"
	want := [][]csvField{
		{{"a", true}, {"1", false}, {"2", true}, {"", false}, {"30%", false}},
		{{`x"y`, true}, {"two\nlines", true}, {"", false}},
		{{"", true}, {"last", false}},
	}
	got, err := readQuotedCSV([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(csvField{})); diff != "" {
		t.Errorf("readQuotedCSV(%q) mismatch (-want +got):\n%s", in, diff)
	}
	for _, bad := range []string{`"open`, `"a"b`} {
		if _, err := readQuotedCSV([]byte(bad)); err == nil {
			t.Errorf("readQuotedCSV(%q) = nil error, want one", bad)
		}
	}
}

// TestFigure checks that the dump's and the programs' ways of showing one
// figure read as the same number.
func TestFigure(t *testing.T) {
	for _, same := range [][]string{
		{"1234.50", "1234.5"},
		{"30%", "0.3"},
		{"12.5%", "0.125"},
		{"2026-09-08", "46273"},
		{"0.00", "0"},
	} {
		a, okA := figure(same[0])
		b, okB := figure(same[1])
		if !okA || !okB || !a.Equal(b) {
			t.Errorf("figure(%q) = %v, %v; figure(%q) = %v, %v; want the same number", same[0], a, okA, same[1], b, okB)
		}
	}
	for _, same := range [][2]string{
		{"838.46", "838.46000000000000002"},
		{"0.105", "0.104999999999999999997"},
		{"12345678901234.5", "12345678901234.50000001"},
	} {
		a, _ := figure(same[0])
		b, _ := figure(same[1])
		if !sameFigure(a, b) {
			t.Errorf("sameFigure(%s, %s) = false, want true", a, b)
		}
	}
	for _, differ := range [][2]string{{"838.46", "838.47"}, {"0.105", "0.1049999999999"}, {"1", "-1"}, {"0", "0.0000001"}} {
		a, _ := figure(differ[0])
		b, _ := figure(differ[1])
		if sameFigure(a, b) {
			t.Errorf("sameFigure(%s, %s) = true, want false", a, b)
		}
	}
	for _, text := range []string{"", "T01", "1,234.50", "2026年9月", "1e3"} {
		if d, ok := figure(text); ok {
			t.Errorf("figure(%q) = %v, want no figure", text, d)
		}
	}
	for col, name := range map[int]string{0: "A", 25: "Z", 26: "AA", 701: "ZZ", 702: "AAA"} {
		if got := columnName(col); got != name {
			t.Errorf("columnName(%d) = %q, want %q", col, got, name)
		}
		if got, err := columnIndex(name + "7"); err != nil || got != col {
			t.Errorf("columnIndex(%q) = %d, %v; want %d", name+"7", got, err, col)
		}
	}
}
