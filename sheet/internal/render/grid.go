package render

import (
	"fmt"
	"math"
	"slices"

	"github.com/xuri/excelize/v2"
)

// checkEvery is how many rows a grid or a stream writes between looks at
// its context: Ctrl-C stops a district's 50,000 rows at once.
const checkEvery = 1 << 12

// Column widths, in Excel units. Text wraps in cells beyond maxWidth.
const (
	minWidth   = 6
	maxWidth   = 50
	PadWidth   = 2  // room around the text so it does not touch the borders
	LineHeight = 16 // points per line of wrapped 11-point text, CJK fonts included
)

// Grid writes one sheet in kfpay's styles and sizes its columns to what they
// hold. It keeps the cells until finish, which writes the sheet in one pass
// with a StreamWriter: a StreamWriter needs the column widths before the
// first row, and the widths depend on every row. Kept as values and style
// ids, the cells of 50,000 people take tens of megabytes, where excelize's
// in-memory worksheet takes gigabytes (measured with excelize v2.11.1, 1M
// rows × 6 columns: SetCellValue 4.1 GB, StreamWriter 117 MB). The first error sticks:
// later calls do nothing and finish returns it, so writing code reads as a
// list of rows.
//
// The sheet's cells and merges go through the grid; anything else about the
// sheet (panes, page setup, data validation) is set on the Book before
// Finish, which must come last: a streamed sheet is written as it stands
// when its stream starts, and nothing can be set on it once it is flushed.
type Grid struct {
	f     *excelize.File
	sheet string
	book  *Book
	st    *styles

	rows    []gridRow       // by row number - 1
	merges  [][2]string     // ranges to merge, as top-left and bottom-right cells
	need    []float64       // by column - 1, the width its content needs
	fixed   map[int]float64 // widths set by the caller, by column
	lastCol int             // the used range, for the sheet's dimension
	lastRow int
	err     error
}

// gridRow is one row of a grid: its cells' values (nil for none) and style
// ids, by column - 1. No value in the default style is no cell at all. The
// values and styles of a Cell are kept apart, not as Cells, so that the
// cells of a sheet of 50,000 people take 20 bytes each until they are
// written.
type gridRow struct {
	values  []any
	styles  []int32
	height  float64 // set by the caller or needed by wrapping text; 0 for the default
	wrapped []wrap  // text that may wrap
}

// wrap is a piece of wrapping text in a column.
type wrap struct {
	col   int
	width float64
}

// Grid starts the grid of the sheet named sheet, which the book has.
func (b *Book) Grid(sheet string) *Grid {
	return &Grid{f: b.f, sheet: sheet, book: b, st: b.st, fixed: map[int]float64{}}
}

// Row writes cells into row r from column A on, in the total (bold) styles
// when total is set.
func (g *Grid) Row(r int, total bool, cells ...Cell) {
	ids := g.st.body
	if total {
		ids = g.st.total
	}
	g.reserve(r, len(cells))
	for i, c := range cells {
		if r, ok := c.value.(refusal); ok {
			if g.err == nil {
				g.err = r.err
			}
			continue
		}
		col := i + 1
		g.put(col, r, c.value, ids[c.kind])
		w := DisplayWidth(c.shown)
		g.needWidth(col, min(w, maxWidth)+PadWidth)
		if c.kind == KindText && w > 0 && g.err == nil {
			g.rows[r-1].wrapped = append(g.rows[r-1].wrapped, wrap{col, w})
		}
	}
}

// Header writes a header row. A header may wrap onto two lines, so it asks
// only for the width of its longer half: the data sets the width.
func (g *Grid) Header(r int, names ...string) {
	g.reserve(r, len(names))
	for i, name := range names {
		col := i + 1
		g.put(col, r, name, g.st.header)
		w := DisplayWidth(name)
		g.needWidth(col, math.Ceil(w/4)*2+PadWidth)
		if g.err == nil {
			g.rows[r-1].wrapped = append(g.rows[r-1].wrapped, wrap{col, w})
		}
	}
}

// Title writes text in row r merged across columns 1 to cols. It does not
// size the columns.
func (g *Grid) Title(r, cols int, text string) {
	g.put(1, r, text, g.st.title)
	g.Merge(r, 1, cols)
	g.SetHeight(r, 28)
}

// Merge merges row r from column from to column to; the value stays in the first.
func (g *Grid) Merge(r, from, to int) {
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

// LineStyle is the style of a line of free text across a sheet.
type LineStyle int

const (
	Plain LineStyle = iota // unbordered text, wrapped
	Bold                   // the same in bold, for lines to sign
)

// Line writes free text, unbordered, across columns 1 to cols of row r,
// which is height points high: a sentence above or below a table, a line
// to sign.
func (g *Grid) Line(r, cols int, style LineStyle, text string, height float64) {
	ps, err := g.book.plainStyles()
	if err != nil {
		if g.err == nil {
			g.err = err
		}
		return
	}
	id := ps.text
	if style == Bold {
		id = ps.bold
	}
	g.put(1, r, text, id)
	g.Merge(r, 1, cols)
	g.SetHeight(r, height)
}

// SetWidth fixes the width of column col, whatever it holds.
func (g *Grid) SetWidth(col int, w float64) { g.fixed[col] = w }

// SetHeight makes row r at least h points high.
func (g *Grid) SetHeight(r int, h float64) {
	if row := g.at(r); row != nil {
		row.height = max(row.height, h)
	}
}

// needWidth makes column col at least w wide.
func (g *Grid) needWidth(col int, w float64) {
	for len(g.need) < col {
		g.need = append(g.need, 0)
	}
	g.need[col-1] = max(g.need[col-1], w)
}

// at returns row r, adding the rows up to it, or nil after an error.
func (g *Grid) at(r int) *gridRow {
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
func (g *Grid) reserve(r, n int) {
	if row := g.at(r); row != nil && cap(row.values) < n {
		row.values = slices.Grow(row.values, n-len(row.values))
		row.styles = slices.Grow(row.styles, n-len(row.styles))
	}
}

func (g *Grid) put(col, r int, v any, style int) {
	row := g.at(r)
	if row == nil {
		return
	}
	if col < 1 || col > excelize.MaxColumns {
		g.err = excelize.ErrColumnNumber
		return
	}
	if n := col - len(row.values); n > 0 {
		row.values = append(row.values, make([]any, n)...)
		row.styles = append(row.styles, make([]int32, n)...)
	}
	// As SetCellValue and SetCellStyle did: nil leaves a value in place.
	if v != nil {
		row.values[col-1] = v
	}
	row.styles[col-1] = int32(style)
	g.lastCol, g.lastRow = max(g.lastCol, col), max(g.lastRow, r)
}

// Finish writes the sheet: its dimension, which excelize leaves at A1 and
// Excel writes as the used range, the column widths, the rows, with the heights
// of rows whose text wraps, which Excel does not recompute on opening a
// file, and the merged cells. It returns the first error of the grid.
func (g *Grid) Finish() error {
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
		if i%checkEvery == 0 {
			if err := g.book.ctx.Err(); err != nil {
				return err
			}
		}
		row := &g.rows[i]
		height := row.height
		for _, w := range row.wrapped {
			room := max(widths[w.col-1]-PadWidth, 1)
			if lines := math.Ceil(w.width / room); lines > 1 {
				height = max(height, lines*LineHeight)
			}
		}
		if len(row.values) == 0 && height == 0 {
			continue
		}
		values, cells = values[:0], cells[:0]
		for j, v := range row.values {
			c := excelize.Cell{StyleID: int(row.styles[j]), Value: v}
			if f, ok := v.(formula); ok {
				c.Formula, c.Value = f.expr, f.value
			}
			cells = append(cells, c)
		}
		// Pointers only once the appends, which may move cells, are done.
		for j, v := range row.values {
			if v == nil && row.styles[j] == 0 {
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
func (g *Grid) widths() []float64 {
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
