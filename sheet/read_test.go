package sheet

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

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
	info, problems := ReadSessions(build(t, "课时登记.xlsx", desc), "", r, tl)
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
		msg        string
	}{
		{"negative count", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | -1 |", "D2", "节数", "应为正数"},
		{"zero count", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | 0 |", "D2", "节数", "应为正数"},
		{"date outside the month", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-08-31 | 王芳 | 上课 | 1 |", "A2", "日期", "不在 2026年9月 内"},
		{"impossible text date", "| 日期 | 教师 | 类型 | 节数 |\n| 2026-09-31 | 王芳 | 上课 | 1 |", "A2", "日期", "不是日期"},
		{"unknown kind", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 辅导 | 1 |", "C2", "类型", "不是已知的服务类型"},
		{"formula without a cached value", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | =1+1 |", "D2", "节数", "公式没有保存计算结果"},
		{"missing 工号 in a log that has them", "| 日期 | 工号 | 教师 | 类型 | 节数 |\n| @2026-09-01 | T1 | 王芳 | 上课 | 1 |\n| @2026-09-01 | | 李强 | 上课 | 1 |", "B3", "工号", "缺少工号"},
		{"no header row", "| 日子 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | 1 |", "", "", "前 10 行中找不到表头"},
		{"count not a whole multiple", "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | 1.5 |", "D2", "节数", "整数倍"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, problems := readLog(t, c.desc)
			checkOneProblem(t, problems, c.cell, c.col, c.msg)
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
func checkOneProblem(t *testing.T, problems calc.Problems, cell, col, msg string) {
	t.Helper()
	errs := problems.Errors()
	if len(errs) != 1 {
		t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
	}
	var p calc.Problem
	if !errors.As(errs[0], &p) {
		t.Fatal("not a calc.Problem")
	}
	if p.Ref.File != "课时登记.xlsx" || p.Ref.Cell() != cell || p.Column != col || !strings.Contains(p.Msg, msg) {
		t.Errorf("problem %s (%s %s), want %s %s containing %q", p.Error(), p.Ref.Cell(), p.Column, cell, col, msg)
	}
}

func TestReadRecordsPercents(t *testing.T) {
	for _, c := range []struct {
		name, cell string
		want       string // the fraction read, or the error's words
	}{
		{"text with sign", "'30%", "0.3"},
		{"full-width text", "'３０％", "0.3"},
		{"percent cell", "30%", "0.3"},
		{"percent cell with decimals", "12.5%", "0.125"},
		{"bare number", "30", "请写成 30%"},
		{"bare fraction", "0.3", "请写成 30%"},
		{"bare text", "'30", "请写成 30%"},
		{"words", "三成", "不是百分比"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := build(t, "考核记录.xlsx", "| 日期 | 教师 | 事项 | 比例 |\n| @2026-09-01 | 王芳 | 家长投诉 | "+c.cell+" |")
			recs, _, problems := ReadRecords(path, "", september)
			// A 比例 that cannot be read goes to calc with the record,
			// which reports it only for a kind that uses the column.
			if len(recs) == 1 && recs[0].PercentErr != nil {
				problems = append(problems, *recs[0].PercentErr)
			}
			if errs := problems.Errors(); len(errs) > 0 {
				if !strings.Contains(errs[0].Msg, c.want) || errs[0].Ref.Cell() != "D2" {
					t.Errorf("error %v, want one at D2 containing %q", errs[0], c.want)
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
	if _, err := synth.WriteSynthetic(sessions, records, n, rules.Month{Year: 2026, Month: 10}, rules.Default(), true); err != nil {
		t.Fatal(err)
	}
	return sessions, records
}
