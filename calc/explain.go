package calc

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// Explanation is one person's figures of a month, each with its arithmetic,
// the clause of the policy it comes from and the cells it was read from: what
// `kfpay explain` prints when a teacher questions a figure.
type Explanation struct {
	Person Person
	Month  rules.Month
	Items  []ExplainItem
}

// ExplainItem is one figure of a person's payout row and how it came about.
type ExplainItem struct {
	Name    string   // the column of 发放明细: 上课补助
	Value   string   // as 发放明细 shows it: 500.00, 30%
	Formula string   // 25 节 × 20.00 元/节 = 500.00
	Rule    string   // 篇三 (一) 1 上课补助：每节 20.00 元（规则 rates.lesson）
	Steps   []string // the admin pool chain, the deduction arithmetic
	Sources []string // 课时登记.xlsx 9月!E3, E7（2 行，共 25 节）
}

// UnknownPersonError is a name or 工号 that no person of the month's payout
// has, with the ones that come close.
type UnknownPersonError struct {
	Who   string
	Month rules.Month
	Close []Person
}

func (e *UnknownPersonError) Error() string {
	s := fmt.Sprintf("%s 的课时登记中没有“%s”（按姓名或工号查找）", e.Month.Chinese(), e.Who)
	if len(e.Close) == 0 {
		return s + "；请检查姓名或工号"
	}
	names := make([]string, len(e.Close))
	for i, p := range e.Close {
		names[i] = personText(p)
	}
	return s + "；相近的有：" + strings.Join(names, "、")
}

// AmbiguousPersonError is a name that two or more persons of the month
// share: only a 工号 tells them apart.
type AmbiguousPersonError struct {
	Who     string
	Persons []Person
}

func (e *AmbiguousPersonError) Error() string {
	ids := make([]string, len(e.Persons))
	for i, p := range e.Persons {
		ids[i] = p.ID
	}
	return fmt.Sprintf("有 %d 位教师名叫 %s（工号 %s），请用工号指定", len(e.Persons), e.Who, strings.Join(ids, "、"))
}

// Explain explains every figure of the person whose 工号 or name is who in
// payout p, worked out from tally t. For the source cells of the session log,
// t must have traced who (Tally.Trace) before the log was read.
func Explain(p *Payout, t *Tally, who string) (*Explanation, error) {
	var found []int
	for i, l := range p.Lines {
		if l.Name == who || l.ID != "" && IDKey(l.ID) == IDKey(who) {
			found = append(found, i)
		}
	}
	switch {
	case len(found) == 0:
		return nil, &UnknownPersonError{Who: who, Month: p.Month, Close: closePersons(p.Lines, who)}
	case len(found) > 1:
		var ps []Person
		for _, i := range found {
			ps = append(ps, p.Lines[i].Person)
		}
		return nil, &AmbiguousPersonError{Who: who, Persons: ps}
	}
	x := explainer{p: p, r: p.Rules, i: found[0], l: p.Lines[found[0]]}
	for _, e := range t.traced {
		if e.Person.Key() == x.l.Key() {
			x.entries = append(x.entries, e)
		}
	}
	for _, e := range p.Events {
		if e.Line == x.i {
			x.events = append(x.events, e)
		}
	}
	ex := &Explanation{Person: x.l.Person, Month: p.Month}
	ex.Items = append(ex.Items, x.lessons(), x.safety(), x.admin(), x.fee())
	ex.Items = append(ex.Items, x.deduction()...)
	ex.Items = append(ex.Items, x.reward(), x.net())
	return ex, nil
}

// explainer holds what the items of one person's explanation are built from.
type explainer struct {
	p       *Payout
	r       *rules.Rules
	i       int // the person's index in p.Lines
	l       Line
	entries []Entry     // the person's session log entries
	events  []EventLine // the person's records, by date then source cell
}

func (x *explainer) lessons() ExplainItem {
	rate := x.r.Rates.Lesson
	return ExplainItem{
		Name:    "上课补助",
		Value:   yuan(x.l.LessonPay),
		Formula: fmt.Sprintf("%s 节 × %s 元/节 = %s", x.l.Lessons, yuan(rate), yuan(x.l.LessonPay)),
		Rule:    fmt.Sprintf("篇三 (一) 1 上课补助：按每月实际上课节数，每节 %s 元（规则 rates.lesson）", yuan(rate)),
		Sources: x.entrySources(rules.KindLesson, "节"),
	}
}

func (x *explainer) safety() ExplainItem {
	rate := x.r.Rates.Safety
	return ExplainItem{
		Name:    "安全管理补助",
		Value:   yuan(x.l.SafetyPay),
		Formula: fmt.Sprintf("%s 次 × %s 元/课间 = %s", x.l.Breaks, yuan(rate), yuan(x.l.SafetyPay)),
		Rule:    fmt.Sprintf("篇三 (一) 2 (1) 安全管理：按实际参加人数，每课间 %s 元（规则 rates.safety）", yuan(rate)),
		Sources: x.entrySources(rules.KindSafety, "次"),
	}
}

// admin explains the person's share of the admin-duty pool (SPEC 3.3).
func (x *explainer) admin() ExplainItem {
	a := x.p.Admin
	it := ExplainItem{
		Name:  "行政值班补助",
		Value: yuan(x.l.AdminPay),
		Rule: fmt.Sprintf("篇三 (一) 2 (2) 行政值班管理：按一般性服务支出的 %s 计算，折算为课时，每节 %s 元（规则 admin）",
			Percent(a.Percent), yuan(a.Rate)),
	}
	if !x.l.Shifts.IsPositive() {
		it.Formula = "本月没有行政值班登记"
		return it
	}
	it.Sources = x.entrySources(rules.KindAdmin, "次")
	total := x.p.Total
	it.Steps = []string{
		fmt.Sprintf("一般性服务支出 ＝ 全校上课补助 %s ＋ 安全管理补助 %s ＝ %s",
			yuan(total.LessonPay), yuan(total.SafetyPay), yuan(a.Base)),
		fmt.Sprintf("行政值班经费 ＝ %s × %s ＝ %s（四舍五入到分）", yuan(a.Base), Percent(a.Percent), yuan(a.Pool)),
	}
	shifts := make([]decimal.Decimal, len(x.p.Lines))
	for i, l := range x.p.Lines {
		shifts[i] = l.Shifts
	}
	if a.Mode == rules.AdminCapped {
		it.Rule += "；按次计发，超出经费时按比例缩减（规则 admin.mode = capped）"
		// What is compared with the pool is the sum of what each person
		// would be paid, each rounded to the fen; with fractional shifts it
		// can differ from the school's shifts × rate.
		want := fmt.Sprintf("全校按次计发 %s 次 × %s ＝ %s", a.Shifts, yuan(a.Rate), yuan(a.Want))
		if exact := a.Shifts.Mul(a.Rate); !exact.Equal(a.Want) {
			want = fmt.Sprintf("全校按次计发 %s 次，每人按本人次数 × %s 四舍五入到分，合计 %s", a.Shifts, yuan(a.Rate), yuan(a.Want))
		}
		if !a.Scaled {
			it.Steps = append(it.Steps, fmt.Sprintf("%s，未超出经费 %s", want, yuan(a.Pool)))
			it.Formula = fmt.Sprintf("%s 次 × %s 元/次 = %s", x.l.Shifts, yuan(a.Rate), yuan(x.l.AdminPay))
			if !x.l.Shifts.Mul(a.Rate).Equal(x.l.AdminPay) {
				it.Formula += "（四舍五入到分）"
			}
		} else {
			it.Steps = append(it.Steps, fmt.Sprintf("%s，超出经费 %s：经费按登记次数比例分配，精确到分", want, yuan(a.Pool)))
			pay := make([]decimal.Decimal, len(x.p.Lines))
			for i, l := range x.p.Lines {
				pay[i] = l.AdminPay
			}
			it.Steps = append(it.Steps, shareSteps(x.p.Lines, a.Pool, cent, shifts, pay, x.i, "元")...)
			it.Formula = fmt.Sprintf("%s × %s ÷ %s，按最大余数法到分 = %s", yuan(a.Pool), x.l.Shifts, a.Shifts, yuan(x.l.AdminPay))
		}
	} else {
		it.Rule += "；课时按登记次数比例分配，最大余数法（方案未规定分法，为本校规则：规则 admin.mode = pool）"
		it.Steps = append(it.Steps, fmt.Sprintf("折算课时 ＝ %s ÷ %s ＝ %s，向下取整为 %s 课时",
			yuan(a.Pool), yuan(a.Rate), a.Pool.DivRound(a.Rate, 2).String(), a.Hours))
		hours := make([]decimal.Decimal, len(x.p.Lines))
		for i, l := range x.p.Lines {
			hours[i] = l.AdminHours
		}
		it.Steps = append(it.Steps, shareSteps(x.p.Lines, a.Hours, one, shifts, hours, x.i, "课时")...)
		it.Formula = fmt.Sprintf("%s 课时 × %s 元/节 = %s", x.l.AdminHours, yuan(a.Rate), yuan(x.l.AdminPay))
	}
	it.Steps = append(it.Steps, fmt.Sprintf("全校行政值班补助 %s，经费结余 %s 留存", yuan(a.Paid), yuan(a.Unspent)))
	return it
}

// shareSteps explains part i of Allocate(total, unit, weights) = parts: the
// quota, its whole units and remainder, and who got the units left over.
func shareSteps(lines []Line, total, unit decimal.Decimal, weights, parts []decimal.Decimal, i int, unitName string) []string {
	sumW := Sum(weights...)
	units := total.Div(unit)
	type quota struct{ whole, rem decimal.Decimal } // in units; rem is a fraction of sumW
	qs := make([]quota, len(weights))
	given := decimal.Zero
	for j, w := range weights {
		q, r := units.Mul(w).QuoRem(sumW, 0)
		qs[j] = quota{q, r}
		given = given.Add(q)
	}
	show := func(d decimal.Decimal) string { // a number of units in unitName
		if unit.Equal(cent) {
			return yuan(d.Mul(unit))
		}
		return d.Mul(unit).String()
	}
	exact := func(j int) string { // "= " the quota total × w / W, or "≈ " it to 4 places
		q := units.Mul(weights[j]).DivRound(sumW, 4)
		sign := "= "
		if !q.Mul(sumW).Equal(units.Mul(weights[j])) {
			sign = "≈ "
		}
		if unit.Equal(cent) {
			return sign + q.Mul(unit).StringFixed(4)
		}
		return sign + q.Mul(unit).String()
	}
	remText := func(j int) string { return qs[j].rem.DivRound(sumW, 4).String() }
	me := qs[i]
	steps := []string{fmt.Sprintf("本人登记 %s 次，全校 %s 次：应得 %s × %s ÷ %s %s %s，先得整数部分 %s，余数 %s",
		weights[i], sumW, show(units), weights[i], sumW, exact(i), unitName, show(me.whole), remText(i))}
	left := units.Sub(given)
	if !left.IsPositive() {
		return append(steps, fmt.Sprintf("各人整数部分合计 %s %s，正好分完", show(given), unitName))
	}
	var got []string
	mine := false
	for j := range parts {
		if parts[j].Div(unit).GreaterThan(qs[j].whole) {
			got = append(got, fmt.Sprintf("%s（余数 %s）", lines[j].Name, remText(j)))
			mine = mine || j == i
		}
	}
	steps = append(steps, fmt.Sprintf("各人整数部分合计 %s %s，余下 %s %s，按余数从大到小每人分 %s %s（余数相同时登记次数多者优先，再按名单顺序）：%s",
		show(given), unitName, show(left), unitName, show(decimal.NewFromInt(1)), unitName, strings.Join(got, "、")))
	if mine {
		steps = append(steps, fmt.Sprintf("本人分得 %s %s，共 %s %s", show(decimal.NewFromInt(1)), unitName, show(parts[i].Div(unit)), unitName))
	} else {
		steps = append(steps, fmt.Sprintf("本人未分得余下的部分，共 %s %s", show(parts[i].Div(unit)), unitName))
	}
	return steps
}

// fee explains the performance fee before deductions (SPEC 3.4).
func (x *explainer) fee() ExplainItem {
	perf := x.r.Performance
	l := x.l
	it := ExplainItem{Name: "绩效服务费", Value: yuan(l.Fee)}
	rule := "篇三 (二) 1：正常完成工作的，领取 100% 绩效服务费；金额方案未定，由学校规定（规则 performance.basis = " + string(perf.Basis) + "）"
	switch perf.Basis {
	case rules.Fixed:
		if l.Lessons.IsPositive() {
			it.Formula = fmt.Sprintf("每位当月有上课的教师 %s 元", yuan(perf.Amount))
		} else {
			it.Formula = "当月没有上课，不计绩效服务费"
		}
	case rules.PercentOfGeneral:
		it.Formula = fmt.Sprintf("(%s ＋ %s) × %s = %s（四舍五入到分）", yuan(l.LessonPay), yuan(l.SafetyPay), Percent(perf.Amount), yuan(l.Fee))
	case rules.WholePay:
		it.Formula = fmt.Sprintf("上课补助 %s ＋ 安全管理补助 %s = %s：不另设，本人补助即为绩效服务费，按考核扣除", yuan(l.LessonPay), yuan(l.SafetyPay), yuan(l.Fee))
	default:
		it.Formula = fmt.Sprintf("%s 节 × %s 元/节 = %s", l.Lessons, yuan(perf.Amount), yuan(l.Fee))
	}
	it.Rule = rule
	if x.p.Placeholder {
		it.Steps = append(it.Steps, "注意："+PlaceholderNotice(perf))
	}
	return it
}

// deduction explains 扣除比例 kind by kind and 扣除金额 (SPEC 3.5).
func (x *explainer) deduction() []ExplainItem {
	l := x.l
	pct := ExplainItem{Name: "扣除比例", Value: Percent(l.Percent),
		Rule: "篇三 (二)：" + PercentText + "（各项的比例见规则 [[event]]）"}
	var sums []decimal.Decimal // the percent of each kind that deducts this month
	for _, ev := range x.r.Events {
		var recs []EventLine
		for _, e := range x.events {
			if e.Label == ev.Label {
				recs = append(recs, e)
			}
		}
		if len(recs) == 0 || ev.Reward {
			continue
		}
		step, sum, deducts := eventStep(ev, recs)
		pct.Steps = append(pct.Steps, step)
		if deducts {
			sums = append(sums, sum)
		}
	}
	switch len(sums) {
	case 0:
		pct.Formula = "本月没有扣款的考核记录"
	case 1:
		// The kind's own line below shows its sum; only a cap is news.
		if sums[0].GreaterThan(one) {
			pct.Formula = Percent(sums[0])
		}
	default:
		parts := make([]string, len(sums))
		for i, s := range sums {
			parts[i] = Percent(s)
		}
		pct.Formula = strings.Join(parts, " ＋ ") + " = " + Percent(Sum(sums...))
	}
	if Sum(sums...).GreaterThan(one) {
		pct.Formula += "，最高 100%"
	}
	amount := ExplainItem{Name: "扣除金额", Value: yuan(l.Deduction),
		Formula: fmt.Sprintf("绩效服务费 %s × %s = %s（四舍五入到分）", yuan(l.Fee), Percent(l.Percent), yuan(l.Deduction)),
		Rule:    "篇三 (二)：扣除金额 ＝ 绩效服务费 × 扣除比例，四舍五入到分；扣除后不低于 0"}
	amount.Steps = x.shareSteps()
	return []ExplainItem{pct, amount}
}

// shareSteps list the yuan each of the person's deducting records took of
// 扣除金额, as 扣款明细 shows them, when there is more than one or a cap
// or a rounding to tell of: `2026-09-16 早退（考核记录.xlsx 考核!D12）100%：
// 累计 120%，最高 100%：125.00 × 100% − 此前已扣 25.00 = 100.00`.
func (x *explainer) shareSteps() []string {
	var steps []string
	var took []string
	for _, e := range x.events {
		if e.Status != Deducted {
			continue
		}
		steps = append(steps, fmt.Sprintf("%s %s（%s）%s：%s", e.Date, e.Label, e.Src, Percent(e.Percent), e.Working()))
		took = append(took, yuan(e.Yuan))
	}
	if len(steps) < 2 {
		return nil // the formula above says it all
	}
	steps = append(steps, fmt.Sprintf("各条合计 %s = %s，即扣除金额（%s）", strings.Join(took, " ＋ "), yuan(x.l.Deduction), ShareRule))
	return steps
}

// eventStep explains the records of one event kind, e.g.
// `早退 3 次（记录 考核记录.xlsx 考核!D4, D9, D12）→ 10% ＋ 10% ＋ 100%（第 3 次起 100%）= 120%`,
// and returns the percent they count for and whether it is deducted this month.
func eventStep(ev rules.Event, recs []EventLine) (string, decimal.Decimal, bool) {
	refs := make([]Ref, len(recs))
	sum := decimal.Zero
	parts := make([]string, len(recs))
	for i, e := range recs {
		refs[i] = e.Src
		sum = sum.Add(e.Percent)
		parts[i] = Percent(e.Percent)
	}
	head := fmt.Sprintf("%s %d 次（记录 %s）→ ", ev.Label, len(recs), cellList(refs))
	clause := "（" + eventClause(ev) + "）"
	switch {
	case ev.Scope == rules.ScopeTerm:
		return head + strings.Join(parts, " ＋ ") + " 待学期结算，本月不扣" + clause, sum, false
	case !ev.Ranged && ev.PerEvent.IsZero():
		return head + "不扣款" + clause, sum, false
	}
	s := head + strings.Join(parts, " ＋ ")
	if !ev.Ranged && ev.AllFrom > 0 && len(recs) >= ev.AllFrom {
		s += fmt.Sprintf("（第 %d 次起 100%%）", ev.AllFrom)
	} else if len(recs) > 1 {
		s += " "
	}
	if len(recs) > 1 {
		s += "= " + Percent(sum)
	}
	return s + clause, sum, true
}

// eventClauses are the clauses of 篇三 (二) behind the event kinds of the
// default rules; a kind a school adds is cited by its rules entry.
var eventClauses = map[string]string{
	"无故空堂":   "篇三 (二) 2",
	"请假":     "篇三 (二) 2",
	"早退":     "篇三 (二) 3",
	"交接违规":   "篇三 (二) 4",
	"家长投诉":   "篇三 (二) 5",
	"重大安全事故": "篇三 (二) 6",
	"奖励":     "篇三 奖励 1–3",
}

// eventClause cites an event kind's clause and states its rule.
func eventClause(ev rules.Event) string {
	clause, ok := eventClauses[ev.Label]
	if !ok {
		clause = fmt.Sprintf("规则 [[event]] label = %q", ev.Label)
	}
	rule := EventRule(ev)
	if ev.Scope == rules.ScopeTerm {
		rule += "，按学期扣除"
	}
	return clause + "：" + rule
}

func (x *explainer) reward() ExplainItem {
	it := ExplainItem{Name: "奖励", Value: yuan(x.l.Reward), Formula: "本月没有奖励记录"}
	var amounts []string
	var refs []Ref
	for _, e := range x.events {
		if e.Event.Reward {
			amounts = append(amounts, yuan(e.Amount))
			refs = append(refs, e.Src)
			it.Rule = eventClause(e.Event)
		}
	}
	if len(amounts) > 0 {
		it.Formula = "按记录金额"
		if len(amounts) > 1 {
			it.Formula = strings.Join(amounts, " ＋ ") + " = " + yuan(x.l.Reward)
		}
		it.Sources = []string{fmt.Sprintf("%s（%d 条记录）", cellList(refs), len(refs))}
	}
	return it
}

// net explains 实发合计 (SPEC 3.6).
func (x *explainer) net() ExplainItem {
	l := x.l
	it := ExplainItem{Name: "实发合计", Value: yuan(l.Net)}
	if x.r.Performance.Basis == rules.WholePay {
		it.Formula = fmt.Sprintf("%s ＋ %s ＋ %s − %s ＋ %s = %s", yuan(l.LessonPay), yuan(l.SafetyPay), yuan(l.AdminPay),
			yuan(l.Deduction), yuan(l.Reward), yuan(l.Net))
		it.Rule = "篇三 (一) 一般性服务支出与 (二) 绩效考核：上课补助 ＋ 安全管理补助 ＋ 行政值班补助 − 扣除金额 ＋ 奖励（规则 performance.basis = whole_pay：补助本身即绩效服务费）"
		return it
	}
	it.Formula = fmt.Sprintf("%s ＋ %s ＋ %s ＋ (%s − %s) ＋ %s = %s", yuan(l.LessonPay), yuan(l.SafetyPay), yuan(l.AdminPay),
		yuan(l.Fee), yuan(l.Deduction), yuan(l.Reward), yuan(l.Net))
	it.Rule = "篇三 (一) 一般性服务支出与 (二) 绩效考核：上课补助 ＋ 安全管理补助 ＋ 行政值班补助 ＋ (绩效服务费 − 扣除金额) ＋ 奖励"
	return it
}

// entrySources lists the cells of the person's entries of kind k, with how
// many rows (行) of the log or the summary, or day cells (格) of the daily
// grid, they are and how many sessions they hold.
func (x *explainer) entrySources(k rules.Kind, unit string) []string {
	var refs []Ref
	total := decimal.Zero
	where := "行"
	for _, e := range x.entries {
		if e.Kind == k {
			refs = append(refs, e.Src)
			total = total.Add(e.Count)
			if e.cols().Grid {
				where = "格"
			}
		}
	}
	if len(refs) == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%s（%d %s，共 %s %s）", cellList(refs), len(refs), where, total, unit)}
}

// maxCells is how many cells or runs cellList names before it stops.
const maxCells = 12

// cellList names cells compactly, file and sheet once, rows in order and a
// run of rows in one column as a range: `课时登记.xlsx 9月!E3, E7:E9, E12`.
// Past maxCells runs it ends in …
func cellList(refs []Ref) string {
	type sheetKey struct{ file, sheet string }
	var order []sheetKey
	bySheet := map[sheetKey][]Ref{}
	for _, r := range refs {
		k := sheetKey{r.File, r.Sheet}
		if _, ok := bySheet[k]; !ok {
			order = append(order, k)
		}
		bySheet[k] = append(bySheet[k], r)
	}
	var groups []string
	for _, k := range order {
		if k.sheet == "" {
			rs := slices.Clone(bySheet[k])
			slices.SortFunc(rs, func(a, b Ref) int {
				if a.Col != b.Col {
					return a.Col - b.Col
				}
				return a.Row - b.Row
			})
			groups = append(groups, textCellList(k.file, rs))
			continue
		}
		// Runs down a column (the log's rows) or along a row (a grid's
		// days), whichever names the cells in fewer.
		runs := cellRuns(bySheet[k], false)
		if across := cellRuns(bySheet[k], true); len(across) < len(runs) {
			runs = across
		}
		if len(runs) > maxCells {
			runs = append(runs[:maxCells], "…")
		}
		groups = append(groups, Ref{File: k.file, Sheet: k.sheet}.String()+"!"+strings.Join(runs, ", "))
	}
	return strings.Join(groups, "；")
}

// cellRuns names refs of one sheet as runs of neighbouring cells, down a
// column (E3:E5) or, across, along a row (C4:F4), in order.
func cellRuns(refs []Ref, across bool) []string {
	rs := slices.Clone(refs)
	line, along := func(r Ref) int { return r.Col }, func(r Ref) int { return r.Row }
	if across {
		line, along = along, line
	}
	slices.SortFunc(rs, func(a, b Ref) int {
		if line(a) != line(b) {
			return line(a) - line(b)
		}
		return along(a) - along(b)
	})
	var runs []string
	for i := 0; i < len(rs); {
		j := i
		for j+1 < len(rs) && line(rs[j+1]) == line(rs[i]) && along(rs[j+1]) <= along(rs[j])+1 {
			j++
		}
		run := rs[i].Cell()
		if along(rs[j]) != along(rs[i]) {
			run += ":" + rs[j].Cell()
		}
		runs = append(runs, run)
		i = j + 1
	}
	return runs
}

// textCellList is cellList for the cells of a CSV file, sorted by column,
// which has no sheet and whose cells the bursar finds by row and column:
// `课时登记.csv E 列第 3、7-9、12 行`.
func textCellList(file string, rs []Ref) string {
	var cols []string
	runs := 0
	for i := 0; i < len(rs) && runs <= maxCells; {
		col := rs[i].Col
		var rows []string
		for i < len(rs) && rs[i].Col == col {
			j := i
			for j+1 < len(rs) && rs[j+1].Col == col && rs[j+1].Row <= rs[j].Row+1 {
				j++
			}
			run := strconv.Itoa(rs[i].Row)
			if rs[j].Row != rs[i].Row {
				run += "-" + strconv.Itoa(rs[j].Row)
			}
			if runs++; runs > maxCells {
				rows = append(rows, "…")
				break
			}
			rows = append(rows, run)
			i = j + 1
		}
		cols = append(cols, ColumnName(col)+" 列第 "+strings.Join(rows, "、")+" 行")
	}
	return file + " " + strings.Join(cols, "，")
}

// closePersons are the persons whose name or 工号 is within a small edit
// distance of who, or holds it, closest first, at most five.
func closePersons(lines []Line, who string) []Person {
	type near struct {
		p Person
		d int
	}
	var ns []near
	for _, l := range lines {
		d := min(editDistance(who, l.Name), editDistance(who, l.ID))
		if l.ID == "" {
			d = editDistance(who, l.Name)
		}
		limit := max(1, utf8.RuneCountInString(who)/3)
		switch {
		case d <= limit:
		case who != "" && (strings.Contains(l.Name, who) || strings.Contains(who, l.Name)):
			d = limit + 1
		default:
			continue
		}
		ns = append(ns, near{l.Person, d})
	}
	slices.SortStableFunc(ns, func(a, b near) int { return a.d - b.d })
	var out []Person
	for i := 0; i < len(ns) && i < 5; i++ {
		out = append(out, ns[i].p)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in characters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// personText is a person as explain names one: 王芳（T01）, or 王芳.
func personText(p Person) string {
	if p.ID == "" {
		return p.Name
	}
	return p.Name + "（" + p.ID + "）"
}

// String formats the person as explain heads its output.
func (e *Explanation) String() string { return personText(e.Person) + " " + e.Month.Chinese() }

// yuan formats an amount with two decimals.
func yuan(d decimal.Decimal) string { return d.StringFixed(2) }
