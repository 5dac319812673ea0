package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// timelineFile is a school's file with two dated changes: the lesson rate
// raised from November, then from March a new event kind, a changed one, a
// withdrawn one and the fee confirmed. The line numbers in the tests below
// count its lines.
const timelineFile = `school = "城南小学"
approved = "2026年8月28日教代会讨论通过"

[rates]
lesson = "20.00"

[[change]]
from = 2026-11-01
approved = "2026年10月20日教代会决议"
rates.lesson = "25.00"

[[change]]
from = 2027-01-01
approved = "2026年12月18日教代会决议"
performance.amount = "6.00"
sessions.lesson = ["上课", "辅导"]

[[change.event]]
label = "迟到"
per_event = "5%"

[[change.event]]
label = "早退"
per_event = "20%"
all_from = 2

[[change.event]]
label = "交接违规"
remove = true
`

func TestTimeline(t *testing.T) {
	r, err := Parse("rules.toml", []byte(timelineFile))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if !r.HasChanges() {
		t.Fatal("HasChanges() = false, want true")
	}
	vs := r.Versions()
	var got []Version
	for _, v := range vs {
		got = append(got, v.Version)
	}
	want := []Version{
		{},
		{From: Date{2026, 11, 1}, Approved: "2026年10月20日教代会决议", Change: 1, Line: 7,
			Sets: []string{`rates.lesson = "25.00"`}},
		{From: Date{2027, 1, 1}, Approved: "2026年12月18日教代会决议", Change: 2, Line: 12,
			Sets: []string{`performance.amount = "6.00"`, `sessions.lesson = ["上课", "辅导"]`,
				"event 迟到（新增）", "event 早退（修改）", "event 交接违规（删除）"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("versions (-want +got):\n%s", diff)
	}

	month := func(y int, m time.Month) Month { return Month{y, m} }
	for _, tt := range []struct {
		m      Month
		change int
		lesson string
	}{
		{month(2026, 8), 0, "20"}, // before the term: the base
		{month(2026, 9), 0, "20"},
		{month(2026, 10), 0, "20"},
		{month(2026, 11), 1, "25"},
		{month(2026, 12), 1, "25"},
		{month(2027, 1), 2, "25"}, // the second change keeps the first's rate
		{month(2027, 3), 2, "25"},
	} {
		v := r.At(tt.m)
		if v.Version.Change != tt.change || !v.Rates.Lesson.Equal(dec(tt.lesson)) {
			t.Errorf("At(%s) = change %d, lesson %s; want change %d, lesson %s", tt.m, v.Version.Change, v.Rates.Lesson, tt.change, tt.lesson)
		}
		if v.Source != "rules.toml" || v.SHA256 != r.SHA256 {
			t.Errorf("At(%s) lost the file's name or sha256", tt.m)
		}
	}

	jan := r.At(month(2027, 1))
	var labels []string
	for _, e := range jan.Events {
		labels = append(labels, e.Label)
	}
	// The new kind goes after the others; the changed one keeps its place.
	if diff := cmp.Diff([]string{"无故空堂", "早退", "家长投诉", "重大安全事故", "请假", "奖励", "迟到"}, labels); diff != "" {
		t.Errorf("January's event kinds (-want +got):\n%s", diff)
	}
	early, _, _ := jan.Event("早退")
	if !early.PerEvent.Equal(dec("0.20")) || early.AllFrom != 2 {
		t.Errorf("January's 早退 = %+v, want 20%% from the 2nd", early)
	}
	if !jan.Performance.Amount.Equal(dec("6")) || !jan.Performance.Confirmed || jan.Performance.Approved != "2026年12月18日教代会决议" {
		t.Errorf("January's performance = %+v, want 6.00 confirmed by the change's decision", jan.Performance)
	}
	if k, ok := jan.Sessions.KindOf("辅导"); !ok || k != KindLesson {
		t.Error("January does not take 辅导 as a lesson")
	}
	// The months before keep what they had.
	dec26 := r.At(month(2026, 12))
	if _, _, ok := dec26.Event("交接违规"); !ok {
		t.Error("December lost 交接违规, which January withdraws")
	}
	if _, _, ok := dec26.Event("迟到"); ok {
		t.Error("December has 迟到, which January adds")
	}
	if !dec26.Performance.IsPlaceholder() {
		t.Error("December's fee is still the unconfirmed 5.00, but IsPlaceholder() = false")
	}

	if got, want := r.At(month(2026, 11)).VersionString(), "2026-11-01 起 2026年10月20日教代会决议"; got != want {
		t.Errorf("VersionString() = %q, want %q", got, want)
	}
	if got, want := r.At(month(2026, 9)).VersionString(), "2026-09-01 起 2026年8月28日教代会讨论通过"; got != want {
		t.Errorf("base VersionString() = %q, want %q", got, want)
	}
}

func TestTimelineCopies(t *testing.T) {
	r, err := Parse("rules.toml", []byte(timelineFile))
	if err != nil {
		t.Fatal(err)
	}
	nov := Month{2026, 11}
	r.At(nov).Events[0].Label = "改过"
	r.Versions()[1].Rates.Lesson = dec("99")
	if v := r.At(nov); v.Events[0].Label != "无故空堂" || !v.Rates.Lesson.Equal(dec("25")) {
		t.Error("changing a version that At or Versions returned changed the file's timeline")
	}
	// The base is the rules' own values: changing them by hand changes the
	// months before the first change.
	r.Rates.Safety = dec("12")
	if v := r.At(Month{2026, 9}); !v.Rates.Safety.Equal(dec("12")) {
		t.Errorf("At(base month) safety = %s, want the value set by hand, 12", v.Rates.Safety)
	}
}

func TestNoChangesOneVersion(t *testing.T) {
	r := Default()
	if r.HasChanges() || len(r.Versions()) != 1 {
		t.Errorf("the built-in rules have %d versions, want 1", len(r.Versions()))
	}
	v := r.At(Month{2026, 10})
	if !v.Version.IsBase() || v.From() != (Date{2026, 9, 1}) || v.Decision() != "" {
		t.Errorf("At = %+v, want the base from the term's start, not approved", v.Version)
	}
	if got, want := v.VersionString(), "2026-09-01 起 未经教代会审批（规则文件的 approved 未填写）"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

// TestChangeErrors checks every error of a [[change]] block with the line
// and key it names. Each file is the base below, then the blocks; the
// base's lines are 1–5, so the first [[change]] is on line 6.
func TestChangeErrors(t *testing.T) {
	const base = "school = \"城南小学\"\napproved = \"2026年8月28日教代会讨论通过\"\n\n[term]\nstart = 2026-09-01\n"
	ok := func(from string) string {
		return "[[change]]\nfrom = " + from + "\napproved = \"决议\"\nrates.safety = \"12.00\"\n"
	}
	tests := []struct {
		name   string
		blocks string
		line   int
		key    string
		msg    string
	}{
		// the date
		{"same from twice", ok("2026-11-01") + "\n" + ok("2026-11-01"), 12, "change[1].from", "与第 6 行的变更同一天生效"},
		{"out of order", ok("2027-01-01") + "\n" + ok("2026-11-01"), 12, "change[1].from", "早于上一处变更（第 6 行，2027-01-01 起）"},
		{"before the term's start", ok("2026-08-01"), 7, "change[0].from", "早于学期开始日期 2026-09-01"},
		{"mid-month", ok("2026-11-15"), 7, "change[0].from", "不是某月 1 日"},
		{"from missing", "[[change]]\napproved = \"决议\"\nrates.lesson = \"25.00\"\n", 6, "change[0]", "缺少 from"},
		{"from quoted", "[[change]]\nfrom = \"2026-11-01\"\napproved = \"决议\"\nrates.lesson = \"25.00\"\n", 7, "change[0].from", "日期不加引号"},
		{"from with a time", "[[change]]\nfrom = 2026-11-01T00:00:00\napproved = \"决议\"\nrates.lesson = \"25.00\"\n", 7, "change[0].from", "不带时间"},

		// the decision
		{"approved missing", "[[change]]\nfrom = 2026-11-01\nrates.lesson = \"25.00\"\n", 6, "change[0]", "缺少 approved"},
		{"approved empty", "[[change]]\nfrom = 2026-11-01\napproved = \" \"\nrates.lesson = \"25.00\"\n", 8, "change[0].approved", "是空的"},
		{"nothing set", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\n", 6, "change[0]", "没有写要变更的设置项"},

		// keys that do not exist or do not change by date
		{"unknown key in a table", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nrates.lessen = \"25.00\"\n", 9, "change[0].rates.lessen", "lesson、safety"},
		{"unknown table", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nrate.lesson = \"25.00\"\n", 9, "change[0].rate", "表名.设置项"},
		{"a key without its table", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nlesson = \"25.00\"\n", 9, "change[0].lesson", `rates.lesson = "25.00"`},
		{"the term", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nterm.fee = \"500.00\"\n", 9, "change[0].term", "不随日期变更"},
		{"the school", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nschool = \"新名\"\nrates.lesson = \"25.00\"\n", 9, "change[0].school", "不随日期变更"},
		{"a table as a value", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nrates = \"25.00\"\n", 9, "change[0].rates", `rates.lesson = "25.00"`},
		{"a single [change] table", "[change]\nfrom = 2026-11-01\n", 6, "change", "[[change]]"},

		// values invalid on their own
		{"malformed amount", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nrates.lesson = \"25.0.0\"\n", 9, "change[0].rates.lesson", "不是金额"},
		{"amount unquoted", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nrates.lesson = 25\n", 9, "change[0].rates.lesson", `请加引号写成 "25.00"`},
		// Amounts to the fen in a change as in the base (issue 21).
		{"admin rate below the fen", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nadmin.rate = \"6.665\"\n", 9, "change[0].admin.rate", `"6.66" 或 "6.67"`},
		{"fixed fee below the fen", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nperformance.basis = \"fixed\"\nperformance.amount = \"120.005\"\n", 10, "change[0].performance.amount", `精确到分`},
		{"admin rate zero", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nadmin.rate = \"0\"\n", 9, "change[0].admin.rate", "不能为 0"},
		{"percent above 100%", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nadmin.percent = \"120%\"\n", 9, "change[0].admin.percent", "0%–100%"},

		// values invalid in the version they make
		{"basis changed, amount left out", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nperformance.basis = \"fixed\"\n", 9, "change[0].performance.basis", "amount"},
		{"an amount that does not fit the basis in force",
			ok("2026-11-01") + "performance.basis = \"percent_of_general\"\nperformance.amount = \"10%\"\n\n" +
				"[[change]]\nfrom = 2027-01-01\napproved = \"决议\"\nperformance.amount = \"6.00\"\n", 16, "change[1].performance.amount", "%"},
		{"a label under two kinds", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nsessions.safety = [\"上课\"]\n", 9, "change[0].sessions.safety[0]", "lesson 和 safety"},

		// event kinds
		{"event with two forms", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\n\n[[change.event]]\nlabel = \"迟到\"\nper_event = \"5%\"\nreward = true\n", 10, "change[0].event[0]", "只选一种"},
		{"event unknown key", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\n\n[[change.event]]\nlabel = \"迟到\"\nper_evnt = \"5%\"\nper_event = \"5%\"\n", 12, "change[0].event[0].per_evnt", "[[change.event]] 里只认"},
		{"event twice in a change", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\n\n[[change.event]]\nlabel = \"迟到\"\nper_event = \"5%\"\n\n[[change.event]]\nlabel = \"迟到\"\nper_event = \"10%\"\n", 15, "change[0].event[1].label", "已有一块"},
		{"remove a kind not in force", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\n\n[[change.event]]\nlabel = \"迟到\"\nremove = true\n", 11, "change[0].event[0].label", "没有这个事项"},
		{"remove with a rule", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\n\n[[change.event]]\nlabel = \"早退\"\nremove = true\nper_event = \"5%\"\n", 13, "change[0].event[0].per_event", "不能与 remove = true 同写"},
		{"remove quoted", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\n\n[[change.event]]\nlabel = \"早退\"\nremove = \"true\"\n", 12, "change[0].event[0].remove", "不加引号"},
		{"event without a label", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\n\n[[change.event]]\nper_event = \"5%\"\n", 10, "change[0].event[0]", "缺少 label"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := base + tt.blocks
			r, err := Parse("rules.toml", []byte(src))
			if err == nil {
				t.Fatalf("Parse = %d versions, want an error", len(r.Versions()))
			}
			ps := problems(t, err)
			if len(ps) != 1 {
				t.Fatalf("found %d problems, want 1:\n%v", len(ps), err)
			}
			p := ps[0]
			if p.Line != tt.line || p.Key != tt.key {
				t.Errorf("problem at line %d key %q, want line %d key %q\n%v", p.Line, p.Key, tt.line, tt.key, p)
			}
			if !strings.Contains(p.Msg, tt.msg) {
				t.Errorf("Msg = %q, want it to contain %q", p.Msg, tt.msg)
			}
			if testing.Verbose() {
				t.Log(p)
			}
		})
	}
}

// TestChangeMessageNamesTheBlock checks that a problem in a change says
// which change it is in, by its date, as the bursar sees the file.
func TestChangeMessageNamesTheBlock(t *testing.T) {
	src := "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nrates.lesson = \"二十五\"\n\n" +
		"[[change]]\nfrom = 2027-01-01\napproved = \"决议\"\n\n[[change.event]]\nlabel = \"迟到\"\nper_event = \"5\"\n"
	_, err := Parse("rules.toml", []byte(src))
	var got []string
	for _, p := range problems(t, err) {
		got = append(got, p.Error())
	}
	want := []string{
		`rules.toml 第 4 行：第 1 个 [[change]]（2026-11-01 起） rates.lesson = "二十五" 不是金额，应写成 "20.00" 这样的数字`,
		`rules.toml 第 12 行：第 2 个 [[change]]（2027-01-01 起） 第 1 个 [[change.event]]（迟到） per_event = "5" 缺少 % 号，比例应写成 "5%" 这样`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}

func TestPerformanceConfirmed(t *testing.T) {
	tests := []struct {
		name        string
		src         string
		placeholder bool
		approved    string
	}{
		{"left at the default", "", true, ""},
		{"confirmed = true", "[performance]\nconfirmed = true\n", false, ""},
		{"confirmed = false", "[performance]\nconfirmed = false\n", true, ""},
		{"an approved line", "[performance]\namount = \"5.00\"\napproved = \"2026年9月28日教代会决议\"\n", false, "2026年9月28日教代会决议"},
		{"approved with confirmed = true", "[performance]\nconfirmed = true\napproved = \"决议\"\n", false, "决议"},
		// 6.00 is the school's own figure, not the placeholder, confirmed or not.
		{"another amount", "[performance]\namount = \"6.00\"\n", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Parse("rules.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Performance.IsPlaceholder(); got != tt.placeholder || r.Performance.Approved != tt.approved {
				t.Errorf("IsPlaceholder() = %v, Approved %q; want %v, %q", got, r.Performance.Approved, tt.placeholder, tt.approved)
			}
		})
	}

	// The fee confirmed from October by a change: September still shows
	// the placeholder, October does not.
	r, err := Parse("rules.toml", []byte("[[change]]\nfrom = 2026-10-01\napproved = \"2026年9月28日教代会决议\"\nperformance.confirmed = true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !r.At(Month{2026, 9}).Performance.IsPlaceholder() || r.At(Month{2026, 10}).Performance.IsPlaceholder() {
		t.Error("confirmed from October: want the placeholder in September only")
	}
	if got := r.At(Month{2026, 10}).Performance.Approved; got != "2026年9月28日教代会决议" {
		t.Errorf("October's fee approved by %q, want the change's decision", got)
	}

	for _, bad := range []struct{ src, key, msg string }{
		{"[performance]\nconfirmed = \"是\"\n", "performance.confirmed", "true 或 false"},
		{"[performance]\napproved = \"\"\n", "performance.approved", "是空的"},
		{"[performance]\nconfirmed = false\napproved = \"决议\"\n", "performance.confirmed", "矛盾"},
	} {
		_, err := Parse("rules.toml", []byte(bad.src))
		ps := problems(t, err)
		if len(ps) != 1 || ps[0].Key != bad.key || !strings.Contains(ps[0].Msg, bad.msg) {
			t.Errorf("Parse(%q) = %v, want one problem at %s saying %q", bad.src, err, bad.key, bad.msg)
		}
	}
}

// TestDefaultFileChangeExample checks that the commented [[change]] example
// of the default file, uncommented, is a valid change: a school that follows
// it gets a timeline, not an error.
func TestDefaultFileChangeExample(t *testing.T) {
	var b strings.Builder
	in := false
	for _, line := range strings.Split(string(DefaultFile()), "\n") {
		if strings.HasPrefix(line, "# [[change]]") {
			in = true
		}
		if in && strings.HasPrefix(line, "# ") {
			line = strings.TrimPrefix(line, "# ")
		}
		b.WriteString(line + "\n")
	}
	if !in {
		t.Fatal("the default file has no commented [[change]] example")
	}
	r, err := Parse("rules.toml", []byte(b.String()))
	if err != nil {
		t.Fatalf("the uncommented example does not load: %v", err)
	}
	vs := r.Versions()
	if len(vs) != 2 || vs[1].Version.From != (Date{2027, 3, 1}) || !vs[1].Rates.Lesson.Equal(dec("25")) {
		t.Fatalf("the example gives %d versions, want 2, the second from 2027-03-01 with lesson 25.00", len(vs))
	}
	if _, _, ok := vs[1].Event("迟到"); !ok {
		t.Error("the example's new kind 迟到 is missing")
	}
	if _, _, ok := vs[1].Event("交接违规"); ok {
		t.Error("the example withdraws 交接违规, but it is still there")
	}
}

func TestWithTerm(t *testing.T) {
	r, err := Parse("rules.toml", []byte(timelineFile))
	if err != nil {
		t.Fatal(err)
	}
	term := r.Term
	term.End = Date{2027, 1, 31}
	w := r.WithTerm(term)
	for _, m := range []Month{{2026, 9}, {2026, 11}, {2027, 1}} {
		v := w.At(m)
		if v.Term.End != term.End {
			t.Errorf("WithTerm: At(%s).Term.End = %s, want %s", m, v.Term.End, term.End)
		}
		if v.Version.Change != r.At(m).Version.Change {
			t.Errorf("WithTerm: At(%s) is change %d, want %d", m, v.Version.Change, r.At(m).Version.Change)
		}
	}
	if r.At(Month{2026, 11}).Term.End != (Date{2027, 1, 22}) {
		t.Error("WithTerm changed the rules it was called on")
	}
}
