package calc

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kfpay/rules"
)

// CodeHiddenCharacters is a name or 工号 that held characters nobody sees
// (U+200B, U+FEFF, …) or look-alikes of common characters, which were
// removed or folded before it was compared: a warning at its cell.
const CodeHiddenCharacters Code = "hidden-characters"

// NormalizeName folds a person's name as typed (SPEC 2) before it is
// compared: characters nobody sees (format characters such as U+200B,
// U+FEFF and U+2060, control characters, variation selectors, fillers)
// removed, full-width letters and digits and other compatibility characters
// folded (NFKC), and every kind of space removed from a Chinese name, where
// spaces only align it ("张　三" is 张三). A name without Han characters
// keeps single spaces between its words ("Anna Lee"). Without this one
// person could be paid as two people whose names print alike (issue 21).
func NormalizeName(s string) string {
	if plainName(s) {
		return s
	}
	return foldName(s)
}

// foldName is NormalizeName the long way, for names that are not plain.
func foldName(s string) string {
	// Before NFKC, which may turn one invisible character into another
	// (U+3164 HANGUL FILLER into U+1160), and after it.
	s = dropInvisible(norm.NFKC.String(dropInvisible(s)))
	han := strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	if han {
		return dropSpaces(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// NormalizeID cleans a 工号 as typed before it is compared: characters
// nobody sees and every kind of space removed. Case and width are kept, so
// that a 工号 written two ways (T01, Ｔ01) can be reported as the bursar
// wrote it; IDKey folds them into one key.
func NormalizeID(s string) string {
	if plainName(s) {
		return s
	}
	return dropSpaces(dropInvisible(s))
}

// plainName reports whether NormalizeName and NormalizeID leave s as it
// is: s holds only printable ASCII other than the space and CJK unified
// ideographs, which NFKC does not change. Nearly every name, 工号 and kind
// label is plain; a session log has a million of them, and checking is a
// fraction of the cost of folding.
func plainName(s string) bool {
	for _, r := range s {
		if !(r > ' ' && r < 0x7f) && !(r >= 0x4e00 && r <= 0x9fff) {
			return false
		}
	}
	return true
}

// isInvisible reports whether r is a character that shows nothing where it
// stands: Unicode's default-ignorable code points (format characters such as
// U+200B ZERO WIDTH SPACE, U+FEFF and U+2060, variation selectors, the
// Hangul fillers) and control characters other than spaces.
func isInvisible(r rune) bool {
	switch {
	case unicode.IsSpace(r):
		return false
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Cc, r),
		unicode.Is(unicode.Variation_Selector, r), unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r):
		return true
	}
	return false
}

func dropInvisible(s string) string {
	if strings.IndexFunc(s, isInvisible) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isInvisible(r) {
			return -1
		}
		return r
	}, s)
}

func dropSpaces(s string) string {
	if strings.IndexFunc(s, unicode.IsSpace) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// HiddenChange says what normalising s changed that the bursar cannot see
// in the cell, or "" when nothing: the invisible characters it removed, by
// code point, and look-alike characters that NFKC folds into common ones
// (a Kangxi radical ⽅ for 方, a compatibility ideograph). Spaces and
// full-width letters and digits are visible and are not reported.
func HiddenChange(s string) string {
	if plainName(s) {
		return ""
	}
	var hidden []string
	seen := map[rune]bool{}
	for _, r := range s {
		if isInvisible(r) && !seen[r] && len(hidden) < 5 {
			seen[r] = true
			hidden = append(hidden, fmt.Sprintf("U+%04X", r))
		}
	}
	var parts []string
	if len(hidden) > 0 {
		parts = append(parts, "看不见的字符 "+strings.Join(hidden, "、"))
	}
	// What NFKC does beyond folding full-width ASCII and the ideographic
	// space: a character that looks like another.
	var alike []string
	for _, r := range dropInvisible(s) {
		if r < 0x80 || (r >= 0xFF01 && r <= 0xFF5E) || r == 0x3000 || unicode.IsSpace(r) || seen[r] {
			continue
		}
		if f := norm.NFKC.String(string(r)); f != string(r) {
			seen[r] = true
			alike = append(alike, fmt.Sprintf("%c（U+%04X）当作 %s", r, r, f))
			if len(alike) == 5 {
				break // a few say what the cell holds
			}
		}
	}
	if len(alike) > 0 {
		parts = append(parts, "与常用字形同而编码不同的字符："+strings.Join(alike, "、"))
	}
	return strings.Join(parts, "；")
}

// Problem codes of a name cell that names more or less than one person.
const (
	CodeNameList  Code = "name-list"  // two names in one cell
	CodeNameExtra Code = "name-extra" // a note in brackets in a name cell
)

// NameProblem says what is wrong with a normalised person's name that a
// bursar typed, "" when nothing is: a cell listing two people (王芳、李强)
// would be paid as one person of that name, an error; a note in brackets
// (李强（代王芳）) makes a second person of the same teacher, a warning.
// The middle dot of names such as 迪丽热巴·迪力木拉提 is part of the name.
func NameProblem(name string) (msg string, isError bool, code Code) {
	if hanOnly(name) {
		return "", false, "" // nearly every name: a million rows check it
	}
	if strings.ContainsAny(name, "、，,;；/／+＋&") {
		return "一格只能写一位教师；几位教师请各写一行", true, CodeNameList
	}
	if strings.ContainsAny(name, "()（）[]【】〔〕<>《》") {
		return "姓名中有括号，这一行会按另一位名为“" + rules.Clip(name) + "”的教师计发；代课、调课等说明请写在备注栏，姓名栏只写姓名", false, CodeNameExtra
	}
	return "", false, ""
}

// hanOnly reports whether s holds CJK unified ideographs only.
func hanOnly(s string) bool {
	for _, r := range s {
		if r < 0x4e00 || r > 0x9fff {
			return false
		}
	}
	return true
}
