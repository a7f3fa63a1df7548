package dob

import "errors"

// FieldPath is the API field path of a date of birth, as reported by
// [Error.Field].
const FieldPath = "dateOfBirth"

// MaxInputLen is the longest input the parsers look at: the API's default
// string field limit, in characters (Unicode code points, as the API's
// maxLength counts them; a byte of invalid UTF-8 counts as one). Longer input is rejected with [ErrTooLong] before any
// other work.
const MaxInputLen = 255

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
	// ErrTooLong: the input is longer than MaxInputLen characters (code "dob_too_long").
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
)

type kind uint8

const (
	kindEmpty kind = iota + 1
	kindTooLong
	kindFormat
	kindCalendar
	kindFuture
	kindImplausible
	kindNoToday
)

var kinds = [...]struct {
	code string
	err  error
}{
	kindEmpty:       {"dob_empty", ErrEmpty},
	kindTooLong:     {"dob_too_long", ErrTooLong},
	kindFormat:      {"dob_format", ErrFormat},
	kindCalendar:    {"dob_calendar", ErrCalendar},
	kindFuture:      {"dob_future", ErrFuture},
	kindImplausible: {"dob_implausible", ErrImplausible},
	kindNoToday:     {"dob_today_missing", ErrNoToday},
}

// Expected forms reported by [Error.Expected], by index so that an Error
// stays small (24 bytes: the error path costs one small allocation).
type expect uint8

const (
	expectAPI expect = iota
	expectISO
	expectCalendar
	expectNotAfter
	expectAge
	expectToday
)

var expectText = [...]string{
	expectAPI:      "MM-DD-YYYY or MM/DD/YYYY (separators may be mixed)",
	expectISO:      "YYYY-MM-DD",
	expectCalendar: "a date that exists in the Gregorian calendar, year 0001-9999",
	expectNotAfter: "a date not after today",
	expectAge:      "an age of at most 130 years on today",
	expectToday:    "a non-zero today",
}

// Error is the error type of every function in this package. It carries a
// stable machine code, the API field path, a description of what was
// expected and the value received.
//
// Error() never contains the received value nor any of its digits: a date of
// birth is personal data. The received value is available from
// [Error.Received] for a host that decides where it may go.
type Error struct {
	kind     kind
	expected expect
	date     Date   // the checked date for ErrFuture / ErrImplausible
	received string // the input as given (untrimmed), or "" when date is set
}

func newError(k kind, expected expect, received string) *Error {
	return &Error{kind: k, expected: expected, received: received}
}

// Error returns a message naming the field and the problem, without the
// received value. It has a value receiver so that an Error value, not only a
// pointer, prints this message with fmt's %v and %s rather than its fields.
func (e Error) Error() string {
	if kinds[e.kind].err == nil { // the zero Error, not made by this package
		return "dob: invalid date (" + FieldPath + ")"
	}
	return kinds[e.kind].err.Error() + " (" + FieldPath + ", code " + kinds[e.kind].code + ")"
}

// GoString redacts the received value so that %#v does not print it either.
func (e Error) GoString() string {
	return "&dob.Error{Code: " + `"` + kinds[e.kind].code + `"` + ", Received: <redacted>}"
}

// Unwrap returns the sentinel, for errors.Is.
func (e *Error) Unwrap() error { return kinds[e.kind].err }

// Code returns the stable snake_case code, e.g. "dob_format".
func (e *Error) Code() string { return kinds[e.kind].code }

// Field returns the API field path, "dateOfBirth".
func (e *Error) Field() string { return FieldPath }

// Expected describes the accepted form, e.g. "MM-DD-YYYY or MM/DD/YYYY".
func (e *Error) Expected() string { return expectText[e.expected] }

// Received returns the value that was rejected: the input string as given
// for parse errors, the date in YYYY-MM-DD form for check errors. It is
// personal data; it is never part of Error().
func (e *Error) Received() string {
	if !e.date.IsZero() {
		return e.date.String()
	}
	return e.received
}
