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
	st     [numTypes]*styles // by Type, each made when a sheet first needs it
	shaded map[int]int       // the shaded style of a style id, made when a sheet first needs it
	inputs map[Kind]int      // the same
	cut    map[*styles]int   // the cut line's style, by Type's styles, the same
	pages  map[string]Page   // by sheet, what PageSetup asked for
	lists  int               // the columns of choicesSheet that hold a list
	bodies []*sheetBody      // the rows of the sheets written by rowWriter
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

// newBook adds kfpay's styles to f, and makes FontFigures its default font:
// the font of the Normal style, whose digit width is the unit of column
// widths in every spreadsheet program.
func newBook(ctx context.Context, f *excelize.File) (*Book, error) {
	if err := f.SetDefaultFont(FontFigures); err != nil {
		return nil, err
	}
	b := &Book{ctx: ctx, f: f, pages: map[string]Page{}}
	if _, err := b.styles(TypeTable); err != nil {
		return nil, err
	}
	return b, nil
}

// styles returns the style ids of Type t, adding them to the workbook the
// first time. Types are added in the order sheets first ask for them, so the
// same writer gives the same ids.
func (b *Book) styles(t Type) (*styles, error) {
	if b.st[t] == nil {
		st, err := newStyles(b.f, t)
		if err != nil {
			return nil, err
		}
		b.st[t] = st
	}
	return b.st[t], nil
}

// styleID is the style id of k among the styles st of a Type: a shaded
// style is st's with a grey fill, added to the workbook the first time.
func (b *Book) styleID(st *styles, k styleKey) (int, error) {
	if k.role == roleCut {
		return b.cutStyle(st)
	}
	id := st.id(k)
	if !k.shaded {
		return id, nil
	}
	if b.shaded == nil {
		b.shaded = map[int]int{}
	}
	if sid, ok := b.shaded[id]; ok {
		return sid, nil
	}
	s, err := b.f.GetStyle(id)
	if err != nil {
		return 0, err
	}
	s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}
	sid, err := b.f.NewStyle(s)
	if err != nil {
		return 0, err
	}
	b.shaded[id] = sid
	return sid, nil
}

// colStyles are the styles of sheet's columns 1 to n, 0 for none: the
// style excelize gives a cell written without one.
func (b *Book) colStyles(sheet string, n int) ([]int, error) {
	ids := make([]int, n)
	for col := 1; col <= n; col++ {
		name, _ := excelize.ColumnNumberToName(col)
		id, err := b.f.GetColStyle(sheet, name)
		if err != nil {
			return nil, err
		}
		ids[col-1] = id
	}
	return ids, nil
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

// RenameSheet gives the sheet named old the name name.
func (b *Book) RenameSheet(old, name string) error { return b.f.SetSheetName(old, name) }

// HideSheet hides a sheet (state hidden, which any spreadsheet program can
// show again).
func (b *Book) HideSheet(name string) error { return b.f.SetSheetVisible(name, false) }

// Close frees the workbook.
func (b *Book) Close() error { return b.f.Close() }

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

// inputStyles are the styles of the columns a bursar types into, by kind:
// the number format, and the font of the cells kfpay writes of that kind,
// so that what is typed looks like what kfpay wrote.
func inputStyles(f *excelize.File) (map[Kind]int, error) {
	date := fmtDate
	size := typeSpecs[TypeTable].body
	formats := map[Kind]*excelize.Style{
		KindText:     {NumFmt: 49, Font: font(false, false, size)}, // @: text as typed; no 1-2 turned into a date
		KindCount:    {NumFmt: numFmtGeneral, Font: font(true, false, size)},
		KindDate:     {CustomNumFmt: &date, Font: font(true, false, size)},
		KindPercent0: {NumFmt: numFmtPercent0, Font: font(true, false, size)},
		KindMoney:    {NumFmt: numFmtMoney, Font: font(true, false, size)},
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
	dv.SetError(excelize.DataValidationErrorStyleStop, name, fitUnits("请从下拉列表中选择："+shown, maxMessage, "…"))
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
	// Each list in a column of its own, from A on: a sheet whose first
	// columns are empty is read by some programs (Gnumeric's export) as if
	// it began at its first column that is not.
	b.lists++
	at, _ := excelize.ColumnNumberToName(b.lists)
	for i, c := range choices {
		ref, _ := excelize.CoordinatesToCellName(b.lists, i+1)
		if err := f.SetCellStr(choicesSheet, ref, fitCell(c)); err != nil {
			return nil, err
		}
	}
	dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$1:$%s$%d", quoteSheet(choicesSheet), at, at, len(choices)))
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

// cutStyle is the style of a cut line: a dashed grey rule at the bottom of
// the row, with a small grey word above it at the centre, where the
// scissors go. It is added to the workbook the first time a sheet asks for
// it, so that the workbooks without slips keep their styles.
func (b *Book) cutStyle(st *styles) (int, error) {
	if b.cut == nil {
		b.cut = map[*styles]int{}
	}
	if id, ok := b.cut[st]; ok {
		return id, nil
	}
	id, err := b.f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Family: FontText, Size: 9, Color: "808080", Charset: &gb2312},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "bottom"},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 3}},
	})
	if err != nil {
		return 0, err
	}
	b.cut[st] = id
	return id, nil
}
