//go:build unix

package xlsx

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used, user and system, all
// threads.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
