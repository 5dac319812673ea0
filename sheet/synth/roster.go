package synth

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/shopspring/decimal"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/render"
)

// RosterStats says what WriteRoster wrote.
type RosterStats struct {
	Pupils  int
	Classes int
	Backup  string // the name the roster replaced with force now has, "" for none
}

// Pupils per class of the synthetic roster, and classes per school: six
// grades of six classes.
const (
	genClassSize  = 40
	genSchoolSize = 36
)

// WriteRoster writes a made-up roster (学生名单, SPEC 4.2) of a district's
// pupils for the term of r, for benchmarks of the term settlement (kfpay gen
// --pupils): pupils rows, class by class, 40 to a class and 36 classes to a
// school, 学号 in order within a class. As a bursar's roster has them, one
// pupil in twenty joined after the term began, one in thirty left before it
// ended (both on service days), one in twenty-five has a waiver (300 yuan,
// 50% or 100%), and nine in ten have 已缴 filled in with what they were asked
// for; the others leave it to the default. The same arguments give the same
// bytes. ctx stops the writing: no file is then written.
func WriteRoster(ctx context.Context, path string, pupils int, r *rules.Rules, force bool) (RosterStats, error) {
	if pupils < 1 {
		return RosterStats{}, fmt.Errorf("gen: pupils %d, want at least 1", pupils)
	}
	t := r.Term
	var days []rules.Date
	for d := t.Start; !d.After(t.End); d = d.AddDays(1) {
		if t.IsServiceDay(d) {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		return RosterStats{}, fmt.Errorf("gen: the term %s to %s has no service days", t.Start, t.End)
	}
	s, err := render.NewStream(ctx, "学生名单", pupils, "学号", "姓名", "班级", "开始日期", "退出日期", "减免", "已缴")
	if err != nil {
		return RosterStats{}, err
	}
	defer s.Close()
	rnd := rand.New(rand.NewPCG(uint64(pupils), 2<<40))
	st := RosterStats{Pupils: pupils}
	for i := range pupils {
		c := i / genClassSize
		school, grade, class := c/genSchoolSize+1, c%genSchoolSize/6, c%6+1
		if i%genClassSize == 0 {
			st.Classes++
		}
		id := fmt.Sprintf("%03d%d%d%02d", school, grade+1, class, i%genClassSize+1)
		name := string(genSurnames[rnd.IntN(len(genSurnames))]) + genGiven[rnd.IntN(len(genGiven))]
		from, to := 0, len(days)-1 // indexes into days
		var start, end any
		if rnd.IntN(20) == 0 && len(days) > 1 {
			from = 1 + rnd.IntN(len(days)-1)
			start = days[from]
		}
		if rnd.IntN(30) == 0 && from < len(days)-1 {
			to = from + rnd.IntN(len(days)-1-from)
			end = days[to]
		}
		var waiver any
		var w calc.Waiver
		switch rnd.IntN(75) {
		case 0:
			waiver, w = 300, calc.Waiver{Amount: decimal.NewFromInt(300)}
		case 1:
			waiver, w = "50%", calc.Waiver{Percent: decimal.New(5, -1), IsPercent: true}
		case 2:
			waiver, w = "100%", calc.Waiver{Percent: decimal.NewFromInt(1), IsPercent: true}
		}
		var paid any
		if rnd.IntN(10) != 0 {
			// What the family was asked for on joining, the waiver taken
			// off (SPEC 4.3): a value in whole fen, which a float holds.
			asked := calc.YuanOf(t.Fee.Mul(decimal.NewFromInt(int64(len(days)-from))), decimal.NewFromInt(int64(len(days))))
			paid = asked.Sub(w.Of(asked, t.Fee)).InexactFloat64()
		}
		s.Row(id, name, fmt.Sprintf("%d校%s年级%d班", school, string(genGrades[grade]), class), start, end, waiver, paid)
	}
	book, err := s.Finish()
	if err != nil {
		return RosterStats{}, err
	}
	st.Backup, err = book.SaveKeeping(path, force)
	return st, err
}
