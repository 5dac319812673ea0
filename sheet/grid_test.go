package sheet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/xlsx"
	"kfpay/sheet/sheettest"
)

func TestParseDayHeader(t *testing.T) {
	for _, c := range []struct {
		name      string
		cell      xlsx.Cell
		dateStyle bool
		want      string // the date read, y-m-d with 0 for what the header leaves out; "bad" for a day that does not exist; "" for no day header
	}{
		{"number", xlsx.Cell{Type: xlsx.CellNumber, Value: "1"}, false, "0-0-1"},
		{"number 31", xlsx.Cell{Type: xlsx.CellNumber, Value: "31"}, false, "0-0-31"},
		{"number 0", xlsx.Cell{Type: xlsx.CellNumber, Value: "0"}, false, "bad"},
		{"number 32", xlsx.Cell{Type: xlsx.CellNumber, Value: "32"}, false, "bad"},
		{"fraction", xlsx.Cell{Type: xlsx.CellNumber, Value: "1.5"}, false, "bad"},
		{"date cell", xlsx.Cell{Type: xlsx.CellNumber, Value: "46266"}, true, "2026-9-1"},
		{"serial without a date format", xlsx.Cell{Type: xlsx.CellNumber, Value: "46266"}, false, "bad"},
		{"ISO date cell", xlsx.Cell{Type: xlsx.CellDate, Value: "2026-09-01T00:00:00Z"}, false, "2026-9-1"},
		{"text day", xlsx.Cell{Type: xlsx.CellString, Value: "1"}, false, "0-0-1"},
		{"N日", xlsx.Cell{Type: xlsx.CellString, Value: "12日"}, false, "0-0-12"},
		{"full-width N日", xlsx.Cell{Type: xlsx.CellString, Value: "１２日"}, false, "0-0-12"},
		{"M月N日", xlsx.Cell{Type: xlsx.CellString, Value: "9月1日"}, false, "0-9-1"},
		{"M月N", xlsx.Cell{Type: xlsx.CellString, Value: "10月1"}, false, "0-10-1"},
		{"M/N", xlsx.Cell{Type: xlsx.CellString, Value: "9/30"}, false, "0-9-30"},
		{"text date", xlsx.Cell{Type: xlsx.CellString, Value: "2026-09-01"}, false, "2026-9-1"},
		{"Chinese text date", xlsx.Cell{Type: xlsx.CellString, Value: "2026年9月2日"}, false, "2026-9-2"},
		{"weekday in brackets", xlsx.Cell{Type: xlsx.CellString, Value: "1(二)"}, false, "0-0-1"},
		{"weekday on a second line", xlsx.Cell{Type: xlsx.CellString, Value: "1\n二"}, false, "0-0-1"},
		{"weekday after M月N日", xlsx.Cell{Type: xlsx.CellString, Value: "9月6日 星期日"}, false, "0-9-6"},
		{"N日 with Sunday", xlsx.Cell{Type: xlsx.CellString, Value: "6日（日）"}, false, "0-0-6"},
		{"spaces", xlsx.Cell{Type: xlsx.CellString, Value: " 3 日 "}, false, "0-0-3"},
		{"month 13", xlsx.Cell{Type: xlsx.CellString, Value: "13月1日"}, false, "bad"},
		{"day 32", xlsx.Cell{Type: xlsx.CellString, Value: "32日"}, false, "bad"},
		{"impossible text date", xlsx.Cell{Type: xlsx.CellString, Value: "2026-09-31"}, false, "bad"},
		{"day 0", xlsx.Cell{Type: xlsx.CellString, Value: "0日"}, false, "bad"},
		{"name header", xlsx.Cell{Type: xlsx.CellString, Value: "教师"}, false, ""},
		{"total header", xlsx.Cell{Type: xlsx.CellString, Value: "合计"}, false, ""},
		{"weekday alone", xlsx.Cell{Type: xlsx.CellString, Value: "二"}, false, ""},
		{"words", xlsx.Cell{Type: xlsx.CellString, Value: "出勤天数"}, false, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			h, ok := parseDayHeader(c.cell, false, c.dateStyle)
			got := ""
			switch {
			case ok && validDay(h.date):
				got = fmt.Sprintf("%d-%d-%d", h.date.Year, h.date.Month, h.date.Day)
			case ok:
				got = "bad"
			}
			if got != c.want {
				t.Errorf("parseDayHeader(%q) = %q, want %q", c.cell.Value, got, c.want)
			}
		})
	}
}

func TestReadGridAsTyped(t *testing.T) {
	for _, c := range []struct {
		name string
		desc string
		want string
	}{
		{"numbers as day headers, no 类型: all lessons", `| 教师 | 1 | 2 | 3 |
| 王芳 | 2 | 1 |   |
| 李强 |   |   | 4 |`, "李强 4/0/0; 王芳 3/0/0"},
		{"title, 工号, 类型 and every kind of day header", `# title 2026年9月课后服务考勤表
| 工号 | 姓名 | 类型 | 1日 | 9月2日 | @2026-09-03 | 2026-09-04 | 9/7 | 8(二) |
| T1 | 王芳 | 上课 | 1 | 1 | 1 | 1 | 1 | 1 |
| T1 | 王芳 | 安全管理 | 1 |  |  |  |  | 1 |
| T2 | 张伟 | 行政值班 |  | 1 |  |  |  |  |`, "T1王芳 6/2/0; T2张伟 0/0/1"},
		{"merged name and 工号 across a person's kind rows", `| 工号 | 教师 | 类型 | 1 | 2 |
| T1 | 王芳 | 上课 | 2 | 2 |
|    |      | 安全管理 | 1 | 1 |
| T2 | 李强 | 上课 | 3 |  |
|    |      | 安全管理 |  | 2 |
|    |      | 行政值班 | 1 |  |
# merge A2:A3
# merge B2:B3
# merge A4:A6
# merge B4:B6`, "T1王芳 4/2/0; T2李强 3/2/1"},
		{"合计 column and 合计 row that agree, signature below", `| 序号 | 教师 | 1 | 2 | 合计 |
| 1 | 王芳 | 2 | 1 | =SUM(C2:D2)=>3 |
| 2 | 李强 |   | 4 | 4 |
| 合计 |  | 2 | =SUM(D2:D3)=>5 | 7 |
| 制表人：教务处 |  |  |  | 审核： |`, "李强 4/0/0; 王芳 3/0/0"},
		{"合计 row labelled in a merged cell left of the names", `| 序号 | 教师 | 1 | 合计 |
| 1 | 王芳 | 2 | 2 |
| 合计 |  | 2 | 2 |
# merge A3:B3`, "王芳 2/0/0"},
		{"header on two rows: names merged down, days under a 日期 band", `# title 2026年9月考勤表
| 工号 | 教师 | 类型 | 日期 |  |  | 合计 |
|  |  |  | 1 | 2 | 3 |  |
| T1 | 王芳 | 上课 | 2 | 1 |  | 3 |
# merge A2:A3
# merge B2:B3
# merge C2:C3
# merge D2:F2
# merge G2:G3`, "T1王芳 3/0/0"},
		{"weekday row under the days", `| 教师 | 1 | 2 | 5 |
| 星期 | 二 | 三 | 六 |
| 王芳 | 2 | 1 |   |`, "王芳 3/0/0"},
		{"empty, blank and zero cells, numbers as text, a cached formula", `| 教师 | 1 | 2 | 3 | 4 | 合计 |
| 王芳 | 0 | " " | '２ | =1+1=>2 | 4 |
| 李强 |   |   |   | 1 | 1 |`, "李强 1/0/0; 王芳 4/0/0"},
		{"template rows left blank, a person with nothing this month", `| 教师 | 类型 | 1 | 2 | 合计 |
| 王芳 | 上课 | 2 |  | =SUM(C2:D2)=>2 |
| 李强 |  |  |  | =SUM(C3:D3)=>0 |
|  |  |  |  | =SUM(C4:D4)=>0 |
|  |  |  |  | =SUM(C5:D5)=>0 |
| 合计 |  | =SUM(C2:C5)=>2 | =SUM(D2:D5)=>0 | =SUM(E2:E5)=>2 |`, "王芳 2/0/0"},
		{"header below a title, day columns to the 30th of September", `# title 考勤表
| 教师 | 1 | 29 | 30 |
| 王芳 | 1 | 1 | 1 |`, "王芳 3/0/0"},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkLogReads(t, c.desc, c.want, "按日考勤表")
		})
	}
}

func TestReadGridRowCounts(t *testing.T) {
	_, info, _ := readLog(t, `# title 考勤表
| 教师 | 类型 | 1 | 2 |
| 王芳 | 上课 | 2 |  |
| 王芳 | 安全管理 |  | 1 |

| 李强 |  |  |  |
| 合计 |  | 2 | 1 |`)
	// Rows 3 to 7 below the header; row 5 is empty; 李强's row holds no count.
	if info.Rows != 5 || info.Used != 2 || info.Empty != 1 {
		t.Errorf("rows read/used/empty = %d/%d/%d, want 5/2/1", info.Rows, info.Used, info.Empty)
	}
}

// TestReadGridSources checks that the tally's warnings, and so explain, cite
// the grid's own cells.
func TestReadGridSources(t *testing.T) {
	// 2026-09-05 is a Saturday; 5 lessons in a day is above max_per_day.
	_, _, problems := readLog(t, `| 教师 | 4 | 5 |
| 王芳 | 5 | 1 |`)
	want := map[string]calc.Code{
		"B2": "over-daily-max",
		"C2": "not-service-day",
	}
	warnings := problems.Warnings()
	if len(warnings) != len(want) {
		t.Fatalf("warnings %v, want %d", warnings, len(want))
	}
	for _, w := range warnings {
		if code, ok := want[w.Ref.Cell()]; !ok || w.Code != code {
			t.Errorf("warning %v (%s), want one of %v", w, w.Code, want)
		}
	}
}

func TestReadGridProblems(t *testing.T) {
	for _, c := range []struct {
		name, desc string
		cell, col  string
		code       calc.Code
		value      string // the value the problem quotes
	}{
		// The days sum to 2 + 1 = 3, not the 4 of 合计.
		{"合计 column disagrees with the days", "| 教师 | 1 | 2 | 合计 |\n| 王芳 | 2 | 1 | 4 |", "D2", "合计", "total-mismatch", "4"},
		{"day 31 in September", "| 教师 | 30 | 31 |\n| 王芳 | 1 |  |", "C1", "", "day-outside-month", "31"},
		{"a day column of October", "| 教师 | 9月30日 | 10月1日 |\n| 王芳 | 1 | 1 |", "C1", "", "day-outside-month", "10月1日"},
		{"a date cell of another year", "| 教师 | @2025-09-01 |\n| 王芳 | 1 |", "B1", "", "day-outside-month", "2025-09-01"},
		{"a day that does not exist", "| 教师 | 1 | 32 |\n| 王芳 | 1 | 1 |", "C1", "", "bad-day", "32"},
		{"the same day twice", "| 教师 | 1 | 2 | 1日 |\n| 王芳 | 1 |  |  |", "D1", "", "day-twice", "1日"},
		{"text in a day cell", "| 教师 | 1 | 2 |\n| 王芳 | 1 | √ |", "C2", "9月2日", "not-count", "√"},
		{"negative count", "| 教师 | 1 |\n| 王芳 | -1 |", "B2", "9月1日", "negative-count", "-1"},
		{"formula without a cached value", "| 教师 | 1 |\n| 王芳 | =1+1 |", "B2", "9月1日", "no-cached-value", ""},
		{"duplicated person row", "| 教师 | 1 | 2 |\n| 王芳 | 1 |  |\n| 李强 | 1 |  |\n| 王 芳 |  | 2 |", "A4", "教师", "duplicate-row", "王芳"},
		{"duplicated person and kind under a merged name", "| 教师 | 类型 | 1 |\n| 王芳 | 上课 | 1 |\n|  | 上课 | 2 |\n# merge A2:A3", "A3", "教师", "duplicate-row", "王芳"},
		{"duplicated 工号 row", "| 工号 | 教师 | 1 |\n| T1 | 王芳 | 1 |\n| T1 | 王芳 | 2 |", "B3", "教师", "duplicate-row", "王芳"},
		{"name missing, not merged", "| 教师 | 类型 | 1 |\n| 王芳 | 上课 | 1 |\n|  | 安全管理 | 2 |", "A3", "教师", "missing", ""},
		{"unknown kind", "| 教师 | 类型 | 1 |\n| 王芳 | 辅导 | 1 |", "B2", "类型", "unknown-kind", "辅导"},
		{"kind missing", "| 教师 | 类型 | 1 |\n| 王芳 |  | 1 |", "B2", "类型", "missing", ""},
		// Day 2 above the 合计 row: 2 + nothing = 2, not 3.
		{"合计 row disagrees", "| 教师 | 1 | 2 |\n| 王芳 | 1 | 2 |\n| 李强 | 3 |  |\n| 合计 | 4 | 3 |", "C4", "9月2日", "total-mismatch", "3"},
		// 1 + 3 = 4 above, not 5.
		{"合计 row disagrees in the 合计 column", "| 教师 | 1 | 合计 |\n| 王芳 | 1 | 1 |\n| 李强 | 3 | 3 |\n| 总 计 | 4 | 5 |", "C4", "合计", "total-mismatch", "5"},
		{"counts under the 合计 row", "| 教师 | 1 |\n| 王芳 | 1 |\n| 合计 | 1 |\n| 李强 | 2 |", "B4", "9月1日", "below-total", "2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, problems := readLog(t, c.desc)
			if p := checkOneProblem(t, problems, c.cell, c.col, c.code); p.Value != c.value {
				t.Errorf("problem quotes %q, want %q", p.Value, c.value)
			}
		})
	}
}

// TestReadGridDay31InNovember is the issue's own case: a grid of a 30-day
// month with a 31 column is an error at the header cell, however the day
// is written.
func TestReadGridDay31InNovember(t *testing.T) {
	for _, header := range []string{"31", "'31", "31日", "11月31日"} {
		r := rules.Default()
		tl := calc.NewTally(r, rules.Month{Year: 2026, Month: 11})
		_, problems := ReadSessions(context.Background(), build(t, "课时登记.xlsx", "# sheet 11月\n| 教师 | 30 | "+header+" |\n| 王芳 | 1 | 1 |"), "", r, tl)
		errs := problems.Errors()
		if len(errs) != 1 || errs[0].Ref.String() != "课时登记.xlsx 11月!C1" || errs[0].Code != "day-outside-month" {
			t.Errorf("header %s: errors %v, want one at C1 saying November has 30 days", header, errs)
		}
	}
}

func TestWriteGridTemplate(t *testing.T) {
	r := rules.Default()
	path := filepath.Join(t.TempDir(), "考勤表.xlsx")
	if err := WriteGridTemplate(path, r, september, false); err != nil {
		t.Fatal(err)
	}

	// kfpay reads its own blank template as a grid with nothing in it.
	tl := calc.NewTally(r, september)
	info, problems := ReadSessions(context.Background(), path, "", r, tl)
	if len(problems) > 0 || info.Layout != "按日考勤表" || info.Sheet != "9月" || tl.Entries() != 0 {
		t.Errorf("read back: layout %q, sheet %q, %d entries, problems %v; want an empty 按日考勤表 of sheet 9月",
			info.Layout, info.Sheet, tl.Entries(), problems)
	}

	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	header, err := f.GetRows("9月")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"工号", "教师", "类型"}
	for d := 1; d <= 30; d++ {
		want = append(want, strconv.Itoa(d))
	}
	want = append(want, "合计")
	if got := header[1]; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("header %q, want %q", got, want)
	}
	if got := header[0][0]; got != "示例小学 2026年9月课后服务考勤表" {
		t.Errorf("title %q", got)
	}

	// Shaded: weekends and holidays; not a make-up workday (2026-09-20, a
	// Sunday) nor a school day.
	for _, c := range []struct {
		day    int
		shaded bool
	}{{1, false}, {5, true}, {6, true}, {20, false}, {25, true}, {30, false}} {
		for _, row := range []int{2, 3, 43} {
			cell, _ := excelize.CoordinatesToCellName(3+c.day, row)
			id, err := f.GetCellStyle("9月", cell)
			if err != nil {
				t.Fatal(err)
			}
			s, err := f.GetStyle(id)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(s.Fill.Color) > 0 && s.Fill.Color[0] == "D9D9D9"; got != c.shaded {
				t.Errorf("%s (day %d) shaded = %v, want %v", cell, c.day, got, c.shaded)
			}
		}
	}

	// Each 合计 is a formula saved with its value, 0.
	sheetXML := zipPart(t, path, "xl/worksheets/sheet1.xml")
	for _, want := range []string{
		`<c r="AH3" s="[0-9]+"><f>SUM\(D3:AG3\)</f><v>0</v></c>`,
		`<c r="D43" s="[0-9]+"><f>SUM\(D3:D42\)</f><v>0</v></c>`,
		`<c r="AH43" s="[0-9]+"><f>SUM\(AH3:AH42\)</f><v>0</v></c>`,
	} {
		if !regexp.MustCompile(want).MatchString(sheetXML) {
			t.Errorf("sheet XML lacks %s", want)
		}
	}

	panes, err := f.GetPanes("9月")
	if err != nil || !panes.Freeze || panes.XSplit != 3 || panes.YSplit != 2 {
		t.Errorf("panes %+v, %v; want frozen after column C and row 2", panes, err)
	}
	dvs, err := f.GetDataValidations("9月")
	if err != nil || len(dvs) != 2 || dvs[0].Sqref != "C3:C42" || dvs[0].Formula1 != `"上课,安全管理,行政值班"` {
		t.Errorf("data validations %+v, %v; want the kinds drop-down on C3:C42 and a check of counts", dvs, err)
	}

	// The same month gives the same bytes; an existing file needs force.
	again := filepath.Join(t.TempDir(), "考勤表.xlsx")
	if err := WriteGridTemplate(again, r, september, false); err != nil {
		t.Fatal(err)
	}
	if a, b := readBytes(t, path), readBytes(t, again); !bytes.Equal(a, b) {
		t.Error("two writes of the same template differ")
	}
	var exists *ExistsError
	if err := WriteGridTemplate(path, r, september, false); !errors.As(err, &exists) {
		t.Errorf("second write without force = %v, want an ExistsError", err)
	}
	if err := WriteGridTemplate(path, r, september, true); err != nil {
		t.Errorf("second write with force = %v", err)
	}
}

// TestWriteGridTemplateFebruary checks that the days follow the month.
func TestWriteGridTemplateFebruary(t *testing.T) {
	r := rules.Default()
	feb := rules.Month{Year: 2027, Month: 2}
	path := filepath.Join(t.TempDir(), "考勤表.xlsx")
	if err := WriteGridTemplate(path, r, feb, false); err != nil {
		t.Fatal(err)
	}
	tl := calc.NewTally(r, feb)
	if _, problems := ReadSessions(context.Background(), path, "", r, tl); len(problems) > 0 {
		t.Errorf("read back: %v", problems)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got, _ := f.GetCellValue("2月", "AE2"); got != "28" {
		t.Errorf("last day header AE2 = %q, want 28", got)
	}
	if got, _ := f.GetCellValue("2月", "AF2"); got != "合计" {
		t.Errorf("AF2 = %q, want 合计", got)
	}
}

func zipPart(t *testing.T, path, name string) string {
	t.Helper()
	s, err := sheettest.Part(path, name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func readBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzReadSessions reads workbooks built from fuzzed descriptions in each
// layout: none may make ReadSessions panic, and every problem has a kind,
// none of them kfpay's own bug.
func FuzzReadSessions(f *testing.F) {
	for _, seed := range []string{
		"| 教师 | 类型 | 1 | 2日 | 9月3日 | 合计 |\n|  |  | 二 | 三 | 四 |  |\n| 王芳 | 上课 | 1 | '２ |  | 3 |\n|  | 安全管理 | √ | -1 | 0 | =SUM(C4:E4)=>1 |\n| 合计 |  | 1 | 2 |  | 4 |\n| 李强 |  | 1 |\n# merge A3:A4",
		"# title 表\n| 工号 | 教师 | 类型 | 日期 |  | 合计 |\n|  |  |  | 31 | @2026-10-01 |  |\n| T1 | 王芳 | 上课 | 2 | 1 | 3 |\n# merge A2:A3\n# merge D2:E2",
		"| 教师 | 上课节数 | 安全管理 | 行政值班次数 |\n| 王芳 | 2 |  | =1=>1 |\n| 合计 | 2 | x |  |\n| 王芳 | 1 |",
		"| 日期 | 教师 | 类型 | 节数 |\n| @2026-09-01 | 王芳 | 上课 | 2 |",
		"| 姓名 | 32 | 0 | 1.5 | 2026-09-31 |\n| 王芳 | 1 |",
	} {
		f.Add(seed)
	}
	r := rules.Default()
	f.Fuzz(func(t *testing.T, desc string) {
		path := filepath.Join(t.TempDir(), "课时登记.xlsx")
		if err := sheettest.Build(path, []byte(desc)); err != nil {
			t.Skip()
		}
		_, problems := ReadSessions(context.Background(), path, "", r, calc.NewTally(r, september))
		for _, p := range problems {
			if p.Code == "" || p.Code == calc.CodeInternal {
				t.Fatalf("ReadSessions on\n%s\nreported %v (%q)", desc, p, p.Code)
			}
		}
	})
}
