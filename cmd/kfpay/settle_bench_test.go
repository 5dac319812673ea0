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
	"kfpay/sheet/synth"
)

// termSizes are the district terms of the settlement benchmarks: a roster
// of pupils pupils and five months (the built-in term's) of rows session
// rows each, 100,000 rows paying about 4,800 teachers, 1,000,000 about
// 48,500. The second is 10× the first: issue 20 allows 11× the time.
var termSizes = []struct{ pupils, rows int }{{10_000, 100_000}, {100_000, 1_000_000}}

// BenchmarkSettle runs `kfpay settle` on a generated roster and the payouts
// of five generated months, one for each month of the built-in term, with
// no other spending, and writes the three settlement workbooks. The 1,000,000-row months run with
// -bench1m. cpu-s/op is the CPU time of a run, steadier than the wall clock
// on a shared machine; testdata/bench/settle.sh measures the command, with
// its peak memory.
func BenchmarkSettle(b *testing.B) {
	for _, sz := range termSizes {
		b.Run(fmt.Sprintf("pupils=%d/rows=%d", sz.pupils, sz.rows), func(b *testing.B) {
			if sz.rows > 100_000 && !*bench1m {
				b.Skip("run with -bench1m")
			}
			dir := b.TempDir()
			args := []string{"settle", "--roster", benchRoster(b, dir, sz.pupils), "--no-expenses", "-o", filepath.Join(dir, "结算.xlsx")}
			for _, m := range rules.Default().Term.Months() {
				args = append(args, "--payouts", benchPayout(b, dir, sz.rows, m))
			}
			benchRun(b, args, exitOK, func() {
				// Each run writes the three workbooks anew, not beside
				// the last run's.
				for _, f := range []string{"结算.xlsx", "结算-退费通知单.xlsx", "结算-内部.xlsx"} {
					os.Remove(filepath.Join(dir, f))
				}
			})
		})
	}
}

// BenchmarkCheck runs `kfpay check` of a generated month's session log and
// records, and of a generated roster, at both sizes of termSizes.
func BenchmarkCheck(b *testing.B) {
	for _, sz := range termSizes {
		b.Run(fmt.Sprintf("rows=%d", sz.rows), func(b *testing.B) {
			if sz.rows > 100_000 && !*bench1m {
				b.Skip("run with -bench1m")
			}
			o, _ := benchMonth(b, b.TempDir(), sz.rows, rules.Month{Year: 2026, Month: 10})
			benchRun(b, []string{"check", "--month", o.month, "--sessions", o.sessions, "--records", o.records}, exitOK, nil)
		})
		b.Run(fmt.Sprintf("pupils=%d", sz.pupils), func(b *testing.B) {
			if sz.rows > 100_000 && !*bench1m {
				b.Skip("run with -bench1m")
			}
			benchRun(b, []string{"check", "--roster", benchRoster(b, b.TempDir(), sz.pupils)}, exitOK, nil)
		})
	}
}

// BenchmarkExplain runs `kfpay explain` of one teacher, the last of the
// log, in a generated month at both sizes of termSizes: the whole month is
// read and paid to explain one line.
func BenchmarkExplain(b *testing.B) {
	for _, sz := range termSizes {
		b.Run(fmt.Sprintf("rows=%d", sz.rows), func(b *testing.B) {
			if sz.rows > 100_000 && !*bench1m {
				b.Skip("run with -bench1m")
			}
			o, st := benchMonth(b, b.TempDir(), sz.rows, rules.Month{Year: 2026, Month: 10})
			last := fmt.Sprintf("S%03d-T%03d", st.Teachers/40+1, st.Teachers%40+1) // as synth names them
			benchRun(b, []string{"explain", "--teacher", last, "--month", o.month, "--sessions", o.sessions, "--records", o.records}, exitOK, nil)
		})
	}
}

// benchRun runs kfpay with args in a benchmark loop, each run to exit
// code, with reset (if not nil) before each run, and reports the CPU time
// of a run.
func benchRun(b *testing.B, args []string, code int, reset func()) {
	b.Helper()
	b.ReportAllocs()
	var cpu float64
	for b.Loop() {
		if reset != nil {
			reset()
		}
		start := cpuTime()
		var errs bytes.Buffer
		if got := run(context.Background(), args, nil, io.Discard, &errs); got != code {
			b.Fatalf("kfpay %s: exit %d, want %d\n%s", args[0], got, code, errs.String())
		}
		cpu += (cpuTime() - start).Seconds()
	}
	b.ReportMetric(cpu/float64(b.N), "cpu-s/op")
}

// benchRoster writes a generated roster of n pupils into dir and returns
// its path.
func benchRoster(b *testing.B, dir string, n int) string {
	b.Helper()
	path := filepath.Join(dir, fmt.Sprintf("学生名单-%d.xlsx", n))
	if _, err := synth.WriteRoster(context.Background(), path, n, rules.Default(), false); err != nil {
		b.Fatal(err)
	}
	return path
}

// benchMonth writes a generated month m of rows session rows into dir
// (synth.WriteSynthetic) and returns the options of its payroll, which
// writes 发放表-YYYY-MM.xlsx there, and what was generated.
func benchMonth(b *testing.B, dir string, rows int, m rules.Month) (payrollOptions, synth.GenStats) {
	b.Helper()
	o := payrollOptions{
		monthInputs: monthInputs{
			month:    m.String(),
			sessions: filepath.Join(dir, "课时登记-"+m.String()+".xlsx"),
			records:  filepath.Join(dir, "考核记录-"+m.String()+".xlsx"),
		},
		output: filepath.Join(dir, "发放表-"+m.String()+".xlsx"),
	}
	st, err := synth.WriteSynthetic(context.Background(), o.sessions, o.records, rows, m, rules.Default(), false)
	if err != nil {
		b.Fatal(err)
	}
	return o, st
}

// benchPayout pays a generated month m of rows session rows in dir and
// returns the payout's path.
func benchPayout(b *testing.B, dir string, rows int, m rules.Month) string {
	b.Helper()
	o, _ := benchMonth(b, dir, rows, m)
	if err := runPayroll(context.Background(), streams{out: io.Discard, err: io.Discard}, o); err != nil {
		b.Fatal(err)
	}
	// Only the payout is the settlement's input.
	os.Remove(o.sessions)
	os.Remove(o.records)
	return o.output
}
