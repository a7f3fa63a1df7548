package conformance_test

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/carecycle/carerules/conformance"
)

// benchSuite runs the cases once per iteration against a fresh in-process
// service (the library's handlers over an empty book).
func benchSuite(b *testing.B, keep func(c conformance.Case) bool) {
	cases, err := conformance.LoadEmbedded()
	if err != nil {
		b.Fatal(err)
	}
	var sel []conformance.Case
	for _, c := range cases {
		if keep(c) {
			sel = append(sel, c)
		}
	}
	today := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		srv := httptest.NewServer(newService(today))
		r := &conformance.Runner{BaseURL: srv.URL, APIKey: "cc_bench", Prefix: "bench", Today: today, Client: srv.Client()}
		if _, err := r.Run(context.Background(), sel); err != nil {
			b.Fatal(err)
		}
		srv.Close()
	}
	b.ReportMetric(float64(len(sel)), "cases")
}

// BenchmarkSuite is the whole suite in process.
func BenchmarkSuite(b *testing.B) { benchSuite(b, func(conformance.Case) bool { return true }) }

// BenchmarkSuiteWithoutPayload leaves out the one case that sends 17 MiB
// (api-payload-too-large), to show what the rest costs.
func BenchmarkSuiteWithoutPayload(b *testing.B) {
	benchSuite(b, func(c conformance.Case) bool { return c.ID != "api-payload-too-large" })
}
