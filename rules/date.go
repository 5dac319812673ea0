package rules

import (
	"fmt"
	"strings"
	"time"
)

// Date is a civil date without time or zone. The zero Date is "no date".
// Dates compare with == and order with Before.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// MakeDate returns the date y-m-d, normalised like time.Date (Feb 30 is Mar 2).
func MakeDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

func (d Date) time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d names a real calendar day.
func (d Date) Valid() bool { return !d.IsZero() && MakeDate(d.Year, d.Month, d.Day) == d }

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return e.Before(d) }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return DateOf(d.time().AddDate(0, 0, n)) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.time().Weekday() }

// MonthOf returns the payroll month d falls in.
func (d Date) MonthOf() Month { return Month{d.Year, d.Month} }

// String formats d as 2026-09-01.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day) }

// ParseDate parses a date given on the command line, "2026-10-10".
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("日期 %q 应写成 YYYY-MM-DD，例如 2026-10-10", s)
	}
	return DateOf(t), nil
}

// Chinese formats d as 2026年10月10日.
func (d Date) Chinese() string { return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day) }

// Month is a payroll month.
type Month struct {
	Year  int
	Month time.Month
}

// ParseMonth parses "2026-09".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Month{}, fmt.Errorf("月份 %q 应写成 YYYY-MM，例如 2026-09", s)
	}
	return Month{t.Year(), t.Month()}, nil
}

// First returns the first day of m.
func (m Month) First() Date { return Date{m.Year, m.Month, 1} }

// Last returns the last day of m.
func (m Month) Last() Date { return m.Next().First().AddDays(-1) }

// Next returns the month after m.
func (m Month) Next() Month {
	return DateOf(time.Date(m.Year, m.Month+1, 1, 0, 0, 0, 0, time.UTC)).MonthOf()
}

// Before reports whether m is earlier than n.
func (m Month) Before(n Month) bool { return m.First().Before(n.First()) }

// Contains reports whether d falls in m.
func (m Month) Contains(d Date) bool { return d.Year == m.Year && d.Month == m.Month }

// String formats m as 2026-09.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Chinese formats m as 2026年9月.
func (m Month) Chinese() string { return fmt.Sprintf("%d年%d月", m.Year, int(m.Month)) }
