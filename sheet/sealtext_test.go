package sheet

import (
	"testing"

	"github.com/shopspring/decimal"

	"kfpay/calc"
)

// TestSealTextFastPaths checks the seal's text of amounts and counts made
// from cents and int64s against what Round and StringFixed, and String,
// write: the seal of every payout already written depends on it.
func TestSealTextFastPaths(t *testing.T) {
	for _, s := range []string{"0", "0.00", "0.0", "5", "-5", "0.05", "-0.05", "0.5", "-0.50", "12.3", "123.45", "-123.45",
		"1000000", "99999999999.99", "-99999999999.99", "0.005", "1.234", "1E+2", "123456789012345678.90"} {
		d := decimal.RequireFromString(s)
		if got, want := sealMoneyOf(d), calc.Yuan(d).StringFixed(2); got != want {
			t.Errorf("sealMoneyOf(%s) = %q, want %q", s, got, want)
		}
	}
	// Worked by hand.
	for s, want := range map[string]string{"-0.05": "-0.05", "1234.5": "1234.50", "7": "7.00", "0.00": "0.00"} {
		if got := sealMoneyOf(decimal.RequireFromString(s)); got != want {
			t.Errorf("sealMoneyOf(%s) = %q, want %q", s, got, want)
		}
	}
	for _, s := range []string{"0", "34", "-3", "999999999999999", "1000000000000000", "2.5", "1E+3"} {
		d := decimal.RequireFromString(s)
		want := d.String()
		if !(d.IsInteger() && d.NumDigits() <= 15) {
			continue // the float path, unchanged
		}
		if got := sealNumberOf(d); got != want {
			t.Errorf("sealNumberOf(%s) = %q, want %q", s, got, want)
		}
	}
}
