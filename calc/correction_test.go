package calc

import (
	"strings"
	"testing"

	"kfpay/rules"
)

func paid(id, name, net string) PaidTeacher {
	return PaidTeacher{Person: Person{ID: id, Name: name}, Net: d(net)}
}

// correctionRows writes c's lines as `工号 教师 已发 应发 补发 扣回` for comparing.
func correctionRows(c *Correction) []string {
	var out []string
	for _, l := range append(c.Lines, c.Total) {
		out = append(out, strings.Join([]string{l.ID, l.Name, l.Paid.StringFixed(2), l.Due.StringFixed(2),
			l.Topup.StringFixed(2), l.Recover.StringFixed(2)}, " "))
	}
	return out
}

func TestCorrect(t *testing.T) {
	L := rules.KindLesson
	// Now: T01 王芳 2 lessons (40 + fee 10 = 50.00), T03 陈静 1 (25.00), and
	// 李强 without a 工号 (3 lessons: 75.00).
	p := run(t, rules.Default(), []logRow{
		{"T01", "王芳", L, "2", 1}, {"T03", "陈静", L, "1", 1}, {"", "李强", L, "3", 1},
	}, nil)
	signed := PaidMonth{Month: sept, Src: Ref{File: "发放表-2026-09.xlsx"}, Teachers: []PaidTeacher{
		paid("T01", "王芳", "60.00"), // paid 10.00 too much
		paid("T02", "李强", "50.00"), // the signed payout had his 工号: matched by name
		paid("T09", "赵六", "30.00"), // no longer in the payout: all of it recovered
	}}
	c, problems := Correct(p, signed)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	want := []string{
		"T01 王芳 60.00 50.00 0.00 10.00",
		"T02 李强 50.00 75.00 25.00 0.00",
		"T03 陈静 0.00 25.00 25.00 0.00",
		"T09 赵六 30.00 0.00 0.00 30.00",
		" 合计 140.00 150.00 50.00 40.00",
	}
	if got := correctionRows(c); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Correct =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !c.Changed() {
		t.Error("Changed() = false, want true")
	}
	for _, l := range c.Lines {
		if (l.Name == "陈静") == l.InSigned || (l.Name == "赵六") == l.InPayout {
			t.Errorf("%s InSigned %v InPayout %v", l.Name, l.InSigned, l.InPayout)
		}
	}
}

func TestCorrectUnchanged(t *testing.T) {
	rows, rs := workedExample()
	p := run(t, rules.Default(), rows, rs)
	var teachers []PaidTeacher
	for _, l := range p.Lines {
		teachers = append(teachers, PaidTeacher{Person: l.Person, Net: l.Net})
	}
	c, problems := Correct(p, PaidMonth{Month: sept, Teachers: teachers})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if c.Changed() || len(c.Lines) != 5 || !c.Total.Paid.Equal(d("2423.00")) || !c.Total.Due.Equal(c.Total.Paid) {
		t.Errorf("Correct of the same payout = %v", correctionRows(c))
	}
}

func TestCorrectOtherMonth(t *testing.T) {
	rows, rs := workedExample()
	p := run(t, rules.Default(), rows, rs)
	_, problems := Correct(p, PaidMonth{Month: rules.Month{Year: 2026, Month: 10}, Src: Ref{File: "发放表-2026-10.xlsx"}})
	if len(problems) != 1 || problems[0].Code != "other-month" || problems[0].Ref.File != "发放表-2026-10.xlsx" {
		t.Errorf("Correct of another month: problems = %v", problems)
	}
}
