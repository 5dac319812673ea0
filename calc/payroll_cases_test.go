package calc

import (
	"errors"
	"strings"
	"testing"

	"kfpay/rules"
)

const (
	L = rules.KindLesson
	S = rules.KindSafety
	A = rules.KindAdmin
)

func TestPayrollDeductions(t *testing.T) {
	// 王芳 34 lessons, 8 breaks: general pay 760.00, fee 34 × 5.00 = 170.00.
	wang := []logRow{{"", "王芳", L, "34", 1}, {"", "王芳", S, "8", 1}}
	for _, c := range []struct {
		name string
		recs []rec
		want want
	}{
		{"no records", nil, want{"680.00", "80.00", "0.00", "170.00", "0%", "0.00", "0.00", "930.00"}},
		{"one early leave", []rec{{name: "王芳", label: "早退"}},
			want{"680.00", "80.00", "0.00", "170.00", "10%", "17.00", "0.00", "913.00"}},
		{"two early leaves", []rec{{name: "王芳", label: "早退", day: 2}, {name: "王芳", label: "早退", day: 3}},
			want{"680.00", "80.00", "0.00", "170.00", "20%", "34.00", "0.00", "896.00"}},
		// 篇三 (二) 3: the third early leave in a month takes the whole fee.
		{"third early leave", []rec{{name: "王芳", label: "早退", day: 2}, {name: "王芳", label: "早退", day: 3}, {name: "王芳", label: "早退", day: 4}},
			want{"680.00", "80.00", "0.00", "170.00", "100%", "170.00", "0.00", "760.00"}},
		// The third is counted per kind: two early leaves and one hand-over
		// breach are 30%, not 100%.
		{"third counted per kind", []rec{{name: "王芳", label: "早退", day: 2}, {name: "王芳", label: "早退", day: 3}, {name: "王芳", label: "交接违规", day: 4}},
			want{"680.00", "80.00", "0.00", "170.00", "30%", "51.00", "0.00", "879.00"}},
		{"complaints past 100% are capped", []rec{{name: "王芳", label: "家长投诉", percent: "60%"}, {name: "王芳", label: "家长投诉", percent: "70%"}, {name: "王芳", label: "早退"}},
			want{"680.00", "80.00", "0.00", "170.00", "100%", "170.00", "0.00", "760.00"}},
		{"unexcused empty class", []rec{{name: "王芳", label: "无故空堂"}},
			want{"680.00", "80.00", "0.00", "170.00", "100%", "170.00", "0.00", "760.00"}},
		{"approved leave deducts nothing", []rec{{name: "王芳", label: "请假"}, {name: "王芳", label: "请假"}, {name: "王芳", label: "请假"}},
			want{"680.00", "80.00", "0.00", "170.00", "0%", "0.00", "0.00", "930.00"}},
		{"term event is pending", []rec{{name: "王芳", label: "重大安全事故", percent: "50%"}},
			want{"680.00", "80.00", "0.00", "170.00", "0%", "0.00", "0.00", "930.00"}},
		{"rewards add up", []rec{{name: "王芳", label: "奖励", amount: "50.00"}, {name: "王芳", label: "奖励", amount: "0.50"}},
			want{"680.00", "80.00", "0.00", "170.00", "0%", "0.00", "50.50", "980.50"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := run(t, rules.Default(), wang, c.recs)
			checkLine(t, p, "王芳", c.want)
		})
	}
}

func TestPayrollStatuses(t *testing.T) {
	p := run(t, rules.Default(), []logRow{{"", "王芳", L, "34", 1}}, []rec{
		{name: "王芳", label: "请假", day: 1}, {name: "王芳", label: "重大安全事故", percent: "60%", day: 2},
		{name: "王芳", label: "奖励", amount: "10", day: 3}, {name: "王芳", label: "早退", day: 4},
	})
	want := []Status{NoEffect, Pending, Rewarded, Deducted}
	for i, e := range p.Events {
		if e.Status != want[i] {
			t.Errorf("event %d (%s) status = %s, want %s", i, e.Label, e.Status, want[i])
		}
	}
	// 出勤公示 counts every record, whatever it did: 请假 is index 5.
	if got := line(t, p, "王芳").EventCounts; got[5] != 1 || got[4] != 1 || got[1] != 1 || got[6] != 1 {
		t.Errorf("EventCounts = %v, want one each of 早退, 重大安全事故, 请假, 奖励", got)
	}
}

func TestPayrollEventsWithoutLessons(t *testing.T) {
	// 张伟 only has admin shifts: his fee is 0, so an early leave deducts 0
	// and his reward is still paid. Worked example: admin 91.00.
	rows, rs := workedExample()
	rs = append(rs, rec{name: "张伟", label: "早退"}, rec{name: "张伟", label: "奖励", amount: "20.00"})
	p := run(t, rules.Default(), rows, rs)
	checkLine(t, p, "张伟", want{"0.00", "0.00", "91.00", "0.00", "10%", "0.00", "20.00", "111.00"})
}

func TestPayrollHalfCents(t *testing.T) {
	r := rules.Default()
	r.Performance.Amount = d("5.15")
	// fee 3 × 5.15 = 15.45; one early leave 10% = 1.545 → 1.55 (half up).
	p := run(t, r, []logRow{{"", "王芳", L, "3", 1}}, []rec{{name: "王芳", label: "早退"}})
	checkLine(t, p, "王芳", want{"60.00", "0.00", "0.00", "15.45", "10%", "1.55", "0.00", "73.90"})

	r = rules.Default()
	r.Rates.Lesson = d("20.15")
	r.Performance = rules.Performance{Basis: rules.PercentOfGeneral, Amount: d("0.10")}
	// lesson 3 × 20.15 = 60.45; fee 10% = 6.045 → 6.05.
	p = run(t, r, []logRow{{"", "王芳", L, "3", 1}}, nil)
	checkLine(t, p, "王芳", want{"60.45", "0.00", "0.00", "6.05", "0%", "0.00", "0.00", "66.50"})
}

func TestPayrollPerformanceBases(t *testing.T) {
	// 王芳 34 lessons and 8 breaks (760.00 general pay) with a 30% complaint;
	// 张伟 6 admin shifts only.
	rows := []logRow{{"", "王芳", L, "34", 1}, {"", "王芳", S, "8", 1}, {"", "张伟", A, "6", 1}}
	complaint := []rec{{name: "王芳", label: "家长投诉", percent: "30%"}}
	for _, c := range []struct {
		name       string
		perf       rules.Performance
		wang       want
		zhangFee   string
		placeholer bool
	}{
		{"per session", rules.Performance{Basis: rules.PerSession, Amount: d("5.00")},
			want{"680.00", "80.00", "0.00", "170.00", "30%", "51.00", "0.00", "879.00"}, "0.00", true},
		{"per session changed", rules.Performance{Basis: rules.PerSession, Amount: d("6.00")},
			// 34 × 6 = 204; 30% = 61.20
			want{"680.00", "80.00", "0.00", "204.00", "30%", "61.20", "0.00", "902.80"}, "0.00", false},
		{"fixed", rules.Performance{Basis: rules.Fixed, Amount: d("300.00")},
			// 30% of 300 = 90; 张伟 has no lesson, so no fee.
			want{"680.00", "80.00", "0.00", "300.00", "30%", "90.00", "0.00", "970.00"}, "0.00", false},
		{"percent of general", rules.Performance{Basis: rules.PercentOfGeneral, Amount: d("0.125")},
			// 12.5% of 760 = 95.00; 30% = 28.50
			want{"680.00", "80.00", "0.00", "95.00", "30%", "28.50", "0.00", "826.50"}, "0.00", false},
		{"whole pay", rules.Performance{Basis: rules.WholePay},
			// fee = 760; 30% = 228; net = 680 + 80 − 228
			want{"680.00", "80.00", "0.00", "760.00", "30%", "228.00", "0.00", "532.00"}, "0.00", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := rules.Default()
			r.Performance = c.perf
			p := run(t, r, rows, complaint)
			checkLine(t, p, "王芳", c.wang)
			if got := line(t, p, "张伟").Fee.StringFixed(2); got != c.zhangFee {
				t.Errorf("张伟 fee = %s, want %s", got, c.zhangFee)
			}
			if p.Placeholder != c.placeholer {
				t.Errorf("Placeholder = %v, want %v", p.Placeholder, c.placeholer)
			}
		})
	}
}

func TestPayrollAdmin(t *testing.T) {
	for _, c := range []struct {
		name      string
		mode      rules.AdminMode
		rows      []logRow
		pay       map[string]string // person → admin pay
		hours     map[string]string // person → 行政值班课时
		chain     [5]string         // base, pool, hours, paid, unspent
		wantScale bool
	}{
		{
			// base 1000 → pool 80.00 → 11 hours (77.00), 3.00 unspent; 2:2:1
			// gives 4.4, 4.4, 2.2 → 4, 4, 2 and one left; T1 and T2 tie on
			// remainder and shifts, person order gives it to T1.
			name: "pool tie goes to person order", mode: rules.AdminPool,
			rows:  []logRow{{"T9", "教师", L, "50", 1}, {"T1", "甲", A, "2", 1}, {"T2", "乙", A, "2", 1}, {"T3", "丙", A, "1", 1}},
			pay:   map[string]string{"甲": "35.00", "乙": "28.00", "丙": "14.00"},
			hours: map[string]string{"甲": "5", "乙": "4", "丙": "2"},
			chain: [5]string{"1000.00", "80.00", "11", "77.00", "3.00"},
		},
		{
			// base 300 → pool 24.00 → 3 hours; 2:6:4 gives 0.5, 1.5, 1 → 0, 1, 1
			// and one left; T1 and T2 tie on remainder, more shifts wins.
			name: "pool tie goes to more shifts", mode: rules.AdminPool,
			rows:  []logRow{{"T9", "教师", L, "15", 1}, {"T1", "甲", A, "2", 1}, {"T2", "乙", A, "6", 1}, {"T3", "丙", A, "4", 1}},
			pay:   map[string]string{"甲": "0.00", "乙": "14.00", "丙": "7.00"},
			hours: map[string]string{"甲": "0", "乙": "2", "丙": "1"},
			chain: [5]string{"300.00", "24.00", "3", "21.00", "3.00"},
		},
		{
			// No admin rows: the whole pool stays in the fund.
			name: "no admin rows", mode: rules.AdminPool,
			rows:  []logRow{{"", "王芳", L, "34", 1}},
			pay:   map[string]string{"王芳": "0.00"},
			hours: map[string]string{"王芳": "0"},
			chain: [5]string{"680.00", "54.40", "0", "0.00", "54.40"},
		},
		{
			// Worked example in capped mode: 10 shifts × 7.00 = 70.00 fits the
			// 158.40 pool.
			name: "capped under the pool", mode: rules.AdminCapped,
			rows:  []logRow{{"", "王芳", L, "34", 1}, {"", "王芳", S, "8", 1}, {"", "李强", L, "30", 1}, {"", "李强", S, "12", 1}, {"", "陈静", L, "25", 1}, {"", "张伟", A, "6", 1}, {"", "刘洋", A, "4", 1}},
			pay:   map[string]string{"张伟": "42.00", "刘洋": "28.00"},
			hours: map[string]string{"张伟": "6", "刘洋": "4"},
			chain: [5]string{"1980.00", "158.40", "10", "70.00", "88.40"},
		},
		{
			// base 700 → pool 56.00 < 9 × 7.00 = 63.00: scaled, 5600 fen by
			// 3:3:3 is 1866.67 each → 1866 + one fen to the first two.
			name: "capped over the pool", mode: rules.AdminCapped,
			rows:      []logRow{{"T9", "教师", L, "35", 1}, {"T1", "甲", A, "3", 1}, {"T2", "乙", A, "3", 1}, {"T3", "丙", A, "3", 1}},
			pay:       map[string]string{"甲": "18.67", "乙": "18.67", "丙": "18.66"},
			hours:     map[string]string{"甲": "3", "乙": "3", "丙": "3"},
			chain:     [5]string{"700.00", "56.00", "9", "56.00", "0.00"},
			wantScale: true,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := rules.Default()
			r.Admin.Mode = c.mode
			p := run(t, r, c.rows, nil)
			for name, w := range c.pay {
				if got := line(t, p, name).AdminPay.StringFixed(2); got != w {
					t.Errorf("%s admin pay = %s, want %s", name, got, w)
				}
				if got := line(t, p, name).AdminHours.String(); got != c.hours[name] {
					t.Errorf("%s admin hours = %s, want %s", name, got, c.hours[name])
				}
			}
			a := p.Admin
			got := [5]string{a.Base.StringFixed(2), a.Pool.StringFixed(2), a.Hours.String(), a.Paid.StringFixed(2), a.Unspent.StringFixed(2)}
			if got != c.chain {
				t.Errorf("chain (base, pool, hours, paid, unspent) = %v, want %v", got, c.chain)
			}
			if a.Scaled != c.wantScale {
				t.Errorf("Scaled = %v, want %v", a.Scaled, c.wantScale)
			}
		})
	}
}

func TestPayrollFractionalCounts(t *testing.T) {
	r := rules.Default()
	r.Sessions.CountStep = d("0.5")
	// 2.5 lessons = 50.00; base 50 → pool 4.00 → 0 hours at 7.00: all unspent.
	p := run(t, r, []logRow{{"", "王芳", L, "2.5", 1}, {"", "张伟", A, "1.5", 1}}, nil)
	checkLine(t, p, "王芳", want{"50.00", "0.00", "0.00", "12.50", "0%", "0.00", "0.00", "62.50"})
	if got := p.Admin.Unspent.StringFixed(2); got != "4.00" {
		t.Errorf("unspent = %s, want 4.00", got)
	}
}

func TestPersonOrder(t *testing.T) {
	p := run(t, rules.Default(), []logRow{
		{"T10", "甲", L, "1", 1}, {"T9", "乙", L, "1", 1}, {"T2", "丙", L, "1", 1}, {"T011", "丁", L, "1", 1}, {"S1", "戊", L, "1", 1},
	}, nil)
	var got []string
	for _, l := range p.Lines {
		got = append(got, l.ID)
	}
	if w := "S1 T2 T9 T10 T011"; strings.Join(got, " ") != w {
		t.Errorf("order = %v, want %s", got, w)
	}
	// Without 工号, by name in code point order: 刘 U+5218 < 张 U+5F20 < 王 U+738B.
	p = run(t, rules.Default(), []logRow{{"", "王芳", L, "1", 1}, {"", "张伟", L, "1", 1}, {"", "刘洋", L, "1", 1}}, nil)
	got = nil
	for _, l := range p.Lines {
		got = append(got, l.Name)
	}
	if w := "刘洋 张伟 王芳"; strings.Join(got, " ") != w {
		t.Errorf("order = %v, want %s", got, w)
	}
}

func TestPayrollProblems(t *testing.T) {
	byID := []logRow{{"T1", "张三", L, "10", 1}, {"T2", "张三", L, "10", 1}, {"T3", "李四", L, "10", 1}}
	byName := []logRow{{"", "王芳", L, "10", 1}}
	for _, c := range []struct {
		name string
		rows []logRow
		recs []rec
		cell string // the cell the problem names
		col  string
		code Code
		says string // a figure or name the message must give, if any
	}{
		{"unknown event", byName, []rec{{name: "王芳", label: "迟到"}}, "D2", "事项", "unknown-event", ""},
		{"complaint without percent", byName, []rec{{name: "王芳", label: "家长投诉"}}, "E2", "比例", "missing", "10%–100%"},
		{"complaint below range", byName, []rec{{name: "王芳", label: "家长投诉", percent: "5%"}}, "E2", "比例", "percent-range", "10%–100%"},
		{"incident below range", byName, []rec{{name: "王芳", label: "重大安全事故", percent: "30%"}}, "E2", "比例", "percent-range", "50%–100%"},
		{"reward without amount", byName, []rec{{name: "王芳", label: "奖励"}}, "F2", "金额", "missing", ""},
		{"reward of fractions of a fen", byName, []rec{{name: "王芳", label: "奖励", amount: "10.005"}}, "F2", "金额", "not-money", ""},
		// 10^13 is 16 digits: a spreadsheet shows 15.
		{"reward too large to show", byName, []rec{{name: "王芳", label: "奖励", amount: "10000000000000"}}, "F2", "金额", CodeAmountTooLarge, ""},
		{"teacher without sessions", byName, []rec{{name: "王方", label: "早退"}}, "C2", "教师", "unknown-person", ""},
		{"name shared by two 工号", byID, []rec{{name: "张三", label: "早退"}}, "C2", "教师", "same-name", "T1、T2"},
		{"工号 unknown", byID, []rec{{id: "T9", name: "李四", label: "早退"}}, "B2", "工号", "unknown-id", ""},
		{"工号 with another name", byID, []rec{{id: "T3", name: "李思", label: "早退"}}, "C2", "教师", "id-name-mismatch", "李四"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p, problems := Payroll(rules.Default(), tally(t, rules.Default(), c.rows), records(c.recs))
			if p != nil {
				t.Fatal("Payroll returned a payout despite an error")
			}
			errs := problems.Errors()
			if len(errs) != 1 {
				t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
			}
			var pr Problem
			if !errors.As(error(errs[0]), &pr) {
				t.Fatal("not a Problem")
			}
			if pr.Ref.Cell() != c.cell || pr.Column != c.col || pr.Code != c.code || !strings.Contains(pr.Msg, c.says) {
				t.Errorf("problem = %s %s %s %q, want %s %s %s saying %q", pr.Code, pr.Ref.Cell(), pr.Column, pr.Msg, c.code, c.cell, c.col, c.says)
			}
			if !strings.HasPrefix(pr.Error(), "考核记录.xlsx 考核!"+c.cell) {
				t.Errorf("Error() = %q, want it to start with the file, sheet and cell", pr.Error())
			}
		})
	}
}

func TestTallyProblems(t *testing.T) {
	r := rules.Default()
	r.Sessions.CountStep = d("1")
	tl := tally(t, r, []logRow{
		{"T1", "张三", L, "2", 1},   // row 2
		{"T1", "张山", L, "2", 1},   // row 3: 工号 with another name
		{"T2", "李四", L, "1.5", 1}, // row 4: not a whole multiple of 1
		{"T2", "李四", L, "3", 5},   // row 5: 9-05 is a Saturday
		{"T2", "李四", L, "2", 1},   // row 6
		{"T2", "李四", L, "3", 1},   // row 7: 5 lessons on 9-01, over 4
		{"T2", "李四", L, "3", 1},   // row 8: same as row 7
	})
	var got []string
	for _, p := range tl.Problems() {
		kind := "error"
		if p.Warning {
			kind = "warning"
		}
		got = append(got, kind+" "+p.Ref.Cell())
	}
	want := "error C3 | error E4 | warning A5 | warning E7 | warning C8"
	if strings.Join(got, " | ") != want {
		t.Errorf("problems = %s\nwant %s\n%v", strings.Join(got, " | "), want, tl.Problems())
	}
}
