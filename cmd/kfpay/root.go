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
  0    完成
  1    有差异（diff）；核对未通过（verify）
  2    输入有误或用法错误（不生成任何文件）
  3    程序错误（kfpay 自身的错误，请报告）
  130  已中断（Ctrl-C），不生成任何文件`,
		Example: `  kfpay init 2026秋季        # 第一次使用：生成规则文件和空白登记表
  kfpay payroll --demo       # 用内置示例数据试算一个月`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          rootArgs,
		RunE:          helpOnly,
	}
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.err)
	root.SetVersionTemplate("kfpay {{.Version}}\n")
	root.AddCommand(newInitCmd(s), newCheckCmd(s), newPayrollCmd(s), newSettleCmd(s), newSlipsCmd(s), newBankCmd(s),
		newExplainCmd(s), newServeCmd(s), newVerifyCmd(s), newDumpCmd(s), newDiffCmd(s), newLogCmd(s), newGenCmd(s))
	localize(root)
	return root
}

// usageError explains a usage mistake and points at the command's help.
func usageError(c *cobra.Command, err error) error {
	return &usage{msg: err.Error() + "（运行 " + c.CommandPath() + " --help 查看用法）"}
}

type usage struct{ msg string }

func (u *usage) Error() string { return u.msg }
