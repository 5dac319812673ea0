package sheet

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/render"
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
// set (the replaced files are kept: backups are their new names, "" for a
// file that did not exist), and the same settlement gives the same bytes.
func WriteSettlement(ctx context.Context, posted, internal string, s *calc.Settlement, meta SettlementMeta, force bool) (backups []string, err error) {
	if s == nil || s.Rules == nil {
		return nil, errors.New("write settlement: no settlement or no rules")
	}
	pub, err := newBook(ctx, []string{sheetNotice, sheetRefunds}, func(b *render.Book) error { return fillPosted(b, s) })
	if err != nil {
		return nil, fmt.Errorf("write settlement: %w", err)
	}
	defer pub.Close()
	in, err := newBook(ctx, []string{sheetPupils, sheetRecover, sheetSpending, sheetReconcile},
		func(b *render.Book) error { return fillInternal(b, s, meta) })
	if err != nil {
		return nil, fmt.Errorf("write settlement: %w", err)
	}
	defer in.Close()
	return render.WriteFiles(ctx, force, pub.Output(posted), in.Output(internal))
}

// fillPosted writes the workbook parents see: 收支公示 and 学生结算. Nothing in
// it tells which families are in hardship: no per-pupil waiver, due or paid,
// names masked and 学号 cut to their last four characters.
func fillPosted(b *render.Book, s *calc.Settlement) error {
	if err := writeNotice(b, s); err != nil {
		return err
	}
	return writeRefunds(b, s)
}

// fillInternal writes the bursar's workbook: 学生明细, 教师扣回, 支出明细, 对账.
func fillInternal(b *render.Book, s *calc.Settlement, meta SettlementMeta) error {
	if err := writePupils(b, s); err != nil {
		return err
	}
	if err := writeRecoveries(b, s); err != nil {
		return err
	}
	if err := writeSpending(b, s); err != nil {
		return err
	}
	return writeReconcile(b, s, meta)
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

// writeNotice writes 收支公示, the income and expenditure notice of 篇四
// ("收支情况在每学期期末邀请家委会成员进行结算并向家长进行公示"), laid out to be
// printed and pinned up: the term, the income and the total waivers, the
// spending by category with teacher pay as one figure, the surplus or
// deficit, the refund per 100 yuan, and the lines to sign.
func writeNotice(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetNotice)
	const cols = 3
	title := termTitle(s) + " 课后服务收支情况公示"
	g.Title(1, cols, title)
	g.Line(2, cols, render.Plain, termPeriod(s), 32)
	g.Header(3, "项目", "金额（元）", "说明")
	r := 4
	section := func(name string) {
		g.Row(r, true, render.Text(name), render.Empty(), render.Empty())
		r++
	}
	item := func(total bool, name string, amount decimal.Decimal, note string) {
		g.Row(r, total, render.Text(name), render.Money(amount), render.Text(note))
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
	// Widths that print portrait at 93%, 13 pt, in a notice's type.
	g.SetWidth(1, 22)
	g.SetWidth(2, 13)
	g.SetWidth(3, 34)

	r++
	g.KeepTogether(r-2, r+6) // the last figures, the notes and the lines to sign on one page
	g.Line(r, cols, render.Plain, "中途退出的学生按实际服务天数清算费用，多缴部分退还（篇四）。各生退费见“学生结算”表，按班级、学号排列。", 32)
	r += 2
	for _, who := range []string{"经办人（出纳）", "校长", "家委会代表"} {
		g.Line(r, cols, render.Bold, who+"：____________________　　日期：______年____月____日", 30)
		r++
	}
	r++
	g.Line(r, cols, render.Plain, "公示日期：______年____月____日　　公示期内如有疑问，请向学校反映，接受家长、群众监督。", 30)

	if err := b.PageSetup(sheetNotice, render.Page{Notice: true, Repeat: 3, Header: title}); err != nil {
		return err
	}
	return g.Finish()
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
func writeRefunds(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetRefunds)
	title := termTitle(s) + " 课后服务学生退费"
	g.Title(1, len(refundsHeader), title)
	g.Header(2, refundsHeader...)
	r := 3
	for i, l := range s.Pupils {
		if i > 0 && l.Class != s.Pupils[i-1].Class {
			g.BreakBefore(r) // posted by class: each class on pages of its own
		}
		g.Row(r, false, render.Text(l.Class), render.Center(MaskID(l.ID)), render.Text(MaskName(l.Name)),
			render.Int(l.Days), render.Money(l.Leaver), render.Money(l.Share), render.Money(l.Refund))
		r++
	}
	g.Row(r, true, render.Center("合计"), render.Empty(), render.Empty(), render.Empty(),
		render.Money(s.Total.Leaver), render.Money(s.Total.Share), render.Money(s.Total.Refund))
	g.Merge(r, 1, 4)
	g.KeepTogether(r-1, r+2) // the 合计 row and the note with the last pupil
	r += 2
	g.Line(r, len(refundsHeader), render.Plain,
		"退出退费：中途退出的学生按实际服务天数清算后多缴的部分；结余退费：学期结余按各生实收金额比例退还的部分。合计退费为负数的，为应补缴金额。", 48)
	if err := b.FreezeRows(sheetRefunds, 2); err != nil {
		return err
	}
	if err := b.PageSetup(sheetRefunds, render.Page{Landscape: false, Repeat: 2, Header: title}); err != nil {
		return err
	}
	return g.Finish()
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
func writePupils(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetPupils)
	title := termTitle(s) + " 课后服务收费结算明细（内部）"
	g.Title(1, len(pupilsHeader), title)
	g.Header(2, pupilsHeader...)
	r := 3
	sums := func(label string, x calc.Sums) {
		g.Row(r, true, render.Text(label), render.Empty(), render.Text(fmt.Sprintf("%d 人", x.Pupils)), render.Empty(), render.Empty(), render.Empty(),
			render.Money(x.Gross), render.Money(x.Waived), render.Money(x.Due), render.Money(x.Paid),
			render.Money(x.Leaver), render.Money(x.Share), render.Money(x.Refund), render.Empty())
		g.Merge(r, 1, 2) // the label over 班级 and 学号, which it would widen
		r++
	}
	k := 0
	for _, c := range s.Classes {
		for ; k < len(s.Pupils) && s.Pupils[k].Class == c.Class; k++ {
			l := s.Pupils[k]
			g.Row(r, false, render.Text(l.Class), render.Text(l.ID), render.Text(l.Name), render.Date(l.From), render.Date(l.To),
				render.Int(l.Days), render.Money(l.Gross), render.Money(l.Waived), render.Money(l.Due), render.Money(l.PaidAmount),
				render.Money(l.Leaver), render.Money(l.Share), render.Money(l.Refund), render.Text(pupilNote(s, l)))
			r++
		}
		g.KeepTogether(r-1, r) // a 小计 row with the class's last pupil
		sums(c.Class+" 小计", c.Sums)
	}
	g.KeepTogether(r-1, r) // the 合计 row with the last 小计
	sums("合计", s.Total)

	// The families who owe, with the reason once below them rather than
	// on every row, where it widened the 应收 column above to 34 units.
	r++
	section := r
	g.Row(r, true, render.Text(fmt.Sprintf("应补缴（%d 户）", s.Owing)))
	g.Merge(r, 1, 3)
	r++
	g.Header(r, "班级", "学号", "姓名", "应补缴", "已缴", "实收")
	r++
	if s.Owing == 0 {
		g.Row(r, false, render.Text("无"))
		g.Merge(r, 1, 6)
		r++
	}
	for _, l := range s.Pupils {
		if !l.Owes() {
			continue
		}
		g.Row(r, false, render.Text(l.Class), render.Text(l.ID), render.Text(l.Name), render.Money(l.Refund.Neg()),
			render.Money(l.PaidAmount), render.Money(l.Due))
		r++
	}
	g.Line(r, len(pupilsHeader), render.Plain, "应补缴：已缴少于按实际服务天数应收（减去减免）的金额，差额由家长补缴。", 0)
	g.KeepTogether(section, min(r, section+3)) // the section's title and header with its first rows
	if err := b.FreezeRows(sheetPupils, 2); err != nil {
		return err
	}
	if err := b.PageSetup(sheetPupils, render.Page{Landscape: true, Repeat: 2, Header: title}); err != nil {
		return err
	}
	return g.Finish()
}

// pupilNote says how a pupil's waiver and paid amount were taken.
func pupilNote(s *calc.Settlement, l calc.PupilLine) string {
	var notes []string
	w := l.Pupil.Waiver
	fee := s.Rules.Term.Fee
	switch {
	case w.IsPercent && w.Percent.IsPositive() && !fee.IsPositive():
		notes = append(notes, "减免 "+calc.Percent(w.Percent)+"，本学期不收费，不计")
	case w.IsPercent && w.Percent.IsPositive():
		notes = append(notes, "减免 "+calc.Percent(w.Percent))
	case !w.IsPercent && w.Amount.IsPositive():
		// SPEC 4.3: capped at the fee; the note says so where it was.
		note := "减免 " + yuan(w.Amount) + " 元"
		switch {
		case !fee.IsPositive():
			note += "，本学期不收费，不计"
		case w.Amount.GreaterThan(fee):
			note += "，超过收费标准 " + yuan(fee) + " 元，按全免计"
		case l.Days != s.Days:
			note += "，按服务天数折算"
		}
		notes = append(notes, note)
	}
	if l.PaidDefault {
		notes = append(notes, "已缴未填，按入学时应缴计")
	}
	return strings.Join(notes, "；")
}

// writeRecoveries writes 教师扣回: the term-scope deductions per teacher
// (SPEC 4.4: pay already paid out, to recover), and the records behind them.
func writeRecoveries(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetRecover)
	title := termTitle(s) + " 学期考核扣款（应扣回）"
	header := []string{"序号", "工号", "教师", "记录数", "比例合计", "计扣比例", "学期绩效服务费（扣除后）", "应扣回"}
	g.Title(1, len(header), title)
	g.Header(2, header...)
	r := 3
	if len(s.Recoveries) == 0 {
		g.Row(r, false, render.Text("本学期没有待学期结算的考核记录"))
		g.Merge(r, 1, len(header))
		r++
	}
	for i, rc := range s.Recoveries {
		g.Row(r, false, render.Int(i+1), render.Text(rc.ID), render.Text(rc.Name), render.Int(len(rc.Events)),
			render.Percent(rc.Sum), render.Percent(rc.Percent), render.Money(rc.Base), render.Money(rc.Amount))
		r++
	}
	if len(s.Recoveries) > 0 {
		g.Row(r, true, render.Center("合计"), render.Empty(), render.Empty(), render.Empty(), render.Empty(), render.Empty(), render.Empty(), render.Money(s.Recovered))
		g.Merge(r, 1, 7)
		g.KeepTogether(r-1, r) // no page holds the 合计 row alone
		r++
	}
	r++
	records := r
	g.Header(r, "日期", "工号", "教师", "事项", "比例", "来源", "发放表", "说明")
	r++
	for _, rc := range s.Recoveries {
		for _, e := range rc.Events {
			g.Row(r, false, render.Date(e.Date), render.Text(e.Person.ID), render.Text(e.Person.Name), render.Text(e.Label),
				render.Percent(e.Percent), render.Text(e.Source), render.Text(sourceText(e.Src)), render.Text(e.Note))
			r++
		}
	}
	g.KeepTogether(records, min(records+2, r-1)) // the records' header with their first rows
	r++
	g.KeepTogether(r-2, r) // the note with the last record
	g.Line(r, len(header), render.Plain, "每位教师的待学期结算记录比例相加，最高 100%；应扣回 ＝ 计扣比例 × 本学期各月（绩效服务费 − 扣除金额）之和，四舍五入到分。", 32)
	if err := b.FreezeRows(sheetRecover, 2); err != nil {
		return err
	}
	if err := b.PageSetup(sheetRecover, render.Page{Landscape: true, Repeat: 2, Header: title}); err != nil {
		return err
	}
	return g.Finish()
}

// writeSpending writes 支出明细: every spending line as read, then the
// total of each category.
func writeSpending(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetSpending)
	title := termTitle(s) + " 课后服务其他支出明细"
	header := []string{"序号", "日期", "类别", "金额", "说明", "来源"}
	g.Title(1, len(header), title)
	g.Header(2, header...)
	r := 3
	if len(s.Spending) == 0 {
		g.Row(r, false, render.Text("本学期没有教师补助以外的支出"))
		g.Merge(r, 1, len(header))
		r++
	}
	for i, e := range s.Spending {
		g.Row(r, false, render.Int(i+1), render.Date(e.Date), render.Text(e.Category), render.Money(e.Amount),
			render.Text(e.Note), render.Text(sourceText(e.Src)))
		r++
	}
	g.Row(r, true, render.Center("合计"), render.Empty(), render.Empty(), render.Money(s.Other), render.Empty(), render.Empty())
	g.Merge(r, 1, 3)
	g.KeepTogether(r-1, r) // no page holds the 合计 row alone
	r += 2
	byCategory := r
	g.Header(r, "类别", "笔数", "金额")
	r++
	for _, c := range s.ByCategory {
		g.Row(r, false, render.Text(c.Category), render.Int(c.Lines), render.Money(c.Amount))
		r++
	}
	g.KeepTogether(byCategory, r) // a short table: header, categories and 合计 on one page
	g.Row(r, true, render.Center("合计"), render.Int(len(s.Spending)), render.Money(s.Other))
	if err := b.FreezeRows(sheetSpending, 2); err != nil {
		return err
	}
	if err := b.PageSetup(sheetSpending, render.Page{Landscape: false, Repeat: 2, Header: title}); err != nil {
		return err
	}
	return g.Finish()
}

// writeReconcile writes 对账: the balance check of SPEC 4.4 figure by figure,
// the fund's figures, and the files they came from.
func writeReconcile(b *render.Book, s *calc.Settlement, meta SettlementMeta) error {
	g := b.Grid(sheetReconcile)
	title := termTitle(s) + " 课后服务经费对账"
	g.Title(1, 3, title)
	g.Header(2, "项目", "金额", "说明")
	r := 3
	money := func(total bool, item string, d decimal.Decimal, note string) {
		g.Row(r, total, render.Text(item), render.Money(d), render.Text(note))
		r++
	}
	other := func(item string, c render.Cell, note string) {
		g.Row(r, false, render.Text(item), c, render.Text(note))
		r++
	}
	bal := s.Balance
	money(false, "学生已缴合计", bal.Paid, "学生名单“已缴”；未填的按入学时应缴（入学至学期末的应收减减免）计")
	money(false, "减：教师课后服务补助", bal.TeacherPay,
		fmt.Sprintf("发放表实发合计 %s − 应扣回 %s", yuan(s.NetPay), yuan(s.Recovered)))
	money(false, "减：其他支出", bal.Other, "支出明细合计")
	money(false, "减：合计退费", bal.Refund,
		fmt.Sprintf("退出退费 %s ＋ 结余退费 %s；应补缴以负数计入", yuan(s.Total.Leaver), yuan(s.Total.Share)))
	money(true, "余额", bal.Left, "已缴 − 教师补助 − 其他支出 − 合计退费")
	money(true, "应为", bal.Want, "有结余时为 0（结余全部退还）；超支时为超支额的负数")
	verdict := "平衡"
	if !bal.Left.Equal(bal.Want) {
		verdict = "不平衡" // Settle refuses such a settlement; kept for a hand-edited one
	}
	other("结论", render.Center(verdict), "")
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
	other("应补缴家庭", render.Int(s.Owing), "合计退费为负数的学生")
	other("学期服务日", render.Int(s.Days), fmt.Sprintf("%s 至 %s", s.Rules.Term.Start, s.Rules.Term.End))
	other("结算月份", render.Text(monthList(s.Months)), "每月一份发放表")
	for i, m := range s.Months {
		if i < len(s.Versions) {
			other(m.Chinese()+"规则", render.Empty(), s.Versions[i])
		}
	}
	r++
	other("学期", render.Text(s.Rules.Term.Name), "")
	other("收费标准", render.Money(s.Rules.Term.Fee), "元/生·学期")
	other("kfpay 版本", render.Text(meta.Version), "")
	for _, in := range meta.Inputs {
		other("输入文件（"+in.Role+"）", render.Empty(), inputText(in))
	}
	// Widths that print portrait at 87%, 9.6 pt; longer text wraps.
	g.SetWidth(1, 24)
	g.SetWidth(2, 14)
	g.SetWidth(3, 56)
	if err := b.FreezeRows(sheetReconcile, 2); err != nil {
		return err
	}
	if err := b.PageSetup(sheetReconcile, render.Page{Landscape: false, Repeat: 2, Header: title}); err != nil {
		return err
	}
	return g.Finish()
}

func monthList(ms []rules.Month) string {
	var s []string
	for _, m := range ms {
		s = append(s, m.Chinese())
	}
	return strings.Join(s, "、")
}
