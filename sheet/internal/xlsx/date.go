package xlsx

import "time"

// The day before day 1 of each date system: Excel's 1900 system counts
// 1900-01-01 as day 1, the 1904 system (old Mac workbooks) 1904-01-02.
var (
	dayZero1900 = time.Date(1899, time.December, 31, 0, 0, 0, 0, time.UTC)
	dayZero1904 = time.Date(1904, time.January, 1, 0, 0, 0, 0, time.UTC)
)

// SerialDate returns the day that the whole day serial n stands for, at
// midnight UTC, in the 1900 or the 1904 date system. It reports false for
// a serial that is no real day: a negative one, day 0 of the 1900 system
// (which Excel shows as 1900-01-00), its day 60 (the 1900-02-29 that Excel
// counts, as Lotus 1-2-3 did, though it never was), and one past
// 9999-12-31, which Excel shows as ####.
func SerialDate(n int, date1904 bool) (time.Time, bool) {
	var t time.Time
	switch {
	case n < 0, n > 3_000_000:
		return time.Time{}, false
	case date1904:
		t = dayZero1904.AddDate(0, 0, n)
	case n == 0, n == 60:
		return time.Time{}, false
	case n < 60:
		t = dayZero1900.AddDate(0, 0, n)
	default:
		t = dayZero1900.AddDate(0, 0, n-1)
	}
	return t, t.Year() <= 9999
}
