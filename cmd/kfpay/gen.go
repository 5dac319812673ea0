package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"kfpay/rules"
	"kfpay/sheet/synth"
)

type genOptions struct {
	rows       int
	teachers   int
	perTeacher int
	pupils     int
	month      string
	output     string
	records    string
	force      bool
}

// newGenCmd is a developer's command, hidden from the help: it writes a
// made-up district month of any size, to measure kfpay at scale
// (testdata/bench/run.sh).
func newGenCmd(s streams) *cobra.Command {
	var o genOptions
	cmd := &cobra.Command{
		Use:    "gen (--rows N | --teachers N) [--per-teacher N] --month YYYY-MM -o 课时登记.xlsx [--records 考核记录.xlsx] | gen --pupils N -o 学生名单.xlsx",
		Short:  "生成指定行数的模拟课时登记和考核记录（用于性能测试）",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGen(cmd.Context(), s, o)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.rows, "rows", 0, "课时登记的数据行数")
	f.IntVar(&o.teachers, "teachers", 0, "教师人数：生成这么多位教师整月的课时登记（代替 --rows）")
	f.IntVar(&o.perTeacher, "per-teacher", 0, "每位教师最多的行数：与 --rows 同用可生成教师很多、每人行数很少的月份（如 --rows 1000000 --per-teacher 4 为 25 万位教师）")
	f.IntVar(&o.pupils, "pupils", 0, "学生人数：只生成这么多名学生的学生名单（用于 settle 的性能测试）")
	f.StringVar(&o.month, "month", "", "月份，如 2026-10")
	f.StringVarP(&o.output, "output", "o", "", "输出的课时登记工作簿")
	f.StringVar(&o.records, "records", "", "输出的考核记录工作簿（默认在课时登记文件名后加 -考核记录）")
	f.BoolVar(&o.force, "force", false, "覆盖已存在的输出文件")
	return cmd
}

func runGen(ctx context.Context, s streams, o genOptions) error {
	if o.pupils > 0 {
		return runGenRoster(ctx, s, o)
	}
	if (o.rows < 1) == (o.teachers < 1) || o.perTeacher < 0 || o.month == "" || o.output == "" {
		return &exitError{exitBadInput, fmt.Errorf("请用 --rows 指定行数或 --teachers 指定教师人数（二者选一，至少 1）、--month 指定月份、-o 指定输出文件")}
	}
	m, err := rules.ParseMonth(o.month)
	if err != nil {
		return &exitError{exitBadInput, err}
	}
	if o.records == "" {
		o.records = strings.TrimSuffix(o.output, ".xlsx") + "-考核记录.xlsx"
	}
	for _, out := range []string{o.output, o.records} {
		if err := checkXLSXName(out); err != nil {
			return err
		}
	}
	sz := synth.Size{Rows: o.rows, Teachers: o.teachers, PerTeacher: o.perTeacher}
	st, err := synth.Write(ctx, o.output, o.records, sz, m, rules.Default(), o.force)
	var tooMany *synth.TooManyRowsError
	if errors.As(err, &tooMany) {
		return &exitError{exitBadInput, err}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(s.err, "%s：%d 行，%d 位教师；%s：%d 条考核记录\n", o.output, st.Rows, st.Teachers, o.records, st.Records)
	printBackups(streams{out: s.err}, []string{o.output, o.records}, st.Backups)
	return nil
}
