package render

import (
	"context"
	"fmt"

	"github.com/xuri/excelize/v2"

	"kfpay/rules"
)

// Stream is a workbook of one sheet written row by row as it goes, with no
// styles but a date format: for sheets too long to hold whole, such as the
// million-row logs of kfpay gen. The first error sticks, as in Grid.
type Stream struct {
	ctx  context.Context
	b    *Book
	sw   *excelize.StreamWriter
	date int // the style of date cells
	next int // the next row to write
	err  error
}

// NewStream starts a workbook whose one sheet, named sheet, will hold the
// header row and rows data rows.
// Row stops writing, and Finish returns ctx's error, once ctx is done.
func NewStream(ctx context.Context, sheet string, rows int, header ...string) (*Stream, error) {
	if rows+1 > MaxRows {
		return nil, sheetTooLong(sheet)
	}
	f := excelize.NewFile()
	s := &Stream{ctx: ctx, b: &Book{ctx: ctx, f: f}, next: 1}
	fmtDate := fmtDate
	err := f.SetSheetName(f.GetSheetName(0), sheet)
	if err == nil {
		s.date, err = f.NewStyle(&excelize.Style{CustomNumFmt: &fmtDate})
	}
	if err == nil {
		// The stream writes the dimension first: the used range, as Excel
		// writes it, which a reader's progress display counts rows against.
		last, _ := excelize.CoordinatesToCellName(len(header), rows+1)
		err = f.SetSheetDimension(sheet, "A1:"+last)
	}
	if err == nil {
		s.sw, err = f.NewStreamWriter(sheet)
	}
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("gen: %w", err)
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = h
	}
	s.Row(cells...)
	return s, nil
}

// Row writes the next row: strings, numbers and rules.Date values, which
// are written as dates. An empty string or nil leaves its cell empty. Row
// may change cells.
func (s *Stream) Row(cells ...any) {
	if s.err != nil {
		return
	}
	if s.next%checkEvery == 0 {
		if s.err = s.ctx.Err(); s.err != nil {
			return
		}
	}
	for i, c := range cells {
		switch c := c.(type) {
		case string:
			if c == "" {
				cells[i] = nil
			}
		case rules.Date:
			cells[i] = excelize.Cell{StyleID: s.date, Value: excelSerial(c)}
		}
	}
	name, _ := excelize.CoordinatesToCellName(1, s.next)
	s.next++
	s.err = s.sw.SetRow(name, cells)
}

// Finish ends the sheet and returns the book to save.
func (s *Stream) Finish() (*Book, error) {
	if s.err != nil {
		return nil, s.err
	}
	if err := s.sw.Flush(); err != nil {
		return nil, err
	}
	return s.b, nil
}

// Close frees the workbook.
func (s *Stream) Close() error { return s.b.Close() }

// PlainSheet writes rows of text to the sheet of b named sheet, unstyled
// and unmeasured, one row of cells per slice: for a sheet nobody reads by
// eye, such as a payout's hidden copy of its figures, which a district's
// 50,000 teachers make long. An empty string leaves its cell empty.
func (b *Book) PlainSheet(sheet string, rows [][]string) error {
	width := 1
	for _, r := range rows {
		width = max(width, len(r))
	}
	return b.PlainRows(sheet, len(rows), width, func(i int, cells []string) []string { return append(cells, rows[i]...) })
}

// PlainRows is PlainSheet of n rows of at most width cells, row i of which
// row appends to cells, which it may reuse: the rows are made as they are
// written, not all at once.
func (b *Book) PlainRows(sheet string, n, width int, row func(i int, cells []string) []string) error {
	width = max(width, 1)
	if n > 0 {
		last, _ := excelize.CoordinatesToCellName(width, n)
		if err := b.f.SetSheetDimension(sheet, "A1:"+last); err != nil {
			return err
		}
	}
	colStyles, err := b.colStyles(sheet, width)
	if err != nil {
		return err
	}
	// The sheet with no rows; the rows are put in as the book is saved.
	sw, err := b.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	rw := newRowWriter(sheet, colStyles)
	if err := plainRows(b, rw, n, width, row); err != nil {
		<-rw.close().done
		return err
	}
	b.bodies = append(b.bodies, rw.close())
	return nil
}

// plainRows writes n rows of text, of at most width cells, through rw.
func plainRows(b *Book, rw *rowWriter, n, width int, row func(i int, cells []string) []string) error {
	var r []string
	for i := range n {
		r = row(i, r[:0])
		if len(r) > width {
			return fmt.Errorf("render: row %d of %d cells in a sheet %d wide", i+1, len(r), width)
		}
		if i%checkEvery == 0 {
			if err := b.ctx.Err(); err != nil {
				return err
			}
		}
		if err := rw.startRow(i+1, 0); err != nil {
			return err
		}
		for j, v := range r {
			if v == "" {
				continue
			}
			if err := rw.cell(j+1, i+1, 0, textValue(v)); err != nil {
				return err
			}
		}
		rw.endRow()
	}
	return nil
}
