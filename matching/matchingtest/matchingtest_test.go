package matchingtest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/matching/matchingtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scan is a host store the simplest way: slices scanned linearly, wired with
// the func adapters. equal is how it compares values; honourCtx whether it
// checks the context.
type scan struct {
	cs        []matching.Customer
	ps        []matching.Policy
	equal     func(a, b string) bool
	honourCtx bool
	twice     bool
}

func (s *scan) lookup() matching.Lookup {
	return struct {
		matching.CustomerFinderFunc
		matching.FallbackFinderFunc
		matching.PolicyFinderFunc
	}{
		func(ctx context.Context, k matching.CustomerKey, v string) ([]matching.Customer, error) {
			return s.customers(ctx, func(c matching.Customer) string { return c.IDs.Get(k) }, v)
		},
		func(ctx context.Context, key string) ([]matching.Customer, error) {
			return s.customers(ctx, func(c matching.Customer) string { return c.FallbackKey }, key)
		},
		func(ctx context.Context, k matching.PolicyKey, v string) ([]matching.Policy, error) {
			if s.honourCtx && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			var out []matching.Policy
			for _, p := range s.ps {
				if held := p.IDs.Get(k); held != "" && s.equal(held, v) {
					out = append(out, p)
				}
			}
			return out, nil
		},
	}
}

func (s *scan) customers(ctx context.Context, field func(matching.Customer) string, v string) ([]matching.Customer, error) {
	if s.honourCtx && ctx.Err() != nil {
		return nil, ctx.Err()
	}
	var out []matching.Customer
	for _, c := range s.cs {
		if held := field(c); held != "" && s.equal(held, v) {
			out = append(out, c)
			if s.twice {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func loader(s scan) matchingtest.Loader {
	return func(cs []matching.Customer, ps []matching.Policy) (matching.Lookup, error) {
		s.cs, s.ps = cs, ps
		return s.lookup(), nil
	}
}

func exact(a, b string) bool { return a == b }

func TestStoreAcceptsCorrectStores(t *testing.T) {
	require.NoError(t, matchingtest.TestStore(func(cs []matching.Customer, ps []matching.Policy) (matching.Lookup, error) {
		return matching.NewStore(cs, ps)
	}))
	require.NoError(t, matchingtest.TestStore(loader(scan{equal: exact, honourCtx: true})))
}

func TestStoreRejectsBrokenStores(t *testing.T) {
	tests := map[string]scan{
		"case-insensitive":    {equal: strings.EqualFold, honourCtx: true},
		"trims stored values": {equal: func(a, b string) bool { return strings.TrimSpace(a) == strings.TrimSpace(b) }, honourCtx: true},
		"prefix match":        {equal: strings.HasPrefix, honourCtx: true},
		"ignores the context": {equal: exact},
		"returns duplicates":  {equal: exact, honourCtx: true, twice: true},
	}
	for name, s := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Error(t, matchingtest.TestStore(loader(s)))
		})
	}
}
