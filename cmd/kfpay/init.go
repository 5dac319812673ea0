package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"kfpay/rules"
	"kfpay/sheet"
)

// rulesFileName is the name init gives the rules file, casesFileName the
// cases file written beside it.
const (
	rulesFileName = "rules.toml"
	casesFileName = "cases.toml"
)

type initOptions struct {
	dir    string
	rules  string // make the templates from this rules file instead of writing the defaults
	layout string // of the session log: log, grid or summary
	month  string // of a grid or summary template; default the term's first month
}

func newInitCmd(s streams) *cobra.Command {
	var o initOptions
	cmd := &cobra.Command{
		Use:   "init [文件夹]",
		Short: "生成规则文件、用例文件和五个空白登记表（第一次使用从这里开始）",
		Long: `在文件夹（默认当前文件夹）中生成：
  rules.toml      规则文件：补助标准、考核扣除、学期校历，每行有中文注释
  cases.toml      用例文件：按规则应算出的数字，逐条手算，kfpay verify 核对
  课时登记.xlsx   每月的课时登记
  考核记录.xlsx   每月的考核记录
  教师名单.xlsx   教师的工号和姓名（可选，用 --staff 给出时逐一核对）
  学生名单.xlsx   学期结算用的学生名单
  支出明细.xlsx   学期结算用的其他支出
每个表都有标题、表头、下拉列表和“说明”工作表。已有同名文件时什么也不写。
已有规则文件时，用 --rules 按它的类型、事项生成登记表，不再写 rules.toml 和 cases.toml。

课时登记默认每条一行（--layout log）；学校习惯按日考勤表或月度汇总表的，用
--layout grid 或 --layout summary，生成 --month 那个月的 课时登记-YYYY-MM.xlsx。

每个月开始时，在已有的学期文件夹（有 rules.toml）中运行 kfpay init --month YYYY-MM：
只生成那个月的 课时登记-YYYY-MM.xlsx 和 考核记录-YYYY-MM.xlsx，样式与此前各月相同
（或按 --layout），rules.toml、学生名单、支出明细等已有的文件一概不动。`,
		Example: `  kfpay init 2026秋季              # 在新文件夹 2026秋季 中生成
  kfpay init --month 2026-10 2026秋季   # 下个月：只生成 课时登记-2026-10.xlsx 和 考核记录-2026-10.xlsx
  kfpay init --rules rules.toml 新表  # 按已有规则文件生成登记表
  kfpay init --layout grid --month 2026-10 --rules rules.toml 10月   # 10月的按日考勤表`,
		Args: maxArgs(1, "只能给一个文件夹，例如 kfpay init 2026秋季"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.dir = args[0]
			}
			return runInit(cmd.Context(), s, o)
		},
	}
	cmd.Flags().StringVar(&o.rules, "rules", "", "`rules.toml` 按这个规则文件生成登记表（不再写 rules.toml）")
	cmd.Flags().StringVar(&o.layout, "layout", "", "`log|grid|summary` 课时登记的样式：每条一行（默认）、按日考勤表或月度汇总表；在已有的学期文件夹中默认与此前各月相同")
	cmd.Flags().StringVar(&o.month, "month", "", "`YYYY-MM` 月份：在已有的学期文件夹中只生成这个月的课时登记和考核记录；新文件夹中为按日考勤表或月度汇总表的月份（默认学期第一个月）")
	return cmd
}

// runInit writes the rules file and the templates into o.dir. It checks
// every target first and writes nothing if any exists: a half-initialised
// folder is harder to understand than a refusal.
func runInit(ctx context.Context, s streams, o initOptions) error {
	if o.dir == "" {
		o.dir = "."
	}
	if o.month != "" && isTermFolder(o.dir) {
		return runInitMonth(ctx, s, o)
	}
	r := rules.Default()
	writeRules := o.rules == ""
	if !writeRules {
		var err error
		if r, err = rules.Load(o.rules); err != nil {
			return &exitError{exitBadInput, err}
		}
	}
	layout, err := parseLayout(o.layout)
	if err != nil {
		return err
	}
	if layout == "" {
		layout = sheet.LayoutLog
	}
	m := r.Term.Start.MonthOf()
	if o.month != "" {
		var err error
		if m, err = rules.ParseMonth(o.month); err != nil {
			return &exitError{exitBadInput, err}
		}
	}
	templates, err := sheet.Templates(r.At(m), layout, m)
	if err != nil {
		return err
	}
	defer closeTemplates(templates)

	var names []string
	if writeRules {
		// The starter cases are worked out under the default rules: they
		// go with the rules file init writes, not beside a school's own.
		names = append(names, rulesFileName, casesFileName)
	}
	for _, t := range templates {
		names = append(names, t.Name)
	}
	var existing []string
	for _, name := range names {
		if _, err := os.Lstat(filepath.Join(o.dir, name)); err == nil {
			existing = append(existing, name)
		}
	}
	if len(existing) > 0 {
		return &exitError{exitBadInput, fmt.Errorf("%s 中已有 %s，为免覆盖已填写的内容，什么也没有写；请换一个新文件夹，例如 kfpay init 新学期",
			displayDir(o.dir), strings.Join(existing, "、"))}
	}
	if st, err := os.Stat(o.dir); err == nil && !st.IsDir() {
		return &exitError{exitBadInput, fmt.Errorf("%s 是一个文件，不是文件夹；请给出一个文件夹名，例如 kfpay init 2026秋季", o.dir)}
	}
	if err := os.MkdirAll(o.dir, 0o755); err != nil {
		return fmt.Errorf("无法创建文件夹 %s：%w", o.dir, err)
	}
	logs, err := openRunLogs(s.rec, filepath.Join(o.dir, rulesFileName))
	if err != nil {
		return err
	}
	defer logs.close()

	// All or none, as every kfpay output: a half-initialised folder is
	// harder to understand than a refusal, and blocks the next try.
	var files []sheet.File
	if writeRules {
		files = append(files,
			sheet.Bytes(filepath.Join(o.dir, rulesFileName), rules.DefaultFile()),
			sheet.Bytes(filepath.Join(o.dir, casesFileName), rules.DefaultCasesFile()))
	}
	for _, t := range templates {
		files = append(files, t.File(filepath.Join(o.dir, t.Name)))
	}
	err = sheet.WriteFiles(ctx, false, files...)
	var exists *sheet.ExistsError
	switch {
	case errors.As(err, &exists):
		// Made between the check above and now.
		return &exitError{exitBadInput, fmt.Errorf("%s 已存在，为免覆盖已填写的内容，什么也没有写", exists.Path)}
	case err != nil:
		return err
	}
	var inputs []sheet.RecordedFile
	if !writeRules {
		inputs = append(inputs, sheet.RecordedFile{Role: "规则文件", Path: o.rules, SHA256: r.SHA256})
	}
	if err := logs.append(inputs, initOutputs(files), fmt.Sprintf("%d 个文件", len(files))); err != nil {
		return err
	}
	printInitSummary(s, o, m, templates, writeRules)
	return nil
}

// printInitSummary lists what init wrote and the bursar's next steps, with
// the month of the term's start in the command lines.
func printInitSummary(s streams, o initOptions, m rules.Month, templates []*sheet.Template, wroteRules bool) {
	fmt.Fprintf(s.out, "已在 %s 中生成：\n", displayDir(o.dir))
	rows := [][]string{}
	if wroteRules {
		rows = append(rows, []string{"  " + rulesFileName, "规则文件：补助标准、考核扣除、学期校历"})
		rows = append(rows, []string{"  " + casesFileName, "用例文件：按规则应算出的数字，kfpay verify 逐一核对"})
	}
	for _, t := range templates {
		rows = append(rows, []string{"  " + t.Name, t.Role})
	}
	printAligned(s.out, rows)
	month := m.String()
	rulesArg := rulesFileName
	if !wroteRules {
		rulesArg = o.rules
	}
	fmt.Fprintln(s.out, "\n下一步：")
	if displayDir(o.dir) != "当前文件夹" {
		fmt.Fprintf(s.out, "  （以下命令在 %s 文件夹中运行：cd %s）\n", o.dir, o.dir)
	}
	step := 1
	if wroteRules {
		fmt.Fprintf(s.out, "  %d. 用记事本打开 rules.toml，改学校名称（school）、审批记录（approved）、\n     绩效服务费（[performance]）和学期校历（[term]）\n", step)
		step++
	}
	if o.layout == "" || o.layout == string(sheet.LayoutLog) {
		fmt.Fprintf(s.out, "  %d. 把 课时登记.xlsx 复制为 课时登记-%s.xlsx，考核记录.xlsx 复制为 考核记录-%s.xlsx，\n     从第 3 行起填写（每个表的“说明”工作表有示例）\n", step, month, month)
	} else {
		fmt.Fprintf(s.out, "  %d. 在 课时登记-%s.xlsx 中每人一行填写；把 考核记录.xlsx 复制为 考核记录-%s.xlsx 填写\n", step, month, month)
	}
	step++
	fmt.Fprintf(s.out, "  %d. （可选）在 教师名单.xlsx 中填全校教师的工号和姓名；下面两条命令加上 --staff 教师名单.xlsx，\n     每个工号都会与名单核对\n", step)
	step++
	fmt.Fprintf(s.out, "  %d. 检查：kfpay check --month %s --sessions 课时登记-%s.xlsx --records 考核记录-%s.xlsx --rules %s\n", step, month, month, month, rulesArg)
	step++
	fmt.Fprintf(s.out, "  %d. 生成发放表：kfpay payroll --month %s --sessions 课时登记-%s.xlsx --records 考核记录-%s.xlsx --rules %s\n", step, month, month, month, rulesArg)
	fmt.Fprintln(s.out, "     （某月确实没有任何考核记录时，把 --records 考核记录-….xlsx 换成 --no-records）")
	if wroteRules {
		step++
		fmt.Fprintf(s.out, "  %d. 每次改 rules.toml 后核对：kfpay verify --rules rules.toml cases.toml（改了标准，按新标准改写 cases.toml 中期望的数字）\n", step)
	}
	where := "在当前文件夹中"
	if displayDir(o.dir) != "当前文件夹" {
		where = "在 " + o.dir + " 文件夹中"
	}
	fmt.Fprintf(s.out, "\n下个月开始时：%s运行 kfpay init --month %s，只生成那个月的课时登记和考核记录\n", where, m.Next())
}

// isTermFolder reports whether dir holds a term's files already, as init
// writes them: the rules file, or a template or a month's session log.
// There, init --month writes that month's workbooks and nothing else.
func isTermFolder(dir string) bool {
	for _, name := range []string{rulesFileName, "课时登记.xlsx", "考核记录.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return true
		}
	}
	return len(monthLogs(dir)) > 0
}

// monthLog is a month's session log in a term folder.
type monthLog struct {
	month rules.Month
	path  string
}

// monthLogs are the session logs of dir named as init --month names them
// (课时登记-2026-09.xlsx, or a .csv of that name), by month.
func monthLogs(dir string) []monthLog {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []monthLog
	for _, e := range entries {
		name := e.Name()
		ext := filepath.Ext(name)
		rest, ok := strings.CutPrefix(strings.TrimSuffix(name, ext), "课时登记-")
		if !ok || e.IsDir() || (ext != ".xlsx" && ext != ".csv") {
			continue
		}
		if m, err := rules.ParseMonth(rest); err == nil {
			out = append(out, monthLog{m, filepath.Join(dir, name)})
		}
	}
	slices.SortStableFunc(out, func(a, b monthLog) int { return strings.Compare(a.month.String(), b.month.String()) })
	return out
}

// initOutputs are the files init wrote, for its run record.
func initOutputs(files []sheet.File) []output {
	var outputs []output
	for _, f := range files {
		role := "模板"
		switch filepath.Base(f.Path) {
		case rulesFileName:
			role = "规则文件"
		case casesFileName:
			role = "用例文件"
		}
		outputs = append(outputs, output{role, f.Path})
	}
	return outputs
}

// runInitMonth writes month o.month's session log and records into the term
// folder o.dir, and nothing else: the rules file, the roster, the expenses
// and every earlier month are left as they are. The layout is --layout, or
// that of the last month's log before it, or the log template's.
func runInitMonth(ctx context.Context, s streams, o initOptions) error {
	m, err := rules.ParseMonth(o.month)
	if err != nil {
		return &exitError{exitBadInput, err}
	}
	rulesPath := o.rules
	if rulesPath == "" {
		rulesPath = filepath.Join(o.dir, rulesFileName)
		if _, err := os.Stat(rulesPath); err != nil {
			return &exitError{exitBadInput, fmt.Errorf("%s 中没有 %s；请用 --rules 给出本学期的规则文件", displayDir(o.dir), rulesFileName)}
		}
	}
	base, err := rules.Load(rulesPath)
	if err != nil {
		return &exitError{exitBadInput, err}
	}
	r := base.At(m)
	if r.Term.ServiceDays(m.First(), m.Last()) == 0 {
		return &exitError{exitBadInput, fmt.Errorf("%s 在 %s 的学期校历（%s，%s 至 %s）中没有课后服务日，什么也没有写；新学期请另建文件夹，例如 kfpay init 新学期",
			m.Chinese(), filepath.Base(rulesPath), r.Term.Name, r.Term.Start, r.Term.End)}
	}
	layout, err := parseLayout(o.layout)
	if err != nil {
		return err
	}
	from := ""
	if layout == "" {
		layout, from = folderLayout(ctx, o.dir, m, r)
	}
	templates, err := sheet.MonthTemplates(r, layout, m)
	if err != nil {
		return err
	}
	defer closeTemplates(templates)
	var existing []string
	var files []sheet.File
	for _, t := range templates {
		path := filepath.Join(o.dir, t.Name)
		if _, err := os.Lstat(path); err == nil {
			existing = append(existing, t.Name)
		}
		files = append(files, t.File(path))
	}
	if len(existing) > 0 {
		return &exitError{exitBadInput, fmt.Errorf("%s 中已有 %s，为免覆盖已填写的内容，什么也没有写", displayDir(o.dir), strings.Join(existing, "、"))}
	}
	logs, err := openRunLogs(s.rec, filepath.Join(o.dir, rulesFileName))
	if err != nil {
		return err
	}
	defer logs.close()
	err = sheet.WriteFiles(ctx, false, files...)
	var exists *sheet.ExistsError
	switch {
	case errors.As(err, &exists):
		return &exitError{exitBadInput, fmt.Errorf("%s 已存在，为免覆盖已填写的内容，什么也没有写", exists.Path)}
	case err != nil:
		return err
	}
	inputs := []sheet.RecordedFile{{Role: "规则文件", Path: rulesPath, SHA256: base.SHA256}}
	if err := logs.append(inputs, initOutputs(files), fmt.Sprintf("%s 的 %d 个文件", m.Chinese(), len(files))); err != nil {
		return err
	}

	fmt.Fprintf(s.out, "已在 %s 中生成%s的登记表：\n", displayDir(o.dir), m.Chinese())
	var rows [][]string
	for _, t := range templates {
		rows = append(rows, []string{"  " + t.Name, t.Role})
	}
	printAligned(s.out, rows)
	if from != "" {
		fmt.Fprintf(s.out, "课时登记的样式与 %s 相同（%s）；要换样式，删去这两个文件后加 --layout 重新生成。\n", filepath.Base(from), layoutWords[layout])
	}
	fmt.Fprintln(s.out, "规则文件、教师名单、学生名单、支出明细和此前各月的文件都没有改动。")
	logName, recName := templates[0].Name, templates[1].Name
	rulesArg := pathFrom(o.dir, rulesPath)
	fmt.Fprintln(s.out, "\n下一步：")
	if displayDir(o.dir) != "当前文件夹" {
		fmt.Fprintf(s.out, "  （以下命令在 %s 文件夹中运行：cd %s）\n", o.dir, o.dir)
	}
	if layout == sheet.LayoutLog {
		fmt.Fprintf(s.out, "  1. 在 %s 和 %s 中从第 3 行起每行填一条\n", logName, recName)
	} else {
		fmt.Fprintf(s.out, "  1. 在 %s 中每人一行填写；在 %s 中从第 3 行起每行填一条\n", logName, recName)
	}
	fmt.Fprintf(s.out, "  2. 检查：kfpay check --month %s --sessions %s --records %s --rules %s\n", m, logName, recName, rulesArg)
	fmt.Fprintf(s.out, "  3. 生成发放表：kfpay payroll --month %s --sessions %s --records %s --rules %s\n", m, logName, recName, rulesArg)
	return nil
}

// parseLayout reads --layout: log, grid, summary, or "" when not given.
func parseLayout(s string) (sheet.Layout, error) {
	switch l := sheet.Layout(s); l {
	case "", sheet.LayoutLog, sheet.LayoutGrid, sheet.LayoutSummary:
		return l, nil
	}
	return "", &exitError{exitBadInput, fmt.Errorf("--layout %s 不认识；可选 log（每条一行）、grid（按日考勤表）或 summary（月度汇总表）", s)}
}

// closeTemplates frees the workbooks of templates.
func closeTemplates(templates []*sheet.Template) {
	for _, t := range templates {
		_ = t.Close()
	}
}

// layoutWords name the layouts of a session log as init's messages do.
var layoutWords = map[sheet.Layout]string{
	sheet.LayoutLog:     "每条一行",
	sheet.LayoutGrid:    "按日考勤表",
	sheet.LayoutSummary: "月度汇总表",
}

// folderLayout is the layout of the last month's session log in dir before
// m, and that log; or, with none, the layout of the template 课时登记.xlsx
// init wrote, which is the log.
func folderLayout(ctx context.Context, dir string, m rules.Month, r *rules.Rules) (sheet.Layout, string) {
	logs := monthLogs(dir)
	for i := len(logs) - 1; i >= 0; i-- {
		if !logs[i].month.Before(m) {
			continue
		}
		if layout, ok := sheet.LayoutOf(ctx, logs[i].path, r); ok {
			return layout, logs[i].path
		}
	}
	return sheet.LayoutLog, ""
}

// pathFrom is path as a command run in dir names it: relative to dir when
// it can be, else absolute.
func pathFrom(dir, path string) string {
	absDir, err1 := filepath.Abs(dir)
	absPath, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return path
	}
	if rel, err := filepath.Rel(absDir, absPath); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return absPath
}

// displayDir names a folder for the bursar: 当前文件夹 for ".".
func displayDir(dir string) string {
	if filepath.Clean(dir) == "." {
		return "当前文件夹"
	}
	return dir
}
