package calc

import (
	"strings"
	"testing"

	"kfpay/rules"
)

var sept = rules.Month{Year: 2026, Month: 9}

// logRow is a session log row in test shorthand.
type logRow struct {
	id, name string
	kind     rules.Kind
	count    string
	day      int
}

// rec is a discipline record in test shorthand.
type rec struct {
	id, name, label, percent, amount string
	day                              int
}

func tally(t *testing.T, r *rules.Rules, rows []logRow) *Tally {
	t.Helper()
	tl := NewTally(r, sept)
	for i, row := range rows {
		day := row.day
		if day == 0 {
			day = 1
		}
		tl.Add(Entry{
			Date:   rules.Date{Year: 2026, Month: 9, Day: day},
			Person: Person{ID: row.id, Name: row.name},
			Kind:   row.kind,
			Count:  d(row.count),
			Src:    Ref{File: "课时登记.xlsx", Sheet: "9月", Col: 5, Row: i + 2},
			Cols:   &Columns{Date: 1, ID: 2, Name: 3, Kind: 4},
		})
	}
	return tl
}

func records(rs []rec) []Record {
	var out []Record
	for i, r := range rs {
		day := r.day
		if day == 0 {
			day = 10
		}
		row := Ref{File: "考核记录.xlsx", Sheet: "考核", Row: i + 2}
		x := Record{
			Date: rules.Date{Year: 2026, Month: 9, Day: day}, Person: Person{ID: r.id, Name: r.name}, Label: r.label,
			Src: row.At(4), PersonSrc: row.At(3), IDSrc: row.At(2), PercentSrc: row.At(5), AmountSrc: row.At(6),
		}
		if r.percent != "" {
			x.Percent, x.HasPercent = d(strings.TrimSuffix(r.percent, "%")).Div(hundred), true
		}
		if r.amount != "" {
			x.Amount, x.HasAmount = d(r.amount), true
		}
		out = append(out, x)
	}
	return out
}

func run(t *testing.T, r *rules.Rules, rows []logRow, rs []rec) *Payout {
	t.Helper()
	p, problems := Payroll(r, tally(t, r, rows), records(rs))
	if errs := problems.Errors(); len(errs) > 0 {
		t.Fatalf("Payroll: unexpected problems:\n%v", errs)
	}
	return p
}

func line(t *testing.T, p *Payout, name string) Line {
	t.Helper()
	for _, l := range p.Lines {
		if l.Name == name {
			return l
		}
	}
	t.Fatalf("no line for %s", name)
	return Line{}
}

// want is one expected row of 发放明细: lesson, safety, admin, fee, percent,
// deduction, reward, net.
type want struct{ lesson, safety, admin, fee, percent, deduction, reward, net string }

func checkLine(t *testing.T, p *Payout, name string, w want) {
	t.Helper()
	l := line(t, p, name)
	for _, c := range []struct {
		col       string
		got, want string
	}{
		{"上课补助", l.LessonPay.StringFixed(2), w.lesson},
		{"安全管理补助", l.SafetyPay.StringFixed(2), w.safety},
		{"行政值班补助", l.AdminPay.StringFixed(2), w.admin},
		{"绩效服务费", l.Fee.StringFixed(2), w.fee},
		{"扣除比例", Percent(l.Percent), w.percent},
		{"扣除金额", l.Deduction.StringFixed(2), w.deduction},
		{"奖励", l.Reward.StringFixed(2), w.reward},
		{"实发合计", l.Net.StringFixed(2), w.net},
	} {
		if c.got != c.want {
			t.Errorf("%s %s = %s, want %s", name, c.col, c.got, c.want)
		}
	}
}

// workedExample is SPEC 3.7.
func workedExample() ([]logRow, []rec) {
	L, S, A := rules.KindLesson, rules.KindSafety, rules.KindAdmin
	return []logRow{
			{"", "王芳", L, "34", 1}, {"", "王芳", S, "8", 1},
			{"", "李强", L, "30", 1}, {"", "李强", S, "12", 1},
			{"", "陈静", L, "25", 1},
			{"", "张伟", A, "6", 1}, {"", "刘洋", A, "4", 1},
		}, []rec{
			{name: "李强", label: "早退", day: 3}, {name: "李强", label: "早退", day: 8},
			{name: "陈静", label: "早退", day: 2}, {name: "陈静", label: "早退", day: 9}, {name: "陈静", label: "早退", day: 16},
			{name: "王芳", label: "家长投诉", percent: "30%", day: 11},
			{name: "王芳", label: "奖励", amount: "50.00", day: 30},
		}
}

func TestPayrollWorkedExample(t *testing.T) {
	rows, rs := workedExample()
	p := run(t, rules.Default(), rows, rs)
	checkLine(t, p, "王芳", want{"680.00", "80.00", "0.00", "170.00", "30%", "51.00", "50.00", "929.00"})
	checkLine(t, p, "李强", want{"600.00", "120.00", "0.00", "150.00", "20%", "30.00", "0.00", "840.00"})
	checkLine(t, p, "陈静", want{"500.00", "0.00", "0.00", "125.00", "100%", "125.00", "0.00", "500.00"})
	checkLine(t, p, "张伟", want{"0.00", "0.00", "91.00", "0.00", "0%", "0.00", "0.00", "91.00"})
	checkLine(t, p, "刘洋", want{"0.00", "0.00", "63.00", "0.00", "0%", "0.00", "0.00", "63.00"})
	a := p.Admin
	for _, c := range []struct{ what, got, want string }{
		{"base", a.Base.StringFixed(2), "1980.00"},
		{"pool", a.Pool.StringFixed(2), "158.40"},
		{"hours", a.Hours.String(), "22"},
		{"paid", a.Paid.StringFixed(2), "154.00"},
		{"unspent", a.Unspent.StringFixed(2), "4.40"},
		{"张伟 hours", line(t, p, "张伟").AdminHours.String(), "13"},
		{"刘洋 hours", line(t, p, "刘洋").AdminHours.String(), "9"},
		// 929 + 840 + 500 + 91 + 63
		{"total net", p.Total.Net.StringFixed(2), "2423.00"},
		{"total fee", p.Total.Fee.StringFixed(2), "445.00"},
		{"total deduction", p.Total.Deduction.StringFixed(2), "206.00"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %s, want %s", c.what, c.got, c.want)
		}
	}
	if !p.Placeholder {
		t.Error("Placeholder = false with the built-in 5.00 per session")
	}
	// 扣款明细 by date: 陈静 9-02, 李强 9-03, 李强 9-08, 陈静 9-09, 王芳 9-11,
	// 陈静 9-16 (her third: 100%), 王芳 9-30.
	var got []string
	for _, e := range p.Events {
		got = append(got, e.Person.Name+" "+e.Label+" "+Percent(e.Percent)+" "+string(e.Status))
	}
	wantEvents := []string{
		"陈静 早退 10% 已扣除", "李强 早退 10% 已扣除", "李强 早退 10% 已扣除", "陈静 早退 10% 已扣除",
		"王芳 家长投诉 30% 已扣除", "陈静 早退 100% 已扣除", "王芳 奖励 0% 已发放",
	}
	if strings.Join(got, "\n") != strings.Join(wantEvents, "\n") {
		t.Errorf("events:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantEvents, "\n"))
	}
}

// TestDuplicateRecord: a record pasted twice counts twice, and says so at
// the copy's 事项 cell. Worked by hand: 王芳 6 lessons, fee 6 × 5.00 =
// 30.00; 早退 on the 2nd (twice, the same in every column) and the 3rd
// makes three in the month: 10% + 10% + 100% = 120%, capped at 100%, so
// 30.00 is deducted and she is paid 120.00 + 30.00 − 30.00 = 120.00. The
// same 早退 on another day is no copy.
func TestDuplicateRecord(t *testing.T) {
	r := rules.Default()
	L := rules.KindLesson
	tl := tally(t, r, []logRow{{"T01", "王芳", L, "2", 1}, {"T01", "王芳", L, "2", 2}, {"T01", "王芳", L, "2", 3}})
	p, problems := Payroll(r, tl, records([]rec{
		{"T01", "王芳", "早退", "", "", 2}, {"T01", "王芳", "早退", "", "", 2}, {"T01", "王芳", "早退", "", "", 3},
	}))
	if p == nil {
		t.Fatalf("Payroll: %v", problems)
	}
	checkLine(t, p, "王芳", want{"120.00", "0.00", "0.00", "30.00", "100%", "30.00", "0.00", "120.00"})
	var got []string
	for _, pr := range problems {
		if pr.Code == CodeDuplicateRecord {
			got = append(got, pr.Ref.Cell())
			if !pr.Warning {
				t.Errorf("%v: want a warning", pr)
			}
		}
	}
	if strings.Join(got, " ") != "D3" {
		t.Errorf("duplicate-record at %v, want D3 (the copy of row 2)", got)
	}
}
