package sheet

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/rules"
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
	Name  string // the file name, e.g. 课时登记.xlsx
	Role  string // what the bursar keeps in it, e.g. 每月的课时登记
	f     *excelize.File
	write func(path string) error // for a template laid out as it is saved; f is nil
}

// Save writes t to path. It never replaces an existing file: a template
// written over a filled-in workbook would lose a month of work.
func (t *Template) Save(path string) error {
	if t.write != nil {
		return t.write(path)
	}
	return saveWorkbook(t.f, path, false)
}

// Close frees the workbook.
func (t *Template) Close() error {
	if t.f == nil {
		return nil
	}
	return t.f.Close()
}

// Templates lays out the template workbooks for rules r, in the order init
// writes them: the session log in the given layout, the discipline records,
// the roster and the expenses. Their headers are exactly those the readers
// look for, and their drop-down lists hold the labels of r, so that a
// workbook filled in from them reads without edits. A daily grid or a
// monthly summary is for month m (a grid has its days); the other templates
// serve any month. The caller closes them.
func Templates(r *rules.Rules, layout Layout, m rules.Month) ([]*Template, error) {
	var out []*Template
	specs := []templateSpec{recordsTemplate(r), rosterTemplate(r), expensesTemplate(r)}
	switch layout {
	case LayoutLog, "":
		specs = append([]templateSpec{logTemplate(r)}, specs...)
	case LayoutGrid:
		out = append(out, &Template{Name: "课时登记-" + m.String() + ".xlsx", Role: m.Chinese() + "的按日考勤表",
			write: func(path string) error { return WriteGridTemplate(path, r, m, false) }})
	case LayoutSummary:
		out = append(out, &Template{Name: "课时登记-" + m.String() + ".xlsx", Role: m.Chinese() + "的月度汇总表",
			write: func(path string) error { return WriteSummaryTemplate(path, r, m, false) }})
	default:
		return nil, fmt.Errorf("no session log template for layout %q", layout)
	}
	for _, s := range specs {
		f, err := buildTemplate(s)
		if err != nil {
			for _, t := range out {
				_ = t.Close()
			}
			return nil, fmt.Errorf("template %s: %w", s.file, err)
		}
		out = append(out, &Template{Name: s.file, Role: s.role, f: f})
	}
	return out, nil
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
	format  kind     // the number format a cell typed in the column takes
	choices []string // a drop-down list; nil for free input
	need    string   // 必填 or 选填, or when it is needed
	help    string   // how to fill it in
	example cell     // the example entry's value, shown in 说明
}

// dataRow is the first row of data below the title and the header.
const dataRow = 3

// logTemplate describes 课时登记.xlsx, the log with one row per entry.
func logTemplate(r *rules.Rules) templateSpec {
	kinds := kindList(r)
	count := "正数，这一行的节数（安全管理填课间次数，行政值班填值班次数）"
	if step := r.Sessions.CountStep; !step.Equal(decimal.NewFromInt(1)) {
		count = fmt.Sprintf("正数，须为 %s 的整数倍；这一行的节数或次数", step)
	}
	first := firstServiceDay(r.Term)
	return templateSpec{
		file:   "课时登记.xlsx",
		role:   "每月的课时登记（每月复制一份）",
		sheet:  "课时登记",
		title:  joinNonEmpty(" ", r.School, "课后服务课时登记表"),
		schema: sessionLog,
		cols: map[string]templateColumn{
			"日期": {12, kindDate, nil, "必填", "上课或值班的日期，写成 2026-09-01 这样；只填本月的日期", dateCell(first)},
			"工号": {8, kindText, nil, "选填", "有这一列时每行都要填；学校不用工号可删去整列", textCell("T01")},
			"教师": {10, kindText, nil, "必填", "教师姓名，同一人每次写法一致", textCell("王芳")},
			"类型": {10, kindText, kinds, "必填", "从下拉列表选：" + strings.Join(kinds, "、"), textCell(firstOr(kinds, "上课"))},
			"节数": {8, kindCount, nil, "必填", count, countCell(decimal.NewFromInt(2))},
			"班级": {10, kindText, nil, "选填", "所带班级", textCell("三(1)班")},
			"备注": {24, kindText, nil, "选填", "调课、代课等说明", textCell("代李强上课")},
		},
		notes: []string{
			fmt.Sprintf("每月一份：复制本文件，例如存为 课时登记-%s.xlsx，在“课时登记”工作表第 %d 行起每行填一条。", first.MonthOf(), dataRow),
			"第 1 行标题可以改；第 2 行表头不要改（列的顺序可以换）；中间留空行没有关系。",
			fmt.Sprintf("填好后检查：kfpay check --month %s --sessions 课时登记-%s.xlsx", first.MonthOf(), first.MonthOf()),
		},
	}
}

// recordsTemplate describes 考核记录.xlsx.
func recordsTemplate(r *rules.Rules) templateSpec {
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
	return templateSpec{
		file:   "考核记录.xlsx",
		role:   "每月的考核记录（早退、投诉、请假、奖励等）",
		sheet:  "考核记录",
		title:  joinNonEmpty(" ", r.School, "课后服务考核记录"),
		schema: recordsSchema,
		cols: map[string]templateColumn{
			"日期": {12, kindDate, nil, "必填", "事情发生的日期，写成 2026-09-08 这样；只填本月的日期", dateCell(first.AddDays(7))},
			"工号": {8, kindText, nil, "选填", "与课时登记中的工号相同；有同名教师时必填", textCell("T01")},
			"教师": {10, kindText, nil, "必填", "须是本月课时登记中有登记的教师", textCell("王芳")},
			"事项": {14, kindText, labels, "必填", "从下拉列表选：" + strings.Join(labels, "、"), textCell(example)},
			"比例": {8, kindPercent0, nil, "见说明", percentHelp, percentCell(percent)},
			"金额": {12, kindMoney, nil, "见说明", amountHelp, emptyCell()},
			"说明": {30, kindText, nil, "选填", "经过、处理结果", textCell("放学交接不清，经查属实")},
		},
		notes: []string{
			fmt.Sprintf("每月一份，与当月课时登记放在一起，例如存为 考核记录-%s.xlsx；一件事填一行，第 %d 行起填写。", first.MonthOf(), dataRow),
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
			"学号":   {14, kindText, nil, "必填", "每个学生一个，不能重复；按文本保存，开头的 0 不会丢", textCell("20260101")},
			"姓名":   {10, kindText, nil, "必填", "学生姓名", textCell("王小明")},
			"班级":   {10, kindText, nil, "必填", "如 一(1)班；结算表按班级分组", textCell("一(1)班")},
			"开始日期": {12, kindDate, nil, "选填", "开始参加课后服务的日期；不填即学期第一天", emptyCell()},
			"退出日期": {12, kindDate, nil, "选填", "中途退出时最后一天服务的日期；不填即学期最后一天", emptyCell()},
			"减免":   {10, kindCount, nil, "选填", "经批准的困难减免：金额如 300，或比例如 50%", emptyCell()},
			"已缴":   {12, kindMoney, nil, "选填", "家长已缴金额（元）；不填按入学时应缴计算", moneyCell(r.Term.Fee)},
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
			"日期": {12, kindDate, nil, "必填", "支出日期，写成 2026-09-15 这样", dateCell(first.AddDays(14))},
			"类别": {12, kindText, calc.Categories, "必填", "从下拉列表选：" + strings.Join(calc.Categories, "、"), textCell(calc.Categories[0])},
			"金额": {12, kindMoney, nil, "必填", "支出金额（元），如 1250.00", moneyCell(decimal.New(125000, -2))},
			"说明": {30, kindText, nil, "选填", "用途、凭证号", textCell("购买体育器材")},
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
func buildTemplate(s templateSpec) (*excelize.File, error) {
	return newWorkbook(func(f *excelize.File, st *styles) error { return fillTemplate(f, st, s) })
}

func fillTemplate(f *excelize.File, st *styles, s templateSpec) error {
	if err := addSheets(f, s.sheet, "说明"); err != nil {
		return err
	}
	cols := make([]templateColumn, len(s.schema.fields))
	names := make([]string, len(s.schema.fields))
	for i, fd := range s.schema.fields {
		c, ok := s.cols[fd.name]
		if !ok {
			return fmt.Errorf("no template column for %s", fd.name)
		}
		cols[i], names[i] = c, fd.name
	}
	if err := writeDataSheet(f, st, s, names, cols); err != nil {
		return err
	}
	return writeHelpSheet(f, st, s, names, cols)
}

// writeDataSheet writes the sheet the bursar fills in: title, header, and
// below them columns that format what is typed into them.
func writeDataSheet(f *excelize.File, st *styles, s templateSpec, names []string, cols []templateColumn) error {
	// Column styles first: excelize applies a column style to the cells
	// already in the column, and the title and header set their own after.
	inputs, err := inputStyles(f)
	if err != nil {
		return err
	}
	var lists []*excelize.DataValidation
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColStyle(s.sheet, col, inputs[c.format]); err != nil {
			return err
		}
		if c.choices != nil {
			dv, err := dropDown(f, s.sheet, i+1, names[i], c.choices)
			if err != nil {
				return err
			}
			lists = append(lists, dv)
		}
	}
	g := newGrid(f, s.sheet, st)
	g.title(1, len(names), s.title)
	g.header(2, names...)
	for i, c := range cols {
		g.setWidth(i+1, c.width)
	}
	for _, dv := range lists {
		if err := f.AddDataValidation(s.sheet, dv); err != nil {
			return err
		}
	}
	if err := freezeRows(f, s.sheet, 2); err != nil {
		return err
	}
	if err := pageSetup(f, s.sheet, false, 2, s.title); err != nil {
		return err
	}
	return g.finish()
}

// inputStyles are the styles of the columns a bursar types into, by kind.
// They carry the number format only: a date typed as 2026-09-01 becomes a
// date, 30% a percent cell (which the reader needs to tell it from a bare
// 30), and a 工号 or 学号 typed as digits keeps its leading zeros as text.
func inputStyles(f *excelize.File) (map[kind]int, error) {
	date := fmtDate
	formats := map[kind]*excelize.Style{
		kindText:     {NumFmt: 49}, // @: text as typed; no 1-2 turned into a date
		kindCount:    {NumFmt: numFmtGeneral},
		kindDate:     {CustomNumFmt: &date},
		kindPercent0: {NumFmt: numFmtPercent0},
		kindMoney:    {NumFmt: numFmtMoney},
	}
	ids := map[kind]int{}
	for _, k := range []kind{kindText, kindCount, kindDate, kindPercent0, kindMoney} {
		id, err := f.NewStyle(formats[k])
		if err != nil {
			return nil, err
		}
		ids[k] = id
	}
	return ids, nil
}

// choicesSheet holds drop-down lists too long, or with characters, that an
// inline list cannot hold.
const choicesSheet = "选项"

// dropDown returns the drop-down list of column col below the header. Excel
// keeps an inline list only up to 255 characters and splits it at commas, so
// a longer list, or one whose labels hold a comma or a quote, is kept in a
// hidden sheet and referred to.
func dropDown(f *excelize.File, sheet string, col int, name string, choices []string) (*excelize.DataValidation, error) {
	if len(choices) == 0 {
		return nil, errors.New("empty drop-down list for " + name)
	}
	letter, _ := excelize.ColumnNumberToName(col)
	dv := excelize.NewDataValidation(true)
	dv.SetSqref(fmt.Sprintf("%s%d:%s%d", letter, dataRow, letter, excelize.TotalRows))
	shown := strings.Join(choices, "、")
	dv.SetError(excelize.DataValidationErrorStyleStop, name, "请从下拉列表中选择："+shown)
	dv.SetInput(name, "从下拉列表中选择")
	if inlineList(choices) {
		if err := dv.SetDropList(choices); err != nil {
			return nil, err
		}
		return dv, nil
	}
	if idx, _ := f.GetSheetIndex(choicesSheet); idx < 0 {
		if _, err := f.NewSheet(choicesSheet); err != nil {
			return nil, err
		}
		if err := f.SetSheetVisible(choicesSheet, false); err != nil {
			return nil, err
		}
	}
	for i, c := range choices {
		ref, _ := excelize.CoordinatesToCellName(col, i+1)
		if err := f.SetCellStr(choicesSheet, ref, c); err != nil {
			return nil, err
		}
	}
	dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$1:$%s$%d", quoteSheet(choicesSheet), letter, letter, len(choices)))
	return dv, nil
}

// inlineList reports whether choices fit an inline drop-down list.
func inlineList(choices []string) bool {
	joined := strings.Join(choices, ",")
	if len(utf16.Encode([]rune(joined))) > excelize.MaxFieldLength {
		return false
	}
	for _, c := range choices {
		if strings.ContainsAny(c, `,"`) {
			return false
		}
	}
	return true
}

// writeHelpSheet writes 说明: one row per column saying whether it is needed,
// an example value and how to fill it in, then general advice.
func writeHelpSheet(f *excelize.File, st *styles, s templateSpec, names []string, cols []templateColumn) error {
	const sheet = "说明"
	title := strings.TrimSuffix(s.file, ".xlsx") + " 填写说明"
	ps, err := newPlainStyles(f)
	if err != nil {
		return err
	}
	g := newGrid(f, sheet, st)
	g.title(1, 4, title)
	g.header(2, "列名", "是否必填", "示例", "怎么填")
	for i, c := range cols {
		g.row(3+i, false, centerCell(names[i]), centerCell(c.need), exampleCell(c.example), textCell(c.help))
	}
	r := 3 + len(cols) + 1
	for _, n := range s.notes {
		// A merged cell does not grow with its text: give it the lines its
		// width (the four columns, about 96 units) needs.
		g.line(r, 4, ps.text, n, float64(int(displayWidth(n))/92+1)*lineHeight+6)
		r++
	}
	g.setWidth(1, 10)
	g.setWidth(2, 10)
	g.setWidth(3, 22)
	g.setWidth(4, 54)
	if err := pageSetup(f, sheet, false, 2, title); err != nil {
		return err
	}
	return g.finish()
}

// exampleCell shows an example value as it would look in its column; a
// text longer than a few characters wraps in its cell.
func exampleCell(c cell) cell {
	if c.kind == kindText && displayWidth(c.shown) <= 12 {
		c.kind = kindCenter
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

func firstOr(list []string, def string) string {
	if len(list) == 0 {
		return def
	}
	return list[0]
}
