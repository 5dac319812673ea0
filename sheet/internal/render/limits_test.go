package render

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// TestBookWithinLimits writes, through the one writer, every kind of text
// that reaches a limit of a spreadsheet, and checks that the book is
// written and reads back within the limits: none of excelize's English
// errors (issue 21), nothing cut without a mark.
func TestBookWithinLimits(t *testing.T) {
	long := strings.Repeat("放学交接不清，经查属实", 60)               // 660 characters: 1320 units wide
	huge := strings.Repeat("长", excelize.TotalCellChars+10) // one cell cannot hold it
	school := strings.Repeat("&示例小学", 100)                  // 500 characters, each & doubled in a page header

	b, err := NewBook(context.Background(), "明细")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	g := b.Grid("明细")
	g.Header(1, "说明", "姓名")
	g.Row(2, false, Text(long), Text("王芳"))
	g.Row(3, false, Text(huge), Text("李强"))
	g.SetWidth(2, 300) // wider than a column can be
	if err := b.PageSetup("明细", Page{Header: school}); err != nil {
		t.Fatalf("PageSetup with a header of %d characters: %v", len([]rune(school)), err)
	}
	if err := b.DropDown("明细", 2, 2, "类型", strings.Split(strings.Repeat("很长很长的一种类型,", 40), ",")[:40]); err != nil {
		t.Fatalf("DropDown with a long list: %v", err)
	}
	if err := g.Finish(); err != nil {
		t.Fatalf("Finish: %v", err)
	}
	path := filepath.Join(t.TempDir(), "limits.xlsx")
	if err := b.Save(path, false); err != nil {
		t.Fatal(err)
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The 660 characters need 1320 / (52 − 2) = 27 lines of 16 points,
	// 432 points: the row is as high as a row can be, and the text whole.
	if h, _ := f.GetRowHeight("明细", 2); h != excelize.MaxRowHeight {
		t.Errorf("row 2 height = %v, want %v", h, excelize.MaxRowHeight)
	}
	if v, _ := f.GetCellValue("明细", "A2"); v != long {
		t.Errorf("A2 holds %d characters, want the whole note of %d", len([]rune(v)), len([]rune(long)))
	}
	// What one cell cannot hold is cut where it says so.
	v, _ := f.GetCellValue("明细", "A3")
	if n := len(utf16.Encode([]rune(v))); n > excelize.TotalCellChars || !strings.HasSuffix(v, cutMark) {
		t.Errorf("A3 holds %d units ending %q, want at most %d ending in the cut mark", n, v[len(v)-30:], excelize.TotalCellChars)
	}
	if w, _ := f.GetColWidth("明细", "B"); w != excelize.MaxColumnWidth {
		t.Errorf("column B width = %v, want %v", w, excelize.MaxColumnWidth)
	}
	hf, err := f.GetHeaderFooter("明细")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(utf16.Encode([]rune(hf.OddHeader))); n > excelize.MaxFieldLength || !strings.HasSuffix(hf.OddHeader, "…") ||
		strings.Count(strings.TrimPrefix(hf.OddHeader, "&C"), "&")%2 != 0 {
		t.Errorf("page header of %d units = %.40q…, want at most %d, whole &&, ending in …", n, hf.OddHeader, excelize.MaxFieldLength)
	}
	dvs, err := f.GetDataValidations("明细")
	if err != nil || len(dvs) != 1 {
		t.Fatalf("data validations = %v, %v", dvs, err)
	}
	if n := len(utf16.Encode([]rune(*dvs[0].Error))); n > maxMessage {
		t.Errorf("drop-down error message of %d units, want at most %d", n, maxMessage)
	}
}

// TestSheetTooLong: a sheet that needs more rows than a sheet has is an
// error in Chinese that names the sheet, not excelize's English one.
func TestSheetTooLong(t *testing.T) {
	b, err := NewBook(context.Background(), "扣款明细")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	g := b.Grid("扣款明细")
	g.Row(excelize.TotalRows+1, false, Text("多一行"))
	err = g.Finish()
	if err == nil || errors.Is(err, excelize.ErrMaxRows) || !strings.Contains(err.Error(), "工作表“扣款明细”需要超过 1048576 行") {
		t.Errorf("Finish = %v, want the Chinese error naming 扣款明细", err)
	}
	g = b.Grid("扣款明细")
	g.Row(1, false, make([]Cell, excelize.MaxColumns+1)...)
	if err := g.Finish(); err == nil || !strings.Contains(err.Error(), "列数上限") {
		t.Errorf("Finish = %v, want the Chinese error of too many columns", err)
	}
}

func TestFitPageHeader(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"示例小学 2026年9月", "&C示例小学 2026年9月"},
		{"A&B", "&CA&&B"},
		// 253 units of room: 126 "&&" pairs (252 units) and the …
		{strings.Repeat("&", 200), "&C" + strings.Repeat("&&", 126) + "…"},
	} {
		if got := fitPageHeader("&C", c.text); got != c.want {
			t.Errorf("fitPageHeader(%.20q) = %.40q (%d units), want %.40q", c.text, got, units(got), c.want)
		}
		if units(fitPageHeader("&C", c.text)) > excelize.MaxFieldLength {
			t.Errorf("fitPageHeader(%.20q) is longer than a header", c.text)
		}
	}
}

func TestFitCell(t *testing.T) {
	if s := strings.Repeat("a", excelize.TotalCellChars); fitCell(s) != s {
		t.Error("a text of exactly 32767 units was cut")
	}
	// A character outside the BMP is two units: 16384 of them are 32768.
	s := strings.Repeat("𠀀", 16384)
	got := fitCell(s)
	if units(got) > excelize.TotalCellChars || !strings.HasSuffix(got, cutMark) || !bytes.HasPrefix([]byte(s), []byte(strings.TrimSuffix(got, cutMark))) {
		t.Errorf("fitCell of 32768 units = %d units, want at most 32767, a prefix and the cut mark", units(got))
	}
}
