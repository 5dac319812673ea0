package render

import (
	"testing"

	"github.com/shopspring/decimal"
)

// TestMoneyFenIsMoney checks that a figure in fen is written as Money
// writes the same amount as a decimal, whatever its exponent: the
// settlement's workbooks stay byte for byte what they were.
func TestMoneyFenIsMoney(t *testing.T) {
	for _, c := range []struct {
		fen int64
		d   string
	}{{0, "0"}, {1, "0.01"}, {-1, "-0.01"}, {60000, "600"}, {60000, "600.00"}, {35455, "354.55"},
		{-12345678901, "-123456789.01"}, {999999999999999, "9999999999999.99"},
		{1<<53 + 1, "90071992547409.93"}, {-(1<<53 + 3), "-90071992547409.95"}} {
		got, want := MoneyFen(c.fen), Money(decimal.RequireFromString(c.d))
		if got.val != want.val || got.kind != want.kind || got.err != nil {
			t.Errorf("MoneyFen(%d) = %+v, Money(%s) = %+v", c.fen, got, c.d, want)
		}
	}
}
