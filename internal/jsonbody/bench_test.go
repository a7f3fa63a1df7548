package jsonbody

import (
	"encoding/json"
	"runtime"
	"strings"
	"testing"
	"time"
)

// benchRec is the record of the sync endpoint's benchmarks.
const benchRec = `{"firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "dateOfBirth": "02/29/1980", "state": "FL",
	"postalCode": "33101", "externalId": "crm-1001", "policies": [{"healthSherpaPolicyId": "hsp-1", "carrierName": "BCBS", "status": "Active",
	"effectiveDate": "2026-01-01", "planCode": "12345FL0010002", "metalLevel": "Silver"}]}`

func batch100(rec string) []byte {
	return []byte(`{"records": [` + strings.TrimSuffix(strings.Repeat(rec+",", 100), ",") + `]}`)
}

// reportCPU reports throughput in bytes per CPU second of the process (GC
// workers included): on a shared machine, wall time measures the
// neighbours too.
func reportCPU(b *testing.B, size int, cpu int64) {
	if used := cpuNanos() - cpu; used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/float64(used)*1e3, "cpu-MB/s")
	}
}

// BenchmarkDecode decodes and checks the shape of a 100-record sync body
// (types, lengths, enums, text validity, limits).
func BenchmarkDecode(b *testing.B) {
	data := batch100(benchRec)
	sc := syncSchema()
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	cpu := cpuNanos()
	for b.Loop() {
		res, err := Decode(data, sc)
		if err != nil || res.Total != 0 {
			b.Fatal(err, res.Issues)
		}
	}
	reportCPU(b, len(data), cpu)
}

// BenchmarkDecodeStdlibStruct is the obvious alternative: json.Unmarshal
// into a plain struct, which checks nothing (no null vs absent, numeric
// identifiers fail, invalid text repaired, no limits).
func BenchmarkDecodeStdlibStruct(b *testing.B) {
	data := batch100(benchRec)
	type pol struct {
		HealthSherpaPolicyID, CarrierName, Status, EffectiveDate, PlanCode, MetalLevel string
	}
	type rec struct {
		FirstName, LastName, PhoneNumber, DateOfBirth, State, PostalCode, ExternalID string
		Policies                                                                     []pol
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	cpu := cpuNanos()
	for b.Loop() {
		var v struct{ Records []rec }
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, len(data), cpu)
}

// BenchmarkDecodeStdlibAny is what the sync endpoint did before: decode into
// map[string]any with UseNumber (the shape checks come on top).
func BenchmarkDecodeStdlibAny(b *testing.B) {
	data := batch100(benchRec)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	cpu := cpuNanos()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, len(data), cpu)
}

// worstBodies are the most expensive bodies within 16 MiB this package's
// authors could build: each is rejected (or, for the unknown members,
// kept), and must cost at most 10 times its size and well under a second.
func worstBodies() []struct {
	name string
	body []byte
} {
	const size = 16 << 20
	fill := func(prefix, unit, suffix string) []byte {
		n := (size - len(prefix) - len(suffix)) / len(unit)
		s := prefix + strings.Repeat(unit, n)
		s = strings.TrimSuffix(s, ",") + suffix
		return []byte(s)
	}
	r := `{"firstName": "A", "lastName": "B", "phoneNumber": "2025550101", "postalCode": "33101", `
	return []struct {
		name string
		body []byte
	}{
		{"empty-records", fill(`{"records": [`, `{},`, `]}`)},
		{"zero-records", fill(`{"records": [`, `0,`, `]}`)},
		{"million-policies", fill(`{"records": [`+r+`"policies": [`, `{},`, `]}]}`)},
		{"million-custom-fields", fill(`{"records": [`+r+`"customFields": [`, `{},`, `]}]}`)},
		{"custom-field-array-of-numbers", fill(`{"records": [`+r+`"customFields": [{"key": "k", "value": [`, `0,`, `]}]}]}`)},
		{"unknown-members", fill(`{"records": [`+r+`"x": 0`, `,"":0`, `}]}`)},
		{"unknown-members-invalid-text", fill(`{"records": [`+r+`"x": 0`, `,"":"\u0000"`, `}]}`)},
		{"100-records-of-unknown-members", []byte(`{"records": [` + strings.TrimSuffix(strings.Repeat(r+`"x": 0`+strings.Repeat(`,"":0`, (size/100-200)/5)+`},`, 100), ",") + `]}`)},
		{"escaped-strings", fill(`{"records": [`+r+`"x": "`, `\u00e9`, `"}]}`)},
		{"full-small-records", func() []byte {
			rec := `{"policies":[` + strings.TrimSuffix(strings.Repeat(`{},`, 10), ",") + `],"customFields":[` + strings.TrimSuffix(strings.Repeat(`{},`, 50), ",") + `]}`
			return []byte(`{"records":[` + strings.TrimSuffix(strings.Repeat(rec+",", 100), ",") + `]}`)
		}()},
		{"deep-nesting", []byte(`{"records": [` + r + `"x": ` + strings.Repeat("[", 9996) + strings.Repeat("]", 9996) + `}]}`)},
	}
}

// TestWorstBodiesAreBounded decodes each worst body and checks its cost:
// bytes allocated (an upper bound of the decode's peak heap) at most 10
// times the body plus the decoded objects the limits allow (2 MiB), and CPU
// time under a second (not checked under the race
// detector, which slows everything; CPU time, because wall time on a shared
// machine measures the neighbours).
func TestWorstBodiesAreBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("16 MiB bodies")
	}
	sc := syncSchema()
	for _, w := range worstBodies() {
		t.Run(w.name, func(t *testing.T) {
			if len(w.body) > 16<<20 {
				t.Fatalf("body of %d bytes is over the limit", len(w.body))
			}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			start, cpu := time.Now(), cpuNanos()
			res, err := Decode(w.body, sc)
			took, cpuTook := time.Since(start), time.Duration(cpuNanos()-cpu)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			alloc := after.TotalAlloc - before.TotalAlloc
			t.Logf("%d bytes, %d issues (%d kept), allocated %d bytes (%.2fx), %v (CPU %v)", len(w.body), res.Total, len(res.Issues), alloc, float64(alloc)/float64(len(w.body)), took, cpuTook)
			// The decoded objects are bounded by the limits, not the body:
			// a small body of every record, policy and custom field the
			// limits allow costs them (under 2 MiB) on top.
			if alloc > 10*uint64(len(w.body))+2<<20 {
				t.Errorf("allocated %d bytes for a %d-byte body", alloc, len(w.body))
			}
			if !raceEnabled && cpuTook > time.Second {
				t.Errorf("took %v of CPU", cpuTook)
			}
		})
	}
}

// BenchmarkWorstBodies reports the cost of each worst body.
func BenchmarkWorstBodies(b *testing.B) {
	sc := syncSchema()
	for _, w := range worstBodies() {
		b.Run(w.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(w.body)))
			for b.Loop() {
				if _, err := Decode(w.body, sc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
