package xlsx

import "testing"

// TestParseNumFormat reads the format codes bursars' workbooks carry, each
// expectation what Excel shows for a number in that format: a percent, a
// date, a time or a plain number with so many decimals.
func TestParseNumFormat(t *testing.T) {
	num := func(places int) NumFormat { return NumFormat{Kind: FormatNumber, Places: places} }
	var (
		percent  = NumFormat{Kind: FormatPercent}
		date     = NumFormat{Kind: FormatDate}
		clock    = NumFormat{Kind: FormatTime}
		dateTime = NumFormat{Kind: FormatDateTime}
		elapsed  = NumFormat{Kind: FormatElapsed}
	)
	for _, tc := range []struct {
		code string
		want NumFormat
	}{
		{"", num(0)},
		{"General", num(0)},
		{"G/通用格式", num(0)}, // General as a Chinese Excel writes it
		{"[DBNum1][$-804]General", num(0)},
		{"@", num(0)},
		{"0", num(0)},
		{"0.0", num(1)},
		{"#,##0.00", num(2)},
		// Money with negatives in red: both sections two decimals.
		{"#,##0.00;[Red]-#,##0.00", num(2)},
		{`#,##0.00_);[Red](#,##0.00)`, num(2)},
		{`"¥"#,##0.00`, num(2)},
		{`"¥"#,##0.00;"¥"\-#,##0.00`, num(2)},
		{`[$¥-804]#,##0.00`, num(2)},
		{`#,##0.00"元"`, num(2)},
		{`0.00 "d"`, num(2)},      // a quoted d is text
		{`0.0\d`, num(1)},         // an escaped d is a literal, not a day
		{`0_m`, num(0)},           // padding as wide as an m
		{`0*s`, num(0)},           // an s as fill
		{`"m"0`, num(0)},          // a quoted m
		{"0.00E+00", num(2)},      // the E of an exponent is no date letter
		{"[>=100]0;0.00", num(0)}, // a condition, then the first section
		{"[Red]0.00", num(2)},
		{"0%", percent},
		{"0.0%", percent},
		{"0.00%;-0.00%", percent},
		{"0.00%;[Red]-0.00%", percent},
		{`0.0"%"`, num(1)}, // a quoted % is text
		{`0.0\%`, num(1)},  // and so is an escaped one
		// The first section decides: a later one may be anything.
		{`0.00;0.00%`, num(2)},
		{`yyyy/m/d;@`, date},
		{`;;;@`, num(0)}, // a hidden number
		{"yyyy-mm-dd", date},
		{"yyyy/m/d", date},
		{`yyyy"年"m"月"d"日"`, date},
		{`yyyy"年"m"月"d"日";@`, date},
		{`[DBNum1][$-804]yyyy"年"m"月"d"日"`, date},
		{"[$-804]yyyy/m/d", date},
		{`yyyy\年m\月d\日`, date}, // escaped Chinese characters
		{`yyyy\-mm\-dd`, date},
		{`m\/d\/yyyy`, date},
		{`d\d`, date}, // a day followed by a literal d
		{`[$-409]mmm d, yyyy`, date},
		{"mmm-yy", date},
		{`m"月"`, date}, // m alone is a month
		{"h:mm", clock},
		{"hh:mm:ss", clock},
		{"mm:ss", clock}, // beside s, m is a minute
		{"h:mm AM/PM", clock},
		{`上午/下午h"时"mm"分"`, clock},
		{"yyyy-mm-dd hh:mm", dateTime},
		{"m/d/yy h:mm", dateTime},
		{"[h]:mm", elapsed},
		{"[h]:mm:ss", elapsed},
		{"[mm]:ss", elapsed},
		{"[ss].00", elapsed},
		{`"unterminated`, num(0)},
		{"[unterminated", num(0)},
		// A 工号 column: the number padded with zeros, between literals.
		{"000", NumFormat{Kind: FormatNumber, Pad: IntFormat{Width: 3}}},
		{`"T"000`, NumFormat{Kind: FormatNumber, Pad: IntFormat{Prefix: "T", Width: 3}}},
		{`000"号"`, NumFormat{Kind: FormatNumber, Pad: IntFormat{Suffix: "号", Width: 3}}},
	} {
		if got := ParseNumFormat(tc.code); got != tc.want {
			t.Errorf("ParseNumFormat(%q) = %+v, want %+v", tc.code, got, tc.want)
		}
	}
}

// TestBuiltinNumFormat reads the built-in ids a style may name without a
// code, as a Chinese Excel shows them.
func TestBuiltinNumFormat(t *testing.T) {
	for id := range 200 {
		want := NumFormat{Kind: FormatNumber}
		switch {
		case id == 2, id == 4, id == 7, id == 8, id == 11, id == 39, id == 40, id == 43, id == 44:
			want.Places = 2 // 0.00, #,##0.00, ¥#,##0.00, 0.00E+00, accounting with fen
		case id == 48:
			want.Places = 1 // ##0.0E+0
		case id == 9, id == 10:
			want.Kind = FormatPercent // 0%, 0.00%
		case id >= 14 && id <= 17, id >= 27 && id <= 31, id == 36, id >= 50 && id <= 54, id == 57, id == 58:
			want.Kind = FormatDate // yyyy/m/d, d-mmm-yy, yyyy"年"m"月", m"月"d"日"
		case id >= 18 && id <= 21, id >= 32 && id <= 35, id == 45, id == 47, id == 55, id == 56:
			want.Kind = FormatTime // h:mm AM/PM, h"时"mm"分", mm:ss
		case id == 22:
			want.Kind = FormatDateTime // yyyy/m/d h:mm
		case id == 46:
			want.Kind = FormatElapsed // [h]:mm:ss
		}
		if got := BuiltinNumFormat(id); got != want {
			t.Errorf("BuiltinNumFormat(%d) = %+v, want %+v", id, got, want)
		}
	}
	wb := &Workbook{styles: []NumFormat{{}, {Kind: FormatPercent}, {Kind: FormatDate}, {Kind: FormatElapsed}}}
	for _, s := range []int{-1, 0, 4, 1 << 30} {
		if wb.IsPercentStyle(s) || wb.IsDateStyle(s) {
			t.Errorf("style %d: percent or date, want neither", s)
		}
	}
	if !wb.IsPercentStyle(1) || wb.IsDateStyle(1) || !wb.IsDateStyle(2) || !wb.IsDateStyle(3) {
		t.Errorf("styles 1, 2 and 3 misread")
	}
}
