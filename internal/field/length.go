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
func Len(s string) int { return count(s, len(s)) }

// TooLong reports whether [Len](s) > [Limit]. It costs almost nothing on
// over-long input: a UTF-16 code unit takes 1 to 3 bytes of UTF-8, so input
// of at most Limit bytes is never too long and input of more than 3*Limit
// bytes always is; in between it counts, and stops as soon as the count
// passes Limit.
func TooLong(s string) bool {
	if len(s) <= Limit {
		return false
	}
	return len(s) > 3*Limit || count(s, Limit) > Limit
}

// count returns the number of UTF-16 code units of s, or some number
// greater than stop once the count passes stop. Runs of ASCII are counted
// eight bytes at a time.
func count(s string, stop int) int {
	n := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) && (s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7]) < utf8.RuneSelf {
			i += 8
			n += 8
		}
		if n > stop {
			return n
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		if 0xC2 <= c && c < 0xE0 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			n++ // a valid 2-byte character (Latin, Greek, Cyrillic...)
			i += 2
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		n += 1 + size>>2 // a 4-byte character is 2 units
		i += size
	}
	return n
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
