package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
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
	rules         string
	demo          bool
}

// addMonthFlags binds the flags of a month's inputs to in.
func addMonthFlags(cmd *cobra.Command, in *monthInputs) {
	f := cmd.Flags()
	f.StringVar(&in.month, "month", "", "`YYYY-MM` 发放月份，如 2026-09")
	f.StringVar(&in.sessions, "sessions", "", "`文件.xlsx` 课时登记工作簿")
	addSheetFlag(cmd, &in.sessionsSheet, "sheet", "课时登记")
	f.StringVar(&in.records, "records", "", "`文件.xlsx` 考核记录工作簿，可省略")
	addSheetFlag(cmd, &in.recordsSheet, "records-sheet", "考核记录")
	f.StringVar(&in.rules, "rules", "", "`rules.toml` 规则文件（默认使用内置规则）")
	f.BoolVar(&in.demo, "demo", false, "使用内置示例数据（2026年9月，约 25 位教师）")
}

// addSheetFlag binds flag name, the sheet to read of the workbook called
// book, to p. Every reader takes the first visible sheet when it is empty.
func addSheetFlag(cmd *cobra.Command, p *string, name, book string) {
	cmd.Flags().StringVar(p, name, "", "`工作表` "+book+"中要读取的工作表（默认第一个可见工作表）")
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
	prog := newProgress(s.err)
	run, err := payMonth(o.monthInputs, m, "", prog.reading(filepath.Base(o.sessions)))
	prog.done()
	if err != nil {
		return err
	}
	p, problems := run.payout, run.problems
	// The payout holds all the writer needs: let the tally's per-person
	// state (40 MB for a district's 50,000 teachers) go before writing.
	run.tally = nil
	meta := sheet.PayoutMeta{Version: version, Inputs: run.inputs}
	if o.against != "" {
		if meta.Correction, err = correctAgainst(p, o.against, &meta); err != nil {
			return err
		}
	}
	if o.strict && len(problems.Warnings()) > 0 {
		for i := range problems {
			problems[i].Warning = false
		}
		return &exitError{exitBadInput, problems}
	}
	if err := sheet.WritePayout(o.output, p, meta, o.force); err != nil {
		return err
	}
	printProblems(s.err, problems.Warnings())
	printPayrollSummary(s, p, o.output)
	// The layout was detected, not declared: say which one was read, so a
	// bursar whose grid was taken for something else sees it at once.
	sess := run.inputs[1]
	fmt.Fprintf(s.out, "课时登记：%s（%s，工作表 %s）\n", sess.Layout, sess.Name, sess.Sheet)
	if meta.Correction != nil {
		printCorrection(s, meta.Correction)
	}
	return nil
}

// correctAgainst reads the signed payout at path back and sets p against
// it, recording it among the inputs of meta.
func correctAgainst(p *calc.Payout, path string, meta *sheet.PayoutMeta) (*calc.Correction, error) {
	paid, info, problems := sheet.ReadPayout(path)
	if len(problems.Errors()) > 0 {
		return nil, &exitError{exitBadInput, problems}
	}
	info.Role = sheet.RoleSigned
	if err := checkRowsAccounted([]sheet.InputFile{info}); err != nil {
		return nil, err
	}
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

// monthRun is one month's payroll worked out from its inputs.
type monthRun struct {
	payout   *calc.Payout
	tally    *calc.Tally
	inputs   []sheet.InputFile // for 计算说明, the rules file first
	problems calc.Problems     // warnings only
}

// payMonth reads the month's inputs and works out its payout. With trace
// set, the tally keeps that person's entries for explain.
func payMonth(in monthInputs, m rules.Month, trace string, read ...sheet.ReadOption) (*monthRun, error) {
	r, rulesFile, err := loadRules(in.rules)
	if err != nil {
		return nil, err
	}
	tl := calc.NewTally(r, m)
	if trace != "" {
		tl.Trace(trace)
	}
	sessInfo, problems := sheet.ReadSessions(in.sessions, in.sessionsSheet, r, tl, read...)
	if len(problems.Errors()) > 0 {
		// The pay of a half-read month means nothing, nor do the records'
		// matches against it: report the session log's problems alone.
		return nil, &exitError{exitBadInput, append(problems, tl.Problems().Warnings()...)}
	}
	inputs := []sheet.InputFile{rulesFile, sessInfo}
	var recs []calc.Record
	if in.records != "" {
		var recInfo sheet.InputFile
		var recProblems calc.Problems
		recs, recInfo, recProblems = sheet.ReadRecords(in.records, in.recordsSheet, m)
		problems = append(problems, recProblems...)
		inputs = append(inputs, recInfo)
	}
	// The records that read well are still matched and checked, so that one
	// run lists every problem of the records file.
	p, calcProblems := calc.Payroll(r, tl, recs)
	problems = append(problems, calcProblems...)
	if p == nil || len(problems.Errors()) > 0 {
		return nil, &exitError{exitBadInput, problems}
	}
	if err := checkRowsAccounted(inputs); err != nil {
		return nil, err
	}
	return &monthRun{payout: p, tally: tl, inputs: inputs, problems: problems}, nil
}

// checkRowsAccounted fails a run in which an input sheet has rows that were
// read but neither used, nor skipped as empty, nor counted as rows that
// hold no entry by design (a 合计 row, a signature line), with no problem
// reported for them. Every input row is used or reported (issue 6): a row
// that is neither is a figure missing from what kfpay pays, and 计算说明,
// which states the counts, would not add up.
func checkRowsAccounted(inputs []sheet.InputFile) error {
	var bad []string
	for _, in := range inputs {
		if in.Sheet == "" { // the rules file: no rows
			continue
		}
		if n := in.Rows - in.Used - in.Empty - in.Other; n != 0 {
			bad = append(bad, fmt.Sprintf("%s %s 读取 %d 行，使用 %d 行，跳过空行 %d 行，非数据行 %d 行，有 %d 行未计入也未报告",
				in.Name, in.Sheet, in.Rows, in.Used, in.Empty, in.Other, n))
		}
	}
	if len(bad) > 0 {
		return &exitError{exitBadInput, fmt.Errorf("程序错误（请报告）：%s；未生成任何文件", strings.Join(bad, "；"))}
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
