package carrier

import (
	"errors"
	"strings"
)

// FieldPath is the API field path of a carrier name, as reported by
// [Error.Field] for every error of [Registry.Resolve].
const FieldPath = "carrierName"

// MaxInputLen is the API's limit on carrierName, in characters. Longer input
// is rejected with [ErrTooLong] before any other work.
const MaxInputLen = 255

// Sentinel errors, one per error code. Every error returned by this package
// is an [*Error] wrapping exactly one of them, so errors.Is(err, ErrUnknown)
// works and errors.As(err, &e) gives the code, field path, expected form,
// received value and, for ErrAmbiguous, the candidates.
var (
	// ErrEmpty: the name is empty or only white space (code "carrier_empty").
	ErrEmpty = errors.New("carrier: empty carrier name")
	// ErrTooLong: the name is longer than MaxInputLen characters
	// (code "carrier_too_long").
	ErrTooLong = errors.New("carrier: carrier name too long")
	// ErrUnknown: the name is not a carrier of the registry, or names a
	// government program (code "unknown").
	ErrUnknown = errors.New("carrier: unknown carrier")
	// ErrAmbiguous: the name fits several carriers and nothing in the query
	// picks one; [Error.Candidates] lists them (code "ambiguous").
	ErrAmbiguous = errors.New("carrier: ambiguous carrier name")
	// ErrStateRequired: a generic Blue name ("BCBS") needs the customer's
	// state and none (or none of the 50 states, DC and PR) was given
	// (code "state_required").
	ErrStateRequired = errors.New("carrier: state required to resolve a generic Blue Cross Blue Shield name")
	// ErrInvalidEntry: New was given an entry it cannot use: empty ID or
	// display name, duplicate ID, unknown member or state, a bad ZIP, a
	// generic Blue name as an alias (code "carrier_invalid_entry").
	ErrInvalidEntry = errors.New("carrier: invalid registry entry")
	// ErrDuplicateAlias: two entries of New share a name after
	// normalization (code "carrier_duplicate_alias").
	ErrDuplicateAlias = errors.New("carrier: two carriers share an alias")
)

type kind uint8

const (
	kindEmpty kind = iota + 1
	kindTooLong
	kindUnknown
	kindAmbiguous
	kindStateRequired
	kindInvalidEntry
	kindDuplicateAlias
)

var kinds = [...]struct {
	code string
	err  error
}{
	kindEmpty:          {"carrier_empty", ErrEmpty},
	kindTooLong:        {"carrier_too_long", ErrTooLong},
	kindUnknown:        {"unknown", ErrUnknown},
	kindAmbiguous:      {"ambiguous", ErrAmbiguous},
	kindStateRequired:  {"state_required", ErrStateRequired},
	kindInvalidEntry:   {"carrier_invalid_entry", ErrInvalidEntry},
	kindDuplicateAlias: {"carrier_duplicate_alias", ErrDuplicateAlias},
}

// Expected forms reported by [Error.Expected].
const (
	expectName      = "a carrier display name or registered alias"
	expectShort     = "at most 255 characters"
	expectOne       = "a name that identifies one carrier"
	expectState     = "the customer's state (two-letter code of the 50 states, DC or PR) to resolve a generic Blue Cross Blue Shield name"
	expectEntry     = "a valid carrier entry"
	expectUniqueKey = "aliases unique across carriers after normalization"
)

// Error is the error type of every function in this package. It carries a
// stable machine code, the API field path, what was expected, the value
// received and, for an ambiguous name, the candidate carriers.
//
// Error() names the field, the code and the candidates; it never repeats
// the received text, so whatever an agent typed into the field (a phone
// number by mistake) does not reach logs through it.
type Error struct {
	kind       kind
	field      string
	expected   string
	received   string
	candidates []Carrier
}

func newError(k kind, field, expected, received string, cands []Carrier) *Error {
	return &Error{kind: k, field: field, expected: expected, received: received, candidates: cands}
}

// Error returns a message naming the problem, the field and, for an
// ambiguous name, the candidates' display names.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(kinds[e.kind].err.Error())
	b.WriteString(" (")
	b.WriteString(e.field)
	b.WriteString(", code ")
	b.WriteString(kinds[e.kind].code)
	b.WriteString(")")
	if len(e.candidates) > 0 {
		b.WriteString(": one of ")
		for i, c := range e.candidates {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(c.DisplayName)
		}
	}
	return b.String()
}

// Unwrap returns the sentinel, for errors.Is.
func (e *Error) Unwrap() error { return kinds[e.kind].err }

// Code returns the stable snake_case code, e.g. "ambiguous".
func (e *Error) Code() string { return kinds[e.kind].code }

// Field returns the API field path: "carrierName" for Resolve, the entry's
// path (e.g. "entries[3].aliases[1]") for New.
func (e *Error) Field() string { return e.field }

// Expected describes what would have been accepted.
func (e *Error) Expected() string { return e.expected }

// Received returns the value that was rejected, as given.
func (e *Error) Received() string { return e.received }

// Candidates returns the carriers an ambiguous name could mean, in registry
// order. It is nil for other errors. The slice is a copy.
func (e *Error) Candidates() []Carrier {
	if len(e.candidates) == 0 {
		return nil
	}
	return append([]Carrier(nil), e.candidates...)
}
