package matching

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
)

// CustomerKeys are the customer lookup keys of a batch, per kind: each
// list trimmed, present ([Identifier]), sorted and without repeats.
type CustomerKeys struct {
	HealthSherpaCustomerIDs    []string
	ExternalIDs                []string
	CarrierAssignedCustomerIDs []string
	FallbackKeys               []string // see [FallbackKey]
}

// Get returns the list of kind k (an identifier key or KeyFallback).
func (k *CustomerKeys) Get(kind CustomerKey) []string {
	switch kind {
	case KeyHealthSherpaCustomerID:
		return k.HealthSherpaCustomerIDs
	case KeyExternalID:
		return k.ExternalIDs
	case KeyCarrierAssignedCustomerID:
		return k.CarrierAssignedCustomerIDs
	case KeyFallback:
		return k.FallbackKeys
	}
	return nil
}

// Set sets the list of kind k (an identifier key or KeyFallback) to values;
// another kind is ignored.
func (k *CustomerKeys) Set(kind CustomerKey, values []string) {
	if l := k.list(kind); l != nil {
		*l = values
	}
}

func (k *CustomerKeys) list(kind CustomerKey) *[]string {
	switch kind {
	case KeyHealthSherpaCustomerID:
		return &k.HealthSherpaCustomerIDs
	case KeyExternalID:
		return &k.ExternalIDs
	case KeyCarrierAssignedCustomerID:
		return &k.CarrierAssignedCustomerIDs
	case KeyFallback:
		return &k.FallbackKeys
	}
	return nil
}

// Len returns the number of keys of every kind.
func (k *CustomerKeys) Len() int {
	return len(k.HealthSherpaCustomerIDs) + len(k.ExternalIDs) + len(k.CarrierAssignedCustomerIDs) + len(k.FallbackKeys)
}

// PolicyKeys are the policy lookup keys of a batch, per kind: each list
// trimmed, present, sorted and without repeats.
type PolicyKeys struct {
	HealthSherpaPolicyIDs    []string
	CarrierAssignedPolicyIDs []string
}

// Get returns the list of kind k.
func (k *PolicyKeys) Get(kind PolicyKey) []string {
	switch kind {
	case KeyHealthSherpaPolicyID:
		return k.HealthSherpaPolicyIDs
	case KeyCarrierAssignedPolicyID:
		return k.CarrierAssignedPolicyIDs
	}
	return nil
}

// Set sets the list of kind k to values; another kind is ignored.
func (k *PolicyKeys) Set(kind PolicyKey, values []string) {
	switch kind {
	case KeyHealthSherpaPolicyID:
		k.HealthSherpaPolicyIDs = values
	case KeyCarrierAssignedPolicyID:
		k.CarrierAssignedPolicyIDs = values
	}
}

// Len returns the number of keys of both kinds.
func (k *PolicyKeys) Len() int { return len(k.HealthSherpaPolicyIDs) + len(k.CarrierAssignedPolicyIDs) }

// Keys are every lookup key a batch of records can ask about: what a store
// reads in one call per kind, and what a lock-based store locks before it
// reads.
type Keys struct {
	Customers CustomerKeys
	Policies  PolicyKeys
}

// KeysOf returns the keys a [Planner] may look up for records, under
// either strategy: every present customer identifier, every complete
// fallback key, every present policy identifier.
func KeysOf(records []Record) Keys {
	var k Keys
	for i := range records {
		r := &records[i]
		for _, kind := range customerIDKeys {
			if v, ok := Identifier(r.IDs.Get(kind)); ok {
				l := k.Customers.list(kind)
				*l = append(*l, v)
			}
		}
		if fb, ok := FallbackKeyOf(r.FirstName, r.LastName, r.DateOfBirth, r.PhoneNumber); ok {
			k.Customers.FallbackKeys = append(k.Customers.FallbackKeys, fb)
		}
		for j := range r.Policies {
			ids := &r.Policies[j].IDs
			if v, ok := Identifier(ids.HealthSherpaPolicyID); ok {
				k.Policies.HealthSherpaPolicyIDs = append(k.Policies.HealthSherpaPolicyIDs, v)
			}
			if v, ok := Identifier(ids.CarrierAssignedPolicyID); ok {
				k.Policies.CarrierAssignedPolicyIDs = append(k.Policies.CarrierAssignedPolicyIDs, v)
			}
		}
	}
	for _, l := range []*[]string{&k.Customers.HealthSherpaCustomerIDs, &k.Customers.ExternalIDs, &k.Customers.CarrierAssignedCustomerIDs,
		&k.Customers.FallbackKeys, &k.Policies.HealthSherpaPolicyIDs, &k.Policies.CarrierAssignedPolicyIDs} {
		slices.Sort(*l)
		*l = slices.Compact(*l)
	}
	return k
}

// BatchLookup answers the lookups of a whole batch at once: a SQL store
// answers each method with one query (`col = ANY($1)`), so a 100-record
// request costs two round trips instead of hundreds. The contract is the
// one of [Lookup] (exact, case-sensitive, values as stored before the
// request, ctx honoured, safe for concurrent use), with these additions:
//
//   - FindCustomersByKeys returns every customer that holds any key of
//     keys: an identifier equal to one of its kind's list, or a fallback
//     key equal to one of FallbackKeys; each such customer once, in any
//     order, whatever the number of keys it holds.
//   - FindPoliciesByKeys returns every policy, of any type and owner, that
//     holds any identifier of keys, each once.
//   - Empty lists ask for nothing; a customer or policy holding none of the
//     keys must not be returned (the planner would treat it as a holder of
//     nothing, but a store that returns the whole table defeats the point).
//
// [Batch] adapts a [Lookup] that answers one key at a time.
type BatchLookup interface {
	FindCustomersByKeys(ctx context.Context, keys CustomerKeys) ([]Customer, error)
	FindPoliciesByKeys(ctx context.Context, keys PolicyKeys) ([]Policy, error)
}

// Batch adapts a Lookup that answers one key at a time to [BatchLookup]:
// one call per key, holders merged by ID. A Lookup that already is a
// BatchLookup is returned as it is.
func Batch(l Lookup) BatchLookup {
	if b, ok := l.(BatchLookup); ok {
		return b
	}
	return singleKeys{l}
}

type singleKeys struct{ l Lookup }

func (s singleKeys) FindCustomersByKeys(ctx context.Context, keys CustomerKeys) ([]Customer, error) {
	var out []Customer
	seen := map[string]bool{}
	for _, kind := range [...]CustomerKey{KeyHealthSherpaCustomerID, KeyExternalID, KeyCarrierAssignedCustomerID, KeyFallback} {
		for _, v := range keys.Get(kind) {
			var cs []Customer
			var err error
			if kind == KeyFallback {
				cs, err = s.l.FindCustomersByFallback(ctx, v)
			} else {
				cs, err = s.l.FindCustomers(ctx, kind, v)
			}
			if err != nil {
				return nil, err
			}
			for _, c := range cs {
				if !seen[c.ID] {
					seen[c.ID] = true
					out = append(out, c)
				}
			}
		}
	}
	return out, nil
}

func (s singleKeys) FindPoliciesByKeys(ctx context.Context, keys PolicyKeys) ([]Policy, error) {
	var out []Policy
	seen := map[string]bool{}
	for _, kind := range [...]PolicyKey{KeyHealthSherpaPolicyID, KeyCarrierAssignedPolicyID} {
		for _, v := range keys.Get(kind) {
			ps, err := s.l.FindPolicies(ctx, kind, v)
			if err != nil {
				return nil, err
			}
			for _, p := range ps {
				if !seen[p.ID] {
					seen[p.ID] = true
					out = append(out, p)
				}
			}
		}
	}
	return out, nil
}

// FindCustomersByKeys implements [BatchLookup].
func (s *Store) FindCustomersByKeys(ctx context.Context, keys CustomerKeys) ([]Customer, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Customer
	seen := map[string]bool{}
	for _, kind := range [...]CustomerKey{KeyHealthSherpaCustomerID, KeyExternalID, KeyCarrierAssignedCustomerID, KeyFallback} {
		t := customerTable(kind)
		for _, v := range keys.Get(kind) {
			n := len(out)
			out = s.appendCustomers(out, t, v)
			// Drop the ones already found by another key.
			kept := out[:n]
			for _, c := range out[n:] {
				if !seen[c.ID] {
					seen[c.ID] = true
					kept = append(kept, c)
				}
			}
			out = kept
		}
	}
	return out, nil
}

// FindPoliciesByKeys implements [BatchLookup].
func (s *Store) FindPoliciesByKeys(ctx context.Context, keys PolicyKeys) ([]Policy, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []Policy
	seen := map[string]bool{}
	for _, kind := range [...]PolicyKey{KeyHealthSherpaPolicyID, KeyCarrierAssignedPolicyID} {
		t := policyTable(kind)
		for _, v := range keys.Get(kind) {
			n := len(out)
			out = s.appendPolicies(out, t, v)
			kept := out[:n]
			for _, p := range out[n:] {
				if !seen[p.ID] {
					seen[p.ID] = true
					kept = append(kept, p)
				}
			}
			out = kept
		}
	}
	return out, nil
}

// ErrNotPrefetched: the planner asked an [Answers] about a key that was not
// among the keys fetched (a bug in the caller: the records planned are not
// the ones the keys were taken from).
var ErrNotPrefetched = errors.New("matching: key not among the prefetched keys")

// Answers is a [Lookup] over the answers to one batch's keys, fetched at
// once: a planner run on it asks the store nothing more. Build it with
// [Prefetch], or with [NewAnswers] from holders a host read itself.
type Answers struct {
	keys      Keys
	customers [KeyFallback + 1]map[string][]Customer // by kind, then value
	policies  [KeyCarrierAssignedPolicyID + 1]map[string][]Policy
}

// Prefetch asks b for every holder of keys, in one call per method, and
// returns the answers. Plan the records keys came from ([KeysOf]) with a
// [Planner] on the result.
func Prefetch(ctx context.Context, b BatchLookup, keys Keys) (*Answers, error) {
	var cs []Customer
	var ps []Policy
	var err error
	if keys.Customers.Len() > 0 {
		if cs, err = b.FindCustomersByKeys(ctx, keys.Customers); err != nil {
			return nil, err
		}
	}
	if keys.Policies.Len() > 0 {
		if ps, err = b.FindPoliciesByKeys(ctx, keys.Policies); err != nil {
			return nil, err
		}
	}
	return NewAnswers(keys, cs, ps), nil
}

// NewAnswers indexes customers and policies, the holders of keys, as the
// answers to keys. Identifiers are compared as given (a store returns them
// trimmed). Holders of values outside keys are ignored.
func NewAnswers(keys Keys, customers []Customer, policies []Policy) *Answers {
	a := &Answers{keys: keys}
	for _, kind := range [...]CustomerKey{KeyHealthSherpaCustomerID, KeyExternalID, KeyCarrierAssignedCustomerID, KeyFallback} {
		m := make(map[string][]Customer, len(keys.Customers.Get(kind)))
		for _, v := range keys.Customers.Get(kind) {
			m[v] = nil
		}
		for _, c := range customers {
			v := c.IDs.Get(kind)
			if kind == KeyFallback {
				v = c.FallbackKey
			}
			if hs, ok := m[v]; ok && v != "" {
				m[v] = append(hs, c)
			}
		}
		a.customers[kind] = m
	}
	for _, kind := range [...]PolicyKey{KeyHealthSherpaPolicyID, KeyCarrierAssignedPolicyID} {
		m := make(map[string][]Policy, len(keys.Policies.Get(kind)))
		for _, v := range keys.Policies.Get(kind) {
			m[v] = nil
		}
		for _, p := range policies {
			v := p.IDs.Get(kind)
			if hs, ok := m[v]; ok && v != "" {
				m[v] = append(hs, p)
			}
		}
		a.policies[kind] = m
	}
	return a
}

func (a *Answers) findCustomers(ctx context.Context, kind CustomerKey, value string) ([]Customer, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if kind < KeyHealthSherpaCustomerID || kind > KeyFallback {
		return nil, nil
	}
	cs, ok := a.customers[kind][value]
	if !ok {
		return nil, fmt.Errorf("%w: %v", ErrNotPrefetched, kind)
	}
	return cs, nil
}

// FindCustomers implements [CustomerFinder].
func (a *Answers) FindCustomers(ctx context.Context, kind CustomerKey, value string) ([]Customer, error) {
	if kind == KeyFallback {
		return nil, nil
	}
	return a.findCustomers(ctx, kind, value)
}

// FindCustomersByFallback implements [FallbackFinder].
func (a *Answers) FindCustomersByFallback(ctx context.Context, key string) ([]Customer, error) {
	return a.findCustomers(ctx, KeyFallback, key)
}

// FindPolicies implements [PolicyFinder].
func (a *Answers) FindPolicies(ctx context.Context, kind PolicyKey, value string) ([]Policy, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if kind != KeyHealthSherpaPolicyID && kind != KeyCarrierAssignedPolicyID {
		return nil, nil
	}
	ps, ok := a.policies[kind][value]
	if !ok {
		return nil, fmt.Errorf("%w: %v", ErrNotPrefetched, kind)
	}
	return ps, nil
}

// sameFinder reports whether two finders are one value (never panicking on
// values of a type that cannot be compared).
func sameFinder(a, b any) bool {
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	return ta == tb && ta != nil && ta.Comparable() && a == b
}

// batched returns, when the planner's finders are one [BatchLookup], a
// planner over its answers to every key of records (asked now, one call per
// method); nil otherwise.
func (p *Planner) batched(ctx context.Context, records []Record) (*Planner, error) {
	b, ok := p.Customers.(BatchLookup)
	if !ok || !sameFinder(p.Customers, p.Fallback) || !sameFinder(p.Customers, p.Policies) {
		return nil, nil
	}
	a, err := Prefetch(ctx, b, KeysOf(records))
	if err != nil {
		return nil, fmt.Errorf("matching: looking up the batch's keys: %w", err)
	}
	return &Planner{Customers: a, Fallback: a, Policies: a, Strategy: p.Strategy}, nil
}
