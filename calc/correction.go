package calc

import (
	"fmt"
	"slices"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// Correction sets a month recomputed from corrected inputs against the payout
// that was signed and paid, person by person (payroll --against): a discipline
// record that arrives after the payout was signed, a session logged twice.
type Correction struct {
	Month      rules.Month
	Signed     Ref    // the signed payout workbook
	SignedSeal string // the digest of its figures it records (校验码), which the correction records in turn
	Lines      []CorrectionLine
	Total      CorrectionLine // 合计: each column the sum of the lines
}

// CorrectionLine is one person's row of the 更正 sheet.
type CorrectionLine struct {
	Person
	Paid    decimal.Decimal // 实发合计 of the signed payout; 0 when the person was not in it
	Due     decimal.Decimal // 实发合计 recomputed; 0 when the person is no longer in it
	Topup   decimal.Decimal // 补发: Due − Paid when positive
	Recover decimal.Decimal // 扣回: Paid − Due when positive
	// InSigned and InPayout say which payout has the person.
	InSigned, InPayout bool
}

// Correct sets payout p against the signed payout of the same month. Persons
// are matched by 工号, or by name when one payout has no 工号 for them; a
// person in only one of the two is listed too, with 0 on the other side. The
// lines are in the person order of SPEC 5.
func Correct(p *Payout, signed PaidMonth) (*Correction, Problems) {
	if signed.Month != p.Month {
		return nil, Problems{{Code: "other-month", Ref: signed.Src,
			Msg: fmt.Sprintf("这是 %s 的发放表，不能用来更正 %s；请给出 %s 已签字的发放表，或改正 --month",
				signed.Month.Chinese(), p.Month.Chinese(), p.Month.Chinese())}}
	}
	c := &Correction{Month: p.Month, Signed: signed.Src, SignedSeal: signed.Seal}
	match := make([]int, len(p.Lines)) // the index in signed.Teachers of each line, or -1
	used := make([]bool, len(signed.Teachers))
	for i, l := range p.Lines {
		match[i] = slices.IndexFunc(signed.Teachers, func(t PaidTeacher) bool { return t.Key() == l.Key() })
		if match[i] >= 0 {
			used[match[i]] = true
		}
	}
	// A person whom one payout has without a 工号: by name, when only one
	// person left unmatched has it.
	for i, l := range p.Lines {
		if match[i] >= 0 {
			continue
		}
		var cands []int
		for j, t := range signed.Teachers {
			if !used[j] && t.Name == l.Name && (t.ID == "" || l.ID == "") {
				cands = append(cands, j)
			}
		}
		if len(cands) == 1 {
			match[i], used[cands[0]] = cands[0], true
		}
	}
	for i, l := range p.Lines {
		cl := CorrectionLine{Person: l.Person, Due: l.Net, InPayout: true}
		if j := match[i]; j >= 0 {
			cl.Paid, cl.InSigned = signed.Teachers[j].Net, true
			if cl.ID == "" {
				cl.ID = signed.Teachers[j].ID // matched by name: keep the 工号 one of them has
			}
		}
		c.Lines = append(c.Lines, cl)
	}
	for j, t := range signed.Teachers {
		if !used[j] {
			c.Lines = append(c.Lines, CorrectionLine{Person: t.Person, Paid: t.Net, InSigned: true})
		}
	}
	slices.SortStableFunc(c.Lines, func(a, b CorrectionLine) int {
		switch {
		case personLess(a.Person, b.Person):
			return -1
		case personLess(b.Person, a.Person):
			return 1
		}
		return 0
	})
	c.Total.Name = "合计"
	for i := range c.Lines {
		l := &c.Lines[i]
		diff := l.Due.Sub(l.Paid)
		l.Topup, l.Recover = decimal.Max(diff, decimal.Zero), decimal.Max(diff.Neg(), decimal.Zero)
		c.Total.Paid = c.Total.Paid.Add(l.Paid)
		c.Total.Due = c.Total.Due.Add(l.Due)
		c.Total.Topup = c.Total.Topup.Add(l.Topup)
		c.Total.Recover = c.Total.Recover.Add(l.Recover)
	}
	// The accountant's check: what is paid on top less what is recovered is
	// the change of the month's total.
	if got, want := c.Total.Topup.Sub(c.Total.Recover), c.Total.Due.Sub(c.Total.Paid); !got.Equal(want) {
		return nil, Problems{{Code: CodeInternal, Msg: fmt.Sprintf("更正表不平衡（程序错误，请报告）：补发 − 扣回 为 %s，应发 − 已发 为 %s",
			got.StringFixed(2), want.StringFixed(2))}}
	}
	return c, nil
}

// Changed reports whether the correction moves any money.
func (c *Correction) Changed() bool {
	return !c.Total.Topup.IsZero() || !c.Total.Recover.IsZero()
}
