package inspect

import (
	"slices"
	"strconv"
	"strings"
)

// How rows are matched, all of it in this file: which header makes a
// header row and keys the table below it (keyHeaders), the key each row of
// such a table gets (keyRows), and the columns that only number or place a
// row and are not compared (ignoredColumn). Two rows, one in each
// workbook, are the same row when their keys are equal; the report names a
// row by its label. To match the rows of a kind of table otherwise, by
// their content say, change keyRows and ignoredColumn: the comparing
// (compare.go) and the reading (book.go) need no change.

// keyHeaders are the headers that identify a row, in the order they are
// preferred when a header row has several (SPEC 5, 4.5): the source cell of a
// record or a spending line, a pupil, a person, an item of 计算说明 or
// 收支公示, a spending category.
var keyHeaders = []string{"来源", "学号", "工号", "教师", "项目", "类别"}

// ignoredColumn reports whether the column name of table t is left out of
// the comparison. 序号 numbers the rows: a teacher added near the top would
// otherwise renumber every row below.
func ignoredColumn(t *diffTable, name string) bool {
	return name == "序号"
}

// keyedRow is a row with its key and label.
type keyedRow struct {
	Row
	key, label string
}

// keyRows gives each row of t its key. other is the table t is paired with:
// a pupil's key takes in 班级 and 姓名 when 学号 alone is not unique in
// either table, as in the posted settlement, which shows only the last four
// digits of a 学号.
func keyRows(t, other *diffTable) []keyedRow {
	var out []keyedRow
	switch {
	case t.header == nil:
		for _, r := range t.rows {
			out = append(out, keyedRow{r, "#" + strconv.Itoa(r.Num), "第 " + strconv.Itoa(r.Num) + " 行"})
		}
		return out
	case t.key == "学号":
		for _, extra := range [][]string{nil, {"班级"}, {"班级", "姓名"}} {
			out = keyPupils(t, extra)
			if unique(out) && unique(keyPupils(other, extra)) {
				break
			}
		}
	default:
		for _, r := range t.rows {
			out = append(out, keyOf(t, r))
		}
	}
	// Rows still sharing a key are told apart by their order.
	seen := map[string]int{}
	for i := range out {
		k := out[i].key
		seen[k]++
		if n := seen[k]; n > 1 {
			out[i].key += "\x00" + strconv.Itoa(n)
			out[i].label += "（第 " + strconv.Itoa(n) + " 个）"
		}
	}
	return out
}

func unique(rows []keyedRow) bool {
	seen := map[string]bool{}
	for _, r := range rows {
		if seen[r.key] {
			return false
		}
		seen[r.key] = true
	}
	return true
}

// keyPupils keys the rows of a 学号 table by 学号 and the extra columns.
func keyPupils(t *diffTable, extra []string) []keyedRow {
	var out []keyedRow
	for _, r := range t.rows {
		id := t.text(r, "学号")
		if id == "" {
			out = append(out, fallbackKey(r))
			continue
		}
		key := []string{id}
		for _, col := range extra {
			key = append(key, t.text(r, col))
		}
		label := spaced(t.text(r, "班级"), id, t.text(r, "姓名"))
		if len(extra) == 0 {
			label = spaced(id, t.text(r, "姓名"))
		}
		out = append(out, keyedRow{r, "k" + strings.Join(key, "\x00"), label})
	}
	return out
}

// keyOf keys a row of a table whose key is 来源, 工号 or 项目.
func keyOf(t *diffTable, r Row) keyedRow {
	switch t.key {
	case "来源":
		if src := t.text(r, "来源"); src != "" {
			return keyedRow{r, "k" + src, src}
		}
		// A record without a source cell: by date, person and kind.
		if k := spaced(t.text(r, "日期"), t.text(r, "教师"), t.text(r, "事项")); k != "" {
			return keyedRow{r, "k" + k, k}
		}
	case "工号":
		id, name := t.text(r, "工号"), t.text(r, "教师")
		switch {
		case id != "":
			return keyedRow{r, "k#" + id, spaced(id, name)}
		case name != "":
			return keyedRow{r, "k" + name, name}
		}
	default:
		if k := t.text(r, t.key); k != "" {
			return keyedRow{r, "k" + k, k}
		}
	}
	return fallbackKey(r)
}

// fallbackKey keys a row whose key cell is empty, such as a 合计 or 小计
// row, by its first text: 合计, 一(1)班 小计. The texts after it, such as
// "3 人", are figures that may change.
func fallbackKey(r Row) keyedRow {
	for i := range r.Len() {
		c := r.Cell(i)
		if text := strings.TrimSpace(c.Text); c.Kind == CellText && text != "" {
			return keyedRow{r, "t" + text, text}
		}
	}
	return keyedRow{r, "n", "第 " + strconv.Itoa(r.Num) + " 行"}
}

// spaced joins the parts that are not empty with spaces.
func spaced(parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), " ")
}
