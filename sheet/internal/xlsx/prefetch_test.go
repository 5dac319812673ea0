package xlsx

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

func TestPrefetcher(t *testing.T) {
	data := make([]byte, 3*prefetchChunk+12345)
	for i := range data {
		data[i] = byte(rand.IntN(256))
	}
	boom := errors.New("boom")
	for _, tc := range []struct {
		name string
		tail io.Reader
		want error
	}{
		{"clean end", strings.NewReader(""), nil},
		{"error at the end", iotest.ErrReader(boom), boom},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := io.MultiReader(iotest.HalfReader(bytes.NewReader(data)), tc.tail)
			p := newPrefetcher(io.NopCloser(src))
			got, err := io.ReadAll(iotest.OneByteReader(io.LimitReader(p, 1000)))
			if err != nil || !bytes.Equal(got, data[:1000]) {
				t.Fatalf("first 1000 bytes: %v", err)
			}
			rest, err := io.ReadAll(p)
			if err != tc.want || !bytes.Equal(rest, data[1000:]) {
				t.Errorf("ReadAll = %d bytes, %v; want %d bytes, %v", len(rest), err, len(data)-1000, tc.want)
			}
			if err := p.Close(); err != nil {
				t.Error(err)
			}
			if err := p.Close(); err != nil {
				t.Errorf("second Close: %v", err)
			}
		})
	}
}

// bigSheet is a sheet large enough for Rows to read it through a prefetcher.
func bigSheet(rows int) string {
	var b strings.Builder
	for r := 1; r <= rows; r++ {
		n := strconv.Itoa(r)
		b.WriteString(`<row r="` + n + `"><c r="A` + n + `"><v>` + n + `</v></c><c r="B` + n + `" t="inlineStr"><is><t>教师` + n + `</t></is></c></row>`)
	}
	return sheetXML(b.String())
}

// TestRowsBig reads a sheet through the prefetcher: whole, stopped early,
// and damaged.
func TestRowsBig(t *testing.T) {
	const n = 30000
	sheet := bigSheet(n)
	if len(sheet) <= prefetchBuffers*prefetchChunk {
		t.Fatalf("sheet of %d bytes is too small to be prefetched", len(sheet))
	}
	rows := readAll(t, oneSheet(t, sheet, ""), "Sheet1")
	if len(rows) != n || rows[n][1].Value != "教师"+strconv.Itoa(n) {
		t.Errorf("read %d rows, last %v", len(rows), rows[n])
	}

	before := runtime.NumGoroutine()
	wb, err := Open(oneSheet(t, sheet, ""))
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		it, err := wb.Rows("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		it.Next()
		if err := it.Close(); err != nil {
			t.Fatal(err)
		}
	}
	wb.Close()
	for deadline := time.Now().Add(time.Second); runtime.NumGoroutine() > before && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
	}
	if g := runtime.NumGoroutine(); g > before {
		t.Errorf("%d goroutines after closing, %d before", g, before)
	}

	// A shared string table large enough to be prefetched.
	var sst strings.Builder
	sst.WriteString("<sst>")
	for i := range 60000 {
		sst.WriteString("<si><t>备注" + strconv.Itoa(i) + "</t></si>")
	}
	sst.WriteString("</sst>")
	got := readAll(t, oneSheet(t, sheetXML(`<row r="1"><c r="A1" t="s"><v>59999</v></c></row>`), sst.String()), "Sheet1")
	if got[1][0].Value != "备注59999" {
		t.Errorf("last of 60000 shared strings = %q", got[1][0].Value)
	}

	// A row larger than the window grows it.
	long := strings.Repeat("长", 3*windowBytes)
	huge := sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>` + long + `</t></is></c><c r="B1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>`)
	if got := readAll(t, oneSheet(t, huge, ""), "Sheet1"); len(got) != 2 || got[1][0].Value != long || got[1][1].Value != "2" {
		t.Errorf("a row of %d bytes read wrong", len(huge))
	}

	cut := sheet[:len(sheet)*2/3]
	_, err = tryReadAll(oneSheet(t, cut, ""), "Sheet1")
	checkFileError(t, err, ErrTruncated, "test.xlsx")
}
