package calc

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"kfpay/rules"
)

// TestDeductionShares checks the yuan each record of 扣款明细 takes, worked
// out by hand from the rule of applyEvents: in date order, record k takes
// round(fee × min(100%, p1+…+pk)) − what the records before it took.
func TestDeductionShares(t *testing.T) {
	fixed := func(amount string) *rules.Rules {
		r := rules.Default()
		r.Performance = rules.Performance{Basis: rules.Fixed, Amount: d(amount)}
		return r
	}
	for _, c := range []struct {
		name  string
		rules *rules.Rules
		recs  []rec
		// each record of 扣款明细 in date order: yuan, then its working
		want      []string
		deduction string
	}{
		{
			// 李强 30 lessons, fee 30 × 5.00 = 150.00; three early leaves,
			// the third 100% (篇三 (二) 3): running 10%, 20%, 120% → capped
			// at 100%: 15.00, 30.00, 150.00; each takes the difference:
			// 15.00 + 15.00 + 120.00 = 150.00.
			name:  "third early leave reaches the cap",
			rules: rules.Default(),
			recs:  []rec{{name: "李强", label: "早退", day: 3}, {name: "李强", label: "早退", day: 8}, {name: "李强", label: "早退", day: 15}},
			want: []string{
				"15.00 150.00 × 10% = 15.00",
				"15.00 150.00 × 10% = 15.00",
				"120.00 累计 120%，最高 100%：150.00 × 100% − 此前已扣 30.00 = 120.00",
			},
			deduction: "150.00",
		},
		{
			// Fee 150.00; complaints 60% and 70%, then an early leave 10%:
			// running 60%, 130% → 100%, 140% → 100%: 90.00, 150.00,
			// 150.00; the second takes 150.00 − 90.00 = 60.00 of its 70%,
			// the third nothing: 90.00 + 60.00 + 0.00 = 150.00.
			name:  "cap reached in the middle of a record",
			rules: rules.Default(),
			recs: []rec{{name: "李强", label: "家长投诉", percent: "60%", day: 5}, {name: "李强", label: "家长投诉", percent: "70%", day: 6},
				{name: "李强", label: "早退", day: 7}},
			want: []string{
				"90.00 150.00 × 60% = 90.00",
				"60.00 累计 130%，最高 100%：150.00 × 100% − 此前已扣 90.00 = 60.00",
				"0.00 此前各条比例之和已达 100%，本条不再扣款",
			},
			deduction: "150.00",
		},
		{
			// Fee 33.33 a teacher; two early leaves and a hand-over breach,
			// 10% each (the third is counted per kind): 33.33 × 30% = 9.999
			// → 10.00. Alone each record would be 3.333 → 3.33, 9.99 in
			// all. Running: 3.333 → 3.33, 6.666 → 6.67, 9.999 → 10.00:
			// 3.33, 6.67 − 3.33 = 3.34, 10.00 − 6.67 = 3.33.
			name:  "rounding each record alone would lose a fen",
			rules: fixed("33.33"),
			recs:  []rec{{name: "李强", label: "早退", day: 2}, {name: "李强", label: "交接违规", day: 3}, {name: "李强", label: "早退", day: 4}},
			want: []string{
				"3.33 33.33 × 10% = 3.33（四舍五入到分）",
				"3.34 累计 20%：33.33 × 20% = 6.67（四舍五入到分），减去此前已扣 3.33 = 3.34",
				"3.33 33.33 × 10% = 3.33（四舍五入到分）",
			},
			deduction: "10.00",
		},
		{
			// Fee 0.05; four complaints of 10%: 0.05 × 40% = 0.02. Alone
			// each would be 0.005 → 0.01, 0.04 in all, more than the
			// deduction; taking "the rest" on the last would be −0.02.
			// Running: 0.005 → 0.01, 0.010, 0.015 → 0.02, 0.020: 0.01,
			// 0.00, 0.01, 0.00. Where a record takes its own percent
			// rounded, it is shown as such; where not, the running total.
			name:  "rounding each record alone would deduct too much",
			rules: fixed("0.05"),
			recs: []rec{{name: "李强", label: "家长投诉", percent: "10%", day: 2}, {name: "李强", label: "家长投诉", percent: "10%", day: 3},
				{name: "李强", label: "家长投诉", percent: "10%", day: 4}, {name: "李强", label: "家长投诉", percent: "10%", day: 5}},
			want: []string{
				"0.01 0.05 × 10% = 0.01（四舍五入到分）",
				"0.00 累计 20%：0.05 × 20% = 0.01，减去此前已扣 0.01 = 0.00",
				"0.01 0.05 × 10% = 0.01（四舍五入到分）", // its own 0.005 → 0.01 is what it takes
				"0.00 累计 40%：0.05 × 40% = 0.02，减去此前已扣 0.02 = 0.00",
			},
			deduction: "0.02",
		},
		{
			// Fee 150.00. A reward adds its amount; leave deducts nothing; a
			// major incident waits for the term; none of them moves the
			// running total, so the complaint is 150.00 × 30% = 45.00.
			name:  "rewards, leave and term records",
			rules: rules.Default(),
			recs: []rec{{name: "李强", label: "奖励", amount: "50.00", day: 2}, {name: "李强", label: "请假", day: 3},
				{name: "李强", label: "重大安全事故", percent: "50%", day: 4}, {name: "李强", label: "家长投诉", percent: "30%", day: 5}},
			want: []string{
				"50.00 按记录金额发放",
				"0.00 不扣款，计入出勤公示",
				"0.00 学期结算时按本学期的绩效服务费扣除",
				"45.00 150.00 × 30% = 45.00",
			},
			deduction: "45.00",
		},
		{
			// Half a fen rounds up (四舍五入): fee 3 × 5.15 = 15.45, 10% is
			// 1.545 → 1.55.
			name: "half a fen",
			rules: func() *rules.Rules {
				r := rules.Default()
				r.Performance.Amount = d("5.15")
				return r
			}(),
			recs:      []rec{{name: "李强", label: "早退"}},
			want:      []string{"1.55 15.45 × 10% = 1.55（四舍五入到分）"},
			deduction: "1.55",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			lessons := "30"
			if c.name == "half a fen" {
				lessons = "3"
			}
			p := run(t, c.rules, []logRow{{"", "李强", L, lessons, 1}}, c.recs)
			var got []string
			for _, e := range p.Events {
				got = append(got, e.Yuan.StringFixed(2)+" "+e.Working())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("扣款明细:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if got := line(t, p, "李强").Deduction.StringFixed(2); got != c.deduction {
				t.Errorf("扣除金额 = %s, want %s", got, c.deduction)
			}
		})
	}
}

// TestDeductionSharesAddUp checks, on many random months, that each
// person's records take exactly the person's 扣除金额 and 奖励, and that no
// record takes a negative amount. Payroll's own reconcile checks the same
// and fails the run; this test makes sure it is reached with awkward fees
// and percents.
func TestDeductionSharesAddUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	labels := []string{"早退", "交接违规", "家长投诉", "无故空堂", "请假", "奖励", "重大安全事故"}
	for i := range 500 {
		r := rules.Default()
		r.Performance = rules.Performance{Basis: rules.Fixed, Amount: d(fmt.Sprintf("%d.%02d", rng.IntN(300), rng.IntN(100)))}
		var recs []rec
		for range rng.IntN(8) {
			rc := rec{name: []string{"王芳", "李强"}[rng.IntN(2)], label: labels[rng.IntN(len(labels))], day: 1 + rng.IntN(30)}
			switch rc.label {
			case "家长投诉":
				rc.percent = fmt.Sprintf("%d%%", 10+rng.IntN(91))
			case "重大安全事故":
				rc.percent = fmt.Sprintf("%d%%", 50+rng.IntN(51))
			case "奖励":
				rc.amount = fmt.Sprintf("%d.%02d", 1+rng.IntN(100), rng.IntN(100))
			}
			recs = append(recs, rc)
		}
		p, problems := Payroll(r, tally(t, r, []logRow{{"", "王芳", L, "3", 1}, {"", "李强", L, "5", 1}}), records(recs))
		if p == nil {
			t.Fatalf("case %d: %v", i, problems)
		}
		for _, l := range p.Lines {
			ded, rew := Sum(), Sum()
			for _, e := range p.Events {
				if e.Line != lineIndex(p, l.Name) {
					continue
				}
				if e.Yuan.IsNegative() {
					t.Errorf("case %d: %s %s takes %s", i, l.Name, e.Label, e.Yuan)
				}
				switch e.Status {
				case Deducted:
					ded = ded.Add(e.Yuan)
				case Rewarded:
					rew = rew.Add(e.Yuan)
				}
			}
			if !ded.Equal(l.Deduction) || !rew.Equal(l.Reward) {
				t.Errorf("case %d (fee %s, %v): %s records take %s and add %s; 发放明细 says %s and %s",
					i, l.Fee, recs, l.Name, ded, rew, l.Deduction, l.Reward)
			}
		}
	}
}

func lineIndex(p *Payout, name string) int {
	for i, l := range p.Lines {
		if l.Name == name {
			return i
		}
	}
	return -1
}

// TestCapper checks that warnings never crowd out an error or stop a
// reader, and that those past the cap are counted.
func TestCapper(t *testing.T) {
	var c Capper
	for i := range 1000 {
		c.Add(Problem{Code: "w", Warning: true, Ref: Ref{File: "f", Sheet: "s", Row: i + 2}})
	}
	if c.Full() {
		t.Fatal("Full after warnings only")
	}
	for range MaxProblems - 1 {
		c.Add(Problem{Code: "e"})
	}
	if c.Full() {
		t.Fatalf("Full after %d errors", MaxProblems-1)
	}
	c.Add(Problem{Code: "e"})
	if !c.Full() {
		t.Fatalf("not Full after %d errors", MaxProblems)
	}
	ps := c.Problems()
	// 200 warnings listed, one counting the other 800, 200 errors.
	if got, want := len(ps.Errors()), MaxProblems; got != want {
		t.Errorf("errors kept = %d, want %d", got, want)
	}
	if got := ps.WarningCount(); got != 1000 {
		t.Errorf("WarningCount = %d, want 1000", got)
	}
	var omitted []Problem
	for _, p := range ps {
		if p.Code == CodeOmitted {
			omitted = append(omitted, p)
		}
	}
	if len(omitted) != 1 || omitted[0].Omitted != 800 || omitted[0].Ref.Row != 0 || omitted[0].Ref.Sheet != "s" {
		t.Fatalf("omitted = %+v, want one of 800 at sheet s", omitted)
	}
	if got, want := omitted[0].Error(), "f s：另有 800 处警告未逐一列出（每个文件最多列出 200 处）"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
