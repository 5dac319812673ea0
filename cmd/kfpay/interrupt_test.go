package main

import (
	"context"
	"errors"
	"io"
	"os"
	"sync/atomic"
	"testing"

	"kfpay/sheet/sheettest"
)

// countdown is a context whose Err turns to context.Canceled at its n-th
// call: Ctrl-C at a chosen point of a run, the same point every time. (The
// readers and writers look at Err only; a count of 0 never cancels, and
// counts the calls.)
type countdown struct {
	context.Context
	n     int64
	calls atomic.Int64
}

func (c *countdown) Err() error {
	if k := c.calls.Add(1); c.n > 0 && k >= c.n {
		return context.Canceled
	}
	return nil
}

// TestPayrollInterrupted cancels payroll on a large generated log at points
// spread over the whole run, from the first rows read to the last look
// before the payout is renamed into place: each time payroll ends with
// context.Canceled (exit status 130, 已中断), and the folder holds the
// inputs and the payout the bursar already had, unchanged, and no
// temporary file.
func TestPayrollInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100,000-row log")
	}
	dir := t.TempDir()
	o := syntheticMonth(t, dir, 100_000)
	old := []byte("the payout the bursar already had")
	if err := os.WriteFile(o.output, old, 0o644); err != nil {
		t.Fatal(err)
	}
	s := streams{out: io.Discard, err: io.Discard}

	// A run that is not cancelled, to count its looks at the context.
	whole := &countdown{Context: context.Background()}
	if err := runPayroll(whole, s, o); err != nil {
		t.Fatal(err)
	}
	looks := whole.calls.Load()
	t.Logf("payroll looked at its context %d times", looks)
	// 100,000 rows read, 4,096 between looks: at least 24 looks.
	if looks < 24 {
		t.Fatalf("payroll looked at its context %d times, want one every 4,096 rows at least", looks)
	}
	if err := os.WriteFile(o.output, old, 0o644); err != nil { // as it was
		t.Fatal(err)
	}
	if err := os.Remove(o.output + ".1.bak"); err != nil {
		t.Fatal(err)
	}

	for _, n := range []int64{1, 2, looks / 2, looks - 1, looks} {
		ctx := &countdown{Context: context.Background(), n: n}
		err := runPayroll(ctx, s, o)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled at look %d of %d: runPayroll = %v, want context.Canceled", n, looks, err)
		}
		if code := exitCode(s, err); code != exitInterrupt {
			t.Errorf("cancelled at look %d: exit status %d, want %d", n, code, exitInterrupt)
		}
		sheettest.OnlyFiles(t, dir, "发放表.xlsx", "考核记录.xlsx", "课时登记.xlsx")
		if got, _ := os.ReadFile(o.output); string(got) != string(old) {
			t.Errorf("cancelled at look %d: the payout the bursar had was changed", n)
		}
	}
}
