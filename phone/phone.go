package phone

import (
	"github.com/carecycle/carerules/internal/field"
	"log/slog"
	"unicode"
	"unicode/utf8"
)

// Number is a valid NANP telephone number: area code (NPA), exchange (NXX) and line.
//
// It is a small comparable value (usable as a map key; == is number equality), and its
// zero value is the invalid, absent Number. Every non-zero Number passed the validity
// rules of Parse. Its canonical text is E.164, "+1XXXXXXXXXX".
type Number struct {
	npa, nxx, line uint16
}

// Parse parses a phone number in exactly one of the three forms the API documents,
// after trimming surrounding white space:
//
//	+1XXXXXXXXXX      E.164, the canonical form
//	XXXXXXXXXX        ten digits
//	(XXX) XXX-XXXX    one space after ')', one hyphen
//
// The digits must then form a valid NANP number: an area code assigned in the embedded
// area-code table (so never 0XX, 1XX, N11, N9X, 37X, 96X or an unassigned code) and an
// exchange that starts with 2-9 and is not N11. Any other input is an *Error; see the
// package documentation for which code each failure gets.
//
// Parse does not allocate for valid input.
func Parse(s string) (Number, error) {
	if tooLong(s) {
		return Number{}, newError(errTooLong, s, false)
	}
	t := trimSpace(s)
	var (
		n  Number
		ok bool
	)
	switch len(t) {
	case 10:
		n, ok = ten(t)
	case 12:
		if t[0] == '+' && t[1] == '1' {
			n, ok = ten(t[2:])
		}
	case 14:
		if t[0] == '(' && t[4] == ')' && t[5] == ' ' && t[9] == '-' {
			n, ok = groups(t[1:4], t[6:9], t[10:14])
		}
	}
	if !ok {
		return Number{}, newError(classify(t), s, false)
	}
	return validate(n, s, false)
}

// ParseLenient is Parse widened to the usual ways people write a NANP number. After
// trimming surrounding white space, the input must match
//
//	[ "+1" | "1" ] [sep] area [sep] exchange [sep] line
//
// where area is three digits, optionally in parentheses "(XXX)"; exchange is three
// digits; line is four digits; and each sep is at most one space, hyphen or dot. The
// digits are ASCII. So XXX-XXX-XXXX, XXX.XXX.XXXX, XXX XXX XXXX, 1XXXXXXXXXX,
// 1-XXX-XXX-XXXX, +1 XXX XXX XXXX, +1-XXX-XXX-XXXX, +1 (XXX) XXX-XXXX, (XXX)XXX-XXXX,
// and every form Parse accepts, are accepted, with the same result.
//
// Everything else is rejected, never guessed at: letters (vanity numbers such as
// 1-800-FLOWERS), extensions ("x123", "ext. 4"), the "00" or "011" international
// prefix, other country codes, a bare seven-digit number, two separators in a row,
// separators inside a group, tabs or non-breaking spaces between groups, unbalanced
// parentheses and non-ASCII digits. The validity rules are the same as Parse's.
//
// ParseLenient does not allocate for valid input.
func ParseLenient(s string) (Number, error) {
	if tooLong(s) {
		return Number{}, newError(errTooLong, s, true)
	}
	t := trimSpace(s)
	n, ok := national(t)
	if !ok {
		i := 0
		switch {
		case len(t) >= 2 && t[0] == '+' && t[1] == '1':
			i = 2
		case len(t) >= 1 && t[0] == '1':
			i = 1
		}
		if i > 0 {
			if i < len(t) && isSep(t[i]) {
				i++
			}
			n, ok = national(t[i:])
		}
	}
	if !ok {
		return Number{}, newError(classify(t), s, true)
	}
	return validate(n, s, true)
}

// MustParse is like Parse but panics on error. It is for tests and hard-coded strings.
// The panic value is the *Error, whose message holds no digits.
func MustParse(s string) Number {
	n, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return n
}

// national matches area [sep] exchange [sep] line, the whole of t.
func national(t string) (Number, bool) {
	i := 0
	paren := len(t) > 0 && t[0] == '('
	if paren {
		i++
	}
	if len(t) < i+3 {
		return Number{}, false
	}
	a := t[i : i+3]
	i += 3
	if paren {
		if i >= len(t) || t[i] != ')' {
			return Number{}, false
		}
		i++
	}
	if i < len(t) && isSep(t[i]) {
		i++
	}
	if len(t) < i+3 {
		return Number{}, false
	}
	x := t[i : i+3]
	i += 3
	if i < len(t) && isSep(t[i]) {
		i++
	}
	if len(t) != i+4 {
		return Number{}, false
	}
	return groups(a, x, t[i:])
}

func isSep(c byte) bool { return c == ' ' || c == '-' || c == '.' }

// ten parses ten ASCII digits.
func ten(t string) (Number, bool) {
	return groups(t[0:3], t[3:6], t[6:10])
}

// groups parses the three digit groups of a number; a and x have three bytes, l four.
func groups(a, x, l string) (Number, bool) {
	var n Number
	_, _, _ = a[2], x[2], l[3]
	for i := 0; i < 3; i++ {
		da, dx := a[i]-'0', x[i]-'0'
		if da > 9 || dx > 9 {
			return Number{}, false
		}
		n.npa = n.npa*10 + uint16(da)
		n.nxx = n.nxx*10 + uint16(dx)
	}
	for i := 0; i < 4; i++ {
		d := l[i] - '0'
		if d > 9 {
			return Number{}, false
		}
		n.line = n.line*10 + uint16(d)
	}
	return n, true
}

// validate applies the NANP validity rules to a syntactically accepted number.
func validate(n Number, s string, lenient bool) (Number, error) {
	if areaCodes()[n.npa].Class == 0 {
		return Number{}, newError(errAreaCode, s, lenient)
	}
	if n.nxx < 200 || n.nxx%100 == 11 {
		return Number{}, newError(errExchange, s, lenient)
	}
	return n, nil
}

// classify says why t, the trimmed input, matched no accepted form.
func classify(t string) *kind {
	if t == "" {
		return errEmpty
	}
	digits := 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c-'0' <= 9:
			digits++
		case c == ' ' || c == '(' || c == ')' || c == '-' || c == '.' || c == '+':
		default:
			return errCharacters
		}
	}
	// The national digits: all of them, less the country code of a leading "+1", or
	// less a leading trunk 1 when there are eleven.
	national := digits
	switch {
	case t[0] == '+' && len(t) > 1 && t[1] == '1':
		national--
	case t[0] == '+' && len(t) > 1 && t[1]-'0' <= 9:
		return errCountryCode
	case digits == 11 && firstDigit(t) == '1':
		national--
	}
	if national != 10 {
		return errLength
	}
	return errFormat
}

func firstDigit(t string) byte {
	for i := 0; i < len(t); i++ {
		if t[i]-'0' <= 9 {
			return t[i]
		}
	}
	return 0
}

// tooLong reports whether s is longer than the field limit (UTF-16 code units).
func tooLong(s string) bool { return field.TooLong(s) }

// asciiSpace marks the ASCII bytes unicode.IsSpace reports as space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// trimSpace removes leading and trailing white space as unicode.IsSpace defines it,
// with a fast path for ASCII.
func trimSpace(s string) string {
	for len(s) > 0 {
		if c := s[0]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			s = s[1:]
			continue
		}
		r, size := utf8.DecodeRuneInString(s)
		if !unicode.IsSpace(r) {
			break
		}
		s = s[size:]
	}
	for len(s) > 0 {
		if c := s[len(s)-1]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			s = s[:len(s)-1]
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s)
		if !unicode.IsSpace(r) {
			break
		}
		s = s[:len(s)-size]
	}
	return s
}

// IsValid reports whether n is a valid number, that is, not the zero Number.
func (n Number) IsValid() bool { return n.npa != 0 }

// E164 returns the number in E.164 form, "+1XXXXXXXXXX", or "" for the zero Number.
func (n Number) E164() string {
	if !n.IsValid() {
		return ""
	}
	var buf [12]byte
	return string(n.appendE164(buf[:0]))
}

// String returns E164(): "+1XXXXXXXXXX", or "" for the zero Number.
// Parse(n.String()) == n for every valid n.
func (n Number) String() string { return n.E164() }

// AppendText appends the E.164 form of n to b (nothing for the zero Number).
// It implements encoding.TextAppender.
func (n Number) AppendText(b []byte) ([]byte, error) {
	if !n.IsValid() {
		return b, nil
	}
	return n.appendE164(b), nil
}

// MarshalText returns the E.164 form of n, or empty text for the zero Number.
// It implements encoding.TextMarshaler, and so JSON.
func (n Number) MarshalText() ([]byte, error) {
	if !n.IsValid() {
		return []byte{}, nil
	}
	return n.appendE164(make([]byte, 0, 12)), nil
}

// UnmarshalText sets *n from text. Empty text gives the zero Number; any other text must
// be accepted by Parse, the API's documented forms (which include the E.164 output of
// MarshalText): a JSON field of type Number validates exactly as the API does. Callers
// that want lenient input call ParseLenient themselves. On error *n is the zero Number
// and the error is an *Error.
func (n *Number) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*n = Number{}
		return nil
	}
	var err error
	*n, err = Parse(string(text))
	return err
}

// LogValue implements slog.LogValuer: a Number logs as its area code with the rest
// masked ("+1415XXXXXXX"), because a phone number is PII. String and E164 give the full
// number for the places that need it.
func (n Number) LogValue() slog.Value {
	if !n.IsValid() {
		return slog.StringValue("")
	}
	var buf [12]byte
	b := append(n.appendE164(buf[:0])[:5], "XXXXXXX"...)
	return slog.StringValue(string(b))
}

func (n Number) appendE164(b []byte) []byte {
	b = append(b, '+', '1')
	b = appendDigits(b, n.npa, 3)
	b = appendDigits(b, n.nxx, 3)
	return appendDigits(b, n.line, 4)
}

func appendDigits(b []byte, v uint16, width int) []byte {
	var buf [4]byte
	for i := width - 1; i >= 0; i-- {
		buf[i] = byte('0' + v%10)
		v /= 10
	}
	return append(b, buf[:width]...)
}

// AreaCode returns the three-digit area code (NPA), or "" for the zero Number.
func (n Number) AreaCode() string { return n.group(n.npa, 3) }

// Exchange returns the three-digit exchange, or central office code (NXX), or "" for the
// zero Number.
func (n Number) Exchange() string { return n.group(n.nxx, 3) }

// Line returns the four-digit line number, or "" for the zero Number.
func (n Number) Line() string { return n.group(n.line, 4) }

func (n Number) group(v uint16, width int) string {
	if !n.IsValid() {
		return ""
	}
	var buf [4]byte
	return string(appendDigits(buf[:0], v, width))
}

// Region returns where n's area code belongs, from the embedded area-code table: its
// country, its state, territory or province, and its class. It is the zero Region for
// the zero Number. It does not allocate.
func (n Number) Region() Region { return areaCodes()[n.npa] }

// TollFree reports whether n has a toll-free area code (800, 833, 844, 855, 866, 877,
// 888). Toll-free numbers are valid; they have no location.
func (n Number) TollFree() bool { return n.Region().Class == TollFree }

// Premium reports whether n has the premium-rate area code 900. Premium numbers are valid.
func (n Number) Premium() bool { return n.Region().Class == Premium }

// Personal reports whether n has a personal communications services area code (500,
// 521-529, 532, 533, 544, 566, 577, 588 in the table). Such numbers are valid.
func (n Number) Personal() bool { return n.Region().Class == Personal }

// Fictional reports whether n is in the range 555-0100 to 555-0199, which NANPA
// reserves for fiction (films, examples). Such numbers are valid NANP numbers; whether
// to accept them as a customer's phone is the caller's decision.
func (n Number) Fictional() bool { return n.nxx == 555 && n.line >= 100 && n.line <= 199 }
