package phone

import "github.com/carecycle/carerules/internal/field"

// FieldPath is the API field path of a phone number, returned by (*Error).Field.
// A host validating a batch prefixes it with the record's path ("records.3.phoneNumber").
const FieldPath = "phoneNumber"

// MaxLength is the API's field limit, the library's one limit: 255 characters counted
// in UTF-16 code units, as the API's TypeScript schema counts them (a character
// outside the Basic Multilingual Plane, such as an emoji, counts 2; a byte of invalid
// UTF-8 counts 1). Longer input is rejected with ErrTooLong before any other work,
// trimming included.
const MaxLength = field.Limit

// kind is the type of the sentinel errors. Its message never contains a digit, so an
// *Error's message cannot leak any part of a phone number.
type kind struct {
	i    uint8 // index in strictKinds and lenientKinds
	code string
	msg  string
}

func (k *kind) Error() string { return "phone: " + k.msg }

// The sentinel errors, one per stable code. Every error returned by this package is an
// *Error that wraps exactly one of them: test with errors.Is, or read (*Error).Code.
var (
	// ErrTooLong (code phone_too_long): the input is longer than MaxLength characters
	// (UTF-16 code units).
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
	// ErrInvalidString (code invalid_string): the input is not valid text: invalid
	// UTF-8 (never repaired) or U+0000. It is the same value as every other package's
	// ErrInvalidString.
	ErrInvalidString = field.ErrInvalidString
)

var (
	errTooLong     = &kind{0, "phone_too_long", "input longer than the field limit"}
	errEmpty       = &kind{1, "phone_empty", "empty"}
	errCharacters  = &kind{2, "phone_characters", "character not allowed in a phone number"}
	errCountryCode = &kind{3, "phone_country_code", "country code is not NANP's"}
	errLength      = &kind{4, "phone_length", "wrong number of digits"}
	errFormat      = &kind{5, "phone_format", "not an accepted format"}
	errAreaCode    = &kind{6, "phone_area_code", "invalid or unassigned area code"}
	errExchange    = &kind{7, "phone_exchange", "invalid exchange code"}
)

// kindInvalid is not a *kind: its sentinel is the library's ErrInvalidString.
var kindInvalid = &field.Kind{Code: field.CodeInvalidString, Path: FieldPath, Expected: field.ExpectedText, Err: ErrInvalidString}

// The Expected texts. They may contain digits: they describe the rule, not the input.
const (
	expectStrict  = "+1XXXXXXXXXX, XXXXXXXXXX or (XXX) XXX-XXXX"
	expectLenient = "10 digits in groups of 3, 3 and 4, optionally preceded by 1 or +1, with at most one space, hyphen or dot between groups and optional parentheses around the area code"
)

// The error kinds of Parse (strict) and ParseLenient, by kind.i: they differ only
// in what they expect.
var (
	strictKinds  = kindTable(expectStrict)
	lenientKinds = kindTable(expectLenient)
)

func kindTable(format string) *[8]field.Kind {
	k := func(s *kind, expected string) field.Kind {
		return field.Kind{Code: s.code, Path: FieldPath, Expected: expected, Err: s}
	}
	return &[8]field.Kind{
		k(errTooLong, field.ExpectedLen),
		k(errEmpty, format),
		k(errCharacters, format),
		k(errCountryCode, "country code +1 (NANP) or none"),
		k(errLength, "10 digits after the optional country code 1"),
		k(errFormat, format),
		k(errAreaCode, "an assigned NANP area code: NXX with N in 2-9, not N11, listed in the area-code table"),
		k(errExchange, "an exchange NXX with N in 2-9, not N11"),
	}
}

// Error is the error returned by Parse, ParseLenient and UnmarshalText. It wraps one of
// the sentinel errors (errors.Is) and carries what the API's validation error needs:
// Field, Code, Expected and Received, from the embedded core.
//
// Error() never contains the input nor any digit: a phone number is PII, so the received
// value is only available through Received. Received is the input exactly as given,
// untrimmed (PII: log it only where phone numbers may be logged), except for input
// over the limit, described by its length ("300 characters"), and text that is not
// valid, described by its fault ("invalid UTF-8 at byte 4").
type Error struct {
	field.Core
}

// newError returns the error of kind k for input s.
func newError(k *kind, s string, lenient bool) *Error {
	t := strictKinds
	if lenient {
		t = lenientKinds
	}
	if k == errTooLong {
		return &Error{field.TooLongCore(&t[k.i], s)}
	}
	if k == errCharacters && !field.ValidText(s) {
		return &Error{field.New(kindInvalid, field.DescribeInvalid(s, false))}
	}
	return &Error{field.New(&t[k.i], s)}
}

// Error returns a message that names the problem without quoting the input. It has a
// value receiver so that an Error value, not only a pointer, prints this message with
// fmt's %v and %s rather than its fields.
func (e Error) Error() string {
	switch k := e.Kind(); {
	case k == nil:
		return "phone: invalid phone number"
	case k == kindInvalid:
		return "phone: not valid text"
	default:
		return k.Err.Error()
	}
}

// GoString implements fmt.GoStringer so that %#v, which would otherwise print the
// fields, shows the code and hides the received value (PII).
func (e Error) GoString() string {
	return `&phone.Error{Code: "` + e.Code() + `", Received: <redacted>}`
}
