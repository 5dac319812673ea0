package calc

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestHowWorked checks the sentence of each family's slip on sepTerm (S =
// 22, fee 600.00), every figure worked by hand:
//
//	学号 days gross                       waiver  due     paid       leaver
//	1    22   600.00                       0       600.00  600.00     0
//	2     9   600 × 9 ÷ 22 = 245.4545… → 245.45  0  245.45  600.00     354.55
//	3    22   600.00                       300     300.00  300.00     0
//	4    22   600.00                       100%    0       0          0
//	5    22   600.00                       0       600.00  300 given  −300.00
//
// Income Σ due = 1745.45; teacher pay 1000.00, no other spending: surplus
// 745.45, shared on 74545 fen by due. Quotas: 1 and 5: 74545 × 60000 ÷
// 174545 = 25624.9105…; 2: 74545 × 24545 ÷ 174545 = 10482.7238…; 3:
// 12812.4552…; floors 74542, 3 fen left to the remainders .9105 (1 and 5,
// tied on due, then 学号) and .7238 (2): 256.25, 104.83, 128.12, 0, 256.25.
// Refunds: 256.25; 354.55 + 104.83 = 459.38; 128.12; 0; −300.00 + 256.25 =
// −43.75, which 5 still owes.
func TestHowWorked(t *testing.T) {
	ps := roster([]pupil{
		{id: "1", name: "甲", class: "一(1)"},
		{id: "2", name: "乙", class: "一(1)", end: 11},
		{id: "3", name: "丙", class: "一(1)", waiver: "300"},
		{id: "4", name: "丁", class: "一(1)", waiver: "100%"},
		{id: "5", name: "戊", class: "一(1)", paid: "300"},
	})
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "1000.00"}})}
	s := mustSettle(t, sepTerm(), ps, payouts, nil)
	const share = "学期结余 745.45 元按各家应缴金额的比例退还："
	want := map[string]string{
		"1": "本学期共 22 个服务日，全部参加，服务费 600.00 元；应缴 600.00 元；已缴 600.00 元；" + share +
			"745.45 × 600.00 ÷ 1745.45 ≈ 256.2491…，分以下的零头进为 1 分，得 256.25 元；合计退还 256.25 元。",
		"2": "本学期共 22 个服务日，9月1日至9月11日参加 9 天，服务费 600.00 × 9 ÷ 22 = 245.45 元；应缴 245.45 元；已缴 600.00 元，多缴 354.55 元；" + share +
			"745.45 × 245.45 ÷ 1745.45 ≈ 104.8272…，分以下的零头进为 1 分，得 104.83 元；合计退还 459.38 元。",
		"3": "本学期共 22 个服务日，全部参加，服务费 600.00 元；减免 300.00 元，应缴 300.00 元；已缴 300.00 元；" + share +
			"745.45 × 300.00 ÷ 1745.45 ≈ 128.1245…，分以下的零头不计，得 128.12 元；合计退还 128.12 元。",
		"4": "本学期共 22 个服务日，全部参加，服务费 600.00 元；全部减免，应缴 0.00 元；已缴 0.00 元；应缴为 0，不参加结余退费；没有退费，也无需补缴。",
		"5": "本学期共 22 个服务日，全部参加，服务费 600.00 元；应缴 600.00 元；已缴 300.00 元，少缴 300.00 元；" + share +
			"745.45 × 600.00 ÷ 1745.45 ≈ 256.2491…，分以下的零头进为 1 分，得 256.25 元；相抵后尚需补缴 43.75 元。",
	}
	for _, l := range s.Pupils {
		if got := s.HowWorked(l); got != want[l.ID] {
			t.Errorf("HowWorked(%s) =\n%s\nwant\n%s", l.ID, got, want[l.ID])
		}
	}
	if note := s.SlipNote(); !strings.Contains(note, "零头") {
		t.Errorf("SlipNote = %q, want the rule of the fractions of a fen", note)
	}
}

// TestHowWorkedDeficit: the waiver of an amount on a part of the term, and
// a term that cannot refund. 学号 8: 9 days, 245.45; 减免 300 of a 600.00
// term, in proportion: 245.45 × 300 ÷ 600 = 122.725 → 122.73; due 245.45 −
// 122.73 = 122.72; asked on joining 600.00 − 300.00 = 300.00, so 多缴退费
// 177.28. Teacher pay 2000.00 against an income of 122.72: a deficit, no
// share.
func TestHowWorkedDeficit(t *testing.T) {
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "2000.00"}})}
	s := mustSettle(t, sepTerm(), roster([]pupil{{id: "8", class: "一(1)", end: 11, waiver: "300"}}), payouts, nil)
	want := "本学期共 22 个服务日，9月1日至9月11日参加 9 天，服务费 600.00 × 9 ÷ 22 = 245.45 元；" +
		"每学期减免 300.00 元按服务费折算为 245.45 × 300.00 ÷ 600.00 = 122.73 元，应缴 122.72 元；已缴 300.00 元，多缴 177.28 元；" +
		"本学期收不抵支，没有结余可退；合计退还 177.28 元。"
	if got := s.HowWorked(s.Pupils[0]); got != want {
		t.Errorf("HowWorked =\n%s\nwant\n%s", got, want)
	}
	if note := s.SlipNote(); note != "" {
		t.Errorf("SlipNote with nothing to share = %q, want none", note)
	}
}

// TestHowWorkedFreeTerm: a term without a fee (篇二) has nothing to say but
// that, and a refund of what was paid by mistake.
func TestHowWorkedFreeTerm(t *testing.T) {
	r := sepTerm()
	r.Term.Fee = decimal.Zero
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "100.00"}})}
	s := mustSettle(t, r, roster([]pupil{{id: "1", class: "一(1)"}, {id: "2", class: "一(1)", paid: "50"}}), payouts, nil)
	for id, want := range map[string]string{
		"1": "本学期课后服务不收费，无需缴费，也没有退费。",
		"2": "本学期课后服务不收费；已缴 50.00 元全部退还。",
	} {
		if got := s.HowWorked(byID(s)[id]); got != want {
			t.Errorf("HowWorked(%s) = %s, want %s", id, got, want)
		}
	}
}

// TestRosterWarnings checks the roster's doubtful cells on sepTerm, each a
// warning by code at its cell that leaves the settlement as the roster says:
//
//   - 1 paid 650 of a 600.00 term;
//   - 2 joined on the 14th and paid 400: the fee from the 14th is 600 × 13
//     ÷ 22 = 354.55, so 400 is above it;
//   - 3 has a waiver of 300 and paid the whole 600: no more than the fee, no
//     warning (the waiver came after the payment; the 多缴 is refunded);
//   - 4 left on the 11th having paid 600 for the term: no warning, it is
//     what leavers do;
//   - 5 starts on Saturday the 19th, and the next service day is the
//     make-up Sunday 20th; 6 leaves on the 25th, a holiday, and counts to
//     Thursday the 24th; 7 starts on Saturday the 26th and leaves on Sunday
//     the 27th: no service day at all.
func TestRosterWarnings(t *testing.T) {
	ps := roster([]pupil{
		{id: "1", class: "一(1)", paid: "650"},
		{id: "2", class: "一(1)", start: 14, paid: "400"},
		{id: "3", class: "一(1)", waiver: "300", paid: "600"},
		{id: "4", class: "一(1)", end: 11, paid: "600"},
		{id: "5", class: "一(1)", start: 19},
		{id: "6", class: "一(1)", end: 25},
		{id: "7", class: "一(1)", start: 26, end: 27},
	})
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "1000.00"}})}
	s, problems := Settle(sepTerm(), ps, payouts, nil)
	if s == nil {
		t.Fatal(problems)
	}
	type warning struct {
		code Code
		cell string
		says string
	}
	var got []warning
	for _, p := range problems.Warnings() {
		got = append(got, warning{p.Code, p.Ref.Cell(), p.Msg})
	}
	want := []warning{
		{"paid-over-fee", "G2", "多于 2026-09-01 起到学期末的服务费 600.00 元"},
		{"paid-over-fee", "G3", "多于 2026-09-14 起到学期末的服务费 354.55 元"},
		{"start-day-off", "D6", "是星期六，不是服务日；服务天数从下一个服务日 2026-09-20 算起"},
		{"end-day-off", "E7", "是放假日，不是服务日；服务天数算到此前最后一个服务日 2026-09-24"},
		{"start-day-off", "D8", "是星期六，不是服务日；此后到 2026-09-27 没有服务日，服务天数为 0"},
		{"end-day-off", "E8", "是星期日，不是服务日；2026-09-26 到此没有服务日，服务天数为 0"},
	}
	if len(got) != len(want) {
		t.Fatalf("warnings = %+v, want %d", got, len(want))
	}
	for i, w := range want {
		if got[i].code != w.code || got[i].cell != w.cell || !strings.Contains(got[i].says, w.says) {
			t.Errorf("warning %d = %+v, want %+v", i, got[i], w)
		}
	}
	// The figures are the roster's: 1 gets its 50.00 back; 5 counts 8
	// days from the 20th (20, 21–24, 28–30); 6 the 19 up to the 24th (9 to
	// the 11th, 14–18, 20, 21–24); 7 none.
	lines := byID(s)
	for id, days := range map[string]int{"5": 8, "6": 19, "7": 0} {
		if lines[id].Days != days {
			t.Errorf("%s: %d days, want %d", id, lines[id].Days, days)
		}
	}
	if !lines["1"].Leaver.Decimal().Equal(d("50")) {
		t.Errorf("1: 多缴退费 %s, want 50.00", lines["1"].Leaver)
	}
}
