package matching

import (
	"errors"
	"strconv"
	"strings"

	"github.com/carecycle/carerules/internal/field"
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
	// ErrInvalidString: an identifier is not valid text: invalid UTF-8
	// (never repaired) or a control character (code "invalid_string"); the
	// whole request is rejected. It is the same value as every other
	// package's ErrInvalidString.
	ErrInvalidString = field.ErrInvalidString
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

// The error kinds, one per sentinel: code, what is expected, sentinel.
var (
	kindRecordCount = &field.Kind{Code: "records_count", Path: "records",
		Expected: "1 to " + strconv.Itoa(MaxRecords) + " records", Err: ErrRecordCount}
	kindPolicyCount = &field.Kind{Code: "policies_count",
		Expected: "at most " + strconv.Itoa(MaxPolicies) + " policies", Err: ErrPolicyCount}
	kindInvalidString     = &field.Kind{Code: field.CodeInvalidString, Expected: field.ExpectedName, Err: ErrInvalidString}
	kindTooLong           = &field.Kind{Code: "identifier_too_long", Expected: field.ExpectedLen, Err: ErrTooLong}
	kindAmbiguousCustomer = &field.Kind{Code: "ambiguous_customer", Expected: "at most one customer holding the key", Err: ErrAmbiguousCustomer}
	kindDuplicatePolicyID = &field.Kind{Code: "duplicate_policy_identifier", Expected: "identifiers unique within the record's policies", Err: ErrDuplicatePolicyID}
	kindPolicyConflict    = &field.Kind{Code: "policy_conflict", Expected: "an identifier held by at most one policy, of type ACA, of the record's customer", Err: ErrPolicyConflict}
)

// Error is a validation or matching error about one request or record. It
// embeds the library's error core (Field, Code, Expected, Received, and
// Unwrap to one of the sentinels above), so a host maps it onto the API's
// {path, message, expected, received, code} with one errors.As, and adds
// what a matching error knows besides: the record, the candidates of an
// ambiguity, the conflicting policy.
//
// Error() prints the path, the code, a policy conflict's reason and the
// candidate or conflicting IDs; it never prints a name, a date of birth or a
// phone number. Received holds an identifier value (identifiers are not PII)
// or a description, never a fallback key.
type Error struct {
	field.Core
	path     string // API field path, e.g. "records.3.policies.1.healthSherpaPolicyId"
	expected string // what was expected, when more precise than the kind's

	Record     int           // index of the record, -1 for the whole request
	Candidates []CustomerRef // ErrAmbiguousCustomer: the customers holding the key, sorted
	// ErrPolicyConflict: the index of the conflicting policy in the record
	// (the first one, when several conflict; each has its PolicyDecision),
	// the reason, and the policies its identifier matched (the one policy,
	// or for ConflictAmbiguous the candidates, sorted).
	Policy        int
	Conflict      ConflictReason
	PolicyMatches []PolicyRef
}

// newError returns an error of kind k on path about record (-1: the whole
// request) that received received.
func newError(k *field.Kind, path string, record int, received string) *Error {
	return &Error{Core: field.New(k, received), path: path, Record: record}
}

// Field returns the API field path ("records.3.externalId").
func (e *Error) Field() string { return e.path }

// Expected describes what was expected.
func (e *Error) Expected() string {
	if e.expected != "" {
		return e.expected
	}
	return e.Core.Expected()
}

// Error returns "matching: <path>: <code>", with the candidates' IDs for an
// ambiguous customer, and for a policy conflict the reason and the policies
// matched: "matching: records.8.policies.0.healthSherpaPolicyId:
// policy_conflict: other_customer (p-010)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("matching: ")
	b.WriteString(e.path)
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
