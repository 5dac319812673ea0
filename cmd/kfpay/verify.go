package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"golang.org/x/text/unicode/norm"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet"
)

type verifyOptions struct {
	cases   string   // the cases file, when given
	rules   string   // --rules
	signed  []string // --signed: payouts to recompute
	run     string   // --run: only the cases whose name matches
	verbose bool     // -v: a line for every case, passed or not
}

func newVerifyCmd(s streams) *cobra.Command {
	var o verifyOptions
	cmd := &cobra.Command{
		Use:   "verify [--rules rules.toml] cases.toml | verify --signed '发放表-*.xlsx' [--rules rules.toml]",
		Short: "核对：按用例文件检验规则算出的数字，或重算已签字的发放表",
		Long: `kfpay verify cases.toml 逐个运行用例文件（cases.toml）中的用例：每个用例是一个月
（或写了学生的一个学期）的课时登记和考核记录，一行一条，以及规则应当算出的数字
（精确到分）或应当报出的错误。用例与 payroll、settle 走同一条计算路径，用 --rules
给出的规则文件中该月有效的版本。每个未通过的用例输出一行，写明期望和实际的数字，
最后一行是汇总。学校或教育局可以把它放进自己的持续集成，规则文件每次修改都先核对。

kfpay verify --signed '发放表-*.xlsx' 按每份已签字发放表“计算说明”中记录的输入文件
（在发放表所在文件夹中按 sha256 查找）和规则文件中该月有效的版本重算，与发放表
逐格比较：证明规则变更没有改动已发放的月份。找不到输入文件的发放表列为未核对，
不算不一致。

退出状态：0 全部通过，1 有用例未通过或发放表不一致，2 用例文件、规则文件或
发放表有误。`,
		Example: `  kfpay verify --rules rules.toml cases.toml
  kfpay verify --rules rules.toml --run 早退 -v cases.toml
  kfpay verify --rules rules.toml --signed '发放表-*.xlsx'`,
		Args: maxArgs(1, "只能给一个用例文件，例如 kfpay verify --rules rules.toml cases.toml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.cases = args[0]
			}
			return runVerify(cmd.Context(), s, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.rules, "rules", "", "`rules.toml` 规则文件（默认使用内置规则）")
	f.StringArrayVar(&o.signed, "signed", nil, "`发放表.xlsx` 要重算核对的已签字发放表；可重复给出，或用通配符如 '发放表-*.xlsx'")
	f.StringVar(&o.run, "run", "", "`正则表达式` 只运行名字与之匹配的用例")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "每个用例都输出一行，通过的也列出")
	return cmd
}

func runVerify(ctx context.Context, s streams, o verifyOptions) error {
	if o.cases == "" && len(o.signed) == 0 {
		return &exitError{exitBadInput, errors.New("请给出用例文件（kfpay verify --rules rules.toml cases.toml），或用 --signed 给出要核对的发放表")}
	}
	r, rulesFile, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	failed := false
	if o.cases != "" {
		f, err := verifyCases(ctx, s, o, r, rulesFile)
		if err != nil {
			return err
		}
		failed = failed || f
	}
	if len(o.signed) > 0 {
		f, err := verifySigned(ctx, s, o, r, rulesFile)
		if err != nil {
			return err
		}
		failed = failed || f
	}
	if failed {
		return &exitError{code: exitFailed}
	}
	return nil
}

// maxCasesBytes caps a cases file: thousands of cases are a few hundred KiB.
const maxCasesBytes = 16 << 20

// loadCases reads and parses the cases file at path against rules r.
func loadCases(path string, r *rules.Rules) (*rules.Cases, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &exitError{exitBadInput, fmt.Errorf("%s：找不到用例文件；kfpay init 会生成一份 cases.toml 作为起点", filepath.Base(path))}
	}
	if err != nil {
		return nil, &exitError{exitBadInput, fmt.Errorf("%s：无法读取用例文件（%v）", filepath.Base(path), err)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxCasesBytes+1))
	switch {
	case err != nil:
		return nil, &exitError{exitBadInput, fmt.Errorf("%s：无法读取用例文件（%v）", filepath.Base(path), err)}
	case len(data) > maxCasesBytes:
		return nil, &exitError{exitBadInput, fmt.Errorf("%s：文件超过 %d MiB，不是用例文件", filepath.Base(path), maxCasesBytes>>20)}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return nil, &exitError{exitBadInput, fmt.Errorf("%s：这是 Excel 工作簿，不是用例文件；用例文件是 cases.toml 这样的文本文件", filepath.Base(path))}
	}
	cs, err := rules.ParseCases(path, data, r, checkExpect)
	if err != nil {
		return nil, &exitError{exitBadInput, err}
	}
	return cs, nil
}

// verifyCases runs the cases of o.cases and prints a line for each that
// fails, then the count, the way go test does. It reports whether any failed.
func verifyCases(ctx context.Context, s streams, o verifyOptions, r *rules.Rules, rulesFile sheet.InputFile) (bool, error) {
	var filter *regexp.Regexp
	if o.run != "" {
		var err error
		if filter, err = regexp.Compile(o.run); err != nil {
			return false, &exitError{exitBadInput, fmt.Errorf("--run %s 不是有效的正则表达式：%v", o.run, err)}
		}
	}
	cs, err := loadCases(o.cases, r)
	if err != nil {
		return false, err
	}
	ran, failed := 0, 0
	for i := range cs.Cases {
		c := &cs.Cases[i]
		if filter != nil && !filter.MatchString(c.Name) {
			continue
		}
		ran++
		fails := runCase(ctx, r, rulesFile, cs.File, c)
		if err := ctx.Err(); err != nil {
			return false, err
		}
		where := fmt.Sprintf("（%s 第 %d 行）", cs.File, c.Line)
		switch {
		case len(fails) > 0:
			failed++
			fmt.Fprintf(s.out, "--- FAIL: %s%s：%s\n", c.Name, where, strings.Join(fails, "；"))
		case o.verbose:
			fmt.Fprintf(s.out, "--- PASS: %s%s\n", c.Name, where)
		}
	}
	if ran == 0 {
		return false, &exitError{exitBadInput, fmt.Errorf("%s 中没有名字与 --run %s 匹配的用例", cs.File, o.run)}
	}
	if failed > 0 {
		fmt.Fprintf(s.out, "FAIL\t%s\t%d 个用例，%d 个未通过（规则：%s）\n", cs.File, ran, failed, r.Source)
	} else {
		fmt.Fprintf(s.out, "ok\t%s\t%d 个用例全部通过（规则：%s）\n", cs.File, ran, r.Source)
	}
	return failed > 0, nil
}

// runCase runs one case the way payroll (or settle) runs a month (a term)
// and returns what differs from what the case expects, one sentence each.
func runCase(ctx context.Context, r *rules.Rules, rulesFile sheet.InputFile, file string, c *rules.Case) []string {
	if c.Term != nil {
		r = r.WithTerm(*c.Term)
	}
	if c.IsSettlement() {
		return runSettleCase(ctx, r, rulesFile, file, c)
	}
	run := loadMonthFrom(ctx, r, rulesFile, caseLines{file: file, logLines: c.Sessions, recLines: c.Records}, c.Month, "")
	return judge(c, run.problems, run.payout != nil, func(e rules.Expect) (string, error) {
		return payoutValue(run.payout, e)
	})
}

// runSettleCase settles a case's term as `kfpay settle` settles one: each
// month of the term paid under its own version of the rules and written as
// a payout workbook, the payouts read back, the roster and the spending
// read from the case's lines.
func runSettleCase(ctx context.Context, r *rules.Rules, rulesFile sheet.InputFile, file string, c *rules.Case) []string {
	dir, err := os.MkdirTemp("", "kfpay-verify-")
	if err != nil {
		return []string{"无法建立临时文件夹：" + err.Error()}
	}
	defer os.RemoveAll(dir)

	months := r.Term.Months()
	sessions, records := map[rules.Month][]rules.TextLine{}, map[rules.Month][]rules.TextLine{}
	var problems calc.Problems
	outside := func(l rules.TextLine) {
		problems = append(problems, calc.Problem{Code: "case-month", Ref: calc.Ref{File: file, Row: l.Line}, Column: "日期", Value: l.Fields[0],
			Msg: fmt.Sprintf("不在学期 %s 至 %s 有服务日的月份（%s）之内", r.Term.Start, r.Term.End, monthNames(months))})
	}
	inTerm := func(m rules.Month) bool {
		for _, t := range months {
			if t == m {
				return true
			}
		}
		return false
	}
	for _, group := range []struct {
		lines []rules.TextLine
		into  map[rules.Month][]rules.TextLine
	}{{c.Sessions, sessions}, {c.Records, records}} {
		for _, l := range group.lines {
			if m, ok := l.Month(); ok && inTerm(m) {
				group.into[m] = append(group.into[m], l)
			} else {
				outside(l)
			}
		}
	}
	var paths []string
	for _, m := range months {
		run := loadMonthFrom(ctx, r, rulesFile, caseLines{file: file, logLines: sessions[m], recLines: records[m]}, m, "")
		problems = append(problems, run.problems...)
		if run.payout == nil {
			continue
		}
		path := filepath.Join(dir, "发放表-"+m.String()+".xlsx")
		if _, err := sheet.WritePayout(ctx, path, run.payout, sheet.PayoutMeta{Version: version, Inputs: run.inputs()}, false); err != nil {
			return []string{"程序错误：" + err.Error()}
		}
		paths = append(paths, path)
	}
	if len(problems.Errors()) > 0 {
		return judge(c, problems, false, nil)
	}
	// The term's books as settle reads them: the payouts read back, the
	// roster and the spending from the case's lines.
	term := loadTerm(ctx, termFiles{payouts: paths})
	var ps calc.Problems
	term.pupils, term.roster, ps = sheet.ReadRosterLines(ctx, file, "pupils", textRows(c.Pupils))
	term.problems = append(term.problems, ps...)
	if len(c.Expenses) > 0 {
		term.spending, term.expenses, ps = sheet.ReadExpenseLines(ctx, file, "expenses", textRows(c.Expenses))
		term.problems = append(term.problems, ps...)
	}
	st, ps, err := settleTerm(ctx, r, term)
	problems = append(problems, ps...)
	return judge(c, problems, err == nil, func(e rules.Expect) (string, error) {
		return settlementValue(st, e)
	})
}

func monthNames(ms []rules.Month) string {
	var s []string
	for _, m := range ms {
		s = append(s, m.Chinese())
	}
	return strings.Join(s, "、")
}

// caseLines are the session log and records of a case, as text rows.
type caseLines struct {
	file     string
	logLines []rules.TextLine
	recLines []rules.TextLine
}

func (c caseLines) sessions(ctx context.Context, tl *calc.Tally) (sheet.InputFile, calc.Problems) {
	return sheet.ReadSessionLines(ctx, c.file, "sessions", textRows(c.logLines), tl)
}

func (c caseLines) records(ctx context.Context, m rules.Month, r *rules.Rules) ([]calc.Record, sheet.InputFile, calc.Problems, bool) {
	if len(c.recLines) == 0 {
		return nil, sheet.InputFile{}, nil, false
	}
	recs, info, problems := sheet.ReadRecordLines(ctx, c.file, "records", textRows(c.recLines), m, r)
	return recs, info, problems, true
}

func textRows(lines []rules.TextLine) []sheet.TextRow {
	out := make([]sheet.TextRow, len(lines))
	for i, l := range lines {
		out[i] = sheet.TextRow{Line: l.Line, Fields: l.Fields}
	}
	return out
}

// judge compares what a run gave with what case c expects: the errors and
// warnings it must give, each matched by its code or a part of its
// sentence, and the figures, each through value. ok is whether the run gave
// a result.
func judge(c *rules.Case, problems calc.Problems, ok bool, value func(rules.Expect) (string, error)) []string {
	var fails []string
	errs, warns := problems.Errors(), problems.Warnings()
	switch {
	case len(c.Errors) > 0 && len(errs) == 0:
		for _, m := range c.Errors {
			fails = append(fails, fmt.Sprintf("期望错误“%s”，实际没有错误", m.Text))
		}
	case len(c.Errors) > 0:
		for _, m := range c.Errors {
			if !anyMatch(errs, m.Text) {
				fails = append(fails, fmt.Sprintf("期望错误“%s”，实际的错误是：%s", m.Text, problemList(errs)))
			}
		}
	case len(errs) > 0 || !ok:
		fails = append(fails, "意外的错误："+problemList(errs))
	}
	for _, m := range c.Warnings {
		if !anyMatch(warns, m.Text) {
			actual := "没有警告"
			if len(warns) > 0 {
				actual = "实际的警告是：" + problemList(warns)
			}
			fails = append(fails, fmt.Sprintf("期望警告“%s”，%s", m.Text, actual))
		}
	}
	if !ok || len(c.Errors) > 0 {
		return fails
	}
	for _, e := range c.Expect {
		got, err := value(e)
		switch {
		case err != nil:
			fails = append(fails, err.Error())
		case !sameExpected(e, got):
			fails = append(fails, fmt.Sprintf("%s %s 期望 %s，实际 %s", e.Who, e.Column, e.Value, got))
		}
	}
	return fails
}

// anyMatch reports whether a problem of ps has the code text, or says text.
func anyMatch(ps calc.Problems, text string) bool {
	for _, p := range ps {
		if string(p.Code) == text || strings.Contains(p.Error(), text) {
			return true
		}
	}
	return false
}

// problemList quotes the first problems of ps.
func problemList(ps calc.Problems) string {
	const most = 3
	var s []string
	for i, p := range ps {
		if i == most {
			s = append(s, fmt.Sprintf("……共 %d 处", len(ps)))
			break
		}
		s = append(s, p.Error())
	}
	return strings.Join(s, " / ")
}

// A figureKind says how an expected figure is written and compared.
type figureKind int

const (
	kindMoney   figureKind = iota // yuan, to the fen: 80.00
	kindCount                     // sessions, hours, days: 34, 0.5
	kindPercent                   // 30%
)

// The figures a case may expect, by the row they are in.
var (
	// payoutColumns are 发放明细's (SPEC 5), for a person and for 合计.
	payoutColumns = map[string]figureKind{
		"上课节数": kindCount, "上课补助": kindMoney, "安全管理次数": kindCount, "安全管理补助": kindMoney,
		"行政值班次数": kindCount, "行政值班课时": kindCount, "行政值班补助": kindMoney, "绩效服务费": kindMoney,
		"扣除比例": kindPercent, "扣除金额": kindMoney, "奖励": kindMoney, "实发合计": kindMoney,
	}
	// adminItems are the admin pool's chain (SPEC 3.3), as 计算说明 gives it.
	adminItems = map[string]figureKind{
		"一般性服务支出": kindMoney, "行政值班经费": kindMoney, "折算课时": kindCount, "行政值班补助合计": kindMoney, "结余留存经费": kindMoney,
	}
	// pupilColumns are 学生明细's (SPEC 4.5), for a pupil and for 合计.
	pupilColumns = map[string]figureKind{
		"服务天数": kindCount, "服务费": kindMoney, "减免": kindMoney, "应缴": kindMoney, "已缴": kindMoney,
		"多缴退费": kindMoney, "结余退费": kindMoney, "合计退费": kindMoney,
	}
	// fundItems are the fund's figures (SPEC 4.4), as 对账 gives them.
	fundItems = map[string]figureKind{
		"收入": kindMoney, "教师课后服务补助": kindMoney, "应扣回": kindMoney, "其他支出": kindMoney,
		"结余": kindMoney, "每应缴100元退还": kindMoney, "学期服务日": kindCount, "应补缴家庭": kindCount,
	}
)

// The rows of expectations that are not a person or a pupil.
const (
	rowTotal = "合计"
	rowAdmin = "行政值班"
	rowFund  = "收支"
)

// columnsFor returns the figures a case may expect of row who.
func columnsFor(c *rules.Case, who string) (map[string]figureKind, string) {
	switch {
	case c.IsSettlement() && who == rowFund:
		return fundItems, "收支"
	case c.IsSettlement():
		return pupilColumns, "学生明细"
	case who == rowAdmin:
		return adminItems, "行政值班经费"
	}
	return payoutColumns, "发放明细"
}

// columnOrder is the order the sheets show the figures in, for naming them.
var columnOrder = []string{
	"上课节数", "上课补助", "安全管理次数", "安全管理补助", "行政值班次数", "行政值班课时", "行政值班补助",
	"绩效服务费", "扣除比例", "扣除金额", "奖励", "实发合计",
	"一般性服务支出", "行政值班经费", "折算课时", "行政值班补助合计", "结余留存经费",
	"服务天数", "服务费", "减免", "应缴", "已缴", "多缴退费", "结余退费", "合计退费",
	"收入", "教师课后服务补助", "应扣回", "其他支出", "结余", "每应缴100元退还", "学期服务日", "应补缴家庭",
}

func names(m map[string]figureKind) string {
	var s []string
	for _, k := range columnOrder {
		if _, ok := m[k]; ok {
			s = append(s, k)
		}
	}
	return strings.Join(s, "、")
}

// checkExpect checks an expected figure as the cases file is read: a column
// kfpay can compare, written as its kind is written.
func checkExpect(c *rules.Case, who, column, value string) string {
	cols, table := columnsFor(c, who)
	kind, ok := cols[column]
	switch {
	case !ok:
		return fmt.Sprintf("不是可核对的%s项目；可写：%s", table, names(cols))
	case who == rowTotal && (column == "扣除比例" || column == "服务天数"):
		return "合计行没有" + column + "，请核对各人的"
	}
	if _, err := parseFigure(kind, value); err != nil {
		return fmt.Sprintf("= %q %v", value, err)
	}
	return ""
}

// parseFigure reads an expected figure of kind k.
func parseFigure(k figureKind, s string) (decimal.Decimal, error) {
	t := strings.ReplaceAll(strings.TrimSpace(norm.NFKC.String(s)), ",", "")
	if k == kindPercent {
		num, ok := strings.CutSuffix(t, "%")
		if !ok {
			return decimal.Zero, errors.New(`比例须带百分号，如 "30%"`)
		}
		d, err := decimal.NewFromString(num)
		if err != nil {
			return decimal.Zero, errors.New(`不是比例，应写成 "30%" 这样`)
		}
		return d.Shift(-2), nil
	}
	d, err := decimal.NewFromString(t)
	if err != nil || strings.ContainsAny(t, "eE") {
		return decimal.Zero, errors.New(`不是数字，应写成 "80.00" 这样`)
	}
	if k == kindMoney && !d.Equal(calc.Yuan(d)) {
		return decimal.Zero, errors.New("金额精确到分，最多两位小数")
	}
	return d, nil
}

// sameExpected reports whether got, as showFigure wrote it, is the figure e
// expects: the same number, exactly (80 and 80.00 are the same money).
func sameExpected(e rules.Expect, got string) bool {
	kind := kindOfColumn(e.Column)
	want, err1 := parseFigure(kind, e.Value)
	have, err2 := parseFigure(kind, got)
	return err1 == nil && err2 == nil && want.Equal(have)
}

func kindOfColumn(col string) figureKind {
	for _, m := range []map[string]figureKind{payoutColumns, adminItems, pupilColumns, fundItems} {
		if k, ok := m[col]; ok {
			return k
		}
	}
	return kindMoney
}

// showFigure writes a figure the way its sheet shows it.
func showFigure(k figureKind, d decimal.Decimal) string {
	switch k {
	case kindPercent:
		return calc.Percent(d)
	case kindCount:
		return d.String()
	}
	return d.StringFixed(2)
}

// payoutValue is figure e of a month's payout, as 发放明细 shows it.
func payoutValue(p *calc.Payout, e rules.Expect) (string, error) {
	if e.Who == rowAdmin {
		a := p.Admin
		v := map[string]decimal.Decimal{"一般性服务支出": a.Base, "行政值班经费": a.Pool, "折算课时": a.Hours,
			"行政值班补助合计": a.Paid, "结余留存经费": a.Unspent}[e.Column]
		return showFigure(adminItems[e.Column], v), nil
	}
	l := p.Total
	if e.Who != rowTotal {
		var err error
		l, err = findRow(p.Lines, e, "发放明细", "个人", "工号", func(x calc.Line) bool { return x.Name == e.Who || x.ID == e.Who })
		if err != nil {
			return "", err
		}
	}
	v := map[string]decimal.Decimal{
		"上课节数": l.Lessons, "上课补助": l.LessonPay, "安全管理次数": l.Breaks, "安全管理补助": l.SafetyPay,
		"行政值班次数": l.Shifts, "行政值班课时": l.AdminHours, "行政值班补助": l.AdminPay, "绩效服务费": l.Fee,
		"扣除比例": l.Percent, "扣除金额": l.Deduction, "奖励": l.Reward, "实发合计": l.Net,
	}[e.Column]
	return showFigure(payoutColumns[e.Column], v), nil
}

// findRow returns the one row of rows that is, so match says, the row
// expectation e names; none, or two of one name, is a failure of the case.
func findRow[T any](rows []T, e rules.Expect, sheet, unit, key string, match func(T) bool) (T, error) {
	var found []T
	for _, r := range rows {
		if match(r) {
			found = append(found, r)
		}
	}
	var zero T
	switch len(found) {
	case 0:
		return zero, fmt.Errorf("%s：%s中没有这一行（期望 %s %s）", e.Who, sheet, e.Column, e.Value)
	case 1:
		return found[0], nil
	}
	return zero, fmt.Errorf("%s：%s中有 %d %s叫这个名字，请用%s写 expect", e.Who, sheet, len(found), unit, key)
}

// settlementValue is figure e of a term's settlement, as 学生明细 and 对账
// show it.
func settlementValue(s *calc.Settlement, e rules.Expect) (string, error) {
	if e.Who == rowFund {
		v := map[string]decimal.Decimal{
			"收入": s.Income, "教师课后服务补助": s.TeacherPay, "应扣回": s.Recovered, "其他支出": s.Other,
			"结余": s.Surplus, "每应缴100元退还": s.Per100,
			"学期服务日": decimal.NewFromInt(int64(s.Days)), "应补缴家庭": decimal.NewFromInt(int64(s.Owing)),
		}[e.Column]
		return showFigure(fundItems[e.Column], v), nil
	}
	sums := s.Total
	days := 0
	if e.Who != rowTotal {
		l, err := findRow(s.Pupils, e, "学生明细", "位学生", "学号", func(l calc.PupilLine) bool { return l.ID == e.Who || l.Name == e.Who })
		if err != nil {
			return "", err
		}
		days = l.Days
		sums = l.Sums()
	}
	v := map[string]decimal.Decimal{
		"服务天数": decimal.NewFromInt(int64(days)), "服务费": sums.Gross, "减免": sums.Waived, "应缴": sums.Due, "已缴": sums.Paid,
		"多缴退费": sums.Leaver, "结余退费": sums.Share, "合计退费": sums.Refund,
	}[e.Column]
	return showFigure(pupilColumns[e.Column], v), nil
}
