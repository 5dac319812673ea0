package main

import (
	"bytes"
	"testing"
	"time"
)

// TestProgress checks that a read shows nothing in its first second, then
// the row reached at most five times a second, and that done clears the line.
func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	clock := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	p := &progress{w: &buf, on: true, now: func() time.Time { return clock }}
	report := p.reporter("课时登记.xlsx")
	for _, step := range []struct {
		after time.Duration
		row   int
		want  string
	}{
		{500 * time.Millisecond, 16384, ""},
		{600 * time.Millisecond, 32768, "\r正在读取 课时登记.xlsx：第 32768 行，共 100001 行（32%）\033[K"},
		{100 * time.Millisecond, 49152, ""}, // too soon to redraw
		{200 * time.Millisecond, 65536, "\r正在读取 课时登记.xlsx：第 65536 行，共 100001 行（65%）\033[K"},
		// Past a stale dimension's last row: the row alone, no 101%.
		{200 * time.Millisecond, 100002, "\r正在读取 课时登记.xlsx：第 100002 行\033[K"},
	} {
		buf.Reset()
		clock = clock.Add(step.after)
		report(step.row, 100001)
		if got := buf.String(); got != step.want {
			t.Errorf("at row %d: wrote %q, want %q", step.row, got, step.want)
		}
	}
	buf.Reset()
	p.done()
	if got := buf.String(); got != "\r\033[K" {
		t.Errorf("done wrote %q, want the line cleared", got)
	}
}

// TestProgressOffWhenPiped checks that nothing is shown on a stream that is
// not a terminal.
func TestProgressOffWhenPiped(t *testing.T) {
	var buf bytes.Buffer
	if opt := newProgress(&buf).reading("课时登记.xlsx"); opt != nil {
		t.Error("reading returned a progress option for a stream that is not a terminal")
	}
}
