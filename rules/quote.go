package rules

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// MaxQuoted is how many characters of a value a message shows. A value is
// quoted so that the bursar can find it; a few dozen characters find it,
// and a name of a megabyte pasted by mistake must not fill the screen.
const MaxQuoted = 30

// Quote quotes a value the user typed for a message, as %q does (an
// invisible character shows as \u200b), but at most MaxQuoted characters of
// it: a longer value is cut, ends in …, and says how long it was:
// "王芳芳…"（共 650 字）. Every message that quotes a value quotes it
// through Quote.
func Quote(s string) string {
	short, n := cut(s)
	if n == 0 {
		return strconv.Quote(s)
	}
	return strconv.Quote(short+"…") + fmt.Sprintf("（共 %d 字）", n)
}

// Clip is s as Quote shows it, without the quotes, for a value named in a
// sentence (工号 T01 在 C2 写作 王芳).
func Clip(s string) string {
	short, n := cut(s)
	if n == 0 {
		return s
	}
	return short + fmt.Sprintf("…（共 %d 字）", n)
}

// cut returns the first MaxQuoted characters of s and the number of
// characters of s, or s and 0 when s is no longer than that.
func cut(s string) (string, int) {
	if len(s) <= MaxQuoted { // bytes: no more characters than that
		return s, 0
	}
	i := 0
	for end := range s {
		if i == MaxQuoted {
			return s[:end], MaxQuoted + utf8.RuneCountInString(s[end:])
		}
		i++
	}
	return s, 0
}
