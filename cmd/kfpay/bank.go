package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet"
)

type bankOptions struct {
	payout       string
	staff        string
	staffSheet   string
	rules        string
	output       string
	force        bool
	acceptEdited bool
}

func newBankCmd(s streams) *cobra.Command {
	var o bankOptions
	cmd := &cobra.Command{
		Use:   "bank 发放表-YYYY-MM.xlsx --staff 教师名单.xlsx [--rules rules.toml]",
		Short: "按已签字的发放表和教师名单中的账号生成银行代发文件",
		Long: `读取 kfpay payroll 生成的发放表（经校验码核对）和教师名单中的户名、账号、开户行，
生成交给银行的代发文件。格式按规则文件的 [bank]（列、表头、金额写法、是否有合计行，
见 kfpay init 写出的 rules.toml）；不写 [bank] 时为通用格式：序号、户名、账号、金额、备注。

生成前逐项核对，有任何一处不对就不生成文件：每位实发不为 0 的教师都在名单上、有账号；
户名与发放表中的姓名一致；没有两人用同一个账号；账号是按文本保存的数字（存成数字的
账号会丢位数）；代发的笔数和金额合计与发放表的人数和实发合计逐分相符（两者都打印出来）。
实发 0.00 的教师不列入，单独列出。账号只出现在代发文件中，提示信息里只写尾号后四位。

更正后的发放表（payroll --against）只代发“更正”表中的补发；扣回不能代发，单独列出。`,
		Example: `  kfpay bank 发放表-2026-09.xlsx --staff 教师名单.xlsx --rules rules.toml
  kfpay bank 发放表-2026-09-更正.xlsx --staff 教师名单.xlsx    # 更正的补发`,
		Args: exactArgs(1, "请给出 kfpay payroll 生成的发放表，例如 kfpay bank 发放表-2026-09.xlsx --staff 教师名单.xlsx"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.payout = args[0]
			return runBank(cmd.Context(), s, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.staff, "staff", "", "`教师名单.xlsx` 教师名单，含户名、账号（按文本保存）和开户行")
	addSheetFlag(cmd, &o.staffSheet, "staff-sheet", "教师名单")
	f.StringVar(&o.rules, "rules", "", "`rules.toml` 规则文件，其中 [bank] 为银行要求的代发文件格式（默认使用通用格式）")
	f.StringVarP(&o.output, "output", "o", "", "`文件.xlsx` 输出的代发文件（默认在发放表旁边，文件名把“发放表”换成“代发”）")
	f.BoolVar(&o.force, "force", false, "覆盖已存在的输出文件（旧文件依次改名为 .1.bak、.2.bak … 保留，不删除）")
	addAcceptEditedFlag(cmd, &o.acceptEdited)
	return cmd
}

func runBank(ctx context.Context, s streams, o bankOptions) error {
	if o.staff == "" {
		return &exitError{exitBadInput, errors.New("请用 --staff 给出教师名单（含户名和账号），例如 kfpay bank 发放表-2026-09.xlsx --staff 教师名单.xlsx")}
	}
	if o.output == "" {
		o.output = besidePayout(o.payout, "代发")
	}
	if err := checkOutput(o.output, o.force, o.payout, o.staff, o.rules); err != nil {
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
	pp, payoutInfo, problems := sheet.ReadPayoutDetail(ctx, o.payout, payoutOptions(o.acceptEdited)...)
	staff, staffInfo, more := readStaff(ctx, o.staff, o.staffSheet)
	problems = append(problems, more...)
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(problems.Errors()) > 0 {
		return &exitError{exitBadInput, problems}
	}
	batch, more := calc.MakeBatch(&pp, staff.Members, staffInfo.Name)
	problems = append(problems, more...)
	if batch == nil {
		return &exitError{exitBadInput, problems}
	}
	backup, err := sheet.WriteBank(ctx, o.output, batch, r.Bank, o.force)
	if err != nil {
		return err
	}
	rulesPath := o.rules
	if rulesPath == "" {
		rulesPath = rules.DefaultSource
	}
	inputs := []sheet.RecordedFile{recorded(payoutInfo, o.payout), recorded(staffInfo, o.staff), recorded(rulesFile, rulesPath)}
	totals := []string{fmt.Sprintf("代发 %d 笔", len(batch.Payments)), "金额合计 " + batch.Total.StringFixed(2)}
	if len(batch.Zero) > 0 {
		totals = append(totals, fmt.Sprintf("实发 0.00 未列入 %d 人", len(batch.Zero)))
	}
	if payoutInfo.Edited != "" {
		// The bank's file has no room for a note: the record says it.
		totals = append(totals, "发放表"+payoutInfo.Edited)
	}
	if err := logs.append(inputs, []output{{"代发文件", o.output}}, totals...); err != nil {
		return err
	}
	printProblems(s.err, problems.Warnings())
	printBank(s, batch, r.Bank, o, payoutInfo)
	printBackups(s, []string{o.output}, []string{backup})
	return nil
}

// printBank says what the batch holds and that it is the payout's to the
// fen, naming the payout by its sha256 and no account number.
func printBank(s streams, b *calc.Batch, layout rules.Bank, o bankOptions, payout sheet.InputFile) {
	pp := b.PaidPayout
	fmt.Fprintf(s.out, "%s %s 代发文件已生成：%s\n", pp.School, pp.Month.Chinese(), o.output)
	fmt.Fprintf(s.out, "格式：%s\n", layout.BankText())
	fmt.Fprintf(s.out, "发放表：%s（sha256 %s）\n", o.payout, payout.SHA256)
	what, whole := "实发合计", fmt.Sprintf("%d 人", len(pp.Lines))
	if b.Correction {
		what, whole = "更正补发", fmt.Sprintf("补发 %d 人", b.WantCount)
	}
	payoutCount := fmt.Sprint(b.WantCount)
	if len(b.Zero) > 0 && !b.Correction {
		payoutCount = fmt.Sprintf("%d（%s，其中 %d 人实发 0.00）", b.WantCount, whole, len(b.Zero))
	}
	printTable(s.out, [][]string{
		{"核对", "笔数", "金额"},
		{"代发文件", fmt.Sprint(len(b.Payments)), b.Total.StringFixed(2)},
		{"发放表" + what, payoutCount, b.WantTotal.StringFixed(2)},
	})
	fmt.Fprintln(s.out, "笔数和金额与发放表逐分相符。")
	if len(b.Zero) > 0 {
		var names []string
		for _, p := range b.Zero {
			names = append(names, personText(p))
		}
		word := "实发 0.00"
		if b.Correction {
			word = "无补发、无扣回"
		}
		fmt.Fprintf(s.out, "未列入（%s）：%s\n", word, strings.Join(names, "、"))
	}
	if len(b.Recover) > 0 {
		var names []string
		for _, l := range b.Recover {
			names = append(names, personText(l.Person)+" "+l.Recover.StringFixed(2)+" 元")
		}
		fmt.Fprintf(s.out, "扣回（不能代发，请另行收回）：%s\n", strings.Join(names, "、"))
	}
}

// personText names a person: 王芳（T01）, or the name alone.
func personText(p calc.Person) string {
	if p.ID == "" {
		return p.Name
	}
	return p.Name + "（" + p.ID + "）"
}
