package sheet

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"kfpay/rules"
	"kfpay/sheet/internal/cellnum"
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
