// Package matchingtest checks a host's implementation of the lookups of
// package matching against their contract, as testing/fstest.TestFS checks
// an fs.FS.
//
// A host calls [TestStore] from its own tests with a function that loads the
// given customers and policies into its storage (a test database, a
// container) and returns its [matching.Lookup]:
//
//	func TestLookupContract(t *testing.T) {
//		err := matchingtest.TestStore(func(cs []matching.Customer, ps []matching.Policy) (matching.Lookup, error) {
//			db := newTestDB(t)
//			if err := db.Insert(cs, ps); err != nil {
//				return nil, err
//			}
//			return db, nil
//		})
//		if err != nil {
//			t.Fatal(err)
//		}
//	}
//
// It lives in its own package, away from package matching, so that hosts
// do not link the fixture and the checks into their servers; it returns an
// error rather than taking a *testing.T, as fstest.TestFS does, so that it
// can itself be tested against broken stores.
package matchingtest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/phone"
	"github.com/carecycle/carerules/termination"
)

// Loader loads customers and policies into a fresh, otherwise empty store
// and returns its lookups. Identifiers in the fixture are already trimmed and
// present; store them as given.
type Loader func(customers []matching.Customer, policies []matching.Policy) (matching.Lookup, error)

// Fixture returns the customers and policies TestStore loads. They exercise
// case sensitivity, values shared by several holders, values equal across
// kinds, non-ASCII and 255-byte values, inner spaces, customers without
// identifiers or fallback key, and policies of several types and owners.
func Fixture() ([]matching.Customer, []matching.Policy) {
	long := strings.Repeat("L", matching.MaxFieldLen)
	keyA := "ann|lee|1980-01-02|+12127365000"
	cs := []matching.Customer{
		{ID: "cust-a", IDs: matching.CustomerIDs{HealthSherpaCustomerID: "H-1", ExternalID: "E-1", CarrierAssignedCustomerID: "C-1"}, FallbackKey: keyA},
		{ID: "cust-b", IDs: matching.CustomerIDs{HealthSherpaCustomerID: "h-1", ExternalID: "E-2"}, FallbackKey: "bob|roe|1975-03-04|+13126034400"},
		{ID: "cust-c", IDs: matching.CustomerIDs{ExternalID: "E-2", CarrierAssignedCustomerID: "H-1"}},
		{ID: "cust-d", IDs: matching.CustomerIDs{HealthSherpaCustomerID: "Ünï ☃ 1", ExternalID: long}},
		{ID: "cust-e", FallbackKey: keyA},
		{ID: "cust-f"},
		{ID: "cust-g", IDs: matching.CustomerIDs{CarrierAssignedCustomerID: "C 7"}, FallbackKey: "zoe|d angelo|2000-02-29|+14158675309"},
	}
	ps := []matching.Policy{
		{ID: "pol-1", CustomerID: "cust-a", Type: "ACA", Status: termination.StatusActive, EffectiveDate: "2024-01-01", IDs: matching.PolicyIDs{HealthSherpaPolicyID: "PH-1", CarrierAssignedPolicyID: "PC-1"}},
		{ID: "pol-2", CustomerID: "cust-b", Type: "MA", Status: termination.StatusTerminated, IDs: matching.PolicyIDs{CarrierAssignedPolicyID: "PC-1"}},
		{ID: "pol-3", CustomerID: "cust-c", Type: "ACA", Status: termination.StatusPending, EffectiveDate: "01/02/2025", IDs: matching.PolicyIDs{HealthSherpaPolicyID: "ph-1"}},
		{ID: "pol-4", CustomerID: "cust-a", Type: "ACA", Status: termination.StatusActive, EffectiveDate: "2023-06-01", IDs: matching.PolicyIDs{HealthSherpaPolicyID: "PH 4", CarrierAssignedPolicyID: "PC-4"}},
		{ID: "pol-5", CustomerID: "cust-f", Type: "Dental", IDs: matching.PolicyIDs{HealthSherpaPolicyID: "E-1"}},
		{ID: "pol-6", CustomerID: "cust-g", Type: "ACA", Status: termination.StatusActive},
	}
	return cs, ps
}

// TestStore loads [Fixture] with load and checks the lookups against the
// contract documented in package matching: exact, case-sensitive matches;
// every holder returned once; kinds never crossing; no holder is an empty
// result and a nil error; values returned as stored; a canceled context
// yields an error wrapping context.Canceled; concurrent lookups are safe; and
// planning a batch against the store gives the same plan as against
// matching's own in-memory Store holding the same data. When the store is
// also a [matching.BatchLookup], its batch answers are checked too: for
// every kind and value, and for all of them at once, the holders equal the
// single-key answers (each holder once). It returns every failure found,
// joined, or nil.
func TestStore(load Loader) error {
	cs, ps := Fixture()
	l, err := load(clone(cs), slices.Clone(ps))
	if err != nil {
		return fmt.Errorf("matchingtest: loading the fixture: %w", err)
	}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf("matchingtest: "+format, args...)) }
	ctx := context.Background()

	// Values to ask for: every stored value, their case variants, values of
	// other kinds, and values nobody holds.
	var values []string
	for _, c := range cs {
		values = append(values, c.IDs.HealthSherpaCustomerID, c.IDs.ExternalID, c.IDs.CarrierAssignedCustomerID, c.FallbackKey)
	}
	for _, p := range ps {
		values = append(values, p.IDs.HealthSherpaPolicyID, p.IDs.CarrierAssignedPolicyID)
	}
	for _, v := range slices.Clone(values) {
		values = append(values, strings.ToLower(v), strings.ToUpper(v))
	}
	values = append(values, "nobody", "H-1 ", "PH4", "E-", "PC-", "ann|lee|1980-01-02", "Ünï")
	slices.Sort(values)
	values = slices.Compact(values)
	values = slices.DeleteFunc(values, func(v string) bool { return v == "" })

	customerKeys := []matching.CustomerKey{matching.KeyHealthSherpaCustomerID, matching.KeyExternalID, matching.KeyCarrierAssignedCustomerID, matching.KeyFallback}
	for _, k := range customerKeys {
		for _, v := range values {
			var want []matching.Customer
			for _, c := range cs {
				held := c.IDs.Get(k)
				if k == matching.KeyFallback {
					held = c.FallbackKey
				}
				if held == v {
					want = append(want, c)
				}
			}
			var got []matching.Customer
			if k == matching.KeyFallback {
				got, err = l.FindCustomersByFallback(ctx, v)
			} else {
				got, err = l.FindCustomers(ctx, k, v)
			}
			if err != nil {
				fail("customers by %v %q: unexpected error %v", k, v, err)
				continue
			}
			if !sameCustomers(got, want) {
				fail("customers by %v %q: got %v, want %v", k, v, customerIDs(got), customerIDs(want))
			}
		}
	}
	for _, k := range []matching.PolicyKey{matching.KeyHealthSherpaPolicyID, matching.KeyCarrierAssignedPolicyID} {
		for _, v := range values {
			var want []matching.Policy
			for _, p := range ps {
				if p.IDs.Get(k) == v {
					want = append(want, p)
				}
			}
			got, err := l.FindPolicies(ctx, k, v)
			if err != nil {
				fail("policies by %v %q: unexpected error %v", k, v, err)
				continue
			}
			if !samePolicies(got, want) {
				fail("policies by %v %q: got %v, want %v", k, v, policyIDs(got), policyIDs(want))
			}
		}
	}

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := l.FindCustomers(canceled, matching.KeyHealthSherpaCustomerID, "H-1"); !errors.Is(err, context.Canceled) {
		fail("FindCustomers with a canceled context: got error %v, want one wrapping context.Canceled", err)
	}
	if _, err := l.FindCustomersByFallback(canceled, cs[0].FallbackKey); !errors.Is(err, context.Canceled) {
		fail("FindCustomersByFallback with a canceled context: got error %v, want one wrapping context.Canceled", err)
	}
	if _, err := l.FindPolicies(canceled, matching.KeyHealthSherpaPolicyID, "PH-1"); !errors.Is(err, context.Canceled) {
		fail("FindPolicies with a canceled context: got error %v, want one wrapping context.Canceled", err)
	}

	// Concurrent lookups (run the host's tests with -race to see races).
	var wg sync.WaitGroup
	var mu sync.Mutex
	for range 4 {
		wg.Go(func() {
			for range 20 {
				got, err := l.FindCustomers(ctx, matching.KeyExternalID, "E-2")
				if err != nil || len(got) != 2 {
					mu.Lock()
					fail("concurrent FindCustomers: got %d customers, error %v", len(got), err)
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()

	if b, ok := l.(matching.BatchLookup); ok {
		errs = append(errs, checkBatch(ctx, l, b, values)...)
	}

	// The same plan as matching's own store.
	ref, err := matching.NewStore(cs, ps)
	if err != nil {
		return fmt.Errorf("matchingtest: building the reference store: %w", err)
	}
	for _, s := range []matching.Strategy{matching.StrategyLiteral, matching.StrategyCascade} {
		want, err := matching.NewPlanner(ref, s).Plan(ctx, batch())
		if err != nil {
			return fmt.Errorf("matchingtest: planning against the reference store: %w", err)
		}
		got, err := matching.NewPlanner(l, s).Plan(ctx, batch())
		if err != nil {
			fail("planning (%v) against the store: %v", s, err)
			continue
		}
		for i := range want.Decisions {
			if !reflect.DeepEqual(normalize(got.Decisions[i]), normalize(want.Decisions[i])) {
				fail("planning (%v): record %d decided differently from matching.Store:\n got %+v\nwant %+v", s, i, got.Decisions[i], want.Decisions[i])
			}
		}
	}
	return errors.Join(errs...)
}

// batch exercises every path of the planner over the fixture.
func batch() []matching.Record {
	ids := func(hs, ext, ca string) matching.CustomerIDs {
		return matching.CustomerIDs{HealthSherpaCustomerID: hs, ExternalID: ext, CarrierAssignedCustomerID: ca}
	}
	pol := func(hs, ca string) matching.PolicyRecord {
		return matching.PolicyRecord{IDs: matching.PolicyIDs{HealthSherpaPolicyID: hs, CarrierAssignedPolicyID: ca}}
	}
	return []matching.Record{
		{IDs: ids("H-1", "", "C-9"), Policies: []matching.PolicyRecord{pol("PH-1", ""), pol("", "PC-4"), pol("ph-1", "")}},
		{IDs: ids("", "E-2", "")},
		{IDs: ids("NEW", "E-1", ""), Policies: []matching.PolicyRecord{pol("E-1", ""), pol("", "PC-1")}},
		{FirstName: "Ann", LastName: "Lee", DateOfBirth: dob.MustNew(1980, 1, 2), PhoneNumber: phone.MustParse("(212) 736-5000")},
		{FirstName: "Bob", LastName: "Roe", DateOfBirth: dob.MustNew(1975, 3, 4), PhoneNumber: phone.MustParse("3126034400"), IDs: ids("null", "", "")},
		{FirstName: "Zoé", LastName: "D'Angelo", DateOfBirth: dob.MustNew(2000, 2, 29), PhoneNumber: phone.MustParse("+14158675309"), IDs: ids("", "NEWEXT", "")},
		{IDs: ids("Ünï ☃ 1", "", "")},
		{IDs: ids("", strings.Repeat("L", matching.MaxFieldLen), "")},
	}
}

// normalize renders a decision for comparison, so that nil and empty slices
// (which a host may legitimately return differently) compare equal.
func normalize(d matching.Decision) string { return fmt.Sprintf("%+v", d) }

func clone(cs []matching.Customer) []matching.Customer { return slices.Clone(cs) }

func sameCustomers(got, want []matching.Customer) bool {
	if len(got) != len(want) {
		return false
	}
	got = slices.Clone(got)
	slices.SortFunc(got, func(a, b matching.Customer) int { return strings.Compare(a.ID, b.ID) })
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func samePolicies(got, want []matching.Policy) bool {
	if len(got) != len(want) {
		return false
	}
	got = slices.Clone(got)
	slices.SortFunc(got, func(a, b matching.Policy) int { return strings.Compare(a.ID, b.ID) })
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func customerIDs(cs []matching.Customer) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

func policyIDs(ps []matching.Policy) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

// checkBatch compares the batch answers of b with the single answers of l.
func checkBatch(ctx context.Context, l matching.Lookup, b matching.BatchLookup, values []string) []error {
	var errs []error
	single := matching.Batch(singleOnly{l})
	var all matching.Keys
	for _, kind := range []matching.CustomerKey{matching.KeyHealthSherpaCustomerID, matching.KeyExternalID, matching.KeyCarrierAssignedCustomerID, matching.KeyFallback} {
		for _, v := range values {
			keys := customerKeys(kind, []string{v})
			want, err1 := single.FindCustomersByKeys(ctx, keys)
			got, err2 := b.FindCustomersByKeys(ctx, keys)
			if err1 != nil || err2 != nil || !sameCustomers(got, sortCustomers(want)) {
				errs = append(errs, fmt.Errorf("matchingtest: FindCustomersByKeys(%v %q) = %v (%v), the single lookup gives %v (%v)", kind, v, customerIDs(got), err2, customerIDs(want), err1))
			}
		}
		all.Customers = mergeKeys(all.Customers, customerKeys(kind, values))
	}
	want, err1 := single.FindCustomersByKeys(ctx, all.Customers)
	got, err2 := b.FindCustomersByKeys(ctx, all.Customers)
	if err1 != nil || err2 != nil || !sameCustomers(got, sortCustomers(want)) {
		errs = append(errs, fmt.Errorf("matchingtest: FindCustomersByKeys(every key at once) = %v (%v), want %v (each holder once)", customerIDs(got), err2, customerIDs(want)))
	}
	all.Policies = matching.PolicyKeys{HealthSherpaPolicyIDs: values, CarrierAssignedPolicyIDs: values}
	wantP, err1 := single.FindPoliciesByKeys(ctx, all.Policies)
	gotP, err2 := b.FindPoliciesByKeys(ctx, all.Policies)
	slices.SortFunc(wantP, func(a, b matching.Policy) int { return strings.Compare(a.ID, b.ID) })
	if err1 != nil || err2 != nil || !samePolicies(gotP, wantP) {
		errs = append(errs, fmt.Errorf("matchingtest: FindPoliciesByKeys(every key at once) = %v (%v), want %v (each holder once)", policyIDs(gotP), err2, policyIDs(wantP)))
	}
	return errs
}

// singleOnly hides a store's batch methods, so that matching.Batch adapts
// its single-key lookups.
type singleOnly struct{ matching.Lookup }

func customerKeys(kind matching.CustomerKey, vals []string) (k matching.CustomerKeys) {
	k.Set(kind, vals)
	return k
}

func mergeKeys(a, b matching.CustomerKeys) matching.CustomerKeys {
	a.HealthSherpaCustomerIDs = append(a.HealthSherpaCustomerIDs, b.HealthSherpaCustomerIDs...)
	a.ExternalIDs = append(a.ExternalIDs, b.ExternalIDs...)
	a.CarrierAssignedCustomerIDs = append(a.CarrierAssignedCustomerIDs, b.CarrierAssignedCustomerIDs...)
	a.FallbackKeys = append(a.FallbackKeys, b.FallbackKeys...)
	return a
}

func sortCustomers(cs []matching.Customer) []matching.Customer {
	slices.SortFunc(cs, func(a, b matching.Customer) int { return strings.Compare(a.ID, b.ID) })
	return cs
}
