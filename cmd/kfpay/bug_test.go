package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"kfpay/sheet/sheettest"
)

// panicWriter panics on the first write: a bug in kfpay stands in for
// every other, since no input may make kfpay panic.
type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("a bug in kfpay") }

// TestRunRecoversBug: a panic anywhere in a command reaches the one
// recover, in run, which says it is a bug of kfpay's, asks for a report and
// exits with exitBug. Here payroll panics printing its summary, after the
// payout is written.
func TestRunRecoversBug(t *testing.T) {
	dir := t.TempDir()
	var stderr bytes.Buffer
	code := run(context.Background(), []string{"payroll", "--demo", "-o", filepath.Join(dir, "发放表.xlsx")}, strings.NewReader(""), panicWriter{}, &stderr)
	if code != exitBug {
		t.Errorf("exit status %d, want %d", code, exitBug)
	}
	if msg := stderr.String(); !strings.HasPrefix(msg, "程序错误：a bug in kfpay\n") || !strings.Contains(msg, "交给维护人员") {
		t.Errorf("stderr =\n%s\nwant 程序错误 with the panic, and a request to report it", msg)
	}
	sheettest.OnlyFiles(t, dir, "发放表.xlsx")
}
