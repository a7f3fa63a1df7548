package carrier

import (
	"runtime"
	"testing"
	"time"
)

var sinkRegistry *Registry

// TestDefaultFootprint logs what building the embedded registry costs: the
// time of parse + New and the heap the registry keeps (live heap after a
// GC, with and without it). Run with -v; nothing is asserted beyond the
// build succeeding.
func TestDefaultFootprint(t *testing.T) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	entries, err := DefaultEntries()
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(entries)
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	entries = nil
	runtime.GC()
	runtime.ReadMemStats(&after)
	sinkRegistry = r
	t.Logf("Default build %v, %d carriers, retained heap %d KiB, allocated %d KiB in %d allocations",
		elapsed, len(r.carriers), (int64(after.HeapAlloc)-int64(before.HeapAlloc))/1024,
		(after.TotalAlloc-before.TotalAlloc)/1024, after.Mallocs-before.Mallocs)
	runtime.KeepAlive(r)
}
