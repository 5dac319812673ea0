package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"testing"

	"kfpay/rules"
	"kfpay/sheet/synth"
)

var bench1m = flag.Bool("bench1m", false, "also run the 1,000,000-row payroll benchmark (issue 7)")

// syntheticMonth writes a generated district month of n session rows into
// dir (synth.WriteSynthetic) and returns the options of its payroll, which
// writes 发放表.xlsx there, with --force.
func syntheticMonth(t testing.TB, dir string, n int) payrollOptions {
	t.Helper()
	o := payrollOptions{
		monthInputs: monthInputs{
			month:    "2026-10",
			sessions: filepath.Join(dir, "课时登记.xlsx"),
			records:  filepath.Join(dir, "考核记录.xlsx"),
		},
		output: filepath.Join(dir, "发放表.xlsx"),
		force:  true,
	}
	m, _ := rules.ParseMonth(o.month)
	if _, err := synth.WriteSynthetic(context.Background(), o.sessions, o.records, n, m, rules.Default(), false); err != nil {
		t.Fatal(err)
	}
	return o
}

// BenchmarkPayroll runs the whole monthly payroll, read, calculation and
// write, as `kfpay payroll` does, on a generated district month of 10k, 100k
// and (with -bench1m) 1M session rows. rows/s is session rows per second of
// the whole run; B/op is what it allocated. testdata/bench/run.sh measures
// the command itself, with its peak memory, against the peers.
func BenchmarkPayroll(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			if n > 100_000 && !*bench1m {
				b.Skip("run with -bench1m")
			}
			o := syntheticMonth(b, b.TempDir(), n)
			s := streams{out: io.Discard, err: io.Discard}
			b.ReportAllocs()
			for b.Loop() {
				if err := runPayroll(context.Background(), s, o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
