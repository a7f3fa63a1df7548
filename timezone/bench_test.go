package timezone

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

var (
	sinkZone Zone
	sinkErr  error
	sinkStr  string
	sinkBool bool
)

// benchZIPs are 1024 listed ZIPs spread over the whole range, the same for both the table
// and the map benchmarks.
func benchZIPs(b *testing.B) []string {
	b.Helper()
	var all []string
	for z := 0; z < 100000; z++ {
		if _, ok := lookupZIP(z); ok {
			all = append(all, itoa5(z))
		}
	}
	out := make([]string, 1024)
	for i := range out {
		out[i] = all[(i*7919)%len(all)]
	}
	return out
}

// buildZIPMap builds the obvious alternative: a map of every listed ZIP to its zone name.
func buildZIPMap() map[string]string {
	m := make(map[string]string)
	for z := 0; z < 100000; z++ {
		if s, ok := lookupZIP(z); ok {
			m[itoa5(z)] = zoneNames[zipSets[s][0]]
		}
	}
	return m
}

func heapInUse() uint64 {
	var ms runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// BenchmarkForPostalCode is the embedded table; compare with BenchmarkForPostalCodeMap.
func BenchmarkForPostalCode(b *testing.B) {
	zips := benchZIPs(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkZone, sinkErr = ForPostalCode(zips[i&1023])
		i++
	}
	b.ReportMetric(float64(TableSize), "table-bytes") // after the loop: b.Loop resets metrics
}

// BenchmarkForPostalCodeMap is a map[string]string of all 41,059 ZIPs; map-bytes is the
// heap the map holds (measured around its construction).
func BenchmarkForPostalCodeMap(b *testing.B) {
	zips := benchZIPs(b)
	before := heapInUse()
	m := buildZIPMap()
	after := heapInUse()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		sinkStr = m[zips[i&1023]]
		i++
	}
	runtime.KeepAlive(m)
	b.ReportMetric(float64(after-before), "map-bytes")
}

func BenchmarkForPostalCodeShapes(b *testing.B) {
	for _, in := range []struct{ name, zip string }{
		{"zip5", "46320"},
		{"zip+4", "46320-1234"},
		{"zip9", "463201234"},
		{"ambiguous", "86004"},
		{"unknown", "00000"},
		{"military", "96201"},
		{"badformat", "4632O"},
		{"toolong", strings.Repeat("1", 300)},
	} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkZone, sinkErr = ForPostalCode(in.zip)
			}
		})
	}
}

func BenchmarkParse(b *testing.B) {
	for _, in := range []struct{ name, s string }{
		{"iana", "America/Indiana/Indianapolis"},
		{"link", "US/Eastern"},
		{"abbrev", "EST"},
		{"lowercase", "america/los_angeles"},
		{"spaces", "  Pacific\u00a0"},
		{"unknown", "Mars/Olympus_Mons"},
		{"toolong", strings.Repeat("a", 300)},
	} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkZone, sinkErr = Parse(in.s)
			}
		})
	}
}

// BenchmarkParseNaive is the obvious alternative: trim, lower-case (allocates) and look up
// a map of every accepted key.
func BenchmarkParseNaive(b *testing.B) {
	m := make(map[string]uint16, len(lookupKeys))
	for i, k := range lookupKeys {
		m[k] = lookupZones[i]
	}
	for _, in := range []struct{ name, s string }{
		{"iana", "America/Indiana/Indianapolis"},
		{"abbrev", "EST"},
		{"unknown", "Mars/Olympus_Mons"},
	} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkZone = Zone{i: m[strings.ToLower(strings.TrimSpace(in.s))]}
			}
		})
	}
}

// BenchmarkLoadLocation is what validating with the host's files would cost.
func BenchmarkLoadLocation(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, sinkErr = time.LoadLocation("America/Indiana/Indianapolis")
	}
}

func BenchmarkResolve(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, sinkErr = Resolve("EST", "46320")
	}
}

func BenchmarkMayContact(b *testing.B) {
	now := time.Date(2025, 7, 2, 18, 0, 0, 0, time.UTC)
	z := MustParse("America/Chicago")
	c, _ := PostalCandidates("36869")
	b.Run("one-zone", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkBool, _ = MayContact(now, z, "TX")
		}
	})
	b.Run("two-zones", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkBool, _ = c.MayContact(now, "AL")
		}
	})
	b.Run("unknown-state", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkBool, _ = MayContact(now, z, "")
		}
	})
}

func BenchmarkContactWindow(b *testing.B) {
	now := time.Date(2025, 7, 2, 18, 0, 0, 0, time.UTC)
	z := MustParse("America/Chicago")
	b.ReportAllocs()
	for b.Loop() {
		_, sinkErr = ContactWindow(z, "FL", now)
	}
}
