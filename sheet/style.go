package sheet

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"kfpay/calc"
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
	d = calc.Yuan(d)
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

// grid writes one sheet in kfpay's styles and sizes its columns to what they
// hold. It keeps the cells until finish, which writes the sheet in one pass
// with a StreamWriter: a StreamWriter needs the column widths before the
// first row, and the widths depend on every row. Kept as values and style
// ids, the cells of 50,000 people take tens of megabytes, where excelize's
// in-memory worksheet took gigabytes (EXCELIZE.md). The first error sticks:
// later calls do nothing and finish returns it, so writing code reads as a
// list of rows.
//
// The sheet's cells and merges go through the grid; anything else about the
// sheet (panes, page setup, data validation) is set on the file before
// finish, which must come last: a streamed sheet is written as it stands
// when its stream starts, and nothing can be set on it once it is flushed.
type grid struct {
	f     *excelize.File
	sheet string
	st    *styles

	rows    []gridRow       // by row number - 1
	merges  [][2]string     // ranges to merge, as top-left and bottom-right cells
	need    []float64       // by column - 1, the width its content needs
	fixed   map[int]float64 // widths set by the caller, by column
	lastCol int             // the used range, for the sheet's dimension
	lastRow int
	err     error
}

// gridRow is one row of a grid.
type gridRow struct {
	cells   []gridCell // by column - 1
	height  float64    // set by the caller or needed by wrapping text; 0 for the default
	wrapped []wrap     // text that may wrap
}

// gridCell is a cell's value (nil for none) and style id. A zero gridCell,
// no value in the default style, is no cell at all.
type gridCell struct {
	value any
	style int
}

// wrap is a piece of wrapping text in a column.
type wrap struct {
	col   int
	width float64
}

func newGrid(f *excelize.File, sheet string, st *styles) *grid {
	return &grid{f: f, sheet: sheet, st: st, fixed: map[int]float64{}}
}

// row writes cells into row r from column A on, in the total (bold) styles
// when total is set.
func (g *grid) row(r int, total bool, cells ...cell) {
	ids := g.st.body
	if total {
		ids = g.st.total
	}
	g.reserve(r, len(cells))
	for i, c := range cells {
		col := i + 1
		g.put(col, r, c.value, ids[c.kind])
		w := displayWidth(c.shown)
		g.needWidth(col, min(w, maxWidth)+padWidth)
		if c.kind == kindText && w > 0 && g.err == nil {
			g.rows[r-1].wrapped = append(g.rows[r-1].wrapped, wrap{col, w})
		}
	}
}

// header writes a header row. A header may wrap onto two lines, so it asks
// only for the width of its longer half: the data sets the width.
func (g *grid) header(r int, names ...string) {
	g.reserve(r, len(names))
	for i, name := range names {
		col := i + 1
		g.put(col, r, name, g.st.header)
		w := displayWidth(name)
		g.needWidth(col, math.Ceil(w/4)*2+padWidth)
		if g.err == nil {
			g.rows[r-1].wrapped = append(g.rows[r-1].wrapped, wrap{col, w})
		}
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
	a, err := excelize.CoordinatesToCellName(from, r)
	if err == nil {
		var b string
		b, err = excelize.CoordinatesToCellName(to, r)
		g.merges = append(g.merges, [2]string{a, b})
	}
	g.err = err
}

// setWidth fixes the width of column col, whatever it holds.
func (g *grid) setWidth(col int, w float64) { g.fixed[col] = w }

// setHeight makes row r at least h points high.
func (g *grid) setHeight(r int, h float64) {
	if row := g.at(r); row != nil {
		row.height = max(row.height, h)
	}
}

// needWidth makes column col at least w wide.
func (g *grid) needWidth(col int, w float64) {
	for len(g.need) < col {
		g.need = append(g.need, 0)
	}
	g.need[col-1] = max(g.need[col-1], w)
}

// at returns row r, adding the rows up to it, or nil after an error.
func (g *grid) at(r int) *gridRow {
	if g.err != nil {
		return nil
	}
	if r < 1 || r > excelize.TotalRows {
		g.err = excelize.ErrMaxRows
		return nil
	}
	for len(g.rows) < r {
		g.rows = append(g.rows, gridRow{})
	}
	return &g.rows[r-1]
}

// reserve makes room for n cells in row r: one allocation for a row's cells.
func (g *grid) reserve(r, n int) {
	if row := g.at(r); row != nil && cap(row.cells) < n {
		row.cells = slices.Grow(row.cells, n-len(row.cells))
	}
}

func (g *grid) put(col, r int, v any, style int) {
	row := g.at(r)
	if row == nil {
		return
	}
	if col < 1 || col > excelize.MaxColumns {
		g.err = excelize.ErrColumnNumber
		return
	}
	if len(row.cells) < col {
		row.cells = append(row.cells, make([]gridCell, col-len(row.cells))...)
	}
	// As SetCellValue and SetCellStyle did: nil leaves a value in place.
	if v != nil {
		row.cells[col-1].value = v
	}
	row.cells[col-1].style = style
	g.lastCol, g.lastRow = max(g.lastCol, col), max(g.lastRow, r)
}

// finish writes the sheet: its dimension, which excelize leaves at A1 and
// readers check rows against, the column widths, the rows, with the heights
// of rows whose text wraps, which Excel does not recompute on opening a
// file, and the merged cells. It returns the first error of the grid.
func (g *grid) finish() error {
	if g.err != nil {
		return g.err
	}
	// The stream writes over cells and merges set on the sheet itself:
	// refuse them rather than lose them.
	merged, err := g.f.GetMergeCells(g.sheet)
	if err != nil {
		return err
	}
	rows, err := g.f.GetRows(g.sheet)
	if err != nil {
		return err
	}
	if len(merged) > 0 || len(rows) > 0 {
		return fmt.Errorf("grid %s: cells written outside the grid", g.sheet)
	}
	// What goes before <sheetData> is set on the sheet before the stream
	// starts, which writes it as it finds it.
	if g.lastRow > 0 {
		last, _ := excelize.CoordinatesToCellName(g.lastCol, g.lastRow)
		if err := g.f.SetSheetDimension(g.sheet, "A1:"+last); err != nil {
			return err
		}
	}
	// excelize puts each column it is given first, and a streamed sheet is
	// not sorted on saving as an in-memory one is: from the last column to
	// the first, so the <col> elements come out in order, as Excel wants.
	widths := g.widths()
	for i := len(widths) - 1; i >= 0; i-- {
		if widths[i] > 0 {
			name, _ := excelize.ColumnNumberToName(i + 1)
			if err := g.f.SetColWidth(g.sheet, name, name, widths[i]); err != nil {
				return err
			}
		}
	}
	sw, err := g.f.NewStreamWriter(g.sheet)
	if err != nil {
		return err
	}
	// Reused from row to row: a *Cell in an interface is not allocated, a
	// Cell would be, once per cell.
	var values []any
	var cells []excelize.Cell
	for i := range g.rows {
		row := &g.rows[i]
		height := row.height
		for _, w := range row.wrapped {
			room := max(widths[w.col-1]-padWidth, 1)
			if lines := math.Ceil(w.width / room); lines > 1 {
				height = max(height, lines*lineHeight)
			}
		}
		if len(row.cells) == 0 && height == 0 {
			continue
		}
		values, cells = values[:0], cells[:0]
		for _, c := range row.cells {
			cells = append(cells, excelize.Cell{StyleID: c.style, Value: c.value})
		}
		// Pointers only once the appends, which may move cells, are done.
		for j, c := range row.cells {
			if c.value == nil && c.style == 0 {
				values = append(values, nil) // no cell
				continue
			}
			values = append(values, &cells[j])
		}
		name, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(name, values, excelize.RowOpts{Height: height}); err != nil {
			return err
		}
		// The row is written: let its cells go while the next rows stream.
		*row = gridRow{}
	}
	for _, m := range g.merges {
		if err := sw.MergeCell(m[0], m[1]); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// widths are the widths of the columns, by column - 1: what the content
// needs, at least minWidth, or what the caller fixed. 0 leaves a column at
// the default width.
func (g *grid) widths() []float64 {
	n := len(g.need)
	for col := range g.fixed {
		n = max(n, col)
	}
	widths := make([]float64, n)
	for i, w := range g.need {
		if w > 0 {
			widths[i] = max(w, minWidth)
		}
	}
	for col, w := range g.fixed {
		widths[col-1] = w
	}
	return widths
}

// pageSetup makes sheet print on A4 in the given orientation, one page wide
// and as many long as it takes, with rows 1 to repeat printed at the top of
// every page, header centered in the page header and page numbers in the
// footer. A grid's sheet takes it before grid.finish.
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

// freezeRows keeps rows 1 to n in view while the rest scrolls. A grid's
// sheet takes it before grid.finish.
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
