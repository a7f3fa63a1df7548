package matching

import (
	"context"
	"errors"
	"strconv"
	"unicode/utf8"
)

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
	slab []PolicyDecision    // the batch's policy decisions, handed out in order
	cbuf []customerCandidate // scratch of findCustomers
	pbuf []policyCandidate   // scratch of findPolicies
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

	custs    []overlayCustomer
	custByID map[string]int
	custIdx  chains // by value, of any key: findCustomers checks the key
	pols     []overlayPolicy
	polByID  map[string]int
	polIdx   chains // by value, of either key: findPolicies checks the key
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
		// its record (and only its record), which keeps its
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
