package api

import (
	"errors"
	"strconv"
	"strings"
)

// Codes of the issues an endpoint reports itself, for the request's shape
// and the API's schema. The rule packages' errors keep their own codes
// (phone_length, dob_format, ...).
const (
	IssueInvalidType = "invalid_type"       // wrong JSON type, or a required field absent or null
	IssueTooSmall    = "too_small"          // an empty array, a blank required string
	IssueTooBig      = "too_big"            // too many items, a string too long, a number out of range
	IssueInvalidEnum = "invalid_enum_value" // a string that is not one of the allowed values
	IssueUnknown     = "invalid_value"      // an error that is not a FieldError (never expected)
)

// MaxIssues is the most issues a VALIDATION_ERROR body lists. The message
// gives the total, so a client knows when the list is cut.
const MaxIssues = 100

// ErrValidation is the sentinel every *ValidationError matches with
// errors.Is.
var ErrValidation = errors.New("request failed validation")

// Issue is one entry of a VALIDATION_ERROR body's errors: the field's path
// as an array of segments (["records", "3", "phoneNumber"]; array indexes
// are strings), a message that never holds a phone number or a date of
// birth, what was expected, what was received (a description such as "300
// characters" or "number", or a short value) and a stable snake_case code.
type Issue struct {
	Path     []string `json:"path"`
	Message  string   `json:"message"`
	Expected string   `json:"expected"`
	Received string   `json:"received"`
	Code     string   `json:"code"`
}

// FailedRecord is one entry of a VALIDATION_ERROR body's failedRecords: the
// index of a record with at least one issue and the values it was sent with
// (null when not sent), so that a caller can find it.
type FailedRecord struct {
	Index       int     `json:"index"`
	PhoneNumber *string `json:"phoneNumber"`
	FirstName   *string `json:"firstName"`
	LastName    *string `json:"lastName"`
	ExternalID  *string `json:"externalId"`
}

// ValidationError is the API's VALIDATION_ERROR body; its JSON encoding is
// the body. It rejects the whole request: nothing is matched or written.
// Errors never holds more than MaxIssues issues; FailedRecords is never nil
// (an endpoint without records sends []).
type ValidationError struct {
	Message       string         `json:"message"`
	Code          ErrorCode      `json:"code"`
	Errors        []Issue        `json:"errors"`
	FailedRecords []FailedRecord `json:"failedRecords"`
}

// NewValidationError returns the VALIDATION_ERROR body for issues, in the
// order given, and the failed records, or nil when there are no issues.
// The message counts every issue and failed record ("Validation failed: 25
// issues in 7 records"); when there are more than MaxIssues issues, only the
// first MaxIssues are listed and the message says so.
func NewValidationError(issues []Issue, failed []FailedRecord) *ValidationError {
	if len(issues) == 0 {
		return nil
	}
	if failed == nil {
		failed = []FailedRecord{}
	}
	msg := CodeValidation.Message() + ": " + count(len(issues), "issue")
	if len(failed) > 0 {
		msg += " in " + count(len(failed), "record")
	}
	if len(issues) > MaxIssues {
		issues = issues[:MaxIssues:MaxIssues]
		msg += " (the first " + strconv.Itoa(MaxIssues) + " are listed)"
	}
	return &ValidationError{Message: msg, Code: CodeValidation, Errors: issues, FailedRecords: failed}
}

func count(n int, noun string) string {
	s := strconv.Itoa(n) + " " + noun
	if n != 1 {
		s += "s"
	}
	return s
}

// Error returns the body's message, which counts issues and records and
// never holds a value.
func (e *ValidationError) Error() string { return e.Message }

// Is reports whether target is ErrValidation.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// Status returns the HTTP status code the body is sent with (422).
func (e *ValidationError) Status() int { return e.Code.Status() }

// FieldError is the method set of every rule package's errors: Field is the
// API field's name ("phoneNumber") or dotted path
// ("records.3.externalId"), Code a stable snake_case code, Expected what the
// rule expects and Received a description of what it got. Error() never
// holds a phone number or a date of birth.
type FieldError interface {
	error
	Field() string
	Code() string
	Expected() string
	Received() string
}

// IssueFrom maps an error of any rule package, wrapped or not, onto an
// Issue with one errors.As on FieldError. The error's field is split on
// dots and appended to prefix, the path of the object the field belongs to
// (["records", "2"] for a record's field; nil when the error's field is a
// full path). An error that is not a FieldError becomes an issue at prefix
// with code invalid_value, and its text is not used.
func IssueFrom(prefix []string, err error) Issue {
	var fe FieldError
	if !errors.As(err, &fe) {
		return Issue{Path: AppendPath(prefix), Message: "invalid value", Code: IssueUnknown}
	}
	var path []string
	if f := fe.Field(); f != "" {
		path = AppendPath(prefix, strings.Split(f, ".")...)
	} else {
		path = AppendPath(prefix)
	}
	return Issue{Path: path, Message: Message(fe.Error(), fe.Field()), Expected: fe.Expected(), Received: fe.Received(), Code: fe.Code()}
}

// Message returns a library error's text as an API message: without the Go
// package name the library's errors start with ("phone: not an accepted
// format" is "not an accepted format"), since a client sees the API, not the
// library's packages, and without a leading repeat of the issue's field
// ("postalCode: ZIP code ..."), which the issue's path already gives; an
// empty field strips only the package name. IssueFrom and the sync
// response's record errors use it.
func Message(msg, field string) string {
	if field != "" && len(msg) > len(field)+2 && strings.HasPrefix(msg, field) && strings.HasPrefix(msg[len(field):], ": ") {
		return msg[len(field)+2:]
	}
	i := 0
	for i < len(msg) && 'a' <= msg[i] && msg[i] <= 'z' {
		i++
	}
	if i > 0 && strings.HasPrefix(msg[i:], ": ") && len(msg) > i+2 {
		return msg[i+2:]
	}
	return msg
}

// AppendPath returns a new path, path followed by segs; it never shares
// path's memory, so two issues never alias one path. The result is never
// nil: a request-level issue has the path [].
func AppendPath(path []string, segs ...string) []string {
	out := make([]string, 0, len(path)+len(segs))
	return append(append(out, path...), segs...)
}

// RecordIndex returns the record index an issue's path names (3 for
// ["records", "3", "phoneNumber"]), and false for a path outside records.
func RecordIndex(path []string) (int, bool) {
	if len(path) < 2 || path[0] != "records" {
		return 0, false
	}
	i, err := strconv.Atoi(path[1])
	return i, err == nil && i >= 0
}

// NewValidationErrorTotal is NewValidationError for a decoder that keeps
// only the first MaxIssues issues and counts the rest: total is the number
// of issues found (at least len(issues)), and the message counts it.
func NewValidationErrorTotal(issues []Issue, total int, failed []FailedRecord) *ValidationError {
	e := NewValidationError(issues, failed)
	if e == nil || total <= len(issues) {
		return e
	}
	e.Message = CodeValidation.Message() + ": " + count(total, "issue")
	if len(failed) > 0 {
		e.Message += " in " + count(len(failed), "record")
	}
	e.Message += " (the first " + strconv.Itoa(len(e.Errors)) + " are listed)"
	return e
}
