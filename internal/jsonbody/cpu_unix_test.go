//go:build unix

package jsonbody

import "syscall"

// cpuNanos returns the CPU time (user + system) the process has used: on
// a shared machine, wall time measures the neighbours too.
func cpuNanos() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
