package sheet

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"

	"kfpay/calc"
	"kfpay/rules"
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

// maxSlipBreaks is the most manual page breaks kfpay puts on one sheet of
// slips. Excel keeps at most 1,026 per sheet ("Page breaks per sheet: 1,026
// horizontal and vertical"; MS-XLSB says 1,023) and drops the rest, so
// that a school of more than about 2,700 pupils would print slips cut in
// two: a little under either leaves no doubt.
const maxSlipBreaks = 1000

// writeSlips writes 退费通知单, the families' slips (SPEC 4.5): one per
// pupil, in the order of 学生明细 (classes in roster order, 学号 within a
// class), each a small form with the school, the term, the class, the
// pupil's full name and 学号, the service days and the fee for them, the
// family's own waiver, what it paid, the refund or what it still owes, and
// one sentence of how that was worked out, then the school's seal line and
// a cut line. The class teacher cuts them apart and hands each family its
// own: it is the only place a family's figures leave the bursar's office.
// Each class starts on a new page and no slip is split across two pages.
//
// A school whose slips need more than maxSlipBreaks page breaks gets a
// sheet for each run of classes that stays under it, split between
// classes and named by the classes it holds (一(1)班至三(2)班), so that a
// class teacher finds the class's pages by the tab; the book is made with
// the one sheet 退费通知单, which the first such sheet renames. A school
// under the limit gets the one sheet 退费通知单, as it always did.
func writeSlips(b *render.Book, s *calc.Settlement) error {
	if len(s.Pupils) == 0 {
		g := slipGrid(b, sheetSlips)
		g.Line(1, slipCols, render.Plain, "学生名单中没有学生。", 20)
		if err := b.PageSetup(sheetSlips, slipPage(s)); err != nil {
			return err
		}
		return g.Finish()
	}
	page := slipPage(s)
	// The classes, each laid out on a grid of its own to count its pages
	// (a class starts a page, so its pages do not depend on the others),
	// go onto the sheet being filled while it has room; a full sheet is
	// written and its rows let go before the next is filled, so that only
	// one sheet's grid is held.
	var group []slipRun
	used, sheets := 0, 0
	seen := map[string]bool{}
	flush := func(last bool) error {
		name := sheetSlips
		if !last || sheets > 0 {
			name = slipSheetName(s, group[0], group[len(group)-1])
			if !validSheetName(name) || seen[strings.ToLower(name)] {
				name = fmt.Sprintf("%s%d", sheetSlips, sheets+1)
			}
			seen[strings.ToLower(name)] = true
			var err error
			if sheets == 0 {
				err = b.RenameSheet(sheetSlips, name)
			} else {
				err = b.AddSheet(name)
			}
			if err != nil {
				return err
			}
		}
		sheets++
		g := slipGrid(b, name)
		rows, texts := 0, 0
		for _, run := range group {
			r, t := run.g.Size()
			rows, texts = rows+r, texts+t
		}
		g.Grow(rows, texts)
		for i, run := range group {
			if at := g.Append(run.g); i > 0 && s.Pupils[run.from].Class != s.Pupils[group[i-1].from].Class {
				g.BreakBefore(at)
			}
		}
		group, used = group[:0], 0
		if err := b.PageSetup(name, page); err != nil {
			return err
		}
		return g.Finish()
	}
	// The classes are laid out on a goroutine of their own, a few ahead
	// of the sheet being filled, so that a second core lays out the next
	// classes while this one writes a full sheet (issue 20: of the
	// slips' 1.9 s of CPU for 100,000 pupils, 1.3 s is laying out).
	laid := make(chan laidClass, slipsAhead)
	stop := make(chan struct{})
	defer close(stop)
	go layOutClasses(b, s, page, laid, stop)
	for c := range laid {
		if c.panicked != nil {
			panic(c.panicked) // a bug in kfpay, for run's recover to report
		}
		if c.err != nil {
			return c.err
		}
		for _, run := range c.runs {
			if len(group) > 0 && used+run.pages > maxSlipBreaks+1 {
				if err := flush(false); err != nil {
					return err
				}
			}
			group = append(group, run)
			used += run.pages
		}
	}
	return flush(true)
}

// slipsAhead is how many classes' slips are laid out ahead of the sheet
// being written: a few hundred kilobytes of grids.
const slipsAhead = 8

// laidClass is one class's slips as layOutClasses laid them out, or the
// error or panic that stopped it.
type laidClass struct {
	runs     []slipRun
	err      error
	panicked any
}

// layOutClasses lays out the slips of each class of s in turn (classSlips)
// and sends them to out, in the order of s.Pupils, until the last class,
// an error, or stop. It reads s and makes grids of b's, but writes nothing
// to b: a grid is only written to its book by Finish.
func layOutClasses(b *render.Book, s *calc.Settlement, page render.Page, out chan<- laidClass, stop <-chan struct{}) {
	defer close(out)
	send := func(c laidClass) bool {
		select {
		case out <- c:
			return true
		case <-stop:
			return false
		}
	}
	defer func() {
		if r := recover(); r != nil {
			send(laidClass{panicked: r})
		}
	}()
	for from := 0; from < len(s.Pupils); {
		to := from + 1
		for to < len(s.Pupils) && s.Pupils[to].Class == s.Pupils[from].Class {
			to++
		}
		runs, err := classSlips(b, s, page, from, to)
		if !send(laidClass{runs: runs, err: err}) || err != nil {
			return
		}
		from = to
	}
}

// slipGrid starts the grid of a sheet of slips: its six columns.
func slipGrid(b *render.Book, sheet string) *render.Grid {
	g := b.Grid(sheet)
	for col := 1; col <= slipCols; col++ {
		w := float64(slipValueWidth)
		if col%2 == 1 {
			w = slipLabelWidth
		}
		g.SetWidth(col, w)
	}
	return g
}

// writeSlipRun writes the slips of pupils from row 1 on, each kept on one
// page, each class from a new page.
func writeSlipRun(g *render.Grid, s *calc.Settlement, pupils []calc.PupilLine) {
	words := newSlipWords(s)
	r := 1
	for i, l := range pupils {
		from := r
		r = writeSlip(g, s, words, l, r)
		g.KeepTogether(from, r-1)
		if i > 0 && l.Class != pupils[i-1].Class {
			g.BreakBefore(from)
		}
	}
}

// slipRows and slipTexts are the most rows and texts a slip takes (the
// note of a surplus is one more of each), for Grow: a class's grid is made
// the size of its slips at once, not doubled as they are written.
const (
	slipRows  = 10
	slipTexts = 22
)

// slipRun is a run of one class's slips, s.Pupils[from:to], laid out on a
// grid of their own, and the pages they print on: a whole class, or a part
// of one too big for a sheet.
type slipRun struct {
	from, to int
	pages    int
	part     int // 0 for a whole class, else which part
	g        *render.Grid
}

// classSlips lays out the slips of one class, s.Pupils[from:to], and counts
// their pages. A class that alone needs more than a sheet holds (2,000
// pupils) is cut between slips into parts of equal numbers of slips that
// each fit one.
func classSlips(b *render.Book, s *calc.Settlement, page render.Page, from, to int) ([]slipRun, error) {
	for k := 1; ; k++ {
		var parts []slipRun
		for i := range k {
			a, z := from+(to-from)*i/k, from+(to-from)*(i+1)/k
			g := slipGrid(b, sheetSlips)
			g.Grow((z-a)*slipRows, (z-a)*slipTexts)
			writeSlipRun(g, s, s.Pupils[a:z])
			n, err := g.Pages(page)
			if err != nil {
				return nil, err
			}
			if n > maxSlipBreaks+1 {
				parts = nil
				break
			}
			part := 0
			if k > 1 {
				part = i + 1
			}
			parts = append(parts, slipRun{a, z, n, part, g})
		}
		if parts != nil {
			return parts, nil
		}
	}
}

// slipSheetName names a sheet of slips by the classes it holds: 一(1)班,
// or 一(1)班至三(2)班, a part of a class cut in parts as 一(1)班-2.
func slipSheetName(s *calc.Settlement, first, last slipRun) string {
	name := func(r slipRun) string {
		c := s.Pupils[r.from].Class
		if r.part > 0 {
			c += "-" + strconv.Itoa(r.part)
		}
		return c
	}
	if first == last {
		return name(first)
	}
	return name(first) + "至" + name(last)
}

// validSheetName says whether Excel takes name as a sheet's name: 1 to 31
// characters (UTF-16 units), none of : \ / ? * [ ], not starting or ending
// with an apostrophe, not History.
func validSheetName(name string) bool {
	if name == "" || len(utf16.Encode([]rune(name))) > 31 || strings.ContainsAny(name, `:\/?*[]`) ||
		strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'") || strings.EqualFold(name, "History") {
		return false
	}
	return true
}

// slipWords are the texts that every slip of a settlement has, made once
// for a class's slips, not once a slip.
type slipWords struct {
	title  string // the slip's title
	note   string // SlipNote, or ""
	seal   string // the school's seal line
	period string // the service period of a pupil there the whole term
	start  rules.Date
	end    rules.Date
}

func newSlipWords(s *calc.Settlement) *slipWords {
	t := s.Rules.Term
	return &slipWords{
		title:  termTitle(s) + " 课后服务费退费通知单",
		note:   s.SlipNote(),
		seal:   fmt.Sprintf("%s（盖章）　　　　　　______年____月____日", s.Rules.School),
		period: t.Start.String() + " 至 " + t.End.String(),
		start:  t.Start,
		end:    t.End,
	}
}

// writeSlip writes the slip of pupil l from row r on and returns the row
// after it.
func writeSlip(g *render.Grid, s *calc.Settlement, words *slipWords, l calc.PupilLine, r int) int {
	const field = 22 // the height of a row of fields, points
	g.Title(r, slipCols, words.title)
	r++
	g.Row(r, false, render.Label("班级"), render.Text(l.Class), render.Label("学号"), render.Text(l.ID),
		render.Label("姓名"), render.Text(l.Name))
	g.SetHeight(r, field)
	r++
	period := words.period
	if l.From != words.start || l.To != words.end {
		period = l.From.String() + " 至 " + l.To.String()
	}
	g.Row(r, false, render.Label("服务期间"), render.Center(period), render.Empty(), render.Empty(),
		render.Label("服务天数"), render.Int(l.Days))
	g.Merge(r, 2, 4)
	g.SetHeight(r, field)
	r++
	g.Row(r, false, render.Label(wordGross), fen(l.Gross), render.Label(wordWaiver), fen(l.Waived),
		render.Label(wordDue), fen(l.Due))
	g.SetHeight(r, field)
	r++
	over, overLabel := l.Leaver, wordOver
	if over.IsNegative() {
		over, overLabel = over.Neg(), wordUnder
	}
	g.Row(r, false, render.Label(wordPaid), fen(l.PaidAmount), render.Label(overLabel), fen(over),
		render.Label(wordShare), fen(l.Share))
	g.SetHeight(r, field)
	r++
	result, resultLabel := l.Refund, wordRefund
	if l.Owes() {
		result, resultLabel = result.Neg(), wordOwed
	}
	g.Row(r, true, render.Label(resultLabel), fen(result), render.Text("人民币（大写）"+capitalYuan(result.Decimal())),
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
	if words.note != "" {
		across(words.note)
	}
	g.Line(r, slipCols, render.Bold, words.seal, 30)
	r++
	g.CutLine(r, slipCols, "沿虚线剪开", 22)
	return r + 1
}
