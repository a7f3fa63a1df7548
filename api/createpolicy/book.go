package createpolicy

import (
	"context"
	"errors"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/termination"
)

// BookStore is the endpoint's CustomerFinder and PolicyCreator over the
// in-memory book of package syncaca, so that both endpoints run against one
// book. Policies are added with Book.AddPolicy: an ID "pol-N", indexed for
// the sync's lookups, and refused (422, policy_identifier_taken) when
// another policy holds its healthSherpaPolicyId or carrierAssignedPolicyId.
// The book's policy record has no room for the source call context and the
// unknown fields: CreatePolicy returns them with the policy, but the book
// (and its JSON form) does not keep them; a host's store does.
type BookStore struct {
	Book *syncaca.Book
}

// FindCustomer implements CustomerFinder.
func (s BookStore) FindCustomer(ctx context.Context, id string) (Customer, error) {
	if err := ctx.Err(); err != nil {
		return Customer{}, err
	}
	c, ok := s.Book.Customer(id)
	if !ok {
		return Customer{}, ErrCustomerNotFound
	}
	return Customer{ID: c.ID, State: c.State, PostalCode: c.PostalCode}, nil
}

// CreatePolicy implements PolicyCreator.
func (s BookStore) CreatePolicy(ctx context.Context, p Policy) (Policy, error) {
	var status termination.Status // none when the policy has none
	if p.Status != "" {
		var err error
		if status, err = termination.ParseStatus(p.Status); err != nil {
			return Policy{}, err // Validate stores the API's spelling: never expected
		}
	}
	stored, err := s.Book.AddPolicy(ctx, p.CustomerID, syncaca.Policy{
		PolicyType: p.PolicyType, CarrierID: p.CarrierID, CarrierName: p.CarrierName, PlanName: p.PlanName,
		PlanCode: p.PlanCode, CarrierAssignedPolicyID: p.CarrierAssignedPolicyID, HealthSherpaPolicyID: p.HealthSherpaPolicyID,
		MetalLevel: p.MetalLevel, Status: status, EffectiveDate: p.EffectiveDate, TerminationDate: p.TerminationDate,
		ElectionPeriod: p.ElectionPeriod, AorFirstName: p.AorFirstName, AorLastName: p.AorLastName, AorNpn: p.AorNpn,
		PremiumMode: p.PremiumMode, PolicyLives: p.PolicyLives, WrittenAs: p.WrittenAs, ExchangeStatus: p.ExchangeStatus,
	})
	if errors.Is(err, syncaca.ErrNoCustomer) {
		return Policy{}, ErrCustomerNotFound
	}
	if err != nil {
		return Policy{}, err
	}
	p.ID, p.CustomerID = stored.ID, stored.CustomerID
	return p, nil
}
