package timezone

import (
	"errors"
	"strconv"

	"github.com/carecycle/carerules/internal/field"
)

// API field paths reported by Error.Field.
const (
	FieldTimezone   = "timezone"
	FieldPostalCode = "postalCode"
	FieldState      = "state"
)

// Sentinel errors, for errors.Is. Every error this package returns is an *Error wrapping
// one of them.
var (
	// ErrEmpty: the input is empty or white space only.
	ErrEmpty = errors.New("empty")
	// ErrTooLong: the input is longer than MaxInputLen characters (UTF-16 code units).
	ErrTooLong = errors.New("too long")
	// ErrUnknownZone: not an IANA name, link or accepted abbreviation; or the zero Zone.
	ErrUnknownZone = errors.New("unknown time zone")
	// ErrLocationUnavailable: time.LoadLocation failed (the host has no tz data and the
	// program does not import time/tzdata). The *Error also wraps the time package's error.
	ErrLocationUnavailable = errors.New("time zone data unavailable")
	// ErrPostalCodeFormat: not a ZIP (12345) or ZIP+4 (12345-6789, 123456789).
	ErrPostalCodeFormat = errors.New("not a ZIP or ZIP+4")
	// ErrUnknownPostalCode: a well-formed ZIP that is not in the data. Never guessed.
	ErrUnknownPostalCode = errors.New("ZIP code not in the time-zone data")
	// ErrMilitaryPostalCode: an APO/FPO/DPO ZIP (090-098, 340, 962-966), whose time zone
	// is unknowable from the ZIP.
	ErrMilitaryPostalCode = errors.New("military ZIP code has no time zone")
	// ErrAmbiguousPostalCode: the ZIP spans several zones; ForPostalCode returns the
	// primary zone with it, PostalCandidates returns them all.
	ErrAmbiguousPostalCode = errors.New("ZIP code spans several time zones")
	// ErrRequired: Resolve got neither a timezone nor a postal code.
	ErrRequired = errors.New("timezone or postalCode required")
	// ErrUnknownState: a contact-window state that is not a USPS state or territory code.
	ErrUnknownState = errors.New("unknown state code")
	// ErrInvalidString: the input is not valid text: invalid UTF-8 (never repaired) or a
	// control character (code "invalid_string"). It is the same value as every other
	// package's ErrInvalidString.
	ErrInvalidString = field.ErrInvalidString
)

// expected texts by field.
const (
	expectTimezone = "IANA time zone (America/New_York) or abbreviation (EST, CST, MST, PST)"
	expectPostal   = "US ZIP code: 12345, 12345-6789 or 123456789"
	expectState    = "USPS state or territory code (FL), or empty when unknown"
)

// kind builds the error kind of a code, field path, expected text and sentinel.
func kind(code, path, expected string, err error) *field.Kind {
	return &field.Kind{Code: code, Path: path, Expected: expected, Err: err}
}

// The error kinds, by field.
var (
	kindRequired = kind("timezone_or_postal_code_required", FieldTimezone, "timezone or postalCode", ErrRequired)

	kindZoneEmpty       = kind("timezone_empty", FieldTimezone, expectTimezone, ErrEmpty)
	kindZoneTooLong     = kind("timezone_too_long", FieldTimezone, expectTimezone, ErrTooLong)
	kindZoneUnknown     = kind("timezone_unknown", FieldTimezone, expectTimezone, ErrUnknownZone)
	kindZoneUnavailable = kind("timezone_unavailable", FieldTimezone, expectTimezone, ErrLocationUnavailable)
	kindZoneInvalid     = kind(field.CodeInvalidString, FieldTimezone, field.ExpectedName, ErrInvalidString)

	kindPostalEmpty     = kind("postal_code_empty", FieldPostalCode, expectPostal, ErrEmpty)
	kindPostalTooLong   = kind("postal_code_too_long", FieldPostalCode, expectPostal, ErrTooLong)
	kindPostalFormat    = kind("postal_code_format", FieldPostalCode, expectPostal, ErrPostalCodeFormat)
	kindPostalUnknown   = kind("postal_code_unknown", FieldPostalCode, expectPostal, ErrUnknownPostalCode)
	kindPostalMilitary  = kind("postal_code_military", FieldPostalCode, expectPostal, ErrMilitaryPostalCode)
	kindPostalAmbiguous = kind("postal_code_ambiguous", FieldPostalCode, expectPostal, ErrAmbiguousPostalCode)
	kindPostalInvalid   = kind(field.CodeInvalidString, FieldPostalCode, field.ExpectedName, ErrInvalidString)

	kindStateEmpty   = kind("state_empty", FieldState, expectState, ErrEmpty)
	kindStateTooLong = kind("state_too_long", FieldState, expectState, ErrTooLong)
	kindStateUnknown = kind("state_unknown", FieldState, expectState, ErrUnknownState)
	kindStateInvalid = kind(field.CodeInvalidString, FieldState, field.ExpectedName, ErrInvalidString)
)

// kindOf returns the kind of sentinel err on field path.
func kindOf(path string, err error) *field.Kind {
	var ks [5]*field.Kind // empty, too long, invalid, and the field's own two
	switch path {
	case FieldPostalCode:
		ks = [5]*field.Kind{kindPostalEmpty, kindPostalTooLong, kindPostalInvalid, kindPostalFormat, kindPostalUnknown}
		switch err {
		case ErrMilitaryPostalCode:
			return kindPostalMilitary
		case ErrAmbiguousPostalCode:
			return kindPostalAmbiguous
		}
	case FieldState:
		ks = [5]*field.Kind{kindStateEmpty, kindStateTooLong, kindStateInvalid, kindStateUnknown, kindStateUnknown}
	default:
		ks = [5]*field.Kind{kindZoneEmpty, kindZoneTooLong, kindZoneInvalid, kindZoneUnknown, kindZoneUnavailable}
	}
	switch err {
	case ErrRequired:
		return kindRequired
	case ErrEmpty:
		return ks[0]
	case ErrTooLong:
		return ks[1]
	case ErrInvalidString:
		return ks[2]
	case ks[4].Err:
		return ks[4]
	}
	return ks[3]
}

// Error describes a rejected timezone, postal code or state. It implements the method set
// every carerules error shares (Field, Code, Expected, Received, from the embedded core),
// so a host maps it onto the API's validation error with one errors.As. Error() never
// prints a full ZIP code (a HIPAA identifier) nor text that could be a phone number,
// e-mail or name; neither does Received, which describes what was received: a time-zone
// name made only of letters, '/', '_', '-', '+' and at most 4 digits is quoted; other text
// is described by its length; a ZIP shows only its first three digits ("ZIP 902xx").
type Error struct {
	field.Core
	cause error // the time package's error, for ErrLocationUnavailable
}

// newError returns the error of sentinel err on field path, with received already
// described (never raw personal data).
func newError(path string, err error, received string) *Error {
	return &Error{Core: field.New(kindOf(path, err), received)}
}

// Error returns "field: message (received ...)".
func (e *Error) Error() string {
	k := e.Kind()
	if k == nil {
		return "timezone: invalid value"
	}
	s := k.Path + ": " + k.Err.Error()
	if r := e.Received(); r != "" {
		s += " (received " + r + ")"
	}
	return s
}

// Unwrap returns the sentinel and, when there is one, the underlying cause.
func (e *Error) Unwrap() []error {
	if e.cause != nil {
		return []error{e.Core.Unwrap(), e.cause}
	}
	return []error{e.Core.Unwrap()}
}

// tooLong reports s as too long; it says how long, never what.
func tooLong(path, s string) error {
	return &Error{Core: field.TooLongCore(kindOf(path, ErrTooLong), s)}
}

// invalid reports the trimmed t, which is not valid text; it says where, never what.
func invalid(path, t string) error {
	return newError(path, ErrInvalidString, field.DescribeInvalid(t, true))
}

func empty(path, raw string) error {
	r := "empty string"
	if raw != "" {
		r = "white space only"
	}
	return newError(path, ErrEmpty, r)
}

// describeName quotes s when it looks like a zone name and cannot be a phone number,
// date, e-mail address or personal name with a space; otherwise it gives its length.
func describeName(s string) string {
	digits := 0
	safe := len(s) <= 50
	for i := 0; i < len(s) && safe; i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '/', c == '_', c == '-', c == '+':
		case '0' <= c && c <= '9':
			digits++
			safe = digits <= 4
		default:
			safe = false
		}
	}
	if safe {
		return strconv.Quote(s)
	}
	return strconv.Itoa(len(s)) + " bytes of text"
}

// zip3 describes a well-formed ZIP by its first three digits.
func zip3(zip int) string {
	b := []byte("ZIP 000xx")
	p := zip / 100
	b[4], b[5], b[6] = byte('0'+p/100), byte('0'+p/10%10), byte('0'+p%10)
	return string(b)
}
