package plancode

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/carecycle/carerules/internal/field"
)

// Field is the API field path every error of this package reports.
const Field = "planCode"

// Sentinel errors, matched with errors.Is against the *[Error] values that
// [Parse] and [Canonical] return. Each has a stable machine code, given in
// brackets, which [Error.Code] returns.
var (
	// ErrEmpty: the plan code is empty or only white space [plan_code_empty].
	ErrEmpty = errors.New("plancode: empty plan code")
	// ErrTooLong: the plan code has more than MaxLen characters, counted in
	// UTF-16 code units as the API counts them [plan_code_too_long].
	ErrTooLong = errors.New("plancode: plan code too long")
	// ErrSyntax: the plan code is not shaped like a CMS contract-style code
	// [plan_code_syntax].
	ErrSyntax = errors.New("plancode: invalid plan code syntax")
	// ErrIncomplete: a contract ID alone (H1234) or without its segment
	// (H1234-001, H1234001) [plan_code_incomplete].
	ErrIncomplete = errors.New("plancode: incomplete plan code")
	// ErrPrefix: the prefix letter is not allowed for the policy type, or, in
	// Parse, is not a CMS prefix at all [plan_code_prefix].
	ErrPrefix = errors.New("plancode: plan code prefix not allowed")
	// ErrInvalidString: the plan code is not valid text: invalid UTF-8, or a
	// control character (U+0000 to U+001F) after trimming [invalid_string].
	// It is the same value as every other package's ErrInvalidString.
	ErrInvalidString = field.ErrInvalidString
)

// The kinds of error; their Expected text depends on the rule, so
// [Error.Expected] answers it.
var (
	kindEmpty      = &field.Kind{Code: "plan_code_empty", Path: Field, Err: ErrEmpty}
	kindTooLong    = &field.Kind{Code: "plan_code_too_long", Path: Field, Err: ErrTooLong}
	kindSyntax     = &field.Kind{Code: "plan_code_syntax", Path: Field, Err: ErrSyntax}
	kindIncomplete = &field.Kind{Code: "plan_code_incomplete", Path: Field, Err: ErrIncomplete}
	kindPrefix     = &field.Kind{Code: "plan_code_prefix", Path: Field, Err: ErrPrefix}
	kindInvalid    = &field.Kind{Code: field.CodeInvalidString, Path: Field, Expected: field.ExpectedName, Err: ErrInvalidString}
)

// Error is the error type of this package. It implements the method set
// shared by every carerules error (Field, Code, Expected, Received, and
// Unwrap to one of the sentinels), so a host maps it onto the API's
// validation error {path, message, expected, received, code} with one
// errors.As. Error() may print the plan code (it is not PII), shortened if
// long.
type Error struct {
	// An Error is kept small (one 32-byte allocation, the only one on
	// Parse's error path): what it says about the code it re-reads from
	// received when asked, and its rule is an index in the core's Aux.
	field.Core // received: the trimmed input (the raw input when empty)
}

func newError(k *field.Kind, received string, x *rule) *Error {
	return &Error{field.New(k, received).WithAux(x.idx)}
}

func newTooLong(s string, x *rule) *Error {
	return &Error{field.TooLongCore(kindTooLong, s).WithAux(x.idx)}
}

// newInvalid reports the trimmed input t, which is not valid text.
func newInvalid(t string, x *rule) *Error {
	return newError(kindInvalid, field.DescribeInvalid(t, true), x)
}

// Expected describes what would have been accepted, such as
// "H1234-001-000 with prefix H or R". For an incomplete code it is the
// complete form with segment 000: "H1234-001-000" for H1234-001, and
// "H1234-PPP-000" (PPP: the 3-digit plan ID) for H1234.
func (e *Error) Expected() string {
	switch e.Kind() {
	case kindTooLong:
		return field.ExpectedLen
	case kindInvalid:
		return field.ExpectedName
	case kindIncomplete:
		return e.suggestion()
	case kindEmpty:
		if e.ruleOrAny().free {
			return "a non-empty plan code"
		}
	}
	return e.ruleOrAny().expected
}

// Received returns the value received, trimmed of surrounding white space
// (for an empty plan code, the value exactly as received). For a value that
// is too long it is a description of its length, such as "300 characters",
// so that the error does not keep a large input alive; for text that is not
// valid, a description of the fault, such as "invalid UTF-8 at byte 3".
// (The method comes from the embedded core.)

// Error returns a message for people, suggesting the complete form for an
// incomplete code. Do not parse it; use Code, Expected and Received.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("plancode: planCode ")
	switch e.Kind() {
	case kindEmpty:
		b.WriteString("is empty")
		if e.ruleOrAny().policyType != "" {
			b.WriteString(" for policy type ")
			b.WriteString(e.ruleOrAny().policyType)
		}
	case kindTooLong:
		b.WriteString("is too long (")
		b.WriteString(e.Received())
		b.WriteString(")")
	case kindInvalid:
		b.WriteString("is not valid text (")
		b.WriteString(e.Received())
		b.WriteString(")")
	case kindSyntax:
		b.WriteString(quoteShort(e.Received()))
		b.WriteString(" is not a CMS contract-style plan code")
	case kindPrefix:
		b.WriteString(quoteShort(e.Received()))
		b.WriteString(" has prefix ")
		c, _ := scanInput(e.Received())
		b.WriteByte(byte(c.prefix))
		if e.ruleOrAny().policyType == "" {
			b.WriteString(", which is not a CMS contract prefix")
		} else {
			b.WriteString(", not allowed for policy type ")
			b.WriteString(e.ruleOrAny().policyType)
		}
		b.WriteString("; allowed prefixes: ")
		b.WriteString(e.ruleOrAny().prefixes)
		return b.String()
	case kindIncomplete:
		b.WriteString(quoteShort(e.Received()))
		b.WriteString(" is incomplete: ")
		if _, sh := scanInput(e.Received()); sh == shapeContractOnly {
			b.WriteString("it is a contract ID without plan and segment IDs; the complete form is ")
			b.WriteString(e.suggestion())
			b.WriteString(" (PPP: the 3-digit plan ID; segment 000 when the plan has no segments)")
		} else {
			b.WriteString("the segment ID is missing; did you mean ")
			b.WriteString(e.suggestion())
			b.WriteString(" (segment 000 when the plan has no segments)?")
		}
		return b.String()
	}
	b.WriteString("; expected ")
	b.WriteString(e.Expected())
	return b.String()
}

// ruleOrAny is e's rule; a zero Error (not made by this package) reads as
// one from Parse rather than panicking.
func (e *Error) ruleOrAny() *rule {
	if i := int(e.Aux()); i < len(rules) {
		return rules[i]
	}
	return ruleAny
}

// suggestion is the complete form of an incomplete code, with segment 000.
func (e *Error) suggestion() string {
	c, sh := scanInput(e.Received())
	if sh == shapeContractOnly {
		return c.ContractID() + "-PPP-000"
	}
	c.segment = 0
	return c.String()
}

// quoteShort quotes s, shortened to its first 40 bytes (on a character
// boundary) so that a message stays readable.
func quoteShort(s string) string {
	const limit = 40
	if len(s) <= limit {
		return strconv.Quote(s)
	}
	i := limit
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return strconv.Quote(s[:i]) + "..."
}
