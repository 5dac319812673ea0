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
