package plancode

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// MaxLen is the API's length limit for planCode, in characters (Unicode code
// points, as JSON Schema's maxLength counts them). It applies to the value as
// received, before trimming, and is checked before any other work.
const MaxLen = 255

// Prefix is the first letter of a CMS contract ID. Its value is the upper-case
// ASCII letter itself; the zero Prefix is invalid. The named constants are the
// five prefixes CMS assigns; [Prefix.Meaning] says what each one denotes.
type Prefix byte

// The CMS contract prefixes.
const (
	LocalMA        Prefix = 'H' // local Medicare Advantage (MA/MAPD) contract
	RegionalPPO    Prefix = 'R' // regional PPO Medicare Advantage contract
	StandalonePDP  Prefix = 'S' // stand-alone prescription drug plan (PDP) contract
	EmployerDirect Prefix = 'E' // employer/union direct contract
	LINET          Prefix = 'X' // Limited Income Newly Eligible Transition (LI NET)
)

// IsValid reports whether p is one of the five CMS contract prefixes.
func (p Prefix) IsValid() bool {
	switch p {
	case LocalMA, RegionalPPO, StandalonePDP, EmployerDirect, LINET:
		return true
	}
	return false
}

// String returns the prefix letter ("H"), or "" if p is not valid.
func (p Prefix) String() string {
	switch p {
	case LocalMA:
		return "H"
	case RegionalPPO:
		return "R"
	case StandalonePDP:
		return "S"
	case EmployerDirect:
		return "E"
	case LINET:
		return "X"
	}
	return ""
}

// Meaning returns what CMS assigns the prefix to, in English, or "" if p is
// not valid.
func (p Prefix) Meaning() string {
	switch p {
	case LocalMA:
		return "local Medicare Advantage (MA/MAPD)"
	case RegionalPPO:
		return "regional PPO Medicare Advantage"
	case StandalonePDP:
		return "stand-alone prescription drug plan (PDP)"
	case EmployerDirect:
		return "employer/union direct contract"
	case LINET:
		return "Limited Income Newly Eligible Transition (LI NET)"
	}
	return ""
}

// Code is a complete CMS contract-style plan code: a contract ID (prefix
// letter and 4-digit contract number), a 3-digit plan (PBP) ID and a 3-digit
// segment ID. It is a small comparable value, usable as a map key. The zero
// Code is invalid.
type Code struct {
	prefix   Prefix // zero for the zero Code
	contract uint16 // 0-9999
	plan     uint16 // 0-999
	segment  uint16 // 0-999
}

// IsValid reports whether c is a parsed code rather than the zero Code.
func (c Code) IsValid() bool { return c.prefix != 0 }

// Prefix returns the prefix of the contract ID (zero for the zero Code).
func (c Code) Prefix() Prefix { return c.prefix }

// ContractID returns the contract ID, such as "H1234", or "" for the zero Code.
func (c Code) ContractID() string {
	if !c.IsValid() {
		return ""
	}
	var b [5]byte
	b[0] = byte(c.prefix)
	putDigits(b[1:], int(c.contract))
	return string(b[:])
}

// PlanID returns the 3-digit plan (PBP) ID, such as "001", or "" for the zero
// Code.
func (c Code) PlanID() string {
	if !c.IsValid() {
		return ""
	}
	var b [3]byte
	putDigits(b[:], int(c.plan))
	return string(b[:])
}

// SegmentID returns the 3-digit segment ID, such as "000", or "" for the zero
// Code.
func (c Code) SegmentID() string {
	if !c.IsValid() {
		return ""
	}
	var b [3]byte
	putDigits(b[:], int(c.segment))
	return string(b[:])
}

// String returns the canonical form, such as "H1234-001-000", or "" for the
// zero Code.
func (c Code) String() string {
	if !c.IsValid() {
		return ""
	}
	var b [canonicalLen]byte
	return string(c.appendTo(b[:0]))
}

// AppendText implements [encoding.TextAppender]: it appends the canonical
// form to b, or nothing for the zero Code.
func (c Code) AppendText(b []byte) ([]byte, error) {
	if !c.IsValid() {
		return b, nil
	}
	return c.appendTo(b), nil
}

// MarshalText implements [encoding.TextMarshaler]: the canonical form, or
// empty text for the zero Code.
func (c Code) MarshalText() ([]byte, error) {
	return c.AppendText(make([]byte, 0, canonicalLen))
}

// UnmarshalText implements [encoding.TextUnmarshaler]. Empty text gives the
// zero Code; anything else must be accepted by [Parse]. On error *c is set to
// the zero Code.
func (c *Code) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*c = Code{}
		return nil
	}
	var err error
	*c, err = Parse(string(text))
	return err
}

// MustParse is like [Parse] but panics on error. It is meant for tests and
// hard-coded values.
func MustParse(s string) Code {
	c, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return c
}

const canonicalLen = len("H1234-001-000")

func (c Code) appendTo(b []byte) []byte {
	var d [canonicalLen]byte
	d[0] = byte(c.prefix)
	putDigits(d[1:5], int(c.contract))
	d[5] = '-'
	putDigits(d[6:9], int(c.plan))
	d[9] = '-'
	putDigits(d[10:13], int(c.segment))
	return append(b, d[:]...)
}

// putDigits writes v into b as len(b) decimal digits, zero-padded.
func putDigits(b []byte, v int) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i] = byte('0' + v%10)
		v /= 10
	}
}

// Parse parses a complete CMS contract-style plan code with any of the five
// CMS prefixes (H, R, S, E, X) and returns it as a [Code].
//
// Surrounding white space (ASCII and Unicode) is trimmed. Full-width
// characters are folded to ASCII (golang.org/x/text/width) and a lower-case
// prefix letter is upper-cased. The dashes after the contract ID and after
// the plan ID are each optional: H1234001000, H1234-001000, H1234001-000 and
// H1234-001-000 are the same code. In the fully dashed form only, a 1- or
// 2-digit segment is zero-padded (H1234-001-0 is H1234-001-000). Nothing
// else is accepted.
//
// Errors are *[Error] values; errors.Is matches [ErrEmpty], [ErrTooLong],
// [ErrSyntax], [ErrPrefix] (a code of the right shape whose letter is not a
// CMS prefix) and [ErrIncomplete] (H1234, H1234-001, H1234001).
//
// Parse does not allocate on success when the input is ASCII.
func Parse(s string) (Code, error) {
	return parse(s, ruleAny)
}

// shape is the outcome of scanning the folded input.
type shape uint8

const (
	shapeSyntax       shape = iota
	shapeComplete           // prefix, contract, plan, segment
	shapeContractOnly       // H1234
	shapeNoSegment          // H1234-001 or H1234001
)

// maxFoldedLen is the longest folded input that can be a code or an
// incomplete code. maxInputBytes bounds its UTF-8 length: every character
// that folds to ASCII is at most 3 bytes long.
const (
	maxFoldedLen  = canonicalLen
	maxInputBytes = 3 * maxFoldedLen
)

func parse(s string, x *rule) (Code, error) {
	if tooLong(s) {
		return Code{}, newTooLong(s, x)
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return Code{}, &Error{err: ErrEmpty, received: s, rule: x}
	}
	if len(t) > maxInputBytes {
		return Code{}, &Error{err: ErrSyntax, received: t, rule: x}
	}
	var buf [maxFoldedLen]byte
	b, ok := fold(buf[:0], t)
	if !ok {
		return Code{}, &Error{err: ErrSyntax, received: t, rule: x}
	}
	c, sh := scan(b)
	switch {
	case sh == shapeSyntax:
		return Code{}, &Error{err: ErrSyntax, received: t, rule: x}
	case !x.allows(c.prefix):
		return Code{}, &Error{err: ErrPrefix, received: t, rule: x, code: c}
	case sh != shapeComplete:
		return Code{}, &Error{err: ErrIncomplete, received: t, rule: x, code: c, shape: sh}
	}
	return c, nil
}

// tooLong reports whether s has more than MaxLen characters, counting
// characters only when the byte length leaves a doubt.
func tooLong(s string) bool {
	if len(s) <= MaxLen {
		return false
	}
	if len(s) > utf8.UTFMax*MaxLen {
		return true
	}
	return utf8.RuneCountInString(s) > MaxLen
}

// fold appends the ASCII form of s to b: ASCII bytes as they are, other
// characters through width folding. It reports false if s is longer than
// cap(b) once folded, is not valid UTF-8, or has a character that does not
// fold to ASCII: none of these can be a plan code. It never allocates.
func fold(b []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); {
		if len(b) == cap(b) {
			return b, false
		}
		if c := s[i]; c < utf8.RuneSelf {
			b = append(b, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return b, false
		}
		// LookupString reads the same table as width.Fold; Folded is the
		// rune width.Fold maps this one to, or 0 if it keeps it.
		p, _ := width.LookupString(s[i : i+size])
		f := p.Folded()
		if f == 0 || f >= utf8.RuneSelf {
			return b, false
		}
		b = append(b, byte(f))
		i += size
	}
	return b, true
}

// scan reads b (ASCII, at most maxFoldedLen bytes) as letter, 4 digits,
// optional dash, 3 digits, optional dash, 3 digits; or, with both dashes,
// 1-3 digits of segment. The letter is upper-cased but not checked against
// the CMS prefixes. For the incomplete shapes the Code holds what was read.
func scan(b []byte) (Code, shape) {
	if len(b) < 5 {
		return Code{}, shapeSyntax
	}
	l := b[0]
	if 'a' <= l && l <= 'z' {
		l -= 'a' - 'A'
	}
	if l < 'A' || 'Z' < l {
		return Code{}, shapeSyntax
	}
	c := Code{prefix: Prefix(l)}
	n, ok := digits(b[1:5])
	if !ok {
		return Code{}, shapeSyntax
	}
	c.contract = uint16(n)
	b = b[5:]
	if len(b) == 0 {
		return c, shapeContractOnly
	}
	dash1 := b[0] == '-'
	if dash1 {
		b = b[1:]
	}
	if len(b) < 3 {
		return Code{}, shapeSyntax
	}
	if n, ok = digits(b[:3]); !ok {
		return Code{}, shapeSyntax
	}
	c.plan = uint16(n)
	b = b[3:]
	if len(b) == 0 {
		return c, shapeNoSegment
	}
	dash2 := b[0] == '-'
	if dash2 {
		b = b[1:]
	}
	switch len(b) {
	case 3:
	case 1, 2:
		if !dash1 || !dash2 {
			return Code{}, shapeSyntax
		}
	default:
		return Code{}, shapeSyntax
	}
	if n, ok = digits(b); !ok {
		return Code{}, shapeSyntax
	}
	c.segment = uint16(n)
	return c, shapeComplete
}

// digits returns the decimal value of b, which must be 1 to 4 ASCII digits.
func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || '9' < c {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
