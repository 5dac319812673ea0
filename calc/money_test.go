package calc

import (
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
	if len(ft.m) != 3 {
		t.Fatalf("%d figures kept, want 3 (1.50, 1.5, -12.34)", len(ft.m))
	}
	big := decimal.RequireFromString("12345678901234567890.12")
	if got := ft.of(big); !got.Equal(big) || len(ft.m) != 3 {
		t.Fatalf("a figure of 22 digits: %s, %d kept", got, len(ft.m))
	}
}
