package plancode

import (
	"strings"
	"unicode/utf8"

	"github.com/carecycle/carerules/internal/field"
	"golang.org/x/text/width"
)

// MaxLen is the API's length limit for planCode, the library's one field
// limit: 255 characters counted in UTF-16 code units, as the API's
// TypeScript schema counts them (a character outside the Basic Multilingual
// Plane, such as an emoji, counts 2). It applies to the value as received,
// before trimming, and is checked before any other work.
const MaxLen = field.Limit

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
// Parse does not allocate when it accepts its input; a rejection allocates
// its *Error.
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
		return Code{}, newError(kindEmpty, s, x)
	}
	c, sh := scanInput(t)
	switch {
	case sh == shapeSyntax:
		// A code is ASCII once folded, so invalid text is only looked for
		// here, on the error path.
		if !field.ValidName(t) {
			return Code{}, newInvalid(t, x)
		}
		return Code{}, newError(kindSyntax, t, x)
	case !x.allows(c.prefix):
		return Code{}, newError(kindPrefix, t, x)
	case sh != shapeComplete:
		return Code{}, newError(kindIncomplete, t, x)
	}
	return c, nil
}

// scanInput scans trimmed, non-empty input as it is (the fast path: no
// copy, no x/text); only input that fails and is not all ASCII is then
// width-folded into a buffer on the stack and scanned again. Raw non-ASCII
// bytes never scan as anything but a syntax error, so the first scan cannot
// accept what folding would change.
func scanInput(t string) (Code, shape) {
	if len(t) > maxInputBytes {
		return Code{}, shapeSyntax
	}
	c, sh := scan(t)
	if sh != shapeSyntax {
		return c, sh
	}
	for i := 0; i < len(t); i++ {
		if t[i] >= utf8.RuneSelf {
			var buf [maxFoldedLen]byte
			b, ok := fold(buf[:0], t)
			if !ok {
				return Code{}, shapeSyntax
			}
			return scan(b)
		}
	}
	return Code{}, shapeSyntax
}

// tooLong reports whether s is longer than the field limit (UTF-16 code
// units, as the API counts them).
func tooLong(s string) bool { return field.TooLong(s) }

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

// scan reads b (ASCII once folded) as letter, 4 digits, optional dash, 3
// digits, optional dash, 3 digits; or, with both dashes, 1-3 digits of
// segment. The letter is upper-cased but not checked against the CMS
// prefixes. For the incomplete shapes the Code holds what was read.
//
// Every accepted form is told apart by its length and dash positions:
//
//	5   H1234           contract only
//	8   H1234001        no segment
//	9   H1234-001       no segment
//	11  H1234001000     complete      H1234-001-0   complete, padded
//	12  H1234-001000    complete      H1234001-000  complete
//	    H1234-001-00    complete, padded
//	13  H1234-001-000   complete
func scan[T string | []byte](b T) (Code, shape) {
	n := len(b)
	if n < 5 || n > maxFoldedLen {
		return Code{}, shapeSyntax
	}
	// b[0]|0x20 is in a-z exactly when b[0] is an ASCII letter.
	l := b[0] | 0x20
	if l < 'a' || 'z' < l {
		return Code{}, shapeSyntax
	}
	contract, ok := number(b, 1, 5)
	if !ok {
		return Code{}, shapeSyntax
	}
	c := Code{prefix: Prefix(l - 0x20), contract: contract}
	var plan, seg uint16
	var ok1, ok2 bool
	sh := shapeComplete
	switch {
	case n == 5:
		return c, shapeContractOnly
	case n == 8:
		plan, ok1 = number(b, 5, 8)
		ok2, sh = true, shapeNoSegment
	case n == 9 && b[5] == '-':
		plan, ok1 = number(b, 6, 9)
		ok2, sh = true, shapeNoSegment
	case n >= 11 && b[5] == '-' && b[9] == '-':
		plan, ok1 = number(b, 6, 9)
		seg, ok2 = number(b, 10, n)
	case n == 11:
		plan, ok1 = number(b, 5, 8)
		seg, ok2 = number(b, 8, 11)
	case n == 12 && b[5] == '-':
		plan, ok1 = number(b, 6, 9)
		seg, ok2 = number(b, 9, 12)
	case n == 12 && b[8] == '-':
		plan, ok1 = number(b, 5, 8)
		seg, ok2 = number(b, 9, 12)
	}
	if !ok1 || !ok2 {
		return Code{}, shapeSyntax
	}
	c.plan, c.segment = plan, seg
	return c, sh
}

// number returns the decimal value of b[i:j], which must be 1 to 4 ASCII
// digits.
func number[T string | []byte](b T, i, j int) (uint16, bool) {
	if i >= j {
		return 0, false
	}
	var n uint16
	for ; i < j; i++ {
		d := b[i] - '0'
		if d > 9 {
			return 0, false
		}
		n = n*10 + uint16(d)
	}
	return n, true
}
