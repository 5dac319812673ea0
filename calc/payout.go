package calc

import (
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// Payout is one month's payroll: the content of the payout workbook (SPEC 5).
type Payout struct {
	Month rules.Month
	Rules *rules.Rules

	Lines  []Line // one per person, in person order (SPEC 5)
	Total  Line   // the 合计 row: each column the sum of the rounded lines
	Events []EventLine
	Admin  AdminChain

	// Placeholder is set when the performance fee is the built-in 5.00 per
	// session that the seed does not give: the school must confirm it.
	Placeholder bool
	// Unapproved is set when the rules file names no approval of its rules
	// (篇三: 需经学校教代会讨论通过后执行); 计算说明 and the summary say so.
	Unapproved bool
	// Warnings are the warnings of the run: Payroll sets those of the tally
	// and the records, and the caller that read the inputs adds the
	// readers' (KeepWarnings). The payout lists them in 计算说明 and says
	// by its title that there were some.
	Warnings Problems
	// Idle are the people of the staff list with no sessions this month
	// (本月无课时), when the month was paid with one.
	Idle []StaffMember
}

// Line is one person's row of 发放明细.
type Line struct {
	Person
	Lessons    decimal.Decimal // 上课节数
	Breaks     decimal.Decimal // 安全管理次数
	Shifts     decimal.Decimal // 行政值班次数 (logged)
	AdminHours decimal.Decimal // 行政值班课时 (the share of the pool's hours)

	LessonPay decimal.Decimal // 上课补助
	SafetyPay decimal.Decimal // 安全管理补助
	AdminPay  decimal.Decimal // 行政值班补助
	Fee       decimal.Decimal // 绩效服务费
	Percent   decimal.Decimal // 扣除比例, a fraction, at most 1
	Deduction decimal.Decimal // 扣除金额
	Reward    decimal.Decimal // 奖励
	Net       decimal.Decimal // 实发合计

	// EventCounts counts this person's records of each event kind, indexed
	// like Rules.Events (for 出勤公示).
	EventCounts []int
}

// Status is what became of a discipline record in this month's payout.
type Status string

const (
	Deducted Status = "已扣除"
	Rewarded Status = "已发放"
	Pending  Status = "待学期结算"
	NoEffect Status = "不扣款"
)

// EventLine is one row of 扣款明细: a record and what it did.
type EventLine struct {
	Record
	Line    int // the index in Payout.Lines of the record's person
	Event   rules.Event
	Percent decimal.Decimal // the percent this record counts for (100% from the AllFrom-th), or the record's own
	Status  Status
	// Yuan is what the record did to its person's pay this month, in
	// yuan: the part of 扣除金额 it took (Deducted, see Share), the amount
	// it added (Rewarded), zero when it deducts nothing (NoEffect) or
	// waits for the term (Pending). A person's Yuan of each kind add up
	// to the 扣除金额 and 奖励 of 发放明细, to the fen.
	Yuan decimal.Decimal
	// Share is how a deducting record's Yuan was worked out.
	Share Share
}

// Share is the arithmetic behind one deducting record's yuan (篇三 (二),
// the rule of DeductionShares): the person's records of the month, in the
// order of 扣款明细, each take what they add to the rounded deduction so
// far.
type Share struct {
	Fee    decimal.Decimal // the person's 绩效服务费
	Upto   decimal.Decimal // Σ percents of the person's deducting records up to and including this one, uncapped
	Before decimal.Decimal // the yuan the person's earlier records took
}

// Capped reports whether the 100% cap cut this record's yuan: the
// percents up to it come to more than 100%.
func (s Share) Capped() bool { return s.Upto.GreaterThan(one) }

// Total is round(fee × min(100%, Upto)): what the person's records up to
// and including this one deduct together.
func (s Share) Total() decimal.Decimal { return Yuan(s.Fee.Mul(decimal.Min(one, s.Upto))) }

// AdminChain is the admin-duty pool worked out step by step (SPEC 3.3), as
// 计算说明 prints it.
type AdminChain struct {
	Mode    rules.AdminMode
	Base    decimal.Decimal // Σ lesson pay + Σ safety pay
	Percent decimal.Decimal // admin.percent, a fraction
	Pool    decimal.Decimal // round(base × percent)
	Rate    decimal.Decimal // admin.rate
	Shifts  decimal.Decimal // logged admin shifts, all persons
	Hours   decimal.Decimal // pool: floor(pool / rate); capped: the logged shifts
	Want    decimal.Decimal // capped: Σ of each person's shifts × rate, rounded per person: the pay before any scaling
	Paid    decimal.Decimal // Σ admin pay
	Unspent decimal.Decimal // pool − paid, stays in the fund
	Scaled  bool            // capped mode only: the logged shifts exceeded the pool
}

// Unapproved reports whether the rules r name no approval: the file's
// approved line is empty. A dated change names its own decision, but the
// rules it leaves as they were are still the file's, unapproved.
func Unapproved(r *rules.Rules) bool { return strings.TrimSpace(r.Approved) == "" }

// KeepWarnings makes ps, every warning of the run (the readers', the
// tally's and the records'), the warnings the payout records.
func (p *Payout) KeepWarnings(ps Problems) { p.Warnings = ps.Warnings() }
