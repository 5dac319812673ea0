package calc

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// TestPayrollHalvesSame compares Payroll's lines worked out in two halves
// at once (parallelLines) with the same month worked out in one pass, under
// each performance basis and admin mode: every figure the same value at
// the same exponent, and the same 合计, admin chain, records and problems.
func TestPayrollHalvesSame(t *testing.T) {
	variants := map[string]func(r *rules.Rules){
		"default": func(r *rules.Rules) {},
		"capped": func(r *rules.Rules) {
			r.Admin.Mode = rules.AdminCapped
			r.Admin.Rate = decimal.RequireFromString("3.375")
		},
		"capped scaled": func(r *rules.Rules) {
			r.Admin.Mode = rules.AdminCapped
			r.Admin.Rate = decimal.RequireFromString("900")
		},
		"fixed": func(r *rules.Rules) {
			r.Performance = rules.Performance{Basis: rules.Fixed, Amount: decimal.RequireFromString("120.005")}
		},
		"percent_of_general": func(r *rules.Rules) {
			r.Performance = rules.Performance{Basis: rules.PercentOfGeneral, Amount: decimal.RequireFromString("0.125")}
		},
		"whole_pay": func(r *rules.Rules) { r.Performance = rules.Performance{Basis: rules.WholePay} },
		// 7 lessons and more pay 10^13 yuan and more: too large to show.
		"too large": func(r *rules.Rules) { r.Rates.Lesson = decimal.New(15, 11) },
		"odd rates": func(r *rules.Rules) {
			r.Rates.Lesson, r.Rates.Safety = decimal.RequireFromString("17.333"), decimal.RequireFromString("0.005")
		},
	}
	for name, change := range variants {
		t.Run(name, func(t *testing.T) {
			r := rules.Default()
			change(r)
			const teachers = 6_000 // over parallelLines: two halves
			one := func(limit int) (*Payout, Problems) {
				defer func(was int) { parallelLines = was }(parallelLines)
				parallelLines = limit
				tl, records := benchMonth(t, r, teachers)
				return Payroll(r, tl, records)
			}
			want, wantPs := one(1 << 30)
			got, gotPs := one(2)
			if fmt.Sprint(gotPs) != fmt.Sprint(wantPs) {
				t.Errorf("problems in halves = %v, want %v", gotPs, wantPs)
			}
			if name == "too large" {
				// Lines of both halves too large, in line order.
				if want != nil || got != nil || len(wantPs.Errors()) < 100 {
					t.Fatalf("Payroll = %v, %v with %d errors; want none and at least 100 errors", want, got, len(wantPs.Errors()))
				}
				return
			}
			if want == nil || got == nil {
				t.Fatalf("Payroll = %v, %v; want a payout: %v", want, got, wantPs.Errors())
			}
			if len(got.Lines) != teachers {
				t.Fatalf("%d lines, want %d", len(got.Lines), teachers)
			}
			for i := range want.Lines {
				sameLine(t, fmt.Sprintf("line %d", i), &got.Lines[i], &want.Lines[i])
			}
			sameLine(t, "合计", &got.Total, &want.Total)
			if fmt.Sprintf("%+v", got.Admin) != fmt.Sprintf("%+v", want.Admin) {
				t.Errorf("admin chain in halves = %+v, want %+v", got.Admin, want.Admin)
			}
			if len(got.Events) != len(want.Events) {
				t.Fatalf("%d records, want %d", len(got.Events), len(want.Events))
			}
			for i := range want.Events {
				g, w := got.Events[i], want.Events[i]
				if g.Line != w.Line || g.Status != w.Status || !sameDecimal(g.Yuan, w.Yuan) || !sameDecimal(g.Percent, w.Percent) {
					t.Errorf("record %d in halves = %+v, want %+v", i, g, w)
				}
			}
		})
	}
}

// sameLine fails t unless lines a and b are the same person with every
// figure the same value at the same exponent, the zero Decimal where the
// other has it, and the same event counts.
func sameLine(t *testing.T, what string, a, b *Line) {
	t.Helper()
	fa := [...]decimal.Decimal{a.Lessons, a.Breaks, a.Shifts, a.AdminHours, a.LessonPay, a.SafetyPay, a.AdminPay, a.Fee, a.Percent, a.Deduction, a.Reward, a.Net}
	fb := [...]decimal.Decimal{b.Lessons, b.Breaks, b.Shifts, b.AdminHours, b.LessonPay, b.SafetyPay, b.AdminPay, b.Fee, b.Percent, b.Deduction, b.Reward, b.Net}
	for k := range fa {
		if !sameDecimal(fa[k], fb[k]) || (fa[k] == decimal.Decimal{}) != (fb[k] == decimal.Decimal{}) {
			t.Fatalf("%s figure %d = %s [exp %d], want %s [exp %d]", what, k, fa[k], fa[k].Exponent(), fb[k], fb[k].Exponent())
		}
	}
	if a.Person != b.Person || fmt.Sprint(a.EventCounts) != fmt.Sprint(b.EventCounts) {
		t.Fatalf("%s = %v %v, want %v %v", what, a.Person, a.EventCounts, b.Person, b.EventCounts)
	}
}

// TestSumMerge compares a sum of two parts merged with one chain of Add
// from the zero Decimal over all the addends, on random figures of every
// size, a part empty included.
func TestSumMerge(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for range 20_000 {
		n := rnd.IntN(6)
		ds := make([]decimal.Decimal, n)
		for i := range ds {
			ds[i] = randomDecimal(rnd)
		}
		cut := rnd.IntN(n + 1)
		var a, b sum
		want := decimal.Decimal{}
		for i, d := range ds {
			if i < cut {
				a.add(d)
			} else {
				b.add(d)
			}
			want = want.Add(d)
		}
		a.merge(&b)
		if n == 0 {
			continue // a chain of nothing: the zero Decimal, which Payroll's halves never are
		}
		if got := a.value(); !sameDecimal(got, want) {
			t.Fatalf("merge of %v cut at %d = %s [exp %d], want %s [exp %d]", ds, cut, got, got.Exponent(), want, want.Exponent())
		}
	}
}
