package rules

// Calendar is a term's service days counted once, day by day, so that the
// number of service days of any period is two look-ups: a settlement asks
// it twice for each of a district's 100,000 pupils, where walking the days
// of the term each time cost a third of the run (issue 20).
type Calendar struct {
	start, end Date
	first      int // the day number of start
	// upTo[i] is the number of service days of the term before the day
	// first+i: upTo[0] is 0, upTo[len-1] those of the whole term.
	upTo []int32
}

// Calendar counts the service days of t (SPEC 4.1). A term that ends
// before it starts has none.
func (t Term) Calendar() *Calendar {
	c := &Calendar{start: t.Start, end: t.End, first: t.Start.dayNumber()}
	if t.Start.IsZero() || t.End.Before(t.Start) {
		return c
	}
	n := t.End.dayNumber() - c.first + 1
	c.upTo = make([]int32, n+1)
	d := t.Start
	for i := range n {
		c.upTo[i+1] = c.upTo[i]
		if t.IsServiceDay(d) {
			c.upTo[i+1]++
		}
		d = d.AddDays(1)
	}
	return c
}

// ServiceDays is Term.ServiceDays: the number of service days in [a, b],
// both counted; 0 when b is before a.
func (c *Calendar) ServiceDays(a, b Date) int {
	if len(c.upTo) == 0 {
		return 0
	}
	if a.Before(c.start) {
		a = c.start
	}
	if b.After(c.end) {
		b = c.end
	}
	if b.Before(a) {
		return 0
	}
	i, j := a.dayNumber()-c.first, b.dayNumber()-c.first
	return int(c.upTo[j+1] - c.upTo[i])
}

// IsServiceDay is Term.IsServiceDay.
func (c *Calendar) IsServiceDay(d Date) bool {
	return c.ServiceDays(d, d) == 1
}

// dayNumber is d as a count of days from 1970-01-01, for dates of the
// proleptic Gregorian calendar; it is the time package's arithmetic
// without a time.Time (days_from_civil, H. Hinnant).
func (d Date) dayNumber() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400 // [0, 399]
	mp := (m + 9) % 12 // March is 0
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
