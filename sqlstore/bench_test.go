package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/api/syncaca/storetest"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
)

var benchToday = dob.MustNew(2026, 11, 21)

// bigBook is the size of the book the latency benchmarks sync against.
const bigBook = 1_000_000

// smallBook replaces it under -short (CI's run of every benchmark once):
// a book built for the run in its own schema or file and dropped after it,
// so that no run sees another's data.
const smallBook = 20_000

// bookSize is the size of the latency benchmarks' book for this run.
func bookSize() int {
	if testing.Short() {
		return smallBook
	}
	return bigBook
}

// benchSchema is the PostgreSQL schema that holds the big book. It is
// created once, on the server CARERULES_TEST_POSTGRES_URL names, and kept
// across runs (loading a million customers takes a while); drop it by hand
// (DROP SCHEMA carerules_bench_1m CASCADE) to rebuild it.
const benchSchema = "carerules_bench_1m"

// loadSQL fills an empty, migrated database with n customers, each with
// one ACA policy, in one statement per table: customer g has
// healthSherpaCustomerId HB-g, externalId EB-g, names Fn<g> Ln<g>, date of
// birth 1980-01-02 and phone +1212 followed by 2000000+g, and a policy with
// healthSherpaPolicyId PB-g. The fallback keys are the ones
// matching.FallbackKey computes for those fields.
func loadSQL(d dialect, n int) []string {
	gen := `SELECT g FROM generate_series(1, ` + itoa(n) + `) AS g`
	text := func(e string) string { return "CAST(" + e + " AS TEXT)" }
	if d == sqliteDialect {
		gen = `WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ` + itoa(n) + `) SELECT g FROM s`
	}
	phone := "'+1212' || " + text("2000000 + g")
	return []string{
		`INSERT INTO carerules_customer (` + customerCols + `) SELECT 'cust-b' || ` + text("g") + `, 'HB-' || ` + text("g") + `, 'EB-' || ` + text("g") +
			`, NULL, 'fn' || ` + text("g") + ` || '|ln' || ` + text("g") + ` || '|1980-01-02|' || ` + phone +
			`, '{"firstName":"Fn' || ` + text("g") + ` || '","lastName":"Ln' || ` + text("g") + ` || '","phoneNumber":"' || ` + phone +
			` || '","dateOfBirth":"1980-01-02","postalCode":"10001","timezone":"America/New_York"}' FROM (` + gen + `) AS t`,
		`INSERT INTO carerules_policy (` + policyCols + `) SELECT 'pol-b' || ` + text("g") + `, 'cust-b' || ` + text("g") + `, 0, 'PB-' || ` + text("g") +
			`, NULL, 'ACA', 'Active', '2026-01-01', '{"policyType":""}' FROM (` + gen + `) AS t`,
	}
}

// bigStore opens the store holding the big book, building it when absent.
// Under -short it builds a small book in a schema or file of its own.
func bigStore(b *testing.B, kind string, n int) *Store {
	b.Helper()
	ctx := context.Background()
	var s *Store
	var err error
	switch {
	case testing.Short():
		s = openTest(b, kind, Options{})
	case kind == "postgres":
		raw := postgresURL(b)
		admin, err := sql.Open("pgx", raw)
		if err != nil {
			b.Fatal(err)
		}
		defer admin.Close()
		if _, err := admin.Exec(`CREATE SCHEMA IF NOT EXISTS ` + benchSchema); err != nil {
			b.Fatal(err)
		}
		s, err = OpenPostgres(ctx, withSearchPath(b, raw, benchSchema), Options{Migrate: true})
		if err != nil {
			b.Fatal(err)
		}
	case kind == "sqlite":
		path := filepath.Join(os.TempDir(), "carerules-bench-"+itoa(n)+".db")
		s, err = OpenSQLite(ctx, path, Options{Migrate: true})
		if err != nil {
			b.Fatal(err)
		}
	}
	if !testing.Short() { // openTest closes its own
		b.Cleanup(func() { s.Close() })
	}
	var have int
	if err := s.db.QueryRow(`SELECT COUNT(*) FROM carerules_customer`).Scan(&have); err != nil {
		b.Fatal(err)
	}
	if have < n {
		start := time.Now()
		for _, st := range []string{`DELETE FROM carerules_policy`, `DELETE FROM carerules_customer`} {
			if _, err := s.db.Exec(st); err != nil {
				b.Fatal(err)
			}
		}
		for _, st := range loadSQL(s.d, n) {
			if _, err := s.db.Exec(st); err != nil {
				b.Fatal(err)
			}
		}
		if s.d == postgres {
			s.db.Exec(`ANALYZE carerules_customer`)
			s.db.Exec(`ANALYZE carerules_policy`)
		} else {
			s.db.Exec(`ANALYZE`)
		}
		b.Logf("loaded %d customers and %d policies into %s in %v", n, n, kind, time.Since(start).Round(time.Millisecond))
	}
	return s
}

// newRecords is a request of 100 records for people nobody holds, each
// with one new policy; tag makes it unique.
func newRecords(tag string) []byte {
	recs := make([]string, 100)
	for i := range recs {
		id := tag + "-" + strconv.Itoa(i)
		recs[i] = `{"firstName": "N` + id + `", "lastName": "New", "phoneNumber": "+1646555` + fmt.Sprintf("%04d", i) + `", "dateOfBirth": "01/02/1990",` +
			` "postalCode": "10001", "healthSherpaCustomerId": "HN-` + id + `", "externalId": "EN-` + id + `",` +
			` "policies": [{"healthSherpaPolicyId": "PN-` + id + `", "status": "Active", "effectiveDate": "2026-01-01"}]}`
	}
	return []byte(`{"records": [` + strings.Join(recs, ",") + `]}`)
}

// matchedRecords is a request of 100 records for stored people of the big
// book (customers g), each changing the customer (email) and its policy
// (status, plan name), so that every record writes.
func matchedRecords(gs []int, status, tag string) []byte {
	recs := make([]string, len(gs))
	for i, g := range gs {
		n := strconv.Itoa(g)
		recs[i] = `{"firstName": "Fn` + n + `", "lastName": "Ln` + n + `", "phoneNumber": "+1212` + strconv.Itoa(2000000+g) + `", "dateOfBirth": "01/02/1980",` +
			` "postalCode": "10001", "healthSherpaCustomerId": "HB-` + n + `", "email": "b` + tag + `@example.com",` +
			` "policies": [{"healthSherpaPolicyId": "PB-` + n + `", "status": "` + status + `", "effectiveDate": "2026-01-01", "planName": "Plan ` + tag + `"}]}`
	}
	return []byte(`{"records": [` + strings.Join(recs, ",") + `]}`)
}

func mustSync(b *testing.B, s syncaca.Store, body []byte, want int) {
	opt := syncaca.Options{Today: benchToday}
	v, err := syncaca.Check(body, opt)
	if err != nil {
		b.Fatal(err)
	}
	resp, err := syncaca.SyncValidated(context.Background(), s, v, opt)
	if err != nil {
		b.Fatal(err)
	}
	if resp.Succeeded != want {
		b.Fatalf("%d records succeeded, want %d: %+v", resp.Succeeded, want, resp.Errors)
	}
}

// perKey is the obvious alternative to batched reads: a store that asks
// the database one query per key (it calls the batched Tx one key at a
// time), as a host that implements only the single-key lookups does.
type perKey struct{ *Store }

type perKeyTx struct{ *Tx }

func (p perKey) Begin(ctx context.Context, keys matching.Keys) (syncaca.Tx, error) {
	tx, err := p.Store.Begin(ctx, keys)
	if err != nil {
		return nil, err
	}
	return perKeyTx{tx.(*Tx)}, nil
}

func (t perKeyTx) Customers(ctx context.Context, k matching.CustomerKeys) ([]syncaca.Customer, error) {
	seen := map[string]bool{}
	var out []syncaca.Customer
	for _, one := range []matching.CustomerKeys{
		{HealthSherpaCustomerIDs: k.HealthSherpaCustomerIDs}, {ExternalIDs: k.ExternalIDs},
		{CarrierAssignedCustomerIDs: k.CarrierAssignedCustomerIDs}, {FallbackKeys: k.FallbackKeys},
	} {
		for _, l := range [][]string{one.HealthSherpaCustomerIDs, one.ExternalIDs, one.CarrierAssignedCustomerIDs, one.FallbackKeys} {
			for _, v := range l {
				q := one
				for _, p := range []*[]string{&q.HealthSherpaCustomerIDs, &q.ExternalIDs, &q.CarrierAssignedCustomerIDs, &q.FallbackKeys} {
					if len(*p) > 0 {
						*p = []string{v}
					}
				}
				cs, err := t.Tx.Customers(ctx, q)
				if err != nil {
					return nil, err
				}
				for _, c := range cs {
					if !seen[c.ID] {
						seen[c.ID] = true
						out = append(out, c)
					}
				}
			}
		}
	}
	return out, nil
}

func (t perKeyTx) Policies(ctx context.Context, k matching.PolicyKeys) ([]syncaca.Policy, error) {
	seen := map[string]bool{}
	var out []syncaca.Policy
	for _, q := range slices.Concat(
		mapKeys(k.HealthSherpaPolicyIDs, func(v string) matching.PolicyKeys { return matching.PolicyKeys{HealthSherpaPolicyIDs: []string{v}} }),
		mapKeys(k.CarrierAssignedPolicyIDs, func(v string) matching.PolicyKeys { return matching.PolicyKeys{CarrierAssignedPolicyIDs: []string{v}} })) {
		ps, err := t.Tx.Policies(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if !seen[p.ID] {
				seen[p.ID] = true
				out = append(out, p)
			}
		}
	}
	return out, nil
}

func mapKeys[T any](vs []string, f func(string) T) []T {
	out := make([]T, len(vs))
	for i, v := range vs {
		out[i] = f(v)
	}
	return out
}

// BenchmarkSync100 syncs a 100-record request (all new; all matched, each
// updating its policy; all new through perKey, the obvious alternative)
// against a big book, and reports the statements per
// request (counted by the store: reads, writes, and control statements:
// lock, BEGIN, COMMIT, unlock) and the median and p99 wall time.
func BenchmarkSync100(b *testing.B) {
	for _, kind := range []string{"postgres", "sqlite"} {
		for _, shape := range []string{"new", "matched", "new/one-query-per-key"} {
			b.Run(kind+"/"+shape, func(b *testing.B) {
				if kind == "postgres" {
					postgresURL(b)
				}
				size := bookSize()
				s := bigStore(b, kind, size)
				r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
				var times []time.Duration
				before := s.Stats()
				iter := 0
				b.ReportAllocs()
				for b.Loop() {
					iter++
					var body []byte
					var st syncaca.Store = s
					if shape == "new/one-query-per-key" {
						st = perKey{s}
					}
					if shape != "matched" {
						body = newRecords(strconv.FormatInt(time.Now().UnixNano(), 36) + "x" + strconv.Itoa(iter))
					} else {
						gs := make([]int, 0, 100)
						for len(gs) < 100 {
							// Exchange 211 (g in 110000-119999) is a service
							// code, not a phone number: skip it.
							if g := 1 + r.IntN(size); (g < 110000 || g > 119999) && !slices.Contains(gs, g) {
								gs = append(gs, g)
							}
						}
						body = matchedRecords(gs, []string{"Active", "Pending Effectuation"}[iter%2], strconv.Itoa(iter))
					}
					start := time.Now()
					mustSync(b, st, body, 100)
					times = append(times, time.Since(start))
				}
				after := s.Stats()
				n := float64(iter)
				b.ReportMetric(float64(after.Reads-before.Reads)/n, "reads/op")
				b.ReportMetric(float64(after.Writes-before.Writes)/n, "writes/op")
				b.ReportMetric(float64(after.Control-before.Control)/n, "control/op")
				slices.Sort(times)
				b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(times[min(len(times)-1, len(times)*99/100)].Microseconds())/1000, "p99-ms")
			})
		}
	}
}

// BenchmarkConcurrentSyncs: 32 goroutines send 1,000 overlapping requests
// to a fresh store (empty, or holding 100,000 other customers: on a tiny
// table, PostgreSQL's conflict detection sees many syncs touch the same
// index pages and makes them retry); reported: duplicates and overwrites (must be 0),
// retries per request, and requests that conflicted on every attempt
// (exhausted: they failed and wrote nothing); a failed check (including the
// serial replay) fails the benchmark.
func BenchmarkConcurrentSyncs(b *testing.B) {
	for _, mode := range []struct {
		kind   string
		lock   Locking
		name   string
		filler int // customers loaded first (loadSQL), none of them touched; a tenth under -short
	}{
		{"postgres", LockKeys, "postgres/keys", 0},
		{"postgres", LockKeys, "postgres/keys/100k-customers", 100_000},
		{"postgres", LockNone, "postgres/serializable-only", 0},
		{"postgres", LockNone, "postgres/serializable-only/100k-customers", 100_000},
		{"sqlite", LockKeys, "sqlite", 0},
	} {
		b.Run(mode.name, func(b *testing.B) {
			if mode.kind == "postgres" {
				postgresURL(b)
			}
			b.ReportAllocs()
			var rep storetest.Report
			for b.Loop() {
				b.StopTimer()
				s := openTest(b, mode.kind, Options{Locking: mode.lock})
				if filler := mode.filler; filler > 0 {
					if testing.Short() {
						filler /= 10
					}
					for _, st := range loadSQL(s.d, filler) {
						if _, err := s.db.Exec(st); err != nil {
							b.Fatal(err)
						}
					}
					s.db.Exec(`ANALYZE`)
				}
				b.StartTimer()
				var err error
				requests := 1000
				if testing.Short() { // CI's smoke run: the same check, smaller
					requests = 100
				}
				rep, err = storetest.CheckConcurrency(context.Background(), s, 32, requests)
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rep.Duplicates), "duplicates")
			b.ReportMetric(float64(rep.Overwrites), "overwrites")
			b.ReportMetric(rep.RetriesPerRequest(), "retries/req")
			b.ReportMetric(float64(rep.Exhausted), "exhausted")
			b.ReportMetric(float64(rep.Elapsed.Microseconds())/1000/float64(rep.Requests), "ms/req")
		})
	}
}
