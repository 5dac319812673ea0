package calc

import (
	"strings"
	"testing"
)

// TestSettleUsesCorrection: September's signed payout (王芳 1000.00) and
// its correction by payroll --against (990.00: 扣回 10.00), both given, in
// either order; then a correction of the correction (985.00); then the
// signed payout saved again since it was corrected, known by its seal. The term is
// settled on the last correction, and says so. One whole-term pupil, due
// 600.00, so that the teacher pay alone tells which payout counted.
func TestSettleUsesCorrection(t *testing.T) {
	signed := paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "1000.00"}})
	signed.SHA256, signed.Seal = strings.Repeat("a", 64), strings.Repeat("5", 64)
	fix := paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "990.00"}})
	fix.Src.File, fix.SHA256, fix.Corrects, fix.CorrectsSeal = "发放表-2026-09-更正.xlsx", strings.Repeat("b", 64), signed.SHA256, signed.Seal
	// The signed payout opened and saved again in Excel since: another
	// file, the same figures, so the same seal.
	resaved := signed
	resaved.SHA256 = strings.Repeat("d", 64)
	again := paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", "985.00"}})
	again.Src.File, again.SHA256, again.Corrects = "发放表-2026-09-更正2.xlsx", strings.Repeat("c", 64), fix.SHA256
	pupils := roster([]pupil{{id: "1", class: "一(1)"}})

	for _, c := range []struct {
		name     string
		payouts  []PaidMonth
		pay      string
		used     string
		replaced []string
	}{
		{"signed, then its correction", []PaidMonth{signed, fix}, "990.00", fix.Src.File, []string{signed.Src.File}},
		{"the correction first", []PaidMonth{fix, signed}, "990.00", fix.Src.File, []string{signed.Src.File}},
		{"a correction of the correction", []PaidMonth{again, signed, fix}, "985.00", again.Src.File, []string{signed.Src.File, fix.Src.File}},
		{"the signed payout saved again", []PaidMonth{resaved, fix}, "990.00", fix.Src.File, []string{signed.Src.File}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := mustSettle(t, sepTerm(), pupils, c.payouts, nil)
			if !s.TeacherPay.Equal(d(c.pay)) {
				t.Errorf("teacher pay %s, want %s", s.TeacherPay, c.pay)
			}
			if len(s.Corrections) != 1 {
				t.Fatalf("Corrections = %+v, want one", s.Corrections)
			}
			mc := s.Corrections[0]
			var replaced []string
			for _, r := range mc.Replaced {
				replaced = append(replaced, r.File)
			}
			if mc.Month != sepMonth || mc.Used.File != c.used || strings.Join(replaced, ",") != strings.Join(c.replaced, ",") {
				t.Errorf("correction = %s used %s replacing %q; want %s replacing %q", mc.Month, mc.Used.File, replaced, c.used, c.replaced)
			}
		})
	}
}

// TestSettleRefusesOtherPairs: two payouts of one month that are not a
// signed payout and its correction stay an error at the second, by code,
// saying which to keep.
func TestSettleRefusesOtherPairs(t *testing.T) {
	month := func(file, sha, corrects, net string) PaidMonth {
		p := paidMonth(sepMonth, []teacher{{"T01", "王芳", "0", "0", net}})
		p.Src.File, p.SHA256, p.Corrects = file, sha, corrects
		return p
	}
	a, b, c, x := strings.Repeat("a", 64), strings.Repeat("b", 64), strings.Repeat("c", 64), strings.Repeat("f", 64)
	sealed := func(p PaidMonth, seal string) PaidMonth {
		p.Seal = seal
		return p
	}
	for _, tc := range []struct {
		name    string
		payouts []PaidMonth
		says    string
	}{
		{"two runs of the month", []PaidMonth{month("发放表-2026-09.xlsx", a, "", "1000"), month("九月重算.xlsx", b, "", "990")},
			"九月重算.xlsx：与 发放表-2026-09.xlsx 同是 2026年9月 的发放表；每月只能给一份：请保留教师签字的那一份"},
		{"a copy", []PaidMonth{month("发放表-2026-09.xlsx", a, "", "1000"), month("副本.xlsx", a, "", "1000")},
			"副本.xlsx：与 发放表-2026-09.xlsx 是同一份 2026年9月 发放表（内容完全相同）；请去掉其中一份"},
		{"a copy saved again", []PaidMonth{sealed(month("发放表-2026-09.xlsx", a, "", "1000"), x), sealed(month("另存.xlsx", b, "", "1000"), x)},
			"另存.xlsx：与 发放表-2026-09.xlsx 的每个数字都相同（同一份 2026年9月 发放表另存过或重新生成过）；请去掉其中一份"},
		{"a correction of another payout", []PaidMonth{month("发放表-2026-09.xlsx", a, "", "1000"), month("更正.xlsx", b, x, "990")},
			"更正.xlsx：是对另一份 2026年9月 发放表（sha256 ffffffffffff…）的更正，不是对 发放表-2026-09.xlsx 的更正"},
		{"two corrections of one payout", []PaidMonth{month("发放表-2026-09.xlsx", a, "", "1000"), month("更正1.xlsx", b, a, "990"), month("更正2.xlsx", c, a, "980")},
			"更正2.xlsx：与 更正1.xlsx 都是对同一份 2026年9月 发放表的更正；请只保留最后签字的那份更正表"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, problems := Settle(sepTerm(), roster([]pupil{{id: "1", class: "一(1)"}}), tc.payouts, nil)
			if s != nil {
				t.Fatal("Settle settled two payouts of one month")
			}
			errs := problems.Errors()
			if len(errs) != 1 || errs[0].Code != "payout-twice" || !strings.Contains(errs[0].Error(), tc.says) {
				t.Errorf("problems = %v, want one payout-twice saying %q", problems, tc.says)
			}
		})
	}
}
