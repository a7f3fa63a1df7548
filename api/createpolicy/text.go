package createpolicy

import (
	"errors"

	"github.com/carecycle/carerules/internal/field"
	"github.com/carecycle/carerules/internal/jsonraw"
)

// textLen is a string's length as the API's schema counts it, in UTF-16
// code units (field.Len).
func textLen(s string) int { return field.Len(s) }

// validText reports whether s, already trimmed, may be the value of a
// name or an identifier (field.ValidName: no U+0000, no other C0 control
// character). Every field of this endpoint is a name, an identifier, a code
// or an enum. Invalid UTF-8 and unpaired surrogates never reach it: the
// decoder rejects them.
func validText(s string) bool { return field.ValidName(s) }

// describeInvalid says why a string was rejected, for an issue's received,
// without repeating it: the decoder's error (invalid UTF-8, an unpaired
// surrogate escape, which a decoded string cannot show) or what
// field.DescribeInvalid finds in the trimmed value.
func describeInvalid(err error, s string) string {
	switch {
	case errors.Is(err, jsonraw.ErrSurrogate):
		return "unpaired surrogate escape"
	case err != nil:
		return "invalid UTF-8"
	}
	if d := field.DescribeInvalid(s, true); d != "" {
		return d
	}
	return "invalid text"
}
