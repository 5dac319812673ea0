package xlsx

import (
	"strings"
	"unicode/utf8"
)

// FormatKind is what a cell's number format makes of its number: kfpay's
// one reading of number formats, for the input readers (is this number a
// percent, a date?) and for dump (how is it shown?).
type FormatKind uint8

const (
	FormatNumber   FormatKind = iota // General, 0.00, #,##0, @ …: the number itself
	FormatPercent                    // 0%, 0.00%: the number × 100 with a %
	FormatDate                       // yyyy-mm-dd, yyyy"年"m"月"d"日": a day serial
	FormatTime                       // h:mm, mm:ss: a time of day
	FormatDateTime                   // yyyy-mm-dd hh:mm: a day and a time of day
	FormatElapsed                    // [h]:mm: a duration in hours, which may pass 24
)

// NumFormat is what kfpay needs to know of a number format code.
type NumFormat struct {
	Kind   FormatKind
	Places int // decimals a FormatNumber shows: 2 for #,##0.00
	// Pad is, for a format that shows a whole number padded with zeros
	// between fixed text, such as 000 or "T"000, how: a 工号 typed as 1 in
	// such a column reads 001, or T001, on screen. Its Width is 0 for any
	// other format.
	Pad IntFormat
}

// IsDate reports whether a number in this format is a date serial: a day,
// a time of day, both, or an elapsed time.
func (f NumFormat) IsDate() bool { return f.Kind >= FormatDate }

// ParseNumFormat reads a number format code as Excel applies it to a
// number. Only the first section counts: it is the format of positive
// numbers, and of zero and negatives when the code has no section of
// their own, and Excel's own format categories (Format Cells, CELL), as
// LibreOffice's and openpyxl's, are taken from it. A code's sections agree
// in kind in practice (#,##0.00;[Red]-#,##0.00, 0.00%;-0.00%), while a
// later section may hold anything: the text section of yyyy/m/d;@ or of an
// accounting format.
//
// Within the section, quoted text ("年"), the character after \ (a
// literal), _ (a space as wide as it) and * (a fill), and bracketed tags
// ([Red], [$-804], [DBNum1], [>=100]) show no digit; an elapsed-time tag
// ([h], [mm], [ss]) makes a duration. What is left is a percent if it
// has a %, a date if it has y or d, a time if it has h or s (AM/PM too);
// an m is a month unless an h or s is beside it, when it is a minute.
// "General" is no letter of a date. A code that is only literal text and
// a run of two or more 0s pads a whole number (Pad, parseIntFormat).
func ParseNumFormat(code string) NumFormat {
	var kept []byte
	elapsed := false
scan:
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case ';':
			break scan
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				break scan
			}
			i += j + 1
		case '\\', '_', '*':
			// The next character is a literal, a space or a fill: skip it
			// whole, for a literal may be 年 as well as d.
			_, size := utf8.DecodeRuneInString(code[i+1:])
			i += size
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				break scan
			}
			if isElapsedTag(code[i+1 : i+j]) {
				elapsed = true
			}
			i += j
		default:
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			kept = append(kept, c)
		}
	}
	s := strings.ReplaceAll(string(kept), "general", "")
	s = strings.ReplaceAll(s, "am/pm", "h")
	s = strings.ReplaceAll(s, "a/p", "h")
	date := strings.ContainsAny(s, "yd")
	clock := strings.ContainsAny(s, "hs")
	if strings.Contains(s, "m") && !clock && !elapsed {
		date = true // m alone is a month; beside h or s it is a minute
	}
	switch {
	case elapsed:
		return NumFormat{Kind: FormatElapsed}
	case date && clock:
		return NumFormat{Kind: FormatDateTime}
	case date:
		return NumFormat{Kind: FormatDate}
	case clock:
		return NumFormat{Kind: FormatTime}
	case strings.Contains(s, "%"):
		return NumFormat{Kind: FormatPercent}
	}
	f := NumFormat{Kind: FormatNumber}
	if pad := parseIntFormat(code); pad != nil {
		f.Pad = *pad
	}
	if _, frac, ok := strings.Cut(s, "."); ok {
		for f.Places < len(frac) && strings.IndexByte("0#?", frac[f.Places]) >= 0 {
			f.Places++
		}
	}
	return f
}

// IntFormat is a number format that shows a whole number padded with zeros
// to Width digits between Prefix and Suffix: 000 is {"", 3, ""}, "T"000 is
// {"T", 3, ""}.
type IntFormat struct {
	Prefix, Suffix string
	Width          int
}

// Show writes the whole number n (its decimal digits) as f shows it.
func (f *IntFormat) Show(n string) string {
	if len(n) < f.Width {
		n = strings.Repeat("0", f.Width-len(n)) + n
	}
	return f.Prefix + n + f.Suffix
}

// parseIntFormat reads a custom format code made of literal text (quoted,
// or escaped with \), one run of at least two 0s, and literal text, as a
// school formats its 工号 column; nil for any other code, a code of several
// sections included.
func parseIntFormat(code string) *IntFormat {
	var f IntFormat
	zeros, after := 0, false
	for i := 0; i < len(code); i++ {
		var lit string
		switch c := code[i]; {
		case c == '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return nil
			}
			lit, i = code[i+1:i+1+j], i+1+j
		case c == '\\' && i+1 < len(code):
			_, size := utf8.DecodeRuneInString(code[i+1:])
			lit, i = code[i+1:i+1+size], i+size
		case c == '0' && !after:
			zeros++
			continue
		default:
			return nil
		}
		if zeros > 0 {
			after = true
			f.Suffix += lit
		} else {
			f.Prefix += lit
		}
	}
	if zeros < 2 {
		return nil
	}
	f.Width = zeros
	return &f
}

// isElapsedTag reports whether the inside of a bracketed tag is an elapsed
// time: [h], [hh], [mm], [ss], one letter repeated.
func isElapsedTag(s string) bool {
	if s == "" {
		return false
	}
	first := s[0] | 0x20
	if first != 'h' && first != 'm' && first != 's' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i]|0x20 != first {
			return false
		}
	}
	return true
}

// builtinFormats are the codes of the built-in number format ids as a
// Chinese (zh-CN) Excel shows them; a style names one by its numFmtId
// without writing the code. Ids 5–8, 27–36 and 41–58 depend on the
// locale: these are the zh-CN ones (excelize's table agrees), the locale
// of the school's Excel and WPS. An id not here is General.
var builtinFormats = map[int]string{
	0:  "General",
	1:  "0",
	2:  "0.00",
	3:  "#,##0",
	4:  "#,##0.00",
	5:  `"¥"#,##0;"¥"\-#,##0`,
	6:  `"¥"#,##0;[Red]"¥"\-#,##0`,
	7:  `"¥"#,##0.00;"¥"\-#,##0.00`,
	8:  `"¥"#,##0.00;[Red]"¥"\-#,##0.00`,
	9:  "0%",
	10: "0.00%",
	11: "0.00E+00",
	12: "# ?/?",
	13: "# ??/??",
	14: "yyyy/m/d",
	15: "d-mmm-yy",
	16: "d-mmm",
	17: "mmm-yy",
	18: "h:mm AM/PM",
	19: "h:mm:ss AM/PM",
	20: "h:mm",
	21: "h:mm:ss",
	22: "yyyy/m/d h:mm",
	27: `yyyy"年"m"月"`,
	28: `m"月"d"日"`,
	29: `m"月"d"日"`,
	30: "m-d-yy",
	31: `yyyy"年"m"月"d"日"`,
	32: `h"时"mm"分"`,
	33: `h"时"mm"分"ss"秒"`,
	34: `上午/下午h"时"mm"分"`,
	35: `上午/下午h"时"mm"分"ss"秒"`,
	36: `yyyy"年"m"月"`,
	37: "#,##0_);(#,##0)",
	38: "#,##0_);[Red](#,##0)",
	39: "#,##0.00_);(#,##0.00)",
	40: "#,##0.00_);[Red](#,##0.00)",
	41: `_ * #,##0_ ;_ * \-#,##0_ ;_ * "-"_ ;_ @_ `,
	42: `_ "¥"* #,##0_ ;_ "¥"* \-#,##0_ ;_ "¥"* "-"_ ;_ @_ `,
	43: `_ * #,##0.00_ ;_ * \-#,##0.00_ ;_ * "-"??_ ;_ @_ `,
	44: `_ "¥"* #,##0.00_ ;_ "¥"* \-#,##0.00_ ;_ "¥"* "-"??_ ;_ @_ `,
	45: "mm:ss",
	46: "[h]:mm:ss",
	47: "mm:ss.0",
	48: "##0.0E+0",
	49: "@",
	50: `yyyy"年"m"月"`,
	51: `m"月"d"日"`,
	52: `yyyy"年"m"月"`,
	53: `m"月"d"日"`,
	54: `m"月"d"日"`,
	55: `上午/下午h"时"mm"分"`,
	56: `上午/下午h"时"mm"分"ss"秒"`,
	57: `yyyy"年"m"月"`,
	58: `m"月"d"日"`,
}

// BuiltinNumFormat reads the built-in number format id, as
// ParseNumFormat reads its code.
func BuiltinNumFormat(id int) NumFormat {
	return ParseNumFormat(builtinFormats[id])
}
