package inspect

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/calc"
)

// BookDiff is what changed from one workbook to another, sheet by sheet.
type BookDiff struct {
	Sheets []SheetDiff // sheets with a change: the new workbook's order, then sheets only in the old one
}

// Equal reports whether the two workbooks hold the same values.
func (d *BookDiff) Equal() bool { return len(d.Sheets) == 0 }

// SheetDiff is what changed in one sheet.
type SheetDiff struct {
	Name string
	// Only is "old" or "new" when the sheet is in one workbook only; its rows
	// are then all removed or all added.
	Only string
	// Keyed reports whether rows were matched by a key column (工号, 学号, …);
	// when false, rows are matched by row number and columns by letter.
	Keyed bool
	// Tables are the sheet's header rows, each as its headers joined by 、,
	// numbered as RowDiff.Table numbers them; Tables[0] is "", for the rows
	// above the first header row. A sheet such as 学生明细 has more than one.
	Tables  []string
	Columns []ColumnDiff
	Rows    []RowDiff
}

// ColumnDiff is a header that one workbook has and the other lacks.
type ColumnDiff struct {
	Change Change // Added or Removed
	Name   string
	Table  int // index in SheetDiff.Tables
}

// Change is what happened to a row or column.
type Change uint8

const (
	Added Change = iota + 1
	Removed
	Changed
)

// RowDiff is one row added, removed or changed.
type RowDiff struct {
	Change Change
	Key    string // the row's label: "T01 王芳", "合计", "第 3 行"
	Table  int    // index in SheetDiff.Tables of the header row above it
	// Cells are the changed cells of a changed row, and every cell that holds
	// a value of an added or removed row (the other side empty).
	Cells []CellDiff
}

// CellDiff is one cell's old and new value.
type CellDiff struct {
	Column   string // the header, or the column letter where there is none
	Old, New Cell
}

// Delta returns the signed difference new − old of a cell that is a number
// on both sides (or on one, the other empty), with as many decimals as the
// two values show: "+21.00", "-1". It returns false for any other cell.
func (c CellDiff) Delta() (string, bool) {
	number := func(x Cell) bool { return x.Kind == CellNumber }
	empty := func(x Cell) bool { return x.Text == "" }
	if !(number(c.Old) || empty(c.Old)) || !(number(c.New) || empty(c.New)) || (empty(c.Old) && empty(c.New)) {
		return "", false
	}
	d := c.New.Number.Sub(c.Old.Number)
	places := max(decimals(c.Old.Text), decimals(c.New.Text), -int(d.Exponent()))
	s := d.StringFixed(int32(places))
	if d.IsPositive() {
		s = "+" + s
	}
	return s, true
}

// decimals counts the digits after the point of a rendered number.
func decimals(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(frac)
	}
	return 0
}

// keyHeaders are the headers that identify a row, in the order they are
// preferred when a header row has several (SPEC 5, 4.5): the source cell of a
// record or a spending line, a pupil, a person, an item of 计算说明 or
// 收支公示, a spending category.
var keyHeaders = []string{"来源", "学号", "工号", "教师", "项目", "类别"}

// ignoredHeader is a column that numbers the rows: it is not compared, so
// that a teacher added near the top does not renumber every row below.
const ignoredHeader = "序号"

// DiffBooks compares the workbooks at oldPath and newPath by the values Dump
// prints. Within a sheet, rows are matched by their key, not by their row
// number: a header row is one that holds a key header (来源, 学号, 工号 or
// 教师, 项目, 类别), and each table below one is matched with the table of the
// other workbook keyed by the same header, row by row by the key's value.
// Columns are matched by header name, and 序号 is not compared. Rows above
// the first header row, such as a title, and sheets without one are matched
// by row number and column letter.
//
// With sheets given, only those sheets are compared; a name that neither
// workbook has is an error.
func DiffBooks(oldPath, newPath string, sheets ...string) (*BookDiff, error) {
	oldBook, err := readBook(oldPath)
	if err != nil {
		return nil, err
	}
	newBook, err := readBook(newPath)
	if err != nil {
		return nil, err
	}
	if len(sheets) > 0 {
		for _, name := range sheets {
			_, inOld := oldBook.sheet(name)
			_, inNew := newBook.sheet(name)
			if !inOld && !inNew {
				return nil, fmt.Errorf("%s 和 %s 中都没有名为 %q 的工作表", filepath.Base(oldPath), filepath.Base(newPath), name)
			}
		}
		oldBook, newBook = oldBook.only(sheets), newBook.only(sheets)
	}
	if len(sheets) == 0 {
		oldBook, newBook = oldBook.withoutSeal(), newBook.withoutSeal()
	}
	d := &BookDiff{}
	for _, s := range newBook.sheets {
		old, ok := oldBook.sheet(s.name)
		sd := diffSheet(s.name, old, s)
		if !ok {
			sd.Only = "new"
		}
		if len(sd.Rows) > 0 || len(sd.Columns) > 0 || !ok {
			d.Sheets = append(d.Sheets, sd)
		}
	}
	for _, s := range oldBook.sheets {
		if _, ok := newBook.sheet(s.name); !ok {
			sd := diffSheet(s.name, s, bookSheet{name: s.name})
			sd.Only = "old"
			d.Sheets = append(d.Sheets, sd)
		}
	}
	return d, nil
}

// bookRow is one row of a sheet that holds a value.
type bookRow struct {
	num   int
	cells []Cell
}

type bookSheet struct {
	name string
	rows []bookRow
}

type bookData struct{ sheets []bookSheet }

func (b bookData) sheet(name string) (bookSheet, bool) {
	for _, s := range b.sheets {
		if s.name == name {
			return s, true
		}
	}
	return bookSheet{name: name}, false
}

// The seal of a kfpay payout (sheet/seal.go): the hidden sheet that keeps
// a copy of the figures and the digest row of 计算说明. Both follow from
// figures a diff already shows, so they are compared only when --sheet
// names the sheet.
const (
	sealSheet = "校验数据"
	sealNotes = "计算说明"
	sealItem  = "校验码"
)

// withoutSeal drops the seal of a payout from b.
func (b bookData) withoutSeal() bookData {
	var out bookData
	for _, s := range b.sheets {
		switch s.name {
		case sealSheet:
			continue
		case sealNotes:
			kept := bookSheet{name: s.name}
			for _, r := range s.rows {
				if len(r.cells) == 0 || r.cells[0].Text != sealItem {
					kept.rows = append(kept.rows, r)
				}
			}
			s = kept
		}
		out.sheets = append(out.sheets, s)
	}
	return out
}

// only keeps the named sheets of b.
func (b bookData) only(names []string) bookData {
	var out bookData
	for _, s := range b.sheets {
		if slices.Contains(names, s.name) {
			out.sheets = append(out.sheets, s)
		}
	}
	return out
}

// readBook reads every sheet of the workbook at path into memory. kfpay's
// workbooks are small; a large one is bounded by OpenBook's limits.
func readBook(path string) (bookData, error) {
	b, err := OpenBook(path)
	if err != nil {
		return bookData{}, err
	}
	defer b.Close()
	var out bookData
	for _, name := range b.Sheets() {
		s := bookSheet{name: name}
		err := b.Rows(name, func(row int, cells []Cell) error {
			s.rows = append(s.rows, bookRow{row, cells})
			return nil
		})
		if err != nil {
			return bookData{}, err
		}
		out.sheets = append(out.sheets, s)
	}
	return out, nil
}

// diffTable is a run of rows under one header row, or the rows above the
// first header row (header nil).
type diffTable struct {
	key     string         // the key header, "" for rows matched by number
	header  []string       // column names by column index; nil: column letters
	columns map[string]int // column index by name
	label   string         // the headers joined by 、
	rows    []bookRow
}

// splitTables cuts a sheet into the rows above its first header row and one
// table per header row.
func splitTables(rows []bookRow) []*diffTable {
	tables := []*diffTable{{}}
	for _, r := range rows {
		if key, ok := headerKeyOf(r.cells); ok {
			t := &diffTable{key: key, columns: map[string]int{}}
			var names []string
			for i, c := range r.cells {
				name := strings.TrimSpace(c.Text)
				if _, dup := t.columns[name]; dup || name == "" {
					name = calc.ColumnName(i + 1)
				} else {
					names = append(names, name)
				}
				t.header = append(t.header, name)
				t.columns[name] = i
			}
			t.label = strings.Join(names, "、")
			tables = append(tables, t)
			continue
		}
		last := tables[len(tables)-1]
		last.rows = append(last.rows, r)
	}
	return tables
}

// headerKeyOf reports whether cells form a header row: two or more cells, all
// text, one of them a key header. It returns the preferred key header.
func headerKeyOf(cells []Cell) (string, bool) {
	n := 0
	has := map[string]bool{}
	for _, c := range cells {
		if c.Text == "" {
			continue
		}
		if c.Kind != CellText {
			return "", false
		}
		n++
		has[strings.TrimSpace(c.Text)] = true
	}
	if n < 2 {
		return "", false
	}
	for _, k := range keyHeaders {
		if has[k] {
			if k == "教师" {
				k = "工号" // a person, by 工号 when the row has one, else by name
			}
			return k, true
		}
	}
	return "", false
}

// diffSheet compares one sheet of each workbook.
func diffSheet(name string, before, after bookSheet) SheetDiff {
	sd := SheetDiff{Name: name}
	oldTables, newTables := splitTables(before.rows), splitTables(after.rows)
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
	return &diffTable{key: t.key, header: t.header, columns: t.columns, label: t.label}
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

// keyedRow is a row with its key and label.
type keyedRow struct {
	bookRow
	key, label string
}

// diffTableRows compares the rows of two paired tables. The result follows
// the new table's order, each removed row placed after the rows that came
// before it in the old table.
func diffTableRows(before, after *diffTable) []RowDiff {
	oldRows, newRows := keyRows(before, after), keyRows(after, before)
	oldAt := map[string]int{}
	for i, r := range oldRows {
		oldAt[r.key] = i
	}
	newKeys := map[string]bool{}
	for _, r := range newRows {
		newKeys[r.key] = true
	}
	// nextOld[j] is the old index of the first new row from j on that the
	// old table has: rows removed before it are reported before the rows
	// added before it, as diff(1) does.
	nextOld := make([]int, len(newRows)+1)
	nextOld[len(newRows)] = len(oldRows)
	for j := len(newRows) - 1; j >= 0; j-- {
		nextOld[j] = nextOld[j+1]
		if i, ok := oldAt[newRows[j].key]; ok {
			nextOld[j] = i
		}
	}
	var out []RowDiff
	next := 0 // the first old row not yet passed
	flushRemoved := func(upTo int) {
		for ; next < upTo; next++ {
			if r := oldRows[next]; !newKeys[r.key] {
				out = append(out, RowDiff{Change: Removed, Key: r.label, Cells: rowCells(before, r.cells, false)})
			}
		}
	}
	for j, r := range newRows {
		flushRemoved(nextOld[j])
		i, ok := oldAt[r.key]
		if !ok {
			out = append(out, RowDiff{Change: Added, Key: r.label, Cells: rowCells(after, r.cells, true)})
			continue
		}
		next = max(next, i+1)
		if cells := changedCells(before, after, oldRows[i].cells, r.cells); len(cells) > 0 {
			out = append(out, RowDiff{Change: Changed, Key: r.label, Cells: cells})
		}
	}
	flushRemoved(len(oldRows))
	return out
}

// keyRows gives each row of t its key. other is the table t is paired with:
// a pupil's key takes in 班级 and 姓名 when 学号 alone is not unique in
// either table, as in the posted settlement, which shows only the last four
// digits of a 学号.
func keyRows(t, other *diffTable) []keyedRow {
	var out []keyedRow
	switch {
	case t.header == nil:
		for _, r := range t.rows {
			out = append(out, keyedRow{r, "#" + strconv.Itoa(r.num), "第 " + strconv.Itoa(r.num) + " 行"})
		}
		return out
	case t.key == "学号":
		for _, extra := range [][]string{nil, {"班级"}, {"班级", "姓名"}} {
			out = keyPupils(t, extra)
			if unique(out) && unique(keyPupils(other, extra)) {
				break
			}
		}
	default:
		for _, r := range t.rows {
			out = append(out, keyOf(t, r))
		}
	}
	// Rows still sharing a key are told apart by their order.
	seen := map[string]int{}
	for i := range out {
		k := out[i].key
		seen[k]++
		if n := seen[k]; n > 1 {
			out[i].key += "\x00" + strconv.Itoa(n)
			out[i].label += "（第 " + strconv.Itoa(n) + " 个）"
		}
	}
	return out
}

func unique(rows []keyedRow) bool {
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.key] {
			return false
		}
		seen[r.key] = true
	}
	return true
}

// keyPupils keys the rows of a 学号 table by 学号 and the extra columns.
func keyPupils(t *diffTable, extra []string) []keyedRow {
	var out []keyedRow
	for _, r := range t.rows {
		id := t.text(r, "学号")
		if id == "" {
			out = append(out, fallbackKey(r))
			continue
		}
		key := []string{id}
		for _, col := range extra {
			key = append(key, t.text(r, col))
		}
		label := spaced(t.text(r, "班级"), id, t.text(r, "姓名"))
		if len(extra) == 0 {
			label = spaced(id, t.text(r, "姓名"))
		}
		out = append(out, keyedRow{r, "k" + strings.Join(key, "\x00"), label})
	}
	return out
}

// keyOf keys a row of a table whose key is 来源, 工号 or 项目.
func keyOf(t *diffTable, r bookRow) keyedRow {
	switch t.key {
	case "来源":
		if src := t.text(r, "来源"); src != "" {
			return keyedRow{r, "k" + src, src}
		}
		// A record without a source cell: by date, person and kind.
		if k := spaced(t.text(r, "日期"), t.text(r, "教师"), t.text(r, "事项")); k != "" {
			return keyedRow{r, "k" + k, k}
		}
	case "工号":
		id, name := t.text(r, "工号"), t.text(r, "教师")
		switch {
		case id != "":
			return keyedRow{r, "k#" + id, spaced(id, name)}
		case name != "":
			return keyedRow{r, "k" + name, name}
		}
	default:
		if k := t.text(r, t.key); k != "" {
			return keyedRow{r, "k" + k, k}
		}
	}
	return fallbackKey(r)
}

// fallbackKey keys a row whose key cell is empty, such as a 合计 or 小计
// row, by its first text: 合计, 一(1)班 小计. The texts after it, such as
// "3 人", are figures that may change.
func fallbackKey(r bookRow) keyedRow {
	for _, c := range r.cells {
		if text := strings.TrimSpace(c.Text); c.Kind == CellText && text != "" {
			return keyedRow{r, "t" + text, text}
		}
	}
	return keyedRow{r, "n", "第 " + strconv.Itoa(r.num) + " 行"}
}

// text returns the trimmed text of r's cell under the header name.
func (t *diffTable) text(r bookRow, name string) string {
	i, ok := t.columns[name]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i].Text)
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
func (t *diffTable) cellAt(r []Cell, name string) (Cell, bool) {
	i, ok := t.columns[name]
	if !ok && isLetters(name) {
		i, ok = columnIndex(name)
	}
	if !ok {
		return Cell{}, false
	}
	if i >= len(r) {
		return Cell{}, true
	}
	c := r[i]
	if t.header != nil && slices.Contains(keyHeaders, name) {
		// A 学号 or 工号 typed as a number is a name, not a quantity: no
		// difference is worked out for it.
		c.Kind, c.Number = CellText, decimal.Zero
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
	var out []string
	for i := range max(n, len(t.header)) {
		if name := t.columnName(i); name != ignoredHeader {
			out = append(out, name)
		}
	}
	return out
}

// rowCells lists the cells of an added (or removed) row that hold a value.
func rowCells(t *diffTable, cells []Cell, added bool) []CellDiff {
	var out []CellDiff
	for _, name := range t.names(len(cells)) {
		c, _ := t.cellAt(cells, name)
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
func changedCells(before, after *diffTable, oldCells, newCells []Cell) []CellDiff {
	var out []CellDiff
	for _, name := range after.names(max(len(oldCells), len(newCells))) {
		nc, _ := after.cellAt(newCells, name)
		oc, ok := before.cellAt(oldCells, name)
		if !ok {
			continue // a column the old table lacks: reported once, as a column
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
	if a.Kind == b.Kind && (a.Kind == CellNumber || a.Kind == CellPercent) {
		return a.Number.Equal(b.Number)
	}
	return a.Text == b.Text
}

// String formats a cell change as `实发合计 929.00 → 950.00 (+21.00)`.
func (c CellDiff) String() string {
	show := func(x Cell) string {
		if x.Text == "" {
			return "（空）"
		}
		return x.Text
	}
	s := fmt.Sprintf("%s %s → %s", c.Column, show(c.Old), show(c.New))
	if d, ok := c.Delta(); ok {
		s += " (" + d + ")"
	}
	return s
}

// spaced joins the parts that are not empty with spaces.
func spaced(parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), " ")
}
