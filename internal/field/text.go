package field

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// CodeInvalidString is the code of an error for text that is not valid:
// invalid UTF-8, U+0000, or, in a name or identifier, another C0 control
// character.
const CodeInvalidString = "invalid_string"

// ErrInvalidString is the sentinel of every error with code
// [CodeInvalidString], whatever the package: each package exports it under
// its own name (for example plancode.ErrInvalidString), and all of them are
// this value.
var ErrInvalidString = errors.New("text is not valid Unicode or holds a control character")

// Expected texts of an invalid_string error.
const (
	ExpectedText = "valid Unicode text without U+0000"
	ExpectedName = "valid Unicode text without control characters"
)

// ValidText reports whether s may be the value of a free-text field: valid
// UTF-8 (so no unpaired surrogate either) without U+0000.
func ValidText(s string) bool { return badText(s, false) < 0 }

// ValidName reports whether s may be the value of a name or an identifier:
// [ValidText], and no other C0 control character (U+0001 to U+001F: tab,
// line feed and the rest). Surrounding white space is trimmed before this
// check, by the caller.
func ValidName(s string) bool { return badText(s, true) < 0 }

// badText returns the byte offset of the first thing that makes s invalid,
// or -1. ASCII is checked a byte at a time; the first non-ASCII byte hands
// the rest to utf8.ValidString and the control scan continues on the bytes.
func badText(s string, name bool) int {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' {
			if c == 0 || name {
				if ascii || utf8.ValidString(s[:i]) {
					return i
				}
				return firstInvalid(s)
			}
			continue
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if ascii || utf8.ValidString(s) {
		return -1
	}
	return firstInvalid(s)
}

func firstInvalid(s string) int {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// DescribeInvalid describes, for an error's received value, why s is not
// valid text (name selects the rule of [ValidName]) without repeating s:
// "invalid UTF-8 at byte 3", "U+0000 at byte 0", "control character U+0009
// at byte 4". It returns "" when s is valid.
func DescribeInvalid(s string, name bool) string {
	i := badText(s, name)
	if i < 0 {
		return ""
	}
	c := s[i]
	at := " at byte " + strconv.Itoa(i)
	switch {
	case c == 0:
		return "U+0000" + at
	case c < ' ':
		const hex = "0123456789ABCDEF"
		return "control character U+00" + string([]byte{hex[c>>4], hex[c&15]}) + at
	}
	return "invalid UTF-8" + at
}
