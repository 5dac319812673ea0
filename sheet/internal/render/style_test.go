package render

import (
	"context"
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func TestPercentCell(t *testing.T) {
	tests := []struct {
		in   string
		kind Kind
	}{
		{"0.3", KindPercent0},
		{"1", KindPercent0},
		{"0", KindPercent0},
		{"0.125", KindPercent1},
		{"0.1225", KindPercent2},
		{"0.12345", KindPercent2},
	}
	for _, tt := range tests {
		if got := Percent(decimal.RequireFromString(tt.in)); got.kind != tt.kind {
			t.Errorf("Percent(%s).kind = %d, want %d", tt.in, got.kind, tt.kind)
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
