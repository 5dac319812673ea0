package sheet

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/render"
)

// Layout is the shape of a session log template: one of the three layouts
// of SPEC 2.1a that the reader tells apart by the header row.
type Layout string

const (
	LayoutLog     Layout = "log"     // one row per entry (SPEC 2.1)
	LayoutGrid    Layout = "grid"    // a daily grid of one month (考勤表)
	LayoutSummary Layout = "summary" // a monthly summary per person
)

// Template is one template workbook of `kfpay init`.
type Template struct {
	Name string // the file name, e.g. 课时登记.xlsx
	Role string // what the bursar keeps in it, e.g. 每月的课时登记
	b    *render.Book
}

// Save writes t to path. It never replaces an existing file: a template
// written over a filled-in workbook would lose a month of work.
func (t *Template) Save(path string) error { return t.b.Save(path, false) }

// File is t as the output file at path, for WriteFiles to write with the
// others, all or none.
func (t *Template) File(path string) File { return t.b.Output(path) }

// Close frees the workbook.
func (t *Template) Close() error { return t.b.Close() }

// Templates lays out the template workbooks for rules r, in the order init
// writes them: the session log in the given layout, the discipline records,
// the staff list, the roster and the expenses. Their headers are exactly those the readers
// look for, and their drop-down lists hold the labels of r, so that a
// workbook filled in from them reads without edits. A daily grid or a
// monthly summary is for month m (a grid has its days); the other templates
// serve any month. The caller closes them.
func Templates(r *rules.Rules, layout Layout, m rules.Month) ([]*Template, error) {
	var out []*Template
	specs := []templateSpec{recordsTemplate(r, nil), staffTemplate(r), rosterTemplate(r), expensesTemplate(r)}
	var counts *render.CountSheet
	switch layout {
	case LayoutLog, "":
		specs = append([]templateSpec{logTemplate(r, nil)}, specs...)
	case LayoutGrid:
		counts = gridTemplate(r, m)
	case LayoutSummary:
		counts = summaryTemplate(r, m)
	default:
		return nil, fmt.Errorf("no session log template for layout %q", layout)
	}
	if counts != nil {
		what := map[Layout]string{LayoutGrid: "的按日考勤表", LayoutSummary: "的月度汇总表"}[layout]
		b, err := counts.Book(context.Background())
		if err != nil {
			return nil, err
		}
		out = append(out, &Template{Name: "课时登记-" + m.String() + ".xlsx", Role: m.Chinese() + what, b: b})
	}
	for _, s := range specs {
		b, err := buildTemplate(s)
		if err != nil {
			for _, t := range out {
				_ = t.Close()
			}
			return nil, fmt.Errorf("template %s: %w", s.file, err)
		}
		out = append(out, &Template{Name: s.file, Role: s.role, b: b})
	}
	return out, nil
}

// MonthTemplates lays out the two workbooks of month m for a term folder
// that init has made already: the session log in the given layout and the
// discipline records, named for the month (课时登记-2026-10.xlsx,
// 考核记录-2026-10.xlsx), with their titles, examples and notes for it. The
// caller closes them.
func MonthTemplates(r *rules.Rules, layout Layout, m rules.Month) ([]*Template, error) {
	var out []*Template
	fail := func(err error) ([]*Template, error) {
		for _, t := range out {
			_ = t.Close()
		}
		return nil, err
	}
	var specs []templateSpec
	switch layout {
	case LayoutLog, "":
		specs = append(specs, logTemplate(r, &m))
	case LayoutGrid, LayoutSummary:
		counts := gridTemplate(r, m)
		what := "的按日考勤表"
		if layout == LayoutSummary {
			counts, what = summaryTemplate(r, m), "的月度汇总表"
		}
		b, err := counts.Book(context.Background())
		if err != nil {
			return nil, err
		}
		out = append(out, &Template{Name: monthFile("课时登记", m), Role: m.Chinese() + what, b: b})
	default:
		return nil, fmt.Errorf("no session log template for layout %q", layout)
	}
	specs = append(specs, recordsTemplate(r, &m))
	for _, s := range specs {
		b, err := buildTemplate(s)
		if err != nil {
			return fail(fmt.Errorf("template %s: %w", s.file, err))
		}
		out = append(out, &Template{Name: s.file, Role: s.role, b: b})
	}
	return out, nil
}

// monthFile is the name of a month's workbook: 课时登记-2026-10.xlsx.
func monthFile(what string, m rules.Month) string { return what + "-" + m.String() + ".xlsx" }

// LayoutOf tells the layout the session log at path is kept in by its
// header row, as ReadSessions tells them apart, without reading its rows:
// init makes a month's log in the layout of the months before it. It
// returns false when path is no session log it can read.
func LayoutOf(ctx context.Context, path string, r *rules.Rules) (Layout, bool) {
	t, _ := openSheet(ctx, path, "", sessionLog.role)
	if t == nil {
		return "", false
	}
	defer t.close()
	summary := summarySchema(r)
	top := t.top()
	for i, b := range top {
		if _, ok := sessionLog.match(b.cells); ok {
			return LayoutLog, true
		}
		if _, ok := summary.match(b.cells); ok {
			return LayoutSummary, true
		}
		if _, _, ok := matchGrid(b.cells, rowAbove(top, i), t.wb); ok {
			return LayoutGrid, true
		}
	}
	return "", false
}

// templateSpec describes one template workbook: its data sheet and what
// its 说明 sheet says.
type templateSpec struct {
	file   string // 课时登记.xlsx
	role   string // a short phrase for init's listing
	sheet  string // the data sheet
	title  string // the title row above the header
	schema schema // the reader's columns: the template has every one, in order
	cols   map[string]templateColumn
	notes  []string // general advice below the column table of 说明
}

// templateColumn is how one column of a template is formatted, offered and
// explained.
type templateColumn struct {
	width   float64
	format  render.Kind // the number format a cell typed in the column takes
	choices []string    // a drop-down list; nil for free input
	need    string      // 必填 or 选填, or when it is needed
	help    string      // how to fill it in
	example render.Cell // the example entry's value, shown in 说明
}

// dataRow is the first row of data below the title and the header.
const dataRow = 3

// logTemplate describes 课时登记.xlsx, the log with one row per entry, to
// be copied for each month; or, for month m, that month's
// 课时登记-2026-10.xlsx.
func logTemplate(r *rules.Rules, m *rules.Month) templateSpec {
	kinds := kindList(r)
	count := "正数，这一行的节数（安全管理填课间次数，行政值班填值班次数）"
	if step := r.Sessions.CountStep; !step.Equal(decimal.NewFromInt(1)) {
		count = fmt.Sprintf("正数，须为 %s 的整数倍；这一行的节数或次数", step)
	}
	first := firstServiceDay(r.Term)
	file, role, title := "课时登记.xlsx", "每月的课时登记（每月复制一份）", joinNonEmpty(" ", r.School, "课后服务课时登记表")
	howTo := fmt.Sprintf("每月一份：复制本文件，例如存为 课时登记-%s.xlsx，在“课时登记”工作表第 %d 行起每行填一条。", first.MonthOf(), dataRow)
	if m != nil {
		first = firstServiceDayOf(r.Term, *m)
		file, role, title = monthFile("课时登记", *m), m.Chinese()+"的课时登记", joinNonEmpty(" ", r.School, m.Chinese(), "课后服务课时登记表")
		howTo = fmt.Sprintf("%s的课时登记：在“课时登记”工作表第 %d 行起每行填一条，只填本月的日期。", m.Chinese(), dataRow)
	}
	return templateSpec{
		file:   file,
		role:   role,
		sheet:  "课时登记",
		title:  title,
		schema: sessionLog,
		cols: map[string]templateColumn{
			"日期": {12, render.KindDate, nil, "必填", "上课或值班的日期，写成 2026-09-01 这样；只填本月的日期", render.Date(first)},
			"工号": {8, render.KindText, nil, "选填", "有这一列时每行都要填；学校不用工号可删去整列", render.Text("T01")},
			"教师": {10, render.KindText, nil, "必填", "教师姓名，同一人每次写法一致", render.Text("王芳")},
			"类型": {10, render.KindText, kinds, "必填", "从下拉列表选：" + strings.Join(kinds, "、"), render.Text(firstOr(kinds, "上课"))},
			"节数": {8, render.KindCount, nil, "必填", count, render.Count(decimal.NewFromInt(2))},
			"班级": {10, render.KindText, nil, "选填", "所带班级", render.Text("三(1)班")},
			"备注": {24, render.KindText, nil, "选填", "调课、代课等说明", render.Text("代李强上课")},
		},
		notes: []string{
			howTo,
			"第 1 行标题可以改；第 2 行表头不要改（列的顺序可以换）；中间留空行没有关系。",
			// check needs the month's records, or --no-records: the command
			// the note gives must run as it is.
			fmt.Sprintf("填好后检查：kfpay check --month %s --sessions 课时登记-%s.xlsx --records 考核记录-%s.xlsx",
				first.MonthOf(), first.MonthOf(), first.MonthOf()),
		},
	}
}

// recordsTemplate describes 考核记录.xlsx, to be copied for each month; or,
// for month m, that month's 考核记录-2026-10.xlsx.
func recordsTemplate(r *rules.Rules, m *rules.Month) templateSpec {
	labels := make([]string, len(r.Events))
	var ranged, rewards []string
	for i, ev := range r.Events {
		labels[i] = ev.Label
		switch {
		case ev.Reward:
			rewards = append(rewards, ev.Label)
		case ev.Ranged:
			ranged = append(ranged, fmt.Sprintf("%s %s–%s", ev.Label, calc.Percent(ev.PercentMin), calc.Percent(ev.PercentMax)))
		}
	}
	percentHelp := "写成 30% 这样的百分数；"
	if len(ranged) > 0 {
		percentHelp += "这些事项必填：" + strings.Join(ranged, "，") + "；"
	}
	percentHelp += "其他事项不填"
	amountHelp := "其他事项不填"
	if len(rewards) > 0 {
		amountHelp = strings.Join(rewards, "、") + "必填，单位元，如 50.00；" + amountHelp
	}
	first := firstServiceDay(r.Term)
	example, percent := firstOr(labels, "家长投诉"), decimal.New(3, -1)
	for _, ev := range r.Events {
		if ev.Ranged {
			example = ev.Label
			if percent.LessThan(ev.PercentMin) || percent.GreaterThan(ev.PercentMax) {
				percent = ev.PercentMin
			}
			break
		}
	}
	file, role, title := "考核记录.xlsx", "每月的考核记录（早退、投诉、请假、奖励等）", joinNonEmpty(" ", r.School, "课后服务考核记录")
	howTo := fmt.Sprintf("每月一份，与当月课时登记放在一起，例如存为 考核记录-%s.xlsx；一件事填一行，第 %d 行起填写。", first.MonthOf(), dataRow)
	if m != nil {
		first = firstServiceDayOf(r.Term, *m)
		file, role, title = monthFile("考核记录", *m), m.Chinese()+"的考核记录（早退、投诉、请假、奖励等）", joinNonEmpty(" ", r.School, m.Chinese(), "课后服务考核记录")
		howTo = fmt.Sprintf("%s的考核记录：一件事填一行，第 %d 行起填写，只填本月的日期；本月没有任何记录也保留这个文件（payroll 用 --records 给出）。", m.Chinese(), dataRow)
	}
	day := first.AddDays(7)
	if m != nil && !m.Contains(day) {
		day = first
	}
	return templateSpec{
		file:   file,
		role:   role,
		sheet:  "考核记录",
		title:  title,
		schema: recordsSchema,
		cols: map[string]templateColumn{
			"日期": {12, render.KindDate, nil, "必填", "事情发生的日期，写成 2026-09-08 这样；只填本月的日期", render.Date(day)},
			"工号": {8, render.KindText, nil, "选填", "与课时登记中的工号相同；有同名教师时必填", render.Text("T01")},
			"教师": {10, render.KindText, nil, "必填", "须是本月课时登记中有登记的教师", render.Text("王芳")},
			"事项": {14, render.KindText, labels, "必填", "从下拉列表选：" + strings.Join(labels, "、"), render.Text(example)},
			"比例": {8, render.KindPercent0, nil, "见说明", percentHelp, render.Percent(percent)},
			"金额": {12, render.KindMoney, nil, "见说明", amountHelp, render.Empty()},
			"说明": {30, render.KindText, nil, "选填", "经过、处理结果", render.Text("放学交接不清，经查属实")},
		},
		notes: []string{
			howTo,
			"第 1 行标题可以改；第 2 行表头不要改（列的顺序可以换）。",
			fmt.Sprintf("填好后检查：kfpay check --month %s --sessions 课时登记-%s.xlsx --records 考核记录-%s.xlsx",
				first.MonthOf(), first.MonthOf(), first.MonthOf()),
		},
	}
}

// rosterTemplate describes 学生名单.xlsx, the roster of the term settlement.
func rosterTemplate(r *rules.Rules) templateSpec {
	return templateSpec{
		file:   "学生名单.xlsx",
		role:   "学期末结算用的学生名单",
		sheet:  "学生名单",
		title:  joinNonEmpty(" ", r.School, r.Term.Name, "课后服务学生名单"),
		schema: rosterSchema,
		cols: map[string]templateColumn{
			"学号":   {14, render.KindText, nil, "必填", "每个学生一个，不能重复；按文本保存，开头的 0 不会丢", render.Text("20260101")},
			"姓名":   {10, render.KindText, nil, "必填", "学生姓名", render.Text("王小明")},
			"班级":   {10, render.KindText, nil, "必填", "如 一(1)班；结算表按班级分组", render.Text("一(1)班")},
			"开始日期": {12, render.KindDate, nil, "选填", "开始参加课后服务的日期；不填即学期第一天", render.Empty()},
			"退出日期": {12, render.KindDate, nil, "选填", "中途退出时最后一天服务的日期；不填即学期最后一天", render.Empty()},
			"减免":   {10, render.KindCount, nil, "选填", "经批准的困难减免：金额如 300，或比例如 50%", render.Empty()},
			"已缴":   {12, render.KindMoney, nil, "选填", "家长已缴金额（元）；不填按入学时应缴计算", render.Money(r.Term.Fee)},
		},
		notes: []string{
			fmt.Sprintf("一学期一份，在“学生名单”工作表第 %d 行起每个学生一行。", dataRow),
			"第 1 行标题可以改；第 2 行表头不要改（列的顺序可以换）。",
			"填好后检查：kfpay check --roster 学生名单.xlsx --rules rules.toml",
		},
	}
}

// expensesTemplate describes 支出明细.xlsx, the term's spending other than
// teacher pay.
func expensesTemplate(r *rules.Rules) templateSpec {
	first := firstServiceDay(r.Term)
	return templateSpec{
		file:   "支出明细.xlsx",
		role:   "学期末结算用的其他支出",
		sheet:  "支出明细",
		title:  joinNonEmpty(" ", r.School, r.Term.Name, "课后服务其他支出明细"),
		schema: expensesSchema,
		cols: map[string]templateColumn{
			"日期": {12, render.KindDate, nil, "必填", "支出日期，写成 2026-09-15 这样", render.Date(first.AddDays(14))},
			"类别": {12, render.KindText, calc.Categories, "必填", "从下拉列表选：" + strings.Join(calc.Categories, "、"), render.Text(calc.Categories[0])},
			"金额": {12, render.KindMoney, nil, "必填", "支出金额（元），如 1250.00", render.Money(decimal.New(125000, -2))},
			"说明": {30, render.KindText, nil, "选填", "用途、凭证号", render.Text("购买体育器材")},
		},
		notes: []string{
			fmt.Sprintf("一学期一份，在“支出明细”工作表第 %d 行起每笔支出一行；教师补助不填在这里（从每月发放表读取）。", dataRow),
			"第 1 行标题可以改；第 2 行表头不要改（列的顺序可以换）。",
			"填好后检查：kfpay check --expenses 支出明细.xlsx --rules rules.toml",
		},
	}
}

// buildTemplate lays out the workbook of spec s: the data sheet, empty below
// its header, and 说明.
func buildTemplate(s templateSpec) (*render.Book, error) {
	return newBook(context.Background(), []string{s.sheet, "说明"}, func(b *render.Book) error { return fillTemplate(b, s) })
}

func fillTemplate(b *render.Book, s templateSpec) error {
	cols := make([]templateColumn, len(s.schema.fields))
	names := make([]string, len(s.schema.fields))
	for i, fd := range s.schema.fields {
		c, ok := s.cols[fd.name]
		if !ok {
			return fmt.Errorf("no template column for %s", fd.name)
		}
		cols[i], names[i] = c, fd.name
	}
	if err := writeDataSheet(b, s, names, cols); err != nil {
		return err
	}
	return writeHelpSheet(b, s, names, cols)
}

// writeDataSheet writes the sheet the bursar fills in: title, header, and
// below them columns that format what is typed into them, with drop-down
// lists where the rules give the choices.
func writeDataSheet(b *render.Book, s templateSpec, names []string, cols []templateColumn) error {
	for i, c := range cols {
		if err := b.ColumnFormat(s.sheet, i+1, c.format); err != nil {
			return err
		}
		if c.choices != nil {
			if err := b.DropDown(s.sheet, i+1, dataRow, names[i], c.choices); err != nil {
				return err
			}
		}
	}
	g := b.Grid(s.sheet)
	g.Title(1, len(names), s.title)
	g.Header(2, names...)
	for i, c := range cols {
		g.SetWidth(i+1, c.width)
	}
	if err := b.FreezeRows(s.sheet, 2); err != nil {
		return err
	}
	if err := b.PageSetup(s.sheet, render.Page{Repeat: 2, Header: s.title}); err != nil {
		return err
	}
	return g.Finish()
}

// writeHelpSheet writes 说明: one row per column saying whether it is needed,
// an example value and how to fill it in, then general advice.
func writeHelpSheet(b *render.Book, s templateSpec, names []string, cols []templateColumn) error {
	const sheet = "说明"
	title := strings.TrimSuffix(s.file, ".xlsx") + " 填写说明"
	g := b.Grid(sheet)
	g.Title(1, 4, title)
	g.Header(2, "列名", "是否必填", "示例", "怎么填")
	for i, c := range cols {
		g.Row(3+i, false, render.Center(names[i]), render.Center(c.need), exampleCell(c.example), render.Text(c.help))
	}
	r := 3 + len(cols) + 1
	for _, n := range s.notes {
		// A merged cell does not grow with its text: the grid gives it
		// the lines its width needs.
		g.Line(r, 4, render.Plain, n, 0)
		r++
	}
	g.SetWidth(1, 10)
	g.SetWidth(2, 10)
	g.SetWidth(3, 22)
	g.SetWidth(4, 54)
	if err := b.PageSetup(sheet, render.Page{Landscape: false, Repeat: 2, Header: title}); err != nil {
		return err
	}
	return g.Finish()
}

// exampleCell shows an example value as it would look in its column; a
// text longer than a few characters wraps in its cell.
func exampleCell(c render.Cell) render.Cell {
	if c.Kind() == render.KindText && render.DisplayWidth(c.Shown()) <= 12 {
		return c.As(render.KindCenter)
	}
	return c
}

// firstServiceDay is the term's first service day, for the example rows; the
// term's start when it has none.
func firstServiceDay(t rules.Term) rules.Date {
	for d := t.Start; !d.After(t.End) && !d.IsZero(); d = d.AddDays(1) {
		if t.IsServiceDay(d) {
			return d
		}
	}
	return t.Start
}

// firstServiceDayOf is the first service day of month m in term t, or
// the month's first day when it has none.
func firstServiceDayOf(t rules.Term, m rules.Month) rules.Date {
	for d := m.First(); m.Contains(d); d = d.AddDays(1) {
		if t.IsServiceDay(d) {
			return d
		}
	}
	return m.First()
}

func firstOr(list []string, def string) string {
	if len(list) == 0 {
		return def
	}
	return list[0]
}
