package sheet

import (
	"context"
	"fmt"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/render"
)

// WriteBank writes the bank's batch-pay file (代发, kfpay bank) of batch b
// to path, in the bank's layout: one sheet, the header row if the bank
// wants one, one row per payment in the payout's order, and a 合计 row if
// the bank allows one; account numbers as text, amounts as the layout says.
// The file holds nothing else: a bank's import reads every row it finds. It
// returns the name a replaced file now has.
func WriteBank(ctx context.Context, path string, b *calc.Batch, layout rules.Bank, force bool) (backup string, err error) {
	book, err := render.NewBook(ctx, layout.Sheet)
	if err != nil {
		return "", fmt.Errorf("write bank file: %w", err)
	}
	defer book.Close()
	if err := book.ImportSheet(layout.Sheet, bankRows(b, layout)); err != nil {
		return "", fmt.Errorf("write bank file: %w", err)
	}
	return book.SaveKeeping(path, force)
}

// bankRows lays the batch out in the bank's columns.
func bankRows(b *calc.Batch, layout rules.Bank) [][]render.ImportCell {
	var rows [][]render.ImportCell
	if layout.Header {
		var header []render.ImportCell
		for _, c := range layout.Columns {
			header = append(header, render.ImportText(c.Header))
		}
		rows = append(rows, header)
	}
	note := layout.NoteOf(b.PaidPayout.Month)
	if b.Correction {
		note += "（更正补发）"
	}
	amount := func(p calc.Payment) render.ImportCell {
		if layout.Amount == rules.AmountText {
			return render.ImportText(p.Amount.StringFixed(2))
		}
		return render.ImportAmount(p.Amount)
	}
	for i, p := range b.Payments {
		var row []render.ImportCell
		for _, c := range layout.Columns {
			var cell render.ImportCell
			switch c.Field {
			case "":
				cell = render.ImportText(c.Text)
			case rules.BankSeq:
				cell = render.ImportCount(i + 1)
			case rules.BankID:
				cell = render.ImportText(p.ID)
			case rules.BankTeacher:
				cell = render.ImportText(p.Name)
			case rules.BankAccountName:
				cell = render.ImportText(p.AccountName)
			case rules.BankAccount:
				cell = render.ImportText(p.Account)
			case rules.BankBranch:
				cell = render.ImportText(p.Branch)
			case rules.BankAmountField:
				cell = amount(p)
			case rules.BankNote:
				cell = render.ImportText(note)
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	if layout.Total {
		row := make([]render.ImportCell, len(layout.Columns))
		labelled := false
		for j, c := range layout.Columns {
			switch {
			case c.Field == rules.BankAmountField:
				row[j] = amount(calc.Payment{Amount: b.Total})
			case !labelled && c.Field != rules.BankAccount:
				row[j] = render.ImportText("合计")
				labelled = true
			}
		}
		rows = append(rows, row)
	}
	return rows
}
