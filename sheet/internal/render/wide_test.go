package render

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// isWide answers ASCII and the CJK unified ideographs without the table:
// for every character it must answer what the table says.
func TestIsWideAsTheTable(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		k := width.LookupRune(r).Kind()
		want := k == width.EastAsianWide || k == width.EastAsianFullwidth || k == width.EastAsianAmbiguous
		if got := isWide(r); got != want {
			t.Errorf("isWide(%U) = %v, the table says %v", r, got, want)
		}
	}
	// By hand: 王 and the full-width comma are two units, a digit and a
	// letter one, the multiplication sign (ambiguous) two.
	for s, want := range map[string]float64{"王芳": 4, "，": 2, "7a": 2, "×": 2} {
		if got := DisplayWidth(s); got != want {
			t.Errorf("DisplayWidth(%q) = %v, want %v", s, got, want)
		}
	}
}
