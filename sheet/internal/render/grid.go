package render

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"
)

// checkEvery is how many rows a grid or a stream writes between looks at
// its context: Ctrl-C stops a district's 50,000 rows at once.
const checkEvery = 1 << 12

// Column widths, in Excel units: the width of a digit of the default font
// (FontFigures at 11 pt), about half a CJK character of 11-point text.
// Widths are counted for a table's 11-point text; a notice's grow with its
// type (Type.zoom). Text wraps in cells beyond maxWidth.
const (
	minWidth = 6
	maxWidth = 50
	PadWidth = 1.5 // room around the text so it does not touch the borders: 9 pt
)

// Grid writes one sheet in kfpay's styles, sizes its columns to what they
// hold, gives every row its height and lays the rows out on pages. It keeps
// the cells until finish, which writes the sheet in one pass with a
// StreamWriter: a StreamWriter needs the column widths before the first row,
// and the widths depend on every row, as the heights depend on the widths
// and the page breaks on the heights. Kept as values and style keys, the
// cells of 50,000 people take tens of megabytes, where excelize's in-memory
// worksheet takes gigabytes (measured with excelize v2.11.1, 1M rows × 6
// columns: SetCellValue 4.1 GB, StreamWriter 117 MB). A sheet of a row
// per person need not keep even those: its people's rows are given by a
// function (Body), called once to measure them and once to write them.
// The first error sticks: later calls do nothing and finish returns it,
// so writing code reads as a list of rows.
//
// The sheet's cells, merges and page rules (KeepTogether, BreakBefore) go
// through the grid; anything else about the sheet (panes, page setup, data
// validation) is set on the Book before Finish, which must come last: a
// streamed sheet is written as it stands when its stream starts, and
// nothing can be set on it once it is flushed.
type Grid struct {
	f     *excelize.File
	sheet string
	book  *Book

	rows    []gridRow       // by row number - 1
	merges  []merge         // ranges to merge
	spans   []spanNeed      // widths of merged cells, which their columns share
	pending pendingRow      // the last row's widths, until a Merge may claim one
	holds   []colHolds      // by column - 1, what its body cells hold
	need    []float64       // by column - 1, the width its content needs
	fixed   map[int]float64 // widths set by the caller, by column
	headers []headerCell    // header cells, which break between words only
	keep    []Block         // runs of rows kept on one page
	breaks  []int           // rows that start a page
	title   int             // the title's row; 0 for none
	strs    []string        // the text of cells, which a gridCell refers to by index
	slab    []gridCell      // cells not yet given to a row (reserve)
	wraps   []wrap          // the same of a row's first text that may wrap (Row)
	forms   []formula       // the same of formula cells
	lastCol int             // the used range, for the sheet's dimension
	lastRow int
	err     error

	// body is the run of rows a function gives (Body), which the grid
	// measures and writes without keeping their cells; nil for none.
	// The rows after it are kept in rows after those before it.
	body *body

	// measured are the heights of the rows as Pages worked them out, at
	// the widths measuredAt in Type measuredType, kept for Finish while
	// they hold every row and no row has changed since: the slips of a
	// class are measured to count their pages and not again when their
	// sheet is written.
	measured     []float64
	measuredAt   []float64
	measuredType Type
}

// gridRow is one row of a grid: its cells by column - 1. A cell with no
// value in no style is no cell at all.
type gridRow struct {
	cells   []gridCell
	height  float64 // at least this high, set by the caller
	table   bool    // holds cells of a table (body, total or header)
	wrapped []wrap  // text that may wrap
}

// gridCell is one cell of a grid, packed in 16 bytes: the slips of a
// district's 100,000 pupils keep millions of them until the sheet is
// written (a payout's teachers are a Body, whose cells are not kept). A number is kept as its bits, a text or formula as an index into
// the grid's strs or forms, never boxed in an interface, which allocated
// once for each figure (issue 20).
type gridCell struct {
	bits  uint64
	style styleKey
	vt    valueType
}

// valueType is what a cell holds.
type valueType uint8

const (
	valueNone valueType = iota // nothing: an empty cell, styled
	valueText
	valueInt
	valueFloat
	valueFormula
)

// value is a cell's value on its way into a grid: unboxed, unlike an any.
type value struct {
	vt   valueType
	bits uint64
	text string
	form *formula // a pointer: a Cell, made twice for each row of a body, is 16 bytes smaller
}

func textValue(s string) value   { return value{vt: valueText, text: s} }
func intValue(n int) value       { return value{vt: valueInt, bits: uint64(int64(n))} }
func floatValue(f float64) value { return value{vt: valueFloat, bits: math.Float64bits(f)} }

// anyValue is v, a string, an int, a float64, a formula or nil, as a value.
func anyValue(v any) (value, error) {
	switch v := v.(type) {
	case nil:
		return value{}, nil
	case string:
		return textValue(v), nil
	case int:
		return intValue(v), nil
	case float64:
		return floatValue(v), nil
	case formula:
		return value{vt: valueFormula, form: &v}, nil
	}
	return value{}, fmt.Errorf("render: a cell of type %T", v)
}

// wrap is a piece of text that may wrap in its cell: in column col, or in
// the merged columns col to toCol, in role's type size.
type wrap struct {
	col, toCol int
	text       string
	role       role
}

// headerCell is a header cell: its row, column and words.
type headerCell struct {
	row, col int
	words    []string
}

// merge is a merged range of row r, columns from to to.
type merge struct{ r, from, to int }

// colHolds says what a column's cells hold: wrapping text, or anything else
// (figures, codes). A column of text only may be narrowed to let its text
// wrap, when the sheet is too wide to print at a readable size.
type colHolds uint8

const (
	holdsText colHolds = 1 << iota
	holdsOther
)

// pendingRow is the width each cell of the row last written needs, kept
// until the next row or Finish, so that a Merge given right after the row
// lets its first cell share the merged columns' width.
type pendingRow struct {
	r     int
	needs []float64 // by column - 1
}

// spanNeed is the width the first cell of a merged range needs, which its
// columns share.
type spanNeed struct {
	from, to int
	width    float64
}

// Grid starts the grid of the sheet named sheet, which the book has.
func (b *Book) Grid(sheet string) *Grid {
	return &Grid{f: b.f, sheet: sheet, book: b, fixed: map[int]float64{}}
}

// Grow makes room for rows rows holding texts texts: a sheet of a row per
// teacher, 250,000 of them, grew its rows and texts one by one, 250 MB
// allocated and copied (issue 20).
func (g *Grid) Grow(rows, texts int) {
	if rows > len(g.rows) {
		g.rows = slices.Grow(g.rows, rows-len(g.rows))
	}
	if texts > len(g.strs) {
		g.strs = slices.Grow(g.strs, texts-len(g.strs))
	}
}

// Row writes cells into row r from column A on, in the total (bold) styles
// when total is set.
func (g *Grid) Row(r int, total bool, cells ...Cell) {
	rl := roleBody
	if total {
		rl = roleTotal
	}
	g.reserve(r, len(cells))
	g.commitPending()
	g.pending.r = r
	for i, c := range cells {
		if c.err != nil {
			if g.err == nil {
				g.err = c.err
			}
			continue
		}
		col := i + 1
		key := styleKey{role: rl, kind: uint8(c.kind)}
		if c.kind == KindLabel {
			key = styleKey{role: roleHeader}
		}
		g.putValue(col, r, c.val, key)
		w := c.width()
		g.pending.needs = append(g.pending.needs, min(w, maxWidth)+PadWidth)
		g.hold(col, &c)
		if c.kind == KindText && w > 0 && g.err == nil {
			row := g.stored(r)
			if row.wrapped == nil {
				row.wrapped = g.wrapSlot()
			}
			row.wrapped = append(row.wrapped, wrap{col: col, toCol: col, text: c.shown, role: rl})
		}
	}
}

// hold notes what column col holds for a cell c with a value: text
// that may wrap, or anything else.
func (g *Grid) hold(col int, c *Cell) {
	if c.val.vt == valueNone {
		return
	}
	for len(g.holds) < col {
		g.holds = append(g.holds, 0)
	}
	if c.kind == KindText {
		g.holds[col-1] |= holdsText
	} else {
		g.holds[col-1] |= holdsOther
	}
}

// commitPending makes the columns of the row last written as wide as its
// cells need.
func (g *Grid) commitPending() {
	for i, w := range g.pending.needs {
		if w > 0 {
			g.needWidth(i+1, w)
		}
	}
	g.pending = pendingRow{needs: g.pending.needs[:0]}
}

// latinEm is the advance of a Latin letter or digit in text set in
// FontText, in ems, as wide as the widest face that stands in for it: the
// digits of DejaVu Sans, LibreOffice's Latin beside Chinese text under a
// locale without Chinese, are 0.636 em (YaHei's and Noto Sans CJK's are
// about 0.55).
const latinEm = 0.64

// textWidth is the width of text set in FontText at 11 pt, in units: a CJK
// character 11 pt, two units (1.8 would do; two keeps a little air), a
// Latin letter or digit latinEm × 11 pt, 1.15 units.
func textWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		if isWide(r) {
			w += 2
		} else {
			w += latinEm * 11 / 6.116
		}
	}
	return w
}

// figureWidth is the width of a figure as FontFigures sets it, in units of
// its digit: Arial's digits are 0.556 em, its comma and point half that, its
// minus sign 0.6 and its percent sign 1.6 digits wide.
func figureWidth(s string) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			w++
		case r == '.' || r == ',' || r == ' ':
			w += 0.5
		case r == '-':
			w += 0.6
		case r == '%':
			w += 1.6
		default:
			w += DisplayWidth(string(r))
		}
	}
	return w
}

// Header writes a header row. A name breaks onto a further line only
// between its words, which a | marks: "安全管理|次数" may print as 安全管理
// over 次数, "绩效服务费" never breaks. The | is not written. Finish widens a
// column where its data is narrower than a whole word, and sets the width
// at which each program breaks the name where it may.
func (g *Grid) Header(r int, names ...string) {
	g.reserve(r, len(names))
	for i, name := range names {
		col := i + 1
		words := strings.Split(name, "|")
		g.put(col, r, strings.Join(words, ""), styleKey{role: roleHeader})
		if g.err == nil {
			g.headers = append(g.headers, headerCell{r, col, words})
		}
	}
}

// Title writes text in row r merged across columns 1 to cols. It does not
// size the columns.
func (g *Grid) Title(r, cols int, text string) {
	g.put(1, r, text, styleKey{role: roleTitle})
	g.Merge(r, 1, cols)
	if g.err == nil {
		g.title = r
		row := g.stored(r)
		row.wrapped = append(row.wrapped, wrap{col: 1, toCol: cols, text: text, role: roleTitle})
	}
}

// Merge merges row r from column from to column to; the value stays in the
// first. Given right after the row's cells (Row), it lets the first cell's
// text share the width of the merged columns rather than widen the first.
func (g *Grid) Merge(r, from, to int) {
	if g.err != nil || from == to {
		return
	}
	if from < 1 || to < from || to > excelize.MaxColumns {
		g.err = excelize.ErrColumnNumber
		return
	}
	g.merges = append(g.merges, merge{r, from, to})
	// The first cell of the row just written spans the merged columns: its
	// text shares their width and wraps across them.
	if p := &g.pending; p.r == r && from <= len(p.needs) {
		g.spans = append(g.spans, spanNeed{from, to, p.needs[from-1]})
		p.needs[from-1] = 0
		for c := from + 1; c <= min(to, len(p.needs)); c++ {
			p.needs[c-1] = 0 // the others are empty: a merge keeps the first value only
		}
		g.measured = nil // its row's text wraps across the merge
		if row := g.stored(r); len(row.wrapped) > 0 {
			for i := range row.wrapped {
				if row.wrapped[i].col == from && row.wrapped[i].toCol == from {
					row.wrapped[i].toCol = to
				}
			}
		}
	}
}

// LineStyle is the style of a line of free text across a sheet.
type LineStyle int

const (
	Plain LineStyle = iota // unbordered text, wrapped
	Bold                   // the same in bold, for lines to sign
)

// Line writes free text, unbordered, across columns 1 to cols of row r,
// which is at least height points high and as high as its text needs: a
// sentence above or below a table, a line to sign.
func (g *Grid) Line(r, cols int, style LineStyle, text string, height float64) {
	rl := roleLine
	if style == Bold {
		rl = roleLineBold
	}
	g.put(1, r, text, styleKey{role: rl})
	g.Merge(r, 1, cols)
	g.SetHeight(r, height)
	if g.err == nil && text != "" {
		row := g.stored(r)
		row.wrapped = append(row.wrapped, wrap{col: 1, toCol: cols, text: text, role: rl})
	}
}

// CutLine writes a dashed rule across columns 1 to cols at the bottom of
// row r, with text such as 沿虚线剪开 small at its centre: the line between
// two slips printed on one page. The row is height points high.
func (g *Grid) CutLine(r, cols int, text string, height float64) {
	for col := 1; col <= cols; col++ {
		var v any
		if col == 1 && text != "" {
			v = text
		}
		g.put(col, r, v, styleKey{role: roleCut})
	}
	g.Merge(r, 1, cols)
	g.SetHeight(r, height)
}

// SetWidth fixes the width of column col, whatever it holds: w units for a
// table's type size, grown with a notice's.
func (g *Grid) SetWidth(col int, w float64) { g.fixed[col] = w }

// SetHeight makes row r at least h points high.
func (g *Grid) SetHeight(r int, h float64) {
	if row := g.at(r); row != nil {
		row.height = max(row.height, h)
	}
}

// KeepTogether keeps rows first to last on one page when they fit on one: a
// 合计 row with the row above it (no page holds a 合计 row alone), a block
// that must not be cut.
func (g *Grid) KeepTogether(first, last int) {
	if first < last {
		g.keep = append(g.keep, Block{first, last})
	}
}

// BreakBefore starts a new page at row r, as a list posted by class starts
// each class on a page of its own.
func (g *Grid) BreakBefore(r int) { g.breaks = append(g.breaks, r) }

// Append puts the rows of o below the grid's last row, with their cells,
// merges and page rules (KeepTogether, BreakBefore, the title), as if
// they had been written there, and returns the row o's first row became.
// o is spent: a writer lays out a part of a sheet on a grid of its own,
// counts its pages (Pages), and then appends it to the sheet that has
// room for it, without writing its rows twice.
func (g *Grid) Append(o *Grid) int {
	off := len(g.rows)
	if g.err != nil {
		return off + 1
	}
	if o.err != nil {
		g.err = o.err
		return off + 1
	}
	if g.body != nil || o.body != nil {
		g.err = errors.New("render: a grid with a body appended or appended to")
		return off + 1
	}
	g.commitPending()
	o.commitPending()
	// The heights measured of both, when they measured every row at the
	// same widths, are the heights of the whole.
	switch {
	case o.measured == nil || len(o.measured) != len(o.rows):
		g.measured = nil
	case off == 0 && g.measured == nil:
		g.measured = slices.Clone(o.measured)
		g.measuredAt, g.measuredType = o.measuredAt, o.measuredType
	case len(g.measured) == off && g.measuredType == o.measuredType && slices.Equal(g.measuredAt, o.measuredAt):
		g.measured = append(g.measured, o.measured...)
	default:
		g.measured = nil
	}
	strs, forms := uint64(len(g.strs)), uint64(len(g.forms))
	g.strs = append(g.strs, o.strs...)
	g.forms = append(g.forms, o.forms...)
	for _, row := range o.rows {
		for j := range row.cells {
			switch c := &row.cells[j]; c.vt {
			case valueText:
				c.bits += strs
			case valueFormula:
				c.bits += forms
			}
		}
		g.rows = append(g.rows, row)
	}
	for _, m := range o.merges {
		g.merges = append(g.merges, merge{m.r + off, m.from, m.to})
	}
	g.spans = append(g.spans, o.spans...)
	for i, h := range o.holds {
		for len(g.holds) <= i {
			g.holds = append(g.holds, 0)
		}
		g.holds[i] |= h
	}
	for i, w := range o.need {
		if w > 0 {
			g.needWidth(i+1, w)
		}
	}
	for _, h := range o.headers {
		g.headers = append(g.headers, headerCell{h.row + off, h.col, h.words})
	}
	for _, k := range o.keep {
		g.keep = append(g.keep, Block{k.First + off, k.Last + off})
	}
	for _, r := range o.breaks {
		g.breaks = append(g.breaks, r+off)
	}
	if o.title > 0 {
		g.title = o.title + off
	}
	if o.lastRow > 0 {
		g.lastCol, g.lastRow = max(g.lastCol, o.lastCol), max(g.lastRow, o.lastRow+off)
	}
	*o = Grid{err: errSpent}
	return off + 1
}

// errSpent is the error of a grid appended to another.
var errSpent = errors.New("render: a grid written to after it was appended to another")

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
		g.err = sheetTooLong(g.sheet)
		return nil
	}
	i, ok := g.index(r)
	if !ok {
		g.err = fmt.Errorf("render: row %d of %s is in the body", r, g.sheet)
		return nil
	}
	for len(g.rows) <= i {
		g.rows = append(g.rows, gridRow{})
	}
	g.measured = nil // a row changes
	return &g.rows[i]
}

// index is where row r is kept in rows; false for a row of the body.
func (g *Grid) index(r int) (int, bool) {
	b := g.body
	switch {
	case b == nil || r < b.first:
		return r - 1, true
	case r < b.first+b.n:
		return 0, false
	}
	return r - 1 - b.n, true
}

// stored is row r, which is kept in rows.
func (g *Grid) stored(r int) *gridRow {
	i, _ := g.index(r)
	return &g.rows[i]
}

// rowCount is the number of the grid's last row: those kept and the body's.
func (g *Grid) rowCount() int {
	if g.body == nil {
		return len(g.rows)
	}
	return len(g.rows) + g.body.n
}

// reserve makes room for n cells in row r. A row's first cells are cut
// from a slab of slabCells, not allocated a row at a time: half a million
// allocations for 250,000 teachers (issue 20).
func (g *Grid) reserve(r, n int) {
	row := g.at(r)
	if row == nil || cap(row.cells) >= n {
		return
	}
	if len(row.cells) == 0 && n <= slabCells/8 {
		if cap(g.slab)-len(g.slab) < n {
			g.slab = make([]gridCell, 0, slabCells)
		}
		l := len(g.slab)
		g.slab = g.slab[:l+n]
		row.cells = g.slab[l : l : l+n] // its own n: an append past them moves the row out
		return
	}
	row.cells = slices.Grow(row.cells, n-len(row.cells))
}

// wrapSlot is room for one wrap, cut from a slab as reserve cuts cells: a
// row of a teacher's name, 500,000 of them in the payout of 250,000
// teachers, was an allocation each (issue 20). A second wrap of the row
// moves it out.
func (g *Grid) wrapSlot() []wrap {
	if len(g.wraps) == cap(g.wraps) {
		g.wraps = make([]wrap, 0, slabWraps)
	}
	l := len(g.wraps)
	g.wraps = g.wraps[:l+1]
	return g.wraps[l : l : l+1]
}

// slabWraps is how many wraps a slab holds: 48 KiB.
const slabWraps = 1024

// slabCells is how many cells a slab holds: 64 KiB.
const slabCells = 4096

// put puts v, a string, an int, a float64, a formula or nil, in the cell
// at col, r, in style.
func (g *Grid) put(col, r int, v any, style styleKey) {
	val, err := anyValue(v)
	if err != nil {
		if g.err == nil {
			g.err = err
		}
		return
	}
	g.putValue(col, r, val, style)
}

func (g *Grid) putValue(col, r int, v value, style styleKey) {
	row := g.at(r)
	if row == nil {
		return
	}
	if col < 1 || col > excelize.MaxColumns {
		g.err = sheetTooWide(g.sheet)
		return
	}
	if n := col - len(row.cells); n > 0 {
		row.cells = append(row.cells, make([]gridCell, n)...)
	}
	c := &row.cells[col-1]
	// As SetCellValue and SetCellStyle did: no value leaves a value in place.
	switch v.vt {
	case valueText:
		c.vt, c.bits = valueText, uint64(len(g.strs))
		g.strs = append(g.strs, fitCell(v.text))
	case valueFormula:
		c.vt, c.bits = valueFormula, uint64(len(g.forms))
		g.forms = append(g.forms, *v.form)
	case valueInt, valueFloat:
		c.vt, c.bits = v.vt, v.bits
	}
	c.style = style
	switch style.role {
	case roleBody, roleTotal, roleHeader:
		row.table = true
	}
	g.lastCol, g.lastRow = max(g.lastCol, col), max(g.lastRow, r)
}

// Finish writes the sheet: its dimension, which excelize leaves at A1 and
// Excel writes as the used range, the column widths, the page setup with
// the page breaks, the rows with their heights, which Excel does not
// recompute on opening a file, and the merged cells. It returns the first
// error of the grid.
func (g *Grid) Finish() error {
	if g.err != nil {
		return g.err
	}
	g.commitPending()
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
	page, paged := g.book.pages[g.sheet]
	t := page.Type()
	st, err := g.book.styles(t)
	if err != nil {
		return err
	}
	widths, heights := g.measure(t, paged)

	// What goes before <sheetData> is set on the sheet before the stream
	// starts, which writes it as it finds it; the page setup and breaks,
	// after it, are written from the sheet as it stands at the flush.
	if g.lastRow > 0 {
		last, _ := excelize.CoordinatesToCellName(g.lastCol, g.lastRow)
		if err := g.f.SetSheetDimension(g.sheet, "A1:"+last); err != nil {
			return err
		}
	}
	var breaks []byte
	if paged {
		l := layOutPages(page, widths, heights, g.keep, g.breaks)
		if err := g.book.writePageSetup(g.sheet, page, l, g.title); err != nil {
			return err
		}
		breaks = rowBreaksXML(l.starts)
	}
	// excelize puts each column it is given first, and a streamed sheet is
	// not sorted on saving as an in-memory one is: from the last column to
	// the first, so the <col> elements come out in order, as Excel wants.
	for i := len(widths) - 1; i >= 0; i-- {
		if widths[i] > 0 {
			name, _ := excelize.ColumnNumberToName(i + 1)
			if err := g.f.SetColWidth(g.sheet, name, name, widths[i]); err != nil {
				return err
			}
		}
	}
	colStyles, err := g.book.colStyles(g.sheet, g.lastCol)
	if err != nil {
		return err
	}
	// excelize writes the sheet with no rows and its merges; the rows are
	// written here and put in when the book is saved (sheetxml.go).
	sw, err := g.f.NewStreamWriter(g.sheet)
	if err != nil {
		return err
	}
	// The merges are not given to the stream, which holds their XML twice
	// until the book is saved (36 MB for the slips of 100,000 pupils, issue
	// 20): one marker merge holds their place, and the body's own are
	// written there when the sheet is saved (spliceBody).
	if len(g.merges) > 0 {
		if err := sw.MergeCell(mergeMarkerCell, mergeMarkerCell); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	rw := newRowWriter(g.sheet, colStyles)
	if err := g.writeRows(rw, st, heights); err != nil {
		<-rw.close().done
		return err
	}
	body := rw.close()
	body.breaks = breaks
	body.merges = g.merges
	g.book.bodies = append(g.book.bodies, body)
	return nil
}

// measure works out the widths of the grid's columns and the heights of
// its rows, set in Type t; a sheet that prints (paged) may narrow its text
// columns to print at a readable size.
func (g *Grid) measure(t Type, paged bool) (widths, heights []float64) {
	widths = g.widths(t)
	headerLines := g.fitHeaders(widths, t)
	if paged && g.narrowText(widths, t) {
		headerLines = g.fitHeaders(widths, t)
	}
	for i, w := range widths {
		widths[i] = columnWidth(w) // after the headers have widened them
	}
	// A row's height depends on the widths and its own cells only, but for
	// a header's, which the widths of its words decide.
	if len(g.headers) == 0 && g.measured != nil && len(g.measured) == g.rowCount() &&
		g.measuredType == t && slices.Equal(g.measuredAt, widths) {
		return widths, g.measured
	}
	return widths, g.heights(widths, headerLines, t)
}

// Pages is the number of pages the grid's rows would print on under p, as
// Finish lays them out, for a writer to decide how to share its rows among
// sheets before it writes them. Nothing is written: the grid may then be
// appended to the grid of the sheet that has room for it (Append), which
// keeps the heights measured here.
func (g *Grid) Pages(p Page) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	g.commitPending()
	widths, heights := g.measure(p.Type(), true)
	g.measured, g.measuredAt, g.measuredType = heights, widths, p.Type()
	return len(layOutPages(p, widths, heights, g.keep, g.breaks).starts), nil
}

// writeRows writes the grid's rows through rw, in the style ids of st, the
// heights given.
func (g *Grid) writeRows(rw *rowWriter, st *styles, heights []float64) error {
	b := g.body
	var cells []Cell // a row of the body, made again in the same slice
	for r := 1; r <= len(heights); r++ {
		if (r-1)%checkEvery == 0 {
			if err := g.book.ctx.Err(); err != nil {
				return err
			}
		}
		if err := rw.startRow(r, heights[r-1]); err != nil {
			return err
		}
		i, kept := g.index(r)
		if !kept {
			var err error
			if cells, err = b.write(rw, g.book, st, r, cells); err != nil {
				return err
			}
			rw.endRow()
			continue
		}
		row := &g.rows[i]
		for j, c := range row.cells {
			id, err := g.book.styleID(st, c.style)
			if err != nil {
				return err
			}
			if c.vt == valueNone && c.style.role == roleNone {
				continue // no cell
			}
			var v value
			switch c.vt {
			case valueText:
				v = textValue(g.strs[c.bits])
			case valueFormula:
				v = value{vt: valueFormula, form: &g.forms[c.bits]}
			default:
				v = value{vt: c.vt, bits: c.bits}
			}
			if err := rw.cell(j+1, r, id, v); err != nil {
				return err
			}
		}
		rw.endRow()
		// The row is written: let its cells go while the next rows stream.
		*row = gridRow{}
	}
	return nil
}

// widths are the widths of the columns in Type t, by column - 1: what the
// content needs, at least minWidth, or what the caller fixed. 0 leaves a
// column at the default width.
func (g *Grid) widths(t Type) []float64 {
	n := len(g.need)
	for col := range g.fixed {
		n = max(n, col)
	}
	for _, h := range g.headers {
		n = max(n, h.col)
	}
	z := t.zoom()
	widths := make([]float64, n)
	for i, w := range g.need {
		if w > 0 {
			widths[i] = max(w, minWidth) * z
		}
	}
	for col, w := range g.fixed {
		widths[col-1] = w * z
	}
	// A merged cell's text widens the last of its columns, where their
	// widths together fall short of it.
	for _, sp := range g.spans {
		have := 0.0
		for c := sp.from; c <= sp.to; c++ {
			have += widths[c-1]
		}
		if short := sp.width*z - have; short > 0 {
			if _, fixed := g.fixed[sp.to]; !fixed {
				widths[sp.to-1] += short
			}
		}
	}
	for i, w := range widths {
		widths[i] = math.Ceil(w*4) / 4 // a quarter unit: widths that read plainly
	}
	return widths
}

// narrowText narrows the columns of wrapping text, widest first, when the
// sheet is too wide to print at t's floor even on landscape paper: a note
// wraps onto more lines rather than shrink the whole sheet. A column keeps
// at least ten units, five CJK characters, and room for its header's
// longest word; columns the caller fixed keep their width.
func (g *Grid) narrowText(widths []float64, t Type) (narrowed bool) {
	// The widest sheet that prints at the floor: scales are whole percents.
	pw, _ := paper(true)
	limit := pw / unitPoints / (math.Ceil(typeSpecs[t].floor/typeSpecs[t].body*100-1e-9) / 100)
	total := 0.0
	for _, w := range widths {
		if w == 0 {
			w = defaultWidth
		}
		total += w
	}
	floors := map[int]float64{}
	for i, h := range g.holds {
		if _, fixed := g.fixed[i+1]; h == holdsText && !fixed {
			floors[i] = 10 * t.zoom()
		}
	}
	for _, h := range g.headers {
		if f, ok := floors[h.col-1]; ok {
			w, _ := fitHeader(h.words, typeSpecs[t].body, 0)
			floors[h.col-1] = max(f, w)
		}
	}
	for total > limit+1e-9 {
		widest := -1
		for i, f := range floors {
			if widths[i] > f && (widest < 0 || widths[i] > widths[widest] || widths[i] == widths[widest] && i < widest) {
				widest = i
			}
		}
		if widest < 0 {
			return narrowed // nothing left to narrow: the sheet prints below the floor
		}
		cut := min(0.25, widths[widest]-floors[widest])
		widths[widest] -= cut
		total -= cut
		narrowed = true
	}
	return narrowed
}

// fitHeaders sets the width of each header's column, where the caller did
// not fix it, to one at which the header breaks between its words in every
// program, and returns the lines each header row takes, by row - 1.
func (g *Grid) fitHeaders(widths []float64, t Type) map[int]int {
	lines := map[int]int{}
	size := typeSpecs[t].body
	for _, h := range g.headers {
		w, n := fitHeader(h.words, size, widths[h.col-1])
		if _, fixed := g.fixed[h.col]; fixed {
			w = widths[h.col-1]
			n = len(wrapLines([]rune(strings.Join(h.words, "")), size, textRoom(w)))
		}
		widths[h.col-1] = w
		lines[h.row-1] = max(lines[h.row-1], n)
	}
	return lines
}

// The room a cell of w units leaves its text, in points, in the programs
// kfpay's workbooks are printed from: Excel and WPS make a unit 6.0 pt and
// keep about 3 pt of the cell for its margins, LibreOffice makes it 6.12 pt
// (Liberation Sans) and keeps about 2 pt. A header is set to a width where
// both break its lines at the same places.
func textRoomRange(w float64) (lo, hi float64) { return w*6.0 - 5, w*6.2 - 1 }

// textRoom is the room of a cell of w units as kfpay counts it to wrap text:
// the least of the programs'.
func textRoom(w float64) float64 {
	lo, _ := textRoomRange(w)
	return max(lo, 1)
}

// runePoints is the advance of r set at size: a CJK character takes one em,
// a Latin letter or digit latinEm.
func runePoints(r rune, size float64) float64 {
	if isWide(r) {
		return size
	}
	return latinEm * size
}

// wrapLines breaks text as a spreadsheet program wraps it in room points:
// character by character, a line taking what fits. It returns the offset
// of the first rune of each line.
func wrapLines(text []rune, size, room float64) []int {
	starts := []int{0}
	line := 0.0
	for i, r := range text {
		w := runePoints(r, size)
		if line > 0 && line+w > room {
			starts = append(starts, i)
			line = 0
		}
		line += w
	}
	return starts
}

// wrapCount is the number of lines text takes, set at size, in a cell that
// leaves it room points: CJK characters break anywhere, a run of Latin
// letters, digits and signs only at a space or a CJK character, the way
// spreadsheet programs wrap it.
func wrapCount(text string, size, room float64) int {
	lines, line, word := 1, 0.0, 0.0
	place := func(w float64) {
		if line > 0 && line+w > room {
			lines++
			line = 0
		}
		for w > room { // a word longer than a line is cut
			lines++
			w -= room
		}
		line += w
	}
	for _, r := range text {
		switch {
		case r == '\n':
			place(word)
			word = 0
			lines++
			line = 0
		case isWide(r):
			place(word)
			word = 0
			place(size)
		case r == ' ':
			place(word + 0.3*size)
			word = 0
		default:
			word += latinEm * size
		}
	}
	place(word)
	return lines
}

// fitHeader returns the narrowest width, at least atLeast units, at which
// the words, set in bold at size, wrap only between words in every program,
// and the number of lines they take there.
func fitHeader(words []string, size, atLeast float64) (width float64, lines int) {
	text := []rune(strings.Join(words, ""))
	bounds := map[int]bool{0: true}
	n := 0
	for _, w := range words {
		n += len([]rune(w))
		bounds[n] = true
	}
	whole := 0.0
	for _, r := range text {
		whole += runePoints(r, size)
	}
	for w := math.Ceil(max(atLeast, minWidth)*4) / 4; ; w += 0.25 {
		lo, hi := textRoomRange(w)
		a, b := wrapLines(text, size, lo), wrapLines(text, size, hi)
		if lo >= whole {
			return w, 1 // one line wherever it prints
		}
		if !slices.Equal(a, b) {
			continue
		}
		ok := true
		for _, s := range a {
			ok = ok && bounds[s]
		}
		if ok {
			return w, len(a)
		}
	}
}

// heights are the heights of the rows in Type t, by row - 1: a row of a
// table is rowHeight high, as the caller set it, or as its wrapped text
// needs; a title is titleHeight high; an empty row between two tables a
// line high.
func (g *Grid) heights(widths []float64, headerLines map[int]int, t Type) []float64 {
	heights := make([]float64, g.rowCount())
	b := g.body
	for r := 1; r <= len(heights); r++ {
		i, kept := g.index(r)
		if !kept {
			br := &b.rows[r-b.first]
			h := tableHeight(br.height, br.cells, 0, t)
			for _, w := range b.wrapsOf(r - b.first) {
				h = wrapHeight(h, wrap{col: int(w.col), toCol: int(w.col), text: w.text, role: roleBody}, widths, t)
			}
			heights[r-1] = lastHeight(h, br.cells, t)
			continue
		}
		row := &g.rows[i]
		h := tableHeight(row.height, row.table, headerLines[r-1], t)
		for _, w := range row.wrapped {
			h = wrapHeight(h, w, widths, t)
		}
		heights[r-1] = lastHeight(h, len(row.cells) > 0, t)
	}
	return heights
}

// tableHeight is the height h of a row grown to a table's row, when it
// holds cells of a table, and to the lines of its header, headerLines.
func tableHeight(h float64, table bool, headerLines int, t Type) float64 {
	if table {
		h = max(h, t.rowHeight())
	}
	if headerLines > 1 {
		h = max(h, float64(headerLines)*t.lineHeight()+6)
	}
	return h
}

// wrapHeight is the height h of a row grown to what the text of w needs at
// the widths.
func wrapHeight(h float64, w wrap, widths []float64, t Type) float64 {
	z := t.zoom()
	size, line := typeSpecs[t].body, t.lineHeight()
	if w.role == roleTitle {
		size, line = typeSpecs[t].title, math.Ceil(typeSpecs[t].title*1.5)
		h = max(h, t.titleHeight())
	}
	room := 0.0
	for c := w.col; c <= w.toCol; c++ {
		cw := defaultWidth * z
		if c <= len(widths) && widths[c-1] > 0 {
			cw = widths[c-1]
		}
		room += cw
	}
	lines := float64(wrapCount(w.text, size, textRoom(room)))
	if lines > 1 || w.role != roleBody && w.role != roleTotal {
		h = max(h, lines*line+6)
	}
	return h
}

// lastHeight is the height of a row h high so far, which holds cells or
// not: an empty row between two tables is a line high.
func lastHeight(h float64, cells bool, t Type) float64 {
	if !cells && h == 0 {
		h = t.lineHeight() // a gap between tables
	}
	return rowHeight(h)
}
