package cellnum

import "testing"

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
