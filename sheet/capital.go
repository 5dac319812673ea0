package sheet

import (
	"math/big"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/calc"
)

// capitalDigits and capitalUnits are the characters of an amount written in
// capitals (大写), which a figure on a slip carries beside it so that it
// cannot be altered by a stroke of the pen.
var (
	capitalDigits = []string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}
	capitalPlaces = []string{"", "拾", "佰", "仟"} // within a group of four digits
	capitalGroups = []string{"", "万", "亿", "万亿"}
)

// capitalYuan writes the amount |d|, rounded to the fen, in capitals as the
// payment rules (支付结算办法) have it: 330.70 is 叁佰叁拾元柒角整, 325.04 is
// 叁佰贰拾伍元零肆分, 10 is 壹拾元整. One 零 stands for a run of zeros inside
// the yuan; a zero 角 before a 分 is written 零; 整 ends an amount that stops
// at 元 or 角. The 零 that the rules leave optional (after a 元 of zero
// before a 角) is left out. The sign is the caller's to say in words.
func capitalYuan(d decimal.Decimal) string {
	cents := calc.Yuan(d).Abs().Shift(2).BigInt()
	yuan, rest := new(big.Int).QuoRem(cents, big.NewInt(100), new(big.Int))
	jiao, fen := rest.Int64()/10, rest.Int64()%10
	var b strings.Builder
	if yuan.Sign() > 0 {
		b.WriteString(capitalInteger(yuan.String()))
		b.WriteString("元")
	}
	switch {
	case yuan.Sign() == 0 && jiao == 0 && fen == 0:
		return "零元整"
	case jiao == 0 && fen == 0:
		b.WriteString("整")
	case jiao == 0:
		if yuan.Sign() > 0 {
			b.WriteString("零")
		}
		b.WriteString(capitalDigits[fen] + "分")
	case fen == 0:
		b.WriteString(capitalDigits[jiao] + "角整")
	default:
		b.WriteString(capitalDigits[jiao] + "角" + capitalDigits[fen] + "分")
	}
	return b.String()
}

// capitalInteger writes the whole number n, given as its decimal digits
// with no leading zero, in capitals.
func capitalInteger(n string) string {
	if len(n) > 4*len(capitalGroups) {
		return n // beyond 万亿: no slip holds such an amount
	}
	var b strings.Builder
	// Groups of four digits from the left: the first may be shorter.
	first := len(n) % 4
	if first == 0 {
		first = 4
	}
	groups := []string{n[:first]}
	for i := first; i < len(n); i += 4 {
		groups = append(groups, n[i:i+4])
	}
	zero := false // a zero waits to be written before the next digit
	for gi, g := range groups {
		place := len(groups) - 1 - gi
		g = strings.Repeat("0", 4-len(g)) + g
		wrote := false
		for i, c := range g {
			digit := int(c - '0')
			if digit == 0 {
				zero = zero || b.Len() > 0
				continue
			}
			if zero {
				b.WriteString("零")
				zero = false
			}
			b.WriteString(capitalDigits[digit] + capitalPlaces[3-i])
			wrote = true
		}
		if wrote {
			b.WriteString(capitalGroups[place])
		}
	}
	return b.String()
}
