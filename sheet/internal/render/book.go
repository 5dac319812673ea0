package render

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// Book is a workbook being written in kfpay's styles. Its sheets are
// written through grids (Grid), and set up for printing and for input
// (PageSetup, FreezeRows, ColumnFormat, DropDown) before their grids
// finish. The caller closes it.
type Book struct {
	ctx    context.Context // the writing this book is for: grids stop when it is done
	f      *excelize.File
	st     *styles
	plain  *plain       // made when a sheet first needs them
	inputs map[Kind]int // the same
}

// NewBook makes a new workbook in kfpay's styles with the given sheets, in
// order, the first active. Its grids stop writing, and Finish returns
// ctx's error, once ctx is done.
func NewBook(ctx context.Context, sheets ...string) (*Book, error) {
	f := excelize.NewFile()
	b, err := newBook(ctx, f)
	if err == nil && len(sheets) > 0 {
		err = b.addSheets(sheets...)
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return b, nil
}

// newBook adds kfpay's styles to f.
func newBook(ctx context.Context, f *excelize.File) (*Book, error) {
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	return &Book{ctx: ctx, f: f, st: st}, nil
}

// addSheets gives a new workbook its sheets, in order, the first active.
func (b *Book) addSheets(names ...string) error {
	f := b.f
	if err := f.SetSheetName(f.GetSheetName(0), names[0]); err != nil {
		return err
	}
	for _, name := range names[1:] {
		if _, err := f.NewSheet(name); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return nil
}

// AddSheet adds a sheet after the others.
func (b *Book) AddSheet(name string) error {
	_, err := b.f.NewSheet(name)
	return err
}

// Close frees the workbook.
func (b *Book) Close() error { return b.f.Close() }

// plain are the unbordered styles of free text: the lines above a table
// and the signature lines below it.
type plain struct{ text, bold int }

func (b *Book) plainStyles() (*plain, error) {
	if b.plain != nil {
		return b.plain, nil
	}
	var p plain
	var err error
	p.text, err = b.f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true},
	})
	if err == nil {
		p.bold, err = b.f.NewStyle(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Size: 11},
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true},
		})
	}
	if err != nil {
		return nil, err
	}
	b.plain = &p
	return &p, nil
}

// ColumnFormat gives column col of sheet the number format of kind k (text,
// count, date, percent or money) for what the bursar types into it: a date
// typed as 2026-09-01 becomes a date, 30% a percent cell (which the reader
// needs to tell it from a bare 30), and a 工号 or 学号 typed as digits keeps
// its leading zeros as text. Set before the grid is started: excelize
// applies a column style to the cells already in the column, and the title
// and header set their own after.
func (b *Book) ColumnFormat(sheet string, col int, k Kind) error {
	if b.inputs == nil {
		ids, err := inputStyles(b.f)
		if err != nil {
			return err
		}
		b.inputs = ids
	}
	id, ok := b.inputs[k]
	if !ok {
		return fmt.Errorf("no input format for kind %d", k)
	}
	name, _ := excelize.ColumnNumberToName(col)
	return b.f.SetColStyle(sheet, name, id)
}

// inputStyles are the styles of the columns a bursar types into, by kind.
// They carry the number format only.
func inputStyles(f *excelize.File) (map[Kind]int, error) {
	date := fmtDate
	formats := map[Kind]*excelize.Style{
		KindText:     {NumFmt: 49}, // @: text as typed; no 1-2 turned into a date
		KindCount:    {NumFmt: numFmtGeneral},
		KindDate:     {CustomNumFmt: &date},
		KindPercent0: {NumFmt: numFmtPercent0},
		KindMoney:    {NumFmt: numFmtMoney},
	}
	ids := map[Kind]int{}
	for _, k := range []Kind{KindText, KindCount, KindDate, KindPercent0, KindMoney} {
		id, err := f.NewStyle(formats[k])
		if err != nil {
			return nil, err
		}
		ids[k] = id
	}
	return ids, nil
}

// choicesSheet holds drop-down lists too long, or with characters, that an
// inline list cannot hold.
const choicesSheet = "选项"

// DropDown gives column col of sheet, from row from down to the last row, a
// drop-down list of choices, which Excel enforces as the bursar types; name
// is the column's header, for Excel's prompts. Excel keeps an inline list
// only up to 255 characters and splits it at commas, so a longer list, or
// one whose labels hold a comma or a quote, is kept in a hidden sheet and
// referred to.
func (b *Book) DropDown(sheet string, col, from int, name string, choices []string) error {
	dv, err := b.dropDown(col, from, name, choices)
	if err != nil {
		return err
	}
	return b.f.AddDataValidation(sheet, dv)
}

func (b *Book) dropDown(col, from int, name string, choices []string) (*excelize.DataValidation, error) {
	f := b.f
	if len(choices) == 0 {
		return nil, errors.New("empty drop-down list for " + name)
	}
	letter, _ := excelize.ColumnNumberToName(col)
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s%d:%s%d", letter, from, letter, excelize.TotalRows))
	shown := strings.Join(choices, "、")
	dv.SetError(excelize.DataValidationErrorStyleStop, name, "请从下拉列表中选择："+shown)
	dv.SetInput(name, "从下拉列表中选择")
	if inlineList(choices) {
		if err := dv.SetDropList(choices); err != nil {
			return nil, err
		}
		return dv, nil
	}
	if idx, _ := f.GetSheetIndex(choicesSheet); idx < 0 {
		if _, err := f.NewSheet(choicesSheet); err != nil {
			return nil, err
		}
		if err := f.SetSheetVisible(choicesSheet, false); err != nil {
			return nil, err
		}
	}
	for i, c := range choices {
		ref, _ := excelize.CoordinatesToCellName(col, i+1)
		if err := f.SetCellStr(choicesSheet, ref, c); err != nil {
			return nil, err
		}
	}
	dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$1:$%s$%d", quoteSheet(choicesSheet), letter, letter, len(choices)))
	return dv, nil
}

// inlineList reports whether choices fit an inline drop-down list.
func inlineList(choices []string) bool {
	joined := strings.Join(choices, ",")
	if len(utf16.Encode([]rune(joined))) > excelize.MaxFieldLength {
		return false
	}
	for _, c := range choices {
		if strings.ContainsAny(c, `,"`) {
			return false
		}
	}
	return true
}
