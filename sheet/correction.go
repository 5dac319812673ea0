package sheet

import (
	"kfpay/calc"
	"kfpay/sheet/internal/render"
)

// sheetCorrection is the sheet a corrected payout adds after the four of
// SPEC 5 (payroll --against).
const sheetCorrection = "更正"

// correctionHeader is the header row of 更正.
var correctionHeader = []string{"序号", "工号", "教师", "已发金额", "应发金额", "补发", "扣回", "说明"}

// writeCorrectionSheet writes 更正: per person what the signed payout paid,
// what is due now, and the 补发 to pay or the 扣回 to recover, with a 合计
// row and a line that says where the paid amounts come from.
func writeCorrectionSheet(b *render.Book, c *calc.Correction, school string) error {
	g := b.Grid(sheetCorrection)
	cols := len(correctionHeader)
	title := joinNonEmpty(" ", school, c.Month.Chinese(), "课后服务补助更正")
	g.Title(1, cols, title)
	g.Header(2, correctionHeader...)
	for i, l := range c.Lines {
		g.Row(3+i, false, render.Int(i+1), render.Text(l.ID), render.Text(l.Name),
			render.Money(l.Paid), render.Money(l.Due), render.Money(l.Topup), render.Money(l.Recover),
			render.Text(correctionNote(l)))
	}
	total := 3 + len(c.Lines)
	t := c.Total
	g.Row(total, true, render.Center("合计"), render.Empty(), render.Empty(),
		render.Money(t.Paid), render.Money(t.Due), render.Money(t.Topup), render.Money(t.Recover), render.Empty())
	g.Merge(total, 1, 3)
	g.KeepTogether(total-1, total+1) // the 合计 row and its note with the last person
	g.Line(total+1, cols, render.Plain, "已发金额取自已签字的发放表 "+sourceText(c.Signed)+
		" 的“发放明细”实发合计；补发 ＝ 应发 − 已发，扣回 ＝ 已发 − 应发（为正时）。原发放表不作改动。", 32)
	if err := b.FreezeRows(sheetCorrection, 2); err != nil {
		return err
	}
	if err := b.PageSetup(sheetCorrection, render.Page{Landscape: false, Repeat: 2, Header: title}); err != nil {
		return err
	}
	return g.Finish()
}

// correctionNote says what became of a person between the two payouts.
func correctionNote(l calc.CorrectionLine) string {
	switch {
	case !l.InSigned:
		return "原发放表中没有"
	case !l.InPayout:
		return "更正后不再发放"
	case l.Topup.IsPositive():
		return "少发，应补发"
	case l.Recover.IsPositive():
		return "多发，应扣回"
	}
	return "无变化"
}
