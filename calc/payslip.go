package calc

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// PaidPayout is a payout workbook read back whole, as it was signed: every
// figure of 发放明细, every record of 扣款明细 and, in a corrected payout, the
// 更正 sheet. The slips and the bank's batch file are made from it, never
// from a recomputation, so that they carry the signed figures.
type PaidPayout struct {
	PaidMonth
	School     string
	Lines      []Line // one per person, in 发放明细's order
	Total      Line   // the 合计 row
	Events     []PaidEvent
	Correction *Correction // the 更正 sheet; nil for a payout that corrects none
}

// PaidEvent is a row of 扣款明细 read back.
type PaidEvent struct {
	Date       rules.Date
	Person     Person
	Label      string
	Percent    decimal.Decimal // set when HasPercent
	HasPercent bool
	// Yuan is what the record took from the fee (扣除金额) or added (奖励),
	// when the payout lists it; a reward's 金额 in a payout that lists
	// only that.
	Yuan    decimal.Decimal
	HasYuan bool
	Status  Status
	Note    string
	Src     Ref // its 状态 cell
}

// Reasons says, one line per record, why a person's pay has the deductions
// and rewards it has, from the records of events that are theirs, in the
// payout's order: 10-15 早退（第 3 次）扣 100%，12.50 元；09-29 奖励 50.00 元：区级
// 公开课. A kind recorded more than once in the month counts its records,
// as the rules count them toward "from the 3rd" (篇三 (二) 3). When the
// percents add up past the 扣除比例 applied, a last line says the cap.
func Reasons(events []PaidEvent, who Person, applied decimal.Decimal) []string {
	var mine []PaidEvent
	for _, e := range events {
		if e.Person.Key() == who.Key() {
			mine = append(mine, e)
		}
	}
	total := map[string]int{}
	for _, e := range mine {
		total[e.Label]++
	}
	seen := map[string]int{}
	sum := decimal.Zero
	var out []string
	for _, e := range mine {
		seen[e.Label]++
		var b strings.Builder
		fmt.Fprintf(&b, "%02d-%02d %s", int(e.Date.Month), e.Date.Day, e.Label)
		sep := " " // between the kind and what it did; none after a bracket
		if total[e.Label] > 1 && e.Status != Rewarded {
			fmt.Fprintf(&b, "（第 %d 次）", seen[e.Label])
			sep = ""
		}
		switch e.Status {
		case Rewarded:
			if e.HasYuan {
				b.WriteString(sep + e.Yuan.StringFixed(2) + " 元")
			}
		case Deducted:
			if e.HasPercent {
				b.WriteString(sep + "扣 " + Percent(e.Percent))
				sum = sum.Add(e.Percent)
			}
			if e.HasYuan {
				b.WriteString("，" + e.Yuan.StringFixed(2) + " 元")
			}
		case Pending:
			if e.HasPercent {
				b.WriteString(sep + Percent(e.Percent))
			}
			b.WriteString("，学期结算时扣除")
		case NoEffect:
			b.WriteString("，不扣款")
		default:
			b.WriteString("，" + string(e.Status))
		}
		if note := clipNote(e.Note); note != "" {
			b.WriteString("：" + note)
		}
		out = append(out, b.String())
	}
	if sum.GreaterThan(applied) && applied.IsPositive() {
		out = append(out, fmt.Sprintf("各项比例合计 %s，按最高 %s 扣除", Percent(sum), Percent(applied)))
	}
	return out
}

// maxSlipNote is how much of a record's 说明 a slip shows: a reason, not a
// report.
const maxSlipNote = 40

func clipNote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxSlipNote {
		return s
	}
	return string([]rune(s)[:maxSlipNote-1]) + "…"
}
