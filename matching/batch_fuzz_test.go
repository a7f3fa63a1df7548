package matching

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

// recording is a single-key Lookup that records every key asked.
type recording struct {
	Lookup
	customers map[CustomerKey][]string
	policies  map[PolicyKey][]string
}

func (r *recording) FindCustomers(ctx context.Context, k CustomerKey, v string) ([]Customer, error) {
	r.customers[k] = append(r.customers[k], v)
	return r.Lookup.FindCustomers(ctx, k, v)
}

func (r *recording) FindCustomersByFallback(ctx context.Context, v string) ([]Customer, error) {
	r.customers[KeyFallback] = append(r.customers[KeyFallback], v)
	return r.Lookup.FindCustomersByFallback(ctx, v)
}

func (r *recording) FindPolicies(ctx context.Context, k PolicyKey, v string) ([]Policy, error) {
	r.policies[k] = append(r.policies[k], v)
	return r.Lookup.FindPolicies(ctx, k, v)
}

// batchOnly is a BatchLookup that is not a *Store, with single-key methods
// that fail the test if called.
type batchOnly struct {
	BatchLookup
	t *testing.T
}

func (b batchOnly) FindCustomers(context.Context, CustomerKey, string) ([]Customer, error) {
	b.t.Fatal("single-key lookup on a BatchLookup planner")
	return nil, nil
}

func (b batchOnly) FindCustomersByFallback(context.Context, string) ([]Customer, error) {
	b.t.Fatal("single-key lookup on a BatchLookup planner")
	return nil, nil
}

func (b batchOnly) FindPolicies(context.Context, PolicyKey, string) ([]Policy, error) {
	b.t.Fatal("single-key lookup on a BatchLookup planner")
	return nil, nil
}

// FuzzBatchPlan: on random worlds and batches, every key a planner asks
// one at a time is among KeysOf(records); planning on the batch answers
// (Prefetch of the Store, or Batch over single-key finders) gives the plan
// the Store gives.
func FuzzBatchPlan(f *testing.F) {
	f.Add(uint64(1), uint64(2))
	f.Add(uint64(28), uint64(226))
	f.Fuzz(func(t *testing.T, a, b uint64) {
		r := rand.New(rand.NewPCG(a, b))
		w := randomWorld(r)
		recs, _ := randomBatch(r)
		keys := KeysOf(recs)
		for _, strat := range []Strategy{StrategyLiteral, StrategyCascade} {
			s := w.store(t)
			want := planWith(t, s, strat, recs...)
			rec := &recording{Lookup: viaInterfaces(s), customers: map[CustomerKey][]string{}, policies: map[PolicyKey][]string{}}
			require.Equal(t, want.Decisions, planWith(t, rec, strat, recs...).Decisions)
			for k, vs := range rec.customers {
				for _, v := range vs {
					require.True(t, slices.Contains(keys.Customers.Get(k), v), "asked %v %q, not in KeysOf", k, v)
				}
			}
			for k, vs := range rec.policies {
				for _, v := range vs {
					require.True(t, slices.Contains(keys.Policies.Get(k), v), "asked %v %q, not in KeysOf", k, v)
				}
			}
			require.Equal(t, want.Decisions, planWith(t, batchOnly{s, t}, strat, recs...).Decisions)
			require.Equal(t, want.Decisions, planWith(t, batchOnly{Batch(viaInterfaces(s)), t}, strat, recs...).Decisions)
		}
	})
}
