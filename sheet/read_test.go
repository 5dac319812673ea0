package sheet

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/sheettest"
	"kfpay/sheet/synth"
)

var september = rules.Month{Year: 2026, Month: 9}

func build(t *testing.T, name, desc string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := sheettest.Build(path, []byte(desc)); err != nil {
		t.Fatal(err)
	}
	return path
}

// readLog reads a session log and returns each person's lessons, breaks and
// shifts as "name lessons/breaks/shifts".
func readLog(t *testing.T, desc string) ([]string, InputFile, calc.Problems) {
	t.Helper()
	r := rules.Default()
	tl := calc.NewTally(r, september)
	info, problems := ReadSessions(context.Background(), build(t, "课时登记.xlsx", desc), "", r, tl)
	if len(problems.Errors()) > 0 {
		return nil, info, problems
	}
	p, more := calc.Payroll(r, tl, nil)
	if p == nil {
		return nil, info, append(problems, more...)
	}
	var got []string
	for _, l := range p.Lines {
		got = append(got, l.ID+l.Name+" "+l.Lessons.String()+"/"+l.Breaks.String()+"/"+l.Shifts.String())
	}
	return got, info, append(problems, more...)
}

func TestReadSessionsAsTyped(t *testing.T) {
	for _, c := range []struct {
		name string
		desc string
		want string
	}{
		{"merged title, shuffled and unknown columns", `# title 2026年9月课后服务登记表
| 节数 | 填表人 | 类型 | 教师 | 日期 |
| 2 | 教务处 | 上课 | 王芳 | @2026-09-01 |
| 1 | | 安全管理 | 王芳 | @2026-09-02 |`, "王芳 2/1/0"},
		{"aliases and full-width headers", `| Ｄａｔｅ | 姓 名 | 服务类型 | 次数 |
| @2026-09-01 | 王芳 | 上课 | 2 |`, "王芳 2/0/0"},
		{"spaces inside names, spaces and hidden characters in 工号", `| 日期 | 工号 | 教师 | 类型 | 节数 |
| @2026-09-01 | " T1" | 王　芳 | 上课 | 2 |
| @2026-09-02 | T1 | 王 芳 | 上课 | 1 |
| @2026-09-02 | "T\u200b1" | " 王芳 " | 上课 | 1 |`, "T1王芳 4/0/0"},
		{"full-width 工号 written alike", `| 日期 | 工号 | 教师 | 类型 | 节数 |
| @2026-09-01 | Ｔ１ | 王芳 | 上课 | 2 |
| @2026-09-02 | Ｔ１ | 王芳 | 上课 | 1 |`, "Ｔ１王芳 3/0/0"},
		{"numbers stored as text", `| 日期 | 教师 | 类型 | 节数 |
| @2026-09-01 | 王芳 | 上课 | '2 |
| @2026-09-02 | 王芳 | 上课 | '２ |`, "王芳 4/0/0"},
		{"raw values, never through float", `| 日期 | 教师 | 类型 | 节数 |
| @2026-09-01 | 王芳 | 上课 | 20 |
| @2026-09-02 | 王芳 | 上课 | 7 |`, "王芳 27/0/0"},
		{"blank rows in the middle and a gap", `| 日期 | 教师 | 类型 | 节数 |
| @2026-09-01 | 王芳 | 上课 | 2 |

| @2026-09-02 | 王芳 | 上课 | 1 |
# row 20
| @2026-09-03 | 王芳 | 上课 | 1 |`, "王芳 4/0/0"},
		{"formula with a cached value", `| 日期 | 教师 | 类型 | 节数 |
| @2026-09-01 | 王芳 | 上课 | =1+1=>2 |`, "王芳 2/0/0"},
		{"text dates in three forms", `| 日期 | 教师 | 类型 | 节数 |
| 2026-09-01 | 王芳 | 上课 | 1 |
| 2026/9/2 | 王芳 | 上课 | 1 |
| 2026年9月3日 | 王芳 | 上课 | 1 |
| @2026-09-04:yyyy"年"m"月"d"日" | 王芳 | 上课 | 1 |`, "王芳 4/0/0"},
		{"1904 date system", `# date1904
| 日期 | 教师 | 类型 | 节数 |
| @2026-09-01 | 王芳 | 上课 | 1 |`, "王芳 1/0/0"},
		{"first visible sheet", `# sheet 旧表
# hidden
| 日期 | 教师 | 类型 | 节数 |
| @2026-08-01 | 李强 | 上课 | 9 |
# sheet 9月
| 日期 | 教师 | 类型 | 节数 |
| @2026-09-01 | 王芳 | 上课 | 1 |`, "王芳 1/0/0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkLogReads(t, c.desc, c.want, "逐条登记")
		})
	}
}

func TestReadSessionsRowCounts(t *testing.T) {
	// Header in row 2 below a title; rows 3, 5 and 8 hold data, rows 4, 6
	// and 7 are empty (6 and 7 absent from the XML).
	_, info, _ := readLog(t, `# title 登记表
| 日期 | 教师 | 类型 | 节数 |
| @2026-09-01 | 王芳 | 上课 | 2 |

| @2026-09-02 | 王芳 | 上课 | 1 |
# row 8
| @2026-09-03 | 王芳 | 上课 | 1 |`)
	if info.Rows != 6 || info.Used != 3 || info.Empty != 3 {
		t.Errorf("rows read/used/empty = %d/%d/%d, want 6/3/3", info.Rows, info.Used, info.Empty)
	}
}

func TestReadSessionsProblems(t *testing.T) {
	for _, c := range []struct {
		name, desc string
		cell, col  string
		code       calc.Code
	}{
		{"negative count", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | -1 |", "D2", "节数", "count-not-positive"},
		{"zero count", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | 0 |", "D2", "节数", "count-not-positive"},
		{"date outside the month", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-08-31 | 王芳 | 上课 | 1 |", "A2", "日期", "outside-month"},
		{"impossible text date", "| 日期 | 教师 | 类型 | 节数 |\n| 2026-09-31 | 王芳 | 上课 | 1 |", "A2", "日期", "not-date"},
		{"unknown kind", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 辅导 | 1 |", "C2", "类型", "unknown-kind"},
		{"formula without a cached value", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | =1+1 |", "D2", "节数", "no-cached-value"},
		{"missing 工号 in a log that has them", "| 日期 | 工号 | 教师 | 类型 | 节数 |\n| @2026-09-01 | T1 | 王芳 | 上课 | 1 |\n| @2026-09-01 | | 李强 | 上课 | 1 |", "B3", "工号", "missing"},
		{"no header row", "| 日子 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | 1 |", "", "", "no-header"},
		{"count not a whole multiple", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | 1.5 |", "D2", "节数", "count-step"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, problems := readLog(t, c.desc)
			checkOneProblem(t, problems, c.cell, c.col, c.code)
		})
	}
}

// checkLogReads checks that the session log desc reads without errors, in the
// layout named, as the people of want ("name lessons/breaks/shifts", joined
// by "; ").
func checkLogReads(t *testing.T, desc, want, layout string) {
	t.Helper()
	got, info, problems := readLog(t, desc)
	if errs := problems.Errors(); len(errs) > 0 || got == nil {
		t.Fatalf("unexpected errors:\n%v", errs)
	}
	if strings.Join(got, "; ") != want {
		t.Errorf("read %q, want %q", strings.Join(got, "; "), want)
	}
	if info.Layout != layout {
		t.Errorf("layout %q, want %s", info.Layout, layout)
	}
}

// checkOneProblem checks that problems hold exactly one error, a
// calc.Problem of the session log at cell in column col whose sentence
// contains msg.
// checkOneProblem checks that problems hold one error, of kind code, at
// cell of the session log under the header col, and returns it.
func checkOneProblem(t *testing.T, problems calc.Problems, cell, col string, code calc.Code) calc.Problem {
	t.Helper()
	errs := problems.Errors()
	if len(errs) != 1 {
		t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
	}
	var p calc.Problem
	if !errors.As(errs[0], &p) {
		t.Fatal("not a calc.Problem")
	}
	if p.Ref.File != "课时登记.xlsx" || p.Ref.Cell() != cell || p.Column != col || p.Code != code || p.Msg == "" {
		t.Errorf("problem %s (%s %s %s), want %s %s %s", p.Error(), p.Code, p.Ref.Cell(), p.Column, code, cell, col)
	}
	return p
}

func TestReadRecordsPercents(t *testing.T) {
	for _, c := range []struct {
		name, cell string
		want       string // the fraction read, or the problem's code
	}{
		{"text with sign", "'30%", "0.3"},
		{"full-width text", "'３０％", "0.3"},
		{"percent cell", "30%", "0.3"},
		{"percent cell with decimals", "12.5%", "0.125"},
		{"bare number", "30", "bare-percent"},
		{"bare fraction", "0.3", "bare-percent"},
		{"bare text", "'30", "bare-percent"},
		{"words", "三成", "not-percent"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := build(t, "考核记录.xlsx", "| 日期 | 教师 | 事项 | 比例 |\n| @2026-09-01 | 王芳 | 家长投诉 | "+c.cell+" |")
			recs, _, problems := ReadRecords(context.Background(), path, "", september)
			// A 比例 that cannot be read goes to calc with the record,
			// which reports it only for a kind that uses the column.
			if len(recs) == 1 && recs[0].PercentErr != nil {
				problems = append(problems, *recs[0].PercentErr)
			}
			if errs := problems.Errors(); len(errs) > 0 {
				// A bare 30 or 0.3 is 30% to write: the message shows it.
				if string(errs[0].Code) != c.want || errs[0].Ref.Cell() != "D2" ||
					errs[0].Code == "bare-percent" && !strings.Contains(errs[0].Msg, "30%") {
					t.Errorf("error %v (%s), want %s at D2", errs[0], errs[0].Code, c.want)
				}
				return
			}
			if len(recs) != 1 || !recs[0].HasPercent || recs[0].Percent.String() != c.want {
				t.Errorf("read %+v, want percent %s", recs, c.want)
			}
		})
	}
}

// TestReadBooleanShown checks that a TRUE typed where a number belongs is
// quoted as TRUE, as Excel shows it, not as the 1 it is stored as.
func TestReadBooleanShown(t *testing.T) {
	_, _, problems := readLog(t, "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | #bool TRUE |")
	errs := problems.Errors()
	if len(errs) != 1 || errs[0].Value != "TRUE" || errs[0].Ref.Cell() != "D2" {
		t.Errorf("problems = %v, want one at D2 quoting TRUE", errs)
	}
}

// genMonth writes a synthetic month of n rows into dir (synth.WriteSynthetic)
// and returns the paths of the session log and the records.
func genMonth(t testing.TB, dir string, n int) (sessions, records string) {
	t.Helper()
	sessions, records = filepath.Join(dir, "课时登记.xlsx"), filepath.Join(dir, "考核记录.xlsx")
	if _, err := synth.WriteSynthetic(context.Background(), sessions, records, n, rules.Month{Year: 2026, Month: 10}, rules.Default(), true); err != nil {
		t.Fatal(err)
	}
	return sessions, records
}

// TestReadersAccountForRows checks the guard that every reader applies to
// the rows it read (table.done): no input can make a reader let a row go
// by unused and unreported, so the guard is tested on the counts
// themselves. 10 rows read, 6 used and 3 empty leave 1 unaccounted for
// unless it is counted among the other rows or a problem was reported.
func TestReadersAccountForRows(t *testing.T) {
	for _, tc := range []struct {
		name     string
		info     InputFile
		reported bool // an error of the sheet was reported
		want     calc.Code
	}{
		{"every row accounted for", InputFile{Rows: 10, Used: 6, Empty: 3, Other: 1}, false, ""},
		{"a row left over", InputFile{Rows: 10, Used: 6, Empty: 3}, false, calc.CodeInternal},
		{"a row left over, and an error reported", InputFile{Rows: 10, Used: 6, Empty: 3}, true, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &collector{file: "考核记录.xlsx", sheet: "考核"}
			if tc.reported {
				c.errorf("not-date", 1, 5, "日期", "x", "不是日期")
			}
			tb := &table{c: c, info: tc.info}
			if got := tb.done(); got != tc.info {
				t.Errorf("done() = %+v, want %+v", got, tc.info)
			}
			var got calc.Code
			for _, p := range c.list {
				if p.Code == calc.CodeInternal {
					got = p.Code
					if p.Ref.String() != "考核记录.xlsx 考核" {
						t.Errorf("problem at %s, want at the sheet", p.Ref)
					}
				}
			}
			if got != tc.want {
				t.Errorf("problems %v, want %q", c.list, tc.want)
			}
		})
	}
}

// TestWarningsDoNotStopReading reads a log whose first 250 rows are hidden,
// each a warning, and whose last row names another teacher: every row is
// read and paid. A reader used to stop at its 200th problem, warnings
// included, and paid the month without the rows below it (issue 17).
func TestWarningsDoNotStopReading(t *testing.T) {
	var b strings.Builder
	b.WriteString("| 日期 | 教师 | 类型 | 节数 |\n")
	for range 250 {
		b.WriteString("# hiddenrow\n| @2026-09-01 | 王芳 | 上课 | 1 |\n")
	}
	b.WriteString("| @2026-09-02 | 李强 | 上课 | 1 |\n")
	r := rules.Default()
	tl := calc.NewTally(r, september)
	info, problems := ReadSessions(context.Background(), build(t, "课时登记.xlsx", b.String()), "", r, tl)
	if errs := problems.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	p, _ := calc.Payroll(r, tl, nil)
	var got []string
	for _, l := range p.Lines {
		got = append(got, l.Name+" "+l.Lessons.String())
	}
	// 250 hidden rows of 1 lesson each; 李强 1 lesson (person order: by
	// name in code point order, 李 U+674E before 王 U+738B).
	if want := "李强 1\n王芳 250"; strings.Join(got, "\n") != want {
		t.Errorf("paid:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
	if info.Used != 251 {
		t.Errorf("rows used = %d, want 251", info.Used)
	}
	// The reader's hidden-row warnings: 200 listed, 50 counted in one.
	if n := problems.WarningCount(); n != 250 {
		t.Errorf("WarningCount = %d, want 250", n)
	}
	last := problems[len(problems)-1]
	if last.Code != calc.CodeOmitted || last.Omitted != 50 || len(problems) != 201 {
		t.Errorf("problems = %d, the last %s %d; want 200 listed and one counting 50", len(problems), last.Code, last.Omitted)
	}
}

// TestTextDates: dates typed as text, with a year or without (the year of
// the month the file is kept for), with a weekday or a time after them.
func TestTextDates(t *testing.T) {
	for typed, want := range map[string]string{
		"2026-09-03": "2026-09-03", "2026/9/3": "2026-09-03", "2026.9.3": "2026-09-03",
		"2026年9月3日": "2026-09-03", "2026年9月3号": "2026-09-03", "２０２６－０９－０３": "2026-09-03",
		"2026-09-03 00:00:00": "2026-09-03", "2026/9/3 8:30": "2026-09-03", "2026年9月3日 星期四": "2026-09-03",
		"9月3日": "2026-09-03", "9月3号": "2026-09-03", "9/3": "2026-09-03", "9.3": "2026-09-03",
		"9-3": "2026-09-03", "9月3日（四）": "2026-09-03", "10月3日": "2026-10-03",
	} {
		var got rules.Date
		if d, ok := textDate(typed); ok {
			got = d
		} else if mo, d, ok := yearlessDate(typed); ok {
			got = rules.Date{Year: 2026, Month: time.Month(mo), Day: d}
		}
		if got.String() != want {
			t.Errorf("%q read as %s, want %s", typed, got, want)
		}
	}
	for _, typed := range []string{"九月三日", "3", "2026-13-01", "9月", "上周三", "9.3.1"} {
		if d, ok := textDate(typed); ok {
			t.Errorf("textDate(%q) = %s, want no date", typed, d)
		}
		if _, _, ok := yearlessDate(typed); ok {
			t.Errorf("yearlessDate(%q) read a date", typed)
		}
	}
}
