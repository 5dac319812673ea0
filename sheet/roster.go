package sheet

import (
	"context"
	"regexp"
	"strings"

	"golang.org/x/text/unicode/norm"

	"kfpay/calc"
	"kfpay/sheet/internal/xlsx"
)

// The roster's columns (SPEC 4.2).
const (
	rosID = iota
	rosName
	rosClass
	rosStart
	rosEnd
	rosWaiver
	rosPaid
)

var rosterSchema = schema{role: "学生名单", fields: []field{
	rosID:     {name: "学号", aliases: []string{"student_id"}, required: true},
	rosName:   {name: "姓名", aliases: []string{"name"}, required: true},
	rosClass:  {name: "班级", aliases: []string{"class"}, required: true},
	rosStart:  {name: "开始日期", aliases: []string{"start"}},
	rosEnd:    {name: "退出日期", aliases: []string{"end"}},
	rosWaiver: {name: "减免", aliases: []string{"waiver"}},
	rosPaid:   {name: "已缴", aliases: []string{"已缴金额", "paid"}, numeric: true},
}}

// ReadRoster reads the roster (学生名单) at path. It checks the form of each
// value; whether the dates lie in the term, a 学号 is unique and a waiver
// fits the fee is calc's to check, against the rules.
func ReadRoster(ctx context.Context, path, sheetName string) (pupils []calc.Pupil, info InputFile, problems calc.Problems) {
	t, c := openTable(ctx, path, sheetName, rosterSchema)
	if t == nil {
		return nil, InputFile{Role: rosterSchema.role}, c.list
	}
	defer t.close()
	pupils = readRosterRows(t)
	info = t.done()
	return pupils, info, c.list
}

// ReadRosterEach reads the roster at path as ReadRoster does, passing each
// pupil that reads well to each, in the roster's order, and keeping none:
// for kfpay check, whose memory is then that of a row, not of a district's
// roster (issue 20).
func ReadRosterEach(ctx context.Context, path, sheetName string, each func(calc.Pupil)) (info InputFile, problems calc.Problems) {
	t, c := openTable(ctx, path, sheetName, rosterSchema)
	if t == nil {
		return InputFile{Role: rosterSchema.role}, c.list
	}
	defer t.close()
	eachRosterRow(t, each)
	return t.done(), c.list
}

// readRosterRows reads the pupils of an open roster table: a workbook's rows
// or a case's lines alike.
func readRosterRows(t *table) (pupils []calc.Pupil) {
	// The sheet's dimension, a hint, sizes the roster at once: grown a
	// pupil at a time, 100,000 pupils of 400 bytes were allocated and
	// copied about five times over, 218 MB (issue 20). A dimension that
	// says more than maxRosterHint rows is not taken at its word.
	if n := t.it.LastRow(); n > 1 {
		pupils = make([]calc.Pupil, 0, min(n, maxRosterHint))
	}
	eachRosterRow(t, func(p calc.Pupil) { pupils = append(pupils, p) })
	return pupils
}

// maxRosterHint is the most pupils a roster's dimension makes room for
// before they are read: a district's 100,000 and more, and 50 MB at most
// for a sheet whose dimension is larger than its rows.
const maxRosterHint = 1 << 17

// eachRosterRow reads the pupils of an open roster table, passing each
// that reads well to each.
func eachRosterRow(t *table, each func(calc.Pupil)) {
	c := t.c
	totals := newColumnTotals(t, []int{rosPaid})
	for !c.full() && t.next() {
		if totals.handle(t, 0) {
			continue
		}
		p := calc.Pupil{
			Src:       t.ref(rosID),
			StartSrc:  t.ref(rosStart),
			EndSrc:    t.ref(rosEnd),
			WaiverSrc: t.ref(rosWaiver),
			PaidSrc:   t.ref(rosPaid),
		}
		ok := true
		if !t.required(rosID) {
			ok = false
		} else if id := t.text(rosID); scientific.MatchString(id) {
			// 学号 of 12 digits or more: Excel shows them so in a General
			// cell and writes them so to a CSV file, the last digits gone.
			t.cellProblem("id-scientific", rosID, id, "是 Excel 用科学计数法显示的长数字，另存为 CSV 时后几位已丢失，分不出是哪位学生；"+
				"请在 Excel 中把学号列设为“文本”格式（或另存为 .xlsx）后重新导出")
			ok = false
		} else {
			// A 学号 is a pupil's identity as a 工号 is a teacher's: what no
			// one sees and every space go before it is compared (issue 21).
			p.ID = t.person(rosID, calc.NormalizeID)
			ok = t.short(rosID, p.ID) && ok
		}
		if name, good := t.requiredName(rosName); good {
			p.Name = name
		} else {
			ok = false
		}
		if class, good := t.requiredName(rosClass); good {
			p.Class = class
		} else {
			ok = false
		}
		if t.has(rosStart) && t.present(rosStart) {
			if d, good := t.date(rosStart); good {
				p.Start = d
			} else {
				ok = false
			}
		}
		if t.has(rosEnd) && t.present(rosEnd) {
			if d, good := t.date(rosEnd); good {
				p.End = d
			} else {
				ok = false
			}
		}
		if t.has(rosWaiver) && t.present(rosWaiver) {
			if w, good := t.waiver(rosWaiver); good {
				p.Waiver = w
			} else {
				ok = false
			}
		}
		if t.has(rosPaid) && t.present(rosPaid) {
			a, good := t.money(rosPaid)
			totals.add(rosPaid, a, good)
			if good {
				p.Paid, p.HasPaid = a, true
			} else {
				ok = false
			}
		}
		if ok {
			each(p)
			t.info.Used++
		}
	}
	if t.info.Used == 0 && len(c.list.Errors()) == 0 {
		c.add(calc.Problem{Code: "no-pupils", Ref: c.ref(0, 0), Msg: "学生名单中没有学生"})
	}
}

// scientific is a number as Excel shows a long one in scientific notation:
// 2.02609E+11.
var scientific = regexp.MustCompile(`^\d(?:\.\d+)?[Ee]\+\d+$`)

// waiver returns field i as a waiver (SPEC 4.2): a percent (`50%` as text
// or a percent cell) or an amount of money (`300`).
func (t *table) waiver(i int) (calc.Waiver, bool) {
	c := t.cur.cells[i]
	isPercent := c.Type == xlsx.CellNumber && t.isPercentStyle(c.Style)
	if c.Type == xlsx.CellString {
		isPercent = strings.HasSuffix(strings.TrimSpace(norm.NFKC.String(c.Value)), "%")
	}
	if isPercent {
		p, ok := t.percent(i)
		return calc.Waiver{Percent: p, IsPercent: true}, ok
	}
	a, ok := t.money(i)
	return calc.Waiver{Amount: a}, ok
}
