package syncaca

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// Sync runs POST /v2/sync/aca against the book: Validate, then plan with
// matching (Options.Strategy), apply the plan, run the one-year rule
// (termination.Decide, on Options.Today) once per customer that got a new
// ACA policy, and build the response. A request that fails validation
// returns a *api.ValidationError and changes nothing. The response is
// deterministic: records in input order, policies in the customer's policy
// order, and new IDs from the book's store ("cust-N", "pol-N", the first N
// the book does not hold).
func (b *Book) Sync(ctx context.Context, req *Request, opt Options) (*Response, error) {
	v, err := Validate(req, opt)
	if err != nil {
		return nil, err
	}
	return b.SyncValidated(ctx, v, opt)
}

// SyncValidated is Sync for a request that Validate (or Check) accepted
// with the same options.
func (b *Book) SyncValidated(ctx context.Context, v *Validated, opt Options) (*Response, error) {
	if opt.Today.IsZero() {
		return nil, ErrNoToday
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	plan, err := matching.NewPlanner(b.store, opt.Strategy).Plan(ctx, v.MatchingRecords())
	if err != nil {
		if ve := planValidation(err, v.Request); ve != nil {
			return nil, ve
		}
		return nil, err
	}
	dups, err := b.possibleDuplicates(ctx, plan)
	if err != nil {
		return nil, err
	}
	applied, err := b.store.Apply(plan)
	if err != nil {
		return nil, fmt.Errorf("syncaca: applying the plan: %w", err)
	}
	run := &syncRun{book: b, v: v, plan: plan, applied: applied, dups: dups, changed: map[string]*policyChange{},
		resp: &Response{Results: []Result{}, Errors: []RecordError{}}}
	if opt.Explain {
		run.explain = make([]Explanation, len(v.Records))
	}
	for i := range plan.Decisions {
		run.writeRecord(i)
	}
	if err := run.terminate(opt.Today); err != nil {
		return nil, err
	}
	return run.respond(), nil
}

// syncRun is the state of one sync after the plan was applied to the
// book's store: what it writes on the book's records, and the response it
// builds.
type syncRun struct {
	book    *Book
	v       *Validated
	plan    *matching.Plan
	applied *matching.Applied
	dups    map[int][]string // record -> customers holding its fallback key (possible duplicates)
	changed map[string]*policyChange
	resp    *Response
	explain []Explanation // with Options.Explain
}

// policyChange is what the request did to one policy: its net action so
// far, its status before the request, and the record whose result lists it.
type policyChange struct {
	action string
	before termination.Status // for updated and terminated
	record int
}

// writeRecord writes record i's decision on the book: a failed record is
// only reported; a succeeded one writes its customer (created or updated,
// with the identifiers the plan fills) and its policies, and reports what
// was not written.
func (r *syncRun) writeRecord(i int) {
	d := &r.plan.Decisions[i]
	rec, vr := &r.v.Request.Records[i], &r.v.Records[i]
	r.resp.Warnings = append(r.resp.Warnings, vr.Warnings...)
	if r.explain != nil {
		r.explain[i] = explainDecision(d, r.plan.Strategy, r.applied, vr)
	}
	if d.Err != nil {
		r.resp.Errors = append(r.resp.Errors, recordError(i, d, rec, r.applied))
		return
	}
	cid := r.applied.Customers[i]
	ci := r.book.customerAt(cid)
	c := r.book.customers[ci]
	applyCustomer(c, rec, vr)
	for _, f := range d.Customer.Fill {
		setCustomerID(c, f.Key, f.Value)
	}
	r.resp.Warnings = append(r.resp.Warnings, customerWarnings(i, d)...)
	if len(r.dups[i]) > 0 {
		r.resp.Warnings = append(r.resp.Warnings, possibleDuplicate(i, d, r.dups[i]))
	}
	for j := range d.Policies {
		r.resp.Warnings = append(r.resp.Warnings, policyWarnings(i, j, &d.Policies[j])...)
		r.writePolicy(i, j, ci)
	}
}

// writePolicy writes policy j of record i on the book: a new policy is
// created on the record's customer (at position ci) with the API's
// defaults, then the record's values and the plan's fills are written.
func (r *syncRun) writePolicy(i, j, ci int) {
	pd := &r.plan.Decisions[i].Policies[j]
	pid := r.applied.Policies[i][j]
	b := r.book
	loc, ok := b.policyAt[pid]
	if !ok {
		c := b.customers[ci]
		c.Policies = append(c.Policies, Policy{ID: pid, CustomerID: c.ID, PolicyType: matching.PolicyTypeACA, Status: termination.StatusActive})
		loc = [2]int{ci, len(c.Policies) - 1}
		b.policyAt[pid] = loc
		r.changed[pid] = &policyChange{action: ActionCreated, record: i}
	} else if r.changed[pid] == nil {
		r.changed[pid] = &policyChange{action: ActionUpdated, before: b.customers[loc[0]].Policies[loc[1]].Status, record: i}
	}
	p := &b.customers[loc[0]].Policies[loc[1]]
	vp := &r.v.Records[i].Policies[j]
	applyPolicy(p, &r.v.Request.Records[i].Policies[j], vp)
	if vp.EffectiveDate != (termination.EffectiveDate{}) { // sent: it replaces the stored one
		b.effective[pid] = vp.EffectiveDate
	}
	for _, f := range pd.Fill {
		if f.Key == matching.KeyHealthSherpaPolicyID {
			p.HealthSherpaPolicyID = f.Value
		} else if f.Key == matching.KeyCarrierAssignedPolicyID {
			p.CarrierAssignedPolicyID = f.Value
		}
	}
}

// terminate runs the one-year rule once per customer that the request gave
// a new ACA policy, after every update, and terminates what it decides.
// The policies it terminates are listed in the result of the record that
// created the customer's first new policy (the trigger).
func (r *syncRun) terminate(today dob.Date) error {
	for _, eff := range r.plan.Customers() {
		if !eff.CreatesACAPolicy {
			continue
		}
		trigger := r.trigger(eff.Records)
		c := r.book.customers[r.book.byID[r.applied.Customers[trigger]]]
		dec, err := termination.Decide(termination.Input{CreatedACA: true, Today: today, Policies: r.terminationPolicies(c)})
		if err != nil {
			return err // only ErrNoToday, ruled out by SyncValidated
		}
		for _, t := range dec.Terminate {
			p := &c.Policies[t.Index]
			if pc := r.changed[p.ID]; pc == nil {
				r.changed[p.ID] = &policyChange{action: ActionTerminated, before: p.Status, record: trigger}
			} else {
				pc.action = ActionTerminated
			}
			p.Status = termination.StatusTerminated
		}
		r.resp.Warnings = append(r.resp.Warnings, undecided(trigger, c.ID, dec.Skipped)...)
		if r.explain != nil {
			r.explain[trigger].Termination = explainTermination(c.ID, &dec)
		}
	}
	return nil
}

// trigger is the first of a customer's records that creates a policy (the
// first record when none is found).
func (r *syncRun) trigger(records []int) int {
	for _, ri := range records {
		for _, pd := range r.plan.Decisions[ri].Policies {
			if pd.Outcome == matching.OutcomeNew {
				return ri
			}
		}
	}
	return records[0]
}

// terminationPolicies is a customer's policies as the one-year rule reads
// them: the status and effective date already parsed, and what this
// request did to each.
func (r *syncRun) terminationPolicies(c *Customer) []termination.Policy {
	out := make([]termination.Policy, len(c.Policies))
	for k := range c.Policies {
		p := &c.Policies[k]
		tp := termination.Policy{ID: p.ID, Type: p.PolicyType, Status: p.Status, EffectiveDate: r.book.effective[p.ID]}
		if pc := r.changed[p.ID]; pc != nil {
			tp.CreatedByRequest = pc.action == ActionCreated
			if pc.action == ActionUpdated {
				tp.PreviousStatus = pc.before
			}
		}
		out[k] = tp
	}
	return out
}

// MatchingRecords converts a validated request to what matching reads:
// names and identifiers as sent (the planner trims identifiers and applies
// the presence rule), the date of birth and the phone number as validation
// parsed them, and per policy the parsed status (zero when not sent) and
// the effectiveDate as sent, trimmed.
func (v *Validated) MatchingRecords() []matching.Record {
	out := make([]matching.Record, len(v.Request.Records))
	for i := range v.Request.Records {
		r, vr := &v.Request.Records[i], &v.Records[i]
		mr := &out[i]
		mr.FirstName, mr.LastName = r.FirstName.Value, r.LastName.Value
		mr.PhoneNumber, mr.DateOfBirth = vr.Phone, vr.DateOfBirth
		mr.IDs = matching.CustomerIDs{HealthSherpaCustomerID: r.HealthSherpaCustomerID.Value, ExternalID: r.ExternalID.Value,
			CarrierAssignedCustomerID: r.CarrierAssignedCustomerID.Value}
		mr.Policies = make([]matching.PolicyRecord, len(r.Policies))
		for j := range r.Policies {
			p := &r.Policies[j]
			mr.Policies[j] = matching.PolicyRecord{
				IDs:    matching.PolicyIDs{HealthSherpaPolicyID: p.HealthSherpaPolicyID.Value, CarrierAssignedPolicyID: p.CarrierAssignedPolicyID.Value},
				Status: vr.Policies[j].Status, EffectiveDate: strings.TrimSpace(p.EffectiveDate.Value),
			}
		}
	}
	return out
}

// possibleDuplicates finds, for each record that creates a customer although
// its fallback key is held by existing customers (the literal strategy's
// visible cost), those customers' IDs.
func (b *Book) possibleDuplicates(ctx context.Context, plan *matching.Plan) (map[int][]string, error) {
	out := map[int][]string{}
	for i := range plan.Decisions {
		cd := &plan.Decisions[i].Customer
		if plan.Decisions[i].Err != nil || cd.Outcome != matching.OutcomeNew || cd.FallbackKey == "" {
			continue
		}
		cs, err := b.store.FindCustomersByFallback(ctx, cd.FallbackKey)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			out[i] = append(out[i], c.ID)
		}
		slices.Sort(out[i])
	}
	return out, nil
}

// planValidation maps the planner's structure errors (which Validate
// already rules out: both count characters) onto a VALIDATION_ERROR body.
func planValidation(err error, req *Request) *api.ValidationError {
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else {
		errs = []error{err}
	}
	var issues issueList
	for _, e := range errs {
		var me *matching.Error
		if !errors.As(e, &me) {
			return nil
		}
		issues.add(api.IssueFrom(nil, me))
	}
	return issues.err(req)
}
