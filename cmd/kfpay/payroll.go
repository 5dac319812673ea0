package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet"
)

// monthInputs are the inputs of one month's payroll, which payroll and
// explain share.
type monthInputs struct {
	month         string
	sessions      string
	sessionsSheet string
	records       string
	recordsSheet  string
	noRecords     bool // the month has no discipline records, said on purpose
	staff         string
	staffSheet    string
	rules         string
	demo          bool
}

// addMonthFlags binds the flags of a month's inputs to in.
func addMonthFlags(cmd *cobra.Command, in *monthInputs) {
	f := cmd.Flags()
	f.StringVar(&in.month, "month", "", "`YYYY-MM` 发放月份，如 2026-09")
	f.StringVar(&in.sessions, "sessions", "", "`文件` 课时登记：.xlsx 工作簿，或 .csv 文件")
	addSheetFlag(cmd, &in.sessionsSheet, "sheet", "课时登记")
	f.StringVar(&in.records, "records", "", "`文件` 考核记录（.xlsx 或 .csv；本月没有考核记录时改用 --no-records）")
	addSheetFlag(cmd, &in.recordsSheet, "records-sheet", "考核记录")
	f.BoolVar(&in.noRecords, "no-records", false, "本月没有考核记录（不扣款也不奖励）；发放表中注明本月未提交考核记录")
	addStaffFlags(cmd, &in.staff, &in.staffSheet)
	f.StringVar(&in.rules, "rules", "", "`rules.toml` 规则文件（默认使用内置规则）")
	f.BoolVar(&in.demo, "demo", false, "使用内置示例数据（2026年9月，约 25 位教师）")
}

// addStaffFlags binds --staff, the staff list, and --staff-sheet.
func addStaffFlags(cmd *cobra.Command, path, sheetName *string) {
	cmd.Flags().StringVar(path, "staff", "", "`教师名单.xlsx` 教师名单（工号、教师）：给出时，课时登记和考核记录中的每个工号都须在名单上且姓名一致")
	addSheetFlag(cmd, sheetName, "staff-sheet", "教师名单")
}

// readStaff reads and checks the staff list at path, nil when path is empty.
func readStaff(ctx context.Context, path, sheetName string) (*calc.Staff, sheet.InputFile, calc.Problems) {
	if path == "" {
		return nil, sheet.InputFile{}, nil
	}
	members, info, problems := sheet.ReadStaff(ctx, path, sheetName)
	staff, more := calc.NewStaff(info.Name, members)
	return staff, info, append(problems, more...)
}

// addSheetFlag binds flag name, the sheet to read of the workbook called
// book, to p. Every reader takes the first visible sheet when it is empty.
func addSheetFlag(cmd *cobra.Command, p *string, name, book string) {
	cmd.Flags().StringVar(p, name, "", "`工作表` "+book+"中要读取的工作表（默认第一个可见工作表；.csv 文件只有一张表，不能指定）")
}

type payrollOptions struct {
	monthInputs
	output  string
	force   bool
	strict  bool
	against string // a signed payout of the same month to correct
	paidOn  string // the day of payment, YYYY-MM-DD, for 发放明细's 发放日期
	// acceptEdited reads a signed payout whose figures no longer match
	// its seal, and records that in the correction.
	acceptEdited bool
	// outDir is the folder of the default output name: "" for the current
	// one, the folder kfpay serve was started for.
	outDir string
}

func newPayrollCmd(s streams) *cobra.Command {
	var o payrollOptions
	cmd := &cobra.Command{
		Use:   "payroll --month YYYY-MM --sessions 课时登记.xlsx --records 考核记录.xlsx|--no-records",
		Short: "计算一个月的课后服务补助，生成发放表",
		Long: `按规则文件计算一个月的课后服务补助（上课补助、安全管理补助、行政值班补助、
绩效服务费及考核扣除），生成供教师签字的发放表。输入有误时列出每一处问题
（文件、工作表、单元格），不生成任何文件。

考核记录必须给出（--records）；某月确实没有任何考核记录时用 --no-records，
发放表中会注明。给出教师名单（--staff）时，每个工号都须在名单上、姓名一致。
发放表的“计算说明”中有校验码：学期结算和更正读回发放表时，生成后改动过的
数字会被发现并指出所在单元格。`,
		Example: `  kfpay payroll --month 2026-09 --sessions 课时登记.xlsx --records 考核记录.xlsx --rules rules.toml
  kfpay payroll --month 2026-09 --sessions 课时登记.xlsx --no-records --staff 教师名单.xlsx
  kfpay payroll --demo          # 用内置的示例数据试算一个月`,
		Args: noArgs("--sessions 课时登记.xlsx"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPayroll(cmd.Context(), s, o)
		},
	}
	addMonthFlags(cmd, &o.monthInputs)
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "`文件.xlsx` 输出的发放表（默认 发放表-YYYY-MM.xlsx）")
	f.BoolVar(&o.force, "force", false, "覆盖已存在的输出文件（旧文件依次改名为 .1.bak、.2.bak … 保留，不删除）")
	f.BoolVar(&o.strict, "strict", false, "把警告也当作错误")
	f.StringVar(&o.paidOn, "paid-on", "", "`YYYY-MM-DD` 发放日期，印在发放明细合计行下（默认留空，打印后手填）")
	addAcceptEditedFlag(cmd, &o.acceptEdited)
	f.StringVar(&o.against, "against", "", "`发放表.xlsx` 已签字的当月发放表：按更正后的输入重算，新发放表另加“更正”工作表，列出每人补发或扣回（原发放表不改动）")
	return cmd
}

func runPayroll(ctx context.Context, s streams, o payrollOptions) error {
	m, cleanup, err := o.open()
	if err != nil {
		return err
	}
	defer cleanup()
	paidOn, err := parsePaidOn(o.paidOn, m)
	if err != nil {
		return err
	}
	if o.output == "" {
		o.output = filepath.Join(o.outDir, "发放表-"+m.String()+".xlsx")
		if o.against != "" {
			// The signed payout most likely has the plain name.
			o.output = filepath.Join(o.outDir, "发放表-"+m.String()+"-更正.xlsx")
		}
	}
	// The signed payout is an input like the others: never overwritten,
	// not even with --force.
	if err := checkOutput(o.output, o.force, o.sessions, o.records, o.rules, o.against, o.staff); err != nil {
		return err
	}
	logs, err := openRunLogs(s.rec, o.output)
	if err != nil {
		return err
	}
	defer logs.close()
	r, rulesFile, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	prog := newProgress(s.err)
	run := loadMonth(ctx, r, rulesFile, o.monthInputs, m, "", prog.reading(filepath.Base(o.sessions)))
	prog.done()
	if err := run.payable(ctx); err != nil {
		return err
	}
	p, problems := run.payout, run.problems
	// The payout holds all the writer needs: let the tally's per-person
	// state (40 MB for a district's 50,000 teachers) go before writing.
	run.tally = nil
	meta := sheet.PayoutMeta{Version: version, Inputs: run.inputs(), NoRecords: o.noRecords, PaidOn: paidOn}
	if o.against != "" {
		var warnings calc.Problems
		if meta.Correction, warnings, err = correctAgainst(ctx, p, o.against, o.acceptEdited, &meta); err != nil {
			return err
		}
		problems = append(problems, warnings...)
	}
	if o.strict && len(problems.Warnings()) > 0 {
		for i := range problems {
			problems[i].Warning = false
		}
		return &exitError{exitBadInput, problems}
	}
	backup, err := sheet.WritePayout(ctx, o.output, p, meta, o.force)
	if err != nil {
		return err
	}
	if err := logs.append(o.recorded(meta.Inputs), []output{{"发放表", o.output}}, payrollTotals(p, meta.Correction)...); err != nil {
		return err
	}
	printProblems(s.err, problems.Warnings())
	printChosenSheets(s, run.inputs())
	printPayrollSummary(s, p, o.output)
	if o.noRecords {
		fmt.Fprintln(s.out, "考核记录：本月未提交（--no-records），没有扣款和奖励")
	}
	// The layout was detected, not declared: say which one was read, so a
	// bursar whose grid was taken for something else sees it at once.
	fmt.Fprintf(s.out, "课时登记：%s（%s，%s）\n", run.sessions.Layout, run.sessions.Name, run.sessions.Source())
	if meta.Correction != nil {
		printCorrection(s, meta.Correction)
	}
	printBackups(s, []string{o.output}, []string{backup})
	return nil
}

// recorded are the inputs of the run for its record: each file's path as
// given (the demo's by name, as built into kfpay), with the sha256 its
// reader took.
func (o payrollOptions) recorded(inputs []sheet.InputFile) []sheet.RecordedFile {
	path := map[string]string{"规则文件": o.rules, "课时登记": o.sessions, "考核记录": o.records, "已签发放表": o.against, "教师名单": o.staff}
	if o.rules == "" {
		path["规则文件"] = rules.DefaultSource
	}
	var out []sheet.RecordedFile
	for _, in := range inputs {
		p := path[in.Role]
		if p == "" {
			p = in.Name
		}
		if o.demo && (in.Role == "课时登记" || in.Role == "考核记录") {
			p = "内置示例 " + filepath.Base(p)
		}
		out = append(out, recorded(in, p))
	}
	return out
}

// payrollTotals are the totals of a payout for the run record.
func payrollTotals(p *calc.Payout, c *calc.Correction) []string {
	totals := []string{fmt.Sprintf("人数 %d", len(p.Lines)), "实发合计 " + p.Total.Net.StringFixed(2)}
	if c != nil {
		totals = append(totals, "补发 "+c.Total.Topup.StringFixed(2), "扣回 "+c.Total.Recover.StringFixed(2))
	}
	return totals
}

// parsePaidOn reads --paid-on, the day month m is paid: not before the
// month starts (pay for work not done yet is a mistyped date), and within a
// year of its end.
func parsePaidOn(s string, m rules.Month) (rules.Date, error) {
	if s == "" {
		return rules.Date{}, nil
	}
	d, err := rules.ParseDate(s)
	if err != nil {
		return d, &exitError{exitBadInput, fmt.Errorf("--paid-on：%w", err)}
	}
	if d.Before(m.First()) || d.After(m.Last().AddDays(366)) {
		return d, &exitError{exitBadInput, fmt.Errorf("--paid-on %s 不像 %s 补助的发放日期（应在 %s 之后一年内）；请检查年份和月份", s, m.Chinese(), m.First())}
	}
	return d, nil
}

// printBackups says which name each replaced output now has (--force keeps
// every version: a replaced payout may be the one that was signed).
func printBackups(s streams, outputs, backups []string) {
	for i, b := range backups {
		if b != "" {
			fmt.Fprintf(s.out, "原来的 %s 已改名为 %s 保留\n", outputs[i], b)
		}
	}
}

// correctAgainst reads the signed payout at path back and sets p against
// it, recording it among the inputs of meta. It returns the warnings to
// show: a payout read with --accept-edited although its seal is broken.
func correctAgainst(ctx context.Context, p *calc.Payout, path string, acceptEdited bool, meta *sheet.PayoutMeta) (*calc.Correction, calc.Problems, error) {
	paid, info, problems := sheet.ReadPayout(ctx, path, payoutOptions(acceptEdited)...)
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if len(problems.Errors()) > 0 {
		return nil, nil, &exitError{exitBadInput, problems}
	}
	info.Role = sheet.RoleSigned
	meta.Inputs = append(meta.Inputs, info)
	c, more := calc.Correct(p, paid)
	if c == nil {
		return nil, nil, &exitError{exitBadInput, more}
	}
	return c, append(problems.Warnings(), more.Warnings()...), nil
}

// addAcceptEditedFlag binds --accept-edited, for the commands that read a
// payout back.
func addAcceptEditedFlag(cmd *cobra.Command, p *bool) {
	cmd.Flags().BoolVar(p, "accept-edited", false, "读取生成后被改动过（校验码不符）或没有校验码的发放表；输出中会注明用了改动过的发放表")
}

// payoutOptions are ReadPayout's options for --accept-edited.
func payoutOptions(acceptEdited bool) []sheet.PayoutOption {
	if acceptEdited {
		return []sheet.PayoutOption{sheet.AcceptEdited()}
	}
	return nil
}

// printChosenSheets says which sheet was read of a workbook of several
// when no --sheet named it: the one named for the month.
func printChosenSheets(s streams, inputs []sheet.InputFile) {
	for _, in := range inputs {
		if in.ChosenBy != "" {
			fmt.Fprintf(s.err, "注意：%s 读取的是工作表“%s”，%s；要读别的工作表请用 --sheet 指定\n", in.Name, in.Sheet, in.ChosenBy)
		}
	}
}

// open resolves --demo to the built-in workbooks, checks that a month and a
// session log are given and parses the month. The caller calls cleanup.
func (in *monthInputs) open() (m rules.Month, cleanup func(), err error) {
	cleanup = func() {}
	if in.demo {
		if in.sessions != "" || in.records != "" || in.month != "" || in.noRecords {
			return m, cleanup, &exitError{exitBadInput, errors.New("--demo 使用内置数据，不能同时指定 --month、--sessions、--records 或 --no-records")}
		}
		dir, rm, err := writeDemo(demoSessions, demoRecords)
		if err != nil {
			return m, cleanup, err
		}
		cleanup = rm
		in.month, in.sessions, in.records = demoMonth, filepath.Join(dir, demoSessions), filepath.Join(dir, demoRecords)
	}
	if in.month == "" || in.sessions == "" {
		return m, cleanup, &exitError{exitBadInput, errors.New("请用 --month 指定月份、用 --sessions 指定课时登记（或用 --demo 试算示例数据）")}
	}
	if err := checkRecordsFlags(in.records, in.noRecords); err != nil {
		return m, cleanup, err
	}
	m, err = rules.ParseMonth(in.month)
	return m, cleanup, err
}

// checkRecordsFlags refuses a month run without its discipline records:
// forgetting --records would drop every deduction and reward without a
// word, so a month that has none says --no-records (SPEC 3, records).
func checkRecordsFlags(records string, noRecords bool) error {
	switch {
	case records != "" && noRecords:
		return &exitError{exitBadInput, errors.New("--records 和 --no-records 只能用一个：有考核记录就用 --records 给出，本月确实没有才用 --no-records")}
	case records == "" && !noRecords:
		return &exitError{exitBadInput, errors.New("没有给出考核记录：请用 --records 考核记录.xlsx 给出本月的考核记录（早退、投诉、请假、奖励等）；" +
			"本月确实没有任何考核记录时，改加 --no-records。不给考核记录就计算，会漏掉所有扣款和奖励")}
	}
	return nil
}

// monthRun is one month's inputs read and its pay worked out: what payroll,
// explain and check share.
type monthRun struct {
	rules    sheet.InputFile // the rules file, as 计算说明 records it
	sessions sheet.InputFile // the session log; not Table() when it could not be opened
	records  sheet.InputFile // the records; Name is "" when none were given
	staff    sheet.InputFile // the staff list; Name is "" when none was given
	tally    *calc.Tally
	payout   *calc.Payout // nil when any input has an error

	logProblems calc.Problems // the session log's reader's
	problems    calc.Problems // every problem: the readers', then the calculation's
}

// loadMonth reads the month's session log and records under rules r and
// works out the month's pay from the rows that read well, so that one run
// lists every problem of every file. With trace set, the tally keeps that
// person's entries for explain.
func loadMonth(ctx context.Context, r *rules.Rules, rulesFile sheet.InputFile, in monthInputs, m rules.Month, trace string, read ...sheet.ReadOption) *monthRun {
	run := loadMonthFrom(ctx, r, rulesFile, workbooks{in, read}, m, trace)
	// The rules file's doubts first, then the readers' and calc's.
	run.problems = append(rulesWarnings(r), run.problems...)
	return run
}

// monthSource is where one month's session log and records are read from:
// workbooks (payroll, explain, check, verify --signed) or the lines of a
// case of kfpay verify. Either way loadMonthFrom does the rest.
type monthSource interface {
	// sessions reads the session log into tl, with the labels of tl's
	// rules: the version of the month.
	sessions(ctx context.Context, tl *calc.Tally) (sheet.InputFile, calc.Problems)
	// records reads the month's records under r, the month's version;
	// given is false when there are none to read.
	records(ctx context.Context, m rules.Month, r *rules.Rules) (recs []calc.Record, info sheet.InputFile, problems calc.Problems, given bool)
}

// staffSource is a monthSource that may give a staff list (--staff).
type staffSource interface {
	staff(ctx context.Context) (staff *calc.Staff, info sheet.InputFile, problems calc.Problems, given bool)
}

// workbooks are a month's inputs as workbooks.
type workbooks struct {
	in   monthInputs
	read []sheet.ReadOption
}

func (w workbooks) sessions(ctx context.Context, tl *calc.Tally) (sheet.InputFile, calc.Problems) {
	return sheet.ReadSessions(ctx, w.in.sessions, w.in.sessionsSheet, tl.Rules(), tl, w.read...)
}

func (w workbooks) staff(ctx context.Context) (*calc.Staff, sheet.InputFile, calc.Problems, bool) {
	if w.in.staff == "" {
		return nil, sheet.InputFile{}, nil, false
	}
	staff, info, problems := readStaff(ctx, w.in.staff, w.in.staffSheet)
	return staff, info, problems, true
}

func (w workbooks) records(ctx context.Context, m rules.Month, _ *rules.Rules) ([]calc.Record, sheet.InputFile, calc.Problems, bool) {
	if w.in.records == "" {
		return nil, sheet.InputFile{}, nil, false
	}
	recs, info, problems := sheet.ReadRecords(ctx, w.in.records, w.in.recordsSheet, m)
	return recs, info, problems, true
}

// loadMonthFrom reads month m's inputs from src and works out its pay under
// rules r, the version in force on the month's first day: the one path from
// a month's inputs to its payout, which payroll, explain, check and verify
// share.
func loadMonthFrom(ctx context.Context, r *rules.Rules, rulesFile sheet.InputFile, src monthSource, m rules.Month, trace string) *monthRun {
	run := &monthRun{rules: rulesFile, tally: calc.NewTally(r, m)}
	if trace != "" {
		run.tally.Trace(trace)
	}
	if ss, ok := src.(staffSource); ok {
		// Every 工号 is checked against the list: a list that does not read
		// checks nothing, and its errors stop the run.
		if staff, info, ps, given := ss.staff(ctx); given {
			run.staff, run.problems = info, append(run.problems, ps...)
			if len(ps.Errors()) == 0 {
				run.tally.UseStaff(staff)
			}
		}
	}
	records := readRecords(ctx, src, m, run.tally.Rules())
	run.sessions, run.logProblems = src.sessions(ctx, run.tally)
	run.problems = append(run.problems, run.logProblems...)
	recs, recInfo, ps, given := records()
	if given {
		run.records = recInfo
		run.problems = append(run.problems, ps...)
	}
	if !run.sessions.Table() || ctx.Err() != nil {
		return run // a log not opened, or half read, has nothing to match the records against
	}
	// The records that read well are matched and checked too.
	p, ps := calc.Payroll(r, run.tally, recs)
	run.problems = append(run.problems, ps...)
	if len(run.problems.Errors()) == 0 {
		// The payout keeps every warning of the run, the readers' too.
		p.KeepWarnings(run.problems)
		run.payout = p
	}
	return run
}

// readRecords starts reading the month's records from src and returns
// the wait for them. Workbooks' records are read on a goroutine of their
// own while the session log is read: a file apart, which took half a
// millisecond of the 25 that issue 20 allows a school's month, on the core
// the log's reading leaves idle. A panic there is re-raised by the wait,
// with the goroutine's stack, for run's one recover to report.
func readRecords(ctx context.Context, src monthSource, m rules.Month, r *rules.Rules) func() ([]calc.Record, sheet.InputFile, calc.Problems, bool) {
	type result struct {
		recs     []calc.Record
		info     sheet.InputFile
		problems calc.Problems
		given    bool
	}
	if _, ok := src.(workbooks); !ok {
		return func() ([]calc.Record, sheet.InputFile, calc.Problems, bool) { return src.records(ctx, m, r) }
	}
	done := make(chan result, 1)
	var failed any
	go func() {
		defer func() {
			if p := recover(); p != nil {
				failed = fmt.Sprintf("%v\n\n读取考核记录时：\n%s", p, debug.Stack())
				close(done)
			}
		}()
		var res result
		res.recs, res.info, res.problems, res.given = src.records(ctx, m, r)
		done <- res
	}()
	return func() ([]calc.Record, sheet.InputFile, calc.Problems, bool) {
		res, ok := <-done
		if !ok {
			panic(failed)
		}
		return res.recs, res.info, res.problems, res.given
	}
}

// inputs are the month's input files as 计算说明 lists them: the rules file,
// the session log and the records.
func (run *monthRun) inputs() []sheet.InputFile {
	in := []sheet.InputFile{run.rules, run.sessions}
	if run.records.Name != "" {
		in = append(in, run.records)
	}
	if run.staff.Name != "" {
		in = append(in, run.staff)
	}
	return in
}

// payable returns the month to pay, or the error that stops payroll and
// explain: an interrupted read, or the problems found. When the session
// log has errors, the pay of a half-read month means nothing, nor do the
// records' matches against it: only the log's problems are reported, with
// the tally's warnings.
func (run *monthRun) payable(ctx context.Context) error {
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case len(run.logProblems.Errors()) > 0:
		return &exitError{exitBadInput, append(run.logProblems, run.tally.Problems().Warnings()...)}
	case run.payout == nil:
		return &exitError{exitBadInput, run.problems}
	}
	return nil
}

// loadRules loads the rules file, or the built-in defaults when path is empty,
// and describes it for 计算说明.
func loadRules(path string) (*rules.Rules, sheet.InputFile, error) {
	var r *rules.Rules
	if path == "" {
		r = rules.Default()
	} else {
		var err error
		if r, err = rules.Load(path); err != nil {
			return nil, sheet.InputFile{}, &exitError{exitBadInput, err}
		}
	}
	return r, sheet.InputFile{Role: "规则文件", Name: r.Source, SHA256: r.SHA256}, nil
}

// rulesWarnings are the doubts about the rules file that did not stop it
// loading (a weekend listed as a holiday), as problems of the run, so that
// they are printed, and count under --strict, like every other warning.
func rulesWarnings(r *rules.Rules) calc.Problems {
	var ps calc.Problems
	for _, w := range r.Warnings {
		ps = append(ps, calc.Problem{Code: "rules-doubt", Ref: calc.Ref{File: w.File},
			Msg: fmt.Sprintf("第 %d 行：%s", w.Line, w.Msg), Warning: true})
	}
	return ps
}

// checkOutput refuses, before any work is done, an output that is one of
// the inputs, that exists (without --force), that is a folder, or whose
// folder does not exist: a month's reading and checking should not end in
// a failure that was known at the start.
func checkOutput(out string, force bool, inputs ...string) error {
	for _, in := range inputs {
		if in != "" && samePath(in, out) {
			return &exitError{exitBadInput, fmt.Errorf("输出文件 %s 与输入文件相同；请用 -o 另取一个文件名", out)}
		}
	}
	if err := checkXLSXName(out); err != nil {
		return err
	}
	fi, err := os.Stat(out)
	switch {
	case err == nil && fi.IsDir():
		return &exitError{exitBadInput, fmt.Errorf("%s 是一个文件夹；请用 -o 给出输出文件的名字", out)}
	case err == nil && !force:
		return &exitError{exitBadInput, fmt.Errorf("%s 已存在；如需覆盖请加 --force", out)}
	}
	if dir, err := os.Stat(filepath.Dir(out)); err != nil || !dir.IsDir() {
		return &exitError{exitBadInput, fmt.Errorf("输出文件夹 %s 不存在；请先建好文件夹，或用 -o 另选位置", filepath.Dir(out))}
	}
	return nil
}

// checkXLSXName refuses an output name that does not end in .xlsx: kfpay
// writes Excel workbooks, and one named x.csv or x.xls would not open, or
// would open as something it is not.
func checkXLSXName(out string) error {
	if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
		return &exitError{exitBadInput, fmt.Errorf("输出文件 %s 不是 .xlsx 文件名：kfpay 写出的是 Excel 工作簿（.xlsx）；请换一个以 .xlsx 结尾的文件名", out)}
	}
	return nil
}

func samePath(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(ia, ib)
	}
	aa, _ := filepath.Abs(a)
	bb, _ := filepath.Abs(b)
	return aa == bb
}
