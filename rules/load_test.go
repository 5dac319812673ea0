package rules

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/shopspring/decimal"
)

// spec7 is the rules file as SPEC 7 prints it, comments and all, with the
// amendment of issue 16: the file kfpay writes claims no approval that has
// not happened (approved is empty until the school fills it in) and says the
// placeholder fee is not confirmed.
const spec7 = `school = "示例小学"
approved = ""               # e.g. "2026年8月28日教代会讨论通过"; printed in 计算说明

[rates]
lesson = "20.00"            # 上课补助 元/节
safety = "10.00"            # 安全管理 元/课间

[admin]
percent = "8%"              # 行政值班: 一般性服务支出的 8%
rate = "7.00"               # 折算课时 元/节
mode = "pool"               # pool | capped

[performance]
basis = "per_session"       # per_session | fixed | percent_of_general | whole_pay
amount = "5.00"             # 学校自定
confirmed = false           # true once the staff congress confirms the amount

[sessions]
lesson = ["上课"]            # labels accepted in 类型 for each kind
safety = ["安全管理"]
admin = ["行政值班"]
count_step = "1"
max_per_day = 4

[[event]]
label = "无故空堂"
scope = "month"
per_event = "100%"

[[event]]
label = "早退"
scope = "month"
per_event = "10%"
all_from = 3                # from the 3rd event in the month: 100%

[[event]]
label = "交接违规"
scope = "month"
per_event = "10%"
all_from = 3

[[event]]
label = "家长投诉"
scope = "month"
percent_min = "10%"         # the record gives the percent
percent_max = "100%"

[[event]]
label = "重大安全事故"
scope = "term"
percent_min = "50%"
percent_max = "100%"

[[event]]
label = "请假"               # approved leave with a substitute
scope = "month"
per_event = "0%"

[[event]]
label = "奖励"
reward = true               # the record gives the amount

[term]
name = "2026年秋季学期"
start = 2026-09-01
end = 2027-01-22
fee = "600.00"
holidays = [2026-09-25, 2026-10-01, 2026-10-02, 2026-10-05, 2026-10-06, 2026-10-07, 2027-01-01]
workdays = [2026-09-20, 2026-10-10]
`

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// equalDecimals compares amounts by value: 20 and 20.00 are the same money.
var equalDecimals = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

// ignoreOrigin leaves out where the rules came from, and which version of
// the file they are, when comparing values; the versions have tests of
// their own (version_test.go).
var ignoreOrigin = cmp.Options{cmpopts.IgnoreFields(Rules{}, "Source", "SHA256", "Version"), cmpopts.IgnoreUnexported(Rules{})}

// spec7Rules is SPEC 7's file as values, written out by hand.
func spec7Rules() *Rules {
	d := func(m time.Month, day int) Date { return Date{2026, m, day} }
	return &Rules{
		School:      "示例小学",
		Approved:    "",
		Rates:       Rates{Lesson: dec("20.00"), Safety: dec("10.00")},
		Admin:       Admin{Percent: dec("0.08"), Rate: dec("7.00"), Mode: AdminPool},
		Performance: Performance{Basis: PerSession, Amount: dec("5.00")},
		Sessions: Sessions{
			Lesson: []string{"上课"}, Safety: []string{"安全管理"}, Admin: []string{"行政值班"},
			CountStep: dec("1"), MaxPerDay: 4,
		},
		Events: []Event{
			{Label: "无故空堂", Scope: ScopeMonth, PerEvent: dec("1")},
			{Label: "早退", Scope: ScopeMonth, PerEvent: dec("0.10"), AllFrom: 3},
			{Label: "交接违规", Scope: ScopeMonth, PerEvent: dec("0.10"), AllFrom: 3},
			{Label: "家长投诉", Scope: ScopeMonth, Ranged: true, PercentMin: dec("0.10"), PercentMax: dec("1")},
			{Label: "重大安全事故", Scope: ScopeTerm, Ranged: true, PercentMin: dec("0.50"), PercentMax: dec("1")},
			{Label: "请假", Scope: ScopeMonth, PerEvent: dec("0")},
			{Label: "奖励", Scope: ScopeMonth, Reward: true},
		},
		Term: Term{
			Name:  "2026年秋季学期",
			Start: d(9, 1),
			End:   Date{2027, 1, 22},
			Fee:   dec("600.00"),
			Holidays: []Date{d(9, 25), d(10, 1), d(10, 2), d(10, 5), d(10, 6), d(10, 7),
				{2027, 1, 1}},
			Workdays: []Date{d(9, 20), d(10, 10)},
		},
	}
}

func TestDefaultIsSpec7(t *testing.T) {
	got := Default()
	if diff := cmp.Diff(spec7Rules(), got, equalDecimals, ignoreOrigin); diff != "" {
		t.Errorf("Default() differs from SPEC 7 (-want +got):\n%s", diff)
	}
	if got.Source != "内置默认" {
		t.Errorf("Default().Source = %q, want 内置默认", got.Source)
	}
	sum := sha256.Sum256(DefaultFile())
	if want := hex.EncodeToString(sum[:]); got.SHA256 != want {
		t.Errorf("Default().SHA256 = %s, want the sha256 of DefaultFile(), %s", got.SHA256, want)
	}
	if !got.Performance.IsPlaceholder() {
		t.Error("Default().Performance.IsPlaceholder() = false, want true")
	}
}

// TestSpec7ParsesToDefault checks the commented default file against the
// file as SPEC 7 prints it: same values, key for key.
func TestSpec7ParsesToDefault(t *testing.T) {
	// Parse over an empty base, so that a key missing from either file shows.
	fromSpec, err := parse(&Rules{}, "spec.toml", []byte(spec7))
	if err != nil {
		t.Fatalf("parse(SPEC 7): %v", err)
	}
	fromFile, err := parse(&Rules{}, "rules.toml", DefaultFile())
	if err != nil {
		t.Fatalf("parse(DefaultFile()): %v", err)
	}
	if diff := cmp.Diff(fromSpec, fromFile, equalDecimals, ignoreOrigin); diff != "" {
		t.Errorf("rules.toml differs from SPEC 7 (-spec +rules.toml):\n%s", diff)
	}
}

// TestDefaultFileComments checks that every line of the default file says,
// in Chinese, where it comes from, and that what the school must set itself
// is marked so.
func TestDefaultFileComments(t *testing.T) {
	lines := strings.Split(string(DefaultFile()), "\n")
	for i, line := range lines {
		if strings.TrimSpace(line) == "" {
			continue
		}
		_, comment, ok := strings.Cut(line, "#")
		if !ok || !hasHan(comment) {
			t.Errorf("rules.toml line %d has no Chinese comment: %q", i+1, line)
		}
	}
	want := map[string]string{ // the start of a line → what its comment must hold
		"approved =":     "未填写时计算说明注明“未经教代会审批”",
		"confirmed =":    "教代会确认上面的金额后改为 true",
		`lesson = "20`:   "篇三 (一) 1",
		`safety = "10`:   "篇三 (一) 2 (1)",
		"percent =":      "篇三 (一) 2 (2)",
		"rate =":         "篇三 (一) 2 (2)",
		"amount =":       "学校自定，须经教代会确认",
		"fee =":          "篇四 每生每期600元",
		"start =":        "学校自填",
		"holidays =":     "学校自填",
		"workdays =":     "学校自填",
		`label = "早退"`:   "篇三 (二) 3",
		`label = "家长投诉"`: "篇三 (二) 5",
	}
	for prefix, clause := range want {
		found := false
		for _, line := range lines {
			if strings.HasPrefix(line, prefix) {
				found = true
				if !strings.Contains(line, clause) {
					t.Errorf("rules.toml line %q: comment lacks %q", line, clause)
				}
			}
		}
		if !found {
			t.Errorf("rules.toml has no line starting %q", prefix)
		}
	}
	if strings.Contains(string(DefaultFile()), "\r") {
		t.Error("rules.toml has CR line ends; kfpay init must write LF")
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

func TestDefaultReturnsACopy(t *testing.T) {
	a := Default()
	a.Events[0].Label = "改过"
	a.Term.Holidays[0] = Date{}
	a.Sessions.Lesson[0] = "改过"
	DefaultFile()[0] = 'X'
	b := Default()
	if b.Events[0].Label != "无故空堂" || b.Term.Holidays[0].IsZero() || b.Sessions.Lesson[0] != "上课" {
		t.Error("changing one Default() changed the next")
	}
	if DefaultFile()[0] != '#' {
		t.Error("changing DefaultFile()'s bytes changed the embedded file")
	}
}

func TestParseKeepsDefaults(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want func(r *Rules) // applies the file's changes to the defaults
	}{
		{"empty file", "", func(r *Rules) {}},
		{"only comments", "# 本校沿用默认\n", func(r *Rules) {}},
		{"one rate", "[rates]\nlesson = \"25.00\"\n", func(r *Rules) {
			r.Rates.Lesson = dec("25")
		}},
		{"dotted key", "rates.safety = \"12.50\"\n", func(r *Rules) {
			r.Rates.Safety = dec("12.5")
		}},
		{"inline table", "admin = { percent = \"10%\", mode = \"capped\" }\n", func(r *Rules) {
			r.Admin.Percent = dec("0.1")
			r.Admin.Mode = AdminCapped
		}},
		{"percent with a fraction", "[admin]\npercent = \"7.5%\"\n", func(r *Rules) {
			r.Admin.Percent = dec("0.075")
		}},
		{"full-width percent sign", "[admin]\npercent = \"8％\"\n", func(r *Rules) {}},
		{"one [[event]] replaces the list", "[[event]]\nlabel = \"迟到\"\nper_event = \"5%\"\n", func(r *Rules) {
			r.Events = []Event{{Label: "迟到", Scope: ScopeMonth, PerEvent: dec("0.05")}}
		}},
		{"events as an inline array", "event = [{ label = \"奖励\", reward = true }]\n", func(r *Rules) {
			r.Events = []Event{{Label: "奖励", Scope: ScopeMonth, Reward: true}}
		}},
		{"reward = false with per_event", "[[event]]\nlabel = \"迟到\"\nper_event = \"5%\"\nreward = false\n", func(r *Rules) {
			r.Events = []Event{{Label: "迟到", Scope: ScopeMonth, PerEvent: dec("0.05")}}
		}},
		{"basis fixed with its amount", "[performance]\nbasis = \"fixed\"\namount = \"100.00\"\n", func(r *Rules) {
			r.Performance = Performance{Basis: Fixed, Amount: dec("100")}
		}},
		{"basis percent_of_general with a percent", "[performance]\nbasis = \"percent_of_general\"\namount = \"10%\"\n", func(r *Rules) {
			r.Performance = Performance{Basis: PercentOfGeneral, Amount: dec("0.1")}
		}},
		{"basis whole_pay needs no amount", "[performance]\nbasis = \"whole_pay\"\n", func(r *Rules) {
			r.Performance = Performance{Basis: WholePay}
		}},
		{"basis whole_pay ignores the old amount", "[performance]\nbasis = \"whole_pay\"\namount = \"5.00\"\n", func(r *Rules) {
			r.Performance = Performance{Basis: WholePay}
		}},
		{"amount alone keeps the basis", "[performance]\namount = \"6.00\"\n", func(r *Rules) {
			r.Performance.Amount = dec("6")
		}},
		{"labels trimmed, more than one per kind", "[sessions]\nlesson = [\" 上课 \", \"辅导\"]\n", func(r *Rules) {
			r.Sessions.Lesson = []string{"上课", "辅导"}
		}},
		{"count_step as a quoted fraction", "[sessions]\ncount_step = \"0.5\"\n", func(r *Rules) {
			r.Sessions.CountStep = dec("0.5")
		}},
		{"count_step as a whole number", "[sessions]\ncount_step = 2\n", func(r *Rules) {
			r.Sessions.CountStep = dec("2")
		}},
		{"free service, fee 0 (篇二)", "[term]\nfee = \"0\"\n", func(r *Rules) {
			r.Term.Fee = dec("0")
		}},
		{"a new term with its calendar", "[term]\nname = \"2027年春季学期\"\nstart = 2027-02-22\nend = 2027-07-02\nholidays = [2027-04-05, 2027-05-03]\nworkdays = []\n", func(r *Rules) {
			r.Term = Term{Name: "2027年春季学期", Start: Date{2027, 2, 22}, End: Date{2027, 7, 2}, Fee: dec("600"),
				Holidays: []Date{{2027, 4, 5}, {2027, 5, 3}}, Workdays: []Date{}}
		}},
		{"end moved, default holidays still inside", "[term]\nend = 2027-01-29\n", func(r *Rules) {
			r.Term.End = Date{2027, 1, 29}
		}},
		{"byte order mark and CRLF", "\xef\xbb\xbf[rates]\r\nlesson = \"21.00\"\r\n", func(r *Rules) {
			r.Rates.Lesson = dec("21")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse("规则.toml", []byte(tt.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			want := Default()
			tt.want(want)
			if diff := cmp.Diff(want, got, equalDecimals, ignoreOrigin); diff != "" {
				t.Errorf("Parse(%q) (-want +got):\n%s", tt.src, diff)
			}
			if got.Source != "规则.toml" {
				t.Errorf("Source = %q, want 规则.toml", got.Source)
			}
			sum := sha256.Sum256([]byte(tt.src))
			if want := hex.EncodeToString(sum[:]); got.SHA256 != want {
				t.Errorf("SHA256 = %s, want %s", got.SHA256, want)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "本校规则.toml")
	if err := os.WriteFile(path, []byte("[rates]\nlesson = \"30.00\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if r.Source != "本校规则.toml" || !r.Rates.Lesson.Equal(dec("30")) {
		t.Errorf("Load = Source %q, lesson %s; want 本校规则.toml, 30", r.Source, r.Rates.Lesson)
	}

	bad := filepath.Join(dir, "sub", "坏.toml")
	os.Mkdir(filepath.Dir(bad), 0o755)
	os.WriteFile(bad, []byte("\n[rates]\nlesson = 20\n"), 0o644)
	_, err = Load(bad)
	var le LineError
	if !errors.As(err, &le) || le.File != "坏.toml" || le.Line != 3 {
		t.Errorf("Load(bad) = %v, want a LineError at 坏.toml line 3", err)
	}
	if !strings.HasPrefix(err.Error(), "坏.toml 第 3 行：[rates] lesson = 20 ") {
		t.Errorf("Load(bad).Error() = %q, want it to start with the file, line and key", err)
	}

	if _, err := Load(filepath.Join(dir, "没有.toml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Load(missing) = %v, want an error wrapping os.ErrNotExist", err)
	}
}

// TestLoadNotRules checks that a path that holds no rules file is refused
// with a sentence saying what it is, before anything large is read.
func TestLoadNotRules(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	huge := write("大.toml", nil)
	if err := os.Truncate(huge, 1<<30); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, path, want string
		kind             error
	}{
		{"missing", filepath.Join(dir, "没有.toml"), "找不到规则文件", os.ErrNotExist},
		{"folder", dir, "这是一个文件夹", errIsDir},
		{"too large", huge, "超过 1 MiB", errTooLarge},
		{"workbook", write("课时登记.xlsx", []byte("PK\x03\x04\x14\x00")), "这是 Excel 工作簿", errNotText},
		{"xls", write("规则.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")), "这是 Excel 工作簿", errNotText},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load(c.path)
			var fe *FileError
			if !errors.As(err, &fe) || !errors.Is(err, c.kind) || !strings.Contains(fe.Msg, c.want) || !hasHan(fe.Msg) {
				t.Errorf("Load = %v, want a *FileError of kind %v saying %q", err, c.kind, c.want)
			}
			if fe != nil && fe.File != filepath.Base(c.path) {
				t.Errorf("FileError.File = %q, want %q", fe.File, filepath.Base(c.path))
			}
		})
	}
}

// problems returns the LineErrors of err, failing the test if there are none.
func problems(t *testing.T, err error) []LineError {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want a *rules.Error", err)
	}
	for _, p := range e.Problems {
		if !hasHan(p.Msg) {
			t.Errorf("problem at line %d: Msg %q is not a Chinese sentence", p.Line, p.Msg)
		}
	}
	return e.Problems
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		line int    // the line the one problem must name
		key  string // its key path
		msg  string // a part of the message
	}{
		// TOML itself
		{"syntax: unclosed table header", "school = \"x\"\n[rates\nlesson = \"20.00\"\n", 2, "", "TOML"},
		{"syntax: bare word value", "[rates]\nlesson = 二十\n", 2, "", "TOML"},
		{"syntax: same key twice", "[rates]\nlesson = \"20.00\"\nlesson = \"21.00\"\n", 3, "", "TOML"},
		{"syntax: value missing at a line end", "school = \"x\"\n\napproved =\n", 3, "", "TOML"},
		{"syntax: unclosed string after a byte order mark", "\xef\xbb\xbf\nschool = \"示例\n", 2, "", "TOML"},
		{"syntax: not UTF-8 (a GBK file)", "school = \"\xca\xbe\xc0\xfd\"\n", 1, "", "UTF-8"},

		// unknown keys
		{"unknown top-level key", "school = \"x\"\nschol = \"y\"\n", 2, "schol", "未知"},
		{"unknown key in a table", "[rates]\nlesson = \"20.00\"\nlessen = \"21.00\"\n", 3, "rates.lessen", "lesson、safety"},
		{"unknown table", "\n[rate]\nlesson = \"20.00\"\n", 2, "rate", "未知"},
		{"unknown key in an [[event]]", "[[event]]\nlabel = \"早退\"\nper_event = \"10%\"\n\n[[event]]\nlabel = \"迟到\"\nper_evnt = \"5%\"\nper_event = \"5%\"\n", 7, "event[1].per_evnt", "未知"},
		{"unknown key as a dotted key", "rates.lesson = \"20.00\"\nrates.extra = \"1\"\n", 2, "rates.extra", "未知"},

		// amounts
		{"malformed amount", "[rates]\nlesson = \"20.0.0\"\n", 2, "rates.lesson", `不是金额，应写成 "20.00"`},
		{"amount with a unit", "[term]\nfee = \"600元\"\n", 2, "term.fee", "不是金额"},
		{"amount as a TOML integer", "[rates]\n\nlesson = 20\n", 3, "rates.lesson", `请加引号写成 "20.00"`},
		{"amount as a TOML float", "[rates]\nsafety = 10.5\n", 2, "rates.safety", `"10.5"`},
		{"negative amount", "[rates]\nsafety = \"-10.00\"\n", 2, "rates.safety", "负"},
		{"negative fee", "[term]\nname = \"x\"\nfee = \"-600\"\n", 3, "term.fee", "负"},
		{"admin rate zero", "[admin]\nrate = \"0\"\n", 2, "admin.rate", "不能为 0"},
		// Every amount of the file is to the fen (issue 21), as amounts in
		// the workbooks are: a rate of 6.665 paid 20.01 from a 20.00 pool.
		{"lesson rate below the fen", "[rates]\nlesson = \"20.005\"\n", 2, "rates.lesson", `精确到分`},
		{"safety rate below the fen", "[rates]\nsafety = \"9.999\"\n", 2, "rates.safety", `"9.99" 或 "10.00"`},
		{"admin rate below the fen", "[admin]\nmode = \"pool\"\nrate = \"6.665\"\n", 3, "admin.rate", `"6.66" 或 "6.67"`},
		{"per-session fee below the fen", "[performance]\namount = \"0.125\"\n", 2, "performance.amount", `精确到分`},
		{"fixed fee below the fen", "[performance]\nbasis = \"fixed\"\namount = \"120.005\"\n", 3, "performance.amount", `"120.00" 或 "120.01"`},
		{"term fee below the fen", "[term]\nfee = \"600.001\"\n", 2, "term.fee", `精确到分`},
		{"amount in an inline table", "rates = { lesson = \"20\", safety = \"十元\" }\n", 1, "rates.safety", "不是金额"},

		// percents
		{"percent as a TOML integer", "[admin]\npercent = 8\n", 2, "admin.percent", `"8%"`},
		{"percent as a TOML float", "[admin]\npercent = 0.08\n", 2, "admin.percent", "加引号"},
		{"percent without the sign", "[admin]\npercent = \"8\"\n", 2, "admin.percent", "%"},
		{"percent above 100%", "[[event]]\nlabel = \"早退\"\nper_event = \"120%\"\n", 3, "event[0].per_event", "0%–100%"},
		{"negative percent", "[admin]\npercent = \"-8%\"\n", 2, "admin.percent", "0%–100%"},
		{"malformed percent", "[admin]\npercent = \"百分之八\"\n", 2, "admin.percent", "不是比例"},

		// choices
		{"unknown admin mode", "[admin]\nmode = \"share\"\n", 2, "admin.mode", "pool"},
		{"unknown basis", "[performance]\nbasis = \"per_lesson\"\n", 2, "performance.basis", "per_session"},
		{"percent_of_general with a money amount", "[performance]\nbasis = \"percent_of_general\"\namount = \"5.00\"\n", 3, "performance.amount", "%"},
		{"fixed with a percent amount", "[performance]\nbasis = \"fixed\"\namount = \"10%\"\n", 3, "performance.amount", "不是金额"},
		{"basis changed, amount left out", "[performance]\nbasis = \"percent_of_general\"\n", 2, "performance.basis", "amount"},
		{"basis as a number", "[performance]\nbasis = 1\n", 2, "performance.basis", "加引号"},

		// events
		{"event label used twice", "[[event]]\nlabel = \"早退\"\nper_event = \"10%\"\n\n[[event]]\nlabel = \"早退\"\nper_event = \"20%\"\n", 6, "event[1].label", "重名"},
		{"event label twice after trimming", "[[event]]\nlabel = \"早退\"\nper_event = \"10%\"\n[[event]]\nlabel = \" 早退 \"\nreward = true\n", 5, "event[1].label", "重名"},
		{"event without a label", "[[event]]\nper_event = \"10%\"\n", 1, "event[0]", "label"},
		{"event with an empty label", "[[event]]\nlabel = \"  \"\nper_event = \"10%\"\n", 2, "event[0].label", "空"},
		{"event with no form", "[[event]]\nlabel = \"早退\"\nscope = \"month\"\n", 1, "event[0]", "三种写法"},
		{"event with two forms", "[[event]]\nlabel = \"早退\"\nper_event = \"10%\"\n\n[[event]]\nlabel = \"投诉\"\nper_event = \"10%\"\npercent_min = \"10%\"\npercent_max = \"20%\"\n", 5, "event[1]", "只选一种"},
		{"reward with a percent", "[[event]]\nlabel = \"奖励\"\nreward = true\nper_event = \"10%\"\n", 1, "event[0]", "只选一种"},
		{"reward as a string", "[[event]]\nlabel = \"奖励\"\nreward = \"true\"\n", 3, "event[0].reward", "true"},
		{"percent_min without percent_max", "[[event]]\nlabel = \"投诉\"\npercent_min = \"10%\"\n", 3, "event[0].percent_min", "percent_max"},
		{"percent_max without percent_min", "[[event]]\nlabel = \"投诉\"\npercent_max = \"10%\"\n", 3, "event[0].percent_max", "percent_min"},
		{"percent_min above percent_max", "[[event]]\nlabel = \"投诉\"\npercent_min = \"50%\"\npercent_max = \"10%\"\n", 4, "event[0].percent_max", "小于"},
		{"all_from 1", "[[event]]\nlabel = \"早退\"\nper_event = \"10%\"\nall_from = 1\n", 4, "event[0].all_from", "至少为 2"},
		{"all_from quoted", "[[event]]\nlabel = \"早退\"\nper_event = \"10%\"\nall_from = \"3\"\n", 4, "event[0].all_from", "不加引号"},
		{"all_from without per_event", "[[event]]\nlabel = \"投诉\"\npercent_min = \"10%\"\npercent_max = \"20%\"\nall_from = 3\n", 5, "event[0].all_from", "per_event"},
		{"unknown scope", "[[event]]\nlabel = \"早退\"\nscope = \"week\"\nper_event = \"10%\"\n", 3, "event[0].scope", "month"},
		{"reward settled per term", "[[event]]\nlabel = \"奖励\"\nscope = \"term\"\nreward = true\n", 3, "event[0].scope", "奖励按月"},
		{"event written as a single table", "[event]\nlabel = \"早退\"\n", 1, "event", "[[event]]"},
		{"event in an inline array", "event = [\n  { label = \"早退\", per_event = \"10%\" },\n  { label = \"早退\", reward = true },\n]\n", 3, "event[1].label", "重名"},

		// sessions
		{"label under two kinds", "[sessions]\nlesson = [\"上课\"]\nsafety = [\"安全管理\", \"上课\"]\n", 3, "sessions.safety[1]", "lesson 和 safety"},
		{"label under two kinds, one list kept by default", "[sessions]\nadmin = [\"值班\", \"安全管理\"]\n", 2, "sessions.admin[1]", "safety 和 admin"},
		{"label twice in one kind", "[sessions]\nlesson = [\"上课\", \"上课\"]\n", 2, "sessions.lesson[1]", "两次"},
		{"empty label list", "[sessions]\n\nsafety = []\n", 3, "sessions.safety", "空列表"},
		{"empty label", "[sessions]\nlesson = [\"上课\", \" \"]\n", 2, "sessions.lesson[1]", "空"},
		{"label list as a string", "[sessions]\nlesson = \"上课\"\n", 2, "sessions.lesson", "列表"},
		{"count_step zero", "[sessions]\ncount_step = \"0\"\n", 2, "sessions.count_step", "大于 0"},
		{"count_step as a TOML float", "[sessions]\ncount_step = 0.5\n", 2, "sessions.count_step", `"0.5"`},
		{"count_step malformed", "[sessions]\ncount_step = \"半\"\n", 2, "sessions.count_step", "不是数字"},
		{"max_per_day zero", "[sessions]\nmax_per_day = 0\n", 2, "sessions.max_per_day", "至少为 1"},
		{"max_per_day quoted", "[sessions]\nmax_per_day = \"4\"\n", 2, "sessions.max_per_day", "不加引号"},

		// term
		{"end before start", "[term]\nstart = 2026-09-01\nend = 2026-08-31\n", 3, "term.end", "早于"},
		{"start after the default end", "[term]\nstart = 2027-02-20\n", 2, "term.start", "请同时写出 end"},
		{"start a year before the default end", "[term]\nstart = 2025-09-01\n", 2, "term.start", "超过一年"},
		{"term longer than a year", "[term]\nend = 2028-01-22\n", 2, "term.end", "超过一年"},
		{"holiday outside the term", "[term]\nholidays = [\n  2026-10-01,\n  2027-02-01,\n]\n", 4, "term.holidays[1]", "不在学期"},
		{"default holidays outside a moved term", "[term]\nstart = 2027-02-22\nend = 2027-07-02\nworkdays = []\n", 1, "term.holidays", "请同时写出 holidays"},
		{"workday on a weekday", "[term]\nworkdays = [2026-09-21]\n", 2, "term.workdays[0]", "星期一"},
		{"workday outside the term", "[term]\nworkdays = [2026-08-30]\n", 2, "term.workdays[0]", "不在学期"},
		{"date quoted", "[term]\nstart = \"2026-09-01\"\n", 2, "term.start", "不加引号"},
		{"date with a time", "[term]\nstart = 2026-09-01T08:00:00\n", 2, "term.start", "不带时间"},
		{"date as text in a list", "[term]\nworkdays = [2026-09-20, \"10月10日\"]\n", 2, "term.workdays[1]", "不是日期"},
		{"holidays not a list", "[term]\nholidays = 2026-10-01\n", 2, "term.holidays", "列表"},

		// texts too long to be what they say: pasted by mistake (issue 21)
		{"school of 61 characters", "school = \"" + strings.Repeat("校", 61) + "\"\n", 1, "school", "（共 61 字）太长了（最多 60 个字）"},
		{"approval of 201 characters", "\napproved = \"" + strings.Repeat("过", 201) + "\"\n", 2, "approved", "最多 200 个字"},
		{"term name of 61 characters", "[term]\nname = \"" + strings.Repeat("期", 61) + "\"\n", 2, "term.name", "最多 60 个字"},
		{"event label of 21 characters", "[[event]]\nlabel = \"" + strings.Repeat("事", 21) + "\"\nper_event = \"10%\"\n", 2, "event[0].label", "有 21 个字，太长了（最多 20 个字）"},
		{"session label of 21 characters", "[sessions]\nlesson = [\"上课\", \"" + strings.Repeat("课", 21) + "\"]\n", 2, "sessions.lesson[1]", "最多 20 个字"},

		// shapes
		{"table written as a value", "rates = \"20.00\"\n", 1, "rates", "[rates]"},
		{"school as a number", "school = 1\n", 1, "school", "加引号"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("rules.toml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tt.src, r)
			}
			if r != nil {
				t.Errorf("Parse returned rules with its error")
			}
			ps := problems(t, err)
			if len(ps) != 1 {
				t.Fatalf("Parse(%q) found %d problems, want 1:\n%v", tt.src, len(ps), err)
			}
			p := ps[0]
			if p.File != "rules.toml" || p.Line != tt.line || p.Key != tt.key {
				t.Errorf("problem at %s line %d key %q, want rules.toml line %d key %q\n%v", p.File, p.Line, p.Key, tt.line, tt.key, p)
			}
			if testing.Verbose() {
				t.Log(p)
			}
			if !strings.Contains(p.Msg, tt.msg) {
				t.Errorf("Msg = %q, want it to contain %q", p.Msg, tt.msg)
			}
		})
	}
}

func TestParseReportsEveryProblem(t *testing.T) {
	src := `school = "某小学"
foo = 1

[rates]
lesson = "20.0.0"
safety = 10

[sessions]
lesson = ["上课", "安全管理"]
max_per_day = 0

[[event]]
label = "早退"
per_event = "10%"

[[event]]
label = "早退"
reward = true

[term]
fee = "-1"
holidays = [
  2026-08-31,
  2027-02-01,
]
`
	_, err := Parse("rules.toml", []byte(src))
	ps := problems(t, err)
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%d %s", p.Line, p.Key))
	}
	want := []string{
		"2 foo",
		"5 rates.lesson",
		"6 rates.safety",
		"9 sessions.lesson[1]",
		"10 sessions.max_per_day",
		"17 event[1].label",
		"21 term.fee",
		"23 term.holidays[0]",
		"24 term.holidays[1]",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s\n%v", diff, err)
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != len(want) {
		t.Errorf("Error() has %d lines, want one per problem (%d)", n, len(want))
	}
}

func TestErrorCap(t *testing.T) {
	var b strings.Builder
	for i := range 250 {
		fmt.Fprintf(&b, "k%d = 1\n", i)
	}
	_, err := Parse("rules.toml", []byte(b.String()))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want *Error", err)
	}
	if len(e.Problems) != 200 || e.Omitted != 50 {
		t.Errorf("got %d problems, %d omitted; want 200 and 50", len(e.Problems), e.Omitted)
	}
	if !strings.HasSuffix(e.Error(), "另有 50 处问题未列出") {
		t.Errorf("Error() does not say that 50 problems are left out")
	}
}

func TestLineErrorWithoutLine(t *testing.T) {
	e := LineError{File: "rules.toml", Msg: "读不懂"}
	if got := e.Error(); got != "rules.toml：读不懂" {
		t.Errorf("Error() = %q", got)
	}
}
