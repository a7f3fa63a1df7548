package syncaca

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// Sync runs POST /v2/sync/aca on store: Validate, then, in one unit of work
// of the store ([Store.Begin]), read every holder of the request's keys
// (one call per kind), plan with matching (Options.Strategy), apply the
// plan, run the one-year rule (termination.Decide, on Options.Today) once
// per customer that got a new ACA policy, write (one call per kind of
// write), commit, and build the response. A request that fails validation
// returns a *api.ValidationError and opens no unit of work. A store error
// fails the request, and the store writes nothing of it; a conflict with a
// concurrent request (an error wrapping [ErrConflict]) is retried in a new
// unit of work, up to Options.Attempts times. The response is
// deterministic given the store's new IDs: records in input order, policies
// in the customer's policy order.
func Sync(ctx context.Context, store Store, req *Request, opt Options) (*Response, error) {
	v, err := Validate(req, opt)
	if err != nil {
		return nil, err
	}
	return SyncValidated(ctx, store, v, opt)
}

// SyncValidated is [Sync] for a request that Validate (or Check) accepted
// with the same options.
func SyncValidated(ctx context.Context, store Store, v *Validated, opt Options) (*Response, error) {
	if opt.Today.IsZero() {
		return nil, ErrNoToday
	}
	records := v.MatchingRecords()
	keys := matching.KeysOf(records)
	attempts := opt.Attempts
	if attempts <= 0 {
		attempts = DefaultAttempts
	}
	for attempt := 1; ; attempt++ {
		resp, err := syncUnit(ctx, store, v, records, keys, opt)
		if err == nil || !errors.Is(err, ErrConflict) || ctx.Err() != nil {
			return resp, err
		}
		if attempt >= attempts {
			return nil, fmt.Errorf("%w (%d): %w", ErrAttempts, attempts, err)
		}
		// Back off a little, with jitter, so that the requests that
		// conflicted do not meet again at once.
		t := time.NewTimer(time.Duration(rand.Int64N(int64(time.Millisecond) << min(attempt, 5))))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
	}
}

// Sync runs POST /v2/sync/aca against the book: [Sync] with the book as
// the store. New IDs are the book's ("cust-N", "pol-N", the first N the
// book does not hold).
func (b *Book) Sync(ctx context.Context, req *Request, opt Options) (*Response, error) {
	return Sync(ctx, b, req, opt)
}

// SyncValidated is [SyncValidated] with the book as the store.
func (b *Book) SyncValidated(ctx context.Context, v *Validated, opt Options) (*Response, error) {
	return SyncValidated(ctx, b, v, opt)
}

// syncUnit runs the request in one unit of work of store.
func syncUnit(ctx context.Context, store Store, v *Validated, records []matching.Record, keys matching.Keys, opt Options) (resp *Response, err error) {
	tx, err := store.Begin(ctx, keys)
	if err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			if rerr := tx.Rollback(); rerr != nil && err == nil {
				resp, err = nil, rerr
			}
		}
	}()
	w := &working{}
	answers, err := w.read(ctx, tx, keys)
	if err != nil {
		return nil, err
	}
	plan, err := matching.NewPlanner(answers, opt.Strategy).Plan(ctx, records)
	if err != nil {
		if ve := planValidation(err, v.Request); ve != nil {
			return nil, ve
		}
		return nil, err
	}
	findDups, err := possibleDuplicates(ctx, answers, plan)
	if err != nil {
		return nil, err
	}
	if err := w.load(ctx, tx, plan); err != nil {
		return nil, err
	}
	run := &syncRun{w: w, v: v, plan: plan, changed: map[loc]*policyChange{},
		resp: &Response{Results: []Result{}, Errors: []RecordError{}}}
	if err := run.apply(); err != nil {
		return nil, err
	}
	if err := w.create(ctx, tx, plan); err != nil {
		return nil, err
	}
	run.applied = w.applied(plan)
	run.dups = findDups(run.applied)
	if opt.Explain {
		run.explain = make([]Explanation, len(v.Records))
	}
	for i := range plan.Decisions {
		run.report(i)
	}
	if err := run.terminate(opt.Today); err != nil {
		return nil, err
	}
	if err := w.update(ctx, tx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	committed = true
	return run.respond(), nil
}

// loc is a policy of the working set: its customer's index there and its
// index among that customer's policies.
type loc [2]int

// working is what one unit of work knows: the customers the request reads
// or writes, each with its policies as stored and as the request leaves
// them.
type working struct {
	holders   []Customer // every holder of the request's customer keys
	custs     []*Customer
	orig      []*Customer    // as read (nil for a new customer): writes that change nothing are skipped
	origPol   map[loc]Policy // as read
	effective map[loc]termination.EffectiveDate
	byID      map[string]int // stored customer ID -> index in custs
	polAt     map[string]loc // stored policy ID -> loc
	newCust   map[int]int    // record -> index of the customer it creates
	newPol    map[[2]int]loc // (record, policy) -> the policy it creates
	custOf    []int          // record -> index of its customer (-1: failed)
	polOf     [][]loc        // record -> its policies
}

// matchingCustomer is c as matching reads it: the fallback key is a pure
// function of the stored fields.
func matchingCustomer(c *Customer) matching.Customer {
	fb, _ := matching.FallbackKey(c.FirstName, c.LastName, c.DateOfBirth, c.PhoneNumber)
	return matching.Customer{ID: c.ID, FallbackKey: fb, IDs: matching.CustomerIDs{
		HealthSherpaCustomerID: c.HealthSherpaCustomerID, ExternalID: c.ExternalID, CarrierAssignedCustomerID: c.CarrierAssignedCustomerID}}
}

func matchingPolicy(p *Policy) matching.Policy {
	return matching.Policy{ID: p.ID, CustomerID: p.CustomerID, Type: p.PolicyType, Status: p.Status, EffectiveDate: p.EffectiveDate,
		IDs: matching.PolicyIDs{HealthSherpaPolicyID: p.HealthSherpaPolicyID, CarrierAssignedPolicyID: p.CarrierAssignedPolicyID}}
}

// read asks the store for every holder of the request's keys, one call per
// kind, and returns them as the planner's answers.
func (w *working) read(ctx context.Context, tx Tx, keys matching.Keys) (*matching.Answers, error) {
	var policies []Policy
	var err error
	if keys.Customers.Len() > 0 {
		if w.holders, err = tx.Customers(ctx, keys.Customers); err != nil {
			return nil, err
		}
	}
	if keys.Policies.Len() > 0 {
		if policies, err = tx.Policies(ctx, keys.Policies); err != nil {
			return nil, err
		}
	}
	mc := make([]matching.Customer, len(w.holders))
	for i := range w.holders {
		mc[i] = matchingCustomer(&w.holders[i])
	}
	mp := make([]matching.Policy, len(policies))
	for i := range policies {
		mp[i] = matchingPolicy(&policies[i])
	}
	return matching.NewAnswers(keys, mc, mp), nil
}

// errStore: the store's answers contradict each other.
var errStore = errors.New("syncaca: the store's answers are inconsistent")

// load puts in the working set the stored customers that the plan's
// succeeded records matched, with their policies (one PoliciesOf call).
func (w *working) load(ctx context.Context, tx Tx, plan *matching.Plan) error {
	w.byID, w.polAt = map[string]int{}, map[string]loc{}
	w.origPol, w.effective = map[loc]Policy{}, map[loc]termination.EffectiveDate{}
	held := make(map[string]*Customer, len(w.holders))
	for i := range w.holders {
		held[w.holders[i].ID] = &w.holders[i]
	}
	var ids []string
	for i := range plan.Decisions {
		d := &plan.Decisions[i]
		if d.Err != nil || d.Customer.Outcome != matching.OutcomeMatched || d.Customer.Customer.New {
			continue
		}
		id := d.Customer.Customer.ID
		if _, ok := w.byID[id]; ok {
			continue
		}
		c := held[id]
		if c == nil {
			return fmt.Errorf("%w: customer %s was matched but not read", errStore, id)
		}
		w.byID[id] = len(w.custs)
		cur, orig := cloneCustomer(c, false), cloneCustomer(c, false)
		w.custs, w.orig = append(w.custs, &cur), append(w.orig, &orig)
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil
	}
	ps, err := tx.PoliciesOf(ctx, ids)
	if err != nil {
		return err
	}
	for _, p := range ps {
		ci, ok := w.byID[p.CustomerID]
		if !ok {
			return fmt.Errorf("%w: PoliciesOf returned policy %s of customer %s, which was not asked for", errStore, p.ID, p.CustomerID)
		}
		c := w.custs[ci]
		l := loc{ci, len(c.Policies)}
		c.Policies = append(c.Policies, p)
		w.polAt[p.ID], w.origPol[l] = l, p
		if eff := termination.ReadEffectiveDate(p.EffectiveDate); eff != (termination.EffectiveDate{}) {
			w.effective[l] = eff
		}
	}
	return nil
}

// syncRun is the state of one sync after its plan was made: what it writes
// on the working set, and the response it builds.
type syncRun struct {
	w       *working
	v       *Validated
	plan    *matching.Plan
	applied *matching.Applied
	dups    map[int][]string // record -> customers holding its fallback key (possible duplicates)
	changed map[loc]*policyChange
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

// apply writes the plan's decisions on the working set, in record order:
// a succeeded record writes its customer (created or updated, with the
// identifiers the plan fills) and its policies.
func (r *syncRun) apply() error {
	w := r.w
	w.newCust, w.newPol = map[int]int{}, map[[2]int]loc{}
	w.custOf, w.polOf = make([]int, len(r.plan.Decisions)), make([][]loc, len(r.plan.Decisions))
	for i := range r.plan.Decisions {
		d := &r.plan.Decisions[i]
		w.custOf[i] = -1
		if d.Err != nil {
			continue
		}
		rec, vr := &r.v.Request.Records[i], &r.v.Records[i]
		var ci int
		switch cd := &d.Customer; {
		case cd.Outcome == matching.OutcomeNew:
			ci = len(w.custs)
			w.custs, w.orig = append(w.custs, &Customer{}), append(w.orig, nil)
			w.newCust[i] = ci
		case cd.Customer.New:
			ci = w.newCust[cd.Customer.Record]
		default:
			ci = w.byID[cd.Customer.ID]
		}
		w.custOf[i] = ci
		c := w.custs[ci]
		applyCustomer(c, rec, vr)
		for _, f := range d.Customer.Fill {
			setCustomerID(c, f.Key, f.Value)
		}
		w.polOf[i] = make([]loc, len(d.Policies))
		for j := range d.Policies {
			l, err := r.applyPolicy(i, j, ci)
			if err != nil {
				return err
			}
			w.polOf[i][j] = l
		}
	}
	return nil
}

// applyPolicy writes policy j of record i on the working set: a new policy
// is created on the record's customer (at index ci) with the API's
// defaults, then the record's values and the plan's fills are written.
func (r *syncRun) applyPolicy(i, j, ci int) (loc, error) {
	w := r.w
	pd := &r.plan.Decisions[i].Policies[j]
	var l loc
	switch {
	case pd.Outcome == matching.OutcomeNew:
		c := w.custs[ci]
		c.Policies = append(c.Policies, Policy{PolicyType: matching.PolicyTypeACA, Status: termination.StatusActive})
		l = loc{ci, len(c.Policies) - 1}
		w.newPol[[2]int{i, j}] = l
		r.changed[l] = &policyChange{action: ActionCreated, record: i}
	case pd.Policy.New:
		l = w.newPol[[2]int{pd.Policy.Record, pd.Policy.Policy}]
	default:
		var ok bool
		if l, ok = w.polAt[pd.Policy.ID]; !ok || l[0] != ci {
			return l, fmt.Errorf("%w: policy %s was matched but is not among its customer's policies", errStore, pd.Policy.ID)
		}
	}
	if r.changed[l] == nil {
		r.changed[l] = &policyChange{action: ActionUpdated, before: w.custs[l[0]].Policies[l[1]].Status, record: i}
	}
	p := &w.custs[l[0]].Policies[l[1]]
	vp := &r.v.Records[i].Policies[j]
	applyPolicy(p, &r.v.Request.Records[i].Policies[j], vp)
	if vp.EffectiveDate != (termination.EffectiveDate{}) { // sent: it replaces the stored one
		w.effective[l] = vp.EffectiveDate
	}
	for _, f := range pd.Fill {
		if f.Key == matching.KeyHealthSherpaPolicyID {
			p.HealthSherpaPolicyID = strings.Clone(f.Value)
		} else if f.Key == matching.KeyCarrierAssignedPolicyID {
			p.CarrierAssignedPolicyID = strings.Clone(f.Value)
		}
	}
	return l, nil
}

// create writes the new customers, then the new policies (one call each,
// in record order), and gives the working set the IDs the store chose.
func (w *working) create(ctx context.Context, tx Tx, plan *matching.Plan) error {
	var newIdx []int
	for i := range plan.Decisions {
		if ci, ok := w.newCust[i]; ok {
			newIdx = append(newIdx, ci)
		}
	}
	if len(newIdx) > 0 {
		cs := make([]Customer, len(newIdx))
		for k, ci := range newIdx {
			cs[k] = cloneCustomer(w.custs[ci], false)
		}
		if err := tx.CreateCustomers(ctx, cs); err != nil {
			return err
		}
		for k, ci := range newIdx {
			if cs[k].ID == "" {
				return fmt.Errorf("%w: CreateCustomers left a customer without an ID", errStore)
			}
			w.custs[ci].ID = cs[k].ID
		}
	}
	var news []loc
	for i := range plan.Decisions {
		for j := range plan.Decisions[i].Policies {
			if l, ok := w.newPol[[2]int{i, j}]; ok {
				news = append(news, l)
			}
		}
	}
	if len(news) == 0 {
		return nil
	}
	ps := make([]Policy, len(news))
	for k, l := range news {
		p := &w.custs[l[0]].Policies[l[1]]
		p.CustomerID = w.custs[l[0]].ID
		ps[k] = clonePolicy(p)
	}
	if err := tx.CreatePolicies(ctx, ps); err != nil {
		return err
	}
	for k, l := range news {
		if ps[k].ID == "" {
			return fmt.Errorf("%w: CreatePolicies left a policy without an ID", errStore)
		}
		w.custs[l[0]].Policies[l[1]].ID = ps[k].ID
	}
	return nil
}

// applied is what the plan wrote, by record, with the store's IDs.
func (w *working) applied(plan *matching.Plan) *matching.Applied {
	a := &matching.Applied{Customers: make([]string, len(plan.Decisions)), Policies: make([][]string, len(plan.Decisions))}
	for i, ci := range w.custOf {
		if ci < 0 {
			continue
		}
		a.Customers[i] = w.custs[ci].ID
		a.Policies[i] = make([]string, len(w.polOf[i]))
		for j, l := range w.polOf[i] {
			a.Policies[i][j] = w.custs[l[0]].Policies[l[1]].ID
		}
	}
	return a
}

// report adds record i's error or warnings, and its explanation, to the
// response.
func (r *syncRun) report(i int) {
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
	r.resp.Warnings = append(r.resp.Warnings, customerWarnings(i, d)...)
	if len(r.dups[i]) > 0 {
		r.resp.Warnings = append(r.resp.Warnings, possibleDuplicate(i, d, r.dups[i]))
	}
	for j := range d.Policies {
		r.resp.Warnings = append(r.resp.Warnings, policyWarnings(i, j, &d.Policies[j])...)
	}
}

// update writes the stored customers and policies the request changed
// (one call each; none when nothing changed).
func (w *working) update(ctx context.Context, tx Tx) error {
	var cs []Customer
	var ps []Policy
	for ci, c := range w.custs {
		o := w.orig[ci]
		if o == nil {
			continue // created, with its policies
		}
		if cur := cloneCustomer(c, false); !reflect.DeepEqual(&cur, o) {
			cs = append(cs, cur)
		}
		for k := range c.Policies {
			if op, ok := w.origPol[loc{ci, k}]; ok && !reflect.DeepEqual(op, c.Policies[k]) {
				ps = append(ps, clonePolicy(&c.Policies[k]))
			}
		}
	}
	if len(cs) > 0 {
		if err := tx.UpdateCustomers(ctx, cs); err != nil {
			return err
		}
	}
	if len(ps) > 0 {
		if err := tx.UpdatePolicies(ctx, ps); err != nil {
			return err
		}
	}
	return nil
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
		ci := r.w.custOf[trigger]
		c := r.w.custs[ci]
		dec, err := termination.Decide(termination.Input{CreatedACA: true, Today: today, Policies: r.terminationPolicies(ci)})
		if err != nil {
			return err // only ErrNoToday, ruled out by SyncValidated
		}
		for _, t := range dec.Terminate {
			l := loc{ci, t.Index}
			p := &c.Policies[t.Index]
			if pc := r.changed[l]; pc == nil {
				r.changed[l] = &policyChange{action: ActionTerminated, before: p.Status, record: trigger}
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

// terminationPolicies is customer ci's policies as the one-year rule reads
// them: the status and effective date parsed, and what this request did to
// each.
func (r *syncRun) terminationPolicies(ci int) []termination.Policy {
	c := r.w.custs[ci]
	out := make([]termination.Policy, len(c.Policies))
	for k := range c.Policies {
		p := &c.Policies[k]
		tp := termination.Policy{ID: p.ID, Type: p.PolicyType, Status: p.Status, EffectiveDate: r.w.effective[loc{ci, k}]}
		if pc := r.changed[loc{ci, k}]; pc != nil {
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
// its fallback key is held by another customer, those customers' IDs: the
// stored customers that held it before the request (and whose key no
// earlier record changed), and the customers created or re-keyed by earlier
// records of the same batch. It runs before the plan is applied (the
// store's answer) and returns a function that finishes the work once the
// applied IDs are known.
func possibleDuplicates(ctx context.Context, l matching.FallbackFinder, plan *matching.Plan) (func(*matching.Applied) map[int][]string, error) {
	before := map[int][]string{}
	for i := range plan.Decisions {
		cd := &plan.Decisions[i].Customer
		if plan.Decisions[i].Err != nil || cd.Outcome != matching.OutcomeNew || cd.FallbackKey == "" {
			continue
		}
		cs, err := l.FindCustomersByFallback(ctx, cd.FallbackKey)
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			before[i] = append(before[i], c.ID)
		}
	}
	return func(applied *matching.Applied) map[int][]string {
		out := map[int][]string{}
		keyOf := map[string]string{}            // customer ID -> its key, once a record of the batch wrote it
		holders := map[string]map[string]bool{} // key -> customers a record of the batch gave it
		for i := range plan.Decisions {
			d := &plan.Decisions[i]
			if d.Err != nil {
				continue
			}
			cd, id := &d.Customer, applied.Customers[i]
			if cd.Outcome == matching.OutcomeNew && cd.FallbackKey != "" {
				var ids []string
				for _, c := range before[i] {
					if k, rekeyed := keyOf[c]; !rekeyed || k == cd.FallbackKey {
						ids = append(ids, c)
					}
				}
				for c := range holders[cd.FallbackKey] {
					if c != id && !slices.Contains(ids, c) {
						ids = append(ids, c)
					}
				}
				slices.Sort(ids)
				if len(ids) > 0 {
					out[i] = ids
				}
			}
			if old, ok := keyOf[id]; ok {
				delete(holders[old], id)
			}
			keyOf[id] = cd.FallbackKey
			if cd.FallbackKey != "" {
				if holders[cd.FallbackKey] == nil {
					holders[cd.FallbackKey] = map[string]bool{}
				}
				holders[cd.FallbackKey][id] = true
			}
		}
		return out
	}, nil
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
