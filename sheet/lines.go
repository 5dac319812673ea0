package sheet

import (
	"context"
	"strings"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/xlsx"
)

// TextRow is one row of an input written as a line of text instead of a row
// of a workbook, as the cases of kfpay verify write them
// ("2026-09-01 T01 王芳 上课 2"): its fields in the order of the input's
// columns, "-" for one left empty, and the line of the text file it is
// written on. The Read…Lines functions read text rows through the very code
// that reads a workbook's rows, so that a case tests what payroll does; a
// problem or a source names the file and the line (cases.toml 第 12 行), and
// the field by its header, not by a column letter the line does not have.
type TextRow struct {
	Line   int
	Fields []string
}

// The text layouts of the inputs: the fields a text row holds, in order.
// The last field of the expenses takes the rest of the line.
var (
	SessionFields = []string{"日期", "工号", "教师", "类型", "节数"}
	RecordFields  = []string{"日期", "工号", "教师", "事项", "比例或金额"}
	PupilFields   = []string{"学号", "姓名", "班级", "开始日期", "退出日期", "减免", "已缴"}
	ExpenseFields = []string{"日期", "类别", "金额", "说明"}
)

// TextLayout is the layout of text rows that 计算说明 names.
const TextLayout = "逐行文字"

// lineRows is a table's row source over text rows: each row's number is its
// line, and its cells are in the schema's field order.
type lineRows struct {
	nums  []int
	cells [][]xlsx.Cell
	i     int
}

func (l *lineRows) Next() bool {
	if l.i >= len(l.nums) {
		return false
	}
	l.i++
	return true
}
func (l *lineRows) Row() int           { return l.nums[l.i-1] }
func (l *lineRows) Hidden() bool       { return false }
func (l *lineRows) Cells() []xlsx.Cell { return l.cells[l.i-1] }
func (l *lineRows) Err() error         { return nil }
func (l *lineRows) LastRow() int       { return 0 }
func (l *lineRows) Close() error       { return nil }
func (l *lineRows) add(n int, cs []xlsx.Cell) {
	l.nums, l.cells = append(l.nums, n), append(l.cells, cs)
}

// textCell is a field of a text row as a cell typed as text in column col,
// the way a bursar types it; "-" and "" are no cell.
func textCell(col int, v string) (xlsx.Cell, bool) {
	v = strings.TrimSpace(v)
	if v == "" || v == "-" {
		return xlsx.Cell{}, false
	}
	return xlsx.Cell{Col: col, Type: xlsx.CellString, Value: v}, true
}

// openLines makes a table of text rows under schema s, the fields of each row
// placed by place in the schema's columns (1 + the field's index). The
// header holds the required fields and every optional one some row fills,
// as a bursar's sheet has the columns it uses. key names the rows in
// 计算说明 (sessions, records, …).
func openLines(ctx context.Context, file, key string, s schema, rows []TextRow, place func(TextRow) []xlsx.Cell) (*table, *collector) {
	c := &collector{file: file, lines: true}
	src := &lineRows{}
	present := make([]bool, len(s.fields))
	for _, r := range rows {
		cs := place(r)
		for _, x := range cs {
			present[x.Col-1] = true
		}
		src.add(r.Line, cs)
	}
	cols := make([]int, len(s.fields))
	for i, f := range s.fields {
		if present[i] || f.required {
			cols[i] = i + 1
		}
	}
	t := &table{ctx: ctx, it: src, c: c, lines: true,
		info: InputFile{Role: s.role, Name: file, Sheet: key, Layout: TextLayout}}
	t.useHeader(0, s, cols)
	return t, c
}

// fieldsAt places the fields of a text row in columns cols (1-based), a
// field past the row's end being no cell.
func fieldsAt(r TextRow, cols ...int) []xlsx.Cell {
	var out []xlsx.Cell
	for i, col := range cols {
		if i < len(r.Fields) {
			if c, ok := textCell(col, r.Fields[i]); ok {
				out = append(out, c)
			}
		}
	}
	return out
}

// ReadSessionLines reads session log entries written one per text row in
// the order of SessionFields into tl, as the rows of a one-row-per-entry log
// (SPEC 2.1). When any row gives a 工号 the log has a 工号 column, and every
// row needs one. The labels are those of tl's rules.
func ReadSessionLines(ctx context.Context, file, key string, rows []TextRow, tl *calc.Tally) (info InputFile, problems calc.Problems) {
	t, c := openLines(ctx, file, key, sessionLog, rows, func(r TextRow) []xlsx.Cell {
		return fieldsAt(r, logDate+1, logID+1, logName+1, logKind+1, logCount+1)
	})
	defer t.close()
	readLongLog(t, tl.Rules(), tl)
	info = t.done()
	return info, c.list
}

// ReadRecordLines reads the discipline records of month m written one per
// text row in the order of RecordFields. The fifth field is the record's
// 金额 when its kind is a reward in rules r (the version of the month), and
// its 比例 otherwise, so that a bare 30 on a 家长投诉 is the same mistake as
// in a workbook.
func ReadRecordLines(ctx context.Context, file, key string, rows []TextRow, m rules.Month, r *rules.Rules) (recs []calc.Record, info InputFile, problems calc.Problems) {
	t, c := openLines(ctx, file, key, recordsSchema, rows, func(row TextRow) []xlsx.Cell {
		value := recPercent
		if len(row.Fields) > 3 {
			if ev, _, ok := r.Event(NormalizeName(row.Fields[3])); ok && ev.Reward {
				value = recAmount
			}
		}
		return fieldsAt(row, recDate+1, recID+1, recName+1, recLabel+1, value+1)
	})
	defer t.close()
	recs = readRecordRows(t, m)
	info = t.done()
	return recs, info, c.list
}

// ReadRosterLines reads pupils written one per text row in the order of
// PupilFields, as the rows of a roster (SPEC 4.2).
func ReadRosterLines(ctx context.Context, file, key string, rows []TextRow) (pupils []calc.Pupil, info InputFile, problems calc.Problems) {
	t, c := openLines(ctx, file, key, rosterSchema, rows, func(r TextRow) []xlsx.Cell {
		return fieldsAt(r, rosID+1, rosName+1, rosClass+1, rosStart+1, rosEnd+1, rosWaiver+1, rosPaid+1)
	})
	defer t.close()
	pupils = readRosterRows(t)
	info = t.done()
	return pupils, info, c.list
}

// ReadExpenseLines reads spending lines written one per text row in the
// order of ExpenseFields, as the rows of 支出明细 (SPEC 4.4).
func ReadExpenseLines(ctx context.Context, file, key string, rows []TextRow) (lines []calc.Expense, info InputFile, problems calc.Problems) {
	t, c := openLines(ctx, file, key, expensesSchema, rows, func(r TextRow) []xlsx.Cell {
		if len(r.Fields) > 4 {
			// The note is the rest of the line, spaces and all.
			r.Fields = append(r.Fields[:3:3], strings.Join(r.Fields[3:], " "))
		}
		return fieldsAt(r, expDate+1, expCategory+1, expAmount+1, expNote+1)
	})
	defer t.close()
	lines = readExpenseRows(t)
	info = t.done()
	return lines, info, c.list
}
