package render

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

// TestMoneyShown: an amount shows as #,##0.00 shows it, worked out by hand,
// and its width is that of the text shown, though the text is never made
// for sizing the column.
func TestMoneyShown(t *testing.T) {
	for _, c := range []struct{ amount, shown string }{
		{"0", "0.00"},
		{"5", "5.00"},
		{"12.5", "12.50"},
		{"999.99", "999.99"},
		{"1000", "1,000.00"},
		{"12345.6", "12,345.60"},
		{"1234567.89", "1,234,567.89"},
		{"-0.01", "-0.01"},
		{"-1234.5", "-1,234.50"},
		{"99999999999.99", "99,999,999,999.99"},
	} {
		cell := Money(decimal.RequireFromString(c.amount))
		if got := cell.Shown(); got != c.shown {
			t.Errorf("Money(%s).Shown() = %q, want %q", c.amount, got, c.shown)
		}
		if got, want := cell.width(), figureWidth(c.shown); got != want {
			t.Errorf("Money(%s).width() = %v, want %v, the width of %q", c.amount, got, want, c.shown)
		}
	}
}

// TestMoneyWidthCounted: the width of an amount, counted from its cents
// without its text, is the width of the text #,##0.00 shows (Shown) for
// whole cents near every power of ten, negative ones, and doubles that are
// no whole number of cents (a cell made from a float, or -0), which take
// the text's way.
func TestMoneyWidthCounted(t *testing.T) {
	var amounts []float64
	for p := int64(1); p <= 1e16; p *= 10 {
		for _, d := range []int64{-1, 0, 1} {
			for _, c := range []int64{p + d, p*7 + d, p*99 + d} {
				if c >= 0 {
					amounts = append(amounts, float64(c)/100, -float64(c)/100)
				}
			}
		}
	}
	amounts = append(amounts, 0, math.Copysign(0, -1), 0.004, -0.004, 0.005, -0.005, 9.995, -9.995,
		999.999, 1e15/100-0.001, 12.345, math.SmallestNonzeroFloat64, -math.SmallestNonzeroFloat64, 1e20, -1e20)
	for _, v := range amounts {
		cell := Cell{val: floatValue(v), kind: KindMoney}
		if got, want := cell.width(), figureWidth(cell.Shown()); got != want {
			t.Errorf("width of %v = %v, want %v, the width of %q", v, got, want, cell.Shown())
		}
	}
}
