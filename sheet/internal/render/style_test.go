package render

import (
	"context"
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func TestPercentCell(t *testing.T) {
	tests := []struct {
		in    string
		kind  Kind
		shown string
	}{
		{"0.3", KindPercent0, "30%"},
		{"0.30", KindPercent0, "30%"},
		{"0.300000", KindPercent0, "30%"},
		{"1", KindPercent0, "100%"},
		{"1.00", KindPercent0, "100%"},
		{"0", KindPercent0, "0%"},
		{"0.000", KindPercent0, "0%"},
		{"0.01", KindPercent0, "1%"},
		{"0.125", KindPercent1, "12.5%"},
		{"0.1225", KindPercent2, "12.25%"},
		{"0.12345", KindPercent2, "12.345%"},
		{"1.01", KindPercent0, "101%"},
		{"2", KindPercent0, "200%"},
		{"-0.1", KindPercent0, "-10%"},
		{"1e-2", KindPercent0, "1%"},
	}
	for _, tt := range tests {
		got := Percent(decimal.RequireFromString(tt.in))
		if got.kind != tt.kind || got.Shown() != tt.shown {
			t.Errorf("Percent(%s) = %d %q, want %d %q", tt.in, got.kind, got.Shown(), tt.kind, tt.shown)
		}
	}
	// 0.3 as calc makes it, 30 × 10^-2, and as New(3, -1).
	for _, d := range []decimal.Decimal{decimal.New(30, -2), decimal.New(3, -1), decimal.New(3000, -4), decimal.New(1, 0)} {
		if got := Percent(d); got.kind != KindPercent0 || got.Shown() != d.Shift(2).String()+"%" {
			t.Errorf("Percent(%s) = %d %q", d, got.kind, got.Shown())
		}
	}
}

// TestIntShown: an Int's text, made when asked for, and its width are
// those of its digits.
func TestIntShown(t *testing.T) {
	for _, tt := range []struct {
		n     int
		shown string
		width float64
	}{
		{0, "0", 1}, {7, "7", 1}, {10, "10", 2}, {250000, "250000", 6}, {-12, "-12", 2.6}, {2147483647, "2147483647", 10}, // the largest int on windows/386
	} {
		for _, c := range []Cell{Int(tt.n), CenterInt(tt.n), Int(tt.n).As(KindCountBlank)} {
			if c.Shown() != tt.shown || c.width() != tt.width || c.width() != figureWidth(tt.shown) {
				t.Errorf("Int(%d) as %d: %q, width %g; want %q, %g", tt.n, c.kind, c.Shown(), c.width(), tt.shown, tt.width)
			}
		}
		// Made text, its text is kept.
		if c := Int(tt.n).As(KindText); c.shown != tt.shown || c.width() != textWidth(tt.shown) {
			t.Errorf("Int(%d) as text: %q", tt.n, c.shown)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{"T01", 3},
		{"王芳", 4},
		{"课时登记.xlsx 9月!D2", 20},
		{"１２", 4},
	}
	for _, tt := range tests {
		if got := DisplayWidth(tt.in); got != tt.want {
			t.Errorf("DisplayWidth(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestGroupThousands(t *testing.T) {
	for in, want := range map[string]string{
		"0.00": "0.00", "929.00": "929.00", "2423.00": "2,423.00",
		"1234567.50": "1,234,567.50", "-1234.50": "-1,234.50", "100": "100",
	} {
		if got := groupThousands(in); got != want {
			t.Errorf("groupThousands(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestMoneyRefusesUnrounded: an amount that calc did not round to cents is
// not rounded again on its way into a cell, where its cents could then
// disagree with the total of the rounded lines: the cell carries
// ErrUnrounded and the grid that gets it refuses to write the sheet.
func TestMoneyRefusesUnrounded(t *testing.T) {
	for _, s := range []string{"0", "929", "929.5", "929.50", "-12.34", "2423.000"} {
		if err := Money(decimal.RequireFromString(s)).Err(); err != nil {
			t.Errorf("Money(%s).Err() = %v, want nil", s, err)
		}
	}
	for _, s := range []string{"1.005", "929.001", "0.125", "-0.001"} {
		if err := Money(decimal.RequireFromString(s)).Err(); !errors.Is(err, ErrUnrounded) {
			t.Errorf("Money(%s).Err() = %v, want ErrUnrounded", s, err)
		}
	}
	b, err := NewBook(context.Background(), "表")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	g := b.Grid("表")
	g.Row(1, false, Text("王芳"), Money(decimal.RequireFromString("929.00")))
	g.Row(2, false, Text("李强"), Money(decimal.RequireFromString("1.005")))
	if err := g.Finish(); !errors.Is(err, ErrUnrounded) {
		t.Errorf("Finish() = %v, want ErrUnrounded", err)
	}
}
