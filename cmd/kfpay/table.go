package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	"kfpay/calc"
)

// isTerminal reports whether w is a terminal, where tables are aligned; piped
// output is plain tab-separated text for scripts (STYLE: cli/cli).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// printTable prints rows aligned in columns on a terminal, tab-separated otherwise.
func printTable(w io.Writer, rows [][]string) {
	if !isTerminal(w) {
		for _, r := range rows {
			fmt.Fprintln(w, strings.Join(r, "\t"))
		}
		return
	}
	printAligned(w, rows)
}

// printAligned prints rows aligned in columns, for messages a person reads
// whether or not they are piped.
func printAligned(w io.Writer, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		var b strings.Builder
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " ")) // a row whose last cells are empty
	}
}

// displayWidth counts a wide (CJK, full-width) character as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
			(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// printPayrollSummary prints the month's totals and the admin pool chain.
func printPayrollSummary(s streams, p *calc.Payout, output string) {
	t := p.Total
	money := func(d interface{ StringFixed(int32) string }) string { return d.StringFixed(2) }
	fmt.Fprintf(s.out, "%s %s 课后服务补助发放表已生成：%s\n", p.Rules.School, p.Month.Chinese(), output)
	fmt.Fprintf(s.out, "规则：%s %s\n", p.Rules.Source, calc.VersionText(p.Rules))
	printTable(s.out, [][]string{
		{"项目", "合计"},
		{"人数", fmt.Sprint(len(p.Lines))},
		{"上课节数", t.Lessons.String()},
		{"上课补助", money(t.LessonPay)},
		{"安全管理次数", t.Breaks.String()},
		{"安全管理补助", money(t.SafetyPay)},
		{"行政值班次数", t.Shifts.String()},
		{"行政值班补助", money(t.AdminPay)},
		{"绩效服务费", money(t.Fee)},
		{"扣除金额", money(t.Deduction)},
		{"奖励", money(t.Reward)},
		{"实发合计", money(t.Net)},
	})
	fmt.Fprintln(s.out, p.Admin.Summary())
	if p.Unapproved {
		fmt.Fprintln(s.out, "注意："+calc.UnapprovedNotice+"。")
	}
	if p.Placeholder {
		fmt.Fprintf(s.out, "注意：%s。\n", calc.PlaceholderNotice(p.Rules.Performance))
	}
	if n := len(p.Events); n > 0 {
		pending := 0
		for _, e := range p.Events {
			if e.Status == calc.Pending {
				pending++
			}
		}
		fmt.Fprintf(s.out, "考核记录 %d 条", n)
		if pending > 0 {
			fmt.Fprintf(s.out, "，其中 %d 条待学期结算", pending)
		}
		fmt.Fprintln(s.out)
	}
	if n := p.Warnings.WarningCount(); n > 0 {
		fmt.Fprintf(s.out, "警告 %d 处：已列在发放表的“计算说明”中，发放前请逐一核对\n", n)
	}
}

// printCorrection prints the persons whose pay the correction changes, and
// the totals to pay and to recover.
func printCorrection(s streams, c *calc.Correction) {
	fmt.Fprintf(s.out, "更正：对照已签字的发放表 %s，见新发放表的“更正”工作表\n", c.Signed.File)
	if !c.Changed() {
		fmt.Fprintln(s.out, "每人实发合计与原发放表相同，无需补发或扣回。")
		return
	}
	rows := [][]string{{"工号", "教师", "已发金额", "应发金额", "补发", "扣回"}}
	for _, l := range c.Lines {
		if !l.Topup.IsZero() || !l.Recover.IsZero() {
			rows = append(rows, []string{l.ID, l.Name, l.Paid.StringFixed(2), l.Due.StringFixed(2), l.Topup.StringFixed(2), l.Recover.StringFixed(2)})
		}
	}
	t := c.Total
	rows = append(rows, []string{"合计", "", t.Paid.StringFixed(2), t.Due.StringFixed(2), t.Topup.StringFixed(2), t.Recover.StringFixed(2)})
	printTable(s.out, rows)
	fmt.Fprintln(s.out, "签字：打印新发放表的“更正”工作表，由补发、扣回的教师签字；其中的“发放明细”是更正后的全月数字，只供核对，不再签字。")
}
