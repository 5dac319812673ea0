package sheet

import (
	"fmt"

	"kfpay/calc"
	"kfpay/sheet/internal/render"
)

// The columns of a slip: three pairs of a label and its value, 78 units
// wide, which A4 portrait holds at full size (render: 84 units), so that
// the sentence of a slip takes three or four lines and two slips fit a
// page.
const (
	slipCols       = 6
	slipLabelWidth = 10
	slipValueWidth = 16
)

// slipPage is how the slips print: A4 portrait, two slips to a page, each
// kept whole (render.Grid.KeepTogether).
func slipPage(s *calc.Settlement) render.Page {
	return render.Page{Header: termTitle(s) + " 课后服务费退费通知单"}
}

// writeSlips writes 退费通知单, the families' slips (SPEC 4.5): one per
// pupil, in the order of 学生明细 (classes in roster order, 学号 within a
// class), each a small form with the school, the term, the class, the
// pupil's full name and 学号, the service days and the fee for them, the
// family's own waiver, what it paid, the refund or what it still owes, and
// one sentence of how that was worked out, then the school's seal line and
// a cut line. The class teacher cuts them apart and hands each family its
// own: it is the only place a family's figures leave the bursar's office.
// Each class starts on a new page and no slip is split across two pages.
func writeSlips(b *render.Book, s *calc.Settlement) error {
	g := b.Grid(sheetSlips)
	for col := 1; col <= slipCols; col++ {
		w := float64(slipValueWidth)
		if col%2 == 1 {
			w = slipLabelWidth
		}
		g.SetWidth(col, w)
	}
	r := 1
	for i, l := range s.Pupils {
		from := r
		r = writeSlip(g, s, l, r)
		g.KeepTogether(from, r-1)
		if i > 0 && l.Class != s.Pupils[i-1].Class {
			g.BreakBefore(from)
		}
	}
	if len(s.Pupils) == 0 {
		g.Line(1, slipCols, render.Plain, "学生名单中没有学生。", 20)
	}
	if err := b.PageSetup(sheetSlips, slipPage(s)); err != nil {
		return err
	}
	return g.Finish()
}

// writeSlip writes the slip of pupil l from row r on and returns the row
// after it.
func writeSlip(g *render.Grid, s *calc.Settlement, l calc.PupilLine, r int) int {
	const field = 22 // the height of a row of fields, points
	g.Title(r, slipCols, termTitle(s)+" 课后服务费退费通知单")
	r++
	g.Row(r, false, render.Label("班级"), render.Text(l.Class), render.Label("学号"), render.Text(l.ID),
		render.Label("姓名"), render.Text(l.Name))
	g.SetHeight(r, field)
	r++
	g.Row(r, false, render.Label("服务期间"), render.Center(l.From.String()+" 至 "+l.To.String()), render.Empty(), render.Empty(),
		render.Label("服务天数"), render.Int(l.Days))
	g.Merge(r, 2, 4)
	g.SetHeight(r, field)
	r++
	g.Row(r, false, render.Label(wordGross), render.Money(l.Gross), render.Label(wordWaiver), render.Money(l.Waived),
		render.Label(wordDue), render.Money(l.Due))
	g.SetHeight(r, field)
	r++
	over, overLabel := l.Leaver, wordOver
	if over.IsNegative() {
		over, overLabel = over.Neg(), wordUnder
	}
	g.Row(r, false, render.Label(wordPaid), render.Money(l.PaidAmount), render.Label(overLabel), render.Money(over),
		render.Label(wordShare), render.Money(l.Share))
	g.SetHeight(r, field)
	r++
	result, resultLabel := l.Refund, wordRefund
	if l.Owes() {
		result, resultLabel = result.Neg(), wordOwed
	}
	g.Row(r, true, render.Label(resultLabel), render.Money(result), render.Text("人民币（大写）"+capitalYuan(result)),
		render.Empty(), render.Empty(), render.Empty())
	g.Merge(r, 3, slipCols)
	g.SetHeight(r, field)
	r++
	// A sentence across the slip: the merge, right after its row, lets it
	// wrap across the six columns, and the row grows to hold it.
	across := func(text string) {
		g.Row(r, false, render.Text(text), render.Empty(), render.Empty(), render.Empty(), render.Empty(), render.Empty())
		g.Merge(r, 1, slipCols)
		g.SetHeight(r, field)
		r++
	}
	across("计算方法：" + s.HowWorked(l))
	if note := s.SlipNote(); note != "" {
		across(note)
	}
	g.Line(r, slipCols, render.Bold, fmt.Sprintf("%s（盖章）　　　　　　______年____月____日", s.Rules.School), 30)
	r++
	g.CutLine(r, slipCols, "沿虚线剪开", 22)
	return r + 1
}
