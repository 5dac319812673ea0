package calc

import (
	"strings"
	"testing"

	"kfpay/rules"
)

// halfShiftRules are the rules of issue 21's capped case: lessons at 21.10,
// admin duty at 6.75 a shift in capped mode, counts in half steps.
func halfShiftRules() *rules.Rules {
	r := rules.Default()
	r.Rates.Lesson = d("21.10")
	r.Admin.Mode, r.Admin.Rate = rules.AdminCapped, d("6.75")
	r.Sessions.CountStep = d("0.5")
	return r
}

// TestCappedAdminDecidedOnPaidFigures works issue 21's case by hand.
//
// Lessons: 3 + 3 = 6 at 21.10 = 126.60 (no breaks), so
//
//	base = 126.60
//	pool = round(126.60 × 8%) = round(10.128) = 10.13.
//
// Three duty leaders log 0.5 shift each. Each would be paid
// round(0.5 × 6.75) = round(3.375) = 3.38, 10.14 in all: more than the
// pool of 10.13, although the unrounded 1.5 × 6.75 = 10.125 rounds to it.
// So the pool is shared pro rata by cents: 1013 fen × 0.5 / 1.5 = 337.67
// each, 337 each makes 1011, and the 2 fen left go by the tie order (equal
// remainders, equal shifts, then person order) to A01 and A02:
// 3.38 / 3.38 / 3.37, paid 10.13, unspent 0.00.
func TestCappedAdminDecidedOnPaidFigures(t *testing.T) {
	rows := []logRow{
		{"T01", "王芳", L, "3", 1}, {"T02", "李强", L, "3", 1},
		{"A01", "张伟", A, "0.5", 1}, {"A02", "刘洋", A, "0.5", 1}, {"A03", "陈静", A, "0.5", 1},
	}
	p := run(t, halfShiftRules(), rows, nil)
	a := p.Admin
	if got := [...]string{a.Base.StringFixed(2), a.Pool.StringFixed(2), a.Want.StringFixed(2), a.Paid.StringFixed(2), a.Unspent.StringFixed(2)}; got != [...]string{"126.60", "10.13", "10.14", "10.13", "0.00"} {
		t.Errorf("chain (base, pool, want, paid, unspent) = %v, want [126.60 10.13 10.14 10.13 0.00]", got)
	}
	if !a.Scaled {
		t.Error("Scaled = false, want true: 10.14 to pay exceeds the pool of 10.13")
	}
	for name, w := range map[string]string{"张伟": "3.38", "刘洋": "3.38", "陈静": "3.37"} {
		l := line(t, p, name)
		if got := l.AdminPay.StringFixed(2); got != w {
			t.Errorf("%s 行政值班补助 = %s, want %s", name, got, w)
		}
		if got := l.Net.StringFixed(2); got != w {
			t.Errorf("%s 实发合计 = %s, want %s", name, got, w)
		}
	}
	// 合计: lessons 126.60 + admin 10.13 + fee 6 × 5.00 = 30.00 → 166.73.
	if got := p.Total.Net.StringFixed(2); got != "166.73" {
		t.Errorf("合计 实发合计 = %s, want 166.73", got)
	}

	ex, err := explain(t, halfShiftRules(), rows, nil, "陈静")
	if err != nil {
		t.Fatal(err)
	}
	it := item(t, ex, "行政值班补助")
	if want := "全校按次计发 1.5 次，每人按本人次数 × 6.75 四舍五入到分，合计 10.14，超出经费 10.13：经费按登记次数比例分配，精确到分"; !strings.Contains(strings.Join(it.Steps, "\n"), want) {
		t.Errorf("explain steps = %q, want a step %q", it.Steps, want)
	}
}

// TestCappedAdminNotScaledWhenPaidFiguresFit is the other side: the paid
// figures fit the pool though the unrounded total would not.
//
// count_step 0.25, rate 6.73: four leaders log 0.25 shift each, and each is
// paid round(0.25 × 6.73) = round(1.6825) = 1.68, 6.72 in all. The unrounded
// 1 × 6.73 = 6.73 would exceed a pool of 6.72; what is paid does not.
// Lessons 4 at 21.00 = 84.00; pool = round(84.00 × 8%) = 6.72.
func TestCappedAdminNotScaledWhenPaidFiguresFit(t *testing.T) {
	r := rules.Default()
	r.Rates.Lesson = d("21.00")
	r.Admin.Mode, r.Admin.Rate = rules.AdminCapped, d("6.73")
	r.Sessions.CountStep = d("0.25")
	p := run(t, r, []logRow{
		{"T01", "王芳", L, "4", 1},
		{"A01", "张伟", A, "0.25", 1}, {"A02", "刘洋", A, "0.25", 1}, {"A03", "陈静", A, "0.25", 1}, {"A04", "赵敏", A, "0.25", 1},
	}, nil)
	a := p.Admin
	if got := [...]string{a.Pool.StringFixed(2), a.Want.StringFixed(2), a.Paid.StringFixed(2), a.Unspent.StringFixed(2)}; got != [...]string{"6.72", "6.72", "6.72", "0.00"} {
		t.Errorf("chain (pool, want, paid, unspent) = %v, want [6.72 6.72 6.72 0.00]", got)
	}
	if a.Scaled {
		t.Error("Scaled = true, want false: the 6.72 paid fits the pool")
	}
	for _, name := range []string{"张伟", "刘洋", "陈静", "赵敏"} {
		if got := line(t, p, name).AdminPay.StringFixed(2); got != "1.68" {
			t.Errorf("%s 行政值班补助 = %s, want 1.68", name, got)
		}
	}
}

// TestFixedFeeRoundedPerPerson: a fee to the fen is what the rules file
// allows now, but a value handed to calc unrounded (120.005) is still paid
// per person as 120.01, and the 合计 is 2 × 120.01 = 240.02, the sum of the
// lines shown, not round(240.010) = 240.01.
func TestFixedFeeRoundedPerPerson(t *testing.T) {
	r := rules.Default()
	r.Performance = rules.Performance{Basis: rules.Fixed, Amount: d("120.005")}
	p := run(t, r, []logRow{{"T01", "王芳", L, "1", 1}, {"T02", "李强", L, "1", 1}}, nil)
	for _, name := range []string{"王芳", "李强"} {
		// lesson 20.00 + fee 120.01 = 140.01
		checkLine(t, p, name, want{"20.00", "0.00", "0.00", "120.01", "0%", "0.00", "0.00", "140.01"})
	}
	if got := p.Total.Fee.StringFixed(2); got != "240.02" || !p.Total.Fee.Equal(d("240.02")) {
		t.Errorf("合计 绩效服务费 = %s, want 240.02 exactly", p.Total.Fee)
	}
}

// TestPayrollFiguresToTheFen: reconcile refuses a payout with a figure
// below the fen, naming it, so that no sheet can print lines that do not add
// up to its 合计.
func TestPayrollFiguresToTheFen(t *testing.T) {
	r := rules.Default()
	p := run(t, r, []logRow{{"", "王芳", L, "1", 1}}, nil)
	p.Lines[0].Reward = d("0.005")
	p.Lines[0].Net = p.Lines[0].Net.Add(d("0.005"))
	p.Total = total(p.Lines, len(r.Events))
	err := reconcile(p)
	if err == nil || !strings.Contains(err.Error(), "王芳 奖励 0.005 不是精确到分的金额") {
		t.Errorf("reconcile = %v, want it to name 王芳's 奖励 0.005", err)
	}
}

// TestAmountTooLargeToShow: a figure of 10^13 yuan or more cannot be shown
// to the fen by a spreadsheet (15 significant digits), so the payout would
// not add up when read back. 5 × 2,000,000,000,000.00 = 10,000,000,000,000.00
// is one fen past the largest amount that shows, 9,999,999,999,999.99. 李强's
// 4 × = 8,000,000,000,000.00 + fee 20.00 shows; the 合计, past it too, is
// not said again.
func TestAmountTooLargeToShow(t *testing.T) {
	r := rules.Default()
	r.Rates.Lesson = d("2000000000000.00")
	p, problems := Payroll(r, tally(t, r, []logRow{{"T01", "王芳", L, "3", 1}, {"T01", "王芳", L, "2", 2}, {"T02", "李强", L, "4", 1}}), nil)
	if p != nil {
		t.Fatal("Payroll wrote a payout that a spreadsheet cannot show")
	}
	var got []string
	for _, pr := range problems.Errors() {
		msg, _, _ := strings.Cut(pr.Msg, " 超出")
		got = append(got, string(pr.Code)+" "+msg)
	}
	// 李强's line shows; the 合计 is not said again once a line was.
	if want := "amount-too-large 王芳 上课补助 10000000000000.00"; strings.Join(got, "|") != want {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if s := problems[0].Error(); strings.HasPrefix(s, "：") {
		t.Errorf("Error() = %q starts with a separator, with no place before it", s)
	}
}
