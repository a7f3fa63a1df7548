package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/carecycle/carerules/phone"
	"github.com/carecycle/carerules/plancode"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestErrorCodeStatus pins the status of every error code, as the API
// defines them.
func TestErrorCodeStatus(t *testing.T) {
	for _, c := range []struct {
		code   ErrorCode
		status int
	}{
		{CodeInvalidJSON, 400},
		{CodeUnauthorized, 401},
		{CodeForbidden, 403},
		{CodeNotFound, 404},
		{CodePayloadTooLarge, 413},
		{CodeValidation, 422},
		{CodeRateLimited, 429},
		{CodeInternal, 500},
		{ErrorCode("SOMETHING_ELSE"), 500},
	} {
		assert.Equal(t, c.status, c.code.Status(), c.code)
		assert.Equal(t, c.status, NewErrorBody(c.code).Status(), c.code)
	}
}

// TestMessagesInAPIWords: every default message is a sentence of the API,
// never a Go package prefix ("syncaca: ...") and never empty; the
// INTERNAL_ERROR message is the same for unknown codes (no detail leaks).
func TestMessagesInAPIWords(t *testing.T) {
	seen := map[string]ErrorCode{}
	for _, c := range []ErrorCode{CodeInvalidJSON, CodeUnauthorized, CodeForbidden, CodeNotFound, CodePayloadTooLarge, CodeValidation, CodeRateLimited, CodeInternal} {
		m := c.Message()
		require.NotEmpty(t, m, c)
		assert.NotContains(t, m, ":", "%s: a message never starts with a package prefix", c)
		assert.Equal(t, strings.ToUpper(m[:1]), m[:1], "%s: a message is a sentence", c)
		if other, dup := seen[m]; dup {
			t.Errorf("%s and %s share the message %q", c, other, m)
		}
		seen[m] = c
	}
	assert.Equal(t, CodeInternal.Message(), ErrorCode("db: connection refused").Message())
}

func TestErrorBodyJSON(t *testing.T) {
	b, err := json.Marshal(NewErrorBody(CodeNotFound))
	require.NoError(t, err)
	assert.JSONEq(t, `{"message": "Resource not found", "code": "NOT_FOUND"}`, string(b))
}

// TestRetryAfterWholeSeconds: retryAfter is in seconds, rounded up, at
// least 1.
func TestRetryAfterWholeSeconds(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want int
	}{
		{-time.Second, 1},
		{0, 1},
		{time.Nanosecond, 1},
		{time.Second, 1},
		{time.Second + time.Nanosecond, 2},
		{1500 * time.Millisecond, 2},
		{2 * time.Second, 2},
		{time.Minute, 60},
	} {
		assert.Equal(t, c.want, RetryAfterSeconds(c.d), c.d)
	}
	b, err := json.Marshal(RateLimited(30 * time.Second))
	require.NoError(t, err)
	assert.JSONEq(t, `{"message": "Too many requests", "code": "RATE_LIMITED", "retryAfter": 30}`, string(b))
	assert.Equal(t, http.StatusTooManyRequests, RateLimited(time.Second).Status())
}

func issues(n int) []Issue {
	out := make([]Issue, n)
	for i := range out {
		out[i] = Issue{Path: []string{"records", strconv.Itoa(i), "firstName"}, Code: IssueTooBig}
	}
	return out
}

func TestNewValidationError(t *testing.T) {
	assert.Nil(t, NewValidationError(nil, nil), "no issues: no error")

	e := NewValidationError(issues(1), nil)
	require.NotNil(t, e)
	assert.Equal(t, "Validation failed: 1 issue", e.Message)
	assert.Equal(t, CodeValidation, e.Code)
	assert.Equal(t, []FailedRecord{}, e.FailedRecords, "never null in the body")
	assert.Equal(t, 422, e.Status())

	e = NewValidationError(issues(25), make([]FailedRecord, 7))
	assert.Equal(t, "Validation failed: 25 issues in 7 records", e.Message)
	assert.Len(t, e.Errors, 25)

	e = NewValidationError(issues(2), make([]FailedRecord, 1))
	assert.Equal(t, "Validation failed: 2 issues in 1 record", e.Message)
}

// TestAtMostMaxIssues: a body lists at most 100 issues, the first ones, and
// its message gives the total.
func TestAtMostMaxIssues(t *testing.T) {
	for _, c := range []struct {
		n, listed int
		msg       string
	}{
		{99, 99, "Validation failed: 99 issues in 3 records"},
		{100, 100, "Validation failed: 100 issues in 3 records"},
		{101, 100, "Validation failed: 101 issues in 3 records (the first 100 are listed)"},
		{5000, 100, "Validation failed: 5000 issues in 3 records (the first 100 are listed)"},
	} {
		all := issues(c.n)
		e := NewValidationError(all, make([]FailedRecord, 3))
		require.Len(t, e.Errors, c.listed, c.n)
		assert.Equal(t, all[:c.listed], e.Errors, c.n)
		assert.Equal(t, c.msg, e.Message)
		if c.n > MaxIssues {
			e.Errors = append(e.Errors, Issue{Code: "appended"})
			assert.NotEqual(t, "appended", all[MaxIssues].Code, "the listed issues do not alias the caller's tail")
		}
	}
}

func TestValidationErrorIs(t *testing.T) {
	var err error = NewValidationError(issues(1), nil)
	assert.ErrorIs(t, err, ErrValidation)
	assert.ErrorIs(t, fmt.Errorf("wrapped: %w", err), ErrValidation)
	assert.NotErrorIs(t, errors.New("other"), ErrValidation)
	assert.Equal(t, "Validation failed: 1 issue", err.Error())
}

// fieldErr is a FieldError as a rule package builds one.
type fieldErr struct{ field, code, exp, rec string }

func (e *fieldErr) Error() string    { return "the field is wrong" }
func (e *fieldErr) Field() string    { return e.field }
func (e *fieldErr) Code() string     { return e.code }
func (e *fieldErr) Expected() string { return e.exp }
func (e *fieldErr) Received() string { return e.rec }

// TestIssueFromPath: the error's field, split on dots, follows the prefix.
func TestIssueFromPath(t *testing.T) {
	for _, c := range []struct {
		name   string
		prefix []string
		err    error
		want   []string
	}{
		{"field of a record", []string{"records", "2"}, &fieldErr{field: "phoneNumber"}, []string{"records", "2", "phoneNumber"}},
		{"full path, no prefix", nil, &fieldErr{field: "records.3.externalId"}, []string{"records", "3", "externalId"}},
		{"field of a policy", []string{"records", "0", "policies", "1"}, &fieldErr{field: "status"}, []string{"records", "0", "policies", "1", "status"}},
		{"top-level field", nil, &fieldErr{field: "planCode"}, []string{"planCode"}},
		{"no field: the prefix", []string{"records", "4"}, &fieldErr{}, []string{"records", "4"}},
		{"no field, no prefix: the request", nil, &fieldErr{}, []string{}},
		{"wrapped", []string{"records", "1"}, fmt.Errorf("context: %w", &fieldErr{field: "dateOfBirth"}), []string{"records", "1", "dateOfBirth"}},
		{"joined", nil, errors.Join(errors.New("plain"), &fieldErr{field: "carrierName"}), []string{"carrierName"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			is := IssueFrom(c.prefix, c.err)
			assert.Equal(t, c.want, is.Path)
		})
	}
}

func TestIssueFromFields(t *testing.T) {
	is := IssueFrom(nil, &fieldErr{field: "phoneNumber", code: "phone_length", exp: "10 digits", rec: "7 digits"})
	assert.Equal(t, Issue{Path: []string{"phoneNumber"}, Message: "the field is wrong", Expected: "10 digits", Received: "7 digits", Code: "phone_length"}, is)
}

// TestRuleAPIWords: an issue's message is in the API's words, never
// starting with the Go package name of the rule package that built it.
func TestRuleAPIWords(t *testing.T) {
	_, errPhone := phone.Parse("12")
	_, errCode := plancode.Canonical("MA", "S1234-001-000")
	for _, c := range []struct {
		err  error
		want string
	}{
		{&msgErr{"phone: not an accepted format"}, "not an accepted format"},
		{&msgErr{"matching: records.3.externalId: ambiguous_customer"}, "records.3.externalId: ambiguous_customer"},
		{&msgErr{"Already an API message"}, "Already an API message"},
		{&msgErr{"x:"}, "x:"},
		{&msgErr{""}, ""},
		{&msgErr{"f: the field's own name first"}, "the field's own name first"},
	} {
		assert.Equal(t, c.want, IssueFrom(nil, c.err).Message)
	}
	for _, err := range []error{errPhone, errCode} {
		msg := IssueFrom(nil, err).Message
		assert.NotRegexp(t, `^[a-z]+: `, msg, "the rule package's error %q", err.Error())
		assert.NotEmpty(t, msg)
	}
}

// msgErr is a FieldError with a given text.
type msgErr struct{ msg string }

func (e *msgErr) Error() string    { return e.msg }
func (e *msgErr) Field() string    { return "f" }
func (e *msgErr) Code() string     { return "c" }
func (e *msgErr) Expected() string { return "" }
func (e *msgErr) Received() string { return "" }

// TestIssueFromUnknownError: an error without the method set is reported at
// the prefix with code invalid_value, and its text (which may hold anything)
// is not echoed.
func TestIssueFromUnknownError(t *testing.T) {
	is := IssueFrom([]string{"records", "0"}, errors.New("+13125550104 is bad"))
	assert.Equal(t, IssueUnknown, is.Code)
	assert.Equal(t, []string{"records", "0"}, is.Path)
	assert.NotContains(t, is.Message, "3125550104")
}

// TestIssueFromNoAliasing: two issues built on one prefix never share
// memory.
func TestIssueFromNoAliasing(t *testing.T) {
	prefix := make([]string, 2, 8)
	prefix[0], prefix[1] = "records", "0"
	a := IssueFrom(prefix, &fieldErr{field: "firstName"})
	b := IssueFrom(prefix, &fieldErr{field: "lastName"})
	assert.Equal(t, []string{"records", "0", "firstName"}, a.Path)
	assert.Equal(t, []string{"records", "0", "lastName"}, b.Path)
}

func TestRecordIndex(t *testing.T) {
	for _, c := range []struct {
		path []string
		i    int
		ok   bool
	}{
		{[]string{"records", "3", "phoneNumber"}, 3, true},
		{[]string{"records", "0"}, 0, true},
		{[]string{"records"}, 0, false},
		{[]string{"records", "x"}, 0, false},
		{[]string{"records", "-1"}, 0, false},
		{[]string{"planCode"}, 0, false},
		{nil, 0, false},
	} {
		i, ok := RecordIndex(c.path)
		assert.Equal(t, c.ok, ok, c.path)
		if c.ok {
			assert.Equal(t, c.i, i, c.path)
		}
	}
}

// TestIssueJSON: the issue's JSON shape is the API's: path is an array of
// strings.
func TestIssueJSON(t *testing.T) {
	e := NewValidationError([]Issue{{Path: []string{"records", "0", "phoneNumber"}, Message: "m", Expected: "e", Received: "r", Code: "c"}},
		[]FailedRecord{{Index: 0}})
	b, err := json.Marshal(e)
	require.NoError(t, err)
	assert.JSONEq(t, `{"message": "Validation failed: 1 issue in 1 record", "code": "VALIDATION_ERROR",
		"errors": [{"path": ["records", "0", "phoneNumber"], "message": "m", "expected": "e", "received": "r", "code": "c"}],
		"failedRecords": [{"index": 0, "phoneNumber": null, "firstName": null, "lastName": null, "externalId": null}]}`, string(b))
}
