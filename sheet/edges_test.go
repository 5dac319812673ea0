package sheet

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"kfpay/calc"
	"kfpay/sheet/sheettest"
)

// TestNumberNotDate: a number typed in a date column is reported as a
// number, with the date it most likely means, not as a date of 1900 that
// is "not in this month" (issue 21). The year of the hints is --month's.
func TestNumberNotDate(t *testing.T) {
	for _, c := range []struct{ name, cell, want string }{
		// 10.8 is serial day 10: 1900-01-10.
		{"month.day", "10.8", `"10.8"：是数字，不是日期（Excel 把它当作 1900-01-10 显示）；如果是 10月8日，请写成 2026-10-08 或 2026年10月8日`},
		// 9.10 typed is the number 9.1: either day.
		{"month.day of one digit", "9.1", `"9.1"：是数字，不是日期（Excel 把它当作 1900-01-09 显示）；如果是 9月1日，请写成 2026-09-01 或 2026年9月1日；如果是 9月10日，请写成 2026-09-10 或 2026年9月10日`},
		// 9.5 could be 9月5日; 9月50日 is no date.
		{"month.day, the tenfold day impossible", "9.5", `"9.5"：是数字，不是日期（Excel 把它当作 1900-01-09 显示）；如果是 9月5日，请写成 2026-09-05 或 2026年9月5日`},
		{"month.day of two digits", "9.25", `如果是 9月25日，请写成 2026-09-25 或 2026年9月25日`},
		// The digits of a date, typed without separators: beyond any serial.
		{"digits of a date", "20260901", `"20260901"：是数字，不是日期；如果是 2026年9月1日，请写成 2026-09-01`},
		{"a number like no date", "13.5", `"13.5"：是数字，不是日期（Excel 把它当作 1900-01-13 显示）；请写成 2026-09-01、2026/9/1 或 2026年9月1日`},
		{"zero", "0", `"0"：是数字，不是日期；请写成 2026-09-01`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, problems := readLog(t, "| 日期 | 教师 | 类型 | 节数 |\n| "+c.cell+" | 王芳 | 上课 | 1 |")
			errs := problems.Errors()
			if len(errs) != 1 || errs[0].Code != CodeNumberNotDate || errs[0].Ref.Cell() != "A2" {
				t.Fatalf("problems = %v, want one %s at A2", problems, CodeNumberNotDate)
			}
			if got := errs[0].Error(); !strings.Contains(got, c.want) {
				t.Errorf("problem = %s\nwant it to contain %s", got, c.want)
			}
		})
	}
	// A serial of this century is a date, in a cell formatted as one or not.
	checkLogReads(t, "| 日期 | 教师 | 类型 | 节数 |\n| 46266 | 王芳 | 上课 | 1 |", "王芳 1/0/0", layoutLog)
}

// TestNumberNotDateInEveryReader: the roster, the expenses and the records
// read dates the same way; the roster, which knows no month, hints with an
// example year.
func TestNumberNotDateInEveryReader(t *testing.T) {
	_, _, problems := ReadRoster(context.Background(), build(t, "学生名单.xlsx", "| 学号 | 姓名 | 班级 | 开始日期 |\n| 1 | 甲 | 一(1) | 9.1 |"), "")
	if len(problems) != 1 || problems[0].Code != CodeNumberNotDate || problems[0].Ref.Cell() != "D2" ||
		!strings.Contains(problems[0].Msg, "如果是 9月1日，请写成带年份的日期，如 2026-09-01") {
		t.Errorf("roster: %v", problems)
	}
	_, _, problems = ReadExpenses(context.Background(), build(t, "支出明细.xlsx", "| 日期 | 类别 | 金额 |\n| 10.8 | 其他 | 1 |"), "")
	if len(problems) != 1 || problems[0].Code != CodeNumberNotDate || problems[0].Ref.Cell() != "A2" {
		t.Errorf("expenses: %v", problems)
	}
	_, _, problems = ReadRecords(context.Background(), build(t, "考核记录.xlsx", "| 日期 | 教师 | 事项 |\n| 9.3 | 王芳 | 早退 |"), "", september)
	if len(problems) != 1 || problems[0].Code != CodeNumberNotDate ||
		!strings.Contains(problems[0].Msg, "如果是 9月3日，请写成 2026-09-03 或 2026年9月3日；如果是 9月30日") {
		t.Errorf("records: %v", problems)
	}
}

// TestNoteCut: a 说明 longer than a cell holds, which only a program
// writes (excelize itself cuts it), is read whole with a warning at its
// cell; the output keeps its beginning, marked (render.fitCell).
func TestNoteCut(t *testing.T) {
	for _, c := range []struct {
		n    int
		warn bool
	}{{32767, false}, {32768, true}} {
		long := strings.Repeat("说", c.n)
		path := filepath.Join(t.TempDir(), "考核记录.xlsx")
		err := sheettest.WriteParts(path, map[string]string{
			"xl/sharedStrings.xml": `<sst ` + sheettest.NSMain + `><si><t>日期</t></si><si><t>教师</t></si><si><t>事项</t></si><si><t>说明</t></si>` +
				`<si><t>王芳</t></si><si><t>早退</t></si><si><t>` + long + `</t></si></sst>`,
			"xl/worksheets/sheet1.xml": `<worksheet ` + sheettest.NSMain + `><sheetData>` +
				`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>` +
				`<row r="2"><c r="A2" t="str"><v>2026-09-02</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v>5</v></c><c r="D2" t="s"><v>6</v></c></row>` +
				`</sheetData></worksheet>`,
		}, false)
		if err != nil {
			t.Fatal(err)
		}
		recs, _, problems := ReadRecords(context.Background(), path, "", september)
		if len(recs) != 1 || recs[0].Note != long {
			t.Fatalf("%d characters: %d records read, %v", c.n, len(recs), problems)
		}
		warned := len(problems) == 1 && problems[0].Warning && problems[0].Code == CodeNoteCut && problems[0].Ref.Cell() == "D2"
		if warned != c.warn || (!c.warn && len(problems) > 0) {
			t.Errorf("a note of %d characters: problems %v, want a %s warning at D2: %v", c.n, problems, CodeNoteCut, c.warn)
		}
	}
}

// TestTooLong: a name, 工号, 学号 or 班级 of more than 40 characters is an
// error at its cell in every reader, and a name of a megabyte is quoted in
// a few dozen characters (issue 21).
func TestTooLong(t *testing.T) {
	long := "王" + strings.Repeat("芳", 649)
	check := func(what string, problems calc.Problems, cell string) {
		t.Helper()
		errs := problems.Errors()
		if len(errs) != 1 || errs[0].Code != CodeTooLong || errs[0].Ref.Cell() != cell {
			t.Errorf("%s: problems = %v, want one %s at %s", what, problems, CodeTooLong, cell)
			return
		}
		if s := errs[0].Error(); !strings.Contains(s, `"王芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳芳…"（共 650 字）：太长了`) {
			t.Errorf("%s: %s", what, s)
		}
	}
	_, _, problems := readLog(t, "| 日期 | 工号 | 教师 | 类型 | 节数 |\n| @2026-09-01 | T1 | "+long+" | 上课 | 1 |")
	check("log name", problems, "C2")
	_, _, problems = readLog(t, "| 日期 | 工号 | 教师 | 类型 | 节数 |\n| @2026-09-01 | "+long+" | 王芳 | 上课 | 1 |")
	check("log 工号", problems, "B2")
	_, _, problems = readLog(t, "| 教师 | 上课节数 | 安全管理次数 | 行政值班次数 |\n| "+long+" | 3 |  |  |")
	check("summary name", problems, "A2")
	_, _, problems = readLog(t, "| 教师 | 1 | 2 |\n| "+long+" | 2 | 1 |")
	check("grid name", problems, "A2")
	_, _, problems = ReadRecords(context.Background(), build(t, "考核记录.xlsx", "| 日期 | 工号 | 教师 | 事项 |\n| @2026-09-02 | "+long+" | 王芳 | 早退 |"), "", september)
	check("records 工号", problems, "B2")
	_, _, problems = ReadRoster(context.Background(), build(t, "学生名单.xlsx", "| 学号 | 姓名 | 班级 |\n| 1 | 甲 | "+long+" |"), "")
	check("roster 班级", problems, "C2")
	_, _, problems = ReadRoster(context.Background(), build(t, "学生名单.xlsx", "| 学号 | 姓名 | 班级 |\n| "+long+" | 甲 | 一(1) |"), "")
	check("roster 学号", problems, "A2")

	// A megabyte, quoted in a few dozen characters.
	mb := strings.Repeat("名", 1<<20)
	_, _, problems = readLog(t, "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | "+mb+" | 上课 | 1 |")
	if errs := problems.Errors(); len(errs) != 1 || len([]rune(errs[0].Error())) > 120 {
		t.Errorf("a name of a megabyte: %d errors, the first %d characters long", len(errs), len([]rune(problems.Error())))
	}
	// Forty characters are a name.
	checkLogReads(t, "| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | "+strings.Repeat("名", 40)+" | 上课 | 1 |", strings.Repeat("名", 40)+" 1/0/0", layoutLog)
}
