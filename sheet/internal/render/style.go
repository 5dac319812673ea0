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
	"math"
	"strconv"
	"time"
	"unicode/utf8"

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
	fmtBlankZero   = "0;-0;;@" // a count, blank when 0
)

// Kind is what a cell holds, and so how it is written and formatted.
type Kind int

const (
	KindText        Kind = iota // left-aligned text
	KindCenter                  // centered text: 合计, short codes
	KindCount                   // a count, General format
	KindMoney                   // yuan, #,##0.00
	KindPercent0                // a fraction shown as 30%
	KindPercent1                // … as 12.5%
	KindPercent2                // … as 12.25%
	KindDate                    // a date serial shown as 2026-09-01
	KindCountBlank              // a whole count shown blank when 0, for notices where zeros are noise
	KindCountCenter             // a count centred in its cell, for notices
	numKinds
	// KindLabel is the label of a field in a form, such as a slip, styled
	// as a header cell. It is not among the kinds a table's cells are
	// styled by (numKinds): a grid writes it in the header's style.
	KindLabel = numKinds
)

// The fonts of kfpay's workbooks. Every cell style names one of them, so
// that no program falls back to a font of its own choosing (LibreOffice
// printed unnamed bold cells in DejaVu Serif next to CJK sans body text).
//
// FontText, for Chinese text, is 微软雅黑 (Microsoft YaHei), under its
// English name:
//   - Windows has it on every installation since Vista, in every language
//     (it is the system's fallback for Chinese), where 等线, the default of
//     Excel 2016 and later, is an optional feature before Windows 10 and
//     without Office; Excel and WPS on Windows use it as it is. 宋体
//     (SimSun), WPS's default and Excel 2007–2010's, is there too, but its
//     hairline horizontals fade at the 9 to 10 pt a fitted table prints at
//     and on a notice read from a step away, and its bold is synthesised.
//   - macOS has neither font; Office for Mac carries YaHei in its own
//     bundle, and elsewhere (Numbers, WPS) the system's PingFang SC, also
//     a sans, stands in, with the same full-width CJK advance.
//   - LibreOffice on Linux resolves names through fontconfig, whose
//     65-nonlatin.conf lists "Microsoft YaHei" as a sans-serif: with the
//     fonts-noto-cjk that CI installs, Chinese text prints in Noto Sans CJK
//     SC under a Chinese locale (`fc-match "Microsoft YaHei:lang=zh-cn"`),
//     Latin letters included; under a locale without Chinese, such as CI's,
//     Latin letters print in the default sans (`fc-match "Microsoft
//     YaHei"`: DejaVu Sans) and Chinese in the Noto Sans CJK collection
//     found by coverage (`fc-match "Microsoft YaHei:charset=4e00"`). SimSun
//     there is a serif and puts DejaVu Serif letters beside sans Chinese.
//     The Chinese name 微软雅黑 is unknown to fontconfig: the English one is
//     used.
//
// FontFigures, for every cell that holds a number (money, counts, percents,
// dates), is Arial: its ten digits have one width (tabular figures), so the
// amounts of a column line up digit under digit; every Windows and macOS
// has it, and fontconfig maps it to a metric-compatible face (Liberation
// Sans, Arimo or Nimbus Sans) with the same widths. It is also the
// workbook's default font, whose digit width is the unit of column widths
// in Excel, WPS and LibreOffice alike, so that a width kfpay sets measures
// the same in each (Calibri, excelize's default, has no metric twin in a
// plain LibreOffice install and came out 33% wider there).
const (
	FontText    = "Microsoft YaHei"
	FontFigures = "Arial"
)

// gb2312 is the character set Excel and WPS record for a Chinese font.
var gb2312 = 134

// Type is the type size a sheet is set in: the size of its body text, its
// title, and the smallest size its body may print at once the sheet is
// scaled to the width of the paper.
type Type int

const (
	TypeTable  Type = iota // forms to sign and file, read at a desk
	TypeNotice             // notices posted on a board, read from a step away
	numTypes
)

// typeSpec is the sizes of a Type, in points.
type typeSpec struct {
	body  float64 // body, header and total cells
	title float64 // the title row
	floor float64 // the body may not print smaller than this
	row   float64 // the height of a one-line row of a table
}

// typeSpecs: a table's rows are 20 pt (7 mm) apart, room that keeps rows
// apart when read across; a notice's 24 pt for 14-point text, tighter, so
// that a page holds more teachers.
var typeSpecs = [numTypes]typeSpec{
	TypeTable:  {body: 11, title: 16, floor: 9, row: 20},
	TypeNotice: {body: 14, title: 20, floor: 12, row: 24},
}

// zoom is how much larger than the table's body text t's body text is:
// column widths, counted for 11-point text, grow with it.
func (t Type) zoom() float64 { return typeSpecs[t].body / typeSpecs[TypeTable].body }

// lineHeight is the height of a line of wrapped body text of t, in points:
// CJK fonts take about 1.3 (YaHei) to 1.45 (Noto Sans CJK) times their size.
func (t Type) lineHeight() float64 { return math.Ceil(typeSpecs[t].body * 1.5) }

// rowHeight is the height of a one-line row of a table of t.
func (t Type) rowHeight() float64 { return typeSpecs[t].row }

// titleHeight is the height of a title row of t.
func (t Type) titleHeight() float64 { return math.Ceil(typeSpecs[t].title * 1.8) }

// role is what a styled cell is part of: a title, a header, the body or a
// total of a table, or a line of free text.
type role uint8

const (
	roleNone     role = iota // no style: excelize's default
	roleTitle                // bold, larger, centred over a merged row
	roleHeader               // bold, centred, wrapped, light fill, bordered
	roleBody                 // bordered, by kind
	roleTotal                // the same in bold, for 合计 rows
	roleLine                 // unbordered text, wrapped: sentences above or below a table
	roleLineBold             // the same in bold, for lines to sign
	roleCut                  // a dashed rule at the bottom of the row: where two slips are cut apart
)

// styleKey is a cell's style as data: its role, in a table its Kind, and
// whether it is shaded grey (a day without service in a template). The
// grid keeps keys, three bytes a cell, and turns them into style ids as it
// writes.
type styleKey struct {
	role   role
	kind   uint8 // a Kind
	shaded bool
}

// styles are the style ids of one Type in a workbook.
type styles struct {
	title, header  int
	body, total    [numKinds]int
	line, lineBold int
}

// id is the style id of k.
func (st *styles) id(k styleKey) int {
	switch k.role {
	case roleTitle:
		return st.title
	case roleHeader:
		return st.header
	case roleBody:
		return st.body[k.kind]
	case roleTotal:
		return st.total[k.kind]
	case roleLine:
		return st.line
	case roleLineBold:
		return st.lineBold
	}
	return 0
}

// figure reports whether cells of kind k hold numbers, set in FontFigures.
func (k Kind) figure() bool {
	switch k {
	case KindText, KindCenter, KindLabel:
		return false
	}
	return true
}

// alignment is how cells of kind k sit in their cells: text left and
// wrapped, codes centred, figures right, dates and notice counts centred.
func (k Kind) alignment() string {
	switch k {
	case KindText:
		return "left"
	case KindCenter, KindDate, KindCountBlank, KindCountCenter:
		return "center"
	}
	return "right"
}

// numFmt is the number format of kind k: a built-in id, or a custom code.
func (k Kind) numFmt() (int, string) {
	switch k {
	case KindMoney:
		return numFmtMoney, ""
	case KindPercent0:
		return numFmtPercent0, ""
	case KindPercent1:
		return 0, fmtPercent1
	case KindPercent2:
		return numFmtPercent2, ""
	case KindDate:
		return 0, fmtDate
	case KindCountBlank:
		return 0, fmtBlankZero
	}
	return numFmtGeneral, ""
}

// thin is the border of every table cell: a printed sheet is ruled like a form.
var thin = []excelize.Border{
	{Type: "left", Color: "000000", Style: 1},
	{Type: "right", Color: "000000", Style: 1},
	{Type: "top", Color: "000000", Style: 1},
	{Type: "bottom", Color: "000000", Style: 1},
}

// font is the font of text or figures at size, bold or not.
func font(figures, bold bool, size float64) *excelize.Font {
	if figures {
		return &excelize.Font{Family: FontFigures, Size: size, Bold: bold}
	}
	return &excelize.Font{Family: FontText, Size: size, Bold: bold, Charset: &gb2312}
}

// styleSpecs are the styles of Type t, in the order of styleOrder: the data
// a workbook's styles part is made of, for any writer to emit.
func styleSpecs(t Type) []*excelize.Style {
	ts := typeSpecs[t]
	specs := []*excelize.Style{
		{ // title
			Font:      font(false, true, ts.title),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		},
		{ // header
			Font:      font(false, true, ts.body),
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
			Border:    thin,
		},
	}
	for _, bold := range []bool{false, true} {
		for k := range numKinds {
			id, custom := k.numFmt()
			s := &excelize.Style{
				Font:      font(k.figure(), bold, ts.body),
				Alignment: &excelize.Alignment{Horizontal: k.alignment(), Vertical: "center", WrapText: k == KindText},
				Border:    thin,
				NumFmt:    id,
			}
			if custom != "" {
				s.CustomNumFmt = &custom
			}
			specs = append(specs, s)
		}
	}
	for _, bold := range []bool{false, true} {
		specs = append(specs, &excelize.Style{
			Font:      font(false, bold, ts.body),
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true},
		})
	}
	return specs
}

// newStyles adds the styles of Type t to f.
func newStyles(f *excelize.File, t Type) (*styles, error) {
	specs := styleSpecs(t)
	ids := make([]int, len(specs))
	for i, s := range specs {
		id, err := f.NewStyle(s)
		if err != nil {
			return nil, fmt.Errorf("add styles: %w", err)
		}
		ids[i] = id
	}
	st := &styles{title: ids[0], header: ids[1]}
	n := int(numKinds)
	copy(st.body[:], ids[2:2+n])
	copy(st.total[:], ids[2+n:2+2*n])
	st.line, st.lineBold = ids[2+2*n], ids[3+2*n]
	return st, nil
}

// Cell is one value to write, with how it is shown.
type Cell struct {
	val   value  // written as is: text, a float64 or an int; none leaves the cell empty (but styled)
	err   error  // why the cell cannot be written: a grid given it writes nothing
	kind  Kind   // how it is aligned and formatted
	shown string // the text the cell displays, to size its column
}

// Err is why c cannot be written, nil when it can: a grid given such a cell
// writes nothing and Finish returns the error.
func (c Cell) Err() error { return c.err }

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
func (c Cell) Shown() string {
	if c.kind == KindMoney && c.shown == "" && c.val.vt == valueFloat {
		return groupThousands(strconv.FormatFloat(math.Float64frombits(c.val.bits), 'f', 2, 64))
	}
	if n, ok := c.lazyInt(); ok {
		return strconv.FormatInt(n, 10)
	}
	return c.shown
}

// lazyInt is the whole number of a count made by Int, whose text is not
// made until asked for: the 序号 of 250,000 teachers, on two sheets,
// measured and written, were a million strings (issue 20).
func (c Cell) lazyInt() (int64, bool) {
	if c.shown != "" || c.val.vt != valueFloat || !c.kind.count() {
		return 0, false
	}
	f := math.Float64frombits(c.val.bits)
	if f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int64(f), true
}

// count reports whether cells of kind k hold counts.
func (k Kind) count() bool {
	return k == KindCount || k == KindCountBlank || k == KindCountCenter
}

// width is the width c's shown text needs, in units: a figure's as
// FontFigures sets it, text's as FontText does. An amount's is counted
// from its digits, without the text: a district's payout has two million.
func (c Cell) width() float64 {
	if c.kind == KindMoney && c.shown == "" && c.val.vt == valueFloat {
		v := math.Float64frombits(c.val.bits)
		w, digits := 0.0, 0
		if cents := math.Round(v * 100); math.Abs(cents) < 1e15 && cents/100 == v && !(v == 0 && math.Signbit(v)) {
			// v is the double nearest a whole number of cents, which
			// FormatFloat(v, 'f', 2) writes exactly: its digits before
			// the point are those of the whole yuan, counted without the
			// text (four million amounts for 250,000 teachers, issue 20).
			n := int64(cents)
			if n < 0 {
				w, n = 0.6, -n
			}
			digits = 1
			for y := n / 100; y >= 10; y /= 10 {
				digits++
			}
		} else {
			var buf [32]byte
			b := strconv.AppendFloat(buf[:0], v, 'f', 2, 64)
			if b[0] == '-' {
				w, b = 0.6, b[1:]
			}
			digits = len(b) - 3 // before the point
		}
		return w + float64(digits) + 0.5*float64((digits-1)/3) + 0.5 + 2
	}
	if n, ok := c.lazyInt(); ok {
		// figureWidth of its text: a digit each, a minus sign 0.6.
		w := 1.0
		if n < 0 {
			w, n = 1.6, -n
		}
		for ; n >= 10; n /= 10 {
			w++
		}
		return w
	}
	if c.kind.figure() {
		return figureWidth(c.shown)
	}
	return textWidth(c.shown)
}

// As is c formatted as kind k: a count shown blank when 0, text centred.
func (c Cell) As(k Kind) Cell {
	if c.kind.count() && !k.count() {
		c.shown = c.Shown() // an Int's text, made when it stops being a count
	}
	c.kind = k
	return c
}

// Text is a text cell; "" leaves the cell empty.
func Text(s string) Cell {
	if s == "" {
		return Cell{kind: KindText}
	}
	return Cell{val: textValue(s), kind: KindText, shown: s}
}

// Label is the label of a field in a form: 姓名 beside the name, 应缴
// beside the amount. It looks like a header cell, so that a printed slip
// reads as a form.
func Label(s string) Cell { return Cell{val: textValue(s), kind: KindLabel, shown: s} }

// Center is a centered text cell.
func Center(s string) Cell { return Text(s).As(KindCenter) }

// Empty is a bordered cell with nothing in it, such as 签字.
func Empty() Cell { return Cell{kind: KindText} }

// Count is a count such as 34 sessions or 2.5 shifts.
func Count(d decimal.Decimal) Cell {
	// A whole count is shown as strconv writes it, without the big.Int's
	// String: the same digits, and under 100 no allocation (issue 20).
	shown := ""
	if d.Exponent() == 0 && d.NumDigits() <= 18 {
		shown = strconv.FormatInt(d.IntPart(), 10)
	} else {
		shown = d.String()
	}
	return Cell{val: floatValue(d.InexactFloat64()), kind: KindCount, shown: shown}
}

// Int is a whole count such as a row number.
func Int(n int) Cell {
	if i := int64(n); i < -1<<53 || i > 1<<53 { // int64: int is 32 bits on windows/386
		return Count(decimal.NewFromInt(int64(n)))
	}
	// Count's cell without a Decimal made for it: exact as a float64. Its
	// text is made when asked for (lazyInt).
	return Cell{val: floatValue(float64(n)), kind: KindCount}
}

// CenterInt is a whole number centred in its cell, such as 序号.
func CenterInt(n int) Cell { return Int(n).As(KindCountCenter) }

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
	// An amount of at most two places is rounded to cents: only one with
	// more is rounded to see (Round allocates, and a payout has eight
	// amounts a teacher).
	if d.Exponent() < -2 && !d.Equal(d.Round(2)) {
		return Cell{kind: KindMoney, err: fmt.Errorf("%w：%s 元有 %d 位小数，不能写入表格", ErrUnrounded, d, -d.Exponent())}
	}
	// Shown from the float when asked: exact for an amount rounded to cents.
	return Cell{val: floatValue(d.InexactFloat64()), kind: KindMoney}
}

// Percent is a fraction shown as a percent: 0.3 as 30%, 0.125 as 12.5%.
// The format has as many decimals as the percent needs, so 12.5% does not
// show as 13%.
func Percent(d decimal.Decimal) Cell {
	if n, ok := wholePercent(d); ok {
		// The text of a whole percent, without Shift, Truncate and String,
		// which allocated four times a teacher (issue 20).
		return Cell{val: floatValue(d.InexactFloat64()), kind: KindPercent0, shown: percentTexts[n]}
	}
	k := KindPercent2
	pct := d.Shift(2)
	for places, pk := range []Kind{KindPercent0, KindPercent1} {
		if pct.Equal(pct.Truncate(int32(places))) {
			k = pk
			break
		}
	}
	return Cell{val: floatValue(d.InexactFloat64()), kind: k, shown: pct.String() + "%"}
}

// percentTexts are the texts of the whole percents 0% to 100%.
var percentTexts = func() (t [101]string) {
	for n := range t {
		t[n] = strconv.Itoa(n) + "%"
	}
	return t
}()

// wholePercent is d as a whole percent from 0 to 100, and whether it is
// one whose text is strconv's: d.Shift(2).String() is then its digits.
func wholePercent(d decimal.Decimal) (int, bool) {
	if !decimal.TrimTrailingZeros || decimal.UseScientificNotation || d.NumDigits() > 18 {
		return 0, false
	}
	c, e := d.CoefficientInt64(), int(d.Exponent())+2 // d × 100 is c × 10^e
	if c == 0 {
		return 0, true
	}
	for ; e < 0; e++ {
		if c%10 != 0 {
			return 0, false
		}
		c /= 10
	}
	for ; e > 0; e-- {
		if c > 100 {
			return 0, false
		}
		c *= 10
	}
	if c < 0 || c > 100 {
		return 0, false
	}
	return int(c), true
}

// Date is a real date cell: the Excel serial number with a date format,
// so the sheet sorts and filters by date.
func Date(d rules.Date) Cell {
	if d.IsZero() {
		return Cell{kind: KindDate}
	}
	return Cell{val: intValue(excelSerial(d)), kind: KindDate, shown: d.String()}
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
		if isWide(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// isWide reports whether r takes two units, as DisplayWidth counts it: East
// Asian wide, fullwidth or ambiguous. ASCII never is, and the CJK unified
// ideographs (U+4E00 to U+9FFF) always are, which a test checks against
// the table: the characters of names and labels are known without looking
// them up (a district's slips measure about ten million, issue 20).
func isWide(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return false
	case r >= cjkFirst && r <= cjkLast:
		return true
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
		return true
	}
	return false
}

// The block of the CJK unified ideographs, every one of them wide.
const cjkFirst, cjkLast = 0x4E00, 0x9FFF
