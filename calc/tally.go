package calc

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// Tally adds up one month's session log entry by entry, so that a log of a
// million rows needs memory for its people, not for its rows. It also makes
// the plausibility checks of SPEC 2.1 as the entries pass.
type Tally struct {
	rules *rules.Rules
	month rules.Month

	people []*counted          // in the order first seen
	byKey  map[string]*counted // by Person.Key()
	// seen holds a hash of every row's content and the row it was first seen
	// in, to warn of rows identical in every column.
	seen map[uint64]int32

	problems Problems
	rows     int

	// trace, when set, is a 工号 or name whose entries are kept in traced,
	// so that Explain can name the cells a person's figures come from.
	trace  string
	traced []Entry
}

// counted is one person's tally.
type counted struct {
	Person
	first   Ref // the first row naming the person, to report a 工号 with two names
	lessons decimal.Decimal
	breaks  decimal.Decimal
	shifts  decimal.Decimal
	daily   [32]decimal.Decimal // lessons per day of the month
}

// NewTally starts the tally of month m under rules r.
func NewTally(r *rules.Rules, m rules.Month) *Tally {
	return &Tally{rules: r, month: m, byKey: map[string]*counted{}, seen: map[uint64]int32{}}
}

// Trace makes t keep the entries of the person whose 工号 or name is who,
// for Explain. Only that person's entries are kept: a log may have a million
// rows. Call it before the first Add.
func (t *Tally) Trace(who string) { t.trace = who }

// Month returns the month being tallied.
func (t *Tally) Month() rules.Month { return t.month }

// Problems returns the errors and warnings found so far.
func (t *Tally) Problems() Problems { return t.problems }

// Entries returns how many entries were added.
func (t *Tally) Entries() int { return t.rows }

func (t *Tally) report(p Problem) {
	if len(t.problems) < MaxProblems {
		t.problems = append(t.problems, p)
	}
}

// Add counts one entry. The reader has already checked that the date lies in
// the month and that the count is a positive number.
func (t *Tally) Add(e Entry) {
	t.rows++
	step := t.rules.Sessions.CountStep
	if !e.Count.Mod(step).IsZero() {
		t.report(Problem{Ref: e.Src, Column: "节数", Value: e.Count.String(),
			Msg: fmt.Sprintf("应为 %s 的整数倍（规则 sessions.count_step）", step)})
		return
	}
	c := t.byKey[e.Person.Key()]
	if c == nil {
		c = &counted{Person: e.Person, first: e.Src}
		t.byKey[e.Person.Key()] = c
		t.people = append(t.people, c)
	} else if c.Name != e.Person.Name {
		t.report(Problem{Ref: e.At(e.cols().Name), Column: "教师", Value: e.Person.Name,
			Msg: fmt.Sprintf("工号 %s 在 %s 写作 %s，同一工号应为同一人", e.Person.ID, c.first.Cell(), c.Name)})
		return
	}
	switch e.Kind {
	case rules.KindLesson:
		c.lessons = c.lessons.Add(e.Count)
	case rules.KindSafety:
		c.breaks = c.breaks.Add(e.Count)
	case rules.KindAdmin:
		c.shifts = c.shifts.Add(e.Count)
	}
	if !e.Date.IsZero() {
		t.checkDay(c, e)
	}
	t.checkDuplicate(e)
	if t.trace != "" && (e.Person.ID == t.trace || e.Person.Name == t.trace) {
		t.traced = append(t.traced, e)
	}
}

// checkDay warns of a date the calendar has no service on, and of more lessons
// in one day than sessions.max_per_day.
func (t *Tally) checkDay(c *counted, e Entry) {
	if !t.rules.Term.IsServiceDay(e.Date) {
		t.report(Problem{Ref: e.At(e.cols().Date), Column: "日期", Value: e.Date.String(), Warning: true,
			Msg: "这一天按学期校历不是课后服务日（周末、节假日或学期外）；如是调休上班，请在规则文件 [term] 的 workdays 中加上这一天"})
	}
	if e.Kind != rules.KindLesson || e.Date.Day >= len(c.daily) {
		return
	}
	limit := decimal.NewFromInt(int64(t.rules.Sessions.MaxPerDay))
	before := c.daily[e.Date.Day]
	after := before.Add(e.Count)
	c.daily[e.Date.Day] = after
	if before.LessThanOrEqual(limit) && after.GreaterThan(limit) {
		t.report(Problem{Ref: e.Src, Column: "节数", Value: e.Count.String(), Warning: true,
			Msg: fmt.Sprintf("%s %s 当天共 %s 节，超过每日上限 %d 节；请核对是否多写", c.Name, e.Date, after, t.rules.Sessions.MaxPerDay)})
	}
}

// checkDuplicate warns of a row identical in every column to an earlier one.
// Duplicates still count: the log says what it says (SPEC 2.1).
func (t *Tally) checkDuplicate(e Entry) {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint32(b[:], uint32(e.Date.Year)<<16|uint32(e.Date.Month)<<8|uint32(e.Date.Day))
	b[4] = byte(e.Kind)
	h.Write(b[:5])
	for _, s := range []string{e.Person.ID, e.Person.Name, e.Count.String(), e.Class, e.Note} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	key := h.Sum64()
	if first, ok := t.seen[key]; ok {
		t.report(Problem{Ref: e.At(e.cols().Name), Warning: true,
			Msg: fmt.Sprintf("与第 %d 行各列完全相同，请确认是否重复登记（重复行照常计数）", first)})
		return
	}
	t.seen[key] = int32(e.Src.Row)
}
