package sheet

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/render"
	"kfpay/sheet/internal/xlsx"
)

// The daily grid's columns other than its days (SPEC 2.1a), in the order of
// gridColumns; the day columns follow them in a grid's schema.
const (
	gridID = iota
	gridName
	gridKind
	gridTotal
	gridDays // the first day column's field
)

var gridColumns = []field{
	gridID:    {name: "工号", aliases: []string{"编号", "staff_id"}},
	gridName:  {name: "教师", aliases: []string{"姓名", "教师姓名", "teacher"}, required: true},
	gridKind:  {name: "类型", aliases: []string{"服务类型", "kind"}},
	gridTotal: {name: "合计", aliases: []string{"总计", "小计", "total"}, numeric: true},
}

// dayHeader is a grid column headed by a day. Year and Month are 0 when the
// header names only the day, as 1 and 1日 do.
type dayHeader struct {
	col  int
	date rules.Date
	text string // the header as written, for messages
}

// matchGrid reads cells as the header of a daily grid: a name column and at
// least one column headed by a day. cols are the columns of gridColumns.
// above is the row just above, or nil: many grids head two rows at once,
// 教师 in a cell merged down over both and the days in the lower row under
// a 日期 or 9月 spanning them, so a column the row leaves empty may take its
// header from the row above.
func matchGrid(cells, above []xlsx.Cell, wb book) (cols []int, days []dayHeader, ok bool) {
	fixed := schema{fields: gridColumns}
	cols, _ = fixed.match(cells)
	if above != nil {
		upper, _ := fixed.match(above)
		for i, col := range upper {
			if cols[i] == 0 && col != 0 && !hasCell(cells, col) {
				cols[i] = col
			}
		}
	}
	for _, c := range cells {
		dateStyle := c.Type == xlsx.CellNumber && wb.IsDateStyle(c.Style)
		if d, isDay := parseDayHeader(c, wb.Date1904(), dateStyle); isDay {
			days = append(days, d)
		}
	}
	return cols, days, cols[gridName] != 0 && len(days) > 0
}

// hasCell reports whether cells has one in column col.
func hasCell(cells []xlsx.Cell, col int) bool {
	for _, c := range cells {
		if c.Col == col {
			return true
		}
	}
	return false
}

var (
	dayOnly  = regexp.MustCompile(`^(\d{1,2})日?$`)
	monthDay = regexp.MustCompile(`^(\d{1,2})(?:月|/|-)(\d{1,2})日?$`)
	// weekdaySuffix is the weekday many grids print under or after the day:
	// 1(一), 1日 星期二, "1\n二".
	weekdaySuffix = regexp.MustCompile(`[(（]?(?:周|星期|礼拜)?[一二三四五六日天][)）]?$`)
	weekdayOnly   = regexp.MustCompile(`^(?:周|星期|礼拜)?[一二三四五六日天]$`)
)

// parseDayHeader reads a header cell as a day: a number (1 to 31), text 1,
// 1日, 9月1日 or 9/1, a full date as text (2026-09-01, 2026/9/1,
// 2026年9月1日), or a date cell (dateStyle: a number formatted as a date). A
// weekday written after the day is allowed. ok is false for a cell that heads
// no day, which the grid ignores like any unknown column. A header written as
// a day but naming none (32, 13月1日, 2026-09-31) is still a day column, left
// for dayOf to reject: ignored, its counts would go unpaid without a word.
func parseDayHeader(c xlsx.Cell, date1904, dateStyle bool) (h dayHeader, ok bool) {
	h.col, h.text = c.Col, strings.TrimSpace(c.Value)
	switch c.Type {
	case xlsx.CellNumber:
		if dateStyle {
			if d, valid := serialDate(c.Value, date1904); valid {
				h.date, h.text = d, d.String()
			}
			return h, true
		}
		n, err := decimal.NewFromString(c.Value)
		if err != nil {
			return h, false
		}
		if n.IsInteger() && n.IsPositive() && n.LessThan(decimal.NewFromInt(100)) {
			h.date.Day = int(n.IntPart())
		}
		return h, true
	case xlsx.CellDate:
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"} {
			if tm, err := time.Parse(layout, c.Value); err == nil {
				h.date = rules.DateOf(tm)
				h.text = h.date.String()
				break
			}
		}
		return h, true
	case xlsx.CellString:
		s := strings.Join(strings.Fields(norm.NFKC.String(c.Value)), "")
		for _, s := range []string{s, weekdaySuffix.ReplaceAllString(s, "")} {
			if d, valid := textDate(s); valid || d != (rules.Date{}) {
				h.date = d
				return h, true
			}
			if m := monthDay.FindStringSubmatch(s); m != nil {
				mo, _ := strconv.Atoi(m[1])
				h.date.Month = time.Month(mo)
				h.date.Day, _ = strconv.Atoi(m[2])
				return h, true
			}
			if m := dayOnly.FindStringSubmatch(s); m != nil {
				h.date.Day, _ = strconv.Atoi(m[1])
				return h, true
			}
		}
	}
	return h, false
}

// validDay reports whether a day header names a day that exists: 1 to 31,
// in a month 1 to 12, in a real date when it has a year.
func validDay(d rules.Date) bool {
	switch {
	case d.Year != 0:
		return d.Valid()
	case d.Month != 0:
		return d.Month <= 12 && d.Day >= 1 && d.Day <= 31
	}
	return d.Day >= 1 && d.Day <= 31
}

// cellPos is a cell of the sheet.
type cellPos struct{ col, row int }

// gridReader reads the rows of a daily grid.
type gridReader struct {
	t     *table
	r     *rules.Rules
	tl    *calc.Tally
	dates []rules.Date // by field; zero for the fields before gridDays
	cols  *calc.Columns

	totals *columnTotals
	seen   duplicates
	rows   int // person rows read, to know the row right under the header
}

// readGrid reads the daily grid whose header is row header: cols are the
// columns of gridColumns, days the columns headed by a day. Each non-empty
// day cell becomes one entry dated that day, with the cell as its source,
// so that warnings and explain cite the grid's own cells.
func readGrid(t *table, r *rules.Rules, tl *calc.Tally, header int, cols []int, days []dayHeader) {
	g := &gridReader{t: t, r: r, tl: tl, seen: duplicates{}}
	s := schema{role: sessionLog.role, fields: append([]field(nil), gridColumns...)}
	g.dates = make([]rules.Date, gridDays)
	m := tl.Month()
	first := map[int]int{} // day → the first column headed by it
	spread := newMonthSpread(m, "日期列")
	defer spread.finish(t.c)
	for _, d := range days {
		date, ok := g.dayOf(d, m, header, first, spread)
		if !ok {
			continue
		}
		s.fields = append(s.fields, field{name: fmt.Sprintf("%d月%d日", int(date.Month), date.Day), numeric: true})
		cols = append(cols, d.col)
		g.dates = append(g.dates, date)
	}
	t.useHeader(header, s, cols)
	g.cols = &calc.Columns{ID: cols[gridID], Name: cols[gridName], Kind: cols[gridKind], Grid: true}
	// A grid has a row per person, not per entry: its merges are read at
	// once, so that a day's count merged across days counts in each, as a
	// name merged down a person's kind rows names each of them.
	t.loadMerges()
	checked := []int{}
	if t.has(gridTotal) {
		checked = append(checked, gridTotal)
	}
	for i := gridDays; i < len(s.fields); i++ {
		checked = append(checked, i)
	}
	g.totals = newColumnTotals(t, checked)
	for !t.c.full() && t.next() {
		g.row()
	}
}

// dayOf checks the day column d against month m (SPEC 2.1a): a day the month
// does not have, a column of another month or a day headed twice is an error
// at the header cell, so a grid of the wrong month is not paid as this one.
func (g *gridReader) dayOf(d dayHeader, m rules.Month, header int, first map[int]int, spread *monthSpread) (rules.Date, bool) {
	c := g.t.c
	switch {
	case !validDay(d.date):
		c.errorf("bad-day", d.col, header, "", d.text, "不是日期；日期列的列名请写成 1、1日、9月1日 或日期")
		return rules.Date{}, false
	case d.date.Year != 0 && d.date.MonthOf() != m, d.date.Month != 0 && d.date.Month != m.Month:
		other := rules.Month{Year: d.date.Year, Month: d.date.Month}
		if other.Year == 0 {
			other.Year = m.Year
		}
		spread.hold(other, calc.Problem{Code: "day-outside-month", Ref: c.ref(d.col, header), Value: d.text,
			Msg: fmt.Sprintf("这一列是 %s，不在 %s 内；请检查 --month，或删除这一列", describeDay(d.date), m.Chinese())})
		return rules.Date{}, false
	case d.date.Day > m.Last().Day:
		c.errorf("day-outside-month", d.col, header, "", d.text, "%s只有 %d 天，没有 %d 日；请删除这一列，或检查 --month", m.Chinese(), m.Last().Day, d.date.Day)
		return rules.Date{}, false
	}
	if d.date.Month != 0 {
		spread.dated++
	}
	if col, dup := first[d.date.Day]; dup {
		c.errorf("day-twice", d.col, header, "", d.text, "与 %s 列重复：同一天只能有一列", calc.ColumnName(col))
		return rules.Date{}, false
	}
	first[d.date.Day] = d.col
	return rules.Date{Year: m.Year, Month: m.Month, Day: d.date.Day}, true
}

// describeDay writes a day header's date as fully as it was given.
func describeDay(d rules.Date) string {
	if d.Year != 0 {
		return fmt.Sprintf("%d年%d月%d日", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%d月%d日", int(d.Month), d.Day)
}

// row reads the current row of the grid.
func (g *gridReader) row() {
	t := g.t
	if g.totals.handle(t, t.cols[gridKind]) {
		return
	}
	if g.rows == 0 && g.isWeekdayRow() {
		t.info.Other++
		return
	}
	g.rows++
	ok := true
	var entries []calc.Entry
	sum := decimal.Zero
	for i := gridDays; i < len(g.dates); i++ {
		n, present, good := t.count(i)
		g.totals.add(i, n, good)
		switch {
		case !good:
			ok = false
		case present && !n.IsZero():
			// A zero is no work: no entry, as a log has no row for it.
			entries = append(entries, calc.Entry{Date: g.dates[i], Count: n, Src: t.ref(i), Cols: g.cols})
		}
		sum = sum.Add(n)
	}
	if t.has(gridTotal) {
		n, present, good := t.count(gridTotal)
		g.totals.add(gridTotal, n, good)
		if present && good && ok && !n.Equal(sum) {
			t.cellProblem("total-mismatch", gridTotal, n.String(), "合计为 %s，但本行各日之和为 %s；表格自身前后不符，请核对", n, sum)
		}
	}
	if len(entries) == 0 && t.cur.cells[gridKind].Col == 0 {
		// A person with nothing this month, or a template row left blank
		// (its 合计 formula holds 0): nothing to count, no kind to check.
		t.info.Other++
		return
	}
	p, personOK := g.person()
	kind, kindOK := g.kind()
	if personOK && kindOK {
		kindOK = g.seen.check(t, gridName, p, kind.String())
	}
	ok = ok && personOK && kindOK
	if !ok {
		return
	}
	if len(entries) == 0 { // a person and kind with nothing this month
		t.info.Other++
		return
	}
	for _, e := range entries {
		e.Person, e.Kind = p, kind
		g.tl.Add(e)
	}
	t.info.Used++
}

// person reads the 工号 (when the grid has the column) and name of the current
// row. A cell left empty under the top of a merged cell has its text (see
// fillMerged): the row belongs to the person above.
func (g *gridReader) person() (calc.Person, bool) {
	id, ok := "", true
	if g.t.has(gridID) {
		id, ok = g.text(gridID)
	}
	name, good := g.text(gridName)
	return calc.Person{ID: id, Name: name}, ok && good
}

func (g *gridReader) text(i int) (string, bool) {
	t := g.t
	if t.cur.cells[i].Col == 0 {
		hint := ""
		switch _, isCSV := t.wb.(csvBook); {
		case i == gridName && isCSV:
			// A CSV file keeps a merged name in its first row only.
			hint = "；CSV 文件不保存合并单元格，同一人占几行时请每行都填姓名"
		case i == gridName:
			// The usual cause: one person's kind rows, the name typed once.
			hint = "；同一人占几行时，请每行都填姓名，或把姓名单元格合并"
		}
		t.cellProblem("missing", i, "", "缺少%s%s", t.schema.fields[i].name, hint)
		return "", false
	}
	if !t.present(i) {
		return "", false
	}
	if i == gridID {
		id := t.person(i, calc.NormalizeID)
		return id, t.short(i, id)
	}
	name := t.person(i, calc.NormalizeName)
	return name, t.short(i, name) && t.checkName(i, name)
}

// kind reads the 类型 of the current row; without a 类型 column every count
// is a lesson (SPEC 2.1a).
func (g *gridReader) kind() (rules.Kind, bool) {
	t := g.t
	if !t.has(gridKind) {
		return rules.KindLesson, true
	}
	if !t.required(gridKind) {
		return 0, false
	}
	label := NormalizeName(t.text(gridKind))
	k, known := g.r.Sessions.KindOf(label)
	if !known {
		t.cellProblem("unknown-kind", gridKind, label, "不是已知的服务类型；可填：%s", kindLabels(g.r))
	}
	return k, known
}

// isWeekdayRow reports whether the current row is the row of weekdays many
// grids print under the days (一 二 三 …), which is part of the header.
func (g *gridReader) isWeekdayRow() bool {
	t := g.t
	found := false
	for i := gridDays; i < len(g.dates); i++ {
		c := t.cur.cells[i]
		if c.Col == 0 {
			continue
		}
		if c.Type != xlsx.CellString || !weekdayOnly.MatchString(strings.Join(strings.Fields(norm.NFKC.String(c.Value)), "")) {
			return false
		}
		found = true
	}
	return found
}

// WriteGridTemplate writes a blank daily grid for month m to path, for the
// bursar to fill in: a title, a header of 工号, 教师, 类型, the days 1 to the
// month's last and 合计, rows whose 合计 sums their days, and a 合计 row. The
// days the rules' calendar has no service on (weekends, holidays, days
// outside the term) are shaded, so a count typed there stands out; make-up
// workdays are not. Each 合计 is a formula saved with its value, 0, since
// some programs show a formula's saved value without computing it. An
// existing file is replaced only with force.
func WriteGridTemplate(path string, r *rules.Rules, m rules.Month, force bool) error {
	return saveCounts(gridTemplate(r, m), path, force)
}

// saveCounts writes the blank count sheet cs to path.
func saveCounts(cs *render.CountSheet, path string, force bool) error {
	b, err := cs.Book(context.Background())
	if err != nil {
		return err
	}
	defer b.Close()
	return b.Save(path, force)
}

// gridTemplate lays out the blank daily grid of WriteGridTemplate.
func gridTemplate(r *rules.Rules, m rules.Month) *render.CountSheet {
	days := m.Last().Day
	headers := []any{"工号", "教师", "类型"}
	for d := 1; d <= days; d++ {
		headers = append(headers, d)
	}
	headers = append(headers, "合计")
	return &render.CountSheet{
		Sheet:      fmt.Sprintf("%d月", int(m.Month)),
		Title:      fmt.Sprintf("%s %s课后服务考勤表", r.School, m.Chinese()),
		Headers:    headers,
		FirstCount: 4,
		RowTotal:   true,
		KindCol:    3,
		Labels:     kindList(r),
		CountWidth: 3.5, // two digits and their margins: the month prints on landscape A4 at 9 pt or more
		Shaded: func(col int) bool {
			d := col - 3
			return d >= 1 && d <= days && !r.Term.IsServiceDay(rules.Date{Year: m.Year, Month: m.Month, Day: d})
		},
		Note: "填表说明：每格填当天的节数（安全管理、行政值班填次数），没有就空着；同一位教师的上课、安全管理、行政值班各占一行，" +
			"姓名可合并单元格；灰色为按校历不上课的日子。人多时请在合计行之上插入行，合计会随之扩展。没有工号可删去工号列。",
	}
}
