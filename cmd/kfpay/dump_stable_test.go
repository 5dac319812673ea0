package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"kfpay/sheet/inspect"
	"kfpay/sheet/sheettest"
)

// stableRules is a one-month term, so that one month's payout settles it.
const stableRules = `school = "示例小学"
[term]
name = "九月"
start = 2026-09-01
end = 2026-09-30
fee = "600.00"
holidays = [2026-09-25]
workdays = [2026-09-20]
`

const stableRoster = `| 学号 | 姓名 | 班级 | 退出日期 | 已缴 |
| '2026010101 | 王小明 | 一(1)班 | | |
| '2026010102 | 李四 | 一(1)班 | @2026-09-18 | 600 |
`

const stableExpenses = `| 日期 | 类别 | 金额 | 说明 |
| @2026-09-10 | 设备耗材 | 120 | 跳绳 |
`

// timeOfDay and timestamp are what a clock time looks like in a dump.
var (
	timeOfDay = regexp.MustCompile(`\b\d{1,2}:\d{2}\b`)
	timestamp = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}`)
)

// TestDumpsAreStable runs every command that writes a workbook on inputs
// given by absolute paths in a temporary folder, and checks that the dump of
// each output, which git shows through textconv (README), holds no path of
// the machine and no time: the same inputs elsewhere or tomorrow give the
// same text. It also checks that 计算说明 records the kfpay version and each
// input's sha256 and row counts.
func TestDumpsAreStable(t *testing.T) {
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	for _, name := range []string{demoSessions, demoRecords} {
		data, err := demoFiles.ReadFile("demo/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path(name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path("rules.toml"), []byte(stableRules), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, desc := range map[string]string{"学生名单.xlsx": stableRoster, "支出明细.xlsx": stableExpenses} {
		if err := sheettest.Build(path(name), []byte(desc)); err != nil {
			t.Fatal(err)
		}
	}
	kfpay := func(args ...string) {
		t.Helper()
		var out, errs bytes.Buffer
		if code := run(context.Background(), args, nil, &out, &errs); code != exitOK {
			t.Fatalf("kfpay %s: exit %d\n%s", strings.Join(args, " "), code, errs.String())
		}
	}
	month := []string{"--month", "2026-09", "--sessions", path(demoSessions), "--records", path(demoRecords), "--rules", path("rules.toml")}
	kfpay(append([]string{"payroll", "-o", path("发放表.xlsx")}, month...)...)
	kfpay(append([]string{"payroll", "-o", path("更正.xlsx"), "--against", path("发放表.xlsx")}, month...)...)
	kfpay("settle", "--rules", path("rules.toml"), "--roster", path("学生名单.xlsx"), "--payouts", path("发放表.xlsx"),
		"--expenses", path("支出明细.xlsx"), "-o", path("结算.xlsx"))

	today := time.Now()
	for _, name := range []string{"发放表.xlsx", "更正.xlsx", "结算.xlsx", "结算-内部.xlsx"} {
		var b bytes.Buffer
		if err := inspect.Dump(&b, path(name)); err != nil {
			t.Fatal(err)
		}
		dump := b.String()
		for _, bad := range []string{dir, filepath.Dir(dir), os.TempDir() + string(filepath.Separator)} {
			if strings.Contains(dump, bad) {
				t.Errorf("dump of %s holds the path %s", name, bad)
			}
		}
		if m := timeOfDay.FindString(dump); m != "" {
			t.Errorf("dump of %s holds a time of day %q", name, m)
		}
		if m := timestamp.FindString(dump); m != "" {
			t.Errorf("dump of %s holds a timestamp %q", name, m)
		}
		// The term is September 2026: a date of any other day is the clock's.
		if today.Year() != 2026 || today.Month() != time.September {
			for _, d := range []string{today.Format("2006-01-02"), today.Format("2006年1月2日")} {
				if strings.Contains(dump, d) {
					t.Errorf("dump of %s holds today's date %s", name, d)
				}
			}
		}
	}

	// Every payout records what made it (SPEC 5, 计算说明).
	for name, inputs := range map[string][]string{
		"发放表.xlsx": {"课时登记", "考核记录"},
		"更正.xlsx":  {"课时登记", "考核记录", "已签发放表"},
	} {
		var b bytes.Buffer
		if err := inspect.Dump(&b, path(name), "计算说明"); err != nil {
			t.Fatal(err)
		}
		notes := b.String()
		for _, want := range []*regexp.Regexp{
			regexp.MustCompile(`(?m)^kfpay 版本\t` + regexp.QuoteMeta(version) + `$`),
			regexp.MustCompile(`(?m)^规则文件 sha256\t[0-9a-f]{64}$`),
			regexp.MustCompile(`(?m)^输入文件（规则文件）\trules\.toml；sha256 [0-9a-f]{64}$`),
		} {
			if !want.MatchString(notes) {
				t.Errorf("计算说明 of %s has no line matching %s:\n%s", name, want, notes)
			}
		}
		for _, role := range inputs {
			re := regexp.MustCompile(`(?m)^输入文件（` + role + `）\t[^\t/\\]+\.xlsx；工作表 [^；]+；(.+；)?读取 \d+ 行，使用 \d+ 行，跳过空行 \d+ 行(，合计行、签字行等非数据行 \d+ 行)?；sha256 [0-9a-f]{64}$`)
			if !re.MatchString(notes) {
				t.Errorf("计算说明 of %s does not record the %s with its rows and sha256:\n%s", name, role, notes)
			}
		}
	}
}
