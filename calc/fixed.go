package calc

import (
	"math/bits"

	"github.com/shopspring/decimal"
)

// fixed is a decimal as coef × 10^exp held in an int64, |coef| < 10^18:
// the form Payroll works a line's products out in, where Yuan(a.Mul(b))
// made three big.Ints and a power of ten for each of 250,000 teachers'
// figures (issue 20). A fixed is the very Decimal the decimal operations
// give, the same value and the same exponent; what does not fit one is
// worked out in decimal.Decimal as before (mulYuan's ok).
type fixed struct {
	coef int64
	exp  int32
}

// fixedLimit bounds a fixed's coefficient: under it a coefficient has at
// most 18 digits, as figureTable keeps them.
const fixedLimit = 1e18

// fixedOf is d as a fixed, false when its coefficient has more than 18
// digits. The zero Decimal is the fixed 0 × 10^0, as the decimal
// operations take it.
func fixedOf(d decimal.Decimal) (fixed, bool) {
	if d.NumDigits() > 18 {
		return fixed{}, false
	}
	return fixed{d.CoefficientInt64(), d.Exponent()}, true
}

// decimal is f as a Decimal of its own.
func (f fixed) decimal() decimal.Decimal { return decimal.New(f.coef, f.exp) }

// mul is f × g as Decimal.Mul makes it: the product of the coefficients at
// the sum of the exponents. ok is false when the product is 10^18 or more.
func (f fixed) mul(g fixed) (fixed, bool) {
	e := int64(f.exp) + int64(g.exp)
	if e != int64(int32(e)) {
		return fixed{}, false
	}
	neg := (f.coef < 0) != (g.coef < 0)
	hi, lo := bits.Mul64(absInt64(f.coef), absInt64(g.coef))
	if hi != 0 || lo >= fixedLimit {
		return fixed{}, false
	}
	c := int64(lo)
	if neg {
		c = -c
	}
	return fixed{c, int32(e)}, true
}

// yuan is Yuan(f), Decimal.Round(2): f itself at two places; at fewer,
// the same value at two; at more, cut toward zero at three places, then a
// half away from zero added at the third and cut again. ok is false when
// the value at two places is 10^18 fen or more.
func (f fixed) yuan() (fixed, bool) {
	switch {
	case f.exp == -2:
		return f, true
	case f.exp > -2:
		if f.exp+2 >= int32(len(pow10)) {
			return fixed{}, false
		}
		c, ok := scaleInt64(f.coef, f.exp+2)
		if !ok || c <= -fixedLimit || c >= fixedLimit {
			return fixed{}, false
		}
		return fixed{c, -2}, true
	}
	// Decimal.rescale(-3): a quotient cut toward zero, which Go's integer
	// division is; past 10^18 every coefficient under 10^18 is cut to 0.
	t := int64(0)
	if shift := -3 - f.exp; shift < int32(len(pow10)) {
		t = f.coef / pow10[shift]
	}
	if t < 0 {
		t -= 5
	} else {
		t += 5
	}
	return fixed{t / 10, -2}, true
}

// mulYuan is Yuan(a.Mul(b)) in int64s, false when a figure does not fit.
func mulYuan(a, b fixed) (fixed, bool) {
	p, ok := a.mul(b)
	if !ok {
		return fixed{}, false
	}
	return p.yuan()
}

func absInt64(c int64) uint64 {
	if c < 0 {
		return uint64(-c) // -MinInt64 wraps to 2^63, which is its absolute value as a uint64
	}
	return uint64(c)
}

// mulYuan is Yuan(a.Mul(b)), the Decimal of ft for its value and
// exponent: worked out in int64s when the figures fit, else in decimal.
func (f *figureTable) mulYuan(a, b decimal.Decimal) decimal.Decimal {
	if fa, ok := fixedOf(a); ok {
		if fb, ok := fixedOf(b); ok {
			if y, ok := mulYuan(fa, fb); ok {
				return f.new(y.coef, y.exp)
			}
		}
	}
	return f.of(Yuan(a.Mul(b)))
}
