package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"kfpay/sheet/inspect"
)

type diffOptions struct {
	old, new string
	format   string   // text or tsv
	sheets   []string // only these sheets, when given
	moves    bool     // report records whose source cell changed as moved
}

func newDiffCmd(s streams) *cobra.Command {
	var o diffOptions
	cmd := &cobra.Command{
		Use:   "diff 旧.xlsx 新.xlsx",
		Short: "比较两个工作簿：按教师（工号）、学生（学号）对行，列出增删改的单元格",
		Long: `逐个工作表比较两个 kfpay 工作簿（发放表、结算表），按工号（没有工号时按教师姓名）、
学号、“项目”或“类别”对行，而不是按行号：插入一位教师只显示为新增一行。
公示表只显示学号后四位，重复时再按班级、姓名区分。

扣款明细（以及结算表的教师扣回、支出明细）按每条记录的内容对行：日期、工号、教师、
事项、比例、金额和说明都相同的是同一条记录，相同的几条按先后对应；剩下的日期、教师和
事项相同的，是同一条记录改了比例或说明。记录只是换了位置（更正后的考核记录另存了
文件名，或中间插入了一行，使下面各行的“来源”都变了）不算改动；加 --moves 时显示为
“移动”。所以补登的一条投诉只显示为新增一条记录，加上那位教师变了的数字。
改动的单元格显示为“旧 → 新”，金额和数量附带差额。序号列不比较。

找不到键列的工作表（任意两个工作簿）按行号和列号比较，并加以说明。

退出状态：0 相同（无输出），1 有差异，2 出错。`,
		Example: `  kfpay diff 发放表-2026-09.xlsx 发放表-2026-10.xlsx
  kfpay diff --format tsv 旧.xlsx 新.xlsx | awk -F'\t' '$3=="实发合计"'`,
		Args: exactArgs(2, "请给出旧、新两个工作簿，例如 kfpay diff 发放表-2026-09.xlsx 发放表-2026-10.xlsx"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.old, o.new = args[0], args[1]
			return runDiff(cmd.Context(), s, o)
		},
	}
	cmd.Flags().StringSliceVar(&o.sheets, "sheet", nil, "`工作表` 只比较这个工作表（可重复给出）")
	cmd.Flags().BoolVar(&o.moves, "moves", false, "同一条考核记录只是来源单元格变了（换了文件名、插入了行）也列出，显示为“移动”")
	cmd.Flags().StringVar(&o.format, "format", "text", "`text|tsv` 输出格式：text（供阅读）或 tsv（每个改动的单元格一行：工作表、键、列、旧值、新值、差额）")
	return cmd
}

func runDiff(ctx context.Context, s streams, o diffOptions) error {
	if o.format != "text" && o.format != "tsv" {
		return &exitError{exitBadInput, fmt.Errorf("--format 应为 text 或 tsv，而不是 %q", o.format)}
	}
	d, err := inspect.DiffBooksWith(ctx, o.old, o.new, inspect.Options{Sheets: o.sheets, Moves: o.moves})
	if err != nil {
		return &exitError{exitBadInput, err}
	}
	if d.Equal() {
		return nil
	}
	w := bufio.NewWriter(s.out)
	if o.format == "tsv" {
		printDiffTSV(w, s.err, d)
	} else {
		printDiffText(w, d)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return &exitError{code: exitDifferent}
}

// noKeyNote says how a sheet without a key column was compared.
const noKeyNote = "未找到键列（工号、教师、学号、来源、项目、类别），按行号和列号比较"

// printDiffText prints d for a reader: per sheet, each row added, removed or
// changed, a changed row's cells one per line as `old → new (delta)`.
func printDiffText(w io.Writer, d *inspect.BookDiff) {
	for i, sd := range d.Sheets {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "== %s ==\n", sd.Name)
		switch sd.Only {
		case "new":
			fmt.Fprintf(w, "新增工作表（%d 行）\n", len(sd.Rows))
			continue
		case "old":
			fmt.Fprintf(w, "删除工作表（%d 行）\n", len(sd.Rows))
			continue
		}
		if !sd.Keyed {
			fmt.Fprintf(w, "（%s）\n", noKeyNote)
		}
		table := 0
		heading := func(n int) {
			// A sheet with several tables, such as 学生明细, names the table
			// a change is in, since one pupil may be in two.
			if n != table && n > 0 && len(sd.Tables) > 2 {
				fmt.Fprintf(w, "［表 %d：%s］\n", n, sd.Tables[n])
			}
			table = n
		}
		for _, c := range sd.Columns {
			heading(c.Table)
			fmt.Fprintf(w, "%s列 %s\n", changeWord(c.Change), c.Name)
		}
		for _, r := range sd.Rows {
			heading(r.Table)
			if r.Change == inspect.Changed || r.Change == inspect.Moved {
				fmt.Fprintf(w, "%s %s\n", changeWord(r.Change), r.Key)
				for _, c := range r.Cells {
					fmt.Fprintf(w, "  %s\n", c)
				}
				continue
			}
			fmt.Fprintf(w, "%s %s", changeWord(r.Change), r.Key)
			if values := rowValues(r); values != "" {
				fmt.Fprintf(w, "：%s", values)
			}
			fmt.Fprintln(w)
		}
	}
}

// rowValues lists an added or removed row's values, `上课节数 10，上课补助
// 200.00`, leaving out zeros, which say nothing about a new or a departed
// teacher, and the values the row's key already shows (工号, 教师).
func rowValues(r inspect.RowDiff) string {
	inKey := map[string]bool{}
	for _, f := range strings.Fields(r.Key) {
		inKey[f] = true
	}
	var parts []string
	for _, c := range r.Cells {
		v := c.New
		if r.Change == inspect.Removed {
			v = c.Old
		}
		if (v.Kind == inspect.CellNumber || v.Kind == inspect.CellPercent) && v.Number().IsZero() || inKey[v.Text] {
			continue
		}
		parts = append(parts, c.Column+" "+v.Text)
	}
	return strings.Join(parts, "，")
}

func changeWord(c inspect.Change) string {
	switch c {
	case inspect.Added:
		return "新增"
	case inspect.Removed:
		return "删除"
	case inspect.Moved:
		return "移动"
	}
	return "修改"
}

// printDiffTSV prints d for scripts: one line per cell that changed, was
// added or was removed: sheet, key, column, old, new, delta. A column added
// or removed is one line keyed 表头. Values are Dump's renderings, which hold
// no TAB or newline. The note of a sheet compared by row number goes to
// stderr, so that stdout stays one table.
func printDiffTSV(w, stderr io.Writer, d *inspect.BookDiff) {
	line := func(fields ...string) { fmt.Fprintln(w, strings.Join(fields, "\t")) }
	for _, sd := range d.Sheets {
		if !sd.Keyed && sd.Only == "" {
			fmt.Fprintf(stderr, "%s：%s\n", sd.Name, noKeyNote)
		}
		// In a sheet with several tables a key is prefixed with its
		// table's number: one pupil may be in two.
		key := func(table int, k string) string {
			if len(sd.Tables) > 2 && table > 0 {
				return fmt.Sprintf("表%d %s", table, k)
			}
			return k
		}
		for _, c := range sd.Columns {
			if c.Change == inspect.Added {
				line(sd.Name, key(c.Table, "表头"), c.Name, "", c.Name, "")
			} else {
				line(sd.Name, key(c.Table, "表头"), c.Name, c.Name, "", "")
			}
		}
		for _, r := range sd.Rows {
			for _, c := range r.Cells {
				delta, _ := c.Delta()
				line(sd.Name, key(r.Table, r.Key), c.Column, c.Old.Text, c.New.Text, delta)
			}
		}
	}
}
