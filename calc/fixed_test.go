package calc

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// sameDecimal reports whether a and b are the same value with the same
// exponent: what a writer of either prints the same.
func sameDecimal(a, b decimal.Decimal) bool {
	return a.Exponent() == b.Exponent() && a.Coefficient().Cmp(b.Coefficient()) == 0
}

// randomDecimal draws a decimal of up to 20 digits, any sign, at an
// exponent from −9 to 4, often a round or half-way figure.
func randomDecimal(rnd *rand.Rand) decimal.Decimal {
	exp := int32(rnd.IntN(14)) - 9
	var c int64
	switch rnd.IntN(6) {
	case 0:
		c = 0
	case 1:
		c = int64(rnd.IntN(10))*1000 + 5*pow10[rnd.IntN(3)] // a half at some place
	case 2:
		c = rnd.Int64N(1000)
	case 3:
		c = rnd.Int64N(1e9)
	case 4:
		c = rnd.Int64N(1e18) // up to 18 digits
	default:
		d := decimal.New(rnd.Int64N(1e18), 0).Mul(decimal.New(rnd.Int64N(1000), 0)) // past an int64's 18 digits
		if rnd.IntN(2) == 0 {
			d = d.Neg()
		}
		return decimal.NewFromBigInt(d.Coefficient(), exp)
	}
	if rnd.IntN(4) == 0 {
		c = -c
	}
	return decimal.New(c, exp)
}

// TestMulYuanExact compares figureTable.mulYuan, which works in int64s
// where the figures fit, with Yuan(a.Mul(b)) in big.Ints, on random
// figures of every size and sign and on the edges of the fast path.
func TestMulYuanExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(20, 26))
	ft := newFigureTable()
	check := func(a, b decimal.Decimal) {
		t.Helper()
		want := Yuan(a.Mul(b))
		if got := ft.mulYuan(a, b); !sameDecimal(got, want) {
			t.Fatalf("mulYuan(%s [exp %d], %s [exp %d]) = %s [exp %d], want %s [exp %d]",
				a, a.Exponent(), b, b.Exponent(), got, got.Exponent(), want, want.Exponent())
		}
	}
	edges := []decimal.Decimal{
		{}, decimal.New(0, 0), decimal.New(0, -5), decimal.New(1, 0), decimal.New(-1, 0),
		decimal.New(5, -3), decimal.New(-5, -3), decimal.New(4999, -6), decimal.New(-4999, -6), decimal.New(5, -20),
		decimal.New(999_999_999_999_999_999, 0), decimal.New(-999_999_999_999_999_999, -2),
		decimal.New(999_999_999_999_999_999, -30), decimal.New(1, 16), decimal.New(1, -18), decimal.New(15, -1),
		decimal.RequireFromString("1000000000000000000"), decimal.RequireFromString("20.00"), decimal.RequireFromString("0.005"),
	}
	for _, a := range edges {
		for _, b := range edges {
			check(a, b)
		}
	}
	for range 200_000 {
		check(randomDecimal(rnd), randomDecimal(rnd))
	}
}

// TestFixedYuanHalves works halves out by hand: Yuan rounds half away
// from zero, on the exact value, whatever the places.
func TestFixedYuanHalves(t *testing.T) {
	for _, c := range []struct {
		in   fixed
		want fixed
	}{
		{fixed{12345, -3}, fixed{1235, -2}},
		{fixed{-12345, -3}, fixed{-1235, -2}},
		{fixed{123449999, -7}, fixed{1234, -2}},
		{fixed{-123449999, -7}, fixed{-1234, -2}},
		{fixed{7, 1}, fixed{7000, -2}},
		{fixed{5, -30}, fixed{0, -2}},
		{fixed{12, -2}, fixed{12, -2}},
	} {
		if got, ok := c.in.yuan(); !ok || got != c.want {
			t.Errorf("%v.yuan() = %v, %v, want %v", c.in, got, ok, c.want)
		}
	}
	if _, ok := (fixed{1, 17}).yuan(); ok {
		t.Error("1e17.yuan() fits, want no: 10^19 fen")
	}
}
