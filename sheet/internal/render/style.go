// Package render writes kfpay's output workbooks: the styles, fonts and
// number formats, the grids of cells sized to what they hold, page setup,
// and the save that writes the same bytes for the same content, all or
// none, through a temporary file. It is kfpay's only writer through
// excelize; the layouts of the workbooks (which sheet holds what) are
// package sheet's.
package render

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"kfpay/rules"
)

// Number formats of kfpay's output cells (SPEC 5: money cells are numbers
// with #,##0.00, percents are percent cells). Built-in ids where Excel has
// one, so every reader knows them without a custom format table.
const (
	numFmtGeneral  = 0  // counts: shows 34 and 2.5 as they are
	numFmtMoney    = 4  // #,##0.00
	numFmtPercent0 = 9  // 0%
	numFmtPercent2 = 10 // 0.00%
	fmtPercent1    = "0.0%"
	fmtDate        = "yyyy-mm-dd"
)

// Kind is what a cell holds, and so how it is written and formatted.
type Kind int

const (
	KindText       Kind = iota // left-aligned text
	KindCenter                 // centered text: 合计, short codes
	KindCount                  // a count, General format
	KindMoney                  // yuan, #,##0.00
	KindPercent0               // a fraction shown as 30%
	KindPercent1               // … as 12.5%
	KindPercent2               // … as 12.25%
	KindDate                   // a date serial shown as 2026-09-01
	KindCountBlank             // a whole count shown blank when 0, for notices where zeros are noise
	numKinds
)

// styles are the style ids shared by every kfpay output workbook. Body and
// total cells carry thin borders so a printed sheet is ruled like a form.
type styles struct {
	title  int // bold, larger, centered over a merged row
	header int // bold, centered, wrapped, light fill, bordered
	body   [numKinds]int
	total  [numKinds]int // the same, bold, for 合计 rows
}

// newStyles adds kfpay's styles to f. The font name is left to the reading
// program, which picks one that has Chinese glyphs.
func newStyles(f *excelize.File) (*styles, error) {
	thin := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1},
		{Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1},
		{Type: "bottom", Color: "000000", Style: 1},
	}
	percent1 := fmtPercent1
	date := fmtDate
	blankZero := "0;-0;;@"
	var st styles
	var err error
	add := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	st.title = add(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Size: 14},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
	st.header = add(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Border:    thin,
	})
	for _, bold := range []bool{false, true} {
		ids := &st.body
		var font *excelize.Font
		if bold {
			ids = &st.total
			font = &excelize.Font{Bold: true, Size: 11}
		}
		cell := func(h string, numFmt int, custom *string) int {
			return add(&excelize.Style{
				Font:         font,
				Alignment:    &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: h == "left"},
				Border:       thin,
				NumFmt:       numFmt,
				CustomNumFmt: custom,
			})
		}
		ids[KindText] = cell("left", numFmtGeneral, nil)
		ids[KindCenter] = cell("center", numFmtGeneral, nil)
		ids[KindCount] = cell("right", numFmtGeneral, nil)
		ids[KindMoney] = cell("right", numFmtMoney, nil)
		ids[KindPercent0] = cell("right", numFmtPercent0, nil)
		ids[KindPercent1] = cell("right", 0, &percent1)
		ids[KindPercent2] = cell("right", numFmtPercent2, nil)
		ids[KindDate] = cell("center", 0, &date)
		ids[KindCountBlank] = cell("center", 0, &blankZero)
	}
	if err != nil {
		return nil, fmt.Errorf("add styles: %w", err)
	}
	return &st, nil
}

// Cell is one value to write, with how it is shown.
type Cell struct {
	value any    // written as is: string, float64 or int; nil leaves the cell empty (but styled); a refusal
	kind  Kind   // how it is aligned and formatted
	shown string // the text the cell displays, to size its column
}

// refusal is the value of a cell that cannot be written, and why: a grid
// given one writes nothing and Finish returns the error. (Kept as the value,
// not in a field of its own, so that a Cell stays small: a district's
// payout makes 800,000 of them.)
type refusal struct{ err error }

// Err is why c cannot be written, nil when it can: a grid given such a cell
// writes nothing and Finish returns the error.
func (c Cell) Err() error {
	if r, ok := c.value.(refusal); ok {
		return r.err
	}
	return nil
}

// formula is the value of a formula cell: the formula, without its =, and
// the value it is saved with. A program that shows saved values without
// computing them (LibreOffice by default) shows that one.
type formula struct {
	expr  string
	value int
}

// Kind is how c is aligned and formatted.
func (c Cell) Kind() Kind { return c.kind }

// Shown is the text c displays.
func (c Cell) Shown() string { return c.shown }

// As is c formatted as kind k: a count shown blank when 0, text centred.
func (c Cell) As(k Kind) Cell {
	c.kind = k
	return c
}

// Text is a text cell; "" leaves the cell empty.
func Text(s string) Cell {
	if s == "" {
		return Cell{kind: KindText}
	}
	return Cell{value: s, kind: KindText, shown: s}
}

// Center is a centered text cell.
func Center(s string) Cell { return Text(s).As(KindCenter) }

// Empty is a bordered cell with nothing in it, such as 签字.
func Empty() Cell { return Cell{kind: KindText} }

// Count is a count such as 34 sessions or 2.5 shifts.
func Count(d decimal.Decimal) Cell {
	return Cell{value: d.InexactFloat64(), kind: KindCount, shown: d.String()}
}

// Int is a whole count such as a row number.
func Int(n int) Cell { return Count(decimal.NewFromInt(int64(n))) }

// CenterInt is a whole number centred in its cell, such as 序号.
func CenterInt(n int) Cell { return Int(n).As(KindCenter) }

// ErrUnrounded is the error of a money cell whose amount is not rounded to
// cents.
var ErrUnrounded = errors.New("金额没有四舍五入到分")

// Money is an amount in yuan. It is written as a number, never as a
// decimal.Decimal, which excelize (v2.11.1) writes as a text cell; the
// float of a value rounded to cents is exact for any amount below 1e13.
//
// The amount must be rounded to cents already: calc rounds every amount at
// the point the policy names and makes each total the sum of the rounded
// lines, so an amount with more decimals is a figure that rounding here
// would make disagree with its total. Such a cell carries ErrUnrounded
// (Err), and the grid that gets it refuses to write.
func Money(d decimal.Decimal) Cell {
	if !d.Equal(d.Round(2)) {
		return Cell{kind: KindMoney, value: refusal{fmt.Errorf("%w：%s 元有 %d 位小数，不能写入表格", ErrUnrounded, d, -d.Exponent())}}
	}
	return Cell{value: d.InexactFloat64(), kind: KindMoney, shown: groupThousands(d.StringFixed(2))}
}

// Percent is a fraction shown as a percent: 0.3 as 30%, 0.125 as 12.5%.
// The format has as many decimals as the percent needs, so 12.5% does not
// show as 13%.
func Percent(d decimal.Decimal) Cell {
	k := KindPercent2
	pct := d.Shift(2)
	for places, pk := range []Kind{KindPercent0, KindPercent1} {
		if pct.Equal(pct.Truncate(int32(places))) {
			k = pk
			break
		}
	}
	return Cell{value: d.InexactFloat64(), kind: k, shown: pct.String() + "%"}
}

// Date is a real date cell: the Excel serial number with a date format,
// so the sheet sorts and filters by date.
func Date(d rules.Date) Cell {
	if d.IsZero() {
		return Cell{kind: KindDate}
	}
	return Cell{value: excelSerial(d), kind: KindDate, shown: d.String()}
}

// excelEpoch is day 0 of Excel's 1900 date system, as Excel counts dates
// after February 1900.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// excelSerial is the serial number Excel stores for the date d.
func excelSerial(d rules.Date) int {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
	return int(t.Sub(excelEpoch).Hours() / 24)
}

// groupThousands puts thousands separators in a plain decimal string, as
// #,##0.00 shows it: 12345.60 → 12,345.60.
func groupThousands(s string) string {
	sign := ""
	if len(s) > 0 && s[0] == '-' {
		sign, s = "-", s[1:]
	}
	intPart, frac := s, ""
	for i := range s {
		if s[i] == '.' {
			intPart, frac = s[:i], s[i:]
			break
		}
	}
	out := ""
	for len(intPart) > 3 {
		out = "," + intPart[len(intPart)-3:] + out
		intPart = intPart[:len(intPart)-3]
	}
	return sign + intPart + out + frac
}

// DisplayWidth is the width of s in Excel column units: a CJK character
// takes about two, a Latin letter or digit one.
func DisplayWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
			w += 2
		default:
			w++
		}
	}
	return w
}
