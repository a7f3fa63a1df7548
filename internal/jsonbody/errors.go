package jsonbody

import (
	"errors"
	"strconv"
)

// Issue codes. They are the API's (the validation library of its schema
// uses the same words), plus invalid_string for text that is not valid
// Unicode or holds a forbidden control character.
const (
	CodeInvalidType   = "invalid_type"
	CodeTooSmall      = "too_small"
	CodeTooBig        = "too_big"
	CodeInvalidEnum   = "invalid_enum_value"
	CodeInvalidString = "invalid_string"
)

// MaxIssues is the number of issues a decode keeps; Result.Total counts
// them all.
const MaxIssues = 100

// Issue is one problem of the body's shape: the field path as segments
// (["records", "3", "phoneNumber"]), a message, what was expected, what was
// received (a type or a length, never the value, except a short enum miss)
// and a stable snake_case code.
type Issue struct {
	Path     []string
	Message  string
	Expected string
	Received string
	Code     string
}

// Result is a decoded body: the top-level object and its issues.
type Result struct {
	// Object is the body's object; its Values are nil when the body is not
	// an object.
	Object Object
	// Issues holds the first MaxIssues issues, in the order of the body.
	Issues []Issue
	// Total counts every issue, including those past MaxIssues.
	Total int
	// Failed lists, in increasing order, the index of every item of the
	// body's top-level array fields (the records) that has an issue,
	// including issues past MaxIssues, so that a caller can list every
	// failed item.
	Failed []int
}

// ErrSyntax is the sentinel a *SyntaxError matches with errors.Is.
var ErrSyntax = errors.New("request body is not valid JSON")

// ErrNotObject is returned by Decode when the body is JSON but not an
// object (the API answers it as it answers a body that is not JSON).
var ErrNotObject = errors.New("request body is not a JSON object")

// ErrTooLarge is returned by ReadAll when the body is over its limit.
var ErrTooLarge = errors.New("request body is too large")

// SyntaxError reports a body that is not JSON. It names the byte offset of
// the problem, never the bytes around it (which may hold a phone number).
type SyntaxError struct {
	Offset int    // the byte offset at which the body stops being JSON
	Msg    string // what is wrong, without any of the body's bytes
}

// Error says what is wrong and where, never quoting the body.
func (e *SyntaxError) Error() string {
	return "request body is not valid JSON: " + e.Msg + " at byte offset " + strconv.Itoa(e.Offset)
}

// Is reports whether target is ErrSyntax.
func (e *SyntaxError) Is(target error) bool { return target == ErrSyntax }
