package main

import (
	"context"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"kfpay/sheet"
)

type logOptions struct {
	path string // a folder, or the record itself
}

func newLogCmd(s streams) *cobra.Command {
	var o logOptions
	cmd := &cobra.Command{
		Use:   "log [文件夹]",
		Short: "列出文件夹中的运行记录：每次生成了什么、读了哪些文件（kfpay-记录.tsv）",
		Long: `每次生成发放表、收费结算、工资条、代发文件或空白登记表，kfpay 都在输出文件所在的
文件夹里的 kfpay-记录.tsv 末尾追加一行：时间、kfpay 版本、命令、读取的文件和生成的
文件（各带 sha256）以及合计。记录只追加、不改写，供审计时把每一笔代发、每一张工资条
对到签字的发放表，再对到它的输入文件。

kfpay log 按文件逐行列出（每个读取或生成的文件一行），在终端中对齐显示、sha256 只显示
前 12 位；输出接到管道或文件时为制表符分隔、sha256 完整，可以用 grep 查某个文件的
sha256 出现在哪些运行中。`,
		Example: `  kfpay log                 # 当前文件夹的运行记录
  kfpay log 2026秋季
  kfpay log | grep 3fa645a2   # 哪些运行读过或生成了这个文件`,
		Args: maxArgs(1, "只能给一个文件夹，例如 kfpay log 2026秋季"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.path = args[0]
			}
			return runLog(cmd.Context(), s, o)
		},
	}
	return cmd
}

// logShortSHA is how much of a sha256 the aligned table shows: enough to
// tell files apart by eye and to search for.
const logShortSHA = 12

func runLog(_ context.Context, s streams, o logOptions) error {
	path := o.path
	if path == "" {
		path = "."
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, sheet.RunLogName)
	}
	records, problems, err := sheet.ReadRunLog(path)
	if err != nil {
		return &exitError{exitBadInput, err}
	}
	for i := range problems {
		problems[i].Warning = true // the lines that read are still worth listing
	}
	printProblems(s.err, problems)
	terminal := isTerminal(s.out)
	// The command line last: it is long, and the columns before it stay
	// readable beside one another.
	rows := [][]string{{"时间", "版本", "读写", "角色", "文件", "sha256", "合计", "命令"}}
	for _, r := range records {
		type file struct {
			how string // 读取 or 生成
			sheet.RecordedFile
		}
		var files []file
		for _, f := range r.Inputs {
			files = append(files, file{"读取", f})
		}
		for _, f := range r.Outputs {
			files = append(files, file{"生成", f})
		}
		if len(files) == 0 {
			files = append(files, file{})
		}
		when := r.Time.Format("2006-01-02 15:04:05")
		for i, f := range files {
			sum := f.SHA256
			if terminal && len(sum) > logShortSHA {
				sum = sum[:logShortSHA]
			}
			row := []string{when, r.Version, f.how, f.Role, f.Path, sum, r.Totals, r.Command}
			if terminal && i > 0 {
				// One record's lines under its time and command.
				row[0], row[1], row[6], row[7] = "", "", "", ""
			}
			rows = append(rows, row)
		}
	}
	printTable(s.out, rows)
	return nil
}
