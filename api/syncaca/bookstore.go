package syncaca

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/carecycle/carerules/matching"
)

// Begin implements [Store]: the book's unit of work holds the book's lock
// until Commit or Rollback, so syncs on one book run one at a time. Its
// writes are staged and applied at Commit; its reads see the book as it was
// at Begin.
func (b *Book) Begin(ctx context.Context, keys matching.Keys) (Tx, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	b.mu.Lock()
	return &bookTx{b: b, nextCust: b.nextCust, nextPol: b.nextPol, given: map[string]bool{}}, nil
}

// bookTx is a unit of work on a Book.
type bookTx struct {
	b                 *Book
	done              bool
	nextCust, nextPol int // the book's counters as this unit moves them
	given             map[string]bool
	newCusts, updCust []Customer
	newPols, updPols  []Policy
}

// errTxDone: a bookTx was used after Commit or Rollback.
var errTxDone = errors.New("syncaca: the unit of work is already committed or rolled back")

func (t *bookTx) check(ctx context.Context) error {
	if t.done {
		return errTxDone
	}
	return ctx.Err()
}

// Customers implements [Tx].
func (t *bookTx) Customers(ctx context.Context, keys matching.CustomerKeys) ([]Customer, error) {
	if err := t.check(ctx); err != nil {
		return nil, err
	}
	mc, err := t.b.store.FindCustomersByKeys(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]Customer, 0, len(mc))
	for _, c := range mc {
		if i, ok := t.b.byID[c.ID]; ok {
			out = append(out, cloneCustomer(t.b.customers[i], false))
		}
	}
	return out, nil
}

// Policies implements [Tx].
func (t *bookTx) Policies(ctx context.Context, keys matching.PolicyKeys) ([]Policy, error) {
	if err := t.check(ctx); err != nil {
		return nil, err
	}
	mp, err := t.b.store.FindPoliciesByKeys(ctx, keys)
	if err != nil {
		return nil, err
	}
	out := make([]Policy, 0, len(mp))
	for _, p := range mp {
		if l, ok := t.b.policyAt[p.ID]; ok {
			out = append(out, clonePolicy(&t.b.customers[l[0]].Policies[l[1]]))
		}
	}
	return out, nil
}

// PoliciesOf implements [Tx].
func (t *bookTx) PoliciesOf(ctx context.Context, customerIDs []string) ([]Policy, error) {
	if err := t.check(ctx); err != nil {
		return nil, err
	}
	var out []Policy
	for _, id := range customerIDs {
		if i, ok := t.b.byID[id]; ok {
			for _, p := range t.b.customers[i].Policies {
				out = append(out, clonePolicy(&p))
			}
		}
	}
	return out, nil
}

func (t *bookTx) newID(prefix string, next *int, held func(string) bool) string {
	for {
		*next++
		id := prefix + strconv.Itoa(*next)
		if !held(id) && !t.given[id] {
			t.given[id] = true
			return id
		}
	}
}

// CreateCustomers implements [Tx]: IDs "cust-N", the first N the book does
// not hold.
func (t *bookTx) CreateCustomers(ctx context.Context, cs []Customer) error {
	if err := t.check(ctx); err != nil {
		return err
	}
	for i := range cs {
		cs[i].ID = t.newID("cust-", &t.nextCust, func(id string) bool { _, ok := t.b.byID[id]; return ok })
		c := cloneCustomer(&cs[i], false)
		t.newCusts = append(t.newCusts, c)
	}
	return nil
}

// UpdateCustomers implements [Tx].
func (t *bookTx) UpdateCustomers(ctx context.Context, cs []Customer) error {
	if err := t.check(ctx); err != nil {
		return err
	}
	for i := range cs {
		if _, ok := t.b.byID[cs[i].ID]; !ok {
			return fmt.Errorf("syncaca: updating customer %s: %w", cs[i].ID, matching.ErrUnknownCustomer)
		}
		t.updCust = append(t.updCust, cloneCustomer(&cs[i], false))
	}
	return nil
}

// CreatePolicies implements [Tx]: IDs "pol-N", the first N the book does
// not hold.
func (t *bookTx) CreatePolicies(ctx context.Context, ps []Policy) error {
	if err := t.check(ctx); err != nil {
		return err
	}
	for i := range ps {
		_, stored := t.b.byID[ps[i].CustomerID]
		if !stored && !t.given[ps[i].CustomerID] {
			return fmt.Errorf("syncaca: creating a policy of customer %s: %w", ps[i].CustomerID, matching.ErrUnknownCustomer)
		}
		ps[i].ID = t.newID("pol-", &t.nextPol, func(id string) bool { _, ok := t.b.policyAt[id]; return ok })
		t.newPols = append(t.newPols, clonePolicy(&ps[i]))
	}
	return nil
}

// UpdatePolicies implements [Tx].
func (t *bookTx) UpdatePolicies(ctx context.Context, ps []Policy) error {
	if err := t.check(ctx); err != nil {
		return err
	}
	for i := range ps {
		l, ok := t.b.policyAt[ps[i].ID]
		if !ok || t.b.customers[l[0]].ID != ps[i].CustomerID {
			return fmt.Errorf("syncaca: updating policy %s: %w", ps[i].ID, matching.ErrUnknownCustomer)
		}
		t.updPols = append(t.updPols, clonePolicy(&ps[i]))
	}
	return nil
}

// Commit implements [Tx]: it applies the staged writes and releases the
// book.
func (t *bookTx) Commit() error {
	if t.done {
		return errTxDone
	}
	t.done = true
	defer t.b.mu.Unlock()
	b := t.b
	for i := range t.newCusts {
		c := t.newCusts[i]
		b.byID[c.ID] = len(b.customers)
		b.customers = append(b.customers, &c)
		if err := b.store.PutCustomer(matchingCustomer(&c)); err != nil {
			return err
		}
	}
	for i := range t.updCust {
		c := t.updCust[i]
		old := b.customers[b.byID[c.ID]]
		c.Policies = old.Policies
		*old = c
		if err := b.store.PutCustomer(matchingCustomer(&c)); err != nil {
			return err
		}
	}
	for _, p := range t.newPols {
		ci := b.byID[p.CustomerID]
		c := b.customers[ci]
		c.Policies = append(c.Policies, p)
		b.policyAt[p.ID] = [2]int{ci, len(c.Policies) - 1}
		if err := b.store.PutPolicy(matchingPolicy(&p)); err != nil {
			return err
		}
	}
	for _, p := range t.updPols {
		l := b.policyAt[p.ID]
		b.customers[l[0]].Policies[l[1]] = p
		if err := b.store.PutPolicy(matchingPolicy(&p)); err != nil {
			return err
		}
	}
	b.nextCust, b.nextPol = t.nextCust, t.nextPol
	return nil
}

// Rollback implements [Tx]: it drops the staged writes and releases the
// book; after Commit it does nothing.
func (t *bookTx) Rollback() error {
	if t.done {
		return nil
	}
	t.done = true
	t.b.mu.Unlock()
	return nil
}
