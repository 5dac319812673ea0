package calc

import (
	"math"
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
