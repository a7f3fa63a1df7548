package matching

import "strings"

// PutCustomer adds c, or replaces the stored customer with c's ID: its
// identifiers (trimmed, kept only when present) and fallback key (kept as
// given). Lookups see the new values at once; the old ones no longer find
// it. A customer whose strings add up to 4 GiB or more is refused
// ([ErrTooLong]).
func (s *Store) PutCustomer(c Customer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.TrimSpace(c.ID) == "" {
		return ErrMissingID
	}
	pos := s.customerPos(c.ID)
	if pos < 0 {
		return s.addCustomer(&c)
	}
	old := s.customer(pos)
	n := c
	n.IDs = normalizeCustomerIDs(n.IDs)
	if !s.putCustomer(pos, &n) {
		return ErrTooLong
	}
	for _, k := range [...]CustomerKey{KeyHealthSherpaCustomerID, KeyExternalID, KeyCarrierAssignedCustomerID} {
		if n.IDs.Get(k) != old.IDs.Get(k) {
			s.cindex(customerTable(k), pos)
		}
	}
	if n.FallbackKey != old.FallbackKey {
		s.cindex(cByFallback, pos)
	}
	s.version++
	return nil
}

// PutPolicy adds p, or replaces the stored policy with p's ID: its
// identifiers, type, status and effective date. A stored policy keeps its
// owner: a p whose CustomerID differs is refused ([ErrUnknownCustomer]), as
// is a new one whose owner is not in the store.
func (s *Store) PutPolicy(p Policy) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.TrimSpace(p.ID) == "" {
		return ErrMissingID
	}
	pos := s.policyPos(p.ID)
	if pos < 0 {
		return s.addPolicy(&p)
	}
	old := s.policy(pos)
	if old.CustomerID != p.CustomerID {
		return ErrUnknownCustomer
	}
	n := p
	n.IDs = normalizePolicyIDs(n.IDs)
	if !s.putPolicy(pos, &n) {
		return ErrTooLong
	}
	for _, k := range [...]PolicyKey{KeyHealthSherpaPolicyID, KeyCarrierAssignedPolicyID} {
		if n.IDs.Get(k) != old.IDs.Get(k) {
			s.pindex(policyTable(k), pos)
		}
	}
	s.version++
	return nil
}
