package render

import (
	"fmt"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The limits of a spreadsheet that what the bursar types can reach: a note
// long enough to need a row higher than a row can be, a label wider than a
// column can be, a school name longer than a page header can hold. Each is
// kept here, in the one writer, so that no limit surfaces as excelize's
// English error (issue 21): text is cut or wrapped to fit, and what cannot
// fit at all (a sheet of more rows than a sheet has) is an error in
// Chinese.
//
// Excel counts the length of text in UTF-16 units, as excelize does.

// MaxRows is the most rows a worksheet holds, its header included.
const MaxRows = excelize.TotalRows

// MaxCellText is the most text one cell holds, in UTF-16 units.
const MaxCellText = excelize.TotalCellChars

// FitsCell reports whether one cell holds s whole.
func FitsCell(s string) bool { return len(s) <= MaxCellText || units(s) <= MaxCellText }

// cutMark ends a text cut to fit a cell, so that the cut is seen.
const cutMark = "……（以下从略：超出表格一格最多 32767 字的上限）"

// fitCell returns s cut to what one cell holds, excelize.TotalCellChars
// UTF-16 units, ending in cutMark; s itself when it fits. Without it
// excelize cuts such a text silently.
func fitCell(s string) string {
	return fitUnits(s, excelize.TotalCellChars, cutMark)
}

// fitUnits returns s when it is at most limit UTF-16 units long, else as
// much of s as fits before mark, and mark.
func fitUnits(s string, limit int, mark string) string {
	if len(s) <= limit || units(s) <= limit { // bytes ≥ UTF-16 units
		return s
	}
	room := limit - units(mark)
	n := 0
	for i, r := range s {
		n += utf16.RuneLen(r)
		if n > room {
			return s[:i] + mark
		}
	}
	return s
}

// units is the length of s in UTF-16 units, as Excel counts it.
func units(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// fitPageHeader returns a page header of code (such as &C) and text, its &
// doubled, that fits excelize.MaxFieldLength UTF-16 units: a text too long
// is cut and ends in …. A page header shows one line across the page; a
// school name of a few hundred characters would not show whole in it
// anyway.
func fitPageHeader(code, text string) string {
	text = escapeHeader(text)
	if left := excelize.MaxFieldLength - units(code); units(text) > left {
		text = cutEscaped(text, left-1) + "…"
	}
	return code + text
}

// maxMessage is the most a drop-down's error message holds, in UTF-16
// units: Excel refuses to open a file with a longer one.
const maxMessage = 255

// cutEscaped cuts a header text whose & are doubled to at most limit UTF-16
// units without splitting a doubled && (a lone & would start a code).
func cutEscaped(s string, limit int) string {
	n := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		w := utf16.RuneLen(r)
		if r == '&' {
			size, w = 2, 2 // && is one character shown
		}
		if n+w > limit {
			return s[:i]
		}
		n += w
		i += size
	}
	return s
}

// rowHeight caps a row's height at the highest a row can be: the cells of
// a taller text show its first lines, and the whole text is in the cell.
func rowHeight(h float64) float64 { return min(h, excelize.MaxRowHeight) }

// columnWidth caps a column's width at the widest a column can be; the text
// of a column capped wraps.
func columnWidth(w float64) float64 { return min(w, excelize.MaxColumnWidth) }

// sheetTooLong is the error of a sheet that needs more rows than a sheet
// has, which no cutting can fit.
func sheetTooLong(sheet string) error {
	return fmt.Errorf("工作表“%s”需要超过 %d 行，超出了 Excel 一个工作表的行数上限，无法写出；请把输入分成几份分别计算", sheet, excelize.TotalRows)
}

// sheetTooWide is the error of a sheet that needs more columns than a sheet
// has.
func sheetTooWide(sheet string) error {
	return fmt.Errorf("工作表“%s”需要超过 %d 列，超出了 Excel 一个工作表的列数上限，无法写出；请检查规则文件中的考核事项是否列得过多", sheet, excelize.MaxColumns)
}
