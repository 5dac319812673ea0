package sheet

import (
	"fmt"

	"kfpay/calc"
)

// Values in columns kfpay does not read (issue 12: nothing a bursar types
// may change pay silently). A schema names its columns and the others are
// ignored (SPEC 2), which is right for 序号, 填表人 or 签名; but a column of
// counts under an unknown header (加班节数 beside 节数), a column of figures
// with no header at all, or anything in a column of the discipline records
// that kfpay does not know (扣款金额 beside 比例) is a value typed and not
// used. Each such column is a warning at its first cell, once.

// CodeColumnUnread is a column whose values kfpay does not read.
const CodeColumnUnread calc.Code = "column-unread"

// harmlessHeaders are the headers of columns that hold numbers nobody
// expects to be paid: row numbers, weeks, grades.
var harmlessHeaders = map[string]bool{
	"序号": true, "序": true, "行号": true, "no": true, "no.": true, "星期": true, "周": true, "周次": true, "年级": true,
}

// unreadColumn is what was seen in one column outside the schema.
type unreadColumn struct {
	first   int // the first row with a value
	values  int
	numbers int
}

// noteUnread notes the values of the current row in columns outside the
// schema. Readers call it for the rows they read as data (columnTotals.handle
// does), not for a 合计 row or the signature lines below it.
func (t *table) noteUnread() {
	for _, c := range t.cur.all {
		if c.Col < len(t.field) && t.field[c.Col] != 0 {
			continue
		}
		if c.Value == "" && !c.Formula {
			continue
		}
		if c.Col >= len(t.unread) {
			if c.Col > 1<<14 {
				continue
			}
			t.unread = append(t.unread, make([]unreadColumn, c.Col+1-len(t.unread))...)
		}
		u := &t.unread[c.Col]
		if u.values == 0 {
			u.first = t.cur.num
		}
		u.values++
		if _, isNumber := parseNumber(c); isNumber {
			u.numbers++
		}
	}
}

// reportUnread warns of the columns outside the schema that hold values it
// matters to have read: numbers anywhere but under a harmless header, and,
// in a schema that says so (the discipline records), any value.
func (t *table) reportUnread() {
	for col, u := range t.unread {
		if u.values == 0 {
			continue
		}
		header := t.headers[col]
		if !t.schema.readsAll && (u.numbers == 0 || harmlessHeaders[headerKey(header)]) {
			continue
		}
		what := "没有表头"
		if header != "" {
			what = fmt.Sprintf("表头“%s”", header)
		}
		cells := fmt.Sprintf("%s 起共 %d 格", calc.ColumnName(col)+fmt.Sprint(u.first), u.values)
		t.c.add(calc.Problem{Code: CodeColumnUnread, Ref: t.c.ref(col, u.first), Warning: true,
			Msg: fmt.Sprintf("%s 列（%s）不是%s的列，kfpay 不读取其中的内容（%s），它们不参与计算；如应计入，请填到%s的列中",
				calc.ColumnName(col), what, t.schema.role, cells, t.schema.role)})
	}
	t.unread = nil
}
