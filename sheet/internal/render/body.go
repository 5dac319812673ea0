package render

import (
	"errors"
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"
)

// BodyFunc gives row i of a body (Grid.Body), counted from 0: it appends
// the row's cells to cells, which it may reuse, and returns them with the
// height the row is at least (as SetHeight; 0 for none). It is called
// twice for each row, to measure the rows and to write them, and must give
// the same cells both times.
type BodyFunc func(i int, cells []Cell) ([]Cell, float64)

// body is a run of a grid's rows that a BodyFunc gives: of each row only
// what its height needs is kept, and its cells are made again when the
// sheet is written. The rows of 250,000 teachers kept as cells were 150 MB
// allocated and 100 MB live while the payout was written, marked by every
// collection (issue 20).
type body struct {
	first, n int // rows first to first+n-1
	fill     BodyFunc
	rows     []bodyRow  // by row - first
	wraps    []bodyWrap // the text of the rows that may wrap, row after row
}

// bodyRow is what a row of a body needs for its height.
type bodyRow struct {
	height  float64 // at least this high, as fill said
	wrapEnd int32   // its wraps end at wraps[wrapEnd]: they start at the row before's
	cells   bool    // it holds cells (of a table: a body's are)
}

// bodyWrap is a text of a body row that may wrap in its column.
type bodyWrap struct {
	text string
	col  int32
}

// wrapsOf is the wraps of the body's row i.
func (b *body) wrapsOf(i int) []bodyWrap {
	from := int32(0)
	if i > 0 {
		from = b.rows[i-1].wrapEnd
	}
	return b.wraps[from:b.rows[i].wrapEnd]
}

// Body writes rows first to first+n-1 from fill, row first+i holding the
// cells fill gives for i, in the body styles, as Row writes them: for a
// sheet of a row per person, whose rows' cells a grid would otherwise keep
// until Finish. The rows before first are written before Body, those after
// it after; a grid has one body, which no cell, SetHeight or Append may
// touch afterwards. Body calls fill for every row at once to measure them,
// and again in Finish to write them, so what fill reads must not change in
// between.
func (g *Grid) Body(first, n int, fill BodyFunc) {
	if g.err != nil || n <= 0 {
		return
	}
	switch {
	case g.body != nil:
		g.err = errors.New("render: a second body in a grid")
		return
	case first <= len(g.rows):
		g.err = fmt.Errorf("render: the body of %s at row %d over rows written", g.sheet, first)
		return
	case first+n-1 > excelize.TotalRows:
		g.err = sheetTooLong(g.sheet)
		return
	}
	if first > 1 && g.at(first-1) == nil { // the rows up to it, as Row would add them
		return
	}
	g.commitPending()
	// Room for a wrap a row, a person's name: grown by appending, the wraps
	// of 250,000 rows were copied over and over.
	b := &body{first: first, n: n, fill: fill, rows: make([]bodyRow, n), wraps: make([]bodyWrap, 0, n)}
	g.body = b
	g.measured = nil
	var cells []Cell
	for i := range n {
		if i%checkEvery == 0 {
			if err := g.book.ctx.Err(); err != nil {
				g.err = err
				return
			}
		}
		var h float64
		cells, h = fill(i, cells[:0])
		if !g.measureBodyRow(b, i, cells, h) {
			return
		}
	}
}

// measureBodyRow takes in the widths and wraps of the body's row i, as Row
// and SetHeight would, and false when a cell cannot be written.
func (g *Grid) measureBodyRow(b *body, i int, cells []Cell, height float64) bool {
	if len(cells) > excelize.MaxColumns {
		g.err = sheetTooWide(g.sheet)
		return false
	}
	for j := range cells {
		c := &cells[j] // a Cell is 80 bytes: not copied
		if c.err != nil {
			g.err = c.err
			return false
		}
		col := j + 1
		w := c.width()
		g.needWidth(col, min(w, maxWidth)+PadWidth)
		g.hold(col, c)
		if c.kind == KindText && w > 0 {
			if len(b.wraps) == math.MaxInt32 {
				g.err = sheetTooLong(g.sheet)
				return false
			}
			b.wraps = append(b.wraps, bodyWrap{text: c.shown, col: int32(col)})
		}
	}
	if len(cells) > 0 {
		g.lastCol, g.lastRow = max(g.lastCol, len(cells)), max(g.lastRow, b.first+i)
	}
	b.rows[i] = bodyRow{height: max(0, height), wrapEnd: int32(len(b.wraps)), cells: len(cells) > 0}
	return true
}

// write writes the cells of the body's row r through rw, in the style ids
// of st, made again in cells, which it returns for the next row.
func (b *body) write(rw *rowWriter, book *Book, st *styles, r int, cells []Cell) ([]Cell, error) {
	cells, _ = b.fill(r-b.first, cells[:0])
	for j := range cells {
		c := &cells[j]
		if c.err != nil {
			return cells, c.err
		}
		key := styleKey{role: roleBody, kind: uint8(c.kind)}
		if c.kind == KindLabel {
			key = styleKey{role: roleHeader}
		}
		id, err := book.styleID(st, key)
		if err != nil {
			return cells, err
		}
		v := c.val
		switch v.vt {
		case valueText:
			v = textValue(fitCell(v.text))
		case valueFormula:
			v = value{vt: valueFormula, form: v.form}
		default:
			v = value{vt: v.vt, bits: v.bits}
		}
		if err := rw.cell(j+1, r, id, v); err != nil {
			return cells, err
		}
	}
	return cells, nil
}
