// Package jsonraw reads a request body's JSON without repairing it: the
// members of an object as raw bytes, in order and with duplicates visible;
// string literals decoded strictly (invalid UTF-8 and unpaired surrogate
// escapes are errors, where encoding/json silently turns them into U+FFFD);
// and number literals read as integers by value, so that 1, 1.0 and 1e3
// are the integer 1, 1 and 1000 and 1.5 is not an integer.
//
// Every function expects input that encoding/json's Valid accepted; on other
// input it returns an error or false, never panics, and does work linear in
// the input.
package jsonraw

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/carecycle/carerules/internal/field"
)

// Kind is the JSON type of a value, as its first byte tells it.
type Kind uint8

// The JSON types. Invalid is the kind of an empty or malformed value.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{Invalid: "invalid", Null: "null", Bool: "boolean", Number: "number", String: "string", Array: "array", Object: "object"}

// String returns the type's name as the API's "received" reports it
// ("null", "boolean", "number", "string", "array", "object").
func (k Kind) String() string { return kindNames[k] }

// KindOf returns the JSON type of a raw value (leading white space skipped).
func KindOf(raw []byte) Kind {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return Invalid
	}
	switch c := raw[0]; {
	case c == 'n':
		return Null
	case c == 't' || c == 'f':
		return Bool
	case c == '"':
		return String
	case c == '[':
		return Array
	case c == '{':
		return Object
	case c == '-' || (c >= '0' && c <= '9'):
		return Number
	}
	return Invalid
}

// Errors of Unquote and Int32.
var (
	// ErrInvalidText: a string literal holds invalid UTF-8 or an unpaired
	// surrogate escape ("\ud800"). Unquote's errors are ErrInvalidUTF8 and
	// ErrSurrogate, which both match it with errors.Is.
	ErrInvalidText = errors.New("string is not valid Unicode text")
	// ErrInvalidUTF8: a string literal holds bytes that are not UTF-8.
	ErrInvalidUTF8 = fmt.Errorf("%w: invalid UTF-8", ErrInvalidText)
	// ErrSurrogate: a string literal holds a surrogate escape that is not
	// part of a pair.
	ErrSurrogate = fmt.Errorf("%w: unpaired surrogate escape", ErrInvalidText)
	// ErrNotInteger: a number has a non-zero fractional part.
	ErrNotInteger = errors.New("number is not an integer")
	// ErrRange: an integer outside the 32-bit range.
	ErrRange = errors.New("integer out of the 32-bit range")
	// ErrSyntax: the input is not the literal the function reads.
	ErrSyntax = errors.New("malformed JSON literal")
)

// Members calls fn with the raw key literal (quotes included) and the raw
// value of each member of the JSON object raw, in the order written,
// duplicates included, until fn returns false. It reports false when raw is
// not an object.
func Members(raw []byte, fn func(key, value []byte) bool) bool {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		return false
	}
	i = skipSpace(raw, i+1)
	if i < len(raw) && raw[i] == '}' {
		return true
	}
	for i < len(raw) {
		ks := i
		ke, ok := skipValue(raw, i)
		if !ok || raw[ks] != '"' {
			return false
		}
		i = skipSpace(raw, ke)
		if i >= len(raw) || raw[i] != ':' {
			return false
		}
		vs := skipSpace(raw, i+1)
		ve, ok := skipValue(raw, vs)
		if !ok {
			return false
		}
		if !fn(raw[ks:ke], raw[vs:ve]) {
			return true
		}
		i = skipSpace(raw, ve)
		if i >= len(raw) {
			return false
		}
		switch raw[i] {
		case ',':
			i = skipSpace(raw, i+1)
		case '}':
			return true
		default:
			return false
		}
	}
	return false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the value that starts at i.
func skipValue(b []byte, i int) (int, bool) {
	if i >= len(b) {
		return i, false
	}
	switch b[i] {
	case '"':
		for i++; i < len(b); i++ {
			switch b[i] {
			case '\\':
				i++
			case '"':
				return i + 1, true
			}
		}
		return i, false
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1, true
				}
			case '"':
				e, ok := skipValue(b, i)
				if !ok {
					return e, false
				}
				i = e - 1
			}
		}
		return i, false
	}
	s := i
	for i < len(b) && b[i] != ',' && b[i] != '}' && b[i] != ']' && b[i] != ' ' && b[i] != '\t' && b[i] != '\n' && b[i] != '\r' {
		i++
	}
	return i, i > s
}

// Unquote decodes a JSON string literal (quotes included) without repairing
// it: invalid UTF-8 and a surrogate escape that is not part of a pair are
// ErrInvalidText; a literal that is not a JSON string is ErrSyntax.
func Unquote(lit []byte) (string, error) {
	if len(lit) < 2 || lit[0] != '"' || lit[len(lit)-1] != '"' {
		return "", ErrSyntax
	}
	body := lit[1 : len(lit)-1]
	if bytes.IndexByte(body, '\\') < 0 {
		if !utf8.Valid(body) {
			return "", ErrInvalidUTF8
		}
		return string(body), nil
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' {
			if c < utf8.RuneSelf {
				out = append(out, c)
				i++
				continue
			}
			r, n := utf8.DecodeRune(body[i:])
			if r == utf8.RuneError && n <= 1 {
				return "", ErrInvalidUTF8
			}
			out = append(out, body[i:i+n]...)
			i += n
			continue
		}
		if i+1 >= len(body) {
			return "", ErrSyntax
		}
		switch body[i+1] {
		case '"', '\\', '/':
			out = append(out, body[i+1])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(body, i+2)
			if !ok {
				return "", ErrSyntax
			}
			i += 6
			if utf16.IsSurrogate(r) {
				if r >= 0xDC00 || i+1 >= len(body) || body[i] != '\\' || body[i+1] != 'u' {
					return "", ErrSurrogate
				}
				r2, ok := hex4(body, i+2)
				if !ok {
					return "", ErrSyntax
				}
				if r2 < 0xDC00 || r2 > 0xDFFF {
					return "", ErrSurrogate
				}
				r = utf16.DecodeRune(r, r2)
				i += 6
			}
			out = utf8.AppendRune(out, r)
			continue
		default:
			return "", ErrSyntax
		}
		i += 2
	}
	return string(out), nil
}

func hex4(b []byte, i int) (rune, bool) {
	if i+4 > len(b) {
		return 0, false
	}
	var r rune
	for _, c := range b[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// ValidText reports whether every string of the JSON value raw, member keys
// included, is valid text: surrogate escapes paired, and field.ValidText
// (valid UTF-8, no U+0000).
// It is how a host's unknown fields are checked before they are kept.
func ValidText(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '"' {
			continue
		}
		e, ok := skipValue(raw, i)
		if !ok {
			return false
		}
		s, err := Unquote(raw[i:e])
		if err != nil || !field.ValidText(s) {
			return false
		}
		i = e - 1
	}
	return true
}

// Int32 reads a JSON number literal as a 32-bit integer, by value: 1, 1.0,
// 10e-1 and 1e3 are integers (1, 1, 1, 1000); 1.5 is ErrNotInteger; a value
// outside [-2147483648, 2147483647] is ErrRange, however it is written
// (3e9, 2147483648.0). The work is linear in the literal's length and
// allocates nothing, whatever its exponent (1e999999999 is ErrRange without
// building the number).
func Int32(lit []byte) (int32, error) {
	i := 0
	neg := false
	if i < len(lit) && lit[i] == '-' {
		neg = true
		i++
	}
	intStart := i
	for i < len(lit) && lit[i] >= '0' && lit[i] <= '9' {
		i++
	}
	intDigits := lit[intStart:i]
	if len(intDigits) == 0 {
		return 0, ErrSyntax
	}
	var frac []byte
	if i < len(lit) && lit[i] == '.' {
		i++
		s := i
		for i < len(lit) && lit[i] >= '0' && lit[i] <= '9' {
			i++
		}
		frac = lit[s:i]
		if len(frac) == 0 {
			return 0, ErrSyntax
		}
	}
	exp := 0
	if i < len(lit) && (lit[i] == 'e' || lit[i] == 'E') {
		i++
		eneg := false
		if i < len(lit) && (lit[i] == '+' || lit[i] == '-') {
			eneg = lit[i] == '-'
			i++
		}
		s := i
		for i < len(lit) && lit[i] >= '0' && lit[i] <= '9' {
			if exp < 1<<30 { // saturate: any exponent this large decides the answer alone
				exp = exp*10 + int(lit[i]-'0')
			}
			i++
		}
		if i == s {
			return 0, ErrSyntax
		}
		if eneg {
			exp = -exp
		}
	}
	if i != len(lit) {
		return 0, ErrSyntax
	}
	// The significant digits, and where the decimal point falls in them.
	lead := 0
	for lead < len(intDigits) && intDigits[lead] == '0' {
		lead++
	}
	var digits []byte
	point := 0 // digits before the point, relative to the first significant digit
	if lead < len(intDigits) {
		digits = intDigits[lead:]
		point = len(digits) + exp
		// the fraction's digits follow; trailing zeros are not significant
		fz := len(frac)
		for fz > 0 && frac[fz-1] == '0' {
			fz--
		}
		return finishInt(digits, frac[:fz], point, neg)
	}
	// integer part is zero: significant digits start in the fraction
	fl := 0
	for fl < len(frac) && frac[fl] == '0' {
		fl++
	}
	if fl == len(frac) {
		return 0, nil // zero, however written
	}
	fz := len(frac)
	for fz > 0 && frac[fz-1] == '0' {
		fz--
	}
	return finishInt(nil, frac[fl:fz], exp-fl, neg)
}

// finishInt computes the integer whose significant digits are a followed by
// b, with point digits before the decimal point.
func finishInt(a, b []byte, point int, neg bool) (int32, error) {
	n := len(a) + len(b)
	// trailing zeros of a count only when b is empty
	if len(b) == 0 {
		for n > 0 && a[n-1] == '0' {
			n--
		}
	}
	if point < n {
		return 0, ErrNotInteger
	}
	if point > 10 {
		return 0, ErrRange
	}
	var v int64
	for k := range point {
		d := int64(0)
		if k < len(a) {
			d = int64(a[k] - '0')
		} else if k-len(a) < len(b) {
			d = int64(b[k-len(a)] - '0')
		}
		v = v*10 + d
	}
	if neg {
		v = -v
	}
	if v < math.MinInt32 || v > math.MaxInt32 {
		return 0, ErrRange
	}
	return int32(v), nil
}
