package rules

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// defaultCases are the cases kfpay init writes beside the default rules: one
// or more for each rule of 篇三 and a term settlement, every figure worked
// out by hand under the default rules, the arithmetic in a comment above
// each case.
//
//go:embed cases.toml
var defaultCases []byte

// DefaultCasesFile returns the starter cases file, byte for byte what
// `kfpay init` writes.
func DefaultCasesFile() []byte { return slices.Clone(defaultCases) }

// Cases is a school's own tests of its policy, the cases file of kfpay
// verify (cases.toml): each case a month, or a term, written line by line,
// with the figures the policy must pay or the error it must give.
type Cases struct {
	File   string // base name
	SHA256 string
	Cases  []Case
}

// Case is one [[case]] of a cases file.
type Case struct {
	Name string
	Line int // the line of its [[case]] header
	// Month is the payroll month: the case's month, or the month of its
	// dates. Zero for a settlement, which covers its term.
	Month Month
	// Term is the case's own term, its [term] keys laid over those of the
	// rules file; nil when it keeps the rules file's.
	Term *Term

	Sessions []TextLine // 日期 工号 教师 类型 节数
	Records  []TextLine // 日期 工号 教师 事项 [比例或金额]
	Pupils   []TextLine // 学号 姓名 班级 [开始日期 退出日期 减免 已缴]; a settlement when any
	Expenses []TextLine // 日期 类别 金额 [说明]

	Expect   []Expect // expected figures, in the file's order
	Errors   []Match  // expect_error: each must match an error of the run
	Warnings []Match  // expect_warning: each must match a warning of the run
}

// IsSettlement reports whether c is a term settlement: it names pupils.
func (c *Case) IsSettlement() bool { return len(c.Pupils) > 0 }

// TextLine is one string of a case's sessions, records, pupils or
// expenses: its fields, split at spaces ("-" for an empty one), and the line
// of the file it is written on.
type TextLine struct {
	Line   int
	Text   string
	Fields []string
}

// Expect is one expected figure: Who's Column is Value, e.g. 王芳's 实发合计
// is "80.00". Who is a teacher's name or 工号, a pupil's 学号 or name, or one
// of the rows kfpay verify names (合计, …).
type Expect struct {
	Who, Column, Value string
	Line               int
}

// Match is a text an error or warning must match: its Code, or a part of
// its message.
type Match struct {
	Text string
	Line int
}

// CaseCheck checks one expected figure of case c against what kfpay verify
// can compare, and returns what is wrong with it in a Chinese sentence, or "".
type CaseCheck func(c *Case, who, column, value string) string

// The field layouts of a case's lines (the columns of the inputs they stand
// for), with how many fields each takes.
var caseLines = map[string]struct {
	layout   string
	min, max int // max 0: any number, the last field taking the rest
}{
	"sessions": {"日期 工号 教师 类型 节数", 5, 5},
	"records":  {"日期 工号 教师 事项，家长投诉等再加比例（30%），奖励再加金额", 4, 5},
	"pupils":   {"学号 姓名 班级，可再加 开始日期 退出日期 减免 已缴", 3, 7},
	"expenses": {"日期 类别 金额，可再加说明", 3, 0},
}

var caseKeys = []string{"name", "month", "term", "sessions", "records", "pupils", "expenses", "expect", "expect_error", "expect_warning"}

// ParseCases reads a cases file's bytes; name names the file in errors. The
// cases run under rules r, whose term a case's term keys change. check
// checks each expected figure. Problems come back as one *Error, each at its
// line.
//
// The file is TOML, with two allowances for a school writing it in Chinese:
// keys need no quotes (expect.王芳 = { 实发合计 = "80.00" }) and a month is
// written bare (month = 2026-09).
func ParseCases(name string, data []byte, r *Rules, check CaseCheck) (*Cases, error) {
	file := filepath.Base(name)
	sum := sha256.Sum256(data)
	src := lenient(data)
	p := &parser{file: file, src: src, names: map[string]string{}}
	cs := &Cases{File: file, SHA256: hex.EncodeToString(sum[:])}
	var doc map[string]any
	if _, err := toml.Decode(string(src), &doc); err != nil {
		p.syntax(err)
		return nil, p.err()
	}
	for _, key := range sortedKeys(doc) {
		if key != "case" {
			p.fail(keyPath{key}, "是未知的设置项：用例文件里每个用例写成一块 [[case]]")
		}
	}
	v, ok := doc["case"]
	if !ok {
		p.probs = append(p.probs, LineError{File: file, Key: "case", Msg: "文件里没有用例：每个用例写成一块 [[case]]，写上 name、输入和期望的数字"})
		return nil, p.err()
	}
	blocks, ok := p.blocks(keyPath{"case"}, v, "应写成一块块 [[case]]（两层方括号），每个用例一块")
	if !ok {
		return nil, p.err()
	}
	for i, b := range blocks {
		if t, ok := b.(map[string]any); ok {
			if n, ok := t["name"].(string); ok {
				p.names[keyPath{"case", elem(i)}.mapKey()] = strings.TrimSpace(n)
			}
		}
	}
	seen := map[string]int{}
	for i, b := range blocks {
		k := keyPath{"case", elem(i)}
		t, ok := b.(map[string]any)
		if !ok {
			p.fail(k, "应是一块 [[case]]，现在写成了%s", kindOf(b))
			continue
		}
		c := p.oneCase(k, t, r, check)
		if c.Name != "" {
			if line, dup := seen[c.Name]; dup {
				p.fail(k.with("name"), "= %q 与第 %d 行的用例同名：每个用例的名字要不同，失败时才分得清", c.Name, line)
			} else {
				seen[c.Name] = c.Line
			}
		}
		cs.Cases = append(cs.Cases, c)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return cs, nil
}

// oneCase reads one [[case]] block.
func (p *parser) oneCase(k keyPath, t map[string]any, r *Rules, check CaseCheck) Case {
	c := Case{Line: p.lineOf(k)}
	for _, name := range sortedKeys(t) {
		if !slices.Contains(caseKeys, name) {
			p.fail(k.with(name), "是未知的设置项，[[case]] 里只认 %s", strings.Join(caseKeys, "、"))
		}
	}
	if v, ok := t["name"]; ok {
		if p.setString(k.with("name"), v, &c.Name) && c.Name == "" {
			p.fail(k.with("name"), "是空的：写上用例的名字，说明它检查哪一条规定")
		}
	} else {
		p.fail(k, `缺少 name：写上用例的名字，如 name = "早退三次：第 3 次起扣 100%%"`)
	}
	for _, key := range []string{"sessions", "records", "pupils", "expenses"} {
		if v, ok := t[key]; ok {
			lines := p.caseLines(k.with(key), key, v)
			switch key {
			case "sessions":
				c.Sessions = lines
			case "records":
				c.Records = lines
			case "pupils":
				c.Pupils = lines
			case "expenses":
				c.Expenses = lines
			}
		}
	}
	if v, ok := t["term"]; ok {
		if tab, isTable := v.(map[string]any); isTable {
			term := r.Term
			term.Holidays = slices.Clone(term.Holidays)
			term.Workdays = slices.Clone(term.Workdays)
			n := len(p.probs)
			p.term(k.with("term"), tab, &term)
			if len(p.probs) == n {
				c.Term = &term
			}
		} else {
			p.fail(k.with("term"), "应写成 term.start = 2026-09-01 这样，或 term = { start = 2026-09-01, end = 2026-09-30 }；现在写成了%s", kindOf(v))
		}
	}
	if len(c.Expenses) > 0 && !c.IsSettlement() {
		p.fail(k.with("expenses"), "只用于学期结算的用例：写了 pupils（学生）的用例才有支出")
	}
	p.caseMonth(k, t, &c)
	p.expectations(k, t, &c, check)
	return c
}

// caseLines reads a list of one-line entries and checks that each has the
// fields of its layout.
func (p *parser) caseLines(k keyPath, key string, v any) []TextLine {
	list, ok := v.([]any)
	if !ok {
		if s, isStr := v.(string); isStr {
			list = []any{s} // one entry need not be a list
		} else {
			p.fail(k, `应是一行行文字的列表，如 ["2026-09-01 T01 王芳 上课 2"]；现在写成了%s`, kindOf(v))
			return nil
		}
	}
	spec := caseLines[key]
	var out []TextLine
	for j, e := range list {
		ek := k.with(elem(j))
		if _, isStr := v.(string); isStr {
			ek = k
		}
		s, isStr := e.(string)
		if !isStr {
			p.fail(ek, "应加引号写成一行文字，如 \"2026-09-01 T01 王芳 上课 2\"；现在写成了%s", kindOf(e))
			continue
		}
		fields := strings.Fields(s)
		if n := len(fields); n < spec.min || (spec.max > 0 && n > spec.max) {
			count := strconv.Itoa(spec.min)
			if spec.max != spec.min {
				count = fmt.Sprintf("%d 至 %d", spec.min, spec.max)
				if spec.max == 0 {
					count = fmt.Sprintf("至少 %d", spec.min)
				}
			}
			p.fail(ek, "= %q 有 %d 项，应为 %s 项，用空格隔开：%s（空着的项写 -，如没有工号）", s, n, count, spec.layout)
			continue
		}
		if spec.max == 0 && len(fields) > spec.min {
			// The last field takes the rest of the line: a note may hold spaces.
			fields = append(fields[:spec.min:spec.min], strings.Join(fields[spec.min:], " "))
		}
		out = append(out, TextLine{Line: p.lineOf(ek), Text: s, Fields: fields})
	}
	return out
}

// dayDate is how the month of a case is found in the first field of its
// lines when it does not say: 2026-09-01, 2026/9/1 or 2026年9月1日.
var dayDate = regexp.MustCompile(`^(\d{4})[-/年](\d{1,2})[-/月]\d{1,2}日?$`)

// caseMonth reads the case's month, or finds it from the dates of its
// sessions and records.
func (p *parser) caseMonth(k keyPath, t map[string]any, c *Case) {
	v, ok := t["month"]
	if c.IsSettlement() {
		if ok {
			p.fail(k.with("month"), "学期结算的用例按学期计算，不写 month：学期各月由 [term] 定，每行的日期决定它属于哪个月")
		}
		return
	}
	if ok {
		mk := k.with("month")
		switch v := v.(type) {
		case string:
			m, err := ParseMonth(strings.TrimSpace(v))
			if err != nil {
				p.fail(mk, "= %q 不是月份，写成 month = 2026-09", v)
				return
			}
			c.Month = m
		case time.Time:
			if d := DateOf(v); isLocalDate(v) && d.Day == 1 {
				c.Month = d.MonthOf()
				return
			}
			p.fail(mk, "= %s 不是月份，写成 month = 2026-09", show(v))
		default:
			p.fail(mk, "= %s 不是月份，写成 month = 2026-09", show(v))
		}
		return
	}
	var first *TextLine
	for _, lines := range [][]TextLine{c.Sessions, c.Records} {
		for i := range lines {
			l := &lines[i]
			month, ok := l.Month()
			if !ok {
				continue
			}
			switch {
			case first == nil:
				first, c.Month = l, month
			case month != c.Month:
				p.fail(k, "没有写 month，而日期分属 %s（第 %d 行）和 %s（第 %d 行）：请写明 month = %s", c.Month.Chinese(), first.Line, month.Chinese(), l.Line, c.Month)
				c.Month = Month{}
				return
			}
		}
	}
	if first == nil {
		p.fail(k, "缺少 month：写明用例的月份，如 month = 2026-09")
	}
}

// expectations reads expect, expect_error and expect_warning.
func (p *parser) expectations(k keyPath, t map[string]any, c *Case, check CaseCheck) {
	if v, ok := t["expect"]; ok {
		ek := k.with("expect")
		who, ok := v.(map[string]any)
		if !ok {
			p.fail(ek, `应写成 expect.王芳 = { 实发合计 = "80.00" }；现在写成了%s`, kindOf(v))
		}
		for _, w := range sortedKeys(who) {
			wk := ek.with(w)
			cols, ok := who[w].(map[string]any)
			if !ok {
				p.fail(wk, `应写成 expect.%s = { 实发合计 = "80.00" }，花括号里是列名和期望的数字；现在写成了%s`, w, kindOf(who[w]))
				continue
			}
			for _, col := range sortedKeys(cols) {
				ck := wk.with(col)
				var value string
				switch x := cols[col].(type) {
				case string:
					value = strings.TrimSpace(x)
				case int64:
					value = strconv.FormatInt(x, 10)
				case float64:
					p.fail(ck, `= %s 带小数的数须加引号，请写成 "%s"，以免二进制小数误差`, show(x), show(x))
					continue
				default:
					p.fail(ck, `= %s 应写成加引号的数字，如 "80.00" 或 "30%%"`, show(x))
					continue
				}
				if why := check(c, w, col, value); why != "" {
					p.fail(ck, "%s", why)
					continue
				}
				c.Expect = append(c.Expect, Expect{Who: w, Column: col, Value: value, Line: p.lineOf(ck)})
			}
		}
		// In the file's order: by line, then where on its line the
		// column is written (an inline table's keys come unordered).
		lines := strings.Split(string(p.src), "\n")
		at := func(e Expect) int {
			if e.Line < 1 || e.Line > len(lines) {
				return 0
			}
			l := lines[e.Line-1]
			i := strings.Index(l, e.Who)
			return i + 1 + strings.Index(l[max(i, 0):], e.Column)
		}
		slices.SortStableFunc(c.Expect, func(a, b Expect) int {
			if a.Line != b.Line {
				return a.Line - b.Line
			}
			return at(a) - at(b)
		})
	}
	c.Errors = p.matches(k.with("expect_error"), t["expect_error"])
	c.Warnings = p.matches(k.with("expect_warning"), t["expect_warning"])
	_, hasExpect := t["expect"]
	_, hasError := t["expect_error"]
	_, hasWarning := t["expect_warning"]
	switch {
	case hasExpect && hasError:
		p.fail(k.with("expect_error"), "与 expect 不能同写：有错误时不生成发放表，也就没有数字可核对；请分成两个用例")
	case !hasExpect && !hasError && !hasWarning:
		p.fail(k, `没有写期望：写 expect.王芳 = { 实发合计 = "80.00" } 核对数字，或 expect_error = "比例须带百分号" 核对错误`)
	}
}

// matches reads an expect_error or expect_warning: a text or a list of texts.
func (p *parser) matches(k keyPath, v any) []Match {
	if v == nil {
		return nil
	}
	var list []any
	switch v := v.(type) {
	case string:
		list = []any{v}
	case []any:
		list = v
	default:
		p.fail(k, `应是加引号的文字（错误代码或错误说明中的一段），或它们的列表；现在写成了%s`, kindOf(v))
		return nil
	}
	var out []Match
	for j, e := range list {
		ek := k.with(elem(j))
		if _, one := v.(string); one {
			ek = k
		}
		s, ok := e.(string)
		if !ok || strings.TrimSpace(s) == "" {
			p.fail(ek, `应是错误代码（如 "percent-range"）或错误说明中的一段（如 "比例须带百分号"）`)
			continue
		}
		out = append(out, Match{Text: strings.TrimSpace(s), Line: p.lineOf(ek)})
	}
	if len(list) == 0 {
		p.fail(k, "是空列表：写上期望的错误代码或错误说明中的一段")
	}
	return out
}

// Month returns the month of the line's first field when it is a date
// written 2026-09-01, 2026/9/1 or 2026年9月1日: the payroll month a line of a
// settlement case belongs to.
func (l TextLine) Month() (Month, bool) {
	if len(l.Fields) == 0 {
		return Month{}, false
	}
	m := dayDate.FindStringSubmatch(l.Fields[0])
	if m == nil {
		return Month{}, false
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 {
		return Month{}, false
	}
	return Month{y, time.Month(mo)}, true
}
