package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// TestRowWriterAsSetRow: the rows kfpay writes itself are byte for byte the
// rows excelize's StreamWriter.SetRow writes for the same cells, text that
// needs escaping and the 15 significant digits of a float included, so that
// every reader reads what it read before (issue 20).
func TestRowWriterAsSetRow(t *testing.T) {
	cells := []any{
		"plain 发放明细", `a & b < c > d "e" 'f'`, "tab\there", "line\nbreak\r\nend",
		" leading", "trailing ", "_x0041_ and _x005F_x0041_", "bad \xff byte", "bell \x07",
		"\uFFFE not a char", "emoji 😀", "",
		"发放明细\tT01\t王芳\t34\t1020.00\t\t0.3", "tab\tthen _x0041_", "cr\rtab\t\x01",
		0, -5, 1 << 30, 0.1, 1234.5, 1e21, 123456789012345678.0, 1.0 / 3, -2.75,
		math.NaN(), math.Inf(1), formula{"SUM(A1:B1)", 3}, formula{`IF(A1>0,"&",1)`, -1}, nil,
	}
	// excelize: each cell in style 3 but every fourth, left to the column's.
	f := excelize.NewFile()
	defer f.Close()
	colStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetColStyle("Sheet1", "A:AZ", colStyle); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	style := func(i int) int {
		if i%4 == 0 {
			return 0
		}
		return 3
	}
	var values []any
	for i, v := range cells {
		c := excelize.Cell{StyleID: style(i), Value: v}
		if fm, ok := v.(formula); ok {
			c.Formula, c.Value = fm.expr, fm.value
		}
		values = append(values, c)
	}
	for r := 1; r <= 2; r++ {
		if err := sw.SetRow("A"+string(rune('0'+r)), values, excelize.RowOpts{Height: 28.5 * float64(r-1)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var saved bytes.Buffer
	if err := f.Write(&saved); err != nil {
		t.Fatal(err)
	}
	want := sheetDataOf(t, saved.Bytes())
	// What the cells must come to, worked out by hand: the comparison is
	// only worth what the cells put to the test.
	for _, frag := range []string{
		`<row r="2" ht="28.5" customHeight="1">`, `&amp; b &lt; c &gt; d &#34;e&#34; &#39;f&#39;`,
		`<t xml:space="preserve"> leading</t>`, `line` + "\n" + `break&#xD;` + "\n" + `end`,
		`_x005F_x0041_ and _x005F_x005F_x005F_x0041_`, "bad \uFFFD byte", `<v>0.333333333333333</v>`,
		`<v>123456789012345000</v>`, `<f>SUM(A1:B1)</f><v>3</v>`, `t="inlineStr"><is><t>NaN</t>`,
		`<c r="A1" s="` + strconv.Itoa(colStyle) + `"`, `<c r="B1" s="3"`,
	} {
		if !strings.Contains(want, frag) {
			t.Errorf("SetRow's XML has no %q: the test's cells are not what they were", frag)
		}
	}

	colStyles := make([]int, 52)
	for i := range colStyles {
		colStyles[i] = colStyle
	}
	rw := newRowWriter("Sheet1", colStyles)
	for r := 1; r <= 2; r++ {
		if err := rw.startRow(r, 28.5*float64(r-1)); err != nil {
			t.Fatal(err)
		}
		for i, v := range cells {
			val, err := anyValue(v)
			if err != nil {
				t.Fatal(err)
			}
			if err := rw.cell(i+1, r, style(i), val); err != nil {
				t.Fatal(err)
			}
		}
		rw.endRow()
	}
	body := rw.close()
	<-body.done
	if body.err != nil {
		t.Fatal(body.err)
	}
	var deflated bytes.Buffer
	body.deflated.WriteTo(&deflated)
	got, err := io.ReadAll(flate.NewReader(&deflated))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) { // a sync flush, not the stream's end
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("rowWriter wrote\n%s\nSetRow wrote\n%s", got, want)
	}
	if int64(len(got)) != body.size {
		t.Errorf("body size %d, want the %d bytes of its XML", body.size, len(got))
	}
}

// sheetDataOf is what lies in the <sheetData> of the first sheet of the
// workbook in b.
func sheetDataOf(t *testing.T, b []byte) string {
	t.Helper()
	s := sheetXML(t, b)
	from, to := strings.Index(s, "<sheetData>"), strings.Index(s, "</sheetData>")
	if from < 0 || to < from {
		t.Fatalf("no <sheetData> in %s", s)
	}
	return s[from+len("<sheetData>") : to]
}

// appendCellFloat's way for whole cents writes what strconv's shortest
// text cut to 15 digits writes, over cents of every size and doubles that
// are not cents.
func TestAppendCellFloatCents(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 4))
	check := func(v float64) {
		t.Helper()
		if got, want := string(appendCellFloat(nil, v)), string(appendFloatCut(nil, v)); got != want {
			t.Fatalf("appendCellFloat(%v) = %s, want %s", v, got, want)
		}
	}
	for _, v := range []float64{0, math.Copysign(0, -1), 0.01, -0.01, 0.1, 0.3, 0.1 + 0.2, 1.15, 1020, 1020.5, -3.07,
		99999999999999.99, 999999999999.99, 1e13, 1e15, 1e16, 123456789012345678, 1.0 / 3, 5e-324, math.MaxFloat64} {
		check(v)
	}
	for range 200000 {
		digits := rng.Int64N(16)
		c := rng.Int64N(int64(math.Pow10(int(digits))) + 1)
		if rng.IntN(2) == 0 {
			c = -c
		}
		check(float64(c) / 100)
		check(float64(c) / 1000)
		check(rng.NormFloat64() * math.Pow10(rng.IntN(30)-10))
	}
	if got := string(appendCellFloat(nil, 1234.5)); got != "1234.5" { // by hand
		t.Fatalf("1234.5 written %s", got)
	}
}

// textWidth counts two for a wide character, as DisplayWidth says, and a
// Latin letter's width for any other, ASCII or not.
func TestTextWidthAsDisplayWidth(t *testing.T) {
	for _, s := range []string{"", "T01", "王芳", "Ｔ０１", "é", "·", "😀", "\xff", "a王b", "①②"} {
		want := 0.0
		for _, r := range s {
			if DisplayWidth(string(r)) == 2 {
				want += 2
			} else {
				want += latinEm * 11 / 6.116
			}
		}
		if got := textWidth(s); got != want {
			t.Errorf("textWidth(%q) = %v, want %v", s, got, want)
		}
	}
	if got := textWidth("王芳"); got != 4 { // by hand: two wide characters
		t.Errorf("textWidth(王芳) = %v, want 4", got)
	}
}

// FuzzAppendInlineText holds appendInlineText to the way it stands in for,
// xml.EscapeText with line breaks kept: whenever it takes a text, it
// appends what that way writes, after what the buffer held.
func FuzzAppendInlineText(f *testing.F) {
	for _, s := range []string{"", "plain", "发放明细\tT01\t王芳\t34\t1020.00", `a & b < c > d "e" 'f'`,
		"line\nbreak\r\nend", "bad \xff byte", "bell \x07", "\uFFFE", "\uFFFD", "😀<", "_x0041_", "<<>>&&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := appendInlineText([]byte("head"), s)
		if !ok {
			if string(got) != "head" {
				t.Fatalf("appendInlineText(%q) refused the text but left %q", s, got)
			}
			return
		}
		var esc bytes.Buffer
		_ = xml.EscapeText(&esc, []byte(s))
		want := "head" + strings.ReplaceAll(esc.String(), "&#xA;", "\n")
		if string(got) != want {
			t.Fatalf("appendInlineText(%q) = %q, want %q", s, got, want)
		}
	})
}
