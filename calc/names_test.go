package calc

import (
	"strings"
	"testing"
)

// The fast path for plain names must give what the general code gives.

func TestPlainName(t *testing.T) {
	for s, plain := range map[string]bool{
		"张伟": true, "S001-T002": true, "上课": true, "": true, "Li_Wei": true,
		"张 伟": false, "张　伟": false, " 张伟": false, "Ｔ01": false, "迪丽热巴·迪力木拉提": false,
		"Li Wei": false, "é": false, "\t": false, "张伟\u0301": false, "王\u200b芳": false,
	} {
		if got := plainName(s); got != plain {
			t.Errorf("plainName(%q) = %t, want %t", s, got, plain)
		}
		if got, want := NormalizeName(s), foldName(s); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzPlainName(f *testing.F) {
	for _, s := range []string{"张伟", "S001-T002", "张　三", "Ｔ01", "a b", "\u4e00\u0301", "王\u200b芳"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if plainName(s) && (foldName(s) != s || NormalizeID(s) != s) {
			t.Errorf("plainName(%q), but NormalizeName folds it to %q", s, foldName(s))
		}
		// Normalising twice changes nothing: a name read back from a
		// payout is the name that was paid.
		if n := NormalizeName(s); NormalizeName(n) != n {
			t.Errorf("NormalizeName(NormalizeName(%q)) = %q, want %q", s, NormalizeName(n), n)
		}
		if n := NormalizeID(s); NormalizeID(n) != n {
			t.Errorf("NormalizeID(NormalizeID(%q)) = %q, want %q", s, NormalizeID(n), n)
		}
	})
}

// TestNormalizeName: one person's name, however it was typed or pasted,
// is one name; what the cell hides is said (issue 21).
func TestNormalizeName(t *testing.T) {
	for _, c := range []struct {
		typed, want string
		hidden      string // a part of HiddenChange, "" for nothing
	}{
		{"王芳", "王芳", ""},
		{"王\u200b芳", "王芳", "U+200B"},       // zero-width space, pasted from a web page
		{"\ufeff王芳", "王芳", "U+FEFF"},       // a byte order mark at the start
		{"王芳\u2060", "王芳", "U+2060"},       // word joiner
		{"王\u00ad芳", "王芳", "U+00AD"},       // soft hyphen
		{"王\u200d芳\u200c", "王芳", "U+200D"}, // zero-width joiners
		{"王芳\ufe0f", "王芳", "U+FE0F"},       // a variation selector
		{"王\u3164芳", "王芳", "U+3164"},       // Hangul filler, blank but not a space
		{"王\u00a0芳", "王芳", ""},             // no-break space: a space, visible
		{"王\u2003芳", "王芳", ""},             // em space
		{"张　三", "张三", ""},                  // ideographic space, aligning
		{" 张三\t", "张三", ""},
		{"王\u2f45", "王方", "⽅（U+2F45）当作 方"}, // Kangxi radical 方, the same glyph
		{"Ａnna  Lee", "Anna Lee", ""},
		{"Anna\u200bLee", "AnnaLee", "U+200B"},
	} {
		if got := NormalizeName(c.typed); got != c.want {
			t.Errorf("NormalizeName(%q) = %q, want %q", c.typed, got, c.want)
		}
		got := HiddenChange(c.typed)
		if (c.hidden == "") != (got == "") || !strings.Contains(got, c.hidden) {
			t.Errorf("HiddenChange(%q) = %q, want it to say %q", c.typed, got, c.hidden)
		}
	}
}

// TestNormalizeID: a 工号 loses what nobody sees and every space, and keeps
// its case and width for the message that names its spellings; IDKey folds
// those.
func TestNormalizeID(t *testing.T) {
	for typed, want := range map[string]string{
		"T01": "T01", "T\u200b01": "T01", " T 01 ": "T01", "Ｔ01": "Ｔ01", "t01": "t01", "\ufeff001": "001",
	} {
		if got := NormalizeID(typed); got != want {
			t.Errorf("NormalizeID(%q) = %q, want %q", typed, got, want)
		}
	}
}

// TestIDKey: 工号 that differ only in case, width or the leading zeros of a
// number are one key (SPEC 2.1, identity), the number inside letters too.
func TestIDKey(t *testing.T) {
	same := [][]string{
		{"T01", "t01", "Ｔ01", "ｔ０１", "T1", "T001", "t1"},
		{"T-07-2", "t-7-02", "T-007-002"},
		{"1", "001", "１", "０１", "01"},
		{"0", "000"},
		{"A-7b", "a-7B"},
	}
	for _, group := range same {
		for _, id := range group {
			if IDKey(id) != IDKey(group[0]) {
				t.Errorf("IDKey(%q) = %q, IDKey(%q) = %q: want one key", id, IDKey(id), group[0], IDKey(group[0]))
			}
		}
	}
	for _, pair := range [][2]string{{"T1", "T10"}, {"1", "10"}, {"T01", "T02"}, {"1", "T1"}, {"T10", "T100"}, {"T01", "T010"}, {"0", "T0"}} {
		if IDKey(pair[0]) == IDKey(pair[1]) {
			t.Errorf("IDKey(%q) = IDKey(%q) = %q: want two keys", pair[0], pair[1], IDKey(pair[0]))
		}
	}
}
