package syncaca

import (
	"encoding/json"
	"testing"
)

// reportCPU reports throughput per CPU second of the process (GC workers
// included): on a shared machine, wall time measures the neighbours too.
func reportCPU(b *testing.B, size int, cpu int64) {
	if used := cpuNanos() - cpu; used > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/float64(used)*1e3, "cpu-MB/s")
	}
}

// BenchmarkBody compares, on the 100-record sample, per CPU second: the
// one-pass decode (DecodeBytes: types, lengths, enums, text, limits), the
// whole of Check (the decode and every field rule: phone, date of birth,
// zone, plan code, carrier, status), and encoding/json decoding the same
// body into a plain struct, which checks nothing.
func BenchmarkBody(b *testing.B) {
	data := batch100(benchRec)
	type pol struct {
		HealthSherpaPolicyID, CarrierName, Status, EffectiveDate, PlanCode, MetalLevel string
	}
	type rec struct {
		FirstName, LastName, PhoneNumber, DateOfBirth, State, PostalCode, ExternalID string
		Policies                                                                     []pol
	}
	for _, bm := range []struct {
		name string
		f    func() error
	}{
		{"decode", func() error { _, err := DecodeBytes(data); return err }},
		{"check", func() error { _, err := Check(data, opts()); return err }},
		{"stdlib-struct", func() error {
			var v struct{ Records []rec }
			return json.Unmarshal(data, &v)
		}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			cpu := cpuNanos()
			for b.Loop() {
				if err := bm.f(); err != nil {
					b.Fatal(err)
				}
			}
			reportCPU(b, len(data), cpu)
		})
	}
}
