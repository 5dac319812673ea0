package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
)

// TestDoubleClickArgs: double-clicked in Explorer with no arguments, kfpay
// serves the page in the exe's folder; every other start runs what was
// typed.
func TestDoubleClickArgs(t *testing.T) {
	for _, c := range []struct {
		args       []string
		byExplorer bool
		want       []string
	}{
		{nil, true, []string{"serve", `C:\工资`}},
		{[]string{}, true, []string{"serve", `C:\工资`}},
		{nil, false, nil}, // a terminal: the help, as before
		{[]string{"payroll", "--demo"}, true, []string{"payroll", "--demo"}}, // a shortcut with arguments
		{[]string{"check"}, false, []string{"check"}},
	} {
		if got := doubleClickArgs(c.args, c.byExplorer, `C:\工资`); !slices.Equal(got, c.want) {
			t.Errorf("doubleClickArgs(%q, %v) = %q, want %q", c.args, c.byExplorer, got, c.want)
		}
	}
}

// TestLaunch: from a terminal, no arguments print the help and succeed; in
// a window of its own a failure waits for Enter before the window closes.
func TestLaunch(t *testing.T) {
	var out, errs bytes.Buffer
	if code := launch(context.Background(), nil, false, strings.NewReader(""), &out, &errs); code != exitOK {
		t.Fatalf("launch() = %d, want 0: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "kfpay 按学校课后服务方案计算") || strings.Contains(errs.String(), "回车") {
		t.Errorf("launch() from a terminal printed\n%s\n%s\nwant the help and no prompt", out.String(), errs.String())
	}
	out.Reset()
	errs.Reset()
	if code := launch(context.Background(), []string{"payroll"}, true, strings.NewReader("\n"), &out, &errs); code != exitBadInput {
		t.Fatalf("launch(payroll) by Explorer = %d, want %d", code, exitBadInput)
	}
	if !strings.HasSuffix(errs.String(), "按回车键关闭此窗口。\n") {
		t.Errorf("a failure in a window of its own printed %q, want it to end asking for Enter", errs.String())
	}
}
