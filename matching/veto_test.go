package matching

import (
	"testing"

	"github.com/carecycle/carerules/termination"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The owner and type checks apply to every policy the lookups find: a
// carrierAssignedPolicyId match vetoed as another enrollment (a different
// healthSherpaPolicyId) that belongs to another customer, or is not ACA,
// fails the record with policy_conflict; no policy is created carrying
// another customer's or a Medicare policy's carrier ID.
func TestVetoedCarrierMatchStillChecksOwnerAndType(t *testing.T) {
	customers := []Customer{{ID: "A", IDs: CustomerIDs{ExternalID: "EXT-A"}}, {ID: "B", IDs: CustomerIDs{ExternalID: "EXT-B"}}}
	policies := []Policy{
		{ID: "pa", CustomerID: "A", Type: "ACA", Status: termination.StatusActive, IDs: PolicyIDs{"HS-A-2025", "CA-A"}},
		{ID: "pb", CustomerID: "B", Type: "ACA", Status: termination.StatusActive, IDs: PolicyIDs{"HS-B-2025", "CA-B"}},
		{ID: "pm", CustomerID: "B", Type: "MAPD", Status: termination.StatusActive, IDs: PolicyIDs{"HS-M", "CA-M"}},
	}
	for _, tc := range []struct {
		name     string
		customer string
		pol      PolicyRecord
		want     ConflictReason
		policy   string
	}{
		{"another customer's carrier ID", "EXT-B", pol("HS-B-2026", "CA-A"), ConflictOtherCustomer, "pa"},
		{"a Medicare policy's carrier ID", "EXT-B", pol("HS-B-2026", "CA-M"), ConflictNotACA, "pm"},
		{"the customer's own renewal is new", "EXT-B", pol("HS-B-2026", "CA-B"), 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := NewStore(customers, policies)
			require.NoError(t, err)
			p := planWith(t, s, StrategyLiteral, Record{IDs: CustomerIDs{ExternalID: tc.customer}, Policies: []PolicyRecord{tc.pol}})
			d := p.Decisions[0]
			pd := d.Policies[0]
			if tc.policy == "" {
				require.NoError(t, d.Err)
				assert.Equal(t, OutcomeNew, pd.Outcome)
				return
			}
			assert.ErrorIs(t, d.Err, ErrPolicyConflict)
			assert.Equal(t, OutcomeConflict, pd.Outcome)
			assert.Equal(t, tc.want, pd.Conflict)
			assert.Equal(t, existingPolicy(tc.policy), pd.Policy)
			// Nothing is written: no policy carries the other carrier ID.
			_, err = s.Apply(p)
			require.NoError(t, err)
			got, err := s.FindPolicies(t.Context(), KeyCarrierAssignedPolicyID, tc.pol.IDs.CarrierAssignedPolicyID)
			require.NoError(t, err)
			assert.Len(t, got, 1)
		})
	}
}

// A carrierAssignedPolicyId held by another customer's policy, or by a
// policy that is not ACA, is never copied onto a policy matched by its
// healthSherpaPolicyId: it is reported, not written (as a customer
// identifier another customer holds is never copied in).
func TestCarrierIDOfAnotherPolicyIsNeverCopiedOnAMatch(t *testing.T) {
	customers := []Customer{{ID: "A", IDs: CustomerIDs{ExternalID: "EXT-A"}}, {ID: "B", IDs: CustomerIDs{ExternalID: "EXT-B"}}}
	policies := []Policy{
		{ID: "pa", CustomerID: "A", Type: "ACA", Status: termination.StatusActive, IDs: PolicyIDs{"HS-A", "CA-A"}},
		{ID: "pb", CustomerID: "B", Type: "ACA", Status: termination.StatusActive, IDs: PolicyIDs{HealthSherpaPolicyID: "HS-B"}},
		{ID: "pm", CustomerID: "B", Type: "MA", Status: termination.StatusActive, IDs: PolicyIDs{"HS-M", "CA-M"}},
		{ID: "pb0", CustomerID: "B", Type: "ACA", Status: termination.StatusActive, IDs: PolicyIDs{"HS-B0", "CA-B0"}},
	}
	for _, tc := range []struct {
		name   string
		ca     string
		heldBy []PolicyRef
	}{
		{"another customer's carrier ID", "CA-A", []PolicyRef{existingPolicy("pa")}},
		{"a Medicare policy's carrier ID", "CA-M", []PolicyRef{existingPolicy("pm")}},
		{"the customer's own renewal shares it", "CA-B0", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := NewStore(customers, policies)
			require.NoError(t, err)
			p := planWith(t, s, StrategyLiteral, Record{IDs: CustomerIDs{ExternalID: "EXT-B"}, Policies: []PolicyRecord{pol("HS-B", tc.ca)}})
			d := p.Decisions[0]
			require.NoError(t, d.Err)
			pd := d.Policies[0]
			assert.Equal(t, OutcomeMatched, pd.Outcome)
			assert.Equal(t, existingPolicy("pb"), pd.Policy)
			if tc.heldBy == nil {
				assert.Equal(t, []PolicyFill{{KeyCarrierAssignedPolicyID, tc.ca}}, pd.Fill)
				assert.Empty(t, pd.Conflicts)
				return
			}
			assert.Empty(t, pd.Fill)
			assert.Equal(t, []PolicyIDConflict{{Key: KeyCarrierAssignedPolicyID, Incoming: tc.ca, HeldBy: tc.heldBy}}, pd.Conflicts)
		})
	}
	// Within one batch: a policy the batch created for B, then A's carrier ID
	// sent for it.
	s, err := NewStore(customers, policies)
	require.NoError(t, err)
	p := planWith(t, s, StrategyLiteral,
		Record{IDs: CustomerIDs{ExternalID: "EXT-B"}, Policies: []PolicyRecord{pol("HS-NEW", "")}},
		Record{IDs: CustomerIDs{ExternalID: "EXT-B"}, Policies: []PolicyRecord{pol("HS-NEW", "CA-A")}})
	assert.Empty(t, p.Decisions[1].Policies[0].Fill)
	assert.Equal(t, []PolicyRef{existingPolicy("pa")}, p.Decisions[1].Policies[0].Conflicts[0].HeldBy)
}
