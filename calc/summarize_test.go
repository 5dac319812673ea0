package calc

import "testing"

// A month is summarized to Σ 实发合计 and each row's 绩效服务费 − 扣除金额,
// the rows' order kept, and only once.
func TestPaidMonthSummarize(t *testing.T) {
	p := PaidMonth{Month: sept, Teachers: []PaidTeacher{
		{Person: Person{ID: "T02", Name: "李四"}, Fee: d("480.00"), Deduction: d("24.00"), Net: d("456.00")},
		{Person: Person{Name: "张三"}, Fee: d("120.50"), Deduction: d("0"), Net: d("300.50")}, // Net includes a 180 subsidy
	}}
	p.Summarize()
	if p.Teachers != nil {
		t.Fatalf("Teachers kept: %v", p.Teachers)
	}
	// 456.00 + 300.50 = 756.50; 480.00 − 24.00 = 456.00; 120.50 − 0 = 120.50.
	if !p.Net.Equal(d("756.50")) {
		t.Errorf("Net = %s, want 756.50", p.Net)
	}
	want := []PaidBase{{Person{ID: "T02", Name: "李四"}, d("456.00")}, {Person{Name: "张三"}, d("120.50")}}
	if len(p.Bases) != len(want) {
		t.Fatalf("Bases = %v, want %v", p.Bases, want)
	}
	for i, b := range p.Bases {
		if b.Person != want[i].Person || !b.Base.Equal(want[i].Base) {
			t.Errorf("Bases[%d] = %v %s, want %v %s", i, b.Person, b.Base, want[i].Person, want[i].Base)
		}
	}
	p.Summarize() // a summarized month is left as it is
	if !p.Net.Equal(d("756.50")) || len(p.Bases) != 2 {
		t.Errorf("summarized again: Net %s, %d bases", p.Net, len(p.Bases))
	}
}
