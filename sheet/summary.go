package sheet

import (
	"fmt"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/render"
)

// The monthly summary's columns (SPEC 2.1a), in the order of its schema.
const (
	sumID = iota
	sumName
	sumLesson
	sumSafety
	sumAdmin
)

// summaryKinds are the summary's count columns and the kind each counts.
var summaryKinds = [...]struct {
	field int
	kind  rules.Kind
}{{sumLesson, rules.KindLesson}, {sumSafety, rules.KindSafety}, {sumAdmin, rules.KindAdmin}}

// summarySchema is the monthly summary's schema under r. Besides the headers
// of SPEC 2.1a it takes the rules' labels of each kind, alone or followed by
// 节数 or 次数, so a school that calls its lessons 辅导 can head the column
// 辅导节数 as its log's 类型 would say.
func summarySchema(r *rules.Rules) schema {
	kind := func(name string, aliases []string, labels []string) field {
		f := field{name: name, aliases: aliases, required: true, numeric: true}
		for _, l := range labels {
			f.aliases = append(f.aliases, l, l+"节数", l+"次数")
		}
		return f
	}
	return schema{role: sessionLog.role, fields: []field{
		sumID:     {name: "工号", aliases: []string{"编号", "staff_id"}},
		sumName:   {name: "教师", aliases: []string{"姓名", "教师姓名", "teacher"}, required: true},
		sumLesson: kind("上课节数", []string{"上课"}, r.Sessions.Lesson),
		sumSafety: kind("安全管理次数", []string{"安全管理"}, r.Sessions.Safety),
		sumAdmin:  kind("行政值班次数", []string{"行政值班"}, r.Sessions.Admin),
	}}
}

// readSummary reads the rows of a monthly summary: one row per person with a
// count of each kind. Each count becomes one entry with no date, its cell as
// the source, so the per-day checks of the tally do not apply.
func readSummary(t *table, tl *calc.Tally) {
	c := t.c
	cols := &calc.Columns{ID: t.cols[sumID], Name: t.cols[sumName]}
	totals := newColumnTotals(t, []int{sumLesson, sumSafety, sumAdmin})
	seen := duplicates{}
	for !c.full() && t.next() {
		if totals.handle(t, 0) {
			continue
		}
		ok := true
		var entries []calc.Entry
		for _, k := range summaryKinds {
			n, present, good := t.count(k.field)
			totals.add(k.field, n, good)
			switch {
			case !good:
				ok = false
			case present && !n.IsZero():
				// A zero is no work: no entry, as a log has no row for it,
				// so a person with nothing this month is not paid a line.
				entries = append(entries, calc.Entry{Kind: k.kind, Count: n, Src: t.ref(k.field), Cols: cols})
			}
		}
		var p calc.Person
		if t.has(sumID) {
			if id, good := t.requiredID(sumID); good {
				p.ID = id
			} else {
				ok = false
			}
		}
		if name, good := t.requiredPerson(sumName); good {
			p.Name = name
		} else {
			ok = false
		}
		if ok && !seen.check(t, sumName, p, "") {
			ok = false
		}
		if !ok {
			continue
		}
		if len(entries) == 0 { // a person with nothing this month
			t.info.Other++
			continue
		}
		for _, e := range entries {
			e.Person = p
			tl.Add(e)
		}
		t.info.Used++
	}
}

// WriteSummaryTemplate writes a blank monthly summary for month m to path,
// for the bursar to fill in: a title, a header of 工号, 教师, 上课节数,
// 安全管理次数 and 行政值班次数, blank rows and a 合计 row whose formulas are
// saved with their value, 0. An existing file is replaced only with force.
func WriteSummaryTemplate(path string, r *rules.Rules, m rules.Month, force bool) error {
	return saveCounts(summaryTemplate(r, m), path, force)
}

// summaryTemplate lays out the blank monthly summary of WriteSummaryTemplate.
func summaryTemplate(r *rules.Rules, m rules.Month) *render.CountSheet {
	return &render.CountSheet{
		Sheet:      fmt.Sprintf("%d月", int(m.Month)),
		Title:      fmt.Sprintf("%s %s课后服务汇总表", r.School, m.Chinese()),
		Headers:    []any{"工号", "教师", "上课节数", "安全管理次数", "行政值班次数"},
		FirstCount: 3,
		CountWidth: 10,
		Note:       "填表说明：每位教师一行，填本月的上课节数、安全管理次数和行政值班次数，没有就空着；没有工号可删去工号列。",
	}
}
