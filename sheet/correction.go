package sheet

import (
	"github.com/xuri/excelize/v2"

	"kfpay/calc"
)

// sheetCorrection is the sheet a corrected payout adds after the four of
// SPEC 5 (payroll --against).
const sheetCorrection = "更正"

// correctionHeader is the header row of 更正.
var correctionHeader = []string{"序号", "工号", "教师", "已发金额", "应发金额", "补发", "扣回", "说明"}

// writeCorrectionSheet writes 更正: per person what the signed payout paid,
// what is due now, and the 补发 to pay or the 扣回 to recover, with a 合计
// row and a line that says where the paid amounts come from.
func writeCorrectionSheet(f *excelize.File, st *styles, c *calc.Correction, school string) error {
	ps, err := newPlainStyles(f)
	if err != nil {
		return err
	}
	if _, err := f.NewSheet(sheetCorrection); err != nil {
		return err
	}
	g := newGrid(f, sheetCorrection, st)
	cols := len(correctionHeader)
	title := joinNonEmpty(" ", school, c.Month.Chinese(), "课后服务补助更正")
	g.title(1, cols, title)
	g.header(2, correctionHeader...)
	for i, l := range c.Lines {
		g.row(3+i, false, intCell(i+1), textCell(l.ID), textCell(l.Name),
			moneyCell(l.Paid), moneyCell(l.Due), moneyCell(l.Topup), moneyCell(l.Recover),
			textCell(correctionNote(l)))
	}
	total := 3 + len(c.Lines)
	t := c.Total
	g.row(total, true, centerCell("合计"), emptyCell(), emptyCell(),
		moneyCell(t.Paid), moneyCell(t.Due), moneyCell(t.Topup), moneyCell(t.Recover), emptyCell())
	g.merge(total, 1, 3)
	g.line(total+1, cols, ps.text, "已发金额取自已签字的发放表 "+sourceText(c.Signed)+
		" 的“发放明细”实发合计；补发 ＝ 应发 − 已发，扣回 ＝ 已发 − 应发（为正时）。原发放表不作改动。", 32)
	if err := g.finish(); err != nil {
		return err
	}
	if err := freezeRows(f, sheetCorrection, 2); err != nil {
		return err
	}
	return pageSetup(f, sheetCorrection, false, 2, title)
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
