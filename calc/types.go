// Package calc is kfpay's arithmetic: the monthly payroll of 篇三 and the term
// settlement of 篇四, on typed records. It does no I/O; the sheet package reads
// workbooks into these types and writes the results back out.
package calc

import (
	"strconv"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// Ref is where a value came from: a cell of a sheet of an input file. It holds
// the cell as numbers so that a million-row read allocates no cell names.
//
// A Ref with no Sheet and a Row is a line of a text file, such as a case of
// kfpay verify that writes a session as "2026-09-01 T01 王芳 上课 2": Row is
// the line, Col the field's column in the input it stands for.
type Ref struct {
	File  string // base name, e.g. 课时登记.xlsx
	Sheet string
	Col   int // 1-based; 0 for a whole row or sheet
	Row   int // 1-based; 0 for a whole sheet
}

// Cell returns the cell name, e.g. D17, the row as Excel names a whole row,
// e.g. 3:3, "第 12 行" for a line of a text file, or "" when r names none.
func (r Ref) Cell() string {
	if r.Row == 0 {
		return ""
	}
	if r.Sheet == "" {
		return "第 " + strconv.Itoa(r.Row) + " 行"
	}
	if r.Col == 0 {
		// A bare 3 after the sheet name is no reference at all; 9月!3:3 is
		// one that Excel's Name Box takes to the row.
		row := strconv.Itoa(r.Row)
		return row + ":" + row
	}
	return ColumnName(r.Col) + strconv.Itoa(r.Row)
}

// At returns the cell of the same row in column col.
func (r Ref) At(col int) Ref { r.Col = col; return r }

// String formats r as `课时登记.xlsx 9月!D17`, or a line of a text file as
// `cases.toml 第 12 行`.
func (r Ref) String() string {
	switch {
	case r.Sheet == "" && r.Row > 0:
		return r.File + " " + r.Cell()
	case r.Sheet == "":
		return r.File
	case r.Row == 0:
		return r.File + " " + r.Sheet
	}
	return r.File + " " + r.Sheet + "!" + r.Cell()
}

// ColumnName returns the spreadsheet name of the 1-based column n: 1 is A, 27 is AA.
func ColumnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// Person identifies a teacher: by 工号 when the log has one, else by name.
type Person struct {
	ID   string // 工号, may be empty
	Name string
}

// Key is the identity of p.
func (p Person) Key() string {
	if p.ID != "" {
		return "#" + p.ID
	}
	return p.Name
}

// Entry is one row of the session log: count sessions of one kind.
type Entry struct {
	Date   rules.Date // zero in the monthly summary layout
	Person Person
	Kind   rules.Kind
	Count  decimal.Decimal
	Class  string
	Note   string
	Src    Ref      // the count cell
	Cols   *Columns // where the row's other cells are, shared by a sheet's entries
}

// Columns are the 1-based columns of a session log's cells, so that a problem
// found in an entry can name its cell. A zero column means the count cell's.
type Columns struct {
	Date, ID, Name, Kind int
	// Grid is set for the daily grid (考勤表), whose entries are the day
	// cells (格) of a row, not rows (行) of their own.
	Grid bool
}

// At returns the cell of e's row in column col, or the count cell when col is 0.
func (e Entry) At(col int) Ref {
	if col == 0 {
		return e.Src
	}
	return e.Src.At(col)
}

// cols returns e's columns, or all zero when the reader gave none.
func (e Entry) cols() Columns {
	if e.Cols == nil {
		return Columns{}
	}
	return *e.Cols
}

// Record is one row of the discipline records.
type Record struct {
	Date       rules.Date
	Person     Person
	Label      string
	Percent    decimal.Decimal // as a fraction; set when HasPercent
	HasPercent bool
	Amount     decimal.Decimal // set when HasAmount
	HasAmount  bool
	Note       string
	Src        Ref // the 事项 cell
	PersonSrc  Ref // the 教师 cell
	IDSrc      Ref // the 工号 cell
	PercentSrc Ref // the 比例 cell
	AmountSrc  Ref // the 金额 cell
}
