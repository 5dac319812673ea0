package calc

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// Payroll works out the month's payout from the tallied session log and the
// discipline records (SPEC 3), under the version of rules r in force on the
// month's first day: a month is computed with one version, and a dated
// change never reaches the months before it. It returns every problem it
// finds; when any is an error the payout is nil.
func Payroll(r *rules.Rules, t *Tally, records []Record) (*Payout, Problems) {
	r = r.At(t.month)
	t.close()
	p := &Payout{Month: t.month, Rules: r, Placeholder: r.Performance.IsPlaceholder(), Unapproved: Unapproved(r)}

	// The per-line work is done in two halves at once, each half's
	// figures shared in a table of its own (figureTable: which of two
	// equal Decimals a line holds changes nothing written), and the work
	// that needs no line beside it: calc.Payroll of 250,000 teachers ran
	// on one core while the other only collected garbage (issue 20).
	// Each goroutine writes fields no other one reads or writes, and what
	// is put together from the halves is put together in line order, so
	// the payout and its problems are the same in every run.
	var problems Problems
	var people []*counted
	both(func() { people = sortedPeople(t.people) }, func() { problems = t.Problems() })
	// The lines made in place, each figure set once: appending a Line of
	// a dozen pointers copied it with a write barrier for each while the
	// collector ran (issue 20).
	p.Lines = make([]Line, len(people))
	// The lines without records share one row of zero event counts,
	// which nothing changes: applyEvents gives a line with records its
	// own (10 MB for 250,000 teachers, issue 20).
	none := make([]int, len(r.Events))
	cut := halfway(len(p.Lines))
	fts := [2]*figureTable{newFigureTable(), newFigureTable()}
	// What the admin pool needs of the lines, gathered as they are made:
	// one pass over 60 MB of lines the fewer (issue 20).
	var pools [2]poolInputs
	shifts := make([]decimal.Decimal, len(p.Lines))
	both(func() { pools[0] = makeLines(r, t, p.Lines[:cut], people[:cut], 0, none, shifts[:cut], fts[0]) },
		func() { pools[1] = makeLines(r, t, p.Lines[cut:], people[cut:], cut, none, shifts[cut:], fts[1]) })
	pools[0].base.merge(&pools[1].base)
	pools[0].logged.merge(&pools[1].logged)

	// The admin pool's shares beside the records: one sets 行政值班课时
	// and 行政值班补助, the other the counts, 扣除比例 and 奖励.
	var events []matched
	var recProblems, leave Problems
	both(func() {
		events, recProblems = matchRecords(r, t, records)
		leave = t.leaveWarnings(r, people, events)
		p.Idle = t.Idle()
		p.Events = applyEvents(r, p.Lines, events)
	}, func() { p.Admin = payAdmin(r.Admin, p.Lines, pools[0], shifts, fts[1]) })
	problems = append(problems, recProblems...)
	problems = append(problems, leave...)

	var sums [2]lineSums
	both(func() { sums[0] = finishLines(r, p.Lines[:cut], fts[0]) }, func() { sums[1] = finishLines(r, p.Lines[cut:], fts[1]) })
	sums[0].merge(&sums[1])
	p.Total = sums[0].line(len(r.Events))
	problems = append(problems, tooLarge(p)...)
	if err := reconcile(p); err != nil {
		// A reconciliation failure is a bug in kfpay, not in the input; it is
		// reported the same way so that no payout is written.
		problems = append(problems, Problem{Code: CodeInternal, Msg: err.Error()})
	}
	p.Warnings = problems.Warnings()
	if len(problems.Errors()) > 0 {
		return nil, problems
	}
	return p, problems
}

// parallelLines is how many lines Payroll works on in two halves at once:
// a school's month of a hundred teachers is done before a goroutine
// would start.
// A variable, so that a test can compare the halves with one pass.
var parallelLines = 4096

// halfway is where Payroll cuts n lines in two: n itself, all in the
// first half, below parallelLines.
func halfway(n int) int {
	if n < parallelLines {
		return n
	}
	return n / 2
}

// both runs f and g at once, g on a goroutine of its own, and returns
// when both have. A panic of g is raised again on the caller's goroutine,
// where the command reports it as a bug of kfpay.
func both(f, g func()) {
	var gPanic any
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer func() { gPanic = recover() }()
		g()
	}()
	f()
	<-done
	if gPanic != nil {
		panic(gPanic)
	}
}

// poolInputs are the sums of lines the admin pool is worked out from.
type poolInputs struct {
	base   sum // Σ 上课补助 + 安全管理补助, the chain of Add from the zero Decimal
	logged sum // Σ 行政值班次数, likewise
}

// makeLines makes the lines of people, the first of them line first of
// the payout: counts, pay and fee, figures shared in ft. none is the
// event counts of a line without records. It sets shifts, one for each
// line, to the line's logged admin shifts, and returns the lines' sums
// the admin pool needs.
func makeLines(r *rules.Rules, t *Tally, lines []Line, people []*counted, first int, none []int, shifts []decimal.Decimal, ft *figureTable) poolInputs {
	var in poolInputs
	// Most counts are a few dozen sessions: each one's figures worked
	// out once, not for each of 250,000 teachers (issue 20). The fee per
	// session is Yuan(amount × lessons), the product the same whichever
	// way round (Decimal.Mul).
	lessons := newCountFigures(t, ft, r.Rates.Lesson)
	breaks := newCountFigures(t, ft, r.Rates.Safety)
	admin := newCountFigures(t, ft, decimal.Decimal{})
	perSession := r.Performance.Basis == rules.PerSession
	fees := newCountFigures(t, ft, r.Performance.Amount)
	for i, c := range people {
		c.line = int32(first + i)
		l := &lines[i]
		l.Person = c.Person
		l.Lessons, l.LessonPay = lessons.of(c.steps[rules.KindLesson], true)
		l.Breaks, l.SafetyPay = breaks.of(c.steps[rules.KindSafety], true)
		l.Shifts, _ = admin.of(c.steps[rules.KindAdmin], false)
		// The fee needs neither the admin pay nor the records.
		if perSession {
			_, l.Fee = fees.of(c.steps[rules.KindLesson], true)
		} else {
			l.Fee = performanceFee(r.Performance, l, ft)
		}
		l.EventCounts = none
		in.base.add(l.LessonPay)
		in.base.add(l.SafetyPay)
		in.logged.add(l.Shifts)
		shifts[i] = l.Shifts
	}
	return in
}

// countFigures are the figures of a count of steps (Tally): the count,
// the Decimal of Tally.decimal shared (intern, figureTable), and its pay
// at one rate, Yuan(count × rate) of figureTable.mulYuan, each worked out
// once for a count under internedInts steps.
type countFigures struct {
	t     *Tally
	ft    *figureTable
	rate  decimal.Decimal
	count [internedInts]decimal.Decimal // the zero Decimal before it is worked out
	pay   [internedInts]decimal.Decimal
	paid  [internedInts]bool
}

func newCountFigures(t *Tally, ft *figureTable, rate decimal.Decimal) *countFigures {
	return &countFigures{t: t, ft: ft, rate: rate}
}

// of is the count of steps, and its pay when withPay is set.
func (f *countFigures) of(steps int64, withPay bool) (count, pay decimal.Decimal) {
	if steps < 0 || steps >= internedInts {
		count = f.ft.of(intern(f.t.decimal(steps)))
		if withPay {
			pay = f.ft.mulYuan(count, f.rate)
		}
		return count, pay
	}
	if f.count[steps] == (decimal.Decimal{}) {
		f.count[steps] = f.ft.of(intern(f.t.decimal(steps)))
	}
	if withPay && !f.paid[steps] {
		f.pay[steps], f.paid[steps] = f.ft.mulYuan(f.count[steps], f.rate), true
	}
	return f.count[steps], f.pay[steps]
}

// finishLines sets the lines' 扣除金额 and 实发合计 once the records and
// the admin pool are applied, and returns their column sums.
func finishLines(r *rules.Rules, lines []Line, ft *figureTable) lineSums {
	s := lineSums{events: make([]int, len(r.Events))}
	for i := range lines {
		l := &lines[i]
		if l.Percent.IsZero() {
			// Yuan of the product with no percent: a zero of two places,
			// whatever the fee, made once (intern).
			l.Deduction = interned().zeros[2]
		} else {
			l.Deduction = ft.mulYuan(l.Fee, l.Percent)
		}
		l.Net = net(r.Performance.Basis, l, ft)
		internCounts(l, ft)
		s.add(l)
	}
	return s
}

// personLess is the person order of SPEC 5: by 工号 in natural order, then by
// name in code point order.
func personLess(a, b Person) bool {
	// By the key, so that a 工号 typed full-width sorts among the others.
	if c := naturalCompare(IDKey(a.ID), IDKey(b.ID)); c != 0 {
		return c < 0
	}
	if a.ID != b.ID {
		return a.ID < b.ID
	}
	return a.Name < b.Name
}

// sortedPeople is people in person order (personLess), each one's folded
// 工号 made once: personLess folds both on every comparison, a string
// each for a 工号 with leading zeros, 9 million for 250,000 teachers
// (issue 20).
func sortedPeople(people []*counted) []*counted {
	type keyed struct {
		key string
		c   *counted
	}
	ks := make([]keyed, len(people))
	// The folded 工号 of those IDKey does not leave as they are written
	// (S001-T001, whose leading zeros fold away) in one string: a string
	// each was 250,000 of them (issue 20).
	var folded []byte
	ends := make([]int32, 0, len(people))
	for i, c := range people {
		if plainID(c.ID) {
			ks[i] = keyed{c.ID, c}
			continue
		}
		folded = appendIDKey(folded, c.ID)
		ends = append(ends, int32(len(folded)))
	}
	if len(ends) > 0 {
		all, k, start := string(folded), 0, int32(0)
		for i, c := range people {
			if ks[i].c == nil {
				ks[i] = keyed{all[start:ends[k]], c}
				start = ends[k]
				k++
			}
		}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if c := naturalCompare(a.key, b.key); c != 0 {
			return c
		}
		if c := strings.Compare(a.c.ID, b.c.ID); c != 0 {
			return c
		}
		return strings.Compare(a.c.Name, b.c.Name)
	})
	out := make([]*counted, len(ks))
	for i, k := range ks {
		out[i] = k.c
	}
	return out
}

// naturalCompare compares strings with digit runs compared as numbers, so
// that T9 comes before T10. Equal numbers with more leading zeros come after.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := isDigit(a[0]), isDigit(b[0])
		if da && db {
			na, ra := digitRun(a)
			nb, rb := digitRun(b)
			ta, tb := strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if len(ta) != len(tb) {
				return cmpInt(len(ta), len(tb))
			}
			if c := strings.Compare(ta, tb); c != 0 {
				return c
			}
			if c := cmpInt(len(na), len(nb)); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return cmpInt(int(a[0]), int(b[0]))
		}
		a, b = a[1:], b[1:]
	}
	return cmpInt(len(a), len(b))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func digitRun(s string) (run, rest string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// payAdmin pays the admin-duty pool of 篇三 (一) 2 (2) to the people with
// admin shifts (SPEC 3.3). in are the lines' sums, shifts their logged
// shifts. Each line's 行政值班课时 and 行政值班补助 is ft's (figureTable).
func payAdmin(a rules.Admin, lines []Line, in poolInputs, shifts []decimal.Decimal, ft *figureTable) AdminChain {
	ch := AdminChain{Mode: a.Mode, Percent: a.Percent, Rate: a.Rate}
	ch.Base, ch.Shifts = in.base.value(), in.logged.value()
	ch.Pool = Yuan(ch.Base.Mul(a.Percent))
	// The pay added up as it is set (the chain of Add from the zero
	// Decimal, sum): not in a pass of its own over the lines.
	var paid sum
	switch a.Mode {
	case rules.AdminCapped:
		// The rate per logged shift, scaled down pro rata when that would
		// exceed the pool. Whether it would is decided on the figures that
		// would be paid, each person's rounded to the fen: with half shifts
		// three people at 3.375 are paid 3.38 each, 10.14 in all, which a
		// pool of 10.13 cannot pay though the unrounded 10.125 rounds to it.
		ch.Hours = ch.Shifts
		pay := make([]decimal.Decimal, len(lines))
		var want sum // the chain of Add from the zero Decimal
		for i := range lines {
			pay[i] = ft.mulYuan(shifts[i], a.Rate)
			want.add(pay[i])
		}
		ch.Want = want.value()
		if ch.Want.GreaterThan(ch.Pool) {
			ch.Scaled = true
			pay = Allocate(ch.Pool, cent, shifts)
		}
		for i := range lines {
			lines[i].AdminHours = lines[i].Shifts
			lines[i].AdminPay = ft.of(pay[i])
			paid.add(pay[i])
		}
	default:
		// The pool converted to whole duty sessions and shared in proportion
		// to the logged shifts; the sharing is our rule, the seed is silent.
		if a.Rate.IsPositive() && ch.Shifts.IsPositive() {
			ch.Hours = ch.Pool.Div(a.Rate).Floor()
		}
		share := Allocate(ch.Hours, one, shifts)
		// Most shares are none, or a few duty sessions: each one's pay
		// worked out once.
		pay := map[figureKey]decimal.Decimal{}
		var last figureKey // the share before, most often none, and its hours and pay
		var lastHours, lastPay decimal.Decimal
		for i, h := range share {
			if h.NumDigits() > 18 {
				lines[i].AdminHours, lines[i].AdminPay = h, Yuan(h.Mul(a.Rate))
				paid.add(lines[i].AdminPay)
				continue
			}
			k := figureKey{h.CoefficientInt64(), h.Exponent()}
			if i == 0 || k != last {
				p, ok := pay[k]
				if !ok {
					p = ft.of(Yuan(h.Mul(a.Rate)))
					pay[k] = p
				}
				last, lastHours, lastPay = k, ft.new(k.coef, k.exp), p
			}
			lines[i].AdminHours, lines[i].AdminPay = lastHours, lastPay
			paid.add(lastPay)
		}
	}
	ch.Paid = paid.value()
	ch.Unspent = ch.Pool.Sub(ch.Paid)
	return ch
}

// performanceFee is the month's performance fee of one person before
// deductions (SPEC 3.4).
// The figure is ft's (figureTable).
func performanceFee(p rules.Performance, l *Line, ft *figureTable) decimal.Decimal {
	switch p.Basis {
	case rules.Fixed:
		// Rounded like every other basis, per person: the rules file gives
		// amounts to the fen, but a figure paid is never left to the writer
		// to round, or the lines would not add up to the 合计.
		if l.Lessons.IsPositive() {
			return ft.of(Yuan(p.Amount))
		}
		return decimal.Zero
	case rules.PercentOfGeneral:
		return ft.mulYuan(l.LessonPay.Add(l.SafetyPay), p.Amount)
	case rules.WholePay:
		return ft.of(l.LessonPay.Add(l.SafetyPay))
	}
	return ft.mulYuan(p.Amount, l.Lessons)
}

// net is 实发合计 (SPEC 3.6). Under whole_pay the fee is the general pay
// itself, not an addition to it. The figure is ft's (figureTable).
func net(b rules.Basis, l *Line, ft *figureTable) decimal.Decimal {
	// The chain of Add and Sub from 上课补助, in an int64 (sum): the same
	// value and exponent without a big.Int for each step.
	n := sumFrom(l.LessonPay)
	n.add(l.SafetyPay)
	n.add(l.AdminPay)
	n.add(l.Fee)
	n.sub(l.Deduction)
	n.add(l.Reward)
	if b == rules.WholePay {
		n.sub(l.Fee)
	}
	return n.shared(ft)
}

// lineSums are the column sums of lines, for the 合计 row: each column
// the sum of the rounded lines.
type lineSums struct {
	lessons, breaks, shifts, hours, lessonPay, safetyPay, adminPay, fee, deduction, reward, net sum
	events                                                                                      []int
}

func (s *lineSums) add(l *Line) {
	s.lessons.add(l.Lessons)
	s.breaks.add(l.Breaks)
	s.shifts.add(l.Shifts)
	s.hours.add(l.AdminHours)
	s.lessonPay.add(l.LessonPay)
	s.safetyPay.add(l.SafetyPay)
	s.adminPay.add(l.AdminPay)
	s.fee.add(l.Fee)
	s.deduction.add(l.Deduction)
	s.reward.add(l.Reward)
	s.net.add(l.Net)
	for i, n := range l.EventCounts {
		s.events[i] += n
	}
}

// merge adds the sums of the lines after s's to s.
func (s *lineSums) merge(o *lineSums) {
	for _, c := range [...]struct{ to, from *sum }{{&s.lessons, &o.lessons}, {&s.breaks, &o.breaks}, {&s.shifts, &o.shifts},
		{&s.hours, &o.hours}, {&s.lessonPay, &o.lessonPay}, {&s.safetyPay, &o.safetyPay}, {&s.adminPay, &o.adminPay},
		{&s.fee, &o.fee}, {&s.deduction, &o.deduction}, {&s.reward, &o.reward}, {&s.net, &o.net}} {
		c.to.merge(c.from)
	}
	for i, n := range o.events {
		s.events[i] += n
	}
}

// line is the 合计 row.
func (s *lineSums) line(events int) Line {
	t := Line{Person: Person{Name: "合计"}, EventCounts: make([]int, events)}
	copy(t.EventCounts, s.events)
	t.Lessons, t.Breaks, t.Shifts, t.AdminHours = s.lessons.value(), s.breaks.value(), s.shifts.value(), s.hours.value()
	t.LessonPay, t.SafetyPay, t.AdminPay = s.lessonPay.value(), s.safetyPay.value(), s.adminPay.value()
	t.Fee, t.Deduction, t.Reward, t.Net = s.fee.value(), s.deduction.value(), s.reward.value(), s.net.value()
	return t
}

// total is the 合计 row of lines.
func total(lines []Line, events int) Line {
	s := lineSums{events: make([]int, events)}
	for i := range lines {
		s.add(&lines[i])
	}
	return s.line(events)
}

// tooLarge reports each line, or else the 合计 row, with a figure a
// spreadsheet cannot show to the fen: written as a double it would be
// rounded, and the payout would not add up when read back.
func tooLarge(p *Payout) Problems {
	// The lines in two halves at once (Payroll), in line order.
	cut := halfway(len(p.Lines))
	var halves [2]Problems
	both(func() { halves[0] = linesTooLarge(p.Lines[:cut]) }, func() { halves[1] = linesTooLarge(p.Lines[cut:]) })
	problems := append(halves[0], halves[1]...)
	if f := p.Total.figures(); len(problems) == 0 {
		if pr, bad := showable(p.Total.Name, f[:]...); bad {
			problems = append(problems, pr)
		}
	}
	return problems
}

// linesTooLarge is tooLarge of each of lines.
func linesTooLarge(lines []Line) Problems {
	var problems Problems
	for i := range lines {
		l := &lines[i]
		f := l.figures()
		if pr, bad := showable(l.Name, f[:]...); bad {
			problems = append(problems, pr)
		}
	}
	return problems
}

// figures are the money columns of l, in the order of 发放明细: an array,
// so that going over 50,000 lines allocates nothing.
func (l *Line) figures() [7]figure {
	return [7]figure{{"上课补助", l.LessonPay}, {"安全管理补助", l.SafetyPay}, {"行政值班补助", l.AdminPay}, {"绩效服务费", l.Fee},
		{"扣除金额", l.Deduction}, {"奖励", l.Reward}, {"实发合计", l.Net}}
}

// reconcile checks the payout against itself the way an accountant would:
// every line's net from its parts, the totals against the admin chain and the
// column sums against the net total (moov-io/ach's control totals).
func reconcile(p *Payout) error {
	var c controls
	c.equal("一般性服务支出", p.Total.LessonPay.Add(p.Total.SafetyPay), p.Admin.Base)
	c.equal("行政值班补助", p.Total.AdminPay, p.Admin.Paid)
	c.equal("行政值班结余", p.Admin.Pool.Sub(p.Total.AdminPay), p.Admin.Unspent)
	if p.Admin.Paid.GreaterThan(p.Admin.Pool) {
		c.failf("行政值班补助 %s 超出值班经费 %s", p.Admin.Paid.StringFixed(2), p.Admin.Pool.StringFixed(2))
	}
	whole := decimal.Zero
	if p.Rules.Performance.Basis == rules.WholePay {
		whole = p.Total.Fee
	}
	c.equal("实发合计", Sum(p.Total.LessonPay, p.Total.SafetyPay, p.Total.AdminPay, p.Total.Fee, p.Total.Deduction.Neg(), p.Total.Reward, whole.Neg()), p.Total.Net)
	// The lines in two halves at once (Payroll), in line order.
	cut := halfway(len(p.Lines))
	var halves [2]controls
	both(func() { halves[0] = lineControls(p.Lines[:cut]) }, func() { halves[1] = lineControls(p.Lines[cut:]) })
	c = append(c, halves[0]...)
	c = append(c, halves[1]...)
	// 扣款明细 against 发放明细: each person's records add up to the
	// person's 扣除金额 and 奖励.
	// By line, for the people with records; the others' sums are the
	// zero Decimal (issue 20: two figures for each of 250,000 lines).
	deducted := map[int]decimal.Decimal{}
	rewarded := map[int]decimal.Decimal{}
	for _, e := range p.Events {
		switch {
		case e.Yuan.IsNegative():
			c.failf("%s %s %s 的扣款明细金额为负 %s", p.Lines[e.Line].Name, e.Date, e.Label, e.Yuan.StringFixed(2))
		case e.Status == Deducted:
			deducted[e.Line] = deducted[e.Line].Add(e.Yuan)
		case e.Status == Rewarded:
			rewarded[e.Line] = rewarded[e.Line].Add(e.Yuan)
		}
	}
	both(func() { halves[0] = recordControls(p.Lines[:cut], 0, deducted, rewarded) },
		func() { halves[1] = recordControls(p.Lines[cut:], cut, deducted, rewarded) })
	c = append(c, halves[0]...)
	c = append(c, halves[1]...)
	return c.err("发放表")
}

// lineControls are reconcile's checks of each of lines on its own.
func lineControls(lines []Line) controls {
	var c controls
	for i := range lines {
		l := &lines[i]
		// Every figure of a line is paid or printed as it stands: it must
		// be to the fen, so that the 合计 row is the sum of what is shown.
		for _, f := range l.figures() {
			c.fen(l.Name, f.what, f.d)
		}
		if l.Deduction.GreaterThan(l.Fee) || l.Net.IsNegative() {
			c.failf("%s 扣除 %s 超过绩效服务费 %s", rules.Clip(l.Name), l.Deduction.StringFixed(2), l.Fee.StringFixed(2))
		}
	}
	return c
}

// recordControls are reconcile's checks of lines, the first of them line
// first of the payout, against the sums of their records in 扣款明细.
func recordControls(lines []Line, first int, deducted, rewarded map[int]decimal.Decimal) controls {
	var c controls
	for i := range lines {
		l := &lines[i]
		// The label made only for a mismatch: two strings a teacher
		// otherwise, half a million for 250,000 (issue 20).
		if d := deducted[first+i]; !d.Equal(l.Deduction) {
			c.equal(l.Name+" 扣款明细扣除金额之和", d, l.Deduction)
		}
		if r := rewarded[first+i]; !r.Equal(l.Reward) {
			c.equal(l.Name+" 扣款明细奖励之和", r, l.Reward)
		}
	}
	return c
}
