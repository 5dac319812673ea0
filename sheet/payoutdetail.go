package sheet

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/calc"
	"kfpay/sheet/internal/xlsx"
)

// ReadPayoutDetail reads back a payout workbook whole, for the slips and the
// bank's batch file: it is read through ReadPayout first, so that it is the
// payout kfpay wrote and its figures are the ones sealed when it was written
// (or, with AcceptEdited, an edited payout the InputFile says was used), and
// then every figure of 发放明细, every record of 扣款明细 and the 更正 sheet of
// a corrected payout are read as the sheets hold them.
func ReadPayoutDetail(ctx context.Context, path string, opts ...PayoutOption) (calc.PaidPayout, InputFile, calc.Problems) {
	var pp calc.PaidPayout
	paid, info, problems := ReadPayout(ctx, path, opts...)
	pp.PaidMonth = paid
	if len(problems.Errors()) > 0 || ctx.Err() != nil {
		return pp, info, problems
	}
	notes, tc := readNotes(ctx, path)
	problems = append(problems, tc.list...)
	pp.School = notes["学校"]
	var ps calc.Problems
	pp.Lines, pp.Total, ps = readPayoutLines(ctx, path)
	problems = append(problems, ps...)
	pp.Events, ps = readPaidEvents(ctx, path)
	problems = append(problems, ps...)
	wb, err := xlsx.Open(path)
	if err == nil {
		hasCorrection := slices.ContainsFunc(wb.Sheets(), func(s xlsx.SheetInfo) bool { return s.Name == sheetCorrection })
		wb.Close()
		if hasCorrection {
			pp.Correction, ps = readCorrection(ctx, path, paid)
			problems = append(problems, ps...)
			// The signed payout it corrects, as 计算说明 names it.
			if m := correctedFrom.FindStringSubmatch(notes["更正"]); m != nil && pp.Correction != nil {
				pp.Correction.Signed = calc.Ref{File: m[1]}
			}
		}
	}
	return pp, info, problems
}

// correctedFrom reads the signed payout's name from the 更正 row of a
// corrected payout's 计算说明.
var correctedFrom = regexp.MustCompile(`^对照已签字的发放表 (.+?)，`)

// The columns of 发放明细 read back whole, as the writer heads them.
const (
	dNo = iota
	dID
	dName
	dLessons
	dLessonPay
	dBreaks
	dSafetyPay
	dShifts
	dAdminHours
	dAdminPay
	dFee
	dPercent
	dDeduction
	dReward
	dNet
)

var payoutDetail = func() schema {
	s := schema{role: "发放表", ownLayout: true}
	for _, h := range payoutHeader[:dNet+1] {
		s.fields = append(s.fields, field{name: strings.ReplaceAll(h, "|", ""), required: true})
	}
	return s
}()

// readPayoutLines reads every person's row of 发放明细 and its 合计 row.
func readPayoutLines(ctx context.Context, path string) (lines []calc.Line, total calc.Line, problems calc.Problems) {
	t, c := openTable(ctx, path, sheetPayout, payoutDetail)
	if t == nil {
		return nil, total, c.list
	}
	defer t.close()
	count := func(i int) decimal.Decimal {
		if strings.TrimSpace(t.cur.cells[i].Value) == "" {
			return decimal.Zero
		}
		d, _ := t.number(i)
		return d
	}
	money := func(i int) decimal.Decimal {
		if strings.TrimSpace(t.cur.cells[i].Value) == "" {
			return decimal.Zero
		}
		d, _ := t.money(i)
		return d
	}
	for !c.full() && t.next() {
		no := t.text(dNo)
		if no == lineCapitals || no == linePaidOn {
			continue
		}
		l := calc.Line{
			Person:  calc.Person{ID: t.text(dID), Name: NormalizeName(t.text(dName))},
			Lessons: count(dLessons), LessonPay: money(dLessonPay),
			Breaks: count(dBreaks), SafetyPay: money(dSafetyPay),
			Shifts: count(dShifts), AdminHours: count(dAdminHours), AdminPay: money(dAdminPay),
			Fee: money(dFee), Deduction: money(dDeduction), Reward: money(dReward), Net: money(dNet),
		}
		if no == "合计" {
			total = l
			continue
		}
		if strings.TrimSpace(t.cur.cells[dPercent].Value) != "" {
			l.Percent, _ = t.percent(dPercent)
		}
		lines = append(lines, l)
	}
	return lines, total, c.list
}

// The columns of 扣款明细 read back whole. A payout lists a reward's
// amount under 金额, or, since the yuan of each record are listed, the
// yuan a record took under 扣除金额 and a reward's under 奖励.
const (
	peDate = iota
	peID
	peName
	peLabel
	pePercent
	peAmount
	peDeducted
	peRewarded
	peStatus
	peNote
)

var eventsDetail = schema{role: "发放表", ownLayout: true, fields: []field{
	peDate:     {name: "日期", required: true},
	peID:       {name: "工号", required: true},
	peName:     {name: "教师", required: true},
	peLabel:    {name: "事项", required: true},
	pePercent:  {name: "比例", required: true},
	peAmount:   {name: "金额"},
	peDeducted: {name: "扣除金额"},
	peRewarded: {name: "奖励"},
	peStatus:   {name: "状态", required: true},
	peNote:     {name: "说明", required: true, note: true},
}}

// readPaidEvents reads every record of 扣款明细; a row with no 状态 (the
// line that says there are none, a 合计 row) is none.
func readPaidEvents(ctx context.Context, path string) ([]calc.PaidEvent, calc.Problems) {
	t, c := openTable(ctx, path, sheetEvents, eventsDetail)
	if t == nil {
		return nil, c.list
	}
	defer t.close()
	var out []calc.PaidEvent
	filled := func(i int) bool { return t.has(i) && strings.TrimSpace(t.cur.cells[i].Value) != "" }
	for !c.full() && t.next() {
		status := t.text(peStatus)
		if status == "" {
			continue
		}
		e := calc.PaidEvent{
			Person: calc.Person{ID: t.text(peID), Name: NormalizeName(t.text(peName))},
			Label:  NormalizeName(t.text(peLabel)),
			Status: calc.Status(status),
			Note:   t.text(peNote),
			Src:    t.ref(peStatus),
		}
		e.Date, _ = t.date(peDate)
		if filled(pePercent) {
			e.Percent, e.HasPercent = t.percent(pePercent)
		}
		for _, i := range []int{peDeducted, peRewarded, peAmount} {
			if filled(i) {
				e.Yuan, e.HasYuan = t.money(i)
				break
			}
		}
		out = append(out, e)
	}
	return out, c.list
}

const (
	coID = iota
	coName
	coPaid
	coDue
	coTopup
	coRecover
	coNote
)

var correctionDetail = schema{role: "发放表", ownLayout: true, fields: []field{
	coID:      {name: "工号", required: true},
	coName:    {name: "教师", required: true},
	coPaid:    {name: "已发金额", required: true},
	coDue:     {name: "应发金额", required: true},
	coTopup:   {name: "补发", required: true},
	coRecover: {name: "扣回", required: true},
	coNote:    {name: "说明", note: true},
}}

// readCorrection reads the 更正 sheet of a corrected payout of month paid:
// each person's 已发, 应发, 补发 and 扣回, and the 合计 row.
func readCorrection(ctx context.Context, path string, paid calc.PaidMonth) (*calc.Correction, calc.Problems) {
	t, c := openTable(ctx, path, sheetCorrection, correctionDetail)
	if t == nil {
		return nil, c.list
	}
	defer t.close()
	co := &calc.Correction{Month: paid.Month, Signed: paid.Src}
	for !c.full() && t.next() {
		if strings.TrimSpace(t.cur.cells[coPaid].Value) == "" {
			continue // the line below the table
		}
		var l calc.CorrectionLine
		l.Person = calc.Person{ID: t.text(coID), Name: NormalizeName(t.text(coName))}
		l.Paid, _ = t.money(coPaid)
		l.Due, _ = t.money(coDue)
		l.Topup, _ = t.money(coTopup)
		l.Recover, _ = t.money(coRecover)
		l.InSigned = !strings.HasPrefix(t.text(coNote), "原发放表中没有")
		l.InPayout = !strings.HasPrefix(t.text(coNote), "更正后不再发放")
		if l.ID == "" && l.Name == "" {
			co.Total = l
			co.Total.Name = "合计"
			continue
		}
		co.Lines = append(co.Lines, l)
	}
	return co, c.list
}
