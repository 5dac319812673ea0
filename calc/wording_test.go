package calc

import (
	"testing"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

func TestPerformanceText(t *testing.T) {
	tests := []struct {
		basis  rules.Basis
		amount string
		want   string
	}{
		{rules.PerSession, "5.00", "按上课节数计：5.00 元/节"},
		{rules.Fixed, "100", "每位当月有上课的教师 100.00 元/人"},
		{rules.PercentOfGeneral, "0.1", "本人上课补助与安全管理补助之和的 10%，四舍五入到分"},
		{rules.WholePay, "0", "不另设：本人上课补助与安全管理补助之和即为绩效服务费，按考核扣除"},
	}
	for _, tt := range tests {
		got := PerformanceText(rules.Performance{Basis: tt.basis, Amount: decimal.RequireFromString(tt.amount)})
		if got != tt.want {
			t.Errorf("PerformanceText(%s, %s) = %q, want %q", tt.basis, tt.amount, got, tt.want)
		}
	}
}

func TestEventText(t *testing.T) {
	want := map[string]string{
		"无故空堂":   "按月：每次扣 100%",
		"早退":     "按月：每次扣 10%；当月第 3 次起，每次扣 100%",
		"家长投诉":   "按月：按记录所填比例扣除，比例须在 10%–100% 之间",
		"重大安全事故": "按学期（本月列为待学期结算，学期结算时扣除）：按记录所填比例扣除，比例须在 50%–100% 之间",
		"请假":     "按月：不扣款，计入出勤公示",
		"奖励":     "按记录金额发放奖励",
	}
	for _, ev := range rules.Default().Events {
		w, ok := want[ev.Label]
		if !ok {
			continue
		}
		if got := EventText(ev); got != w {
			t.Errorf("EventText(%s) = %q, want %q", ev.Label, got, w)
		}
	}
}

// TestAdminWording checks the admin chain's words in both modes on the
// worked example's figures: base 2,000.00 + 120.00 = 2,120.00 (篇三 (一) 1
// and 2 (1)), 10% of it a pool of 212.00; at 20.00 a lesson that is 10
// lessons (212 ÷ 20 = 10.6, floored), 200.00 paid and 12.00 kept; capped at
// 7.00 a shift, 13 shifts take 91.00 and leave 121.00.
func TestAdminWording(t *testing.T) {
	d := decimal.RequireFromString
	pool := AdminChain{Mode: rules.AdminPool, Base: d("2120"), Percent: d("0.1"), Pool: d("212"), Rate: d("20"),
		Shifts: d("13"), Hours: d("10"), Paid: d("200"), Unspent: d("12")}
	if got, want := pool.Summary(), "行政值班经费：一般性服务支出 2120.00 × 10% = 212.00；折合 10 课时 × 20.00 元 = 200.00；结余 12.00 留存经费"; got != want {
		t.Errorf("pool Summary() = %q, want %q", got, want)
	}
	capped := AdminChain{Mode: rules.AdminCapped, Base: d("2120"), Percent: d("0.1"), Pool: d("212"), Rate: d("7"),
		Shifts: d("13"), Hours: d("13"), Want: d("91"), Paid: d("91"), Unspent: d("121")}
	if got, want := capped.Summary(), "行政值班经费：一般性服务支出 2120.00 × 10% = 212.00；按登记 13 次 × 7.00 元发放 91.00；结余 121.00"; got != want {
		t.Errorf("capped Summary() = %q, want %q", got, want)
	}
	items := func(a AdminChain) []string {
		var out []string
		for _, n := range a.Notes() {
			out = append(out, n.Item)
		}
		return out
	}
	if got := items(pool); len(got) != 7 || got[3] != "折算课时（经费 ÷ 20.00 元/节，向下取整）" || got[4] != "课时分配" {
		t.Errorf("pool Notes() items = %q, want the hours and their sharing after the shifts", got)
	}
	// Capped: what was set against the pool, each person's figure rounded
	// (issue 21), after the shifts.
	if got := items(capped); len(got) != 6 || got[3] != "按次计发合计（各人登记次数 × 7.00 元，各自四舍五入到分）" || got[4] != "行政值班补助合计" {
		t.Errorf("capped Notes() items = %q, want what was set against the pool and no 本月计发 when not scaled", got)
	}
	capped.Scaled = true
	if got := items(capped); len(got) != 7 || got[4] != "本月计发" {
		t.Errorf("scaled Notes() items = %q, want 本月计发 after what was set against the pool", got)
	}
	// Issue 21's month: three half shifts at 6.75 are 3.38 each, 10.14,
	// against a pool of 10.13; 1.5 × 6.75 = 10.125 is not what was compared.
	half := AdminChain{Mode: rules.AdminCapped, Base: d("126.60"), Percent: d("0.08"), Pool: d("10.13"), Rate: d("6.75"),
		Shifts: d("1.5"), Hours: d("1.5"), Want: d("10.14"), Paid: d("10.13"), Unspent: d("0"), Scaled: true}
	if got, want := half.Summary(), "行政值班经费：一般性服务支出 126.60 × 8% = 10.13；登记 1.5 次，每次 6.75 元，各人四舍五入到分共 10.14，超出经费，按登记次数比例缩减发放 10.13；结余 0.00"; got != want {
		t.Errorf("scaled Summary() = %q, want %q", got, want)
	}
}

func TestPlaceholderNotice(t *testing.T) {
	got := PlaceholderNotice(rules.Default().Performance)
	want := "绩效服务费 5.00 元/节为内置占位值，方案未规定金额，须由学校确认后在规则文件 [performance] 中修改（教代会确认沿用此数的，写 confirmed = true）"
	if got != want {
		t.Errorf("PlaceholderNotice = %q, want %q", got, want)
	}
}
