package timezone

import (
	"errors"
	"strconv"
	"unicode/utf8"
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
	// ErrTooLong: the input is longer than MaxInputLen characters.
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
)

// Error describes a rejected timezone, postal code or state. It implements the method set
// every carerules error shares (Field, Code, Expected, Received), so a host maps it onto
// the API's validation error with one errors.As. Error() never prints a full ZIP code
// (a HIPAA identifier) nor text that could be a phone number, e-mail or name.
type Error struct {
	field    string
	err      error // one of the sentinels
	received string
	cause    error // the time package's error, for ErrLocationUnavailable
}

// Error returns "field: message (received ...)".
func (e *Error) Error() string {
	s := e.field + ": " + e.err.Error()
	if e.received != "" {
		s += " (received " + e.received + ")"
	}
	return s
}

// Unwrap returns the sentinel and, when there is one, the underlying cause.
func (e *Error) Unwrap() []error {
	if e.cause != nil {
		return []error{e.err, e.cause}
	}
	return []error{e.err}
}

// Field returns the API field path: "timezone", "postalCode" or "state".
func (e *Error) Field() string { return e.field }

// Code returns the stable snake_case code, such as "timezone_unknown",
// "postal_code_military" or "timezone_or_postal_code_required".
func (e *Error) Code() string {
	prefix := "timezone_"
	switch e.field {
	case FieldPostalCode:
		prefix = "postal_code_"
	case FieldState:
		prefix = "state_"
	}
	switch e.err {
	case ErrRequired:
		return "timezone_or_postal_code_required"
	case ErrEmpty:
		return prefix + "empty"
	case ErrTooLong:
		return prefix + "too_long"
	case ErrUnknownZone:
		return "timezone_unknown"
	case ErrLocationUnavailable:
		return "timezone_unavailable"
	case ErrPostalCodeFormat:
		return "postal_code_format"
	case ErrUnknownPostalCode:
		return "postal_code_unknown"
	case ErrMilitaryPostalCode:
		return "postal_code_military"
	case ErrAmbiguousPostalCode:
		return "postal_code_ambiguous"
	case ErrUnknownState:
		return "state_unknown"
	}
	return prefix + "invalid"
}

// Expected describes the accepted input.
func (e *Error) Expected() string {
	switch {
	case e.err == ErrRequired:
		return "timezone or postalCode"
	case e.field == FieldTimezone:
		return "IANA time zone (America/New_York) or abbreviation (EST, CST, MST, PST)"
	case e.field == FieldPostalCode:
		return "US ZIP code: 12345, 12345-6789 or 123456789"
	case e.field == FieldState:
		return "USPS state or territory code (FL), or empty when unknown"
	}
	return ""
}

// Received describes what was received without repeating personal data: a time-zone name
// made only of letters, '/', '_', '-', '+' and at most 4 digits is quoted; other text is
// described by its length; a ZIP shows only its first three digits ("ZIP 902xx").
func (e *Error) Received() string { return e.received }

// tooLong reports s as too long; it says how long, never what.
func tooLong(field, s string) error {
	n := len(s)
	if n <= utf8.UTFMax*MaxInputLen {
		n = utf8.RuneCountInString(s)
	}
	return &Error{field: field, err: ErrTooLong, received: strconv.Itoa(n) + " characters"}
}

func empty(field, raw string) error {
	r := "empty string"
	if raw != "" {
		r = "white space only"
	}
	return &Error{field: field, err: ErrEmpty, received: r}
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
