package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"kfpay/calc"
	"kfpay/sheet"
)

type explainOptions struct {
	monthInputs
	teacher string
}

func newExplainCmd(s streams) *cobra.Command {
	var o explainOptions
	cmd := &cobra.Command{
		Use:   "explain --teacher 姓名或工号 --month YYYY-MM --sessions 课时登记.xlsx --records 考核记录.xlsx|--no-records",
		Short: "逐项说明一位教师当月每个数字的算法、依据的条款和来源单元格",
		Long: `用与 payroll 相同的输入重新计算一个月，逐项列出一位教师发放明细中的每个数字：
怎样算出、依据方案的哪一条（篇三 …）和规则文件的哪一项、来自课时登记和考核记录
的哪些单元格。有行政值班时列出值班经费的计算和本人按最大余数法分得的课时；
有考核记录时列出每类记录的扣除比例是怎样相加的。不写任何文件。`,
		Example: `  kfpay explain --teacher 陈静 --month 2026-09 --sessions 课时登记.xlsx --records 考核记录.xlsx
  kfpay explain --teacher T03 --demo`,
		Args: noArgs("--teacher 陈静"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runExplain(cmd.Context(), s, o)
		},
	}
	addMonthFlags(cmd, &o.monthInputs)
	cmd.Flags().StringVar(&o.teacher, "teacher", "", "`姓名或工号` 要说明的教师")
	return cmd
}

func runExplain(ctx context.Context, s streams, o explainOptions) error {
	who := sheet.NormalizeName(o.teacher)
	if who == "" {
		return &exitError{exitBadInput, errors.New("请用 --teacher 指定教师的姓名或工号")}
	}
	m, cleanup, err := o.open()
	if err != nil {
		return err
	}
	defer cleanup()
	r, rulesFile, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	run := loadMonth(ctx, r, rulesFile, o.monthInputs, m, who)
	if err := run.payable(ctx); err != nil {
		return err
	}
	ex, err := calc.Explain(run.payout, run.tally, who)
	if err != nil {
		return &exitError{exitBadInput, err}
	}
	printProblems(s.err, run.problems.Warnings())
	printChosenSheets(s, run.inputs())
	w := bufio.NewWriter(s.out)
	printExplanation(w, ex, run.payout)
	return w.Flush()
}

// printExplanation prints each figure on a line of its own with its formula,
// then its rule, steps and sources indented below it.
func printExplanation(w io.Writer, ex *calc.Explanation, p *calc.Payout) {
	fmt.Fprintf(w, "%s 课后服务补助明细\n", ex)
	fmt.Fprintf(w, "规则：%s %s\n", p.Rules.Source, calc.VersionText(p.Rules))
	if p.Unapproved {
		fmt.Fprintln(w, "注意："+calc.UnapprovedNotice)
	}
	for _, it := range ex.Items {
		fmt.Fprintf(w, "\n%s %s", it.Name, it.Value)
		if it.Formula != "" {
			fmt.Fprintf(w, "：%s", it.Formula)
		}
		fmt.Fprintln(w)
		if it.Rule != "" {
			fmt.Fprintf(w, "  依据：%s\n", it.Rule)
		}
		for _, st := range it.Steps {
			fmt.Fprintf(w, "  · %s\n", st)
		}
		for _, src := range it.Sources {
			fmt.Fprintf(w, "  来源：%s\n", src)
		}
	}
}
