package jsonbody

import (
	"strings"

	"github.com/carecycle/carerules/internal/field"
)

// maxDepth is the deepest nesting a body may have, as in encoding/json.
const maxDepth = 10000

// Flags of a scanned string, and of the text check (check).
const (
	fEscape   uint8 = 1 << iota // holds a backslash escape
	fNonASCII                   // holds a byte >= 0x80
	fBad                        // not valid text in any field (field.ValidText)
	fControl                    // valid text, but not in a name or identifier (field.ValidName)
)

func (d *decoder) syntax(off int, msg string) error {
	if off > len(d.s) {
		off = len(d.s)
	}
	return &SyntaxError{Offset: off, Msg: msg}
}

func (d *decoder) eof() error { return d.syntax(len(d.s), "unexpected end of input") }

// ws returns the index of the first byte at or after i that is not JSON
// white space.
func (d *decoder) ws(i int) int {
	s := d.s
	for i < len(s) {
		switch s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// str scans the string that starts at s[i] == '"' and returns the index
// after its closing quote and its flags (fEscape, fNonASCII). It checks the
// syntax only; check says whether the text is valid.
func (d *decoder) str(i int) (int, uint8, error) {
	s := d.s
	var fl uint8
	i++
	for {
		for i < len(s) {
			if c := s[i]; c == '"' || c == '\\' || c < 0x20 {
				break
			} else if c >= 0x80 {
				fl |= fNonASCII
			}
			i++
		}
		if i >= len(s) {
			return i, fl, d.eof()
		}
		switch c := s[i]; {
		case c == '"':
			return i + 1, fl, nil
		case c == '\\':
			fl |= fEscape
			if i+1 >= len(s) {
				return i, fl, d.eof()
			}
			switch s[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if _, ok := hex4(s, i+2); !ok {
					return i, fl, d.syntax(i, "invalid \\u escape in string")
				}
				i += 6
			default:
				return i, fl, d.syntax(i, "invalid escape in string")
			}
		default: // c < 0x20
			return i, fl, d.syntax(i, "control character in string")
		}
	}
}

// text returns the text of the string s[i:j] (quotes included) that str
// scanned with flags fl: a substring of the body, or its escapes decoded.
func (d *decoder) text(i, j int, fl uint8) string {
	if fl&fEscape != 0 {
		return unescape(d.s[i+1 : j-1])
	}
	return d.s[i+1 : j-1]
}

// check applies the library's one text check (internal/field) to the
// string s[i:j] that str scanned with flags fl: fBad when it is not valid
// text in any field (invalid UTF-8, an unpaired surrogate escape, U+0000),
// fControl when it holds another C0 control character once trimmed (not
// valid in a name or an identifier). A string of ASCII without escapes
// cannot hold either (JSON forbids raw control characters) and costs
// nothing.
func (d *decoder) check(i, j int, fl uint8) uint8 {
	if fl&(fEscape|fNonASCII) == 0 {
		return 0
	}
	t := d.text(i, j, fl)
	switch {
	case !field.ValidText(t):
		return fBad
	case !field.ValidName(strings.TrimSpace(t)):
		return fControl
	}
	return 0
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// unescape decodes the escapes of a string's content (between its quotes),
// which str has checked. An unpaired surrogate is written as its three-byte
// encoding, which is not valid UTF-8: nothing is repaired to U+FFFD.
func unescape(raw string) string {
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); {
		j := strings.IndexByte(raw[i:], '\\')
		if j < 0 {
			b.WriteString(raw[i:])
			break
		}
		b.WriteString(raw[i : i+j])
		i += j
		switch c := raw[i+1]; c {
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, _ := hex4(raw, i+2)
			i += 6
			if r >= 0xD800 && r < 0xDC00 && i+6 <= len(raw) && raw[i] == '\\' && raw[i+1] == 'u' {
				if r2, ok := hex4(raw, i+2); ok && r2 >= 0xDC00 && r2 < 0xE000 {
					b.WriteRune(0x10000 + (r-0xD800)<<10 + (r2 - 0xDC00))
					i += 6
					continue
				}
			}
			if r >= 0xD800 && r < 0xE000 {
				b.WriteByte(byte(0xE0 | r>>12))
				b.WriteByte(byte(0x80 | (r>>6)&0x3F))
				b.WriteByte(byte(0x80 | r&0x3F))
			} else {
				b.WriteRune(r)
			}
			continue
		default: // '"', '\\', '/'
			b.WriteByte(c)
		}
		i += 2
	}
	return b.String()
}

// num scans the number that starts at s[i] ('-' or a digit) and returns the
// index after it.
func (d *decoder) num(i int) (int, error) {
	s := d.s
	if s[i] == '-' {
		i++
	}
	switch {
	case i >= len(s):
		return i, d.eof()
	case s[i] == '0':
		i++
	case '1' <= s[i] && s[i] <= '9':
		i = digits(s, i)
	default:
		return i, d.syntax(i, "invalid number")
	}
	if i < len(s) && s[i] == '.' {
		i++
		j := digits(s, i)
		if j == i {
			return i, d.syntax(i, "invalid number")
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := digits(s, i)
		if j == i {
			return i, d.syntax(i, "invalid number")
		}
		i = j
	}
	return i, nil
}

func digits(s string, i int) int {
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i
}

// lit scans the literal word (true, false, null) at s[i].
func (d *decoder) lit(i int, word string) (int, error) {
	if len(d.s)-i >= len(word) && d.s[i:i+len(word)] == word {
		return i + len(word), nil
	}
	if len(d.s)-i < len(word) && word[:len(d.s)-i] == d.s[i:] {
		return i, d.eof()
	}
	return i, d.syntax(i, "invalid literal")
}

// scan is skip for syntax only, without the text check: for a value
// whose text no issue reports (an array counted before its items are
// decoded, a value of the wrong type, the sizing of the unknown members).
func (d *decoder) scan(i, depth int) (end, count int, fl uint8, err error) {
	d.nocheck = true
	end, count, _, err = d.skip(i, depth)
	d.nocheck = false
	return end, count, 0, err // no text was checked: no flags
}

// skip scans the value at s[i] (which is not white space) without decoding
// it. depth counts the containers open around it. It returns the index
// after the value, the number of items (array) or members (object), and the
// check flags (fBad, fControl) of every string in it, keys included.
func (d *decoder) skip(i, depth int) (end, count int, fl uint8, err error) {
	s := d.s
	if i >= len(s) {
		return i, 0, 0, d.eof()
	}
	switch c := s[i]; c {
	case '"':
		end, fl, err = d.str(i)
		if err != nil || d.nocheck {
			return end, 0, 0, err
		}
		return end, 0, d.check(i, end, fl), nil
	case '{', '[':
		if depth >= maxDepth {
			return i, 0, 0, d.syntax(i, "nesting too deep")
		}
		closer := byte(']')
		if c == '{' {
			closer = '}'
		}
		i = d.ws(i + 1)
		if i < len(s) && s[i] == closer {
			return i + 1, 0, 0, nil
		}
		for {
			if c == '{' {
				if i >= len(s) {
					return i, count, fl, d.eof()
				}
				if s[i] != '"' {
					return i, count, fl, d.syntax(i, "object key is not a string")
				}
				j, f, err := d.str(i)
				if err != nil {
					return j, count, fl, err
				}
				if !d.nocheck {
					fl |= d.check(i, j, f)
				}
				if i = d.ws(j); i >= len(s) {
					return i, count, fl, d.eof()
				}
				if s[i] != ':' {
					return i, count, fl, d.syntax(i, "missing colon after object key")
				}
				i = d.ws(i + 1)
			}
			j, _, f, err := d.skip(i, depth+1)
			fl |= f
			count++
			if err != nil {
				return j, count, fl, err
			}
			if i = d.ws(j); i >= len(s) {
				return i, count, fl, d.eof()
			}
			switch s[i] {
			case ',':
				i = d.ws(i + 1)
			case closer:
				return i + 1, count, fl, nil
			default:
				return i, count, fl, d.syntax(i, "missing comma or closing bracket")
			}
		}
	case 't':
		end, err = d.lit(i, "true")
	case 'f':
		end, err = d.lit(i, "false")
	case 'n':
		end, err = d.lit(i, "null")
	default:
		if c == '-' || ('0' <= c && c <= '9') {
			end, err = d.num(i)
		} else {
			return i, 0, 0, d.syntax(i, "invalid character")
		}
	}
	return end, 0, 0, err
}

// typeAt names the JSON type of the value at s[i], as the API's received
// does.
func typeAt(s string, i int) string {
	switch s[i] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}
