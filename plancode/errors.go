package plancode

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Field is the API field path every error of this package reports.
const Field = "planCode"

// Sentinel errors, matched with errors.Is against the *[Error] values that
// [Parse] and [Canonical] return. Each has a stable machine code, given in
// brackets, which [Error.Code] returns.
var (
	// ErrEmpty: the plan code is empty or only white space [plan_code_empty].
	ErrEmpty = errors.New("plancode: empty plan code")
	// ErrTooLong: the plan code has more than MaxLen characters
	// [plan_code_too_long].
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
)

// Error is the error type of this package. It implements the method set
// shared by every carerules error (Field, Code, Expected, Received), so a
// host maps it onto the API's validation error {path, message, expected,
// received, code} with one errors.As, and it unwraps to one of the
// sentinels. Error() may print the plan code (it is not PII), shortened if
// long.
type Error struct {
	err        error  // one of the sentinels
	received   string // the trimmed input (the raw input for ErrEmpty)
	rule       *rule
	policyType string // as given, for policy types without CMS rules
	code       Code   // ErrPrefix, ErrIncomplete: what was read
	shape      shape  // ErrIncomplete: which part is missing
	length     int    // ErrTooLong: characters, or bytes if inBytes
	inBytes    bool
}

func newTooLong(s string, x *rule) *Error {
	e := &Error{err: ErrTooLong, rule: x}
	if len(s) > utf8.UTFMax*MaxLen {
		e.length, e.inBytes = len(s), true
	} else {
		e.length = utf8.RuneCountInString(s)
	}
	return e
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *Error) Unwrap() error { return e.err }

// Field returns the API field path, "planCode".
func (e *Error) Field() string { return Field }

// Code returns the stable machine code: plan_code_empty, plan_code_too_long,
// plan_code_syntax, plan_code_incomplete or plan_code_prefix.
func (e *Error) Code() string {
	switch e.err {
	case ErrEmpty:
		return "plan_code_empty"
	case ErrTooLong:
		return "plan_code_too_long"
	case ErrSyntax:
		return "plan_code_syntax"
	case ErrIncomplete:
		return "plan_code_incomplete"
	case ErrPrefix:
		return "plan_code_prefix"
	}
	return "plan_code_invalid"
}

// Expected describes what would have been accepted, such as
// "H1234-001-000 with prefix H or R". For an incomplete code it is the
// complete form with segment 000: "H1234-001-000" for H1234-001, and
// "H1234-PPP-000" (PPP: the 3-digit plan ID) for H1234.
func (e *Error) Expected() string {
	switch e.err {
	case ErrTooLong:
		return "at most " + strconv.Itoa(MaxLen) + " characters"
	case ErrIncomplete:
		return e.suggestion()
	case ErrEmpty:
		if e.rule.free {
			return "a non-empty plan code"
		}
	}
	return e.rule.expected
}

// Received returns the value received, trimmed of surrounding white space
// (for an empty plan code, the value exactly as received). For a value that
// is too long it is a description of its length, such as "300 characters",
// so that the error does not keep a large input alive.
func (e *Error) Received() string {
	if e.err == ErrTooLong {
		if e.inBytes {
			return strconv.Itoa(e.length) + " bytes"
		}
		return strconv.Itoa(e.length) + " characters"
	}
	return e.received
}

// Error returns a message for people, suggesting the complete form for an
// incomplete code. Do not parse it; use Code, Expected and Received.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("plancode: planCode ")
	switch e.err {
	case ErrEmpty:
		b.WriteString("is empty")
		if e.rule.policyType != "" {
			b.WriteString(" for policy type ")
			b.WriteString(e.rule.policyType)
		} else if e.policyType != "" {
			b.WriteString(" for policy type ")
			b.WriteString(quoteShort(e.policyType))
		}
	case ErrTooLong:
		b.WriteString("is too long (")
		b.WriteString(e.Received())
		b.WriteString(")")
	case ErrSyntax:
		b.WriteString(quoteShort(e.received))
		b.WriteString(" is not a CMS contract-style plan code")
	case ErrPrefix:
		b.WriteString(quoteShort(e.received))
		b.WriteString(" has prefix ")
		b.WriteByte(byte(e.code.prefix))
		if e.rule.policyType == "" {
			b.WriteString(", which is not a CMS contract prefix")
		} else {
			b.WriteString(", not allowed for policy type ")
			b.WriteString(e.rule.policyType)
		}
		b.WriteString("; allowed prefixes: ")
		b.WriteString(e.rule.prefixes)
		return b.String()
	case ErrIncomplete:
		b.WriteString(quoteShort(e.received))
		b.WriteString(" is incomplete: ")
		if e.shape == shapeContractOnly {
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

// suggestion is the complete form of an incomplete code, with segment 000.
func (e *Error) suggestion() string {
	c := e.code
	if e.shape == shapeContractOnly {
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
