package sheet

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/xlsx"
)

// CodeDateOtherMonth is a date outside --month; CodeWrongMonth the one line
// that comes first when most dates of a file are outside it (last month's
// file, or a wrong --month).
const (
	CodeDateOtherMonth calc.Code = "outside-month"
	CodeWrongMonth     calc.Code = "wrong-month"
)

// shownOtherMonth is how many dates outside the month are listed, one a
// cell, when most of a file's dates are: the rest are counted.
const shownOtherMonth = 5

// monthSpread follows the dates of one sheet against --month, so that a file
// of another month is said in one line rather than in 153 identical errors
// (issue 12). The problems of dates outside the month are held here, not in
// the collector, until the sheet is read: only then is it known whether they
// are a few slips or the whole file.
type monthSpread struct {
	m       rules.Month
	what    string // 日期 or 日期列, for the message
	dated   int    // dates read
	outside int    // of them outside m
	byMonth map[rules.Month]int
	held    calc.Problems // the problems of dates outside m, in row order, at most calc.MaxProblems
}

func newMonthSpread(m rules.Month, what string) *monthSpread {
	return &monthSpread{m: m, what: what, byMonth: map[rules.Month]int{}}
}

// inside notes a date read in field i of t's current row and reports
// whether it lies in the month; the problem of one that does not is held.
func (s *monthSpread) inside(t *table, i int, d rules.Date, hint string) bool {
	if s.m.Contains(d) {
		s.dated++
		return true
	}
	s.hold(d.MonthOf(), calc.Problem{Ref: t.ref(i), Column: t.schema.fields[i].name,
		Value: d.String(), Msg: fmt.Sprintf("日期不在 %s 内；%s", s.m.Chinese(), hint)})
	return false
}

// hold notes a date of month other than s.m, and holds its problem p.
func (s *monthSpread) hold(other rules.Month, p calc.Problem) {
	s.dated++
	s.outside++
	s.byMonth[other]++
	if p.Code == "" {
		p.Code = CodeDateOtherMonth
	}
	if len(s.held) < calc.MaxProblems {
		s.held = append(s.held, p)
	}
}

// finish puts the held problems into c, in row order among the others.
// When most dates are outside the month, one line says so first and only
// the first few cells are listed, the rest counted.
func (s *monthSpread) finish(c *collector) {
	if s.outside == 0 {
		return
	}
	held := s.held
	// One or two dates outside are slips of the hand, listed as they are.
	if 2*s.outside > s.dated && s.outside >= 3 {
		top, n := s.mainMonth()
		var line string
		switch {
		case n == s.dated:
			line = fmt.Sprintf("所有%s都在 %s，而 --month 是 %s；是不是拿错了文件，或 --month 写错了？", s.what, top.Chinese(), s.m)
		case n == s.outside:
			line = fmt.Sprintf("%d 个%s中有 %d 个在 %s，不在 --month %s 内；是不是拿错了文件，或 --month 写错了？", s.dated, s.what, n, top.Chinese(), s.m)
		default:
			line = fmt.Sprintf("%d 个%s中有 %d 个不在 --month %s 内（最多的是 %s，%d 个）；是不是拿错了文件，或 --month 写错了？", s.dated, s.what, s.outside, s.m, top.Chinese(), n)
		}
		first := calc.Problem{Code: CodeWrongMonth, Ref: c.ref(0, 0), Msg: line}
		c.list = append([]calc.Problem{first}, c.list...)
		if len(held) > shownOtherMonth {
			// The rest are counted at the first of them, so that the line
			// comes after the cells listed wherever problems are sorted.
			rest := held[shownOtherMonth]
			rest.Value = ""
			rest.Msg = fmt.Sprintf("……自这一格起另有 %d 个%s不在 %s 内，未逐一列出", s.outside-shownOtherMonth, s.what, s.m.Chinese())
			held = append(held[:shownOtherMonth:shownOtherMonth], rest)
		}
	}
	c.list = mergeByRow(c.list, held)
}

// mainMonth is the month most dates outside s.m are in, and how many.
func (s *monthSpread) mainMonth() (rules.Month, int) {
	var top rules.Month
	n := 0
	for m, k := range s.byMonth {
		if k > n || k == n && m.String() < top.String() {
			top, n = m, k
		}
	}
	return top, n
}

// mergeByRow inserts the problems of more, in row order, among those of
// list of the same sheet, keeping list's order otherwise, and keeps the
// collector's cap.
func mergeByRow(list, more calc.Problems) calc.Problems {
	if len(more) == 0 {
		return list
	}
	out := make(calc.Problems, 0, len(list)+len(more))
	j := 0
	for _, p := range list {
		for j < len(more) && p.Ref.Row > 0 && more[j].Ref.Row < p.Ref.Row {
			out = append(out, more[j])
			j++
		}
		out = append(out, p)
	}
	out = append(out, more[j:]...)
	if len(out) > calc.MaxProblems {
		out = out[:calc.MaxProblems]
	}
	return out
}

var (
	dateDash  = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	dateSlash = regexp.MustCompile(`^(\d{4})/(\d{1,2})/(\d{1,2})$`)
	dateDot   = regexp.MustCompile(`^(\d{4})\.(\d{1,2})\.(\d{1,2})$`)
	dateHan   = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})[日号]$`)
	// dateNoYear is a date typed without its year, as bursars type the
	// dates of the month they are keeping: 9月3日, 9月3号, 9/3, 9.3, 9-3.
	dateNoYear = regexp.MustCompile(`^(\d{1,2})(?:月|/|\.|-)(\d{1,2})[日号]?$`)
	// timeSuffix is a time of day after a date, as a date copied from
	// another system or a CSV carries: 2026-09-03 00:00:00.
	timeSuffix = regexp.MustCompile(`\s+\d{1,2}:\d{2}(?::\d{2})?$`)
)

// dateText cleans a date typed as text for matching: full-width folded,
// a time of day after it dropped (the day is the day whatever the hour),
// spaces removed.
func dateText(s string) string {
	s = strings.TrimSpace(norm.NFKC.String(s))
	if m := timeSuffix.FindString(s); m != "" {
		s = strings.TrimSpace(s[:len(s)-len(m)])
	}
	return strings.ReplaceAll(s, " ", "")
}

// textDate reads a date written with its year: 2026-09-01, 2026/9/1,
// 2026.9.1 or 2026年9月1日, optionally followed by the weekday. A date so
// written that names no day (2026-09-31) gives that date and false.
func textDate(s string) (rules.Date, bool) {
	if d, ok, plain := plainDate(s); plain {
		return d, ok // 2026/9/1 or 2026-09-01, a CSV file's every row
	}
	return regexpDate(s)
}

// regexpDate is textDate the long way, for every form.
func regexpDate(s string) (rules.Date, bool) {
	s = dateText(s)
	for _, s := range []string{s, weekdaySuffix.ReplaceAllString(s, "")} {
		for _, re := range []*regexp.Regexp{dateDash, dateSlash, dateDot, dateHan} {
			m := re.FindStringSubmatch(s)
			if m == nil {
				continue
			}
			y, _ := strconv.Atoi(m[1])
			mo, _ := strconv.Atoi(m[2])
			d, _ := strconv.Atoi(m[3])
			date := rules.Date{Year: y, Month: time.Month(mo), Day: d}
			return date, date.Valid()
		}
	}
	return rules.Date{}, false
}

// yearlessDate reads a date written without its year (9月3日, 9/3, 9.3),
// optionally followed by the weekday.
func yearlessDate(s string) (month, day int, ok bool) {
	s = dateText(s)
	for _, s := range []string{s, weekdaySuffix.ReplaceAllString(s, "")} {
		if m := dateNoYear.FindStringSubmatch(s); m != nil {
			month, _ = strconv.Atoi(m[1])
			day, _ = strconv.Atoi(m[2])
			return month, day, true
		}
	}
	return 0, 0, false
}

// dateIn returns field i as a date of a file kept for month m (SPEC 2.1,
// reading): a date without a year takes m's year, so 9月3日 read for
// --month 2026-09 is 2026-09-03, and 10月3日 is 2026-10-03, a date of
// another month, which the caller reports.
func (t *table) dateIn(i int, m rules.Month) (rules.Date, bool) {
	c := t.cur.cells[i]
	if c.Type == xlsx.CellString {
		if mo, d, ok := yearlessDate(c.Value); ok {
			date := rules.Date{Year: m.Year, Month: time.Month(mo), Day: d}
			if date.Valid() {
				return date, true
			}
			if mo >= 1 && mo <= 12 {
				t.cellProblem("not-date", i, c.Shown(), "不是日期：%d月没有 %d 日", mo, d)
				return rules.Date{}, false
			}
		}
	}
	return t.date(i)
}

// requiredDateIn is dateIn for a required field: false, the problem
// reported, when it is missing or not a date.
func (t *table) requiredDateIn(i int, m rules.Month) (rules.Date, bool) {
	if !t.required(i) {
		return rules.Date{}, false
	}
	return t.dateIn(i, m)
}
