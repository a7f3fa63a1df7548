package api

import (
	"net/http"
	"time"
)

// ErrorCode is the code of an error body: the "code" field of ErrorBody,
// RateLimitedBody and ValidationError.
type ErrorCode string

// The error codes of the API, with the status each is sent with.
const (
	CodeInvalidJSON     ErrorCode = "INVALID_JSON"      // 400: the body is not JSON, or not a JSON object
	CodeUnauthorized    ErrorCode = "UNAUTHORIZED"      // 401: no x-api-key, or one that does not start with "cc_"
	CodeForbidden       ErrorCode = "FORBIDDEN"         // 403: the host refused the key
	CodeNotFound        ErrorCode = "NOT_FOUND"         // 404: the resource (a customer) does not exist
	CodePayloadTooLarge ErrorCode = "PAYLOAD_TOO_LARGE" // 413: the body is over the size limit
	CodeValidation      ErrorCode = "VALIDATION_ERROR"  // 422: the request breaks a field or structure rule
	CodeRateLimited     ErrorCode = "RATE_LIMITED"      // 429: the host's rate limiter refused the request
	CodeInternal        ErrorCode = "INTERNAL_ERROR"    // 500: the host failed; the message carries no detail
)

// Status returns the HTTP status code the API sends with an error code, or
// 500 for a code the API does not define.
func (c ErrorCode) Status() int {
	switch c {
	case CodeInvalidJSON:
		return http.StatusBadRequest
	case CodeUnauthorized:
		return http.StatusUnauthorized
	case CodeForbidden:
		return http.StatusForbidden
	case CodeNotFound:
		return http.StatusNotFound
	case CodePayloadTooLarge:
		return http.StatusRequestEntityTooLarge
	case CodeValidation:
		return http.StatusUnprocessableEntity
	case CodeRateLimited:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// Message returns the default message of an error code, in the API's
// words, or the INTERNAL_ERROR message for a code the API does not define.
func (c ErrorCode) Message() string {
	switch c {
	case CodeInvalidJSON:
		return "Request body is not valid JSON"
	case CodeUnauthorized:
		return "Missing or invalid API key"
	case CodeForbidden:
		return "API key is not allowed to make this request"
	case CodeNotFound:
		return "Resource not found"
	case CodePayloadTooLarge:
		return "Request body is too large"
	case CodeValidation:
		return "Validation failed"
	case CodeRateLimited:
		return "Too many requests"
	}
	return "Internal server error"
}

// ErrorBody is the API's plain error body, {"message", "code"}.
type ErrorBody struct {
	Message string    `json:"message"`
	Code    ErrorCode `json:"code"`
}

// NewErrorBody returns the body of an error code with its default message.
func NewErrorBody(code ErrorCode) ErrorBody {
	return ErrorBody{Message: code.Message(), Code: code}
}

// Status returns the HTTP status code the body is sent with.
func (b ErrorBody) Status() int { return b.Code.Status() }

// RateLimitedBody is the API's RATE_LIMITED body, {"message", "code",
// "retryAfter"}, with retryAfter in whole seconds.
type RateLimitedBody struct {
	Message    string    `json:"message"`
	Code       ErrorCode `json:"code"`
	RetryAfter int       `json:"retryAfter"`
}

// RateLimited returns the RATE_LIMITED body for a client that may retry
// after d. retryAfter is d rounded up to a whole second, and at least 1: a
// limiter that refused a request never tells the client to retry at once.
func RateLimited(d time.Duration) RateLimitedBody {
	return RateLimitedBody{Message: CodeRateLimited.Message(), Code: CodeRateLimited, RetryAfter: RetryAfterSeconds(d)}
}

// Status returns the HTTP status code the body is sent with (429).
func (b RateLimitedBody) Status() int { return b.Code.Status() }

// RetryAfterSeconds returns d in whole seconds, rounded up, and at least 1:
// the retryAfter of a RATE_LIMITED body.
func RetryAfterSeconds(d time.Duration) int {
	if d <= time.Second {
		return 1
	}
	s := d / time.Second
	if d%time.Second != 0 {
		s++
	}
	return int(s)
}
