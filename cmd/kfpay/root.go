package main

import (
	"github.com/spf13/cobra"
)

func newRootCmd(s streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "kfpay",
		Short: "课后服务补助发放与收费结算",
		Long: `kfpay 按学校课后服务方案计算教师课后服务补助（月度发放表）和学期收费结算。

退出状态（EXIT STATUS）：
  0  完成
  1  有差异（diff）
  2  输入有误或用法错误（不生成任何文件）`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.SetVersionTemplate("kfpay {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitBadInput, err: usageError(c, err)}
	})
	root.AddCommand(newPayrollCmd(s), newSettleCmd(s), newExplainCmd(s), newDumpCmd(s), newDiffCmd(s))
	return root
}

// usageError explains a usage mistake and points at the command's help.
func usageError(c *cobra.Command, err error) error {
	return &usage{msg: err.Error() + "（运行 " + c.CommandPath() + " --help 查看用法）"}
}

type usage struct{ msg string }

func (u *usage) Error() string { return u.msg }
