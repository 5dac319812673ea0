package inspect

import (
	"slices"
	"strings"

	"kfpay/calc"
)

// Comparing two sheets, once read: each sheet is cut into tables under its
// header rows, the tables of the two sheets are paired, and within a pair
// the columns are matched by header, the rows by their keys (keys.go) and
// the cells by value.

// diffTable is a run of rows under one header row, or the rows above the
// first header row (header nil).
type diffTable struct {
	key     string         // the key header, "" for rows matched by number
	header  []string       // column names by column index; nil: column letters
	columns map[string]int // column index by name
	label   string         // the headers joined by 、
	rows    []Row
	// headerNames is names(len(header)), worked out once.
	headerNames []string
	// pupilExtra are the columns that, beside 学号, key a pupil (keyRows).
	pupilExtra []string
	// moves says to compare the columns that cite a cell (placeColumn),
	// and to report a row that differs only there as moved.
	moves bool
}

// splitTables cuts a sheet into the rows above its first header row and one
// table per header row.
func splitTables(rows []Row) []*diffTable {
	tables := []*diffTable{{}}
	start := 0 // the first row of the last table
	for i, r := range rows {
		if key, ok := headerKeyOf(r); ok {
			tables[len(tables)-1].rows = rows[start:i:i]
			start = i + 1
			t := &diffTable{key: key, columns: map[string]int{}}
			var names []string
			for i := range r.Len() {
				name := strings.TrimSpace(r.Cell(i).Text)
				if _, dup := t.columns[name]; dup || name == "" {
					name = calc.ColumnName(i + 1)
				} else {
					names = append(names, name)
				}
				t.header = append(t.header, name)
				t.columns[name] = i
			}
			t.label = strings.Join(names, "、")
			t.headerNames = t.names(len(t.header))
			tables = append(tables, t)
		}
	}
	tables[len(tables)-1].rows = rows[start:]
	return tables
}

// headerKeyOf reports whether r is a header row: two or more cells, all
// text, one of them a key header. It returns the preferred key header.
func headerKeyOf(r Row) (string, bool) {
	n := 0
	for i := range r.Len() {
		c := r.Cell(i)
		if c.Text == "" {
			continue
		}
		if c.Kind != CellText {
			return "", false
		}
		n++
	}
	if n < 2 {
		return "", false
	}
	has := func(k string) bool {
		for i := range r.Len() {
			if strings.TrimSpace(r.Cell(i).Text) == k {
				return true
			}
		}
		return false
	}
	for _, k := range keyHeaders {
		if has(k) {
			if k == "教师" {
				k = "工号" // a person, by 工号 when the row has one, else by name
			}
			return k, true
		}
	}
	return "", false
}

// diffSheet compares one sheet of each workbook.
func diffSheet(name string, before, after []Row, o Options) SheetDiff {
	sd := SheetDiff{Name: name}
	oldTables, newTables := splitTables(before), splitTables(after)
	for _, t := range append(slices.Clip(oldTables), newTables...) {
		t.moves = o.Moves
	}
	sd.Keyed = len(oldTables) > 1 || len(newTables) > 1

	// Tables are paired by their key header and the order they come in among
	// the tables with that key: the second 学号 table with the second one.
	type tableID struct {
		key string
		n   int
	}
	ids := func(ts []*diffTable) []tableID {
		seen := map[string]int{}
		out := make([]tableID, len(ts))
		for i, t := range ts {
			out[i] = tableID{t.key, seen[t.key]}
			seen[t.key]++
		}
		return out
	}
	oldIDs, newIDs := ids(oldTables), ids(newTables)
	oldByID := map[tableID]*diffTable{}
	for i, t := range oldTables {
		oldByID[oldIDs[i]] = t
	}
	paired := map[tableID]bool{}
	add := func(before, after *diffTable) {
		n := len(sd.Tables)
		sd.Tables = append(sd.Tables, after.label)
		for _, c := range diffColumns(before, after) {
			c.Table = n
			sd.Columns = append(sd.Columns, c)
		}
		for _, r := range diffTableRows(before, after) {
			r.Table = n
			sd.Rows = append(sd.Rows, r)
		}
	}
	for i, nt := range newTables {
		ot := oldByID[newIDs[i]]
		if ot == nil {
			ot = nt.empty()
		}
		paired[newIDs[i]] = true
		add(ot, nt)
	}
	for i, ot := range oldTables {
		if !paired[oldIDs[i]] {
			add(ot, ot.empty())
		}
	}
	return sd
}

// empty is a table with t's header and no rows, to pair t with when the
// other workbook lacks it.
func (t *diffTable) empty() *diffTable {
	return &diffTable{key: t.key, header: t.header, columns: t.columns, label: t.label, headerNames: t.headerNames, moves: t.moves}
}

// diffColumns lists the headers of one table that the other lacks.
func diffColumns(before, after *diffTable) []ColumnDiff {
	var out []ColumnDiff
	for _, name := range before.header {
		if _, ok := after.columns[name]; !ok && !isLetters(name) {
			out = append(out, ColumnDiff{Change: Removed, Name: name})
		}
	}
	for _, name := range after.header {
		if _, ok := before.columns[name]; !ok && !isLetters(name) {
			out = append(out, ColumnDiff{Change: Added, Name: name})
		}
	}
	return out
}

// isLetters reports whether a column name is a column letter that stands in
// for a missing header.
func isLetters(s string) bool {
	return s != "" && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// diffTableRows compares the rows of two paired tables. The result follows
// the new table's order, each removed row placed after the rows that came
// before it in the old table.
func diffTableRows(before, after *diffTable) []RowDiff {
	oldRows, newRows := keyRows(before, after), keyRows(after, before)
	oldAt := make(map[rowKey]int, len(oldRows))
	for i, r := range oldRows {
		oldAt[r.key] = i
	}
	// nextOld[j] is the old index of the first new row from j on that the
	// old table has: rows removed before it are reported before the rows
	// added before it, as diff(1) does. kept[i] says whether old row i is
	// in the new table: keys are unique within a table.
	nextOld := make([]int, len(newRows)+1)
	nextOld[len(newRows)] = len(oldRows)
	kept := make([]bool, len(oldRows))
	for j := len(newRows) - 1; j >= 0; j-- {
		nextOld[j] = nextOld[j+1]
		if i, ok := oldAt[newRows[j].key]; ok {
			nextOld[j], kept[i] = i, true
		}
	}
	// Under the same header, a row that prints the same is the same: most
	// rows of two payouts of one month are.
	sameHeader := slices.Equal(before.header, after.header)
	var out []RowDiff
	next := 0 // the first old row not yet passed
	flushRemoved := func(upTo int) {
		for ; next < upTo; next++ {
			if r := oldRows[next]; !kept[next] {
				out = append(out, RowDiff{Change: Removed, Key: before.rowLabel(r), Cells: rowCells(before, before.rows[r.i], false)})
			}
		}
	}
	for j, kr := range newRows {
		flushRemoved(nextOld[j])
		r := after.rows[kr.i]
		i, ok := oldAt[kr.key]
		if !ok {
			out = append(out, RowDiff{Change: Added, Key: after.rowLabel(kr), Cells: rowCells(after, r, true)})
			continue
		}
		next = max(next, i+1)
		old := before.rows[oldRows[i].i]
		if sameHeader && old.line == r.line {
			continue
		}
		if cells := changedCells(before, after, old, r); len(cells) > 0 {
			change := Moved
			for _, c := range cells {
				if !placeColumn(after, c.Column) {
					change = Changed
				}
			}
			if kr.key.kind == 't' && formLine(r) {
				// Its text spans the table's columns: the header above
				// it is not what it is.
				for k := range cells {
					cells[k].Column = ""
				}
			}
			out = append(out, RowDiff{Change: change, Key: after.rowLabel(kr), Cells: cells})
		}
	}
	flushRemoved(len(oldRows))
	return out
}

// formLine reports whether r is a line of a form below a table, such as
// 发放明细's 合计（大写） and 发放日期: a label and one text, no figure. Its
// row has no key of the table's: it is keyed by its label.
func formLine(r Row) bool {
	n := 0
	for i := range r.Len() {
		switch c := r.Cell(i); {
		case c.Text == "":
		case c.Kind != CellText:
			return false
		default:
			n++
		}
	}
	return n == 2
}

// text returns the trimmed text of r's cell under the header name.
func (t *diffTable) text(r Row, name string) string {
	i, ok := t.columns[name]
	if !ok {
		return ""
	}
	return strings.TrimSpace(r.Cell(i).Text)
}

// columnName is the name of column i of t: its header or its letter.
func (t *diffTable) columnName(i int) string {
	if i < len(t.header) {
		return t.header[i]
	}
	return calc.ColumnName(i + 1)
}

// cellAt returns the cell of r in the column named name, if t has it: a
// header, or a column letter beyond the header or in a table without one.
func (t *diffTable) cellAt(r Row, name string) (Cell, bool) {
	i, ok := t.columns[name]
	if !ok && isLetters(name) {
		i, ok = columnIndex(name)
	}
	if !ok {
		return Cell{}, false
	}
	c := r.Cell(i)
	if t.header != nil && slices.Contains(keyHeaders, name) {
		// A 学号 or 工号 typed as a number is a name, not a quantity: no
		// difference is worked out for it.
		c.Kind = CellText
	}
	return c, true
}

// columnIndex is the 0-based index of a column letter.
func columnIndex(letters string) (int, bool) {
	n := 0
	for _, c := range letters {
		if c < 'A' || c > 'Z' {
			return 0, false
		}
		n = n*26 + int(c-'A') + 1
	}
	return n - 1, n > 0
}

// names returns the names of t's first n columns (all its headers at
// least), in column order, 序号 left out.
func (t *diffTable) names(n int) []string {
	if n <= len(t.header) && t.headerNames != nil {
		return t.headerNames
	}
	var out []string
	for i := range max(n, len(t.header)) {
		if name := t.columnName(i); !ignoredColumn(t, name) {
			out = append(out, name)
		}
	}
	return out
}

// rowCells lists the cells of an added (or removed) row that hold a value.
func rowCells(t *diffTable, r Row, added bool) []CellDiff {
	var out []CellDiff
	for _, name := range t.names(r.Len()) {
		c, _ := t.cellAt(r, name)
		if c.Text == "" {
			continue
		}
		if added {
			out = append(out, CellDiff{Column: name, New: c})
		} else {
			out = append(out, CellDiff{Column: name, Old: c})
		}
	}
	return out
}

// changedCells lists the cells of a matched row that differ, in the new
// table's column order; columns in one table only are reported once, as
// columns, not cell by cell.
func changedCells(before, after *diffTable, oldRow, newRow Row) []CellDiff {
	var out []CellDiff
	for _, name := range after.names(max(oldRow.Len(), newRow.Len())) {
		nc, _ := after.cellAt(newRow, name)
		oc, ok := before.cellAt(oldRow, name)
		if !ok {
			continue // a column the old table lacks: reported once, as a column
		}
		if placeColumn(after, name) && !after.moves {
			continue // where the row came from, not what it says
		}
		if !sameCell(oc, nc) {
			out = append(out, CellDiff{Column: name, Old: oc, New: nc})
		}
	}
	return out
}

// sameCell compares numbers by value, so that 20 and 20.00 are the same
// number shown two ways, and everything else by what Dump prints.
func sameCell(a, b Cell) bool {
	if a.Text == b.Text || a.Kind != b.Kind {
		return a.Text == b.Text
	}
	if a.Kind == CellNumber || a.Kind == CellPercent {
		return a.Number().Equal(b.Number())
	}
	return false
}
