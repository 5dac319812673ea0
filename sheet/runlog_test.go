package sheet

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunLog: the record is created with its header on first use, each run
// appends a line and rewrites none, a last line cut short (a crash in the
// middle of a write) is ended before the next, and the lines read back.
func TestRunLog(t *testing.T) {
	dir := t.TempDir()
	at := time.Date(2026, time.October, 10, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	sum := strings.Repeat("ab", 32)
	rec := func(cmd string) RunRecord {
		return RunRecord{Time: at, Version: "0.1.0", Command: cmd,
			Inputs:  []RecordedFile{{Role: "课时登记", Path: "九月/课时登记；补.xlsx", SHA256: sum}},
			Outputs: []RecordedFile{{Role: "发放表", Path: "发放表-2026-09.xlsx", SHA256: sum}}, Totals: "人数 5\t实发合计 2423.00"}
	}
	appendOne := func(cmd string) {
		t.Helper()
		l, err := OpenRunLog(dir)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Append(rec(cmd)); err != nil {
			t.Fatal(err)
		}
	}
	appendOne("kfpay payroll --demo")
	path := filepath.Join(dir, RunLogName)
	first, _ := os.ReadFile(path)
	appendOne("kfpay slips 发放表-2026-09.xlsx")
	second, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(second), string(first)) {
		t.Fatal("the second run rewrote the first line")
	}
	// A line cut short, as a crash might leave it.
	if err := os.WriteFile(path, append(second, []byte("2026-10-10T09:00:00+08:00\t0.1.0\tkfpay ba")...), 0o644); err != nil {
		t.Fatal(err)
	}
	appendOne("kfpay bank 发放表-2026-09.xlsx --staff 教师名单.xlsx")

	records, problems, err := ReadRunLog(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 3 || len(problems) != 1 || problems[0].Ref.Row != 4 {
		t.Fatalf("%d records, problems %v: want the three runs and the cut line 4 reported", len(records), problems)
	}
	data, _ := os.ReadFile(path)
	if n := strings.Count(string(data), "时间\tkfpay 版本"); n != 1 {
		t.Errorf("%d header lines, want 1", n)
	}
	r := records[2]
	if r.Command != "kfpay bank 发放表-2026-09.xlsx --staff 教师名单.xlsx" || !r.Time.Equal(at) || r.Line != 5 ||
		len(r.Inputs) != 1 || r.Inputs[0].Path != "九月/课时登记;补.xlsx" || r.Inputs[0].SHA256 != sum ||
		r.Outputs[0].Role != "发放表" || r.Totals != "人数 5 实发合计 2423.00" {
		t.Errorf("record read back = %+v", r)
	}
}
