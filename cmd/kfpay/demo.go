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

//go:embed demo
var demoFiles embed.FS

// writeDemo copies the demo workbooks into a temporary folder, so that the
// demo runs through the same readers as a bursar's files.
func writeDemo() (dir string, cleanup func(), err error) {
	dir, err = os.MkdirTemp("", "kfpay-demo-")
	if err != nil {
		return "", nil, err
	}
	cleanup = func() { os.RemoveAll(dir) }
	for _, name := range []string{demoSessions, demoRecords} {
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
