package sheet

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"kfpay/rules"
	"kfpay/sheet/internal/cellnum"
	"kfpay/sheet/internal/xlsx"
)

// The readers' fast paths for the common cells must give what the general
// code gives: these tests hold them to it. (calc/names_test.go holds
// NormalizeName's.)

// serialDateDecimal is serialDate as it was before its fast path.
func serialDateDecimal(raw string, date1904 bool) (rules.Date, bool) {
	d, err := cellnum.Decimal(raw)
	if err != nil || d.LessThan(decimal.NewFromInt(1)) || d.GreaterThan(decimal.NewFromInt(2958465)) {
		return rules.Date{}, false
	}
	tm, err := excelize.ExcelDateToTime(float64(d.IntPart()), date1904)
	if err != nil {
		return rules.Date{}, false
	}
	return rules.DateOf(tm), true
}

func TestSerialDate(t *testing.T) {
	for _, raw := range []string{
		"45366", "45366.75", "045366", "+45366", "1", "59", "60", "61", "2958465",
		"0", "0.5", "-1", "2958466", "2958465.5", "1e3", " 45366", "", "x", strings.Repeat("9", 30),
		"45366.9999999999999999", // Gnumeric's noise: 45367
	} {
		for _, date1904 := range []bool{false, true} {
			got, ok := serialDate(raw, date1904)
			want, wantOK := serialDateDecimal(raw, date1904)
			if got != want || ok != wantOK {
				t.Errorf("serialDate(%q, %t) = %v, %t; want %v, %t", raw, date1904, got, ok, want, wantOK)
			}
		}
	}
	if d, _ := serialDate("45366", false); d.String() != "2024-03-15" {
		t.Errorf("serialDate(45366) = %s, want 2024-03-15", d)
	}
}

func FuzzSerialDate(f *testing.F) {
	for _, s := range []string{"45366", "45366.5", "-7", "2958465"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, raw string, date1904 bool) {
		got, ok := serialDate(raw, date1904)
		want, wantOK := serialDateDecimal(raw, date1904)
		if got != want || ok != wantOK {
			t.Errorf("serialDate(%q, %t) = %v, %t; want %v, %t", raw, date1904, got, ok, want, wantOK)
		}
	})
}

// numberGeneral is parseNumber without the shared small whole numbers: the
// number cell read through decimal.NewFromString as cellnum.Decimal did
// before them, the text through textNumber.
func numberGeneral(c xlsx.Cell) (decimal.Decimal, bool) {
	switch c.Type {
	case xlsx.CellNumber:
		d, err := decimal.NewFromString(c.Value)
		if err != nil {
			return decimal.Zero, false
		}
		if d.NumDigits() <= 15 || d.IsInteger() {
			return d, true
		}
		lead := int(d.Exponent()) + d.NumDigits() - 1
		return d.Round(int32(15 - 1 - lead)), true
	case xlsx.CellString:
		return textNumber(c.Value)
	}
	return decimal.Zero, false
}

func checkNumber(t *testing.T, raw string) {
	for _, typ := range []xlsx.CellType{xlsx.CellNumber, xlsx.CellString} {
		c := xlsx.Cell{Col: 1, Type: typ, Value: raw}
		got, ok := parseNumber(c)
		want, wantOK := numberGeneral(c)
		if ok != wantOK || got.String() != want.String() || got.Exponent() != want.Exponent() {
			t.Errorf("parseNumber(%v %q) = %v (exp %d), %t; want %v (exp %d), %t",
				typ, raw, got, got.Exponent(), ok, want, want.Exponent(), wantOK)
		}
	}
}

func TestParseNumberSmall(t *testing.T) {
	for _, raw := range []string{
		"0", "1", "2", "02", "007", "10", "999", "1000", "2.0", "2.", ".5", "-1", "+2", " 2", "2 ",
		"２", "1e2", "1E2", "1,0", "1,000", "¥5", "TRUE", "", "#N/A", "二", "2节",
	} {
		checkNumber(t, raw)
	}
}

func FuzzParseNumberSmall(f *testing.F) {
	for _, s := range []string{"2", "1", "012", "1.5", "２", "1e3", " 3"} {
		f.Add(s)
	}
	f.Fuzz(checkNumber)
}

func TestTrimSpace(t *testing.T) {
	for _, s := range []string{
		"", " ", "张三", " 张三", "张三 ", "\t张三\n", "\u3000张三\u3000", "张三\u3000", "\u00a0张三", "张三\u0085",
		"\u2000a\u200a", "\u202f", "\u205f张", "\u3001", "a", "a b", "\x7f", "\xff", "张\xe5", "\xe5\x90",
		"\u1680x", "x\u2028", "\u2029", "\v", "\f", "S001-T002", "1", "\x00a",
	} {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzTrimSpace(f *testing.F) {
	for _, s := range []string{"张三", " 张三\u3000", "a", "\u00a0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := trimSpace(s), strings.TrimSpace(s); got != want {
			t.Errorf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestSerialOf reads serials through a table's memo in an order that makes
// serials share slots and comes back to each: every date must be
// serialDate's.
func TestSerialOf(t *testing.T) {
	var tb table
	raws := []string{"45366", "45430", "45366", "045366", "+45366", "45367", "45366.5", "0", "-3", "x",
		"45302", "45366", "2958465", "2958466", "1", "65", "1", "45430"}
	for round := 0; round < 3; round++ {
		for _, raw := range raws {
			got, ok := tb.serialOf(raw)
			want, wantOK := serialDate(raw, false)
			if got != want || ok != wantOK {
				t.Errorf("serialOf(%q) = %v, %t; want %v, %t", raw, got, ok, want, wantOK)
			}
		}
	}
}
