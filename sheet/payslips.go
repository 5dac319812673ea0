package sheet

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/calc"
	"kfpay/sheet/internal/render"
)

// The slips workbook (工资条, kfpay slips): one strip per teacher, to be cut
// apart and handed out, made from a payout read back (ReadPayoutDetail), so
// that every strip carries the signed figures.
const (
	sheetPaySlips     = "工资条"
	sheetPaySlipNotes = "说明"
)

// SlipsMeta is what the slips workbook records about the run besides the
// strips.
type SlipsMeta struct {
	Version string    // the kfpay version string
	Payout  InputFile // the payout the slips were made from, with its sha256
}

// slipColumn is a column a strip may have: its header as 发放明细 has it,
// and its cell of a line.
type slipColumn struct {
	header string
	cell   func(l calc.Line) (render.Cell, bool) // the cell, and whether it is not zero
}

func slipMoney(d func(calc.Line) decimal.Decimal) func(calc.Line) (render.Cell, bool) {
	return func(l calc.Line) (render.Cell, bool) { return render.Money(d(l)), !d(l).IsZero() }
}

func slipCountCell(d func(calc.Line) decimal.Decimal) func(calc.Line) (render.Cell, bool) {
	return func(l calc.Line) (render.Cell, bool) { return render.Count(d(l)), !d(l).IsZero() }
}

// slipColumns are the figures of 发放明细, in its order, that a strip shows
// when they are not zero; 实发合计 is shown always.
var slipColumns = []slipColumn{
	{"上课|节数", slipCountCell(func(l calc.Line) decimal.Decimal { return l.Lessons })},
	{"上课|补助", slipMoney(func(l calc.Line) decimal.Decimal { return l.LessonPay })},
	{"安全管理|次数", slipCountCell(func(l calc.Line) decimal.Decimal { return l.Breaks })},
	{"安全管理|补助", slipMoney(func(l calc.Line) decimal.Decimal { return l.SafetyPay })},
	{"行政值班|次数", slipCountCell(func(l calc.Line) decimal.Decimal { return l.Shifts })},
	{"行政值班|课时", slipCountCell(func(l calc.Line) decimal.Decimal { return l.AdminHours })},
	{"行政值班|补助", slipMoney(func(l calc.Line) decimal.Decimal { return l.AdminPay })},
	{"绩效服务费", slipMoney(func(l calc.Line) decimal.Decimal { return l.Fee })},
	{"扣除|比例", func(l calc.Line) (render.Cell, bool) { return render.Percent(l.Percent), !l.Percent.IsZero() }},
	{"扣除|金额", slipMoney(func(l calc.Line) decimal.Decimal { return l.Deduction })},
	{"奖励", slipMoney(func(l calc.Line) decimal.Decimal { return l.Reward })},
}

// WriteSlips writes the slips of payout pp to path: one strip per teacher
// of 发放明细 (and, in a corrected payout, per teacher it no longer pays),
// each with a title, its own header row of the columns not zero for that
// teacher, the figures, the reasons of each deduction and reward, and a gap
// to cut along; no strip is split across two pages. A second sheet, 说明,
// names the payout by its sha256. It returns the name a replaced file now
// has.
func WriteSlips(ctx context.Context, path string, pp calc.PaidPayout, meta SlipsMeta, force bool) (backup string, err error) {
	b, err := newBook(ctx, []string{sheetPaySlips, sheetPaySlipNotes}, func(b *render.Book) error {
		if err := writeSlipSheet(b, pp); err != nil {
			return err
		}
		return writeSlipNotes(b, pp, meta)
	})
	if err != nil {
		return "", fmt.Errorf("write slips: %w", err)
	}
	defer b.Close()
	return b.SaveKeeping(path, force)
}

// slipTitle is the title of every strip and of the sheet's pages.
func slipTitle(pp calc.PaidPayout) string {
	return joinNonEmpty(" ", pp.School, pp.Month.Chinese(), "课后服务补助工资条")
}

// The heights of a strip's rows, in points: the figures a little taller
// than a table's rows, for a slip read in the hand; the line to cut along,
// as the families' slips have it.
const (
	slipRowHeight = 22
	slipGap       = 22
)

// writeSlipSheet writes the strips.
func writeSlipSheet(b *render.Book, pp calc.PaidPayout) error {
	if len(pp.Lines) == 0 && (pp.Correction == nil || len(pp.Correction.Lines) == 0) {
		return errors.New("发放表中没有教师，没有工资条可写")
	}
	g := b.Grid(sheetPaySlips)
	title := slipTitle(pp)
	corrected := map[string]calc.CorrectionLine{}
	if pp.Correction != nil {
		for _, l := range pp.Correction.Lines {
			corrected[l.Key()] = l
		}
	}
	// The title and the lines of text of every strip span the columns of
	// the widest: they wrap less, and the strips look alike.
	width := 0
	for _, l := range pp.Lines {
		n := 3 // 工号, 教师, 实发合计
		for _, col := range slipColumns {
			if _, nonzero := col.cell(l); nonzero {
				n++
			}
		}
		width = max(width, n)
	}
	if pp.Correction != nil {
		width += 2 // 已发金额, and 补发 or 扣回
	}
	r := 1
	strip := func(l calc.Line, c *calc.CorrectionLine) {
		headers := []string{}
		cells := []render.Cell{}
		if l.ID != "" {
			headers, cells = append(headers, "工号"), append(cells, render.Center(l.ID))
		}
		headers, cells = append(headers, "教师"), append(cells, render.Text(l.Name))
		for _, col := range slipColumns {
			if cell, nonzero := col.cell(l); nonzero {
				headers, cells = append(headers, col.header), append(cells, cell)
			}
		}
		headers, cells = append(headers, "实发|合计"), append(cells, render.Money(l.Net))
		if c != nil {
			headers, cells = append(headers, "已发|金额"), append(cells, render.Money(c.Paid))
			switch {
			case c.Topup.IsPositive():
				headers, cells = append(headers, "补发"), append(cells, render.Money(c.Topup))
			case c.Recover.IsPositive():
				headers, cells = append(headers, "扣回"), append(cells, render.Money(c.Recover))
			}
		}
		cols := max(len(cells), width)
		first := r
		g.Line(r, cols, render.Bold, title, slipRowHeight)
		g.Header(r+1, headers...)
		g.Row(r+2, false, cells...)
		g.SetHeight(r+2, slipRowHeight)
		r += 3
		reasons := calc.Reasons(pp.Events, l.Person, l.Percent)
		if len(reasons) > 0 {
			g.Line(r, cols, render.Plain, "考核："+strings.Join(reasons, "；"), slipRowHeight)
			r++
		}
		if c != nil {
			g.Line(r, cols, render.Plain, correctionWords(*c, pp.Correction.Signed), slipRowHeight)
			r++
		}
		g.KeepTogether(first, r-1)
		g.CutLine(r, width, "沿虚线剪开", slipGap) // between two strips, to cut along
		r++
	}
	for _, l := range pp.Lines {
		if c, ok := corrected[l.Key()]; ok {
			strip(l, &c)
			delete(corrected, l.Key())
			continue
		}
		strip(l, nil)
	}
	// Whom the corrected payout no longer pays: a strip of what to give back.
	if pp.Correction != nil {
		for _, c := range pp.Correction.Lines {
			if _, left := corrected[c.Key()]; left {
				strip(calc.Line{Person: c.Person}, &c)
			}
		}
	}
	if err := b.PageSetup(sheetPaySlips, render.Page{Landscape: false, Header: title}); err != nil {
		return err
	}
	return g.Finish()
}

// correctionWords says what a corrected payout does for one teacher.
func correctionWords(c calc.CorrectionLine, signed calc.Ref) string {
	was := "更正：原发放表 " + sourceText(signed) + " 已发 " + yuan(c.Paid) + " 元，更正后应发 " + yuan(c.Due) + " 元，"
	switch {
	case c.Topup.IsPositive():
		return was + "补发 " + yuan(c.Topup) + " 元"
	case c.Recover.IsPositive():
		return was + "扣回 " + yuan(c.Recover) + " 元"
	}
	return was + "无变化"
}

// writeSlipNotes writes 说明: which payout the slips were made from, by
// name and sha256, and how to read a strip.
func writeSlipNotes(b *render.Book, pp calc.PaidPayout, meta SlipsMeta) error {
	g := b.Grid(sheetPaySlipNotes)
	g.Header(1, "项目", "内容")
	rows := [][2]string{
		{"学校", pp.School},
		{"月份", pp.Month.Chinese()},
		{"发放表", baseName(meta.Payout.Name) + "；sha256 " + meta.Payout.SHA256},
		{"工资条", fmt.Sprintf("%d 张", SlipCount(pp))},
		{"实发合计", yuan(pp.Total.Net) + " 元"},
		{"说明", "每位教师一条，只列本人不为零的项目；考核一行列出本月每条扣款、奖励的原因。数字取自已签字的发放表（经校验码核对），与发放表不符时以发放表为准。"},
		{"kfpay 版本", meta.Version},
	}
	if meta.Payout.Edited != "" {
		rows = append(rows, [2]string{"注意", "发放表" + meta.Payout.Edited})
	}
	for i, row := range rows {
		g.Row(i+2, false, render.Text(row[0]), render.Text(row[1]))
	}
	g.SetWidth(1, 14)
	g.SetWidth(2, 70)
	if err := b.PageSetup(sheetPaySlipNotes, render.Page{Landscape: false, Repeat: 1, Header: slipTitle(pp) + " 说明"}); err != nil {
		return err
	}
	return g.Finish()
}

// SlipCount is the number of strips of pp: one per teacher of 发放明细,
// and one per teacher a corrected payout no longer pays.
func SlipCount(pp calc.PaidPayout) int {
	n := len(pp.Lines)
	if pp.Correction != nil {
		for _, c := range pp.Correction.Lines {
			if !c.InPayout {
				n++
			}
		}
	}
	return n
}
