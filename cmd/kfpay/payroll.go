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

type payrollOptions struct {
	month         string
	sessions      string
	sessionsSheet string
	records       string
	recordsSheet  string
	rules         string
	output        string
	force         bool
	strict        bool
	demo          bool
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
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPayroll(cmd.Context(), s, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.month, "month", "", "发放月份，如 2026-09")
	f.StringVar(&o.sessions, "sessions", "", "课时登记工作簿（.xlsx）")
	f.StringVar(&o.sessionsSheet, "sheet", "", "课时登记中要读取的工作表（默认第一个可见工作表）")
	f.StringVar(&o.records, "records", "", "考核记录工作簿（.xlsx），可省略")
	f.StringVar(&o.recordsSheet, "records-sheet", "", "考核记录中要读取的工作表（默认第一个可见工作表）")
	f.StringVar(&o.rules, "rules", "", "规则文件 rules.toml（默认使用内置规则）")
	f.StringVarP(&o.output, "output", "o", "", "输出的发放表（默认 发放表-YYYY-MM.xlsx）")
	f.BoolVar(&o.force, "force", false, "覆盖已存在的输出文件（旧文件保留为 .bak）")
	f.BoolVar(&o.strict, "strict", false, "把警告也当作错误")
	f.BoolVar(&o.demo, "demo", false, "使用内置示例数据（2026年9月，约 25 位教师）")
	return cmd
}

func runPayroll(ctx context.Context, s streams, o payrollOptions) error {
	if o.demo {
		if o.sessions != "" || o.records != "" || o.month != "" {
			return &exitError{exitBadInput, errors.New("--demo 使用内置数据，不能同时指定 --month、--sessions 或 --records")}
		}
		dir, cleanup, err := writeDemo()
		if err != nil {
			return err
		}
		defer cleanup()
		o.month, o.sessions, o.records = demoMonth, filepath.Join(dir, demoSessions), filepath.Join(dir, demoRecords)
	}
	if o.month == "" || o.sessions == "" {
		return &exitError{exitBadInput, errors.New("请用 --month 指定月份、用 --sessions 指定课时登记（或用 --demo 试算示例数据）")}
	}
	m, err := rules.ParseMonth(o.month)
	if err != nil {
		return err
	}
	r, rulesFile, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	if o.output == "" {
		o.output = "发放表-" + m.String() + ".xlsx"
	}
	if err := checkOutput(o.output, o.force, o.sessions, o.records, o.rules); err != nil {
		return err
	}

	tl := calc.NewTally(r, m)
	sessInfo, problems := sheet.ReadSessions(o.sessions, o.sessionsSheet, r, tl)
	if len(problems.Errors()) > 0 {
		// The pay of a half-read month means nothing, nor do the records'
		// matches against it: report the session log's problems alone.
		return &exitError{exitBadInput, append(problems, tl.Problems().Warnings()...)}
	}
	inputs := []sheet.InputFile{rulesFile, sessInfo}
	var recs []calc.Record
	if o.records != "" {
		var recInfo sheet.InputFile
		var recProblems calc.Problems
		recs, recInfo, recProblems = sheet.ReadRecords(o.records, o.recordsSheet, m)
		problems = append(problems, recProblems...)
		inputs = append(inputs, recInfo)
	}
	// The records that read well are still matched and checked, so that one
	// run lists every problem of the records file.
	p, calcProblems := calc.Payroll(r, tl, recs)
	problems = append(problems, calcProblems...)
	if p == nil || len(problems.Errors()) > 0 {
		return &exitError{exitBadInput, problems}
	}
	if err := checkRowsAccounted(inputs); err != nil {
		return err
	}
	if o.strict && len(problems.Warnings()) > 0 {
		for i := range problems {
			problems[i].Warning = false
		}
		return &exitError{exitBadInput, problems}
	}
	if err := sheet.WritePayout(o.output, p, sheet.PayoutMeta{Version: version, Inputs: inputs}, o.force); err != nil {
		return err
	}
	printProblems(s.err, problems.Warnings())
	printPayrollSummary(s, p, o.output)
	return nil
}

// checkRowsAccounted fails a run in which an input sheet has rows that were
// read but neither used, nor skipped as empty, nor counted as rows that
// hold no entry by design (a 合计 row, a signature line), with no problem
// reported for them. Every input row is used or reported (issue 6); a row that is
// neither is a figure missing from what kfpay pays, and 计算说明, which
// states the three counts, would not add up.
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
