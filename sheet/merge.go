package sheet

import (
	"sort"
	"strconv"

	"kfpay/calc"
	"kfpay/sheet/internal/xlsx"
)

// Merged cells (SPEC 2.1, reading): a merged cell's value belongs to every
// cell it covers, in every layout and every reader. Excel keeps the value in
// the top-left cell only and leaves the others empty: a day's date merged
// down its rows of the log, one person's name merged down their kind rows
// of a grid. A reader that took the empty cells as empty would report
// 缺少日期 on every row, or worse, read them as nothing.
//
// The merges are stored after the cells in the sheet XML, so they are known
// only once the sheet has been read to its end. A sheet is read once, as a
// stream; the merges are read by a second pass, and only when they are
// needed: at the first row whose required cell is empty (a million-row log
// with every cell filled is read once), or at once for the small sheets
// whose optional cells may be merged (the daily grid).

// mergeIndex finds the merge covering a cell of a field column.
type mergeIndex struct {
	byCol map[int][]xlsx.Range // by column covered: the merges, by first row
	isTop map[cellPos]bool     // the top-left cells of the merges
}

// loadMerges reads the sheet's merges, unless they are loaded already, and
// seeds the values of the top-left cells that were passed before from the
// last cell seen in each column: the cells under a top-left cell in its
// column are covered, hence empty, so the last one seen is the top.
func (t *table) loadMerges() {
	if t.merges != nil {
		return
	}
	t.merges = &mergeIndex{byCol: map[int][]xlsx.Range{}, isTop: map[cellPos]bool{}}
	if t.wb == nil {
		return // text rows have no merges
	}
	ranges, ok := t.readMergesAhead()
	var err error
	if !ok {
		ranges, err = t.wb.MergedCells(t.info.Sheet)
	}
	if err != nil {
		// Reading the merges goes through the sheet's cells, which meets
		// what stops the rows too: said once (rowsErr).
		t.rowsErr(err)
		return
	}
	for _, r := range ranges {
		if r.FromRow <= t.header {
			continue // a title or a header spanning two rows: not data
		}
		covers := false
		for col := r.FromCol; col <= r.ToCol && col < len(t.field); col++ {
			if t.field[col] != 0 {
				t.merges.byCol[col] = append(t.merges.byCol[col], r)
				covers = true
			}
		}
		if covers {
			top := cellPos{r.FromCol, r.FromRow}
			t.merges.isTop[top] = true
			if r.FromCol < len(t.lastSeen) && t.lastSeen[r.FromCol].row == r.FromRow {
				t.tops[top] = t.lastSeen[r.FromCol].cell
			}
		}
	}
	for _, rs := range t.merges.byCol {
		sort.Slice(rs, func(i, j int) bool { return rs[i].FromRow < rs[j].FromRow })
	}
}

// mergesAhead is how many rows loadMerges reads ahead of the current one
// for the merges at the sheet's end, rather than reading the sheet again
// for them: a payout's 发放明细 needs them at its 合计 row, two rows from
// the end, and a district's was inflated and parsed a second time for
// them (issue 20).
const mergesAhead = 4096

// readMergesAhead reads the rows after the current one, keeping them for
// next, up to the sheet's end, and returns the merges stored after them;
// ok is false when the end is further than mergesAhead rows or the rows
// stop with an error: the merges are then read by a pass of their own, as
// before (the rows read ahead are still given by next, in order).
func (t *table) readMergesAhead() (ranges []xlsx.Range, ok bool) {
	src, can := t.it.(interface{ Merges() []xlsx.Range })
	if !can || t.it.LastRow() > t.cur.num+mergesAhead {
		return nil, false
	}
	// The current row's cells are the iterator's, which Next reuses.
	t.cur.all = append([]xlsx.Cell(nil), t.cur.all...)
	for range mergesAhead {
		if !t.it.Next() {
			if t.it.Err() != nil {
				return nil, false
			}
			return src.Merges(), true
		}
		t.buffered = append(t.buffered, bufferedRow{t.it.Row(), t.it.Hidden(), append([]xlsx.Cell(nil), t.it.Cells()...)})
	}
	return nil, false
}

// covering returns the merge that covers the cell at col, row, if any.
func (m *mergeIndex) covering(col, row int) (xlsx.Range, bool) {
	rs := m.byCol[col]
	i := sort.Search(len(rs), func(i int) bool { return rs[i].FromRow > row }) - 1
	if i < 0 || !rs[i].Contains(col, row) {
		return xlsx.Range{}, false
	}
	return rs[i], true
}

// seenCell is the last non-empty cell seen in a column, and its row.
type seenCell struct {
	row  int
	cell xlsx.Cell
}

// fillMerged gives each empty field cell of the current row that a merge
// covers the value of the merge's top-left cell, loading the merges first
// when a required cell is empty. It then notes the row's cells for the
// merges of the rows below.
func (t *table) fillMerged() {
	if t.schema.ownLayout {
		return
	}
	r := &t.cur
	if t.merges == nil {
		for i, f := range t.schema.fields {
			if t.cols[i] != 0 && r.cells[i].Col == 0 && (f.required || f.name == "工号") {
				t.loadMerges()
				break
			}
		}
	}
	if t.merges != nil && len(t.merges.byCol) > 0 {
		for i := range r.cells {
			col := t.cols[i]
			if col == 0 || r.cells[i].Col != 0 {
				continue
			}
			m, ok := t.merges.covering(col, r.num)
			if !ok || (m.FromCol == col && m.FromRow == r.num) {
				continue
			}
			top, ok := t.topOf(m)
			if !ok {
				continue
			}
			if t.schema.fields[i].numeric {
				// A note or a section heading merged across a row is
				// not a count of each cell it covers.
				if _, isNumber := parseNumber(top); !isNumber {
					continue
				}
				t.warnMergedNumber(i, m, top)
			}
			top.Col = col
			r.cells[i] = top
		}
	}
	for _, c := range r.all {
		if c.Col < len(t.lastSeen) {
			// A column often holds the same cell row after row (a
			// teacher's name, a kind, a day): then only the row is
			// noted, which spares storing a string, and its write
			// barrier while the collector runs, on most cells of a
			// million-row log (issue 20).
			if s := &t.lastSeen[c.Col]; s.cell == c {
				s.row = r.num
			} else {
				*s = seenCell{r.num, c}
			}
		}
		if t.merges != nil && t.merges.isTop[cellPos{c.Col, r.num}] {
			t.tops[cellPos{c.Col, r.num}] = c
		}
	}
}

// topOf returns the top-left cell of merge m: in the current row, or read
// before.
func (t *table) topOf(m xlsx.Range) (xlsx.Cell, bool) {
	if m.FromRow == t.cur.num {
		for _, c := range t.cur.all {
			if c.Col == m.FromCol {
				return c, true
			}
		}
		return xlsx.Cell{}, false
	}
	c, ok := t.tops[cellPos{m.FromCol, m.FromRow}]
	return c, ok
}

// warnMergedNumber warns, once for each merge, that a count or an amount
// merged over several cells counts in each of them: the rule is the same for
// every merged cell, but for a number it decides what is paid, and a merged
// 2 may have been meant as 2 in all.
func (t *table) warnMergedNumber(i int, m xlsx.Range, top xlsx.Cell) {
	at := cellPos{m.FromCol, m.FromRow}
	if t.warnedMerge[at] {
		return
	}
	if t.warnedMerge == nil {
		t.warnedMerge = map[cellPos]bool{}
	}
	t.warnedMerge[at] = true
	cells := (m.ToCol - m.FromCol + 1) * (m.ToRow - m.FromRow + 1)
	t.c.add(calc.Problem{Code: CodeMergedNumber, Ref: t.c.ref(m.FromCol, m.FromRow), Column: t.schema.fields[i].name,
		Value: top.Shown(), Warning: true,
		Msg: "是合并单元格 " + m.String() + "，其中的数按所覆盖的每一格各计一次（共 " + strconv.Itoa(cells) + " 格）；如只应计一次，请取消合并，只在一格中填写"})
}

// CodeMergedNumber is a count or amount in a merged cell, which counts in
// every cell the merge covers: a warning at the merge.
const CodeMergedNumber calc.Code = "merged-number"
