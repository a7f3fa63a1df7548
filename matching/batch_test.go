package matching_test

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/matching/matchingtest"
	"github.com/carecycle/carerules/phone"
)

// KeysOf: every present identifier (trimmed; "null" and blanks are not
// identifiers), every complete fallback key, each kind sorted and distinct.
func TestKeysOf(t *testing.T) {
	ph, err := phone.Parse("(212) 736-5000")
	if err != nil {
		t.Fatal(err)
	}
	recs := []matching.Record{
		{IDs: matching.CustomerIDs{HealthSherpaCustomerID: " H-2 ", ExternalID: "null", CarrierAssignedCustomerID: "C-1"},
			Policies: []matching.PolicyRecord{{IDs: matching.PolicyIDs{HealthSherpaPolicyID: "P-2", CarrierAssignedPolicyID: " "}}, {IDs: matching.PolicyIDs{CarrierAssignedPolicyID: "PC"}}}},
		{IDs: matching.CustomerIDs{HealthSherpaCustomerID: "H-1", ExternalID: "E"}, FirstName: "Ann", LastName: "Lee", DateOfBirth: dob.MustNew(1980, 1, 2), PhoneNumber: ph,
			Policies: []matching.PolicyRecord{{IDs: matching.PolicyIDs{HealthSherpaPolicyID: "P-1"}}, {IDs: matching.PolicyIDs{HealthSherpaPolicyID: "P-2"}}}},
		{IDs: matching.CustomerIDs{HealthSherpaCustomerID: "H-2"}, FirstName: "Bob", LastName: "Roe", PhoneNumber: ph}, // no date of birth: no fallback key
	}
	got := matching.KeysOf(recs)
	want := matching.Keys{
		Customers: matching.CustomerKeys{HealthSherpaCustomerIDs: []string{"H-1", "H-2"}, ExternalIDs: []string{"E"}, CarrierAssignedCustomerIDs: []string{"C-1"},
			FallbackKeys: []string{"ann|lee|1980-01-02|+12127365000"}},
		Policies: matching.PolicyKeys{HealthSherpaPolicyIDs: []string{"P-1", "P-2"}, CarrierAssignedPolicyIDs: []string{"PC"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("KeysOf = %+v\nwant %+v", got, want)
	}
}

// countingBatch answers only in batches (it is no *Store), and counts.
type countingBatch struct {
	matching.Lookup // the single-key methods, which must not be called
	b               matching.BatchLookup
	batches, single int
}

func (c *countingBatch) FindCustomersByKeys(ctx context.Context, k matching.CustomerKeys) ([]matching.Customer, error) {
	c.batches++
	return c.b.FindCustomersByKeys(ctx, k)
}

func (c *countingBatch) FindPoliciesByKeys(ctx context.Context, k matching.PolicyKeys) ([]matching.Policy, error) {
	c.batches++
	return c.b.FindPoliciesByKeys(ctx, k)
}

func (c *countingBatch) FindCustomers(ctx context.Context, k matching.CustomerKey, v string) ([]matching.Customer, error) {
	c.single++
	return c.Lookup.FindCustomers(ctx, k, v)
}

func (c *countingBatch) FindCustomersByFallback(ctx context.Context, v string) ([]matching.Customer, error) {
	c.single++
	return c.Lookup.FindCustomersByFallback(ctx, v)
}

func (c *countingBatch) FindPolicies(ctx context.Context, k matching.PolicyKey, v string) ([]matching.Policy, error) {
	c.single++
	return c.Lookup.FindPolicies(ctx, k, v)
}

// singleOnly hides the Store's batch methods.
type singleOnly struct{ matching.Lookup }

func planRecords() []matching.Record {
	return []matching.Record{
		{IDs: matching.CustomerIDs{HealthSherpaCustomerID: "H-1", CarrierAssignedCustomerID: "C-9"},
			Policies: []matching.PolicyRecord{{IDs: matching.PolicyIDs{HealthSherpaPolicyID: "PH-1"}}, {IDs: matching.PolicyIDs{CarrierAssignedPolicyID: "PC-4"}}}},
		{IDs: matching.CustomerIDs{ExternalID: "E-2"}},
		{IDs: matching.CustomerIDs{HealthSherpaCustomerID: "NEW", ExternalID: "E-1"}, Policies: []matching.PolicyRecord{{IDs: matching.PolicyIDs{CarrierAssignedPolicyID: "PC-1"}}}},
		{IDs: matching.CustomerIDs{HealthSherpaCustomerID: "NEW"}},
	}
}

// A planner whose finders are one BatchLookup asks two batch calls for the
// whole request, no single lookup, and decides as it does on the Store; a
// single-key lookup adapted by Batch gives the same plan.
func TestPlannerBatches(t *testing.T) {
	cs, ps := matchingtest.Fixture()
	st, err := matching.NewStore(cs, ps)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, s := range []matching.Strategy{matching.StrategyLiteral, matching.StrategyCascade} {
		want, err := matching.NewPlanner(st, s).Plan(ctx, planRecords())
		if err != nil {
			t.Fatal(err)
		}
		cb := &countingBatch{Lookup: st, b: st}
		got, err := matching.NewPlanner(cb, s).Plan(ctx, planRecords())
		if err != nil {
			t.Fatal(err)
		}
		if cb.batches != 2 || cb.single != 0 {
			t.Errorf("%v: %d batch calls and %d single lookups, want 2 and 0", s, cb.batches, cb.single)
		}
		if !reflect.DeepEqual(got.Decisions, want.Decisions) {
			t.Errorf("%v: batched plan differs:\n got %+v\nwant %+v", s, got.Decisions, want.Decisions)
		}
		adapted := &countingBatch{Lookup: st, b: matching.Batch(singleOnly{st})}
		got, err = matching.NewPlanner(adapted, s).Plan(ctx, planRecords())
		if err != nil || !reflect.DeepEqual(got.Decisions, want.Decisions) {
			t.Errorf("%v: plan over Batch(single-key lookup) differs (%v)", s, err)
		}
	}
}

// Batch answers equal single answers, on the Store and on Batch's adapter
// (matchingtest checks it for any store).
func TestStoreBatchContract(t *testing.T) {
	err := matchingtest.TestStore(func(cs []matching.Customer, ps []matching.Policy) (matching.Lookup, error) {
		return matching.NewStore(cs, ps)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Answers refuses a key it was not given, rather than answer "nobody".
func TestAnswersNotPrefetched(t *testing.T) {
	a := matching.NewAnswers(matching.Keys{Customers: matching.CustomerKeys{ExternalIDs: []string{"E"}}}, nil, nil)
	ctx := context.Background()
	if cs, err := a.FindCustomers(ctx, matching.KeyExternalID, "E"); err != nil || len(cs) != 0 {
		t.Errorf("a key asked for with no holder: %v, %v", cs, err)
	}
	if _, err := a.FindCustomers(ctx, matching.KeyExternalID, "F"); !errors.Is(err, matching.ErrNotPrefetched) {
		t.Errorf("a key never asked for: %v, want ErrNotPrefetched", err)
	}
	if _, err := a.FindPolicies(ctx, matching.KeyHealthSherpaPolicyID, "P"); !errors.Is(err, matching.ErrNotPrefetched) {
		t.Errorf("a policy key never asked for: %v, want ErrNotPrefetched", err)
	}
}

// PutCustomer re-indexes what changed: the old values no longer find the
// customer, the new ones do, and a value that comes back finds it once.
func TestPutCustomer(t *testing.T) {
	st, err := matching.NewStore([]matching.Customer{{ID: "c", FallbackKey: "A", IDs: matching.CustomerIDs{ExternalID: "E"}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ids := func(k string) []string {
		cs, err := st.FindCustomersByFallback(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	for _, step := range []struct{ key, absent string }{{"B", "A"}, {"A", "B"}, {"B", "A"}} {
		if err := st.PutCustomer(matching.Customer{ID: "c", FallbackKey: step.key, IDs: matching.CustomerIDs{ExternalID: "E", HealthSherpaCustomerID: "H"}}); err != nil {
			t.Fatal(err)
		}
		if got := ids(step.key); !slices.Equal(got, []string{"c"}) {
			t.Errorf("fallback %s finds %v, want [c] once", step.key, got)
		}
		if got := ids(step.absent); len(got) != 0 {
			t.Errorf("old fallback %s still finds %v", step.absent, got)
		}
	}
	if cs, _ := st.FindCustomers(ctx, matching.KeyHealthSherpaCustomerID, "H"); len(cs) != 1 {
		t.Errorf("the filled healthSherpaCustomerId finds %d customers, want 1", len(cs))
	}
	if err := st.PutPolicy(matching.Policy{ID: "p", CustomerID: "nobody"}); !errors.Is(err, matching.ErrUnknownCustomer) {
		t.Errorf("a policy of an unknown customer: %v", err)
	}
	if err := st.PutPolicy(matching.Policy{ID: "p", CustomerID: "c", IDs: matching.PolicyIDs{HealthSherpaPolicyID: "P"}}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutPolicy(matching.Policy{ID: "p", CustomerID: "other"}); !errors.Is(err, matching.ErrUnknownCustomer) {
		t.Errorf("moving a policy to another customer: %v, want ErrUnknownCustomer", err)
	}
	if err := st.PutPolicy(matching.Policy{ID: "p", CustomerID: "c", IDs: matching.PolicyIDs{HealthSherpaPolicyID: "Q"}}); err != nil {
		t.Fatal(err)
	}
	if ps, _ := st.FindPolicies(ctx, matching.KeyHealthSherpaPolicyID, "P"); len(ps) != 0 {
		t.Errorf("the old policy identifier still finds %d", len(ps))
	}
	if ps, _ := st.FindPolicies(ctx, matching.KeyHealthSherpaPolicyID, "Q"); len(ps) != 1 {
		t.Errorf("the new policy identifier finds %d, want 1", len(ps))
	}
}
