package sheet

import (
	"context"

	"kfpay/calc"
)

// The expenses workbook's columns (支出明细, SPEC 4.4).
const (
	expDate = iota
	expCategory
	expAmount
	expNote
)

var expensesSchema = schema{role: "支出明细", fields: []field{
	expDate:     {name: "日期", aliases: []string{"date"}, required: true},
	expCategory: {name: "类别", aliases: []string{"支出类别", "category"}, required: true},
	expAmount:   {name: "金额", aliases: []string{"支出金额", "amount"}, required: true, numeric: true},
	expNote:     {name: "说明", aliases: []string{"备注", "摘要", "note"}, note: true},
}}

// ReadExpenses reads the term's spending other than teacher pay (支出明细)
// at path. Whether a category is known is calc's to check.
func ReadExpenses(ctx context.Context, path, sheetName string) (lines []calc.Expense, info InputFile, problems calc.Problems) {
	t, c := openTable(ctx, path, sheetName, expensesSchema)
	if t == nil {
		return nil, InputFile{Role: expensesSchema.role}, c.list
	}
	defer t.close()
	lines = readExpenseRows(t)
	info = t.done()
	return lines, info, c.list
}

// readExpenseRows reads the spending lines of an open expenses table: a
// workbook's rows or a case's lines alike.
func readExpenseRows(t *table) (lines []calc.Expense) {
	c := t.c
	totals := newColumnTotals(t, []int{expAmount})
	for !c.full() && t.next() {
		if totals.handle(t, 0) {
			continue
		}
		e := calc.Expense{Src: t.ref(expAmount), DateSrc: t.ref(expDate), CategorySrc: t.ref(expCategory)}
		var okDate, okCategory bool
		e.Date, okDate = t.requiredDate(expDate)
		e.Category, okCategory = t.requiredName(expCategory)
		okAmount := t.required(expAmount)
		if okAmount {
			e.Amount, okAmount = t.money(expAmount)
		}
		totals.add(expAmount, e.Amount, okAmount)
		e.Note = t.note(expNote)
		if okDate && okCategory && okAmount {
			lines = append(lines, e)
			t.info.Used++
		}
	}
	return lines
}
