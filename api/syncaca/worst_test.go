package syncaca

import (
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// worstBodies are the most expensive request bodies within MaxBodySize this
// package's tests could build: each must cost Check at most 10 times its
// size in allocated bytes (an upper bound of the peak heap it adds), plus
// the decoded records the limits allow (4 MiB), and well under a second of
// CPU.
func worstBodies() []struct {
	name string
	body []byte
} {
	fill := func(prefix, unit, suffix string) []byte {
		n := (MaxBodySize - len(prefix) - len(suffix)) / len(unit)
		return []byte(strings.TrimSuffix(prefix+strings.Repeat(unit, n), ",") + suffix)
	}
	r := `{"firstName": "A", "lastName": "B", "phoneNumber": "2025550101", "postalCode": "33101", `
	bad := `{"firstName": 1, "lastName": 2, "phoneNumber": 3, "gender": "x", "maritalStatus": "y", "externalId": true},`
	return []struct {
		name string
		body []byte
	}{
		{"million-empty-records", fill(`{"records": [`, `{},`, `]}`)},
		{"zero-records", fill(`{"records": [`, `0,`, `]}`)},
		{"million-policies", fill(`{"records": [`+r+`"policies": [`, `{},`, `]}]}`)},
		{"million-custom-fields", fill(`{"records": [`+r+`"customFields": [`, `{},`, `]}]}`)},
		{"custom-field-array-of-numbers", fill(`{"records": [`+r+`"customFields": [{"key": "k", "value": [`, `0,`, `]}]}]}`)},
		{"unknown-members", fill(`{"records": [`+r+`"x": 0`, `,"":0`, `}]}`)},
		{"phone-of-16-MiB", fill(`{"records": [{"firstName": "A", "lastName": "B", "postalCode": "33101", "phoneNumber": "`, `5`, `"}]}`)},
		{"full-small-records", func() []byte {
			rec := `{"policies":[` + strings.TrimSuffix(strings.Repeat(`{},`, 10), ",") + `],"customFields":[` + strings.TrimSuffix(strings.Repeat(`{},`, 50), ",") + `]}`
			return []byte(`{"records":[` + strings.TrimSuffix(strings.Repeat(rec+",", 100), ",") + `]}`)
		}()},
		{"100-records-of-issues", []byte(`{"records": [` + strings.TrimSuffix(strings.Repeat(bad, 100), ",") + `]}`)},
	}
}

func cpuNanos() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// The request body is bounded in bytes, and the work done on it by the
// API's limits: no body within MaxBodySize costs Check more than 10 times
// its size or a second of CPU.
func TestWorstBodiesCostAtMostTenTimesTheirSize(t *testing.T) {
	if testing.Short() {
		t.Skip("16 MiB bodies")
	}
	for _, w := range worstBodies() {
		t.Run(w.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start, cpu := time.Now(), cpuNanos()
			_, err := Check(w.body, opts())
			took, cpuTook := time.Since(start), time.Duration(cpuNanos()-cpu)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes: allocated %d (%.2fx), %v wall, %v CPU: %.80v", len(w.body), alloc, float64(alloc)/float64(len(w.body)), took, cpuTook, err)
			// The records, policies and custom fields the limits allow cost
			// their structs and validated values whatever the body: about 2 MB
			// for 21 KB of {} (full-small-records); then 10 times the body.
			if alloc > 10*uint64(len(w.body))+4<<20 {

				t.Errorf("allocated %d bytes for a %d-byte body", alloc, len(w.body))
			}
			if !raceEnabled && cpuTook > time.Second {
				t.Errorf("took %v of CPU", cpuTook)
			}
		})
	}
}
