package dob

import (
	"errors"

	"github.com/carecycle/carerules/internal/field"
)

// FieldPath is the API field path of a date of birth, as reported by
// [Error.Field].
const FieldPath = "dateOfBirth"

// MaxInputLen is the longest input the parsers look at: the library's one
// field limit, 255 characters counted in UTF-16 code units as the API's
// TypeScript schema counts them (a character outside the Basic Multilingual
// Plane counts 2; a byte of invalid UTF-8 counts 1). Longer input is
// rejected with [ErrTooLong] before any other work.
const MaxInputLen = field.Limit

// MaxAge is the largest plausible age in whole years accepted by
// [Date.CheckOn]. An age of exactly MaxAge is plausible; MaxAge+1 is not.
const MaxAge = 130

// Sentinel errors, one per error code. Every error returned by this package
// is an [*Error] that wraps exactly one of them, so errors.Is(err, ErrFormat)
// works and errors.As(err, &e) gives the code, field path, expected form and
// received value.
var (
	// ErrEmpty: the input is empty or only white space (code "dob_empty").
	ErrEmpty = errors.New("dob: empty date")
	// ErrTooLong: the input is longer than MaxInputLen characters, in UTF-16
	// code units (code "dob_too_long").
	ErrTooLong = errors.New("dob: input too long")
	// ErrFormat: the input does not have the expected shape (code "dob_format").
	ErrFormat = errors.New("dob: date does not match the expected format")
	// ErrCalendar: the shape is right but the day does not exist, e.g.
	// 02/30 or 02/29 in a common year, or year 0000 (code "dob_calendar").
	ErrCalendar = errors.New("dob: date does not exist in the calendar")
	// ErrFuture: the date is after today (code "dob_future").
	ErrFuture = errors.New("dob: date is in the future")
	// ErrImplausible: the age on today is more than MaxAge years (code "dob_implausible").
	ErrImplausible = errors.New("dob: implausible age")
	// ErrNoToday: a check was asked against the zero Date as today, which is
	// a programming error in the caller (code "dob_today_missing").
	ErrNoToday = errors.New("dob: no today given for the check")
	// ErrInvalidString: the input is not valid text: invalid UTF-8 (never
	// repaired) or U+0000 (code "invalid_string"). It is the same value as
	// every other package's ErrInvalidString.
	ErrInvalidString = field.ErrInvalidString
)

// Expected forms reported by [Error.Expected].
const (
	expectAPI      = "MM-DD-YYYY or MM/DD/YYYY (separators may be mixed)"
	expectISO      = "YYYY-MM-DD"
	expectCalendar = "a date that exists in the Gregorian calendar, year 0001-9999"
)

// kind builds the error kind of a code, sentinel and expected form.
func kind(code string, err error, expected string) *field.Kind {
	return &field.Kind{Code: code, Path: FieldPath, Expected: expected, Err: err}
}

// The error kinds. Parse and ParseISO expect different forms, so the
// syntax kinds come in two.
var (
	kindEmpty       = kind("dob_empty", ErrEmpty, expectAPI)
	kindEmptyISO    = kind("dob_empty", ErrEmpty, expectISO)
	kindTooLong     = kind("dob_too_long", ErrTooLong, field.ExpectedLen)
	kindFormat      = kind("dob_format", ErrFormat, expectAPI)
	kindFormatISO   = kind("dob_format", ErrFormat, expectISO)
	kindCalendar    = kind("dob_calendar", ErrCalendar, expectCalendar)
	kindFuture      = kind("dob_future", ErrFuture, "a date not after today")
	kindImplausible = kind("dob_implausible", ErrImplausible, "an age of at most 130 years on today")
	kindNoToday     = kind("dob_today_missing", ErrNoToday, "a non-zero today")
	kindInvalid     = kind(field.CodeInvalidString, ErrInvalidString, field.ExpectedText)
)

// Error is the error type of every function in this package. It carries a
// stable machine code, the API field path, a description of what was
// expected and the value received, from the embedded core.
//
// Error() never contains the received value nor any of its digits: a date of
// birth is personal data. The received value is available from
// [Error.Received] for a host that decides where it may go: the input as
// given (untrimmed) for parse errors, the date as YYYY-MM-DD for the checks
// of [Date.CheckOn]; for input over the limit a description of its length
// ("300 characters") and for text that is not valid a description of the
// fault ("invalid UTF-8 at byte 4").
type Error struct {
	field.Core
}

func newError(k *field.Kind, received string) *Error {
	return &Error{field.New(k, received)}
}

// newFormatError reports s, which does not have the expected form k: or,
// when s is not valid text, that.
func newFormatError(k *field.Kind, s string) *Error {
	if !field.ValidText(s) {
		return newError(kindInvalid, field.DescribeInvalid(s, false))
	}
	return newError(k, s)
}

// Error returns a message naming the field and the problem, without the
// received value. It has a value receiver so that an Error value, not only a
// pointer, prints this message with fmt's %v and %s rather than its fields.
func (e Error) Error() string {
	k := e.Kind()
	if k == nil { // the zero Error, not made by this package
		return "dob: invalid date (" + FieldPath + ")"
	}
	msg := k.Err.Error() // the sentinels' messages start with "dob: "
	if k == kindInvalid {
		msg = "dob: " + msg
	}
	return msg + " (" + FieldPath + ", code " + k.Code + ")"
}

// GoString redacts the received value so that %#v does not print it either.
func (e Error) GoString() string {
	return "&dob.Error{Code: " + `"` + e.Code() + `"` + ", Received: <redacted>}"
}
