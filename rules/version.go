package rules

import (
	"fmt"
	"slices"
	"strings"
)

// Version is one version of a school's policy in its rules file: the base,
// which the file's tables give and which is in force from the term's start,
// or the policy after a dated [[change]] (SPEC 7, amended). A version holds
// every value, not only what its change sets: it is the base with every
// change up to it laid over it in order.
type Version struct {
	// Change is 0 for the base and n for the n-th [[change]] of the file.
	Change int
	// From is the change's from, the first day it is in force: always the
	// 1st of a month. Zero for the base, which is in force from the term's
	// start (Rules.From).
	From Date
	// Approved is the change's decision. Empty for the base, whose
	// decision is the file's approved line (Rules.Decision).
	Approved string
	// Line is the line of the change's [[change]] header; 0 for the base.
	Line int
	// Sets says what the change sets, as the file writes it, in the file's
	// order: `rates.lesson = "25.00"`, `event 迟到（新增）`. Empty for the base.
	Sets []string
}

// IsBase reports whether v is the base version: the file's tables, with no
// change laid over them.
func (v Version) IsBase() bool { return v.Change == 0 }

// Where says which version of the file v is: 学期初的规定 for the base, 第 2
// 处变更 for the second [[change]]. It names no line, so that a comment
// added to the file does not change what a payout recorded.
func (v Version) Where() string {
	if v.IsBase() {
		return "学期初的规定"
	}
	return fmt.Sprintf("第 %d 处变更", v.Change)
}

// Unapproved is what a version without an approval line says instead of one:
// 篇三 ends "需经学校教代会讨论通过后执行", and a rules file whose approved
// line is empty has not said that it was.
const Unapproved = "未经教代会审批（规则文件的 approved 未填写）"

// From returns the first day the version of r is in force: the change's
// from, or the term's start for the base.
func (r *Rules) From() Date {
	if r.Version.IsBase() {
		return r.Term.Start
	}
	return r.Version.From
}

// Decision returns the decision that adopted the version of r: the change's
// approved, or the file's approved line for the base; empty when the base
// was never approved.
func (r *Rules) Decision() string {
	if r.Version.IsBase() {
		return strings.TrimSpace(r.Approved)
	}
	return r.Version.Approved
}

// VersionString names the version of r as 计算说明, explain and the printed
// summary name it: `2027-03-01 起 2027年2月20日教代会决议`, or for a base that
// was never approved `2026-09-01 起 未经教代会审批（规则文件的 approved 未填写）`.
func (r *Rules) VersionString() string {
	d := r.Decision()
	if d == "" {
		d = Unapproved
	}
	if r.From().IsZero() {
		return d
	}
	return r.From().String() + " 起 " + d
}

// At returns the version of the rules in force on the first day of month m:
// a month is computed with one version (篇三 (一) 1 以月为计算周期). The
// result is a copy the caller may change.
func (r *Rules) At(m Month) *Rules {
	first := m.First()
	at := 0
	for i, v := range r.timeline {
		if i > 0 && !first.Before(v.Version.From) {
			at = i
		}
	}
	if at == 0 {
		// The base is r's own values, so that rules changed by hand after
		// loading (tests do) stay changed.
		return r.base().clone()
	}
	return r.timeline[at].clone()
}

// base returns the base version of r's file: r itself when r is the base.
func (r *Rules) base() *Rules {
	if r.Version.IsBase() || len(r.timeline) == 0 {
		return r
	}
	return r.timeline[0]
}

// Versions returns every version of the file, base first, in order of From;
// one version when the file has no [[change]]. Each is a copy.
func (r *Rules) Versions() []*Rules {
	out := []*Rules{r.base().clone()}
	for _, v := range r.timeline[min(1, len(r.timeline)):] {
		out = append(out, v.clone())
	}
	return out
}

// HasChanges reports whether the file has any [[change]].
func (r *Rules) HasChanges() bool { return len(r.timeline) > 1 }

// versionsOf returns the timeline of r's file: r alone when it has none.
func (r *Rules) versionsOf() []*Rules {
	if len(r.timeline) == 0 {
		return []*Rules{r}
	}
	return r.timeline
}

// changeKeys are the tables and keys a [[change]] may hold. The term's
// calendar and fee, and the school's name, are not policy that changes from
// a date: a term has one calendar and one fee.
var changeKeys = []string{"from", "approved", "rates", "admin", "performance", "sessions", "event"}

// notChangeable says why a key of the file may not be set by a change.
var notChangeable = map[string]string{
	"term":   "学期校历和收费 [term] 不随日期变更：一个学期只有一份校历和一个收费标准；新学期请直接改 [term]",
	"school": "学校名称不随日期变更，请直接改文件最上面的 school",
	"change": "[[change]] 不能写在 [[change]] 里面",
}

// changes reads the [[change]] blocks of the file (SPEC 7, amended): each a
// dated version of the policy, laid over the version before it through the
// same readers, and so the same checks, as the file's own tables. It returns
// the timeline: base first, then each change in order.
func (p *parser) changes(at keyPath, v any, base *Rules) []*Rules {
	timeline := []*Rules{base}
	blocks, ok := p.blocks(at, v, "应写成一块块 [[change]]（两层方括号），每处变更一块")
	if !ok {
		return timeline
	}
	// Name the blocks by their date in messages before reading anything else.
	for i, b := range blocks {
		if t, ok := b.(map[string]any); ok {
			if d, ok := t["from"]; ok {
				if tm, ok := localDate(d); ok {
					p.names[at.with(elem(i)).mapKey()] = tm.String() + " 起"
				}
			}
		}
	}
	prev := base
	type placed struct {
		from Date
		line int
	}
	var last *placed
	seen := map[Date]int{} // from → line of the change that has it
	for i, b := range blocks {
		k := at.with(elem(i))
		t, ok := b.(map[string]any)
		if !ok {
			p.fail(k, "应是一块 [[change]]，现在写成了%s", kindOf(b))
			continue
		}
		line := p.lineOf(k)
		sets := false
		for _, name := range sortedKeys(t) {
			nk := k.with(name)
			// A key that cannot be set is reported below; the change did
			// try to set something.
			sets = sets || (name != "from" && name != "approved")
			if why, no := notChangeable[name]; no {
				p.fail(nk, "%s", why)
				continue
			}
			if !slices.Contains(changeKeys, name) {
				p.fail(nk, "是未知的设置项，[[change]] 里只认 from、approved 和要变更的设置项，设置项写成 表名.设置项 = 值，如 rates.lesson = \"25.00\"")
				continue
			}
		}

		var from Date
		fromOK := false
		if fv, has := t["from"]; has {
			from, fromOK = p.date(k.with("from"), fv)
		} else {
			p.fail(k, "缺少 from：写明从哪天起生效，如 from = 2027-03-01（某月 1 日）")
		}
		var approved string
		if av, has := t["approved"]; has {
			if p.setString(k.with("approved"), av, &approved) && approved == "" {
				p.fail(k.with("approved"), "是空的：写明通过这项变更的决定，如 approved = \"2027年2月20日教代会决议\"")
			}
		} else {
			p.fail(k, "缺少 approved：写明通过这项变更的决定，如 approved = \"2027年2月20日教代会决议\"（篇三：需经学校教代会讨论通过后执行）")
		}
		if !sets {
			p.fail(k, "没有写要变更的设置项：在 from 和 approved 下面写要改的项，如 rates.lesson = \"25.00\"")
		}

		// Where the change goes in the timeline.
		inOrder := fromOK
		if fromOK {
			fk := k.with("from")
			switch {
			case from.Day != 1:
				// 篇三 (一) 1: 以月为计算周期. One month, one version: a
				// change from the middle of a month would split a month's
				// pay between two rates, and no rule of the policy says how.
				p.fail(fk, "= %s 不是某月 1 日：补助按月计算（篇三 (一) 1 以月为计算周期），一个月只用一个版本的规则；请写 %s（从下月起）或 %s（从本月起，本月全月按新规定）",
					from, from.MonthOf().Next().First(), from.MonthOf().First())
				inOrder = false
			case from.Before(base.Term.Start):
				p.fail(fk, "= %s 早于学期开始日期 %s：学期开始时就生效的规定请直接写在上面的各表中", from, base.Term.Start)
				inOrder = false
			}
			if l, dup := seen[from]; dup {
				p.fail(fk, "= %s 与第 %d 行的变更同一天生效：同一天生效的变更请合并为一块 [[change]]", from, l)
				inOrder = false
			} else if last != nil && from.Before(last.from) {
				p.fail(fk, "= %s 早于上一处变更（第 %d 行，%s 起）：变更请按生效日期从早到晚排列，让文件从上到下就是规则的时间线", from, last.line, last.from)
				inOrder = false
			}
			if _, dup := seen[from]; !dup {
				seen[from] = line
			}
		}

		// Lay the change over the version before it: the same readers as
		// the file's tables, which check each value and, where values
		// depend on each other (a basis and its amount, a label under two
		// kinds), check them against the version in force.
		ver := prev.clone()
		ver.Version = Version{From: from, Approved: approved, Change: i + 1, Line: line}
		var setLines []setLine
		for _, name := range sortedKeys(t) {
			nk := k.with(name)
			switch name {
			case "rates", "admin", "performance", "sessions":
				tab, ok := t[name].(map[string]any)
				if !ok {
					p.fail(nk, "应写成 %s.设置项 = 值，如 %s；现在写成了%s", name, changeExample[name], kindOf(t[name]))
					continue
				}
				p.table(name, nk, tab, ver)
				if name == "performance" {
					// A change names its decision: one that sets the fee
					// confirms it, under that decision unless it names
					// another.
					ver.Performance.Confirmed = true
					if _, named := tab["approved"]; !named {
						ver.Performance.Approved = approved
					}
				}
				for _, key := range sortedKeys(tab) {
					setLines = append(setLines, setLine{p.lineOf(nk.with(key)), name + "." + key + " = " + showValue(tab[key])})
				}
			case "event":
				setLines = append(setLines, p.changeEvents(nk, t[name], ver)...)
			}
		}
		slices.SortStableFunc(setLines, func(a, b setLine) int { return a.line - b.line })
		for _, s := range setLines {
			ver.Version.Sets = append(ver.Version.Sets, s.text)
		}
		if inOrder {
			timeline = append(timeline, ver)
			prev = ver
			last = &placed{from, line}
		}
	}
	return timeline
}

// changeExample shows how a change sets a key of each table.
var changeExample = map[string]string{
	"rates":       `rates.lesson = "25.00"`,
	"admin":       `admin.percent = "10%"`,
	"performance": `performance.amount = "6.00"`,
	"sessions":    `sessions.max_per_day = 5`,
}

// setLine is one thing a change sets, at its line, for Version.Sets.
type setLine struct {
	line int
	text string
}

// changeEvents reads the [[change.event]] blocks of a change and lays them
// over the event kinds in force. A block names a kind by its label and gives
// its whole rule, as an [[event]] block does: a kind already in force is
// replaced, a new one is added after the others; a block with only label
// and remove = true withdraws a kind. Kinds the change does not name stay
// as they are.
func (p *parser) changeEvents(at keyPath, v any, r *Rules) []setLine {
	blocks, ok := p.blocks(at, v, "应写成一块块 [[change.event]]（两层方括号，写在它所属的 [[change]] 下面），每种事项一块")
	if !ok {
		return nil
	}
	for j, b := range blocks {
		if t, ok := b.(map[string]any); ok {
			if l, ok := t["label"].(string); ok {
				p.names[at.with(elem(j)).mapKey()] = strings.TrimSpace(l)
			}
		}
	}
	events := slices.Clone(r.Events)
	var sets []setLine
	seen := map[string]int{}
	for j, b := range blocks {
		k := at.with(elem(j))
		t, ok := b.(map[string]any)
		if !ok {
			p.fail(k, "应是一块 [[change.event]]，现在写成了%s", kindOf(b))
			continue
		}
		line := p.lineOf(k)
		label := ""
		if lv, has := t["label"]; has {
			if p.setString(k.with("label"), lv, &label) && label == "" {
				p.fail(k.with("label"), "是空的，请写上事项名称，如 \"早退\"")
			}
		} else {
			p.fail(k, `缺少 label，请写上要新增、修改或删除的事项名称，如 label = "迟到"`)
		}
		if label == "" {
			continue
		}
		{
			if prev, dup := seen[label]; dup {
				p.fail(k.with("label"), "= %s 在这处变更里已有一块（第 %d 个 [[change.event]]），一种事项只能写一块", show(t["label"]), prev+1)
				continue
			}
			seen[label] = j
		}
		at := slices.IndexFunc(events, func(e Event) bool { return e.Label == label })

		if rv, has := t["remove"]; has {
			remove, isBool := rv.(bool)
			switch {
			case !isBool:
				p.fail(k.with("remove"), "= %s 应写 true，不加引号", show(rv))
				continue
			case !remove:
				p.fail(k.with("remove"), "= false 不必写：要修改这个事项，写出它完整的规定；要删除它，写 remove = true")
				continue
			}
			for _, name := range sortedKeys(t) {
				if name != "label" && name != "remove" {
					p.fail(k.with(name), "不能与 remove = true 同写：删除事项只写 label 和 remove = true")
				}
			}
			if label != "" && at < 0 {
				p.fail(k.with("label"), "= %s 在变更前的规则中没有这个事项，无法删除；现有事项：%s", show(t["label"]), labelList(events))
				continue
			}
			if at >= 0 {
				events = slices.Delete(events, at, at+1)
				sets = append(sets, setLine{line, "event " + label + "（删除）"})
			}
			continue
		}

		e := p.event(k, t, "change.event")
		if e.Label == "" {
			continue
		}
		if at >= 0 {
			events[at] = e
			sets = append(sets, setLine{line, "event " + e.Label + "（修改）"})
		} else {
			events = append(events, e)
			sets = append(sets, setLine{line, "event " + e.Label + "（新增）"})
		}
	}
	r.Events = events
	return sets
}

func labelList(events []Event) string {
	labels := make([]string, len(events))
	for i, e := range events {
		labels[i] = e.Label
	}
	return strings.Join(labels, "、")
}

// showValue writes a value a change sets back as the file writes it, lists
// in full: `"25.00"`, `["上课", "辅导"]`, `true`.
func showValue(v any) string {
	if list, ok := v.([]any); ok {
		parts := make([]string, len(list))
		for i, e := range list {
			parts[i] = show(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	return show(v)
}

// WithTerm returns a copy of r with term t in every version of its file, as
// a case of kfpay verify that names its own term runs: the versions keep
// their dates, only the calendar and the fee change.
func (r *Rules) WithTerm(t Term) *Rules {
	vs := []*Rules{r.base()}
	if len(r.timeline) > 1 {
		vs = append(vs, r.timeline[1:]...)
	}
	out := make([]*Rules, len(vs))
	for i, v := range vs {
		c := v.clone()
		c.Term = t
		c.Term.Holidays = slices.Clone(t.Holidays)
		c.Term.Workdays = slices.Clone(t.Workdays)
		out[i] = c
	}
	if len(out) > 1 {
		for _, c := range out {
			c.timeline = out
		}
	} else {
		out[0].timeline = nil
	}
	return out[r.Version.Change]
}
