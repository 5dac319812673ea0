package render

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"github.com/shopspring/decimal"
)

// TestAppendIsWritingInPlace: a sheet whose parts are laid out on grids of
// their own and appended (as the slips of each class are) is byte for
// byte the sheet written row by row on one grid, its page breaks, merges,
// kept blocks and widths included.
func TestAppendIsWritingInPlace(t *testing.T) {
	// part writes the form of person i from row r on, and returns the row
	// after it.
	part := func(g *Grid, i, r int) int {
		from := r
		g.Title(r, 4, fmt.Sprintf("通知单 %d", i))
		g.Row(r+1, false, Label("姓名"), Text(fmt.Sprintf("学生%d号，名字较长的一位同学", i)), Label("金额"), Money(decimal.New(int64(1234*i), -2)))
		g.Row(r+2, false, Text("说明：这是一段会在合并的单元格里换行的文字，"+fmt.Sprint(i)), Empty(), Empty(), Empty())
		g.Merge(r+2, 1, 4)
		g.Line(r+3, 4, Bold, "盖章", 30)
		g.KeepTogether(from, r+3)
		return r + 4
	}
	write := func(appended bool) []byte {
		b, err := NewBook(context.Background(), "表")
		if err != nil {
			t.Fatal(err)
		}
		defer b.Close()
		g := b.Grid("表")
		g.SetWidth(1, 10)
		r := 1
		for class := range 3 {
			pg := g
			if appended {
				pg = b.Grid("表")
				pg.SetWidth(1, 10)
			}
			pr := r
			if appended {
				pr = 1
			}
			first := pr
			for i := range 5 {
				pr = part(pg, class*5+i, pr)
			}
			if appended {
				if n, err := pg.Pages(Page{}); err != nil || n < 1 {
					t.Fatalf("pages of part %d: %d, %v", class, n, err)
				}
				first = g.Append(pg)
				r = first + pr - 1
			} else {
				r = pr
			}
			if class > 0 {
				g.BreakBefore(first)
			}
		}
		if err := b.PageSetup("表", Page{}); err != nil {
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
	inPlace, appended := write(false), write(true)
	if !bytes.Equal(inPlace, appended) {
		t.Error("the sheet written from appended grids differs from the one written in place")
	}
}
