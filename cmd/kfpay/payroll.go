package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

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
	rules         string
	demo          bool
}

// addMonthFlags binds the flags of a month's inputs to in.
func addMonthFlags(cmd *cobra.Command, in *monthInputs) {
	f := cmd.Flags()
	f.StringVar(&in.month, "month", "", "`YYYY-MM` 发放月份，如 2026-09")
	f.StringVar(&in.sessions, "sessions", "", "`文件` 课时登记：.xlsx 工作簿，或 .csv 文件")
	addSheetFlag(cmd, &in.sessionsSheet, "sheet", "课时登记")
	f.StringVar(&in.records, "records", "", "`文件` 考核记录（.xlsx 或 .csv），可省略")
	addSheetFlag(cmd, &in.recordsSheet, "records-sheet", "考核记录")
	f.StringVar(&in.rules, "rules", "", "`rules.toml` 规则文件（默认使用内置规则）")
	f.BoolVar(&in.demo, "demo", false, "使用内置示例数据（2026年9月，约 25 位教师）")
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
}

func newPayrollCmd(s streams) *cobra.Command {
	var o payrollOptions
	cmd := &cobra.Command{
		Use:   "payroll --month YYYY-MM --sessions 课时登记.xlsx [--records 考核记录.xlsx]",
		Short: "计算一个月的课后服务补助，生成发放表",
		Long: `按规则文件计算一个月的课后服务补助（上课补助、安全管理补助、行政值班补助、
绩效服务费及考核扣除），生成供教师签字的发放表。输入有误时列出每一处问题
（文件、工作表、单元格），不生成任何文件。`,
		Example: `  kfpay payroll --month 2026-09 --sessions 课时登记.xlsx --records 考核记录.xlsx --rules rules.toml
  kfpay payroll --demo          # 用内置的示例数据试算一个月`,
		Args: noArgs("--sessions 课时登记.xlsx"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPayroll(cmd.Context(), s, o)
		},
	}
	addMonthFlags(cmd, &o.monthInputs)
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "`文件.xlsx` 输出的发放表（默认 发放表-YYYY-MM.xlsx）")
	f.BoolVar(&o.force, "force", false, "覆盖已存在的输出文件（旧文件保留为 .bak）")
	f.BoolVar(&o.strict, "strict", false, "把警告也当作错误")
	f.StringVar(&o.against, "against", "", "`发放表.xlsx` 已签字的当月发放表：按更正后的输入重算，新发放表另加“更正”工作表，列出每人补发或扣回（原发放表不改动）")
	return cmd
}

func runPayroll(ctx context.Context, s streams, o payrollOptions) error {
	m, cleanup, err := o.open()
	if err != nil {
		return err
	}
	defer cleanup()
	if o.output == "" {
		o.output = "发放表-" + m.String() + ".xlsx"
		if o.against != "" {
			// The signed payout most likely has the plain name.
			o.output = "发放表-" + m.String() + "-更正.xlsx"
		}
	}
	// The signed payout is an input like the others: never overwritten,
	// not even with --force.
	if err := checkOutput(o.output, o.force, o.sessions, o.records, o.rules, o.against); err != nil {
		return err
	}
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
	meta := sheet.PayoutMeta{Version: version, Inputs: run.inputs()}
	if o.against != "" {
		if meta.Correction, err = correctAgainst(ctx, p, o.against, &meta); err != nil {
			return err
		}
	}
	if o.strict && len(problems.Warnings()) > 0 {
		for i := range problems {
			problems[i].Warning = false
		}
		return &exitError{exitBadInput, problems}
	}
	if err := sheet.WritePayout(ctx, o.output, p, meta, o.force); err != nil {
		return err
	}
	printProblems(s.err, problems.Warnings())
	printPayrollSummary(s, p, o.output)
	// The layout was detected, not declared: say which one was read, so a
	// bursar whose grid was taken for something else sees it at once.
	fmt.Fprintf(s.out, "课时登记：%s（%s，%s）\n", run.sessions.Layout, run.sessions.Name, run.sessions.Source())
	if meta.Correction != nil {
		printCorrection(s, meta.Correction)
	}
	return nil
}

// correctAgainst reads the signed payout at path back and sets p against
// it, recording it among the inputs of meta.
func correctAgainst(ctx context.Context, p *calc.Payout, path string, meta *sheet.PayoutMeta) (*calc.Correction, error) {
	paid, info, problems := sheet.ReadPayout(ctx, path)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if len(problems.Errors()) > 0 {
		return nil, &exitError{exitBadInput, problems}
	}
	info.Role = "已签发放表"
	meta.Inputs = append(meta.Inputs, info)
	c, problems := calc.Correct(p, paid)
	if c == nil {
		return nil, &exitError{exitBadInput, problems}
	}
	return c, nil
}

// open resolves --demo to the built-in workbooks, checks that a month and a
// session log are given and parses the month. The caller calls cleanup.
func (in *monthInputs) open() (m rules.Month, cleanup func(), err error) {
	cleanup = func() {}
	if in.demo {
		if in.sessions != "" || in.records != "" || in.month != "" {
			return m, cleanup, &exitError{exitBadInput, errors.New("--demo 使用内置数据，不能同时指定 --month、--sessions 或 --records")}
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
	m, err = rules.ParseMonth(in.month)
	return m, cleanup, err
}

// monthRun is one month's inputs read and its pay worked out: what payroll,
// explain and check share.
type monthRun struct {
	rules    sheet.InputFile // the rules file, as 计算说明 records it
	sessions sheet.InputFile // the session log; not Table() when it could not be opened
	records  sheet.InputFile // the records; Name is "" when none were given
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

// workbooks are a month's inputs as workbooks.
type workbooks struct {
	in   monthInputs
	read []sheet.ReadOption
}

func (w workbooks) sessions(ctx context.Context, tl *calc.Tally) (sheet.InputFile, calc.Problems) {
	return sheet.ReadSessions(ctx, w.in.sessions, w.in.sessionsSheet, tl.Rules(), tl, w.read...)
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
	run.sessions, run.logProblems = src.sessions(ctx, run.tally)
	run.problems = append(run.problems, run.logProblems...)
	recs, recInfo, ps, given := src.records(ctx, m, run.tally.Rules())
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

// inputs are the month's input files as 计算说明 lists them: the rules file,
// the session log and the records.
func (run *monthRun) inputs() []sheet.InputFile {
	in := []sheet.InputFile{run.rules, run.sessions}
	if run.records.Name != "" {
		in = append(in, run.records)
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
