package inspect

import (
	"slices"
	"strconv"
	"strings"
)

// How rows are matched, all of it in this file: which header makes a
// header row and keys the table below it (keyHeaders), the key each row of
// such a table gets (rowKeyOf, keyRows; recordKeys for the tables of
// records, matched by their content), the label the report names it by
// (rowLabel, recordLabel), and the columns that only number or place a row
// and are not compared (ignoredColumn, placeColumn). Two rows, one in each
// workbook, are the same row when their keys are equal; the comparing
// (compare.go) and the reading (book.go) know nothing of how.

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

// A table of records (扣款明细, a settlement's 教师扣回 and 支出明细), whose
// rows each cite the cell they were read from (来源), is matched by what
// its rows say, not by that cell: a corrected records file saved under
// another name, or a record inserted in the middle, moves the source of
// every row below it, and the accountant wants to see the one record that
// changed. Two rows are the same record when they agree in every column of
// recordIdentity and recordValues; of the rows left over, those that
// agree in recordIdentity alone are the same record changed (a percent
// corrected, or an early leave that became the third of the month when one
// was inserted before it). Rows that say the same are paired by their
// order. The columns that cite a cell are not compared, unless
// Options.Moves asks for moved records.

// recordIdentity are the headers that say which record a row is: when,
// who, what.
var recordIdentity = []string{"日期", "工号", "教师", "事项", "类别"}

// recordValues are the headers of what a record gives beside its identity,
// as the bursar typed it: its percent, its amount, its note.
var recordValues = []string{"比例", "奖励", "金额", "说明"}

// placeColumn reports whether column name of t cites the cell its row came
// from (来源) or was written to (发放表): a column that places a row, not
// one that says what it is.
func placeColumn(t *diffTable, name string) bool {
	return t.key == "来源" && (name == "来源" || name == "发放表")
}

// recordText joins the cells of r under the headers names that t has.
func (t *diffTable) recordText(r Row, names []string) string {
	var b strings.Builder
	for _, name := range names {
		if _, ok := t.columns[name]; ok {
			b.WriteString(t.text(r, name))
			b.WriteByte(0)
		}
	}
	return b.String()
}

// recordKeys keys the rows of the record table t against the table other
// it is paired with, so that a record gets the same key in both: rows that
// agree in identity and values by their order among such rows (kind 'k'),
// then rows left over that agree in identity alone (kind 'l'). A row of
// neither keeps a key the other table has not. A row with no identity,
// such as the 合计 row, is keyed by its first text.
func recordKeys(t, other *diffTable) []keyedRow {
	full := append(slices.Clip(recordIdentity), recordValues...)
	count := func(tb *diffTable) map[string]int32 {
		n := make(map[string]int32, len(tb.rows))
		for _, r := range tb.rows {
			n[tb.recordText(r, full)]++
		}
		return n
	}
	mine, theirs := count(t), count(other)
	// leftover are the identities of the rows of tb that the full texts do
	// not pair, counted.
	leftover := func(tb *diffTable, opp map[string]int32) map[string]int32 {
		seen := make(map[string]int32, len(tb.rows))
		n := map[string]int32{}
		for _, r := range tb.rows {
			f := tb.recordText(r, full)
			seen[f]++
			if seen[f] > opp[f] {
				n[tb.recordText(r, recordIdentity)]++
			}
		}
		return n
	}
	otherLeft := leftover(other, mine)
	out := make([]keyedRow, len(t.rows))
	seenFull := make(map[string]int32, len(t.rows))
	seenLeft := map[string]int32{}
	labels := map[string]int32{}
	for i, r := range t.rows {
		id := t.recordText(r, recordIdentity)
		if strings.Trim(id, "\x00") == "" {
			k := rowKey{kind: 'n'}
			if text := firstText(r); text != "" {
				k = rowKey{text: text, kind: 't'}
			}
			labels["\x01"+k.text]++
			k.nth = labels["\x01"+k.text]
			out[i] = keyedRow{i: i, key: k}
			continue
		}
		labels[id]++
		f := t.recordText(r, full)
		seenFull[f]++
		k := rowKey{text: f, nth: seenFull[f], kind: 'k'}
		if seenFull[f] > theirs[f] {
			// Not paired by all it says: by its identity, if the other
			// table has a row of it left over.
			seenLeft[id]++
			if seenLeft[id] <= otherLeft[id] {
				k = rowKey{text: id, nth: seenLeft[id], kind: 'l'}
			}
		}
		out[i] = keyedRow{i: i, key: k, label: labels[id]}
	}
	return out
}

// recordLabel names a row of a record table by its identity: 2026-09-24
// T02 李强 家长投诉, with （第 2 个） for the second row of one identity.
func (t *diffTable) recordLabel(kr keyedRow) string {
	r := t.rows[kr.i]
	var parts []string
	for _, name := range recordIdentity {
		parts = append(parts, t.text(r, name))
	}
	label := spaced(parts...)
	if kr.label > 1 {
		label += "（第 " + strconv.Itoa(int(kr.label)) + " 个）"
	}
	return label
}

// rowKey is what makes two rows the same row: the kind of key (so that a
// 工号 and a name or a 合计 that read alike stay apart), its text, and its
// place among the rows of its table with the same kind and text.
type rowKey struct {
	text string
	nth  int32 // 1 for the first row with this kind and text, 2 for the second, …
	kind byte  // 'i' 工号, 'k' another key cell, 't' a row's first text, 'n' none, '#' row number
}

// keyedRow is row i of a table with its key.
type keyedRow struct {
	i   int
	key rowKey
	// label numbers the rows of a record table with one identity, for
	// the report: the second early leave of a teacher on one day.
	label int32
}

// keyRows gives each row of t its key. other is the table t is paired with:
// a pupil's key takes in 班级 and 姓名 when 学号 alone is not unique in
// either table, as in the posted settlement, which shows only the last four
// digits of a 学号. Rows that still share a key are told apart by their
// order.
func keyRows(t, other *diffTable) []keyedRow {
	if t.key == "来源" {
		return recordKeys(t, other)
	}
	if t.key == "学号" {
		t.pupilExtra = nil
		for _, extra := range [][]string{{"班级"}, {"班级", "姓名"}} {
			if unique(t, t.pupilExtra) && unique(other, t.pupilExtra) {
				break
			}
			t.pupilExtra = extra
		}
	}
	out := make([]keyedRow, len(t.rows))
	seen := make(map[rowKey]int32, len(t.rows))
	for i, r := range t.rows {
		k := t.rowKeyOf(r, t.pupilExtra)
		seen[k]++
		k.nth = seen[k]
		out[i] = keyedRow{i: i, key: k}
	}
	return out
}

// unique reports whether no two rows of t have the same key with extra.
func unique(t *diffTable, extra []string) bool {
	seen := make(map[rowKey]bool, len(t.rows))
	for _, r := range t.rows {
		k := t.rowKeyOf(r, extra)
		if seen[k] {
			return false
		}
		seen[k] = true
	}
	return true
}

// rowKeyOf is the key of row r of t, nth left 0: for a 学号 table, the 学号
// and the columns extra; for a 来源, 工号 (or 教师) or other keyed table,
// its key cell; for the rows above the first header row, the row number.
// The key's text is a part of r's own text where it can be, so that a
// million rows cost no allocation each.
func (t *diffTable) rowKeyOf(r Row, extra []string) rowKey {
	switch t.key {
	case "":
		return rowKey{text: strconv.Itoa(r.Num), kind: '#'}
	case "学号":
		id := t.text(r, "学号")
		if id == "" {
			break
		}
		if len(extra) == 0 {
			return rowKey{text: id, kind: 'k'}
		}
		parts := []string{id}
		for _, col := range extra {
			parts = append(parts, t.text(r, col))
		}
		return rowKey{text: strings.Join(parts, "\x00"), kind: 'k'}
	case "来源":
		if src := t.text(r, "来源"); src != "" {
			return rowKey{text: src, kind: 'k'}
		}
		// A record without a source cell: by date, person and kind.
		if k := spaced(t.text(r, "日期"), t.text(r, "教师"), t.text(r, "事项")); k != "" {
			return rowKey{text: k, kind: 'k'}
		}
	case "工号":
		if id := t.text(r, "工号"); id != "" {
			return rowKey{text: id, kind: 'i'}
		}
		if name := t.text(r, "教师"); name != "" {
			return rowKey{text: name, kind: 'k'}
		}
	default:
		if k := t.text(r, t.key); k != "" {
			return rowKey{text: k, kind: 'k'}
		}
	}
	// A row whose key cell is empty, such as a 合计 or 小计 row, by its
	// first text: 合计, 一(1)班 小计. The texts after it, such as "3 人", are
	// figures that may change.
	if text := firstText(r); text != "" {
		return rowKey{text: text, kind: 't'}
	}
	return rowKey{kind: 'n'}
}

// rowLabel names row kr of t in the report: "T01 王芳", "2026001 王小明",
// "合计", "第 3 行", with "（第 2 个）" for the second row of a key.
func (t *diffTable) rowLabel(kr keyedRow) string {
	r := t.rows[kr.i]
	if t.key == "来源" && (kr.key.kind == 'k' || kr.key.kind == 'l') {
		return t.recordLabel(kr)
	}
	var label string
	switch kr.key.kind {
	case '#', 'n':
		label = "第 " + strconv.Itoa(r.Num) + " 行"
	case 't':
		label = kr.key.text
	case 'i':
		label = spaced(kr.key.text, t.text(r, "教师"))
	default:
		switch t.key {
		case "学号":
			label = spaced(t.text(r, "学号"), t.text(r, "姓名"))
			if len(t.pupilExtra) > 0 {
				label = spaced(t.text(r, "班级"), t.text(r, "学号"), t.text(r, "姓名"))
			}
		default:
			label = kr.key.text
		}
	}
	if kr.key.nth > 1 {
		label += "（第 " + strconv.Itoa(int(kr.key.nth)) + " 个）"
	}
	return label
}

// firstText is the first cell of r that holds text, trimmed.
func firstText(r Row) string {
	for i := range r.Len() {
		c := r.Cell(i)
		if text := strings.TrimSpace(c.Text); c.Kind == CellText && text != "" {
			return text
		}
	}
	return ""
}

// spaced joins the parts that are not empty with spaces.
func spaced(parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), " ")
}
