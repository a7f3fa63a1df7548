package termination

import (
	"errors"
	"strings"

	"github.com/carecycle/carerules/dob"
)

// Policy is one of the customer's policies as the rule sees it, after this
// request's updates: its status and effective date already parsed (once,
// by the request's validation or when the host read its stored policies).
type Policy struct {
	// ID identifies the policy in the output; the rule does not interpret it.
	ID string
	// Type is the stored policyType; [IsACA] says whether it is ACA.
	Type string
	// Status is the policy's status after this request's updates. The zero
	// Status (not parsed, or not stored) makes the policy skipped with
	// [SkipStatusUnknown]: a status that is not known cannot be known not to
	// be terminal.
	Status Status
	// PreviousStatus is the status before this request, reported as
	// previousStatus. The zero Status means "this request did not change
	// the status", and Status is reported.
	PreviousStatus Status
	// EffectiveDate is the parsed effectiveDate, or why there is none
	// ([ReadEffectiveDate]). The zero EffectiveDate is a missing one.
	EffectiveDate EffectiveDate
	// CreatedByRequest marks a policy this request created. Such a policy
	// is never a candidate, even when back-dated ([SkipCreatedByRequest]);
	// a created ACA policy also triggers the rule.
	CreatedByRequest bool
}

// EffectiveDate is a policy's effectiveDate, read once: the date, or the
// reason there is none. The zero EffectiveDate is a missing date.
type EffectiveDate struct {
	// Date is the parsed date; zero when the date is missing or unreadable.
	Date dob.Date
	// Unreadable reports that a date was stored or sent but
	// [ParseEffectiveDate] cannot read it (the rule skips the policy with
	// [SkipEffectiveDateInvalid]); a zero Date without it is missing
	// ([SkipEffectiveDateMissing]).
	Unreadable bool
}

// ReadEffectiveDate reads a stored or sent effectiveDate once, for the
// rule: "" or white space is missing, a value [ParseEffectiveDate] rejects
// is unreadable. Use it where a host loads its stored policies; a request's
// validation, which also reports why a date is unreadable, builds the
// EffectiveDate from [ParseEffectiveDate]'s result.
func ReadEffectiveDate(s string) EffectiveDate {
	d, err := ParseEffectiveDate(s)
	switch {
	case err == nil:
		return EffectiveDate{Date: d}
	case errors.Is(err, ErrEmpty):
		return EffectiveDate{}
	}
	return EffectiveDate{Unreadable: true}
}

// EffectiveDateOf returns the EffectiveDate of a parsed date; the zero Date
// gives a missing one.
func EffectiveDateOf(d dob.Date) EffectiveDate { return EffectiveDate{Date: d} }

// skipReason is why the rule cannot read the date (0 when it can).
func (e EffectiveDate) skipReason() SkipReason {
	switch {
	case e.Unreadable:
		return SkipEffectiveDateInvalid
	case e.Date.IsZero():
		return SkipEffectiveDateMissing
	}
	return 0
}

// Input is everything the rule looks at for one customer.
type Input struct {
	// Policies are the customer's policies as they stand after this
	// request's updates: every policy that existed before the request, and
	// optionally those it created, marked CreatedByRequest.
	Policies []Policy
	// CreatedACA reports that this request created a new ACA policy for the
	// customer, whatever that policy's status. Updates never trigger the
	// rule. A policy in Policies with CreatedByRequest and an ACA Type
	// triggers it too, so either way of saying it works.
	CreatedACA bool
	// Today is the civil date the rule is evaluated on; see [Today]. The
	// zero Date is an error.
	Today dob.Date
}

// SkipReason says why a policy was not terminated.
type SkipReason uint8

// The reasons, in the order the rule checks them: the first that applies is
// reported.
const (
	SkipCreatedByRequest     SkipReason = iota + 1 // created by this request: never a candidate
	SkipNotACA                                     // policyType is not ACA
	SkipStatusUnknown                              // status is the zero Status
	SkipTerminal                                   // already Terminated, Cancelled, Deceased or Not Approved
	SkipEffectiveDateMissing                       // effectiveDate empty or white space
	SkipEffectiveDateInvalid                       // effectiveDate not parseable (see ParseEffectiveDate)
	SkipNotYetOneYear                              // today is not after effectiveDate + 1 year
)

var skipNames = [...]string{
	SkipCreatedByRequest:     "created_by_request",
	SkipNotACA:               "not_aca",
	SkipStatusUnknown:        "status_unknown",
	SkipTerminal:             "already_terminal",
	SkipEffectiveDateMissing: "effective_date_missing",
	SkipEffectiveDateInvalid: "effective_date_invalid",
	SkipNotYetOneYear:        "not_more_than_one_year",
}

// String returns the reason's stable snake_case code, e.g. "not_aca".
func (r SkipReason) String() string {
	if r > 0 && int(r) < len(skipNames) {
		return skipNames[r]
	}
	return "SkipReason(invalid)"
}

// MarshalText implements encoding.TextMarshaler with the String code.
func (r SkipReason) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler for the codes String
// returns. An unknown code is an error wrapping [ErrUnknownSkipReason].
func (r *SkipReason) UnmarshalText(text []byte) error {
	for i := SkipCreatedByRequest; int(i) < len(skipNames); i++ {
		if string(text) == skipNames[i] {
			*r = i
			return nil
		}
	}
	return newError(kindSkipReason, string(text))
}

// Termination is a policy the rule terminates.
type Termination struct {
	Index          int      `json:"index"`          // position in Input.Policies
	ID             string   `json:"id"`             // Policy.ID
	PreviousStatus Status   `json:"previousStatus"` // status before the request
	Status         Status   `json:"status"`         // the new status: always StatusTerminated
	EffectiveDate  dob.Date `json:"effectiveDate"`  // the parsed effectiveDate
	OneYearAfter   dob.Date `json:"oneYearAfter"`   // EffectiveDate.AddYears(1); Today is after it
}

// Skip is a policy the rule looked at and left alone, with the reason.
type Skip struct {
	Index  int        `json:"index"`  // position in Input.Policies
	ID     string     `json:"id"`     // Policy.ID
	Reason SkipReason `json:"reason"` // why it is not terminated
	// EffectiveDate is the parsed effectiveDate when the rule got that far
	// (zero otherwise); for SkipNotYetOneYear the policy terminates on the
	// first day after EffectiveDate.AddYears(1).
	EffectiveDate dob.Date `json:"effectiveDate,omitzero"`
}

// Decision is the outcome of the rule for one customer. When Triggered,
// every policy of Input.Policies appears exactly once, in Terminate or in
// Skipped, each list in input order. When not Triggered both are empty.
type Decision struct {
	Triggered bool          `json:"triggered"` // the request created a new ACA policy
	Terminate []Termination `json:"terminate"` // policies to set to Terminated
	Skipped   []Skip        `json:"skipped"`   // policies left alone, with the reason
}

// Decide applies the one-year rule to one customer:
//
//   - Trigger: the request created a new ACA policy (Input.CreatedACA, or a
//     policy marked CreatedByRequest with an ACA Type). Otherwise nothing is
//     terminated.
//   - Candidates: ACA policies not created by the request whose status is
//     not terminal (Terminated, Cancelled, Deceased, Not Approved).
//   - A candidate is terminated when Today > effectiveDate + 1 year, with
//     February 29 + 1 year = February 28 ([dob.Date.AddYears]). The
//     boundary is exclusive: on the anniversary itself the policy stays.
//   - A missing or unparseable effectiveDate is never terminated; it is
//     skipped with the reason.
//
// Decide is pure: no clock, no I/O, and its outcome does not depend on the
// order of Policies beyond the order of the output lists. Applying the
// outcome (setting each terminated policy's status to Terminated) and
// deciding again terminates nothing. The only error is [ErrNoToday].
//
// Decide allocates the output; [DecideInto] reuses the caller's.
func Decide(in Input) (Decision, error) {
	var d Decision
	err := DecideInto(&d, in)
	return d, err
}

// DecideInto is [Decide] writing into dst, reusing the capacity of
// dst.Terminate and dst.Skipped: with capacity for len(in.Policies) in both
// it allocates nothing. dst is reset first; on error it is left reset.
func DecideInto(dst *Decision, in Input) error {
	dst.Triggered = false
	dst.Terminate = dst.Terminate[:0]
	dst.Skipped = dst.Skipped[:0]
	if in.Today.IsZero() {
		return errNoToday
	}
	trigger := in.CreatedACA
	for i := range in.Policies {
		if p := &in.Policies[i]; p.CreatedByRequest && IsACA(p.Type) {
			trigger = true
			break
		}
	}
	if !trigger {
		return nil
	}
	dst.Triggered = true
	for i := range in.Policies {
		p := &in.Policies[i]
		skip := Skip{Index: i, ID: p.ID}
		switch {
		case p.CreatedByRequest:
			skip.Reason = SkipCreatedByRequest
		case !IsACA(p.Type):
			skip.Reason = SkipNotACA
		case !p.Status.IsValid():
			skip.Reason = SkipStatusUnknown
		case p.Status.IsTerminal():
			skip.Reason = SkipTerminal
		}
		if skip.Reason == 0 {
			skip.Reason = p.EffectiveDate.skipReason()
		}
		if skip.Reason == 0 {
			eff := p.EffectiveDate.Date
			skip.EffectiveDate = eff
			// A year-9999 date has no anniversary (zero Date): never more
			// than one year old.
			if after := eff.AddYears(1); !after.IsZero() && in.Today.After(after) {
				prev := p.PreviousStatus
				if prev == 0 {
					prev = p.Status
				}
				dst.Terminate = append(dst.Terminate, Termination{
					Index:          i,
					ID:             p.ID,
					PreviousStatus: prev,
					Status:         StatusTerminated,
					EffectiveDate:  eff,
					OneYearAfter:   after,
				})
				continue
			}
			skip.Reason = SkipNotYetOneYear
		}
		dst.Skipped = append(dst.Skipped, skip)
	}
	return nil
}

// PolicyTypeACA is the policyType of every policy a sync creates, as the
// API spells it.
const PolicyTypeACA = "ACA"

// IsACA reports whether a stored policyType is ACA: compared after trimming
// surrounding white space, ignoring ASCII case ("aca", " ACA " are ACA;
// "A.C.A." is not). It is the one comparison of policy types in the
// library: matching and the one-year rule never disagree on what is ACA.
func IsACA(policyType string) bool {
	t := strings.TrimSpace(policyType)
	return len(t) == 3 && equalFoldASCII(t, PolicyTypeACA)
}
