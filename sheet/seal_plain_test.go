package sheet

import (
	"testing"

	"kfpay/calc"
	"kfpay/sheet/internal/cellnum"
)

// TestPlainSealValue checks the seal's values of plain numbers, written out
// without a decimal, against the decimal's own text, as the seal wrote
// them, and that any other text is left to the decimal.
func TestPlainSealValue(t *testing.T) {
	for _, tt := range []struct {
		raw          string
		money, count string // "" where the decimal must be used
	}{
		{"0", "0.00", "0"},
		{"23", "23.00", "23"},
		{"460", "460.00", "460"},
		{"625.5", "625.50", "625.5"},
		{"0.25", "0.25", "0.25"},
		{"0.1", "0.10", "0.1"},
		{"1.005", "", "1.005"},         // not to the fen: the decimal says so
		{"625.50", "", ""},             // a trailing zero the decimal drops
		{"007", "", ""},                // a leading zero
		{"5.", "", ""},                 // a dot and no fraction
		{".5", "", ""},                 // no integer part
		{"-12.5", "", ""},              // a sign
		{"1E-3", "", ""},               // an exponent
		{"460.00000000000006", "", ""}, // a double's noise, rounded by cellnum
		{"1234567890123456", "", ""},   // more digits than a double holds
		{"123456789012345", "123456789012345.00", "123456789012345"},
	} {
		for _, k := range []struct {
			kind sealKind
			want string
		}{{sealMoney, tt.money}, {sealCount, tt.count}, {sealPercent, tt.count}, {sealDate, ""}, {sealText, ""}} {
			got, ok := plainSealValue(tt.raw, k.kind)
			if ok != (k.want != "") || got != k.want {
				t.Errorf("plainSealValue(%q, %d) = %q, %v; want %q", tt.raw, k.kind, got, ok, k.want)
			}
			if !ok {
				continue
			}
			// The decimal's text, as sealValue writes it.
			d, err := cellnum.Decimal(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			want := d.String()
			if k.kind == sealMoney && d.Equal(calc.Yuan(d)) {
				want = d.StringFixed(2)
			}
			if got != want {
				t.Errorf("plainSealValue(%q, %d) = %q, the decimal writes %q", tt.raw, k.kind, got, want)
			}
		}
	}
}
