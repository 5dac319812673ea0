package calc

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// Categories are the kinds of spending other than teacher pay that the fund
// pays for, in the order the notice lists them. 篇四: "经费主要用于教师超时
// 工资、开展活动的设备和耗材购置，管理运行及集体培训经费"; teacher pay comes
// from the payout workbooks, not from the expenses.
var Categories = []string{"设备耗材", "管理运行", "集体培训", "其他"}

// IsCategory reports whether c is one of Categories.
func IsCategory(c string) bool {
	for _, k := range Categories {
		if k == c {
			return true
		}
	}
	return false
}

// Waiver is a pupil's approved hardship waiver (篇四 "对困难家庭学生……给予
// 适当的费用减免"), as the roster's 减免 gives it: an amount off a whole
// term's fee, or a percent of the fee.
type Waiver struct {
	Amount    decimal.Decimal // yuan off a whole term, when !IsPercent
	Percent   decimal.Decimal // a fraction, when IsPercent
	IsPercent bool
}

// Of returns the waiver of a gross amount g for a term fee of fee (SPEC 4.3):
// a share of the fee, multiplied before dividing, rounded once and capped at
// g. A 300 waiver on a 600 fee halves whatever the pupil owes.
func (w Waiver) Of(g, fee decimal.Decimal) decimal.Decimal {
	var v decimal.Decimal
	switch {
	case w.IsPercent:
		v = Yuan(g.Mul(w.Percent))
	case g.IsZero() || w.Amount.IsZero() || !fee.IsPositive():
		return decimal.Zero
	default:
		v = YuanOf(g.Mul(w.Amount), fee)
	}
	return decimal.Min(v, g)
}

// String formats w as the roster writes it: 300 or 50%.
func (w Waiver) String() string {
	if w.IsPercent {
		return Percent(w.Percent)
	}
	return w.Amount.String()
}

// Pupil is one row of the roster (学生名单, SPEC 4.2).
type Pupil struct {
	ID    string     // 学号, unique
	Name  string     // 姓名
	Class string     // 班级
	Start rules.Date // 开始日期, the first day of service; zero for the term's start
	End   rules.Date // 退出日期, the last day of service; zero for the term's end

	Waiver  Waiver
	Paid    decimal.Decimal // 已缴, when HasPaid
	HasPaid bool

	Src       Ref // the 学号 cell
	StartSrc  Ref
	EndSrc    Ref
	WaiverSrc Ref
	PaidSrc   Ref
}

// Expense is one line of the expenses workbook (支出明细, SPEC 4.4).
type Expense struct {
	Date     rules.Date
	Category string // one of Categories
	Amount   decimal.Decimal
	Note     string

	Src         Ref // the 金额 cell
	DateSrc     Ref
	CategorySrc Ref
}

// PaidMonth is what the settlement needs of one month's payout workbook,
// read back: each teacher's pay and the discipline records it left pending
// for the term (SPEC 3.5, 4.4).
type PaidMonth struct {
	Month  rules.Month
	Src    Ref    // the payout workbook
	SHA256 string // of the payout workbook's file
	// Seal is the digest of the payout's figures its 计算说明 records (校验码):
	// the same for a payout opened and saved again in Excel or WPS, whose
	// file, and so SHA256, changes.
	Seal string
	// Corrects and CorrectsSeal are, for the payout of payroll --against,
	// the sha256 and the seal of the signed payout it corrects, as its
	// 计算说明 records them; "" for a payout that corrects none.
	Corrects, CorrectsSeal string
	// Teachers are 发放明细's rows, as read; Summarize reduces them to Net
	// and Bases, all the settlement needs of them.
	Teachers []PaidTeacher
	// Net is Σ 实发合计 of Teachers, and Bases each row's 绩效服务费 −
	// 扣除金额, in the rows' order: set by Summarize.
	Net     decimal.Decimal
	Bases   []PaidBase
	Pending []TermEvent
	// Version is the version of the rules the payout was computed with, as
	// its 计算说明 records it (VersionText); empty in a payout written before
	// kfpay recorded versions.
	Version string
	// Total is the 实发合计 of 发放明细's 合计 row, which the rows add up to.
	Total decimal.Decimal
	// PaidOn is the day of payment its 发放日期 line gives; zero when the
	// line was left to fill in by hand, or the payout has none.
	PaidOn rules.Date
}

// PaidBase is what the term's deductions need of one row of a payout
// (SPEC 4.4): the teacher and the month's fee left after the month's
// deductions.
type PaidBase struct {
	Person
	Base decimal.Decimal // 绩效服务费 − 扣除金额
}

// Summarize reduces p's Teachers to Net and Bases, which is all Settle
// needs of them, and drops them: a district's five months of 50,000
// teachers' rows, kept whole, are the largest thing a settlement holds
// while it reads (issue 20). It does nothing to a month already summarized.
func (p *PaidMonth) Summarize() {
	if p.Teachers == nil {
		return
	}
	p.Bases = make([]PaidBase, len(p.Teachers))
	for i, t := range p.Teachers {
		p.Net = p.Net.Add(t.Net)
		p.Bases[i] = PaidBase{Person: t.Person, Base: t.Fee.Sub(t.Deduction)}
	}
	p.Teachers = nil
}

// MonthCorrection is a month settled on its corrected payout: Used is the
// correction (payroll --against), Replaced the payouts it stands for, the
// signed one first.
type MonthCorrection struct {
	Month    rules.Month
	Used     Ref
	Replaced []Ref
}

// PaidTeacher is one row of a payout's 发放明细.
type PaidTeacher struct {
	Person
	Fee       decimal.Decimal // 绩效服务费
	Deduction decimal.Decimal // 扣除金额, the month's deductions
	Net       decimal.Decimal // 实发合计
	Src       Ref             // the row's 实发合计 cell
}

// TermEvent is a record a payout listed as 待学期结算: a term-scope event
// such as 重大安全事故, settled here.
type TermEvent struct {
	Date    rules.Date
	Person  Person
	Label   string
	Percent decimal.Decimal // a fraction
	Source  string          // the record's cell in the discipline records, as the payout gives it
	Note    string
	Src     Ref // its row in the payout's 扣款明细
}

// Settlement is the term settlement with the parents (SPEC 4.3–4.4): the
// content of the two settlement workbooks.
type Settlement struct {
	Rules  *rules.Rules
	Days   int           // S, the term's service days
	Months []rules.Month // the term's months with service days, one payout each
	// Corrections are the months settled on a corrected payout, where the
	// signed payout and its correction were both given.
	Corrections []MonthCorrection
	// Versions are, for each of Months, the version of the rules in force
	// on its first day (VersionText): each month's teacher pay was worked
	// out under its own.
	Versions []string

	// Pupils are grouped by class, the classes in the order they first
	// appear in the roster, and ordered by 学号 within a class (SPEC 4.5).
	Pupils  []PupilLine
	Classes []ClassSum // one per class, in the same order
	Total   Sums       // the 合计 row: each figure the sum of the rounded lines

	Income     decimal.Decimal // Σ due
	NetPay     decimal.Decimal // Σ 实发合计 of the term's payouts
	Recoveries []Recovery      // term-scope deductions per teacher, in person order
	Recovered  decimal.Decimal // Σ recoveries
	TeacherPay decimal.Decimal // NetPay − Recovered

	Spending   []Expense
	ByCategory []CategorySum   // one per Categories entry, in that order
	Other      decimal.Decimal // Σ spending
	Surplus    decimal.Decimal // income − teacher pay − other; negative: a deficit
	Per100     decimal.Decimal // surplus refund per 100.00 of due, rounded; 0 with a deficit
	Owing      int             // pupils whose refund is negative (应补缴)
	Balance    Balance         // the check that the books close
	Warnings   Problems
}

// Spent is the term's expenditure, 支出合计 (SPEC 4.4): the teacher pay and
// the other spending.
func (s *Settlement) Spent() decimal.Decimal { return s.TeacherPay.Add(s.Other) }

// PupilLine is one pupil's settlement. The Chinese word of each figure is
// the one every settlement workbook and the summary use for it, and for no
// other figure (the vocabulary is set out in sheet/settlement.go).
//
// A line keeps of the roster's row what the workbooks show, not the cells
// it was read from (those are for the roster's problems, found before the
// lines are made), and its figures in fen (Cents): a district's 100,000
// lines are held while the three workbooks are written, and were 65 MB,
// the largest thing the collector walked then (issue 20).
type PupilLine struct {
	ID    string // 学号
	Name  string // 姓名
	Class string // 班级
	// Waiver is the roster's 减免, for the notes that say how it was taken.
	Waiver Waiver

	From, To    rules.Date // the service period, the term's ends filled in
	Days        int        // service days in [From, To]
	Gross       Cents      // gross(From, To): 服务费, the fee for the days served
	Waived      Cents      // the waiver of Gross: 减免
	Due         Cents      // Gross − Waived: 应缴 (Σ over pupils: 应收, the income)
	PaidAmount  Cents      // 已缴, or its default; Σ over pupils: 实收, the cash received
	Leaver      Cents      // PaidAmount − Due: 多缴退费; negative when the family paid less (少缴)
	Share       Cents      // the share of the surplus: 结余退费
	Refund      Cents      // Leaver + Share: 合计退费; negative: 应补缴
	PaidDefault bool       // PaidAmount is the default of SPEC 4.3
}

// Sums are l's figures as decimals, the sums of a group of one.
func (l PupilLine) Sums() Sums {
	c := centSums{ok: true}
	c.add(l)
	return c.sums()
}

// Owes reports whether the family still owes money at the end of the term.
func (l PupilLine) Owes() bool { return l.Refund.IsNegative() }

// Sums are the money columns of a group of pupils added up.
type Sums struct {
	Pupils int
	Gross  decimal.Decimal
	Waived decimal.Decimal
	Due    decimal.Decimal
	Paid   decimal.Decimal
	Leaver decimal.Decimal
	Share  decimal.Decimal
	Refund decimal.Decimal
}

// centSums are Sums in fen, added up line by line; ok is false once a sum
// has left ±maxCents.
type centSums struct {
	pupils                                          int
	gross, waived, due, paid, leaver, share, refund Cents
	ok                                              bool
}

func (s *centSums) add(l PupilLine) {
	s.pupils++
	for _, f := range []struct {
		sum *Cents
		c   Cents
	}{{&s.gross, l.Gross}, {&s.waived, l.Waived}, {&s.due, l.Due}, {&s.paid, l.PaidAmount},
		{&s.leaver, l.Leaver}, {&s.share, l.Share}, {&s.refund, l.Refund}} {
		var ok bool
		if *f.sum, ok = addCents(*f.sum, f.c); !ok {
			s.ok = false
		}
	}
}

// sums are s as decimals.
func (s centSums) sums() Sums {
	return Sums{Pupils: s.pupils, Gross: s.gross.Decimal(), Waived: s.waived.Decimal(), Due: s.due.Decimal(), Paid: s.paid.Decimal(),
		Leaver: s.leaver.Decimal(), Share: s.share.Decimal(), Refund: s.refund.Decimal()}
}

// ClassSum is the subtotal of one class.
type ClassSum struct {
	Class string
	Sums
}

// CategorySum is the spending of one category.
type CategorySum struct {
	Category string
	Amount   decimal.Decimal
	Lines    int
}

// Recovery is one teacher's term-scope deduction (SPEC 4.4): pay already
// paid out that the school recovers (应扣回).
type Recovery struct {
	Person
	Events  []TermEvent     // the pending records it comes from, by date
	Sum     decimal.Decimal // Σ of their percents
	Percent decimal.Decimal // Sum capped at 100%
	Base    decimal.Decimal // Σ over the term's payouts of (绩效服务费 − 扣除金额)
	Amount  decimal.Decimal // round(Percent × Base)
}

// Balance is the check that the fund's books close to the fen (SPEC 4.4),
// each figure re-added from the rounded lines.
type Balance struct {
	Paid       decimal.Decimal // Σ 已缴: the money that came in
	TeacherPay decimal.Decimal // teacher pay, less what is recovered
	Other      decimal.Decimal // Σ spending lines
	Refund     decimal.Decimal // Σ 合计退费, the 应补缴 counted negative
	Left       decimal.Decimal // Paid − TeacherPay − Other − Refund
	Want       decimal.Decimal // what Left must be: 0, or the (negative) surplus of a deficit
}

// Settle works out the term settlement from the roster, the term's payout
// workbooks and the other spending (SPEC 4.3–4.4). It returns every problem
// it finds; when any is an error the settlement is nil.
func Settle(r *rules.Rules, roster []Pupil, payouts []PaidMonth, spending []Expense) (*Settlement, Problems) {
	t := r.Term
	cal := t.Calendar()
	s := &Settlement{Rules: r, Days: cal.ServiceDays(t.Start, t.End), Months: t.Months(), Spending: spending}
	var problems Problems
	if s.Days == 0 {
		problems = append(problems, Problem{Code: "no-service-days", Ref: Ref{File: r.Source}, Column: "[term]",
			Msg: fmt.Sprintf("学期 %s 至 %s 没有服务日，无法按服务天数结算；请检查 start、end 和 holidays", t.Start, t.End)})
		return nil, problems
	}
	if !t.Fee.Equal(Yuan(t.Fee)) || t.Fee.IsNegative() {
		problems = append(problems, Problem{Code: "not-money", Ref: Ref{File: r.Source}, Column: "[term] fee", Value: t.Fee.String(),
			Msg: "收费标准应为不小于 0、精确到分的金额"})
		return nil, problems
	}
	problems = append(problems, CheckRoster(t, roster)...)
	problems = append(problems, CheckSpending(t, spending)...)
	// Summarized copies: the caller's months keep their rows.
	payouts = slices.Clone(payouts)
	for i := range payouts {
		payouts[i].Summarize()
	}
	payouts, s.Corrections = useCorrections(payouts)
	problems = append(problems, checkMonths(s.Months, payouts)...)
	if len(problems.Errors()) > 0 {
		return nil, problems
	}
	for _, m := range s.Months {
		s.Versions = append(s.Versions, VersionText(r.At(m)))
	}
	problems = append(problems, checkVersions(r, payouts)...)

	// The payouts before the pupils: what the settlement needs of them
	// is a few sums, and the teachers of a district's five months are
	// then freed before a line is made for each pupil.
	var recProblems Problems
	s.NetPay, s.Recoveries, recProblems = recoveries(payouts)
	problems = append(problems, recProblems...)

	var ok bool
	if s.Pupils, ok = pupilLines(t, cal, roster); !ok {
		problems = append(problems, settleTooLarge("学期结算", "学生的金额"))
		return nil, problems
	}
	var income Cents
	for _, l := range s.Pupils {
		if income, ok = addCents(income, l.Due); !ok {
			problems = append(problems, settleTooLarge("学期结算", "应缴合计"))
			return nil, problems
		}
	}
	s.Income = income.Decimal()
	for _, rc := range s.Recoveries {
		s.Recovered = s.Recovered.Add(rc.Amount)
	}
	s.TeacherPay = s.NetPay.Sub(s.Recovered)

	s.ByCategory = make([]CategorySum, len(Categories))
	for i, c := range Categories {
		s.ByCategory[i].Category = c
	}
	for _, e := range spending {
		for i := range s.ByCategory {
			if s.ByCategory[i].Category == e.Category {
				s.ByCategory[i].Amount = s.ByCategory[i].Amount.Add(e.Amount)
				s.ByCategory[i].Lines++
			}
		}
		s.Other = s.Other.Add(e.Amount)
	}

	s.Surplus = s.Income.Sub(s.Spent())
	if !shareSurplus(s) {
		problems = append(problems, settleTooLarge("学期结算", "结余"))
		return nil, problems
	}
	for i := range s.Pupils {
		l := &s.Pupils[i]
		// Leaver within ±maxCents and Share within maxCents/2: no int64
		// overflow; classSums refuses a refund beyond ±maxCents.
		l.Refund = l.Leaver + l.Share
		if l.Owes() {
			s.Owing++
		}
	}
	if s.Classes, s.Total, ok = classSums(s.Pupils); !ok {
		problems = append(problems, settleTooLarge("学期结算", "合计"))
		return nil, problems
	}
	// Each pupil's figures are below the fee, which the rules file bounds;
	// added up over a roster they may not be.
	if pr, bad := showable("学期结算", figure{"服务费合计", s.Total.Gross}, figure{"已缴合计", s.Total.Paid}, figure{"收入", s.Income},
		figure{"教师课后服务补助", s.NetPay}, figure{"其他支出", s.Other}, figure{"支出合计", s.Spent()}, figure{"结余", s.Surplus}); bad {
		problems = append(problems, pr)
	}
	if s.Surplus.IsPositive() {
		// The refund rate the notice prints; the shares themselves are
		// allocated to the cent, not worked out from this rounded rate.
		s.Per100 = YuanOf(s.Surplus.Mul(hundred), s.Income)
	}
	s.Balance = balance(s, s.Total)
	if err := reconcileSettlement(s); err != nil {
		// Like the payroll's reconcile: a bug in kfpay, reported as a problem
		// so that no workbook is written.
		problems = append(problems, Problem{Code: CodeInternal, Msg: err.Error()})
	}
	s.Warnings = problems.Warnings()
	if len(problems.Errors()) > 0 {
		return nil, problems
	}
	return s, problems
}

// CheckRoster checks the roster against the term (SPEC 4.2): unique 学号,
// service dates inside the term and in order, waivers that are percents or
// amounts to the fen. A waiver above the fee, or any waiver in a term
// without a fee, is capped at the fee (SPEC 4.3) with a warning.
// Settle makes these checks; a caller whose readers found problems makes
// them on the rows that were read, so that the bursar sees every problem at
// once.
func CheckRoster(t rules.Term, roster []Pupil) Problems {
	c := NewRosterCheck(t)
	for _, p := range roster {
		c.Check(p)
	}
	return c.Problems()
}

// RosterCheck is CheckRoster one pupil at a time, for a reader that does
// not keep the roster: it holds each 学号's row, to find one given twice,
// and the problems found.
type RosterCheck struct {
	t        rules.Term
	cal      *rules.Calendar
	first    map[string]int // 学号 → the row it was first on
	problems Problems
}

// NewRosterCheck starts checking a roster against the term t.
func NewRosterCheck(t rules.Term) *RosterCheck {
	return &RosterCheck{t: t, cal: t.Calendar(), first: map[string]int{}}
}

// Problems are the problems of the pupils checked so far, in their order.
func (c *RosterCheck) Problems() Problems { return c.problems }

// Check checks the next pupil of the roster.
func (c *RosterCheck) Check(p Pupil) {
	t, cal := c.t, c.cal
	add := func(code Code, ref Ref, column, value, format string, args ...any) {
		c.problems = append(c.problems, Problem{Code: code, Ref: ref, Column: column, Value: value, Msg: fmt.Sprintf(format, args...)})
	}
	if row, dup := c.first[p.ID]; dup {
		add("duplicate-id", p.Src, "学号", p.ID, "学号重复，第 %d 行已有这个学号；每位学生只能占一行", row)
	} else {
		c.first[strings.Clone(p.ID)] = p.Src.Row // not the reader's buffer it may be cut from
	}
	for _, d := range []struct {
		date   rules.Date
		ref    Ref
		column string
	}{{p.Start, p.StartSrc, "开始日期"}, {p.End, p.EndSrc, "退出日期"}} {
		if !d.date.IsZero() && (d.date.Before(t.Start) || d.date.After(t.End)) {
			add("outside-term", d.ref, d.column, d.date.String(), "不在本学期 %s 至 %s 之内", t.Start, t.End)
		}
	}
	if !p.Start.IsZero() && !p.End.IsZero() && p.End.Before(p.Start) {
		add("end-before-start", p.EndSrc, "退出日期", p.End.String(), "早于开始日期 %s", p.Start)
	} else {
		c.problems = append(c.problems, dayOffWarnings(t, cal, p)...)
	}
	w := p.Waiver
	switch {
	case w.IsPercent && (w.Percent.IsNegative() || w.Percent.GreaterThan(one)):
		add("percent-range", p.WaiverSrc, "减免", w.String(), "减免比例应在 0%% 至 100%% 之间")
	case !w.IsPercent && w.Amount.IsNegative():
		add("not-money", p.WaiverSrc, "减免", w.String(), "减免金额不能为负")
	case !w.IsPercent && !w.Amount.Equal(Yuan(w.Amount)):
		add("not-money", p.WaiverSrc, "减免", w.String(), "金额应精确到分")
	case !t.Fee.IsPositive() && (w.Amount.IsPositive() || w.Percent.IsPositive()):
		// SPEC 4.3: a waiver is capped at the fee, here 0. Not an
		// error: the family owes nothing either way; but a value typed
		// and not used is said (篇二 charges no fee at all).
		c.problems = append(c.problems, Problem{Code: "waiver-free-term", Ref: p.WaiverSrc, Column: "减免", Value: w.String(), Warning: true,
			Msg: "本学期不收费（规则 [term] fee = 0），减免不起作用，按 0 计"})
	case !w.IsPercent && w.Amount.GreaterThan(t.Fee):
		// SPEC 4.3: capped at the fee, a whole waiver.
		c.problems = append(c.problems, Problem{Code: "waiver-capped", Ref: p.WaiverSrc, Column: "减免", Value: w.String(), Warning: true,
			Msg: fmt.Sprintf("减免金额超过每生每期收费 %s 元，按全免计（最多减免到应缴为 0）；全免可写 100%%", t.Fee.StringFixed(2))})
	}
	if p.HasPaid && (p.Paid.IsNegative() || !p.Paid.Equal(Yuan(p.Paid))) {
		add("not-money", p.PaidSrc, "已缴", p.Paid.String(), "已缴金额应为不小于 0、精确到分的金额")
	} else if pr, over := paidOverFee(t, cal, p); over {
		c.problems = append(c.problems, pr)
	}
}

// paidOverFee reports a paid amount above the fee of the days from the
// pupil's first day to the term's end, the most the family could have been
// asked for: it is refunded as paid (SPEC 4.3), but it is more likely a
// typing slip (650 for 600) than money, so it is a warning at its cell.
func paidOverFee(t rules.Term, cal *rules.Calendar, p Pupil) (Problem, bool) {
	S := cal.ServiceDays(t.Start, t.End)
	from := p.Start
	if from.IsZero() {
		from = t.Start
	}
	if !p.HasPaid || S == 0 || from.Before(t.Start) || from.After(t.End) {
		return Problem{}, false
	}
	_, whole := grossOf(t, cal, S, from, t.End)
	if !p.Paid.GreaterThan(whole) {
		return Problem{}, false
	}
	return Problem{Code: "paid-over-fee", Ref: p.PaidSrc, Column: "已缴", Value: p.Paid.StringFixed(2), Warning: true,
		Msg: fmt.Sprintf("多于 %s 起到学期末的服务费 %s 元（未减免时最多应缴这么多）；多出的部分按已缴计入退费，请核对是否填错",
			from, whole.StringFixed(2))}, true
}

// grossOf is days(a, b) and gross(a, b) of SPEC 4.3 in a term of S service
// days, counted in cal: the fee for the service days of [a, b], the whole
// fee when they are all S.
func grossOf(t rules.Term, cal *rules.Calendar, S int, a, b rules.Date) (int, decimal.Decimal) {
	n := cal.ServiceDays(a, b)
	if n == S {
		return n, t.Fee
	}
	return n, YuanOf(t.Fee.Mul(decimal.NewFromInt(int64(n))), decimal.NewFromInt(int64(S)))
}

// dayOffWarnings says, for a pupil whose first or last day of service as
// the roster gives it is no service day, which day counts (SPEC 4.3 counts
// service days only): the next service day for a first day, the one
// before for a last day. The count does not change; the bursar sees that a
// date typed as the day the family asked may not be the day service began.
func dayOffWarnings(t rules.Term, cal *rules.Calendar, p Pupil) Problems {
	var problems Problems
	inTerm := func(d rules.Date) bool { return !d.IsZero() && !d.Before(t.Start) && !d.After(t.End) }
	last := t.End
	if !p.End.IsZero() {
		last = p.End
	}
	if inTerm(p.Start) && !cal.IsServiceDay(p.Start) {
		msg := fmt.Sprintf("是%s，不是服务日", t.DayOff(p.Start))
		if next, ok := t.NextServiceDay(p.Start); ok && !next.After(last) {
			msg += fmt.Sprintf("；服务天数从下一个服务日 %s 算起", next)
		} else {
			msg += fmt.Sprintf("；此后到 %s 没有服务日，服务天数为 0", last)
		}
		problems = append(problems, Problem{Code: "start-day-off", Ref: p.StartSrc, Column: "开始日期", Value: p.Start.String(), Warning: true, Msg: msg})
	}
	first := t.Start
	if !p.Start.IsZero() {
		first = p.Start
	}
	if inTerm(p.End) && !cal.IsServiceDay(p.End) {
		msg := fmt.Sprintf("是%s，不是服务日", t.DayOff(p.End))
		if prev, ok := t.PrevServiceDay(p.End); ok && !prev.Before(first) {
			msg += fmt.Sprintf("；服务天数算到此前最后一个服务日 %s", prev)
		} else {
			msg += fmt.Sprintf("；%s 到此没有服务日，服务天数为 0", first)
		}
		problems = append(problems, Problem{Code: "end-day-off", Ref: p.EndSrc, Column: "退出日期", Value: p.End.String(), Warning: true, Msg: msg})
	}
	return problems
}

// CheckSpending checks the spending lines: a known category, an amount to
// the fen above zero. A date outside the term is only doubtful: equipment
// for a term is often bought just before it starts. Settle makes these
// checks; see CheckRoster.
func CheckSpending(t rules.Term, spending []Expense) Problems {
	var problems Problems
	for _, e := range spending {
		if !IsCategory(e.Category) {
			problems = append(problems, Problem{Code: "unknown-category", Ref: e.CategorySrc, Column: "类别", Value: e.Category,
				Msg: "不是已知的支出类别；可填：" + strings.Join(Categories, "、") + "（教师课后服务补助按发放表计入，不在支出明细中重复登记）"})
		}
		if !e.Amount.IsPositive() || !e.Amount.Equal(Yuan(e.Amount)) {
			problems = append(problems, Problem{Code: "not-money", Ref: e.Src, Column: "金额", Value: e.Amount.String(),
				Msg: "支出金额应为大于 0、精确到分的金额"})
		}
		if !e.Date.IsZero() && (e.Date.Before(t.Start) || e.Date.After(t.End)) {
			problems = append(problems, Problem{Code: "outside-term", Ref: e.DateSrc, Column: "日期", Value: e.Date.String(), Warning: true,
				Msg: fmt.Sprintf("不在本学期 %s 至 %s 之内，已计入本学期支出；如属其他学期请移出", t.Start, t.End)})
		}
	}
	return problems
}

// useCorrections keeps, of a month's payouts, the correction that stands
// for the others: a bursar who corrected a signed month with payroll
// --against has both files, and a pattern such as 发放表-*.xlsx gives both.
// A payout is replaced when another of its month records its sha256 as the
// payout it corrects; when that leaves one payout of the month, it is the
// month's (a correction of a correction included). Any other pair is left
// for checkMonths to refuse.
func useCorrections(payouts []PaidMonth) ([]PaidMonth, []MonthCorrection) {
	byMonth := map[rules.Month][]int{}
	var order []rules.Month
	for i, p := range payouts {
		if _, seen := byMonth[p.Month]; !seen {
			order = append(order, p.Month)
		}
		byMonth[p.Month] = append(byMonth[p.Month], i)
	}
	drop := map[int]bool{}
	var used []MonthCorrection
	for _, m := range order {
		idx := byMonth[m]
		if len(idx) < 2 {
			continue
		}
		chain := correctionChain(payouts, idx)
		if chain == nil {
			continue // not one chain of corrections: checkMonths says which to keep
		}
		mc := MonthCorrection{Month: m, Used: payouts[chain[len(chain)-1]].Src}
		for _, i := range chain[:len(chain)-1] {
			mc.Replaced = append(mc.Replaced, payouts[i].Src)
			drop[i] = true
		}
		used = append(used, mc)
	}
	var kept []PaidMonth
	for i, p := range payouts {
		if !drop[i] {
			kept = append(kept, p)
		}
	}
	return kept, used
}

// corrects reports whether c is the correction (payroll --against) of p:
// it records p's file, or p's figures (a signed payout saved again since).
func corrects(c, p PaidMonth) bool {
	if c.SHA256 == p.SHA256 {
		return false
	}
	return c.Corrects != "" && c.Corrects == p.SHA256 || c.CorrectsSeal != "" && c.CorrectsSeal == p.Seal
}

// correctionChain orders the payouts idx of one month as a chain, the
// signed payout first and each next one the correction of the one before,
// or returns nil when they are not one chain.
func correctionChain(payouts []PaidMonth, idx []int) []int {
	start := -1
	for _, i := range idx {
		correcting := false // i corrects another of the month
		for _, j := range idx {
			if i != j && corrects(payouts[i], payouts[j]) {
				correcting = true
			}
		}
		if !correcting {
			if start >= 0 {
				return nil // two payouts that correct none of the others
			}
			start = i
		}
	}
	if start < 0 {
		return nil
	}
	chain := []int{start}
	for len(chain) < len(idx) {
		last := payouts[chain[len(chain)-1]]
		next := -1
		for _, j := range idx {
			if corrects(payouts[j], last) && !slices.Contains(chain, j) {
				if next >= 0 {
					return nil // two corrections of the same payout
				}
				next = j
			}
		}
		if next < 0 {
			return nil
		}
		chain = append(chain, next)
	}
	return chain
}

// checkMonths checks that the payouts hold exactly one workbook for each
// month of the term with service days (SPEC 4.4), naming the months.
func checkMonths(months []rules.Month, payouts []PaidMonth) Problems {
	var problems Problems
	want := map[rules.Month]bool{}
	for _, m := range months {
		want[m] = true
	}
	seen := map[rules.Month][]PaidMonth{}
	refused := map[rules.Month]bool{}
	for _, p := range payouts {
		switch before := seen[p.Month]; {
		case !want[p.Month]:
			problems = append(problems, Problem{Code: "payout-outside-term", Ref: p.Src,
				Msg: fmt.Sprintf("是 %s 的发放表，不是本学期有服务日的月份（%s）", p.Month.Chinese(), monthList(months))})
		case len(before) > 0:
			// useCorrections left the month with two or more that are
			// not one chain of corrections: name a payout given before
			// that p neither corrects nor is corrected by. A payout that
			// pairs with each one before it is the other side of a pair
			// found later.
			for _, q := range before {
				if !corrects(p, q) && !corrects(q, p) {
					problems = append(problems, Problem{Code: "payout-twice", Ref: p.Src, Msg: whichToKeep(q, p)})
					refused[p.Month] = true
					break
				}
			}
			seen[p.Month] = append(before, p)
		default:
			seen[p.Month] = []PaidMonth{p}
		}
	}
	for _, m := range months {
		// Every pair of a month's payouts is a payout and its correction,
		// yet they are not one chain: it cannot happen (a payout corrects
		// one other at most), but two payouts must never both count.
		if ps := seen[m]; len(ps) > 1 && !refused[m] {
			problems = append(problems, Problem{Code: "payout-twice", Ref: ps[len(ps)-1].Src, Msg: whichToKeep(ps[0], ps[len(ps)-1])})
		}
	}
	var missing []rules.Month
	for _, m := range months {
		if len(seen[m]) == 0 {
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		problems = append(problems, Problem{Code: "payout-missing", Ref: Ref{File: "--payouts"},
			Msg: fmt.Sprintf("缺少 %s 的发放表；本学期有服务日的月份是 %s，每月一份", monthList(missing), monthList(months))})
	}
	return problems
}

// whichToKeep says, of two payouts a and b of one month that are not a
// signed payout and its correction, which one the settlement should be
// given: a month's pay is what the teachers signed for, corrected by
// payroll --against when it was corrected.
func whichToKeep(a, b PaidMonth) string {
	month := a.Month.Chinese()
	short := func(sha string) string { return sha[:min(len(sha), 12)] }
	switch {
	case a.SHA256 != "" && a.SHA256 == b.SHA256:
		return fmt.Sprintf("与 %s 是同一份 %s 发放表（内容完全相同）；请去掉其中一份", a.Src.File, month)
	case a.Seal != "" && a.Seal == b.Seal:
		return fmt.Sprintf("与 %s 的每个数字都相同（同一份 %s 发放表另存过或重新生成过）；请去掉其中一份", a.Src.File, month)
	case a.Corrects != "" && a.Corrects == b.Corrects, a.CorrectsSeal != "" && a.CorrectsSeal == b.CorrectsSeal:
		return fmt.Sprintf("与 %s 都是对同一份 %s 发放表的更正；请只保留最后签字的那份更正表（再次更正时应对照前一次的更正表运行 kfpay payroll --against）", a.Src.File, month)
	case b.Corrects != "" || b.CorrectsSeal != "":
		return fmt.Sprintf("是对另一份 %s 发放表（sha256 %s…）的更正，不是对 %s 的更正：%s 不是当初签字的那份，或签字后被重新生成、另存过；请保留更正表 %s，从 --payouts 中去掉 %s",
			month, short(b.Corrects), a.Src.File, a.Src.File, b.Src.File, a.Src.File)
	case a.Corrects != "" || a.CorrectsSeal != "":
		return fmt.Sprintf("与 %s 同是 %s 的发放表，但 %s 是对另一份发放表（sha256 %s…）的更正，不是对本表的更正；请保留更正表 %s，从 --payouts 中去掉本表",
			a.Src.File, month, a.Src.File, short(a.Corrects), a.Src.File)
	}
	return fmt.Sprintf("与 %s 同是 %s 的发放表；每月只能给一份：请保留教师签字的那一份，从 --payouts 中去掉另一份（签字后更正过的月份，用 kfpay payroll --against 生成的更正表与签字的那份一起给出，会按更正表结算）",
		a.Src.File, month)
}

// checkVersions warns of a payout computed under another version of the
// rules than the one the rules file now gives for its month: a change dated
// back over a month already paid, or the rules file of another school or
// term. The settlement takes the teacher pay as paid; the rules file is what
// no longer agrees with it.
func checkVersions(r *rules.Rules, payouts []PaidMonth) Problems {
	var problems Problems
	for _, p := range payouts {
		if p.Version == "" {
			continue
		}
		if want := VersionText(r.At(p.Month)); p.Version != want {
			problems = append(problems, Problem{Code: "version-differs", Ref: p.Src, Warning: true,
				Msg: fmt.Sprintf("是按规则 %s 计算的，而规则文件 %s 中 %s 适用的是 %s：已发放月份的规则不应事后变更；请用 kfpay verify --signed 核对这份发放表",
					p.Version, r.Source, p.Month.Chinese(), want)})
		}
	}
	return problems
}

func monthList(ms []rules.Month) string {
	var s []string
	for _, m := range ms {
		s = append(s, m.Chinese())
	}
	return strings.Join(s, "、")
}

// pupilLines works out each pupil's days, gross, waiver, due and paid
// (SPEC 4.3), in the order of SPEC 4.5, counting days in cal: in constant
// time for each pupil. Each figure is worked out in decimals, as SPEC
// gives it, and kept in fen; ok is false when a figure is not a whole
// number of fen or is beyond ±maxCents/2 (about 1.15 × 10^16 yuan), which
// no sheet could show either (the readers refuse an amount of 10^13 yuan).
func pupilLines(t rules.Term, cal *rules.Calendar, roster []Pupil) (lines []PupilLine, ok bool) {
	S := cal.ServiceDays(t.Start, t.End)
	gross := func(a, b rules.Date) (int, decimal.Decimal) { return grossOf(t, cal, S, a, b) }
	fen := func(d decimal.Decimal) Cents {
		c, good := CentsOf(d)
		if !good || c > maxCents/2 || c < -maxCents/2 {
			ok = false
		}
		return c
	}
	ok = true
	lines = make([]PupilLine, len(roster))
	for i, p := range roster {
		l := PupilLine{ID: p.ID, Name: p.Name, Class: p.Class, Waiver: p.Waiver, From: p.Start, To: p.End}
		if l.From.IsZero() {
			l.From = t.Start
		}
		if l.To.IsZero() {
			l.To = t.End
		}
		days, g := gross(l.From, l.To)
		waived := p.Waiver.Of(g, t.Fee)
		l.Days, l.Gross, l.Waived, l.Due = days, fen(g), fen(waived), fen(g.Sub(waived))
		if p.HasPaid {
			l.PaidAmount = fen(p.Paid)
		} else {
			// What the family was asked for on joining: the rest of the
			// term from its first day, less the waiver of that.
			_, asked := gross(l.From, t.End)
			l.PaidAmount = fen(asked.Sub(p.Waiver.Of(asked, t.Fee)))
			l.PaidDefault = true
		}
		// 篇四 "按实际上课时间进行清算费用，结余的退还".
		l.Leaver = l.PaidAmount - l.Due // within ±maxCents: both within ±maxCents/2
		lines[i] = l
	}
	if !ok {
		return nil, false
	}
	class := map[string]int{}
	for _, l := range lines {
		if _, ok := class[l.Class]; !ok {
			class[l.Class] = len(class)
		}
	}
	sort.SliceStable(lines, func(i, j int) bool {
		if ci, cj := class[lines[i].Class], class[lines[j].Class]; ci != cj {
			return ci < cj
		}
		return naturalCompare(lines[i].ID, lines[j].ID) < 0
	})
	return lines, true
}

// shareSurplus refunds a surplus to the pupils in proportion to their due,
// by largest remainder on cents (SPEC 4.4, 篇四 "结余的期末进行清退"). The
// pupils go to Allocate in 学号 order, so that its ties (larger weight, then
// lower index) are SPEC's: larger due, then 学号. A deficit refunds nothing.
// It reports false when a share is beyond ±maxCents/2 (a surplus no sheet
// could show).
func shareSurplus(s *Settlement) bool {
	for i := range s.Pupils {
		s.Pupils[i].Share = 0
	}
	if !s.Surplus.IsPositive() {
		return true
	}
	order := make([]int, len(s.Pupils))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		return naturalCompare(s.Pupils[order[a]].ID, s.Pupils[order[b]].ID) < 0
	})
	dues := make([]decimal.Decimal, len(order))
	for k, i := range order {
		dues[k] = s.Pupils[i].Due.Decimal()
	}
	for k, share := range Allocate(s.Surplus, cent, dues) {
		c, ok := CentsOf(share)
		if !ok || c > maxCents/2 {
			return false
		}
		s.Pupils[order[k]].Share = c
	}
	return true
}

// recoveries adds up the teachers' net pay over the term's payouts and works
// out the term-scope deductions (SPEC 4.4): per teacher the pending percents
// summed and capped at 100%, the deduction rounded once on the fee left after
// the months' deductions.
func recoveries(payouts []PaidMonth) (net decimal.Decimal, out []Recovery, problems Problems) {
	base := map[string]decimal.Decimal{}
	people := map[string]Person{}
	for _, p := range payouts {
		net = net.Add(p.Net)
		for _, t := range p.Bases {
			k := t.Key()
			base[k] = base[k].Add(t.Base)
			if _, ok := people[k]; !ok {
				people[k] = t.Person
			}
		}
	}
	byKey := map[string]*Recovery{}
	var keys []string
	for _, p := range payouts {
		for _, e := range p.Pending {
			k := e.Person.Key()
			if _, ok := people[k]; !ok {
				problems = append(problems, Problem{Code: "pending-unmatched", Ref: e.Src, Column: "教师", Value: e.Person.Name,
					Msg: "待学期结算的记录找不到该教师的发放行；发放表是否被改动过？"})
				continue
			}
			rc := byKey[k]
			if rc == nil {
				rc = &Recovery{Person: people[k], Base: base[k]}
				byKey[k] = rc
				keys = append(keys, k)
			}
			rc.Events = append(rc.Events, e)
			rc.Sum = rc.Sum.Add(e.Percent)
		}
	}
	for _, k := range keys {
		rc := byKey[k]
		rc.Percent = decimal.Min(one, rc.Sum)
		rc.Amount = Yuan(rc.Percent.Mul(rc.Base))
		sort.SliceStable(rc.Events, func(i, j int) bool { return rc.Events[i].Date.Before(rc.Events[j].Date) })
		out = append(out, *rc)
	}
	sort.SliceStable(out, func(i, j int) bool { return personLess(out[i].Person, out[j].Person) })
	return net, out, problems
}

// settleTooLarge is the problem of a settlement figure, or a sum of the pupils'
// figures, beyond what Cents holds: far beyond what a sheet can show, like
// the figures showable refuses.
func settleTooLarge(who, what string) Problem {
	return Problem{Code: CodeAmountTooLarge,
		Msg: fmt.Sprintf("%s %s 超出表格能精确显示的 15 位数字，写进表格就不准了；请检查学生名单中的金额和规则文件中的标准是否多写了数字", who, what)}
}

// classSums adds up each class and the whole roster from the rounded lines;
// ok is false when a sum leaves ±maxCents.
func classSums(lines []PupilLine) (classes []ClassSum, total Sums, ok bool) {
	all := centSums{ok: true}
	var class centSums
	for i, l := range lines {
		if i == 0 || lines[i-1].Class != l.Class {
			class = centSums{ok: true}
		}
		class.add(l)
		all.add(l)
		if i == len(lines)-1 || lines[i+1].Class != l.Class {
			classes = append(classes, ClassSum{Class: l.Class, Sums: class.sums()})
			if !class.ok {
				return nil, Sums{}, false
			}
		}
	}
	return classes, all.sums(), all.ok
}

// balance is the check of SPEC 4.4 that the books close. Money came in as
// Σ paid and goes out as teacher pay, other spending and every refund. Since
// refund = (paid − due) + share for each pupil,
//
//	Σ paid − teacher pay − other − Σ refund
//	  = Σ due − teacher pay − other − Σ share
//	  = surplus − Σ share.
//
// With a surplus the shares are the surplus, so nothing is left: 0. With a
// deficit there are no shares and what is left is the surplus itself, a
// negative figure: the deficit, which the school covers from elsewhere. An
// 应补缴 counts in Σ refund as a negative refund: money still to come in.
//
// Σ paid and Σ refund are those of total, the lines added up by classSums.
func balance(s *Settlement, total Sums) Balance {
	b := Balance{TeacherPay: s.TeacherPay, Paid: total.Paid, Refund: total.Refund}
	for _, e := range s.Spending {
		b.Other = b.Other.Add(e.Amount)
	}
	b.Left = b.Paid.Sub(b.TeacherPay).Sub(b.Other).Sub(b.Refund)
	b.Want = decimal.Min(s.Surplus, decimal.Zero)
	return b
}

// reconcileSettlement checks the settlement against itself the way the
// parents' committee would (篇四 "邀请家委会成员进行结算"): the lines against
// the totals and the books against the balance. A mismatch names both figures.
func reconcileSettlement(s *Settlement) error {
	var c controls
	t := s.Total
	c.equal("应缴合计（服务费 − 减免）", t.Gross.Sub(t.Waived), t.Due)
	c.equal("收入", t.Due, s.Income)
	c.equal("结余退费合计", t.Share, decimal.Max(s.Surplus, decimal.Zero))
	c.equal("合计退费（多缴退费 ＋ 结余退费）", t.Leaver.Add(t.Share), t.Refund)
	c.equal("多缴退费合计（已缴 − 应缴）", t.Paid.Sub(t.Due), t.Leaver)
	sumCat := decimal.Zero
	for _, c := range s.ByCategory {
		sumCat = sumCat.Add(c.Amount)
	}
	c.equal("其他支出（各类别相加）", sumCat, s.Other)
	c.equal("教师课后服务补助（实发 − 应扣回）", s.NetPay.Sub(s.Recovered), s.TeacherPay)
	for _, rc := range s.Recoveries {
		c.fen(rc.Name, "应扣回", rc.Amount)
	}
	// Each pupil's figures are whole fen (Cents), rounded where they are
	// worked out, so that every subtotal and 合计 is the sum of the lines
	// shown.
	for _, l := range s.Pupils {
		if l.Waived > l.Gross || l.Due.IsNegative() || l.Share.IsNegative() {
			c.failf("学号 %s：减免 %s 超过服务费 %s", rules.Clip(l.ID), l.Waived, l.Gross)
		}
		if l.Gross-l.Waived != l.Due || l.Leaver+l.Share != l.Refund {
			c.failf("学号 %s：应缴 %s、合计退费 %s 与其组成不符", rules.Clip(l.ID), l.Due, l.Refund)
		}
	}
	b := s.Balance
	c.equal("对账：已缴 − 教师补助 − 其他支出 − 合计退费", b.Left, b.Want)
	return c.err("学期结算")
}
