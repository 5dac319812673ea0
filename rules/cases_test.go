package rules

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testCheck accepts the columns a test file uses.
func testCheck(c *Case, who, column, value string) string {
	switch column {
	case "绩效服务费", "扣除金额", "实发合计", "合计退费", "上课节数":
		return ""
	}
	return "不是可核对的列"
}

// issueCases is the issue's own example, written as a school would: bare
// Chinese keys and a bare month, which TOML itself does not allow.
const issueCases = `# 本校用例
[[case]]
name = "早退三次：第 3 次起扣 100%"
month = 2026-09
sessions = ["2026-09-01 T01 王芳 上课 2", "2026-09-02 T01 王芳 上课 2"]
records  = ["2026-09-02 T01 王芳 早退", "2026-09-03 T01 王芳 早退", "2026-09-04 T01 王芳 早退"]
expect.王芳 = { 绩效服务费 = "20.00", 扣除金额 = "20.00", 实发合计 = "80.00" }

[[case]]
name = "比例必须带百分号"
records = ["2026-09-02 T01 王芳 家长投诉 30"]
expect_error = "比例须带百分号"

[[case]]
name = "结算"
term.end = 2026-09-30
term.holidays = [2026-09-25]
term.workdays = []
sessions = [
  "2026-09-01 T01 王芳 上课 2",
]
pupils = ["S001 张小明 一(1)班", "S002 李小红 一(1)班 - 2026-09-15"]
expenses = ["2026-09-10 设备耗材 120.00 购买 体育 器材"]
expect.S001 = { 合计退费 = "1.00" }
expect."S002".合计退费 = "2.00"
expect_warning = ["not-service-day", "不是课后服务日"]
`

func TestParseCases(t *testing.T) {
	cs, err := ParseCases("cases.toml", []byte(issueCases), Default(), testCheck)
	if err != nil {
		t.Fatalf("ParseCases: %v", err)
	}
	if len(cs.Cases) != 3 || cs.File != "cases.toml" || len(cs.SHA256) != 64 {
		t.Fatalf("got %d cases of %s", len(cs.Cases), cs.File)
	}
	c := cs.Cases[0]
	if c.Name != "早退三次：第 3 次起扣 100%" || c.Line != 2 || c.Month != (Month{2026, 9}) || c.IsSettlement() {
		t.Errorf("case 1 = %q line %d month %s", c.Name, c.Line, c.Month)
	}
	want := []TextLine{
		{Line: 5, Text: "2026-09-01 T01 王芳 上课 2", Fields: []string{"2026-09-01", "T01", "王芳", "上课", "2"}},
		{Line: 5, Text: "2026-09-02 T01 王芳 上课 2", Fields: []string{"2026-09-02", "T01", "王芳", "上课", "2"}},
	}
	if diff := cmp.Diff(want, c.Sessions); diff != "" {
		t.Errorf("sessions (-want +got):\n%s", diff)
	}
	if len(c.Records) != 3 || c.Records[2].Line != 6 {
		t.Errorf("records = %+v", c.Records)
	}
	// In the order the line writes them.
	wantExpect := []Expect{
		{"王芳", "绩效服务费", "20.00", 7}, {"王芳", "扣除金额", "20.00", 7}, {"王芳", "实发合计", "80.00", 7},
	}
	if diff := cmp.Diff(wantExpect, c.Expect); diff != "" {
		t.Errorf("expect (-want +got):\n%s", diff)
	}

	c = cs.Cases[1]
	// No month: the month of its dates.
	if c.Month != (Month{2026, 9}) || len(c.Errors) != 1 || c.Errors[0] != (Match{"比例须带百分号", 12}) {
		t.Errorf("case 2 = month %s, errors %+v", c.Month, c.Errors)
	}

	c = cs.Cases[2]
	if !c.IsSettlement() || !c.Month.First().IsZero() && c.Month != (Month{}) {
		t.Errorf("case 3 is a settlement without a month, got month %s", c.Month)
	}
	if c.Term == nil || c.Term.End != (Date{2026, 9, 30}) || c.Term.Start != (Date{2026, 9, 1}) || len(c.Term.Holidays) != 1 {
		t.Errorf("case 3 term = %+v, want September with one holiday", c.Term)
	}
	if c.Sessions[0].Line != 20 || c.Pupils[1].Fields[4] != "2026-09-15" || c.Pupils[1].Line != 22 {
		t.Errorf("sessions %+v pupils %+v", c.Sessions, c.Pupils)
	}
	if got := c.Expenses[0].Fields; len(got) != 4 || got[3] != "购买 体育 器材" {
		t.Errorf("expense fields = %q, want the note whole", got)
	}
	wantExpect = []Expect{{"S001", "合计退费", "1.00", 24}, {"S002", "合计退费", "2.00", 25}}
	if diff := cmp.Diff(wantExpect, c.Expect); diff != "" {
		t.Errorf("expect (-want +got):\n%s", diff)
	}
	if len(c.Warnings) != 2 || c.Warnings[1].Text != "不是课后服务日" {
		t.Errorf("warnings = %+v", c.Warnings)
	}
}

func TestParseCasesErrors(t *testing.T) {
	const head = "[[case]]\nname = \"甲\"\n"
	tests := []struct {
		name string
		src  string
		line int
		key  string
		msg  string
	}{
		{"not TOML", "[[case]\nname = 1\n", 1, "", "TOML"},
		{"no case", "# 空\n", 0, "case", "没有用例"},
		{"unknown top key", "rules = \"r.toml\"\n" + head + "month = 2026-09\nexpect_error = \"x\"\n", 1, "rules", "[[case]]"},
		{"unknown case key", head + "month = 2026-09\nsession = [\"x\"]\nexpect_error = \"x\"\n", 4, "case[0].session", "只认"},
		{"name missing", "[[case]]\nmonth = 2026-09\nexpect_error = \"x\"\n", 1, "case[0]", "缺少 name"},
		{"two names alike", head + "month = 2026-09\nexpect_error = \"x\"\n" + head + "month = 2026-09\nexpect_error = \"x\"\n", 6, "case[1].name", "与第 1 行的用例同名"},
		{"too few fields", head + "month = 2026-09\nsessions = [\"2026-09-01 王芳 上课 2\"]\nexpect_error = \"x\"\n", 4, "case[0].sessions[0]", "有 4 项，应为 5 项"},
		{"too many fields", head + "month = 2026-09\nrecords = [\n  \"2026-09-01 T01 王芳 奖励 50 区级\",\n]\nexpect_error = \"x\"\n", 5, "case[0].records[0]", "应为 4 至 5 项"},
		{"a line not quoted", head + "month = 2026-09\nsessions = [3]\nexpect_error = \"x\"\n", 4, "case[0].sessions[0]", "加引号"},
		{"no month, no dates", head + "sessions = [\"9月1日 T01 王芳 上课 2\"]\nexpect_error = \"x\"\n", 1, "case[0]", "缺少 month"},
		{"dates of two months", head + "sessions = [\"2026-09-01 T01 王芳 上课 2\", \"2026-10-01 T01 王芳 上课 2\"]\nexpect_error = \"x\"\n", 1, "case[0]", "日期分属 2026年9月（第 3 行）和 2026年10月（第 3 行）"},
		{"month malformed", head + "month = \"九月\"\nexpect_error = \"x\"\n", 3, "case[0].month", "不是月份"},
		{"month of a settlement", head + "month = 2026-09\npupils = [\"S1 甲 一班\"]\nexpect_error = \"x\"\n", 3, "case[0].month", "不写 month"},
		{"expenses without pupils", head + "month = 2026-09\nexpenses = [\"2026-09-01 其他 1.00\"]\nexpect_error = \"x\"\n", 4, "case[0].expenses", "学期结算"},
		{"no expectation", head + "month = 2026-09\n", 1, "case[0]", "没有写期望"},
		{"expect and expect_error", head + "month = 2026-09\nexpect.王芳 = { 实发合计 = \"1\" }\nexpect_error = \"x\"\n", 5, "case[0].expect_error", "不能同写"},
		{"expected float", head + "month = 2026-09\nexpect.王芳 = { 实发合计 = 80.5 }\n", 4, "case[0].expect.王芳.实发合计", `"80.5"`},
		{"expected column unknown", head + "month = 2026-09\nexpect.王芳.实发 = \"1\"\n", 4, "case[0].expect.王芳.实发", "不是可核对的列"},
		{"expect not a table", head + "month = 2026-09\nexpect.王芳 = \"80.00\"\n", 4, "case[0].expect.王芳", "花括号"},
		{"expect_error empty", head + "month = 2026-09\nexpect_error = \"\"\n", 4, "case[0].expect_error", "错误代码"},
		{"term bad", head + "month = 2026-09\nterm.end = 2026-08-01\nexpect_error = \"x\"\n", 4, "case[0].term.end", "早于"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCases("cases.toml", []byte(tt.src), Default(), testCheck)
			ps := problems(t, err)
			if len(ps) != 1 {
				t.Fatalf("found %d problems, want 1:\n%v", len(ps), err)
			}
			p := ps[0]
			if p.Line != tt.line || p.Key != tt.key || !strings.Contains(p.Msg, tt.msg) {
				t.Errorf("problem at line %d key %q: %s\nwant line %d key %q saying %q", p.Line, p.Key, p.Msg, tt.line, tt.key, tt.msg)
			}
			if testing.Verbose() {
				t.Log(p)
			}
		})
	}
}

func TestLenientKeepsLines(t *testing.T) {
	in := "a.王芳 = { 实发合计 = \"1\", b = 'x' } # 王\nmonth = 2026-9\n[t.甲]\n\"乙\" = \"\"\"\n丙 = 1\n\"\"\"\nx = [2026-09-01,\n 1]\n"
	want := "a.\"王芳\" = { \"实发合计\" = \"1\", b = 'x' } # 王\nmonth = \"2026-9\"\n[t.\"甲\"]\n\"乙\" = \"\"\"\n丙 = 1\n\"\"\"\nx = [2026-09-01,\n 1]\n"
	if got := string(lenient([]byte(in))); got != want {
		t.Errorf("lenient:\n%s\nwant\n%s", got, want)
	}
}

// TestDefaultCasesFile checks the starter cases that kfpay init writes: it
// reads as a cases file, and each case has a comment above it that cites
// the clause it tests or shows its arithmetic. (That the figures hold under
// the default rules is kfpay verify's to say: testdata/script/verify.txtar.)
func TestDefaultCasesFile(t *testing.T) {
	any := func(*Case, string, string, string) string { return "" }
	cs, err := ParseCases("cases.toml", DefaultCasesFile(), Default(), any)
	if err != nil {
		t.Fatalf("the starter cases do not read: %v", err)
	}
	if len(cs.Cases) < 15 {
		t.Errorf("%d starter cases, want one or more for each rule of 篇三", len(cs.Cases))
	}
	lines := strings.Split(string(DefaultCasesFile()), "\n")
	settlements := 0
	for _, c := range cs.Cases {
		above := lines[c.Line-2]
		if !strings.HasPrefix(above, "# ") || !(strings.Contains(above, "=") || strings.Contains(above, "篇")) {
			t.Errorf("case %q (line %d) has no comment with its clause or arithmetic above it: %q", c.Name, c.Line, above)
		}
		if c.IsSettlement() {
			settlements++
		}
	}
	if settlements == 0 {
		t.Error("the starter cases have no term settlement")
	}
	for _, clause := range []string{"篇三 (一) 1", "篇三 (一) 2 (1)", "篇三 (一) 2 (2)", "篇三 (二) 1", "篇三 (二) 2", "篇三 (二) 3", "篇三 (二) 4", "篇三 (二) 5", "篇三 (二) 6", "篇三 奖励"} {
		if !strings.Contains(string(DefaultCasesFile()), "# "+clause) {
			t.Errorf("no starter case cites %s", clause)
		}
	}
}
