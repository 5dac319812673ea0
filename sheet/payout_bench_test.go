package sheet

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"kfpay/calc"
)

// BenchmarkWritePayout writes the payout workbook of a district month of
// 50,000 teachers (the people of a 1,000,000-row session log), the worked
// example's five lines over and over under new 工号: the writer alone,
// without reading or calculating.
func BenchmarkWritePayout(b *testing.B) { benchmarkWritePayout(b, 50_000) }

// BenchmarkWritePayout250k is BenchmarkWritePayout for the 250,000
// teachers of a month of four rows a teacher (issue 20).
func BenchmarkWritePayout250k(b *testing.B) { benchmarkWritePayout(b, 250_000) }

func benchmarkWritePayout(b *testing.B, people int) {
	p := workedExample()
	lines := make([]calc.Line, people)
	for i := range lines {
		lines[i] = p.Lines[i%len(p.Lines)]
		lines[i].ID = fmt.Sprintf("S%03d-T%03d", i/40+1, i%40+1)
	}
	p.Lines = lines
	path := filepath.Join(b.TempDir(), "发放表.xlsx")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := WritePayout(context.Background(), path, p, workedMeta(), true); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(people)*float64(b.N)/b.Elapsed().Seconds(), "people/s")
}
