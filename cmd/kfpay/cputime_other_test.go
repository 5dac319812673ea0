//go:build !unix

package main

import "time"

// cpuTime is zero where getrusage does not exist (Windows): the benchmarks
// then report no CPU time, and the tests still build there, as the release
// does.
func cpuTime() time.Duration { return 0 }
