package field

import (
	"strconv"
	"unicode/utf8"
)

// Limit is the API's limit on a string field, in UTF-16 code units, unless
// the API states another for a field.
const Limit = 255

// Len returns the length of s as the API's schema counts it: in UTF-16 code
// units, like JavaScript's String.length. A character of the Basic
// Multilingual Plane counts 1, one outside it (4 bytes in UTF-8) counts 2,
// and each byte that is not part of valid UTF-8 counts 1 (the U+FFFD a
// decoder would put in its place).
func Len(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		if size == 4 {
			n += 2
		} else {
			n++
		}
		i += size
	}
	return n
}

// TooLong reports whether [Len](s) > [Limit]. It costs almost nothing on
// over-long input: a UTF-16 code unit takes 1 to 3 bytes of UTF-8, so input
// of at most Limit bytes is never too long and input of more than 3*Limit
// bytes always is; in between it counts, and stops as soon as the count
// passes Limit.
func TooLong(s string) bool {
	if len(s) <= Limit {
		return false
	}
	if len(s) > 3*Limit {
		return true
	}
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
		} else {
			_, size := utf8.DecodeRuneInString(s[i:])
			n += 1 + size>>2 // size 4: 2 units
			i += size
		}
		if n > Limit {
			return true
		}
	}
	return false
}

// countBound is the byte length up to which [DescribeLen] counts code units;
// beyond it, it gives the byte length, so describing a huge input stays
// cheap.
const countBound = 4 * Limit

// DescribeLen describes the length of an over-long value without repeating
// it, for an error's received value: "300 characters" (UTF-16 code units,
// as [Len] counts them) or, for input of more than 1020 bytes, "5000 bytes".
func DescribeLen(s string) string {
	if len(s) > countBound {
		return strconv.Itoa(len(s)) + " bytes"
	}
	return strconv.Itoa(Len(s)) + " characters"
}

// ExpectedLen is the expected text of an error for an over-long value.
const ExpectedLen = "at most 255 characters"
