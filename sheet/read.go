package sheet

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/cellnum"
	"kfpay/sheet/internal/render"
	"kfpay/sheet/internal/xlsx"
)

// table is an input sheet open for reading, its header row found.
type table struct {
	ctx    context.Context // stops the read when done: Ctrl-C
	wb     book            // nil for text rows (openLines)
	it     rowSource
	schema schema
	cols   []int // the column of each field, 0 when absent
	field  []int // for each column, 1 + the index of its field, or 0
	header int   // the header row's number
	c      *collector
	info   InputFile

	buffered []bufferedRow // the rows read while looking for the header and not yet returned by next
	cur      row
	stopErr  error // the error that stopped the rows, once reported

	// month is the month the sheet's dates belong to when the reader knows
	// it (a session log, the records), for the hints of messages; zero
	// when it does not.
	month rules.Month

	progress   func(row, last int) // nil when no one asked
	nextReport int                 // the row at which to call progress next
	untilCheck int                 // rows left before ctx is looked at again

	// Merged cells (merge.go): the sheet's merges once needed, the last
	// cell seen in each column up to the last field's, the top-left cells
	// of the merges read so far, and the merges already warned of.
	merges      *mergeIndex
	lastSeen    []seenCell
	tops        map[cellPos]xlsx.Cell
	warnedMerge map[cellPos]bool

	// The columns outside the schema (unread.go): the header row's text
	// of each, and what the data rows hold in them.
	headers map[int]string
	unread  []unreadColumn
	// lines is set for text rows, whose row numbers are the lines they are
	// written on: several may share a line, and no gap is an empty row.
	lines bool
	// tee, when set, is given every row below the header that next reads,
	// empty or not, before next looks at it: another view of the same
	// rows (the seal's, sealTee), which then need not be read again.
	tee func(num int, hidden bool, cells []xlsx.Cell)

	// redHeader marks the columns whose header cell is filled red, by
	// column, nil when none is: a whole column filled red to make it stand
	// out (its header too), not a row marked cancelled (checkMarks).
	redHeader []bool

	// serials are the dates of the serial numbers read last, each at its
	// number modulo their count (serialOf).
	serials [64]serialMemo
}

// serialMemo is a serial day number and its date.
type serialMemo struct {
	n int
	d rules.Date
}

// serialOf is serialDate for the sheet, remembering the dates of the last
// serials: a month's dates are 31 serials, each on many rows, and working
// one out through time.Time was a tenth of reading a session log's row
// after the counts (issue 20). A whole serial of a range of 64 has a slot of
// its own.
func (t *table) serialOf(raw string) (rules.Date, bool) {
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > xlsx.MaxSerial {
		return serialDate(raw, t.date1904())
	}
	m := &t.serials[n%len(t.serials)]
	if m.n != n {
		d, ok := serialDate(raw, t.date1904())
		if !ok {
			return d, ok
		}
		*m = serialMemo{n, d}
	}
	return m.d, true
}

// date1904 reports whether the workbook counts serial dates from 1904.
func (t *table) date1904() bool { return t.wb != nil && t.wb.Date1904() }

// checkMarks tells the bursar of the ways row r may have been marked
// cancelled instead of deleted, in the cells kfpay reads: a font struck
// through (Excel's Ctrl+5, WPS's 删除线, whole cell or some of its rich
// text), a red fill. Such a row still counts, as Excel's SUM counts it, so
// each is a warning at the first cell so marked. A 合计 or 小计 row, which
// is not paid, is left alone, and so is red in a column whose header is
// red too: the whole column was filled to make it stand out. A cell of
// which only part is struck ("3" struck, "2" typed beside it) reads as its
// whole text ("32"), so in a field that makes a figure or says who is paid
// (any but a note) it is an error instead: no guess at which part the
// bursar meant.
func (t *table) checkMarks(r *row) {
	struck, red, part := 0, 0, false
	for i := range r.cells {
		c := &r.cells[i]
		if c.Col == 0 {
			continue
		}
		m := t.wb.Marks(c.Style)
		if m == 0 && c.Strike == xlsx.StrikeNone {
			continue // nearly every cell: plain text in a font not struck, not red
		}
		someStruck, somePlain := c.Struck(m&xlsx.MarkStruck != 0)
		if struck == 0 && someStruck {
			struck = c.Col
		}
		if red == 0 && m&xlsx.MarkRed != 0 && (t.redHeader == nil || !t.redHeader[c.Col]) {
			red = c.Col
		}
		if someStruck && somePlain && !t.schema.fields[i].note {
			t.c.errorf("struck-part", c.Col, r.num, t.schema.fields[i].name, c.Value,
				"这一格的文字只有一部分带删除线，而 kfpay 读到的是整格文字（连同划掉的部分），无法判断哪一部分作废；请删去划掉的文字，只留下应计入的内容")
			part = true
		}
	}
	if (struck != 0 || red != 0) && totalRow(t, 0) != notTotal {
		// A 合计 or 小计 row is checked against the rows above, not paid:
		// a bursar may well fill it red to make it stand out.
		return
	}
	if struck != 0 && !part {
		t.c.warnf("struck-row", struck, r.num, "", "", "第 %d 行的内容带删除线，已照常读取；如这一行已作废，请删除该行", r.num)
	}
	if red != 0 {
		t.c.warnf("red-row", red, r.num, "", "", "第 %d 行填了红色底色，已照常读取；如这一行已作废，请删除该行", r.num)
	}
}

// isPercentStyle reports whether style is a percent number format.
func (t *table) isPercentStyle(style int) bool { return t.wb != nil && t.wb.IsPercentStyle(style) }

// intFormat is the zero-padding format of a cell style, nil for none.
func (t *table) intFormat(style int) *xlsx.IntFormat {
	if t.wb == nil {
		return nil
	}
	return t.wb.IntFormatOf(style)
}

type bufferedRow struct {
	num    int
	hidden bool
	cells  []xlsx.Cell
}

// row is one data row, its cells by field.
type row struct {
	num    int
	hidden bool
	cells  []xlsx.Cell // indexed like schema.fields; Col is 0 for an empty cell
	all    []xlsx.Cell // every non-empty cell of the row, fields or not; valid until the next call of next
	empty  bool
}

// ReadOption changes how a reader reads a workbook.
type ReadOption func(*readConfig)

type readConfig struct {
	progress func(row, last int)
	month    rules.Month // the month the file is kept for, when known: picks the sheet named for it
}

// forMonth is the option of the readers of a month's files: with no
// --sheet, a workbook of several sheets is read at the one named for m.
func forMonth(m rules.Month) ReadOption {
	return func(c *readConfig) { c.month = m }
}

// WithProgress makes a reader call fn as it goes down the sheet, every few
// thousand rows, with the row it has reached and the sheet's last row (0
// when the sheet does not declare it), so that a command can show how a
// long read is going. fn runs on the reading goroutine and must be quick.
func WithProgress(fn func(row, last int)) ReadOption {
	return func(c *readConfig) { c.progress = fn }
}

// progressEvery is how many rows pass between calls of a progress function:
// a fraction of a second of reading, so a display can move smoothly at no
// cost to the read.
const progressEvery = 1 << 14

// checkEvery is how many rows pass between looks at the context: a few
// milliseconds of reading, so that Ctrl-C stops a million-row read at
// once, at no cost to it.
const checkEvery = 1 << 12

// openTable opens the named sheet (or the first visible one) of the workbook
// at path and finds its header row for s. Problems go to the returned
// collector; a nil table means nothing can be read.
func openTable(ctx context.Context, path, sheetName string, s schema, opts ...ReadOption) (*table, *collector) {
	t, c := openSheet(ctx, path, sheetName, s.role, opts...)
	if t == nil {
		return nil, c
	}
	if !t.findHeader(s) {
		t.close()
		return nil, c
	}
	return t, c
}

// openSheet opens the named sheet (or the first visible one) of the workbook
// at path and reads the rows where its header may be, for the caller to
// choose the header among them (see top and useHeader). role names the input
// in 计算说明. A nil table means nothing can be read; the problems are in the
// collector.
func openSheet(ctx context.Context, path, sheetName, role string, opts ...ReadOption) (*table, *collector) {
	var cfg readConfig
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	c := &collector{file: filepath.Base(path)}
	wb, err := openBook(ctx, path)
	if err != nil {
		c.addErr(err)
		return nil, c
	}
	info := InputFile{Role: role, Name: c.file}
	if cb, isCSV := wb.(csvBook); isCSV {
		info.SHA256 = cb.f.SHA256()
		info.Encoding = cb.f.Encoding().String()
		info.Delimiter = delimiterName(cb.f.Delimiter())
	} else if info.SHA256, err = fileSHA256(path); err != nil {
		wb.Close()
		c.add(calc.Problem{Code: "unreadable", Ref: calc.Ref{File: c.file}, Msg: "无法读取文件：" + err.Error()})
		return nil, c
	}
	name, chosen, ok := pickSheet(wb, sheetName, cfg.month, c)
	if !ok {
		wb.Close()
		return nil, c
	}
	c.sheet, info.Sheet = name, name
	it, err := wb.Rows(name)
	if err != nil {
		wb.Close()
		c.addErr(err)
		return nil, c
	}
	info.ChosenBy = chosen
	t := &table{ctx: ctx, wb: wb, it: it, c: c, progress: cfg.progress, info: info}
	if !t.readTop() {
		t.close()
		return nil, c
	}
	return t, c
}

// pickSheet chooses the sheet to read: the one named; else, in a workbook
// of several visible sheets kept for month m (9月, 10月, …), the one named
// for m, when exactly one is (SPEC 2.1, reading); else the first visible.
// chosen says why a sheet was chosen by its name, for the bursar to see. A
// CSV file has one table and no sheet to name: asking for one is an error,
// since the bursar who names a sheet expects what it holds, and a CSV file
// saved from a workbook holds one sheet of it, not necessarily that one.
func pickSheet(wb book, name string, m rules.Month, c *collector) (sheet, chosen string, ok bool) {
	if _, isCSV := wb.(csvBook); isCSV {
		if name != "" {
			c.add(calc.Problem{Code: "csv-sheet", Ref: calc.Ref{File: c.file}, Msg: fmt.Sprintf(
				"这是 CSV 文件，只有一张表，没有名为 %q 的工作表可选；请去掉指定工作表的选项（--sheet 等）", name)})
			return "", "", false
		}
		return "", "", true
	}
	var names, visible []string
	for _, s := range wb.Sheets() {
		if name != "" && s.Name == name {
			return s.Name, "", true
		}
		names = append(names, s.Name)
		if !s.Hidden {
			visible = append(visible, s.Name)
		}
	}
	switch {
	case name != "":
		c.add(calc.Problem{Code: "no-sheet", Ref: calc.Ref{File: c.file}, Msg: fmt.Sprintf("没有名为 %s 的工作表；现有工作表：%s", rules.Quote(name), rowText(names))})
		return "", "", false
	case len(visible) == 0:
		c.add(calc.Problem{Code: "no-visible-sheet", Ref: calc.Ref{File: c.file}, Msg: "没有可见的工作表；请取消隐藏要读取的工作表，或用 --sheet 指定"})
		return "", "", false
	case len(visible) == 1 || m == (rules.Month{}):
		return visible[0], "", true
	}
	var mine, dated []string
	for _, v := range visible {
		if months := sheetMonths(v, m.Year); len(months) == 1 {
			dated = append(dated, v)
			if months[0] == m {
				mine = append(mine, v)
			}
		}
	}
	switch {
	case len(mine) == 1:
		return mine[0], fmt.Sprintf("按 --month %s 选用（共有 %d 个工作表：%s）", m, len(visible), rowText(visible)), true
	case len(mine) > 1:
		c.add(calc.Problem{Ref: calc.Ref{File: c.file}, Code: CodeSheetChoice,
			Msg: fmt.Sprintf("有 %d 个工作表都像是 %s 的：%s；请用 --sheet 指定读哪一个", len(mine), m.Chinese(), rowText(mine))})
		return "", "", false
	case len(dated) > 0:
		// Sheets named for other months but none for this one: reading
		// the first would pay another month's sessions as this one's.
		c.add(calc.Problem{Ref: calc.Ref{File: c.file}, Code: CodeSheetChoice,
			Msg: fmt.Sprintf("工作表按月份命名（%s），但没有 %s 的；请检查 --month，或用 --sheet 指定要读的工作表", rowText(dated), m.Chinese())})
		return "", "", false
	}
	return visible[0], "", true
}

// CodeSheetChoice is a workbook whose sheet for --month cannot be told.
const CodeSheetChoice calc.Code = "sheet-choice"

var (
	sheetYearMonth = regexp.MustCompile(`(\d{4})\s*(?:年|-|\.|/|_)\s*(\d{1,2})(?:月份?)?`)
	sheetYYYYMM    = regexp.MustCompile(`^(\d{4})(\d{2})$`)
	sheetMonthNum  = regexp.MustCompile(`(\d{1,2})\s*月`)
	sheetMonthHan  = regexp.MustCompile(`(十[一二]|[一二三四五六七八九十])\s*月`)
	hanMonths      = map[string]int{"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
)

// sheetMonths returns the months a sheet's name names: 10月, 十月, 10月份,
// 2026年10月, 2026-10, 2026.10, 202610, 10月课时登记. A month without a year
// takes year.
func sheetMonths(name string, year int) []rules.Month {
	s := norm.NFKC.String(name)
	var out []rules.Month
	add := func(y, mo int) {
		if mo >= 1 && mo <= 12 {
			out = append(out, rules.Month{Year: y, Month: time.Month(mo)})
		}
	}
	if m := sheetYYYYMM.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		add(y, mo)
		return out
	}
	for _, m := range sheetYearMonth.FindAllStringSubmatch(s, -1) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		add(y, mo)
	}
	s = sheetYearMonth.ReplaceAllString(s, " ")
	for _, m := range sheetMonthNum.FindAllStringSubmatch(s, -1) {
		mo, _ := strconv.Atoi(m[1])
		add(year, mo)
	}
	for _, m := range sheetMonthHan.FindAllStringSubmatch(s, -1) {
		add(year, hanMonths[m[1]])
	}
	return out
}

// readTop buffers the first headerRows rows of the sheet, where the header
// must be (a merged title row above it is common), and the first row after
// them, which the iterator has already passed when it sees the limit.
func (t *table) readTop() bool {
	for t.it.Next() {
		num := t.it.Row()
		t.buffered = append(t.buffered, bufferedRow{num, t.it.Hidden(), append([]xlsx.Cell(nil), t.it.Cells()...)})
		if num >= headerRows {
			break
		}
	}
	if err := t.it.Err(); err != nil {
		t.rowsErr(err)
		return false
	}
	return true
}

// top returns the buffered rows that may be the header.
func (t *table) top() []bufferedRow {
	for i, b := range t.buffered {
		if b.num > headerRows {
			return t.buffered[:i]
		}
	}
	return t.buffered
}

// useHeader makes row num the header, its fields s at cols, and leaves the
// rows below it for next.
func (t *table) useHeader(num int, s schema, cols []int) {
	t.schema, t.header, t.cols = s, num, cols
	last := 0
	for _, col := range cols {
		last = max(last, col)
	}
	t.field = make([]int, last+1)
	for i, col := range cols {
		if col != 0 {
			t.field[col] = i + 1
		}
	}
	t.cur.cells = make([]xlsx.Cell, len(cols))
	t.lastSeen = make([]seenCell, last+1)
	t.tops = map[cellPos]xlsx.Cell{}
	t.headers = map[int]string{}
	t.redHeader = nil
	for _, b := range t.buffered {
		if b.num == num {
			for _, c := range b.cells {
				t.headers[c.Col] = strings.TrimSpace(c.Shown())
				if t.wb != nil && c.Col <= last && t.wb.Marks(c.Style)&xlsx.MarkRed != 0 {
					if t.redHeader == nil {
						t.redHeader = make([]bool, last+1)
					}
					t.redHeader[c.Col] = true
				}
			}
		}
	}
	for len(t.buffered) > 0 && t.buffered[0].num <= num {
		t.buffered = t.buffered[1:]
	}
}

// findHeader takes as the header the first of the top rows that holds every
// required header of s, and reports the row that came closest when none does.
func (t *table) findHeader(s schema) bool {
	best, bestCount, bestRow := []string(nil), -1, 0
	for _, b := range t.top() {
		cols, ok := s.match(b.cells)
		if ok {
			t.useHeader(b.num, s, cols)
			return true
		}
		found := 0
		for _, col := range cols {
			if col != 0 {
				found++
			}
		}
		if found > bestCount {
			best, bestCount, bestRow = headersOf(b.cells), found, b.num
		}
	}
	var need []string
	for _, f := range s.fields {
		if f.required {
			need = append(need, f.name)
		}
	}
	msg := fmt.Sprintf("前 %d 行中找不到表头：需要一行同时包含 %s", headerRows, strings.Join(need, "、"))
	if bestRow > 0 && len(best) > 0 {
		msg += fmt.Sprintf("；第 %d 行的内容是 %s", bestRow, rowText(best))
	}
	t.c.add(calc.Problem{Code: "no-header", Ref: t.c.ref(0, 0), Msg: msg + t.encodingHint()})
	t.c.noHeader = true
	return false
}

// rowText lists a row's texts for a message: each as rules.Clip shows it,
// and the first dozen of a row that holds more.
func rowText(texts []string) string {
	const most = 12
	var shown []string
	for i, s := range texts {
		if i == most {
			shown = append(shown, fmt.Sprintf("……（共 %d 项）", len(texts)))
			break
		}
		shown = append(shown, rules.Clip(s))
	}
	return strings.Join(shown, "、")
}

// encodingHint follows the message about a header not found in a CSV file
// read as other than UTF-8: a file in an encoding kfpay did not recognise
// reads as other characters, and so has none of kfpay's headers.
func (t *table) encodingHint() string {
	if e := t.info.Encoding; e != "" && e != "UTF-8" {
		return fmt.Sprintf("。文件按 %s 读取；如果上面的文字是乱码，请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx", e)
	}
	return ""
}

func headersOf(cells []xlsx.Cell) []string {
	var out []string
	for _, c := range cells {
		if v := strings.TrimSpace(c.Value); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// has reports whether the sheet has a column for field i.
func (t *table) has(i int) bool { return t.cols[i] != 0 }

// next advances to the next data row, skipping rows with no value in any
// column of the schema. It returns false at the end of the sheet.
func (t *table) next() bool {
	for {
		var num int
		var hidden bool
		var cells []xlsx.Cell
		if len(t.buffered) > 0 {
			b := t.buffered[0]
			t.buffered = t.buffered[1:]
			num, hidden, cells = b.num, b.hidden, b.cells
		} else if t.untilCheck--; t.untilCheck < 0 && t.stopped() {
			return false
		} else if t.it.Next() {
			num, hidden, cells = t.it.Row(), t.it.Hidden(), t.it.Cells()
		} else {
			if err := t.it.Err(); err != nil {
				t.rowsErr(err)
			}
			t.reportUnread()
			return false
		}
		if t.progress != nil && num >= t.nextReport {
			t.progress(num, t.it.LastRow())
			t.nextReport = num + progressEvery
		}
		if t.tee != nil {
			t.tee(num, hidden, cells)
		}
		r := &t.cur
		r.num, r.hidden, r.all = num, hidden, cells
		r.empty = t.place(cells)
		if t.lines {
			t.info.Rows++
		} else {
			// Rows between the header and this one that the XML leaves out
			// are empty rows too (SPEC 2: blank rows in the middle are common).
			t.info.Empty += num - t.header - 1 - t.info.Rows
			t.info.Rows = num - t.header
		}
		if r.empty {
			t.info.Empty++
			continue
		}
		t.fillMerged()
		if hidden {
			t.c.warnf("hidden-row", 0, num, "", "", "第 %d 行是隐藏行，已照常读取；如不应计入请删除该行", num)
		}
		if t.wb != nil {
			t.checkMarks(r)
		}
		return true
	}
}

// place puts the cells of a row into the current row by field, and
// reports whether none of them holds a value or a formula.
func (t *table) place(cells []xlsx.Cell) (empty bool) {
	r := &t.cur
	for i := range r.cells {
		r.cells[i] = xlsx.Cell{}
	}
	empty = true
	for _, c := range cells {
		if c.Col < len(t.field) && t.field[c.Col] != 0 && (c.Value != "" || c.Formula) {
			r.cells[t.field[c.Col]-1] = c
			empty = false
		}
	}
	return empty
}

// stopped reports whether the read was called off (ctx is done), reporting
// it as a problem: a half-read sheet must never pass for a whole one. It
// also sets when to look again.
func (t *table) stopped() bool {
	t.untilCheck = checkEvery
	if t.ctx.Err() == nil {
		return false
	}
	t.canceled()
	return true
}

// canceled reports the read called off.
func (t *table) canceled() {
	t.c.add(calc.Problem{Code: CodeCanceled, Ref: t.c.ref(0, 0),
		Msg: fmt.Sprintf("读到第 %d 行时中断，没有读完", t.it.Row())})
}

// rowsErr reports the error that stopped the rows: a CSV file's rows stop
// of themselves once ctx is done (csvfile looks at it between blank lines
// too), which is the read called off, not a damaged file.
func (t *table) rowsErr(err error) {
	if t.stopErr != nil && err.Error() == t.stopErr.Error() {
		// Met again: by next after the rows buffered while looking for
		// the header (readTop), or by the merges' pass (loadMerges).
		return
	}
	t.stopErr = err
	if ctxErr := t.ctx.Err(); ctxErr != nil && errors.Is(err, ctxErr) {
		t.canceled()
		return
	}
	t.c.addErr(err)
}

// CodeCanceled is the code of the problem a reader reports when its context
// is done before the sheet is read to its end.
const CodeCanceled calc.Code = "canceled"

// done returns what 计算说明 records of the sheet, once every row is read,
// and checks what every reader promises of those rows (issue 6): each was
// used, skipped as empty, or counted as holding no entry by design (a 合计
// row, a signature line), unless a problem was reported. A row that is none
// of these is a figure missing from the pay without a word, and 计算说明's
// counts would not add up: kfpay's bug, reported as one.
func (t *table) done() InputFile {
	in := t.info
	if n := in.Rows - in.Used - in.Empty - in.Other; n != 0 && len(t.c.list.Errors()) == 0 {
		t.c.add(calc.Problem{Code: calc.CodeInternal, Ref: t.c.ref(0, 0),
			Msg: fmt.Sprintf("程序错误（请报告）：读取 %d 行，使用 %d 行，跳过空行 %d 行，非数据行 %d 行，有 %d 行未计入也未报告",
				in.Rows, in.Used, in.Empty, in.Other, n)})
	}
	return in
}

func (t *table) close() {
	if t.it != nil {
		t.it.Close()
	}
	if t.wb != nil {
		t.wb.Close()
	}
}

// ref returns the cell of field i in the current row.
func (t *table) ref(i int) calc.Ref { return t.c.ref(t.cols[i], t.cur.num) }

// cellProblem reports a problem of kind code with field i of the current row.
func (t *table) cellProblem(code calc.Code, i int, value, format string, args ...any) {
	t.c.errorf(code, t.cols[i], t.cur.num, t.schema.fields[i].name, value, format, args...)
}

// present reports whether field i of the current row holds a value, and
// reports a formula without a cached value, which reads as nothing.
func (t *table) present(i int) bool {
	c := t.cur.cells[i]
	if c.Formula && c.Value == "" {
		t.cellProblem("no-cached-value", i, "", "公式没有保存计算结果；请在 Excel 或 WPS 中打开、重新计算并保存后再试")
		return false
	}
	return c.Col != 0
}

// required reports a missing value of a required field.
func (t *table) required(i int) bool {
	if t.present(i) {
		return true
	}
	if !t.cur.cells[i].Formula {
		t.cellProblem("missing", i, "", "缺少%s；请补上，或删去这一行", t.schema.fields[i].name)
	}
	return false
}

// requiredDate returns required field i of the current row as a date; false,
// the problem reported, when it is missing or not a date.
func (t *table) requiredDate(i int) (rules.Date, bool) {
	if !t.required(i) {
		return rules.Date{}, false
	}
	return t.date(i)
}

// requiredName returns required field i of the current row as a name, 工号
// or label (NormalizeName); false, the problem reported, when it is missing
// or too long to be one.
func (t *table) requiredName(i int) (string, bool) {
	if !t.required(i) {
		return "", false
	}
	s := NormalizeName(t.text(i))
	return s, t.short(i, s)
}

// CodeTooLong is a name, 工号, 学号, 班级 or label longer than any is.
const CodeTooLong calc.Code = "too-long"

// maxShort is the most characters of a name, 工号, 学号, 班级 or label. The
// longest names of people are a few dozen characters with a family name
// and a given name in Latin letters; what is longer is something pasted
// into the cell by mistake, which would print a row as high as a page on
// the payout that teachers sign.
const maxShort = 40

// short reports whether s, read from field i, is short enough for a name,
// 工号 or label, and reports it at its cell when it is not.
func (t *table) short(i int, s string) bool {
	if len(s) <= maxShort { // bytes: no more characters than that
		return true
	}
	n := utf8.RuneCountInString(s)
	if n <= maxShort {
		return true
	}
	name := t.schema.fields[i].name
	t.c.add(calc.Problem{Code: CodeTooLong, Ref: t.ref(i), Column: name, Value: s,
		Msg: fmt.Sprintf("太长了，不像是%s（最多 %d 个字）；请检查是否把别的内容粘贴进了这一格", name, maxShort)})
	return false
}

// requiredPerson returns required field i of the current row as a person's
// name, warning at the cell when normalising it removed or folded
// characters nobody sees (issue 21): the name is compared as normalised, and
// the bursar should know the cell differs from what it shows.
func (t *table) requiredPerson(i int) (string, bool) {
	if !t.required(i) {
		return "", false
	}
	name := t.person(i, calc.NormalizeName)
	return name, t.short(i, name) && t.checkName(i, name)
}

// checkName reports what calc.NameProblem finds in the name read from
// field i: an error at every cell, a warning once for each name.
func (t *table) checkName(i int, name string) bool {
	msg, isError, code := calc.NameProblem(name)
	if msg == "" {
		return true
	}
	if !isError {
		if t.c.hidden["name\x00"+name] {
			return true
		}
		if t.c.hidden == nil {
			t.c.hidden = map[string]bool{}
		}
		t.c.hidden["name\x00"+name] = true
	}
	t.c.add(calc.Problem{Code: code, Ref: t.ref(i), Column: t.schema.fields[i].name, Value: name, Msg: msg, Warning: !isError})
	return !isError
}

// requiredID returns required field i of the current row as a 工号
// (calc.NormalizeID), warning of hidden characters as requiredPerson does.
func (t *table) requiredID(i int) (string, bool) {
	if !t.required(i) {
		return "", false
	}
	id := t.person(i, calc.NormalizeID)
	return id, t.short(i, id)
}

// person reads field i with normalize and warns of what it changed that no
// one sees, once for each way of writing it.
func (t *table) person(i int, normalize func(string) string) string {
	raw := t.text(i)
	s := normalize(raw)
	if s == raw {
		return s
	}
	if why := calc.HiddenChange(raw); why != "" && !t.c.hidden[raw] {
		if t.c.hidden == nil {
			t.c.hidden = map[string]bool{}
		}
		t.c.hidden[raw] = true
		t.c.add(calc.Problem{Code: calc.CodeHiddenCharacters, Ref: t.ref(i), Column: t.schema.fields[i].name, Value: raw, Warning: true,
			Msg: fmt.Sprintf("含有%s；已按“%s”读取和比对。请在表格中改正这一格，免得别的表格或程序把它当成另一个人（同样写法的其他格不再提示）", why, rules.Clip(s))})
	}
	return s
}

// text returns field i as text, trimmed but otherwise as typed (a note keeps
// its full-width punctuation). Names, 工号 and labels go through
// NormalizeName as well.
func (t *table) text(i int) string {
	c := t.cur.cells[i]
	if c.Col == 0 {
		return ""
	}
	if c.Type == xlsx.CellNumber {
		// A 工号 typed as a number is stored as one; its raw value is its
		// text, as the cell shows it: 1 in a column formatted 000 shows
		// 001, and is 001 to the bursar who reads the sheet.
		if d, err := cellnum.Decimal(c.Value); err == nil {
			if f := t.intFormat(c.Style); f != nil && d.IsInteger() && !d.IsNegative() {
				return f.Show(d.String())
			}
			return d.String()
		}
	}
	return trimSpace(c.Shown())
}

// trimSpace is strings.TrimSpace, quicker for what a cell nearly always
// holds: text that neither begins nor ends with a space. strings.TrimSpace
// takes the slow way, unicode.IsSpace through strings.TrimFunc, for any text
// that begins with a character beyond ASCII, as every Chinese name does;
// that was a tenth of reading a session log's rows (issue 20). Every space
// of unicode.IsSpace is below U+3001, so a character from there on is none.
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if notSpace(first) && notSpace(last) {
		return s
	}
	return strings.TrimSpace(s)
}

// notSpace reports, quickly and for certain, that r is no space to trim;
// false means only that it may be one.
func notSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r > ' ' && r != 0x7f
	}
	return r > 0x3000
}

// CodeNoteCut is a note longer than a cell of the output holds.
const CodeNoteCut calc.Code = "note-cut"

// note returns field i as free text, such as a 说明 that kfpay copies into
// its output, and warns at its cell when the text is longer than a cell
// holds (32767 UTF-16 units, which Excel itself never writes): the output
// keeps its beginning, marked as cut.
func (t *table) note(i int) string {
	s := t.text(i)
	if !render.FitsCell(s) {
		t.c.add(calc.Problem{Code: CodeNoteCut, Ref: t.ref(i), Column: t.schema.fields[i].name, Value: s, Warning: true,
			Msg: fmt.Sprintf("超过表格一格最多 %d 字的上限，写入输出的表格时只保留前面的部分", render.MaxCellText)})
	}
	return s
}

// number returns field i as a decimal: a number cell by its raw value, or a
// number stored as text ("2", "２"), never through float formatting.
func (t *table) number(i int) (decimal.Decimal, bool) {
	c := t.cur.cells[i]
	if d, ok := parseNumber(c); ok {
		return d, true
	}
	if hashes(c) {
		t.hashesProblem(i)
		return decimal.Zero, false
	}
	t.cellProblem("not-number", i, c.Shown(), "不是数字；请只写阿拉伯数字，如 2 或 50.00")
	return decimal.Zero, false
}

// parseNumber reads a cell as a decimal the way number does, reporting nothing.
func parseNumber(c xlsx.Cell) (decimal.Decimal, bool) {
	switch c.Type {
	case xlsx.CellNumber:
		if d, err := cellnum.Decimal(c.Value); err == nil {
			return d, true
		}
	case xlsx.CellString:
		// A count typed as text ("2") is read as its number cell would
		// be, without the normalizing textNumber does for the rest.
		if n, ok := cellnum.SmallInt(c.Value); ok {
			return cellnum.Small(n), true
		}
		if d, ok := textNumber(c.Value); ok {
			return d, true
		}
	}
	return decimal.Zero, false
}

// thousands is a number written with thousands separators, as Excel shows
// and exports a number formatted #,##0.00: 1,234.50.
var thousands = regexp.MustCompile(`^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$`)

// textNumber reads a number stored as text (SPEC 2): "2", "２", "1,234.50"
// with its separators where thousands are, and "¥50.00", which Excel writes
// to a CSV file for a cell in the Chinese currency format. A comma anywhere
// else ("1,5") is not a number: read as 15 it would change pay in silence.
func textNumber(v string) (decimal.Decimal, bool) {
	s := strings.TrimSpace(norm.NFKC.String(v))
	sign, rest := "", s
	if strings.HasPrefix(rest, "-") || strings.HasPrefix(rest, "+") {
		sign, rest = rest[:1], rest[1:]
	}
	if r, ok := strings.CutPrefix(rest, "¥"); ok {
		s = sign + strings.TrimSpace(r)
	}
	if strings.Contains(s, ",") {
		if !thousands.MatchString(s) {
			return decimal.Zero, false
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	if d, err := decimal.NewFromString(s); err == nil && !strings.ContainsAny(s, "eE") {
		return d, true
	}
	return decimal.Zero, false
}

// count returns field i as a count of sessions in a grid or a summary, where
// an empty cell (or one holding only spaces) is none: present is false and ok
// true. A text, a negative number or a formula without a cached value is
// reported at its cell, and ok is false.
func (t *table) count(i int) (n decimal.Decimal, present, ok bool) {
	c := t.cur.cells[i]
	if c.Col == 0 || (c.Type == xlsx.CellString && !c.Formula && trimSpace(c.Value) == "") {
		return decimal.Zero, false, true
	}
	if !t.present(i) {
		return decimal.Zero, true, false
	}
	n, ok = parseNumber(c)
	switch {
	case !ok:
		t.cellProblem("not-count", i, c.Shown(), "应填节数（数字）或留空")
	case n.IsNegative():
		t.cellProblem("negative-count", i, n.String(), "节数不能为负数")
		ok = false
	}
	return n, true, ok
}

// money returns field i as an amount of money: a number (see number) that
// is not negative and has no more than two decimals, since fen are the
// smallest unit a family pays or a school spends.
func (t *table) money(i int) (decimal.Decimal, bool) {
	if d, ok := plainMoney(t.cur.cells[i]); ok {
		return d, true
	}
	d, ok := t.number(i)
	if !ok {
		return decimal.Zero, false
	}
	if d.IsNegative() || !d.Equal(calc.Yuan(d)) {
		t.cellProblem("not-money", i, t.cur.cells[i].Value, "应为不小于 0、精确到分的金额")
		return decimal.Zero, false
	}
	if !d.LessThan(rules.MaxAmount) {
		t.cellProblem(calc.CodeAmountTooLarge, i, t.cur.cells[i].Value, "金额过大，超出表格能精确显示的 15 位数字；请检查是否多写了数字")
		return decimal.Zero, false
	}
	return d, true
}

// date returns field i as a date: an Excel serial number, or text written
// 2026-09-01, 2026/9/1 or 2026年9月1日.
func (t *table) date(i int) (rules.Date, bool) {
	c := t.cur.cells[i]
	switch c.Type {
	case xlsx.CellNumber:
		d, ok := t.serialOf(c.Value)
		if ok && d.Year >= minDateYear {
			return d, true
		}
		// 10.8 typed for 10月8日 is a number, which Excel shows in a date
		// cell as 1900-01-10: say so, not that 1900-01-10 is in no month.
		v := c.Value
		if n, err := cellnum.Decimal(v); err == nil {
			v = n.String() // as typed, without a program's binary noise
		}
		t.c.add(calc.Problem{Code: CodeNumberNotDate, Ref: t.ref(i), Column: t.schema.fields[i].name, Value: v,
			Msg: numberNotDate(v, d, ok, t.month)})
		return rules.Date{}, false
	case xlsx.CellDate:
		if tm, err := time.Parse(time.RFC3339, c.Value); err == nil {
			return rules.DateOf(tm), true
		}
		if tm, err := time.Parse("2006-01-02T15:04:05", c.Value); err == nil {
			return rules.DateOf(tm), true
		}
		if tm, err := time.Parse("2006-01-02", c.Value); err == nil {
			return rules.DateOf(tm), true
		}
	case xlsx.CellString:
		if d, ok := textDate(c.Value); ok {
			return d, true
		}
	}
	if hashes(c) {
		t.hashesProblem(i)
		return rules.Date{}, false
	}
	t.cellProblem("not-date", i, c.Shown(), "不是日期；请写成 2026-09-01、2026/9/1 或 2026年9月1日")
	return rules.Date{}, false
}

// CodeNumberNotDate is a number in a date column that is no date: 10.8 for
// 10月8日, 20260901 for 2026-09-01.
const CodeNumberNotDate calc.Code = "number-not-date"

// minDateYear is the first year of a date kfpay reads from a serial number:
// a serial before it (10.8 is 1900-01-10) is no date of an after-school
// service but a number typed into a date column.
const minDateYear = 2000

// numberNotDate says what is wrong with the number raw in a date column,
// which as a serial number is the date serial when isSerial, and how to
// write the date it most likely means: 10.8 as 10月8日, 9.1 as 9月1日 or
// 9月10日 (9.10 typed is the number 9.1), 20260901 as 2026-09-01. The year
// of a hint is month's, or 2026 as an example when month is zero.
func numberNotDate(raw string, serial rules.Date, isSerial bool, month rules.Month) string {
	msg := "是数字，不是日期"
	if isSerial {
		msg += fmt.Sprintf("（Excel 把它当作 %s 显示）", serial)
	}
	year, example := month.Year, false
	if year == 0 {
		year, example = 2026, true
	}
	full := func(d rules.Date) string {
		if example {
			return fmt.Sprintf("带年份的日期，如 %s", d)
		}
		return fmt.Sprintf(" %s 或 %d年%d月%d日", d, d.Year, int(d.Month), d.Day)
	}
	var hints []string
	intPart, frac, _ := strings.Cut(raw, ".")
	mo, err := strconv.Atoi(intPart)
	switch {
	case err == nil && frac != "" && len(frac) <= 2 && mo >= 1 && mo <= 12:
		// Month.day, as 9月1日 is said: a one-digit day may be 9.10 typed.
		days := []string{frac}
		if len(frac) == 1 {
			days = append(days, frac+"0")
		}
		for _, day := range days {
			n, _ := strconv.Atoi(day)
			d := rules.Date{Year: year, Month: time.Month(mo), Day: n}
			if d.Valid() {
				hints = append(hints, fmt.Sprintf("如果是 %d月%d日，请写成%s", mo, n, full(d)))
			}
		}
	case err == nil && frac == "" && len(intPart) == 8:
		y, _ := strconv.Atoi(intPart[:4])
		m, _ := strconv.Atoi(intPart[4:6])
		n, _ := strconv.Atoi(intPart[6:])
		if d := (rules.Date{Year: y, Month: time.Month(m), Day: n}); d.Valid() && y >= minDateYear {
			hints = append(hints, fmt.Sprintf("如果是 %d年%d月%d日，请写成 %s", y, m, n, d))
		}
	}
	if len(hints) == 0 {
		return msg + "；请写成 2026-09-01、2026/9/1 或 2026年9月1日"
	}
	return msg + "；" + strings.Join(hints, "；")
}

// hashes reports a cell that holds ####: what Excel shows for a date or
// number too wide for its column, and what it writes to a CSV file for one.
func hashes(c xlsx.Cell) bool {
	v := strings.TrimSpace(c.Value)
	return c.Type == xlsx.CellString && v != "" && strings.Trim(v, "#") == ""
}

func (t *table) hashesProblem(i int) {
	t.cellProblem("value-hashes", i, t.cur.cells[i].Value, "这一格是 ####：Excel 在列宽不够时这样显示日期或数字，另存为 CSV 时也照样写入，原值已丢失；"+
		"请在 Excel 中加宽这一列后重新导出")
}

// serialDate converts an Excel serial day number to a date. The time of day
// of a fractional serial is ignored.
func serialDate(raw string, date1904 bool) (rules.Date, bool) {
	// A date cell holds whole days, written as digits: read them as an int,
	// without the decimal a million rows would each allocate.
	n, err := strconv.Atoi(raw)
	if err != nil {
		d, err := cellnum.Decimal(raw)
		if err != nil || d.LessThan(decimal.NewFromInt(1)) || d.GreaterThan(decimal.NewFromInt(xlsx.MaxSerial)) {
			return rules.Date{}, false
		}
		n = int(d.IntPart())
	}
	if n < 1 || n > xlsx.MaxSerial {
		return rules.Date{}, false
	}
	return rules.DateOf(xlsx.SerialDate(n, date1904)), true
}

// plainDate reads the two forms of a text date that a CSV file holds one
// of on every row, 2026/9/1 (Excel's export in the Chinese locale) and
// 2026-09-01, without the regular expressions of textDate: plain is false
// for any other text, which textDate then reads the long way.
func plainDate(s string) (d rules.Date, ok, plain bool) {
	if len(s) < 8 || len(s) > 10 {
		return d, false, false
	}
	num := func(s string) (int, bool) {
		n := 0
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			n = 10*n + int(s[i]-'0')
		}
		return n, len(s) > 0
	}
	sep := s[4]
	if sep != '/' && sep != '-' {
		return d, false, false
	}
	y, okY := num(s[:4])
	rest := s[5:]
	i := strings.IndexByte(rest, sep)
	if i < 1 || i > 2 || len(rest)-i-1 < 1 || len(rest)-i-1 > 2 {
		return d, false, false
	}
	mo, okM := num(rest[:i])
	day, okD := num(rest[i+1:])
	if !okY || !okM || !okD {
		return d, false, false
	}
	d = rules.Date{Year: y, Month: time.Month(mo), Day: day}
	return d, d.Valid(), true
}

// percent returns field i as a fraction: text "30%" or a number in a percent
// formatted cell. A bare 30 or 0.3 is ambiguous and rejected with a hint.
func (t *table) percent(i int) (decimal.Decimal, bool) {
	c := t.cur.cells[i]
	switch c.Type {
	case xlsx.CellNumber:
		d, err := cellnum.Decimal(c.Value)
		if err == nil && t.isPercentStyle(c.Style) {
			return d, true
		}
		if err == nil {
			shown := d.String()
			if d.LessThanOrEqual(decimal.NewFromInt(1)) {
				shown = d.Mul(decimal.NewFromInt(100)).String()
			}
			t.cellProblem("bare-percent", i, c.Value, "比例须带百分号；请写成 %s%%", shown)
			return decimal.Zero, false
		}
	case xlsx.CellString:
		s := strings.ReplaceAll(strings.TrimSpace(norm.NFKC.String(c.Value)), " ", "")
		if num, ok := strings.CutSuffix(s, "%"); ok {
			if d, err := decimal.NewFromString(num); err == nil && !strings.ContainsAny(num, "eE") {
				return d.Div(decimal.NewFromInt(100)), true
			}
		} else if d, err := decimal.NewFromString(s); err == nil {
			shown := d.String()
			if d.LessThanOrEqual(decimal.NewFromInt(1)) {
				shown = d.Mul(decimal.NewFromInt(100)).String()
			}
			t.cellProblem("bare-percent", i, c.Value, "比例须带百分号；请写成 %s%%", shown)
			return decimal.Zero, false
		}
	}
	t.cellProblem("not-percent", i, c.Shown(), "不是百分比；请写成 30%% 这样的形式")
	return decimal.Zero, false
}

// fileSHA256 is the hex sha256 of the file at path, recorded in 计算说明.
func fileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
