package inspect

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kfpay/sheet/internal/xlsx"
	"kfpay/sheet/sheettest"
)

// largeWorkbook writes a workbook whose one sheet has rows rows, each a
// number, a text, and blank cells in a format (a template formatted down
// the sheet) up to column blanks+2, streamed into the zip. It returns the
// workbook's path and the size of its sheet XML.
func largeWorkbook(t *testing.T, rows, blanks int) (string, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "大.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	for _, name := range slices.Sorted(maps.Keys(sheettest.DefaultParts)) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, sheettest.DefaultParts[name])
	}
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	cw := &countingWriter{w: w}
	bw := bufio.NewWriterSize(cw, 1<<20)
	var pad strings.Builder
	for c := 3; c < 3+blanks; c++ {
		fmt.Fprintf(&pad, `<c s="1"/>`)
	}
	fmt.Fprintf(bw, `<worksheet %s><dimension ref="A1"/><sheetData>`, sheettest.NSMain)
	for r := 1; r <= rows; r++ {
		fmt.Fprintf(bw, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>第%d行</t></is></c>%s</row>`, r, r, r, r, r, pad.String())
	}
	io.WriteString(bw, `</sheetData></worksheet>`)
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return path, cw.n
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

type lineCounter struct{ lines, bytes int }

func (c *lineCounter) Write(p []byte) (int, error) {
	for _, b := range p {
		if b == '\n' {
			c.lines++
		}
	}
	c.bytes += len(p)
	return len(p), nil
}

// TestDumpLargeWorkbook dumps and diffs a workbook of more than 256 MiB of
// sheet XML, as a month's million-row session log has (300–350 MiB): dump
// and diff once refused it ("unzip size exceeds 268435456", in English)
// while payroll read it. They read with the limits of every reader now
// (internal/xlsx/limits.go). Its bulk is formatted blank cells, which
// diff need not keep.
func TestDumpLargeWorkbook(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 300 MiB of sheet XML")
	}
	const rows, blanks = 85_000, 320 // 10 bytes a blank: 3,300 bytes a row
	path, size := largeWorkbook(t, rows, blanks)
	if size <= 256<<20 {
		t.Fatalf("sheet XML is %d bytes, want more than 256 MiB", size)
	}
	var c lineCounter
	if err := Dump(&c, path); err != nil {
		t.Fatal(err)
	}
	if want := 1 + rows; c.lines != want {
		t.Errorf("dump has %d lines, want %d: the sheet's name and a line a row", c.lines, want)
	}
	d, err := DiffBooks(path, path)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Equal() {
		t.Errorf("a workbook differs from itself: %+v", d.Sheets[0].Rows[:1])
	}
}

// TestCanceled checks that dump and diff stop when their context is done,
// as Ctrl-C makes it, dump printing nothing.
func TestCanceled(t *testing.T) {
	path, _ := largeWorkbook(t, 3*xlsx.CheckEvery, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var c lineCounter
	if err := DumpContext(ctx, &c, path); !errors.Is(err, context.Canceled) || c.bytes > 0 {
		t.Errorf("DumpContext = %v, printed %d bytes; want context.Canceled and nothing", err, c.bytes)
	}
	if _, err := DiffBooksContext(ctx, path, path); !errors.Is(err, context.Canceled) {
		t.Errorf("DiffBooksContext = %v, want context.Canceled", err)
	}
	if _, err := DiffBooksContext(ctx, path, path, "Sheet1"); !errors.Is(err, context.Canceled) {
		t.Errorf("DiffBooksContext of one sheet = %v, want context.Canceled", err)
	}
}
