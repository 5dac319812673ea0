package render

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// An import sheet is a sheet another program reads, such as a bank's
// batch-pay import: no title, no borders, no page setup, only the cells the
// program expects, each of the type it expects. Text is a text cell in a
// column formatted as text (@), so that an account number of 19 digits stays
// the digits typed when the file is opened and saved again; an amount is a
// number formatted 0.00 (1234.50, no thousands separator), or the text
// "1234.50" for programs that read a cell's text.

// ImportCell is one cell of an import sheet.
type ImportCell struct {
	text   string
	amount *decimal.Decimal
	count  int
	kind   importKind
}

type importKind uint8

const (
	importEmpty importKind = iota
	importText
	importAmount
	importCount
)

// ImportText is a text cell, kept as text whatever its characters.
func ImportText(s string) ImportCell {
	if s == "" {
		return ImportCell{}
	}
	return ImportCell{text: s, kind: importText}
}

// ImportAmount is an amount, a number cell formatted 0.00. It must be
// rounded to the fen.
func ImportAmount(d decimal.Decimal) ImportCell { return ImportCell{amount: &d, kind: importAmount} }

// ImportCount is a whole number, such as a row's 序号.
func ImportCount(n int) ImportCell { return ImportCell{count: n, kind: importCount} }

// ImportSheet writes rows to the sheet named sheet of b, as an import sheet:
// each column as wide as its widest cell, the text columns formatted as
// text. Call it once per sheet; the book is then saved as any other.
func (b *Book) ImportSheet(sheet string, rows [][]ImportCell) error {
	f := b.f
	textFmt := 49 // @
	textID, err := f.NewStyle(&excelize.Style{NumFmt: textFmt, Font: font(false, false, typeSpecs[TypeTable].body)})
	if err != nil {
		return err
	}
	amountID, err := f.NewStyle(&excelize.Style{NumFmt: 2, Font: font(true, false, typeSpecs[TypeTable].body)}) // 0.00
	if err != nil {
		return err
	}
	countID, err := f.NewStyle(&excelize.Style{NumFmt: numFmtGeneral, Font: font(true, false, typeSpecs[TypeTable].body)})
	if err != nil {
		return err
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	widths := make([]float64, width)
	textCol := make([]bool, width)
	for _, r := range rows {
		for j, c := range r {
			switch c.kind {
			case importText:
				widths[j] = max(widths[j], textWidth(c.text))
				textCol[j] = true
			case importAmount:
				if !c.amount.Equal(c.amount.Round(2)) {
					return fmt.Errorf("%w：%s 元", ErrUnrounded, c.amount)
				}
				widths[j] = max(widths[j], figureWidth(c.amount.StringFixed(2)))
			case importCount:
				widths[j] = max(widths[j], figureWidth(fmt.Sprint(c.count)))
			}
		}
	}
	if len(rows) > 0 && width > 0 {
		last, _ := excelize.CoordinatesToCellName(width, len(rows))
		if err := f.SetSheetDimension(sheet, "A1:"+last); err != nil {
			return err
		}
	}
	// Columns before the stream starts, from the last (see Grid.Finish).
	for j := width - 1; j >= 0; j-- {
		name, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(sheet, name, name, columnWidth(max(widths[j], minWidth)+PadWidth)); err != nil {
			return err
		}
		if textCol[j] {
			if err := f.SetColStyle(sheet, name, textID); err != nil {
				return err
			}
		}
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	for i, r := range rows {
		if i%checkEvery == 0 {
			if err := b.ctx.Err(); err != nil {
				return err
			}
		}
		cells := make([]any, len(r))
		for j, c := range r {
			switch c.kind {
			case importText:
				cells[j] = excelize.Cell{StyleID: textID, Value: c.text}
			case importAmount:
				cells[j] = excelize.Cell{StyleID: amountID, Value: c.amount.InexactFloat64()}
			case importCount:
				cells[j] = excelize.Cell{StyleID: countID, Value: c.count}
			}
		}
		name, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(name, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}
