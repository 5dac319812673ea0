package sheet

import (
	"testing"

	"github.com/shopspring/decimal"

	"kfpay/rules"
	"kfpay/sheet/internal/cellnum"
	"kfpay/sheet/internal/xlsx"
)

// plainMoney takes only what table.money would take as it is: the same
// decimal, digit for digit and exponent for exponent.
func TestPlainMoneyAsMoney(t *testing.T) {
	if !rules.MaxAmount.Equal(decimal.New(1, maxAmountDigits)) {
		t.Fatalf("rules.MaxAmount is %s, not 1 followed by %d zeros", rules.MaxAmount, maxAmountDigits)
	}
	for _, c := range []struct {
		raw  string
		want string // "" for not taken
	}{
		{"0", "0"}, {"929", "929"}, {"929.5", "929.5"}, {"929.05", "929.05"}, {"0.05", "0.05"},
		{"9999999999999.99", "9999999999999.99"},
		{"10000000000000", ""}, // rules.MaxAmount: too large, said by money
		{"1.005", ""}, {"12.50", ""}, {"-5", ""}, {"007", ""}, {"1e3", ""}, {"", ""}, {"5.", ""},
	} {
		d, ok := plainMoney(xlsx.Cell{Col: 1, Type: xlsx.CellNumber, Value: c.raw})
		if ok != (c.want != "") {
			t.Errorf("plainMoney(%q) taken = %v, want %v", c.raw, ok, c.want != "")
			continue
		}
		if !ok {
			continue
		}
		slow, err := cellnum.Decimal(c.raw)
		if err != nil || d.String() != c.want || d.Exponent() != slow.Exponent() || d.Coefficient().Cmp(slow.Coefficient()) != 0 {
			t.Errorf("plainMoney(%q) = %s (%s e%d), cellnum.Decimal %s (e%d)", c.raw, d, d.Coefficient(), d.Exponent(), slow, slow.Exponent())
		}
	}
	if _, ok := plainMoney(xlsx.Cell{Col: 1, Type: xlsx.CellString, Value: "929"}); ok {
		t.Error("a text cell taken as an amount")
	}
}
