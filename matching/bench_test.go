package matching

import (
	"context"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unsafe"

	"github.com/carecycle/carerules/termination"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// slab returns n strings prefix+zero-padded number, all slices of one
// allocation, so that generating a million values costs one allocation and
// the input's own overhead does not blur the store's.
func slab(prefix string, n int) []string {
	const digits = 7
	w := len(prefix) + digits
	var b strings.Builder
	b.Grow(w * n)
	for i := range n {
		b.WriteString(prefix)
		s := strconv.Itoa(i)
		b.WriteString(strings.Repeat("0", digits-len(s)))
		b.WriteString(s)
	}
	all := b.String()
	out := make([]string, n)
	for i := range out {
		out[i] = all[i*w : (i+1)*w]
	}
	return out
}

const (
	benchDOB     = "01/02/1980"
	benchPhone   = "(212) 736-5000"
	benchKeyTail = "|1980-01-02|+12127365000"
)

// syntheticCustomers returns n customers with all three identifiers and a
// fallback key (first name "f<i>", last name "l<i>", one DOB and phone).
func syntheticCustomers(n int) ([]Customer, [5][]string) {
	var cols [5][]string
	cols[0], cols[1], cols[2], cols[3] = slab("c", n), slab("H", n), slab("E", n), slab("C", n)
	first, last := slab("f", n), slab("l", n)
	var b strings.Builder
	w := len(first[0]) + 1 + len(last[0]) + len(benchKeyTail)
	b.Grow(w * n)
	for i := range n {
		b.WriteString(first[i])
		b.WriteByte('|')
		b.WriteString(last[i])
		b.WriteString(benchKeyTail)
	}
	all := b.String()
	cols[4] = make([]string, n)
	cs := make([]Customer, n)
	for i := range cs {
		cols[4][i] = all[i*w : (i+1)*w]
		cs[i] = Customer{ID: cols[0][i], IDs: CustomerIDs{cols[1][i], cols[2][i], cols[3][i]}, FallbackKey: cols[4][i]}
	}
	return cs, cols
}

// heapDelta reports the live heap growth caused by build.
func heapDelta(build func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	return after.HeapAlloc - before.HeapAlloc
}

type benchWorld struct {
	store    *Store
	batch    []Record
	perCust  float64 // live heap bytes per customer of the customer part of the store
	indexPer float64 // hash-table bytes per customer
}

const benchN = 1_000_000

var benchBuild time.Duration // how long bench took, reported by BenchmarkPlan100

// bench is built once per process, lazily: only the benchmarks pay for it.
// It holds the store and the batch, nothing else: the garbage collector
// work that the planner's allocations cause is proportional to the live
// heap, and the comparison maps (bare) are not part of a host's heap.
var bench = sync.OnceValue(func() *benchWorld {
	start := time.Now()
	defer func() { benchBuild = time.Since(start) }()
	w := &benchWorld{}
	cs, cols := syntheticCustomers(benchN)
	var s *Store
	d := heapDelta(func() {
		var err error
		if s, err = NewStore(cs, nil); err != nil {
			panic(err)
		}
	})
	w.perCust = float64(d) / benchN
	ib, _ := s.memBytes()
	w.indexPer = float64(ib) / benchN
	// One ACA policy for every 10th customer.
	pids, phs, pca := slab("p", benchN/10), slab("PH", benchN/10), slab("PC", benchN/10)
	for i := range benchN / 10 {
		if err := s.AddPolicy(Policy{ID: pids[i], CustomerID: cs[i*10].ID, Type: "ACA", Status: termination.StatusActive,
			EffectiveDate: "2024-01-01", IDs: PolicyIDs{phs[i], pca[i]}}); err != nil {
			panic(err)
		}
	}
	w.store = s

	// The batch: 60 matched by healthSherpaCustomerId with a matched policy,
	// 10 by externalId, 10 by the fallback, 10 by carrier-ID policy match,
	// 10 new customers with a new policy. Its strings are copies: the batch
	// keeps nothing of the columns alive.
	for r := range 100 {
		i := (r*7919 + 13) % (benchN / 10) * 10 // a customer holding a policy
		var rec Record
		switch {
		case r < 60:
			rec = Record{IDs: CustomerIDs{HealthSherpaCustomerID: strings.Clone(cols[1][i])},
				Policies: []PolicyRecord{{IDs: PolicyIDs{HealthSherpaPolicyID: strings.Clone(phs[i/10])}, Status: termination.StatusActive}}}
		case r < 70:
			rec = Record{IDs: CustomerIDs{ExternalID: strings.Clone(cols[2][i])}}
		case r < 80:
			rec = Record{FirstName: "F" + cols[4][i][1:8], LastName: "L" + cols[4][i][10:17], DateOfBirth: dobOf(benchDOB), PhoneNumber: phoneOf(benchPhone)}
		case r < 90:
			rec = Record{IDs: CustomerIDs{HealthSherpaCustomerID: strings.Clone(cols[1][i]), CarrierAssignedCustomerID: strings.Clone(cols[3][i])},
				Policies: []PolicyRecord{{IDs: PolicyIDs{CarrierAssignedPolicyID: strings.Clone(pca[i/10])}}}}
		default:
			rec = Record{IDs: CustomerIDs{HealthSherpaCustomerID: "NEW" + strconv.Itoa(r)},
				Policies: []PolicyRecord{{IDs: PolicyIDs{HealthSherpaPolicyID: "NEWP" + strconv.Itoa(r)}}}}
		}
		w.batch = append(w.batch, rec)
	}
	return w
})

// bareMaps are the plain Go maps of the baseline, holding the same keys as
// the store: healthSherpaCustomerId, externalId, carrierAssignedCustomerId
// and fallback key to the customer's position, and healthSherpaPolicyId and
// carrierAssignedPolicyId to the policy's. Built on first use, after the
// planner's benchmarks have run when all run in one process.
type bareMaps struct {
	cust   [4]map[string]int32
	policy [2]map[string]int32
}

var bare = sync.OnceValue(func() *bareMaps {
	_, cols := syntheticCustomers(benchN)
	m := &bareMaps{}
	for k := range m.cust {
		m.cust[k] = make(map[string]int32, benchN)
		for i, v := range cols[k+1] {
			m.cust[k][v] = int32(i)
		}
	}
	for k, col := range [][]string{slab("PH", benchN/10), slab("PC", benchN/10)} {
		m.policy[k] = make(map[string]int32, len(col))
		for i, v := range col {
			m.policy[k][v] = int32(i)
		}
	}
	return m
})

// countingLookup counts the lookups a plan makes; it hides the Store behind
// the interfaces, so it is used outside the timer only.
type countingLookup struct {
	s *Store
	n int
}

func (c *countingLookup) FindCustomers(ctx context.Context, k CustomerKey, v string) ([]Customer, error) {
	c.n++
	return c.s.FindCustomers(ctx, k, v)
}

func (c *countingLookup) FindCustomersByFallback(ctx context.Context, key string) ([]Customer, error) {
	c.n++
	return c.s.FindCustomersByFallback(ctx, key)
}

func (c *countingLookup) FindPolicies(ctx context.Context, k PolicyKey, v string) ([]Policy, error) {
	c.n++
	return c.s.FindPolicies(ctx, k, v)
}

// BenchmarkPlan100 plans a 100-record batch against the store holding
// 1,000,000 customers and 100,000 policies: 60 records matched by
// healthSherpaCustomerId with a matched policy, 10 by externalId, 10 by the
// fallback key, 10 matched with a policy matched by carrierAssignedPolicyId,
// 10 new customers with a new policy. A plan makes 180 lookups (90 by
// identifier, 10 by fallback key, 80 of policies; reported as lookups/op,
// counted outside the timer), the same keys BenchmarkBareMap100 looks up.
// On top of the lookups it validates the request, trims and checks every
// identifier, computes every record's fallback key (10 complete ones), keeps
// the batch overlay (the 10 new customers and policies) and builds the plan:
// 100 Decisions and 80 PolicyDecisions, about 49 KB that are allocated and
// zeroed for every plan (their size is the exported API's).
//
// The "-into" variants plan with [Planner.PlanInto] into one Plan reused
// across iterations, as a host planning request after request does: the
// decisions' memory is reused (cleared, not allocated), and what a plan
// still allocates is what varies per request (here the 10 fallback keys).
func BenchmarkPlan100(b *testing.B) {
	w := bench()
	ctx := context.Background()
	for _, s := range []Strategy{StrategyLiteral, StrategyCascade} {
		for _, into := range []bool{false, true} {
			name := s.String()
			if into {
				name += "-into"
			}
			b.Run(name, func(b *testing.B) {
				pl := NewPlanner(w.store, s)
				p, err := pl.Plan(ctx, w.batch)
				require.NoError(b, err)
				require.Equal(b, 100, p.Succeeded())
				counter := &countingLookup{s: w.store}
				q, err := NewPlanner(counter, s).Plan(ctx, w.batch)
				require.NoError(b, err)
				require.Equal(b, p.Decisions, q.Decisions)
				var dst Plan
				for range 2 { // the second plan into dst reuses the first's memory
					require.NoError(b, pl.PlanInto(ctx, &dst, w.batch))
					require.Equal(b, p.Decisions, dst.Decisions)
				}
				b.ReportAllocs()
				cpu := cpuNanos()
				if into {
					for b.Loop() {
						_ = pl.PlanInto(ctx, &dst, w.batch)
					}
				} else {
					for b.Loop() {
						_, _ = pl.Plan(ctx, w.batch)
					}
				}
				b.ReportMetric(float64(cpuNanos()-cpu)/float64(b.N)/100, "cpu-ns/record")
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/record")
				b.ReportMetric(float64(counter.n), "lookups/op")
				b.ReportMetric(w.perCust, "heapB/customer")
				b.ReportMetric(w.indexPer, "indexB/customer")
				b.ReportMetric(benchBuild.Seconds(), "build-s")
			})
		}
	}
}

// BenchmarkBareMap100 looks up, in plain Go maps, the keys the planner looks
// up for the same batch (the same 180 lookups, reported as lookups/op): the
// floor the planner is measured against. It does nothing else: no
// validation, no trimming, no overlay, no result. The fallback records'
// keys are computed outside the loop (the map cannot normalize), which
// flatters the map by the cost of 10 FallbackKey calls.
func BenchmarkBareMap100(b *testing.B) {
	w, m := bench(), bare()
	type q struct {
		m map[string]int32
		k string
	}
	var qs []q
	for _, r := range w.batch {
		switch {
		case r.IDs.HealthSherpaCustomerID != "":
			qs = append(qs, q{m.cust[0], r.IDs.HealthSherpaCustomerID})
		case r.IDs.ExternalID != "":
			qs = append(qs, q{m.cust[1], r.IDs.ExternalID})
		default:
			k, _ := FallbackKeyOf(r.FirstName, r.LastName, r.DateOfBirth, r.PhoneNumber)
			qs = append(qs, q{m.cust[3], k})
		}
		for _, p := range r.Policies {
			if p.IDs.HealthSherpaPolicyID != "" {
				qs = append(qs, q{m.policy[0], p.IDs.HealthSherpaPolicyID})
			} else {
				qs = append(qs, q{m.policy[1], p.IDs.CarrierAssignedPolicyID})
			}
		}
	}
	b.ReportAllocs()
	found := 0
	cpu := cpuNanos()
	for b.Loop() {
		for _, x := range qs {
			if _, ok := x.m[x.k]; ok {
				found++
			}
		}
	}
	b.ReportMetric(float64(cpuNanos()-cpu)/float64(b.N)/100, "cpu-ns/record")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/record")
	b.ReportMetric(float64(len(qs)), "lookups/op")
	runtime.KeepAlive(found)
}

// BenchmarkStoreFind is one identifier lookup in the million-customer store
// next to the same lookup in a Go map.
func BenchmarkStoreFind(b *testing.B) {
	w, m := bench(), bare()
	ctx := context.Background()
	keys := make([]string, 0, 1024)
	for i := range 1024 {
		keys = append(keys, w.batch[i%60].IDs.HealthSherpaCustomerID)
	}
	b.Run("store", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			_, _ = w.store.FindCustomers(ctx, KeyHealthSherpaCustomerID, keys[i&1023])
			i++
		}
	})
	b.Run("store-miss", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_, _ = w.store.FindCustomers(ctx, KeyHealthSherpaCustomerID, "H-none")
		}
	})
	b.Run("map", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			_ = m.cust[0][keys[i&1023]]
			i++
		}
	})
}

// naiveName is the obvious implementation: a transform.Chain built per call.
func naiveName(s string) string {
	t := transform.Chain(width.Fold, cases.Fold(), norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, _ := transform.String(t, s)
	out = strings.NewReplacer("'", "", "’", "", "-", " ").Replace(out)
	return strings.Join(strings.Fields(out), " ")
}

func BenchmarkFallbackKey(b *testing.B) {
	for _, c := range []struct{ name, first, last, dob, phone string }{
		{"ascii", "Jane", "O'Brien-Smith", "01/02/1980", "(212) 736-5000"},
		{"unicode", "José", "Müller–Lüdenscheidt", "01/02/1980", "(212) 736-5000"},
		{"invalid-dob", "Jane", "Doe", "02/30/1980", "(212) 736-5000"},
		{"invalid-phone", "Jane", "Doe", "01/02/1980", "(111) 736-5000"},
		{"too-long", strings.Repeat("a", 300), "Doe", "01/02/1980", "(212) 736-5000"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = FallbackKey(c.first, c.last, c.dob, c.phone)
			}
		})
	}
}

func BenchmarkNormalizeName(b *testing.B) {
	for _, s := range []string{"O'Brien-Smith", "Müller–Lüdenscheidt"} {
		b.Run("fast/"+s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = NormalizeName(s)
			}
		})
		b.Run("naive-chain/"+s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = naiveName(s)
			}
		})
	}
}

func BenchmarkIdentifier(b *testing.B) {
	for _, s := range []string{"H0012345", " null ", ""} {
		b.Run(strconv.Quote(s), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = Identifier(s)
			}
		})
	}
}

// The store's index stays within 200 bytes per customer, and the whole
// store, its copies of the strings included, too. Measured at
// 1<<17 customers here (quick under -race); the benchmark reports the
// figure at a million.
func TestStoreMemoryBudget(t *testing.T) {
	const n = 1 << 17
	cs, _ := syntheticCustomers(n)
	var s *Store
	d := heapDelta(func() {
		var err error
		s, err = NewStore(cs, nil)
		require.NoError(t, err)
	})
	ib, total := s.memBytes()
	t.Logf("%d customers: %.0f heap bytes/customer (%.0f accounted for), %.0f index bytes/customer",
		n, float64(d)/n, float64(total)/n, float64(ib)/n)
	assert.LessOrEqual(t, float64(ib)/n, 200.0, "index")
	assert.LessOrEqual(t, float64(d)/n, 200.0, "whole store (records, strings and index)")
	// The store's own accounting (tables, records, arena) is the heap it
	// holds: nothing else is allocated per customer.
	assert.InDelta(t, float64(d)/n, float64(total)/n, 4, "accounted for")
	runtime.KeepAlive(cs)
	runtime.KeepAlive(s)
}

func TestNoAllocs(t *testing.T) {
	for _, s := range []string{"H0012345", " null "} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = Identifier(s) }))
	}
	assert.LessOrEqual(t, testing.AllocsPerRun(100, func() { _, _ = FallbackKey("Jane", "Doe", "02/30/1980", "2127365000") }), 1.0,
		"an invalid date costs dob's *Error and nothing else")
}

// memBytes returns the bytes held by the customer hash tables, and by the
// whole store: tables, records and arena (for the benchmarks and the memory
// test).
func (s *Store) memBytes() (customerIndex, total int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i := range s.ctab {
		customerIndex += 8 * len(s.ctab[i].slots)
	}
	total = customerIndex
	for i := range s.ptab {
		total += 8 * len(s.ptab[i].slots)
	}
	total += int(unsafe.Sizeof(crec{}))*cap(s.cs) + int(unsafe.Sizeof(prec{}))*cap(s.ps) + s.arena.Cap()
	return customerIndex, total
}
