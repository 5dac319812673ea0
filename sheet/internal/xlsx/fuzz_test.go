package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"kfpay/sheet/sheettest"
)

// FuzzWorksheetXML feeds arbitrary bytes to the worksheet parser, and to
// the shared-strings parser, which must never panic: a panic fails the
// fuzz test (kfpay's only recover is at the top of the command). Each
// input is read twice, whole and through a 16-byte
// window fed one byte per Read: the second way makes rows straddle the
// window's end, to be parsed again with more input, and both ways must give
// the same rows and the same error.
func FuzzWorksheetXML(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		whole := fuzzRead(data, false)
		bytewise := fuzzRead(data, true)
		if whole != bytewise {
			t.Errorf("read whole:\n%s\nread byte by byte:\n%s", whole, bytewise)
		}
		parseSharedStrings(newXMLReader(bytes.NewReader(data), windowBytes), len(data))
		parseSharedStrings(newXMLReader(iotest.OneByteReader(bytes.NewReader(data)), 16), len(data))
	})
}

// fuzzRead reads data as a worksheet and describes what it read, checking
// the promises of Rows on the way.
func fuzzRead(data []byte, bytewise bool) string {
	wb := &Workbook{name: "fuzz.xlsx", sst: "甲乙", sstEnd: []uint32{3, 6}}
	var r io.Reader = bytes.NewReader(data)
	window := windowBytes
	if bytewise {
		r, window = iotest.OneByteReader(r), 16
	}
	it := newRowIter(wb, "Sheet1", io.NopCloser(r), window)
	var out strings.Builder
	lastRow := 0
	for {
		ok, err := it.next()
		if err != nil {
			fmt.Fprintf(&out, "error: %v\n", it.toFileError(err))
			break
		}
		if !ok {
			break
		}
		if it.row <= lastRow || it.row > MaxRows {
			panic(fmt.Sprintf("row %d after row %d", it.row, lastRow))
		}
		lastRow = it.row
		fmt.Fprintf(&out, "%d %v:", it.row, it.hidden)
		lastCol := 0
		for _, c := range it.cells {
			if c.Col <= lastCol || c.Col > MaxCols {
				panic(fmt.Sprintf("row %d: column %d after %d", it.row, c.Col, lastCol))
			}
			if !utf8.ValidString(c.Value) {
				panic(fmt.Sprintf("row %d: invalid UTF-8 %q", it.row, c.Value))
			}
			lastCol = c.Col
			fmt.Fprintf(&out, " %d/%d/%q/%d/%v", c.Col, c.Type, c.Value, c.Style, c.Formula)
		}
		out.WriteByte('\n')
	}
	return out.String()
}

// fuzzSeeds are the test sheets, the shared strings, and a few broken ones.
func fuzzSeeds(f *testing.F) [][]byte {
	seeds := [][]byte{
		[]byte(bigSheet(3)),
		[]byte(sheetXML(`<row r="1"><c r="A1" t="s"><v>1</v></c><c t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c></row>`)),
		[]byte(`<worksheet><dimension ref="A1:B2"/><sheetData><row><c><v>1</v></c></row><row r="3"/></sheetData><mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>`),
		[]byte(`<worksheet><sheetData><row r="1"><c r="A1"><v>1<!-- x --><![CDATA[2]]>&#x33;&amp;</v></c>`),
		[]byte(`<sst><si><t>_x000D_&lt;</t></si><si><r><t>x</t></r></si></sst>`),
	}
	files, _ := filepath.Glob("testdata/xlsx/*.txtar")
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		for name, part := range sheettest.Parts(string(b)) {
			if strings.HasSuffix(name, ".xml") {
				seeds = append(seeds, []byte(part))
			}
		}
	}
	return seeds
}

// FuzzCellTag checks that fastCellTag, wherever it accepts a cell's start
// tag, reads it exactly as cellTag, the general attribute loop, does.
func FuzzCellTag(f *testing.F) {
	for _, s := range []string{
		`<c r="A1" s="1" t="s"><v>0</v></c>`, `<c r="B2" t="inlineStr"><is>`, `<c r="XFD1048576"/>`,
		`<c>`, `<c s="12">`, `<c t="n"/>`, `<c r="A1" t="">`, `<c r="">`, `<c r="A1" s="1234567890">`,
		`<c r="A1" r="B1">`, `<c r="A1"  s="1">`, `<c r='A1'>`, `<x:c r="A1" s="3">`, `<c r="A1" s="1" t="s"`,
		`<c r="A1" s="" t="s">`, `<c r="A<1">`, `<c r="A1" t="s" s="1">`, `<c r="A1"/`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := []byte(s)
		if len(d) < 2 || d[0] != '<' {
			return
		}
		n := cellTagName(d)
		if n == 0 {
			return
		}
		ref, typ, style, end, empty, ok := fastCellTag(d, 1+n)
		if !ok {
			return
		}
		ref2, typ2, style2, end2, empty2, err := cellTag(d, 1+n)
		if err != nil {
			t.Fatalf("%q: fastCellTag accepts what cellTag rejects: %v", s, err)
		}
		if string(ref) != string(ref2) || (ref == nil) != (ref2 == nil) || string(typ) != string(typ2) ||
			(typ == nil) != (typ2 == nil) || style != style2 || end != end2 || empty != empty2 {
			t.Fatalf("%q: fast (%q %q %d %d %v), general (%q %q %d %d %v)",
				s, ref, typ, style, end, empty, ref2, typ2, style2, end2, empty2)
		}
	})
}
