package main

import (
	"embed"
	"os"
	"path/filepath"
)

// The demo month: a school of 25 teachers and 3 duty leaders in September
// 2026, with every kind of discipline record. The workbooks are made by
// TestDemoWorkbooks (go test ./cmd/kfpay -run TestDemoWorkbooks -update).
const (
	demoMonth    = "2026-09"
	demoSessions = "课时登记-2026-09.xlsx"
	demoRecords  = "考核记录-2026-09.xlsx"
)

// The demo term: the default rules' 2026年秋季学期, the September month
// above and the four after it, each with its session log and records, and
// the term's roster and other spending (settle --demo).
const (
	demoRoster   = "学生名单.xlsx"
	demoExpenses = "支出明细.xlsx"
)

var demoTermMonths = []string{"2026-09", "2026-10", "2026-11", "2026-12", "2027-01"}

func demoSessionsOf(month string) string { return "课时登记-" + month + ".xlsx" }
func demoRecordsOf(month string) string  { return "考核记录-" + month + ".xlsx" }

//go:embed demo
var demoFiles embed.FS

// writeDemo copies the named demo workbooks into a temporary folder, so
// that the demo runs through the same readers as a bursar's files.
func writeDemo(names ...string) (dir string, cleanup func(), err error) {
	dir, err = os.MkdirTemp("", "kfpay-demo-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	for _, name := range names {
		data, err := demoFiles.ReadFile("demo/" + name)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, name), data, 0o644)
		}
		if err != nil {
			cleanup()
			return "", nil, err
		}
	}
	return dir, cleanup, nil
}
