package main

import "testing"

// TestCollectorPace: the pace set after a collection from the live heap it
// found, worked out from the rule: a heap goal of 32 MiB while the live
// heap is under 16 MiB (GOGC at most 800, whose minimum heap is 8 × 4 MiB);
// GOGC 100 while twice the live heap is under the 160 MiB floor; above it
// the heap may grow to the floor or by half, whichever is more, and the
// memory limit is that heap goal.
func TestCollectorPace(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live      uint64
		percent   int
		limitMiB  int64
		situation string
	}{
		{0, 800, 160, "before the first collection: 32 MiB"},
		{2 * mib, 800, 160, "2 MiB × 9 is 18 MiB, under the minimum heap of 32 MiB"},
		{4 * mib, 700, 160, "a school's month, 4 MiB grows by 700% to 32 MiB"},
		{10 * mib, 220, 160, "10 MiB grows by 220% to 32 MiB"},
		{16 * mib, 100, 160, "16 MiB: twice it is 32 MiB"},
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
