package calc

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func TestYuanRoundsHalfUp(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2.345", "2.35"}, {"2.344", "2.34"}, {"0.005", "0.01"}, {"158.4", "158.40"},
		{"-2.345", "-2.35"}, {"12.675", "12.68"},
	} {
		if got := Yuan(d(c.in)); !got.Equal(d(c.want)) {
			t.Errorf("Yuan(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestAllocate(t *testing.T) {
	for _, c := range []struct {
		name    string
		total   string
		unit    string
		weights []string
		want    []string
	}{
		// SPEC 3.7: 22 hours for 6 and 4 shifts: quotas 13.2 and 8.8 → 13 and 9.
		{"spec example", "22", "1", []string{"6", "4"}, []string{"13", "9"}},
		// 100.00 in thirds: 33.33 each leaves 1 cent; equal remainders and
		// weights, so it goes to the first.
		{"thirds of a hundred", "100.00", "0.01", []string{"1", "1", "1"}, []string{"33.34", "33.33", "33.33"}},
		// 10 hours for 3, 3 and 4 shifts: quotas 3, 3, 4 exactly.
		{"exact", "10", "1", []string{"3", "3", "4"}, []string{"3", "3", "4"}},
		// 5 hours for 1, 2, 1 shifts: quotas 1.25, 2.5, 1.25 → 1, 2, 1 and 1
		// left; remainders .25 .5 .25: the 2-shift person gets it.
		{"largest remainder wins", "5", "1", []string{"1", "2", "1"}, []string{"1", "3", "1"}},
		// 3 hours for 2, 1, 2 (quotas 1.2, .6, 1.2): floors 1,0,1, 1 left;
		// remainders .2 .6 .2 → the middle one, despite fewer shifts.
		{"remainder before weight", "3", "1", []string{"2", "1", "2"}, []string{"1", "1", "1"}},
		// 4 hours for 1.5 and 1.5 and 3 (fractional counts): quotas 1, 1, 2.
		{"fractional weights", "4", "1", []string{"1.5", "1.5", "3"}, []string{"1", "1", "2"}},
		// 7 hours among 2, 2, 2: quotas 2.333 each, 1 left, equal remainders
		// and weights → first in order.
		{"tie goes to order", "7", "1", []string{"2", "2", "2"}, []string{"3", "2", "2"}},
		// 1 hour among 1 and 3 shifts... quotas .25 and .75 → second.
		{"one unit", "1", "1", []string{"1", "3"}, []string{"0", "1"}},
		{"no weight", "5", "1", []string{"0", "0"}, []string{"0", "0"}},
		{"nothing to share", "0", "1", []string{"2", "3"}, []string{"0", "0"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ws := make([]decimal.Decimal, len(c.weights))
			for i, w := range c.weights {
				ws[i] = d(w)
			}
			got := Allocate(d(c.total), d(c.unit), ws)
			sum := decimal.Zero
			for i := range got {
				if !got[i].Equal(d(c.want[i])) {
					t.Errorf("part %d = %s, want %s", i, got[i], c.want[i])
				}
				sum = sum.Add(got[i])
			}
			if !sum.Equal(d(c.total)) && c.name != "no weight" {
				t.Errorf("parts add up to %s, want %s", sum, c.total)
			}
		})
	}
}

func TestAllocateTieGoesToLargerWeight(t *testing.T) {
	// 3 units among weights 2, 6 and 4 (W 12): 3×2 = 0 r6, 3×6 = 1 r6,
	// 3×4 = 1 r0 → floors 0, 1, 1 and one unit left. The remainders of the
	// first two tie at 6: the larger weight wins over person order.
	got := Allocate(d("3"), d("1"), []decimal.Decimal{d("2"), d("6"), d("4")})
	want := []string{"0", "2", "1"}
	for i := range got {
		if !got[i].Equal(d(want[i])) {
			t.Fatalf("Allocate(3; 2, 6, 4) = %v, want %v", got, want)
		}
	}
}

// A shared figure keeps its exponent: 1.50 and 1.5 are the same value but
// not the same figure (a writer shows the places it is given).
func TestFigureTableKeepsExponent(t *testing.T) {
	ft := newFigureTable()
	a := ft.of(decimal.RequireFromString("1.50"))
	b := ft.of(decimal.RequireFromString("1.5"))
	c := ft.of(decimal.New(150, -2))
	if a.Exponent() != -2 || b.Exponent() != -1 || c.Exponent() != -2 {
		t.Fatalf("exponents %d %d %d, want -2 -1 -2", a.Exponent(), b.Exponent(), c.Exponent())
	}
	if a.String() != "1.5" || a.StringFixed(2) != "1.50" || !c.Equal(a) {
		t.Fatalf("a = %s, c = %s", a, c)
	}
	if n := ft.new(-1234, -2); n.String() != "-12.34" || n.Exponent() != -2 {
		t.Fatalf("new(-1234, -2) = %s exp %d", n, n.Exponent())
	}
	if ft.len() != 3 {
		t.Fatalf("%d figures kept, want 3 (1.50, 1.5, -12.34)", ft.len())
	}
	big := decimal.RequireFromString("12345678901234567890.12")
	if got := ft.of(big); !got.Equal(big) || ft.len() != 3 {
		t.Fatalf("a figure of 22 digits: %s, %d kept", got, ft.len())
	}
}

// Allocate in int64s gives the very parts, value and exponent, that it
// gives in big.Ints: over random pools, units and weights with ties,
// zeros and mixed exponents.
func TestAllocateInt64MatchesBig(t *testing.T) {
	rng := rand.New(rand.NewPCG(20, 250000))
	units := []decimal.Decimal{d("0.01"), d("1"), d("0.5")}
	for round := range 2000 {
		unit := units[round%len(units)]
		total := decimal.NewFromInt(rng.Int64N(5000)).Mul(unit)
		ws := make([]decimal.Decimal, 1+rng.IntN(40))
		for i := range ws {
			switch rng.IntN(4) {
			case 0:
				ws[i] = decimal.Zero
			case 1:
				ws[i] = decimal.New(rng.Int64N(4), 0) // ties
			case 2:
				ws[i] = decimal.New(rng.Int64N(200), -1) // half shifts and the like
			default:
				ws[i] = decimal.New(rng.Int64N(1e6), 0)
			}
		}
		fast, ok := allocateInt64(total, unit, ws)
		if !ok {
			t.Fatalf("round %d: allocateInt64(%s, %s, %v) fell back", round, total, unit, ws)
		}
		want := allocateBig(total, unit, ws)
		sum := decimal.Zero
		for i := range want {
			if !fast[i].Equal(want[i]) || fast[i].Exponent() != want[i].Exponent() {
				t.Fatalf("round %d: part %d = %s (exp %d), big.Int gives %s (exp %d); weights %v, total %s, unit %s",
					round, i, fast[i], fast[i].Exponent(), want[i], want[i].Exponent(), ws, total, unit)
			}
			sum = sum.Add(fast[i])
		}
		if nonzero := slices.ContainsFunc(ws, func(w decimal.Decimal) bool { return !w.IsZero() }); nonzero && !sum.Equal(total) {
			t.Fatalf("round %d: parts add up to %s, not %s", round, sum, total)
		}
	}
	// Past an int64's reach it falls back, and Allocate still answers.
	huge := d("1e12")
	if _, ok := allocateInt64(huge, d("0.01"), []decimal.Decimal{d("1"), d("2")}); ok {
		t.Fatal("10^14 units taken in int64s")
	}
	if got := Allocate(huge, d("0.01"), []decimal.Decimal{d("1"), d("2")}); !got[0].Add(got[1]).Equal(huge) {
		t.Fatalf("Allocate(10^12) = %v", got)
	}
}
