package syncaca

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// Net actions of a policy in the response, in precedence order: a policy the
// request created is "created" even if the one-year rule would have touched
// it; else "terminated"; else "updated".
const (
	ActionCreated    = "created"
	ActionTerminated = "terminated"
	ActionUpdated    = "updated"
)

// Response is the API's response to POST /v2/sync/aca, plus two extensions:
// Warnings (remarks that changed nothing silently) and, with Options.Explain,
// Explain.
type Response struct {
	Succeeded int           `json:"succeeded"`
	Failed    int           `json:"failed"`
	Results   []Result      `json:"results"`
	Errors    []RecordError `json:"errors"`
	Warnings  []Warning     `json:"warnings,omitempty"`
	Explain   []Explanation `json:"explain,omitempty"`
}

// Result is one succeeded record: its customer as it stands after the whole
// request, with the policies this record changed.
type Result struct {
	Customer
	// Policies are the policies the record created or updated and, for the
	// record that triggered the one-year rule, the policies it terminated;
	// each changed policy appears once in the whole response, with the
	// first record that changed it. In the customer's policy order.
	Policies []ResultPolicy `json:"policies"`
}

// ResultPolicy is a policy of a Result with its net action and its status
// before the request (null for a created policy).
type ResultPolicy struct {
	Policy
	Action         string  `json:"action"`
	PreviousStatus *string `json:"previousStatus"`
}

// RecordError is one failed record: the API's {id, externalId, error}, with
// the record's index and the error's code.
type RecordError struct {
	Index      int     `json:"index"`
	ID         *string `json:"id"`         // the customer's ID when one was matched, else null
	ExternalID *string `json:"externalId"` // the record's externalId when present, else null
	Error      string  `json:"error"`
	Code       string  `json:"code"`
}

// Explanation is the decision on one record, with its reasons (Options.Explain).
type Explanation struct {
	Index       int                 `json:"index"`
	Customer    CustomerExplanation `json:"customer"`
	Policies    []PolicyExplanation `json:"policies,omitempty"`
	Termination *TerminationResult  `json:"termination,omitempty"`
	Error       string              `json:"error,omitempty"`
}

// CustomerExplanation says how a record's customer was decided.
type CustomerExplanation struct {
	Strategy   string   `json:"strategy"`
	Key        string   `json:"key"`     // healthSherpaCustomerId, externalId, carrierAssignedCustomerId, fallback or none
	Outcome    string   `json:"outcome"` // matched, new or ambiguous
	ID         string   `json:"id,omitempty"`
	Candidates []string `json:"candidates,omitempty"`
	Filled     []string `json:"filled,omitempty"`    // key=value written on the customer
	Conflicts  []string `json:"conflicts,omitempty"` // identifiers not written, and why
	Zone       string   `json:"timezone,omitempty"`  // the zone stored and where it came from
}

// PolicyExplanation says how one policy of a record was decided.
type PolicyExplanation struct {
	Index      int      `json:"index"`
	Key        string   `json:"key"`     // healthSherpaPolicyId, carrierAssignedPolicyId or none
	Outcome    string   `json:"outcome"` // matched, new or conflict
	ID         string   `json:"id,omitempty"`
	Conflict   string   `json:"conflict,omitempty"`
	Candidates []string `json:"candidates,omitempty"`
	Warnings   []string `json:"warnings,omitempty"`
	Filled     []string `json:"filled,omitempty"`
	Conflicts  []string `json:"conflicts,omitempty"`
	Carrier    string   `json:"carrier,omitempty"` // carrier resolution: display name, method, confidence
}

// TerminationResult is the one-year rule's outcome for the customer whose
// first new ACA policy this record created.
type TerminationResult struct {
	Customer   string                 `json:"customer"`
	Terminated []TerminationExplained `json:"terminated"`
	Skipped    []SkipExplained        `json:"skipped"`
}

// TerminationExplained is one policy the rule terminated.
type TerminationExplained struct {
	ID             string `json:"id"`
	PreviousStatus string `json:"previousStatus"`
	EffectiveDate  string `json:"effectiveDate"`
	OneYearAfter   string `json:"oneYearAfter"`
}

// SkipExplained is one policy the rule left alone, with the reason.
type SkipExplained struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// MatchingRecords converts a validated request to what matching reads:
// names as sent, the date of birth as a civil date, the phone in E.164,
// identifiers as sent (the planner trims them and applies the presence rule)
// and, per policy, the canonical status ("" when not sent) and the
// effectiveDate as sent.
func (v *Valid) MatchingRecords() []matching.Record {
	out := make([]matching.Record, len(v.Request.Records))
	for i := range v.Request.Records {
		r, vr := &v.Request.Records[i], &v.Records[i]
		mr := &out[i]
		mr.FirstName, mr.LastName = r.FirstName.Value, r.LastName.Value
		mr.PhoneNumber = vr.Phone.E164()
		mr.DateOfBirth = vr.DateOfBirth.String()
		mr.IDs = matching.CustomerIDs{HealthSherpaCustomerID: r.HealthSherpaCustomerID.Value, ExternalID: r.ExternalID.Value,
			CarrierAssignedCustomerID: r.CarrierAssignedCustomerID.Value}
		mr.Policies = make([]matching.PolicyRecord, len(r.Policies))
		for j := range r.Policies {
			p := &r.Policies[j]
			mr.Policies[j] = matching.PolicyRecord{
				IDs:    matching.PolicyIDs{HealthSherpaPolicyID: p.HealthSherpaPolicyID.Value, CarrierAssignedPolicyID: p.CarrierAssignedPolicyID.Value},
				Status: vr.Policies[j].Status.String(), EffectiveDate: strings.TrimSpace(p.EffectiveDate.Value),
			}
		}
	}
	return out
}

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
	return b.SyncValid(ctx, v, opt)
}

type touch struct {
	action string
	before string // status before the request (updated, terminated)
	record int    // the record whose result lists the policy
}

// SyncValid is Sync for a request that Validate accepted with the same
// options.
func (b *Book) SyncValid(ctx context.Context, v *Valid, opt Options) (*Response, error) {
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

	recs := v.Request.Records
	resp := &Response{Results: []Result{}, Errors: []RecordError{}}
	var explain []Explanation
	if opt.Explain {
		explain = make([]Explanation, len(recs))
	}
	touched := map[string]*touch{}
	for i := range plan.Decisions {
		d := &plan.Decisions[i]
		r, vr := &recs[i], &v.Records[i]
		resp.Warnings = append(resp.Warnings, vr.Warnings...)
		if explain != nil {
			explain[i] = explainDecision(d, plan.Strategy, applied, vr)
		}
		if d.Err != nil {
			resp.Errors = append(resp.Errors, recordError(i, d, r, applied))
			continue
		}
		cid := applied.Customers[i]
		ci, ok := b.byID[cid]
		if !ok {
			ci = len(b.customers)
			b.customers = append(b.customers, &Customer{ID: cid})
			b.byID[cid] = ci
		}
		c := b.customers[ci]
		applyCustomer(c, r, vr)
		for _, f := range d.Customer.Fill {
			setCustomerID(c, f.Key, f.Value)
		}
		resp.Warnings = append(resp.Warnings, customerWarnings(i, d)...)
		if len(dups[i]) > 0 {
			resp.Warnings = append(resp.Warnings, Warning{Index: i, Path: []string{"records", strconv.Itoa(i)}, Code: "possible_duplicate",
				Message: "a new customer was created although " + strings.Join(dups[i], ", ") + " has the same firstName, lastName, dateOfBirth and phoneNumber (the key used, " + d.Customer.Key.String() + ", matched nobody; the fallback is not used when an identifier is present)"})
		}
		for j := range d.Policies {
			pd := &d.Policies[j]
			pid := applied.Policies[i][j]
			resp.Warnings = append(resp.Warnings, policyWarnings(i, j, pd)...)
			loc, ok := b.policyAt[pid]
			if !ok {
				c.Policies = append(c.Policies, Policy{ID: pid, CustomerID: cid, PolicyType: matching.PolicyTypeACA, Status: termination.StatusActive.String()})
				loc = [2]int{ci, len(c.Policies) - 1}
				b.policyAt[pid] = loc
				touched[pid] = &touch{action: ActionCreated, record: i}
			} else if touched[pid] == nil {
				touched[pid] = &touch{action: ActionUpdated, before: b.customers[loc[0]].Policies[loc[1]].Status, record: i}
			}
			p := &b.customers[loc[0]].Policies[loc[1]]
			applyPolicy(p, &r.Policies[j], &vr.Policies[j])
			for _, f := range pd.Fill {
				if f.Key == matching.KeyHealthSherpaPolicyID {
					p.HealthSherpaPolicyID = f.Value
				} else if f.Key == matching.KeyCarrierAssignedPolicyID {
					p.CarrierAssignedPolicyID = f.Value
				}
			}
		}
	}

	// The one-year rule, once per customer, after every update.
	for _, eff := range plan.Customers() {
		if !eff.CreatesACAPolicy {
			continue
		}
		trigger := eff.Records[0]
	find:
		for _, ri := range eff.Records {
			for _, pd := range plan.Decisions[ri].Policies {
				if pd.Outcome == matching.OutcomeNew {
					trigger = ri
					break find
				}
			}
		}
		c := b.customers[b.byID[applied.Customers[trigger]]]
		in := termination.Input{CreatedACA: true, Today: opt.Today, Policies: make([]termination.Policy, len(c.Policies))}
		for k := range c.Policies {
			p := &c.Policies[k]
			tp := termination.Policy{ID: p.ID, Type: p.PolicyType, EffectiveDate: p.EffectiveDate}
			tp.Status, _ = termination.ParseStatus(p.Status) // unknown: zero, skipped by the rule
			if t := touched[p.ID]; t != nil {
				tp.CreatedByRequest = t.action == ActionCreated
				if t.action == ActionUpdated {
					tp.PreviousStatus, _ = termination.ParseStatus(t.before)
				}
			}
			in.Policies[k] = tp
		}
		dec, err := termination.Decide(in)
		if err != nil {
			return nil, err // only ErrNoToday, ruled out above
		}
		for _, t := range dec.Terminate {
			p := &c.Policies[t.Index]
			if tc := touched[p.ID]; tc == nil {
				touched[p.ID] = &touch{action: ActionTerminated, before: p.Status, record: trigger}
			} else {
				tc.action = ActionTerminated
			}
			p.Status = termination.StatusTerminated.String()
		}
		for _, x := range dec.Skipped {
			switch x.Reason {
			case termination.SkipEffectiveDateMissing, termination.SkipEffectiveDateInvalid, termination.SkipStatusUnknown:
				// The rule could not decide: say so (RULES.md, termination:
				// "reported as skipped with the reason").
				resp.Warnings = append(resp.Warnings, Warning{Index: trigger, Path: []string{"records", strconv.Itoa(trigger)},
					Code: "termination_skipped", Message: "the one-year rule could not decide on policy " + x.ID + " of customer " +
						c.ID + " (" + x.Reason.String() + "): it was not terminated"})
			}
		}
		if explain != nil {
			explain[trigger].Termination = explainTermination(c.ID, &dec)
		}
	}
	// Termination warnings come after the records' own: keep record order.
	slices.SortStableFunc(resp.Warnings, func(a, b Warning) int { return a.Index - b.Index })

	// Results, in input order.
	for i := range plan.Decisions {
		d := &plan.Decisions[i]
		if d.Err != nil {
			continue
		}
		c := b.customers[b.byID[applied.Customers[i]]]
		res := Result{Customer: cloneCustomer(c, false), Policies: []ResultPolicy{}}
		for _, p := range c.Policies {
			t := touched[p.ID]
			if t == nil || t.record != i {
				continue
			}
			rp := ResultPolicy{Policy: p, Action: t.action}
			if t.action != ActionCreated {
				prev := t.before
				rp.PreviousStatus = &prev
			}
			res.Policies = append(res.Policies, rp)
		}
		resp.Results = append(resp.Results, res)
	}
	resp.Succeeded, resp.Failed = len(resp.Results), len(resp.Errors)
	resp.Explain = explain
	return resp, nil
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

// recordError is the errors[] entry of failed record i. A policy conflict's
// message names the policy, the identifier, the reason and the policies
// matched, by their IDs (never a name, a date of birth or a phone number).
func recordError(i int, d *matching.Decision, r *Record, applied *matching.Applied) RecordError {
	re := RecordError{Index: i, Error: errorMessage(d, applied)}
	var fe api.FieldError
	if errors.As(d.Err, &fe) {
		re.Code = fe.Code()
	}
	if d.Customer.Outcome == matching.OutcomeMatched {
		id := customerID(d.Customer.Customer, applied)
		re.ID = &id
	}
	if id, ok := matching.Identifier(r.ExternalID.Value); ok {
		re.ExternalID = &id
	}
	return re
}

// given returns the trimmed value of a field sent with a non-blank value.
func given(t Text) (string, bool) {
	if !t.Given() {
		return "", false
	}
	s := strings.TrimSpace(t.Value)
	return s, s != ""
}

func set(dst *string, t Text) {
	if s, ok := given(t); ok {
		*dst = s
	}
}

// applyCustomer writes the record's fields on the customer: every field
// sent with a non-blank value replaces the stored one; fields not sent, null
// or blank keep it. Identifiers are written by the plan's fills only.
func applyCustomer(c *Customer, r *Record, vr *ValidRecord) {
	set(&c.FirstName, r.FirstName)
	set(&c.LastName, r.LastName)
	c.PhoneNumber = vr.Phone.E164()
	if !vr.DateOfBirth.IsZero() {
		c.DateOfBirth = vr.DateOfBirth.String()
	}
	set(&c.Email, r.Email)
	set(&c.Gender, r.Gender)
	set(&c.MaritalStatus, r.MaritalStatus)
	set(&c.Address, r.Address)
	set(&c.Address2, r.Address2)
	set(&c.City, r.City)
	set(&c.County, r.County)
	set(&c.State, r.State)
	set(&c.PostalCode, r.PostalCode)
	if vr.Zone.Zone.IsValid() {
		c.Timezone = vr.Zone.Zone.Name()
	}
	for _, cf := range r.CustomFields {
		if k := slices.IndexFunc(c.CustomFields, func(x CustomField) bool { return x.Key == cf.Key }); k >= 0 {
			c.CustomFields[k].Value = cf.Value
		} else {
			c.CustomFields = append(c.CustomFields, cf)
		}
	}
}

func applyPolicy(p *Policy, r *RecordPolicy, vp *ValidPolicy) {
	set(&p.PlanName, r.PlanName)
	if vp.PlanCode != "" {
		p.PlanCode = vp.PlanCode
	}
	if vp.Carrier.Carrier.IsValid() {
		p.CarrierName, p.CarrierID = vp.Carrier.Carrier.DisplayName, vp.Carrier.Carrier.ID
	}
	if vp.Status.IsValid() {
		p.Status = vp.Status.String()
	}
	set(&p.EffectiveDate, r.EffectiveDate)
	set(&p.TerminationDate, r.TerminationDate)
	set(&p.MetalLevel, r.MetalLevel)
	set(&p.ElectionPeriod, r.ElectionPeriod)
	set(&p.PremiumMode, r.PremiumMode)
	set(&p.ExchangeStatus, r.ExchangeStatus)
	set(&p.WrittenAs, r.WrittenAs)
	set(&p.AorFirstName, r.AorFirstName)
	set(&p.AorLastName, r.AorLastName)
	set(&p.AorNpn, r.AorNpn)
	if r.PolicyLivesPresence == Given {
		n := r.PolicyLives
		p.PolicyLives = &n
	}
}

func setCustomerID(c *Customer, k matching.CustomerKey, v string) {
	switch k {
	case matching.KeyHealthSherpaCustomerID:
		c.HealthSherpaCustomerID = v
	case matching.KeyExternalID:
		c.ExternalID = v
	case matching.KeyCarrierAssignedCustomerID:
		c.CarrierAssignedCustomerID = v
	}
}

func refs(rs []matching.CustomerRef) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}

func describeIDConflict(c matching.IDConflict) string {
	if len(c.HeldBy) > 0 {
		return c.Key.String() + " " + strconv.Quote(c.Incoming) + " is held by " + strings.Join(refs(c.HeldBy), ", ") + ": not copied"
	}
	return c.Key.String() + " " + strconv.Quote(c.Incoming) + " differs from the stored " + strconv.Quote(c.Held) + ": not overwritten"
}

func customerWarnings(i int, d *matching.Decision) []Warning {
	var out []Warning
	for _, c := range d.Customer.Conflicts {
		out = append(out, Warning{Index: i, Path: []string{"records", strconv.Itoa(i), c.Key.String()}, Code: "identifier_conflict", Message: describeIDConflict(c)})
	}
	return out
}

// errorMessage is the message of a failed record's error: the error's own,
// except that a policy conflict's says why with the book's policy IDs.
func errorMessage(d *matching.Decision, applied *matching.Applied) string {
	var me *matching.Error
	if errors.As(d.Err, &me) && errors.Is(me, matching.ErrPolicyConflict) && me.Policy < len(d.Policies) {
		return "matching: " + me.Field() + ": " + me.Code() + ": " + me.Conflict.String() + ": " +
			describePolicyConflict(&d.Policies[me.Policy], applied) + "; nothing of the record was written"
	}
	return d.Err.Error()
}

// customerID returns the book's ID of a customer of the plan: a stored
// one's, or for one created by an earlier (succeeded) record of the request,
// the ID Apply gave it.
func customerID(ref matching.CustomerRef, applied *matching.Applied) string {
	if ref.New && applied.Customers[ref.Record] != "" {
		return applied.Customers[ref.Record]
	}
	return ref.String()
}

// policyID returns the book's ID of a policy of the plan: a stored one's, or
// for one created by an earlier (succeeded) record of the request, the ID
// Apply gave it.
func policyID(ref matching.PolicyRef, applied *matching.Applied) string {
	if ref.New {
		if ps := applied.Policies[ref.Record]; ref.Policy < len(ps) && ps[ref.Policy] != "" {
			return ps[ref.Policy]
		}
	}
	return ref.String()
}

// describePolicyConflict says why a policy cannot be synced (which fails its
// record).
func describePolicyConflict(pd *matching.PolicyDecision, applied *matching.Applied) string {
	switch pd.Conflict {
	case matching.ConflictOtherCustomer:
		return pd.Key.String() + " matches policy " + policyID(pd.Policy, applied) + " of another customer (policies are never moved)"
	case matching.ConflictNotACA:
		return pd.Key.String() + " matches policy " + policyID(pd.Policy, applied) + ", which is not an ACA policy"
	case matching.ConflictAmbiguous:
		ids := make([]string, len(pd.Candidates))
		for k, c := range pd.Candidates {
			ids[k] = policyID(c, applied)
		}
		return pd.Key.String() + " matches several policies (" + strings.Join(ids, ", ") + ")"
	}
	return pd.Conflict.String()
}

// policyWarnings are the remarks on a policy of a succeeded record. (A
// policy conflict fails its record: it is in errors, not here.)
func policyWarnings(i, j int, pd *matching.PolicyDecision) []Warning {
	var out []Warning
	path := []string{"records", strconv.Itoa(i), "policies", strconv.Itoa(j)}
	for _, w := range pd.Warnings {
		msg := "the policy has neither healthSherpaPolicyId nor carrierAssignedPolicyId: it is created, and every re-sync will create it again"
		if w == matching.WarningDifferentEnrollment {
			msg = "carrierAssignedPolicyId matches a policy that holds a different healthSherpaPolicyId: another enrollment (a renewal), so the policy is new"
		}
		out = append(out, Warning{Index: i, Path: path, Code: w.String(), Message: msg})
	}
	for _, c := range pd.Conflicts {
		out = append(out, Warning{Index: i, Path: api.AppendPath(path, c.Key.String()), Code: "identifier_conflict",
			Message: c.Key.String() + " " + strconv.Quote(c.Incoming) + " differs from the stored " + strconv.Quote(c.Held) + ": not overwritten"})
	}
	return out
}

func explainDecision(d *matching.Decision, s matching.Strategy, applied *matching.Applied, vr *ValidRecord) Explanation {
	cd := &d.Customer
	e := Explanation{Index: d.Record, Customer: CustomerExplanation{Strategy: s.String(), Key: cd.Key.String(), Outcome: cd.Outcome.String(),
		Candidates: refs(cd.Candidates)}}
	if len(e.Customer.Candidates) == 0 {
		e.Customer.Candidates = nil
	}
	failed := d.Err != nil
	switch {
	case !failed:
		e.Customer.ID = applied.Customers[d.Record]
	case cd.Outcome == matching.OutcomeMatched:
		// The customer matched, though nothing was written on it.
		e.Customer.ID = customerID(cd.Customer, applied)
	}
	if failed {
		e.Error = errorMessage(d, applied)
	}
	if z := vr.Zone; z.Zone.IsValid() {
		e.Customer.Zone = z.Zone.Name() + " (from " + z.Source.String() + ")"
	}
	if !failed { // a failed record's fills were not written
		for _, f := range cd.Fill {
			e.Customer.Filled = append(e.Customer.Filled, f.Key.String()+"="+f.Value)
		}
	}
	for _, c := range cd.Conflicts {
		e.Customer.Conflicts = append(e.Customer.Conflicts, describeIDConflict(c))
	}
	for j := range d.Policies {
		pd := &d.Policies[j]
		pe := PolicyExplanation{Index: j, Key: pd.Key.String(), Outcome: pd.Outcome.String()}
		switch {
		case !failed:
			pe.ID = applied.Policies[d.Record][j]
		case pd.Outcome != matching.OutcomeNew && !pd.Policy.IsZero():
			// A failed record's policy matched or conflicting: the policy it
			// matched (a policy it would have created has no ID).
			pe.ID = policyID(pd.Policy, applied)
		}
		if pd.Outcome == matching.OutcomeConflict {
			pe.Conflict = pd.Conflict.String()
			for _, c := range pd.Candidates {
				pe.Candidates = append(pe.Candidates, policyID(c, applied))
			}
		}
		for _, w := range pd.Warnings {
			pe.Warnings = append(pe.Warnings, w.String())
		}
		if !failed {
			for _, f := range pd.Fill {
				pe.Filled = append(pe.Filled, f.Key.String()+"="+f.Value)
			}
		}
		for _, c := range pd.Conflicts {
			pe.Conflicts = append(pe.Conflicts, c.Key.String()+" "+strconv.Quote(c.Incoming)+" differs from the stored "+strconv.Quote(c.Held))
		}
		if m := vr.Policies[j].Carrier; m.Carrier.IsValid() {
			pe.Carrier = m.Carrier.DisplayName + " (" + m.Method.String() + ", " + m.Confidence.String()
			if m.Score < 1 {
				pe.Carrier += ", score " + strconv.FormatFloat(m.Score, 'f', 3, 64)
			}
			pe.Carrier += ")"
		}
		e.Policies = append(e.Policies, pe)
	}
	return e
}

func explainTermination(customer string, d *termination.Decision) *TerminationResult {
	t := &TerminationResult{Customer: customer, Terminated: []TerminationExplained{}, Skipped: []SkipExplained{}}
	for _, x := range d.Terminate {
		t.Terminated = append(t.Terminated, TerminationExplained{ID: x.ID, PreviousStatus: x.PreviousStatus.String(),
			EffectiveDate: x.EffectiveDate.String(), OneYearAfter: x.OneYearAfter.String()})
	}
	for _, x := range d.Skipped {
		t.Skipped = append(t.Skipped, SkipExplained{ID: x.ID, Reason: x.Reason.String()})
	}
	return t
}
