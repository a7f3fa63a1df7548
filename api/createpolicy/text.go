package createpolicy

import (
	"errors"
	"fmt"
	"unicode/utf16"

	"github.com/carecycle/carerules/internal/jsonraw"
)

// textLen is a string's length in UTF-16 code units, as the API's schema
// counts it (a character outside the Basic Multilingual Plane counts 2).
func textLen(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// validText reports whether s holds no C0 control character (U+0000 to
// U+001F): every field of this endpoint is a name, an identifier, a code or
// an enum. (Invalid UTF-8 and unpaired surrogates never reach it: the
// decoder rejects them.)
func validText(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return false
		}
	}
	return true
}

// describeInvalid says why a string was rejected, for an issue's received,
// without repeating it: the decoder's error (invalid UTF-8, an unpaired
// surrogate escape) or the first control character of s.
func describeInvalid(err error, s string) string {
	switch {
	case errors.Is(err, jsonraw.ErrSurrogate):
		return "unpaired surrogate escape"
	case err != nil:
		return "invalid UTF-8"
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return fmt.Sprintf("control character U+%04X", s[i])
		}
	}
	return "invalid text"
}
