package sheet

import (
	"context"
	"testing"

	"kfpay/calc"
	"kfpay/rules"
)

// BenchmarkReadSessions reads a generated 100,000-row session log into a
// tally: the per-row work of the payroll, without the calculation and the
// writing.
func BenchmarkReadSessions(b *testing.B) {
	const n = 100_000
	sessions, _ := genMonth(b, b.TempDir(), n)
	r, m := rules.Default(), rules.Month{Year: 2026, Month: 10}
	b.ReportAllocs()
	for b.Loop() {
		tl := calc.NewTally(r, m)
		if _, problems := ReadSessions(context.Background(), sessions, "", r, tl); len(problems) > 0 {
			b.Fatal(problems)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
