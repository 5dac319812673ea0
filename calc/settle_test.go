package calc

import (
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// sepTerm is a one-month term for hand arithmetic: 2026-09-01 (Tuesday) to
// 2026-09-30, fee 600.00, the 25th (Friday) a holiday and the 20th (Sunday)
// a make-up workday. Its service days:
//
//	Tue 1 – Fri 4     4
//	Mon 7 – Fri 11    5   → 9 up to the 11th
//	Mon 14 – Fri 18   5
//	Sun 20            1   (调休)
//	Mon 21 – Thu 24   4   (Fri 25 holiday)
//	Mon 28 – Wed 30   3   → 13 from the 14th
//
// S = 22.
func sepTerm() *rules.Rules {
	r := rules.Default()
	r.Term = rules.Term{
		Name:     "测试学期",
		Start:    date(2026, 9, 1),
		End:      date(2026, 9, 30),
		Fee:      d("600.00"),
		Holidays: []rules.Date{date(2026, 9, 25)},
		Workdays: []rules.Date{date(2026, 9, 20)},
	}
	return r
}

// twoMonthTerm is 2026-09-01 to 2026-10-30 with the default holidays and
// workdays in it: the term of testdata/script/settle.txtar.
func twoMonthTerm() *rules.Rules {
	r := rules.Default()
	r.Term.End = date(2026, 10, 30)
	var hol []rules.Date
	for _, h := range r.Term.Holidays {
		if !h.After(r.Term.End) {
			hol = append(hol, h)
		}
	}
	r.Term.Holidays = hol
	return r
}

func date(y int, m time.Month, day int) rules.Date { return rules.Date{Year: y, Month: m, Day: day} }

var sepMonth = rules.Month{Year: 2026, Month: 9}

// pupil is a roster row in test shorthand: waiver "300" or "50%", paid ""
// for the default, start and end "" for the term's ends, else the day of
// September.
type pupil struct {
	id, name, class string
	start, end      int
	waiver, paid    string
}

func roster(ps []pupil) []Pupil {
	var out []Pupil
	for i, p := range ps {
		row := Ref{File: "学生名单.xlsx", Sheet: "名单", Row: i + 2}
		x := Pupil{ID: p.id, Name: p.name, Class: p.class,
			Src: row.At(1), StartSrc: row.At(4), EndSrc: row.At(5), WaiverSrc: row.At(6), PaidSrc: row.At(7)}
		if p.start != 0 {
			x.Start = date(2026, 9, p.start)
		}
		if p.end != 0 {
			x.End = date(2026, 9, p.end)
		}
		if w, ok := strings.CutSuffix(p.waiver, "%"); ok {
			x.Waiver = Waiver{Percent: d(w).Div(hundred), IsPercent: true}
		} else if p.waiver != "" {
			x.Waiver = Waiver{Amount: d(p.waiver)}
		}
		if p.paid != "" {
			x.Paid, x.HasPaid = d(p.paid), true
		}
		out = append(out, x)
	}
	return out
}

// teacher is a 发放明细 row in test shorthand.
type teacher struct{ id, name, fee, deduction, net string }

func paidMonth(m rules.Month, ts []teacher, pending ...TermEvent) PaidMonth {
	p := PaidMonth{Month: m, Src: Ref{File: "发放表-" + m.String() + ".xlsx"}, Pending: pending}
	for i, t := range ts {
		p.Teachers = append(p.Teachers, PaidTeacher{Person: Person{ID: t.id, Name: t.name},
			Fee: d(t.fee), Deduction: d(t.deduction), Net: d(t.net), Src: Ref{File: p.Src.File, Sheet: "发放明细", Col: 15, Row: i + 3}})
	}
	return p
}

func incident(id, name string, day rules.Date, percent string) TermEvent {
	return TermEvent{Date: day, Person: Person{ID: id, Name: name}, Label: "重大安全事故",
		Percent: d(strings.TrimSuffix(percent, "%")).Div(hundred), Source: "考核记录.xlsx 考核!D2"}
}

func expense(cat, amount string) Expense {
	return Expense{Date: date(2026, 9, 10), Category: cat, Amount: d(amount)}
}

func mustSettle(t *testing.T, r *rules.Rules, ps []Pupil, payouts []PaidMonth, spending []Expense) *Settlement {
	t.Helper()
	s, problems := Settle(r, ps, payouts, spending)
	if s == nil || len(problems.Errors()) > 0 {
		t.Fatalf("Settle: %v", problems)
	}
	return s
}

func byID(s *Settlement) map[string]PupilLine {
	m := map[string]PupilLine{}
	for _, l := range s.Pupils {
		m[l.ID] = l
	}
	return m
}

func TestYuanOfIsExact(t *testing.T) {
	// 0.00499…9 with twenty nines: decimal.Div rounds it to 0.005 at 16
	// places, and that would round up to 0.01.
	if got := YuanOf(d("0.005").Sub(d("0."+strings.Repeat("0", 21)+"1")), one); !got.IsZero() {
		t.Errorf("YuanOf(0.00499…9, 1) = %s, want 0.00", got)
	}
	for _, c := range []struct{ num, den, want string }{
		{"7800", "22", "354.55"},   // 354.5454…
		{"5400", "22", "245.45"},   // 245.4545…
		{"73635", "600", "122.73"}, // 122.725, half up
		{"-73635", "600", "-122.73"},
		{"1", "3", "0.33"},
		{"2", "3", "0.67"},
	} {
		if got := YuanOf(d(c.num), d(c.den)); !got.Equal(d(c.want)) {
			t.Errorf("YuanOf(%s, %s) = %s, want %s", c.num, c.den, got, c.want)
		}
	}
	// Against exact rationals: fee × days ÷ S for every S and days of a year.
	for S := int64(1); S <= 200; S++ {
		for n := int64(0); n <= S; n++ {
			num := d("600.00").Mul(decimal.NewFromInt(n))
			got := YuanOf(num, decimal.NewFromInt(S))
			// Half up by integers: cents = floor((2·60000·n + S) / (2S)).
			want := decimal.New((2*60000*n+S)/(2*S), -2)
			if !got.Equal(want) {
				t.Fatalf("YuanOf(600×%d, %d) = %s, want %s", n, S, got, want)
			}
		}
	}
}

func TestSepTermHasTwentyTwoServiceDays(t *testing.T) {
	tm := sepTerm().Term
	for _, c := range []struct {
		a, b rules.Date
		want int
	}{
		{tm.Start, tm.End, 22},
		{tm.Start, date(2026, 9, 11), 9},
		{date(2026, 9, 14), tm.End, 13},
	} {
		if got := tm.ServiceDays(c.a, c.b); got != c.want {
			t.Errorf("ServiceDays(%s, %s) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

// TestSettlePupils works out every kind of pupil by hand on sepTerm (S = 22,
// fee 600.00); the teachers cost more than the income, so no surplus is
// shared and each refund is the leaver refund.
//
//	                     days gross                      waiver                         due     paid (default)       leaver
//	A whole term          22  600.00 (days = S)          0                              600.00  600.00               0
//	B joins 14th          13  600×13/22 = 354.5454→354.55  0                              354.55  354.55 (14th–end)    0
//	C leaves 11th          9  600×9/22 = 245.4545→245.45   0                              245.45  600.00               354.55
//	D leaves 11th, paid 200  9  245.45                     0                              245.45  200.00 (given)       −45.45 owes
//	E 300 whole           22  600.00                     600×300/600 = 300.00           300.00  300.00               0
//	F 50%, joins 14th     13  354.55                     354.55×50% = 177.275→177.28    177.27  177.27               0
//	G 100% whole          22  600.00                     600.00                         0       0                    0
//	H 300, leaves 11th     9  245.45                     245.45×300/600 = 122.725→122.73 122.72  600−300 = 300.00     177.28
//	I 100%, leaves 11th    9  245.45                     245.45                         0       600−600 = 0          0
//	J 100, joins 14th     13  354.55                     354.55×100/600 = 59.0916…→59.09 295.46  295.46               0
//	K 50% whole           22  600.00                     600×50% = 300.00               300.00  300.00               0
//
// income = 600 + 354.55 + 245.45 + 245.45 + 300 + 177.27 + 0 + 122.72 + 0 + 295.46 + 300 = 2640.90
func TestSettlePupils(t *testing.T) {
	ps := roster([]pupil{
		{id: "2026001", name: "甲", class: "一(1)"},
		{id: "2026003", name: "丙", class: "二(1)", end: 11},
		{id: "2026002", name: "乙", class: "一(1)", start: 14},
		{id: "2026004", name: "丁", class: "二(1)", end: 11, paid: "200"},
		{id: "2026005", name: "戊", class: "一(1)", waiver: "300"},
		{id: "2026006", name: "己", class: "三(1)", start: 14, waiver: "50%"},
		{id: "2026007", name: "庚", class: "二(1)", waiver: "100%"},
		{id: "2026008", name: "辛", class: "一(1)", end: 11, waiver: "300"},
		{id: "2026009", name: "壬", class: "三(1)", end: 11, waiver: "100%"},
		{id: "2026010", name: "癸", class: "一(1)", start: 14, waiver: "100"},
		{id: "2026011", name: "子", class: "三(1)", waiver: "50%"},
	})
	// Teacher pay 2700.00 and no other spending: deficit 2640.90 − 2700.00 = −59.10.
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "2700.00"}})}
	s := mustSettle(t, sepTerm(), ps, payouts, nil)

	want := map[string]struct {
		days                             int
		gross, waived, due, paid, leaver string
		refund                           string
	}{
		"2026001": {22, "600.00", "0", "600.00", "600.00", "0", "0"},
		"2026002": {13, "354.55", "0", "354.55", "354.55", "0", "0"},
		"2026003": {9, "245.45", "0", "245.45", "600.00", "354.55", "354.55"},
		"2026004": {9, "245.45", "0", "245.45", "200.00", "-45.45", "-45.45"},
		"2026005": {22, "600.00", "300.00", "300.00", "300.00", "0", "0"},
		"2026006": {13, "354.55", "177.28", "177.27", "177.27", "0", "0"},
		"2026007": {22, "600.00", "600.00", "0", "0", "0", "0"},
		"2026008": {9, "245.45", "122.73", "122.72", "300.00", "177.28", "177.28"},
		"2026009": {9, "245.45", "245.45", "0", "0", "0", "0"},
		"2026010": {13, "354.55", "59.09", "295.46", "295.46", "0", "0"},
		"2026011": {22, "600.00", "300.00", "300.00", "300.00", "0", "0"},
	}
	got := byID(s)
	for id, w := range want {
		l := got[id]
		for _, c := range []struct {
			what      string
			got, want decimal.Decimal
		}{
			{"gross", l.Gross.Decimal(), d(w.gross)}, {"waiver", l.Waived.Decimal(), d(w.waived)}, {"due", l.Due.Decimal(), d(w.due)},
			{"paid", l.PaidAmount.Decimal(), d(w.paid)}, {"leaver", l.Leaver.Decimal(), d(w.leaver)},
			{"share", l.Share.Decimal(), decimal.Zero}, {"refund", l.Refund.Decimal(), d(w.refund)},
		} {
			if !c.got.Equal(c.want) {
				t.Errorf("%s %s = %s, want %s", id, c.what, c.got, c.want)
			}
		}
		if l.Days != w.days {
			t.Errorf("%s days = %d, want %d", id, l.Days, w.days)
		}
	}
	if !got["2026004"].Owes() || s.Owing != 1 {
		t.Errorf("Owing = %d, 2026004 owes %v; want 1, true", s.Owing, got["2026004"].Owes())
	}
	if got["2026004"].PaidDefault || !got["2026003"].PaidDefault {
		t.Errorf("PaidDefault: 2026004 %v (given), 2026003 %v (default)", got["2026004"].PaidDefault, got["2026003"].PaidDefault)
	}

	// Classes in the order they first appear (一(1), 二(1), 三(1)), then 学号.
	var order []string
	for _, l := range s.Pupils {
		order = append(order, l.Class+" "+l.ID)
	}
	wantOrder := "一(1) 2026001,一(1) 2026002,一(1) 2026005,一(1) 2026008,一(1) 2026010," +
		"二(1) 2026003,二(1) 2026004,二(1) 2026007,三(1) 2026006,三(1) 2026009,三(1) 2026011"
	if strings.Join(order, ",") != wantOrder {
		t.Errorf("order = %s\nwant    %s", strings.Join(order, ","), wantOrder)
	}
	// 一(1): due 600 + 354.55 + 300 + 122.72 + 295.46 = 1672.73
	// 二(1): 245.45 + 245.45 + 0 = 490.90; 三(1): 177.27 + 0 + 300 = 477.27
	for i, c := range []struct {
		class, due string
		n          int
	}{{"一(1)", "1672.73", 5}, {"二(1)", "490.90", 3}, {"三(1)", "477.27", 3}} {
		if cs := s.Classes[i]; cs.Class != c.class || !cs.Due.Equal(d(c.due)) || cs.Pupils != c.n {
			t.Errorf("Classes[%d] = %s %s (%d pupils), want %s %s (%d)", i, cs.Class, cs.Due, cs.Pupils, c.class, c.due, c.n)
		}
	}

	// Σ gross = 600×4 + 354.55×3 + 245.45×4 = 2400 + 1063.65 + 981.80 = 4445.45
	// Σ waiver = 300 + 177.28 + 600 + 122.73 + 245.45 + 59.09 + 300 = 1804.55
	// income = 4445.45 − 1804.55 = 2640.90
	for _, c := range []struct {
		what      string
		got, want decimal.Decimal
	}{
		{"gross", s.Total.Gross, d("4445.45")},
		{"waivers", s.Total.Waived, d("1804.55")},
		{"income", s.Income, d("2640.90")},
		{"surplus", s.Surplus, d("-59.10")},
		{"per 100", s.Per100, decimal.Zero},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("%s = %s, want %s", c.what, c.got, c.want)
		}
	}
}

// TestSurplusShares checks the largest-remainder split of the surplus and its
// tie rule (larger due, then 学号) on five pupils, whole term: 2026003,
// 2026001 and 2026002 due 600.00, 2026004 due 100.00 (waiver 500) and 2026005
// due 300.00 (waiver 300); income 2200.00. A surplus of U cents gives quotas
// U×600/2200 = 3U/11, U×100/2200 = U/22 and U×300/2200 = 3U/22.
func TestSurplusShares(t *testing.T) {
	ps := roster([]pupil{
		{id: "2026003", class: "二(1)"},
		{id: "2026001", class: "二(1)"},
		{id: "2026002", class: "一(1)"},
		{id: "2026004", class: "一(1)", waiver: "500"},
		{id: "2026005", class: "一(1)", waiver: "300"},
	})
	for _, c := range []struct {
		name, netPay, surplus, per100 string
		shares                        map[string]string // by 学号
	}{
		// U = 6: quotas 1.636… ×3, 0.2727…, 0.8181…; floors 1+1+1+0+0 = 3,
		// 3 cents left: 2026005 (.818), then the three .636 remainders tie on
		// due 600, so 学号 decides: 2026001 and 2026002, not 2026003 even
		// though it comes first in the roster.
		// per 100: 0.06 × 100 / 2200 = 0.0027… → 0.00.
		{"tie on 学号", "2199.94", "0.06", "0.00",
			map[string]string{"2026001": "0.02", "2026002": "0.02", "2026003": "0.01", "2026004": "0", "2026005": "0.01"}},
		// U = 11: quotas 3, 3, 3, 0.5, 1.5; floors 10, 1 cent left, and
		// 2026004 and 2026005 tie at .5: the larger due (2026005, 300) wins,
		// though 2026004 comes first by 学号.
		{"tie on due", "2199.89", "0.11", "0.01",
			map[string]string{"2026001": "0.03", "2026002": "0.03", "2026003": "0.03", "2026004": "0", "2026005": "0.02"}},
		// U = 10000 (100.00): quotas 2727.27… ×3, 454.54…, 1363.63…; floors
		// 2727×3 + 454 + 1363 = 9998; 2 cents left: remainders .63 (2026005),
		// .54 (2026004), .27 ×3: 2026005 and 2026004 get one each.
		// per 100: 100 × 100 / 2200 = 4.5454… → 4.55.
		{"remainder cents", "2100.00", "100.00", "4.55",
			map[string]string{"2026001": "27.27", "2026002": "27.27", "2026003": "27.27", "2026004": "4.55", "2026005": "13.64"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", c.netPay}})}
			s := mustSettle(t, sepTerm(), ps, payouts, nil)
			if !s.Income.Equal(d("2200")) || !s.Surplus.Equal(d(c.surplus)) || !s.Per100.Equal(d(c.per100)) {
				t.Errorf("income %s, surplus %s, per 100 %s; want 2200, %s, %s", s.Income, s.Surplus, s.Per100, c.surplus, c.per100)
			}
			sum := decimal.Zero
			for id, l := range byID(s) {
				if !l.Share.Decimal().Equal(d(c.shares[id])) || !l.Refund.Decimal().Equal(l.Share.Decimal()) {
					t.Errorf("%s share %s refund %s, want %s", id, l.Share.Decimal(), l.Refund.Decimal(), c.shares[id])
				}
				sum = sum.Add(l.Share.Decimal())
			}
			if !sum.Equal(s.Surplus) {
				t.Errorf("Σ shares = %s, want the surplus %s", sum, s.Surplus)
			}
		})
	}
}

// TestDeficit: one whole-term pupil, income 600.00; teachers 500.00 and
// 设备耗材 150.00 + 集体培训 50.00 = 200.00; surplus 600 − 500 − 200 = −100.00,
// a deficit: no shares, and the books leave −100.00.
func TestDeficit(t *testing.T) {
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "500.00"}})}
	s := mustSettle(t, sepTerm(), roster([]pupil{{id: "1", class: "一(1)"}}), payouts,
		[]Expense{expense("设备耗材", "150.00"), expense("集体培训", "50.00")})
	if !s.Surplus.Equal(d("-100")) || !s.Pupils[0].Share.Decimal().IsZero() || !s.Per100.IsZero() {
		t.Errorf("surplus %s share %s per100 %s, want -100, 0, 0", s.Surplus, s.Pupils[0].Share.Decimal(), s.Per100)
	}
	b := s.Balance
	// 600 paid − 500 − 200 − 0 refunded = −100: the deficit.
	if !b.Left.Equal(d("-100")) || !b.Want.Equal(d("-100")) {
		t.Errorf("Balance = %+v, want Left = Want = -100", b)
	}
	wantCat := []string{"150", "0", "50", "0"} // in Categories order
	for i, c := range s.ByCategory {
		if c.Category != Categories[i] || !c.Amount.Equal(d(wantCat[i])) {
			t.Errorf("ByCategory[%d] = %s %s, want %s %s", i, c.Category, c.Amount, Categories[i], wantCat[i])
		}
	}
}

// TestFreeTerm: fee "0" (篇二 charges nothing): gross, waiver and due are 0
// for everyone, a 50% waiver included; spending of 300 + 50 settles against
// zero income: a deficit of 350.00 and no refunds.
func TestFreeTerm(t *testing.T) {
	r := sepTerm()
	r.Term.Fee = decimal.Zero
	ps := roster([]pupil{{id: "1", class: "一(1)"}, {id: "2", class: "一(1)", waiver: "50%", end: 11}})
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "300.00"}})}
	s := mustSettle(t, r, ps, payouts, []Expense{expense("其他", "50.00")})
	if !s.Income.IsZero() || !s.Surplus.Equal(d("-350")) || !s.Total.Refund.IsZero() || s.Owing != 0 {
		t.Errorf("income %s surplus %s refunds %s owing %d; want 0, -350, 0, 0", s.Income, s.Surplus, s.Total.Refund, s.Owing)
	}
}

// TestTermDeductions works out the term-scope deductions on the two-month
// term: Σ over both payouts of (fee − deduction), times the capped percent,
// rounded once.
//
//	T01 王芳: Sep 170.00 − 51.00 = 119.00, Oct 150.00 − 0 = 150.00: base 269.00;
//	         60% (Sep) + 50% (Oct) = 110%, capped at 100%: 269.00.
//	T02 李强: Sep 20.01, Oct 20.01: base 40.02; 50%: 20.01 — rounding each
//	         month (10.005 → 10.01, twice) would give 20.02.
//	T03 陈静: no pending record: nothing.
//
// net 929 + 500 + 300 (Sep) + 800 + 400 + 300 (Oct) = 3229.00; recovered
// 269.00 + 20.01 = 289.01; teacher pay 3229.00 − 289.01 = 2939.99.
func TestTermDeductions(t *testing.T) {
	r := twoMonthTerm()
	sep, oct := rules.Month{Year: 2026, Month: 9}, rules.Month{Year: 2026, Month: 10}
	payouts := []PaidMonth{
		paidMonth(oct, []teacher{
			{"T01", "王芳", "150.00", "0", "800.00"},
			{"T02", "李强", "20.01", "0", "400.00"},
			{"T03", "陈静", "100.00", "0", "300.00"},
		}, incident("T01", "王芳", date(2026, 10, 9), "50%"), incident("T02", "李强", date(2026, 10, 12), "50%")),
		paidMonth(sep, []teacher{
			{"T01", "王芳", "170.00", "51.00", "929.00"},
			{"T02", "李强", "20.01", "0", "500.00"},
			{"T03", "陈静", "100.00", "0", "300.00"},
		}, incident("T01", "王芳", date(2026, 9, 16), "60%")),
	}
	// The roster does not matter here: one pupil.
	s := mustSettle(t, r, roster([]pupil{{id: "1", class: "一(1)"}}), payouts, nil)
	if len(s.Recoveries) != 2 {
		t.Fatalf("Recoveries = %+v, want T01 and T02", s.Recoveries)
	}
	for i, w := range []struct{ id, sum, percent, base, amount string }{
		{"T01", "1.1", "1", "269.00", "269.00"},
		{"T02", "0.5", "0.5", "40.02", "20.01"},
	} {
		rc := s.Recoveries[i]
		if rc.ID != w.id || !rc.Sum.Equal(d(w.sum)) || !rc.Percent.Equal(d(w.percent)) || !rc.Base.Equal(d(w.base)) || !rc.Amount.Equal(d(w.amount)) {
			t.Errorf("Recoveries[%d] = %s Σ%s %s × %s = %s, want %s Σ%s %s × %s = %s", i,
				rc.ID, rc.Sum, rc.Percent, rc.Base, rc.Amount, w.id, w.sum, w.percent, w.base, w.amount)
		}
	}
	if ev := s.Recoveries[0].Events; len(ev) != 2 || ev[0].Date != date(2026, 9, 16) {
		t.Errorf("T01 events = %+v, want Sep 16 then Oct 9", ev)
	}
	if !s.NetPay.Equal(d("3229")) || !s.Recovered.Equal(d("289.01")) || !s.TeacherPay.Equal(d("2939.99")) {
		t.Errorf("net %s recovered %s teacher pay %s, want 3229, 289.01, 2939.99", s.NetPay, s.Recovered, s.TeacherPay)
	}
}

// TestBalance checks each figure of the balance check on a term with a
// surplus, a leaver refund and a family that owes (sepTerm, S = 22):
//
//	A whole term, paid default 600.00: due 600.00, leaver 0
//	B leaves 11th, paid default 600.00: due 245.45, leaver 354.55
//	C whole term, paid 500.00: due 600.00, leaver −100.00
//
// income 1445.45; teachers 1000.00; 管理运行 45.45: surplus 400.00.
// Shares ∝ due, in cents 40000 × 60000/144545 = 16603.82…, × 24545/144545 =
// 6792.34…, and 16603.82…: floors 16603 + 6792 + 16603 = 39998, 2 left to
// the larger remainders, A's and C's (.83 each, B's .35): A 166.04,
// B 67.92, C 166.04. Refunds: A 166.04, B 354.55 + 67.92 = 422.47,
// C −100 + 166.04 = 66.04; Σ 654.55.
// Books: paid 600 + 600 + 500 = 1700.00; 1700.00 − 1000.00 − 45.45 − 654.55 = 0.
func TestBalance(t *testing.T) {
	ps := roster([]pupil{{id: "A", class: "一"}, {id: "B", class: "一", end: 11}, {id: "C", class: "一", paid: "500"}})
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "1000.00"}})}
	s := mustSettle(t, sepTerm(), ps, payouts, []Expense{expense("管理运行", "45.45")})
	got := byID(s)
	for id, w := range map[string]struct{ share, refund string }{
		"A": {"166.04", "166.04"}, "B": {"67.92", "422.47"}, "C": {"166.04", "66.04"},
	} {
		if !got[id].Share.Decimal().Equal(d(w.share)) || !got[id].Refund.Decimal().Equal(d(w.refund)) {
			t.Errorf("%s share %s refund %s, want %s %s", id, got[id].Share, got[id].Refund, w.share, w.refund)
		}
	}
	want := Balance{Paid: d("1700"), TeacherPay: d("1000"), Other: d("45.45"), Refund: d("654.55"), Left: d("0"), Want: d("0")}
	b := s.Balance
	for _, c := range []struct {
		what      string
		got, want decimal.Decimal
	}{
		{"paid", b.Paid, want.Paid}, {"teacher pay", b.TeacherPay, want.TeacherPay}, {"other", b.Other, want.Other},
		{"refund", b.Refund, want.Refund}, {"left", b.Left, want.Left}, {"want", b.Want, want.Want},
	} {
		if !c.got.Equal(c.want) {
			t.Errorf("Balance %s = %s, want %s", c.what, c.got, c.want)
		}
	}
	if s.Owing != 0 {
		t.Errorf("Owing = %d, want 0: C's share covers the 100.00 short", s.Owing)
	}
}

// TestReconcileFailsLoudly breaks a settlement the way a bug would and checks
// that the check names both figures.
func TestReconcileFailsLoudly(t *testing.T) {
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "500.00"}})}
	s := mustSettle(t, sepTerm(), roster([]pupil{{id: "1", class: "一"}}), payouts, nil)
	s.Pupils[0].Refund++ // a refund one fen off its parts
	_, total, _ := classSums(s.Pupils)
	s.Balance = balance(s, total)
	err := reconcileSettlement(s)
	if err == nil {
		t.Fatal("reconcileSettlement accepted a refund one fen off")
	}
	// 600 − 500 − 0 − 100.01 = −0.01, where 0 was due.
	if msg := err.Error(); !strings.Contains(msg, "-0.01") || !strings.Contains(msg, "应为 0.00") {
		t.Errorf("error %q does not name both figures -0.01 and 0.00", msg)
	}
}

func TestSettleProblems(t *testing.T) {
	sep := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "1"}})}
	for _, c := range []struct {
		name     string
		rules    func(*rules.Rules)
		pupils   []pupil
		payouts  []PaidMonth
		spending []Expense
		want     []string // each problem, as "code place": its code, and where it is with the value it quotes
	}{
		{name: "duplicate 学号", pupils: []pupil{{id: "1"}, {id: "2"}, {id: "1"}},
			want: []string{"duplicate-id 学生名单.xlsx 名单!A4 学号 \"1\""}},
		{name: "end before start", pupils: []pupil{{id: "1", start: 14, end: 11}},
			want: []string{"end-before-start 学生名单.xlsx 名单!E2 退出日期 \"2026-09-11\""}},
		// A waiver above the fee is capped at it (SPEC 4.3): a warning,
		// see TestWaiverCappedAtFee; a percent above 100% stays an error.
		{name: "waiver percent above 100%", pupils: []pupil{{id: "1", waiver: "600.01"}, {id: "2", waiver: "101%"}},
			want: []string{"percent-range 学生名单.xlsx 名单!F3 减免 \"101%\""}},
		{name: "waiver below the fen", pupils: []pupil{{id: "1", waiver: "600.005"}},
			want: []string{"not-money 学生名单.xlsx 名单!F2 减免 \"600.005\""}},
		{name: "unknown category", spending: []Expense{{Category: "教师补助", Amount: d("1"), CategorySrc: Ref{File: "支出.xlsx", Sheet: "支出", Col: 2, Row: 2}}},
			want: []string{"unknown-category 支出.xlsx 支出!B2 类别 \"教师补助\""}},
		{name: "bad amount", spending: []Expense{{Category: "其他", Amount: d("1.005"), Src: Ref{File: "支出.xlsx", Sheet: "支出", Col: 3, Row: 2}}},
			want: []string{"not-money 支出.xlsx 支出!C2 金额 \"1.005\""}},
		{name: "missing month", rules: func(r *rules.Rules) { *r = *twoMonthTerm() },
			want: []string{"payout-missing --payouts"}},
		{name: "month twice", payouts: append(sep, paidMonth(sepMonth, nil)),
			want: []string{"payout-twice 发放表-2026-09.xlsx"}},
		{name: "month outside the term", payouts: append(sep, paidMonth(rules.Month{Year: 2026, Month: 10}, nil)),
			want: []string{"payout-outside-term 发放表-2026-10.xlsx"}},
		{name: "no service days", rules: func(r *rules.Rules) {
			// The National Day week: Thursday to Wednesday, every weekday a holiday.
			r.Term.Start, r.Term.End = date(2026, 10, 1), date(2026, 10, 7)
			r.Term.Holidays = []rules.Date{date(2026, 10, 1), date(2026, 10, 2), date(2026, 10, 5), date(2026, 10, 6), date(2026, 10, 7)}
		}, want: []string{"no-service-days 内置默认 [term]"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := sepTerm()
			if c.rules != nil {
				c.rules(r)
			}
			payouts := c.payouts
			if payouts == nil {
				payouts = sep
			}
			pupils := c.pupils
			if pupils == nil {
				pupils = []pupil{{id: "1"}}
			}
			s, problems := Settle(r, roster(pupils), payouts, c.spending)
			if s != nil {
				t.Fatalf("Settle returned a settlement despite %v", problems)
			}
			var ps Problems
			if !errors.As(error(problems), &ps) || len(ps.Errors()) != len(c.want) {
				t.Fatalf("Settle problems = %v, want %d: %q", problems, len(c.want), c.want)
			}
			for i, w := range c.want {
				p := ps.Errors()[i]
				place, _, _ := strings.Cut(p.Error(), "：")
				if got := string(p.Code) + " " + place; got != w {
					t.Errorf("problem %d = %q (%s), want %q", i, got, p.Msg, w)
				}
			}
		})
	}
}

func TestSpendingOutsideTermWarns(t *testing.T) {
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "100"}})}
	e := expense("设备耗材", "20")
	e.Date = date(2026, 8, 28) // bought before the term began
	s, problems := Settle(sepTerm(), roster([]pupil{{id: "1"}}), payouts, []Expense{e})
	if s == nil || len(problems) != 1 || !problems[0].Warning {
		t.Fatalf("Settle = %v, %v; want a settlement and one warning", s, problems)
	}
	if !s.Other.Equal(d("20")) {
		t.Errorf("Other = %s, want 20: the line still counts", s.Other)
	}
}

// TestSettleProperties checks, for random rosters, that the shares add up to
// the surplus and the books balance to the fen (SPEC 4.4).
func TestSettleProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	r := twoMonthTerm()
	sep, oct := rules.Month{Year: 2026, Month: 9}, rules.Month{Year: 2026, Month: 10}
	days := []rules.Date{}
	for d := r.Term.Start; !d.After(r.Term.End); d = d.AddDays(1) {
		days = append(days, d)
	}
	money := func(max int64) decimal.Decimal { return decimal.New(rng.Int63n(max*100), -2) }
	for iter := 0; iter < 300; iter++ {
		var ps []Pupil
		for _, i := range rng.Perm(1 + rng.Intn(60)) {
			p := Pupil{ID: fmt.Sprintf("2026%03d", i), Class: []string{"一(1)", "一(2)", "二(1)"}[rng.Intn(3)]}
			if rng.Intn(3) == 0 {
				p.Start = days[rng.Intn(len(days))]
			}
			if rng.Intn(3) == 0 {
				p.End = days[rng.Intn(len(days))]
				if !p.Start.IsZero() && p.End.Before(p.Start) {
					p.Start, p.End = p.End, p.Start
				}
			}
			switch rng.Intn(4) {
			case 0:
				p.Waiver = Waiver{Amount: money(900)} // above the fee now and then: capped at it (SPEC 4.3)
			case 1:
				p.Waiver = Waiver{Percent: decimal.New(rng.Int63n(101), -2), IsPercent: true}
			}
			if rng.Intn(4) == 0 {
				p.Paid, p.HasPaid = money(700), true
			}
			ps = append(ps, p)
		}
		net := func() string { return money(int64(len(ps)) * 300).String() }
		payouts := []PaidMonth{
			paidMonth(sep, []teacher{{"T01", "王芳", "100.00", "10.00", net()}},
				incident("T01", "王芳", date(2026, 9, 3), []string{"50%", "70%"}[rng.Intn(2)])),
			paidMonth(oct, []teacher{{"T01", "王芳", "80.00", "0", net()}, {"T02", "李强", "33.33", "0", net()}}),
		}
		var spending []Expense
		for range rng.Intn(4) {
			spending = append(spending, expense(Categories[rng.Intn(len(Categories))], money(200).Add(cent).String()))
		}
		s, problems := Settle(r, ps, payouts, spending)
		if s == nil {
			t.Fatalf("iteration %d: Settle: %v", iter, problems)
		}
		shares := decimal.Zero
		for _, l := range s.Pupils {
			shares = shares.Add(l.Share.Decimal())
			if l.Share.Decimal().IsNegative() || l.Due.Decimal().IsNegative() || l.Waived.Decimal().GreaterThan(l.Gross.Decimal()) {
				t.Fatalf("iteration %d: pupil %s: %+v", iter, l.ID, l)
			}
		}
		if want := decimal.Max(s.Surplus, decimal.Zero); !shares.Equal(want) {
			t.Fatalf("iteration %d: Σ shares = %s, want %s", iter, shares, want)
		}
		if !s.Balance.Left.Equal(s.Balance.Want) {
			t.Fatalf("iteration %d: books leave %s, want %s", iter, s.Balance.Left, s.Balance.Want)
		}
	}
}

// settleWarned settles a September term of ps with teacher pay 100.00 and
// checks that the only problems are warnings, want, each "code cell" joined
// by "|".
func settleWarned(t *testing.T, r *rules.Rules, ps []Pupil, want string) *Settlement {
	t.Helper()
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "100.00"}})}
	s, problems := Settle(r, ps, payouts, nil)
	if s == nil {
		t.Fatalf("Settle: %v", problems)
	}
	var got []string
	for _, p := range problems {
		if !p.Warning {
			t.Errorf("%v is an error, want a warning", p)
		}
		got = append(got, fmt.Sprintf("%s %s", p.Code, p.Ref.Cell()))
	}
	if strings.Join(got, "|") != want {
		t.Errorf("problems = %q, want %q\n%v", strings.Join(got, "|"), want, problems)
	}
	return s
}

// TestWaiverCappedAtFee follows SPEC 4.3: a waiver is capped at the fee; an
// amount above it is a whole waiver and a warning at its cell, not an error.
// September term, 22 service days, fee 600.00:
//
//	1: whole term, waiver 700 → round(600 × 700 ÷ 600) = 700, capped at 600:
//	   waived 600.00, due 0, paid (default) 600 − 600 = 0.
//	2: leaves on 9-11 (9 days): gross round(600 × 9 ÷ 22) = round(245.4545…)
//	   = 245.45; waiver 700 → round(245.45 × 700 ÷ 600) = round(286.3583…)
//	   = 286.36, capped at 245.45: due 0; paid (default, from the start to
//	   the term's end) 0; leaver refund 0.
//	3: waiver 300: round(600 × 300 ÷ 600) = 300, due 300, no warning.
//
// Income 300.00; teacher pay 100.00; surplus 200.00, all to pupil 3.
func TestWaiverCappedAtFee(t *testing.T) {
	ps := roster([]pupil{{id: "1", class: "一", waiver: "700"}, {id: "2", class: "一", end: 11, waiver: "700"}, {id: "3", class: "一", waiver: "300"}})
	s := settleWarned(t, sepTerm(), ps, "waiver-capped F2|waiver-capped F3")
	for id, w := range map[string][4]string{ // gross, waived, due, refund
		"1": {"600.00", "600.00", "0.00", "0.00"},
		"2": {"245.45", "245.45", "0.00", "0.00"},
		"3": {"600.00", "300.00", "300.00", "200.00"},
	} {
		l := byID(s)[id]
		if g := [4]string{l.Gross.Decimal().StringFixed(2), l.Waived.Decimal().StringFixed(2), l.Due.Decimal().StringFixed(2), l.Refund.Decimal().StringFixed(2)}; g != w {
			t.Errorf("pupil %s (gross, waived, due, refund) = %v, want %v", id, g, w)
		}
	}
}

// TestWaiverInFreeTerm: in a term with fee 0 (篇二) a waiver of any kind is
// capped at 0, a warning at its cell; the settlement goes on.
func TestWaiverInFreeTerm(t *testing.T) {
	r := sepTerm()
	r.Term.Fee = decimal.Zero
	ps := roster([]pupil{{id: "1", class: "一", waiver: "300"}, {id: "2", class: "一", waiver: "50%"}, {id: "3", class: "一"}})
	s := settleWarned(t, r, ps, "waiver-free-term F2|waiver-free-term F3")
	if !s.Total.Waived.IsZero() || !s.Income.IsZero() || !s.Surplus.Equal(d("-100")) {
		t.Errorf("waived %s income %s surplus %s, want 0, 0, -100", s.Total.Waived, s.Income, s.Surplus)
	}
}

// TestSettleTooLargeToShow: two pupils at a fee of 9,999,999,999,999.99,
// the largest amount a spreadsheet shows to the fen, make a 服务费合计 of
// 19,999,999,999,999.98, which it cannot show: an error, not a workbook.
func TestSettleTooLargeToShow(t *testing.T) {
	r := sepTerm()
	r.Term.Fee = d("9999999999999.99")
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "100.00"}})}
	s, problems := Settle(r, roster([]pupil{{id: "1", class: "一"}, {id: "2", class: "一"}}), payouts, nil)
	if s != nil || len(problems) != 1 || problems[0].Code != CodeAmountTooLarge ||
		!strings.Contains(problems[0].Msg, "服务费合计 19999999999999.98") {
		t.Errorf("Settle = %v, %v; want no settlement and one amount-too-large naming 服务费合计 19999999999999.98", s != nil, problems)
	}
}
