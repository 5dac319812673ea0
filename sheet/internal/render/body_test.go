package render

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// bodyRowOf is row i of the test sheet's body: a name that wraps for every
// fifth person, an amount, a count, a label and an empty cell, and a height
// floor for every seventh.
func bodyRowOf(i int, cells []Cell) ([]Cell, float64) {
	name := fmt.Sprintf("教师%d", i)
	if i%5 == 0 {
		name += strings.Repeat("很长的名字", 20) // past maxWidth: wraps
	}
	h := 0.0
	if i%7 == 0 {
		h = 40
	}
	cells = append(cells, CenterInt(i+1), Center(fmt.Sprintf("T%04d", i)), Text(name),
		Money(decimal.New(int64(12345*i), -2)), Count(decimal.New(int64(i%9), 0)).As(KindCountCenter),
		Int(i%3).As(KindCountBlank), Label("注"), Empty())
	return cells, h
}

// writeBodySheet writes a sheet of n people as the payout's is written: a
// title, a header, a row a person, from bodyRowOf on a kept grid when
// stored is set and as a Body otherwise, then a 合计 row and a line kept
// with the last person, and a page break before the 41st person.
func writeBodySheet(t *testing.T, n int, stored bool) []byte {
	t.Helper()
	b, err := NewBook(context.Background(), "表")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	g := b.Grid("表")
	g.Title(1, 8, "某某小学 2026年10月 课后服务补助发放表")
	g.Header(2, "序号", "工号", "教师", "实发|合计", "上课|节数", "考核|次数", "备注", "签字")
	if stored {
		var cells []Cell
		for i := range n {
			var h float64
			cells, h = bodyRowOf(i, cells[:0])
			g.Row(3+i, false, cells...)
			if h > 0 {
				g.SetHeight(3+i, h)
			}
		}
	} else {
		g.Body(3, n, bodyRowOf)
	}
	total := 3 + n
	g.Row(total, true, Center("合计"), Empty(), Empty(), Money(decimal.New(999999, -2)), Empty(), Empty(), Empty(), Empty())
	g.Merge(total, 1, 3)
	g.Line(total+1, 8, Bold, "制表：__________　审核：__________　这一行写得很长，在合并的单元格里也要换行才放得下", 24)
	g.KeepTogether(total-1, total+1)
	g.BreakBefore(3 + 40)
	g.SetWidth(8, 22)
	if err := b.PageSetup("表", Page{Landscape: true, Repeat: 2, Header: "发放表"}); err != nil {
		t.Fatal(err)
	}
	if err := g.Finish(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sheetXML is the first sheet of the workbook in b.
func sheetXML(t *testing.T, b []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	x, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(x)
}

// TestBodyIsRowByRow: a sheet whose rows a Body gives is byte for byte the
// sheet written row by row, its widths, wrapped heights, height floors,
// page breaks and kept block included.
func TestBodyIsRowByRow(t *testing.T) {
	const n = 120
	kept, body := writeBodySheet(t, n, true), writeBodySheet(t, n, false)
	x := sheetXML(t, kept)
	// What the comparison is to cover is in the sheet. Row 3, person 0: a
	// name of 102 CJK characters wraps in its column of at most 51.5
	// units onto 4 lines and more, 4 × 17 + 6 = 74 pt at least, above its
	// floor of 40. Row 4, person 1, one line: a table row's 20 pt. Row 10,
	// person 7: its floor, 40 pt. The break before row 43 is the <brk> of
	// id 42.
	height := func(r int) float64 {
		m := regexp.MustCompile(fmt.Sprintf(`<row r="%d" ht="([0-9.]+)"`, r)).FindStringSubmatch(x)
		if m == nil {
			t.Fatalf("row %d has no height", r)
		}
		h, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	if h := height(3); h < 74 {
		t.Errorf("row 3, a wrapped name, is %g pt high, want at least 74", h)
	}
	if h := height(4); h != TypeTable.rowHeight() {
		t.Errorf("row 4 is %g pt high, want a table row's %g", h, TypeTable.rowHeight())
	}
	if h := height(10); h != 40 {
		t.Errorf("row 10 is %g pt high, want its floor of 40", h)
	}
	if !strings.Contains(x, `<brk id="42" `) {
		t.Errorf("no page break before row 43 in %s", x[strings.Index(x, "</sheetData>"):])
	}
	if !strings.Contains(x, fmt.Sprintf(`<row r="%d"`, n+4)) {
		t.Errorf("no row %d, the line below 合计", n+4)
	}
	if !bytes.Equal(kept, body) {
		y := sheetXML(t, body)
		i := 0
		for i < min(len(x), len(y)) && x[i] == y[i] {
			i++
		}
		t.Errorf("the sheet written from a Body differs from the one written row by row at byte %d:\nrows: %.300s\nbody: %.300s", i, x[max(0, i-100):], y[max(0, i-100):])
	}
}

// TestBodyRowsAreNotCells: the rows of a body take no cell, height or
// append afterwards: the grid would write over them or lose them.
func TestBodyRowsAreNotCells(t *testing.T) {
	for name, touch := range map[string]func(g *Grid){
		"Row":       func(g *Grid) { g.Row(4, false, Text("x")) },
		"SetHeight": func(g *Grid) { g.SetHeight(5, 30) },
		"Body":      func(g *Grid) { g.Body(10, 2, bodyRowOf) },
		"Append":    func(g *Grid) { g.Append(g.book.Grid("表")) },
		"over rows": func(g *Grid) {
			g2 := g.book.Grid("表")
			g2.Row(3, false, Text("x"))
			g2.Body(3, 1, bodyRowOf)
			g.err = g2.err
		},
	} {
		b, err := NewBook(context.Background(), "表")
		if err != nil {
			t.Fatal(err)
		}
		g := b.Grid("表")
		g.Header(1, "a", "b")
		g.Body(3, 5, bodyRowOf)
		g.Row(8, true, Text("合计"))
		if g.err != nil {
			t.Fatalf("%s: before: %v", name, g.err)
		}
		touch(g)
		if g.Finish() == nil {
			t.Errorf("%s on a body's row: no error", name)
		}
		b.Close()
	}
}
