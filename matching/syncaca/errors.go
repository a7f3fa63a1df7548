package syncaca

import (
	"errors"
	"strconv"
	"strings"
)

// Codes of the errors this package reports itself. Errors of the rule
// packages (phone, dob, timezone, plancode, carrier, termination, matching)
// keep their own codes.
const (
	CodeValidation       = "VALIDATION_ERROR" // the body's code
	CodeInvalidJSON      = "INVALID_JSON"     // the code of an ErrorBody for a body that is not JSON (ErrSyntax)
	CodeInvalidType      = "invalid_type"     // wrong JSON type, or a required field absent or null
	CodeTooSmall         = "too_small"        // no records; a blank required name; an empty custom field key
	CodeTooBig           = "too_big"          // too many records, policies or custom fields; a field too long
	CodeInvalidEnum      = "invalid_enum_value"
	CodeDuplicatePolicy  = "duplicate_policy_identifier"
	CodeDuplicateCustom  = "duplicate_custom_field"
	codeUnknownLibrary   = "invalid_value" // a library error without the shared method set (never expected)
	validationMessageFmt = "Validation failed: "
)

// ErrorBody is the API's plain error body, {"message", "code"}, for a
// request that fails before validation.
type ErrorBody struct {
	Message string `json:"message"`
	Code    string `json:"code"`
}

// BodyFor returns the error body for a Decode or Check error that is not a
// *ValidationError: a body that is not JSON (ErrSyntax) has code
// INVALID_JSON. It returns false for any other error.
func BodyFor(err error) (ErrorBody, bool) {
	if errors.Is(err, ErrSyntax) {
		return ErrorBody{Message: err.Error(), Code: CodeInvalidJSON}, true
	}
	return ErrorBody{}, false
}

// ErrValidation is the sentinel a *ValidationError matches with errors.Is.
var ErrValidation = errors.New("syncaca: request failed validation")

// Issue is one entry of the API's VALIDATION_ERROR errors[]: the field path
// as an array of segments (["records", "3", "phoneNumber"]), a message that
// never holds a phone number or a date of birth, what was expected, what was
// received, and a stable snake_case code.
type Issue struct {
	Path     []string `json:"path"`
	Message  string   `json:"message"`
	Expected string   `json:"expected"`
	Received string   `json:"received"`
	Code     string   `json:"code"`
}

// FailedRecord is one entry of the API's failedRecords[]: the index of a
// record with at least one issue and the values it was sent with (null when
// not sent), so that a caller can find it.
type FailedRecord struct {
	Index       int     `json:"index"`
	PhoneNumber *string `json:"phoneNumber"`
	FirstName   *string `json:"firstName"`
	LastName    *string `json:"lastName"`
	ExternalID  *string `json:"externalId"`
}

// ValidationError is the API's VALIDATION_ERROR body. It rejects the whole
// request: nothing is matched or written. Its JSON encoding is the body.
type ValidationError struct {
	Message       string         `json:"message"`
	Code          string         `json:"code"`
	Errors        []Issue        `json:"errors"`
	FailedRecords []FailedRecord `json:"failedRecords"`
}

// Error returns the message, which names the number of issues and records,
// never a value.
func (e *ValidationError) Error() string { return "syncaca: " + e.Message }

// Is reports whether target is ErrValidation.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// FieldError is the method set every carerules error implements (Field, Code,
// Expected, Received); IssueFrom maps any of them onto an Issue with one
// errors.As.
type FieldError interface {
	error
	Field() string
	Code() string
	Expected() string
	Received() string
}

// IssueFrom maps an error of any carerules package onto the API's issue.
// The error's field path (a field name such as "phoneNumber", or a dotted
// path such as "records.3.externalId") is split on dots; a path that does not
// start with "records" is appended to prefix (the record's or policy's path).
// The message is the error's Error(), which every package keeps free of phone
// numbers and dates of birth.
func IssueFrom(prefix []string, err error) Issue {
	var fe FieldError
	if !errors.As(err, &fe) {
		return Issue{Path: prefix, Message: "invalid value", Code: codeUnknownLibrary}
	}
	path := prefix
	if f := fe.Field(); f != "" {
		segs := strings.Split(f, ".")
		if segs[0] == "records" {
			path = segs
		} else {
			path = appendPath(prefix, segs...)
		}
	}
	return Issue{Path: path, Message: fe.Error(), Expected: fe.Expected(), Received: fe.Received(), Code: fe.Code()}
}

// issueList collects issues.
type issueList []Issue

func (l *issueList) add(is Issue) { *l = append(*l, is) }

// err returns the ValidationError for the collected issues; req (possibly
// nil) gives the failed records' identifying values.
func (l issueList) err(req *Request) *ValidationError {
	if len(l) == 0 {
		return nil
	}
	seen := map[int]bool{}
	var failed []FailedRecord
	for _, is := range l {
		if len(is.Path) < 2 || is.Path[0] != "records" {
			continue
		}
		i, err := strconv.Atoi(is.Path[1])
		if err != nil || seen[i] {
			continue
		}
		seen[i] = true
		fr := FailedRecord{Index: i}
		if req != nil && i < len(req.Records) {
			r := &req.Records[i]
			fr.PhoneNumber, fr.FirstName, fr.LastName, fr.ExternalID = textPtr(r.PhoneNumber), textPtr(r.FirstName), textPtr(r.LastName), textPtr(r.ExternalID)
		}
		failed = append(failed, fr)
	}
	sortFailed(failed)
	if failed == nil {
		failed = []FailedRecord{}
	}
	msg := validationMessageFmt + strconv.Itoa(len(l)) + " issue"
	if len(l) != 1 {
		msg += "s"
	}
	if len(failed) > 0 {
		msg += " in " + strconv.Itoa(len(failed)) + " record"
		if len(failed) != 1 {
			msg += "s"
		}
	}
	return &ValidationError{Message: msg, Code: CodeValidation, Errors: l, FailedRecords: failed}
}

func sortFailed(f []FailedRecord) {
	// insertion sort: at most MaxRecords entries, usually a handful
	for i := 1; i < len(f); i++ {
		for j := i; j > 0 && f[j].Index < f[j-1].Index; j-- {
			f[j], f[j-1] = f[j-1], f[j]
		}
	}
}

func textPtr(t Text) *string {
	if t.Presence != Given {
		return nil
	}
	v := t.Value
	return &v
}
