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
	return syntheticMonthOf(t, dir, synth.Size{Rows: n})
}

// syntheticMonthOf is syntheticMonth of a month of size sz.
func syntheticMonthOf(t testing.TB, dir string, sz synth.Size) payrollOptions {
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
	if _, err := synth.Write(context.Background(), o.sessions, o.records, sz, m, rules.Default(), false); err != nil {
		t.Fatal(err)
	}
	return o
}

// BenchmarkPayroll runs the whole monthly payroll, read, calculation and
// write, as `kfpay payroll` does, on a generated district month of 10k, 100k
// and (with -bench1m) 1M session rows, and 1M rows of 250,000 teachers of
// four rows each (kfpay gen --rows 1000000 --per-teacher 4), whose payout
// is five times as long. rows/s is session rows per second of
// the whole run; B/op is what it allocated. testdata/bench/run.sh measures
// the command itself, with its peak memory, against the peers.
func BenchmarkPayroll(b *testing.B) {
	sizes := []synth.Size{{Rows: 2_000}, {Rows: 10_000}, {Rows: 100_000}, {Rows: 1_000_000}, {Rows: 1_000_000, PerTeacher: 4}}
	for _, sz := range sizes {
		name := fmt.Sprintf("rows=%d", sz.Rows)
		if sz.PerTeacher > 0 {
			name += fmt.Sprintf("/teachers=%d", sz.Rows/sz.PerTeacher)
		}
		n := sz.Rows
		b.Run(name, func(b *testing.B) {
			if n > 100_000 && !*bench1m {
				b.Skip("run with -bench1m")
			}
			o := syntheticMonthOf(b, b.TempDir(), sz)
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
