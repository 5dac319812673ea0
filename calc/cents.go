package calc

import (
	"math"
	"strconv"

	"github.com/shopspring/decimal"
)

// Cents is an amount of money in fen, exactly: a pupil's line keeps its
// seven figures so (issue 20). As decimals, each figure was a pointer to a
// big.Int of its own, fourteen small objects a pupil that the collector
// walked on each of its cycles while a district's 100,000 slips were
// written; as Cents a line holds no pointer for its money. Every amount
// goes in through CentsOf, which refuses one that is not a whole number of
// fen or does not fit, and comes out through Decimal, which is exact, so
// no figure is ever rounded on the way.
type Cents int64

// maxCents bounds the Cents a figure or a sum may hold: 2^61 fen, far
// above any amount a sheet can show (rules.MaxAmount is 10^13 yuan, 10^15
// fen), and small enough that adding two never overflows an int64.
const maxCents = 1 << 61

// CentsOf is d in fen, and false when d is not a whole number of fen or
// is beyond ±maxCents.
func CentsOf(d decimal.Decimal) (Cents, bool) {
	f := d.Shift(2)
	if !f.IsInteger() || f.Abs().GreaterThan(maxCentsDecimal) {
		return 0, false
	}
	return Cents(f.IntPart()), true
}

var maxCentsDecimal = decimal.NewFromInt(maxCents)

// Decimal is c in yuan, exactly.
func (c Cents) Decimal() decimal.Decimal { return decimal.New(int64(c), -2) }

// IsZero, IsPositive and IsNegative are c's sign, as decimal's.
func (c Cents) IsZero() bool     { return c == 0 }
func (c Cents) IsPositive() bool { return c > 0 }
func (c Cents) IsNegative() bool { return c < 0 }

// Neg is −c.
func (c Cents) Neg() Cents { return -c }

// Float64 is c in yuan as the nearest float64, the value a cell of the
// workbooks is written with: the same float as c.Decimal().InexactFloat64()
// (both round the exact quotient once) without a big.Int.
func (c Cents) Float64() float64 {
	if c > 1<<53 || c < -1<<53 {
		return c.Decimal().InexactFloat64()
	}
	return float64(c) / 100
}

// String is c as decimal's StringFixed(2) writes it: -12.05, 0.00.
func (c Cents) String() string {
	var b [24]byte
	return string(c.Append(b[:0]))
}

// Append appends c.String() to b.
func (c Cents) Append(b []byte) []byte {
	u := uint64(c)
	if c < 0 {
		b = append(b, '-')
		u = uint64(-c)
		if c == math.MinInt64 {
			u = 1 << 63
		}
	}
	b = strconv.AppendUint(b, u/100, 10)
	return append(b, '.', byte('0'+u%100/10), byte('0'+u%10))
}

// addCents is a + b, and false when it would leave ±maxCents.
func addCents(a, b Cents) (Cents, bool) {
	s := a + b // a, b within ±maxCents: no overflow of int64
	return s, s >= -maxCents && s <= maxCents
}
