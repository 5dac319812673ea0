package calc

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestSumIsAddChain checks sum against the chain of Decimal.Add it stands
// for: the same value and the same exponent, which decides how the sum is
// written (1.50 and 1.5), through int64 overflow and mixed exponents.
func TestSumIsAddChain(t *testing.T) {
	d := decimal.RequireFromString
	cases := [][]decimal.Decimal{
		nil,
		{d("0")},
		{d("1.5"), d("2.25"), d("-0.75")},
		{d("100"), d("1E+3")},  // a positive exponent: the sum keeps 0
		{d("0.10"), d("0.20")}, // 0.30, two places kept
		{d("9223372036854775.80"), d("0.01"), d("9223372036854775.80")}, // past an int64
		{d("92233720368547758.07"), d("0.001")},                         // past an int64 on rescaling
		{d("-9000000000000000000"), d("-9000000000000000000"), d("1")},  // negative overflow
		{d("123456789012345678901234567890"), d("1.1")},                 // an addend past an int64
		{d("1e-20"), d("1")},
	}
	for _, ds := range cases {
		var s sum
		want := decimal.Decimal{}
		for _, x := range ds {
			s.add(x)
			want = want.Add(x)
		}
		got := s.value()
		if got.String() != want.String() || got.Exponent() != want.Exponent() || !got.Equal(want) {
			t.Errorf("sum of %v = %s (exp %d), want %s (exp %d)", ds, got, got.Exponent(), want, want.Exponent())
		}
	}
	// Worked by hand: 0.10 + 0.20 + 1.5 = 1.80, written with two places.
	var s sum
	for _, x := range []string{"0.10", "0.20", "1.5"} {
		s.add(d(x))
	}
	if got := s.value().String(); got != "1.8" || s.value().Exponent() != -2 {
		t.Errorf("0.10 + 0.20 + 1.5 = %s (exp %d), want 1.8 (exp -2)", got, s.value().Exponent())
	}
}

// TestSumFromIsChain checks sumFrom, add and sub against the chain of Add
// and Sub from the first figure: net's (上课补助 + … − 扣除金额 + 奖励).
func TestSumFromIsChain(t *testing.T) {
	d := decimal.RequireFromString
	cases := [][]decimal.Decimal{
		{d("100")},
		{d("1E+2"), d("5")}, // a positive exponent: not 0's
		{d("120.00"), d("30.5"), d("0"), d("400.00"), d("40.00"), d("0.00")},
		{d("9223372036854775.80"), d("9223372036854775.80"), d("0"), d("0"), d("-1"), d("1")},
		{d("123456789012345678901234567890"), d("1.25"), d("0"), d("0"), d("3"), d("0")},
		{d("0.01"), d("0"), d("0"), d("0"), d("9000000000000000000"), d("0")},
	}
	for _, ds := range cases {
		want := ds[0]
		s := sumFrom(ds[0])
		for i, x := range ds[1:] {
			if i == 3 { // the fourth after the first is subtracted, as net's 扣除金额
				want = want.Sub(x)
				s.sub(x)
				continue
			}
			want = want.Add(x)
			s.add(x)
		}
		got := s.value()
		if got.String() != want.String() || got.Exponent() != want.Exponent() || !got.Equal(want) {
			t.Errorf("chain of %v = %s (exp %d), want %s (exp %d)", ds, got, got.Exponent(), want, want.Exponent())
		}
	}
	// Worked by hand: 120.00 + 30.5 + 400.00 − 40.00 = 510.50.
	s := sumFrom(d("120.00"))
	s.add(d("30.5"))
	s.add(d("400.00"))
	s.sub(d("40.00"))
	if got := s.value(); got.StringFixed(2) != "510.50" || got.Exponent() != -2 {
		t.Errorf("120.00 + 30.5 + 400.00 − 40.00 = %s (exp %d), want 510.50 (exp -2)", got, got.Exponent())
	}
}

// TestIntern checks that a shared figure is the figure it stands for: the
// same value and exponent (34 is not 34.00, 0.00 is not 0), and that what
// is not small is left alone.
func TestIntern(t *testing.T) {
	d := decimal.RequireFromString
	for _, s := range []string{"0", "34", "1023", "1024", "0.00", "0.0", "12.50", "-3", "0E+2", "123456789012345678901234567890"} {
		x := d(s)
		got := intern(x)
		if got.String() != x.String() || got.Exponent() != x.Exponent() || !got.Equal(x) {
			t.Errorf("intern(%s) = %s (exp %d), want exp %d", s, got, got.Exponent(), x.Exponent())
		}
	}
	if intern(d("34")) != intern(decimal.NewFromInt(34)) {
		t.Error("34 is not shared")
	}
	if intern(d("0.00")) != intern(decimal.New(0, -2)) {
		t.Error("0.00 is not shared")
	}
	if intern(d("0.00")) == intern(d("0")) {
		t.Error("0.00 and 0 are shared as one")
	}
	if got := intern(decimal.Decimal{}); got != (decimal.Decimal{}) {
		t.Error("the zero Decimal was replaced")
	}
}
