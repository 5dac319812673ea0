package calc

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// TestCentsRoundTrip checks that an amount of whole fen goes in and comes
// out exactly, and is written as the decimal would be: the same text as
// StringFixed(2) and the same float a cell is written with.
func TestCentsRoundTrip(t *testing.T) {
	for _, s := range []string{"0", "0.01", "-0.01", "-0.5", "12.05", "600", "599.99", "-1234567.89",
		"9999999999999.99", "90071992547409.91", "90071992547409.93", "-90071992547409.93", "23058430092136939.52"} {
		d := decimal.RequireFromString(s)
		c, ok := CentsOf(d)
		if !ok {
			t.Errorf("CentsOf(%s) refused", s)
			continue
		}
		if !c.Decimal().Equal(d) {
			t.Errorf("CentsOf(%s).Decimal() = %s", s, c.Decimal())
		}
		if got, want := c.String(), d.StringFixed(2); got != want {
			t.Errorf("Cents(%s).String() = %q, want %q", s, got, want)
		}
		if got, want := c.Float64(), d.InexactFloat64(); got != want {
			t.Errorf("Cents(%s).Float64() = %v, want %v", s, got, want)
		}
	}
	if got := Cents(math.MinInt64).String(); got != "-92233720368547758.08" {
		t.Errorf("the least Cents is %q", got)
	}
}

// TestCentsOfRefuses checks that an amount with a part of a fen, or one
// beyond what Cents holds (2^61 fen), is refused, not rounded or wrapped.
func TestCentsOfRefuses(t *testing.T) {
	for _, s := range []string{"0.001", "12.345", "-0.005", "23058430092136939.53", "-23058430092136939.53", "1e30"} {
		if c, ok := CentsOf(decimal.RequireFromString(s)); ok {
			t.Errorf("CentsOf(%s) = %d, want refused", s, c)
		}
	}
	if _, ok := addCents(maxCents, 1); ok {
		t.Error("addCents(maxCents, 1) did not say it left the range")
	}
	if s, ok := addCents(maxCents, -1); !ok || s != maxCents-1 {
		t.Errorf("addCents(maxCents, -1) = %d, %v", s, ok)
	}
}

// TestSettleRefusesSumsTooLarge gives every pupil an 已缴 just under what
// the readers take (10^13 yuan): 20 of them add up past what a sheet
// shows (2 × 10^14 yuan, found by showable), 2,400 past what Cents holds
// (2^61 fen, about 2.3 × 10^16 yuan, found as the lines are added up).
// Either way the settlement is refused as amount-too-large, never wrapped.
func TestSettleRefusesSumsTooLarge(t *testing.T) {
	payouts := []PaidMonth{paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "500.00"}})}
	for n, says := range map[int]string{20: "学期结算 已缴合计 199999999999999.80", 2400: "学期结算 合计 超出"} {
		var ps []pupil
		for i := range n {
			ps = append(ps, pupil{id: strconv.Itoa(i + 1), name: "学生", class: "一", paid: "9999999999999.99"})
		}
		s, problems := Settle(sepTerm(), roster(ps), payouts, nil)
		if s != nil {
			t.Errorf("%d pupils: settled, want refused", n)
		}
		found := false
		for _, p := range problems.Errors() {
			found = found || p.Code == CodeAmountTooLarge && strings.Contains(p.Msg, says)
		}
		if !found {
			t.Errorf("%d pupils: problems %v, want %s saying %q", n, problems.Errors(), CodeAmountTooLarge, says)
		}
	}
}
