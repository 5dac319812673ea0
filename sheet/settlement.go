package sheet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/render"
)

// The sheets of the three settlement workbooks (SPEC 4.5), in their order:
// the notice posted for parents, the slips handed to each family, and the
// bursar's own.
const (
	sheetNotice    = "收支公示"
	sheetSlips     = "退费通知单"
	sheetPupils    = "学生明细"
	sheetOwing     = "应补缴"
	sheetRecover   = "教师扣回"
	sheetRecovered = "扣回记录"
	sheetSpending  = "支出明细"
	sheetReconcile = "对账"
)

// The words of the settlement, each for one figure only, in all three
// workbooks and the summary settle prints (an accountant reads 实收 as
// cash received, so it may not name what is due):
//
//	服务费    the fee for the days a pupil was served: fee × days ÷ S
//	          (SPEC 4.3 gross)
//	减免      the waiver of that fee
//	应缴      服务费 − 减免: what a family owes for the service it had
//	应收      Σ 应缴: the same figure from the school's side, the fund's
//	          income (收入)
//	已缴      what a family paid
//	实收      Σ 已缴: the cash the school received
//	多缴退费  已缴 − 应缴; negative when a family paid less (少缴)
//	结余退费  a family's share of the surplus
//	合计退费  多缴退费 + 结余退费; negative: 应补缴, what a family still owes
//
// The headers of the tables below and every sentence of the workbooks use
// these words; settle's summary (cmd/kfpay) uses them too.
const (
	wordGross  = "服务费"
	wordWaiver = "减免"
	wordDue    = "应缴"
	wordIncome = "应收"
	wordPaid   = "已缴"
	wordCash   = "实收"
	wordOver   = "多缴退费"
	wordUnder  = "少缴"
	wordShare  = "结余退费"
	wordRefund = "合计退费"
	wordOwed   = "应补缴"
)

// SettlementMeta is what the bursar's workbook records about the run besides
// the figures.
type SettlementMeta struct {
	Version string      // the kfpay version string
	Inputs  []InputFile // every input of the run, the rules file included
	// NoExpenses is set when the bursar said the term had no other
	// spending (--no-expenses); 对账 says so where the file would be.
	NoExpenses bool
}

// SettlementFiles are where the three settlement workbooks go (SPEC 4.5).
type SettlementFiles struct {
	Posted   string // 收支公示, for parents: totals only (-o)
	Slips    string // 退费通知单, one slip per pupil, for the class teachers (--slips)
	Internal string // every figure, for the bursar (--internal)
}

// WriteSettlement writes the term settlement as three workbooks (SPEC 4.5):
// the notice to post, the families' slips and the bursar's. All three are
// written or none is; an existing file is replaced only when force is set
// (the replaced files are kept: backups are their new names, in the order
// Posted, Slips, Internal, "" for a file that did not exist), and the same
// settlement gives the same bytes.
func WriteSettlement(ctx context.Context, files SettlementFiles, s *calc.Settlement, meta SettlementMeta, force bool) (backups []string, err error) {
	if s == nil || s.Rules == nil {
		return nil, errors.New("write settlement: no settlement or no rules")
	}
	// Each workbook is made as its file is written and let go before the
	// next is made: the slips of 100,000 pupils are 34 MB deflated, which
	// were held while the bursar's workbook was laid out (issue 20).
	var fillErr error
	output := func(path string, sheets []string, fill func(*render.Book) error) render.File {
		return render.File{Path: path, Write: func(w io.Writer) error {
			b, err := newBook(ctx, sheets, fill)
			if err != nil {
				fillErr = err
				return err
			}
			defer b.Close()
			return b.Output(path).Write(w)
		}}
	}
	backups, err = render.WriteFiles(ctx, force,
		output(files.Posted, []string{sheetNotice}, func(b *render.Book) error { return writeNotice(b, s) }),
		output(files.Slips, []string{sheetSlips}, func(b *render.Book) error { return writeSlips(b, s) }),
		output(files.Internal, []string{sheetPupils, sheetOwing, sheetRecover, sheetRecovered, sheetSpending, sheetReconcile},
			func(b *render.Book) error { return fillInternal(b, s, meta) }))
	if fillErr != nil {
		return nil, fmt.Errorf("write settlement: %w", fillErr)
	}
	return backups, err
}

// fillInternal writes the bursar's workbook, one table to a sheet so that
// each filters and pivots: 学生明细, 应补缴, 教师扣回, 扣回记录, 支出明细, 对账.
func fillInternal(b *render.Book, s *calc.Settlement, meta SettlementMeta) error {
	for _, write := range []func(*render.Book, *calc.Settlement) error{writePupils, writeOwing, writeRecoveries, writeRecovered, writeSpending} {
		if err := write(b, s); err != nil {
			return err
		}
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
	return fmt.Sprintf("服务期间：%s至%s，共 %d 个服务日；收费标准：每生每学期 %s 元；参加学生 %d 人。",
		chineseDate(t.Start), chineseDate(t.End), s.Days, yuan(t.Fee), len(s.Pupils))
}

func chineseDate(d rules.Date) string {
	return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
}

// writeNotice writes 收支公示, the income and expenditure notice of 篇四
// ("收支情况在每学期期末邀请家委会成员进行结算并向家长进行公示"), laid out to be
// printed on one page and pinned up: the term, the income with the waivers
// as one total, the spending by category with teacher pay as one figure,
// the surplus or deficit and the refund per 100 yuan due, how the surplus
// is refunded, the lines to sign for the bursar, the principal and the
// parents' committee, and the school's seal and the date. It holds totals
// only (SPEC 4.5): a row per pupil, even masked, shows who had a waiver,
// since the waiver shows in the refund itself. It is written for parents:
// it cites no clause and names no method.
func writeNotice(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetNotice)
	const cols = 3
	fee := yuan(s.Rules.Term.Fee)
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

	// The notes are a line each at the notice's type: the whole notice,
	// lines to sign included, prints on one page to pin up.
	section("一、收入")
	item(false, wordGross+"合计", s.Total.Gross, fmt.Sprintf("按参加天数：%s×天数÷%d", fee, s.Days))
	item(false, "减：困难家庭"+wordWaiver, s.Total.Waived, "经申请批准，只公示总数")
	item(true, wordIncome+"合计（收入）", s.Income, "即各家"+wordDue+"之和")

	section("二、支出")
	item(false, "教师课后服务补助", s.TeacherPay, "各月发放表合计，已扣回考核扣款")
	for _, c := range s.ByCategory {
		item(false, c.Category, c.Amount, "")
	}
	item(true, "支出合计", s.Spent(), "")

	refund := ""
	switch {
	case s.Surplus.IsNegative():
		section("三、超支")
		item(true, "超支", s.Surplus.Neg(), "收不抵支，由学校另行解决")
		refund = "本学期没有结余可退"
	case s.Surplus.IsZero():
		section("三、结余")
		item(true, "结余", s.Surplus, "收支相抵，没有结余可退")
		refund = "本学期没有结余可退"
	default:
		section("三、结余")
		item(true, "结余", s.Surplus, "全部退还家长")
		item(false, "每"+wordDue+" 100 元退还", s.Per100, "结余÷"+wordIncome+"合计×100，算到分")
		refund = "结余按各家" + wordDue + "金额的比例全部退还，算到分"
	}
	// Widths that print portrait at 95%, 13.3 pt, in a notice's type.
	g.SetWidth(1, 22)
	g.SetWidth(2, 13)
	g.SetWidth(3, 34)

	r++
	g.KeepTogether(r-2, r+6) // the last figures, the notes, the lines to sign and the seal on one page
	g.Line(r, cols, render.Plain, "退费办法："+refund+"；中途退出的按参加天数计费，多退少补。"+
		"各家的金额和算法见班主任转交的《课后服务费退费通知单》，不在此公示。", 0)
	r++
	for _, who := range []string{"经办人（出纳）", "校长", "家委会代表"} {
		g.Line(r, cols, render.Bold, who+"：________________　　日期：______年____月____日", 30)
		r++
	}
	g.Line(r, cols, render.Bold, joinNonEmpty("", s.Rules.School, "（盖章）")+"　　　　　　公示日期：______年____月____日", 30)
	r++
	g.Line(r, cols, render.Plain, "公示期内如有疑问，请向学校反映，接受家长、群众监督。", 24)

	if err := b.PageSetup(sheetNotice, render.Page{Notice: true, Repeat: 3, Header: title}); err != nil {
		return err
	}
	return g.Finish()
}

// noPending says that a term has no record pending for it.
const noPending = "本学期没有待学期结算的考核记录"

// startTable writes the title and the header of a sheet that holds one
// table, and, when the table is empty, a row that says so; it returns the
// row the table's rows start at.
func startTable(g *render.Grid, title string, header []string, empty bool, none string) int {
	g.Title(1, len(header), title)
	g.Header(2, header...)
	if !empty {
		return 3
	}
	g.Row(3, false, render.Text(none))
	g.Merge(3, 1, len(header))
	return 4
}

// finishTable finishes the grid g of a sheet that holds one table under a
// title row: the title and the header stay in view and print on every page.
func finishTable(b *render.Book, g *render.Grid, sheet string, page render.Page) error {
	if err := b.FreezeRows(sheet, 2); err != nil {
		return err
	}
	if err := b.PageSetup(sheet, page); err != nil {
		return err
	}
	return g.Finish()
}

// pupilsHeader is the header of 学生明细 (SPEC 4.5), with a 备注 that says
// how the waiver and the paid amount were taken.
var pupilsHeader = []string{
	"班级", "学号", "姓名", "开始日期", "退出日期", "服务天数", wordGross, wordWaiver, wordDue,
	wordPaid, wordOver, wordShare, wordRefund, "备注",
}

// writePupils writes 学生明细: every figure of every pupil, with a subtotal
// per class and the 合计.
func writePupils(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetPupils)
	// A row a pupil (班级, 学号, 姓名 and 备注 its texts), a 小计 a class,
	// made room for at once rather than doubled 100,000 rows long.
	g.Grow(len(s.Pupils)+len(s.Classes)+4, 4*len(s.Pupils)+2*len(s.Classes)+8)
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
				render.Int(l.Days), fen(l.Gross), fen(l.Waived), fen(l.Due), fen(l.PaidAmount),
				fen(l.Leaver), fen(l.Share), fen(l.Refund), render.Text(pupilNote(s, l)))
			r++
		}
		g.KeepTogether(r-1, r) // a 小计 row with the class's last pupil
		sums(c.Class+" 小计", c.Sums)
	}
	g.KeepTogether(r-1, r) // the 合计 row with the last 小计
	sums("合计", s.Total)
	r++
	g.Line(r, len(pupilsHeader), render.Plain, wordGross+" ＝ 收费标准 × 服务天数 ÷ 学期服务日数；"+wordDue+" ＝ "+wordGross+" − "+wordWaiver+
		"；"+wordOver+" ＝ "+wordPaid+" − "+wordDue+"（负数为"+wordUnder+"）；"+wordShare+"按"+wordDue+"比例分配结余，最大余数法分到分；"+
		wordRefund+" ＝ "+wordOver+" ＋ "+wordShare+"，负数为"+wordOwed+"（见“"+sheetOwing+"”）。", 32)
	return finishTable(b, g, sheetPupils, render.Page{Landscape: true, Repeat: 2, Header: title})
}

// owingHeader is the header of 应补缴, the families who still owe.
var owingHeader = []string{"班级", "学号", "姓名", wordDue, wordPaid, wordUnder, wordShare, wordOwed, "计算说明"}

// writeOwing writes 应补缴: the families whose 合计退费 is negative, what
// each still owes and how, with a 合计, on a sheet of their own (issue 14:
// two tables on one sheet defeat filters and pivot tables).
func writeOwing(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetOwing)
	title := termTitle(s) + " 课后服务费" + wordOwed + "名单（内部）"
	g.Title(1, len(owingHeader), title)
	g.Header(2, owingHeader...)
	r := 3
	var due, paid, under, share, owed decimal.Decimal
	for _, l := range s.Pupils {
		if !l.Owes() {
			continue
		}
		g.Row(r, false, render.Text(l.Class), render.Text(l.ID), render.Text(l.Name), fen(l.Due), fen(l.PaidAmount),
			fen(l.Leaver.Neg()), fen(l.Share), fen(l.Refund.Neg()), render.Text(s.HowWorked(l)))
		r++
		due, paid, under = due.Add(l.Due.Decimal()), paid.Add(l.PaidAmount.Decimal()), under.Add(l.Leaver.Neg().Decimal())
		share, owed = share.Add(l.Share.Decimal()), owed.Add(l.Refund.Neg().Decimal())
	}
	if s.Owing == 0 {
		g.Row(r, false, render.Text("本学期没有"+wordOwed+"的家庭"))
		g.Merge(r, 1, len(owingHeader))
		r++
	} else {
		g.Row(r, true, render.Center(fmt.Sprintf("合计 %d 户", s.Owing)), render.Empty(), render.Empty(), render.Money(due), render.Money(paid),
			render.Money(under), render.Money(share), render.Money(owed), render.Empty())
		g.Merge(r, 1, 3)
	}
	g.SetWidth(len(owingHeader), 50)
	return finishTable(b, g, sheetOwing, render.Page{Landscape: true, Repeat: 2, Header: title})
}

// pupilNote says how a pupil's waiver and paid amount were taken.
func pupilNote(s *calc.Settlement, l calc.PupilLine) string {
	var notes []string
	w := l.Waiver
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
// (SPEC 4.4: pay already paid out, to recover), with a 合计. The records
// behind them are on 扣回记录.
func writeRecoveries(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetRecover)
	title := termTitle(s) + " 学期考核扣款（应扣回）"
	header := []string{"序号", "工号", "教师", "记录数", "比例合计", "计扣比例", "学期绩效服务费（扣除后）", "应扣回"}
	r := startTable(g, title, header, len(s.Recoveries) == 0, noPending)
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
	g.Line(r, len(header), render.Plain, "每位教师的待学期结算记录比例相加，最高 100%；应扣回 ＝ 计扣比例 × 本学期各月（绩效服务费 − 扣除金额）之和，四舍五入到分。所依据的记录见“"+sheetRecovered+"”。", 32)
	return finishTable(b, g, sheetRecover, render.Page{Landscape: true, Repeat: 2, Header: title})
}

// writeRecovered writes 扣回记录: the pending records 教师扣回 comes from,
// one row each, with the cell of the discipline records and of the payout
// they were read from.
func writeRecovered(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetRecovered)
	title := termTitle(s) + " 学期考核扣款记录"
	header := []string{"日期", "工号", "教师", "事项", "比例", "来源", "发放表", "说明"}
	r := startTable(g, title, header, len(s.Recoveries) == 0, noPending)
	for _, rc := range s.Recoveries {
		for _, e := range rc.Events {
			g.Row(r, false, render.Date(e.Date), render.Text(e.Person.ID), render.Text(e.Person.Name), render.Text(e.Label),
				render.Percent(e.Percent), render.Text(e.Source), render.Text(sourceText(e.Src)), render.Text(e.Note))
			r++
		}
	}
	return finishTable(b, g, sheetRecovered, render.Page{Landscape: true, Repeat: 2, Header: title})
}

// writeSpending writes 支出明细: every spending line as read, and the 合计.
// The total of each category is on 对账.
func writeSpending(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetSpending)
	title := termTitle(s) + " 课后服务其他支出明细"
	header := []string{"序号", "日期", "类别", "金额", "说明", "来源"}
	r := startTable(g, title, header, len(s.Spending) == 0, "本学期没有教师补助以外的支出")
	for i, e := range s.Spending {
		g.Row(r, false, render.Int(i+1), render.Date(e.Date), render.Text(e.Category), render.Money(e.Amount),
			render.Text(e.Note), render.Text(sourceText(e.Src)))
		r++
	}
	g.Row(r, true, render.Center("合计"), render.Empty(), render.Empty(), render.Money(s.Other), render.Empty(), render.Empty())
	g.Merge(r, 1, 3)
	g.KeepTogether(r-1, r) // no page holds the 合计 row alone
	return finishTable(b, g, sheetSpending, render.Page{Landscape: false, Repeat: 2, Header: title})
}

// writeReconcile writes 对账: the balance check of SPEC 4.4 figure by figure,
// the fund's figures, and the files they came from, as one table of 项目,
// 金额 and 说明.
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
	money(false, wordPaid+"合计（"+wordCash+"）", bal.Paid, "学生名单“已缴”；未填的按入学时应缴（入学至学期末的服务费减减免）计")
	money(false, "减：教师课后服务补助", bal.TeacherPay,
		fmt.Sprintf("发放表实发合计 %s − 应扣回 %s", yuan(s.NetPay), yuan(s.Recovered)))
	money(false, "减：其他支出", bal.Other, "支出明细合计")
	money(false, "减："+wordRefund, bal.Refund,
		fmt.Sprintf("%s %s ＋ %s %s；%s以负数计入", wordOver, yuan(s.Total.Leaver), wordShare, yuan(s.Total.Share), wordOwed))
	money(true, "余额", bal.Left, wordPaid+" − 教师补助 − 其他支出 − "+wordRefund)
	money(true, "应为", bal.Want, "有结余时为 0（结余全部退还）；超支时为超支额的负数")
	verdict := "平衡"
	if !bal.Left.Equal(bal.Want) {
		verdict = "不平衡" // Settle refuses such a settlement; kept for a hand-edited one
	}
	other("结论", render.Center(verdict), "")
	money(false, wordGross+"合计", s.Total.Gross, "按每生实际服务天数")
	money(false, wordWaiver+"合计", s.Total.Waived, "")
	money(true, wordIncome+"合计（收入）", s.Income, wordGross+" − "+wordWaiver+"，即各生"+wordDue+"之和")
	money(false, "教师课后服务补助", s.TeacherPay, "")
	for _, c := range s.ByCategory {
		money(false, "其他支出："+c.Category, c.Amount, fmt.Sprintf("%d 笔", c.Lines))
	}
	money(false, "支出合计", s.Spent(), "教师课后服务补助 ＋ 其他支出")
	if s.Surplus.IsNegative() {
		money(true, "超支", s.Surplus.Neg(), "收入 − 支出为负，不退结余")
	} else {
		money(true, "结余", s.Surplus, "收入 − 支出，按"+wordDue+"金额比例全部退还")
	}
	money(false, "每"+wordDue+" 100 元退还", s.Per100, "结余 ÷ "+wordIncome+"合计 × 100，四舍五入到分（仅供公示，各生"+wordShare+"按最大余数法分到分）")
	other(wordOwed+"家庭", render.Int(s.Owing), wordRefund+"为负数的学生，见“"+sheetOwing+"”")
	other("学期服务日", render.Int(s.Days), fmt.Sprintf("%s 至 %s", s.Rules.Term.Start, s.Rules.Term.End))
	other("结算月份", render.Text(monthList(s.Months)), "每月一份发放表")
	for _, c := range s.Corrections {
		var replaced []string
		for _, ref := range c.Replaced {
			replaced = append(replaced, baseName(ref.File))
		}
		other("更正："+c.Month.Chinese(), render.Text(baseName(c.Used.File)),
			"按更正后的发放表结算；它更正了已签字的 "+strings.Join(replaced, "、")+"，后者未计入")
	}
	for i, m := range s.Months {
		if i < len(s.Versions) {
			other(m.Chinese()+"规则", render.Empty(), s.Versions[i])
		}
	}
	other("学期", render.Text(s.Rules.Term.Name), "")
	other("收费标准", render.Money(s.Rules.Term.Fee), "元/生·学期")
	other("kfpay 版本", render.Text(meta.Version), "")
	for _, in := range meta.Inputs {
		other("输入文件（"+in.Role+"）", render.Empty(), inputText(in))
	}
	if meta.NoExpenses {
		other("输入文件（支出明细）", render.Empty(), "未提交：本学期没有其他支出（--no-expenses）")
	}
	// Widths that print portrait at 87%, 9.6 pt; longer text wraps.
	g.SetWidth(1, 24)
	g.SetWidth(2, 14)
	g.SetWidth(3, 56)
	return finishTable(b, g, sheetReconcile, render.Page{Landscape: false, Repeat: 2, Header: title})
}

func monthList(ms []rules.Month) string {
	var s []string
	for _, m := range ms {
		s = append(s, m.Chinese())
	}
	return strings.Join(s, "、")
}

// fen is the cell of a pupil's figure, kept in fen (calc.Cents).
func fen(c calc.Cents) render.Cell { return render.MoneyFen(int64(c)) }
