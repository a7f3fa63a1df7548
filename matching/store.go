package matching

import (
	"context"
	"errors"
	"hash/maphash"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Errors of the in-memory [Store].
var (
	// ErrDuplicateID: a customer or policy ID is already in the store.
	ErrDuplicateID = errors.New("matching: duplicate ID")
	// ErrMissingID: a customer or policy has an empty ID.
	ErrMissingID = errors.New("matching: missing ID")
	// ErrUnknownCustomer: a policy's owner is not in the store.
	ErrUnknownCustomer = errors.New("matching: unknown customer")
	// ErrStalePlan: Apply was given a plan that was not made against this
	// store, or the store changed since the plan was made.
	ErrStalePlan = errors.New("matching: plan is stale or was made against another store")
)

// Indexes of Store.ctab and Store.ptab.
const (
	cByID = iota
	cByHealthSherpa
	cByExternal
	cByCarrier
	cByFallback
	cTables
)

const (
	pByID = iota
	pByHealthSherpa
	pByCarrier
	pByOwner
	pTables
)

// Store is an in-memory implementation of [Lookup], for tests, tools and
// small hosts. It holds customers and policies in two slices and indexes
// them with compact hash tables that hold no strings (about 17 bytes per
// indexed value at a million customers; see the package documentation for
// the measured figures). It is safe for concurrent use.
//
// A Store is a [Lookup]; [Store.Apply] writes a plan made against it.
type Store struct {
	mu       sync.RWMutex
	seed     maphash.Seed
	version  uint64 // incremented by every write
	cs       []Customer
	ps       []Policy
	ctab     [cTables]table
	ptab     [pTables]table
	nextCust int // counters for the IDs Apply generates
	nextPol  int
}

// NewStore returns a store holding customers and policies (in that order:
// every policy's owner must be among the customers or earlier policies'
// owners). Identifiers are trimmed and kept only when present
// ([Identifier]); IDs are kept as given and must be unique and non-empty.
// FallbackKey is kept as given: compute it with [FallbackKey].
func NewStore(customers []Customer, policies []Policy) (*Store, error) {
	s := &Store{seed: maphash.MakeSeed()}
	s.cs = make([]Customer, 0, len(customers))
	s.ps = make([]Policy, 0, len(policies))
	for i := range s.ctab {
		s.ctab[i].slots = make([]uint64, tableSize(len(customers)))
	}
	for i := range s.ptab {
		s.ptab[i].slots = make([]uint64, tableSize(len(policies)))
	}
	for _, c := range customers {
		if err := s.addCustomer(c); err != nil {
			return nil, err
		}
	}
	for _, p := range policies {
		if err := s.addPolicy(p); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Store) hash(v string) uint64 { return maphash.String(s.seed, v) }

func customerField(c *Customer, t int) string {
	switch t {
	case cByID:
		return c.ID
	case cByHealthSherpa:
		return c.IDs.HealthSherpaCustomerID
	case cByExternal:
		return c.IDs.ExternalID
	case cByCarrier:
		return c.IDs.CarrierAssignedCustomerID
	}
	return c.FallbackKey
}

func policyField(p *Policy, t int) string {
	switch t {
	case pByID:
		return p.ID
	case pByHealthSherpa:
		return p.IDs.HealthSherpaPolicyID
	case pByCarrier:
		return p.IDs.CarrierAssignedPolicyID
	}
	return p.CustomerID
}

// cindex indexes customer pos in table t, growing it when needed.
func (s *Store) cindex(t, pos int) {
	v := customerField(&s.cs[pos], t)
	if v == "" {
		return
	}
	tb := &s.ctab[t]
	if len(tb.slots) == 0 || tb.full(1) {
		*tb = table{slots: make([]uint64, tableSize(2*len(s.cs)+1))}
		for i := range s.cs {
			if w := customerField(&s.cs[i], t); w != "" && i != pos {
				tb.insert(s.hash(w), i)
			}
		}
	}
	tb.insert(s.hash(v), pos)
}

// pindex indexes policy pos in table t, growing it when needed.
func (s *Store) pindex(t, pos int) {
	v := policyField(&s.ps[pos], t)
	if v == "" {
		return
	}
	tb := &s.ptab[t]
	if len(tb.slots) == 0 || tb.full(1) {
		*tb = table{slots: make([]uint64, tableSize(2*len(s.ps)+1))}
		for i := range s.ps {
			if w := policyField(&s.ps[i], t); w != "" && i != pos {
				tb.insert(s.hash(w), i)
			}
		}
	}
	tb.insert(s.hash(v), pos)
}

func (s *Store) customerPos(id string) int {
	pos := -1
	s.ctab[cByID].probe(s.hash(id), func(i int) {
		if s.cs[i].ID == id {
			pos = i
		}
	})
	return pos
}

func (s *Store) policyPos(id string) int {
	pos := -1
	s.ptab[pByID].probe(s.hash(id), func(i int) {
		if s.ps[i].ID == id {
			pos = i
		}
	})
	return pos
}

func normalizeCustomerIDs(ids CustomerIDs) CustomerIDs {
	ids.HealthSherpaCustomerID, _ = Identifier(ids.HealthSherpaCustomerID)
	ids.ExternalID, _ = Identifier(ids.ExternalID)
	ids.CarrierAssignedCustomerID, _ = Identifier(ids.CarrierAssignedCustomerID)
	return ids
}

func normalizePolicyIDs(ids PolicyIDs) PolicyIDs {
	ids.HealthSherpaPolicyID, _ = Identifier(ids.HealthSherpaPolicyID)
	ids.CarrierAssignedPolicyID, _ = Identifier(ids.CarrierAssignedPolicyID)
	return ids
}

// AddCustomer adds c (see [NewStore] for what is checked and normalized).
func (s *Store) AddCustomer(c Customer) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addCustomer(c)
}

func (s *Store) addCustomer(c Customer) error {
	if strings.TrimSpace(c.ID) == "" {
		return ErrMissingID
	}
	if s.customerPos(c.ID) >= 0 {
		return ErrDuplicateID
	}
	c.IDs = normalizeCustomerIDs(c.IDs)
	s.cs = append(s.cs, c)
	pos := len(s.cs) - 1
	for t := range s.ctab {
		s.cindex(t, pos)
	}
	s.version++
	return nil
}

// AddPolicy adds p; its owner must be in the store.
func (s *Store) AddPolicy(p Policy) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addPolicy(p)
}

func (s *Store) addPolicy(p Policy) error {
	if strings.TrimSpace(p.ID) == "" {
		return ErrMissingID
	}
	if s.policyPos(p.ID) >= 0 {
		return ErrDuplicateID
	}
	if s.customerPos(p.CustomerID) < 0 {
		return ErrUnknownCustomer
	}
	p.IDs = normalizePolicyIDs(p.IDs)
	s.ps = append(s.ps, p)
	pos := len(s.ps) - 1
	for t := range s.ptab {
		s.pindex(t, pos)
	}
	s.version++
	return nil
}

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
		return s.cs[i], true
	}
	return Customer{}, false
}

// Policy returns the policy with the given ID.
func (s *Store) Policy(id string) (Policy, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if i := s.policyPos(id); i >= 0 {
		return s.ps[i], true
	}
	return Policy{}, false
}

// PoliciesOf returns the policies of a customer, in the order they were
// added: what the termination rule needs as the customer's policies.
func (s *Store) PoliciesOf(customerID string) []Policy {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var pos []int
	s.ptab[pByOwner].probe(s.hash(customerID), func(i int) {
		if s.ps[i].CustomerID == customerID {
			pos = append(pos, i)
		}
	})
	slices.Sort(pos)
	out := make([]Policy, len(pos))
	for n, i := range pos {
		out[n] = s.ps[i]
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

func (s *Store) findCustomers(ctx context.Context, t int, v string) ([]Customer, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if t < 0 || v == "" {
		return nil, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Customer
	s.ctab[t].probe(s.hash(v), func(i int) {
		if customerField(&s.cs[i], t) == v {
			out = append(out, s.cs[i])
		}
	})
	return out, nil
}

// FindCustomers implements [CustomerFinder]. An unknown kind finds nothing.
func (s *Store) FindCustomers(ctx context.Context, kind CustomerKey, value string) ([]Customer, error) {
	if kind == KeyFallback {
		return nil, nil
	}
	return s.findCustomers(ctx, customerTable(kind), value)
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
	var t int
	switch kind {
	case KeyHealthSherpaPolicyID:
		t = pByHealthSherpa
	case KeyCarrierAssignedPolicyID:
		t = pByCarrier
	default:
		return nil, nil
	}
	if value == "" {
		return nil, nil
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Policy
	s.ptab[t].probe(s.hash(value), func(i int) {
		if policyField(&s.ps[i], t) == value {
			out = append(out, s.ps[i])
		}
	})
	return out, nil
}

// storeVersion lets Plan record which store, in which state, it planned
// against, so that Apply refuses a stale or foreign plan.
func (s *Store) storeVersion() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.version
}

func (s *Store) newID(prefix string, next *int, exists func(string) bool) string {
	for {
		*next++
		id := prefix + strconv.Itoa(*next)
		if !exists(id) {
			return id
		}
	}
}

// indexBytes returns the bytes held by the customer and the policy hash
// tables (for the benchmarks and the memory test).
func (s *Store) indexBytes() (customers, policies int) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for i := range s.ctab {
		customers += 8 * len(s.ctab[i].slots)
	}
	for i := range s.ptab {
		policies += 8 * len(s.ptab[i].slots)
	}
	return customers, policies
}
