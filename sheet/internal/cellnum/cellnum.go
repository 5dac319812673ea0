// Package cellnum reads the numbers spreadsheet programs store in cells as
// exact decimals: what the input readers and dump share of a number cell.
package cellnum

import "github.com/shopspring/decimal"

// doubleDigits is how many significant decimal digits a spreadsheet's
// binary number (an IEEE double) holds for certain, C's DBL_DIG: Excel shows
// no more.
const doubleDigits = 15

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
	d, err := decimal.NewFromString(raw)
	if err != nil || d.NumDigits() <= doubleDigits || d.IsInteger() {
		return d, err
	}
	// d is coefficient × 10^exponent; its leading digit is at 10^lead.
	lead := int(d.Exponent()) + d.NumDigits() - 1
	return d.Round(int32(doubleDigits - 1 - lead)), nil
}
