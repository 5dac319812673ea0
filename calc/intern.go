package calc

import (
	"sync"

	"github.com/shopspring/decimal"
)

// Each decimal.Decimal made holds a big.Int of its own, two objects on the
// heap, and a payout line holds a dozen: with 250,000 teachers the payout
// was 200 MB of live heap (issue 20). Most of a line's figures are a small
// count (节数 34) or a zero (扣除金额 0.00): those are one Decimal each,
// made once and shared, as Decimal values may be: none is ever changed in
// place.

// internedInts is how many whole numbers from 0 are shared.
const internedInts = 1024

// internedZeros is how many places a shared zero may have: 0, 0.0, 0.00, …
const internedZeros = 8

var interned = sync.OnceValue(func() *internTable {
	t := &internTable{}
	for i := range t.ints {
		t.ints[i] = decimal.NewFromInt(int64(i))
	}
	for i := range t.zeros {
		t.zeros[i] = decimal.New(0, -int32(i))
	}
	return t
})

type internTable struct {
	ints  [internedInts]decimal.Decimal // exponent 0
	zeros [internedZeros]decimal.Decimal
}

// intern is d, the same value with the same exponent, shared when it is a
// small whole number or a zero. The zero Decimal is kept as it is.
func intern(d decimal.Decimal) decimal.Decimal {
	if d == (decimal.Decimal{}) {
		return d
	}
	e := d.Exponent()
	switch {
	case e == 0 && d.Sign() >= 0 && d.NumDigits() <= 4:
		if n := d.IntPart(); n < internedInts {
			return interned().ints[n]
		}
	case e < 0 && e > -internedZeros && d.IsZero():
		return interned().zeros[-e]
	}
	return d
}

// internCounts shares the figures of l that Payroll does not share as it
// makes them, those the records set: small counts and zeros (intern), and
// the others with those of the lines before (ft).
func internCounts(l *Line, ft *figureTable) {
	for _, d := range [...]*decimal.Decimal{&l.Percent, &l.Reward} {
		*d = ft.of(intern(*d))
	}
}
