package sheet

import (
	"context"
	"io"
	"os"

	"kfpay/sheet/internal/csvfile"
	"kfpay/sheet/internal/xlsx"
)

// book is an input file open for reading: a workbook (package xlsx) or a
// CSV file (package csvfile). Every schema reads through the one table
// mechanism over a book, so what a schema checks in a workbook it checks in
// a CSV file, at the same cells.
type book interface {
	Sheets() []xlsx.SheetInfo
	Rows(sheet string) (rowSource, error)
	// What a cell's style says of its number. A CSV file has no styles:
	// each of its fields is text, a percent written 30%, a date 2026/9/1.
	Date1904() bool
	IsPercentStyle(style int) bool
	IsDateStyle(style int) bool
	// IntFormatOf is the zero-padding format of a style (000, "T"000),
	// nil for any other: a CSV file's fields are as shown already.
	IntFormatOf(style int) *xlsx.IntFormat
	// Marks is what a style does that may mark a row cancelled: strikes
	// its text through, fills it red. A CSV file's fields have no fonts
	// or fills.
	Marks(style int) xlsx.Mark
	// MergedCells is the merged ranges of a sheet; a CSV file has none.
	MergedCells(sheet string) ([]xlsx.Range, error)
	Close() error
}

// rowSource is where a table's rows come from: a worksheet's rows
// (*xlsx.Rows), a CSV file's (csvRows), or text rows (lineRows).
type rowSource interface {
	Next() bool
	Row() int
	Hidden() bool
	Cells() []xlsx.Cell
	LastRow() int
	Err() error
	Close() error
}

// openBook opens the file at path by what its bytes are, not by its name:
// text (a .csv, or a web system's tab-separated "xls") as CSV, anything else
// as a workbook, whose reader names the formats it does not read. A CSV
// file's rows stop once ctx is done, as the table stops a workbook's.
func openBook(ctx context.Context, path string) (book, error) {
	if head, err := readHead(path); err == nil && csvfile.Sniff(head) {
		f, err := csvfile.Open(path)
		if err != nil {
			return nil, err
		}
		return csvBook{f, ctx}, nil
	}
	wb, err := xlsx.Open(path)
	if err != nil {
		return nil, err
	}
	return xlsxBook{wb}, nil
}

// readHead reads the first bytes of the file at path, for csvfile.Sniff.
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	head := make([]byte, 8<<10)
	n, err := io.ReadFull(f, head)
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		err = nil
	}
	return head[:n], err
}

// xlsxBook is a workbook as a book.
type xlsxBook struct{ *xlsx.Workbook }

func (b xlsxBook) Rows(sheet string) (rowSource, error) {
	it, err := b.Workbook.Rows(sheet)
	if err != nil {
		return nil, err
	}
	return it, nil
}

// csvBook is a CSV file as a book of one sheet without a name: its cells'
// references name the row and column (课时登记.csv 第 7 行 E 列).
type csvBook struct {
	f   *csvfile.File
	ctx context.Context // stops its rows, blank lines included
}

func (csvBook) Sheets() []xlsx.SheetInfo                 { return []xlsx.SheetInfo{{}} }
func (csvBook) Date1904() bool                           { return false }
func (csvBook) IsPercentStyle(int) bool                  { return false }
func (csvBook) IsDateStyle(int) bool                     { return false }
func (csvBook) IntFormatOf(int) *xlsx.IntFormat          { return nil }
func (csvBook) Marks(int) xlsx.Mark                      { return 0 }
func (csvBook) MergedCells(string) ([]xlsx.Range, error) { return nil, nil }
func (csvBook) Close() error                             { return nil }

func (b csvBook) Rows(string) (rowSource, error) {
	rs, err := b.f.Rows(b.ctx)
	if err != nil {
		return nil, err
	}
	return &csvRows{rs: rs}, nil
}

// csvRows gives a CSV file's fields as the text cells of a worksheet.
type csvRows struct {
	rs    *csvfile.Rows
	cells []xlsx.Cell
}

func (r *csvRows) Next() bool {
	if !r.rs.Next() {
		return false
	}
	r.cells = r.cells[:0]
	for _, f := range r.rs.Fields() {
		r.cells = append(r.cells, xlsx.Cell{Col: f.Col, Type: xlsx.CellString, Value: f.Value})
	}
	return true
}

func (r *csvRows) Row() int           { return r.rs.Row() }
func (r *csvRows) Hidden() bool       { return false }
func (r *csvRows) Cells() []xlsx.Cell { return r.cells }
func (r *csvRows) LastRow() int       { return r.rs.LastRow() }
func (r *csvRows) Err() error         { return r.rs.Err() }
func (r *csvRows) Close() error       { return r.rs.Close() }

// delimiterName names a CSV file's separator when it is not the comma, for
// 计算说明.
func delimiterName(d byte) string {
	switch d {
	case '\t':
		return "制表符"
	case ';':
		return "分号"
	}
	return ""
}
