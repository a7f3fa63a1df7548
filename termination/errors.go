package termination

import (
	"errors"

	"github.com/carecycle/carerules/internal/field"
)

// Field paths reported by [Error.Field].
const (
	FieldStatus        = "status"
	FieldEffectiveDate = "effectiveDate"
)

// MaxInputLen is the longest status or effective date the parsers look at:
// the library's one field limit, 255 characters counted in UTF-16 code
// units as the API's TypeScript schema counts them (a character outside the
// Basic Multilingual Plane counts 2; a byte of invalid UTF-8 counts 1).
// Longer input is rejected with [ErrTooLong] before any other work.
const MaxInputLen = field.Limit

// Sentinel errors. Every error this package returns is an [*Error] wrapping
// exactly one of them.
var (
	// ErrEmpty: the input is empty or white space only (codes "status_empty",
	// "effective_date_empty").
	ErrEmpty = errors.New("termination: empty value")
	// ErrTooLong: the input is longer than MaxInputLen characters, in UTF-16
	// code units (codes
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
	// ErrInvalidString: the input is not valid text: invalid UTF-8 (never
	// repaired) or a control character (U+0000 to U+001F) after trimming
	// (code "invalid_string"). It is the same value as every other package's
	// ErrInvalidString.
	ErrInvalidString = field.ErrInvalidString
)

const (
	expectStatus = `one of "Active", "Pending", "Pending Effectuation", "Pending Followup", "Suspended", ` +
		`"Cancelled", "Terminated", "Future Cancel", "Deceased", "Not Approved" (any case)`
	expectDate     = "YYYY-MM-DD, MM/DD/YYYY, M/D/YYYY, MM-DD-YYYY or an RFC 3339 date-time"
	expectCalendar = "a date that exists in the Gregorian calendar, year 0001-9999"
	expectToday    = "a non-zero today"
)

// The error kinds, one per code and field path.
var (
	kindStatusTooLong = &field.Kind{Code: "status_too_long", Path: FieldStatus, Expected: field.ExpectedLen, Err: ErrTooLong}
	kindStatusEmpty   = &field.Kind{Code: "status_empty", Path: FieldStatus, Expected: expectStatus, Err: ErrEmpty}
	kindStatusUnknown = &field.Kind{Code: "status_unknown", Path: FieldStatus, Expected: expectStatus, Err: ErrUnknownStatus}
	kindStatusInvalid = &field.Kind{Code: field.CodeInvalidString, Path: FieldStatus, Expected: field.ExpectedName, Err: ErrInvalidString}

	kindDateTooLong  = &field.Kind{Code: "effective_date_too_long", Path: FieldEffectiveDate, Expected: field.ExpectedLen, Err: ErrTooLong}
	kindDateEmpty    = &field.Kind{Code: "effective_date_empty", Path: FieldEffectiveDate, Expected: expectDate, Err: ErrEmpty}
	kindDateFormat   = &field.Kind{Code: "effective_date_format", Path: FieldEffectiveDate, Expected: expectDate, Err: ErrDateFormat}
	kindDateCalendar = &field.Kind{Code: "effective_date_calendar", Path: FieldEffectiveDate, Expected: expectCalendar, Err: ErrDateCalendar}
	kindDateInvalid  = &field.Kind{Code: field.CodeInvalidString, Path: FieldEffectiveDate, Expected: field.ExpectedName, Err: ErrInvalidString}

	kindSkipReason = &field.Kind{Code: "skip_reason_unknown", Path: "reason", Expected: "a skip reason code such as not_aca", Err: ErrUnknownSkipReason}
	kindNoToday    = &field.Kind{Code: "today_missing", Path: "today", Expected: expectToday, Err: ErrNoToday}
)

// Error is the error type of this package. It carries a stable snake_case
// code, the API field path, what was expected and what was received, from
// the embedded core. Error() never contains the received value (a host
// decides where input may go); Received returns it: the input as given, or
// for input over the limit a description of its length ("300
// characters"), for text that is not valid a description of the fault.
type Error struct {
	field.Core
}

func newError(k *field.Kind, received string) *Error {
	return &Error{field.New(k, received)}
}

// newSyntaxError reports s, which the parser rejected as kind k; or, when s
// (trimmed: t) is not valid text, that, with kind invalid.
func newSyntaxError(k, invalid *field.Kind, s, t string) *Error {
	if !field.ValidName(t) {
		return newError(invalid, field.DescribeInvalid(t, true))
	}
	return newError(k, s)
}

// Error returns a message naming the problem, the field and the code,
// without the received value.
func (e *Error) Error() string {
	k := e.Kind()
	if k == nil { // the zero Error, not made by this package
		return "termination: invalid value"
	}
	msg := k.Err.Error()
	if k.Err == ErrInvalidString {
		msg = "termination: " + msg
	}
	return msg + " (" + k.Path + ", code " + k.Code + ")"
}

// errNoToday is immutable and shared, so that Decide never allocates.
var errNoToday = newError(kindNoToday, "")
