package phone

// FieldPath is the API field path of a phone number, returned by (*Error).Field.
// A host validating a batch prefixes it with the record's path ("records.3.phoneNumber").
const FieldPath = "phoneNumber"

// MaxLength is the API's field limit in characters (Unicode code points, as the API's
// maxLength counts them; a byte of invalid UTF-8 counts as one). Longer input is
// rejected with ErrTooLong before any other work, trimming included.
const MaxLength = 255

// kind is the type of the sentinel errors. Its message never contains a digit, so an
// *Error's message cannot leak any part of a phone number.
type kind struct {
	code string
	msg  string
}

func (k *kind) Error() string { return "phone: " + k.msg }

// The sentinel errors, one per stable code. Every error returned by this package is an
// *Error that wraps exactly one of them: test with errors.Is, or read (*Error).Code.
var (
	// ErrTooLong (code phone_too_long): the input is longer than MaxLength characters.
	ErrTooLong error = errTooLong
	// ErrEmpty (code phone_empty): nothing is left after trimming white space.
	ErrEmpty error = errEmpty
	// ErrCharacters (code phone_characters): the input has a character that no accepted
	// form uses: anything but ASCII digits, space, '(', ')', '-', '.' and '+'. Letters
	// (vanity numbers, "ext", "x"), '#', '/', tabs or non-breaking spaces between the
	// groups and non-ASCII digits all land here.
	ErrCharacters error = errCharacters
	// ErrCountryCode (code phone_country_code): the input starts with '+' and a country
	// code other than NANP's.
	ErrCountryCode error = errCountryCode
	// ErrLength (code phone_length): the input has the wrong number of digits: not ten
	// once the optional NANP country code is taken away.
	ErrLength error = errLength
	// ErrFormat (code phone_format): the characters and the digit count are right but
	// their arrangement is not an accepted form (for Parse, a lenient-only form such as
	// "XXX-XXX-XXXX" lands here).
	ErrFormat error = errFormat
	// ErrAreaCode (code phone_area_code): the area code is not an assigned NANP area
	// code (it starts with zero or one, is a service code N-one-one, is reserved, or is
	// simply not in the embedded table).
	ErrAreaCode error = errAreaCode
	// ErrExchange (code phone_exchange): the exchange (central office code) starts with
	// zero or one, or is a service code N-one-one.
	ErrExchange error = errExchange
)

var (
	errTooLong     = &kind{"phone_too_long", "input longer than the field limit"}
	errEmpty       = &kind{"phone_empty", "empty"}
	errCharacters  = &kind{"phone_characters", "character not allowed in a phone number"}
	errCountryCode = &kind{"phone_country_code", "country code is not NANP's"}
	errLength      = &kind{"phone_length", "wrong number of digits"}
	errFormat      = &kind{"phone_format", "not an accepted format"}
	errAreaCode    = &kind{"phone_area_code", "invalid or unassigned area code"}
	errExchange    = &kind{"phone_exchange", "invalid exchange code"}
)

// The Expected texts. They may contain digits: they describe the rule, not the input.
const (
	expectStrict  = "+1XXXXXXXXXX, XXXXXXXXXX or (XXX) XXX-XXXX"
	expectLenient = "10 digits in groups of 3, 3 and 4, optionally preceded by 1 or +1, with at most one space, hyphen or dot between groups and optional parentheses around the area code"
)

// Error is the error returned by Parse, ParseLenient and UnmarshalText. It wraps one of
// the sentinel errors (errors.Is) and carries what the API's validation error needs:
// Field, Code, Expected and Received.
//
// Error() never contains the input nor any digit: a phone number is PII, so the received
// value is only available through Received.
type Error struct {
	kind    *kind
	input   string
	lenient bool
}

// Error returns a message that names the problem without quoting the input. It has a
// value receiver so that an Error value, not only a pointer, prints this message with
// fmt's %v and %s rather than its fields.
func (e Error) Error() string {
	if e.kind == nil {
		return "phone: invalid phone number"
	}
	return e.kind.Error()
}

// GoString implements fmt.GoStringer so that %#v, which would otherwise print the
// fields, shows the code and hides the received value (PII).
func (e Error) GoString() string {
	code := ""
	if e.kind != nil {
		code = e.kind.code
	}
	return `&phone.Error{Code: "` + code + `", Received: <redacted>}`
}

// Unwrap returns the sentinel error (ErrLength, ErrAreaCode, ...).
func (e *Error) Unwrap() error {
	if e.kind == nil {
		return nil
	}
	return e.kind
}

// Field returns the API field path, FieldPath.
func (e *Error) Field() string { return FieldPath }

// Code returns the stable snake_case code: phone_too_long, phone_empty,
// phone_characters, phone_country_code, phone_length, phone_format, phone_area_code or
// phone_exchange.
func (e *Error) Code() string {
	if e.kind == nil {
		return ""
	}
	return e.kind.code
}

// Received returns the input exactly as it was given, untrimmed. It is PII: log it
// only where phone numbers may be logged.
func (e *Error) Received() string { return e.input }

// Expected describes what would have been accepted.
func (e *Error) Expected() string {
	switch e.kind {
	case errTooLong:
		return "at most 255 characters"
	case errCountryCode:
		return "country code +1 (NANP) or none"
	case errLength:
		return "10 digits after the optional country code 1"
	case errAreaCode:
		return "an assigned NANP area code: NXX with N in 2-9, not N11, listed in the area-code table"
	case errExchange:
		return "an exchange NXX with N in 2-9, not N11"
	}
	if e.lenient {
		return expectLenient
	}
	return expectStrict
}
