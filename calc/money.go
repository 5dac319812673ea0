package calc

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

var (
	cent    = decimal.New(1, -2)
	hundred = decimal.NewFromInt(100)
	one     = decimal.NewFromInt(1)
)

// Yuan rounds an amount to the fen, half away from zero: the 四舍五入 of SPEC 3.
// It is the only rounding of money in kfpay and is applied where SPEC names it.
func Yuan(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// YuanOf is Yuan(num ÷ den) of the exact quotient, for the shares of SPEC 4.3
// that multiply before dividing. decimal.Div would first round the quotient
// at 16 places, which can lift 0.004999…9 to a half fen. The quotient cut
// towards zero after the third decimal rounds to the same fen as the exact
// one: a quotient at or past a half fen is cut to at or past it, one below it
// stays below. den must not be zero.
func YuanOf(num, den decimal.Decimal) decimal.Decimal {
	q, _ := num.QuoRem(den, 3)
	return Yuan(q)
}

// Sum adds amounts.
func Sum(ds ...decimal.Decimal) decimal.Decimal {
	s := decimal.Zero
	for _, d := range ds {
		s = s.Add(d)
	}
	return s
}

// Allocate splits total into len(weights) parts that are whole multiples of
// unit, in proportion to weights, by the largest-remainder method, so that the
// parts add up to total exactly. Ties in the remainder go to the larger weight,
// then to the lower index: callers order weights by the tie rule of SPEC (person
// order, or 学号). total must be a non-negative multiple of unit and weights
// must not be negative; when every weight is zero, every part is zero.
func Allocate(total, unit decimal.Decimal, weights []decimal.Decimal) []decimal.Decimal {
	if parts, ok := allocateInt64(total, unit, weights); ok {
		return parts
	}
	return allocateBig(total, unit, weights)
}

// allocateInt64 is Allocate in int64s, the very parts it gives, when the
// units of total and every scaled weight are under 2³¹, so that no product
// of the two overflows: no big.Int for each of 250,000 teachers' admin
// shares (issue 20). ok is false when they are not; Allocate then works in
// big.Ints. The parts of zero are one shared zero.
func allocateInt64(total, unit decimal.Decimal, weights []decimal.Decimal) (parts []decimal.Decimal, ok bool) {
	const limit = 1 << 31
	if unit.NumDigits() > 9 || !unit.IsPositive() {
		return nil, false
	}
	exp := int32(0)
	for _, w := range weights {
		exp = min(exp, w.Exponent())
	}
	ws := make([]int64, len(weights))
	var sumW int64
	for i, w := range weights {
		if w.NumDigits() > 18 {
			return nil, false
		}
		c, fits := scaleInt64(w.CoefficientInt64(), w.Exponent()-exp)
		if !fits || c < 0 || c >= limit {
			return nil, false
		}
		ws[i] = c
		sumW += c // under len(weights) × 2³¹
	}
	parts = make([]decimal.Decimal, len(weights))
	if sumW == 0 {
		for i := range parts {
			parts[i] = decimal.Zero
		}
		return parts, true
	}
	u := total.Div(unit).BigInt() // exact when total is a multiple of unit
	if !u.IsInt64() || u.Int64() < 0 || u.Int64() >= limit {
		return nil, false
	}
	units := u.Int64()
	q := make([]int64, len(weights))
	type rem struct {
		i int
		r int64
	}
	// Only a part with a remainder can get a unit more: the remainders
	// add up to the units left times ΣW, each under ΣW, so more parts have
	// one than there are units left.
	var rems []rem
	given := int64(0)
	for i, w := range ws {
		p := units * w
		q[i] = p / sumW
		given += q[i]
		if r := p % sumW; r > 0 {
			rems = append(rems, rem{i, r})
		}
	}
	slices.SortFunc(rems, func(a, b rem) int {
		if a.r != b.r {
			return cmp.Compare(b.r, a.r)
		}
		if ws[a.i] != ws[b.i] {
			return cmp.Compare(ws[b.i], ws[a.i])
		}
		return cmp.Compare(a.i, b.i)
	})
	for k := range units - given {
		q[rems[k].i]++
	}
	// A part is q units: q × unit's coefficient at unit's exponent, as
	// NewFromBigInt(q, 0).Mul(unit) and each Add(unit) make it.
	uc, ue := unit.CoefficientInt64(), unit.Exponent()
	zero := decimal.New(0, ue)
	for i, n := range q {
		if n == 0 {
			parts[i] = zero
			continue
		}
		parts[i] = decimal.New(n*uc, ue) // n ≤ units < 2³¹, uc < 10⁹
	}
	return parts, true
}

// allocateBig is Allocate in big.Ints, for any sizes.
func allocateBig(total, unit decimal.Decimal, weights []decimal.Decimal) []decimal.Decimal {
	parts := make([]decimal.Decimal, len(weights))
	for i := range parts {
		parts[i] = decimal.Zero
	}
	// Scale the weights to integers sharing one exponent, so that every quota
	// total×w/W is computed exactly as a quotient and remainder of integers.
	exp := int32(0)
	for _, w := range weights {
		if w.Exponent() < exp {
			exp = w.Exponent()
		}
	}
	ws := make([]*big.Int, len(weights))
	sumW := new(big.Int)
	for i, w := range weights {
		ws[i] = w.Shift(-exp).BigInt()
		sumW.Add(sumW, ws[i])
	}
	if sumW.Sign() == 0 {
		return parts
	}
	units := total.Div(unit).BigInt() // exact when total is a multiple of unit
	type rem struct {
		i int
		r *big.Int
	}
	rems := make([]rem, len(weights))
	given := new(big.Int)
	for i, w := range ws {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(units, w), sumW, new(big.Int))
		given.Add(given, q)
		parts[i] = decimal.NewFromBigInt(q, 0).Mul(unit)
		rems[i] = rem{i, r}
	}
	sort.SliceStable(rems, func(a, b int) bool {
		if c := rems[a].r.Cmp(rems[b].r); c != 0 {
			return c > 0
		}
		if c := ws[rems[a].i].Cmp(ws[rems[b].i]); c != 0 {
			return c > 0
		}
		return rems[a].i < rems[b].i
	})
	left := new(big.Int).Sub(units, given).Int64() // fewer than len(weights)
	for k := int64(0); k < left; k++ {
		i := rems[k].i
		parts[i] = parts[i].Add(unit)
	}
	return parts
}

// CodeAmountTooLarge is a figure worked out from the inputs that a
// spreadsheet cannot show to the fen (rules.MaxAmount): a count or a rate
// with digits too many.
const CodeAmountTooLarge Code = "amount-too-large"

// showable returns a problem naming the first of figures, each a column
// name and its amount, that reaches rules.MaxAmount, and false when none does.
func showable(who string, figures ...figure) (Problem, bool) {
	for _, f := range figures {
		// |d| < 10^(digits + exponent): most figures are shown to fit
		// without Cmp, which rescales and allocates.
		if f.d.NumDigits()+int(f.d.Exponent()) <= maxAmountDigits {
			continue
		}
		if !f.d.LessThan(rules.MaxAmount) || !f.d.GreaterThan(minAmount) {
			return Problem{Code: CodeAmountTooLarge,
				Msg: fmt.Sprintf("%s %s %s 超出表格能精确显示的 15 位数字，写进表格就不准了；请检查节数、金额和规则文件中的标准是否多写了数字",
					rules.Clip(who), f.what, f.d.StringFixed(2))}, true
		}
	}
	return Problem{}, false
}

// minAmount is −rules.MaxAmount, exclusive: the least figure that shows.
var minAmount = rules.MaxAmount.Neg()

// maxAmountDigits is how many digits before the point a figure below
// rules.MaxAmount, 10^13, has at most.
var maxAmountDigits = int(rules.MaxAmount.Exponent())

// figure is one named amount of a line, for checks that go over them all.
type figure struct {
	what string
	d    decimal.Decimal
}

// controls collects the control totals of a result that do not agree with
// it, so that a run fails naming both figures (moov-io/ach: "calculated X is
// out of balance with Y").
type controls []string

// equal records a mismatch between a figure re-added from the lines and the
// figure stated.
func (c *controls) equal(what string, calculated, stated decimal.Decimal) {
	if !calculated.Equal(stated) {
		*c = append(*c, fmt.Sprintf("%s：算得 %s，应为 %s", what, calculated.StringFixed(2), stated.StringFixed(2)))
	}
}

// fen records a figure that is not a whole number of fen: every figure
// shown is to the fen, so that a sheet's total is the sum of its lines.
// who is whose figure it is (a name, a 学号), what its column.
func (c *controls) fen(who, what string, d decimal.Decimal) {
	if d.Exponent() >= -2 { // no more than two decimals: the usual case, decided without rounding
		return
	}
	if !d.Equal(Yuan(d)) {
		*c = append(*c, fmt.Sprintf("%s %s %s 不是精确到分的金额", rules.Clip(who), what, d.String()))
	}
}

// failf records a broken invariant in words.
func (c *controls) failf(format string, args ...any) { *c = append(*c, fmt.Sprintf(format, args...)) }

// err returns nil when everything agreed, else one error naming what the
// result is and every mismatch. A mismatch is a bug in kfpay, not in the input.
func (c controls) err(what string) error {
	if len(c) == 0 {
		return nil
	}
	return fmt.Errorf("%s不平衡（程序错误，请报告）：%s", what, strings.Join(c, "；"))
}

// figureTable shares the Decimals of a payout's lines: one Decimal for each
// value and exponent, so that 250,000 lines whose figures are a few
// thousand amounts hold a few thousand big.Ints, not three million (each
// Decimal made holds a big.Int of its own: 70 MB of the 250,000-teacher
// month's live heap, issue 20). A shared Decimal is the same value with
// the same exponent, and Decimals are never changed in place (intern), so
// what is written from it is byte for byte what the unshared one wrote.
// Figures of more than 18 digits are kept as they are.
//
// The table is a map of coefficients for each exponent: a key of an int64
// alone is hashed by the runtime's fast way, a struct of coefficient and
// exponent was not (a tenth of Payroll's time for 250,000 teachers).
type figureTable struct {
	byExp map[int32]map[int64]decimal.Decimal
	last  int32                     // the exponent asked for last
	m     map[int64]decimal.Decimal // its map, nil before the first
}

func newFigureTable() *figureTable {
	return &figureTable{byExp: map[int32]map[int64]decimal.Decimal{}}
}

// of is d, or the Decimal of the same value and exponent given before.
func (f *figureTable) of(d decimal.Decimal) decimal.Decimal {
	if d == (decimal.Decimal{}) || d.NumDigits() > 18 {
		return d
	}
	m, coef := f.coefs(d.Exponent()), d.CoefficientInt64()
	if s, ok := m[coef]; ok {
		return s
	}
	m[coef] = d
	return d
}

// new is decimal.New(coef, exp), or the Decimal of that value and
// exponent given before: no big.Int made for a figure seen already.
func (f *figureTable) new(coef int64, exp int32) decimal.Decimal {
	m := f.coefs(exp)
	if s, ok := m[coef]; ok {
		return s
	}
	d := decimal.New(coef, exp)
	m[coef] = d
	return d
}

// len is how many figures the table keeps.
func (f *figureTable) len() int {
	n := 0
	for _, m := range f.byExp {
		n += len(m)
	}
	return n
}

// figureKey is a figure's value and exponent, as a key.
type figureKey struct {
	coef int64
	exp  int32
}

// coefs is the map of the figures of exponent exp, by coefficient.
func (f *figureTable) coefs(exp int32) map[int64]decimal.Decimal {
	if f.m != nil && f.last == exp {
		return f.m
	}
	m := f.byExp[exp]
	if m == nil {
		m = map[int64]decimal.Decimal{}
		f.byExp[exp] = m
	}
	f.last, f.m = exp, m
	return m
}
