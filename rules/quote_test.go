package rules

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	long := "王" + strings.Repeat("芳", 649)
	for _, c := range []struct{ in, quote, clip string }{
		{"王芳", `"王芳"`, "王芳"},
		{"王\u200b芳", `"王\u200b芳"`, "王\u200b芳"},
		{strings.Repeat("a", 30), `"` + strings.Repeat("a", 30) + `"`, strings.Repeat("a", 30)},
		{strings.Repeat("a", 31), `"` + strings.Repeat("a", 30) + `…"（共 31 字）`, strings.Repeat("a", 30) + "…（共 31 字）"},
		{strings.Repeat("芳", 30), `"` + strings.Repeat("芳", 30) + `"`, strings.Repeat("芳", 30)},
		{long, `"王` + strings.Repeat("芳", 29) + `…"（共 650 字）`, "王" + strings.Repeat("芳", 29) + "…（共 650 字）"},
	} {
		if got := Quote(c.in); got != c.quote {
			t.Errorf("Quote(%.40q) = %s, want %s", c.in, got, c.quote)
		}
		if got := Clip(c.in); got != c.clip {
			t.Errorf("Clip(%.40q) = %s, want %s", c.in, got, c.clip)
		}
	}
	// A megabyte is shown in a few dozen characters.
	if got := Quote(strings.Repeat("名", 1<<20)); len([]rune(got)) > 50 {
		t.Errorf("Quote of a megabyte is %d characters", len([]rune(got)))
	}
}
