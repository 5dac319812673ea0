package rules

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/shopspring/decimal"
)

// parser collects the problems of one file.
type parser struct {
	file  string
	src   []byte
	loc   *locator // scanned on the first problem
	probs []LineError
	warns []LineError // doubts that do not stop the file loading
	// names name the blocks of arrays of tables in messages, by the
	// mapKey of the block's keyPath: an [[event]] by its label, a
	// [[change]] by its date.
	names map[string]string
}

// fail records a problem with the value at k. The message starts with
// where(k), so that it reads on its own.
func (p *parser) fail(k keyPath, format string, args ...any) {
	p.probs = append(p.probs, p.at(k, format, args...))
}

// warn records a doubt about the value at k: a value that is allowed but
// may not be what the school meant. It does not stop the file from loading.
func (p *parser) warn(k keyPath, format string, args ...any) {
	w := p.at(k, format, args...)
	w.Warning = true
	p.warns = append(p.warns, w)
}

// at is a problem with the value at k, at its line.
func (p *parser) at(k keyPath, format string, args ...any) LineError {
	return LineError{
		File: p.file,
		Line: p.lineOf(k),
		Key:  k.String(),
		Msg:  p.where(k) + fmt.Sprintf(format, args...),
	}
}

// lineOf returns the line on which k is written, scanning the file the
// first time a line is wanted.
func (p *parser) lineOf(k keyPath) int {
	if p.loc == nil {
		l := locate(p.src)
		p.loc = &l
	}
	return p.loc.line(k)
}

// syntax records the toml parser's error: the file is not TOML.
func (p *parser) syntax(err error) {
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		p.probs = append(p.probs, LineError{File: p.file, Msg: "读不懂这个文件：" + err.Error()})
		return
	}
	msg := "这一行不合 TOML 写法，请检查引号、方括号、等号和逗号（解析器提示：" + pe.Message + "）"
	if strings.Contains(pe.Message, "UTF-8") || strings.Contains(pe.Message, "UTF-16") {
		msg = "文件不是 UTF-8 编码；请用记事本“另存为”，编码选 UTF-8（解析器提示：" + pe.Message + "）"
	}
	p.probs = append(p.probs, LineError{File: p.file, Line: syntaxLine(p.src, pe.Position), Msg: msg})
}

// syntaxLine returns the line of a toml parse error. The parser's own Line is
// one too far when the error is at a line end ("[rates" then a newline), so
// the line is counted from the byte offset, which is right.
func syntaxLine(src []byte, pos toml.Position) int {
	// Offsets count from after a byte order mark, which the parser drops.
	for _, bom := range []string{"\xef\xbb\xbf", "\xff\xfe", "\xfe\xff"} {
		if rest, ok := bytes.CutPrefix(src, []byte(bom)); ok {
			src = rest
			break
		}
	}
	if pos.Start < 0 || pos.Start > len(src) {
		return pos.Line
	}
	return 1 + bytes.Count(src[:pos.Start], []byte("\n"))
}

// err returns the problems in line order as one *Error, or nil.
func (p *parser) err() error {
	if len(p.probs) == 0 {
		return nil
	}
	slices.SortStableFunc(p.probs, func(a, b LineError) int { return cmp.Compare(a.Line, b.Line) })
	e := &Error{Problems: p.probs}
	if len(e.Problems) > maxProblems {
		e.Omitted = len(e.Problems) - maxProblems
		e.Problems = e.Problems[:maxProblems]
	}
	return e
}

// where names k the way the file shows it: `[rates] lesson`, `第 2 个
// [[event]]（早退） per_event`, `[term] holidays 第 3 项`.
func (p *parser) where(k keyPath) string {
	var b strings.Builder
	rest := k
	switch {
	case len(k) >= 2 && k[0] == "change" && strings.HasPrefix(k[1], "["):
		return p.whereChange(k)
	case len(k) >= 2 && k[0] == "case" && strings.HasPrefix(k[1], "["):
		return p.whereCase(k)
	case len(k) >= 2 && k[0] == "event" && strings.HasPrefix(k[1], "["):
		b.WriteString(p.block(k[:2], "event"))
		rest = k[2:]
	case len(k) >= 2:
		fmt.Fprintf(&b, "[%s]", k[0])
		rest = k[1:]
	case len(k) == 1 && (k[0] == "event" || k[0] == "change"):
		b.WriteString("[[" + k[0] + "]]")
		rest = nil
	case len(k) == 1 && tableKeys[k[0]] != nil:
		fmt.Fprintf(&b, "[%s]", k[0])
		rest = nil
	}
	for _, s := range rest {
		if strings.HasPrefix(s, "[") {
			var i int
			fmt.Sscanf(s, "[%d]", &i)
			fmt.Fprintf(&b, " 第 %d 项", i+1)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	b.WriteByte(' ')
	return b.String()
}

// block names the i-th block of an array of tables, k being its keyPath
// ending in [i]: `第 2 个 [[event]]（早退）`.
func (p *parser) block(k keyPath, array string) string {
	var i int
	fmt.Sscanf(k[len(k)-1], "[%d]", &i)
	s := fmt.Sprintf("第 %d 个 [[%s]]", i+1, array)
	if n := p.names[k.mapKey()]; n != "" {
		s += "（" + Clip(n) + "）"
	}
	return s
}

// whereChange names a key of a [[change]] block: `第 1 个 [[change]]（2027-03-01
// 起） rates.lesson`, `第 1 个 [[change]]（2027-03-01 起） 第 2 个
// [[change.event]]（迟到） per_event`.
func (p *parser) whereChange(k keyPath) string {
	s := p.block(k[:2], "change")
	rest := k[2:]
	if len(rest) >= 2 && rest[0] == "event" && strings.HasPrefix(rest[1], "[") {
		s += " " + p.block(k[:4], "change.event")
		rest = rest[2:]
	}
	if len(rest) > 0 {
		s += " " + rest.String()
	}
	return s + " "
}

// whereCase names a key of a [[case]] block of a cases file: `第 2 个
// [[case]]（早退三次） sessions 第 3 项`, `… expect.王芳.实发合计`.
func (p *parser) whereCase(k keyPath) string {
	var b strings.Builder
	b.WriteString(p.block(k[:2], "case"))
	for i, seg := range k[2:] {
		switch {
		case strings.HasPrefix(seg, "["):
			var j int
			fmt.Sscanf(seg, "[%d]", &j)
			fmt.Fprintf(&b, " 第 %d 项", j+1)
		case i == 0:
			b.WriteString(" " + seg)
		default:
			b.WriteString("." + seg)
		}
	}
	return b.String() + " "
}

// tableKeys lists the keys each table of the file may hold; "" is the top.
var tableKeys = map[string][]string{
	"":             {"school", "approved", "rates", "admin", "performance", "sessions", "event", "term", "change"},
	"rates":        {"lesson", "safety"},
	"admin":        {"percent", "rate", "mode"},
	"performance":  {"basis", "amount", "confirmed", "approved"},
	"sessions":     {"lesson", "safety", "admin", "count_step", "max_per_day"},
	"event":        {"label", "scope", "per_event", "all_from", "percent_min", "percent_max", "reward"},
	"change.event": {"label", "scope", "per_event", "all_from", "percent_min", "percent_max", "reward", "remove"},
	"term":         {"name", "start", "end", "fee", "holidays", "workdays"},
}

// known reports whether key belongs in table, and says so when it does not.
func (p *parser) known(table string, k keyPath) bool {
	if slices.Contains(tableKeys[table], k[len(k)-1]) {
		return true
	}
	where := "文件最外层"
	switch table {
	case "":
	case "event", "change.event":
		where = "[[" + table + "]] 里"
	default:
		where = "[" + table + "] 下"
	}
	p.fail(k, "是未知的设置项，%s只认 %s", where, strings.Join(tableKeys[table], "、"))
	return false
}

// sortedKeys gives a table's keys in a fixed order; problems are sorted by
// line afterwards, so the order only has to be the same on every run.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// document lays the decoded file over r.
func (p *parser) document(r *Rules, doc map[string]any) {
	for _, name := range sortedKeys(doc) {
		v, k := doc[name], keyPath{name}
		if !p.known("", k) {
			continue
		}
		switch name {
		case "school":
			p.setText(k, v, &r.School, maxName)
		case "approved":
			p.setText(k, v, &r.Approved, maxApproved)
		case "change":
			// Read last: a change is laid over the finished base, and
			// checked against its term.
		case "event":
			p.events(k, v, r)
		default:
			t, ok := v.(map[string]any)
			if !ok {
				p.fail(k, "应是一个表：单独一行写 [%s]，下面逐行写它的设置项；现在写成了%s", name, kindOf(v))
				continue
			}
			p.table(name, k, t, r)
		}
	}
	r.Version = Version{}
	r.timeline = nil
	if v, ok := doc["change"]; ok {
		r.timeline = p.changes(keyPath{"change"}, v, r)
	}
}

// table reads the table name, written at k, into r: one of the file's own
// tables, or a change's keys of one.
func (p *parser) table(name string, k keyPath, t map[string]any, r *Rules) {
	switch name {
	case "rates":
		p.rates(k, t, &r.Rates)
	case "admin":
		p.admin(k, t, &r.Admin)
	case "performance":
		p.performance(k, t, &r.Performance)
	case "sessions":
		p.sessions(k, t, &r.Sessions)
	case "term":
		p.term(k, t, &r.Term)
	}
}

func (p *parser) rates(at keyPath, t map[string]any, r *Rates) {
	for _, name := range sortedKeys(t) {
		v, k := t[name], at.with(name)
		if !p.known("rates", k) {
			continue
		}
		switch name {
		case "lesson":
			p.setMoney(k, v, &r.Lesson)
		case "safety":
			p.setMoney(k, v, &r.Safety)
		}
	}
}

func (p *parser) admin(at keyPath, t map[string]any, a *Admin) {
	for _, name := range sortedKeys(t) {
		v, k := t[name], at.with(name)
		if !p.known("admin", k) {
			continue
		}
		switch name {
		case "percent":
			p.setPercent(k, v, &a.Percent)
		case "rate":
			// SPEC 3.3 divides the pool by the rate to get whole hours.
			if d, ok := p.money(k, v); ok && d.IsZero() {
				p.fail(k, "= %s 不能为 0：行政值班按它折算课时", show(v))
			} else if ok {
				a.Rate = d
			}
		case "mode":
			var s string
			if !p.setString(k, v, &s) {
				continue
			}
			switch m := AdminMode(strings.TrimSpace(s)); m {
			case AdminPool, AdminCapped:
				a.Mode = m
			default:
				p.fail(k, `= %s 不认识，只能写 "pool"（按值班次数分课时）或 "capped"（每次按 rate 计，超出总额按比例压减）`, show(v))
			}
		}
	}
}

// performance reads basis and amount together: what amount means depends on
// the basis (SPEC 3.4).
func (p *parser) performance(at keyPath, t map[string]any, perf *Performance) {
	for _, name := range sortedKeys(t) {
		p.known("performance", at.with(name))
	}
	p.confirmation(at, t, perf)
	basis := perf.Basis
	bk, ak := at.with("basis"), at.with("amount")
	bv, hasBasis := t["basis"]
	if hasBasis {
		var s string
		if !p.setString(bk, bv, &s) {
			return
		}
		switch b := Basis(strings.TrimSpace(s)); b {
		case PerSession, Fixed, PercentOfGeneral, WholePay:
			basis = b
		default:
			p.fail(bk, `= %s 不认识，只能写 "per_session"、"fixed"、"percent_of_general" 或 "whole_pay"`, show(bv))
			return
		}
	}
	av, hasAmount := t["amount"]
	var amount decimal.Decimal
	switch {
	case basis == WholePay:
		// The fee is the teacher's own pay; amount is not used.
	case hasAmount && basis == PercentOfGeneral:
		d, ok := p.percent(ak, av)
		if !ok {
			return
		}
		amount = d
	case hasAmount:
		d, ok := p.money(ak, av)
		if !ok {
			return
		}
		amount = d
	case basis != perf.Basis:
		// The default amount belongs to the default basis: 5.00 per session
		// is no figure per teacher, nor a percent.
		p.fail(bk, `= %s 时须同时写出 amount：%s`, show(bv), amountHint[basis])
		return
	default:
		amount = perf.Amount
	}
	perf.Basis, perf.Amount = basis, amount
}

// confirmation reads confirmed and approved of [performance]: the school's
// word that the fee is its own, which silences the notice that the built-in
// 5.00 per session is a placeholder (SPEC 3.4).
func (p *parser) confirmation(at keyPath, t map[string]any, perf *Performance) {
	cv, hasConfirmed := t["confirmed"]
	confirmed := false
	if hasConfirmed {
		b, isBool := cv.(bool)
		if !isBool {
			p.fail(at.with("confirmed"), "= %s 应写 true 或 false，不加引号", show(cv))
			return
		}
		confirmed = b
	}
	av, hasApproved := t["approved"]
	if hasApproved {
		var s string
		if !p.setString(at.with("approved"), av, &s) {
			return
		}
		switch {
		case s == "":
			p.fail(at.with("approved"), "是空的：写明确认绩效服务费金额的决定，如 approved = \"2026年9月28日教代会决议\"；还没有确认就删去这一行")
			return
		case hasConfirmed && !confirmed:
			p.fail(at.with("confirmed"), "= false 与下面的 approved = %s 矛盾：金额已经确认就写 confirmed = true", show(av))
			return
		}
		perf.Approved, confirmed = s, true
	}
	if hasConfirmed || hasApproved {
		perf.Confirmed = confirmed
	}
}

var amountHint = map[Basis]string{
	PerSession:       `每节多少元，如 amount = "5.00"`,
	Fixed:            `每人每月多少元，如 amount = "100.00"`,
	PercentOfGeneral: `占本人上课与安全管理补助的比例，如 amount = "10%"`,
}

func (p *parser) sessions(at keyPath, t map[string]any, s *Sessions) {
	listsRead := true
	for _, name := range sortedKeys(t) {
		v, k := t[name], at.with(name)
		if !p.known("sessions", k) {
			continue
		}
		switch name {
		case "lesson":
			listsRead = p.setLabels(k, v, &s.Lesson) && listsRead
		case "safety":
			listsRead = p.setLabels(k, v, &s.Safety) && listsRead
		case "admin":
			listsRead = p.setLabels(k, v, &s.Admin) && listsRead
		case "count_step":
			p.setCountStep(k, v, &s.CountStep)
		case "max_per_day":
			if n, ok := p.integer(k, v); ok && n < 1 {
				p.fail(k, "= %d 应至少为 1", n)
			} else if ok {
				s.MaxPerDay = n
			}
		}
	}
	if !listsRead {
		return // a list that did not read would only cause more problems below
	}
	// A label must name one kind, or a row of the log would be paid twice
	// over or by chance.
	kinds := []struct {
		name   string
		labels []string
	}{{"lesson", s.Lesson}, {"safety", s.Safety}, {"admin", s.Admin}}
	type place struct {
		kind string
		j    int
	}
	first := map[string]place{}
	for _, kind := range kinds {
		for j, l := range kind.labels {
			prev, dup := first[l]
			if !dup {
				first[l] = place{kind.name, j}
				continue
			}
			// Point at a list the file wrote, not one it kept by default.
			k := at.with(kind.name, elem(j))
			if _, ok := t[kind.name]; !ok {
				k = at.with(prev.kind, elem(prev.j))
			}
			if prev.kind == kind.name {
				p.fail(k, "“%s”在 %s 里列了两次", Clip(l), prev.kind)
			} else {
				p.fail(k, "“%s”同时列在 %s 和 %s 下，一个名称只能属于一种类型", Clip(l), prev.kind, kind.name)
			}
		}
	}
}

// setLabels reads a non-empty list of non-empty labels, trimmed.
func (p *parser) setLabels(k keyPath, v any, dst *[]string) bool {
	list, ok := v.([]any)
	if !ok {
		p.fail(k, `应是名称的列表，如 ["上课"]；现在写成了%s`, kindOf(v))
		return false
	}
	if len(list) == 0 {
		p.fail(k, `= [] 是空列表：至少写一个名称，如 ["上课"]`)
		return false
	}
	labels := make([]string, 0, len(list))
	good := true
	for j, e := range list {
		s, isStr := e.(string)
		s = strings.TrimSpace(s)
		switch {
		case !isStr:
			p.fail(k.with(elem(j)), `应是加引号的名称，如 "上课"；现在写成了%s`, kindOf(e))
			good = false
		case s == "":
			p.fail(k.with(elem(j)), `是空名称`)
			good = false
		case !p.short(k.with(elem(j)), s, maxLabel):
			good = false
		}
		labels = append(labels, s)
	}
	if good {
		*dst = labels
	}
	return good
}

// setCountStep reads count_step. It is a count, not money, so a TOML integer
// is exact and accepted; a TOML float is not.
func (p *parser) setCountStep(k keyPath, v any, dst *decimal.Decimal) {
	var d decimal.Decimal
	switch v := v.(type) {
	case int64:
		d = decimal.NewFromInt(v)
	case float64:
		p.fail(k, `= %s 带小数的数须加引号，请写成 "%s"`, show(v), show(v))
		return
	default:
		s, ok := p.str(k, v)
		if !ok {
			return
		}
		if !number.MatchString(strings.TrimSpace(s)) {
			p.fail(k, `= %s 不是数字，应写成 "1" 或 "0.5" 这样`, show(v))
			return
		}
		d, _ = decimal.NewFromString(strings.TrimSpace(s))
	}
	if !d.IsPositive() {
		p.fail(k, "= %s 应大于 0", show(v))
		return
	}
	*dst = d
}

// events reads the [[event]] blocks. Any block replaces the whole default
// list: a school that writes its own discipline rules writes all of them.
func (p *parser) events(at keyPath, v any, r *Rules) {
	blocks, ok := p.blocks(at, v, "应写成一块块 [[event]]（两层方括号），每种事项一块")
	if !ok {
		return
	}
	// Name the blocks by label in messages before reading anything else.
	for i, b := range blocks {
		if t, ok := b.(map[string]any); ok {
			if l, ok := t["label"].(string); ok {
				p.names[at.with(elem(i)).mapKey()] = strings.TrimSpace(l)
			}
		}
	}
	events := make([]Event, 0, len(blocks))
	seen := map[string]int{}
	for i, b := range blocks {
		k := at.with(elem(i))
		t, ok := b.(map[string]any)
		if !ok {
			p.fail(k, "应是一块 [[event]]，现在写成了%s", kindOf(b))
			continue
		}
		e := p.event(k, t, "event")
		if e.Label != "" {
			if j, dup := seen[e.Label]; dup {
				p.fail(k.with("label"), "= %s 与第 %d 个 [[event]] 重名，一种事项只能写一块", show(t["label"]), j+1)
			} else {
				seen[e.Label] = i
			}
		}
		events = append(events, e)
	}
	r.Events = events
}

// blocks returns the blocks of an array of tables, [[event]] or [[change]];
// wrong is what to say when v is something else.
func (p *parser) blocks(at keyPath, v any, wrong string) ([]any, bool) {
	switch v := v.(type) {
	case []map[string]any:
		blocks := make([]any, len(v))
		for i, b := range v {
			blocks[i] = b
		}
		return blocks, true
	case []any: // event = [{…}, {…}]
		return v, true
	}
	p.fail(at, "%s；现在写成了%s", wrong, kindOf(v))
	return nil, false
}

// localDate returns a decoded TOML value as a date when it is a local date.
func localDate(v any) (Date, bool) {
	if t, ok := v.(time.Time); ok && isLocalDate(t) {
		return DateOf(t), true
	}
	return Date{}, false
}

// event reads one [[event]] block. It must be exactly one of three forms
// (SPEC 3.5): a fixed percent per event (per_event, maybe with all_from), a
// range the record's percent must lie in (percent_min and percent_max), or
// a reward whose amount the record gives (reward = true).
func (p *parser) event(at keyPath, t map[string]any, table string) Event {
	var e Event
	for _, name := range sortedKeys(t) {
		p.known(table, at.with(name))
	}
	if v, ok := t["label"]; ok {
		var s string
		if p.setString(at.with("label"), v, &s) {
			if e.Label = strings.TrimSpace(s); e.Label == "" {
				p.fail(at.with("label"), "是空的，请写上事项名称，如 \"早退\"")
			} else if !p.short(at.with("label"), e.Label, maxLabel) {
				e.Label = ""
			}
		}
	} else {
		p.fail(at, `缺少 label，请写上事项名称，如 label = "早退"`)
	}

	perV, hasPer := t["per_event"]
	minV, hasMin := t["percent_min"]
	maxV, hasMax := t["percent_max"]
	rewardForm := false // reward written, even if not as a bool: do not also say no form is chosen
	if v, ok := t["reward"]; ok {
		if b, isBool := v.(bool); isBool {
			e.Reward, rewardForm = b, b
		} else {
			p.fail(at.with("reward"), "= %s 应写 true 或 false，不加引号", show(v))
			rewardForm = true
		}
	}
	e.Ranged = hasMin || hasMax
	forms := 0
	for _, f := range []bool{hasPer, e.Ranged, rewardForm} {
		if f {
			forms++
		}
	}
	if forms != 1 {
		p.fail(at, "须在三种写法中选且只选一种：per_event（每次扣的比例）、percent_min 与 percent_max（比例由考核记录给出）、reward = true（奖励，金额由考核记录给出）")
	}

	if hasPer {
		p.setPercent(at.with("per_event"), perV, &e.PerEvent)
	}
	if v, ok := t["all_from"]; ok {
		k := at.with("all_from")
		switch n, isInt := p.integer(k, v); {
		case !isInt:
		case !hasPer:
			p.fail(k, "只能与 per_event 一起用：从当月第几次起扣 100%%")
		case n < 2:
			p.fail(k, "= %d 应至少为 2：从当月第几次起扣 100%%（每次都扣 100%% 请写 per_event = \"100%%\"）", n)
		default:
			e.AllFrom = n
		}
	}
	if e.Ranged {
		switch {
		case !hasMin:
			p.fail(at.with("percent_max"), "须与 percent_min 一起写，给出比例的下限")
		case !hasMax:
			p.fail(at.with("percent_min"), "须与 percent_max 一起写，给出比例的上限")
		default:
			okMin := p.setPercent(at.with("percent_min"), minV, &e.PercentMin)
			okMax := p.setPercent(at.with("percent_max"), maxV, &e.PercentMax)
			if okMin && okMax && e.PercentMin.GreaterThan(e.PercentMax) {
				p.fail(at.with("percent_max"), "= %s 小于 percent_min = %s", show(maxV), show(minV))
			}
		}
	}

	e.Scope = ScopeMonth
	if v, ok := t["scope"]; ok {
		k := at.with("scope")
		var s string
		if p.setString(k, v, &s) {
			switch sc := Scope(strings.TrimSpace(s)); {
			case sc != ScopeMonth && sc != ScopeTerm:
				p.fail(k, `= %s 不认识，只能写 "month"（按月扣）或 "term"（学期结算时扣）`, show(v))
			case sc == ScopeTerm && e.Reward:
				p.fail(k, `= %s 不行：奖励按月发放，scope 只能是 "month"`, show(v))
			default:
				e.Scope = sc
			}
		}
	}
	return e
}

func (p *parser) term(at keyPath, t map[string]any, term *Term) {
	datesRead := true
	for _, name := range sortedKeys(t) {
		v, k := t[name], at.with(name)
		if !p.known("term", k) {
			continue
		}
		switch name {
		case "name":
			p.setText(k, v, &term.Name, maxName)
		case "start":
			datesRead = p.setDate(k, v, &term.Start) && datesRead
		case "end":
			datesRead = p.setDate(k, v, &term.End) && datesRead
		case "fee":
			p.setMoney(k, v, &term.Fee)
		case "holidays":
			datesRead = p.setDates(k, v, &term.Holidays) && datesRead
		case "workdays":
			datesRead = p.setDates(k, v, &term.Workdays) && datesRead
		}
	}

	if !datesRead {
		return // a date that did not read would only cause more problems below
	}

	// The calendar of SPEC 4.1, checked as a whole after the file is laid
	// over the defaults.
	_, setStart := t["start"]
	_, setEnd := t["end"]
	if backwards, tooLong := term.End.Before(term.Start), term.Start.AddDays(366).Before(term.End); backwards || tooLong {
		// A term runs a few months; more than a year is a mistyped year.
		switch {
		case !setStart || setEnd:
			problem := "早于开始日期 start = " + term.Start.String()
			if tooLong {
				problem = "离开始日期 start = " + term.Start.String() + " 超过一年，请检查年份"
			}
			p.fail(at.with("end"), "= %s %s", term.End, problem)
		case backwards:
			p.fail(at.with("start"), "= %s 晚于结束日期 end = %s（内置默认）；改了开始日期，请同时写出 end", term.Start, term.End)
		default:
			p.fail(at.with("start"), "= %s 离结束日期 end = %s（内置默认）超过一年；改了开始日期，请同时写出 end", term.Start, term.End)
		}
		return
	}
	outside := func(d Date) string {
		if d.Before(term.Start) || d.After(term.End) {
			return fmt.Sprintf("%s 不在学期 %s 至 %s 之内", d, term.Start, term.End)
		}
		return ""
	}
	// SPEC 4.1: a date listed as both holiday and workday is a service day,
	// and a weekend in holidays changes nothing. Neither is wrong, so a
	// calendar copied from the government's notice, weekends and all, is
	// accepted; each is said, at its line, as the file means no change.
	both := func(d Date) bool { return slices.Contains(term.Holidays, d) && slices.Contains(term.Workdays, d) }
	_, holidaysWritten := t["holidays"]
	p.days(at, t, "holidays", term.Holidays, func(d Date) (string, bool) {
		switch o := outside(d); {
		case o != "":
			return o, false
		case both(d) && !holidaysWritten:
			return "", false // said at its workdays entry
		case both(d):
			return fmt.Sprintf("%s 同时列在 holidays 和 workdays 中，按调休上班、有课后服务计；如这天没有服务，请从 workdays 中删去", d), true
		case isWeekend(d):
			return fmt.Sprintf("%s 是%s，本来就没有课后服务，列为放假日不影响计算", d, weekdayName[d.Weekday()]), true
		}
		return "", false
	})
	p.days(at, t, "workdays", term.Workdays, func(d Date) (string, bool) {
		switch o := outside(d); {
		case o != "":
			return o, false
		case both(d) && !holidaysWritten:
			// Said here when the holidays are the built-in ones.
			return fmt.Sprintf("%s 也在内置默认的 holidays 中，按调休上班、有课后服务计", d), true
		case both(d):
			return "", false // said at its holidays entry
		case !isWeekend(d):
			return fmt.Sprintf("%s 是%s，不是周末：workdays 只列调休上班的星期六、星期日", d, weekdayName[d.Weekday()]), false
		}
		return "", false
	})
}

// days checks each date of the term's list named list with check, which
// returns what is wrong or doubtful with a date (or "") and whether it is
// only a warning. A list the file left out is the default calendar's, wrong
// only because the file moved the term: that is one problem, not one per
// date.
func (p *parser) days(at keyPath, t map[string]any, list string, dates []Date, check func(Date) (string, bool)) {
	_, written := t[list]
	for j, d := range dates {
		problem, warning := check(d)
		switch {
		case problem == "":
		case warning && written:
			p.warn(at.with(list, elem(j)), "%s", problem)
		case warning:
			p.warn(at.with(list), "%s", problem)
		case !written:
			p.fail(at.with(list), "用的是内置默认的日期，其中 %s；改了学期起止日期，请同时写出 %s", problem, list)
			return
		default:
			p.fail(at.with(list, elem(j)), "%s", problem)
		}
	}
}

func isWeekend(d Date) bool { return d.Weekday() == time.Saturday || d.Weekday() == time.Sunday }

var weekdayName = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}
