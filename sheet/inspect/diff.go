package inspect

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
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
	// Moved is a row matched by what it says whose only change is the cell
	// it cites (来源): reported only when Options.Moves asks for it.
	Moved
)

// Options are how DiffBooksWith compares two workbooks.
type Options struct {
	// Sheets, when given, are the only sheets compared; a name that
	// neither workbook has is an error.
	Sheets []string
	// Moves reports the records matched by what they say (keys.go) whose
	// source cell changed, a row inserted above them in the records or the
	// records saved under another name, as moved. Without it a record
	// that says the same is unchanged wherever it came from.
	Moves bool
}

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
	d := c.New.Number().Sub(c.Old.Number())
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

// String formats a cell change as `实发合计 929.00 → 950.00 (+21.00)`.
func (c CellDiff) String() string {
	show := func(x Cell) string {
		if x.Text == "" {
			return "（空）"
		}
		return x.Text
	}
	s := spaced(c.Column, show(c.Old)+" → "+show(c.New))
	if d, ok := c.Delta(); ok {
		s += " (" + d + ")"
	}
	return s
}

// DiffBooks compares the workbooks at oldPath and newPath by the values Dump
// prints. Within a sheet, rows are matched by their key, not by their row
// number (see keys.go): a header row is one that holds a key header (来源,
// 学号, 工号 or 教师, 项目, 类别), and each table below one is matched with
// the table of the other workbook keyed by the same header, row by row by
// the key's value; a table of records, keyed by 来源 (扣款明细), row by row
// by what each record says, its source cell left out (recordKeys). Columns
// are matched by header name, and 序号 is not compared. Rows above the
// first header row, such as a title, and sheets without one are matched by
// row number and column letter.
//
// With sheets given, only those sheets are compared; a name that neither
// workbook has is an error. Without, the seal of a payout is left out (see
// sealSheet). The sheets not compared are still read through: a damaged
// workbook is an error, not a difference hidden by the damage.
//
// Reading is apart from comparing: the sheets are read one pair at a time
// (Book.ReadSheet), as rows of rendered cells, and compared (diffSheet), so that
// memory holds two sheets' rows, not two workbooks.
func DiffBooks(oldPath, newPath string, sheets ...string) (*BookDiff, error) {
	return DiffBooksContext(context.Background(), oldPath, newPath, sheets...)
}

// DiffBooksContext is DiffBooks, stopping with ctx's error once ctx is
// done.
func DiffBooksContext(ctx context.Context, oldPath, newPath string, sheets ...string) (*BookDiff, error) {
	return DiffBooksWith(ctx, oldPath, newPath, Options{Sheets: sheets})
}

// DiffBooksWith is DiffBooksContext with the options o.
func DiffBooksWith(ctx context.Context, oldPath, newPath string, o Options) (*BookDiff, error) {
	sheets := o.Sheets
	oldBook, err := OpenBook(ctx, oldPath)
	if err != nil {
		return nil, err
	}
	defer oldBook.Close()
	newBook, err := OpenBook(ctx, newPath)
	if err != nil {
		return nil, err
	}
	defer newBook.Close()
	oldNames, newNames := oldBook.Sheets(), newBook.Sheets()
	compared := func(name string) bool { return name != sealSheet }
	if len(sheets) > 0 {
		for _, name := range sheets {
			if !slices.Contains(oldNames, name) && !slices.Contains(newNames, name) {
				return nil, fmt.Errorf("%s 和 %s 中都没有名为 %q 的工作表", filepath.Base(oldPath), filepath.Base(newPath), name)
			}
		}
		compared = func(name string) bool { return slices.Contains(sheets, name) }
	}
	for _, b := range []*Book{oldBook, newBook} {
		for _, name := range b.Sheets() {
			if !compared(name) {
				if err := b.verifySheet(name); err != nil {
					return nil, err
				}
			}
		}
	}
	// unsealed leaves the seal's row out of 计算说明 unless the sheet was
	// named.
	unsealed := func(name string, rows []Row) []Row {
		if len(sheets) > 0 || name != sealNotes {
			return rows
		}
		return slices.DeleteFunc(rows, func(r Row) bool { return r.Cell(0).Text == sealItem })
	}
	d := &BookDiff{}
	for _, name := range newNames {
		if !compared(name) {
			continue
		}
		inOld := slices.Contains(oldNames, name)
		var before []Row
		if inOld {
			if before, err = oldBook.ReadSheet(name); err != nil {
				return nil, err
			}
		}
		after, err := newBook.ReadSheet(name)
		if err != nil {
			return nil, err
		}
		sd := diffSheet(name, unsealed(name, before), unsealed(name, after), o)
		if !inOld {
			sd.Only = "new"
		}
		if len(sd.Rows) > 0 || len(sd.Columns) > 0 || !inOld {
			d.Sheets = append(d.Sheets, sd)
		}
	}
	for _, name := range oldNames {
		if !compared(name) || slices.Contains(newNames, name) {
			continue
		}
		before, err := oldBook.ReadSheet(name)
		if err != nil {
			return nil, err
		}
		sd := diffSheet(name, unsealed(name, before), nil, o)
		sd.Only = "old"
		d.Sheets = append(d.Sheets, sd)
	}
	return d, nil
}

// The seal of a kfpay payout (sheet/seal.go): the hidden sheet that keeps
// a copy of the figures, and the digest row of 计算说明. Both follow from
// figures a diff already shows, so they are compared only when --sheet
// names the sheet.
const (
	sealSheet = "校验数据"
	sealNotes = "计算说明"
	sealItem  = "校验码"
)
