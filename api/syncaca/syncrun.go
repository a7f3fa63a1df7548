package syncaca

import (
	"fmt"
	"strings"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

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
