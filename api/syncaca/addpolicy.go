package syncaca

import (
	"context"
	"errors"
	"strconv"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// ErrNoCustomer is returned (wrapped) by Book.AddPolicy when the book holds
// no customer with the given ID.
var ErrNoCustomer = errors.New("no customer with this id")

// CodePolicyIdentifierTaken is the issue code of a new policy whose
// healthSherpaPolicyId or carrierAssignedPolicyId another policy holds.
const CodePolicyIdentifierTaken = "policy_identifier_taken"

// AddPolicy adds p to the book as a new policy of the customer customerID,
// with a new ID ("pol-N", the first N the book does not hold), and returns
// it as stored. It writes nothing and returns ctx.Err() when ctx is done
// once the book is locked; an error wrapping ErrNoCustomer when the customer
// is absent; and a *api.ValidationError (code policy_identifier_taken) when
// p's healthSherpaPolicyId or carrierAssignedPolicyId is held by a policy
// of the book: policy identifiers are unique across customers, and a second
// holder would make every later sync of that identifier a conflict.
// The policy is indexed for the sync's lookups like any other.
func (b *Book) AddPolicy(ctx context.Context, customerID string, p Policy) (Policy, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return Policy{}, err
	}
	ci, ok := b.byID[customerID]
	if !ok {
		return Policy{}, ErrNoCustomer
	}
	var issues []api.Issue
	for _, k := range []struct {
		key   matching.PolicyKey
		name  string
		value string
	}{
		{matching.KeyHealthSherpaPolicyID, "healthSherpaPolicyId", p.HealthSherpaPolicyID},
		{matching.KeyCarrierAssignedPolicyID, "carrierAssignedPolicyId", p.CarrierAssignedPolicyID},
	} {
		id, present := matching.Identifier(k.value)
		if !present {
			continue
		}
		held, err := b.store.FindPolicies(ctx, k.key, id)
		if err != nil {
			return Policy{}, err
		}
		if len(held) > 0 {
			issues = append(issues, api.Issue{Path: []string{k.name}, Message: k.name + " is held by policy " + held[0].ID,
				Expected: "an identifier no other policy holds", Received: k.value, Code: CodePolicyIdentifierTaken})
		}
	}
	if e := api.NewValidationError(issues, nil); e != nil {
		return Policy{}, e
	}
	c := b.customers[ci]
	n := len(b.policyAt) + 1
	for {
		if _, held := b.policyAt["pol-"+strconv.Itoa(n)]; !held {
			break
		}
		n++
	}
	p.ID, p.CustomerID = "pol-"+strconv.Itoa(n), customerID
	if err := b.store.AddPolicy(matching.Policy{ID: p.ID, CustomerID: customerID, Type: p.PolicyType, Status: p.Status,
		EffectiveDate: p.EffectiveDate, IDs: matching.PolicyIDs{HealthSherpaPolicyID: p.HealthSherpaPolicyID,
			CarrierAssignedPolicyID: p.CarrierAssignedPolicyID}}); err != nil {
		return Policy{}, err
	}
	c.Policies = append(c.Policies, p)
	b.policyAt[p.ID] = [2]int{ci, len(c.Policies) - 1}
	if eff := termination.ReadEffectiveDate(p.EffectiveDate); eff != (termination.EffectiveDate{}) {
		b.effective[p.ID] = eff
	}
	return p, nil
}
