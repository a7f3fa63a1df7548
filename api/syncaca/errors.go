package syncaca

import (
	"errors"
	"strconv"
	"unicode/utf8"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/internal/field"
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

// add appends is. A received value longer than the field limit is never
// echoed: it is described by its length, whatever package reported it.
func (l *issueList) add(is api.Issue) {
	if len(is.Received) > MaxLen {
		if n := field.Len(is.Received); n > MaxLen {
			is.Received = strconv.Itoa(n) + " characters"
		}
	}
	*l = append(*l, is)
}

// err returns the VALIDATION_ERROR body for the collected issues, or nil;
// req (possibly nil) gives the failed records' identifying values.
func (l issueList) err(req *Request) *api.ValidationError { return l.errTotal(req, len(l), nil) }

// errTotal is err for a list that holds the first issues of total; more
// lists the indexes of failed records whose issues may be past the list.
func (l issueList) errTotal(req *Request, total int, more []int) *api.ValidationError {
	if len(l) == 0 {
		return nil
	}
	seen := map[int]bool{}
	var failed []api.FailedRecord
	add := func(i int) {
		if seen[i] {
			return
		}
		seen[i] = true
		fr := api.FailedRecord{Index: i}
		if req != nil && i < len(req.Records) {
			r := &req.Records[i]
			fr.PhoneNumber, fr.FirstName, fr.LastName, fr.ExternalID = textPtr(r.PhoneNumber), textPtr(r.FirstName), textPtr(r.LastName), textPtr(r.ExternalID)
		}
		failed = append(failed, fr)
	}
	for _, is := range l {
		if i, ok := api.RecordIndex(is.Path); ok {
			add(i)
		}
	}
	for _, i := range more {
		add(i)
	}
	sortFailed(failed)
	return api.NewValidationErrorTotal(l, total, failed)
}

func sortFailed(f []api.FailedRecord) {
	// insertion sort: at most matching.MaxRecords entries, usually a handful
	for i := 1; i < len(f); i++ {
		for j := i; j > 0 && f[j].Index < f[j-1].Index; j-- {
			f[j], f[j-1] = f[j-1], f[j]
		}
	}
}

// textPtr returns a failed record's echoed value: nil when not sent (or
// sent as something that is not valid text), cut to the field limit (MaxLen
// UTF-16 units) when longer, so that a failed record never repeats a 15 MB
// value.
func textPtr(t Field) *string {
	if t.Presence != Given && (t.Presence != Invalid || t.Value == "") {
		return nil // not sent, or not text that may be echoed (a wrong type, invalid text)
	}
	v := cutUTF16(t.Value, MaxLen)
	return &v
}

// cutUTF16 returns the longest prefix of s, on a character boundary, of at
// most limit UTF-16 code units, as field.Len counts them.
func cutUTF16(s string, limit int) string {
	if field.Len(s) <= limit {
		return s
	}
	// A code unit takes at most 3 bytes: the answer is within the first
	// 3*limit bytes. Cut there on a character boundary, then drop one
	// character at a time from the end.
	n := min(len(s), 3*limit)
	for n > 0 && n < len(s) && !utf8.RuneStart(s[n]) {
		n--
	}
	p := s[:n]
	for field.Len(p) > limit {
		_, size := utf8.DecodeLastRuneInString(p)
		p = p[:len(p)-size]
	}
	return p
}

// recordOf is the index of the record an issue belongs to, or -1 for a
// request-level issue.
func recordOf(is api.Issue) int {
	if i, ok := api.RecordIndex(is.Path); ok {
		return i
	}
	return -1
}
