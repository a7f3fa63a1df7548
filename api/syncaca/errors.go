package syncaca

import (
	"errors"

	"github.com/carecycle/carerules/api"
)

// Codes of the issues this package reports itself, besides the API's
// (api.IssueInvalidType, api.IssueTooSmall, api.IssueTooBig,
// api.IssueInvalidEnum). Errors of the rule packages (phone, dob, timezone,
// plancode, carrier, termination, matching) keep their own codes.
const (
	CodeDuplicatePolicy = "duplicate_policy_identifier" // two policies of one record share an identifier
	CodeDuplicateCustom = "duplicate_custom_field"      // two custom fields of one record share a key
)

// BodyFor returns the error body for a Decode or Check error that is not an
// *api.ValidationError: a body that is not JSON (ErrSyntax) is 400
// INVALID_JSON, a body over MaxBodySize (ErrTooLarge) is 413
// PAYLOAD_TOO_LARGE. The message is the API's, with the detail (a byte
// offset or the limit), never a byte of the body. It returns false for any
// other error.
func BodyFor(err error) (api.ErrorBody, bool) {
	var be *bodyError
	if !errors.As(err, &be) {
		return api.ErrorBody{}, false
	}
	return api.ErrorBody{Message: be.code.Message() + ": " + be.detail, Code: be.code}, true
}

// bodyError is a body Decode cannot read as JSON: it wraps ErrSyntax or
// ErrTooLarge, and its detail never quotes the body.
type bodyError struct {
	sentinel error
	code     api.ErrorCode
	detail   string
}

func (e *bodyError) Error() string { return e.sentinel.Error() + ": " + e.detail }
func (e *bodyError) Unwrap() error { return e.sentinel }

// issueList collects issues.
type issueList []api.Issue

func (l *issueList) add(is api.Issue) { *l = append(*l, is) }

// err returns the VALIDATION_ERROR body for the collected issues, or nil;
// req (possibly nil) gives the failed records' identifying values.
func (l issueList) err(req *Request) *api.ValidationError {
	if len(l) == 0 {
		return nil
	}
	seen := map[int]bool{}
	var failed []api.FailedRecord
	for _, is := range l {
		i, ok := api.RecordIndex(is.Path)
		if !ok || seen[i] {
			continue
		}
		seen[i] = true
		fr := api.FailedRecord{Index: i}
		if req != nil && i < len(req.Records) {
			r := &req.Records[i]
			fr.PhoneNumber, fr.FirstName, fr.LastName, fr.ExternalID = textPtr(r.PhoneNumber), textPtr(r.FirstName), textPtr(r.LastName), textPtr(r.ExternalID)
		}
		failed = append(failed, fr)
	}
	sortFailed(failed)
	return api.NewValidationError(l, failed)
}

func sortFailed(f []api.FailedRecord) {
	// insertion sort: at most matching.MaxRecords entries, usually a handful
	for i := 1; i < len(f); i++ {
		for j := i; j > 0 && f[j].Index < f[j-1].Index; j-- {
			f[j], f[j-1] = f[j-1], f[j]
		}
	}
}

func textPtr(t Field) *string {
	if t.Presence != Given {
		return nil
	}
	v := t.Value
	return &v
}

// recordOf is the index of the record an issue belongs to, or -1 for a
// request-level issue.
func recordOf(is api.Issue) int {
	if i, ok := api.RecordIndex(is.Path); ok {
		return i
	}
	return -1
}
