package calc

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// benchMonth is a tally and records shaped like `kfpay gen --rows 1000000
// --per-teacher 4` (sheet/synth): teachers of four rows each, lessons of
// one or two, a safety break in three days, one teacher in twelve on
// admin duty (every other day), the names of sheet/synth, a record for one teacher in fifty.
func benchMonth(b testing.TB, r *rules.Rules, teachers int) (*Tally, []Record) {
	b.Helper()
	m := rules.Month{Year: 2026, Month: time.October}
	var days []rules.Date
	for d := m.First(); m.Contains(d); d = d.AddDays(1) {
		if r.Term.IsServiceDay(d) {
			days = append(days, d)
		}
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	t := NewTally(r, m)
	cols := &Columns{Date: 1, ID: 2, Name: 3, Kind: 4}
	surnames := []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐")
	given := []string{"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "秀英", "建国"}
	counts := []decimal.Decimal{decimal.NewFromInt(1), decimal.NewFromInt(2)}
	var records []Record
	row := 1
	for p := 1; p <= teachers; p++ {
		person := Person{ID: fmt.Sprintf("S%03d-T%03d", p/40+1, p%40+1), Name: string(surnames[rnd.IntN(len(surnames))]) + given[rnd.IntN(len(given))]}
		admin := rnd.IntN(12) == 0 // sheet/synth: 8%
		var worked rules.Date
		for i := range 4 {
			row++
			d := days[i]
			kind := rules.KindLesson
			switch {
			case admin && i%2 == 0:
				kind = rules.KindAdmin
			case rnd.IntN(3) == 0:
				kind = rules.KindSafety
			}
			t.Add(Entry{Date: d, Person: person, Kind: kind, Count: counts[rnd.IntN(2)], Class: "三年级2班",
				Src: Ref{File: "课时登记.xlsx", Sheet: "10月", Col: 5, Row: row}, Cols: cols})
			worked = d
		}
		if p%50 == 1 {
			rec := Record{Date: worked, Person: person, Src: Ref{File: "考核记录.xlsx", Sheet: "10月", Col: 4, Row: len(records) + 2}}
			switch n := rnd.IntN(10); {
			case n < 4:
				rec.Label = "早退"
			case n < 6:
				rec.Label = "交接违规"
			case n < 7:
				rec.Label, rec.Percent, rec.HasPercent = "家长投诉", decimal.New(int64(1+rnd.IntN(5)), -1), true
			case n < 8:
				rec.Label = "请假"
			default:
				rec.Label, rec.Amount, rec.HasAmount = "奖励", decimal.NewFromInt(int64(50*(1+rnd.IntN(4)))), true
			}
			records = append(records, rec)
		}
	}
	return t, records
}

// BenchmarkPayroll is calc.Payroll alone on the tally of a month of 250,000
// teachers of four rows each (benchMonth), the calculation phase of issue
// 20's `kfpay payroll` of 1M rows; making the tally is not timed.
func BenchmarkPayroll(b *testing.B) {
	r := rules.Default()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		t, records := benchMonth(b, r, 250_000)
		b.StartTimer()
		p, ps := Payroll(r, t, records)
		if p == nil {
			b.Fatal(ps.Errors())
		}
	}
}
