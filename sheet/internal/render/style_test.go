package render

import (
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
