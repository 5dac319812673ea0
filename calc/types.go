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
// A Ref with no Sheet and a Row is a row of a text file. In a CSV file,
// which has one table and no sheet, it is a cell named as the bursar finds
// it when Excel opens the file: 课时登记.csv 第 7 行 E 列. A line of kfpay
// verify's cases, which writes a session as "2026-09-01 T01 王芳 上课 2",
// has no columns to name: its Ref has Col 0, cases.toml 第 12 行.
type Ref struct {
	File  string // base name, e.g. 课时登记.xlsx
	Sheet string // "" for a text file
	Col   int    // 1-based; 0 for a whole row or sheet
	Row   int    // 1-based; 0 for a whole sheet
}

// InText reports whether r is a cell or row of a text file: a CSV file, or
// a line of kfpay verify's cases.
func (r Ref) InText() bool { return r.Sheet == "" && r.Row > 0 }

// Cell returns the cell name, e.g. D17, the row as Excel names a whole row,
// e.g. 3:3, or "" when r names neither. In a text file it is 第 17 行 D 列,
// or 第 17 行 for a whole row or a line.
func (r Ref) Cell() string {
	if r.Row == 0 {
		return ""
	}
	row := strconv.Itoa(r.Row)
	switch {
	case r.InText() && r.Col == 0:
		return "第 " + row + " 行"
	case r.InText():
		return "第 " + row + " 行 " + ColumnName(r.Col) + " 列"
	case r.Col == 0:
		// A bare 3 after the sheet name is no reference at all; 9月!3:3 is
		// one that Excel's Name Box takes to the row.
		return row + ":" + row
	}
	return ColumnName(r.Col) + row
}

// At returns the cell of the same row in column col.
func (r Ref) At(col int) Ref { r.Col = col; return r }

// String formats r as `课时登记.xlsx 9月!D17`, `课时登记.csv 第 17 行 D 列`, or
// a line of a text file as `cases.toml 第 12 行`.
func (r Ref) String() string {
	switch {
	case r.InText():
		return joinSpace(r.File, r.Cell())
	case r.Sheet == "":
		return r.File
	case r.Row == 0:
		return r.File + " " + r.Sheet
	}
	return r.File + " " + r.Sheet + "!" + r.Cell()
}

// joinSpace joins a and b with a space, or gives the one that is not empty.
func joinSpace(a, b string) string {
	if a == "" || b == "" {
		return a + b
	}
	return a + " " + b
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

// Key is the identity of p: its 工号 folded by IDKey when it has one, so
// that T01, t01 and Ｔ01 are one key, else its name.
func (p Person) Key() string {
	if p.ID != "" {
		return "#" + IDKey(p.ID)
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
	// PercentErr and AmountErr are what the reader found wrong with a
	// 比例 or 金额 it could not read. Whether to report it is calc's to
	// decide: a kind that does not use the column has a better message
	// (fill nothing there) than how to write a percent.
	PercentErr, AmountErr *Problem
}
