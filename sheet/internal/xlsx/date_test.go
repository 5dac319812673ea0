package xlsx

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSerialDate checks SerialDate against a few days worked out by hand
// and against excelize, which the readers used before, over every serial
// up to 100,000 and every 97th after.
func TestSerialDate(t *testing.T) {
	for _, tc := range []struct {
		n        int
		date1904 bool
		want     string
	}{
		{1, false, "1900-01-01"},
		{59, false, "1900-02-28"},
		{60, false, "1900-02-28"}, // Excel's 1900-02-29, which never was
		{61, false, "1900-03-01"},
		{46266, false, "2026-09-01"}, // 46266 − 61 = 46205 days after 1900-03-01
		{MaxSerial, false, "9999-12-31"},
		{0, true, "1904-01-01"},
		{44804, true, "2026-09-01"}, // 1462 days fewer than in the 1900 system
	} {
		if got := SerialDate(tc.n, tc.date1904).Format("2006-01-02"); got != tc.want {
			t.Errorf("SerialDate(%d, %v) = %s, want %s", tc.n, tc.date1904, got, tc.want)
		}
	}
	for _, date1904 := range []bool{false, true} {
		for n := 1; n <= MaxSerial; n++ {
			if n > 100_000 && n%97 != 0 && n != MaxSerial {
				continue
			}
			want, err := excelize.ExcelDateToTime(float64(n), date1904)
			if err != nil {
				t.Fatal(err)
			}
			if got := SerialDate(n, date1904); got.Format("2006-01-02") != want.Format("2006-01-02") {
				t.Fatalf("SerialDate(%d, %v) = %v, excelize reads %v", n, date1904, got, want)
			}
		}
	}
}
