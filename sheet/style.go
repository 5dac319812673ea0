package sheet

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"strings"

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

// kind is what a cell holds, and so how it is written and formatted.
type kind int

const (
	kindText       kind = iota // left-aligned text
	kindCenter                 // centered text: 合计, short codes
	kindCount                  // a count, General format
	kindMoney                  // yuan, #,##0.00
	kindPercent0               // a fraction shown as 30%
	kindPercent1               // … as 12.5%
	kindPercent2               // … as 12.25%
	kindDate                   // a date serial shown as 2026-09-01
	kindCountBlank             // a whole count shown blank when 0, for notices where zeros are noise
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
		ids[kindText] = cell("left", numFmtGeneral, nil)
		ids[kindCenter] = cell("center", numFmtGeneral, nil)
		ids[kindCount] = cell("right", numFmtGeneral, nil)
		ids[kindMoney] = cell("right", numFmtMoney, nil)
		ids[kindPercent0] = cell("right", numFmtPercent0, nil)
		ids[kindPercent1] = cell("right", 0, &percent1)
		ids[kindPercent2] = cell("right", numFmtPercent2, nil)
		ids[kindDate] = cell("center", 0, &date)
		ids[kindCountBlank] = cell("center", 0, &blankZero)
	}
	if err != nil {
		return nil, fmt.Errorf("add styles: %w", err)
	}
	return &st, nil
}

// cell is one value to write, with how it is shown.
type cell struct {
	value any    // written as is: string, float64 or int; nil leaves the cell empty (but styled)
	kind  kind   // how it is aligned and formatted
	shown string // the text the cell displays, to size its column
}

// textCell is a text cell; "" leaves the cell empty.
func textCell(s string) cell {
	if s == "" {
		return cell{kind: kindText}
	}
	return cell{value: s, kind: kindText, shown: s}
}

// centerCell is a centered text cell.
func centerCell(s string) cell {
	c := textCell(s)
	c.kind = kindCenter
	return c
}

// emptyCell is a bordered cell with nothing in it, such as 签字.
func emptyCell() cell { return cell{kind: kindText} }

// countCell is a count such as 34 sessions or 2.5 shifts.
func countCell(d decimal.Decimal) cell {
	return cell{value: d.InexactFloat64(), kind: kindCount, shown: d.String()}
}

// intCell is a whole count such as a row number.
func intCell(n int) cell { return countCell(decimal.NewFromInt(int64(n))) }

// centerInt is a whole number centred in its cell, such as 序号.
func centerInt(n int) cell {
	c := intCell(n)
	c.kind = kindCenter
	return c
}

// moneyCell is an amount in yuan. It is written as a number, never as a
// decimal.Decimal, which excelize would store as text (EXCELIZE.md); the
// float of a value rounded to cents is exact for any amount below 1e13.
func moneyCell(d decimal.Decimal) cell {
	d = d.Round(2)
	return cell{value: d.InexactFloat64(), kind: kindMoney, shown: groupThousands(d.StringFixed(2))}
}

// percentCell is a fraction shown as a percent: 0.3 as 30%, 0.125 as 12.5%.
// The format has as many decimals as the percent needs, so 12.5% does not
// show as 13%.
func percentCell(d decimal.Decimal) cell {
	k := kindPercent2
	pct := d.Shift(2)
	for places, pk := range []kind{kindPercent0, kindPercent1} {
		if pct.Equal(pct.Truncate(int32(places))) {
			k = pk
			break
		}
	}
	return cell{value: d.InexactFloat64(), kind: k, shown: pct.String() + "%"}
}

// dateCell is a real date cell: the Excel serial number with a date format,
// so the sheet sorts and filters by date.
func dateCell(d rules.Date) cell {
	if d.IsZero() {
		return cell{kind: kindDate}
	}
	return cell{value: excelSerial(d), kind: kindDate, shown: d.String()}
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

// displayWidth is the width of s in Excel column units: a CJK character
// takes about two, a Latin letter or digit one.
func displayWidth(s string) float64 {
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

// Column widths, in Excel units. Text wraps in cells beyond maxWidth.
const (
	minWidth   = 6
	maxWidth   = 50
	padWidth   = 2  // room around the text so it does not touch the borders
	lineHeight = 16 // points per line of wrapped 11-point text, CJK fonts included
)

// grid writes one sheet cell by cell, in kfpay's styles, and sizes its
// columns to what they hold. The first error sticks: later calls do nothing
// and finish returns it, so writing code reads as a list of rows.
type grid struct {
	f     *excelize.File
	sheet string
	st    *styles

	need    map[int]float64 // width each column's content needs
	fixed   map[int]float64 // widths set by the caller
	wrapped map[int][]wrap  // per row, text that may wrap
	heights map[int]float64 // per row, a height set by the caller
	lastCol int             // the used range, for the sheet's dimension
	lastRow int
	err     error
}

// wrap is a piece of wrapping text in a column.
type wrap struct {
	col   int
	width float64
}

func newGrid(f *excelize.File, sheet string, st *styles) *grid {
	return &grid{
		f: f, sheet: sheet, st: st,
		need:    map[int]float64{},
		fixed:   map[int]float64{},
		wrapped: map[int][]wrap{},
		heights: map[int]float64{},
	}
}

// row writes cells into row r from column A on, in the total (bold) styles
// when total is set.
func (g *grid) row(r int, total bool, cells ...cell) {
	ids := g.st.body
	if total {
		ids = g.st.total
	}
	for i, c := range cells {
		col := i + 1
		g.put(col, r, c.value, ids[c.kind])
		w := displayWidth(c.shown)
		g.need[col] = max(g.need[col], min(w, maxWidth)+padWidth)
		if c.kind == kindText && w > 0 {
			g.wrapped[r] = append(g.wrapped[r], wrap{col, w})
		}
	}
}

// header writes a header row. A header may wrap onto two lines, so it asks
// only for the width of its longer half: the data sets the width.
func (g *grid) header(r int, names ...string) {
	for i, name := range names {
		col := i + 1
		g.put(col, r, name, g.st.header)
		w := displayWidth(name)
		g.need[col] = max(g.need[col], math.Ceil(w/4)*2+padWidth)
		g.wrapped[r] = append(g.wrapped[r], wrap{col, w})
	}
}

// title writes text in row r merged across columns 1 to cols. It does not
// size the columns.
func (g *grid) title(r, cols int, text string) {
	g.put(1, r, text, g.st.title)
	g.merge(r, 1, cols)
	g.setHeight(r, 28)
}

// merge merges row r from column from to column to; the value stays in the first.
func (g *grid) merge(r, from, to int) {
	if g.err != nil || from == to {
		return
	}
	a, _ := excelize.CoordinatesToCellName(from, r)
	b, _ := excelize.CoordinatesToCellName(to, r)
	g.err = g.f.MergeCell(g.sheet, a, b)
}

// setWidth fixes the width of column col, whatever it holds.
func (g *grid) setWidth(col int, w float64) { g.fixed[col] = w }

// setHeight makes row r at least h points high.
func (g *grid) setHeight(r int, h float64) { g.heights[r] = max(g.heights[r], h) }

func (g *grid) put(col, r int, v any, style int) {
	if g.err != nil {
		return
	}
	name, err := excelize.CoordinatesToCellName(col, r)
	if err != nil {
		g.err = err
		return
	}
	if v != nil {
		if g.err = g.f.SetCellValue(g.sheet, name, v); g.err != nil {
			return
		}
	}
	g.lastCol, g.lastRow = max(g.lastCol, col), max(g.lastRow, r)
	g.err = g.f.SetCellStyle(g.sheet, name, name, style)
}

// finish sets the column widths, the heights of rows whose text wraps,
// which Excel does not recompute on opening a file, and the sheet's
// dimension, which excelize leaves at A1 and readers check rows against.
// It returns the first error of the grid.
func (g *grid) finish() error {
	if g.err != nil {
		return g.err
	}
	if g.lastRow > 0 {
		last, _ := excelize.CoordinatesToCellName(g.lastCol, g.lastRow)
		if err := g.f.SetSheetDimension(g.sheet, "A1:"+last); err != nil {
			return err
		}
	}
	widths := map[int]float64{}
	for col, w := range g.need {
		widths[col] = max(w, minWidth)
	}
	for col, w := range g.fixed {
		widths[col] = w
	}
	// Sorted, so that the sheet's XML does not follow map order.
	for _, col := range slices.Sorted(maps.Keys(widths)) {
		name, _ := excelize.ColumnNumberToName(col)
		if err := g.f.SetColWidth(g.sheet, name, name, widths[col]); err != nil {
			return err
		}
	}
	for r, ws := range g.wrapped {
		lines := 1.0
		for _, w := range ws {
			room := max(widths[w.col]-padWidth, 1)
			lines = max(lines, math.Ceil(w.width/room))
		}
		if lines > 1 {
			g.setHeight(r, lines*lineHeight)
		}
	}
	for _, r := range slices.Sorted(maps.Keys(g.heights)) {
		if err := g.f.SetRowHeight(g.sheet, r, g.heights[r]); err != nil {
			return err
		}
	}
	return nil
}

// pageSetup makes sheet print on A4 in the given orientation, one page wide
// and as many long as it takes, with rows 1 to repeat printed at the top of
// every page, header centered in the page header and page numbers in the
// footer.
func pageSetup(f *excelize.File, sheet string, landscape bool, repeat int, header string) error {
	orientation := "portrait"
	if landscape {
		orientation = "landscape"
	}
	a4, one, zero, yes := 9, 1, 0, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size:        &a4,
		Orientation: &orientation,
		FitToWidth:  &one,
		FitToHeight: &zero, // 0: as many pages long as the rows need
	}); err != nil {
		return err
	}
	// Excel applies FitToWidth only to a sheet marked fit-to-page.
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Horizontally: &yes}); err != nil {
		return err
	}
	if repeat > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("%s!$1:$%d", quoteSheet(sheet), repeat),
			Scope:    sheet,
		}); err != nil {
			return err
		}
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&C" + strings.ReplaceAll(header, "&", "&&"), // & starts a code in a page header
		OddFooter: "&C第 &P 页，共 &N 页",
	})
}

// freezeRows keeps rows 1 to n in view while the rest scrolls.
func freezeRows(f *excelize.File, sheet string, n int) error {
	first, _ := excelize.CoordinatesToCellName(1, n+1)
	return f.SetPanes(sheet, &excelize.Panes{
		Freeze:      true,
		YSplit:      n,
		TopLeftCell: first,
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomLeft"}},
	})
}

// quoteSheet quotes a sheet name for a formula or defined name.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
