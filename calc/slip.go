package calc

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// HowWorked says in one sentence, in plain words and with the pupil's own
// figures, how a family's refund, or what it still owes, was worked out
// (SPEC 4.3–4.4): the service days and the fee for them, the waiver, what
// was due and what was paid, the share of the surplus, and the result. It
// is written for the family's slip (退费通知单), which a parent reads
// without the school's plan at hand: it cites no clause, and it uses the
// words of the settlement workbooks (服务费, 减免, 应缴, 已缴, 结余退费).
func (s *Settlement) HowWorked(l PupilLine) string {
	t := s.Rules.Term
	money := func(d decimal.Decimal) string { return d.StringFixed(2) }
	if !t.Fee.IsPositive() {
		if l.PaidAmount.IsPositive() {
			return fmt.Sprintf("本学期课后服务不收费；已缴 %s 元全部退还。", l.PaidAmount.String())
		}
		return "本学期课后服务不收费，无需缴费，也没有退费。"
	}

	var parts []string
	// The fee for the days served (SPEC 4.3 gross).
	switch {
	case l.Days == s.Days:
		parts = append(parts, fmt.Sprintf("本学期共 %d 个服务日，全部参加，服务费 %s 元", s.Days, l.Gross.String()))
	default:
		parts = append(parts, fmt.Sprintf("本学期共 %d 个服务日，%s参加 %d 天，服务费 %s × %d ÷ %d = %s 元",
			s.Days, s.period(l), l.Days, money(t.Fee), l.Days, s.Days, l.Gross.String()))
	}
	// The waiver of it, and what was due.
	w := l.Waiver
	switch {
	case l.Waived.IsZero():
		parts = append(parts, fmt.Sprintf("应缴 %s 元", l.Due.String()))
	case l.Waived == l.Gross:
		parts = append(parts, fmt.Sprintf("全部减免，应缴 %s 元", l.Due.String()))
	case w.IsPercent:
		parts = append(parts, fmt.Sprintf("减免 %s 即 %s 元，应缴 %s 元", Percent(w.Percent), l.Waived.String(), l.Due.String()))
	case l.Gross.Decimal().Equal(t.Fee):
		parts = append(parts, fmt.Sprintf("减免 %s 元，应缴 %s 元", l.Waived.String(), l.Due.String()))
	default:
		parts = append(parts, fmt.Sprintf("每学期减免 %s 元按服务费折算为 %s × %s ÷ %s = %s 元，应缴 %s 元",
			money(w.Amount), l.Gross.String(), money(w.Amount), money(t.Fee), l.Waived.String(), l.Due.String()))
	}
	// What was paid against it.
	paid := fmt.Sprintf("已缴 %s 元", l.PaidAmount.String())
	switch {
	case l.Leaver.IsPositive():
		paid += fmt.Sprintf("，多缴 %s 元", l.Leaver.String())
	case l.Leaver.IsNegative():
		paid += fmt.Sprintf("，少缴 %s 元", l.Leaver.Neg().String())
	}
	parts = append(parts, paid)
	// The share of the surplus.
	switch {
	case !s.Surplus.IsPositive():
		if s.Surplus.IsZero() {
			parts = append(parts, "本学期收支相抵，没有结余可退")
		} else {
			parts = append(parts, "本学期收不抵支，没有结余可退")
		}
	case l.Due.IsZero():
		parts = append(parts, "应缴为 0，不参加结余退费")
	default:
		parts = append(parts, fmt.Sprintf("学期结余 %s 元按各家应缴金额的比例退还：%s × %s ÷ %s %s",
			money(s.Surplus), money(s.Surplus), l.Due.String(), money(s.Income), shareWorked(s.Surplus.Mul(l.Due.Decimal()), s.Income, l.Share.Decimal())))
	}
	// The result.
	switch {
	case l.Refund.IsPositive():
		parts = append(parts, fmt.Sprintf("合计退还 %s 元。", l.Refund.String()))
	case l.Refund.IsNegative():
		parts = append(parts, fmt.Sprintf("相抵后尚需补缴 %s 元。", l.Refund.Neg().String()))
	default:
		parts = append(parts, "没有退费，也无需补缴。")
	}
	return strings.Join(parts, "；")
}

// shareWorked shows the exact share num ÷ den and what the pupil got of it,
// share, allocated to the fen by largest remainder (SPEC 4.4): the quotient
// to four decimals, then whether the fraction of a fen was dropped or made
// up to a whole fen.
func shareWorked(num, den, share decimal.Decimal) string {
	q, r := num.QuoRem(den, 4)
	if r.IsZero() && q.Equal(q.Truncate(2)) {
		return "= " + q.StringFixed(2) + " 元"
	}
	shown := "= " + q.StringFixed(4)
	if !r.IsZero() {
		shown = "≈ " + q.StringFixed(4) + "…"
	}
	if share.GreaterThan(q.Truncate(2)) {
		return fmt.Sprintf("%s，分以下的零头进为 1 分，得 %s 元", shown, share.StringFixed(2))
	}
	return fmt.Sprintf("%s，分以下的零头不计，得 %s 元", shown, share.StringFixed(2))
}

// period is the pupil's service period in plain words: 9月1日至9月30日, with
// the year where it is not the term's first.
func (s *Settlement) period(l PupilLine) string {
	day := func(d rules.Date) string {
		if d.Year != s.Rules.Term.Start.Year {
			return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
		}
		return fmt.Sprintf("%d月%d日", int(d.Month), d.Day)
	}
	return day(l.From) + "至" + day(l.To)
}

// SlipNote is the note a family slip carries under the sentence when the
// term has a surplus to share: how the fractions of a fen are settled, so
// that two families of the same 应缴 whose shares differ by a fen see why.
func (s *Settlement) SlipNote() string {
	if !s.Surplus.IsPositive() || !s.Rules.Term.Fee.IsPositive() {
		return ""
	}
	return "注：结余按应缴金额的比例分到分，分以下的零头从大到小依次进为 1 分（零头相同时应缴多的在先，再按学号），直到正好退完结余。"
}
