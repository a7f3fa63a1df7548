package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// writeLargeFixture writes, into dir, a book of n customers (each with one
// ACA policy effective 2025-01-01) and a 100-record batch: 50 records of
// existing customers (by externalId) bringing a renewal, which terminates
// the old policy, 25 matched by healthSherpaCustomerId updating their
// policy, and 25 new customers. It returns the two paths.
func writeLargeFixture(tb testing.TB, dir string, n int) (book, batch string) {
	tb.Helper()
	book = filepath.Join(dir, "book.json")
	f, err := os.Create(book)
	require.NoError(tb, err)
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprint(w, `{"customers": [`)
	for i := range n {
		if i > 0 {
			w.WriteString(",\n")
		}
		fmt.Fprintf(w, `{"id": "c-%d", "externalId": "crm-%d", "healthSherpaCustomerId": "hsc-%d", "firstName": "First%d", "lastName": "Last%d", `+
			`"phoneNumber": "+1312%07d", "dateOfBirth": "1980-01-%02d", "state": "IL", "postalCode": "60601", "timezone": "America/Chicago", `+
			`"policies": [{"id": "p-%d", "policyType": "ACA", "status": "Active", "effectiveDate": "2025-01-01", "healthSherpaPolicyId": "hsp-%d", "carrierName": "Blue Cross and Blue Shield of Illinois"}]}`,
			i, i, i, i, i, 2000000+i, 1+i%28, i, i)
	}
	fmt.Fprint(w, "]}\n")
	require.NoError(tb, w.Flush())
	require.NoError(tb, f.Close())

	type pol map[string]any
	var recs []map[string]any
	for k := range 100 {
		i := k * (n / 100)
		r := map[string]any{"firstName": fmt.Sprintf("First%d", i), "lastName": fmt.Sprintf("Last%d", i),
			"phoneNumber": fmt.Sprintf("312%07d", 2000000+i), "postalCode": "60601", "state": "IL"}
		switch {
		case k < 50:
			r["externalId"] = fmt.Sprintf("crm-%d", i)
			r["policies"] = []pol{{"healthSherpaPolicyId": fmt.Sprintf("hsp-2026-%d", i), "carrierName": "BCBS", "status": "Active", "effectiveDate": "2026-01-01"}}
		case k < 75:
			r["healthSherpaCustomerId"] = fmt.Sprintf("hsc-%d", i)
			r["policies"] = []pol{{"healthSherpaPolicyId": fmt.Sprintf("hsp-%d", i), "status": "Pending"}}
		default:
			r["externalId"] = fmt.Sprintf("crm-new-%d", k)
			r["firstName"] = fmt.Sprintf("New%d", k)
			r["policies"] = []pol{{"healthSherpaPolicyId": fmt.Sprintf("hsp-new-%d", k), "carrierName": "Oscar Health", "status": "Active", "effectiveDate": "2026-01-01"}}
		}
		recs = append(recs, r)
	}
	data, err := json.Marshal(map[string]any{"records": recs})
	require.NoError(tb, err)
	batch = filepath.Join(dir, "batch.json")
	require.NoError(tb, os.WriteFile(batch, data, 0o644))
	return book, batch
}

// BenchmarkSyncLargeBook is the performance target: a 100-record
// batch against 100,000 existing customers, from the JSON files to the
// printed response, through the CLI's run (reading and indexing the book
// is part of every iteration).
func BenchmarkSyncLargeBook(b *testing.B) {
	book, batch := writeLargeFixture(b, b.TempDir(), 100_000)
	args := []string{"sync", "--existing", book, "--today", "2026-11-21", batch}
	if code := run(args, io.Discard, os.Stderr); code != 0 {
		b.Fatalf("exit %d", code)
	}
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		run(args, io.Discard, io.Discard)
	}
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// TestSyncLargeBookShape checks the fixture's decisions on a smaller book
// (1,000 customers): 100 succeeded, 50 renewals each terminating one policy.
func TestSyncLargeBookShape(t *testing.T) {
	book, batch := writeLargeFixture(t, t.TempDir(), 1000)
	out, errOut, code := runCLI("sync", "--existing", book, "--today", "2026-11-21", batch)
	require.Equal(t, 0, code, errOut)
	var resp struct {
		Succeeded int
		Results   []struct {
			Policies []struct{ Action string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &resp))
	require.Equal(t, 100, resp.Succeeded)
	counts := map[string]int{}
	for _, r := range resp.Results {
		for _, p := range r.Policies {
			counts[p.Action]++
		}
	}
	require.Equal(t, map[string]int{"created": 75, "terminated": 50, "updated": 25}, counts)
}

// measure is used by TestLargeBookTiming (run with -run LargeBookTiming -v).
func TestLargeBookTiming(t *testing.T) {
	if testing.Short() || os.Getenv("CARERULES_TIMING") == "" {
		t.Skip("set CARERULES_TIMING=1 to time a 100-record batch against 100,000 customers")
	}
	book, batch := writeLargeFixture(t, t.TempDir(), 100_000)
	st, _ := os.Stat(book)
	for range 5 {
		start, cpu := time.Now(), cpuTime()
		code := run([]string{"sync", "--existing", book, "--today", "2026-11-21", batch}, io.Discard, io.Discard)
		t.Logf("exit %d, book %.1f MB, wall %v, CPU %v", code, float64(st.Size())/1e6, time.Since(start).Round(time.Millisecond), (cpuTime() - cpu).Round(time.Millisecond))
	}
}
