package sqlstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// Begin implements syncaca.Store: it opens a unit of work for a request
// with the given keys (on PostgreSQL with LockKeys, after locking them; on
// SQLite, with the database's write lock).
func (s *Store) Begin(ctx context.Context, keys matching.Keys) (syncaca.Tx, error) {
	u, err := s.begin(ctx, lockStrings(&keys))
	if err != nil {
		return nil, err
	}
	return &Tx{u: u}, nil
}

// lockStrings names every key of the request, its kind first, for the
// advisory locks.
func lockStrings(k *matching.Keys) []string {
	out := make([]string, 0, k.Customers.Len()+k.Policies.Len())
	for _, l := range []struct {
		kind string
		vals []string
	}{
		{"hc", k.Customers.HealthSherpaCustomerIDs}, {"ec", k.Customers.ExternalIDs}, {"cc", k.Customers.CarrierAssignedCustomerIDs},
		{"fb", k.Customers.FallbackKeys}, {"hp", k.Policies.HealthSherpaPolicyIDs}, {"cp", k.Policies.CarrierAssignedPolicyIDs},
	} {
		for _, v := range l.vals {
			out = append(out, l.kind+"\x00"+v)
		}
	}
	return out
}

// Tx is a unit of work of a Store: a syncaca.Tx. Its errors wrap
// [ErrConflict] (which is syncaca.ErrConflict) when a concurrent unit made
// it fail. A Tx is used by one goroutine.
type Tx struct{ u *unit }

var _ syncaca.Tx = (*Tx)(nil)

// ErrConflict is syncaca.ErrConflict: the sync retries a unit of work whose
// error wraps it.
var ErrConflict = syncaca.ErrConflict

func decodeCustomer(r *customerRow) (syncaca.Customer, error) {
	var c syncaca.Customer
	if err := json.Unmarshal(r.Doc, &c); err != nil {
		return c, fmt.Errorf("sqlstore: customer %s: its document: %w", r.ID, err)
	}
	c.ID, c.HealthSherpaCustomerID, c.ExternalID, c.CarrierAssignedCustomerID = r.ID, r.HealthSherpa, r.External, r.CarrierAssigned
	c.Policies = nil
	return c, nil
}

func decodePolicy(r *policyRow) (syncaca.Policy, error) {
	var p syncaca.Policy
	if err := json.Unmarshal(r.Doc, &p); err != nil {
		return p, fmt.Errorf("sqlstore: policy %s: its document: %w", r.ID, err)
	}
	p.ID, p.CustomerID, p.HealthSherpaPolicyID, p.CarrierAssignedPolicyID = r.ID, r.CustomerID, r.HealthSherpa, r.CarrierAssigned
	p.PolicyType, p.EffectiveDate = r.Type, r.EffectiveDate
	p.Status = 0
	if r.Status != "" {
		st, err := termination.ParseStatus(r.Status)
		if err != nil {
			return p, fmt.Errorf("sqlstore: policy %s: its status: %w", r.ID, err)
		}
		p.Status = st
	}
	return p, nil
}

// customerRowOf is the row of c: its identifiers and fallback key as
// columns, the rest as its document.
func customerRowOf(c *syncaca.Customer) (customerRow, error) {
	r := customerRow{ID: c.ID, HealthSherpa: c.HealthSherpaCustomerID, External: c.ExternalID, CarrierAssigned: c.CarrierAssignedCustomerID}
	r.Fallback, _ = matching.FallbackKey(c.FirstName, c.LastName, c.DateOfBirth, c.PhoneNumber)
	d := *c
	d.ID, d.HealthSherpaCustomerID, d.ExternalID, d.CarrierAssignedCustomerID, d.Policies = "", "", "", "", nil
	doc, err := json.Marshal(&d)
	if err != nil {
		return r, fmt.Errorf("sqlstore: customer %s: %w", c.ID, err)
	}
	r.Doc = doc
	return r, nil
}

func policyRowOf(p *syncaca.Policy) (policyRow, error) {
	r := policyRow{ID: p.ID, CustomerID: p.CustomerID, HealthSherpa: p.HealthSherpaPolicyID, CarrierAssigned: p.CarrierAssignedPolicyID,
		Type: p.PolicyType, EffectiveDate: p.EffectiveDate}
	if p.Status != 0 {
		r.Status = p.Status.String()
	}
	d := *p
	d.ID, d.CustomerID, d.HealthSherpaPolicyID, d.CarrierAssignedPolicyID, d.PolicyType, d.Status, d.EffectiveDate = "", "", "", "", "", 0, ""
	doc, err := json.Marshal(&d)
	if err != nil {
		return r, fmt.Errorf("sqlstore: policy %s: %w", p.ID, err)
	}
	r.Doc = doc
	return r, nil
}

// newID returns prefix and 128 random bits in hex.
func newID(prefix string) string {
	var b [16]byte
	rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}

// Customers implements syncaca.Tx: one SELECT for every kind of key.
func (t *Tx) Customers(ctx context.Context, keys matching.CustomerKeys) ([]syncaca.Customer, error) {
	rows, err := t.u.findCustomers(ctx, keys.HealthSherpaCustomerIDs, keys.ExternalIDs, keys.CarrierAssignedCustomerIDs, keys.FallbackKeys)
	if err != nil {
		return nil, err
	}
	out := make([]syncaca.Customer, len(rows))
	for i := range rows {
		if out[i], err = decodeCustomer(&rows[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Policies implements syncaca.Tx: one SELECT for both kinds of key.
func (t *Tx) Policies(ctx context.Context, keys matching.PolicyKeys) ([]syncaca.Policy, error) {
	rows, err := t.u.findPolicies(ctx, keys.HealthSherpaPolicyIDs, keys.CarrierAssignedPolicyIDs)
	if err != nil {
		return nil, err
	}
	return decodePolicies(rows)
}

func decodePolicies(rows []policyRow) ([]syncaca.Policy, error) {
	out := make([]syncaca.Policy, len(rows))
	for i := range rows {
		var err error
		if out[i], err = decodePolicy(&rows[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// PoliciesOf implements syncaca.Tx: one SELECT.
func (t *Tx) PoliciesOf(ctx context.Context, customerIDs []string) ([]syncaca.Policy, error) {
	rows, err := t.u.policiesOf(ctx, customerIDs)
	if err != nil {
		return nil, err
	}
	return decodePolicies(rows)
}

// CreateCustomers implements syncaca.Tx: IDs are "cust-" and 128 random
// bits in hex; one multi-row INSERT per 500 customers.
func (t *Tx) CreateCustomers(ctx context.Context, cs []syncaca.Customer) error {
	rows := make([]customerRow, len(cs))
	for i := range cs {
		cs[i].ID = newID("cust-")
		var err error
		if rows[i], err = customerRowOf(&cs[i]); err != nil {
			return err
		}
	}
	return t.u.insertCustomers(ctx, rows)
}

// UpdateCustomers implements syncaca.Tx: one UPDATE per 500 customers.
func (t *Tx) UpdateCustomers(ctx context.Context, cs []syncaca.Customer) error {
	rows := make([]customerRow, len(cs))
	for i := range cs {
		var err error
		if rows[i], err = customerRowOf(&cs[i]); err != nil {
			return err
		}
	}
	return t.u.updateCustomers(ctx, rows)
}

// CreatePolicies implements syncaca.Tx: IDs are "pol-" and 128 random bits
// in hex; one multi-row INSERT per 500 policies.
func (t *Tx) CreatePolicies(ctx context.Context, ps []syncaca.Policy) error {
	rows := make([]policyRow, len(ps))
	for i := range ps {
		ps[i].ID = newID("pol-")
		var err error
		if rows[i], err = policyRowOf(&ps[i]); err != nil {
			return err
		}
	}
	return t.u.insertPolicies(ctx, rows)
}

// UpdatePolicies implements syncaca.Tx: one UPDATE per 500 policies.
func (t *Tx) UpdatePolicies(ctx context.Context, ps []syncaca.Policy) error {
	rows := make([]policyRow, len(ps))
	for i := range ps {
		var err error
		if rows[i], err = policyRowOf(&ps[i]); err != nil {
			return err
		}
	}
	return t.u.updatePolicies(ctx, rows)
}

// Commit implements syncaca.Tx.
func (t *Tx) Commit() error { return t.u.commit() }

// Rollback implements syncaca.Tx; after Commit it does nothing.
func (t *Tx) Rollback() error { return t.u.rollback() }
