package syncaca

import (
	"errors"
	"io"
)

// ErrSyntax is returned (wrapped) by Decode when the body is not one JSON
// value (400 INVALID_JSON, see BodyFor).
var ErrSyntax = errors.New("syncaca: request body is not valid JSON")

// ErrTooLarge is returned (wrapped) by Decode when the body is larger than
// MaxBodySize (413 PAYLOAD_TOO_LARGE, see BodyFor).
var ErrTooLarge = errors.New("syncaca: request body is too large")

// MaxBodySize is the largest request body Decode reads: 100 records of the
// API's fields fit comfortably in it.
const MaxBodySize = 16 << 20

// Decode reads a request body through MaxBodySize (ReadBody) and decodes it
// in one pass over its bytes. It returns an error wrapping ErrSyntax when
// the body is not one JSON value, one wrapping ErrTooLarge when it is larger
// than MaxBodySize, and a *api.ValidationError when the JSON does not have
// the API's shape (wrong types, lengths, enums, invalid text, arrays over
// their limits), together with the request as far as it could be read
// (fields with an issue are marked Invalid), or nil when the body is not an
// object holding a records array of 1 to MaxRecords records. The field
// rules (phone, dateOfBirth, ...) are Validate's; Check does both and
// reports every issue at once.
//
// Identifiers are read as strings or JSON numbers (kept as their literal
// text), never through float64. Other string fields reject numbers.
//
// The Request's strings share the memory of one copy of the body (no
// allocation per field): a host that keeps one for long clones it, as Book
// does, or it keeps the whole body alive.
func Decode(r io.Reader) (*Request, error) {
	data, err := ReadBody(r)
	if err != nil {
		return nil, err
	}
	return DecodeBytes(data)
}

// DecodeBytes is Decode on a byte slice.
func DecodeBytes(data []byte) (*Request, error) {
	req, issues, total, failed, _, err := decodeBody(data)
	if err != nil {
		return nil, err
	}
	if total > 0 {
		return req, issueList(issues).errTotal(req, total, failed)
	}
	return req, nil
}
