//go:build linux

package carrier

import (
	"os"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"
)

// threadCPU is the CPU time (user + system) of the calling OS thread.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	const rusageThread = 1 // RUSAGE_THREAD
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestCPUCost reports the CPU time per Resolve of the benchmark inputs,
// measured on the thread's CPU clock: unlike the benchmarks' wall time, it
// does not count the time the thread waits for a busy machine. Median of 5
// rounds of about 0.2 s each. Run with CARRIER_CPUCOST=1 go test -run
// TestCPUCost -v ./carrier.
func TestCPUCost(t *testing.T) {
	if os.Getenv("CARRIER_CPUCOST") == "" {
		t.Skip("set CARRIER_CPUCOST=1 to measure")
	}
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	inputs := append(slices.Clone(benchInputs),
		struct{ name, input string }{"NonASCII", "Mútual of Ómaha"})
	for _, in := range inputs {
		q := Query{Name: in.input}
		n := 1000
		for {
			start := threadCPU()
			for range n {
				sinkMatch, sinkErr = r.Resolve(q)
			}
			if threadCPU()-start > 50*time.Millisecond {
				break
			}
			n *= 2
		}
		var rounds []float64
		for range 5 {
			runtime.GC()
			start := threadCPU()
			for range 4 * n {
				sinkMatch, sinkErr = r.Resolve(q)
			}
			rounds = append(rounds, float64(threadCPU()-start)/float64(4*n))
		}
		slices.Sort(rounds)
		t.Logf("%-15s %8.0f CPU-ns/op (median of 5; min %.0f, max %.0f)", in.name, rounds[2], rounds[0], rounds[4])
	}
	start := threadCPU()
	for range 20 {
		entries, _ := DefaultEntries()
		if _, err := New(entries); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%-15s %8.2f CPU-ms/op (parse + New, mean of 20)", "Default", float64(threadCPU()-start)/20/1e6)
}
