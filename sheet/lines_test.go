package sheet

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kfpay/calc"
	"kfpay/rules"
)

func rows(line int, texts ...string) []TextRow {
	var out []TextRow
	for i, t := range texts {
		out = append(out, TextRow{Line: line + i, Fields: strings.Fields(t)})
	}
	return out
}

// TestLinesReadLikeAWorkbook reads one month written as a workbook and as
// text rows and checks that both give the same payout, and that the text
// rows' sources are their lines.
func TestLinesReadLikeAWorkbook(t *testing.T) {
	r := rules.Default()
	sep := rules.Month{Year: 2026, Month: 9}
	book := build(t, "课时登记.xlsx", `| 日期 | 工号 | 教师 | 类型 | 节数 |
| 2026-09-01 | T01 | 王芳 | 上课 | 2 |
| 2026-09-02 | T01 | 王芳 | 上课 | 2 |
| 2026-09-02 | T01 | 王芳 | 安全管理 | 1 |
| 2026-09-03 | T09 | 张伟 | 行政值班 | 1 |
`)
	recBook := build(t, "考核记录.xlsx", `| 日期 | 工号 | 教师 | 事项 | 比例 | 金额 |
| 2026-09-02 | T01 | 王芳 | 早退 | | |
| 2026-09-03 | T01 | 王芳 | 家长投诉 | 30% | |
| 2026-09-04 | T01 | 王芳 | 奖励 | | 50 |
`)
	tlBook := calc.NewTally(r, sep)
	if _, ps := ReadSessions(context.Background(), book, "", r, tlBook); len(ps) > 0 {
		t.Fatal(ps)
	}
	recsBook, _, ps := ReadRecords(context.Background(), recBook, "", sep)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	fromBook, ps := calc.Payroll(r, tlBook, recsBook)
	if len(ps.Errors()) > 0 {
		t.Fatal(ps)
	}

	tl := calc.NewTally(r, sep)
	info, ps := ReadSessionLines(context.Background(), "cases.toml", "sessions", rows(4,
		"2026-09-01 T01 王芳 上课 2", "2026-09-02 T01 王芳 上课 2", "2026-09-02 T01 王芳 安全管理 1", "2026-09-03 T09 张伟 行政值班 1"), tl)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if info.Rows != 4 || info.Used != 4 || info.Empty != 0 || info.Other != 0 || info.Sheet != "sessions" {
		t.Errorf("info = %+v, want 4 rows read and used", info)
	}
	recs, recInfo, ps := ReadRecordLines(context.Background(), "cases.toml", "records", rows(9,
		"2026-09-02 T01 王芳 早退", "2026-09-03 T01 王芳 家长投诉 30%", "2026-09-04 T01 王芳 奖励 50"), sep, r)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if recInfo.Rows != 3 || recInfo.Used != 3 {
		t.Errorf("records info = %+v, want 3 rows read and used", recInfo)
	}
	if got := recs[1].PercentSrc.String(); got != "cases.toml 第 10 行" {
		t.Errorf("the complaint's 比例 is at %q, want cases.toml 第 10 行", got)
	}
	if !recs[2].HasAmount || !recs[2].Amount.Equal(dec("50")) || recs[2].HasPercent {
		t.Errorf("the reward = %+v, want the amount 50 in 金额", recs[2])
	}
	fromLines, ps := calc.Payroll(r, tl, recs)
	if len(ps.Errors()) > 0 {
		t.Fatal(ps)
	}
	// 王芳: 4 lessons 80.00, 1 break 10.00, fee 20.00, 早退 10% + 投诉 30% =
	// 40% → 8.00, reward 50.00: 152.00. 张伟: pool 8% × 90.00 = 7.20, one
	// hour, 7.00.
	line := func(p *calc.Payout, i int) string {
		l := p.Lines[i]
		return l.Name + " " + l.LessonPay.StringFixed(2) + " " + l.SafetyPay.StringFixed(2) + " " + l.AdminPay.StringFixed(2) + " " +
			l.Fee.StringFixed(2) + " " + l.Deduction.StringFixed(2) + " " + l.Reward.StringFixed(2) + " " + l.Net.StringFixed(2)
	}
	want := []string{"王芳 80.00 10.00 0.00 20.00 8.00 50.00 152.00", "张伟 0.00 0.00 7.00 0.00 0.00 0.00 7.00"}
	for i := range want {
		if got := line(fromLines, i); got != want[i] {
			t.Errorf("from lines: %s, want %s", got, want[i])
		}
		if got := line(fromBook, i); got != want[i] {
			t.Errorf("from the workbook: %s, want %s", got, want[i])
		}
	}
}

func TestLinesProblems(t *testing.T) {
	r := rules.Default()
	sep := rules.Month{Year: 2026, Month: 9}
	type prob struct{ At, Column, Msg string }
	got := func(ps calc.Problems) []prob {
		var out []prob
		for _, p := range ps.Errors() {
			out = append(out, prob{p.Ref.String(), p.Column, p.Msg})
		}
		return out
	}
	tl := calc.NewTally(r, sep)
	_, ps := ReadSessionLines(context.Background(), "cases.toml", "sessions", []TextRow{
		{Line: 3, Fields: strings.Fields("2026-09-01 T01 王芳 上课 2")},
		{Line: 3, Fields: strings.Fields("2026-09-01 - 李强 上课 2")},    // 工号 column given: every row needs one
		{Line: 4, Fields: strings.Fields("2026-10-01 T01 王芳 上课 2")},  // another month
		{Line: 5, Fields: strings.Fields("2026-09-02 T01 王芳 辅导 2")},  // no such kind
		{Line: 6, Fields: strings.Fields("2026-09-02 T01 王芳 上课 两节")}, // not a number
	}, tl)
	want := []prob{
		{"cases.toml 第 3 行", "工号", "缺少工号；请补上，或删去这一行"},
		{"cases.toml 第 4 行", "日期", "日期不在 2026年9月 内；请检查日期或 --month"},
		{"cases.toml 第 5 行", "类型", "不是已知的服务类型；可填：上课、安全管理、行政值班"},
		{"cases.toml 第 6 行", "节数", "不是数字；请只写阿拉伯数字，如 2 或 50.00"},
	}
	if diff := cmp.Diff(want, got(ps)); diff != "" {
		t.Errorf("session problems (-want +got):\n%s", diff)
	}

	recs, _, ps := ReadRecordLines(context.Background(), "cases.toml", "records", rows(8, "2026-09-02 T01 王芳 家长投诉 30", "2026-09-03 - 王芳 奖励 五十"), sep, r)
	// A 比例 or 金额 that does not read goes to calc with its record, which
	// reports it for a kind that uses the column (and otherwise says the
	// column is not to be filled).
	for _, rec := range recs {
		for _, p := range []*calc.Problem{rec.PercentErr, rec.AmountErr} {
			if p != nil {
				ps = append(ps, *p)
			}
		}
	}
	want = []prob{
		{"cases.toml 第 8 行", "比例", "比例须带百分号；请写成 30%"},
		{"cases.toml 第 9 行", "金额", "不是数字；请只写阿拉伯数字，如 2 或 50.00"},
	}
	if diff := cmp.Diff(want, got(ps)); diff != "" {
		t.Errorf("record problems (-want +got):\n%s", diff)
	}
	if s := ps[0].Error(); s != `cases.toml 第 8 行 比例 "30"：比例须带百分号；请写成 30%` {
		t.Errorf("Error() = %q", s)
	}
}

func TestLinesWithoutIDs(t *testing.T) {
	r := rules.Default()
	sep := rules.Month{Year: 2026, Month: 9}
	tl := calc.NewTally(r, sep)
	if _, ps := ReadSessionLines(context.Background(), "cases.toml", "sessions", rows(1, "2026-09-01 - 王芳 上课 2", "2026-09-02 - 王芳 上课 1"), tl); len(ps) > 0 {
		t.Fatal(ps)
	}
	recs, _, ps := ReadRecordLines(context.Background(), "cases.toml", "records", rows(3, "2026-09-02 - 王芳 早退"), sep, r)
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	p, ps := calc.Payroll(r, tl, recs)
	if len(ps.Errors()) > 0 {
		t.Fatal(ps)
	}
	// 3 lessons 60.00, fee 15.00 less 10% = 1.50: 73.50.
	if l := p.Lines[0]; l.ID != "" || l.Name != "王芳" || l.Net.StringFixed(2) != "73.50" {
		t.Errorf("line = %s %s %s, want 王芳 without a 工号, 73.50", l.ID, l.Name, l.Net.StringFixed(2))
	}
}

func TestRosterAndExpenseLines(t *testing.T) {
	pupils, info, ps := ReadRosterLines(context.Background(), "cases.toml", "pupils", rows(2,
		"S001 张小明 一(1)班", "S002 李小红 一(1)班 - 2026-10-30 50%", "S003 王小刚 一(2)班 - - 300 300.00"))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if len(pupils) != 3 || info.Used != 3 {
		t.Fatalf("pupils = %+v", pupils)
	}
	if p := pupils[1]; p.End != (rules.Date{Year: 2026, Month: 10, Day: 30}) || !p.Waiver.IsPercent || !p.Waiver.Percent.Equal(dec("0.5")) || !p.Start.IsZero() {
		t.Errorf("S002 = %+v, want leaving 2026-10-30 with a 50%% waiver", p)
	}
	if p := pupils[2]; p.Waiver.IsPercent || !p.Waiver.Amount.Equal(dec("300")) || !p.HasPaid || !p.Paid.Equal(dec("300")) {
		t.Errorf("S003 = %+v, want a 300 waiver and 300.00 paid", p)
	}
	spending, _, ps := ReadExpenseLines(context.Background(), "cases.toml", "expenses", rows(7, "2026-09-10 设备耗材 120.00 购买 体育 器材"))
	if len(ps) > 0 {
		t.Fatal(ps)
	}
	if len(spending) != 1 || spending[0].Category != "设备耗材" || !spending[0].Amount.Equal(dec("120")) || spending[0].Src.String() != "cases.toml 第 7 行" || spending[0].Note != "购买 体育 器材" {
		t.Errorf("spending = %+v", spending)
	}
}
