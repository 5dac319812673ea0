package sheet

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/rules"
)

func TestReadSummaryAsTyped(t *testing.T) {
	for _, c := range []struct {
		name string
		desc string
		want string
	}{
		{"SPEC headers", `# title 2026年9月课后服务汇总表
| 教师 | 上课节数 | 安全管理次数 | 行政值班次数 |
| 王芳 | 34 | 8 |  |
| 张伟 |  |  | 6 |`, "张伟 0/0/6; 王芳 34/8/0"},
		{"short headers, 工号, unknown columns, numbers as text", `| 序号 | 工号 | 姓名 | 上课 | 安全管理 | 行政值班 | 备注 |
| 1 | T1 | 王　芳 | '３４ | 8 | 0 | 班主任 |
| 2 | T2 | 张伟 | 0 | 0 | 6 |  |`, "T1王芳 34/8/0; T2张伟 0/0/6"},
		{"合计 row that agrees, signature below", `| 教师 | 上课节数 | 安全管理次数 | 行政值班次数 | 合计 |
| 王芳 | 34 | 8 |  | 42 |
| 李强 | 30 | 12 |  | 42 |
| 合计 | =SUM(B2:B3)=>64 | 20 | 0 | 84 |
| 审核： |`, "李强 30/12/0; 王芳 34/8/0"},
		{"a person with nothing this month", `| 教师 | 上课节数 | 安全管理次数 | 行政值班次数 |
| 王芳 | 2 |  |  |
| 李强 | 0 | 0 | 0 |
| 陈静 |  |  |  |`, "王芳 2/0/0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkLogReads(t, c.desc, c.want, "月度汇总")
		})
	}
}

// TestReadSummaryRulesLabels checks that a school whose rules call lessons
// 辅导 may head its summary column 辅导节数.
func TestReadSummaryRulesLabels(t *testing.T) {
	r := rules.Default()
	r.Sessions.Lesson = []string{"辅导"}
	tl := calc.NewTally(r, september)
	_, problems := ReadSessions(context.Background(), build(t, "课时登记.xlsx", `| 教师 | 辅导节数 | 安全管理 | 行政值班 |
| 王芳 | 3 | 1 |  |`), "", r, tl)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	p, _ := calc.Payroll(r, tl, nil)
	if p == nil || len(p.Lines) != 1 || p.Lines[0].Lessons.String() != "3" || p.Lines[0].Breaks.String() != "1" {
		t.Errorf("payroll %+v, want 王芳 with 3 lessons and 1 break", p)
	}
}

func TestReadSummaryProblems(t *testing.T) {
	const header = "| 教师 | 上课节数 | 安全管理次数 | 行政值班次数 |\n"
	for _, c := range []struct {
		name, desc string
		cell, col  string
		code       calc.Code
		value      string // the value the problem quotes
	}{
		{"text in a count", header + "| 王芳 | 两节 |  |  |", "B2", "上课节数", "not-count", "两节"},
		{"negative count", header + "| 王芳 | 2 | -1 |  |", "C2", "安全管理次数", "negative-count", "-1"},
		{"duplicated person row", header + "| 王芳 | 2 |  |  |\n| 王芳 |  | 1 |  |", "A3", "教师", "duplicate-row", "王芳"},
		{"name missing", header + "|  | 2 |  |  |", "A2", "教师", "missing", ""},
		// 2 + 3 = 5 above, not 6.
		{"合计 row disagrees", header + "| 王芳 | 2 |  |  |\n| 李强 | 3 |  |  |\n| 合计 | 6 |  |  |", "B4", "上课节数", "total-mismatch", "6"},
		{"counts under the 合计 row", header + "| 王芳 | 2 |  |  |\n| 合计 | 2 |  |  |\n| 李强 | 3 |  |  |", "B4", "上课节数", "below-total", "3"},
		{"count not a whole multiple", header + "| 王芳 | 2.5 |  |  |", "B2", "节数", "count-step", "2.5"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, problems := readLog(t, c.desc)
			if p := checkOneProblem(t, problems, c.cell, c.col, c.code); p.Value != c.value {
				t.Errorf("problem quotes %q, want %q", p.Value, c.value)
			}
		})
	}
}

// TestReadSessionsNoLayout checks that a header fitting no layout is one
// error naming the row's headers and what each layout still needs.
func TestReadSessionsNoLayout(t *testing.T) {
	for _, c := range []struct {
		name, desc string
		want       []string
	}{
		{"a summary missing a kind", "# title 九月汇总\n| 姓名 | 上课节数 | 安全管理次数 | 备注 |\n| 王芳 | 2 | 1 | |", []string{
			"前 10 行中找不到表头，无法判断课时登记是哪种格式（第 2 行的内容是 姓名、上课节数、安全管理次数、备注）",
			"逐条登记需要 日期、教师、类型、节数，缺 日期、类型、节数",
			"按日考勤表需要 教师 和按日的列（列名如 1、1日、9月1日 或日期），缺 按日的列",
			"月度汇总需要 教师、上课节数、安全管理次数、行政值班次数，缺 行政值班次数",
		}},
		{"a grid without names", "| 人员 | 1 | 2 |\n| 王芳 | 2 | 1 |", []string{
			"第 1 行的内容是 人员、1、2",
			"逐条登记需要 日期、教师、类型、节数，缺 日期、教师、类型、节数",
			"按日考勤表需要 教师 和按日的列（列名如 1、1日、9月1日 或日期），缺 教师",
		}},
		{"an empty sheet", "", []string{
			"课时登记可以是：逐条登记（日期、教师、类型、节数）、按日考勤表（教师 和按日的列）或月度汇总（教师、上课节数、安全管理次数、行政值班次数）",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, problems := readLog(t, c.desc)
			if len(problems) != 1 || problems[0].Code != "no-header" {
				t.Fatalf("problems %v, want 1 of no-header", problems)
			}
			for _, w := range c.want {
				if !strings.Contains(problems[0].Msg, w) {
					t.Errorf("message\n%s\nwants\n%s", problems[0].Msg, w)
				}
			}
		})
	}
}

func TestWriteSummaryTemplate(t *testing.T) {
	r := rules.Default()
	path := filepath.Join(t.TempDir(), "汇总表.xlsx")
	if err := WriteSummaryTemplate(path, r, september, false); err != nil {
		t.Fatal(err)
	}
	// kfpay reads its own blank template as a summary with nothing in it.
	tl := calc.NewTally(r, september)
	info, problems := ReadSessions(context.Background(), path, "", r, tl)
	if len(problems) > 0 || info.Layout != "月度汇总" || tl.Entries() != 0 {
		t.Errorf("read back: layout %q, %d entries, problems %v; want an empty 月度汇总", info.Layout, tl.Entries(), problems)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("9月")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[1], " "); got != "工号 教师 上课节数 安全管理次数 行政值班次数" {
		t.Errorf("header %q", got)
	}
	if got := rows[42][0]; got != "合计" {
		t.Errorf("A43 = %q, want 合计", got)
	}
	sheetXML := zipPart(t, path, "xl/worksheets/sheet1.xml")
	if want := `<c r="E43" s="[0-9]+"><f>SUM\(E3:E42\)</f><v>0</v></c>`; !regexp.MustCompile(want).MatchString(sheetXML) {
		t.Errorf("sheet XML lacks %s", want)
	}
}
