package timezone

import (
	"sync"
	"testing"
	"time"
)

// TestConcurrentUse exercises the lazily built lookup map and the location cache from many
// goroutines at once; run with -race.
func TestConcurrentUse(t *testing.T) {
	now := time.Date(2025, 7, 2, 18, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 1; i < numZones; i += 8 {
				z := Zone{i: uint16(i)}
				if p, err := Parse(z.String()); err != nil || p != z {
					t.Errorf("Parse(%s) = %v, %v", z, p, err)
					return
				}
				if _, err := z.Location(); err != nil {
					t.Error(err)
					return
				}
			}
			for _, zip := range []string{"10001", "86004", "46320"} {
				r, err := Resolve("", zip)
				if err != nil {
					t.Error(err)
					return
				}
				r.Candidates.MayContact(now, []string{"", "FL", "TX", "MS"}[g%4])
			}
		}(g)
	}
	wg.Wait()
}
