package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet"
)

type checkOptions struct {
	month         string
	sessions      string
	sessionsSheet string
	records       string
	recordsSheet  string
	noRecords     bool
	staff         string
	staffSheet    string
	roster        string
	rosterSheet   string
	expenses      string
	expensesSheet string
	rules         string
	strict        bool
}

func newCheckCmd(s streams) *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check [--month YYYY-MM --sessions 课时登记.xlsx --records 考核记录.xlsx|--no-records] [--roster 学生名单.xlsx] [--expenses 支出明细.xlsx] [--rules rules.toml]",
		Short: "检查登记表和规则文件，列出每一处问题，不生成任何文件",
		Long: `读取给出的每个文件，像 payroll 一样核对（日期、类型、节数、比例、姓名与工号），
并提示可疑之处（不是服务日、一天节数过多、重复登记），按文件列出每一处问题和
所在单元格。什么文件也不写。

有错误时退出状态为 2；只有警告时为 0，加 --strict 则警告也算错误。`,
		Example: `  kfpay check --month 2026-09 --sessions 课时登记-2026-09.xlsx --records 考核记录-2026-09.xlsx --rules rules.toml
  kfpay check --rules rules.toml          # 只检查规则文件`,
		Args: noArgs("--sessions 课时登记.xlsx"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCheck(cmd.Context(), s, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.month, "month", "", "`YYYY-MM` 登记所属的月份，如 2026-09（检查课时登记时必填）")
	f.StringVar(&o.sessions, "sessions", "", "`文件` 课时登记：.xlsx 工作簿，或 .csv 文件")
	addSheetFlag(cmd, &o.sessionsSheet, "sheet", "课时登记")
	f.StringVar(&o.records, "records", "", "`文件` 考核记录（.xlsx 或 .csv；要同时给出 --sessions）")
	addSheetFlag(cmd, &o.recordsSheet, "records-sheet", "考核记录")
	f.BoolVar(&o.noRecords, "no-records", false, "本月没有考核记录（检查课时登记时，--records 和 --no-records 必须给出一个）")
	addStaffFlags(cmd, &o.staff, &o.staffSheet)
	f.StringVar(&o.roster, "roster", "", "`文件` 学生名单（.xlsx 或 .csv）")
	addSheetFlag(cmd, &o.rosterSheet, "roster-sheet", "学生名单")
	f.StringVar(&o.expenses, "expenses", "", "`文件` 支出明细（.xlsx 或 .csv）")
	addSheetFlag(cmd, &o.expensesSheet, "expenses-sheet", "支出明细")
	f.StringVar(&o.rules, "rules", "", "`rules.toml` 规则文件（默认使用内置规则）")
	f.BoolVar(&o.strict, "strict", false, "警告也算错误（退出状态为 2）")
	return cmd
}

// checked is one input file and what was found in it.
type checked struct {
	name     string // base name, as problems name it
	what     string // what was read, e.g. 工作表 课时登记，读取 31 行
	problems []line
	notes    []string // printed below the heading: the rules' timeline
}

// line is one problem as check prints it: where, then what.
type line struct {
	warning bool
	row     int
	col     int
	text    string
	count   int    // how many problems the line stands for: 1, or the warnings an omitted-warnings line counts
	cell    string // where, as the bursar finds it: 考核记录!E3, 第 7 行 E 列; "" for the whole file
	detail  string // text without the cell: 比例 "30"：比例须带百分号…
}

// sort puts f's problems in the order of their rows and columns.
func (f *checked) sort() {
	sort.SliceStable(f.problems, func(i, j int) bool {
		a, b := f.problems[i], f.problems[j]
		if a.row != b.row {
			return a.row < b.row
		}
		return a.col < b.col
	})
}

// counts are how many errors and warnings f holds.
func (f *checked) counts() (errs, warns int) {
	for _, p := range f.problems {
		n := max(p.count, 1)
		if p.warning {
			warns += n
		} else {
			errs += n
		}
	}
	return errs, warns
}

// runCheck reads every input given, runs the same checks as payroll without
// writing anything, and prints every problem grouped by file.
func runCheck(ctx context.Context, s streams, o checkOptions) error {
	files, err := checkFiles(ctx, s, o)
	if err != nil {
		return err
	}
	return reportCheck(s.out, o, files)
}

// checkFiles reads every input given and runs the same checks as payroll,
// writing nothing: each file with what was read of it and its problems,
// which runCheck prints and kfpay serve shows. The error is a usage
// mistake or an interruption, not a problem of the files.
func checkFiles(ctx context.Context, s streams, o checkOptions) ([]*checked, error) {
	if o.sessions == "" && o.records == "" && o.roster == "" && o.expenses == "" && o.rules == "" && o.staff == "" {
		return nil, &exitError{exitBadInput, errors.New("没有要检查的文件；例如 kfpay check --month 2026-09 --sessions 课时登记.xlsx --records 考核记录.xlsx")}
	}
	if o.records != "" && o.sessions == "" {
		return nil, &exitError{exitBadInput, errors.New("检查考核记录要同时用 --sessions 给出当月的课时登记：考核记录中的教师要与课时登记核对")}
	}
	var m rules.Month
	if o.sessions != "" {
		if o.month == "" {
			return nil, &exitError{exitBadInput, errors.New("请用 --month 指定课时登记所属的月份，例如 --month 2026-09：登记的日期都应在这个月内")}
		}
		var err error
		if m, err = rules.ParseMonth(o.month); err != nil {
			return nil, &exitError{exitBadInput, err}
		}
		if err := checkRecordsFlags(o.records, o.noRecords); err != nil {
			return nil, err
		}
	}

	var files []*checked
	r, rulesFile := checkRules(o.rules)
	if rulesFile != nil {
		files = append(files, rulesFile)
	}
	if r == nil {
		// Without rules nothing else can be checked: the labels and the
		// calendar come from them.
		return files, nil
	}
	if o.sessions == "" {
		// The rules file's doubts; with a session log, loadMonth lists them.
		files = distribute(files, rulesWarnings(r))
	}

	if o.staff != "" && o.sessions == "" {
		// The staff list alone: its own problems.
		_, info, problems := readStaff(ctx, o.staff, o.staffSheet)
		files = append(files, &checked{name: filepath.Base(o.staff), what: readText(info, "人")})
		files = distribute(files, problems)
	}
	if o.sessions != "" {
		// The same reading and calculation as payroll, the payout thrown
		// away: every row that reads well is paid and so checked, so that
		// one run lists every problem.
		prog := newProgress(s.err)
		run := loadMonth(ctx, r, sheet.InputFile{}, monthInputs{sessions: o.sessions, sessionsSheet: o.sessionsSheet,
			records: o.records, recordsSheet: o.recordsSheet, staff: o.staff, staffSheet: o.staffSheet}, m, "", prog.reading(filepath.Base(o.sessions)))
		prog.done()
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		problems := run.problems
		if run.sessions.Used == 0 && len(problems.Errors()) == 0 {
			problems = append(problems, calc.Problem{Code: "no-entries", Ref: calc.Ref{File: filepath.Base(o.sessions)}, Warning: true,
				Msg: "没有读到任何登记；请从表头下一行起每行填一条"})
		}
		if o.staff != "" {
			files = append(files, &checked{name: filepath.Base(o.staff), what: readText(run.staff, "人")})
		}
		files = append(files, &checked{name: filepath.Base(o.sessions), what: sessionsText(run.sessions, run.tally.Entries())})
		if o.records != "" {
			files = append(files, &checked{name: filepath.Base(o.records), what: sessionsText(run.records, 0)})
		}
		files = distribute(files, problems)
	}
	if o.roster != "" || o.expenses != "" {
		// Whether each value has the right form is the reader's to say,
		// whether it fits the term is calc's: both, for every row read.
		// The roster is checked row by row as it is read, and not kept: a
		// district's 100,000 pupils are 40 MB (issue 20). The problems
		// are in settle's order (termRun.checked): the readers', then the
		// roster's, then the spending's.
		var read, rosterProblems calc.Problems
		var roster, expenses sheet.InputFile
		if o.roster != "" {
			rc := calc.NewRosterCheck(r.Term)
			roster, read = sheet.ReadRosterEach(ctx, o.roster, o.rosterSheet, rc.Check)
			rosterProblems = rc.Problems()
		}
		var spending []calc.Expense
		if o.expenses != "" {
			var ps calc.Problems
			spending, expenses, ps = sheet.ReadExpenses(ctx, o.expenses, o.expensesSheet)
			read = append(read, ps...)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if o.roster != "" {
			files = append(files, &checked{name: filepath.Base(o.roster), what: readText(roster, "名学生")})
		}
		if o.expenses != "" {
			files = append(files, &checked{name: filepath.Base(o.expenses), what: readText(expenses, "笔支出")})
		}
		problems := append(read, rosterProblems...)
		files = distribute(files, append(problems, calc.CheckSpending(r.Term, spending)...))
	}
	return files, nil
}

// checkRules loads the rules file, or takes the built-in rules when none is
// given. The rules are nil when the file has problems; the returned entry
// lists them (nil for the built-in rules).
func checkRules(path string) (*rules.Rules, *checked) {
	if path == "" {
		return rules.Default(), nil
	}
	c := &checked{name: filepath.Base(path)}
	r, err := rules.Load(path)
	if err == nil {
		c.what = fmt.Sprintf("%s，%s 至 %s", r.Term.Name, r.Term.Start, r.Term.End)
		c.notes = timeline(r)
		return r, c
	}
	var re *rules.Error
	if errors.As(err, &re) {
		for _, p := range re.Problems {
			where := ""
			if p.Line > 0 {
				where = fmt.Sprintf("第 %d 行：", p.Line)
			}
			c.problems = append(c.problems, line{row: p.Line, text: where + p.Msg, cell: strings.TrimSuffix(where, "："), detail: p.Msg})
		}
		if re.Omitted > 0 {
			more := fmt.Sprintf("……另有 %d 处问题未列出", re.Omitted)
			c.problems = append(c.problems, line{row: 1 << 30, text: more, detail: more})
		}
	} else {
		c.problems = append(c.problems, line{text: err.Error(), detail: err.Error()})
	}
	return nil, c
}

// distribute files each problem under the file its cell is in; a problem
// of no file the run was given goes under a last entry of its own.
func distribute(files []*checked, problems calc.Problems) []*checked {
	byName := map[string]*checked{}
	for _, f := range files {
		byName[f.name] = f
	}
	for _, p := range problems {
		f := byName[p.Ref.File]
		if f == nil {
			f = &checked{name: p.Ref.File}
			if f.name == "" {
				f.name = "其他"
			}
			byName[p.Ref.File] = f
			files = append(files, f)
		}
		l := line{warning: p.Warning, row: p.Ref.Row, col: p.Ref.Col, text: problemText(p), count: 1, cell: cellName(p.Ref), detail: problemDetail(p)}
		if p.Code == calc.CodeOmitted {
			l.row, l.count = 1<<30, p.Omitted // below the warnings it did not list
		}
		f.problems = append(f.problems, l)
	}
	return files
}

// problemText is p without its file name, which the heading above it gives:
// `9月!D17 节数 "2.5"：应为正整数`.
func problemText(p calc.Problem) string {
	if p.Ref.Sheet == "" && p.Ref.Row == 0 && p.Column == "" && p.Value == "" {
		return p.Message() // a problem with the whole file
	}
	p.Ref.File = ""
	return strings.TrimLeft(p.Error(), " ")
}

// cellName is where ref is, without its file: 考核记录!E3, or 第 7 行 E 列
// in a CSV file; "" for a whole file.
func cellName(ref calc.Ref) string {
	cell := ref.Cell()
	if ref.Sheet != "" && cell != "" {
		return ref.Sheet + "!" + cell
	}
	if cell == "" {
		return ref.Sheet
	}
	return cell
}

// problemDetail is p without where it is: 比例 "30"：比例须带百分号….
func problemDetail(p calc.Problem) string {
	p.Ref = calc.Ref{}
	return strings.TrimLeft(p.Error(), " ")
}

// readText says what was read of an input workbook: its sheet, or a CSV
// file's encoding, and how many rows below the header hold something, bad
// rows included, e.g. 工作表 课时登记，31 行登记.
func readText(in sheet.InputFile, what string) string {
	if !in.Table() {
		return ""
	}
	if in.ChosenBy != "" {
		return fmt.Sprintf("%s，%s，%d %s", in.Source(), in.ChosenBy, in.Rows-in.Empty, what)
	}
	return fmt.Sprintf("%s，%d %s", in.Source(), in.Rows-in.Empty, what)
}

// sessionsText says what was read of the session log or the records in
// the rows the bursar sees: a log's rows, each an entry (工作表 9月，11 行
// 登记); a grid's or a summary's rows, each holding several entries, with
// the entries they hold (工作表 9月考勤，按日考勤表 14 行，共 42 条登记);
// and the rows that hold none by design, such as a 合计 row or the
// signature lines below it. entries is how many entries the rows held.
func sessionsText(in sheet.InputFile, entries int) string {
	if !in.Table() {
		return ""
	}
	rows := in.Rows - in.Empty - in.Other // bad rows included
	source := in.Source()
	if in.ChosenBy != "" {
		source += "，" + in.ChosenBy
	}
	s := fmt.Sprintf("%s，%d 行登记", source, rows)
	if !in.RowPerEntry() {
		s = fmt.Sprintf("%s，%s %d 行，共 %d 条登记", source, in.Layout, rows, entries)
	}
	if in.Other > 0 {
		s += fmt.Sprintf("，另有合计行、签字行、空白行等无登记的行 %d 行", in.Other)
	}
	return s
}

// reportCheck prints each file's problems in the order of its rows, then the
// verdict, and turns the verdict into the exit status.
func reportCheck(w io.Writer, o checkOptions, files []*checked) error {
	errs, warns := 0, 0
	for _, f := range files {
		f.sort()
		fe, fw := f.counts()
		errs, warns = errs+fe, warns+fw
		heading := f.name
		if f.what != "" {
			heading += "（" + f.what + "）"
		}
		switch {
		case fe == 0 && fw == 0:
			fmt.Fprintf(w, "%s：没有问题\n", heading)
			for _, n := range f.notes {
				fmt.Fprintln(w, "  "+n)
			}
			continue
		case fw == 0:
			fmt.Fprintf(w, "%s：%d 处错误\n", heading, fe)
		case fe == 0:
			fmt.Fprintf(w, "%s：%d 处警告\n", heading, fw)
		default:
			fmt.Fprintf(w, "%s：%d 处错误，%d 处警告\n", heading, fe, fw)
		}
		for _, p := range f.problems {
			kind := "错误"
			if p.warning {
				kind = "警告"
			}
			fmt.Fprintf(w, "  %s：%s\n", kind, p.text)
		}
	}
	fmt.Fprintln(w)
	switch {
	case errs > 0:
		fmt.Fprintf(w, "检查未通过：%s。按上面所列逐一改正后，再运行一次同样的命令。\n", countText(errs, warns))
		return &exitError{exitBadInput, nil}
	case warns > 0 && o.strict:
		fmt.Fprintf(w, "检查未通过（--strict）：%d 处警告按错误处理。核对后改正，或去掉 --strict。\n", warns)
		return &exitError{exitBadInput, nil}
	case warns > 0:
		fmt.Fprintf(w, "检查通过，但有 %d 处警告，请逐一核对。%s\n", warns, nextStep(o))
	default:
		fmt.Fprintf(w, "检查通过，没有发现问题。%s\n", nextStep(o))
	}
	return nil
}

func countText(errs, warns int) string {
	if warns == 0 {
		return fmt.Sprintf("共 %d 处错误", errs)
	}
	return fmt.Sprintf("共 %d 处错误、%d 处警告", errs, warns)
}

// nextStep is the payroll command line for the files just checked.
func nextStep(o checkOptions) string {
	if o.sessions == "" {
		return ""
	}
	// The command keeps every flag that chose what was read, so that
	// payroll reads what check read.
	cmd := "kfpay payroll --month " + o.month + " --sessions " + o.sessions
	if o.sessionsSheet != "" {
		cmd += " --sheet " + o.sessionsSheet
	}
	if o.records != "" {
		cmd += " --records " + o.records
	}
	if o.recordsSheet != "" {
		cmd += " --records-sheet " + o.recordsSheet
	}
	if o.staff != "" {
		cmd += " --staff " + o.staff
	}
	if o.staffSheet != "" {
		cmd += " --staff-sheet " + o.staffSheet
	}
	if o.noRecords {
		cmd += " --no-records"
	}
	if o.rules != "" {
		cmd += " --rules " + o.rules
	}
	return "\n生成发放表：" + cmd
}

// timeline describes the versions of a rules file (SPEC 7, amended): each
// one's first day, decision and place in the file, the months of the term
// it pays, and what its change sets; then what the school has still to do.
func timeline(r *rules.Rules) []string {
	vs := r.Versions()
	uses := make([][]rules.Month, len(vs))
	for _, m := range r.Term.Months() {
		v := r.At(m).Version.Change
		uses[v] = append(uses[v], m)
	}
	out := []string{"规则版本（每月按当月 1 日有效的版本计算）："}
	var placeholder []rules.Month
	for i, v := range vs {
		where := v.Version.Where()
		if v.Version.Line > 0 {
			where += fmt.Sprintf("，第 %d 行", v.Version.Line)
		}
		months := "学期内没有适用的月份"
		if len(uses[i]) > 0 {
			months = "适用 " + monthSpan(uses[i])
		}
		out = append(out, fmt.Sprintf("  %s（%s）：%s", v.VersionString(), where, months))
		for _, set := range v.Version.Sets {
			out = append(out, "    "+set)
		}
		if v.Performance.IsPlaceholder() {
			placeholder = append(placeholder, uses[i]...)
		}
	}
	if calc.Unapproved(r) {
		out = append(out, "注意："+calc.UnapprovedNotice)
	}
	if len(placeholder) > 0 {
		out = append(out, fmt.Sprintf("注意：%s 的绩效服务费是内置占位值 5.00 元/节，尚未确认；教代会确认后在 [performance] 写 confirmed = true", monthSpan(placeholder)))
	}
	return out
}

// monthSpan names months in order, a run of consecutive ones as a span:
// 2026年9月—2026年10月、2027年1月.
func monthSpan(ms []rules.Month) string {
	var parts []string
	for i := 0; i < len(ms); {
		j := i
		for j+1 < len(ms) && ms[j].Next() == ms[j+1] {
			j++
		}
		if j == i {
			parts = append(parts, ms[i].Chinese())
		} else {
			parts = append(parts, ms[i].Chinese()+"—"+ms[j].Chinese())
		}
		i = j + 1
	}
	return strings.Join(parts, "、")
}
