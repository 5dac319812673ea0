package render

import "github.com/shopspring/decimal"

// MoneyFen is Money of an amount of fen whole fen, which the settlement
// keeps its pupils' figures in (calc.Cents): written as the same float
// Money writes for the decimal fen/100 (both round the exact quotient once),
// with no decimal made for it, 100,000 pupils' slips and lines a figure at
// a time (issue 20).
func MoneyFen(fen int64) Cell {
	if fen > 1<<53 || fen < -1<<53 {
		return Money(decimal.New(fen, -2))
	}
	return Cell{val: floatValue(float64(fen) / 100), kind: KindMoney}
}
