package sheet

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"kfpay/calc"
	"kfpay/rules"
)

// readAny reads the file at path with the reader of role, for September
// 2026 under the default rules, and returns its problems.
func readAny(t *testing.T, role, path string) calc.Problems {
	t.Helper()
	r := rules.Default()
	switch role {
	case "log":
		tl := calc.NewTally(r, september)
		_, problems := ReadSessions(context.Background(), path, "", r, tl)
		return problems
	case "records":
		recs, _, problems := ReadRecords(context.Background(), path, "", september)
		// A 比例 or 金额 that does not read travels with its record to
		// calc, which reports it: here it is the reader's finding.
		for _, rec := range recs {
			for _, p := range []*calc.Problem{rec.PercentErr, rec.AmountErr} {
				if p != nil {
					problems = append(problems, *p)
				}
			}
		}
		sort.SliceStable(problems, func(i, j int) bool {
			a, b := problems[i].Ref, problems[j].Ref
			return a.Row < b.Row || a.Row == b.Row && a.Col < b.Col
		})
		return problems
	case "roster":
		_, _, problems := ReadRoster(context.Background(), path, "")
		return problems
	case "expenses":
		_, _, problems := ReadExpenses(context.Background(), path, "")
		return problems
	}
	t.Fatalf("no reader %q", role)
	return nil
}

// problemKeys lists problems by code, row, column, header and message,
// without the file and sheet, which a workbook and a CSV file name
// differently.
func problemKeys(ps calc.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s row %d col %d %s %q warning=%v：%s", p.Code, p.Ref.Row, p.Ref.Col, p.Column, p.Value, p.Warning, p.Msg))
	}
	return out
}

// TestCSVProblemsAtTheSameCells reads the same bad input kept as a
// workbook and as a CSV file (as Excel exports the workbook in the Chinese
// locale, in GBK) with each schema: the problems must be the same, at the
// same rows and columns, and the CSV's cited as 第 N 行 X 列.
func TestCSVProblemsAtTheSameCells(t *testing.T) {
	for _, c := range []struct {
		name, role string
		desc, csv  string
		cell       string // the first problem's cell as the CSV file names it
	}{
		{"log", "log", `# sheet 9月
# title 2026年9月课后服务登记表
| 日期        | 工号 | 教师 | 类型 | 节数 |
| @2026-09-01 | T01  | 王芳 | 上课 | 两节 |

| @2026-08-31 | T01  | 王芳 | 上课 | 1    |
| @2026-09-02 | T02  |      | 辅导 | -1   |
| @2026-09-03 |      | 李强 | 上课 | 1    |`, `2026年9月课后服务登记表,,,,
日期,工号,教师,类型,节数
2026/9/1,T01,王芳,上课,两节
,,,,
2026/8/31,T01,王芳,上课,1
2026/9/2,T02,,辅导,-1
2026/9/3,,李强,上课,1
`, "第 3 行 E 列"},
		{"grid", "log", `# sheet 9月
| 教师 | 类型     | 1   | 2 | 32 | 合计 |
| 王芳 | 上课     | 2   | x | 1  | 4    |
| 李强 | 安全管理 | 1   | 1 |    | 3    |
| 合计 |          | 3   | 1 |    | 7    |`, `教师,类型,1,2,32,合计
王芳,上课,2,x,1,4
李强,安全管理,1,1,,3
合计,,3,1,,7
`, "第 1 行 E 列"},
		{"summary", "log", `| 教师 | 上课节数 | 安全管理次数 | 行政值班次数 |
| 王芳 | 10       | 两次         |              |
| 王芳 | 2        |              |              |
| 合计 | 11       |              |              |`, `教师,上课节数,安全管理次数,行政值班次数
王芳,10,两次,
王芳,2,,
合计,11,,
`, "第 2 行 C 列"},
		{"records", "records", `# sheet 考核
| 日期        | 教师 | 事项     | 比例 | 金额 | 说明 |
| @2026-09-02 | 王芳 | 家长投诉 | 30   |      |      |
| @2026-10-02 | 王芳 | 早退     |      |      |      |
| @2026-09-03 | 李强 | 奖励     |      | 五十 |      |
| @2026-09-04 | 陈静 | 家长投诉 | 很多 |      |      |`, `日期,教师,事项,比例,金额,说明
2026/9/2,王芳,家长投诉,30,,
2026/10/2,王芳,早退,,,
2026/9/3,李强,奖励,,五十,
2026/9/4,陈静,家长投诉,很多,,
`, "第 2 行 D 列"},
		{"roster", "roster", `# sheet 名单
| 学号     | 姓名   | 班级    | 开始日期 | 减免 | 已缴 |
| 20260101 | 王小明 | 一(1)班 | 9月1日   |      |      |
| 20260102 |        | 一(1)班 |          | 五成 |      |
| 20260103 | 李四   |         |          |      | -5   |`, `学号,姓名,班级,开始日期,减免,已缴
20260101,王小明,一(1)班,9月1日,,
20260102,,一(1)班,,五成,
20260103,李四,,,,-5
`, "第 2 行 D 列"},
		{"expenses", "expenses", `# sheet 支出
| 日期        | 类别     | 金额   | 说明 |
| @2026-09-10 | 设备耗材 | 一百   | 跳绳 |
|             | 管理运行 | 20.00  |      |
| @2026-09-12 | 其他     | 1,5    |      |`, `日期,类别,金额,说明
2026/9/10,设备耗材,一百,跳绳
,管理运行,20.00,
2026/9/12,其他,"1,5",
`, "第 2 行 C 列"},
	} {
		t.Run(c.name, func(t *testing.T) {
			want := problemKeys(readAny(t, c.role, build(t, "输入.xlsx", c.desc)))
			if len(want) < 2 {
				t.Fatalf("the workbook has %d problems; the case is to compare several", len(want))
			}
			text, err := simplifiedchinese.GBK.NewEncoder().String(strings.ReplaceAll(c.csv, "\n", "\r\n"))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "输入.csv")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			problems := readAny(t, c.role, path)
			got := problemKeys(problems)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems of the CSV file:\n%s\nwant those of the workbook:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if s := problems[0].Error(); !strings.HasPrefix(s, "输入.csv "+c.cell+" ") {
				t.Errorf("first problem %q does not cite 输入.csv %s", s, c.cell)
			}
		})
	}
}

// BenchmarkReadSessionsCSV reads a 100,000-row session log kept as CSV, in
// UTF-8 and in GBK, into a tally: BenchmarkReadSessions for CSV.
func BenchmarkReadSessionsCSV(b *testing.B) {
	const n = 100_000
	var sb strings.Builder
	sb.WriteString("日期,工号,教师,类型,节数,班级,备注\r\n")
	for i := range n {
		fmt.Fprintf(&sb, "2026/10/%d,T%04d,教师%d,上课,2,三(%d)班,\r\n", 8+i%20, i%5000, i%5000, i%6+1)
	}
	for _, enc := range []string{"UTF-8", "GBK"} {
		b.Run(enc, func(b *testing.B) {
			data := []byte(sb.String())
			if enc == "GBK" {
				var err error
				if data, err = simplifiedchinese.GBK.NewEncoder().Bytes(data); err != nil {
					b.Fatal(err)
				}
			}
			path := filepath.Join(b.TempDir(), "课时登记.csv")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				b.Fatal(err)
			}
			r, m := rules.Default(), rules.Month{Year: 2026, Month: 10}
			b.ReportAllocs()
			for b.Loop() {
				tl := calc.NewTally(r, m)
				if _, problems := ReadSessions(context.Background(), path, "", r, tl); len(problems.Errors()) > 0 {
					b.Fatal(problems[:1])
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// TestPlainDate checks that the quick reading of the dates CSV files hold
// agrees with the long one, and leaves every other form to it.
func TestPlainDate(t *testing.T) {
	for _, s := range []string{"2026/9/1", "2026-09-01", "2026/09/1", "2026-9-30", "2026/13/1", "2026/2/30", "2026/0/1",
		"2026-9/1", "2026/9/", "2026//1", "20260901", "2026/9/1 0:00", " 2026/9/1", "２０２６/9/1", "2026年9月1日", "9/1"} {
		d, ok, plain := plainDate(s)
		wd, wok := regexpDate(s)
		if plain && (d != wd || ok != wok) {
			t.Errorf("plainDate(%q) = %v, %v; regexpDate = %v, %v", s, d, ok, wd, wok)
		}
		if td, tok := textDate(s); td != wd || tok != wok {
			t.Errorf("textDate(%q) = %v, %v; regexpDate = %v, %v", s, td, tok, wd, wok)
		}
	}
	if _, ok, plain := plainDate("2026/9/1"); !ok || !plain {
		t.Error("plainDate does not read 2026/9/1")
	}
}

// TestTextForms checks the text forms a CSV export holds for numbers and
// dates: thousands separators where thousands are and nowhere else, the yuan
// sign of Excel's currency format, full-width digits, and a time of day
// after a date, which is not read.
func TestTextForms(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string // "" for not a number
	}{
		{"1,234.50", "1234.5"}, {"12,345,678", "12345678"}, {"-1,234", "-1234"}, {"¥50.00", "50"}, {"￥1,200.00", "1200"},
		{"-¥5", "-5"}, {"２", "2"}, {" 30 ", "30"}, {"1,5", ""}, {"1,23", ""}, {"12,34.5", ""}, {",123", ""}, {"1,234,", ""},
		{"1e3", ""}, {"¥", ""}, {"50元", ""}, {"¥¥5", ""},
	} {
		d, ok := textNumber(c.in)
		if got := map[bool]string{true: d.String()}[ok]; got != c.want {
			t.Errorf("textNumber(%q) = %q, %v; want %q", c.in, d.String(), ok, c.want)
		}
	}
	for _, s := range []string{"2026/9/1 0:00", "2026/9/1 14:30", "2026-09-01 00:00:00", "2026年9月1日 8:00"} {
		if d, ok := textDate(s); !ok || d != (rules.Date{Year: 2026, Month: 9, Day: 1}) {
			t.Errorf("textDate(%q) = %v, %v; want 2026-09-01", s, d, ok)
		}
	}
	for _, s := range []string{"2026/9/1 25", "2026/9/1 0:0", "0:00"} {
		if d, ok := textDate(s); ok {
			t.Errorf("textDate(%q) = %v, want not a date", s, d)
		}
	}
}

// TestFileCodes checks the codes of the files that are not inputs kfpay
// reads (xlsx's kinds of what a file is, or how it fails to be an .xlsx
// when it is nothing more), and of CSV files it cannot read, with the cell
// a CSV problem is at, on the bad corpus's generated files and on text: a
// tool or test tells them apart by code.
func TestFileCodes(t *testing.T) {
	files := "../testdata/bad/files"
	write := func(name, data string) string {
		p := filepath.Join(t.TempDir(), name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct {
		path string
		code calc.Code
		cell string // the problem's cell, "" for the whole file
	}{
		{filepath.Join(files, "legacy.xls"), "legacy-xls", ""},
		{filepath.Join(files, "wps.xls"), "wps-et", ""},
		{filepath.Join(files, "encrypted.xlsx"), "encrypted", ""},
		{filepath.Join(files, "ods.xlsx"), "ods", ""},
		{filepath.Join(files, "book.xlsb"), "xlsb", ""},
		{filepath.Join(files, "课时登记.numbers"), "numbers", ""},
		{filepath.Join(files, "word.xlsx"), "document", ""},
		{filepath.Join(files, "photo.jpg"), "image", ""},
		{filepath.Join(files, "no-workbook.xlsx"), "not-workbook", ""},
		{write("a.xls", "<html><table><tr><td>日期</td></tr></table></html>"), "html", ""},
		{write("a.pdf", "%PDF-1.4\n"), "pdf", ""},
		{write("a.txt", "课后服务登记\n"), "plain-text", ""},
		// The quote opened in B2 is never closed.
		{write("a.csv", "日期,教师\n2026/9/1,\"王芳\n"), "csv-quote", "第 2 行 B 列"},
		// 0xFF is no byte of UTF-8 or GBK.
		{write("a.csv", "日期,教师\n2026/9/1,王\xff\n"), "csv-encoding", "第 2 行 B 列"},
	} {
		problems := readAny(t, "log", c.path)
		if len(problems) == 0 || problems[0].Code != c.code || problems[0].Ref.Cell() != c.cell ||
			problems[0].Ref.File != filepath.Base(c.path) || problems[0].Msg == "" {
			t.Errorf("%s: problems %v, want the first of code %q at %q", filepath.Base(c.path), problems, c.code, c.cell)
		}
	}
}

// TestReadCSVCanceled checks that a CSV file's read is called off like a
// workbook's once its context is done, and says so (CodeCanceled), never
// passing a half-read file for a whole one: with 10,000 rows, the table
// stops at its first look after the header rows it buffered; with a
// million blank lines after the header, the rows stop of themselves at
// line 4,096, before the one row below them.
func TestReadCSVCanceled(t *testing.T) {
	var rows strings.Builder
	rows.WriteString("日期,教师,类型,节数\r\n")
	for i := range 10_000 {
		fmt.Fprintf(&rows, "2026/9/%d,教师%d,上课,2\r\n", 1+i%30, i%50)
	}
	blank := "日期,教师,类型,节数\r\n" + strings.Repeat("\r\n", 1_000_000) + "2026/9/1,王芳,上课,2\r\n"
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := rules.Default()
	for name, text := range map[string]string{"rows": rows.String(), "blank lines": blank} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "课时登记.csv")
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, problems := ReadSessions(ctx, path, "", r, calc.NewTally(r, september))
			if len(problems) != 1 || problems[0].Code != CodeCanceled || problems[0].Ref.File != "课时登记.csv" {
				t.Errorf("problems %v, want one of code %s", problems, CodeCanceled)
			}
		})
	}
}
