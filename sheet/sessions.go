package sheet

import (
	"context"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/xlsx"
)

// The session log's columns (SPEC 2.1), in the order of logFields.
const (
	logDate = iota
	logID
	logName
	logKind
	logCount
	logClass
	logNote
)

var sessionLog = schema{role: "课时登记", fields: []field{
	logDate:  {name: "日期", aliases: []string{"date"}, required: true},
	logID:    {name: "工号", aliases: []string{"编号", "staff_id"}},
	logName:  {name: "教师", aliases: []string{"姓名", "教师姓名", "teacher"}, required: true},
	logKind:  {name: "类型", aliases: []string{"服务类型", "kind"}, required: true},
	logCount: {name: "节数", aliases: []string{"次数", "count"}, required: true, numeric: true},
	logClass: {name: "班级", aliases: []string{"class"}},
	logNote:  {name: "备注", aliases: []string{"note"}, note: true},
}}

// The layouts a session log comes in (SPEC 2.1a), as 计算说明 names them.
const (
	layoutLog     = "逐条登记"
	layoutGrid    = "按日考勤表"
	layoutSummary = "月度汇总"
)

// ReadSessions reads the session log at path into tl, one entry at a time.
// sheetName may be empty for the first visible sheet. The log may be kept in
// any of the three layouts of SPEC 2.1a, told apart by the header row: one
// row per entry, a daily grid, or a monthly summary. It returns what 计算说明
// records of the file, its layout included, and the problems found in it;
// entries with a problem are not added.
func ReadSessions(ctx context.Context, path, sheetName string, r *rules.Rules, tl *calc.Tally, opts ...ReadOption) (info InputFile, problems calc.Problems) {
	t, c := openSheet(ctx, path, sheetName, sessionLog.role, append(opts, forMonth(tl.Month()))...)
	if t == nil {
		return InputFile{Role: sessionLog.role}, c.list
	}
	defer t.close()
	summary := summarySchema(r)
	// The first row that fits a layout is the header. No header fits two:
	// the log needs 日期 and 节数, the summary a count column per kind, the
	// grid columns headed by days.
	top := t.top()
	for i, b := range top {
		if cols, ok := sessionLog.match(b.cells); ok {
			t.info.Layout = layoutLog
			t.useHeader(b.num, sessionLog, cols)
			readLongLog(t, r, tl)
			info := t.done() // before c.list: done may add a problem to it
			return info, c.list
		}
		if cols, ok := summary.match(b.cells); ok {
			t.info.Layout = layoutSummary
			t.useHeader(b.num, summary, cols)
			readSummary(t, tl)
			info := t.done() // before c.list: done may add a problem to it
			return info, c.list
		}
		if cols, days, ok := matchGrid(b.cells, rowAbove(top, i), t.wb); ok {
			t.info.Layout = layoutGrid
			readGrid(t, r, tl, b.num, cols, days)
			info := t.done() // before c.list: done may add a problem to it
			return info, c.list
		}
	}
	c.add(calc.Problem{Code: "no-header", Ref: c.ref(0, 0), Msg: noLayout(top, summary, t.wb) + t.encodingHint()})
	return InputFile{Role: sessionLog.role}, c.list
}

// noLayout says why no row of top is the header of a session log: it names
// the row that came closest, what it holds and what each layout still needs.
func noLayout(top []bufferedRow, summary schema, wb book) string {
	msg := fmt.Sprintf("前 %d 行中找不到表头，无法判断课时登记是哪种格式", headerRows)
	var best *bufferedRow
	bestAt, bestScore := 0, -1
	for i, b := range top {
		logCols, _ := sessionLog.match(b.cells)
		sumCols, _ := summary.match(b.cells)
		gridCols, days, _ := matchGrid(b.cells, rowAbove(top, i), wb)
		score := found(logCols) + found(sumCols) + found(gridCols) + len(days)
		if score > bestScore && len(headersOf(b.cells)) > 0 {
			best, bestAt, bestScore = &top[i], i, score
		}
	}
	needs := func(s schema) string { return strings.Join(s.missing(make([]int, len(s.fields))), "、") }
	if best == nil {
		return msg + "。课时登记可以是：逐条登记（" + needs(sessionLog) + "）、按日考勤表（教师 和按日的列）或月度汇总（" +
			needs(summary) + "）"
	}
	const gridNeeds = "教师 和按日的列（列名如 1、1日、9月1日 或日期）"
	logCols, _ := sessionLog.match(best.cells)
	sumCols, _ := summary.match(best.cells)
	gridCols, days, _ := matchGrid(best.cells, rowAbove(top, bestAt), wb)
	var gridMissing []string
	if gridCols[gridName] == 0 {
		gridMissing = append(gridMissing, "教师")
	}
	if len(days) == 0 {
		gridMissing = append(gridMissing, "按日的列")
	}
	need := func(layout, needs string, missing []string) string {
		return fmt.Sprintf("%s需要 %s，缺 %s", layout, needs, strings.Join(missing, "、"))
	}
	return msg + fmt.Sprintf("（第 %d 行的内容是 %s）。", best.num, rowText(headersOf(best.cells))) +
		need(layoutLog, needs(sessionLog), sessionLog.missing(logCols)) + "；" +
		need(layoutGrid, gridNeeds, gridMissing) + "；" +
		need(layoutSummary, needs(summary), summary.missing(sumCols))
}

// rowAbove returns the cells of the row just above top[i], or nil when that
// row is empty or not among them.
func rowAbove(top []bufferedRow, i int) []xlsx.Cell {
	if i > 0 && top[i-1].num == top[i].num-1 {
		return top[i-1].cells
	}
	return nil
}

// found counts the columns of cols that were found.
func found(cols []int) int {
	n := 0
	for _, col := range cols {
		if col != 0 {
			n++
		}
	}
	return n
}

// readLongLog reads the rows of a session log kept one row per entry (SPEC 2.1).
func readLongLog(t *table, r *rules.Rules, tl *calc.Tally) {
	c := t.c
	m := tl.Month()
	t.month = m
	cols := &calc.Columns{Date: t.cols[logDate], ID: t.cols[logID], Name: t.cols[logName], Kind: t.cols[logKind]}
	hasID := t.has(logID)
	spread := newMonthSpread(m, "日期")
	defer spread.finish(c)
	// A 合计 row at the bottom, as in the grid and the summary, is checked
	// against the 节数 above it and not read as an entry (SPEC 2.1, reading).
	totals := newColumnTotals(t, []int{logCount})
	// The kinds of the labels met so far: a log names a few kinds on a
	// million rows, and KindOf trims every label of the rules to compare
	// (0.13 s of CPU a run of the 250,000-teacher month, issue 20). Only
	// known labels are kept, so the map holds no more than the rules name.
	kinds := map[string]rules.Kind{}
	for !c.full() && t.next() {
		if totals.handle(t, 0) {
			continue
		}
		e := calc.Entry{Cols: cols, Src: t.ref(logCount)}
		ok := true
		if d, good := t.requiredDateIn(logDate, m); !good {
			ok = false
		} else if !spread.inside(t, logDate, d, "请检查日期或 --month") {
			ok = false
		} else {
			e.Date = d
		}
		if name, good := t.requiredPerson(logName); good {
			e.Person.Name = name
		} else {
			ok = false
		}
		if hasID {
			// SPEC 2.1: when the log has a 工号 column, every row needs one.
			if id, good := t.requiredID(logID); good {
				e.Person.ID = id
			} else {
				ok = false
			}
		}
		if label, good := t.requiredName(logKind); good {
			k, known := kinds[label]
			if !known {
				if k, known = r.Sessions.KindOf(label); known {
					kinds[strings.Clone(label)] = k
				}
			}
			if known {
				e.Kind = k
			} else {
				t.cellProblem("unknown-kind", logKind, label, "不是已知的服务类型；可填：%s", kindLabels(r))
				ok = false
			}
		} else {
			ok = false
		}
		if t.required(logCount) {
			n, good := t.number(logCount)
			totals.add(logCount, n, good)
			if !good {
				ok = false
			} else if !n.IsPositive() {
				t.cellProblem("count-not-positive", logCount, n.String(), "应为正数；没有上课的行请删去")
				ok = false
			} else {
				e.Count = n
			}
		} else {
			totals.add(logCount, decimal.Zero, !t.cur.cells[logCount].Formula)
			ok = false
		}
		if !ok {
			continue
		}
		e.Class = t.text(logClass)
		e.Note = t.text(logNote)
		tl.Add(e)
		t.info.Used++
	}
}

// duplicates finds a person listed twice for the same kind in a grid or a
// summary, where each person (and kind) has one row: a second row is a
// copy-paste slip more often than extra work, so it is an error, not a sum.
type duplicates map[string]int

// check reports p's row for kind (empty in a summary, where a person has one
// row for all kinds) when an earlier row has them; at is the cell to report.
func (d duplicates) check(t *table, at int, p calc.Person, kind string) bool {
	key := p.Key() + "\x00" + kind
	if first, dup := d[key]; dup {
		if kind == "" {
			t.cellProblem("duplicate-row", at, p.Name, "%s已在第 %d 行登记，每人只能占一行；请把两行合并为一行", rules.Clip(p.Name), first)
		} else {
			t.cellProblem("duplicate-row", at, p.Name, "%s的%s已在第 %d 行登记，每人每种类型只能占一行；请把两行合并为一行", rules.Clip(p.Name), kind, first)
		}
		return false
	}
	d[key] = t.cur.num
	return true
}

// kindLabels lists the labels a 类型 cell may hold, for a message.
func kindLabels(r *rules.Rules) string { return strings.Join(kindList(r), "、") }

// kindList is every label of the rules' session kinds.
func kindList(r *rules.Rules) []string {
	var all []string
	for _, ls := range [][]string{r.Sessions.Lesson, r.Sessions.Safety, r.Sessions.Admin} {
		all = append(all, ls...)
	}
	return all
}
