package plancode

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/width"
)

// apiError is the method set every carerules error implements; hosts map
// errors onto the API's validation error with one errors.As on it.
type apiError interface {
	error
	Field() string
	Code() string
	Expected() string
	Received() string
}

// parseCase is one row of the rule tables: input, and either the canonical
// output or the sentinel expected.
type parseCase struct {
	name string
	in   string
	want string // canonical form when err is nil
	err  error
}

func runParse(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse(tc.in)
			if tc.err != nil {
				assert.ErrorIs(t, err, tc.err)
				assert.False(t, c.IsValid(), "a rejected input gives the zero Code")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, c.String())
		})
	}
}

// Rule: "Shape: prefix letter + 4-digit contract number + 3-digit plan
// (PBP) ID + 3-digit segment ID. Canonical form is dashed and upper case:
// H1234-001-000."
func TestRule_ShapeAndCanonicalForm(t *testing.T) {
	runParse(t, []parseCase{
		{"canonical", "H1234-001-000", "H1234-001-000", nil},
		{"api example", "H1290-036-001", "H1290-036-001", nil},
		{"all nines", "R9999-999-999", "R9999-999-999", nil},
		{"all zeros", "S0000-000-000", "S0000-000-000", nil},
		{"3-digit contract", "H123-001-000", "", ErrSyntax},
		{"5-digit contract", "H12345-001-000", "", ErrSyntax},
		{"2-digit plan", "H1234-01-000", "", ErrSyntax},
		{"4-digit plan", "H1234-0011-000", "", ErrSyntax},
		{"4-digit segment", "H1234-001-0000", "", ErrSyntax},
		{"two letters", "HH1234-001-000", "", ErrSyntax},
		{"no letter", "1234-001-000", "", ErrSyntax},
		{"digit for letter", "01234-001-000", "", ErrSyntax},
		{"letter in digits", "H12O4-001-000", "", ErrSyntax},
		{"trailing letter", "H1234-001-000A", "", ErrSyntax},
		{"non-ASCII digit", "H1234-001-٠٠٠", "", ErrSyntax},
		{"a lone letter", "H", "", ErrSyntax},
		{"short garbage", "H12", "", ErrSyntax},
		{"long garbage", strings.Repeat("H1234", 20), "", ErrSyntax},
	})
}

// Rule: "Dashes are optional at the two boundaries, each independently
// ... Any other separator or position is an error."
func TestRule_OptionalDashes(t *testing.T) {
	runParse(t, []parseCase{
		{"no dashes", "H1234001000", "H1234-001-000", nil},
		{"first dash only", "H1234-001000", "H1234-001-000", nil},
		{"second dash only", "H1234001-000", "H1234-001-000", nil},
		{"both dashes", "H1234-001-000", "H1234-001-000", nil},
		{"dash after letter", "H-1234-001-000", "", ErrSyntax},
		{"dash inside contract", "H12-34-001-000", "", ErrSyntax},
		{"dash inside plan", "H1234-00-1000", "", ErrSyntax},
		{"double dash", "H1234--001-000", "", ErrSyntax},
		{"leading dash", "-H1234-001-000", "", ErrSyntax},
		{"trailing dash", "H1234-001-000-", "", ErrSyntax},
		{"space separator", "H1234 001 000", "", ErrSyntax},
		{"slash separator", "H1234/001/000", "", ErrSyntax},
		{"dot separator", "H1234.001.000", "", ErrSyntax},
		{"underscore separator", "H1234_001_000", "", ErrSyntax},
		{"en dash", "H1234\u2013001\u2013000", "", ErrSyntax},
		{"minus sign", "H1234\u2212001\u2212000", "", ErrSyntax},
		{"zero-width space is not dropped", "H1234\u200b-001-000", "", ErrSyntax},
	})
}

// Rule: "A lower-case prefix letter is accepted and upper-cased."
func TestRule_LowerCasePrefix(t *testing.T) {
	runParse(t, []parseCase{
		{"h", "h1234-001-000", "H1234-001-000", nil},
		{"r undashed", "r1234001000", "R1234-001-000", nil},
		{"s", "s5678-123-456", "S5678-123-456", nil},
		{"e", "e0001-002-003", "E0001-002-003", nil},
		{"x", "x9999-999-999", "X9999-999-999", nil},
		{"lower unknown letter is still a prefix error", "q1234-001-000", "", ErrPrefix},
	})
}

// Rule: "Full-width characters are folded to ASCII first
// (golang.org/x/text/width)."
func TestRule_FullWidthFolded(t *testing.T) {
	runParse(t, []parseCase{
		{"all full-width", "Ｈ１２３４－００１－０００", "H1234-001-000", nil},
		{"full-width undashed", "Ｈ１２３４００１０００", "H1234-001-000", nil},
		{"full-width lower letter", "ｈ１２３４００１０００", "H1234-001-000", nil},
		{"mixed widths", "H１２34-００1-000", "H1234-001-000", nil},
		{"full-width hyphen only", "H1234－001－000", "H1234-001-000", nil},
		{"ideographic spaces around", "\u3000Ｈ１２３４－００１－０００\u3000", "H1234-001-000", nil},
		{"full-width padded segment", "Ｓ１２３４－００１－７", "S1234-001-007", nil},
		{"full-width solidus is still a wrong separator", "H1234／001／000", "", ErrSyntax},
		{"full-width incomplete", "Ｈ１２３４－００１", "", ErrIncomplete},
		{"full-width unknown prefix", "Ｑ１２３４－００１－０００", "", ErrPrefix},
		{"half-width katakana does not fold to ASCII", "Hｱ234-001-000", "", ErrSyntax},
		{"invalid UTF-8 is invalid_string, not repaired", "H1234-001-00\xff", "", ErrInvalidString},
	})
}

// Rule: "In the fully dashed form only, a 1- or 2-digit segment is
// zero-padded (H1234-001-0 -> H1234-001-000)."
func TestRule_SegmentZeroPaddingDashedOnly(t *testing.T) {
	runParse(t, []parseCase{
		{"1 digit", "H1234-001-0", "H1234-001-000", nil},
		{"1 digit nonzero", "H1234-001-7", "H1234-001-007", nil},
		{"2 digits", "H1234-001-12", "H1234-001-012", nil},
		{"2 digits lower prefix", "r1234-001-05", "R1234-001-005", nil},
		{"3 digits unchanged", "H1234-001-120", "H1234-001-120", nil},
		{"undashed 2 digits", "H123400112", "", ErrSyntax},
		{"undashed 1 digit", "H12340017", "", ErrSyntax},
		{"first dash only, 2 digits", "H1234-00112", "", ErrSyntax},
		{"second dash only, 2 digits", "H1234001-12", "", ErrSyntax},
		{"second dash only, 1 digit", "H1234001-7", "", ErrSyntax},
		{"empty segment after dash", "H1234-001-", "", ErrSyntax},
		{"plan is never padded", "H1234-1-000", "", ErrSyntax},
		{"plan is never padded, 2 digits", "H1234-01-0", "", ErrSyntax},
		{"contract is never padded", "H12-001-000", "", ErrSyntax},
	})
}

// Rule: "Incomplete codes (H1234, H1234-001) are errors with their own
// code, and the message suggests the complete form with segment 000."
func TestRule_IncompleteCodes(t *testing.T) {
	cases := []struct {
		name, in, suggestion string
	}{
		{"contract and plan", "H1234-001", "H1234-001-000"},
		{"contract and plan undashed", "H1234001", "H1234-001-000"},
		{"lower case", "r5555-002", "R5555-002-000"},
		{"full-width", "Ｓ１２３４－００９", "S1234-009-000"},
		{"contract only", "H1234", "H1234-PPP-000"},
		{"contract only, lower", "x0001", "X0001-PPP-000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.in)
			require.ErrorIs(t, err, ErrIncomplete)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "plan_code_incomplete", e.Code())
			assert.Equal(t, tc.suggestion, e.Expected())
			// The rule is about the message, so this test reads it.
			assert.Contains(t, e.Error(), tc.suggestion)
		})
	}
	// Not incomplete: a trailing dash and shorter forms are syntax errors.
	runParse(t, []parseCase{
		{"contract, dash", "H1234-", "", ErrSyntax},
		{"contract, plan, dash", "H1234-001-", "", ErrSyntax},
		{"short plan", "H1234-01", "", ErrSyntax},
		{"short contract", "H123", "", ErrSyntax},
	})
}

// Rule: "Medicare types MA and MAPD: a complete CMS contract-style code
// with prefix H or R. PDP: prefix S, H, R, E or X." and "A wrong prefix for
// the type is its own error code, naming the prefixes allowed for it."
func TestRule_MedicarePrefixByPolicyType(t *testing.T) {
	allowed := map[string]string{"MA": "HR", "MAPD": "HR", "PDP": "SHREX"}
	for _, pt := range []string{"MA", "MAPD", "PDP"} {
		for _, p := range "HRSEXQA" {
			code := string(p) + "1234-001-000"
			t.Run(pt+"/"+code, func(t *testing.T) {
				got, err := Canonical(pt, code)
				if strings.ContainsRune(allowed[pt], p) {
					require.NoError(t, err)
					assert.Equal(t, code, got)
					return
				}
				assert.ErrorIs(t, err, ErrPrefix)
				assert.Empty(t, got)
			})
		}
	}
	// The error names the prefixes allowed for the type.
	for _, tc := range []struct{ pt, code, expected string }{
		{"MA", "S1234-001-000", "H1234-001-000 with prefix H or R"},
		{"MAPD", "E1234-001-000", "H1234-001-000 with prefix H or R"},
		{"PDP", "Q1234-001-000", "S1234-001-000 with prefix S, H, R, E or X"},
	} {
		t.Run("expected/"+tc.pt, func(t *testing.T) {
			_, err := Canonical(tc.pt, tc.code)
			var e apiError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "plan_code_prefix", e.Code())
			assert.Equal(t, tc.expected, e.Expected())
			assert.Equal(t, tc.code, e.Received())
		})
	}
}

// Rule: a wrong prefix wins over an incomplete code (the suggestion
// would be wrong), and a complete code is required for Medicare types.
func TestRule_MedicareNeedsCompleteCode(t *testing.T) {
	for _, tc := range []struct {
		pt, code string
		err      error
	}{
		{"MA", "H1234", ErrIncomplete},
		{"MA", "H1234-001", ErrIncomplete},
		{"MAPD", "R1234001", ErrIncomplete},
		{"PDP", "S1234-001", ErrIncomplete},
		{"MA", "S1234-001", ErrPrefix},
		{"MA", "S1234", ErrPrefix},
		{"MA", "Plan G", ErrSyntax},
		{"PDP", "H1234-001-0000", ErrSyntax},
	} {
		t.Run(tc.pt+"/"+tc.code, func(t *testing.T) {
			got, err := Canonical(tc.pt, tc.code)
			assert.ErrorIs(t, err, tc.err)
			assert.Empty(t, got)
		})
	}
}

// Rule: "CMS meaning of the prefix: H local MA/MAPD, R regional PPO, S
// stand-alone PDP, E employer/union direct contract, X Limited Income Newly
// Eligible Transition; expose it."
func TestRule_PrefixMeaning(t *testing.T) {
	for _, tc := range []struct {
		code    string
		prefix  Prefix
		letter  string
		meaning string // a word the meaning must contain
	}{
		{"H1234-001-000", LocalMA, "H", "local Medicare Advantage"},
		{"R1234-001-000", RegionalPPO, "R", "regional PPO"},
		{"S1234-001-000", StandalonePDP, "S", "stand-alone prescription drug plan"},
		{"E1234-001-000", EmployerDirect, "E", "employer/union direct contract"},
		{"X1234-001-000", LINET, "X", "Limited Income Newly Eligible Transition"},
	} {
		t.Run(tc.letter, func(t *testing.T) {
			p := MustParse(tc.code).Prefix()
			assert.Equal(t, tc.prefix, p)
			assert.True(t, p.IsValid())
			assert.Equal(t, tc.letter, p.String())
			assert.Contains(t, p.Meaning(), tc.meaning)
		})
	}
	for _, p := range []Prefix{0, 'Q', 'h', 'A'} {
		assert.False(t, p.IsValid(), "%q", byte(p))
		assert.Empty(t, p.String())
		assert.Empty(t, p.Meaning())
	}
}

// Rule: "MS (Medicare Supplement) plan codes are carrier-specific:
// trimmed, length-checked, kept as given. Every other policy type (ACA,
// Dental, Vision, Life, ...) likewise."
func TestRule_OtherPolicyTypesKeptAsGiven(t *testing.T) {
	for _, tc := range []struct{ pt, in, want string }{
		{"MS", "Plan G", "Plan G"},
		{"MS", "  plan-n  ", "plan-n"},
		{"MS", "H1234001000", "H1234001000"}, // not canonicalized
		{"MS", "Ｇ", "Ｇ"},                     // not folded
		{"ms", "F", "F"},
		{"ACA", "12345NY0010001-01", "12345NY0010001-01"},
		{"Dental", "dental basic", "dental basic"},
		{"Vision", "V1", "V1"},
		{"Life", "Term 20", "Term 20"},
		{"", "anything", "anything"},
		{"Medicare Advantage", "not checked", "not checked"},
		{"MA ", "H1234001000", "H1234-001-000"}, // trimmed type is MA
		{"M A", "not checked", "not checked"},
		{"MS", "\u00a0Plan\u00a0G\u3000", "Plan\u00a0G"},
	} {
		t.Run(tc.pt+"/"+tc.in, func(t *testing.T) {
			got, err := Canonical(tc.pt, tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

// Policy types compare case-insensitively (issue 2), after trimming and
// full-width folding.
func TestCanonical_PolicyTypeCaseInsensitive(t *testing.T) {
	for _, pt := range []string{"MA", "ma", "Ma", "mA", " ma\t", "ＭＡ", "ｍａ"} {
		_, err := Canonical(pt, "S1234-001-000")
		assert.ErrorIs(t, err, ErrPrefix, "%q is MA", pt)
	}
	for _, pt := range []string{"MAPD", "mapd", "MaPd", "ＭＡＰＤ"} {
		_, err := Canonical(pt, "S1234-001-000")
		assert.ErrorIs(t, err, ErrPrefix, "%q is MAPD", pt)
	}
	for _, pt := range []string{"PDP", "pdp", "Pdp", "ＰＤＰ"} {
		got, err := Canonical(pt, "x1234001000")
		require.NoError(t, err, "%q is PDP", pt)
		assert.Equal(t, "X1234-001-000", got)
		_, err = Canonical(pt, "Q1234-001-000")
		assert.ErrorIs(t, err, ErrPrefix, "%q is PDP", pt)
	}
	// Unicode case folding is not used: the Kelvin sign and the long s are
	// not ASCII letters, so these are other types and keep the code.
	for _, pt := range []string{"MAP\u212a", "PD\u017f"} {
		got, err := Canonical(pt, "S1234-001-000")
		require.NoError(t, err)
		assert.Equal(t, "S1234-001-000", got)
	}
}

// Decision (package doc): an empty or whitespace-only planCode is ErrEmpty
// for every policy type, never "" and never absent.
func TestCanonical_EmptyPlanCode(t *testing.T) {
	for _, pt := range []string{"MA", "MAPD", "PDP", "MS", "ACA", ""} {
		for _, in := range []string{"", " ", "\t\n", "\u3000", "\u00a0 \u2003"} {
			got, err := Canonical(pt, in)
			assert.ErrorIs(t, err, ErrEmpty, "%q %q", pt, in)
			assert.Empty(t, got)
			var e apiError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "plan_code_empty", e.Code())
			assert.Equal(t, in, e.Received())
			assert.NotEmpty(t, e.Expected())
		}
	}
	_, err := Parse("  ")
	assert.ErrorIs(t, err, ErrEmpty)
}

// Common rule: "Surrounding white space (ASCII and Unicode spaces) is
// trimmed before parsing. Nothing else is silently dropped."
func TestCommon_TrimSurroundingSpace(t *testing.T) {
	runParse(t, []parseCase{
		{"ascii spaces", "  H1234-001-000  ", "H1234-001-000", nil},
		{"tabs and newlines", "\tH1234001000\r\n", "H1234-001-000", nil},
		{"no-break space", "\u00a0H1234-001-000\u00a0", "H1234-001-000", nil},
		{"em space and ideographic space", "\u2003H1234-001-000\u3000", "H1234-001-000", nil},
		{"space inside", "H1234 -001-000", "", ErrSyntax},
		{"zero-width space is not white space", "\u200bH1234-001-000", "", ErrSyntax},
		{"BOM is not white space", "\ufeffH1234-001-000", "", ErrSyntax},
		{"NUL is not white space: invalid_string", "H1234-001-000\x00", "", ErrInvalidString},
	})
}

// Common rule: input longer than the field limit, 255 characters counted in
// UTF-16 code units (JavaScript's String.length), is rejected before any
// other work.
func TestCommon_LengthLimit(t *testing.T) {
	at := strings.Repeat("x", MaxLen)
	over := at + "x"
	wide := strings.Repeat("é", MaxLen) // 255 characters, 510 bytes
	emoji := "\U0001F600"               // outside the BMP: 2 UTF-16 units
	for _, tc := range []struct {
		name, pt, in string
		err          error
	}{
		{"MS at the limit", "MS", at, nil},
		{"MS multi-byte at the limit", "MS", wide, nil},
		{"MS over the limit", "MS", over, ErrTooLong},
		{"MS multi-byte over", "MS", wide + "é", ErrTooLong},
		{"MS 4-byte characters over", "MS", strings.Repeat(emoji, MaxLen+1), ErrTooLong},
		{"MS 127 emoji + 1 ASCII = 255 units pass", "MS", strings.Repeat(emoji, 127) + "a", nil},
		{"MS 128 emoji = 256 units are too long", "MS", strings.Repeat(emoji, 128), ErrTooLong},
		{"MS 128 emoji, 128 code points, still too long", "ACA", strings.Repeat(emoji, 128), ErrTooLong},
		{"white space counts: received before trimming", "MS", " " + at, ErrTooLong},
		{"huge", "ACA", strings.Repeat("a", 1<<20), ErrTooLong},
		{"MA over the limit is too long, not syntax", "MA", over, ErrTooLong},
		{"MA a valid code padded past the limit", "MA", "H1234-001-000" + strings.Repeat(" ", MaxLen), ErrTooLong},
		{"MA at the limit is syntax", "MA", at, ErrSyntax},
		{"MA all white space over the limit", "MA", strings.Repeat(" ", MaxLen+1), ErrTooLong},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Canonical(tc.pt, tc.in)
			if tc.err == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tc.err)
		})
	}
	// Received describes the length rather than quoting the value.
	_, err := Parse(over)
	var e apiError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "plan_code_too_long", e.Code())
	assert.Equal(t, "256 characters", e.Received())
	assert.Equal(t, "at most 255 characters", e.Expected())
	assert.NotContains(t, e.Error(), over)
	_, err = Parse(strings.Repeat("a", 5000))
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "5000 bytes", e.Received())
	_, err = Canonical("MS", strings.Repeat(emoji, 128))
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "256 characters", e.Received())
}

// Common rule: text that is not valid Unicode is rejected, never repaired
// (code invalid_string); U+0000 and the other C0 controls too, a plan code
// being an identifier. White space around is trimmed first.
func TestCommon_InvalidTextRejected(t *testing.T) {
	for _, tc := range []struct {
		name, pt, in, received string
	}{
		{"MS invalid UTF-8", "MS", "Plan \xffG", "invalid UTF-8 at byte 5"},
		{"ACA unpaired surrogate in UTF-8", "ACA", "X\xed\xa0\x80", "invalid UTF-8 at byte 1"},
		{"MS NUL", "MS", "G\x00", "U+0000 at byte 1"},
		{"MS tab inside", "MS", "Plan\tG", "control character U+0009 at byte 4"},
		{"MA invalid UTF-8", "MA", "H1234-001-000\xff", "invalid UTF-8 at byte 13"},
		{"PDP NUL", "PDP", "\x00S1234-001-000", "U+0000 at byte 0"},
		{"Parse control character", "", "H1234\x01-001-000", "control character U+0001 at byte 5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var err error
			if tc.pt == "" {
				_, err = Parse(tc.in)
			} else {
				_, err = Canonical(tc.pt, tc.in)
			}
			require.ErrorIs(t, err, ErrInvalidString)
			var e apiError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "invalid_string", e.Code())
			assert.Equal(t, "planCode", e.Field())
			assert.Equal(t, tc.received, e.Received())
			assert.NotEmpty(t, e.Expected())
		})
	}
	// Trimmed first: surrounding tabs and newlines are white space.
	got, err := Canonical("MS", "\tPlan G\n")
	require.NoError(t, err)
	assert.Equal(t, "Plan G", got)
}

// Common rule: errors are typed, with a stable code, the field path,
// expected and received, and support errors.Is.
func TestCommon_TypedErrors(t *testing.T) {
	for _, tc := range []struct {
		pt, in       string
		sentinel     error
		code         string
		expected     string
		received     string
		notSentinels []error
	}{
		{"", "", ErrEmpty, "plan_code_empty", "H1234-001-000 with prefix H, R, S, E or X", "", nil},
		{"MS", " ", ErrEmpty, "plan_code_empty", "a non-empty plan code", " ", nil},
		{"", " H1234/001/000 ", ErrSyntax, "plan_code_syntax", "H1234-001-000 with prefix H, R, S, E or X", "H1234/001/000", nil},
		{"MA", "H1234/001/000", ErrSyntax, "plan_code_syntax", "H1234-001-000 with prefix H or R", "H1234/001/000", nil},
		{"", "Q1234-001-000", ErrPrefix, "plan_code_prefix", "H1234-001-000 with prefix H, R, S, E or X", "Q1234-001-000", nil},
		{"MA", "s1234001000", ErrPrefix, "plan_code_prefix", "H1234-001-000 with prefix H or R", "s1234001000", nil},
		{"PDP", "h1234-002", ErrIncomplete, "plan_code_incomplete", "H1234-002-000", "h1234-002", nil},
		{"", "Ｈ１２３４", ErrIncomplete, "plan_code_incomplete", "H1234-PPP-000", "Ｈ１２３４", nil},
	} {
		t.Run(tc.code+"/"+tc.pt+"/"+tc.in, func(t *testing.T) {
			var err error
			if tc.pt == "" {
				_, err = Parse(tc.in)
			} else {
				_, err = Canonical(tc.pt, tc.in)
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.sentinel)
			for _, s := range []error{ErrEmpty, ErrTooLong, ErrSyntax, ErrPrefix, ErrIncomplete} {
				if s != tc.sentinel {
					assert.NotErrorIs(t, err, s)
				}
			}
			var e apiError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "planCode", e.Field())
			assert.Equal(t, tc.code, e.Code())
			assert.Equal(t, tc.expected, e.Expected())
			assert.Equal(t, tc.received, e.Received())
			assert.NotEmpty(t, e.Error())
			var pe *Error
			assert.ErrorAs(t, err, &pe)
		})
	}
}

// Error() shortens a long plan code so that log lines stay bounded.
func TestError_ShortensLongInput(t *testing.T) {
	long := strings.Repeat("é", 200)
	_, err := Canonical("MA", long)
	require.ErrorIs(t, err, ErrSyntax)
	assert.NotContains(t, err.Error(), long)
	assert.Less(t, len(err.Error()), 200)
	var e apiError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, long, e.Received())
}

// Common rule: "Valid output is a canonical value type (comparable, zero
// value = invalid/absent) with String(), MarshalText/UnmarshalText (and so
// JSON), and Parse(String(x)) == x."
func TestCommon_ValueType(t *testing.T) {
	c := MustParse("h1234-001-7")
	assert.True(t, c.IsValid())
	assert.Equal(t, "H1234-001-007", c.String())
	assert.Equal(t, "H1234", c.ContractID())
	assert.Equal(t, "001", c.PlanID())
	assert.Equal(t, "007", c.SegmentID())
	assert.Equal(t, LocalMA, c.Prefix())

	// Comparable, usable as a map key; equal codes from different spellings.
	m := map[Code]int{c: 1}
	m[MustParse("Ｈ１２３４－００１－００７")]++
	assert.Equal(t, map[Code]int{c: 2}, m)
	assert.NotEqual(t, c, MustParse("H1234-001-000"))

	// Round trip.
	back, err := Parse(c.String())
	require.NoError(t, err)
	assert.Equal(t, c, back)

	// Zero value.
	var z Code
	assert.False(t, z.IsValid())
	assert.Equal(t, "", z.String())
	assert.Equal(t, "", z.ContractID())
	assert.Equal(t, "", z.PlanID())
	assert.Equal(t, "", z.SegmentID())
	assert.Equal(t, Prefix(0), z.Prefix())
	assert.False(t, z.Prefix().IsValid())
	_, err = Parse(z.String())
	assert.ErrorIs(t, err, ErrEmpty)

	// Text.
	b, err := c.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "H1234-001-007", string(b))
	b, err = c.AppendText([]byte("code="))
	require.NoError(t, err)
	assert.Equal(t, "code=H1234-001-007", string(b))
	b, err = z.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)
	var u Code
	require.NoError(t, u.UnmarshalText([]byte("r1234-005-01")))
	assert.Equal(t, "R1234-005-001", u.String())
	require.NoError(t, u.UnmarshalText(nil))
	assert.Equal(t, Code{}, u)
	u = c
	assert.ErrorIs(t, u.UnmarshalText([]byte("H1234")), ErrIncomplete)
	assert.Equal(t, Code{}, u, "a failed UnmarshalText leaves the zero Code")

	// JSON, through the text methods.
	type policy struct {
		PlanCode Code `json:"planCode"`
	}
	j, err := json.Marshal(policy{c})
	require.NoError(t, err)
	assert.JSONEq(t, `{"planCode":"H1234-001-007"}`, string(j))
	j, err = json.Marshal(policy{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"planCode":""}`, string(j))
	var p policy
	require.NoError(t, json.Unmarshal([]byte(`{"planCode":"S9876543210"}`), &p))
	assert.Equal(t, "S9876-543-210", p.PlanCode.String())
	err = json.Unmarshal([]byte(`{"planCode":"S9876-543"}`), &p)
	assert.ErrorIs(t, err, ErrIncomplete)
}

func TestMustParsePanics(t *testing.T) {
	assert.Panics(t, func() { MustParse("H1234") })
	assert.NotPanics(t, func() { MustParse("H1234-001-000") })
}

// Parse allocates nothing for ASCII input it accepts (the ASCII fast path),
// nor for full-width input (folded into a buffer on the stack).
func TestParseNoAllocs(t *testing.T) {
	for _, in := range []string{"H1234-001-000", "h1234001000", "  R1234-001-7\t", "X1234001-000", "Ｈ１２３４－００１－０００"} {
		var sink Code
		allocs := testing.AllocsPerRun(1000, func() {
			c, err := Parse(in)
			if err != nil {
				panic(err)
			}
			sink = c
		})
		assert.Zero(t, allocs, "Parse(%q)", in)
		assert.True(t, sink.IsValid())
	}
	// Canonical allocates only the returned string for Medicare types, and
	// nothing for the others.
	allocs := testing.AllocsPerRun(1000, func() {
		if _, err := Canonical("mapd", "H1234001000"); err != nil {
			panic(err)
		}
	})
	assert.Equal(t, 1.0, allocs)
	allocs = testing.AllocsPerRun(1000, func() {
		if _, err := Canonical("MS", " Plan G "); err != nil {
			panic(err)
		}
	})
	assert.Zero(t, allocs)
}

func TestErrorsAreDistinct(t *testing.T) {
	all := []error{ErrEmpty, ErrTooLong, ErrSyntax, ErrPrefix, ErrIncomplete}
	for i, a := range all {
		for j, b := range all {
			assert.Equal(t, i == j, errors.Is(a, b))
		}
	}
}

// The zero Error is not made by this package, but its methods do not panic.
func TestError_ZeroValue(t *testing.T) {
	var e Error
	assert.NotPanics(t, func() {
		_ = e.Error()
		_ = e.Expected()
		_ = e.Received()
		_ = e.Code()
	})
	assert.NoError(t, e.Unwrap())
	assert.Empty(t, e.Code())
}

// fold and maxInputBytes rely on this property of the width tables: every
// character that width.Fold maps to ASCII is at most 3 bytes long in UTF-8,
// so a code (13 ASCII characters once folded) is at most 39 bytes.
func TestWidthFoldToASCIIIsAtMost3Bytes(t *testing.T) {
	n := 0
	for r := rune(utf8.RuneSelf); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		f := width.LookupRune(r).Folded()
		if f != 0 && f < utf8.RuneSelf {
			n++
			require.LessOrEqual(t, utf8.RuneLen(r), 3, "%U folds to %q", r, f)
			// And fold agrees with width.Fold itself.
			assert.Equal(t, string(f), width.Fold.String(string(r)))
		}
	}
	// U+3000 and U+FF01-U+FF5E: if this changes, look at the tables again.
	assert.Equal(t, 95, n)
}

// Parse and Canonical share no mutable state: run them concurrently under
// the race detector.
func TestConcurrentUse(t *testing.T) {
	inputs := []string{"H1234-001-000", "Ｈ１２３４－００１－０００", "H1234", "Q1234-001-000", " ", "Plan G"}
	done := make(chan struct{})
	for g := range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 500 {
				s := inputs[(g+i)%len(inputs)]
				c, err := Parse(s)
				if err == nil {
					_ = c.String()
				} else {
					_ = err.Error()
				}
				_, _ = Canonical("MA", s)
				_, _ = Canonical("MS", s)
			}
		}()
	}
	for range 4 {
		<-done
	}
}
