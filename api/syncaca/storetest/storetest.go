// Package storetest checks a host's implementation of syncaca.Store against
// its contract, as testing/fstest.TestFS checks an fs.FS: the reads (every
// kind of key, a whole request's keys in one call giving the same holders
// as one key at a time), the writes (create and update customers and
// policies, the one-year rule's terminations), rollback, UNIQUE identifier
// columns when the host has them, whole syncs compared with the in-memory
// Book, and concurrency: many goroutines syncing overlapping requests, after
// which no customer is duplicated, no identifier was overwritten, and the
// state equals a serial replay of the committed requests.
//
// A host calls [TestStore] from its own tests with a function that returns
// a new, empty store (a fresh schema or database file) each time it is
// called:
//
//	func TestStoreContract(t *testing.T) {
//		err := storetest.TestStore(func() (syncaca.Store, error) {
//			return openEmptyTestStore(t)
//		}, storetest.Options{})
//		if err != nil {
//			t.Fatal(err)
//		}
//	}
//
// It returns an error rather than taking a *testing.T, so that it can
// itself be tested against broken stores.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// Opener returns a new, empty store. TestStore calls it once per check.
type Opener func() (syncaca.Store, error)

// Options tune TestStore.
type Options struct {
	// UniqueIdentifiers says the store refuses a customer identifier
	// (healthSherpaCustomerId, externalId, carrierAssignedCustomerId) or a
	// healthSherpaPolicyId that another customer or policy holds, as UNIQUE
	// columns do. The kit then loads a fixture that holds each once (the
	// ambiguity by identifier cannot be stored) and checks the refusal.
	UniqueIdentifiers bool
	// Goroutines and Requests size the concurrency check (defaults 8 and
	// 200); Requests < 0 skips it.
	Goroutines, Requests int
}

// today is the date every sync of the kit runs on.
var today = dob.MustNew(2026, 11, 21)

// TestStore runs every check on stores made by open and returns every
// failure found, joined, or nil.
func TestStore(open Opener, opt Options) error {
	var errs []error
	for _, c := range []struct {
		name string
		f    func(syncaca.Store, Options) error
	}{
		{"reads", checkReads},
		{"writes", checkWrites},
		{"syncs", checkSyncs},
		{"unique", checkUnique},
		{"concurrency", func(s syncaca.Store, opt Options) error {
			if opt.Requests < 0 {
				return nil
			}
			_, err := CheckConcurrency(context.Background(), s, opt.Goroutines, opt.Requests)
			return err
		}},
	} {
		s, err := open()
		if err != nil {
			errs = append(errs, fmt.Errorf("storetest: %s: opening a store: %w", c.name, err))
			continue
		}
		if err := c.f(s, opt); err != nil {
			errs = append(errs, fmt.Errorf("storetest: %s: %w", c.name, err))
		}
	}
	return errors.Join(errs...)
}

// fixture is the kit's book: customers and policies named by their index
// (policies give their owner's index in CustomerID as "0", "1", ...).
func fixture(unique bool) ([]syncaca.Customer, []syncaca.Policy) {
	long := strings.Repeat("L", 255)
	cs := []syncaca.Customer{
		{HealthSherpaCustomerID: "H-1", ExternalID: "E-1", CarrierAssignedCustomerID: "C-1", FirstName: "Ann", LastName: "Lee", DateOfBirth: "1980-01-02", PhoneNumber: "+12127365000",
			Email: "ann@example.com", State: "NY", PostalCode: "10001", CustomFields: []syncaca.CustomField{{Key: "tier", Value: []byte(`"gold"`)}}},
		{HealthSherpaCustomerID: "h-1", ExternalID: "E-2", FirstName: "Bob", LastName: "Roe", DateOfBirth: "1975-03-04", PhoneNumber: "+13126034400"},
		{ExternalID: "E-2", CarrierAssignedCustomerID: "H-1", FirstName: "Cy", LastName: "Poe", PhoneNumber: "+14045550103"},
		{HealthSherpaCustomerID: "Ünï ☃ 1", ExternalID: long, FirstName: "Dee", LastName: "Ng", PhoneNumber: "+14155550104"},
		{FirstName: "Ann", LastName: "Lee", DateOfBirth: "1980-01-02", PhoneNumber: "+12127365000"},
		{FirstName: "Fay", LastName: "Wu", PhoneNumber: "+16175550106"},
		{CarrierAssignedCustomerID: "C 7", FirstName: "Zoé", LastName: "D'Angelo", DateOfBirth: "2000-02-29", PhoneNumber: "+14158675309"},
	}
	if unique {
		cs[2].ExternalID = "E-3" // E-2 is customer 1's
	}
	lives := int32(3)
	ps := []syncaca.Policy{
		{CustomerID: "0", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2024-01-01", HealthSherpaPolicyID: "PH-1", CarrierAssignedPolicyID: "PC-1",
			CarrierName: "Florida Blue", PlanName: "Silver", PolicyLives: &lives},
		{CustomerID: "1", PolicyType: "MA", Status: termination.StatusTerminated, CarrierAssignedPolicyID: "PC-1"},
		{CustomerID: "2", PolicyType: "ACA", Status: termination.StatusPending, EffectiveDate: "01/02/2025", HealthSherpaPolicyID: "ph-1"},
		{CustomerID: "0", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2023-06-01", HealthSherpaPolicyID: "PH 4", CarrierAssignedPolicyID: "PC-4"},
		{CustomerID: "5", PolicyType: "Dental", HealthSherpaPolicyID: "E-1"},
		{CustomerID: "6", PolicyType: "ACA", Status: termination.StatusActive},
	}
	return cs, ps
}

// load writes the fixture in one unit of work and returns it with the IDs
// the store gave.
func load(ctx context.Context, s syncaca.Store, unique bool) ([]syncaca.Customer, []syncaca.Policy, error) {
	cs, ps := fixture(unique)
	tx, err := s.Begin(ctx, matching.Keys{})
	if err != nil {
		return nil, nil, fmt.Errorf("Begin: %w", err)
	}
	defer tx.Rollback()
	if err := tx.CreateCustomers(ctx, cs); err != nil {
		return nil, nil, fmt.Errorf("CreateCustomers: %w", err)
	}
	seen := map[string]bool{}
	for i, c := range cs {
		if c.ID == "" || seen[c.ID] {
			return nil, nil, fmt.Errorf("CreateCustomers gave customer %d the ID %q (empty or given twice)", i, c.ID)
		}
		seen[c.ID] = true
	}
	for i := range ps {
		var n int
		fmt.Sscan(ps[i].CustomerID, &n)
		ps[i].CustomerID = cs[n].ID
	}
	if err := tx.CreatePolicies(ctx, ps); err != nil {
		return nil, nil, fmt.Errorf("CreatePolicies: %w", err)
	}
	for i, p := range ps {
		if p.ID == "" || seen[p.ID] {
			return nil, nil, fmt.Errorf("CreatePolicies gave policy %d the ID %q (empty or given twice)", i, p.ID)
		}
		seen[p.ID] = true
	}
	if err := tx.Commit(); err != nil {
		return nil, nil, fmt.Errorf("Commit: %w", err)
	}
	return cs, ps, nil
}

func fallbackOf(c *syncaca.Customer) string {
	k, _ := matching.FallbackKey(c.FirstName, c.LastName, c.DateOfBirth, c.PhoneNumber)
	return k
}

func customerKeysOf(kind matching.CustomerKey, vals ...string) (k matching.CustomerKeys) {
	k.Set(kind, vals)
	return k
}

func policyKeysOf(kind matching.PolicyKey, vals ...string) (k matching.PolicyKeys) {
	k.Set(kind, vals)
	return k
}

func sortedIDs[T any](xs []T, id func(*T) string) []string {
	out := make([]string, 0, len(xs))
	for i := range xs {
		out = append(out, id(&xs[i]))
	}
	slices.Sort(out)
	return out
}

func cid(c *syncaca.Customer) string { return c.ID }
func pid(p *syncaca.Policy) string   { return p.ID }

// checkReads: every kind of key, one at a time and all at once.
func checkReads(s syncaca.Store, opt Options) error {
	ctx := context.Background()
	cs, ps, err := load(ctx, s, opt.UniqueIdentifiers)
	if err != nil {
		return fmt.Errorf("loading the fixture: %w", err)
	}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	var values []string
	for i := range cs {
		c := &cs[i]
		values = append(values, c.HealthSherpaCustomerID, c.ExternalID, c.CarrierAssignedCustomerID, fallbackOf(c))
	}
	for _, p := range ps {
		values = append(values, p.HealthSherpaPolicyID, p.CarrierAssignedPolicyID)
	}
	for _, v := range slices.Clone(values) {
		values = append(values, strings.ToLower(v), strings.ToUpper(v))
	}
	values = append(values, "nobody", "H-1 ", "PH4", "E-", "Ünï")
	slices.Sort(values)
	values = slices.Compact(values)
	values = slices.DeleteFunc(values, func(v string) bool { return v == "" })

	tx, err := s.Begin(ctx, matching.Keys{Customers: matching.CustomerKeys{ExternalIDs: values}})
	if err != nil {
		return fmt.Errorf("Begin: %w", err)
	}
	defer tx.Rollback()

	byID := map[string]syncaca.Customer{}
	for _, c := range cs {
		byID[c.ID] = c
	}
	var all matching.CustomerKeys
	wantAll := map[string]bool{}
	for _, kind := range []matching.CustomerKey{matching.KeyHealthSherpaCustomerID, matching.KeyExternalID, matching.KeyCarrierAssignedCustomerID, matching.KeyFallback} {
		for _, v := range values {
			var want []string
			for i := range cs {
				held := matching.CustomerIDs{HealthSherpaCustomerID: cs[i].HealthSherpaCustomerID, ExternalID: cs[i].ExternalID,
					CarrierAssignedCustomerID: cs[i].CarrierAssignedCustomerID}.Get(kind)
				if kind == matching.KeyFallback {
					held = fallbackOf(&cs[i])
				}
				if held == v {
					want = append(want, cs[i].ID)
					wantAll[cs[i].ID] = true
				}
			}
			slices.Sort(want)
			got, err := tx.Customers(ctx, customerKeysOf(kind, v))
			if err != nil {
				fail("Customers(%v %q): %v", kind, v, err)
				continue
			}
			if g := sortedIDs(got, cid); !slices.Equal(g, want) {
				fail("Customers(%v %q) = %v, want %v", kind, v, g, want)
			}
			for _, c := range got {
				w := byID[c.ID]
				w.Policies = nil
				if !reflect.DeepEqual(c, w) {
					fail("Customers(%v %q): customer %s reads back as %+v, stored %+v", kind, v, c.ID, c, w)
				}
			}
		}
		all.Set(kind, values)
	}
	got, err := tx.Customers(ctx, all)
	if err != nil {
		fail("Customers(every key): %v", err)
	} else if g, w := sortedIDs(got, cid), sortedKeys(wantAll); !slices.Equal(g, w) {
		fail("Customers(every key at once) = %v, want %v (each holder once, the union of the single answers)", g, w)
	}

	var allP matching.PolicyKeys
	wantP := map[string]bool{}
	for _, kind := range []matching.PolicyKey{matching.KeyHealthSherpaPolicyID, matching.KeyCarrierAssignedPolicyID} {
		for _, v := range values {
			var want []string
			for _, p := range ps {
				if (matching.PolicyIDs{HealthSherpaPolicyID: p.HealthSherpaPolicyID, CarrierAssignedPolicyID: p.CarrierAssignedPolicyID}).Get(kind) == v {
					want = append(want, p.ID)
					wantP[p.ID] = true
				}
			}
			slices.Sort(want)
			got, err := tx.Policies(ctx, policyKeysOf(kind, v))
			if err != nil {
				fail("Policies(%v %q): %v", kind, v, err)
				continue
			}
			if g := sortedIDs(got, pid); !slices.Equal(g, want) {
				fail("Policies(%v %q) = %v, want %v", kind, v, g, want)
			}
		}
	}
	allP.HealthSherpaPolicyIDs, allP.CarrierAssignedPolicyIDs = values, values
	gotP, err := tx.Policies(ctx, allP)
	if err != nil {
		fail("Policies(every key): %v", err)
	} else if g, w := sortedIDs(gotP, pid), sortedKeys(wantP); !slices.Equal(g, w) {
		fail("Policies(every key at once) = %v, want %v", g, w)
	}

	// The policies of customers, each customer's in the order added.
	ids := []string{cs[0].ID, cs[4].ID, cs[6].ID}
	of, err := tx.PoliciesOf(ctx, ids)
	if err != nil {
		fail("PoliciesOf: %v", err)
	} else {
		for _, id := range ids {
			var got, want []syncaca.Policy
			for _, p := range of {
				if p.CustomerID == id {
					got = append(got, p)
				}
			}
			for _, p := range ps {
				if p.CustomerID == id {
					want = append(want, p)
				}
			}
			if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
				fail("PoliciesOf(%s) = %+v, want %+v (every field as written, in the order added)", id, got, want)
			}
		}
		if len(of) != 3 {
			fail("PoliciesOf(%v) returned %d policies, want 3", ids, len(of))
		}
	}
	if err := tx.Rollback(); err != nil {
		fail("Rollback: %v", err)
	}

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if tx, err := s.Begin(canceled, matching.Keys{}); err == nil {
		if _, err := tx.Customers(canceled, customerKeysOf(matching.KeyHealthSherpaCustomerID, "H-1")); !errors.Is(err, context.Canceled) {
			fail("Customers with a canceled context: got %v, want an error wrapping context.Canceled", err)
		}
		tx.Rollback()
	} else if !errors.Is(err, context.Canceled) {
		fail("Begin with a canceled context: got %v, want an error wrapping context.Canceled", err)
	}
	return errors.Join(errs...)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// checkWrites: updates read back; a rolled back unit writes nothing; new
// policies come after the customer's others.
func checkWrites(s syncaca.Store, opt Options) error {
	ctx := context.Background()
	cs, ps, err := load(ctx, s, opt.UniqueIdentifiers)
	if err != nil {
		return fmt.Errorf("loading the fixture: %w", err)
	}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }

	// Update: fill an identifier, change fields; terminate a policy.
	tx, err := s.Begin(ctx, matching.Keys{})
	if err != nil {
		return fmt.Errorf("Begin: %w", err)
	}
	c := cs[1]
	c.Policies = nil
	c.CarrierAssignedCustomerID, c.LastName, c.City = "C-2", "Roe-Lin", "Boston"
	p := ps[0]
	p.Status = termination.StatusTerminated
	n := syncaca.Policy{CustomerID: cs[0].ID, PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2026-01-01", HealthSherpaPolicyID: "PH-NEW"}
	ns := []syncaca.Policy{n}
	if err := errors.Join(tx.UpdateCustomers(ctx, []syncaca.Customer{c}), tx.UpdatePolicies(ctx, []syncaca.Policy{p}),
		tx.CreatePolicies(ctx, ns)); err != nil {
		tx.Rollback()
		return fmt.Errorf("writing: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("Commit: %w", err)
	}
	if err := tx.Rollback(); err != nil {
		fail("Rollback after Commit: %v, want nil (it does nothing)", err)
	}
	tx, err = s.Begin(ctx, matching.Keys{})
	if err != nil {
		return fmt.Errorf("Begin: %w", err)
	}
	got, err := tx.Customers(ctx, matching.CustomerKeys{CarrierAssignedCustomerIDs: []string{"C-2"}})
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], c) {
		fail("after UpdateCustomers, Customers(carrierAssignedCustomerId C-2) = %+v, %v; want %+v", got, err, c)
	}
	if got, err := tx.Customers(ctx, matching.CustomerKeys{FallbackKeys: []string{fallbackOf(&cs[1])}}); err != nil || len(got) != 0 {
		fail("after a name change, the old fallback key still finds %d customers (%v)", len(got), err)
	}
	if got, err := tx.Customers(ctx, matching.CustomerKeys{FallbackKeys: []string{fallbackOf(&c)}}); err != nil || len(got) != 1 {
		fail("after a name change, the new fallback key finds %d customers (%v), want 1", len(got), err)
	}
	of, err := tx.PoliciesOf(ctx, []string{cs[0].ID})
	want := []syncaca.Policy{p, ps[3], ns[0]}
	if err != nil || !reflect.DeepEqual(of, want) {
		fail("after the writes, PoliciesOf(customer 0) = %+v, %v; want %+v (the termination written, the new policy last)", of, err, want)
	}
	tx.Rollback()

	// Rollback writes nothing.
	tx, err = s.Begin(ctx, matching.Keys{})
	if err != nil {
		return fmt.Errorf("Begin: %w", err)
	}
	gone := []syncaca.Customer{{ExternalID: "E-ROLLBACK", FirstName: "Gus", LastName: "Ray", PhoneNumber: "+12025550111"}}
	if err := tx.CreateCustomers(ctx, gone); err != nil {
		fail("CreateCustomers: %v", err)
	}
	c2 := c
	c2.HealthSherpaCustomerID = "H-ROLLBACK"
	if err := tx.UpdateCustomers(ctx, []syncaca.Customer{c2}); err != nil {
		fail("UpdateCustomers: %v", err)
	}
	if err := tx.Rollback(); err != nil {
		fail("Rollback: %v", err)
	}
	tx, err = s.Begin(ctx, matching.Keys{})
	if err != nil {
		return fmt.Errorf("Begin: %w", err)
	}
	defer tx.Rollback()
	if got, err := tx.Customers(ctx, matching.CustomerKeys{ExternalIDs: []string{"E-ROLLBACK"}, CarrierAssignedCustomerIDs: []string{"C-2"}, HealthSherpaCustomerIDs: []string{"H-ROLLBACK"}}); err != nil ||
		len(got) != 1 || !reflect.DeepEqual(got[0], c) {
		fail("after a rolled back unit: %+v, %v; want only the customer as committed before", got, err)
	}
	return errors.Join(errs...)
}

// checkUnique: with UNIQUE identifiers, a second holder is refused and
// nothing of its unit is written; without, two holders are stored (the
// rules report them as ambiguous).
func checkUnique(s syncaca.Store, opt Options) error {
	ctx := context.Background()
	for _, k := range []struct {
		name string
		a, b syncaca.Customer
	}{
		{"healthSherpaCustomerId", syncaca.Customer{HealthSherpaCustomerID: "U-1"}, syncaca.Customer{HealthSherpaCustomerID: "U-1"}},
		{"externalId", syncaca.Customer{ExternalID: "U-2"}, syncaca.Customer{ExternalID: "U-2"}},
		{"carrierAssignedCustomerId", syncaca.Customer{CarrierAssignedCustomerID: "U-3"}, syncaca.Customer{CarrierAssignedCustomerID: "U-3"}},
	} {
		tx, err := s.Begin(ctx, matching.Keys{})
		if err != nil {
			return err
		}
		if err := tx.CreateCustomers(ctx, []syncaca.Customer{k.a}); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: first holder: %w", k.name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("%s: first holder: %w", k.name, err)
		}
		tx, err = s.Begin(ctx, matching.Keys{})
		if err != nil {
			return err
		}
		err = tx.CreateCustomers(ctx, []syncaca.Customer{k.b})
		if err == nil {
			err = tx.Commit()
		} else {
			tx.Rollback()
		}
		if opt.UniqueIdentifiers && err == nil {
			return fmt.Errorf("%s: a second customer holding %q was stored; the store was declared UNIQUE", k.name, "U-*")
		}
		if !opt.UniqueIdentifiers && err != nil {
			return fmt.Errorf("%s: a second holder was refused (%v); declare Options.UniqueIdentifiers if the store has UNIQUE identifiers", k.name, err)
		}
	}
	// Kinds never cross: one value as two kinds is allowed in both modes.
	tx, err := s.Begin(ctx, matching.Keys{})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := tx.CreateCustomers(ctx, []syncaca.Customer{{HealthSherpaCustomerID: "X-1"}, {ExternalID: "X-1"}, {CarrierAssignedCustomerID: "X-1"}}); err != nil {
		return fmt.Errorf("one value as three kinds: %w", err)
	}
	return tx.Commit()
}
