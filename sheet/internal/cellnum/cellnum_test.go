package cellnum

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestDecimal checks the rounding of raw number values: only the digits
// of a fraction beyond what a double holds go, and a value as typed stays
// exact.
func TestDecimal(t *testing.T) {
	for raw, want := range map[string]string{
		"20":                      "20",
		"0.105":                   "0.105",
		"0.104999999999999999997": "0.105",
		"0.30000000000000004":     "0.3",
		"838.46000000000000002":   "838.46",
		"46267.9999999999999999":  "46268",
		"123456789012345":         "123456789012345",
		"123456789012345678":      "123456789012345678",
		"1234567.89099999999996":  "1234567.891",
		"-33.2999999999999999993": "-33.3",
		"1e3":                     "1000",
		"0":                       "0",
	} {
		got, err := Decimal(raw)
		if err != nil || got.String() != want {
			t.Errorf("Decimal(%q) = %v, %v; want %s", raw, got, err, want)
		}
	}
	if _, err := Decimal("12a"); err == nil {
		t.Error(`Decimal("12a") = nil error, want one`)
	}
}

// TestSmall checks that the shared Decimals of whole numbers are what
// decimal.NewFromString makes of the same digits, value and exponent, and
// that only plain ASCII digits take that way.
func TestSmall(t *testing.T) {
	for _, raw := range []string{"0", "1", "2", "9", "10", "07", "012", "999", "100"} {
		n, ok := SmallInt(raw)
		if !ok {
			t.Errorf("SmallInt(%q) not ok", raw)
			continue
		}
		want, _ := decimal.NewFromString(raw)
		got := Small(n)
		if !got.Equal(want) || got.Exponent() != want.Exponent() || got.String() != want.String() {
			t.Errorf("Small(SmallInt(%q)) = %v (exp %d), want %v (exp %d)", raw, got, got.Exponent(), want, want.Exponent())
		}
		if d, err := Decimal(raw); err != nil || d.String() != want.String() || d.Exponent() != want.Exponent() {
			t.Errorf("Decimal(%q) = %v, %v; want %v", raw, d, err, want)
		}
	}
	for _, raw := range []string{"", "1000", "1.0", "2.", ".5", "-1", "+2", " 2", "2 ", "２", "1e2", "1,0", "0x1", "TRUE"} {
		if n, ok := SmallInt(raw); ok {
			t.Errorf("SmallInt(%q) = %d, true; want not ok", raw, n)
		}
	}
	// Whatever is done with a shared Decimal leaves it as it was.
	two := Small(2)
	_ = two.Add(Small(3)).Sub(Small(1)).Mul(Small(7)).Neg().Abs()
	_ = two.Add(decimal.New(5, -1))
	_, _ = two.QuoRem(Small(1), 0)
	if Small(2).String() != "2" || Small(3).String() != "3" || Small(1).String() != "1" || Small(7).String() != "7" {
		t.Errorf("a shared Decimal changed: 1 2 3 7 are now %v %v %v %v", Small(1), Small(2), Small(3), Small(7))
	}
}
