package render

import (
	"context"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// templateRows is how many blank person rows a template has. A bursar who
// needs more inserts rows above the 合计 row, and its sums grow with them.
const templateRows = 40

// CountSheet is a blank template of counts, as the grid and the summary
// templates lay it out: a title, a header, one row per person (and kind),
// then a 合计 row summing each count column, then a note on filling it in.
type CountSheet struct {
	Sheet, Title string
	Headers      []any // text, or a day's number
	FirstCount   int   // the first count column; the counts run to the last column
	RowTotal     bool  // the last column is the 合计 of the row's counts
	KindCol      int   // the 类型 column, given a drop-down of Labels; 0 for none
	Labels       []string
	CountWidth   float64
	Shaded       func(col int) bool // a column of a day without service
	Note         string
}

// Book lays the sheet out in a new workbook, for the caller to save and
// close.
func (cs CountSheet) Book(ctx context.Context) (*Book, error) {
	b, err := NewBook(ctx, cs.Sheet)
	if err != nil {
		return nil, fmt.Errorf("生成模板失败：%w", err)
	}
	if err := cs.build(b); err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("生成模板失败：%w", err)
	}
	return b, nil
}

// build lays the sheet out through a grid. Each 合计 is a formula saved with
// its value, 0 (the template is blank), and saved as a number: a program
// that shows saved values without computing them (LibreOffice, by default)
// shows it as the 0 it is. (excelize's in-memory cells mark a formula's
// saved value as text; its stream writer, under the grid, does not.)
func (cs CountSheet) build(b *Book) error {
	f := b.f
	lastCol := len(cs.Headers)
	lastCount := lastCol
	if cs.RowTotal {
		lastCount--
	}
	const header, first = 2, 3
	last := first + templateRows - 1
	totalRow, noteRow := last+1, last+3

	g := b.Grid(cs.Sheet)
	// The days without service in grey.
	style := func(col int, rl role, k Kind) styleKey {
		return styleKey{role: rl, kind: uint8(k), shaded: cs.Shaded != nil && cs.Shaded(col)}
	}
	sum := func(col, row, fromCol, fromRow, toCol, toRow int, k styleKey) {
		g.put(col, row, formula{"SUM(" + area(fromCol, fromRow, toCol, toRow) + ")", 0}, k)
	}
	g.Title(1, lastCol, cs.Title)
	for i, h := range cs.Headers {
		// A text header breaks between the words a | marks, as a grid's do.
		if name, ok := h.(string); ok {
			words := strings.Split(name, "|")
			h = strings.Join(words, "")
			g.headers = append(g.headers, headerCell{header, i + 1, words})
		}
		g.put(i+1, header, h, style(i+1, roleHeader, KindText))
	}
	for row := first; row <= last; row++ {
		for col := 1; col <= lastCol; col++ {
			k := styleKey{role: roleBody, kind: uint8(KindText)}
			if col >= cs.FirstCount {
				k = style(col, roleBody, KindCount)
			}
			g.put(col, row, nil, k)
		}
		if cs.RowTotal {
			sum(lastCol, row, cs.FirstCount, row, lastCount, row, styleKey{role: roleBody, kind: uint8(KindCount)})
		}
	}
	g.put(1, totalRow, "合计", styleKey{role: roleTotal, kind: uint8(KindCenter)})
	g.Merge(totalRow, 1, cs.FirstCount-1)
	for col := cs.FirstCount; col <= lastCol; col++ {
		sum(col, totalRow, col, first, col, last, style(col, roleTotal, KindCount))
	}
	g.Line(noteRow, lastCol, Plain, cs.Note, 0)
	// The 合计 row with the last blank row, and the note under it.
	g.KeepTogether(last, noteRow)

	// Drop-downs and checks as the bursar types, before kfpay sees the file.
	if cs.KindCol > 0 {
		dv := excelize.NewDataValidation(true)
		if inlineList(cs.Labels) {
			if err := dv.SetDropList(cs.Labels); err != nil {
				return err
			}
			dv.SetError(excelize.DataValidationErrorStyleStop, "类型", "请从下拉列表中选择服务类型")
		} else {
			// Labels too many or too long for a list written in the
			// validation itself: kept in a hidden sheet instead.
			var err error
			if dv, err = b.dropDown(cs.KindCol, first, "类型", cs.Labels); err != nil {
				return err
			}
		}
		dv.Sqref = area(cs.KindCol, first, cs.KindCol, last)
		if err := f.AddDataValidation(cs.Sheet, dv); err != nil {
			return err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = area(cs.FirstCount, first, lastCount, last)
	if err := dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "节数", "请填不小于 0 的数字，没有就空着")
	if err := f.AddDataValidation(cs.Sheet, dv); err != nil {
		return err
	}

	for col := 1; col <= lastCol; col++ {
		width := cs.CountWidth
		if s, text := cs.Headers[col-1].(string); text {
			if col < cs.FirstCount {
				width = max(textWidth(strings.ReplaceAll(s, "|", ""))+PadWidth, minWidth+2)
			}
			width, _ = fitHeader(strings.Split(s, "|"), typeSpecs[TypeTable].body, width)
		}
		g.SetWidth(col, width)
	}
	// The header and the name columns stay in view while the days scroll.
	topLeft := cellName(cs.FirstCount, first)
	if err := f.SetPanes(cs.Sheet, &excelize.Panes{
		Freeze: true, XSplit: cs.FirstCount - 1, YSplit: header, TopLeftCell: topLeft, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: "bottomRight"}},
	}); err != nil {
		return err
	}
	// A month of days turns the page to landscape.
	if err := b.PageSetup(cs.Sheet, Page{Repeat: header, Header: cs.Title}); err != nil {
		return err
	}
	return g.Finish()
}

// cellName is the A1 name of a cell within the sheet's limits.
func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// area is the A1:B2 name of a rectangle of cells.
func area(fromCol, fromRow, toCol, toRow int) string {
	return cellName(fromCol, fromRow) + ":" + cellName(toCol, toRow)
}
