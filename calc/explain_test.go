package calc

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kfpay/rules"
)

// explain works out the payroll of rows and rs with who traced and explains who.
func explain(t *testing.T, r *rules.Rules, rows []logRow, rs []rec, who string) (*Explanation, error) {
	t.Helper()
	tl := NewTally(r, sept)
	tl.Trace(who)
	for i, row := range rows {
		tl.Add(Entry{
			Date:   rules.Date{Year: 2026, Month: 9, Day: max(row.day, 1)},
			Person: Person{ID: row.id, Name: row.name},
			Kind:   row.kind,
			Count:  d(row.count),
			Src:    Ref{File: "课时登记.xlsx", Sheet: "9月", Col: 5, Row: i + 2},
		})
	}
	p, problems := Payroll(r, tl, records(rs))
	if errs := problems.Errors(); len(errs) > 0 {
		t.Fatalf("Payroll: unexpected problems:\n%v", errs)
	}
	return Explain(p, tl, who)
}

// item returns the explanation's item named name.
func item(t *testing.T, ex *Explanation, name string) ExplainItem {
	t.Helper()
	for _, it := range ex.Items {
		if it.Name == name {
			return it
		}
	}
	t.Fatalf("no item %s", name)
	return ExplainItem{}
}

func TestExplainThirdEarlyLeave(t *testing.T) {
	// SPEC 3.7: 陈静 25 lessons (row 6) and three early leaves (records rows
	// 4, 5, 6, 事项 in column D): 10% + 10% + 100% = 120%, capped at 100% of
	// her fee 125.00.
	rows, rs := workedExample()
	ex, err := explain(t, rules.Default(), rows, rs, "陈静")
	if err != nil {
		t.Fatal(err)
	}
	if got := ex.String(); got != "陈静 2026年9月" {
		t.Errorf("heading = %q", got)
	}
	for _, c := range []struct{ name, value, formula string }{
		{"上课补助", "500.00", "25 节 × 20.00 元/节 = 500.00"},
		{"安全管理补助", "0.00", "0 次 × 10.00 元/课间 = 0.00"},
		{"行政值班补助", "0.00", "本月没有行政值班登记"},
		{"绩效服务费", "125.00", "25 节 × 5.00 元/节 = 125.00"},
		{"扣除比例", "100%", "120%，最高 100%"},
		{"扣除金额", "125.00", "绩效服务费 125.00 × 100% = 125.00（四舍五入到分）"},
		{"奖励", "0.00", "本月没有奖励记录"},
		{"实发合计", "500.00", "500.00 ＋ 0.00 ＋ 0.00 ＋ (125.00 − 125.00) ＋ 0.00 = 500.00"},
	} {
		it := item(t, ex, c.name)
		if it.Value != c.value || it.Formula != c.formula {
			t.Errorf("%s = %s：%s, want %s：%s", c.name, it.Value, it.Formula, c.value, c.formula)
		}
	}
	if got, want := item(t, ex, "上课补助").Sources, []string{"课时登记.xlsx 9月!E6（1 行，共 25 节）"}; !cmp.Equal(got, want) {
		t.Errorf("上课补助 sources = %q, want %q", got, want)
	}
	wantSteps := []string{"早退 3 次（记录 考核记录.xlsx 考核!D4:D6）→ 10% ＋ 10% ＋ 100%（第 3 次起 100%）= 120%（篇三 (二) 3：每次扣 10%；当月第 3 次起，每次扣 100%）"}
	if diff := cmp.Diff(wantSteps, item(t, ex, "扣除比例").Steps); diff != "" {
		t.Errorf("扣除比例 steps (-want +got):\n%s", diff)
	}
	if rule := item(t, ex, "上课补助").Rule; !strings.HasPrefix(rule, "篇三 (一) 1 上课补助") || !strings.Contains(rule, "每节 20.00 元") {
		t.Errorf("上课补助 rule = %q", rule)
	}
}

func TestExplainComplaintAndReward(t *testing.T) {
	// 王芳: 家长投诉 30% of 170.00 = 51.00, reward 50.00 (SPEC 3.7).
	rows, rs := workedExample()
	ex, err := explain(t, rules.Default(), rows, rs, "王芳")
	if err != nil {
		t.Fatal(err)
	}
	pct := item(t, ex, "扣除比例")
	if pct.Value != "30%" || pct.Formula != "" || len(pct.Steps) != 1 ||
		pct.Steps[0] != "家长投诉 1 次（记录 考核记录.xlsx 考核!D7）→ 30%（篇三 (二) 5：按记录所填比例扣除，比例须在 10%–100% 之间）" {
		t.Errorf("扣除比例 = %+v", pct)
	}
	rw := item(t, ex, "奖励")
	if rw.Value != "50.00" || !cmp.Equal(rw.Sources, []string{"考核记录.xlsx 考核!D8（1 条记录）"}) || !strings.HasPrefix(rw.Rule, "篇三 奖励") {
		t.Errorf("奖励 = %+v", rw)
	}
	if got := item(t, ex, "安全管理补助").Sources; !cmp.Equal(got, []string{"课时登记.xlsx 9月!E3（1 行，共 8 次）"}) {
		t.Errorf("安全管理补助 sources = %q", got)
	}
}

func TestExplainAdminPool(t *testing.T) {
	// SPEC 3.7: base 1980.00, pool 158.40, 22 hours; 张伟 6 of 10 shifts:
	// 13.2 → 13 (remainder 0.2); 刘洋 4: 8.8 → 8, remainder 0.8, gets the
	// hour left over → 9.
	rows, rs := workedExample()
	for _, c := range []struct {
		who, formula string
		steps        []string
	}{
		{"张伟", "13 课时 × 7.00 元/节 = 91.00", []string{
			"一般性服务支出 ＝ 全校上课补助 1780.00 ＋ 安全管理补助 200.00 ＝ 1980.00",
			"行政值班经费 ＝ 1980.00 × 8% ＝ 158.40（四舍五入到分）",
			"折算课时 ＝ 158.40 ÷ 7.00 ＝ 22.63，向下取整为 22 课时",
			"本人登记 6 次，全校 10 次：应得 22 × 6 ÷ 10 = 13.2 课时，先得整数部分 13，余数 0.2",
			"各人整数部分合计 21 课时，余下 1 课时，按余数从大到小每人分 1 课时（余数相同时登记次数多者优先，再按名单顺序）：刘洋（余数 0.8）",
			"本人未分得余下的部分，共 13 课时",
			"全校行政值班补助 154.00，经费结余 4.40 留存",
		}},
		{"刘洋", "9 课时 × 7.00 元/节 = 63.00", []string{
			"一般性服务支出 ＝ 全校上课补助 1780.00 ＋ 安全管理补助 200.00 ＝ 1980.00",
			"行政值班经费 ＝ 1980.00 × 8% ＝ 158.40（四舍五入到分）",
			"折算课时 ＝ 158.40 ÷ 7.00 ＝ 22.63，向下取整为 22 课时",
			"本人登记 4 次，全校 10 次：应得 22 × 4 ÷ 10 = 8.8 课时，先得整数部分 8，余数 0.8",
			"各人整数部分合计 21 课时，余下 1 课时，按余数从大到小每人分 1 课时（余数相同时登记次数多者优先，再按名单顺序）：刘洋（余数 0.8）",
			"本人分得 1 课时，共 9 课时",
			"全校行政值班补助 154.00，经费结余 4.40 留存",
		}},
	} {
		ex, err := explain(t, rules.Default(), rows, rs, c.who)
		if err != nil {
			t.Fatal(err)
		}
		it := item(t, ex, "行政值班补助")
		if it.Formula != c.formula {
			t.Errorf("%s formula = %q, want %q", c.who, it.Formula, c.formula)
		}
		if diff := cmp.Diff(c.steps, it.Steps); diff != "" {
			t.Errorf("%s steps (-want +got):\n%s", c.who, diff)
		}
	}
}

func TestExplainAdminCappedScaled(t *testing.T) {
	// capped at 40.00 a shift: 3 + 4 shifts want 280.00 > pool 158.40, so
	// the pool is shared by cents: 15840 × 3 / 7 = 6788.57 → 6788 + 1 cent
	// (remainder 4/7 beats 3/7) = 67.89; 刘洋 9051.43 → 90.51.
	r := rules.Default()
	r.Admin.Mode, r.Admin.Rate = rules.AdminCapped, d("40.00")
	rows, _ := workedExample()
	rows[5].count, rows[6].count = "3", "4"
	ex, err := explain(t, r, rows, nil, "张伟")
	if err != nil {
		t.Fatal(err)
	}
	it := item(t, ex, "行政值班补助")
	want := []string{
		"一般性服务支出 ＝ 全校上课补助 1780.00 ＋ 安全管理补助 200.00 ＝ 1980.00",
		"行政值班经费 ＝ 1980.00 × 8% ＝ 158.40（四舍五入到分）",
		"全校按次计发 7 次 × 40.00 ＝ 280.00，超出经费 158.40：经费按登记次数比例分配，精确到分",
		"本人登记 3 次，全校 7 次：应得 158.40 × 3 ÷ 7 ≈ 67.8857 元，先得整数部分 67.88，余数 0.5714",
		"各人整数部分合计 158.39 元，余下 0.01 元，按余数从大到小每人分 0.01 元（余数相同时登记次数多者优先，再按名单顺序）：张伟（余数 0.5714）",
		"本人分得 0.01 元，共 67.89 元",
		"全校行政值班补助 158.40，经费结余 0.00 留存",
	}
	if it.Value != "67.89" {
		t.Errorf("行政值班补助 = %s, want 67.89", it.Value)
	}
	if diff := cmp.Diff(want, it.Steps); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
}

func TestExplainByID(t *testing.T) {
	r := rules.Default()
	rows := []logRow{{"T01", "王芳", rules.KindLesson, "2", 1}, {"T02", "王芳", rules.KindLesson, "3", 2}, {"T01", "王芳", rules.KindLesson, "1", 3}}
	ex, err := explain(t, r, rows, nil, "T01")
	if err != nil {
		t.Fatal(err)
	}
	it := item(t, ex, "上课补助")
	if ex.String() != "王芳（T01） 2026年9月" || it.Value != "60.00" || !cmp.Equal(it.Sources, []string{"课时登记.xlsx 9月!E2, E4（2 行，共 3 节）"}) {
		t.Errorf("explain T01 = %s %+v", ex, it)
	}

	// The name alone names two persons.
	_, err = explain(t, r, rows, nil, "王芳")
	var amb *AmbiguousPersonError
	if !errors.As(err, &amb) || len(amb.Persons) != 2 {
		t.Fatalf("explain 王芳 error = %v, want an AmbiguousPersonError of two", err)
	}
	if got := err.Error(); got != "有 2 位教师名叫 王芳（工号 T01、T02），请用工号指定" {
		t.Errorf("error = %q", got)
	}
}

func TestExplainUnknown(t *testing.T) {
	rows, rs := workedExample()
	for _, c := range []struct {
		who, want string
	}{
		{"王放", "2026年9月 的课时登记中没有“王放”（按姓名或工号查找）；相近的有：王芳"},
		{"陈", "2026年9月 的课时登记中没有“陈”（按姓名或工号查找）；相近的有：陈静"},
		{"欧阳修", "2026年9月 的课时登记中没有“欧阳修”（按姓名或工号查找）；请检查姓名或工号"},
	} {
		_, err := explain(t, rules.Default(), rows, rs, c.who)
		var unknown *UnknownPersonError
		if !errors.As(err, &unknown) {
			t.Fatalf("explain %s error = %v, want an UnknownPersonError", c.who, err)
		}
		if err.Error() != c.want {
			t.Errorf("explain %s error = %q, want %q", c.who, err, c.want)
		}
	}
}

func TestCellList(t *testing.T) {
	ref := func(file, sheet string, col, row int) Ref { return Ref{File: file, Sheet: sheet, Col: col, Row: row} }
	var many []Ref
	for i := 0; i < 14; i++ {
		many = append(many, ref("a.xlsx", "S", 5, 3+2*i))
	}
	for _, c := range []struct {
		refs []Ref
		want string
	}{
		{[]Ref{ref("a.xlsx", "9月", 5, 12), ref("a.xlsx", "9月", 5, 3), ref("a.xlsx", "9月", 5, 7)}, "a.xlsx 9月!E3, E7, E12"},
		{[]Ref{ref("a.xlsx", "9月", 5, 3), ref("a.xlsx", "9月", 5, 4), ref("a.xlsx", "9月", 5, 5), ref("a.xlsx", "9月", 5, 9)}, "a.xlsx 9月!E3:E5, E9"},
		{[]Ref{ref("a.xlsx", "9月", 5, 3), ref("b.xlsx", "考核", 4, 2)}, "a.xlsx 9月!E3；b.xlsx 考核!D2"},
		{many, "a.xlsx S!E3, E5, E7, E9, E11, E13, E15, E17, E19, E21, E23, E25, …"},
	} {
		if got := cellList(c.refs); got != c.want {
			t.Errorf("cellList = %q, want %q", got, c.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"王芳", "王芳", 0}, {"王芳", "王放", 1}, {"王芳", "王小芳", 1}, {"T01", "T10", 2}, {"", "李强", 2},
	} {
		if got := editDistance(c.a, c.b); got != c.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
}

func TestTraceKeepsOnePerson(t *testing.T) {
	rows, _ := workedExample()
	tl := NewTally(rules.Default(), sept)
	tl.Trace("李强")
	for i, row := range rows {
		tl.Add(Entry{Date: rules.Date{Year: 2026, Month: 9, Day: 1}, Person: Person{Name: row.name}, Kind: row.kind,
			Count: d(row.count), Src: Ref{File: "f", Sheet: "s", Col: 5, Row: i + 2}})
	}
	if len(tl.traced) != 2 || tl.traced[0].Src.Row != 4 || tl.traced[1].Src.Row != 5 {
		t.Errorf("traced = %+v, want 李强's rows 4 and 5", tl.traced)
	}
}

func TestExplainPerformanceBases(t *testing.T) {
	// 王芳 34 lessons and 8 breaks (680.00 + 80.00) with a 30% complaint, as
	// in TestPayrollPerformanceBases.
	rows := []logRow{{"", "王芳", rules.KindLesson, "34", 1}, {"", "王芳", rules.KindSafety, "8", 1}}
	complaint := []rec{{name: "王芳", label: "家长投诉", percent: "30%"}}
	for _, c := range []struct {
		perf     rules.Performance
		fee, net string
	}{
		{rules.Performance{Basis: rules.Fixed, Amount: d("300.00")},
			"每位当月有上课的教师 300.00 元",
			"680.00 ＋ 80.00 ＋ 0.00 ＋ (300.00 − 90.00) ＋ 0.00 = 970.00"},
		{rules.Performance{Basis: rules.PercentOfGeneral, Amount: d("0.125")},
			"(680.00 ＋ 80.00) × 12.5% = 95.00（四舍五入到分）",
			"680.00 ＋ 80.00 ＋ 0.00 ＋ (95.00 − 28.50) ＋ 0.00 = 826.50"},
		{rules.Performance{Basis: rules.WholePay},
			"上课补助 680.00 ＋ 安全管理补助 80.00 = 760.00：不另设，本人补助即为绩效服务费，按考核扣除",
			"680.00 ＋ 80.00 ＋ 0.00 − 228.00 ＋ 0.00 = 532.00"},
	} {
		t.Run(string(c.perf.Basis), func(t *testing.T) {
			r := rules.Default()
			r.Performance = c.perf
			ex, err := explain(t, r, rows, complaint, "王芳")
			if err != nil {
				t.Fatal(err)
			}
			if got := item(t, ex, "绩效服务费").Formula; got != c.fee {
				t.Errorf("绩效服务费 = %q, want %q", got, c.fee)
			}
			if got := item(t, ex, "实发合计").Formula; got != c.net {
				t.Errorf("实发合计 = %q, want %q", got, c.net)
			}
			if steps := item(t, ex, "绩效服务费").Steps; len(steps) != 0 {
				t.Errorf("绩效服务费 steps = %q, want no placeholder note", steps)
			}
		})
	}
}
