// Package cellnum reads the numbers spreadsheet programs store in cells as
// exact decimals: what the input readers and dump share of a number cell.
package cellnum

import "github.com/shopspring/decimal"

// doubleDigits is how many significant decimal digits a spreadsheet's
// binary number (an IEEE double) holds for certain, C's DBL_DIG: Excel shows
// no more.
const doubleDigits = 15

// smallCount is one past the largest whole number Small hands out shared.
const smallCount = 1000

// small[n] is n as a Decimal, coefficient n and exponent 0, exactly what
// decimal.NewFromString makes of its digits. A Decimal is never changed in
// place (every operation makes a new one), so one can be handed to every
// cell that holds n: a session log of a million rows holds "1" and "2" a
// million times, and reading each through NewFromString allocated a big.Int
// a row (115 MB of the 250,000-teacher month, issue 20).
var small = func() (s [smallCount]decimal.Decimal) {
	for i := range s {
		s[i] = decimal.New(int64(i), 0)
	}
	return s
}()

// SmallInt reports whether s is a plain whole number below 1000 written in
// ASCII digits and nothing else ("2", "1", "012"), and its value: what a
// count of sessions nearly always is. Anything else, a sign, a space, a
// point, an exponent, a full-width digit, is not, and goes the general way.
func SmallInt(s string) (int, bool) {
	if len(s) == 0 || len(s) > 3 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// Small returns the whole number n (0 ≤ n < 1000, as SmallInt gives) as a
// shared Decimal, equal in value and exponent to decimal.NewFromString of
// its digits.
func Small(n int) decimal.Decimal { return small[n] }

// Decimal reads the raw value of a number cell. Excel and LibreOffice
// save the shortest text that reads back as the same double, so a typed
// 10.5% is saved as 0.105. Gnumeric computes in long double and saves 21
// digits: 0.104999999999999999997, and 33.3 as 33.2999999999999999993.
// Taken exactly, that 10.5% takes 0.52, not 0.53, of a 5.00 fee and that
// 33.3 fails the two-decimals check of money. Beyond doubleDigits the digits
// of a fraction are binary noise, so a fraction with more is rounded to
// doubleDigits significant digits, which gives back what was typed. A value
// with no more is kept exactly as written (20 stays 20), and so is a whole
// number: one of more digits, such as an 18-digit ID a program wrote as a
// number, has no noise to lose, only digits.
func Decimal(raw string) (decimal.Decimal, error) {
	if n, ok := SmallInt(raw); ok {
		return small[n], nil
	}
	d, err := decimal.NewFromString(raw)
	if err != nil || d.NumDigits() <= doubleDigits || d.IsInteger() {
		return d, err
	}
	// d is coefficient × 10^exponent; its leading digit is at 10^lead.
	lead := int(d.Exponent()) + d.NumDigits() - 1
	return d.Round(int32(doubleDigits - 1 - lead)), nil
}
