package main

import (
	"github.com/spf13/cobra"

	"kfpay/sheet/inspect"
)

func newDumpCmd(s streams) *cobra.Command {
	var sheets []string
	cmd := &cobra.Command{
		Use:   "dump 工作簿.xlsx",
		Short: "把工作簿的每个工作表输出为稳定的文本（可作 git textconv）",
		Example: `  kfpay dump 发放表-2026-09.xlsx
  kfpay dump --sheet 发放明细 发放表-2026-09.xlsx
  git config diff.kfpay.textconv "kfpay dump"   # 配合 .gitattributes: *.xlsx diff=kfpay`,
		Args: exactArgs(1, "请给出要输出的工作簿，例如 kfpay dump 发放表-2026-09.xlsx"),
		RunE: func(cmd *cobra.Command, args []string) error {
			// A damaged workbook is an error, not a dump with cells
			// missing, and prints nothing (Dump checks it first).
			if err := inspect.DumpContext(cmd.Context(), s.out, args[0], sheets...); err != nil {
				return &exitError{exitBadInput, err}
			}
			return nil
		},
	}
	cmd.Flags().StringSliceVar(&sheets, "sheet", nil, "`工作表` 只输出这个工作表（可重复给出）")
	return cmd
}
