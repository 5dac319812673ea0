package xlsx

import "testing"

// TestSerialDate checks day serials against what Excel shows for them.
func TestSerialDate(t *testing.T) {
	for _, tc := range []struct {
		n        int
		date1904 bool
		want     string // "" for no day
	}{
		{1, false, "1900-01-01"},
		{59, false, "1900-02-28"},
		{60, false, ""}, // Excel's 1900-02-29
		{61, false, "1900-03-01"},
		{0, false, ""}, // Excel's 1900-01-00
		{-1, false, ""},
		// 2023-01-01 is 44927 in Excel; 2024-01-01 365 days on is 45292,
		// 2025-01-01 366 on is 45658, 2026-01-01 365 on is 46023, and
		// 2026-09-01 31+28+31+30+31+30+31+31 = 243 on is 46266.
		{45658, false, "2025-01-01"},
		{46266, false, "2026-09-01"},
		{2958465, false, "9999-12-31"},
		{2958466, false, ""},
		{0, true, "1904-01-01"},
		{1, true, "1904-01-02"},
		{46266 - 1462, true, "2026-09-01"}, // the systems are 1462 days apart
		{2957003, true, "9999-12-31"},
		{2957004, true, ""},
	} {
		got, ok := SerialDate(tc.n, tc.date1904)
		s := ""
		if ok {
			s = got.Format("2006-01-02")
		}
		if s != tc.want {
			t.Errorf("SerialDate(%d, 1904=%v) = %q, want %q", tc.n, tc.date1904, s, tc.want)
		}
	}
}
