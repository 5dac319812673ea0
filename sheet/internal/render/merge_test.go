package render

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestMergesWrittenOnSaving: a grid's merged cells, which are not given to
// excelize's stream but written when the book is saved, are in the sheet
// as excelize wrote them, in the order they were made, the marker that
// held their place gone; 5,000 of them (more than one piece of their XML)
// all there.
func TestMergesWrittenOnSaving(t *testing.T) {
	for _, n := range []int{2, 5000} {
		b, err := NewBook(context.Background(), "表")
		if err != nil {
			t.Fatal(err)
		}
		g := b.Grid("表")
		for r := 1; r <= n; r++ {
			g.Row(r, false, Text("文字"), Empty(), Empty(), Empty())
			g.Merge(r, 1+r%2, 3+r%2)
		}
		if err := g.Finish(); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := b.write(&buf); err != nil {
			t.Fatal(err)
		}
		_ = b.Close()

		zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		rc, err := zr.Open("xl/worksheets/sheet1.xml")
		if err != nil {
			t.Fatal(err)
		}
		sheetXML, _ := io.ReadAll(rc)
		want := fmt.Sprintf(`</sheetData><mergeCells count="%d"><mergeCell ref="B1:D1"/><mergeCell ref="A2:C2"/>`, n)
		if !strings.Contains(string(sheetXML), want) {
			t.Errorf("%d merges: the sheet has no %s", n, want)
		}
		if strings.Contains(string(sheetXML), mergeMarkerCell) {
			t.Errorf("%d merges: the marker is left in the sheet", n)
		}

		f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		merged, err := f.GetMergeCells("表")
		if err != nil {
			t.Fatal(err)
		}
		if len(merged) != n {
			t.Fatalf("%d merges: excelize reads %d", n, len(merged))
		}
		last := merged[n-1]
		wantLast := fmt.Sprintf("A%d", n) // n is even: its row merges A to C
		if last.GetStartAxis() != wantLast {
			t.Errorf("%d merges: the last starts at %s, want %s", n, last.GetStartAxis(), wantLast)
		}
		_ = f.Close()
	}
}
