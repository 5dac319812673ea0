package calc

import (
	"fmt"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// The words in which the rules are told to the bursar, written once: the
// payout's 计算说明, payroll's summary and explain all print them from here,
// so that no two of them can come to describe a rule differently.

// ModeText says in words how the admin pool is paid out (篇三 (一) 2 (2),
// rules admin.mode).
func (a AdminChain) ModeText() string {
	if a.Mode == rules.AdminCapped {
		return fmt.Sprintf("按次计发（capped）：每次 %s 元，超出经费时按比例缩减（最大余数法，精确到分）", yuan(a.Rate))
	}
	return "经费折算课时（pool）：经费按标准折算为整课时，分给登记行政值班的人员"
}

// Summary is the admin pool chain in one line, with its figures, as
// payroll prints it below the totals.
func (a AdminChain) Summary() string {
	s := fmt.Sprintf("行政值班经费：一般性服务支出 %s × %s = %s；", yuan(a.Base), Percent(a.Percent), yuan(a.Pool))
	switch {
	case a.Mode == rules.AdminCapped && a.Scaled:
		// What was set against the pool is each person's figure rounded:
		// with half shifts not the school's shifts × rate.
		return s + fmt.Sprintf("登记 %s 次，每次 %s 元，各人四舍五入到分共 %s，超出经费，按登记次数比例缩减发放 %s；结余 %s",
			a.Shifts, yuan(a.Rate), yuan(a.Want), yuan(a.Paid), yuan(a.Unspent))
	case a.Mode == rules.AdminCapped:
		rounded := ""
		if !a.Shifts.Mul(a.Rate).Equal(a.Paid) {
			rounded = "（各人四舍五入到分）"
		}
		return s + fmt.Sprintf("按登记 %s 次 × %s 元发放 %s%s；结余 %s", a.Shifts, yuan(a.Rate), yuan(a.Paid), rounded, yuan(a.Unspent))
	}
	return s + fmt.Sprintf("折合 %s 课时 × %s 元 = %s；结余 %s 留存经费", a.Hours, yuan(a.Rate), yuan(a.Paid), yuan(a.Unspent))
}

// NoteKind is what the value of a Note is.
type NoteKind int

const (
	NoteText  NoteKind = iota // Text
	NoteMoney                 // Value, in yuan
	NoteCount                 // Value, a count
)

// Note is one line of the account of a calculation, as 计算说明 lists it:
// what it is, how it is worked out, and its value.
type Note struct {
	Item  string
	Kind  NoteKind
	Value decimal.Decimal // for NoteMoney and NoteCount
	Text  string          // for NoteText
}

// Notes are the steps of the admin pool chain (篇三 (一) 2 (2)), each with
// how it is worked out, as 计算说明 lists them after ModeText.
func (a AdminChain) Notes() []Note {
	money := func(item string, v decimal.Decimal) Note { return Note{Item: item, Kind: NoteMoney, Value: v} }
	count := func(item string, v decimal.Decimal) Note { return Note{Item: item, Kind: NoteCount, Value: v} }
	notes := []Note{
		money("一般性服务支出（Σ上课补助＋Σ安全管理补助）", a.Base),
		money(fmt.Sprintf("行政值班经费（一般性服务支出 × %s，四舍五入到分）", Percent(a.Percent)), a.Pool),
		count("行政值班登记次数", a.Shifts),
	}
	switch a.Mode {
	case rules.AdminCapped:
		// What is set against the pool: each person's own figure, rounded.
		notes = append(notes, money(fmt.Sprintf("按次计发合计（各人登记次数 × %s 元，各自四舍五入到分）", yuan(a.Rate)), a.Want))
		if a.Scaled {
			notes = append(notes, Note{Item: "本月计发", Text: "按登记次数计发超出经费，已按比例缩减"})
		}
	default:
		notes = append(notes,
			count(fmt.Sprintf("折算课时（经费 ÷ %s 元/节，向下取整）", yuan(a.Rate)), a.Hours),
			Note{Item: "课时分配", Text: "按登记次数比例、最大余数法分配课时"})
	}
	return append(notes,
		money("行政值班补助合计", a.Paid),
		money("结余留存经费（经费 − 行政值班补助合计）", a.Unspent))
}

// PerformanceText says in words what the performance fee is (篇三 (二) 1,
// rules performance), and the decision that confirmed its amount when the
// rules name one.
func PerformanceText(perf rules.Performance) string {
	var s string
	switch perf.Basis {
	case rules.Fixed:
		s = fmt.Sprintf("每位当月有上课的教师 %s", PerformanceAmount(perf))
	case rules.PercentOfGeneral:
		s = fmt.Sprintf("本人上课补助与安全管理补助之和的 %s，四舍五入到分", PerformanceAmount(perf))
	case rules.WholePay:
		s = "不另设：本人上课补助与安全管理补助之和即为绩效服务费，按考核扣除"
	default:
		s = fmt.Sprintf("按上课节数计：%s", PerformanceAmount(perf))
	}
	if perf.Approved != "" {
		s += "（金额经" + perf.Approved + "确认）"
	}
	return s
}

// PerformanceAmount is the fee's amount with its unit: 5.00 元/节.
func PerformanceAmount(perf rules.Performance) string {
	switch perf.Basis {
	case rules.Fixed:
		return yuan(perf.Amount) + " 元/人"
	case rules.PercentOfGeneral:
		return Percent(perf.Amount)
	case rules.WholePay:
		return "本人上课补助与安全管理补助之和"
	}
	return yuan(perf.Amount) + " 元/节"
}

// PlaceholderNotice warns that the performance fee is still the built-in
// placeholder (rules.Performance.IsPlaceholder): the plan sets no amount, and
// the school has to set one. 计算说明, payroll and explain all print it.
func PlaceholderNotice(perf rules.Performance) string {
	return fmt.Sprintf("绩效服务费 %s为内置占位值，方案未规定金额，须由学校确认后在规则文件 [performance] 中修改（教代会确认沿用此数的，写 confirmed = true）",
		PerformanceAmount(perf))
}

// UnapprovedNotice is what 计算说明, check, explain and the summary say of
// rules that were never approved (Unapproved).
const UnapprovedNotice = "本规则未经教代会审批：规则文件的 approved 未填写。篇三：“需经学校教代会讨论通过后执行”；通过后请在 approved 中写明日期和决议"

// VersionText names the version of the rules a month was computed with, as
// 计算说明, explain and the summary print it and as a payout read back
// gives it: `2026-11-01 起 2026年10月20日教代会决议（第 1 处变更）`.
func VersionText(r *rules.Rules) string {
	return r.VersionString() + "（" + r.Version.Where() + "）"
}

// EventText says in words how a record of kind ev counts (篇三 (二)): in
// the month, or pending for the term settlement, and what it does.
func EventText(ev rules.Event) string {
	if ev.Reward {
		return EventRule(ev)
	}
	scope := "按月"
	if ev.Scope == rules.ScopeTerm {
		scope = "按学期（本月列为待学期结算，学期结算时扣除）"
	}
	return scope + "：" + EventRule(ev)
}

// PercentText says how a person's 扣除比例 comes from the month's records
// (篇三 (二)), as 计算说明 and explain state it.
const PercentText = "当月各项扣除比例相加，最高 100%"

// DeductionText says how a person's 扣除比例 and 扣除金额 come from the
// month's records (篇三 (二)), as 计算说明 and explain state it.
const DeductionText = PercentText + "；扣除金额 ＝ 绩效服务费 × 扣除比例，四舍五入到分"

// ShareRule is the rule of ShareText in one phrase, for explain.
const ShareRule = "按日期先后累计，每条扣的是它使累计扣除（最高 100%，四舍五入到分）增加的部分"

// ShareText says how 扣款明细 parts a person's 扣除金额 among the records
// (applyEvents, Share), as 计算说明 and explain state it.
const ShareText = "扣款明细中每条记录的扣款：按日期先后逐条累计，截至某条的扣除 ＝ 绩效服务费 × 截至该条的比例之和（最高 100%），" +
	"四舍五入到分；该条扣款 ＝ 截至该条的扣除 − 此前各条已扣。一人各条扣款之和正好等于其扣除金额；" +
	"比例之和超过 100% 的那一条只扣余下的部分，其后各条不再扣款"

// Working says in words how a record's yuan in 扣款明细 were worked out:
// `150.00 × 10% = 15.00`, or, for the record that reaches the cap,
// `累计 120%，最高 100%：150.00 × 100% − 此前已扣 30.00 = 120.00`.
func (e EventLine) Working() string {
	switch e.Status {
	case Rewarded:
		return "按记录金额发放"
	case Pending:
		return "学期结算时按本学期的绩效服务费扣除"
	case NoEffect:
		return EventRule(e.Event)
	}
	s := e.Share
	fee := yuan(s.Fee)
	switch {
	case s.Upto.Sub(e.Percent).GreaterThanOrEqual(one):
		return "此前各条比例之和已达 100%，本条不再扣款"
	case s.Capped():
		return fmt.Sprintf("累计 %s，最高 100%%：%s × 100%% − 此前已扣 %s = %s", Percent(s.Upto), fee, yuan(s.Before), yuan(e.Yuan))
	}
	own := s.Fee.Mul(e.Percent)
	if Yuan(own).Equal(e.Yuan) {
		if own.Equal(e.Yuan) {
			return fmt.Sprintf("%s × %s = %s", fee, Percent(e.Percent), yuan(e.Yuan))
		}
		return fmt.Sprintf("%s × %s = %s（四舍五入到分）", fee, Percent(e.Percent), yuan(e.Yuan))
	}
	// Rounding each record alone would not add up to the deduction: the
	// record takes what it adds to the rounded running total.
	rounded := ""
	if !s.Fee.Mul(s.Upto).Equal(s.Total()) {
		rounded = "（四舍五入到分）"
	}
	return fmt.Sprintf("累计 %s：%s × %s = %s%s，减去此前已扣 %s = %s",
		Percent(s.Upto), fee, Percent(s.Upto), yuan(s.Total()), rounded, yuan(s.Before), yuan(e.Yuan))
}

// MaxListedWarnings is how many warnings 计算说明 lists one by one; the
// rest are counted (WarningsText).
const MaxListedWarnings = 50

// WarningsText says in 计算说明 that the payout was made with n warnings,
// listed at its end (at most MaxListedWarnings of them), or with none.
func WarningsText(n int) string {
	switch {
	case n == 0:
		return "无：生成本表时输入没有可疑之处"
	case n <= MaxListedWarnings:
		return fmt.Sprintf("生成本表时有 %d 处警告（可疑之处，照常计算），逐条列在本表下方“警告 1”起的各行；发放前请逐一核对", n)
	}
	return fmt.Sprintf("生成本表时有 %d 处警告（可疑之处，照常计算），本表下方“警告 1”起列出前 %d 处，其余请用 kfpay check 查看；发放前请逐一核对", n, MaxListedWarnings)
}

// WarningsNote is what 发放明细's title says of a payout made with n
// warnings, or "" when there were none.
func WarningsNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("（生成时有 %d 处警告，见“计算说明”）", n)
}
