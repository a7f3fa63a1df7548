package field

import (
	"errors"
	"math"
	"strconv"
)

// Kind is the static description of one kind of error: its stable code,
// the API field path it is reported on (unless the error gives its own),
// what would have been accepted, and its sentinel. A package declares its
// kinds once, as package-level values, so that building an error copies
// no string.
type Kind struct {
	Code     string // stable snake_case machine code, e.g. "plan_code_syntax"
	Path     string // API field path, e.g. "planCode"; a [Core] may override it
	Expected string // what would have been accepted
	Err      error  // the sentinel, for errors.Is
}

// Core is the error core that each package's exported Error type embeds.
// It answers Field, Code, Expected, Received and Unwrap, the method set a
// host maps onto the API's validation issue {path, message, expected,
// received, code}; the embedding type writes its own Error() message,
// because only the package knows what its message may show (a phone number
// or a date of birth never). It is small (32 bytes: building one is a
// single small allocation) and holds no copy of the kind's strings; an
// error about an over-long value ([TooLongCore]) keeps its length, not the
// value.
//
// The zero Core answers "" and a nil sentinel, so a zero Error that a
// package did not build never panics.
type Core struct {
	kind     *Kind
	received string
	// length of an over-long value: UTF-16 units, or minus its byte length
	// when it was too long to count cheaply; 0 otherwise.
	length int32
	aux    uint8 // the embedding package's, see WithAux
}

// New returns a Core of kind k reporting received. k must not be nil.
func New(k *Kind, received string) Core { return Core{kind: k, received: received} }

// TooLongCore returns a Core of kind k for the over-long value s. It keeps
// only s's length, so the error does not hold a large input alive, and
// Received describes it as [DescribeLen] does ("300 characters").
func TooLongCore(k *Kind, s string) Core {
	n := -min(len(s), math.MaxInt32)
	if len(s) <= countBound {
		n = Len(s)
	}
	return Core{kind: k, length: int32(n)}
}

// WithAux returns c holding the small number a for the package that embeds
// it (plancode keeps its rule there). It sits in the Core's padding, so an
// error that needs one more small fact costs no more memory.
func (c Core) WithAux(a uint8) Core {
	c.aux = a
	return c
}

// Aux returns the number stored by [Core.WithAux], 0 by default.
func (c *Core) Aux() uint8 { return c.aux }

// Kind returns the error's kind, nil for the zero Core.
func (c *Core) Kind() *Kind { return c.kind }

// Field returns the API field path, the kind's. A package whose paths
// vary (an entry of a list) answers Field itself.
func (c *Core) Field() string {
	if c.kind == nil {
		return ""
	}
	return c.kind.Path
}

// Code returns the stable snake_case code.
func (c *Core) Code() string {
	if c.kind == nil {
		return ""
	}
	return c.kind.Code
}

// Expected describes what would have been accepted.
func (c *Core) Expected() string {
	if c.kind == nil {
		return ""
	}
	return c.kind.Expected
}

// Received returns the value received, or a description of it when the
// package decided not to keep the value (an over-long or invalid input).
// It may be personal data: each package documents what it holds.
func (c *Core) Received() string {
	switch {
	case c.length > 0:
		return strconv.Itoa(int(c.length)) + " characters"
	case c.length < 0:
		return strconv.Itoa(-int(c.length)) + " bytes"
	}
	return c.received
}

// Unwrap returns the sentinel, for errors.Is.
func (c *Core) Unwrap() error {
	if c.kind == nil {
		return nil
	}
	return c.kind.Err
}

// Error returns "path: code", which never shows the received value. Each
// package's Error type replaces it with its own message.
func (c *Core) Error() string { return c.Field() + ": " + c.Code() }

// Failure is the method set every error of the library's rule packages
// has: a host maps any of them onto the API's validation issue with
// [AsFailure] (or errors.As with an interface of these methods).
type Failure interface {
	error
	Field() string
	Code() string
	Expected() string
	Received() string
}

// AsFailure finds the first error in err's tree that is a [Failure].
func AsFailure(err error) (Failure, bool) {
	var f Failure
	ok := errors.As(err, &f)
	return f, ok
}
