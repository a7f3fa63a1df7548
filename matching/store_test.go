package matching

import (
	"context"
	"strconv"
	"sync"
	"testing"

	"github.com/carecycle/carerules/termination"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStoreErrors(t *testing.T) {
	_, err := NewStore([]Customer{{ID: "a"}, {ID: "a"}}, nil)
	assert.ErrorIs(t, err, ErrDuplicateID)
	_, err = NewStore([]Customer{{ID: " "}}, nil)
	assert.ErrorIs(t, err, ErrMissingID)
	_, err = NewStore([]Customer{{ID: "a"}}, []Policy{{ID: "p", CustomerID: "b"}})
	assert.ErrorIs(t, err, ErrUnknownCustomer)
	_, err = NewStore([]Customer{{ID: "a"}}, []Policy{{ID: "p", CustomerID: "a"}, {ID: "p", CustomerID: "a"}})
	assert.ErrorIs(t, err, ErrDuplicateID)
	_, err = NewStore([]Customer{{ID: "a"}}, []Policy{{CustomerID: "a"}})
	assert.ErrorIs(t, err, ErrMissingID)
}

func TestStoreLookups(t *testing.T) {
	ctx := context.Background()
	s, err := NewStore([]Customer{
		{ID: "a", IDs: CustomerIDs{HealthSherpaCustomerID: " X ", ExternalID: "null", CarrierAssignedCustomerID: "Y"}},
		{ID: "b", IDs: CustomerIDs{ExternalID: "X"}},
		{ID: "c", IDs: CustomerIDs{ExternalID: "x"}},
	}, []Policy{{ID: "p", CustomerID: "a", Type: "MA", IDs: PolicyIDs{HealthSherpaPolicyID: "Z "}}})
	require.NoError(t, err)

	ids := func(cs []Customer, err error) []string {
		require.NoError(t, err)
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	assert.Equal(t, []string{"a"}, ids(s.FindCustomers(ctx, KeyHealthSherpaCustomerID, "X")), "stored trimmed")
	assert.Equal(t, []string{"b"}, ids(s.FindCustomers(ctx, KeyExternalID, "X")), "kinds never cross")
	assert.Equal(t, []string{"c"}, ids(s.FindCustomers(ctx, KeyExternalID, "x")), "case-sensitive")
	assert.Empty(t, ids(s.FindCustomers(ctx, KeyExternalID, "null")), "artifacts are not stored")
	assert.Empty(t, ids(s.FindCustomers(ctx, KeyFallback, "X")))
	assert.Empty(t, ids(s.FindCustomers(ctx, KeyCarrierAssignedCustomerID, "")))
	c, ok := s.Customer("a")
	require.True(t, ok)
	assert.Equal(t, CustomerIDs{HealthSherpaCustomerID: "X", CarrierAssignedCustomerID: "Y"}, c.IDs)

	ps, err := s.FindPolicies(ctx, KeyHealthSherpaPolicyID, "Z")
	require.NoError(t, err)
	require.Len(t, ps, 1)
	assert.Equal(t, Policy{ID: "p", CustomerID: "a", Type: "MA", IDs: PolicyIDs{HealthSherpaPolicyID: "Z"}}, ps[0])
	ps, err = s.FindPolicies(ctx, PolicyKeyNone, "Z")
	assert.NoError(t, err)
	assert.Empty(t, ps)

	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = s.FindCustomers(cctx, KeyExternalID, "X")
	assert.ErrorIs(t, err, context.Canceled)
	_, err = s.FindCustomersByFallback(cctx, "k")
	assert.ErrorIs(t, err, context.Canceled)
	_, err = s.FindPolicies(cctx, KeyHealthSherpaPolicyID, "Z")
	assert.ErrorIs(t, err, context.Canceled)
}

// Growth from an empty store, many holders of one value, PoliciesOf order.
func TestStoreGrowth(t *testing.T) {
	ctx := context.Background()
	s, err := NewStore(nil, nil)
	require.NoError(t, err)
	const n = 3000
	for i := range n {
		require.NoError(t, s.AddCustomer(Customer{ID: "c" + strconv.Itoa(i),
			IDs: CustomerIDs{ExternalID: "e" + strconv.Itoa(i), CarrierAssignedCustomerID: "shared"}}))
	}
	for i := range 50 {
		require.NoError(t, s.AddPolicy(Policy{ID: "p" + strconv.Itoa(i), CustomerID: "c7", Type: "ACA"}))
	}
	for i := range n {
		cs, err := s.FindCustomers(ctx, KeyExternalID, "e"+strconv.Itoa(i))
		require.NoError(t, err)
		require.Len(t, cs, 1)
		require.Equal(t, "c"+strconv.Itoa(i), cs[0].ID)
	}
	cs, err := s.FindCustomers(ctx, KeyCarrierAssignedCustomerID, "shared")
	require.NoError(t, err)
	assert.Len(t, cs, n)
	ps := s.PoliciesOf("c7")
	require.Len(t, ps, 50)
	for i, p := range ps {
		assert.Equal(t, "p"+strconv.Itoa(i), p.ID)
	}
	assert.Empty(t, s.PoliciesOf("c8"))
	nc, np := s.Len()
	assert.Equal(t, [2]int{n, 50}, [2]int{nc, np})
}

func TestApply(t *testing.T) {
	ctx := context.Background()
	s := fixture(t)
	recs := []Record{
		person(ann, ids("HS7", "E7", ""), PolicyRecord{IDs: PolicyIDs{"PHS1B", ""}, Status: termination.StatusPending, EffectiveDate: "2025-01-01"}),
		{IDs: ids("HSNEW", "", "CA2"), Policies: []PolicyRecord{pol("PN", "PCN"), pol("", "")}},
		{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{{IDs: PolicyIDs{"PHS1", ""}, Status: termination.StatusTerminated}}},
		{IDs: ids("", "DUP", "")},
		// Fails (p4 is c2's): nothing of it is written, not p1's status, not
		// the new policy, not the carrierAssignedCustomerId.
		{IDs: ids("HS1", "", "CAZ"), Policies: []PolicyRecord{{IDs: PolicyIDs{"PHS1", ""}, Status: termination.StatusCancelled},
			pol("PZ", ""), pol("PHS4-2024", "")}},
	}
	p := planWith(t, s, StrategyLiteral, recs...)
	require.ErrorIs(t, p.Decisions[4].Err, ErrPolicyConflict)
	a, err := s.Apply(p)
	require.NoError(t, err)
	assert.Equal(t, []string{"c7", "cust-1", "c1", "", ""}, a.Customers)
	assert.Equal(t, [][]string{{"pol-1"}, {"pol-2", "pol-3"}, {"p1"}, nil, nil}, a.Policies)
	c1, _ := s.Customer("c1")
	assert.Empty(t, c1.IDs.CarrierAssignedCustomerID, "a failed record fills nothing")
	nc, np := s.Len()
	assert.Equal(t, [2]int{8, 10}, [2]int{nc, np}, "7+1 customers, 7+3 policies: the failed record creates none")

	c7, _ := s.Customer("c7")
	assert.Equal(t, Customer{ID: "c7", IDs: CustomerIDs{HealthSherpaCustomerID: "HS7", ExternalID: "E7"},
		FallbackKey: mustKey(t, ann[0], ann[1], ann[2], ann[3])}, c7)
	n, _ := s.Customer("cust-1")
	assert.Equal(t, Customer{ID: "cust-1", IDs: CustomerIDs{HealthSherpaCustomerID: "HSNEW"}}, n, "CA2 is c2's: not copied")
	pol1, _ := s.Policy("pol-1")
	assert.Equal(t, Policy{ID: "pol-1", CustomerID: "c7", Type: "ACA", Status: termination.StatusPending, EffectiveDate: "2025-01-01",
		IDs: PolicyIDs{HealthSherpaPolicyID: "PHS1B"}}, pol1)
	p1, _ := s.Policy("p1")
	assert.Equal(t, termination.StatusTerminated, p1.Status, "record 2's status; record 4 failed")
	assert.Equal(t, "2023-01-01", p1.EffectiveDate, "an empty effectiveDate is not written")
	assert.Len(t, s.PoliciesOf("cust-1"), 2)

	// The store now answers by the new values.
	cs, err := s.FindCustomersByFallback(ctx, c7.FallbackKey)
	require.NoError(t, err)
	assert.Equal(t, []Customer{c7}, cs)

	// Applying twice, or a plan made before another write, is refused.
	_, err = s.Apply(p)
	assert.ErrorIs(t, err, ErrStalePlan)
	p2 := planWith(t, s, StrategyLiteral, recs...)
	require.NoError(t, s.AddCustomer(Customer{ID: "zz"}))
	_, err = s.Apply(p2)
	assert.ErrorIs(t, err, ErrStalePlan)
	// A plan made against another store is refused.
	p3 := planWith(t, fixture(t), StrategyLiteral, recs...)
	_, err = s.Apply(p3)
	assert.ErrorIs(t, err, ErrStalePlan)
}

// A customer whose fallback key changes is found by the new key only, and
// once when the key comes back to an earlier value.
func TestStoreFallbackKeyChanges(t *testing.T) {
	ctx := context.Background()
	s := fixture(t)
	kJane := mustKey(t, jane[0], jane[1], jane[2], jane[3])
	kAnn := mustKey(t, ann[0], ann[1], ann[2], ann[3])
	for _, who := range [][4]string{ann, jane, ann} {
		p := planWith(t, s, StrategyLiteral, person(who, ids("HS1", "", "")))
		_, err := s.Apply(p)
		require.NoError(t, err)
	}
	cs, err := s.FindCustomersByFallback(ctx, kAnn)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	assert.Equal(t, "c1", cs[0].ID)
	cs, err = s.FindCustomersByFallback(ctx, kJane)
	require.NoError(t, err)
	assert.Empty(t, cs)
}

// Planners reading the Store (its direct path holds the read lock for the
// whole plan) while writers apply plans and add customers: no data race
// (go test -race), every plan is either applied whole or refused as stale,
// and the strings a plan holds stay valid after the arena grows.
func TestStoreConcurrentPlanAndApply(t *testing.T) {
	ctx := context.Background()
	s := fixture(t)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 50 {
				hs := "HSC" + strconv.Itoa(g) + "-" + strconv.Itoa(i)
				recs := []Record{{IDs: ids(hs, "", ""), Policies: []PolicyRecord{pol("P"+hs, "")}}, {IDs: ids("HS1", "", "")}}
				p, err := NewPlanner(s, StrategyCascade).Plan(ctx, recs)
				if !assert.NoError(t, err) {
					return
				}
				before := p.Decisions[1].Customer.Before
				if _, err := s.Apply(p); err != nil {
					assert.ErrorIs(t, err, ErrStalePlan)
				}
				assert.Equal(t, "c1", before.ID)
				assert.Equal(t, "HS1", before.IDs.HealthSherpaCustomerID)
			}
		})
	}
	wg.Go(func() {
		for i := range 200 {
			assert.NoError(t, s.AddCustomer(Customer{ID: "w" + strconv.Itoa(i), IDs: CustomerIDs{ExternalID: "WE" + strconv.Itoa(i)}}))
		}
	})
	wg.Wait()
	// Every customer a plan created was created once.
	for g := range 4 {
		for i := range 50 {
			cs, err := s.FindCustomers(ctx, KeyHealthSherpaCustomerID, "HSC"+strconv.Itoa(g)+"-"+strconv.Itoa(i))
			require.NoError(t, err)
			assert.LessOrEqual(t, len(cs), 1)
		}
	}
}
