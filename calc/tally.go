package calc

import (
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// Tally adds up one month's session log entry by entry, so that a log of a
// million rows needs memory for its people, not for its rows. It also makes
// the plausibility checks of SPEC 2.1 as the entries pass.
//
// Counts are whole multiples of count_step (SPEC 2.1), so the tally keeps
// them as whole numbers of steps: an integer add per entry instead of a
// decimal one, which allocates. They become decimals again when read out.
type Tally struct {
	rules *rules.Rules
	month rules.Month
	step  decimal.Decimal
	// stepInt is count_step when it is a small whole number, else 0: the
	// common case, where a count's steps are found without decimal division.
	stepInt int64
	// dayLimit is sessions.max_per_day in steps, rounded down: a day whose
	// lessons come to more steps than this is over the limit.
	dayLimit int64
	// serviceDay[d] says whether day d of the month is a service day.
	serviceDay [32]bool

	people []*counted          // in the order first seen
	byKey  map[string]*counted // by Person.Key()

	staff *Staff // the staff list, when one was given

	// days and hashes hold the days and the rows' hashes of every person,
	// each person's linked from its latest back: a person of four rows in a
	// month of 250,000 teachers needs four of each, where arrays of the 31
	// days and a slice of hashes in each counted took 760 bytes and six
	// allocations a person (issue 20).
	days   chunked[dayEntry]
	hashes chunked[rowHash]

	// firstFile and firstSheet are where the entries come from, for the
	// cells of a person's days (dayEntry.cell), which keep the row and
	// column only.
	firstFile, firstSheet string
	// sources are the files and sheets of the people's first cells.
	sources []source

	problems Capper
	rows     int
	keyBuf   []byte // Add's buffer for a person's key
	// last is the person of the row added last, lastKey its key.
	last    *counted
	lastKey []byte
	// closed is set when Payroll has let go of the rows' hashes: no more
	// entries can be added.
	closed bool

	// trace, when set, is a 工号 or name whose entries are kept in traced,
	// so that Explain can name the cells a person's figures come from.
	trace  string
	traced []Entry
}

// counted is one person's tally, in steps of count_step.
type counted struct {
	Person
	// firstAt is the name cell of the first row naming the person, and
	// idCol its 工号 column there (firstRef, idFirstRef): numbers, not two
	// Refs of 48 bytes (20 MB for 250,000 teachers, issue 20).
	firstAt cellAt
	idCol   int32    // -1 when the person has no 工号
	steps   [3]int64 // by rules.Kind: lessons, breaks, admin shifts
	tally   *Tally   // for count_step, to turn steps back into counts
	// lastDay is 1 + the index in tally.days of the latest of the days
	// the person has rows on, 0 for none.
	lastDay int32
	rows    rowHashes // the person's rows, to warn of duplicates
	// spellings are the ways the person's 工号 was written, the first
	// one included, once a second one is seen; nil while there is one.
	spellings []spelling
	entries   int // rows added for the person, to count the spellings' rows
	// line is the person's line in the payout Payroll makes, which
	// matches the records to it: no map of every person's key to it, 20 MB
	// for 250,000 teachers (issue 20).
	line int32
}

// cellAt is a cell of one of the tally's sources, by number.
type cellAt struct {
	row, col int32
	src      int32 // index in Tally.sources
}

// source is a file and sheet entries come from.
type source struct{ file, sheet string }

// cellOf is the Ref r as a cellAt.
func (t *Tally) cellOf(r Ref) cellAt {
	src := len(t.sources) - 1
	if src < 0 || t.sources[src] != (source{r.File, r.Sheet}) {
		src = slices.Index(t.sources, source{r.File, r.Sheet})
		if src < 0 {
			t.sources = append(t.sources, source{r.File, r.Sheet})
			src = len(t.sources) - 1
		}
	}
	return cellAt{row: int32(min(r.Row, math.MaxInt32)), col: int32(min(r.Col, math.MaxInt32)), src: int32(src)}
}

// ref is the cell a as a Ref.
func (t *Tally) ref(a cellAt) Ref {
	s := t.sources[a.src]
	return Ref{File: s.file, Sheet: s.sheet, Row: int(a.row), Col: int(a.col)}
}

// first is the name cell of the first row naming the person.
func (c *counted) first() Ref { return c.tally.ref(c.firstAt) }

// idFirst is the 工号 cell of that row; the zero Ref when the person has
// no 工号.
func (c *counted) idFirst() Ref {
	if c.idCol < 0 {
		return Ref{}
	}
	return c.first().At(int(c.idCol))
}

// lessons, breaks and shifts are the person's counts as decimals.
func (c *counted) lessons() decimal.Decimal { return c.tally.decimal(c.steps[rules.KindLesson]) }
func (c *counted) breaks() decimal.Decimal  { return c.tally.decimal(c.steps[rules.KindSafety]) }
func (c *counted) shifts() decimal.Decimal  { return c.tally.decimal(c.steps[rules.KindAdmin]) }

// NewTally starts the tally of month m under the version of rules r in
// force on the month's first day (a month is computed with one version).
func NewTally(r *rules.Rules, m rules.Month) *Tally {
	r = r.At(m)
	t := &Tally{rules: r, month: m, step: r.Sessions.CountStep, byKey: map[string]*counted{}}
	if t.step.IsInteger() && t.step.IsPositive() && t.step.NumDigits() <= 9 {
		t.stepInt = t.step.IntPart()
	}
	if t.step.IsPositive() {
		t.dayLimit = decimal.NewFromInt(int64(r.Sessions.MaxPerDay)).Div(t.step).IntPart()
	}
	for d := m.First(); m.Contains(d); d = d.AddDays(1) {
		t.serviceDay[d.Day] = r.Term.IsServiceDay(d)
	}
	return t
}

// Trace makes t keep the entries of the person whose 工号 or name is who,
// for Explain. Only that person's entries are kept: a log may have a million
// rows. Call it before the first Add.
func (t *Tally) Trace(who string) { t.trace = who }

// Month returns the month being tallied.
func (t *Tally) Month() rules.Month { return t.month }

// Rules returns the version of the rules the month is tallied under: the one
// in force on its first day. A reader of the month's log takes its labels
// from it.
func (t *Tally) Rules() *rules.Rules { return t.rules }

// Problems returns the errors and warnings found so far, those of who the
// rows are about (a 工号 written two ways, a name under two 工号, the
// staff list) included, capped as each reader's are (Capper).
func (t *Tally) Problems() Problems {
	var c Capper
	for _, p := range t.problems.Problems() {
		c.Add(p)
	}
	t.identityProblems(&c)
	return c.Problems()
}

// UseStaff makes the staff list s the one every 工号 and name of the month
// is checked against (SPEC 2.1, identity).
func (t *Tally) UseStaff(s *Staff) { t.staff = s }

// Entries returns how many entries were added.
func (t *Tally) Entries() int { return t.rows }

func (t *Tally) report(p Problem) { t.problems.Add(p) }

// decimal turns a number of steps back into a count.
func (t *Tally) decimal(steps int64) decimal.Decimal {
	if t.stepInt == 1 {
		if steps >= 0 && steps < internedInts {
			return interned().ints[steps]
		}
		return decimal.NewFromInt(steps)
	}
	return decimal.NewFromInt(steps).Mul(t.step)
}

// maxSteps bounds one entry's count, in steps, so that no sum of a sheet's
// entries (at most 1,048,576 rows) can overflow an int64. No real log comes
// near it: it is a trillion sessions.
const maxSteps = 1e12

// stepsOf returns count as a whole number of steps. ok is false when it is
// not a whole multiple of count_step; tooLarge when it is beyond maxSteps.
func (t *Tally) stepsOf(count decimal.Decimal) (n int64, ok, tooLarge bool) {
	// The reader's counts are integers written as such ("2"): a division
	// of int64s does for them.
	if t.stepInt > 0 && count.Exponent() == 0 && count.NumDigits() <= 15 {
		n = count.IntPart()
		if n%t.stepInt != 0 {
			return 0, false, false
		}
		n /= t.stepInt
		return n, true, n > maxSteps
	}
	q, r := count.QuoRem(t.step, 0)
	if !r.IsZero() {
		return 0, false, false
	}
	if q.NumDigits() > 15 {
		return 0, true, true
	}
	n = q.IntPart()
	return n, true, n > maxSteps
}

// Add counts one entry. The reader has already checked that the date lies in
// the month and that the count is a positive number. Entries are added
// before Payroll, which lets go of what only Add needs.
func (t *Tally) Add(e Entry) {
	if t.closed {
		panic("calc: Tally.Add after Payroll")
	}
	t.rows++
	n, ok, tooLarge := t.stepsOf(e.Count)
	switch {
	case !ok:
		t.report(Problem{Code: "count-step", Ref: e.Src, Column: "节数", Value: e.Count.String(),
			Msg: fmt.Sprintf("应为 %s 的整数倍（规则 sessions.count_step）", t.step)})
		return
	case tooLarge:
		t.report(Problem{Code: "count-too-large", Ref: e.Src, Column: "节数", Value: e.Count.String(), Msg: "节数过大，请检查是否填错"})
		return
	}
	// The person's key made in a buffer to look it up, and as a string
	// only for a new person: Key made two strings a row (85 MB for a
	// million rows, issue 20). The person of the row before is asked
	// first: a log kept teacher by teacher names each one on several rows
	// in a row, and the map of 250,000 people misses the cache.
	var c *counted
	if e.Person.ID != "" {
		t.keyBuf = appendIDKey(append(t.keyBuf[:0], '#'), e.Person.ID)
	} else {
		t.keyBuf = append(t.keyBuf[:0], e.Person.Name...)
	}
	if c = t.last; c == nil || string(t.keyBuf) != string(t.lastKey) {
		c = t.byKey[string(t.keyBuf)]
		t.last, t.lastKey = nil, append(t.lastKey[:0], t.keyBuf...)
	}
	if c == nil {
		key := e.Person.Key()
		c = &counted{Person: ownPerson(e.Person), firstAt: t.cellOf(e.At(e.cols().Name)), idCol: -1, tally: t}
		if e.Person.ID != "" {
			c.idCol = int32(e.cols().ID)
		}
		t.byKey[key] = c
		t.people = append(t.people, c)
		if len(t.people) == 1 {
			t.firstFile, t.firstSheet = e.Src.File, e.Src.Sheet
		}
	}
	t.last = c
	c.entries++
	if c.entries > 1 {
		if c.ID != e.Person.ID || c.spellings != nil {
			c.noteSpelling(e)
		}
		if c.Name != e.Person.Name {
			t.report(Problem{Code: CodeIDTwoNames, Ref: e.At(e.cols().Name), Column: "教师", Value: e.Person.Name,
				Msg: fmt.Sprintf("工号 %s 在 %s 写作 %s，同一工号应为同一人", rules.Clip(e.Person.ID), c.first().Cell(), rules.Clip(c.Name))})
			return
		}
	}
	if e.Kind >= 0 && int(e.Kind) < len(c.steps) {
		c.steps[e.Kind] += n
	}
	if !e.Date.IsZero() {
		var de *dayEntry
		if d := e.Date.Day; d >= 0 && d < 32 {
			de = t.dayOf(c, d)
		}
		t.checkDay(c, e, n, de)
		if de != nil && de.cell == 0 && e.Src.Row > 0 {
			de.cell = uint64(e.Src.Row)<<32 | uint64(uint32(e.Src.Col))
		}
	}
	t.checkDuplicate(c, e, n)
	if t.trace != "" && (e.Person.Name == t.trace || e.Person.ID != "" && IDKey(e.Person.ID) == IDKey(t.trace)) {
		t.traced = append(t.traced, e)
	}
}

// ownPerson is p with its 工号 and name cut from one string of their own:
// a reader's are cut from the text of its whole row, which they would keep
// for as long as the person is (8 MB for 250,000 teachers, issue 20).
func ownPerson(p Person) Person {
	both := p.ID + p.Name
	p.ID, p.Name = both[:len(p.ID)], both[len(p.ID):]
	return p
}

// isServiceDay is Term.IsServiceDay, looked up for the days of the month.
func (t *Tally) isServiceDay(d rules.Date) bool {
	if t.month.Contains(d) {
		return t.serviceDay[d.Day]
	}
	return t.rules.Term.IsServiceDay(d)
}

// dayEntry is one day of one person's month.
type dayEntry struct {
	lessons int64  // the lessons of the day, in steps
	cell    uint64 // the first cell that logged the person that day, as row<<32 | column, 0 for none
	prev    int32  // 1 + the index in Tally.days of the person's day before, 0 for none
	day     uint8
}

// dayOf is person c's entry of day d of the month, made when there is none.
func (t *Tally) dayOf(c *counted, d int) *dayEntry {
	for i := c.lastDay; i != 0; {
		de := t.days.at(i)
		if int(de.day) == d {
			return de
		}
		i = de.prev
	}
	c.lastDay = t.days.add(dayEntry{prev: c.lastDay, day: uint8(d)})
	return t.days.at(c.lastDay)
}

// dayCell is the first cell that logged person c on day d of the month, as
// row<<32 | column, 0 for none: a 请假 record of that day names it (SPEC 3,
// records).
func (t *Tally) dayCell(c *counted, d int) uint64 {
	for i := c.lastDay; i != 0; {
		de := t.days.at(i)
		if int(de.day) == d {
			return de.cell
		}
		i = de.prev
	}
	return 0
}

// checkDay warns of a date the calendar has no service on, and of more lessons
// in one day than sessions.max_per_day. n is the entry's count in steps, de
// the person's entry of the day (nil for a day out of any month).
func (t *Tally) checkDay(c *counted, e Entry, n int64, de *dayEntry) {
	if !t.isServiceDay(e.Date) {
		t.report(Problem{Code: "not-service-day", Ref: e.At(e.cols().Date), Column: "日期", Value: e.Date.String(), Warning: true,
			Msg: "这一天按学期校历不是课后服务日（周末、节假日或学期外）；如是调休上班，请在规则文件 [term] 的 workdays 中加上这一天"})
	}
	if e.Kind != rules.KindLesson || de == nil {
		return
	}
	before := de.lessons
	after := before + n
	de.lessons = after
	if before <= t.dayLimit && after > t.dayLimit {
		t.report(Problem{Code: "over-daily-max", Ref: e.Src, Column: "节数", Value: e.Count.String(), Warning: true,
			Msg: fmt.Sprintf("%s %s 当天共 %s 节，超过每日上限 %d 节；请核对是否多写", rules.Clip(c.Name), e.Date, t.decimal(after), t.rules.Sessions.MaxPerDay)})
	}
}

// checkDuplicate warns of a row identical in every column to an earlier one.
// Duplicates still count: the log says what it says (SPEC 2.1). n is the
// entry's count in steps: the same number however it was written.
func (t *Tally) checkDuplicate(c *counted, e Entry, n int64) {
	h := rowHasher(0)
	h = h.word(uint64(e.Date.Year)<<16 | uint64(e.Date.Month)<<8 | uint64(e.Date.Day))
	h = h.word(uint64(e.Kind))
	h = h.word(uint64(n))
	for _, s := range [...]string{e.Person.ID, e.Person.Name, e.Class, e.Note} {
		h = h.string(s)
	}
	if first, dup := c.rows.add(&t.hashes, uint64(h), int32(min(e.Src.Row, math.MaxInt32))); dup {
		t.report(Problem{Code: "duplicate-row", Ref: e.At(e.cols().Name), Warning: true,
			Msg: fmt.Sprintf("与第 %d 行各列完全相同，请确认是否重复登记（重复行照常计数）", first)})
	}
}

// close lets go of the rows' hashes, which only tell a duplicate row as it
// is added: 16 MB for 250,000 teachers that the payout need not share the
// heap with (issue 20).
func (t *Tally) close() {
	t.closed = true
	t.hashes = chunked[rowHash]{}
	for _, c := range t.people {
		c.rows = rowHashes{}
	}
}

// rowHashes are the hashes of one person's rows and the row each was first
// seen in. Rows identical in every column name the same person, so each
// person's rows are searched alone: a few cache lines for the usual twenty
// rows, where one map of a million rows' hashes missed the cache on every
// look-up. A person with many rows gets a map.
type rowHashes struct {
	last int32            // 1 + the index of the latest in the tally's hashes, 0 for none
	n    int32            // how many are linked from last
	big  map[uint64]int32 // once there are more than maxScan rows
}

// rowHash is the hash of one row, in Tally.hashes.
type rowHash struct {
	hash uint64
	row  int32
	prev int32 // 1 + the index of the person's row before, 0 for none
}

// maxScan is how many rows a person's hashes are searched one by one.
const maxScan = 64

// add records hash, seen in row, unless an earlier row had it: then it
// returns that row.
// all holds the hashes of every person.
func (rh *rowHashes) add(all *chunked[rowHash], hash uint64, row int32) (first int32, dup bool) {
	if rh.big != nil {
		if first, dup = rh.big[hash]; !dup {
			rh.big[hash] = row
		}
		return first, dup
	}
	for i := rh.last; i != 0; {
		h := all.at(i)
		if h.hash == hash {
			return h.row, true
		}
		i = h.prev
	}
	if rh.n < maxScan {
		rh.last, rh.n = all.add(rowHash{hash: hash, row: row, prev: rh.last}), rh.n+1
		return 0, false
	}
	rh.big = make(map[uint64]int32, 2*maxScan)
	for i := rh.last; i != 0; {
		h := all.at(i)
		rh.big[h.hash] = h.row
		i = h.prev
	}
	rh.big[hash] = row
	rh.last, rh.n = 0, 0
	return 0, false
}

// chunked is a list in blocks of chunkLen, numbered from 1 (0 is none), so
// that growing it never copies what it holds: the million entries of a
// month's days grew by copying, 100 MB allocated (issue 20).
type chunked[T any] struct {
	blocks [][]T
	n      int
}

const chunkLen = 4096

// add appends v and returns its number.
func (c *chunked[T]) add(v T) int32 {
	b := c.n / chunkLen
	if b == len(c.blocks) {
		c.blocks = append(c.blocks, make([]T, 0, chunkLen))
	}
	c.blocks[b] = append(c.blocks[b], v)
	c.n++
	return int32(c.n)
}

// at is the entry numbered i.
func (c *chunked[T]) at(i int32) *T {
	i--
	return &c.blocks[i/chunkLen][i%chunkLen]
}

// rowHasher hashes a row's columns eight bytes at a time, each word mixed
// in by a 64×64→128-bit multiply folded to 64 bits (the mix of wyhash):
// a million rows' FNV-1a, a multiply a byte, was a fifth of Tally.Add's
// time (issue 20). It allocates nothing, and a row's hash is the same in
// every run, so that a duplicate is reported the same way every time.
type rowHasher uint64

// rowMix is an odd constant of wyhash, whose product with a word spreads
// every bit of the word over the 128 bits.
const rowMix = 0xa0761d6478bd642f

// word mixes w into h: the product of h^w and rowMix, one to one in h^w,
// folded.
func (h rowHasher) word(w uint64) rowHasher {
	hi, lo := bits.Mul64(uint64(h)^w, rowMix)
	return rowHasher(hi ^ lo)
}

// string mixes s into h, a word at a time, then its length, so that
// "ab","c" and "a","bc" differ.
func (h rowHasher) string(s string) rowHasher {
	n := len(s)
	for len(s) >= 8 {
		h = h.word(uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56)
		s = s[8:]
	}
	if len(s) > 0 {
		var w uint64
		for i := len(s) - 1; i >= 0; i-- {
			w = w<<8 | uint64(s[i])
		}
		h = h.word(w)
	}
	return h.word(uint64(n) | 1<<63)
}
