package rules

import "testing"

// TestCalendarAgrees checks the counted calendar against the day-by-day
// count of Term.ServiceDays (which TestServiceDays checks by hand) for
// every period that starts and ends within a week of the default term, and
// of a term of one holiday, which has no service day at all.
func TestCalendarAgrees(t *testing.T) {
	def := Default().Term
	none := Term{Start: Date{2026, 10, 1}, End: Date{2026, 10, 1}, Holidays: []Date{{2026, 10, 1}}}
	for _, term := range []Term{def, none} {
		cal := term.Calendar()
		from, to := term.Start.AddDays(-7), term.End.AddDays(7)
		for a := from; !a.After(to); a = a.AddDays(1) {
			if got, want := cal.IsServiceDay(a), term.IsServiceDay(a); got != want {
				t.Errorf("Calendar().IsServiceDay(%s) = %v, want %v", a, got, want)
			}
			for b := from; !b.After(to); b = b.AddDays(1) {
				if got, want := cal.ServiceDays(a, b), term.ServiceDays(a, b); got != want {
					t.Fatalf("Calendar().ServiceDays(%s, %s) = %d, want %d", a, b, got, want)
				}
			}
		}
	}
	if n := none.Calendar().ServiceDays(none.Start, none.End); n != 0 {
		t.Errorf("a term of one holiday has %d service days, want 0", n)
	}
	backwards := Term{Start: Date{2026, 10, 2}, End: Date{2026, 10, 1}}
	if n := backwards.Calendar().ServiceDays(Date{2026, 9, 1}, Date{2026, 11, 1}); n != 0 {
		t.Errorf("a term that ends before it starts has %d service days, want 0", n)
	}
}

// TestDayNumber checks the day numbers against the Unix epoch's days, in
// leap years and across century years that are (2000) and are not (1900,
// 2100) leap years.
func TestDayNumber(t *testing.T) {
	for _, tt := range []struct {
		d    Date
		want int
	}{
		{Date{1970, 1, 1}, 0},
		{Date{1970, 1, 2}, 1},
		{Date{1969, 12, 31}, -1},
		{Date{2000, 3, 1}, 11017}, // 30 years of 365 days and 7 leap days, Jan and 29 days of Feb
	} {
		if got := tt.d.dayNumber(); got != tt.want {
			t.Errorf("%s.dayNumber() = %d, want %d", tt.d, got, tt.want)
		}
	}
	for d := (Date{1899, 12, 1}); d.Before(Date{2101, 3, 1}); d = d.AddDays(1) {
		want := int(d.time().Unix() / 86400) // midnight UTC: a whole number of days
		if got := d.dayNumber(); got != want {
			t.Fatalf("%s.dayNumber() = %d, want %d", d, got, want)
		}
	}
}
