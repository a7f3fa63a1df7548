package termination

import (
	"errors"
	"unicode/utf8"
)

// Field paths reported by [Error.Field].
const (
	FieldStatus        = "status"
	FieldEffectiveDate = "effectiveDate"
)

// MaxInputLen is the longest status or effective date the parsers look at,
// the API's default string field limit, in characters (Unicode code points,
// as the API's maxLength counts them; a byte of invalid UTF-8 counts as one).
// Longer input is rejected with [ErrTooLong] before any other work.
const MaxInputLen = 255

// tooLong reports whether s has more than MaxInputLen characters, counting
// them only when the byte length leaves a doubt (a character is 1 to
// utf8.UTFMax bytes).
func tooLong(s string) bool {
	if len(s) <= MaxInputLen {
		return false
	}
	return len(s) > utf8.UTFMax*MaxInputLen || utf8.RuneCountInString(s) > MaxInputLen
}

// Sentinel errors. Every error this package returns is an [*Error] wrapping
// exactly one of them.
var (
	// ErrEmpty: the input is empty or white space only (codes "status_empty",
	// "effective_date_empty").
	ErrEmpty = errors.New("termination: empty value")
	// ErrTooLong: the input is longer than MaxInputLen characters (codes
	// "status_too_long", "effective_date_too_long").
	ErrTooLong = errors.New("termination: input too long")
	// ErrUnknownStatus: not one of the API's ten policy statuses (code
	// "status_unknown").
	ErrUnknownStatus = errors.New("termination: unknown policy status")
	// ErrDateFormat: not one of the accepted effectiveDate forms (code
	// "effective_date_format").
	ErrDateFormat = errors.New("termination: effective date does not match an accepted format")
	// ErrDateCalendar: the form is right but the day does not exist, e.g.
	// 2023-02-29 or year 0000 (code "effective_date_calendar").
	ErrDateCalendar = errors.New("termination: effective date does not exist in the calendar")
	// ErrUnknownSkipReason: SkipReason.UnmarshalText got a code it does not
	// know (code "skip_reason_unknown").
	ErrUnknownSkipReason = errors.New("termination: unknown skip reason")
	// ErrNoToday: the decision was asked with the zero dob.Date as today
	// (code "today_missing"): a programming error in the caller, never
	// guessed around.
	ErrNoToday = errors.New("termination: no today given")
)

const (
	expectStatus = `one of "Active", "Pending", "Pending Effectuation", "Pending Followup", "Suspended", ` +
		`"Cancelled", "Terminated", "Future Cancel", "Deceased", "Not Approved" (any case)`
	expectDate     = "YYYY-MM-DD, MM/DD/YYYY, M/D/YYYY, MM-DD-YYYY or an RFC 3339 date-time"
	expectCalendar = "a date that exists in the Gregorian calendar, year 0001-9999"
	expectToday    = "a non-zero today"
)

// Error is the error type of this package. It carries a stable snake_case
// code, the API field path, what was expected and what was received. Error()
// never contains the received value (a host decides where input may go);
// Received returns it.
type Error struct {
	code     string
	field    string
	expected string
	received string
	err      error
}

// Error returns a message naming the problem, the field and the code,
// without the received value.
func (e *Error) Error() string {
	if e.err == nil { // the zero Error, not made by this package
		return "termination: invalid value"
	}
	return e.err.Error() + " (" + e.field + ", code " + e.code + ")"
}

// Unwrap returns the sentinel, for errors.Is.
func (e *Error) Unwrap() error { return e.err }

// Code returns the stable snake_case code, e.g. "effective_date_format".
func (e *Error) Code() string { return e.code }

// Field returns the API field path: "status", "effectiveDate" or "today".
func (e *Error) Field() string { return e.field }

// Expected describes the accepted forms.
func (e *Error) Expected() string { return e.expected }

// Received returns the rejected input as given.
func (e *Error) Received() string { return e.received }

// errNoToday is immutable and shared, so that Decide never allocates.
var errNoToday = &Error{code: "today_missing", field: "today", expected: expectToday, err: ErrNoToday}
