package matching

// Reading the in-memory Store: the lookups a Planner asks, and the
// accessors of a host or a test.

import (
	"context"
	"slices"
)

// Len returns the number of customers and policies held.
func (s *Store) Len() (customers, policies int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.cs), len(s.ps)
}

// Customer returns the customer with the given ID.
func (s *Store) Customer(id string) (Customer, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if i := s.customerPos(id); i >= 0 {
		return s.customer(i), true
	}
	return Customer{}, false
}

// Policy returns the policy with the given ID.
func (s *Store) Policy(id string) (Policy, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if i := s.policyPos(id); i >= 0 {
		return s.policy(i), true
	}
	return Policy{}, false
}

// PoliciesOf returns the policies of a customer, in the order they were
// added: what the termination rule needs as the customer's policies.
func (s *Store) PoliciesOf(customerID string) []Policy {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var pos []int
	p := s.ptab[pByOwner].probe(s.hash(customerID))
	for i, ok := p.next(); ok; i, ok = p.next() {
		if s.pfield(i, pfOwner) == customerID {
			pos = append(pos, i)
		}
	}
	slices.Sort(pos)
	out := make([]Policy, len(pos))
	for n, i := range pos {
		out[n] = s.policy(i)
	}
	return out
}

func customerTable(k CustomerKey) int {
	switch k {
	case KeyHealthSherpaCustomerID:
		return cByHealthSherpa
	case KeyExternalID:
		return cByExternal
	case KeyCarrierAssignedCustomerID:
		return cByCarrier
	case KeyFallback:
		return cByFallback
	}
	return -1
}

func policyTable(k PolicyKey) int {
	switch k {
	case KeyHealthSherpaPolicyID:
		return pByHealthSherpa
	case KeyCarrierAssignedPolicyID:
		return pByCarrier
	}
	return -1
}

// appendCustomers appends to dst every customer whose string t equals v.
// The caller holds s.mu (for reading at least). This is the path the
// planner takes when its finders are this Store: it fills the planner's
// buffer instead of returning a fresh slice.
func (s *Store) appendCustomers(dst []Customer, t int, v string) []Customer {
	if t < 0 || v == "" {
		return dst
	}
	slots := s.ctab[t].slots
	if len(slots) == 0 {
		return dst
	}
	// The probe loop of table.probe, written out: this is the hot path.
	h := s.hash(v)
	mask, tag := uint64(len(slots)-1), h&tagMask
	for j := h & mask; slots[j] != 0; j = (j + 1) & mask {
		if slots[j]&tagMask != tag {
			continue
		}
		if i := int(uint32(slots[j])) - 1; s.cfield(i, t) == v {
			dst = append(dst, s.customer(i))
		}
	}
	return dst
}

// appendPolicies appends to dst every policy whose identifier t (pByHealthSherpa
// or pByCarrier) equals v. The caller holds s.mu.
func (s *Store) appendPolicies(dst []Policy, t int, v string) []Policy {
	if t < 0 || v == "" {
		return dst
	}
	slots := s.ptab[t].slots
	if len(slots) == 0 {
		return dst
	}
	f := ptableField[t]
	h := s.hash(v)
	mask, tag := uint64(len(slots)-1), h&tagMask
	for j := h & mask; slots[j] != 0; j = (j + 1) & mask {
		if slots[j]&tagMask != tag {
			continue
		}
		if i := int(uint32(slots[j])) - 1; s.pfield(i, f) == v {
			dst = append(dst, s.policy(i))
		}
	}
	return dst
}

func (s *Store) findCustomers(ctx context.Context, t int, v string) ([]Customer, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.appendCustomers(nil, t, v), nil
}

// FindCustomers implements [CustomerFinder]. An unknown kind finds nothing.
func (s *Store) FindCustomers(ctx context.Context, kind CustomerKey, value string) ([]Customer, error) {
	t := customerTable(kind)
	if kind == KeyFallback {
		t = -1
	}
	return s.findCustomers(ctx, t, value)
}

// FindCustomersByFallback implements [FallbackFinder].
func (s *Store) FindCustomersByFallback(ctx context.Context, key string) ([]Customer, error) {
	return s.findCustomers(ctx, cByFallback, key)
}

// FindPolicies implements [PolicyFinder]. An unknown kind finds nothing.
func (s *Store) FindPolicies(ctx context.Context, kind PolicyKey, value string) ([]Policy, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.appendPolicies(nil, policyTable(kind), value), nil
}
