package carrier

import (
	"errors"
	"strings"

	"github.com/carecycle/carerules/internal/field"
)

// FieldPath is the API field path of a carrier name, as reported by
// [Error.Field] for every error of [Registry.Resolve].
const FieldPath = "carrierName"

// MaxInputLen is the API's limit on carrierName, the library's one field
// limit: 255 characters counted in UTF-16 code units, as the API's
// TypeScript schema counts them (a character outside the Basic Multilingual
// Plane counts 2). Longer input is rejected with [ErrTooLong] before any
// other work.
const MaxInputLen = field.Limit

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
	// ErrInvalidString: the name is not valid text: invalid UTF-8 (never
	// repaired) or a control character (code "invalid_string"). It is the
	// same value as every other package's ErrInvalidString.
	ErrInvalidString = field.ErrInvalidString
)

// kind builds the error kind of a code and sentinel, on carrierName.
func kind(code string, err error, expected string) *field.Kind {
	return &field.Kind{Code: code, Path: FieldPath, Expected: expected, Err: err}
}

// The error kinds.
var (
	kindEmpty          = kind("carrier_empty", ErrEmpty, expectName)
	kindTooLong        = kind("carrier_too_long", ErrTooLong, expectShort)
	kindUnknown        = kind("unknown", ErrUnknown, expectName)
	kindAmbiguous      = kind("ambiguous", ErrAmbiguous, expectOne)
	kindStateRequired  = kind("state_required", ErrStateRequired, expectState)
	kindInvalidEntry   = kind("carrier_invalid_entry", ErrInvalidEntry, expectEntry)
	kindDuplicateAlias = kind("carrier_duplicate_alias", ErrDuplicateAlias, expectUniqueKey)
	kindInvalidString  = kind(field.CodeInvalidString, ErrInvalidString, field.ExpectedName)
)

// Expected forms reported by [Error.Expected].
const (
	expectName      = "a carrier display name or registered alias"
	expectShort     = field.ExpectedLen
	expectOne       = "a name that identifies one carrier"
	expectState     = "the customer's state (two-letter code of the 50 states, DC or PR) to resolve a generic Blue Cross Blue Shield name"
	expectEntry     = "a valid carrier entry"
	expectUniqueKey = "aliases unique across carriers after normalization"
)

// Error is the error type of every function in this package. It carries a
// stable machine code, the API field path, what was expected, the value
// received (from the embedded core) and, for an ambiguous name, the
// candidate carriers.
//
// Error() names the field, the code and the candidates; it never repeats
// the received text, so whatever an agent typed into the field (a phone
// number by mistake) does not reach logs through it.
type Error struct {
	field.Core
	path       string // the entry's path for New's errors; "" is the kind's
	expected   string // when it differs from the kind's
	candidates []Carrier
}

// newError returns an error of kind k on field path path. An over-long
// received value is described by its length, not kept.
func newError(k *field.Kind, path, expected, received string, cands []Carrier) *Error {
	e := &Error{candidates: cands}
	if k == kindTooLong {
		e.Core = field.TooLongCore(k, received)
	} else {
		e.Core = field.New(k, received)
	}
	if path != k.Path {
		e.path = path
	}
	if expected != k.Expected {
		e.expected = expected
	}
	return e
}

// tooLong reports whether a carrier name is longer than the field limit,
// counted in UTF-16 code units.
func tooLong(s string) bool { return field.TooLong(s) }

// invalidText returns the invalid_string error for a trimmed name that is
// not valid text, or nil.
func invalidText(name string) *Error {
	if field.ValidName(name) {
		return nil
	}
	return newError(kindInvalidString, FieldPath, field.ExpectedName, field.DescribeInvalid(name, true), nil)
}

// Error returns a message naming the problem, the field and, for an
// ambiguous name, the candidates' display names.
func (e *Error) Error() string {
	k := e.Kind()
	if k == nil {
		return "carrier: invalid carrier name"
	}
	var b strings.Builder
	if k == kindInvalidString {
		b.WriteString("carrier: ")
	}
	b.WriteString(k.Err.Error())
	b.WriteString(" (")
	b.WriteString(e.Field())
	b.WriteString(", code ")
	b.WriteString(k.Code)
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

// Field returns the API field path: "carrierName" for Resolve, the entry's
// path (e.g. "entries[3].aliases[1]") for New.
func (e *Error) Field() string {
	if e.path != "" {
		return e.path
	}
	return e.Core.Field()
}

// Expected describes what would have been accepted.
func (e *Error) Expected() string {
	if e.expected != "" {
		return e.expected
	}
	return e.Core.Expected()
}

// Candidates returns the carriers an ambiguous name could mean, in registry
// order. It is nil for other errors. The slice is a copy.
func (e *Error) Candidates() []Carrier {
	if len(e.candidates) == 0 {
		return nil
	}
	return append([]Carrier(nil), e.candidates...)
}
