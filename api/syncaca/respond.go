package syncaca

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// Net actions of a policy in the response, in precedence order: a policy the
// request created is "created" even if the one-year rule would have changed
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
	Action         string              `json:"action"`
	PreviousStatus *termination.Status `json:"previousStatus"`
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

// respond finishes the response: the warnings in record order, and one
// result per succeeded record, in input order, with the customer as it
// stands after the whole request and the policies the record changed.
func (r *syncRun) respond() *Response {
	resp := r.resp
	// Termination warnings come after the records' own: keep record order.
	slices.SortStableFunc(resp.Warnings, func(a, b Warning) int { return a.Index - b.Index })
	for i := range r.plan.Decisions {
		if r.plan.Decisions[i].Err == nil {
			resp.Results = append(resp.Results, r.result(i))
		}
	}
	resp.Succeeded, resp.Failed = len(resp.Results), len(resp.Errors)
	resp.Explain = r.explain
	return resp
}

// result is succeeded record i's entry of results: its customer and each
// policy whose change this record reports, with its net action and its
// status before the request (null for a created one).
func (r *syncRun) result(i int) Result {
	ci := r.w.custOf[i]
	c := r.w.custs[ci]
	res := Result{Customer: cloneCustomer(c, false), Policies: []ResultPolicy{}}
	for k, p := range c.Policies {
		pc := r.changed[loc{ci, k}]
		if pc == nil || pc.record != i {
			continue
		}
		rp := ResultPolicy{Policy: clonePolicy(&p), Action: pc.action}
		if pc.action != ActionCreated {
			prev := pc.before
			rp.PreviousStatus = &prev
		}
		res.Policies = append(res.Policies, rp)
	}
	return res
}

// possibleDuplicate is the warning on a record that created a customer
// although others hold its fallback key (the literal strategy's cost).
func possibleDuplicate(i int, d *matching.Decision, others []string) Warning {
	return Warning{Index: i, Path: []string{"records", strconv.Itoa(i)}, Code: "possible_duplicate",
		Message: "a new customer was created although " + strings.Join(others, ", ") + " has the same firstName, lastName, dateOfBirth and phoneNumber (the key used, " + d.Customer.Key.String() + ", matched nobody; the fallback is not used when an identifier is present)"}
}

// undecided are the warnings for the policies the one-year rule could not
// decide on (a missing or unreadable effectiveDate, an unknown status):
// they are not terminated, and the response says so.
func undecided(trigger int, customer string, skipped []termination.Skip) []Warning {
	var out []Warning
	for _, x := range skipped {
		switch x.Reason {
		case termination.SkipEffectiveDateMissing, termination.SkipEffectiveDateInvalid, termination.SkipStatusUnknown:
			out = append(out, Warning{Index: trigger, Path: []string{"records", strconv.Itoa(trigger)},
				Code: "termination_skipped", Message: "the one-year rule could not decide on policy " + x.ID + " of customer " +
					customer + " (" + x.Reason.String() + "): it was not terminated"})
		}
	}
	return out
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

// errorMessage is the message of a failed record's error: the error's own,
// except that a policy conflict's says why with the book's policy IDs.
func errorMessage(d *matching.Decision, applied *matching.Applied) string {
	var me *matching.Error
	if errors.As(d.Err, &me) && errors.Is(me, matching.ErrPolicyConflict) && me.Policy < len(d.Policies) {
		return me.Field() + ": " + me.Code() + ": " + me.Conflict.String() + ": " +
			describePolicyConflict(&d.Policies[me.Policy], applied) + "; nothing of the record was written"
	}
	return api.Message(d.Err.Error(), "")
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
			Message: describePolicyIDConflict(c)})
	}
	return out
}

// describePolicyIDConflict says why a policy identifier was not written.
func describePolicyIDConflict(c matching.PolicyIDConflict) string {
	if len(c.HeldBy) > 0 {
		held := make([]string, len(c.HeldBy))
		for k, r := range c.HeldBy {
			held[k] = r.String()
		}
		return c.Key.String() + " " + strconv.Quote(c.Incoming) + " is held by " + strings.Join(held, ", ") +
			" of another customer or not ACA: not copied"
	}
	return c.Key.String() + " " + strconv.Quote(c.Incoming) + " differs from the stored " + strconv.Quote(c.Held) + ": not overwritten"
}

func refs(rs []matching.CustomerRef) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.String()
	}
	return out
}
