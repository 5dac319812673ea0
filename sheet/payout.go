package sheet

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/shopspring/decimal"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/render"
)

// The sheets of the payout workbook, in their order (SPEC 5).
const (
	sheetPayout     = "发放明细"
	sheetEvents     = "扣款明细"
	sheetNotes      = "计算说明"
	sheetAttendance = "出勤公示"
)

// PayoutMeta is what the payout workbook records about the run besides the
// figures, for 计算说明.
type PayoutMeta struct {
	Version string      // the kfpay version string
	Inputs  []InputFile // every input of the run, the rules file included
	// Correction, when set, adds the 更正 sheet: the month set against its
	// signed payout (payroll --against).
	Correction *calc.Correction
	// PaidOn is the day the money is paid (payroll --paid-on), printed on
	// 发放明细's 发放日期 line; zero leaves the line to fill in by hand.
	PaidOn rules.Date
	// NoRecords says the month was paid without discipline records on
	// purpose (payroll --no-records), which the payout must say: 本月无考核
	// 记录 would claim a file that was never read.
	NoRecords bool

	seal string // the digest of the payout's figures, once worked out
}

// noRecordsText is what the payout says of a month paid with --no-records.
const noRecordsText = "本月未提交考核记录（--no-records）"

// WritePayout writes p as the payout workbook (发放表, SPEC 5) to path:
// 发放明细 for signing, 扣款明细, 计算说明 and 出勤公示. It does not replace an
// existing file unless force is set, and writes the same bytes for the same
// payout and meta. A file it replaces is kept: backup is its new name.
func WritePayout(ctx context.Context, path string, p *calc.Payout, meta PayoutMeta, force bool) (backup string, err error) {
	b, err := buildPayout(ctx, p, meta)
	if err != nil {
		return "", err
	}
	defer b.Close()
	return b.SaveKeeping(path, force)
}

// buildPayout lays out the payout workbook in memory.
func buildPayout(ctx context.Context, p *calc.Payout, meta PayoutMeta) (*render.Book, error) {
	if p == nil || p.Rules == nil {
		return nil, errors.New("write payout: no payout or no rules")
	}
	// Every sheet is there from the start: hiding 校验数据 makes excelize
	// read every sheet, cheap while they are empty, not once the rows of
	// 50,000 teachers have been streamed. The sheet a corrected payout is
	// signed on comes first: the one the workbook opens at.
	sheets := []string{sheetPayout, sheetEvents, sheetNotes, sheetAttendance}
	if meta.Correction != nil {
		sheets = append([]string{sheetCorrection}, sheets...)
	}
	sheets = append(sheets, sheetSeal)
	b, err := newBook(ctx, sheets, func(b *render.Book) error {
		if err := b.HideSheet(sheetSeal); err != nil {
			return err
		}
		return fillPayout(b, p, meta)
	})
	if err != nil {
		return nil, fmt.Errorf("write payout: %w", err)
	}
	return b, nil
}

// newBook makes a workbook in kfpay's styles with the given sheets and lets
// fill write them; ctx stops the writing.
func newBook(ctx context.Context, sheets []string, fill func(*render.Book) error) (*render.Book, error) {
	b, err := render.NewBook(ctx, sheets...)
	if err != nil {
		return nil, err
	}
	if err := fill(b); err != nil {
		_ = b.Close()
		return nil, err
	}
	return b, nil
}

// fillPayout writes the sheets of the payout workbook into the new book b.
// A corrected payout (payroll --against) is signed on its 更正 sheet, for
// what is paid on top or recovered; its 发放明细 shows the corrected
// figures for checking and has nothing to sign, so that no teacher signs
// for the whole month twice.
func fillPayout(b *render.Book, p *calc.Payout, meta PayoutMeta) error {
	seal := payoutSealLines(p, meta)
	// The hidden seal is written first, so that its copy of every figure,
	// as text, is let go early: for 250,000 teachers it is a hundred
	// megabytes (issue 20). The seal sheet is written in the order of the
	// lines while the digest sorts their indices on a goroutine (0.2 s of
	// CPU for 250,000 teachers), which only 计算说明 waits for: 发放明细
	// is laid out meanwhile, its rows kept by no grid (render.Grid.Body),
	// so the seal's text held a little longer no longer raises the peak.
	digest := make(chan string, 1)
	go func() { digest <- sealLinesDigest(seal) }()
	if err := writeSealSheet(b, seal); err != nil {
		return err
	}
	if c := meta.Correction; c != nil {
		if err := writeCorrectionSheet(b, c, p.Rules.School); err != nil {
			return err
		}
	}
	if err := writePayoutSheet(b, p, meta.Correction != nil, meta.PaidOn); err != nil {
		return err
	}
	if err := writeEventsSheet(b, p, meta.NoRecords); err != nil {
		return err
	}
	meta.seal = <-digest
	if err := writeNotesSheet(b, p, meta); err != nil {
		return err
	}
	return writeAttendanceSheet(b, p)
}

// payoutHeader is the header row of 发放明细, in SPEC 5's order, with | where
// a header may break onto a second line (render.Grid.Header).
var payoutHeader = []string{
	"序号", "工号", "教师", "上课|节数", "上课|补助", "安全管理|次数", "安全管理|补助",
	"行政值班|次数", "行政值班|课时", "行政值班|补助", "绩效服务费", "扣除|比例", "扣除|金额",
	"奖励", "实发|合计", "签字",
}

// signFooter is the page footer of a sheet that is signed: the lines for
// who drew it up, checked and approved it. They go in the footer, not in
// cells below 合计: every printed page carries them, and the sheet's rows
// stay one per person for those who read it back (settle, diff).
var signFooter = render.Page{FooterLeft: "制表：__________　审核：__________", FooterRight: "校长：__________"}

// signRowHeight is the height of a row signed by hand: about 10 mm at full
// size; signWidth the width of the 签字 column, about 4 cm.
const (
	signRowHeight = 28
	signWidth     = 22
)

// writePayoutSheet writes 发放明细: a title, the header, one row per person in
// the payout's order, the 合计 row, and below it the total in capitals and
// the day of payment (paidOn, or a line to fill in), as a voucher of money
// paid carries them. The sheet of a corrected payout (corrected) is for
// checking, not signing: its title says so, and it has no 签字 column and no
// signature lines.
func writePayoutSheet(b *render.Book, p *calc.Payout, corrected bool, paidOn rules.Date) error {
	g := b.Grid(sheetPayout)
	header, page := payoutHeader, signFooter
	title := joinNonEmpty(" ", p.Rules.School, p.Month.Chinese(), "课后服务补助发放表")
	if corrected {
		header, page = payoutHeader[:len(payoutHeader)-1], render.Page{}
		title = joinNonEmpty(" ", p.Rules.School, p.Month.Chinese(), "课后服务补助发放表（更正后的数字，供核对，不签字；签字见“"+sheetCorrection+"”）")
	}
	// A payout made with warnings says so by its title; the page header
	// keeps the plain title.
	g.Title(1, len(header), title+calc.WarningsNote(p.Warnings.WarningCount()))
	g.Header(2, header...)
	// A row per teacher, made when the grid measures it and again when it
	// writes it: the grid keeps no teacher's cells (issue 20).
	height := 0.0
	if !corrected {
		height = signRowHeight
	}
	g.Body(3, len(p.Lines), func(i int, row []render.Cell) ([]render.Cell, float64) {
		l := &p.Lines[i]
		row = append(row, render.CenterInt(i+1), render.Center(l.ID), render.Text(l.Name))
		return payoutFigures(row, *l, render.Percent(l.Percent), !corrected), height
	})
	row := make([]render.Cell, 0, len(payoutHeader))
	// A percent of the whole school means nothing: the total row leaves it empty.
	total := 3 + len(p.Lines)
	g.Row(total, true, payoutFigures(append(row[:0], render.Center("合计"), render.Empty(), render.Empty()),
		p.Total, render.Empty(), !corrected)...)
	g.Merge(total, 1, 3)
	g.SetHeight(total, signRowHeight)
	words, err := capitalsLine(p.Total.Net)
	if err != nil {
		return err
	}
	formLine(g, total+1, len(header), lineCapitals, words)
	formLine(g, total+2, len(header), linePaidOn, paidOnText(paidOn))
	// No page holds the 合计 row alone, nor the lines below it.
	g.KeepTogether(total-1, total+2)
	if !corrected {
		g.SetWidth(len(header), signWidth)
	}
	if err := b.FreezeRows(sheetPayout, 2); err != nil {
		return err
	}
	page.Landscape, page.Repeat, page.Header = true, 2, title
	if err := b.PageSetup(sheetPayout, page); err != nil {
		return err
	}
	return g.Finish()
}

// The labels of the lines below 发放明细's 合计 row, in its 序号 column.
const (
	lineCapitals = "合计（大写）"
	linePaidOn   = "发放日期"
)

// paidOnBlank is the 发放日期 left to be written by hand.
const paidOnBlank = "______年____月____日"

// paidOnText is the day of payment as 发放明细 shows it.
func paidOnText(d rules.Date) string {
	if d.IsZero() {
		return paidOnBlank
	}
	return d.Chinese()
}

// capitalsLine is an amount as a voucher writes it in capitals, 人民币 right
// before it (会计基础工作规范 第五十二条: no space between): 人民币贰仟肆佰贰拾
// 叁元整.
func capitalsLine(d decimal.Decimal) (string, error) {
	w, err := calc.AmountInWords(d)
	if err != nil {
		return "", fmt.Errorf("合计 %s 写不出大写：%w", d.StringFixed(2), err)
	}
	return "人民币" + w, nil
}

// formLine writes a line of a form below a table in row r: its label in
// the first three columns, merged, and its text in the others to cols,
// bordered as the table is.
func formLine(g *render.Grid, r, cols int, label, text string) {
	cells := []render.Cell{render.Center(label), render.Empty(), render.Empty(), render.Text(text)}
	for len(cells) < cols {
		cells = append(cells, render.Empty())
	}
	g.Row(r, false, cells...)
	g.Merge(r, 1, 3)
	g.Merge(r, 4, cols)
	g.SetHeight(r, signRowHeight)
}

// payoutFigures appends to cells those of a 发放明细 row from 上课节数 to
// 实发合计, and the empty 签字 cell when sign is set.
func payoutFigures(cells []render.Cell, l calc.Line, percent render.Cell, sign bool) []render.Cell {
	cells = append(cells,
		render.Count(l.Lessons), render.Money(l.LessonPay),
		render.Count(l.Breaks), render.Money(l.SafetyPay),
		render.Count(l.Shifts), render.Count(l.AdminHours), render.Money(l.AdminPay),
		render.Money(l.Fee), percent, render.Money(l.Deduction), render.Money(l.Reward),
		render.Money(l.Net),
	)
	if sign {
		cells = append(cells, render.Empty())
	}
	return cells
}

// eventsHeader is the header row of 扣款明细 (SPEC 5, amended by issue 17):
// what a record is (日期 to 比例), the yuan it took or added under the
// headers 发放明细 totals them under (扣除金额, 奖励), what became of it and
// how its yuan were worked out (状态, 计算), and where it came from.
var eventsHeader = []string{"日期", "工号", "教师", "事项", "比例", "扣除|金额", "奖励", "状态", "计算", "来源", "说明"}

// writeEventsSheet writes 扣款明细: one row per discipline record, in the
// payout's order, with what became of it and the yuan it took or added,
// then a 合计 row whose 扣除金额 and 奖励 are those of 发放明细's 合计.
func writeEventsSheet(b *render.Book, p *calc.Payout, noRecords bool) error {
	g := b.Grid(sheetEvents)
	g.Header(1, eventsHeader...)
	deducted, rewarded := decimal.Zero, decimal.Zero
	for i, e := range p.Events {
		percent, deduction, reward := render.Empty(), render.Empty(), render.Empty()
		if !e.Event.Reward || e.HasPercent {
			percent = render.Percent(e.Percent)
		}
		switch e.Status {
		case calc.Rewarded:
			reward = render.Money(e.Yuan)
			rewarded = rewarded.Add(e.Yuan)
		case calc.Deducted, calc.NoEffect:
			deduction = render.Money(e.Yuan)
			deducted = deducted.Add(e.Yuan)
		}
		// A term record's yuan are not known until the term is settled:
		// its 扣除金额 stays empty, and 状态 says why.
		g.Row(i+2, false,
			render.Date(e.Date), render.Text(e.Person.ID), render.Text(e.Person.Name),
			render.Text(e.Label), percent, deduction, reward, render.Center(string(e.Status)),
			render.Text(e.Working()), render.Text(sourceText(e.Src)), render.Text(e.Note))
	}
	if len(p.Events) == 0 {
		none := "本月无考核记录"
		if noRecords {
			none = noRecordsText
		}
		g.Row(2, false, render.Text(none))
		g.Merge(2, 1, len(eventsHeader))
	} else {
		total := len(p.Events) + 2
		g.Row(total, true, render.Center("合计"), render.Empty(), render.Empty(), render.Empty(), render.Empty(),
			render.Money(deducted), render.Money(rewarded), render.Empty(), render.Empty(), render.Empty(), render.Empty())
		g.Merge(total, 1, 5)
		g.KeepTogether(total-1, total)
	}
	if err := b.FreezeRows(sheetEvents, 1); err != nil {
		return err
	}
	if err := b.PageSetup(sheetEvents, render.Page{Landscape: true, Repeat: 1, Header: joinNonEmpty(" ", p.Rules.School, p.Month.Chinese(), "考核扣款明细")}); err != nil {
		return err
	}
	return g.Finish()
}

// writeNotesSheet writes 计算说明: the rules and the admin pool chain behind
// the figures, and the files they came from, as 项目 and 内容. It holds no
// clock time and no path, only base names, so it diffs clean from month to
// month.
func writeNotesSheet(b *render.Book, p *calc.Payout, meta PayoutMeta) error {
	g := b.Grid(sheetNotes)
	g.Header(1, "项目", "内容")
	r := 2
	add := func(item string, content render.Cell) {
		g.Row(r, false, render.Text(item), content)
		r++
	}
	text := func(item, content string) { add(item, render.Text(content)) }

	ru := p.Rules
	text("学校", ru.School)
	text("月份", p.Month.Chinese())
	text("警告", calc.WarningsText(p.Warnings.WarningCount()))
	text("规则文件", baseName(ru.Source))
	text("规则文件 sha256", ru.SHA256)
	text(noteRules, calc.VersionText(ru))
	if !ru.Version.IsBase() {
		text("本版本变更", strings.Join(ru.Version.Sets, "；"))
	}
	approved := strings.TrimSpace(ru.Approved)
	if approved == "" {
		approved = rules.Unapproved // 篇三: 需经学校教代会讨论通过后执行
	}
	text("规则审批", approved)
	if p.Unapproved {
		text("注意", calc.UnapprovedNotice)
	}
	text("上课补助标准", yuan(ru.Rates.Lesson)+" 元/节")
	text("安全管理补助标准", yuan(ru.Rates.Safety)+" 元/课间")

	a := p.Admin
	text("行政值班计算方式", a.ModeText())
	for _, n := range a.Notes() {
		switch n.Kind {
		case calc.NoteMoney:
			add(n.Item, render.Money(n.Value))
		case calc.NoteCount:
			add(n.Item, render.Count(n.Value))
		default:
			text(n.Item, n.Text)
		}
	}

	text("绩效服务费", calc.PerformanceText(ru.Performance))
	if p.Placeholder {
		text("注意", calc.PlaceholderNotice(ru.Performance))
	}
	text("扣除计算", calc.DeductionText)
	text("逐条扣款", calc.ShareText)
	for _, ev := range ru.Events {
		text("考核："+ev.Label, calc.EventText(ev))
	}
	if meta.NoRecords {
		text("考核记录", noRecordsText+"：本月没有扣款和奖励")
	}
	if len(p.Idle) > 0 {
		names := make([]string, len(p.Idle))
		for i, m := range p.Idle {
			names[i] = m.Name + "（" + m.ID + "）"
		}
		text("本月无课时", fmt.Sprintf("教师名单上的 %d 人本月没有课时登记，不在发放明细中：%s", len(p.Idle), strings.Join(names, "、")))
	}

	if c := meta.Correction; c != nil {
		text("更正", "对照已签字的发放表 "+sourceText(c.Signed)+"，见“更正”工作表")
		if c.SignedSeal != "" {
			text(noteSignedSeal, sealDigestName+" "+c.SignedSeal)
		}
		add("补发合计", render.Money(c.Total.Topup))
		add("扣回合计", render.Money(c.Total.Recover))
	}

	text("kfpay 版本", meta.Version)
	for _, in := range meta.Inputs {
		text("输入文件（"+in.Role+"）", inputText(in))
	}
	// The warnings, each at its cell, the first of them for a log that
	// warns on every row. A warning names its file by the input's role (课时登记 9月!E3), as
	// the rows above name the files: a corrected log under a new name then
	// does not change every warning's line in a diff of two payouts.
	role := map[string]string{}
	for _, in := range meta.Inputs {
		role[baseName(in.Name)] = in.Role
	}
	listed := p.Warnings[:min(len(p.Warnings), calc.MaxListedWarnings)]
	for i, w := range listed {
		w.Ref.File = baseName(w.Ref.File)
		if r, ok := role[w.Ref.File]; ok {
			w.Ref.File = r
		}
		text(fmt.Sprintf("警告 %d", i+1), w.Error())
	}
	if rest := p.Warnings.WarningCount() - listed.WarningCount(); rest > 0 {
		text("其余警告", fmt.Sprintf("另有 %d 处警告未在此列出", rest))
	}
	text(noteSeal, sealDigestName+" "+meta.seal)
	text(noteSealAbout, sealAbout)

	// Fixed widths that fit portrait A4 at 89%, 9.8 pt; longer text wraps.
	g.SetWidth(1, 32)
	g.SetWidth(2, 60)
	if err := b.FreezeRows(sheetNotes, 1); err != nil {
		return err
	}
	if err := b.PageSetup(sheetNotes, render.Page{Landscape: false, Repeat: 1, Header: joinNonEmpty(" ", ru.School, p.Month.Chinese(), "课后服务补助计算说明")}); err != nil {
		return err
	}
	return g.Finish()
}

// writeAttendanceSheet writes 出勤公示, the monthly attendance notice of 篇一,
// laid out to be posted: a title with the school, per teacher the sessions,
// breaks, admin shifts and the count of each event kind of the rules, then
// what the figures are and the lines for who posts it and when. It is set
// in the type of a notice, to be read from a step away, over as many pages
// as the teachers take, each with the title and the header; an event count
// of 0 shows blank so that the few records stand out.
func writeAttendanceSheet(b *render.Book, p *calc.Payout) error {
	g := b.Grid(sheetAttendance)
	header := []string{"序号", "工号", "教师", "上课|节数", "安全管理|次数", "行政值班|次数"}
	for _, ev := range p.Rules.Events {
		header = append(header, labelWords(ev.Label))
	}
	cols := len(header)
	title := joinNonEmpty(" ", p.Rules.School, p.Month.Chinese(), "课后服务出勤公示")
	g.Title(1, cols, title)
	g.Header(2, header...)
	// A row per teacher, made when measured and again when written (issue 20).
	g.Body(3, len(p.Lines), func(i int, cells []render.Cell) ([]render.Cell, float64) {
		l := &p.Lines[i]
		cells = append(cells,
			render.CenterInt(i+1), render.Center(l.ID), render.Text(l.Name),
			render.Count(l.Lessons).As(render.KindCountCenter), render.Count(l.Breaks).As(render.KindCountCenter),
			render.Count(l.Shifts).As(render.KindCountCenter),
		)
		for k := range p.Rules.Events {
			n := 0
			if k < len(l.EventCounts) {
				n = l.EventCounts[k]
			}
			cells = append(cells, render.Int(n).As(render.KindCountBlank))
		}
		return cells, 0
	})
	// The notes go below the teachers: the rows repeated on every page are
	// the title and the header alone.
	r := 3 + len(p.Lines) + 1
	g.Line(r, cols, render.Plain, fmt.Sprintf("以上为%s课后服务出勤情况：上课节数、安全管理次数、行政值班次数，以及各项考核记录的次数（空白为没有）。如有异议，请在公示期内向学校课后服务管理小组反映。", p.Month.Chinese()), 24)
	g.Line(r+1, cols, render.Bold, joinNonEmpty("　", p.Rules.School, "公示日期：______年____月____日　　公示期至：______年____月____日"), 24)
	// The notes and the date stay with the last three teachers: a notice's
	// last page does not hold one teacher alone.
	g.KeepTogether(max(3, r-4), r+1)
	if err := b.FreezeRows(sheetAttendance, 2); err != nil {
		return err
	}
	if err := b.PageSetup(sheetAttendance, render.Page{Notice: true, Landscape: true, Repeat: 2, Header: title}); err != nil {
		return err
	}
	return g.Finish()
}

// labelWords marks where a header made of a rule's label may break: a
// label of Chinese characters in pairs (交接违规, 重大安全事故) between its
// two-character words, the usual shape of such terms; any other whole.
func labelWords(label string) string {
	rs := []rune(label)
	if len(rs) < 4 || len(rs)%2 != 0 {
		return label
	}
	for _, r := range rs {
		if !unicode.Is(unicode.Han, r) {
			return label
		}
	}
	var words []string
	for i := 0; i < len(rs); i += 2 {
		words = append(words, string(rs[i:i+2]))
	}
	return strings.Join(words, "|")
}

// inputText describes one input file for 计算说明: its name, the sheet read
// (or a CSV file's encoding), the layout and the row counts, and its sha256.
func inputText(in InputFile) string {
	parts := []string{baseName(in.Name)}
	if in.Table() {
		parts = append(parts, in.Source())
	}
	if in.Layout != "" {
		parts = append(parts, in.Layout)
	}
	// Row counts belong to workbooks; the rules file has none.
	if in.Table() {
		counts := fmt.Sprintf("读取 %d 行，使用 %d 行，跳过空行 %d 行", in.Rows, in.Used, in.Empty)
		if in.Other > 0 {
			counts += fmt.Sprintf("，合计行、签字行等非数据行 %d 行", in.Other)
		}
		parts = append(parts, counts)
	}
	parts = append(parts, "sha256 "+in.SHA256)
	if in.Edited != "" {
		parts = append(parts, in.Edited)
	}
	return strings.Join(parts, "；")
}

// sourceText is where a record came from, `考核记录.xlsx 9月!D17`, with the
// file's base name only.
func sourceText(r calc.Ref) string {
	r.File = baseName(r.File)
	return r.String()
}

// yuan formats an amount with two decimals: 20.00.
func yuan(d decimal.Decimal) string { return d.StringFixed(2) }

// baseName keeps only the last element of a path, of either separator, so
// that no machine path reaches an output file.
func baseName(s string) string {
	if s == "" {
		return ""
	}
	return filepath.Base(strings.ReplaceAll(s, `\`, "/"))
}

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, s := range parts {
		if s != "" {
			kept = append(kept, s)
		}
	}
	return strings.Join(kept, sep)
}
