package inspect

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"kfpay/sheet/internal/cellnum"
	"kfpay/sheet/internal/xlsx"
)

// render renders a number cell's raw value in the format code as a dump
// does: the fast path where it applies, else the definition.
func render(raw, code string, date1904 bool) (string, CellKind) {
	f := xlsx.ParseNumFormat(code)
	if out, kind, ok := appendPlainNumber(nil, raw, f, date1904); ok {
		return string(out), kind
	}
	n, err := cellnum.Decimal(raw)
	if err != nil {
		return escapeText(raw), CellText
	}
	return renderNumber(n, f, date1904)
}

// TestRenderNumber checks how a dump shows numbers, each expectation what
// Excel shows for the value in the format, worked out by hand, with no
// thousands separator and no digit lost.
func TestRenderNumber(t *testing.T) {
	for _, tc := range []struct {
		raw, code string
		date1904  bool
		want      string
		kind      CellKind
	}{
		{"1234.5", "#,##0.00", false, "1234.50", CellNumber},
		{"1234.567", "#,##0.00", false, "1234.567", CellNumber}, // a digit the format hides is shown
		{"-1234.5", "#,##0.00;[Red]-#,##0.00", false, "-1234.50", CellNumber},
		{"1234.5", `"¥"#,##0.00`, false, "1234.50", CellNumber},
		{"-0", "0.00", false, "0.00", CellNumber},
		{"20.000", "General", false, "20", CellNumber},
		{"020", "General", false, "20", CellNumber},
		{"1.5E+3", "General", false, "1500", CellNumber},
		{"46266", "@", false, "46266", CellNumber},
		// Gnumeric's 21 digits are the 15-digit number they stand for.
		{"0.30000000000000004", "#,##0.00", false, "0.30", CellNumber},
		{"838.46000000000000002", "0.00", false, "838.46", CellNumber},
		{"0.125", "0%", false, "12.5%", CellPercent},
		{"0.3", "0.00%;-0.00%", false, "30%", CellPercent},
		{"-0.05", "0%", false, "-5%", CellPercent},
		{"1", "0%", false, "100%", CellPercent},
		{"0.104999999999999999997", "0.0%", false, "10.5%", CellPercent},
		// 46266 is 2026-09-01 (xlsx.TestSerialDate); 44804 in the 1904 system.
		{"46266", `yyyy"年"m"月"d"日"`, false, "2026-09-01", CellDate},
		{"46266", "[$-804]yyyy/m/d", false, "2026-09-01", CellDate},
		{"46266", `yyyy\-mm\-dd`, false, "2026-09-01", CellDate},
		{"44804", "yyyy-mm-dd", true, "2026-09-01", CellDate},
		{"46266", "yyyy-mm-dd hh:mm", false, "2026-09-01 00:00:00", CellDate},
		// A date format with a time of day in the value shows both.
		{"46266.5", "yyyy-mm-dd", false, "2026-09-01 12:00:00", CellDate},
		// 0.999999 × 86,400 s = 86,399.91 s: the next midnight.
		{"46266.999999", "yyyy-mm-dd hh:mm", false, "2026-09-02 00:00:00", CellDate},
		// 0.75 × 24 h = 18:00; 0.4375 × 24 h = 10.5 h.
		{"0.75", "h:mm", false, "18:00:00", CellDate},
		{"46266.4375", "h:mm AM/PM", false, "10:30:00", CellDate},
		// Elapsed hours in all: 1.0625 days = 24 h + 1.5 h; 20 days = 480 h.
		{"1.0625", "[h]:mm", false, "25:30:00", CellDate},
		{"20", "[h]:mm:ss", false, "480:00:00", CellDate},
		// No day: shown as the number.
		{"-1", "yyyy-mm-dd", false, "-1", CellNumber},
		{"0", "yyyy-mm-dd", false, "0", CellNumber}, // Excel's 1900-01-00
		// Excel's 1900-02-29, which never was, as the readers take it.
		{"60", "yyyy-mm-dd", false, "1900-02-28", CellDate},
		{"2957003", "yyyy-mm-dd", true, "9999-12-31", CellDate},
		{"2957004", "yyyy-mm-dd", true, "2957004", CellNumber},
		{"0.5", "yyyy-mm-dd", false, "0.5", CellNumber},
		{"2958466", "yyyy-mm-dd", false, "2958466", CellNumber},
		{"12a", "0.00", false, "12a", CellText},
	} {
		text, kind := render(tc.raw, tc.code, tc.date1904)
		if text != tc.want || kind != tc.kind {
			t.Errorf("render(%q, %q) = %q, %v; want %q, %v", tc.raw, tc.code, text, kind, tc.want, tc.kind)
		}
	}
}

// plainFormats are the formats the fast path is held to the definition in.
var plainFormats = []string{"General", "0", "0.0", "#,##0.00", "0.000", "0%", "0.00%", "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "h:mm", "[h]:mm"}

// checkPlainNumber fails unless the fast path renders raw as the
// definition does, in every format and date system, when it takes raw.
func checkPlainNumber(t *testing.T, raw string) {
	t.Helper()
	n, err := cellnum.Decimal(raw)
	for _, code := range plainFormats {
		f := xlsx.ParseNumFormat(code)
		for _, date1904 := range []bool{false, true} {
			out, kind, ok := appendPlainNumber(nil, raw, f, date1904)
			if !ok {
				continue
			}
			if err != nil {
				t.Fatalf("appendPlainNumber(%q) = %q, but it is no number: %v", raw, out, err)
			}
			want, wantKind := renderNumber(n, f, date1904)
			if string(out) != want || kind != wantKind {
				t.Errorf("appendPlainNumber(%q, %q, 1904=%v) = %q, %v; renderNumber gives %q, %v", raw, code, date1904, out, kind, want, wantKind)
			}
		}
	}
}

// TestPlainNumber holds the fast path to the definition on the numbers
// programs write and on the edges of what it takes.
func TestPlainNumber(t *testing.T) {
	for _, raw := range []string{
		"0", "-0", "00", "0.0", "-0.000", "1", "-1", "20", "020", "20.50", "0.5", ".5", "5.", "-.5",
		"46266", "46266.5", "2958465", "2958466", "9999999", "12345678", "1234567890123456789",
		"0.125", "0.1", "-0.05", "123456789012345", "1234567890.12345", "1234567890.123456",
		"0.000000000000001", "0.0000000000000001", "1e3", "1E+3", "+1", " 1", "1 ", "", "-", "1.2.3", "١",
	} {
		checkPlainNumber(t, raw)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		if rnd.IntN(4) == 0 {
			b.WriteByte('-')
		}
		for range rnd.IntN(10) {
			fmt.Fprint(&b, rnd.IntN(10))
		}
		if rnd.IntN(2) == 0 {
			b.WriteByte('.')
			for range rnd.IntN(12) {
				fmt.Fprint(&b, rnd.IntN(10))
			}
		}
		checkPlainNumber(t, b.String())
	}
}

func FuzzPlainNumber(f *testing.F) {
	for _, s := range []string{"0", "-1.50", "46266.5", "0.125", "1234567890.123456"} {
		f.Add(s)
	}
	f.Fuzz(checkPlainNumber)
}
