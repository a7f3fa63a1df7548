package matching

import (
	"errors"
	"hash/maphash"
	"strconv"
	"strings"
	"sync"

	"github.com/carecycle/carerules/termination"
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

// Indexes of Store.ctab, and of a customer's strings in its record.
const (
	cByID = iota
	cByHealthSherpa
	cByExternal
	cByCarrier
	cByFallback
	cTables
)

// Indexes of Store.ptab.
const (
	pByID = iota
	pByHealthSherpa
	pByCarrier
	pByOwner
	pTables
)

// Indexes of a policy's strings in its record.
const (
	pfID = iota
	pfHealthSherpa
	pfCarrier
	pfOwner
	pfType
	pfEffective
	pFields
)

// Store is an in-memory implementation of [Lookup], for tests, tools and
// small hosts. It is safe for concurrent use.
//
// Its memory holds no pointer the garbage collector has to follow, however
// many customers it holds: every string is copied into one append-only text
// arena, a record is an offset into it and the lengths of its strings, and
// compact hash tables of 8-byte slots index the records (BenchmarkPlan100
// reports the bytes of index per customer, indexB/customer). The strings a lookup returns are slices of the arena:
// they allocate nothing, and keep the arena's memory alive while held.
// Stored bytes are never modified; a write appends, so a record rewritten by
// [Store.Apply] leaves its old strings behind as garbage inside the arena.
//
// A Store is a [Lookup]; [Store.Apply] writes a plan made against it.
type Store struct {
	mu       sync.RWMutex
	seed     maphash.Seed
	version  uint64 // incremented by every write
	arena    strings.Builder
	text     string // arena.String(), refreshed after every write
	cs       []crec
	ps       []prec
	ctab     [cTables]table
	ptab     [pTables]table
	nextCust int // counters for the IDs Apply generates
	nextPol  int
}

// crec is a customer: its strings ID, healthSherpaCustomerId, externalId,
// carrierAssignedCustomerId and fallback key (in the order of the cBy
// constants), stored back to back in the arena from off; string k ends at
// off+end[k] and starts where string k-1 ends.
type crec struct {
	off uint64
	end [cTables]uint32
}

// prec is a policy: its strings, in the order of the pf constants, back to
// back in the arena from off, string k ending at off+end[k], and its status.
type prec struct {
	off    uint64
	end    [pFields]uint32
	status termination.Status
}

// maxRecordLen is the most bytes a record's strings may hold together
// (end offsets are uint32).
const maxRecordLen = 1<<32 - 1

// NewStore returns a store holding customers and policies (in that order:
// every policy's owner must be among the customers or earlier policies'
// owners). Identifiers are trimmed and kept only when present
// ([Identifier]); IDs are kept as given and must be unique and non-empty.
// FallbackKey is kept as given: compute it with [FallbackKey]. A customer or
// policy whose strings add up to 4 GiB or more is refused ([ErrTooLong]).
func NewStore(customers []Customer, policies []Policy) (*Store, error) {
	s := &Store{seed: maphash.MakeSeed()}
	s.cs = make([]crec, 0, len(customers))
	s.ps = make([]prec, 0, len(policies))
	for i := range s.ctab {
		s.ctab[i].slots = make([]uint64, tableSize(len(customers)))
	}
	for i := range s.ptab {
		s.ptab[i].slots = make([]uint64, tableSize(len(policies)))
	}
	size := 0
	for i := range customers {
		c := &customers[i]
		size += len(c.ID) + len(c.IDs.HealthSherpaCustomerID) + len(c.IDs.ExternalID) +
			len(c.IDs.CarrierAssignedCustomerID) + len(c.FallbackKey)
	}
	for i := range policies {
		p := &policies[i]
		size += len(p.ID) + len(p.CustomerID) + len(p.Type) + len(p.EffectiveDate) +
			len(p.IDs.HealthSherpaPolicyID) + len(p.IDs.CarrierAssignedPolicyID)
	}
	s.arena.Grow(size)
	for i := range customers {
		if err := s.addCustomer(&customers[i]); err != nil {
			return nil, err
		}
	}
	for i := range policies {
		if err := s.addPolicy(&policies[i]); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Store) hash(v string) uint64 { return maphash.String(s.seed, v) }

// cfield returns string f of customer i.
func (s *Store) cfield(i, f int) string {
	r := &s.cs[i]
	start := uint32(0)
	if f > 0 {
		start = r.end[f-1]
	}
	return s.text[r.off+uint64(start) : r.off+uint64(r.end[f])]
}

// pfield returns string f of policy i.
func (s *Store) pfield(i, f int) string {
	r := &s.ps[i]
	start := uint32(0)
	if f > 0 {
		start = r.end[f-1]
	}
	return s.text[r.off+uint64(start) : r.off+uint64(r.end[f])]
}

// ptableField is the policy string that table t indexes.
var ptableField = [pTables]int{pByID: pfID, pByHealthSherpa: pfHealthSherpa, pByCarrier: pfCarrier, pByOwner: pfOwner}

func (s *Store) customer(i int) Customer {
	r := &s.cs[i]
	t := s.text[r.off : r.off+uint64(r.end[cTables-1])]
	var f [cTables]string
	start := uint32(0)
	for k, end := range r.end {
		f[k], start = t[start:end], end
	}
	return Customer{ID: f[cByID], FallbackKey: f[cByFallback], IDs: CustomerIDs{
		HealthSherpaCustomerID: f[cByHealthSherpa], ExternalID: f[cByExternal], CarrierAssignedCustomerID: f[cByCarrier]}}
}

func (s *Store) policy(i int) Policy {
	r := &s.ps[i]
	t := s.text[r.off : r.off+uint64(r.end[pFields-1])]
	var f [pFields]string
	start := uint32(0)
	for k, end := range r.end {
		f[k], start = t[start:end], end
	}
	return Policy{ID: f[pfID], CustomerID: f[pfOwner], Type: f[pfType], Status: r.status,
		EffectiveDate: f[pfEffective], IDs: PolicyIDs{HealthSherpaPolicyID: f[pfHealthSherpa], CarrierAssignedPolicyID: f[pfCarrier]}}
}

// write appends strs to the arena and returns their offset and end
// offsets, or false when they are too long to hold.
func (s *Store) write(strs []string, end []uint32) (uint64, bool) {
	total := 0
	for _, v := range strs {
		total += len(v)
	}
	if total > maxRecordLen {
		return 0, false
	}
	off := uint64(s.arena.Len())
	n := uint32(0)
	for k, v := range strs {
		s.arena.WriteString(v)
		n += uint32(len(v))
		end[k] = n
	}
	s.text = s.arena.String()
	return off, true
}

// putCustomer writes c as customer i (appending it when i == len(s.cs)).
// The caller indexes what changed.
func (s *Store) putCustomer(i int, c *Customer) bool {
	var r crec
	off, ok := s.write([]string{c.ID, c.IDs.HealthSherpaCustomerID, c.IDs.ExternalID,
		c.IDs.CarrierAssignedCustomerID, c.FallbackKey}, r.end[:])
	if !ok {
		return false
	}
	r.off = off
	if i == len(s.cs) {
		s.cs = append(s.cs, r)
	} else {
		s.cs[i] = r
	}
	return true
}

// putPolicy writes p as policy i (appending it when i == len(s.ps)).
func (s *Store) putPolicy(i int, p *Policy) bool {
	var r prec
	off, ok := s.write([]string{p.ID, p.IDs.HealthSherpaPolicyID, p.IDs.CarrierAssignedPolicyID,
		p.CustomerID, p.Type, p.EffectiveDate}, r.end[:])
	if !ok {
		return false
	}
	r.off, r.status = off, p.Status
	if i == len(s.ps) {
		s.ps = append(s.ps, r)
	} else {
		s.ps[i] = r
	}
	return true
}

// cindex indexes customer pos in table t, growing it when needed.
func (s *Store) cindex(t, pos int) {
	v := s.cfield(pos, t)
	if v == "" {
		return
	}
	tb := &s.ctab[t]
	if len(tb.slots) == 0 || tb.full(1) {
		*tb = table{slots: make([]uint64, tableSize(2*len(s.cs)+1))}
		for i := range s.cs {
			if w := s.cfield(i, t); w != "" && i != pos {
				tb.insert(s.hash(w), i)
			}
		}
	}
	tb.insert(s.hash(v), pos)
}

// pindex indexes policy pos in table t, growing it when needed.
func (s *Store) pindex(t, pos int) {
	f := ptableField[t]
	v := s.pfield(pos, f)
	if v == "" {
		return
	}
	tb := &s.ptab[t]
	if len(tb.slots) == 0 || tb.full(1) {
		*tb = table{slots: make([]uint64, tableSize(2*len(s.ps)+1))}
		for i := range s.ps {
			if w := s.pfield(i, f); w != "" && i != pos {
				tb.insert(s.hash(w), i)
			}
		}
	}
	tb.insert(s.hash(v), pos)
}

func (s *Store) customerPos(id string) int {
	p := s.ctab[cByID].probe(s.hash(id))
	for i, ok := p.next(); ok; i, ok = p.next() {
		if s.cfield(i, cByID) == id {
			return i
		}
	}
	return -1
}

func (s *Store) policyPos(id string) int {
	p := s.ptab[pByID].probe(s.hash(id))
	for i, ok := p.next(); ok; i, ok = p.next() {
		if s.pfield(i, pfID) == id {
			return i
		}
	}
	return -1
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
	return s.addCustomer(&c)
}

func (s *Store) addCustomer(c *Customer) error {
	if strings.TrimSpace(c.ID) == "" {
		return ErrMissingID
	}
	if s.customerPos(c.ID) >= 0 {
		return ErrDuplicateID
	}
	n := *c
	n.IDs = normalizeCustomerIDs(n.IDs)
	pos := len(s.cs)
	if !s.putCustomer(pos, &n) {
		return ErrTooLong
	}
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
	return s.addPolicy(&p)
}

func (s *Store) addPolicy(p *Policy) error {
	if strings.TrimSpace(p.ID) == "" {
		return ErrMissingID
	}
	if s.policyPos(p.ID) >= 0 {
		return ErrDuplicateID
	}
	if s.customerPos(p.CustomerID) < 0 {
		return ErrUnknownCustomer
	}
	n := *p
	n.IDs = normalizePolicyIDs(n.IDs)
	pos := len(s.ps)
	if !s.putPolicy(pos, &n) {
		return ErrTooLong
	}
	for t := range s.ptab {
		s.pindex(t, pos)
	}
	s.version++
	return nil
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
