package syncaca

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/matching"
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
