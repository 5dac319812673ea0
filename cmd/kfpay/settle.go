package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet"
)

type settleOptions struct {
	rules         string
	roster        string
	rosterSheet   string
	payouts       []string
	expenses      string
	expensesSheet string
	noExpenses    bool // the term had no other spending, said on purpose
	output        string
	slips         string
	internal      string
	force         bool
	demo          bool
	acceptEdited  bool
	outDir        string // the folder of the default output names, as payrollOptions.outDir
}

func newSettleCmd(s streams) *cobra.Command {
	var o settleOptions
	cmd := &cobra.Command{
		Use:   "settle --rules rules.toml --roster 学生名单.xlsx --payouts '发放表-*.xlsx' --expenses 支出明细.xlsx|--no-expenses",
		Short: "学期收费结算：按实际服务天数清算、结余退费，生成收支公示和退费通知单",
		Long: `学期末与家长结算课后服务费（篇四）：每位学生按实际服务天数计服务费，减去减免
得出应缴，与已缴相抵，多缴的退还；收入（各生应缴之和）减去教师课后服务补助
（本学期各月发放表，扣回学期考核扣款）和其他支出，结余按各生应缴金额比例退还。

生成三个工作簿：
  公示用的（-o）：只有收支公示，全是合计数，没有任何学生的姓名、学号或金额；
  退费通知单（--slips）：每位学生一张，按班级分页，由班主任剪开分发给各家；
  财务内部用的（--internal）：每位学生的全部数字、应补缴名单、教师扣回、支出明细和对账。
三个文件要么都生成，要么都不生成；账目不平衡时不生成任何文件。

--payouts 可以重复给出，也可以用通配符（请加引号，由 kfpay 自己展开）。某月签字后
又用 kfpay payroll --against 更正过的，把签字的发放表和更正表一起给出即可：kfpay 认得
更正表记录的原发放表 sha256，按更正表结算，并在结果中说明。`,
		Example: `  kfpay settle --rules rules.toml --roster 学生名单.xlsx --payouts '发放表-*.xlsx' --expenses 支出明细.xlsx
  kfpay settle --rules rules.toml --roster 学生名单.xlsx --payouts 发放表-2026-09.xlsx --payouts 发放表-2026-10.xlsx --no-expenses -o 结算.xlsx
  kfpay settle --demo          # 用内置的示例学期（2026年秋季学期）试算结算`,
		Args: noArgs("--roster 学生名单.xlsx"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSettle(cmd.Context(), s, o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.rules, "rules", "", "`rules.toml` 规则文件，其中 [term] 为学期日历和收费标准（默认使用内置规则）")
	f.StringVar(&o.roster, "roster", "", "`文件` 学生名单（.xlsx 或 .csv）")
	addSheetFlag(cmd, &o.rosterSheet, "roster-sheet", "学生名单")
	f.StringArrayVar(&o.payouts, "payouts", nil, "`发放表.xlsx` 本学期各月的发放表（kfpay payroll 生成）；可重复给出，或用加引号的通配符如 '发放表-*.xlsx'")
	f.StringVar(&o.expenses, "expenses", "", "`文件` 其他支出明细（.xlsx 或 .csv；本学期没有其他支出时改用 --no-expenses）")
	addSheetFlag(cmd, &o.expensesSheet, "expenses-sheet", "支出明细")
	f.BoolVar(&o.noExpenses, "no-expenses", false, "本学期没有其他支出（--expenses 和 --no-expenses 必须给出一个）")
	f.StringVarP(&o.output, "output", "o", "", "`文件.xlsx` 公示用的收支公示（默认 收费结算-学期名称.xlsx）")
	f.StringVar(&o.slips, "slips", "", "`文件.xlsx` 每位学生一张的退费通知单（默认 退费通知单-学期名称.xlsx；给了 -o 时在 -o 的文件名后加 -退费通知单）")
	f.StringVar(&o.internal, "internal", "", "`文件.xlsx` 财务内部用的结算工作簿（默认在 -o 的文件名后加 -内部）")
	f.BoolVar(&o.force, "force", false, "覆盖已存在的输出文件（旧文件依次改名为 .1.bak、.2.bak … 保留，不删除）")
	addAcceptEditedFlag(cmd, &o.acceptEdited)
	f.BoolVar(&o.demo, "demo", false, "使用内置示例学期（2026年秋季学期，120 名学生）：先在临时文件夹中算出各月发放表，再结算")
	return cmd
}

func runSettle(ctx context.Context, s streams, o settleOptions) error {
	switch {
	case o.demo && (o.rules != "" || o.roster != "" || len(o.payouts) > 0 || o.expenses != "" || o.noExpenses):
		// The demo term is made for the built-in calendar: other rules
		// would not match its months.
		return &exitError{exitBadInput, errors.New("--demo 使用内置数据和内置规则，不能同时指定 --rules、--roster、--payouts、--expenses 或 --no-expenses")}
	case !o.demo && (o.roster == "" || len(o.payouts) == 0):
		return &exitError{exitBadInput, errors.New("请用 --roster 指定学生名单、用 --payouts 指定本学期各月的发放表（或用 --demo 试算示例学期）")}
	}
	if !o.demo {
		if err := checkExpensesFlags(o.expenses, o.noExpenses); err != nil {
			return err
		}
	}
	r, rulesFile, err := loadRules(o.rules)
	if err != nil {
		return err
	}
	var payouts []string
	if !o.demo {
		if payouts, err = expandPayouts(o.payouts); err != nil {
			return &exitError{exitBadInput, err}
		}
	}
	// A term name is free text: keep it from naming another folder.
	termName := strings.NewReplacer("/", "-", `\`, "-").Replace(r.Term.Name)
	switch {
	case o.slips != "":
	case o.output == "":
		o.slips = filepath.Join(o.outDir, "退费通知单-"+termName+".xlsx")
	default:
		// Named after -o, as --internal is, so that two settlements
		// written side by side (before and after a correction) do not
		// both default to one file of slips.
		o.slips = strings.TrimSuffix(o.output, ".xlsx") + "-退费通知单.xlsx"
	}
	if o.output == "" {
		o.output = filepath.Join(o.outDir, "收费结算-"+termName+".xlsx")
	}
	if o.internal == "" {
		o.internal = strings.TrimSuffix(o.output, ".xlsx") + "-内部.xlsx"
	}
	outputs := []struct{ what, path string }{{"公示用的收支公示", o.output}, {"退费通知单", o.slips}, {"内部用的结算工作簿", o.internal}}
	for i, a := range outputs {
		for _, b := range outputs[i+1:] {
			if samePath(a.path, b.path) {
				return &exitError{exitBadInput, fmt.Errorf("%s和%s不能是同一个文件 %s", a.what, b.what, a.path)}
			}
		}
	}
	inputs := append([]string{o.rules, o.roster, o.expenses}, payouts...)
	for _, out := range outputs {
		if err := checkOutput(out.path, o.force, inputs...); err != nil {
			return err
		}
	}
	logs, err := openRunLogs(s.rec, o.output, o.slips, o.internal)
	if err != nil {
		return err
	}
	defer logs.close()
	if o.demo {
		// Only now that the outputs are known to be free: the demo's
		// inputs, payouts included, live in a temporary folder.
		dir, cleanup, err := writeDemo(demoFileNames()...)
		if err != nil {
			return err
		}
		defer cleanup()
		if payouts, err = payDemoTerm(ctx, s, dir); err != nil {
			return err
		}
		o.roster, o.expenses = filepath.Join(dir, demoRoster), filepath.Join(dir, demoExpenses)
	}

	term := loadTerm(ctx, termFiles{roster: o.roster, rosterSheet: o.rosterSheet, payouts: payouts,
		expenses: o.expenses, expensesSheet: o.expensesSheet, acceptEdited: o.acceptEdited})
	term.problems = append(append(settleRulesWarnings(r, o), rulesWarnings(r)...), term.problems...)
	st, problems, err := settleTerm(ctx, r, term)
	if err != nil {
		return err
	}
	// A signed payout that its correction stands for is listed as read,
	// and as not counted.
	for _, c := range st.Corrections {
		for _, ref := range c.Replaced {
			for i := range term.payouts {
				if filepath.Base(term.payouts[i].Name) == ref.File {
					term.payouts[i].Role = "发放表，已由更正表取代，不计入"
				}
			}
		}
	}
	meta := sheet.SettlementMeta{Version: version, Inputs: append([]sheet.InputFile{rulesFile}, term.inputs()...), NoExpenses: o.noExpenses}
	files := sheet.SettlementFiles{Posted: o.output, Slips: o.slips, Internal: o.internal}
	backups, err := sheet.WriteSettlement(ctx, files, st, meta, o.force)
	if err != nil {
		return err
	}
	if err := logs.append(settleRecorded(o, payouts, rulesFile, term), []output{{"收支公示", o.output}, {"退费通知单", o.slips}, {"内部结算", o.internal}},
		settleTotals(st)...); err != nil {
		return err
	}
	printProblems(s.err, problems.Warnings())
	printSettleSummary(s, st, files)
	printBackups(s, []string{o.output, o.slips, o.internal}, backups)
	return nil
}

// settleRulesWarnings say when a settlement is worked under rules the
// school never gave: the term's calendar decides every pupil's service
// days, and the built-in one is the plan's example term, not the school's.
// (Rules never approved were said by each month's payroll, and 对账 lists
// the version of each month.)
func settleRulesWarnings(r *rules.Rules, o settleOptions) calc.Problems {
	if o.demo {
		return nil
	}
	var ps calc.Problems
	if o.rules == "" {
		ps = append(ps, calc.Problem{Code: "rules-builtin", Ref: calc.Ref{File: "--rules"}, Warning: true,
			Msg: fmt.Sprintf("没有给出规则文件：学期日历（%s，%s 至 %s）和收费标准 %s 元/生·学期用的是内置规则；"+
				"学校的校历与此不同时，每位学生的服务天数和退费都会算错。请加 --rules rules.toml",
				r.Term.Name, r.Term.Start, r.Term.End, r.Term.Fee.StringFixed(2))})
	}
	return ps
}

// checkExpensesFlags makes the bursar say whether the term had other
// spending: a forgotten --expenses would refund the money spent on
// equipment and training to the families as surplus, and the fund would
// end the term short by that much without a word (as a forgotten --records
// would drop every deduction of a month).
func checkExpensesFlags(expenses string, noExpenses bool) error {
	switch {
	case expenses != "" && noExpenses:
		return &exitError{exitBadInput, errors.New("--expenses 和 --no-expenses 只能用一个：有其他支出就用 --expenses 给出支出明细，本学期确实没有才用 --no-expenses")}
	case expenses == "" && !noExpenses:
		return &exitError{exitBadInput, errors.New("没有给出其他支出明细：请用 --expenses 支出明细.xlsx 给出本学期教师补助以外的支出（设备耗材、管理运行、集体培训等）；" +
			"本学期确实没有其他支出时，改加 --no-expenses。不给支出明细就结算，这些支出会被当作结余退给家长")}
	}
	return nil
}

// settleRecorded are the inputs of a settlement for its run record: each
// file's path as given, with the sha256 its reader took.
func settleRecorded(o settleOptions, payouts []string, rulesFile sheet.InputFile, term *termRun) []sheet.RecordedFile {
	path := func(p string) string {
		if o.demo {
			return "内置示例 " + filepath.Base(p)
		}
		return p
	}
	rulesPath := o.rules
	if rulesPath == "" {
		rulesPath = rules.DefaultSource
	}
	out := []sheet.RecordedFile{recorded(rulesFile, rulesPath)}
	if term.roster.Name != "" {
		out = append(out, recorded(term.roster, path(o.roster)))
	}
	for i, in := range term.payouts {
		p := in.Name
		if i < len(payouts) {
			p = payouts[i]
		}
		out = append(out, recorded(in, path(p)))
	}
	if term.expenses.Name != "" {
		out = append(out, recorded(term.expenses, path(o.expenses)))
	}
	return out
}

// settleTotals are the totals of a settlement for the run record.
func settleTotals(st *calc.Settlement) []string {
	return []string{fmt.Sprintf("学生 %d", len(st.Pupils)), "收入 " + st.Income.StringFixed(2),
		"教师课后服务补助 " + st.TeacherPay.StringFixed(2), "其他支出 " + st.Other.StringFixed(2),
		"结余 " + st.Surplus.StringFixed(2), "合计退费 " + st.Total.Refund.StringFixed(2)}
}

// settleTerm settles a term that was read (SPEC 4): the one path from a
// term's books to its settlement, which settle and verify share. The
// problems it returns with a settlement are warnings.
func settleTerm(ctx context.Context, r *rules.Rules, term *termRun) (*calc.Settlement, calc.Problems, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	if len(term.problems.Errors()) > 0 {
		// A settlement of half-read books means nothing.
		ps := term.checked(r.Term)
		return nil, ps, &exitError{exitBadInput, ps}
	}
	// The settlement copies what it needs of the roster and the payouts:
	// handed over, they are freed as it goes, not held beside the
	// settlement while its workbooks are written (issue 20: a district's
	// 100,000 pupils and five months of 50,000 teachers are 110 MB).
	pupils, months := term.pupils, term.months
	term.pupils, term.months = nil, nil
	st, calcProblems := calc.Settle(r, pupils, months, term.spending)
	problems := append(term.problems, calcProblems...)
	if st == nil {
		return nil, problems, &exitError{exitBadInput, problems}
	}
	return st, problems, nil
}

// termFiles are the term's inputs: the roster, the month's payouts and the
// spending, each of which may be left out where a command has no use for
// it.
type termFiles struct {
	roster, rosterSheet     string
	payouts                 []string
	expenses, expensesSheet string
	acceptEdited            bool // read payouts whose seal is broken, with a warning
}

// termRun is the term's inputs read: what settle and check share.
type termRun struct {
	roster   sheet.InputFile // Name is "" when no roster was given
	payouts  []sheet.InputFile
	expenses sheet.InputFile // Name is "" when no spending was given
	pupils   []calc.Pupil
	months   []calc.PaidMonth
	spending []calc.Expense
	problems calc.Problems // the readers'
}

// loadTerm reads the term's files that are given. The payouts are read
// before the roster, each reduced to what the settlement needs of it as it
// is read, so that a district's roster of 100,000 pupils is not held while
// five months of 50,000 teachers are read (issue 20); the problems are
// listed in the files' order all the same: the roster's, the payouts', the
// spending's.
func loadTerm(ctx context.Context, f termFiles) *termRun {
	t := &termRun{}
	var paid calc.Problems
	for _, r := range readPayouts(ctx, f.payouts, f.acceptEdited) {
		paid = append(paid, r.problems...)
		t.months = append(t.months, r.month)
		t.payouts = append(t.payouts, r.info)
	}
	if f.roster != "" {
		var ps calc.Problems
		t.pupils, t.roster, ps = sheet.ReadRoster(ctx, f.roster, f.rosterSheet)
		t.problems = append(t.problems, ps...)
	}
	t.problems = append(t.problems, paid...)
	if f.expenses != "" {
		var ps calc.Problems
		t.spending, t.expenses, ps = sheet.ReadExpenses(ctx, f.expenses, f.expensesSheet)
		t.problems = append(t.problems, ps...)
	}
	return t
}

// payoutReaders is how many payouts are read at once: a payout is
// independent of the others, and reading one keeps a core and a part of
// another busy (the XML is parsed on one goroutine while the next part of
// the sheet is inflated on another), so two at a time use a two-core
// machine. More would hold more months' rows for no gain there.
const payoutReaders = 2

// readPayout is a payout as read and reduced to its sums (Summarize).
type readPayout struct {
	month    calc.PaidMonth
	info     sheet.InputFile
	problems calc.Problems
}

// readPayouts reads the payouts, payoutReaders at a time, each reduced to
// its sums as soon as it is read, so that only the rows of the months
// being read are held (issue 20: five months of 48,500 teachers took 3 of
// settle's 7.5 seconds, one after the other). The results are in the order
// of paths, whatever order the reads end in. A panic in a read (a bug in
// kfpay) is raised again here, where run's recover reports it.
func readPayouts(ctx context.Context, paths []string, acceptEdited bool) []readPayout {
	out := make([]readPayout, len(paths))
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		panicked any
	)
	slots := make(chan struct{}, min(payoutReaders, runtime.GOMAXPROCS(0)))
	for i, path := range paths {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					if panicked == nil {
						panicked = r
					}
					mu.Unlock()
				}
				<-slots
				wg.Done()
			}()
			m, info, ps := sheet.ReadPayout(ctx, path, payoutOptions(acceptEdited)...)
			m.Summarize()
			out[i] = readPayout{m, info, ps}
		}()
	}
	wg.Wait()
	if panicked != nil {
		panic(panicked)
	}
	return out
}

// inputs are the term's input files as 计算说明 lists them.
func (t *termRun) inputs() []sheet.InputFile {
	var in []sheet.InputFile
	if t.roster.Name != "" {
		in = append(in, t.roster)
	}
	in = append(in, t.payouts...)
	if t.expenses.Name != "" {
		in = append(in, t.expenses)
	}
	return in
}

// checked is the readers' problems and those of the rows that read well
// checked against the term, so that the bursar sees every problem of the
// roster and the spending at once, whether or not a reader found errors.
// (calc.Settle makes the same checks on a term that read well.)
func (t *termRun) checked(term rules.Term) calc.Problems {
	ps := append(calc.Problems(nil), t.problems...)
	ps = append(ps, calc.CheckRoster(term, t.pupils)...)
	return append(ps, calc.CheckSpending(term, t.spending)...)
}

// demoFileNames are the names of every demo workbook of the term.
func demoFileNames() []string {
	names := []string{demoRoster, demoExpenses}
	for _, m := range demoTermMonths {
		names = append(names, demoSessionsOf(m), demoRecordsOf(m))
	}
	return names
}

// payDemoTerm runs the payroll of each demo month on the demo workbooks in
// dir, as a bursar would have run it month by month, and returns the
// payouts it wrote there. Their summaries are not the settlement's: only
// problems reach the user.
func payDemoTerm(ctx context.Context, s streams, dir string) ([]string, error) {
	var payouts []string
	for _, m := range demoTermMonths {
		out := filepath.Join(dir, "发放表-"+m+".xlsx")
		err := runPayroll(ctx, streams{in: s.in, out: io.Discard, err: s.err}, payrollOptions{
			monthInputs: monthInputs{month: m, sessions: filepath.Join(dir, demoSessionsOf(m)), records: filepath.Join(dir, demoRecordsOf(m))},
			output:      out,
		})
		if err != nil {
			return nil, fmt.Errorf("示例数据 %s 的发放表：%w", m, err)
		}
		payouts = append(payouts, out)
	}
	return payouts, nil
}

// expandPayouts turns the --payouts arguments into files.
func expandPayouts(args []string) ([]string, error) { return expandPattern("--payouts", args) }

// expandPattern turns the arguments of flag into files: a pattern such as
// 发放表-*.xlsx, which Windows shells do not expand, is expanded here, its
// matches in name order. A file named twice is read once.
func expandPattern(flag string, args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if !strings.ContainsAny(a, "*?[") {
			out = append(out, a)
			continue
		}
		matches, err := filepath.Glob(a)
		if err != nil {
			return nil, fmt.Errorf("%s %s 不是有效的通配符：%w", flag, a, err)
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s %s 没有匹配的文件", flag, a)
		}
		sort.Strings(matches)
		out = append(out, matches...)
	}
	var kept []string
	for _, p := range out {
		dup := false
		for _, k := range kept {
			if samePath(p, k) {
				dup = true
				break
			}
		}
		if !dup {
			kept = append(kept, p)
		}
	}
	return kept, nil
}

// printSettleSummary prints the fund's figures, in the words of the
// settlement workbooks (sheet/settlement.go): what the notice posts, and
// what the bursar has to act on.
func printSettleSummary(s streams, st *calc.Settlement, files sheet.SettlementFiles) {
	money := func(d interface{ StringFixed(int32) string }) string { return d.StringFixed(2) }
	fmt.Fprintf(s.out, "%s %s 收费结算已生成：%s（公示）、%s（退费通知单 %d 张，%d 个班）、%s（内部）\n",
		st.Rules.School, st.Rules.Term.Name, files.Posted, files.Slips, len(st.Pupils), len(st.Classes), files.Internal)
	for _, c := range st.Corrections {
		var replaced []string
		for _, ref := range c.Replaced {
			replaced = append(replaced, ref.File)
		}
		fmt.Fprintf(s.out, "%s：按更正后的发放表 %s 结算（它更正了已签字的 %s，后者不计入）\n",
			c.Month.Chinese(), c.Used.File, strings.Join(replaced, "、"))
	}
	rows := [][]string{
		{"项目", "金额"},
		{"学生人数", fmt.Sprint(len(st.Pupils))},
		{"学期服务日", fmt.Sprint(st.Days)},
		{"服务费合计", money(st.Total.Gross)},
		{"减免合计", money(st.Total.Waived)},
		{"应收合计（收入）", money(st.Income)},
		{"已缴合计（实收）", money(st.Total.Paid)},
		{"教师课后服务补助", money(st.TeacherPay)},
		{"其他支出", money(st.Other)},
	}
	if st.Surplus.IsNegative() {
		rows = append(rows, []string{"超支", money(st.Surplus.Neg())})
	} else {
		rows = append(rows, []string{"结余", money(st.Surplus)})
	}
	rows = append(rows,
		[]string{"每应缴100元退还", money(st.Per100)},
		[]string{"合计退费", money(st.Total.Refund)},
		[]string{"应补缴家庭", fmt.Sprint(st.Owing)},
	)
	printTable(s.out, rows)
	if n := len(st.Recoveries); n > 0 {
		fmt.Fprintf(s.out, "学期考核扣款：%d 位教师应扣回共 %s 元，见内部工作簿“教师扣回”\n", n, money(st.Recovered))
	}
	if st.Surplus.IsNegative() {
		fmt.Fprintln(s.out, "注意：本学期收不抵支，不退结余；超支部分需学校另行解决。")
	}
	if st.Owing > 0 {
		fmt.Fprintf(s.out, "注意：%d 户学生已缴少于应缴，名单见内部工作簿“应补缴”。\n", st.Owing)
	}
	fmt.Fprintf(s.out, "张贴 %s；把 %s 按班打印、沿虚线剪开，由班主任分发给各家。\n", files.Posted, files.Slips)
}
