package sheet

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/rules"
)

// The sheets of the two settlement workbooks (SPEC 4.5), in their order.
const (
	sheetNotice    = "收支公示"
	sheetRefunds   = "学生结算"
	sheetPupils    = "学生明细"
	sheetRecover   = "教师扣回"
	sheetSpending  = "支出明细"
	sheetReconcile = "对账"
)

// SettlementMeta is what the bursar's workbook records about the run besides
// the figures.
type SettlementMeta struct {
	Version string      // the kfpay version string
	Inputs  []InputFile // every input of the run, the rules file included
}

// WriteSettlement writes the term settlement as two workbooks (SPEC 4.5): the
// one to post for parents at posted, and the bursar's at internal. Both are
// written or neither is; an existing file is replaced only when force is
// set, and the same settlement gives the same bytes.
func WriteSettlement(posted, internal string, s *calc.Settlement, meta SettlementMeta, force bool) error {
	if s == nil || s.Rules == nil {
		return errors.New("write settlement: no settlement or no rules")
	}
	pub, err := newWorkbook(func(f *excelize.File, st *styles) error { return fillPosted(f, st, s) })
	if err != nil {
		return fmt.Errorf("write settlement: %w", err)
	}
	defer pub.Close()
	in, err := newWorkbook(func(f *excelize.File, st *styles) error { return fillInternal(f, st, s, meta) })
	if err != nil {
		return fmt.Errorf("write settlement: %w", err)
	}
	defer in.Close()
	return saveWorkbooks(force, outFile{posted, pub}, outFile{internal, in})
}

// newWorkbook makes a new workbook in kfpay's styles and lets fill write its sheets.
func newWorkbook(fill func(*excelize.File, *styles) error) (*excelize.File, error) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err == nil {
		err = fill(f, st)
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

// fillPosted writes the workbook parents see: 收支公示 and 学生结算. Nothing in
// it tells which families are in hardship: no per-pupil waiver, due or paid,
// names masked and 学号 cut to their last four characters.
func fillPosted(f *excelize.File, st *styles, s *calc.Settlement) error {
	if err := addSheets(f, sheetNotice, sheetRefunds); err != nil {
		return err
	}
	if err := writeNotice(f, st, s); err != nil {
		return err
	}
	return writeRefunds(f, st, s)
}

// fillInternal writes the bursar's workbook: 学生明细, 教师扣回, 支出明细, 对账.
func fillInternal(f *excelize.File, st *styles, s *calc.Settlement, meta SettlementMeta) error {
	if err := addSheets(f, sheetPupils, sheetRecover, sheetSpending, sheetReconcile); err != nil {
		return err
	}
	if err := writePupils(f, st, s); err != nil {
		return err
	}
	if err := writeRecoveries(f, st, s); err != nil {
		return err
	}
	if err := writeSpending(f, st, s); err != nil {
		return err
	}
	return writeReconcile(f, st, s, meta)
}

// termTitle is the school and the term, the start of every title.
func termTitle(s *calc.Settlement) string {
	return joinNonEmpty(" ", s.Rules.School, s.Rules.Term.Name)
}

// termPeriod describes the term for a notice line.
func termPeriod(s *calc.Settlement) string {
	t := s.Rules.Term
	return fmt.Sprintf("服务期间：%s至%s，共 %d 个服务日；收费标准：每生每期 %s 元；参加学生 %d 人",
		chineseDate(t.Start), chineseDate(t.End), s.Days, yuan(t.Fee), len(s.Pupils))
}

func chineseDate(d rules.Date) string {
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

// plainStyles are the unbordered styles of the notice's free text: the
// lines above the table and the signature lines below it.
type plainStyles struct{ text, bold int }

func newPlainStyles(f *excelize.File) (plainStyles, error) {
	var p plainStyles
	var err error
	p.text, err = f.NewStyle(&excelize.Style{
		Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true},
	})
	if err == nil {
		p.bold, err = f.NewStyle(&excelize.Style{
			Font:      &excelize.Font{Bold: true, Size: 11},
			Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true},
		})
	}
	return p, err
}

// line writes free text across columns 1 to cols of row r.
func (g *grid) line(r, cols int, style int, text string, height float64) {
	g.put(1, r, text, style)
	g.merge(r, 1, cols)
	g.setHeight(r, height)
}

// writeNotice writes 收支公示, the income and expenditure notice of 篇四
// ("收支情况在每学期期末邀请家委会成员进行结算并向家长进行公示"), laid out to be
// printed and pinned up: the term, the income and the total waivers, the
// spending by category with teacher pay as one figure, the surplus or
// deficit, the refund per 100 yuan, and the lines to sign.
func writeNotice(f *excelize.File, st *styles, s *calc.Settlement) error {
	ps, err := newPlainStyles(f)
	if err != nil {
		return err
	}
	g := newGrid(f, sheetNotice, st)
	const cols = 3
	title := termTitle(s) + " 课后服务收支情况公示"
	g.title(1, cols, title)
	g.line(2, cols, ps.text, termPeriod(s), 32)
	g.header(3, "项目", "金额（元）", "说明")
	r := 4
	section := func(name string) {
		g.row(r, true, textCell(name), emptyCell(), emptyCell())
		r++
	}
	item := func(total bool, name string, amount decimal.Decimal, note string) {
		g.row(r, total, textCell(name), moneyCell(amount), textCell(note))
		r++
	}

	section("一、收入")
	item(false, "应收服务费", s.Total.Gross, "按每生实际服务天数计：收费标准 × 服务天数 ÷ 学期服务日数，四舍五入到分")
	item(false, "减：困难家庭学生减免", s.Total.Waived, "家长申请、学校行政会研究给予的减免（篇四），只公示总额")
	item(true, "收入合计", s.Income, "")

	section("二、支出")
	item(false, "教师课后服务补助", s.TeacherPay, monthRange(s.Months)+"发放表合计，已扣回学期考核扣款")
	for _, c := range s.ByCategory {
		item(false, c.Category, c.Amount, "")
	}
	item(true, "支出合计", s.Spent(), "")

	if s.Surplus.IsNegative() {
		section("三、超支")
		item(true, "超支（收不抵支）", s.Surplus.Neg(), "本学期无结余可退")
	} else {
		section("三、结余")
		item(true, "结余", s.Surplus, "全部退还家长（篇四：结余的期末进行清退）")
		item(false, "每 100 元实收退费", s.Per100, "按各生实收金额的比例退还，尾差按最大余数法分到分")
	}
	g.setWidth(1, 26)
	g.setWidth(2, 16)
	g.setWidth(3, 52)

	r++
	g.line(r, cols, ps.text, "中途退出的学生按实际服务天数清算费用，多缴部分退还（篇四）。各生退费见“学生结算”表，按班级、学号排列。", 32)
	r += 2
	for _, who := range []string{"经办人（出纳）", "校长", "家委会代表"} {
		g.line(r, cols, ps.bold, who+"：____________________　　日期：______年____月____日", 30)
		r++
	}
	r++
	g.line(r, cols, ps.text, "公示日期：______年____月____日　　公示期内如有疑问，请向学校反映，接受家长、群众监督。", 30)

	if err := pageSetup(f, sheetNotice, false, 0, title); err != nil {
		return err
	}
	return g.finish()
}

// monthRange names the months of the term: 2026年9月, 2026年9月至2027年1月各月.
func monthRange(ms []rules.Month) string {
	switch len(ms) {
	case 0:
		return ""
	case 1:
		return ms[0].Chinese()
	}
	return ms[0].Chinese() + "至" + ms[len(ms)-1].Chinese() + "各月"
}

// refundsHeader is the header of 学生结算 (SPEC 4.5).
var refundsHeader = []string{"班级", "学号", "姓名", "服务天数", "退出退费", "结余退费", "合计退费"}

// writeRefunds writes 学生结算: each pupil's refund, by class and 学号, with
// the name masked and the 学号 cut to its last four characters.
func writeRefunds(f *excelize.File, st *styles, s *calc.Settlement) error {
	g := newGrid(f, sheetRefunds, st)
	title := termTitle(s) + " 课后服务学生退费"
	g.title(1, len(refundsHeader), title)
	g.header(2, refundsHeader...)
	r := 3
	for _, l := range s.Pupils {
		g.row(r, false, textCell(l.Class), centerCell(MaskID(l.ID)), textCell(MaskName(l.Name)),
			intCell(l.Days), moneyCell(l.Leaver), moneyCell(l.Share), moneyCell(l.Refund))
		r++
	}
	g.row(r, true, centerCell("合计"), emptyCell(), emptyCell(), emptyCell(),
		moneyCell(s.Total.Leaver), moneyCell(s.Total.Share), moneyCell(s.Total.Refund))
	g.merge(r, 1, 4)
	r += 2
	ps, err := newPlainStyles(f)
	if err != nil {
		return err
	}
	g.line(r, len(refundsHeader), ps.text,
		"退出退费：中途退出的学生按实际服务天数清算后多缴的部分；结余退费：学期结余按各生实收金额比例退还的部分。合计退费为负数的，为应补缴金额。", 48)
	if err := freezeRows(f, sheetRefunds, 2); err != nil {
		return err
	}
	if err := pageSetup(f, sheetRefunds, false, 2, title); err != nil {
		return err
	}
	return g.finish()
}

// MaskName hides a pupil's name for the posted workbook (SPEC 4.5): a name
// of three or more characters keeps its first and last, 王小明 → 王*明,
// 欧阳小明 → 欧**明; a name of two keeps its first, 李四 → 李*; a name of one
// is all masked.
func MaskName(name string) string {
	rs := []rune(name)
	switch len(rs) {
	case 0:
		return ""
	case 1:
		return "*"
	case 2:
		return string(rs[0]) + "*"
	}
	return string(rs[0]) + strings.Repeat("*", len(rs)-2) + string(rs[len(rs)-1])
}

// MaskID keeps the last four characters of a 学号 for the posted workbook
// (SPEC 4.5). A 学号 of four characters or fewer would show whole, so all
// but its last character is masked.
func MaskID(id string) string {
	rs := []rune(id)
	if len(rs) > 4 {
		return string(rs[len(rs)-4:])
	}
	if len(rs) <= 1 {
		return strings.Repeat("*", len(rs))
	}
	return strings.Repeat("*", len(rs)-1) + string(rs[len(rs)-1])
}

// pupilsHeader is the header of 学生明细 (SPEC 4.5), with a 备注 that says
// how the waiver and the paid amount were taken.
var pupilsHeader = []string{
	"班级", "学号", "姓名", "开始日期", "退出日期", "服务天数", "应收", "减免", "实收",
	"已缴", "退出退费", "结余退费", "合计退费", "备注",
}

// writePupils writes 学生明细: every figure of every pupil, a subtotal per
// class and the 合计, then apart the families who still owe (应补缴).
func writePupils(f *excelize.File, st *styles, s *calc.Settlement) error {
	g := newGrid(f, sheetPupils, st)
	title := termTitle(s) + " 课后服务收费结算明细（内部）"
	g.title(1, len(pupilsHeader), title)
	g.header(2, pupilsHeader...)
	r := 3
	sums := func(label string, x calc.Sums) {
		g.row(r, true, textCell(label), emptyCell(), textCell(fmt.Sprintf("%d 人", x.Pupils)), emptyCell(), emptyCell(), emptyCell(),
			moneyCell(x.Gross), moneyCell(x.Waived), moneyCell(x.Due), moneyCell(x.Paid),
			moneyCell(x.Leaver), moneyCell(x.Share), moneyCell(x.Refund), emptyCell())
		r++
	}
	k := 0
	for _, c := range s.Classes {
		for ; k < len(s.Pupils) && s.Pupils[k].Class == c.Class; k++ {
			l := s.Pupils[k]
			g.row(r, false, textCell(l.Class), textCell(l.ID), textCell(l.Name), dateCell(l.From), dateCell(l.To),
				intCell(l.Days), moneyCell(l.Gross), moneyCell(l.Waived), moneyCell(l.Due), moneyCell(l.PaidAmount),
				moneyCell(l.Leaver), moneyCell(l.Share), moneyCell(l.Refund), textCell(pupilNote(s, l)))
			r++
		}
		sums(c.Class+" 小计", c.Sums)
	}
	sums("合计", s.Total)

	r++
	g.row(r, true, textCell(fmt.Sprintf("应补缴（%d 户）", s.Owing)))
	g.merge(r, 1, 3)
	r++
	g.header(r, "班级", "学号", "姓名", "应补缴", "已缴", "实收", "说明")
	r++
	if s.Owing == 0 {
		g.row(r, false, textCell("无"))
		g.merge(r, 1, 7)
	}
	for _, l := range s.Pupils {
		if !l.Owes() {
			continue
		}
		g.row(r, false, textCell(l.Class), textCell(l.ID), textCell(l.Name), moneyCell(l.Refund.Neg()),
			moneyCell(l.PaidAmount), moneyCell(l.Due), textCell("已缴少于按实际服务天数应收的金额"))
		r++
	}
	if err := freezeRows(f, sheetPupils, 2); err != nil {
		return err
	}
	if err := pageSetup(f, sheetPupils, true, 2, title); err != nil {
		return err
	}
	return g.finish()
}

// pupilNote says how a pupil's waiver and paid amount were taken.
func pupilNote(s *calc.Settlement, l calc.PupilLine) string {
	var notes []string
	w := l.Pupil.Waiver
	switch {
	case w.IsPercent && w.Percent.IsPositive():
		notes = append(notes, "减免 "+calc.Percent(w.Percent))
	case !w.IsPercent && w.Amount.IsPositive():
		if l.Days == s.Days {
			notes = append(notes, "减免 "+yuan(w.Amount)+" 元")
		} else {
			notes = append(notes, "减免 "+yuan(w.Amount)+" 元，按服务天数折算")
		}
	}
	if l.PaidDefault {
		notes = append(notes, "已缴未填，按入学时应缴计")
	}
	return strings.Join(notes, "；")
}

// writeRecoveries writes 教师扣回: the term-scope deductions per teacher
// (SPEC 4.4: pay already paid out, to recover), and the records behind them.
func writeRecoveries(f *excelize.File, st *styles, s *calc.Settlement) error {
	g := newGrid(f, sheetRecover, st)
	title := termTitle(s) + " 学期考核扣款（应扣回）"
	header := []string{"序号", "工号", "教师", "记录数", "比例合计", "计扣比例", "学期绩效服务费（扣除后）", "应扣回"}
	g.title(1, len(header), title)
	g.header(2, header...)
	r := 3
	if len(s.Recoveries) == 0 {
		g.row(r, false, textCell("本学期没有待学期结算的考核记录"))
		g.merge(r, 1, len(header))
		r++
	}
	for i, rc := range s.Recoveries {
		g.row(r, false, intCell(i+1), textCell(rc.ID), textCell(rc.Name), intCell(len(rc.Events)),
			percentCell(rc.Sum), percentCell(rc.Percent), moneyCell(rc.Base), moneyCell(rc.Amount))
		r++
	}
	if len(s.Recoveries) > 0 {
		g.row(r, true, centerCell("合计"), emptyCell(), emptyCell(), emptyCell(), emptyCell(), emptyCell(), emptyCell(), moneyCell(s.Recovered))
		g.merge(r, 1, 7)
		r++
	}
	r++
	g.header(r, "日期", "工号", "教师", "事项", "比例", "来源", "发放表", "说明")
	r++
	for _, rc := range s.Recoveries {
		for _, e := range rc.Events {
			g.row(r, false, dateCell(e.Date), textCell(e.Person.ID), textCell(e.Person.Name), textCell(e.Label),
				percentCell(e.Percent), textCell(e.Source), textCell(sourceText(e.Src)), textCell(e.Note))
			r++
		}
	}
	ps, err := newPlainStyles(f)
	if err != nil {
		return err
	}
	r++
	g.line(r, len(header), ps.text, "每位教师的待学期结算记录比例相加，最高 100%；应扣回 ＝ 计扣比例 × 本学期各月（绩效服务费 − 扣除金额）之和，四舍五入到分。", 32)
	if err := freezeRows(f, sheetRecover, 2); err != nil {
		return err
	}
	if err := pageSetup(f, sheetRecover, true, 2, title); err != nil {
		return err
	}
	return g.finish()
}

// writeSpending writes 支出明细: every spending line as read, then the
// total of each category.
func writeSpending(f *excelize.File, st *styles, s *calc.Settlement) error {
	g := newGrid(f, sheetSpending, st)
	title := termTitle(s) + " 课后服务其他支出明细"
	header := []string{"序号", "日期", "类别", "金额", "说明", "来源"}
	g.title(1, len(header), title)
	g.header(2, header...)
	r := 3
	if len(s.Spending) == 0 {
		g.row(r, false, textCell("本学期没有教师补助以外的支出"))
		g.merge(r, 1, len(header))
		r++
	}
	for i, e := range s.Spending {
		g.row(r, false, intCell(i+1), dateCell(e.Date), textCell(e.Category), moneyCell(e.Amount),
			textCell(e.Note), textCell(sourceText(e.Src)))
		r++
	}
	g.row(r, true, centerCell("合计"), emptyCell(), emptyCell(), moneyCell(s.Other), emptyCell(), emptyCell())
	g.merge(r, 1, 3)
	r += 2
	g.header(r, "类别", "笔数", "金额")
	r++
	for _, c := range s.ByCategory {
		g.row(r, false, textCell(c.Category), intCell(c.Lines), moneyCell(c.Amount))
		r++
	}
	g.row(r, true, centerCell("合计"), intCell(len(s.Spending)), moneyCell(s.Other))
	if err := freezeRows(f, sheetSpending, 2); err != nil {
		return err
	}
	if err := pageSetup(f, sheetSpending, false, 2, title); err != nil {
		return err
	}
	return g.finish()
}

// writeReconcile writes 对账: the balance check of SPEC 4.4 figure by figure,
// the fund's figures, and the files they came from.
func writeReconcile(f *excelize.File, st *styles, s *calc.Settlement, meta SettlementMeta) error {
	g := newGrid(f, sheetReconcile, st)
	title := termTitle(s) + " 课后服务经费对账"
	g.title(1, 3, title)
	g.header(2, "项目", "金额", "说明")
	r := 3
	money := func(total bool, item string, d decimal.Decimal, note string) {
		g.row(r, total, textCell(item), moneyCell(d), textCell(note))
		r++
	}
	other := func(item string, c cell, note string) {
		g.row(r, false, textCell(item), c, textCell(note))
		r++
	}
	b := s.Balance
	money(false, "学生已缴合计", b.Paid, "学生名单“已缴”；未填的按入学时应缴（入学至学期末的应收减减免）计")
	money(false, "减：教师课后服务补助", b.TeacherPay,
		fmt.Sprintf("发放表实发合计 %s − 应扣回 %s", yuan(s.NetPay), yuan(s.Recovered)))
	money(false, "减：其他支出", b.Other, "支出明细合计")
	money(false, "减：合计退费", b.Refund,
		fmt.Sprintf("退出退费 %s ＋ 结余退费 %s；应补缴以负数计入", yuan(s.Total.Leaver), yuan(s.Total.Share)))
	money(true, "余额", b.Left, "已缴 − 教师补助 − 其他支出 − 合计退费")
	money(true, "应为", b.Want, "有结余时为 0（结余全部退还）；超支时为超支额的负数")
	verdict := "平衡"
	if !b.Left.Equal(b.Want) {
		verdict = "不平衡" // Settle refuses such a settlement; kept for a hand-edited one
	}
	other("结论", centerCell(verdict), "")
	r++
	money(false, "应收服务费", s.Total.Gross, "按每生实际服务天数")
	money(false, "减免合计", s.Total.Waived, "")
	money(true, "收入（实收合计）", s.Income, "应收 − 减免")
	money(false, "支出合计", s.Spent(), "教师课后服务补助 ＋ 其他支出")
	if s.Surplus.IsNegative() {
		money(true, "超支", s.Surplus.Neg(), "收入 − 支出为负，不退结余")
	} else {
		money(true, "结余", s.Surplus, "收入 − 支出，按实收金额比例全部退还")
	}
	money(false, "每 100 元实收退费", s.Per100, "结余 ÷ 收入 × 100，四舍五入到分（仅供公示，各生退费按最大余数法分到分）")
	other("应补缴家庭", intCell(s.Owing), "合计退费为负数的学生")
	other("学期服务日", intCell(s.Days), fmt.Sprintf("%s 至 %s", s.Rules.Term.Start, s.Rules.Term.End))
	other("结算月份", textCell(monthList(s.Months)), "每月一份发放表")
	r++
	other("学期", textCell(s.Rules.Term.Name), "")
	other("收费标准", moneyCell(s.Rules.Term.Fee), "元/生·学期")
	other("kfpay 版本", textCell(meta.Version), "")
	for _, in := range meta.Inputs {
		other("输入文件（"+in.Role+"）", emptyCell(), inputText(in))
	}
	g.setWidth(1, 24)
	g.setWidth(2, 16)
	g.setWidth(3, 64)
	if err := freezeRows(f, sheetReconcile, 2); err != nil {
		return err
	}
	if err := pageSetup(f, sheetReconcile, false, 2, title); err != nil {
		return err
	}
	return g.finish()
}

func monthList(ms []rules.Month) string {
	var s []string
	for _, m := range ms {
		s = append(s, m.Chinese())
	}
	return strings.Join(s, "、")
}
