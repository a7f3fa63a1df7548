// Package api holds the shapes every endpoint of the carerules API shares:
// the error bodies, their HTTP status codes and messages, and the mapping
// from a rule package's field error onto an entry of a VALIDATION_ERROR
// body. The endpoints themselves live in sub-packages (syncaca is
// POST /v2/sync/aca); an HTTP handler imports this package to write the
// bodies.
//
// # Error bodies
//
// An endpoint answers a failed request with one of three bodies:
//
//   - ErrorBody, {"message", "code"}: a body that is not JSON (400
//     INVALID_JSON), a body over the size limit (413 PAYLOAD_TOO_LARGE), no
//     API key or one that does not start with "cc_" (401 UNAUTHORIZED), a key
//     the host refused (403 FORBIDDEN), a resource that does not exist (404
//     NOT_FOUND) and any failure of the host (500 INTERNAL_ERROR, whose
//     message never carries internal detail).
//   - RateLimitedBody, {"message", "code", "retryAfter"}: the host's rate
//     limiter refused the request (429 RATE_LIMITED); retryAfter is in whole
//     seconds.
//   - ValidationError, {"message", "code", "errors", "failedRecords"}: the
//     request has the wrong shape or a field breaks a rule (422
//     VALIDATION_ERROR). Nothing of the request is written. Each entry of
//     errors is an Issue: the field's path as an array of segments
//     (["records", "3", "phoneNumber"]), a message, what was expected, what
//     was received and a stable snake_case code. failedRecords lists each
//     record with at least one issue, by index, with the values that let a
//     caller find it. At most MaxIssues issues are listed; the message gives
//     the total.
//
// A body's message is in the API's words: it never starts with a Go package
// name and never carries internal detail. An issue's message is its field
// error's text, which never holds a phone number or a date of birth.
// ErrorCode.Status gives each code's HTTP status and ErrorCode.Message its
// default message.
//
// # Field errors
//
// Every rule package (phone, dob, timezone, plancode, carrier, termination,
// matching) returns errors that implement FieldError: the field's name or
// dotted path, a code, what was expected and what was received. IssueFrom
// turns any of them, wrapped or not, into an Issue with one errors.As, so an
// endpoint never needs to know which package an error came from.
package api
