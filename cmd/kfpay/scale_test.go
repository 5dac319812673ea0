package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"kfpay/rules"
	"kfpay/sheet/synth"
)

// TestPayrollSameBytesAtScale runs the payroll of a generated 100,000-row
// month twice: a payout of 5,000 teachers, its four sheets streamed, must
// come out the same bytes each time (SPEC 5), whatever order excelize keeps
// its streams in.
func TestPayrollSameBytesAtScale(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100,000-row month")
	}
	dir := t.TempDir()
	in := monthInputs{
		month:    "2026-10",
		sessions: filepath.Join(dir, "课时登记.xlsx"),
		records:  filepath.Join(dir, "考核记录.xlsx"),
	}
	m, _ := rules.ParseMonth(in.month)
	if _, err := synth.WriteSynthetic(context.Background(), in.sessions, in.records, 100_000, m, rules.Default(), false); err != nil {
		t.Fatal(err)
	}
	var outs [2][]byte
	for i := range outs {
		o := payrollOptions{monthInputs: in, output: filepath.Join(dir, "发放表.xlsx"), force: true}
		if err := runPayroll(context.Background(), streams{out: io.Discard, err: io.Discard}, o); err != nil {
			t.Fatal(err)
		}
		var err error
		if outs[i], err = os.ReadFile(o.output); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two payrolls of the same 100,000-row month wrote different bytes")
	}
}
