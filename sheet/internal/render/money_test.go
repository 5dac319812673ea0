package render

import (
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
