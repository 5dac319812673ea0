package xlsx

import (
	"testing"
)

// TestIsRed holds the rule of color.go to the colours a bursar picks: the
// reds of Excel's and WPS's fill menus count, the highlights used for
// other reasons (yellow, green, orange, grey) do not.
func TestIsRed(t *testing.T) {
	for _, tc := range []struct {
		rgb  uint32
		want bool
	}{
		{0xFF0000, true},  // 红色, Excel's standard red
		{0xC00000, true},  // 深红
		{0xFF5050, true},  // a lighter red
		{0xFFC7CE, true},  // Excel's light red fill, hue 352°, saturation 0.22
		{0x800000, true},  // legacy palette's dark red
		{0xE6B8B7, true},  // Office 2007's accent 2, 40% lighter: saturation 0.20
		{0xF2DCDB, false}, // the same, 80% lighter: saturation 0.095, a faint blush
		{0xFFFF00, false}, // yellow highlight
		{0xFFC000, false}, // 橙色, hue 45°
		{0xFF6600, false}, // orange, hue 24°
		{0xED7D31, false}, // Office 2013's accent 2, orange, hue 24°
		{0x00B050, false}, // 绿色
		{0x92D050, false}, // 浅绿
		{0xFFFFFF, false},
		{0xD9D9D9, false}, // grey: no hue
		{0x000000, false},
		{0xFF99CC, false}, // rose, hue 330°: leans to magenta
		{0x3F0000, false}, // near black: brightness 0.25
	} {
		r, g, b := float64(tc.rgb>>16), float64(tc.rgb>>8&0xff), float64(tc.rgb&0xff)
		if got := isRed(r, g, b); got != tc.want {
			t.Errorf("isRed(%06X) = %v, want %v", tc.rgb, got, tc.want)
		}
	}
}

// stylesMarked is a styles part whose cellXfs i has fill i (the last two
// have font 1, struck, and the last fill 2 too).
const stylesMarked = `<styleSheet ` + nsMain + `>
<fonts count="2"><font><sz val="11"/></font><font><strike/><sz val="11"/></font></fonts>
<fills count="14">
<fill><patternFill patternType="none"/></fill>
<fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/><bgColor indexed="64"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFFFFF00"/><bgColor indexed="64"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor indexed="10"/><bgColor indexed="64"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor indexed="13"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor theme="5"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor theme="5" tint="0.59999389629810485"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor theme="5" tint="0.79998168889431442"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor theme="9"/></patternFill></fill>
<fill><patternFill patternType="darkGrid"><fgColor rgb="FF00B050"/><bgColor rgb="FFC00000"/></patternFill></fill>
<fill><patternFill><fgColor rgb="FFFF0000"/></patternFill></fill>
<fill><patternFill patternType="solid"><fgColor indexed="64"/></patternFill></fill>
<fill><gradientFill degree="90"><stop position="0"><color rgb="FFFF0000"/></stop><stop position="1"><color rgb="FFFF0000"/></stop></gradientFill></fill>
</fills>
<cellXfs count="16">
<xf fillId="0"/><xf fillId="1"/><xf fillId="2"/><xf fillId="3"/><xf fillId="4"/><xf fillId="5"/><xf fillId="6"/>
<xf fillId="7"/><xf fillId="8"/><xf fillId="9"/><xf fillId="10"/><xf fillId="11"/><xf fillId="12"/><xf fillId="13"/>
<xf fontId="1" fillId="0"/><xf fontId="1" fillId="2"/>
</cellXfs>
</styleSheet>`

// themeOffice2007 is the colour scheme of Office 2007's theme, whose
// accent 2 is a red (C0504D) and accent 6 an orange (F79646).
const themeOffice2007 = `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements><a:clrScheme name="Office">
<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>
<a:dk2><a:srgbClr val="1F497D"/></a:dk2><a:lt2><a:srgbClr val="EEECE1"/></a:lt2>
<a:accent1><a:srgbClr val="4F81BD"/></a:accent1><a:accent2><a:srgbClr val="C0504D"/></a:accent2>
<a:accent3><a:srgbClr val="9BBB59"/></a:accent3><a:accent4><a:srgbClr val="8064A2"/></a:accent4>
<a:accent5><a:srgbClr val="4BACC6"/></a:accent5><a:accent6><a:srgbClr val="F79646"/></a:accent6>
<a:hlink><a:srgbClr val="0000FF"/></a:hlink><a:folHlink><a:srgbClr val="800080"/></a:folHlink>
</a:clrScheme></a:themeElements></a:theme>`

// TestMarks reads which cell styles fill red or strike through: rgb,
// legacy index and theme colours with their tint, patterns, and the fills
// that show no colour.
func TestMarks(t *testing.T) {
	path := writeParts(t, t.TempDir(), "marks.xlsx", map[string]string{
		"xl/styles.xml":            stylesMarked,
		"xl/theme/theme1.xml":      themeOffice2007,
		"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`),
	}, false)
	wb, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	want := []Mark{
		0,          // no fill
		0,          // gray125: Excel's second default fill, no colour
		MarkRed,    // FF0000
		0,          // yellow
		MarkRed,    // legacy index 10: FF0000
		0,          // legacy index 13: FFFF00
		MarkRed,    // theme 5, accent 2: C0504D
		MarkRed,    // accent 2, 40% lighter: E6B8B7
		0,          // accent 2, 80% lighter: F2DCDB
		0,          // theme 9, accent 6: orange
		MarkRed,    // a pattern shows its background too: C00000 behind green
		0,          // no patternType: none, shows nothing
		0,          // system foreground
		0,          // gradient: not looked at
		MarkStruck, // struck font, no fill
		MarkStruck | MarkRed,
	}
	for i, w := range want {
		if got := wb.Marks(i); got != w {
			t.Errorf("Marks(%d) = %b, want %b", i, got, w)
		}
	}
	if wb.Marks(-1) != 0 || wb.Marks(len(want)) != 0 {
		t.Error("a style the workbook does not have is marked")
	}
}

// TestMarksNoTheme: a fill by theme colour in a workbook without a theme
// part is not taken for red, and the workbook still opens.
func TestMarksNoTheme(t *testing.T) {
	path := writeParts(t, t.TempDir(), "marks.xlsx", map[string]string{
		"xl/styles.xml":            stylesMarked,
		"xl/theme/theme1.xml":      `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>`, // cut short
		"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`),
	}, false)
	wb, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got := wb.Marks(6); got != 0 {
		t.Errorf("theme fill with an unreadable theme: Marks = %b, want 0", got)
	}
	if got := wb.Marks(2); got != MarkRed {
		t.Errorf("rgb fill: Marks = %b, want MarkRed", got)
	}
}

// TestStrikeRuns reads in which fonts a rich-text string's text is, in the
// shared string table and inline.
func TestStrikeRuns(t *testing.T) {
	sst := `<sst ` + nsMain + ` count="8" uniqueCount="8">` +
		`<si><t>王芳</t></si>` + // 0: plain
		`<si><r><rPr><strike/><sz val="11"/></rPr><t>3</t></r><r><rPr><sz val="11"/></rPr><t>2</t></r></si>` + // 1: "3" struck, "2" beside it
		`<si><r><rPr><strike val="1"/></rPr><t>王芳</t></r><r><rPr><b/></rPr><t>李强</t></r></si>` + // 2
		`<si><r><rPr><strike/></rPr><t>李</t></r><r><rPr><strike/></rPr><t>强</t></r></si>` + // 3: all struck
		`<si><r><rPr><strike val="0"/></rPr><t>4</t></r><r><t>5</t></r></si>` + // 4: strike off, then the cell's font
		`<si><r><rPr><strike/></rPr><t xml:space="preserve"> </t></r><r><t>2</t></r></si>` + // 5: only a space struck
		`<si><t>6</t><r><rPr><strike/></rPr><t>7</t></r></si>` + // 6: text before the runs, then a struck run
		`<si><r><t>3</t></r><r><rPr><strike/></rPr><t>2</t></r></si>` + // 7: a first run with no font of its own, as Excel writes it
		`</sst>`
	rows := `<row r="1">` +
		`<c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c>` +
		`<c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c><c r="G1" t="s"><v>6</v></c><c r="H1" t="s"><v>7</v></c>` +
		`<c r="I1" t="inlineStr"><is><r><rPr><strike/></rPr><t>1</t></r><r><t>0</t></r></is></c>` +
		`<c r="J1" t="inlineStr"><is><t>10</t></is></c>` +
		`</row>`
	got := readAll(t, oneSheet(t, sheetXML(rows), sst), "")[1]
	want := []struct {
		value  string
		strike Strike
	}{
		{"王芳", StrikeNone}, {"32", RunsStruck | RunsPlain}, {"王芳李强", RunsStruck | RunsPlain}, {"李强", RunsStruck},
		{"45", RunsPlain | RunsInherit}, {" 2", StrikeNone}, {"67", RunsInherit | RunsStruck}, {"32", RunsInherit | RunsStruck},
		{"10", RunsStruck | RunsInherit}, {"10", StrikeNone},
	}
	if len(got) != len(want) {
		t.Fatalf("%d cells, want %d", len(got), len(want))
	}
	for i, w := range want {
		if got[i].Value != w.value || got[i].Strike != w.strike {
			t.Errorf("%s1: %q strike %03b, want %q strike %03b", string(rune('A'+i)), got[i].Value, got[i].Strike, w.value, w.strike)
		}
	}
}

// TestCellStruck puts a string's fonts together with the style's: text in
// the cell's font is struck when the style strikes, and only text struck
// beside text not struck is partly struck.
func TestCellStruck(t *testing.T) {
	for _, tc := range []struct {
		strike              Strike
		style               bool
		wantStruck, wantPln bool
	}{
		{StrikeNone, false, false, true},              // plain text
		{StrikeNone, true, true, false},               // Ctrl+5 on the cell
		{RunsStruck | RunsPlain, false, true, true},   // "3" struck, "2" not
		{RunsStruck | RunsPlain, true, true, true},    // the same in a struck style: the runs say
		{RunsStruck | RunsInherit, false, true, true}, // Excel's "3" in the cell's font, "2" struck
		{RunsStruck | RunsInherit, true, true, false}, // all struck
		{RunsStruck, false, true, false},              // every run struck
		{RunsPlain | RunsInherit, false, false, true}, // nothing struck
		{RunsPlain | RunsInherit, true, true, true},   // struck cell, part unstruck again
	} {
		s, p := Cell{Strike: tc.strike}.Struck(tc.style)
		if s != tc.wantStruck || p != tc.wantPln {
			t.Errorf("Strike %03b, style struck %v: struck %v plain %v, want %v %v", tc.strike, tc.style, s, p, tc.wantStruck, tc.wantPln)
		}
	}
}

// TestSheettestMarks: the descriptions of sheettest fill a row red
// (# redrow) and strike part of a cell (~strike), keeping a date's format,
// for the cases of the bad-input corpus.
func TestSheettestMarks(t *testing.T) {
	path := build(t, "marks.xlsx", "| 日期 | 节数 |\n# redrow\n| @2026-09-01 | 2 |\n| @2026-09-02 | ~strike 3 2 |\n| 'x | ~strike 李强 |\n")
	wb, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows := readAll(t, path, "")
	for _, c := range rows[2] {
		if wb.Marks(c.Style) != MarkRed {
			t.Errorf("row 2 col %d: Marks %b, want MarkRed", c.Col, wb.Marks(c.Style))
		}
	}
	if a2 := rows[2][0]; !wb.IsDateStyle(a2.Style) || a2.Value != "46266" {
		t.Errorf("A2 %q, date style %v: want the date 46266 in a date format", a2.Value, wb.IsDateStyle(a2.Style))
	}
	for _, w := range []struct {
		row    int
		value  string
		strike Strike
	}{{3, "32", RunsStruck | RunsPlain}, {4, "李强", RunsStruck}} {
		c := rows[w.row][1]
		if c.Value != w.value || c.Strike != w.strike || wb.Marks(c.Style) != 0 {
			t.Errorf("B%d: %q strike %d marks %b, want %q strike %d, no marks", w.row, c.Value, c.Strike, wb.Marks(c.Style), w.value, w.strike)
		}
	}
}
