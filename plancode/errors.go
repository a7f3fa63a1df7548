package plancode

import (
	"errors"
	"math"
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
	// An Error is kept small (one 32-byte allocation, the only one on
	// Parse's error path): what it says about the code it re-reads from
	// received when asked.
	received string // the trimmed input (the raw input for kindEmpty)
	rule     *rule
	length   int32 // kindTooLong: characters, or bytes if inBytes
	kind     errKind
	inBytes  bool
}

type errKind uint8

const (
	kindEmpty errKind = iota
	kindTooLong
	kindSyntax
	kindIncomplete
	kindPrefix
)

func newTooLong(s string, x *rule) *Error {
	e := &Error{kind: kindTooLong, rule: x}
	n := len(s)
	if n > utf8.UTFMax*MaxLen {
		e.inBytes = true
	} else {
		n = utf8.RuneCountInString(s)
	}
	e.length = int32(min(n, math.MaxInt32))
	return e
}

// Unwrap returns the sentinel error, for errors.Is.
func (e *Error) Unwrap() error {
	switch e.kind {
	case kindEmpty:
		return ErrEmpty
	case kindTooLong:
		return ErrTooLong
	case kindSyntax:
		return ErrSyntax
	case kindIncomplete:
		return ErrIncomplete
	}
	return ErrPrefix
}

// Field returns the API field path, "planCode".
func (e *Error) Field() string { return Field }

// Code returns the stable machine code: plan_code_empty, plan_code_too_long,
// plan_code_syntax, plan_code_incomplete or plan_code_prefix.
func (e *Error) Code() string {
	switch e.kind {
	case kindEmpty:
		return "plan_code_empty"
	case kindTooLong:
		return "plan_code_too_long"
	case kindSyntax:
		return "plan_code_syntax"
	case kindIncomplete:
		return "plan_code_incomplete"
	}
	return "plan_code_prefix"
}

// Expected describes what would have been accepted, such as
// "H1234-001-000 with prefix H or R". For an incomplete code it is the
// complete form with segment 000: "H1234-001-000" for H1234-001, and
// "H1234-PPP-000" (PPP: the 3-digit plan ID) for H1234.
func (e *Error) Expected() string {
	switch e.kind {
	case kindTooLong:
		return "at most " + strconv.Itoa(MaxLen) + " characters"
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
// so that the error does not keep a large input alive.
func (e *Error) Received() string {
	if e.kind == kindTooLong {
		if e.inBytes {
			return strconv.Itoa(int(e.length)) + " bytes"
		}
		return strconv.Itoa(int(e.length)) + " characters"
	}
	return e.received
}

// Error returns a message for people, suggesting the complete form for an
// incomplete code. Do not parse it; use Code, Expected and Received.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("plancode: planCode ")
	switch e.kind {
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
	case kindSyntax:
		b.WriteString(quoteShort(e.received))
		b.WriteString(" is not a CMS contract-style plan code")
	case kindPrefix:
		b.WriteString(quoteShort(e.received))
		b.WriteString(" has prefix ")
		c, _ := scanInput(e.received)
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
		b.WriteString(quoteShort(e.received))
		b.WriteString(" is incomplete: ")
		if _, sh := scanInput(e.received); sh == shapeContractOnly {
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
	if e.rule == nil {
		return ruleAny
	}
	return e.rule
}

// suggestion is the complete form of an incomplete code, with segment 000.
func (e *Error) suggestion() string {
	c, sh := scanInput(e.received)
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
