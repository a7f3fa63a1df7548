package syncaca

import (
	"strconv"

	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

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

func explainDecision(d *matching.Decision, s matching.Strategy, applied *matching.Applied, vr *ValidatedRecord) Explanation {
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
