package matching

import (
	"slices"

	"github.com/carecycle/carerules/termination"
)

// The decision model: what a plan says about each record, its customer and
// its policies, and what it does to each customer.

// Fill is an identifier the plan writes on a customer: an empty identifier
// of a matched customer, or an identifier of a new customer.
type Fill struct {
	Key   CustomerKey
	Value string
}

// IDConflict is a customer identifier of the record that the plan does not
// write. Either the customer holds a different non-empty value (Held), which
// is never overwritten, or other customers already hold the incoming value
// (HeldBy), which is never copied.
type IDConflict struct {
	Key      CustomerKey
	Held     string        // the customer's value; "" when the conflict is HeldBy
	Incoming string        // the record's value
	HeldBy   []CustomerRef // other customers holding Incoming, sorted
}

// PolicyFill is an identifier the plan writes on a policy: an empty
// identifier of a matched policy, or an identifier of a new policy.
type PolicyFill struct {
	Key   PolicyKey
	Value string
}

// PolicyIDConflict is a policy identifier of the record that differs from
// the non-empty value the matched policy holds; it is not overwritten.
type PolicyIDConflict struct {
	Key      PolicyKey
	Held     string
	Incoming string
}

// CustomerDecision explains how a record's customer was decided.
type CustomerDecision struct {
	// Key is the key that decided: for a match or an ambiguity, the key
	// that found the customer(s); for a new customer, the last key tried
	// (under StrategyLiteral the one key used), or KeyNone when the record
	// had neither an identifier nor a complete fallback key.
	Key     CustomerKey
	Outcome Outcome // OutcomeMatched, OutcomeNew or OutcomeAmbiguous
	// Customer is the matched or created customer (zero when ambiguous).
	Customer CustomerRef
	// Before is the matched customer as the plan saw it before this record:
	// as the store held it, with what earlier records of the batch changed.
	// Zero for a new customer.
	Before Customer
	// Candidates are the customers holding the key, sorted, when Ambiguous.
	Candidates []CustomerRef
	// FallbackKey is the record's fallback key, "" when any of the four
	// fields is missing or unusable. A matched or created customer's stored
	// key becomes this one when it is not "" (a sync writes the record's
	// names, date of birth and phone number on the customer).
	FallbackKey string
	// Fill lists the identifiers written on the customer, in key order.
	Fill []Fill
	// Conflicts lists the record's identifiers that are not written.
	Conflicts []IDConflict
}

// PolicyDecision explains how one policy of a record was decided.
type PolicyDecision struct {
	// Key is the identifier that decided: the one that matched (or found the
	// conflicting policy), or for a new policy its first present identifier;
	// PolicyKeyNone when the policy has no identifier.
	Key     PolicyKey
	Outcome Outcome // OutcomeMatched, OutcomeNew or OutcomeConflict
	// Policy is the matched or created policy; for a conflict, the
	// conflicting policy (zero for ConflictAmbiguous).
	Policy PolicyRef
	// Before is the matched or conflicting policy as it was before the
	// request (its status is the response's previousStatus); for a policy
	// created by an earlier record of the batch, as created. Zero for new.
	Before   Policy
	Conflict ConflictReason // OutcomeConflict: why
	// Candidates are the policies holding the key, sorted, for
	// ConflictAmbiguous.
	Candidates []PolicyRef
	Warnings   []Warning
	// Fill lists the identifiers written on the policy.
	Fill []PolicyFill
	// Conflicts lists identifiers that differ from the matched policy's.
	Conflicts []PolicyIDConflict
	// Status and EffectiveDate are the record's values, carried for Apply.
	Status        termination.Status
	EffectiveDate string
}

// Decision is the plan for one record.
type Decision struct {
	Record int // index of the record in the request
	// Err is nil when the record succeeds. Otherwise it is an *Error
	// (ErrAmbiguousCustomer, ErrPolicyConflict or ErrDuplicatePolicyID):
	// the record goes to the response's errors, nothing of it is written
	// (its Fills are what would have been written), later records do not
	// see it, and it takes no part in the one-year rule ([Plan.Customers]).
	Err error
	// Customer explains the customer's decision; for a record failed before
	// matching (two policies with the same identifier) it is zero.
	Customer CustomerDecision
	// Policies holds one decision per policy of the record, in order. A
	// record failed by ErrPolicyConflict keeps them all (the conflicting
	// ones with OutcomeConflict and their reason). It is nil for the other
	// failures: an ambiguous customer (a policy cannot be decided without
	// its customer, since whether a match is another customer's policy
	// depends on who the customer is) and duplicate policies.
	Policies []PolicyDecision
}

// Failed reports whether the record fails.
func (d *Decision) Failed() bool { return d.Err != nil }

// Plan is the outcome of planning one request: one decision per record, in
// input order. A plan is pure data; nothing is written until the host
// applies it ([Store.Apply] for the in-memory store).
type Plan struct {
	Strategy  Strategy
	Decisions []Decision

	store   *Store   // the Store planned against, when all finders are one *Store
	version uint64   // its version when planning started
	mem     *planMem // PlanInto's reused memory; nil for Plan's plans
}

// Succeeded returns the number of records that succeed.
func (p *Plan) Succeeded() int { return len(p.Decisions) - p.Failed() }

// Failed returns the number of records that fail.
func (p *Plan) Failed() int {
	n := 0
	for i := range p.Decisions {
		if p.Decisions[i].Err != nil {
			n++
		}
	}
	return n
}

// CustomerEffect is what the request does to one customer, as the one-year
// termination rule needs it: whether the request creates an ACA policy for
// the customer (the trigger), the existing policies it updates with their
// state before the request (previousStatus), and the policies it creates
// (never termination candidates, even back-dated). Candidates for
// termination are the customer's ACA policies held before the request;
// Created are not among them.
type CustomerEffect struct {
	Customer         CustomerRef
	Records          []int // the records resolved to this customer, in order
	CreatesACAPolicy bool
	Updated          []Policy    // existing policies matched, as before the request, in first-match order
	Created          []PolicyRef // policies created, in order
}

// Customers returns one CustomerEffect per customer touched by a succeeding
// record, in order of first appearance.
func (p *Plan) Customers() []CustomerEffect {
	var out []CustomerEffect
	at := map[CustomerRef]int{}
	for i := range p.Decisions {
		d := &p.Decisions[i]
		if d.Err != nil {
			continue
		}
		k, ok := at[d.Customer.Customer]
		if !ok {
			k = len(out)
			at[d.Customer.Customer] = k
			out = append(out, CustomerEffect{Customer: d.Customer.Customer})
		}
		e := &out[k]
		e.Records = append(e.Records, d.Record)
		for _, pd := range d.Policies {
			switch {
			case pd.Outcome == OutcomeNew:
				e.CreatesACAPolicy = true
				e.Created = append(e.Created, pd.Policy)
			case pd.Outcome == OutcomeMatched && !pd.Policy.New:
				if !slices.ContainsFunc(e.Updated, func(q Policy) bool { return q.ID == pd.Policy.ID }) {
					e.Updated = append(e.Updated, pd.Before)
				}
			}
		}
	}
	return out
}
