package createpolicy

import (
	"context"
	"errors"

	"github.com/carecycle/carerules/api"
)

// ErrCustomerNotFound is the error a CustomerFinder returns (wrapped or not)
// when no customer has the ID: the API's 404 NOT_FOUND.
var ErrCustomerNotFound = errors.New("customer not found")

// CustomerFinder finds the customer the path names. It returns an error
// wrapping ErrCustomerNotFound when there is none; any other error is the
// host's failure (the API's 500).
type CustomerFinder interface {
	FindCustomer(ctx context.Context, id string) (Customer, error)
}

// CustomerFinderFunc adapts a function to CustomerFinder.
type CustomerFinderFunc func(ctx context.Context, id string) (Customer, error)

// FindCustomer calls f.
func (f CustomerFinderFunc) FindCustomer(ctx context.Context, id string) (Customer, error) {
	return f(ctx, id)
}

// PolicyCreator stores a new policy. CreatePolicy stores p as a new policy
// of the customer p.CustomerID, gives it an ID, and returns it as stored. It
// must write nothing when ctx is done before it commits, and return
// ctx.Err() then. An error wrapping ErrCustomerNotFound (the customer was
// removed since it was found) is the API's 404; an *api.ValidationError
// (a store that refuses a value, e.g. an identifier another policy holds)
// is the API's 422; any other error is the host's failure (500).
type PolicyCreator interface {
	CreatePolicy(ctx context.Context, p Policy) (Policy, error)
}

// Create runs POST /v2/customers/{id}/policies: it decodes the body
// (Decode), finds the customer (none: ErrCustomerNotFound, nothing written),
// validates the request for that customer (Validate) and stores the policy
// (PolicyCreator). The shape issues and the rule issues are reported
// together in one *api.ValidationError. A body that is not a JSON object is
// an error wrapping ErrSyntax, reported before the customer is looked up.
// When ctx is done before the policy is stored, Create returns ctx.Err()
// and nothing is written.
func Create(ctx context.Context, customers CustomerFinder, store PolicyCreator, customerID string, body []byte, opt Options) (*Response, error) {
	req, shape, err := decode(body)
	if err != nil {
		return nil, err
	}
	c, err := customers.FindCustomer(ctx, customerID)
	if err != nil {
		return nil, err
	}
	if c.ID == "" {
		c.ID = customerID
	}
	p, warns, issues, err := validate(req, c, opt)
	if err != nil {
		return nil, err
	}
	issues = append(shape, issues...)
	if e := api.NewValidationError(issues, nil); e != nil {
		return nil, e
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	stored, err := store.CreatePolicy(ctx, p)
	if err != nil {
		return nil, err
	}
	return &Response{Policy: stored, Warnings: warns}, nil
}

// MessageCustomerNotFound is the message of the 404 body.
const MessageCustomerNotFound = "Customer not found"

// BodyFor returns the API's {message, code} body for an error of Create
// that is neither a *api.ValidationError nor the host's failure: a body
// that is not a JSON object (400 INVALID_JSON) or an absent customer (404
// NOT_FOUND). It returns false for any other error.
func BodyFor(err error) (api.ErrorBody, bool) {
	switch {
	case errors.Is(err, ErrSyntax):
		return api.NewErrorBody(api.CodeInvalidJSON), true
	case errors.Is(err, ErrCustomerNotFound):
		return api.ErrorBody{Message: MessageCustomerNotFound, Code: api.CodeNotFound}, true
	}
	return api.ErrorBody{}, false
}
