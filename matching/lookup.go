package matching

import "context"

// CustomerFinder finds the customers that hold an identifier. A host
// implements it over its own storage (SQL, a key-value store, a cache);
// matching/matchingtest.TestStore checks an implementation against this
// contract, which [FallbackFinder] and [PolicyFinder] share:
//
//   - value (or key) is always present and trimmed: the planner applies
//     [Identifier] and [FallbackKeyOf] before asking.
//   - Comparison is exact and case-sensitive on the stored, trimmed value.
//   - Every holder is returned, each once, in any order: the planner sorts
//     by ID, so a host need not ORDER BY, and it needs every holder to see
//     an ambiguity. No holder is not an error: return an empty (or nil)
//     slice and a nil error. Never return a "not found" error.
//   - Return the values as stored, before the request: the planner keeps its
//     own overlay of what earlier records of the batch create or change.
//   - The planner neither modifies nor retains the returned slice beyond the
//     call that plans the batch.
//   - Any non-nil error aborts the whole plan ([Planner.Plan] returns it,
//     wrapped; errors.Is works). A lookup honours ctx: once ctx is done it
//     returns an error that wraps ctx.Err().
//   - Lookups may be called concurrently from several goroutines (the planner
//     itself calls them sequentially for one batch).
type CustomerFinder interface {
	// FindCustomers returns every customer whose identifier of kind
	// (KeyHealthSherpaCustomerID, KeyExternalID or
	// KeyCarrierAssignedCustomerID) equals value.
	FindCustomers(ctx context.Context, kind CustomerKey, value string) ([]Customer, error)
}

// FallbackFinder finds the customers whose stored fallback key equals key
// (see [FallbackKey]), under the contract of [CustomerFinder]: every holder,
// each once, as stored before the request; none is an empty slice and a nil
// error; any error aborts the plan; ctx is honoured.
type FallbackFinder interface {
	FindCustomersByFallback(ctx context.Context, key string) ([]Customer, error)
}

// PolicyFinder finds policies by identifier, across all customers (policy
// identifiers are global), under the contract of [CustomerFinder]: exact
// comparison on the stored, trimmed value; every holder, each once, of any
// type and any owner, as stored before the request; none is an empty slice
// and a nil error; any error aborts the plan; ctx is honoured.
type PolicyFinder interface {
	// FindPolicies returns every policy, of any type and any owner, whose
	// identifier of kind (KeyHealthSherpaPolicyID or
	// KeyCarrierAssignedPolicyID) equals value.
	FindPolicies(ctx context.Context, kind PolicyKey, value string) ([]Policy, error)
}

// Lookup is the three finders together, as [Store] implements them.
type Lookup interface {
	CustomerFinder
	FallbackFinder
	PolicyFinder
}

// CustomerFinderFunc adapts a function to [CustomerFinder].
type CustomerFinderFunc func(ctx context.Context, kind CustomerKey, value string) ([]Customer, error)

// FindCustomers calls f.
func (f CustomerFinderFunc) FindCustomers(ctx context.Context, kind CustomerKey, value string) ([]Customer, error) {
	return f(ctx, kind, value)
}

// FallbackFinderFunc adapts a function to [FallbackFinder].
type FallbackFinderFunc func(ctx context.Context, key string) ([]Customer, error)

// FindCustomersByFallback calls f.
func (f FallbackFinderFunc) FindCustomersByFallback(ctx context.Context, key string) ([]Customer, error) {
	return f(ctx, key)
}

// PolicyFinderFunc adapts a function to [PolicyFinder].
type PolicyFinderFunc func(ctx context.Context, kind PolicyKey, value string) ([]Policy, error)

// FindPolicies calls f.
func (f PolicyFinderFunc) FindPolicies(ctx context.Context, kind PolicyKey, value string) ([]Policy, error) {
	return f(ctx, kind, value)
}
