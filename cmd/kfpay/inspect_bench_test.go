package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"kfpay/rules"
)

// BenchmarkInspect runs `kfpay dump` on the payout of a generated district
// month, and `kfpay diff` of that payout against the same month paid with
// a performance fee of 6.00 instead of 5.00 a lesson (every teacher's row
// changed: the longest diff there is) and against a copy of itself
// (nothing changed: the reading alone). The months are of 100,000 session
// rows (4,845 teachers) and, with -bench1m, 1,000,000 rows (48,550
// teachers): 10× the input must cost no more than 11× the time. cpu-s/op
// is the CPU time of a run, steadier than the wall clock on a shared
// machine. testdata/bench/README.md says how to measure the commands
// themselves, with their peak memory.
func BenchmarkInspect(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			if n > 100_000 && !*bench1m {
				b.Skip("run with -bench1m")
			}
			payout, changed := benchPayouts(b, n)
			same := filepath.Join(b.TempDir(), "发放表-副本.xlsx")
			copyFileB(b, payout, same)
			for _, tc := range []struct {
				name string
				args []string
				code int
			}{
				{"dump", []string{"dump", payout}, exitOK},
				{"diff-changed", []string{"diff", payout, changed}, exitDifferent},
				{"diff-same", []string{"diff", payout, same}, exitOK},
			} {
				b.Run(tc.name, func(b *testing.B) {
					b.ReportAllocs()
					cpu := cpuTime()
					for b.Loop() {
						var errs bytes.Buffer
						if code := run(context.Background(), tc.args, nil, io.Discard, &errs); code != tc.code {
							b.Fatalf("kfpay %s: exit %d, want %d\n%s", tc.name, code, tc.code, errs.String())
						}
					}
					b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
				})
			}
		})
	}
}

// benchPayouts pays a generated month of n session rows twice, with the
// built-in rules and with the performance fee raised to 6.00, and returns
// the two payouts.
func benchPayouts(b *testing.B, n int) (payout, changed string) {
	b.Helper()
	dir := b.TempDir()
	o := syntheticMonth(b, dir, n)
	s := streams{out: io.Discard, err: io.Discard}
	if err := runPayroll(context.Background(), s, o); err != nil {
		b.Fatal(err)
	}
	fee := bytes.Replace(rules.DefaultFile(), []byte(`amount = "5.00"`), []byte(`amount = "6.00"`), 1)
	if bytes.Equal(fee, rules.DefaultFile()) {
		b.Fatal(`the built-in rules have no amount = "5.00" to change`)
	}
	payout = o.output
	o.rules, o.output = filepath.Join(dir, "rules.toml"), filepath.Join(dir, "发放表-6元.xlsx")
	if err := os.WriteFile(o.rules, fee, 0o644); err != nil {
		b.Fatal(err)
	}
	if err := runPayroll(context.Background(), s, o); err != nil {
		b.Fatal(err)
	}
	return payout, o.output
}

func copyFileB(b *testing.B, from, to string) {
	b.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		b.Fatal(err)
	}
}
