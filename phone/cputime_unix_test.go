//go:build unix

package phone

import (
	"syscall"
	"testing"
)

// cpuClock measures the process's CPU time (user + system, every thread, so the
// garbage collector's work is counted) across a benchmark loop. On the shared 2-core
// development machine other engineers' processes inflate wall-clock ns/op by a factor
// that changes from run to run; CPU time per operation is much steadier, and it is what
// the fast/regexp ratios are read from.
type cpuClock struct {
	start int64
	ok    bool
}

func startCPU() cpuClock {
	t, ok := processCPU()
	return cpuClock{t, ok}
}

// report adds the metric cpu-ns/op; call it after the b.Loop loop.
func (c cpuClock) report(b *testing.B) {
	if end, ok := processCPU(); c.ok && ok && b.N > 0 {
		b.ReportMetric(float64(end-c.start)/float64(b.N), "cpu-ns/op")
	}
}

func processCPU() (int64, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}
