package matching

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

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
	Status        string
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

// Planner plans a request against a host's stored customers and policies.
// The zero Strategy is StrategyLiteral. A Planner is safe for concurrent use
// when its finders are.
type Planner struct {
	Customers CustomerFinder
	Fallback  FallbackFinder
	Policies  PolicyFinder
	Strategy  Strategy
}

// NewPlanner returns a Planner that uses l for all three lookups.
func NewPlanner(l Lookup, s Strategy) *Planner {
	return &Planner{Customers: l, Fallback: l, Policies: l, Strategy: s}
}

// ErrNoFinder is returned by [Planner.Plan] when a finder is nil.
var ErrNoFinder = errors.New("matching: Planner has a nil finder")

// Plan decides every record of one request, in order, each seeing what the
// earlier records create or change. It writes nothing.
//
// Structure errors reject the whole request, as the API's VALIDATION_ERROR
// does: no record or more than [MaxRecords] ([ErrRecordCount]), more than
// [MaxPolicies] policies in a record ([ErrPolicyCount]), an identifier longer
// than [MaxFieldLen] characters ([ErrTooLong]). Plan then returns a nil Plan and
// every such error, joined (errors.Join): each is an *Error with its path.
//
// Matching problems fail only their record (Decision.Err); the others
// proceed. A lookup error aborts the plan: Plan returns it wrapped, and no
// partial plan.
func (p *Planner) Plan(ctx context.Context, records []Record) (*Plan, error) {
	plan := &Plan{}
	if err := p.plan(ctx, plan, records, nil); err != nil {
		return nil, err
	}
	return plan, nil
}

// PlanInto is [Planner.Plan] writing into dst and reusing the memory of the
// plans made into dst before: the decisions, the policy decisions, the
// slices of Fill, PolicyFill and Warning they hold, and the planner's own
// buffers and overlay. A host that plans many requests, one at a time per
// dst, allocates per request only what varies: the fallback keys,
// candidates, conflicts and errors. The zero Plan is a valid dst.
//
// dst is overwritten: its Decisions, and every slice reachable from them
// (Policies, Fill, Warnings), are reused by the next PlanInto into the same
// dst, so a host must finish with a plan (apply it, build its response, copy
// what it keeps) before planning into dst again. Strings are never
// overwritten. A plan made by [Planner.Plan] is never reused.
//
// On error dst has no decisions and [Store.Apply] refuses it; the errors
// are Plan's.
func (p *Planner) PlanInto(ctx context.Context, dst *Plan, records []Record) error {
	if dst.mem == nil {
		dst.mem = &planMem{}
	}
	if err := p.plan(ctx, dst, records, dst.mem); err != nil {
		dst.Strategy, dst.Decisions, dst.store, dst.version = p.Strategy, dst.Decisions[:0], nil, 0
		return err
	}
	return nil
}

// planMem is what PlanInto keeps in a Plan between calls: the backing
// arrays of the decisions and of their small slices, sized for the largest
// request seen, and the planner, whose buffers and overlay are emptied (but
// keep their capacity) after every plan.
type planMem struct {
	pl        planner
	decisions []Decision
	slab      []PolicyDecision
	fills     []Fill
	pfills    []PolicyFill
	warns     []Warning
}

// plan makes the plan of records into plan; with mem, in mem's memory.
func (p *Planner) plan(ctx context.Context, plan *Plan, records []Record, mem *planMem) error {
	if p.Customers == nil || p.Fallback == nil || p.Policies == nil {
		return ErrNoFinder
	}
	if err := validate(records); err != nil {
		return err
	}
	n := 0
	for i := range records {
		n += len(records[i].Policies)
	}
	var local planner
	pl := &local
	plan.Strategy, plan.store, plan.version = p.Strategy, nil, 0
	if mem == nil {
		plan.Decisions = make([]Decision, len(records))
		pl.slab = make([]PolicyDecision, n)
	} else {
		pl = &mem.pl
		defer pl.reset()
		plan.Decisions = reuse(&mem.decisions, len(records), true)
		pl.slab = reuse(&mem.slab, n, true)
		// At most three fills per record, two per policy, one warning per
		// policy: the slabs never run out.
		pl.fillSlab = reuse(&mem.fills, len(customerIDKeys)*len(records), false)
		pl.pfillSlab = reuse(&mem.pfills, 2*n, false)
		pl.warnSlab = reuse(&mem.warns, n, false)
	}
	pl.ctx, pl.p = ctx, p
	if s, ok := p.Customers.(*Store); ok && p.Fallback == Lookup(s) && p.Policies == Lookup(s) {
		// One Store behind all three finders: read it directly, under one
		// read lock for the whole plan (a consistent snapshot), into the
		// planner's buffers.
		s.mu.RLock()
		defer s.mu.RUnlock()
		plan.store, plan.version = s, s.version
		pl.store = s
	}
	for i := range records {
		pl.recordsLeft = len(records) - i
		if err := pl.record(i, &records[i], &plan.Decisions[i]); err != nil {
			return err
		}
	}
	return nil
}

// reuse returns (*buf)[:n], growing *buf when it is shorter, and zeroed when
// zero is set (the slabs that are always overwritten before being read are
// not).
func reuse[T any](buf *[]T, n int, zero bool) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
		return *buf
	}
	s := (*buf)[:n]
	if zero {
		clear(s)
	}
	return s
}

// reset empties the planner for the next plan, keeping its capacity, and
// lets go of everything the last plan referred to (the request's strings,
// the store, the context).
func (pl *planner) reset() {
	clear(pl.cbuf[:cap(pl.cbuf)])
	clear(pl.pbuf[:cap(pl.pbuf)])
	clear(pl.rc[:cap(pl.rc)])
	clear(pl.rp[:cap(pl.rp)])
	clear(pl.custs)
	clear(pl.pols)
	clear(pl.custByID)
	clear(pl.polByID)
	pl.custIdx.reset()
	pl.polIdx.reset()
	*pl = planner{
		cbuf: pl.cbuf[:0], pbuf: pl.pbuf[:0], rc: pl.rc[:0], rp: pl.rp[:0],
		custs: pl.custs[:0], custByID: pl.custByID, custIdx: pl.custIdx,
		pols: pl.pols[:0], polByID: pl.polByID, polIdx: pl.polIdx,
	}
}

func validate(records []Record) error {
	if len(records) < 1 || len(records) > MaxRecords {
		return &Error{Path: "records", Record: -1, Exp: "1 to " + strconv.Itoa(MaxRecords) + " records",
			Rec: strconv.Itoa(len(records)) + " records", Err: ErrRecordCount}
	}
	// Valid requests (the common case) are checked without building anything.
	valid := true
	for i := range records {
		r := &records[i]
		valid = valid && len(r.Policies) <= MaxPolicies && !tooLong(r.IDs.HealthSherpaCustomerID) &&
			!tooLong(r.IDs.ExternalID) && !tooLong(r.IDs.CarrierAssignedCustomerID)
		for j := range r.Policies {
			ids := &r.Policies[j].IDs
			valid = valid && !tooLong(ids.HealthSherpaPolicyID) && !tooLong(ids.CarrierAssignedPolicyID)
		}
	}
	if valid {
		return nil
	}
	var errs []error
	// Paths are built only for errors.
	tooLong := func(i, j int, field string, v string) {
		if tooLong(v) {
			path := recordPath(i, field)
			if j >= 0 {
				path = policyPath(i, j, field)
			}
			errs = append(errs, &Error{Path: path, Record: i, Exp: "at most " + strconv.Itoa(MaxFieldLen) + " characters",
				Rec: strconv.Itoa(utf8.RuneCountInString(v)) + " characters", Err: ErrTooLong})
		}
	}
	for i := range records {
		r := &records[i]
		for _, k := range customerIDKeys {
			tooLong(i, -1, k.String(), r.IDs.Get(k))
		}
		if len(r.Policies) > MaxPolicies {
			errs = append(errs, &Error{Path: recordPath(i, "policies"), Record: i,
				Exp: "at most " + strconv.Itoa(MaxPolicies) + " policies", Rec: strconv.Itoa(len(r.Policies)) + " policies",
				Err: ErrPolicyCount})
		}
		for j, pr := range r.Policies {
			tooLong(i, j, KeyHealthSherpaPolicyID.String(), pr.IDs.HealthSherpaPolicyID)
			tooLong(i, j, KeyCarrierAssignedPolicyID.String(), pr.IDs.CarrierAssignedPolicyID)
		}
	}
	return errors.Join(errs...)
}

// planner holds the state of one Plan call: the overlay of what earlier
// records of the batch create or change.
type planner struct {
	ctx  context.Context
	p    *Planner
	slab []PolicyDecision // the batch's policy decisions, handed out in order
	cbuf []ccand          // scratch of findCustomers
	pbuf []pcand          // scratch of findPolicies
	// store is set when the three finders are one *Store, read directly
	// under the read lock Plan holds; rc and rp are its result buffers.
	store *Store
	rc    []Customer
	rp    []Policy
	// Slabs the decisions' small slices are cut from.
	fillSlab    []Fill
	pfillSlab   []PolicyFill
	warnSlab    []Warning
	recordsLeft int // records not yet decided, the current one included

	custs    []ocust
	custByID map[string]int
	custIdx  chains // by value, of any key: findCustomers checks the key
	pols     []opol
	polByID  map[string]int
	polIdx   chains // by value, of either key: findPolicies checks the key
}

type ocust struct {
	ref CustomerRef
	c   Customer // current state
}

type opol struct {
	ref    PolicyRef
	p      Policy // current state
	owner  CustomerRef
	before Policy
}

// ccand and pcand are lookup candidates. Their pointers point into the
// lookup's result slice or into the overlay, and are valid until the next
// lookup of the same kind or the next commit.
type ccand struct {
	ref CustomerRef
	c   *Customer
}

type pcand struct {
	ref    PolicyRef
	p      *Policy
	owner  CustomerRef
	before *Policy
}

func customerValue(c *Customer, k CustomerKey) string {
	if k == KeyFallback {
		return c.FallbackKey
	}
	return c.IDs.Get(k)
}

// findCustomers returns the customers holding value as key k now: the
// store's answer seen through the overlay, sorted. The result is valid until
// the next findCustomers.
func (pl *planner) findCustomers(k CustomerKey, v string) ([]ccand, error) {
	var (
		res []Customer
		err error
	)
	switch {
	case pl.store != nil:
		if err = pl.ctx.Err(); err == nil {
			res = pl.store.appendCustomers(pl.rc[:0], customerTable(k), v)
			pl.rc = res[:0]
		}
	case k == KeyFallback:
		res, err = pl.p.Fallback.FindCustomersByFallback(pl.ctx, v)
	default:
		res, err = pl.p.Customers.FindCustomers(pl.ctx, k, v)
	}
	if err != nil {
		return nil, fmt.Errorf("matching: looking up customers by %v: %w", k, err)
	}
	out := pl.cbuf[:0]
	for n := range res {
		c := &res[n]
		if i, ok := pl.custByID[c.ID]; ok {
			c = &pl.custs[i].c
			if customerValue(c, k) != v {
				continue // its fallback key changed earlier in the batch
			}
		}
		out = addCustomer(out, CustomerRef{ID: c.ID}, c)
	}
	for c := pl.custIdx.first(v); c.ok(); c = pl.custIdx.next(c) {
		oc := &pl.custs[c.pos()]
		if customerValue(&oc.c, k) == v {
			out = addCustomer(out, oc.ref, &oc.c)
		}
	}
	if len(out) > 1 {
		slices.SortFunc(out, func(a, b ccand) int { return refLess(a.ref, b.ref) })
	}
	pl.cbuf = out[:0]
	return out, nil
}

// addCustomer appends (ref, c) to out unless ref is already there.
func addCustomer(out []ccand, ref CustomerRef, c *Customer) []ccand {
	for i := range out {
		if out[i].ref == ref {
			return out
		}
	}
	return append(out, ccand{ref, c})
}

// findPolicies returns the policies holding value as key k now, sorted. The
// result is valid until the next findPolicies.
func (pl *planner) findPolicies(k PolicyKey, v string) ([]pcand, error) {
	var (
		res []Policy
		err error
	)
	if pl.store != nil {
		if err = pl.ctx.Err(); err == nil {
			res = pl.store.appendPolicies(pl.rp[:0], policyTable(k), v)
			pl.rp = res[:0]
		}
	} else {
		res, err = pl.p.Policies.FindPolicies(pl.ctx, k, v)
	}
	if err != nil {
		return nil, fmt.Errorf("matching: looking up policies by %v: %w", k, err)
	}
	out := pl.pbuf[:0]
	for i := range res {
		p := &res[i]
		if n, ok := pl.polByID[p.ID]; ok {
			op := &pl.pols[n]
			out = addPolicy(out, pcand{op.ref, &op.p, op.owner, &op.before})
			continue
		}
		out = addPolicy(out, pcand{PolicyRef{ID: p.ID}, p, CustomerRef{ID: p.CustomerID}, p})
	}
	for c := pl.polIdx.first(v); c.ok(); c = pl.polIdx.next(c) {
		op := &pl.pols[c.pos()]
		if op.p.IDs.Get(k) == v {
			out = addPolicy(out, pcand{op.ref, &op.p, op.owner, &op.before})
		}
	}
	if len(out) > 1 {
		slices.SortFunc(out, func(a, b pcand) int { return policyRefLess(a.ref, b.ref) })
	}
	pl.pbuf = out[:0]
	return out, nil
}

// addPolicy appends c to out unless its ref is already there.
func addPolicy(out []pcand, c pcand) []pcand {
	for i := range out {
		if out[i].ref == c.ref {
			return out
		}
	}
	return append(out, c)
}

func (pl *planner) record(i int, r *Record, d *Decision) error {
	d.Record = i
	if e := duplicatePolicyIDs(i, r); e != nil {
		d.Err = e
		return nil
	}
	cd := &d.Customer
	if err := pl.customer(i, r, cd); err != nil {
		return err
	}
	if cd.Outcome == OutcomeAmbiguous {
		e := &Error{Record: i, Exp: "at most one customer holding the key", Candidates: cd.Candidates, Err: ErrAmbiguousCustomer}
		if cd.Key == KeyFallback {
			e.Path = recordPath(i, "")
			e.Rec = "firstName, lastName, dateOfBirth and phoneNumber shared by " + strconv.Itoa(len(cd.Candidates)) + " customers"
		} else {
			e.Path = recordPath(i, cd.Key.String())
			e.Rec, _ = Identifier(r.IDs.Get(cd.Key))
		}
		d.Err = e
		return nil
	}
	if len(r.Policies) > 0 {
		d.Policies = pl.slab[:len(r.Policies):len(r.Policies)]
		pl.slab = pl.slab[len(r.Policies):]
		for j := range r.Policies {
			if err := pl.policy(&d.Policies[j], &r.Policies[j], cd.Customer, i, j); err != nil {
				return err
			}
		}
		// Two policies of the record resolving to one stored policy are the
		// same policy twice: the record fails as for a duplicate identifier.
		for j := range d.Policies {
			pj := &d.Policies[j]
			if pj.Policy.New || pj.Outcome != OutcomeMatched {
				continue
			}
			for k := range j {
				pk := &d.Policies[k]
				if pk.Outcome == OutcomeMatched && pk.Policy == pj.Policy {
					v, _ := Identifier(r.Policies[j].IDs.Get(pj.Key))
					d.Err = &Error{Path: policyPath(i, j, pj.Key.String()), Record: i,
						Exp: "each policy of a record identifies a different policy",
						Rec: v, Err: ErrDuplicatePolicyID}
					d.Policies = nil
					return nil
				}
			}
		}
		// A policy that cannot be synced is a matching problem: it fails
		// its record (RULES.md, matching, first bullet), which keeps its
		// policy decisions so that it explains itself.
		for j := range d.Policies {
			if d.Policies[j].Outcome == OutcomeConflict {
				d.Err = policyConflict(i, j, &d.Policies[j], &r.Policies[j])
				return nil
			}
		}
	}
	pl.commit(d)
	return nil
}

// policyConflict is the error of record i failed by the conflict of its
// policy j.
func policyConflict(i, j int, pd *PolicyDecision, pr *PolicyRecord) *Error {
	v, _ := Identifier(pr.IDs.Get(pd.Key))
	e := &Error{Path: policyPath(i, j, pd.Key.String()), Record: i, Rec: v, Policy: j, Conflict: pd.Conflict, Err: ErrPolicyConflict}
	switch pd.Conflict {
	case ConflictOtherCustomer:
		e.Exp = "an identifier held by no policy or by a policy of the record's customer (policies are never moved)"
		e.PolicyMatches = []PolicyRef{pd.Policy}
	case ConflictNotACA:
		e.Exp = "an identifier held by no policy or by a policy of type ACA"
		e.PolicyMatches = []PolicyRef{pd.Policy}
	case ConflictAmbiguous:
		e.Exp = "an identifier held by at most one policy"
		e.PolicyMatches = slices.Clone(pd.Candidates)
	}
	return e
}

// duplicatePolicyIDs fails a record in which two policies carry the same
// present identifier of the same kind.
func duplicatePolicyIDs(i int, r *Record) error {
	for j := 1; j < len(r.Policies); j++ {
		for _, k := range [...]PolicyKey{KeyHealthSherpaPolicyID, KeyCarrierAssignedPolicyID} {
			v, ok := Identifier(r.Policies[j].IDs.Get(k))
			if !ok {
				continue
			}
			for m := range j {
				if w, ok := Identifier(r.Policies[m].IDs.Get(k)); ok && w == v {
					return &Error{Path: policyPath(i, j, k.String()), Record: i,
						Exp: "identifiers unique within the record's policies", Rec: v, Err: ErrDuplicatePolicyID}
				}
			}
		}
	}
	return nil
}

// fills returns a slice of the plan's Fill slab holding f, or nil when f is
// empty. The slab is allocated once, when first needed, for the records
// left; the slices handed out have no spare capacity, so a caller's append
// never writes into a neighbour's.
func (pl *planner) fills(f []Fill, recordsLeft int) []Fill {
	if len(f) == 0 {
		return nil
	}
	if len(pl.fillSlab) < len(f) {
		pl.fillSlab = make([]Fill, max(len(customerIDKeys)*recordsLeft, len(f)))
	}
	out := pl.fillSlab[:len(f):len(f)]
	pl.fillSlab = pl.fillSlab[len(f):]
	copy(out, f)
	return out
}

// policyFills is fills for policies, with room for two per policy left.
func (pl *planner) policyFills(f []PolicyFill) []PolicyFill {
	if len(f) == 0 {
		return nil
	}
	if len(pl.pfillSlab) < len(f) {
		pl.pfillSlab = make([]PolicyFill, max(2*len(pl.slab)+2, len(f)))
	}
	out := pl.pfillSlab[:len(f):len(f)]
	pl.pfillSlab = pl.pfillSlab[len(f):]
	copy(out, f)
	return out
}

// customer decides the record's customer under the planner's strategy,
// into cd (zero on entry).
func (pl *planner) customer(i int, r *Record, cd *CustomerDecision) error {
	var ids [4]string // indexed by CustomerKey
	var present [4]bool
	anyID := false
	for _, k := range customerIDKeys {
		ids[k], present[k] = Identifier(r.IDs.Get(k))
		anyID = anyID || present[k]
	}
	fb, fbOK := FallbackKey(r.FirstName, r.LastName, r.DateOfBirth, r.PhoneNumber)
	cd.FallbackKey = fb

	// tried[k] is true when k was looked up and matched nobody.
	var tried [4]bool
	matched := false
	decide := func(k CustomerKey, v string) (done bool, err error) {
		cd.Key = k
		cands, err := pl.findCustomers(k, v)
		if err != nil {
			return true, err
		}
		switch len(cands) {
		case 0:
			if k != KeyFallback {
				tried[k] = true
			}
			return false, nil
		case 1:
			matched = true
			cd.Outcome = OutcomeMatched
			cd.Customer = cands[0].ref
			cd.Before = *cands[0].c
		default:
			cd.Outcome = OutcomeAmbiguous
			cd.Candidates = make([]CustomerRef, len(cands))
			for n, c := range cands {
				cd.Candidates[n] = c.ref
			}
		}
		return true, nil
	}

	done := false
	var err error
	for _, k := range customerIDKeys {
		if !present[k] {
			continue
		}
		if done, err = decide(k, ids[k]); err != nil {
			return err
		}
		if done || pl.p.Strategy != StrategyCascade {
			break
		}
	}
	if !done && fbOK && (!anyID || pl.p.Strategy == StrategyCascade) {
		if _, err = decide(KeyFallback, fb); err != nil {
			return err
		}
	}
	switch {
	case cd.Outcome == OutcomeAmbiguous:
		return nil
	case !matched:
		cd.Outcome = OutcomeNew
		cd.Customer = CustomerRef{New: true, Record: i}
	}

	// Identifiers: fill the empty ones, never overwrite, never copy a value
	// another customer holds.
	var fill [len(customerIDKeys)]Fill
	nfill := 0
	for _, k := range customerIDKeys {
		if !present[k] {
			continue
		}
		v := ids[k]
		held := cd.Before.IDs.Get(k)
		if held == v {
			continue
		}
		if held != "" {
			cd.Conflicts = append(cd.Conflicts, IDConflict{Key: k, Held: held, Incoming: v})
			continue
		}
		if !tried[k] { // a key tried without a match is held by nobody
			cands, err := pl.findCustomers(k, v)
			if err != nil {
				return err
			}
			var others []CustomerRef
			for _, c := range cands {
				if c.ref != cd.Customer {
					others = append(others, c.ref)
				}
			}
			if len(others) > 0 {
				cd.Conflicts = append(cd.Conflicts, IDConflict{Key: k, Incoming: v, HeldBy: others})
				continue
			}
		}
		fill[nfill] = Fill{Key: k, Value: v}
		nfill++
	}
	cd.Fill = pl.fills(fill[:nfill], pl.recordsLeft)
	return nil
}

// policy decides one policy of a record whose customer is cr, into pd (zero
// on entry).
func (pl *planner) policy(pd *PolicyDecision, pr *PolicyRecord, cr CustomerRef, i, j int) error {
	pd.Status, pd.EffectiveDate = pr.Status, pr.EffectiveDate
	hs, hsOK := Identifier(pr.IDs.HealthSherpaPolicyID)
	ca, caOK := Identifier(pr.IDs.CarrierAssignedPolicyID)
	if !hsOK && !caOK {
		pd.Outcome = OutcomeNew
		pd.Policy = PolicyRef{New: true, Record: i, Policy: j}
		pd.Warnings = pl.warnings(WarningNoIdentifier)
		return nil
	}
	var match *pcand
	decided := false
	if hsOK {
		pd.Key = KeyHealthSherpaPolicyID
		cands, err := pl.findPolicies(KeyHealthSherpaPolicyID, hs)
		if err != nil {
			return err
		}
		switch {
		case len(cands) == 1:
			match, decided = &cands[0], true
		case len(cands) > 1:
			pl.ambiguousPolicy(pd, cands)
			return nil
		}
	}
	if !decided && caOK {
		cands, err := pl.findPolicies(KeyCarrierAssignedPolicyID, ca)
		if err != nil {
			return err
		}
		if hsOK {
			// A carrier-ID match holding a different healthSherpaPolicyId is
			// another enrollment (next year's renewal): not this policy.
			n := 0
			for _, c := range cands {
				if h := c.p.IDs.HealthSherpaPolicyID; h != "" && h != hs {
					continue
				}
				cands[n] = c
				n++
			}
			if n < len(cands) {
				pd.Warnings = pl.warnings(WarningDifferentEnrollment)
			}
			cands = cands[:n]
		}
		switch {
		case len(cands) == 1:
			pd.Key = KeyCarrierAssignedPolicyID
			match = &cands[0]
		case len(cands) > 1:
			pd.Key = KeyCarrierAssignedPolicyID
			pl.ambiguousPolicy(pd, cands)
			return nil
		case !hsOK:
			pd.Key = KeyCarrierAssignedPolicyID
		}
	}
	// match points into pl.pbuf, valid until the next findPolicies.
	var fill [2]PolicyFill
	nfill := 0
	if match == nil {
		pd.Outcome = OutcomeNew
		pd.Policy = PolicyRef{New: true, Record: i, Policy: j}
		if hsOK {
			fill[nfill] = PolicyFill{KeyHealthSherpaPolicyID, hs}
			nfill++
		}
		if caOK {
			fill[nfill] = PolicyFill{KeyCarrierAssignedPolicyID, ca}
			nfill++
		}
		pd.Fill = pl.policyFills(fill[:nfill])
		return nil
	}
	pd.Policy = match.ref
	pd.Before = *match.before
	switch {
	case match.owner != cr:
		pd.Outcome, pd.Conflict = OutcomeConflict, ConflictOtherCustomer
		return nil
	case match.p.Type != PolicyTypeACA:
		pd.Outcome, pd.Conflict = OutcomeConflict, ConflictNotACA
		return nil
	}
	pd.Outcome = OutcomeMatched
	for _, f := range [...]struct {
		k  PolicyKey
		v  string
		ok bool
	}{{KeyHealthSherpaPolicyID, hs, hsOK}, {KeyCarrierAssignedPolicyID, ca, caOK}} {
		if !f.ok {
			continue
		}
		switch held := match.p.IDs.Get(f.k); held {
		case f.v:
		case "":
			// The healthSherpaPolicyId was looked up first and is held by no
			// policy; a carrier-ID may be shared by renewals.
			fill[nfill] = PolicyFill{f.k, f.v}
			nfill++
		default:
			pd.Conflicts = append(pd.Conflicts, PolicyIDConflict{Key: f.k, Held: held, Incoming: f.v})
		}
	}
	pd.Fill = pl.policyFills(fill[:nfill])
	return nil
}

// warnings returns a one-warning slice of the plan's own (a plan shares no
// memory with another plan, so a caller may modify it).
func (pl *planner) warnings(w Warning) []Warning {
	if len(pl.warnSlab) == 0 {
		pl.warnSlab = make([]Warning, len(pl.slab)+1)
	}
	out := pl.warnSlab[:1:1]
	pl.warnSlab = pl.warnSlab[1:]
	out[0] = w
	return out
}

func (pl *planner) ambiguousPolicy(pd *PolicyDecision, cands []pcand) {
	pd.Outcome, pd.Conflict = OutcomeConflict, ConflictAmbiguous
	pd.Candidates = make([]PolicyRef, len(cands))
	for n, c := range cands {
		pd.Candidates[n] = c.ref
	}
}

// commit records a succeeding record's effects in the overlay, exactly as
// Store.Apply writes them, so that later records see them.
func (pl *planner) commit(d *Decision) {
	cd := &d.Customer
	ci := -1
	changes := len(cd.Fill) > 0 || (cd.FallbackKey != "" && cd.FallbackKey != cd.Before.FallbackKey)
	if cd.Outcome == OutcomeMatched && !cd.Customer.New && !changes {
		// Nothing to remember: the store's answer stays true.
	} else if cd.Outcome == OutcomeNew {
		ci = len(pl.custs)
		pl.custs = appendSmall(pl.custs, ocust{ref: cd.Customer})
	} else if cd.Customer.New {
		for n := range pl.custs {
			if pl.custs[n].ref == cd.Customer {
				ci = n
				break
			}
		}
	} else if n, ok := pl.custByID[cd.Customer.ID]; ok {
		ci = n
	} else {
		ci = len(pl.custs)
		if pl.custByID == nil {
			pl.custByID = map[string]int{}
		}
		pl.custByID[cd.Customer.ID] = ci
		pl.custs = appendSmall(pl.custs, ocust{ref: cd.Customer, c: cd.Before})
	}
	for _, f := range cd.Fill {
		oc := &pl.custs[ci]
		oc.c.IDs.set(f.Key, f.Value)
		pl.custIdx.add(f.Value, ci)
	}
	if ci >= 0 && cd.FallbackKey != "" && pl.custs[ci].c.FallbackKey != cd.FallbackKey {
		pl.custs[ci].c.FallbackKey = cd.FallbackKey
		pl.custIdx.add(cd.FallbackKey, ci)
	}

	for j := range d.Policies {
		pd := &d.Policies[j]
		var pi int
		switch {
		case pd.Outcome == OutcomeNew:
			pi = len(pl.pols)
			np := Policy{Type: PolicyTypeACA, Status: pd.Status, EffectiveDate: pd.EffectiveDate}
			for _, f := range pd.Fill {
				np.IDs.set(f.Key, f.Value)
			}
			pl.pols = appendSmall(pl.pols, opol{ref: pd.Policy, owner: cd.Customer, p: np, before: np})
		case pd.Outcome != OutcomeMatched:
			continue
		case pd.Policy.New:
			pi = slices.IndexFunc(pl.pols, func(o opol) bool { return o.ref == pd.Policy })
		case len(pd.Fill) == 0:
			continue // an existing policy that keeps its identifiers
		default:
			n, ok := pl.polByID[pd.Policy.ID]
			if !ok {
				n = len(pl.pols)
				if pl.polByID == nil {
					pl.polByID = map[string]int{}
				}
				pl.polByID[pd.Policy.ID] = n
				pl.pols = appendSmall(pl.pols, opol{ref: pd.Policy, owner: cd.Customer, p: pd.Before, before: pd.Before})
			}
			pi = n
		}
		op := &pl.pols[pi]
		for _, f := range pd.Fill {
			op.p.IDs.set(f.Key, f.Value)
			pl.polIdx.add(f.Value, pi)
		}
	}
}

// appendSmall is append starting at a capacity of 16, not 1: a batch's
// overlay holds a few dozen entries at most.
func appendSmall[T any](s []T, v T) []T {
	if s == nil {
		s = make([]T, 0, 16)
	}
	return append(s, v)
}

// chains indexes overlay positions by value: a map from a value to its
// latest entry, and the entries, each linking to the previous one of its
// value. One map and one slice for the whole batch, instead of a slice per
// value. The values of all keys share it (a string-keyed map is faster than
// one keyed by (key, value)): a lookup checks the key of what it finds.
type chains struct {
	head map[string]int32 // 1 + index in ent of the key's latest entry
	ent  []chainEntry
}

type chainEntry struct {
	pos  int32 // the overlay position
	prev int32 // 1 + index in ent of the key's previous entry, 0 at the end
}

// chainCursor is a position in a key's chain: at is 1 + the index in ent (0
// at the end), p the overlay position stored there.
type chainCursor struct {
	at int32
	p  int32
}

func (c chainCursor) ok() bool { return c.at != 0 }
func (c chainCursor) pos() int { return int(c.p) }

func (x *chains) add(k string, pos int) {
	if x.head == nil {
		x.head = make(map[string]int32, 16)
	}
	x.ent = appendSmall(x.ent, chainEntry{pos: int32(pos), prev: x.head[k]})
	x.head[k] = int32(len(x.ent))
}

// reset empties x, keeping its capacity.
func (x *chains) reset() {
	clear(x.head)
	x.ent = x.ent[:0]
}

func (x *chains) first(k string) chainCursor {
	if len(x.head) == 0 {
		return chainCursor{}
	}
	return x.cursor(x.head[k])
}

func (x *chains) next(c chainCursor) chainCursor { return x.cursor(x.ent[c.at-1].prev) }

func (x *chains) cursor(at int32) chainCursor {
	if at == 0 {
		return chainCursor{}
	}
	return chainCursor{at: at, p: x.ent[at-1].pos}
}
