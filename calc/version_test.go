package calc

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kfpay/rules"
)

// novemberRaise is the default rules with the lesson rate raised from
// November and a new lesson label, 辅导, from the same day.
const novemberRaise = `approved = "2026年8月28日教代会讨论通过"

[[change]]
from = 2026-11-01
approved = "2026年10月20日教代会决议"
rates.lesson = "25.00"
sessions.lesson = ["上课", "辅导"]
`

// termMonth is one month of the term in test shorthand: 王芳 (T01) teaches
// 10 lessons and does 2 breaks, 张伟 (T09) has 3 admin shifts, on the day
// given; the records are 王芳's.
type termMonth struct {
	m    rules.Month
	day  int
	recs []rec
}

func payTermMonth(t *testing.T, r *rules.Rules, tm termMonth) *Payout {
	t.Helper()
	tl := NewTally(r, tm.m)
	at := rules.Date{Year: tm.m.Year, Month: tm.m.Month, Day: tm.day}
	for i, e := range []struct {
		id, name string
		kind     rules.Kind
		count    string
	}{{"T01", "王芳", L, "10"}, {"T01", "王芳", S, "2"}, {"T09", "张伟", A, "3"}} {
		tl.Add(Entry{Date: at, Person: Person{ID: e.id, Name: e.name}, Kind: e.kind, Count: d(e.count),
			Src: Ref{File: "课时登记-" + tm.m.String() + ".xlsx", Sheet: "课时登记", Col: 5, Row: i + 3}})
	}
	var recs []Record
	for i, x := range tm.recs {
		row := Ref{File: "考核记录-" + tm.m.String() + ".xlsx", Sheet: "考核记录", Row: i + 3}
		rc := Record{Date: rules.Date{Year: tm.m.Year, Month: tm.m.Month, Day: x.day}, Person: Person{ID: "T01", Name: "王芳"},
			Label: x.label, Src: row.At(4), PersonSrc: row.At(3), IDSrc: row.At(2), PercentSrc: row.At(5), AmountSrc: row.At(6)}
		if x.percent != "" {
			rc.Percent, rc.HasPercent = d(x.percent).Div(hundred), true
		}
		recs = append(recs, rc)
	}
	p, problems := Payroll(r, tl, recs)
	if errs := problems.Errors(); len(errs) > 0 {
		t.Fatalf("Payroll %s: %v", tm.m, errs)
	}
	return p
}

// paidOf is what `kfpay settle` reads back of a payout workbook: each line's
// fee, deduction and net, the records left for the term, the version.
func paidOf(p *Payout) PaidMonth {
	pm := PaidMonth{Month: p.Month, Src: Ref{File: "发放表-" + p.Month.String() + ".xlsx"}, Version: VersionText(p.Rules)}
	for _, l := range p.Lines {
		pm.Teachers = append(pm.Teachers, PaidTeacher{Person: l.Person, Fee: l.Fee, Deduction: l.Deduction, Net: l.Net})
	}
	for _, e := range p.Events {
		if e.Status == Pending {
			pm.Pending = append(pm.Pending, TermEvent{Date: e.Date, Person: p.Lines[e.Line].Person, Label: e.Label, Percent: e.Percent})
		}
	}
	return pm
}

// TestTermWithNovemberRaise computes the default term month by month under
// a rules file that raises the lesson rate from 20.00 to 25.00 on
// 2026-11-01, then settles it. Worked by hand:
//
//	September, October (base, 20.00 元/节):
//	  王芳 10 × 20.00 = 200.00, 2 × 10.00 = 20.00, fee 10 × 5.00 = 50.00 → 270.00
//	  pool 8% × 220.00 = 17.60, floor(17.60 / 7.00) = 2 hours → 张伟 14.00
//	  month 284.00
//	November (25.00 元/节), one 早退 of 王芳:
//	  王芳 10 × 25.00 = 250.00 + 20.00 + 50.00 − 10% × 50.00 = 315.00
//	  pool 8% × 270.00 = 21.60, floor(21.60 / 7.00) = 3 hours → 张伟 21.00
//	  month 336.00
//	December (25.00), a 重大安全事故 of 王芳 at 50%, pending for the term:
//	  王芳 320.00, 张伟 21.00, month 341.00
//	January (25.00): 王芳 320.00, 张伟 21.00, month 341.00
//	Σ net 284.00 + 284.00 + 336.00 + 341.00 + 341.00 = 1586.00
//	recovery 王芳: 50% × Σ(fee − deduction) = 50% × (50 + 50 + 45 + 50 + 50) = 122.50
//	teacher pay 1586.00 − 122.50 = 1463.50
//	three pupils, the whole term, paid the default 600.00: income 1800.00
//	surplus 1800.00 − 1463.50 = 336.50 = 33650 fen, ÷ 3 = 11216 r 2:
//	  S001 112.17, S002 112.17, S003 112.16 (ties by 学号)
//
// Under one rate for the whole term the teacher pay would be 1415.00 − 122.50
// (all 20.00) or 1700.00 − 122.50 (all 25.00).
func TestTermWithNovemberRaise(t *testing.T) {
	r, err := rules.Parse("rules.toml", []byte(novemberRaise))
	if err != nil {
		t.Fatal(err)
	}
	months := []termMonth{
		{m: rules.Month{Year: 2026, Month: 9}, day: 15},
		{m: rules.Month{Year: 2026, Month: 10}, day: 15},
		{m: rules.Month{Year: 2026, Month: 11}, day: 16, recs: []rec{{label: "早退", day: 17}}},
		{m: rules.Month{Year: 2026, Month: 12}, day: 15, recs: []rec{{label: "重大安全事故", percent: "50", day: 16}}},
		{m: rules.Month{Year: 2027, Month: 1}, day: 15},
	}
	wantWang := []want{
		{"200.00", "20.00", "0.00", "50.00", "0%", "0.00", "0.00", "270.00"},
		{"200.00", "20.00", "0.00", "50.00", "0%", "0.00", "0.00", "270.00"},
		{"250.00", "20.00", "0.00", "50.00", "10%", "5.00", "0.00", "315.00"},
		{"250.00", "20.00", "0.00", "50.00", "0%", "0.00", "0.00", "320.00"},
		{"250.00", "20.00", "0.00", "50.00", "0%", "0.00", "0.00", "320.00"},
	}
	wantZhang := []string{"14.00", "14.00", "21.00", "21.00", "21.00"}
	wantTotal := []string{"284.00", "284.00", "336.00", "341.00", "341.00"}
	wantVersion := []string{
		"2026-09-01 起 2026年8月28日教代会讨论通过（学期初的规定）",
		"2026-09-01 起 2026年8月28日教代会讨论通过（学期初的规定）",
		"2026-11-01 起 2026年10月20日教代会决议（第 1 处变更）",
		"2026-11-01 起 2026年10月20日教代会决议（第 1 处变更）",
		"2026-11-01 起 2026年10月20日教代会决议（第 1 处变更）",
	}
	var paid []PaidMonth
	for i, tm := range months {
		p := payTermMonth(t, r, tm)
		checkLine(t, p, "王芳", wantWang[i])
		checkLine(t, p, "张伟", want{"0.00", "0.00", wantZhang[i], "0.00", "0%", "0.00", "0.00", wantZhang[i]})
		if got := p.Total.Net.StringFixed(2); got != wantTotal[i] {
			t.Errorf("%s 实发合计 = %s, want %s", tm.m, got, wantTotal[i])
		}
		if got := VersionText(p.Rules); got != wantVersion[i] {
			t.Errorf("%s version = %q, want %q", tm.m, got, wantVersion[i])
		}
		paid = append(paid, paidOf(p))
	}

	ps := roster([]pupil{{id: "S001", name: "甲", class: "一(1)班"}, {id: "S002", name: "乙", class: "一(1)班"}, {id: "S003", name: "丙", class: "一(1)班"}})
	s := mustSettle(t, r, ps, paid, nil)
	for _, c := range []struct{ what, got, want string }{
		{"NetPay", s.NetPay.StringFixed(2), "1586.00"},
		{"Recovered", s.Recovered.StringFixed(2), "122.50"},
		{"TeacherPay", s.TeacherPay.StringFixed(2), "1463.50"},
		{"Income", s.Income.StringFixed(2), "1800.00"},
		{"Surplus", s.Surplus.StringFixed(2), "336.50"},
		{"S001 refund", byID(s)["S001"].Refund.String(), "112.17"},
		{"S002 refund", byID(s)["S002"].Refund.String(), "112.17"},
		{"S003 refund", byID(s)["S003"].Refund.String(), "112.16"},
	} {
		if c.got != c.want {
			t.Errorf("settlement %s = %s, want %s", c.what, c.got, c.want)
		}
	}
	if diff := cmp.Diff(wantVersion, s.Versions); diff != "" {
		t.Errorf("Settlement.Versions (-want +got):\n%s", diff)
	}
	if len(s.Warnings) != 0 {
		t.Errorf("settlement warnings: %v", s.Warnings)
	}
}

// TestSettleWarnsOfAVersionDatedBack checks that a payout computed under
// another version than the rules file now gives for its month is reported:
// a change dated back over a month already paid.
func TestSettleWarnsOfAVersionDatedBack(t *testing.T) {
	r, err := rules.Parse("rules.toml", []byte(novemberRaise))
	if err != nil {
		t.Fatal(err)
	}
	sep := rules.Month{Year: 2026, Month: 9}
	_, problems := Settle(sepOnly(r), roster([]pupil{{id: "S001", name: "甲", class: "一(1)班"}}), []PaidMonth{{
		Month: sep, Src: Ref{File: "发放表-2026-09.xlsx"}, Version: "2026-09-01 起 2026年6月1日教代会决议（学期初的规定）",
		Teachers: []PaidTeacher{{Person: Person{ID: "T01", Name: "王芳"}, Fee: d("50"), Net: d("270")}},
	}}, nil)
	if len(problems) != 1 || problems[0].Code != "version-differs" || !problems[0].Warning || problems[0].Ref.File != "发放表-2026-09.xlsx" {
		t.Fatalf("problems = %v, want one version-differs warning at 发放表-2026-09.xlsx", problems)
	}
}

// sepOnly is r with its term cut to September, keeping r's versions.
func sepOnly(r *rules.Rules) *rules.Rules {
	c := r.At(rules.Month{Year: 2026, Month: 9})
	c.Term.End = rules.Date{Year: 2026, Month: 9, Day: 30}
	c.Term.Holidays = []rules.Date{{Year: 2026, Month: time.September, Day: 25}}
	c.Term.Workdays = []rules.Date{{Year: 2026, Month: time.September, Day: 20}}
	return c
}

func TestTallyTakesTheMonthsLabels(t *testing.T) {
	r, err := rules.Parse("rules.toml", []byte(novemberRaise))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := NewTally(r, rules.Month{Year: 2026, Month: 10}).Rules().Sessions.KindOf("辅导"); ok {
		t.Error("October takes 辅导, which November's change adds")
	}
	if k, ok := NewTally(r, rules.Month{Year: 2026, Month: 11}).Rules().Sessions.KindOf("辅导"); !ok || k != rules.KindLesson {
		t.Error("November does not take 辅导 as a lesson")
	}
}

func TestUnapproved(t *testing.T) {
	p := run(t, rules.Default(), []logRow{{"", "王芳", L, "2", 1}}, nil)
	if !p.Unapproved {
		t.Error("the built-in rules name no approval, but Payout.Unapproved = false")
	}
	r, err := rules.Parse("rules.toml", []byte(novemberRaise))
	if err != nil {
		t.Fatal(err)
	}
	if p := run(t, r, []logRow{{"", "王芳", L, "2", 1}}, nil); p.Unapproved {
		t.Error("rules approved on 2026年8月28日, but Payout.Unapproved = true")
	}
}
