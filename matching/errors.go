package matching

import (
	"errors"
	"strconv"
	"strings"
)

// Sentinel errors, one per error code. Every error about a record or a
// request returned by this package is an [*Error] wrapping exactly one of
// them.
var (
	// ErrRecordCount: the request has no record or more than MaxRecords
	// (code "records_count"); the whole request is rejected.
	ErrRecordCount = errors.New("matching: number of records out of range")
	// ErrPolicyCount: a record has more than MaxPolicies policies (code
	// "policies_count"); the whole request is rejected.
	ErrPolicyCount = errors.New("matching: too many policies in a record")
	// ErrTooLong: an identifier is longer than MaxFieldLen characters, counted
	// in UTF-16 code units as the API counts them (code
	// "identifier_too_long"); the whole request is rejected.
	ErrTooLong = errors.New("matching: identifier too long")
	// ErrAmbiguousCustomer: several customers hold the record's key (code
	// "ambiguous_customer"); the record fails, the others proceed.
	ErrAmbiguousCustomer = errors.New("matching: ambiguous customer")
	// ErrDuplicatePolicyID: two policies of one record carry the same
	// identifier (code "duplicate_policy_identifier"); the record fails, the
	// others proceed.
	ErrDuplicatePolicyID = errors.New("matching: duplicate policy identifier in one record")
	// ErrPolicyConflict: a policy of the record cannot be synced (code
	// "policy_conflict"): its identifier matches another customer's policy,
	// a policy that is not ACA, or several policies ([ConflictReason], in
	// [Error].Conflict). The record fails, the others proceed.
	ErrPolicyConflict = errors.New("matching: policy conflict")
)

// Request limits of POST /v2/sync/aca.
const (
	MaxRecords  = 100
	MaxPolicies = 10
)

var codes = map[error]string{
	ErrRecordCount:       "records_count",
	ErrPolicyCount:       "policies_count",
	ErrTooLong:           "identifier_too_long",
	ErrAmbiguousCustomer: "ambiguous_customer",
	ErrDuplicatePolicyID: "duplicate_policy_identifier",
	ErrPolicyConflict:    "policy_conflict",
}

// Error is a validation or matching error about one request or record. It
// carries the API field path ("records.3.externalId"), a stable code, what
// was expected and what was received, so a host maps it onto the API's
// {path, message, expected, received, code} with one errors.As.
//
// Error() prints the path, the code, a policy conflict's reason and the
// candidate or conflicting IDs; it never prints a name, a date of birth or a
// phone number. Received holds an identifier value (identifiers are not PII)
// or a description, never a fallback key.
type Error struct {
	Path       string        // API field path, e.g. "records.3.policies.1.healthSherpaPolicyId"
	Record     int           // index of the record, -1 for the whole request
	Exp        string        // what was expected
	Rec        string        // what was received
	Candidates []CustomerRef // ErrAmbiguousCustomer: the customers holding the key, sorted
	// ErrPolicyConflict: the index of the conflicting policy in the record
	// (the first one, when several conflict; each has its PolicyDecision),
	// the reason, and the policies its identifier matched (the one policy,
	// or for ConflictAmbiguous the candidates, sorted).
	Policy        int
	Conflict      ConflictReason
	PolicyMatches []PolicyRef
	Err           error // the sentinel
}

// Field returns the API field path.
func (e *Error) Field() string { return e.Path }

// Code returns the stable snake_case code of the sentinel.
func (e *Error) Code() string { return codes[e.Err] }

// Expected describes what was expected.
func (e *Error) Expected() string { return e.Exp }

// Received describes what was received.
func (e *Error) Received() string { return e.Rec }

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Error returns "matching: <path>: <code>", with the candidates' IDs for an
// ambiguous customer, and for a policy conflict the reason and the policies
// matched: "matching: records.8.policies.0.healthSherpaPolicyId:
// policy_conflict: other_customer (p-010)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("matching: ")
	b.WriteString(e.Path)
	b.WriteString(": ")
	b.WriteString(e.Code())
	if e.Conflict != 0 {
		b.WriteString(": ")
		b.WriteString(e.Conflict.String())
		if len(e.PolicyMatches) > 0 {
			b.WriteString(" ")
			writeRefs(&b, e.PolicyMatches)
		}
	}
	if len(e.Candidates) > 0 {
		b.WriteString(": ")
		b.WriteString(strconv.Itoa(len(e.Candidates)))
		b.WriteString(" candidates ")
		writeRefs(&b, e.Candidates)
	}
	return b.String()
}

// writeRefs writes refs as "(a, b, c)".
func writeRefs[R interface{ String() string }](b *strings.Builder, refs []R) {
	b.WriteString("(")
	for i, r := range refs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(r.String())
	}
	b.WriteString(")")
}

func recordPath(i int, field string) string {
	p := "records." + strconv.Itoa(i)
	if field != "" {
		p += "." + field
	}
	return p
}

func policyPath(i, j int, field string) string {
	return recordPath(i, "policies."+strconv.Itoa(j)+"."+field)
}
