package calc

import (
	"fmt"
	"slices"
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

// Problem codes of the discipline records (SPEC 2.2, SPEC 3 records).
const (
	CodeValueUnused     Code = "value-unused"        // a 比例 or 金额 the record's kind does not use
	CodeRecordIDUnused  Code = "record-id-unused"    // records with 工号 against a log without
	CodeLeaveSessions   Code = "leave-with-sessions" // a 请假 day with sessions logged
	CodeDuplicateRecord Code = "duplicate-record"    // a record the same in every column as an earlier one
)

// matchRecords checks each record against the rules and finds its person
// (SPEC 2.2): by 工号 when both files have one, else by name.
func matchRecords(r *rules.Rules, t *Tally, records []Record) ([]matched, Problems) {
	out := make([]matched, 0, len(records))
	var problems Problems
	logHasIDs := slices.ContainsFunc(t.people, func(c *counted) bool { return c.ID != "" })
	// The people of each name a record is looked up by (findPerson), the
	// only names looked up: a slice for every name of the log was 250,000
	// of them, held at the month's peak, and a record with a 工号 in a log
	// with 工号 is found by it (issue 20).
	named := make(map[string]bool, len(records))
	for _, rec := range records {
		if rec.Person.ID == "" || !logHasIDs {
			named[rec.Person.Name] = true
		}
	}
	byName := map[string][]*counted{}
	if len(named) > 0 {
		for _, c := range t.people {
			if named[c.Name] {
				byName[c.Name] = append(byName[c.Name], c)
			}
		}
	}
	var unusedIDs []Ref      // records' 工号 that nothing checks
	seen := map[string]Ref{} // each record's content, at its first 事项 cell
	for _, rec := range records {
		ev, ei, ok := r.Event(rec.Label)
		if !ok {
			problems = append(problems, Problem{Code: "unknown-event", Ref: rec.Src, Column: "事项", Value: rec.Label,
				Msg: "规则中没有这个事项；可用的事项：" + eventLabels(r)})
			problems = append(problems, rec.valueProblems()...)
			continue
		}
		bad := checkRecord(ev, rec)
		problems = append(problems, bad...)
		if rec.Person.ID != "" && t.staff != nil {
			if p, ok := t.staff.checkID(rec.Person.ID, rec.Person.Name, rec.IDSrc, rec.PersonSrc); !ok {
				problems = append(problems, p)
				continue
			}
		} else if rec.Person.ID != "" && !logHasIDs {
			unusedIDs = append(unusedIDs, rec.IDSrc)
		}
		c, p, ok := findPerson(rec, logHasIDs, t.byKey, byName)
		if !ok {
			problems = append(problems, p)
			continue
		}
		if len(bad) == 0 {
			out = append(out, matched{rec, int(c.line), ei})
			// A record pasted twice counts twice, as a duplicated log row
			// does (SPEC 2.1): the records say what they say. But a second
			// 早退 moves the count toward the third, which takes the whole
			// fee, so the copy is said at its cell.
			key := strings.Join([]string{c.Key(), rec.Date.String(), rec.Label, rec.Percent.String(), rec.Amount.String(), rec.Note}, "\x00")
			if first, dup := seen[key]; dup {
				problems = append(problems, Problem{Code: CodeDuplicateRecord, Ref: rec.Src, Column: "事项", Value: rec.Label, Warning: true,
					Msg: fmt.Sprintf("与第 %d 行的记录完全相同（日期、教师、事项、比例、金额、说明），请确认是否重复登记；重复的记录照常计入", first.Row)})
			} else {
				seen[key] = rec.Src
			}
		}
	}
	if len(unusedIDs) > 0 {
		problems = append(problems, Problem{Code: CodeRecordIDUnused, Ref: unusedIDs[0], Column: "工号", Warning: true,
			Msg: fmt.Sprintf("考核记录填了工号（共 %d 行），课时登记却没有工号列：记录只按姓名对应，工号没有核对；请在课时登记中加上工号列，或用 --staff 给出教师名单", len(unusedIDs))})
	}
	return out, problems
}

// valueProblems are the problems the reader found in a record's 比例 and
// 金额, which are only reported when the record's kind uses the column:
// one it does not use is wrong whatever it holds (checkRecord).
func (rec Record) valueProblems() Problems {
	var out Problems
	for _, p := range []*Problem{rec.PercentErr, rec.AmountErr} {
		if p != nil {
			out = append(out, *p)
		}
	}
	return out
}

// checkRecord checks the percent or amount a record must give for its kind,
// and that it gives none that the kind does not use: a 比例 on 早退, a 金额
// on 请假, a 比例 on 奖励 would be typed and silently ignored.
func checkRecord(ev rules.Event, rec Record) Problems {
	var out Problems
	usesPercent, usesAmount := ev.Ranged, ev.Reward
	unused := func(at Ref, column string, err *Problem) {
		what := ev.Label + "按规则" + EventRule(ev)
		switch {
		case ev.Reward:
			what = ev.Label + "按所填金额发放"
		case ev.Ranged:
			what = ev.Label + "按所填比例扣除，扣除金额由绩效服务费 × 比例算出"
		}
		value := ""
		if err != nil {
			value = err.Value
		}
		out = append(out, Problem{Code: CodeValueUnused, Ref: at, Column: column, Value: value,
			Msg: what + "；" + column + "一栏不填，请清空这一格"})
	}
	if !usesPercent && (rec.HasPercent || rec.PercentErr != nil) {
		unused(rec.PercentSrc, "比例", rec.PercentErr)
		if rec.HasPercent {
			out[len(out)-1].Value = Percent(rec.Percent)
		}
	}
	if !usesAmount && (rec.HasAmount || rec.AmountErr != nil) {
		unused(rec.AmountSrc, "金额", rec.AmountErr)
		if rec.HasAmount {
			out[len(out)-1].Value = rec.Amount.String()
		}
	}
	if usesPercent && rec.PercentErr != nil {
		out = append(out, *rec.PercentErr)
	}
	if usesAmount && rec.AmountErr != nil {
		out = append(out, *rec.AmountErr)
	}
	switch {
	case ev.Reward && rec.AmountErr == nil:
		if !rec.HasAmount {
			out = append(out, Problem{Code: "missing", Ref: rec.AmountSrc, Column: "金额", Msg: ev.Label + "须填写金额，例如 50.00"})
		} else if !rec.Amount.IsPositive() || !rec.Amount.Equal(Yuan(rec.Amount)) {
			out = append(out, Problem{Code: "not-money", Ref: rec.AmountSrc, Column: "金额", Value: rec.Amount.String(), Msg: "金额应大于 0，最多两位小数"})
		} else if !rec.Amount.LessThan(rules.MaxAmount) {
			out = append(out, Problem{Code: CodeAmountTooLarge, Ref: rec.AmountSrc, Column: "金额", Value: rec.Amount.String(),
				Msg: "金额过大，超出表格能精确显示的 15 位数字；请检查是否多写了数字"})
		}
	case ev.Ranged && rec.PercentErr == nil:
		if !rec.HasPercent {
			out = append(out, Problem{Code: "missing", Ref: rec.PercentSrc, Column: "比例",
				Msg: fmt.Sprintf("%s须填写扣除比例（%s–%s），例如 30%%", ev.Label, Percent(ev.PercentMin), Percent(ev.PercentMax))})
		} else if rec.Percent.LessThan(ev.PercentMin) || rec.Percent.GreaterThan(ev.PercentMax) {
			out = append(out, Problem{Code: "percent-range", Ref: rec.PercentSrc, Column: "比例", Value: Percent(rec.Percent),
				Msg: fmt.Sprintf("%s的扣除比例应在 %s–%s 之间（篇三）", ev.Label, Percent(ev.PercentMin), Percent(ev.PercentMax))})
		}
	}
	return out
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
		case c.ID != rec.Person.ID:
			return nil, Problem{Code: CodeIDSpellings, Ref: rec.IDSrc, Column: "工号", Value: rec.Person.ID,
				Msg: fmt.Sprintf("课时登记中写作 %s（%s）；同一个工号请写成同一种写法（大小写、全角半角、数字前面的 0 都要一致）", rules.Quote(c.ID), c.idFirst().String())}, false
		case c.Name != rec.Person.Name:
			return nil, Problem{Code: CodeIDTwoNames, Ref: rec.PersonSrc, Column: "教师", Value: rec.Person.Name,
				Msg: fmt.Sprintf("工号 %s 在课时登记中是 %s（%s），两份表格的姓名不一致", rules.Clip(c.ID), rules.Clip(c.Name), c.first().String())}, false
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

// leaveWarnings warn of a leave record (a kind that deducts nothing, such
// as 请假: approved leave with a substitute, 篇三 二.2) on a day the same
// person has sessions logged: one of the two is likely wrong. The warning
// is given at both cells, the record's and the session log's.
func (t *Tally) leaveWarnings(r *rules.Rules, people []*counted, events []matched) Problems {
	var out Problems
	for _, m := range events {
		ev := r.Events[m.event]
		if ev.Reward || ev.Ranged || !ev.PerEvent.IsZero() || m.Date.IsZero() {
			continue
		}
		c := people[m.line]
		d := m.Date.Day
		cell := t.dayCell(c, d)
		if cell == 0 {
			continue
		}
		at := Ref{File: t.firstFile, Sheet: t.firstSheet, Row: int(cell >> 32), Col: int(uint32(cell))}
		out = append(out,
			Problem{Code: CodeLeaveSessions, Ref: m.Src, Column: "事项", Value: m.Label, Warning: true,
				Msg: fmt.Sprintf("%s %s 有%s记录，课时登记中这一天却登记了课时（%s）；请核对是记录的日期写错了，还是课时多登了（课时照常计发）", rules.Clip(c.Name), m.Date, m.Label, at)},
			Problem{Code: CodeLeaveSessions, Ref: at, Warning: true,
				Msg: fmt.Sprintf("%s %s 有%s记录（%s），这一天却登记了课时；请核对（课时照常计发）", rules.Clip(c.Name), m.Date, m.Label, m.Src)})
	}
	return out
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
	// By line, for the people with records only: two figures for each of
	// 250,000 lines were 8 MB for a few thousand records (issue 20).
	sums := map[int]decimal.Decimal{}
	taken := map[int]decimal.Decimal{} // the yuan each person's records took so far
	out := make([]EventLine, 0, len(events))
	owned := map[int]bool{} // the lines given counts of their own
	for _, m := range events {
		ev := r.Events[m.event]
		l := &lines[m.line]
		if !owned[m.line] {
			// The counts a line had may be shared with other lines
			// (Payroll's lines without records share one row of zeros).
			l.EventCounts = slices.Clone(l.EventCounts)
			owned[m.line] = true
		}
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
	// A line with no deducting record keeps the zero Decimal, the
	// smaller of 100% and its sum of none.
	for i, sum := range sums {
		lines[i].Percent = decimal.Min(one, sum)
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
