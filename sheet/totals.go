package sheet

import (
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/sheet/internal/xlsx"
)

// Total rows (SPEC 2.1, reading; 2.1a): a sheet may end in a 合计 (or 总计)
// row and be cut into sections by 小计 rows, in every layout. Neither is an
// entry: each is checked against the rows it totals, so that the sheet must
// agree with itself, and a row below the 合计 that holds counts, which would
// be paid or left out without a word, is an error.

// totalKind is what a row that totals others is.
type totalKind uint8

const (
	notTotal   totalKind = iota
	subtotal             // 小计: the rows since the previous 小计
	grandTotal           // 合计, 总计: every row above
)

// totalRow says whether the current row is a 合计 or 小计 row: one that
// says so in any column but skip (a grid's 类型 column, where 合计 would be a
// kind, not a total row).
func totalRow(t *table, skip int) totalKind {
	for _, c := range t.cur.all {
		// The Contains spares a million-row log a fold of every cell.
		if c.Type == xlsx.CellString && c.Col != skip && strings.Contains(c.Value, "计") {
			switch headerKey(c.Value) {
			case "合计", "总计":
				return grandTotal
			case "小计":
				return subtotal
			}
		}
	}
	return notTotal
}

// columnTotals adds up columns of counts (or amounts) over the rows of a
// sheet, to check its 合计 and 小计 rows against them.
type columnTotals struct {
	fields       []int // the fields added up
	all, section sums  // every row so far; the rows since the last 小计
	row          int   // the 合计 row, once read
}

// sums is a sum per field. Whole counts are added as integers: a decimal
// add allocates, and the log adds one a row.
type sums struct {
	sum     []decimal.Decimal // the counts that are not whole numbers
	ints    []int64           // the whole counts
	unknown []bool            // a column with a bad cell has no known sum and is not checked
}

func newSums(n int) sums {
	return sums{sum: make([]decimal.Decimal, n), ints: make([]int64, n), unknown: make([]bool, n)}
}

func (s *sums) add(i int, n decimal.Decimal, ok bool) {
	switch {
	case !ok:
		s.unknown[i] = true
	case n.Exponent() == 0 && n.NumDigits() <= 12:
		s.ints[i] += n.CoefficientInt64()
	default:
		s.sum[i] = s.sum[i].Add(n)
	}
}

func (s *sums) total(i int) decimal.Decimal {
	return s.sum[i].Add(decimal.NewFromInt(s.ints[i]))
}

func newColumnTotals(t *table, fields []int) *columnTotals {
	n := len(t.schema.fields)
	return &columnTotals{fields: fields, all: newSums(n), section: newSums(n)}
}

// add counts n, read from field i of a row with success ok.
func (ct *columnTotals) add(i int, n decimal.Decimal, ok bool) {
	ct.all.add(i, n, ok)
	ct.section.add(i, n, ok)
}

// handle reads the current row as a 合计 row, a 小计 row or a row below the
// 合计, when it is one, and reports whether it was.
func (ct *columnTotals) handle(t *table, skip int) bool {
	switch {
	case ct.row != 0:
		ct.below(t)
	default:
		switch totalRow(t, skip) {
		case grandTotal:
			ct.check(t)
		case subtotal:
			ct.checkSection(t)
		default:
			t.noteUnread()
			return false
		}
	}
	t.info.Other++
	return true
}

// check reads the current row as the 合计 row. An empty cell claims nothing
// and is not checked.
func (ct *columnTotals) check(t *table) {
	ct.row = t.cur.num
	for _, i := range ct.fields {
		n, present, ok := t.count(i)
		if sum := ct.all.total(i); present && ok && !ct.all.unknown[i] && !n.Equal(sum) {
			t.cellProblem("total-mismatch", i, n.String(), "合计行为 %s，但上方各行之和为 %s；表格自身前后不符，请核对", n, sum)
		}
	}
}

// checkSection reads the current row as a 小计 row: it must equal the rows
// since the previous 小计 (or the header), and the next section starts.
func (ct *columnTotals) checkSection(t *table) {
	for _, i := range ct.fields {
		n, present, ok := t.count(i)
		if sum := ct.section.total(i); present && ok && !ct.section.unknown[i] && !n.Equal(sum) {
			t.cellProblem("subtotal-mismatch", i, n.String(), "小计为 %s，但它上方到上一个小计（或表头）之间各行之和为 %s；表格自身前后不符，请核对", n, sum)
		}
	}
	ct.section = newSums(len(ct.section.sum))
}

// below reports counts in a row under the 合计 row, which would otherwise be
// left out of both the total and the pay. Rows of text there, such as the
// signature lines, are fine.
func (ct *columnTotals) below(t *table) {
	for _, i := range ct.fields {
		if c := t.cur.cells[i]; c.Col != 0 {
			if _, isNumber := parseNumber(c); isNumber {
				t.cellProblem("below-total", i, c.Value, "在合计行（第 %d 行）之下：合计行应是最后一行，请把这一行移到合计行之上", ct.row)
				return
			}
		}
	}
}
