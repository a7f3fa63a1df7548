package matching

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carecycle/carerules/termination"
)

// TestPolicyTypeTrimmedCaseInsensitive: policyType is compared trimmed and
// ignoring ASCII case, by the one function the one-year rule uses
// (termination.IsACA): a stored "aca" is an ACA policy a sync matches, and
// anything else is a conflict.
func TestPolicyTypeTrimmedCaseInsensitive(t *testing.T) {
	for _, c := range []struct {
		stored string
		want   Outcome
	}{
		{"ACA", OutcomeMatched},
		{"aca", OutcomeMatched},
		{" Aca\t", OutcomeMatched},
		{"MA", OutcomeConflict},
		{"ACA-X", OutcomeConflict},
		{"", OutcomeConflict},
	} {
		t.Run(c.stored, func(t *testing.T) {
			s, err := NewStore([]Customer{{ID: "c1", IDs: CustomerIDs{ExternalID: "E1"}}},
				[]Policy{{ID: "p1", CustomerID: "c1", Type: c.stored, Status: termination.StatusActive, IDs: PolicyIDs{HealthSherpaPolicyID: "H1"}}})
			require.NoError(t, err)
			p, err := NewPlanner(s, StrategyLiteral).Plan(context.Background(), []Record{
				{IDs: CustomerIDs{ExternalID: "E1"}, Policies: []PolicyRecord{{IDs: PolicyIDs{HealthSherpaPolicyID: "H1"}}}}})
			require.NoError(t, err)
			pd := p.Decisions[0].Policies[0]
			assert.Equal(t, c.want, pd.Outcome)
			assert.Equal(t, termination.IsACA(c.stored), pd.Outcome == OutcomeMatched, "matching and the one-year rule agree")
			if c.want == OutcomeConflict {
				assert.Equal(t, ConflictNotACA, pd.Conflict)
				assert.ErrorIs(t, p.Decisions[0].Err, ErrPolicyConflict)
			}
		})
	}
}

// TestPolicyIDRepeats: every repeat of a present identifier within one
// record's policies, with the first policy holding it; identifiers are
// trimmed and compared exactly; absent ones ("", "null") never repeat.
func TestPolicyIDRepeats(t *testing.T) {
	ids := []PolicyIDs{
		{HealthSherpaPolicyID: "H1", CarrierAssignedPolicyID: "C1"},
		{HealthSherpaPolicyID: " H1 ", CarrierAssignedPolicyID: "c1"},     // H1 repeats 0; c1 is another value
		{HealthSherpaPolicyID: "null", CarrierAssignedPolicyID: "C1"},     // C1 repeats 0
		{HealthSherpaPolicyID: "NULL", CarrierAssignedPolicyID: ""},       // artifacts are absent
		{HealthSherpaPolicyID: "H1", CarrierAssignedPolicyID: "C1"},       // both repeat 0
		{HealthSherpaPolicyID: "", CarrierAssignedPolicyID: "\u00a0c1\t"}, // c1 repeats 1
	}
	var got []PolicyIDRepeat
	for rep := range PolicyIDRepeats(ids) {
		got = append(got, rep)
	}
	assert.Equal(t, []PolicyIDRepeat{
		{Policy: 1, First: 0, Key: KeyHealthSherpaPolicyID, Value: "H1"},
		{Policy: 2, First: 0, Key: KeyCarrierAssignedPolicyID, Value: "C1"},
		{Policy: 4, First: 0, Key: KeyHealthSherpaPolicyID, Value: "H1"},
		{Policy: 4, First: 0, Key: KeyCarrierAssignedPolicyID, Value: "C1"},
		{Policy: 5, First: 1, Key: KeyCarrierAssignedPolicyID, Value: "c1"},
	}, got)
	for range PolicyIDRepeats(ids) {
		break // stopping early is allowed
	}
	for range PolicyIDRepeats(nil) {
		t.Fatal("no policies, no repeat")
	}
}
