package rules

import (
	"slices"
	"time"
)

// IsServiceDay reports whether d is a service day of the term (SPEC 4.1):
// Monday to Friday in [Start, End], less the holidays, plus the workdays. A
// date listed both as holiday and as workday is a service day; a date outside
// [Start, End] never is.
func (t Term) IsServiceDay(d Date) bool {
	if d.Before(t.Start) || d.After(t.End) {
		return false
	}
	if slices.Contains(t.Workdays, d) {
		return true
	}
	if slices.Contains(t.Holidays, d) {
		return false
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// ServiceDays returns the number of service days in [a, b], both counted; 0
// when b is before a. It is days(a, b) of SPEC 4.3.
func (t Term) ServiceDays(a, b Date) int {
	// Only days inside the term can count; clamping also bounds the loop.
	if a.Before(t.Start) {
		a = t.Start
	}
	if b.After(t.End) {
		b = t.End
	}
	n := 0
	for d := a; !d.After(b); d = d.AddDays(1) {
		if t.IsServiceDay(d) {
			n++
		}
	}
	return n
}

// Months returns, in order, the months of the term that hold at least one
// service day: the payroll months a term settlement needs a payout for
// (SPEC 4.4).
func (t Term) Months() []Month {
	if t.Start.IsZero() || t.End.Before(t.Start) {
		return nil
	}
	var months []Month
	for m, last := t.Start.MonthOf(), t.End.MonthOf(); !last.Before(m); m = m.Next() {
		if t.ServiceDays(m.First(), m.Last()) > 0 {
			months = append(months, m)
		}
	}
	return months
}

// NextServiceDay returns the first service day on or after d, and false
// when the term has none from d to its end.
func (t Term) NextServiceDay(d Date) (Date, bool) {
	if d.Before(t.Start) {
		d = t.Start
	}
	for ; !d.After(t.End); d = d.AddDays(1) {
		if t.IsServiceDay(d) {
			return d, true
		}
	}
	return Date{}, false
}

// PrevServiceDay returns the last service day on or before d, and false
// when the term has none from its start to d.
func (t Term) PrevServiceDay(d Date) (Date, bool) {
	if d.After(t.End) {
		d = t.End
	}
	for ; !d.Before(t.Start); d = d.AddDays(-1) {
		if t.IsServiceDay(d) {
			return d, true
		}
	}
	return Date{}, false
}

// DayOff says why d, a date inside the term, is no service day: 星期六 or
// 星期日, or 放假日 for a holiday of the rules file; "" for a service day.
func (t Term) DayOff(d Date) string {
	switch {
	case t.IsServiceDay(d):
		return ""
	case slices.Contains(t.Holidays, d):
		return "放假日"
	}
	return weekdayName[d.Weekday()]
}
