package matching

import (
	"fmt"
	"iter"
	"slices"

	"github.com/carecycle/carerules/termination"
)

// The policy rule: which stored policy each policy of a record updates, by
// healthSherpaPolicyId then carrierAssignedPolicyId, and the conflicts
// (another customer's policy, a policy that is not ACA, several policies)
// that fail the record.

// policyCandidate is a policy holding a looked-up value, with its owner and
// its state before the request. p and before point into the lookup's result
// slice or into the overlay, and are valid until the next policy lookup or
// the next commit.
type policyCandidate struct {
	ref    PolicyRef
	p      *Policy
	owner  CustomerRef
	before *Policy
}

// findPolicies returns the policies holding value as key k now, sorted. The
// result is valid until the next findPolicies.
func (pl *planner) findPolicies(k PolicyKey, v string) ([]policyCandidate, error) {
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
			out = addPolicy(out, policyCandidate{op.ref, &op.p, op.owner, &op.before})
			continue
		}
		out = addPolicy(out, policyCandidate{PolicyRef{ID: p.ID}, p, CustomerRef{ID: p.CustomerID}, p})
	}
	for c := pl.polIdx.first(v); c.ok(); c = pl.polIdx.next(c) {
		op := &pl.pols[c.pos()]
		if op.p.IDs.Get(k) == v {
			out = addPolicy(out, policyCandidate{op.ref, &op.p, op.owner, &op.before})
		}
	}
	if len(out) > 1 {
		slices.SortFunc(out, func(a, b policyCandidate) int { return policyRefLess(a.ref, b.ref) })
	}
	pl.pbuf = out[:0]
	return out, nil
}

// addPolicy appends c to out unless its ref is already there.
func addPolicy(out []policyCandidate, c policyCandidate) []policyCandidate {
	for i := range out {
		if out[i].ref == c.ref {
			return out
		}
	}
	return append(out, c)
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
// present identifier of the same kind (the first repeat, see
// [PolicyIDRepeats]).
func duplicatePolicyIDs(i int, r *Record) error {
	if len(r.Policies) < 2 {
		return nil // the common case: nothing to compare
	}
	var buf [MaxPolicies]PolicyIDs // the planner's validation bounds the policies
	ids := buf[:0]
	for j := range r.Policies {
		ids = append(ids, r.Policies[j].IDs)
	}
	for rep := range PolicyIDRepeats(ids) {
		return &Error{Path: policyPath(i, rep.Policy, rep.Key.String()), Record: i,
			Exp: "identifiers unique within the record's policies", Rec: rep.Value, Err: ErrDuplicatePolicyID}
	}
	return nil
}

// PolicyIDRepeat is a policy of a record that carries, as its identifier
// Key, the same present identifier (Value, trimmed) as an earlier policy of
// the same record (First). Such a record cannot be synced: both policies
// would be the same policy.
type PolicyIDRepeat struct {
	Policy int // the repeating policy's index in the record
	First  int // the index of the first policy holding Value as Key
	Key    PolicyKey
	Value  string
}

// PolicyIDRepeats yields every repeat of a present identifier ([Identifier])
// among one record's policies, in policy order, healthSherpaPolicyId before
// carrierAssignedPolicyId, each with the first policy that holds it. It is
// the one definition of the rule "two policies of one record with the same
// identifier": the planner fails such a record ([ErrDuplicatePolicyID]) and
// a request validator reports every repeat.
func PolicyIDRepeats(policies []PolicyIDs) iter.Seq[PolicyIDRepeat] {
	return func(yield func(PolicyIDRepeat) bool) {
		for j := 1; j < len(policies); j++ {
			for _, k := range [...]PolicyKey{KeyHealthSherpaPolicyID, KeyCarrierAssignedPolicyID} {
				v, ok := Identifier(policies[j].Get(k))
				if !ok {
					continue
				}
				for m := range j {
					if w, ok := Identifier(policies[m].Get(k)); ok && w == v {
						if !yield(PolicyIDRepeat{Policy: j, First: m, Key: k, Value: v}) {
							return
						}
						break
					}
				}
			}
		}
	}
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
	var match *policyCandidate
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
	case !termination.IsACA(match.p.Type):
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

func (pl *planner) ambiguousPolicy(pd *PolicyDecision, cands []policyCandidate) {
	pd.Outcome, pd.Conflict = OutcomeConflict, ConflictAmbiguous
	pd.Candidates = make([]PolicyRef, len(cands))
	for n, c := range cands {
		pd.Candidates[n] = c.ref
	}
}
