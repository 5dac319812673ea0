package main

import "testing"

// TestCollectorPace: the pace set after a collection from the live heap it
// found, worked out from the rule: GOGC 100 while twice the live heap is
// under the 160 MiB floor; above it the heap may grow to the floor or by
// half, whichever is more, and the memory limit is that heap goal.
func TestCollectorPace(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live      uint64
		percent   int
		limitMiB  int64
		situation string
	}{
		{0, 100, 160, "before the first collection"},
		{10 * mib, 100, 160, "a school's month"},
		{80 * mib, 100, 160, "twice the live heap at the floor"},
		{100 * mib, 60, 160, "100 MiB may grow to the floor, 60%"},
		{128 * mib, 50, 192, "128 MiB would grow 25% to the floor: half instead, 192 MiB"},
		{400 * mib, 50, 600, "250,000 teachers: half again, 600 MiB"},
	} {
		if got := gcPercent(c.live); got != c.percent {
			t.Errorf("%s: gcPercent(%d MiB) = %d, want %d", c.situation, c.live/mib, got, c.percent)
		}
		if got := memoryLimit(c.live); got != c.limitMiB*mib {
			t.Errorf("%s: memoryLimit(%d MiB) = %d MiB, want %d", c.situation, c.live/mib, got/mib, c.limitMiB)
		}
	}
}
