package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/stretchr/testify/require"
)

// addrWriter is serve's stderr in the load check: it reports the address
// and drops the access lines.
type addrWriter struct {
	mu   gosync.Mutex
	buf  []byte
	addr chan string
}

func (w *addrWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.addr == nil {
		return len(p), nil
	}
	w.buf = append(w.buf, p...)
	if _, rest, ok := strings.Cut(string(w.buf), "listening on http://"); ok {
		if addr, _, ok := strings.Cut(rest, "\n"); ok {
			w.addr <- addr
			w.addr, w.buf = nil, nil
		}
	}
	return len(p), nil
}

// loadResult is what a load run measured.
type loadResult struct {
	requests, errors               int64
	recordsSent, succeeded, failed int64
	syncs, creates                 int64
	elapsed                        time.Duration
	latencies                      []time.Duration
}

func (r *loadResult) percentile(p float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[min(len(r.latencies)-1, int(float64(len(r.latencies))*p))]
}

const loadRecordsPerSync = 5

// loadSyncBody is a sync of loadRecordsPerSync records: new customers, each
// with one new ACA policy, and one record that claims the sample book's
// policy FB-778001 (customer c-001's) for a new person: a policy conflict
// that fails only that record.
func loadSyncBody(client, n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"records":[`)
	for i := range loadRecordsPerSync - 1 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"firstName":"Load","lastName":"Client%d","phoneNumber":"(305) 555-%04d","externalId":"load-%d-%d-%d","postalCode":"33101",`+
			`"policies":[{"healthSherpaPolicyId":"hsp-load-%d-%d-%d","carrierName":"Florida Blue","status":"active","effectiveDate":"2026-01-01"}]}`,
			client, (n*7+i)%10000, client, n, i, client, n, i)
	}
	fmt.Fprintf(&b, `,{"firstName":"Load","lastName":"Conflict","phoneNumber":"3055550199","externalId":"load-x-%d-%d","postalCode":"33101",`+
		`"policies":[{"carrierAssignedPolicyId":"FB-778001"}]}]}`, client, n)
	return b.Bytes()
}

// runLoad starts carerules serve on 127.0.0.1:0 over a copy of the sample
// book, runs clients concurrent clients for d (every fourth request a
// create-policy, the others syncs), stops the server, and checks the book
// written back against what the responses said.
func runLoad(tb testing.TB, clients int, d time.Duration) *loadResult {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(syncData, "existing.json"))
	require.NoError(tb, err)
	path := filepath.Join(tb.TempDir(), "book.json")
	require.NoError(tb, os.WriteFile(path, data, 0o644))
	initial, err := loadBook(path)
	require.NoError(tb, err)
	c0, p0 := initial.Len()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1) // read here, not through stderr.addr, which Write clears under its lock
	stderr := &addrWriter{addr: addrc}
	done := make(chan int, 1)
	go func() {
		done <- serveUntil(ctx, []string{"--existing", path, "--addr", "127.0.0.1:0", "--today", "2026-11-21", "--write-back"}, io.Discard, stderr)
	}()
	var base string
	select {
	case a := <-addrc:
		base = "http://" + a
	case <-time.After(10 * time.Second):
		tb.Fatal("serve did not listen")
	}
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	defer tr.CloseIdleConnections()

	res := &loadResult{}
	var mu gosync.Mutex
	var wg gosync.WaitGroup
	stop := time.Now().Add(d)
	start := time.Now()
	for c := range clients {
		wg.Go(func() {
			var lat []time.Duration
			var requests, errs, sent, ok, failed, syncs, creates int64
			for n := 0; time.Now().Before(stop); n++ {
				create := n%4 == 3
				url, body := base+"/v2/sync/aca", loadSyncBody(c, n)
				if create {
					url = base + "/v2/customers/c-0" + fmt.Sprintf("%02d", 1+(c+n)%20) + "/policies"
					body = []byte(`{"policyType":"MS","planCode":"Plan G","carrierName":"Mutual of Omaha","policyLives":1}`)
				}
				req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
				req.Header.Set("x-api-key", "cc_load")
				t0 := time.Now()
				resp, err := hc.Do(req)
				if err != nil {
					errs++
					continue
				}
				out, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat = append(lat, time.Since(t0))
				requests++
				switch {
				case err != nil:
					errs++
				case create && resp.StatusCode == http.StatusCreated:
					creates++
				case !create && resp.StatusCode == http.StatusOK:
					var r struct{ Succeeded, Failed int64 }
					if json.Unmarshal(out, &r) != nil {
						errs++
						continue
					}
					syncs++
					sent += loadRecordsPerSync
					ok += r.Succeeded
					failed += r.Failed
				default:
					errs++
				}
			}
			mu.Lock()
			defer mu.Unlock()
			res.latencies = append(res.latencies, lat...)
			res.requests += requests
			res.errors += errs
			res.recordsSent += sent
			res.succeeded += ok
			res.failed += failed
			res.syncs += syncs
			res.creates += creates
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	slices.Sort(res.latencies)
	cancel()
	require.Equal(tb, exitValid, <-done)

	// The book written back holds exactly what the responses said.
	f, err := os.Open(path)
	require.NoError(tb, err)
	defer f.Close()
	book, err := syncaca.ReadBook(f)
	require.NoError(tb, err)
	cs, ps := book.Len()
	require.Zero(tb, res.errors, "errors")
	require.Equal(tb, res.recordsSent, res.succeeded+res.failed, "every record once in results or errors")
	require.Equal(tb, res.syncs, res.failed, "exactly the conflicting record of each sync failed")
	require.Equal(tb, int64(c0)+res.succeeded, int64(cs), "one new customer per succeeded record")
	require.Equal(tb, int64(p0)+res.succeeded+res.creates, int64(ps), "one new policy per succeeded record and per created policy")
	c1, ok := book.Customer("c-001")
	require.True(tb, ok)
	require.Equal(tb, "c-001", c1.Policies[0].CustomerID, "the claimed policy never moved")
	return res
}

// TestLoadCheck runs the load check briefly, so that it cannot rot: 0
// errors, every record accounted for, the book's final state as the
// responses said.
func TestLoadCheck(t *testing.T) {
	if testing.Short() {
		t.Skip("load check")
	}
	res := runLoad(t, 8, 500*time.Millisecond)
	require.Positive(t, res.syncs)
	require.Positive(t, res.creates)
}

// BenchmarkLoadServe is the load check: 16 concurrent clients against
// carerules serve on loopback for 3 s (syncs of 5 records, one failing by
// a policy conflict, and every fourth request a create-policy). It reports
// requests per second, p50 and p99 latency and records per second, and
// fails on any error, on a record not accounted for, or on a final book that
// differs from what the responses said. One iteration is one 3 s run: run
// it with -benchtime=1x.
func BenchmarkLoadServe(b *testing.B) {
	b.ReportAllocs()
	var res *loadResult
	for b.Loop() {
		res = runLoad(b, 16, 3*time.Second)
	}
	b.ReportMetric(float64(res.requests)/res.elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(res.percentile(0.50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(res.percentile(0.99).Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(res.recordsSent)/res.elapsed.Seconds(), "records/s")
	b.ReportMetric(float64(res.errors), "errors")
}
