package rules

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The default term runs Tue 2026-09-01 to Fri 2027-01-22.
//
// Days: September 30 + October 31 + November 30 + December 31 + January 22
// = 144 days = 20 weeks + 4 days. The 20 weeks (Tue 09-01 to Mon 2027-01-18)
// hold 20 × 5 = 100 weekdays; the 4 days left, Tue 01-19 to Fri 01-22, are
// all weekdays: 104 weekdays.
//
// The 7 holidays all fall on weekdays: 09-25 Fri (中秋), 10-01 Thu, 10-02 Fri,
// 10-05 Mon, 10-06 Tue, 10-07 Wed (国庆), 2027-01-01 Fri (元旦): −7.
// The 2 workdays are weekend days: 09-20 Sun, 10-10 Sat: +2.
//
// Service days: 104 − 7 + 2 = 99.
//
// Month by month (each month's weekdays, less its holidays, plus its workdays):
//
//	2026-09: 1st is a Tue; 30 days = 4 weeks (20) + Tue 29, Wed 30 = 22; −1 (09-25) +1 (09-20) = 22
//	2026-10: 1st is a Thu; 31 days = 4 weeks (20) + Thu 29, Fri 30, Sat 31 = 22; −5 (10-01, 02, 05, 06, 07) +1 (10-10) = 18
//	2026-11: 1st is a Sun; 30 days = 4 weeks (20) + Sun 29, Mon 30 = 21
//	2026-12: 1st is a Tue; 31 days = 4 weeks (20) + Tue 29, Wed 30, Thu 31 = 23
//	2027-01: 1st is a Fri; 1st–22nd = 3 weeks (15) + Fri 22 = 16; −1 (01-01) = 15
//
// and 22 + 18 + 21 + 23 + 15 = 99, as above.
const defaultServiceDays = 99

func TestServiceDays(t *testing.T) {
	term := Default().Term
	tests := []struct {
		name string
		a, b Date
		want int
	}{
		{"the whole default term", term.Start, term.End, defaultServiceDays},
		{"September 2026", Date{2026, 9, 1}, Date{2026, 9, 30}, 22},
		{"October 2026", Date{2026, 10, 1}, Date{2026, 10, 31}, 18},
		{"November 2026", Date{2026, 11, 1}, Date{2026, 11, 30}, 21},
		{"December 2026", Date{2026, 12, 1}, Date{2026, 12, 31}, 23},
		{"January 2027, up to the term's end", Date{2027, 1, 1}, Date{2027, 1, 31}, 15},
		{"a range wider than the term counts only the term", Date{2026, 8, 1}, Date{2027, 2, 28}, defaultServiceDays},
		// 国庆: Thu 10-01 to Sat 10-10: only the make-up Saturday 10-10 and Thu 10-08, Fri 10-09.
		{"the National Day week", Date{2026, 10, 1}, Date{2026, 10, 10}, 3},
		{"one service day", Date{2026, 9, 1}, Date{2026, 9, 1}, 1},
		{"one holiday", Date{2026, 9, 25}, Date{2026, 9, 25}, 0},
		{"end before start", Date{2026, 9, 30}, Date{2026, 9, 1}, 0},
		{"before the term", Date{2026, 8, 1}, Date{2026, 8, 31}, 0},
		{"after the term", Date{2027, 1, 23}, Date{2027, 2, 28}, 0},
	}
	cal := term.Calendar()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := term.ServiceDays(tt.a, tt.b); got != tt.want {
				t.Errorf("ServiceDays(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := cal.ServiceDays(tt.a, tt.b); got != tt.want {
				t.Errorf("Calendar().ServiceDays(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestIsServiceDay(t *testing.T) {
	term := Default().Term
	// A calendar that lists one date both ways (the rules file rejects it,
	// a Term built in code need not): SPEC 4.1 makes it a service day.
	both := term
	both.Holidays = append(both.Holidays, Date{2026, 10, 17})
	both.Workdays = append(both.Workdays, Date{2026, 10, 17}, Date{2026, 10, 8})
	// A workday outside the term still is no service day.
	both.Workdays = append(both.Workdays, Date{2026, 8, 30})

	tests := []struct {
		name string
		term Term
		d    Date
		want bool
	}{
		{"first day, a Tuesday", term, Date{2026, 9, 1}, true},
		{"last day, a Friday", term, Date{2027, 1, 22}, true},
		{"a Saturday", term, Date{2026, 9, 19}, false},
		{"a Sunday", term, Date{2026, 11, 1}, false},
		{"a holiday on a Friday (中秋)", term, Date{2026, 9, 25}, false},
		{"a holiday on a Monday (国庆)", term, Date{2026, 10, 5}, false},
		{"a make-up Sunday", term, Date{2026, 9, 20}, true},
		{"a make-up Saturday", term, Date{2026, 10, 10}, true},
		{"the Monday before the term", term, Date{2026, 8, 31}, false},
		{"the Monday after the term", term, Date{2027, 1, 25}, false},
		{"listed as holiday and as workday", both, Date{2026, 10, 17}, true},
		{"a weekday listed as workday", both, Date{2026, 10, 8}, true},
		{"a workday outside the term", both, Date{2026, 8, 30}, false},
		{"an empty term", Term{}, Date{2026, 9, 1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.term.IsServiceDay(tt.d); got != tt.want {
				t.Errorf("IsServiceDay(%s) = %v, want %v", tt.d, got, tt.want)
			}
		})
	}
}

func TestMonths(t *testing.T) {
	def := Default().Term
	// A short term whose second month has no service day: Tue 09-29 to Sat
	// 10-03, with 10-01 and 10-02 off; October holds only holidays and a
	// Saturday.
	short := Term{
		Start:    Date{2026, 9, 29},
		End:      Date{2026, 10, 3},
		Holidays: []Date{{2026, 10, 1}, {2026, 10, 2}},
	}
	// A term from Sat 2026-08-29 to Tue 2026-09-01 with Mon 08-31 off: its
	// August days are a weekend and a holiday.
	lateStart := Term{Start: Date{2026, 8, 29}, End: Date{2026, 9, 1}, Holidays: []Date{{2026, 8, 31}}}

	tests := []struct {
		name string
		term Term
		want []Month
	}{
		{"the default term", def, []Month{{2026, 9}, {2026, 10}, {2026, 11}, {2026, 12}, {2027, 1}}},
		{"a month with no service day is left out", short, []Month{{2026, 9}}},
		{"a first month without a service day", lateStart, []Month{{2026, 9}}},
		{"an empty term", Term{}, nil},
		{"end before start", Term{Start: Date{2026, 9, 1}, End: Date{2026, 8, 1}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.term.Months()); diff != "" {
				t.Errorf("Months() (-want +got):\n%s", diff)
			}
		})
	}
}

// TestCalendarAsSpecSays follows SPEC 4.1: a date listed both as holiday and
// as workday is a service day, and a weekend among the holidays changes
// nothing. Each loads with a warning at its line, not an error (issue 21).
//
// The term Thu 2026-10-01 to Sun 2026-10-11 has the weekdays 1, 2, 5, 6, 7,
// 8, 9. The holidays take away 1, 2, 5, 6, 7 (the 3rd is a Saturday anyway);
// the 8th is listed as both, so it stays; the workdays add Saturday the 10th
// and Sunday the 11th (the 11th also a holiday: both, so a service day).
// Service days: 8, 9, 10, 11 = 4.
func TestCalendarAsSpecSays(t *testing.T) {
	src := `[term]
start = 2026-10-01
end = 2026-10-11
holidays = [
  2026-10-01, 2026-10-02,
  2026-10-03,
  2026-10-05, 2026-10-06, 2026-10-07,
  2026-10-08,
  2026-10-11,
]
workdays = [
  2026-10-08,
  2026-10-10,
  2026-10-11,
]
`
	r, err := Parse("rules.toml", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	var got []string
	for _, w := range r.Warnings {
		if !w.Warning {
			t.Errorf("%v: Warning = false", w)
		}
		got = append(got, fmt.Sprintf("%d %s", w.Line, w.Key))
	}
	want := []string{"6 term.holidays[2]", "8 term.holidays[6]", "9 term.holidays[7]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings (-want +got):\n%s\n%v", diff, r.Warnings)
	}
	if n := r.Term.ServiceDays(r.Term.Start, r.Term.End); n != 4 {
		t.Errorf("service days = %d, want 4 (the 8th, 9th, 10th and 11th)", n)
	}
	for _, c := range []struct {
		day  int
		want bool
	}{{3, false}, {7, false}, {8, true}, {9, true}, {10, true}, {11, true}} {
		if got := r.Term.IsServiceDay(Date{Year: 2026, Month: 10, Day: c.day}); got != c.want {
			t.Errorf("IsServiceDay(2026-10-%02d) = %v, want %v", c.day, got, c.want)
		}
	}

	// A workday that is a weekday of the built-in holidays: said at the
	// workdays line, since the holidays are not in the file.
	r, err = Parse("rules.toml", []byte("[term]\nworkdays = [2026-09-20, 2026-10-01]\n"))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if len(r.Warnings) != 1 || r.Warnings[0].Line != 2 || r.Warnings[0].Key != "term.workdays[1]" {
		t.Errorf("warnings = %v, want one at line 2, term.workdays[1]", r.Warnings)
	}
	if !r.Term.IsServiceDay(Date{Year: 2026, Month: 10, Day: 1}) {
		t.Error("2026-10-01, holiday and workday, is not a service day")
	}

	// A weekday listed as a workday alone is still an error: it changes
	// nothing, and is most likely the make-up Saturday mistyped.
	if _, err := Parse("rules.toml", []byte("[term]\nworkdays = [2026-10-09]\n")); err == nil {
		t.Error("a weekday among the workdays alone loaded without error")
	}
}

// TestNearestServiceDay: a pupil's first or last day that is no service
// day counts from the next, or to the previous, service day of the default
// calendar. The National Day week: Thu 10-01 and Fri 10-02 holidays, the
// weekend 10-03/04, Mon 10-05 to Wed 10-07 holidays, Thu 10-08 the next
// service day; Fri 09-25 (中秋) a holiday after Thu 09-24.
func TestNearestServiceDay(t *testing.T) {
	term := Default().Term
	tests := []struct {
		d          Date
		next, prev Date
		off        string
	}{
		{Date{2026, 10, 3}, Date{2026, 10, 8}, Date{2026, 9, 30}, "星期六"},
		{Date{2026, 10, 1}, Date{2026, 10, 8}, Date{2026, 9, 30}, "放假日"},
		{Date{2026, 9, 25}, Date{2026, 9, 28}, Date{2026, 9, 24}, "放假日"},
		{Date{2026, 9, 20}, Date{2026, 9, 20}, Date{2026, 9, 20}, ""}, // a make-up Sunday
		{Date{2026, 11, 1}, Date{2026, 11, 2}, Date{2026, 10, 30}, "星期日"},
		{Date{2026, 8, 20}, Date{2026, 9, 1}, Date{}, "星期四"}, // before the term
	}
	for _, tt := range tests {
		next, okNext := term.NextServiceDay(tt.d)
		prev, okPrev := term.PrevServiceDay(tt.d)
		if next != tt.next || okNext != !tt.next.IsZero() || prev != tt.prev || okPrev != !tt.prev.IsZero() {
			t.Errorf("%s: next %s %v, prev %s %v; want %s, %s", tt.d, next, okNext, prev, okPrev, tt.next, tt.prev)
		}
		if got := term.DayOff(tt.d); got != tt.off {
			t.Errorf("DayOff(%s) = %q, want %q", tt.d, got, tt.off)
		}
	}
	// After the last service day, none follows.
	if d, ok := term.NextServiceDay(Date{2027, 1, 23}); ok {
		t.Errorf("NextServiceDay after the term = %s", d)
	}
}
