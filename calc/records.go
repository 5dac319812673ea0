package calc

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// matched is a valid record tied to its person's line and its event kind.
type matched struct {
	Record
	line  int
	event int
}

// matchRecords checks each record against the rules and finds its person
// (SPEC 2.2): by 工号 when both files have one, else by name.
func matchRecords(r *rules.Rules, t *Tally, records []Record, index map[string]int) ([]matched, Problems) {
	var out []matched
	var problems Problems
	logHasIDs := false
	byName := map[string][]*counted{}
	for _, c := range t.people {
		logHasIDs = logHasIDs || c.ID != ""
		byName[c.Name] = append(byName[c.Name], c)
	}
	for _, rec := range records {
		ev, ei, ok := r.Event(rec.Label)
		if !ok {
			problems = append(problems, Problem{Code: "unknown-event", Ref: rec.Src, Column: "事项", Value: rec.Label,
				Msg: "规则中没有这个事项；可用的事项：" + eventLabels(r)})
			continue
		}
		if p, bad := checkRecord(ev, rec); bad {
			problems = append(problems, p)
			continue
		}
		c, p, ok := findPerson(rec, logHasIDs, t.byKey, byName)
		if !ok {
			problems = append(problems, p)
			continue
		}
		out = append(out, matched{rec, index[c.Key()], ei})
	}
	return out, problems
}

// checkRecord checks the percent or amount a record must give for its kind.
func checkRecord(ev rules.Event, rec Record) (Problem, bool) {
	switch {
	case ev.Reward:
		if !rec.HasAmount {
			return Problem{Code: "missing", Ref: rec.AmountSrc, Column: "金额", Msg: ev.Label + "须填写金额，例如 50.00"}, true
		}
		if !rec.Amount.IsPositive() || !rec.Amount.Equal(Yuan(rec.Amount)) {
			return Problem{Code: "not-money", Ref: rec.AmountSrc, Column: "金额", Value: rec.Amount.String(), Msg: "金额应大于 0，最多两位小数"}, true
		}
		if !rec.Amount.LessThan(rules.MaxAmount) {
			return Problem{Code: CodeAmountTooLarge, Ref: rec.AmountSrc, Column: "金额", Value: rec.Amount.String(),
				Msg: "金额过大，超出表格能精确显示的 15 位数字；请检查是否多写了数字"}, true
		}
	case ev.Ranged:
		if !rec.HasPercent {
			return Problem{Code: "missing", Ref: rec.PercentSrc, Column: "比例",
				Msg: fmt.Sprintf("%s须填写扣除比例（%s–%s），例如 30%%", ev.Label, Percent(ev.PercentMin), Percent(ev.PercentMax))}, true
		}
		if rec.Percent.LessThan(ev.PercentMin) || rec.Percent.GreaterThan(ev.PercentMax) {
			return Problem{Code: "percent-range", Ref: rec.PercentSrc, Column: "比例", Value: Percent(rec.Percent),
				Msg: fmt.Sprintf("%s的扣除比例应在 %s–%s 之间（篇三）", ev.Label, Percent(ev.PercentMin), Percent(ev.PercentMax))}, true
		}
	}
	return Problem{}, false
}

// findPerson finds the person a record is about among those with sessions
// this month.
func findPerson(rec Record, logHasIDs bool, byKey map[string]*counted, byName map[string][]*counted) (*counted, Problem, bool) {
	if rec.Person.ID != "" && logHasIDs {
		c := byKey[rec.Person.Key()]
		switch {
		case c == nil:
			return nil, Problem{Code: "unknown-id", Ref: rec.IDSrc, Column: "工号", Value: rec.Person.ID,
				Msg: "本月课时登记中没有这个工号，请检查工号是否写错"}, false
		case c.Name != rec.Person.Name:
			return nil, Problem{Code: "id-name-mismatch", Ref: rec.PersonSrc, Column: "教师", Value: rec.Person.Name,
				Msg: fmt.Sprintf("工号 %s 在课时登记中是 %s，两份表格的姓名不一致", rules.Clip(c.ID), rules.Clip(c.Name))}, false
		}
		return c, Problem{}, true
	}
	cs := byName[rec.Person.Name]
	switch len(cs) {
	case 0:
		return nil, Problem{Code: "unknown-person", Ref: rec.PersonSrc, Column: "教师", Value: rec.Person.Name,
			Msg: "本月课时登记中没有这位教师的课时，请检查姓名是否写错"}, false
	case 1:
		return cs[0], Problem{}, true
	}
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = rules.Clip(c.ID)
	}
	return nil, Problem{Code: "same-name", Ref: rec.PersonSrc, Column: "教师", Value: rec.Person.Name,
		Msg: fmt.Sprintf("课时登记中有 %d 位同名教师（工号 %s），请在考核记录中填写工号", len(cs), strings.Join(ids, "、"))}, false
}

func eventLabels(r *rules.Rules) string {
	labels := make([]string, len(r.Events))
	for i, e := range r.Events {
		labels[i] = e.Label
	}
	return strings.Join(labels, "、")
}

// applyEvents applies the month's records to the lines (篇三 (二), SPEC 3.5)
// and returns the rows of 扣款明细, by date then source cell. The lines'
// fees must be set.
//
// Each deducting record takes its part of the person's 扣除金额 by the rule
// DeductionRule words: in the order of 扣款明细, record k takes
// round(fee × min(100%, p1+…+pk)) − round(fee × min(100%, p1+…+pk−1)),
// what it adds to the rounded deduction so far. The parts add up to
// round(fee × min(100%, Σp)), the 扣除金额 of 发放明细, to the fen, however
// the percents round (3 × 10% of 33.33 is 3.33 + 3.34 + 3.33 = 10.00,
// where rounding each record alone would give 9.99); none is negative,
// since the running total only grows; the record that reaches the cap
// takes what is left under it, and those after it take nothing.
func applyEvents(r *rules.Rules, lines []Line, events []matched) []EventLine {
	sort.SliceStable(events, func(i, j int) bool {
		a, b := events[i], events[j]
		if a.Date != b.Date {
			return a.Date.Before(b.Date)
		}
		return refLess(a.Src, b.Src)
	})
	type kindOf struct{ line, event int }
	seen := map[kindOf]int{}
	sums := make([]decimal.Decimal, len(lines))
	taken := make([]decimal.Decimal, len(lines)) // the yuan each person's records took so far
	var out []EventLine
	for _, m := range events {
		ev := r.Events[m.event]
		l := &lines[m.line]
		l.EventCounts[m.event]++
		el := EventLine{Record: m.Record, Line: m.line, Event: ev}
		switch {
		case ev.Reward:
			el.Status = Rewarded
			el.Yuan = m.Amount
			l.Reward = l.Reward.Add(m.Amount)
		case ev.Scope == rules.ScopeTerm:
			// Settled against the term's fees by `kfpay settle` (SPEC 4.4).
			el.Percent = m.Percent
			el.Status = Pending
		default:
			el.Percent = m.Percent
			if !ev.Ranged {
				// Counting toward "the 3rd" is per person, per kind, per month:
				// 篇三 (二) 3, 4: 当月三次以上，扣除当月100%.
				seen[kindOf{m.line, m.event}]++
				el.Percent = ev.PerEvent
				if ev.AllFrom > 0 && seen[kindOf{m.line, m.event}] >= ev.AllFrom {
					el.Percent = one
				}
			}
			el.Status = Deducted
			if el.Percent.IsZero() {
				el.Status = NoEffect
			}
			sums[m.line] = sums[m.line].Add(el.Percent)
			if el.Status == Deducted {
				el.Share = Share{Fee: l.Fee, Upto: sums[m.line], Before: taken[m.line]}
				el.Yuan = el.Share.Total().Sub(el.Share.Before)
				taken[m.line] = el.Share.Total()
			}
		}
		out = append(out, el)
	}
	for i := range lines {
		lines[i].Percent = decimal.Min(one, sums[i])
	}
	return out
}

func refLess(a, b Ref) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Sheet != b.Sheet {
		return a.Sheet < b.Sheet
	}
	if a.Row != b.Row {
		return a.Row < b.Row
	}
	return a.Col < b.Col
}

// EventRule says in words what a record of kind ev does to the pay, as
// applyEvents applies it; 计算说明 and explain both print it.
func EventRule(ev rules.Event) string {
	switch {
	case ev.Reward:
		return "按记录金额发放奖励"
	case ev.Ranged:
		return fmt.Sprintf("按记录所填比例扣除，比例须在 %s–%s 之间", Percent(ev.PercentMin), Percent(ev.PercentMax))
	case ev.PerEvent.IsZero():
		return "不扣款，计入出勤公示"
	case ev.AllFrom > 0:
		return fmt.Sprintf("每次扣 %s；当月第 %d 次起，每次扣 100%%", Percent(ev.PerEvent), ev.AllFrom)
	}
	return "每次扣 " + Percent(ev.PerEvent)
}

// Percent formats a fraction as a percent: 0.3 is 30%, 0.125 is 12.5%.
func Percent(f decimal.Decimal) string {
	return f.Mul(hundred).String() + "%"
}
