package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"kfpay/sheet"
)

type slipsOptions struct {
	payout       string
	output       string
	force        bool
	acceptEdited bool
}

func newSlipsCmd(s streams) *cobra.Command {
	var o slipsOptions
	cmd := &cobra.Command{
		Use:   "slips 发放表-YYYY-MM.xlsx",
		Short: "按已签字的发放表生成工资条：每位教师一条，剪开发给本人",
		Long: `读取 kfpay payroll 生成的发放表（经校验码核对，确认生成后没有被改动），为每位
教师生成一条工资条：标题、本人不为零的项目（各条自带表头）、实发合计，以及本月每条
扣款、奖励的原因（如“10-15 早退（第 3 次）扣 100%”）。各条之间留出剪开的空行，
打印时不会有一条被分在两页上。更正后的发放表（payroll --against）的工资条另列
已发金额和补发或扣回。

默认写到发放表所在的文件夹，文件名把“发放表”换成“工资条”。`,
		Example: `  kfpay slips 发放表-2026-09.xlsx              # 生成 工资条-2026-09.xlsx
  kfpay slips 发放表-2026-09-更正.xlsx         # 更正的补发、扣回
  kfpay slips 发放表-2026-09.xlsx -o 九月工资条.xlsx`,
		Args: exactArgs(1, "请给出 kfpay payroll 生成的发放表，例如 kfpay slips 发放表-2026-09.xlsx"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.payout = args[0]
			return runSlips(cmd.Context(), s, o)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "", "`文件.xlsx` 输出的工资条（默认在发放表旁边，文件名把“发放表”换成“工资条”）")
	f.BoolVar(&o.force, "force", false, "覆盖已存在的输出文件（旧文件依次改名为 .1.bak、.2.bak … 保留，不删除）")
	addAcceptEditedFlag(cmd, &o.acceptEdited)
	return cmd
}

// besidePayout names an output made from the payout at payout: in its
// folder, 发放表 in its name changed to word (发放表-2026-09.xlsx →
// 工资条-2026-09.xlsx), or word and its name when it has none.
func besidePayout(payout, word string) string {
	dir, base := filepath.Split(payout)
	if rest, ok := strings.CutPrefix(base, "发放表"); ok {
		return filepath.Join(dir, word+rest)
	}
	return filepath.Join(dir, word+"-"+strings.TrimSuffix(base, filepath.Ext(base))+".xlsx")
}

func runSlips(ctx context.Context, s streams, o slipsOptions) error {
	if o.output == "" {
		o.output = besidePayout(o.payout, "工资条")
	}
	if err := checkOutput(o.output, o.force, o.payout); err != nil {
		return err
	}
	logs, err := openRunLogs(s.rec, o.output)
	if err != nil {
		return err
	}
	defer logs.close()
	pp, info, problems := sheet.ReadPayoutDetail(ctx, o.payout, payoutOptions(o.acceptEdited)...)
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(problems.Errors()) > 0 {
		return &exitError{exitBadInput, problems}
	}
	backup, err := sheet.WriteSlips(ctx, o.output, pp, sheet.SlipsMeta{Version: version, Payout: info}, o.force)
	if err != nil {
		return err
	}
	totals := []string{fmt.Sprintf("工资条 %d 张", sheet.SlipCount(pp)), "实发合计 " + pp.Total.Net.StringFixed(2)}
	if info.Edited != "" {
		totals = append(totals, "发放表"+info.Edited)
	}
	if err := logs.append([]sheet.RecordedFile{recorded(info, o.payout)}, []output{{"工资条", o.output}}, totals...); err != nil {
		return err
	}
	printProblems(s.err, problems.Warnings())
	fmt.Fprintf(s.out, "%s %s 工资条已生成：%s（%d 张）\n", pp.School, pp.Month.Chinese(), o.output, sheet.SlipCount(pp))
	fmt.Fprintf(s.out, "发放表：%s（sha256 %s）\n", o.payout, info.SHA256)
	fmt.Fprintf(s.out, "实发合计：%s 元（%d 人）\n", pp.Total.Net.StringFixed(2), len(pp.Lines))
	if c := pp.Correction; c != nil {
		fmt.Fprintf(s.out, "更正：补发 %s 元，扣回 %s 元（对照 %s）\n", c.Total.Topup.StringFixed(2), c.Total.Recover.StringFixed(2), c.Signed.File)
	}
	printBackups(s, []string{o.output}, []string{backup})
	return nil
}
