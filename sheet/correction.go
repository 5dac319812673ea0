package sheet

import (
	"kfpay/calc"
	"kfpay/sheet/internal/render"
)

// sheetCorrection is the sheet a corrected payout (payroll --against) puts
// before the four of SPEC 5: the one its teachers sign.
const sheetCorrection = "更正"

// correctionHeader is the header row of 更正.
var correctionHeader = []string{"序号", "工号", "教师", "已发金额", "应发金额", "补发", "扣回", "说明", "签字"}

// writeCorrectionSheet writes 更正, the sheet of a corrected payout that is
// signed: per person what the signed payout paid, what is due now, the 补发
// to pay or the 扣回 to recover, and a 签字 column, with a 合计 row, a line
// that says where the paid amounts come from, and the signature lines of
// 发放明细 in the page footer. A person whose pay did not change has
// nothing to sign for, and the 说明 says so.
func writeCorrectionSheet(b *render.Book, c *calc.Correction, school string) error {
	g := b.Grid(sheetCorrection)
	cols := len(correctionHeader)
	title := joinNonEmpty(" ", school, c.Month.Chinese(), "课后服务补助更正（补发、扣回签字表）")
	g.Title(1, cols, title)
	g.Header(2, correctionHeader...)
	for i, l := range c.Lines {
		g.Row(3+i, false, render.CenterInt(i+1), render.Center(l.ID), render.Text(l.Name),
			render.Money(l.Paid), render.Money(l.Due), render.Money(l.Topup), render.Money(l.Recover),
			render.Text(correctionNote(l)), render.Empty())
		g.SetHeight(3+i, signRowHeight)
	}
	total := 3 + len(c.Lines)
	t := c.Total
	g.Row(total, true, render.Center("合计"), render.Empty(), render.Empty(),
		render.Money(t.Paid), render.Money(t.Due), render.Money(t.Topup), render.Money(t.Recover), render.Empty(), render.Empty())
	g.Merge(total, 1, 3)
	g.SetWidth(cols, signWidth)
	g.KeepTogether(total-1, total+1) // the 合计 row and its note with the last person
	g.Line(total+1, cols, render.Plain, "已发金额取自已签字的发放表 "+sourceText(c.Signed)+
		" 的“发放明细”实发合计；补发 ＝ 应发 − 已发，扣回 ＝ 已发 − 应发（为正时）。补发、扣回的教师在本表签字；"+
		"“发放明细”是更正后的全月数字，仅供核对，不再签字。原发放表不作改动。", 0)
	if err := b.FreezeRows(sheetCorrection, 2); err != nil {
		return err
	}
	page := signFooter
	page.Landscape, page.Repeat, page.Header = true, 2, title
	if err := b.PageSetup(sheetCorrection, page); err != nil {
		return err
	}
	return g.Finish()
}

// correctionNote says what became of a person between the two payouts.
func correctionNote(l calc.CorrectionLine) string {
	switch {
	case !l.InSigned && l.Topup.IsPositive():
		return "原发放表中没有，应补发"
	case !l.InSigned:
		return "原发放表中没有"
	case !l.InPayout && l.Recover.IsPositive():
		return "更正后不再发放，应扣回"
	case !l.InPayout:
		return "更正后不再发放"
	case l.Topup.IsPositive():
		return "少发，应补发"
	case l.Recover.IsPositive():
		return "多发，应扣回"
	}
	return "无变化，不需签字"
}
