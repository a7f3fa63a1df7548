package phone

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Rule: "Documented forms: +1XXXXXXXXXX, XXXXXXXXXX, (XXX) XXX-XXXX. The default parser
// accepts exactly these."
func TestParse_DocumentedForms(t *testing.T) {
	for _, in := range []string{"+14152345678", "4152345678", "(415) 234-5678"} {
		for _, p := range parsers {
			t.Run(p.name+"/"+in, func(t *testing.T) {
				n, err := p.parse(in)
				require.NoError(t, err)
				assert.Equal(t, want, n)
				assert.Equal(t, "+14152345678", n.String())
			})
		}
	}
}

// Rule: the default parser accepts exactly the documented forms, so every lenient
// variant is phone_format for Parse (and accepted by ParseLenient).
func TestParse_RejectsLenientOnlyForms(t *testing.T) {
	for _, in := range lenientOnly {
		t.Run(in, func(t *testing.T) {
			_, err := Parse(in)
			assert.ErrorIs(t, err, ErrFormat)
		})
	}
}

// The usual variants the rule lists, and the rest of the documented lenient grammar.
var lenientOnly = []string{
	"415-234-5678",
	"415.234.5678",
	"415 234 5678",
	"14152345678",
	"1-415-234-5678",
	"1.415.234.5678",
	"1 415 234 5678",
	"1 (415) 234-5678",
	"1(415)234-5678",
	"+1 (415) 234-5678",
	"+1(415)234-5678",
	"+1 415 234 5678",
	"+1-415-234-5678",
	"+1.415.234.5678",
	"+1 4152345678",
	"(415)234-5678",
	"(415)-234-5678",
	"(415) 234 5678",
	"(415).234.5678",
	"(415)2345678",
	"415 234-5678",
	"415234-5678",
	"415-2345678",
	"(415) 2345678",
}

// Rule: "A lenient mode also accepts the usual variants (XXX-XXX-XXXX, XXX.XXX.XXXX,
// XXX XXX XXXX, 1XXXXXXXXXX, +1 (XXX) XXX-XXXX, (XXX)XXX-XXXX, ...)".
func TestParseLenient_UsualVariants(t *testing.T) {
	for _, in := range lenientOnly {
		t.Run(in, func(t *testing.T) {
			n, err := ParseLenient(in)
			require.NoError(t, err)
			assert.Equal(t, want, n)
		})
	}
}

// Lenient is not "strip every non-digit": garbage is rejected with a code saying why.
func TestParseLenient_RejectsGarbage(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want error
	}{
		{"1-800-FLOWERS", ErrCharacters},
		{"415-CALL-NOW", ErrCharacters},
		{"415-234-5678 x123", ErrCharacters},
		{"415-234-5678 ext. 12", ErrCharacters},
		{"415-234-5678;ext=12", ErrCharacters},
		{"tel:+14152345678", ErrCharacters},
		{"415/234/5678", ErrCharacters},
		{"415\t234\t5678", ErrCharacters},
		{"415\u00a0234\u00a05678", ErrCharacters},  // NBSP between groups
		{"４１５２３４５６７８", ErrCharacters},              // full-width digits
		{"٤١٥٢٣٤٥٦٧٨", ErrCharacters},              // Arabic-Indic digits
		{"001 415 234 5678", ErrLength},            // 00 international prefix
		{"011 1 415 234 5678", ErrLength},          // 011 international prefix
		{"00 415 234 5678", ErrLength},             // 12 digits
		{"+44 20 7946 0958", ErrCountryCode},       // not NANP
		{"+52 55 1234 5678", ErrCountryCode},       // Mexico
		{"+0 415 234 5678", ErrCountryCode},        // no such country code
		{"234-5678", ErrLength},                    // seven-digit local number
		{"415-234-567", ErrLength},                 // nine digits
		{"415-234-56789", ErrLength},               // eleven digits, no leading 1
		{"24152345678", ErrLength},                 // eleven digits, no leading 1
		{"1-1-415-234-5678", ErrLength},            // twelve digits
		{"+1 1 415 234 5678", ErrLength},           // +1 and eleven digits
		{"++14152345678", ErrFormat},               // doubled plus
		{"+ 1 415 234 5678", ErrFormat},            // space inside the country code
		{"415--234-5678", ErrFormat},               // doubled separator
		{"415 - 234 - 5678", ErrFormat},            // separator with spaces around it
		{"41-5234-5678", ErrFormat},                // wrong grouping
		{"4152-34-5678", ErrFormat},                // wrong grouping
		{"(415 234-5678", ErrFormat},               // unbalanced parenthesis
		{"415) 234-5678", ErrFormat},               // unbalanced parenthesis
		{"((415)) 234-5678", ErrFormat},            // doubled parentheses
		{"(415) (234) 5678", ErrFormat},            // parentheses around the exchange
		{"(1) 415 234 5678", ErrFormat},            // parentheses around the country code
		{"+1 (415) 234-5678.", ErrFormat},          // trailing separator
		{"-415-234-5678", ErrFormat},               // leading separator
		{"1415 234 56 78", ErrFormat},              // line split
		{"+1415234567 8", ErrFormat},               // separator inside the line
		{"( 415 ) 234-5678", ErrFormat},            // spaces inside parentheses
		{"415 234 5678 415 234 5678", ErrLength},   // two numbers
		{"+1 (415) 234-5678 / 415", ErrCharacters}, // slash
		{"+1 (415) 234-5678 +1", ErrLength},        // trailing garbage
		{"\x00415-234-5678", ErrInvalidString},     // NUL
		{"415-234-5678\xff", ErrInvalidString},     // invalid UTF-8, never repaired
		{"415\u2013234\u20135678", ErrCharacters},  // en dash
		{"\u200b415-234-5678", ErrCharacters},      // zero-width space is not white space
		{"415-234-5678\u00a0x", ErrCharacters},     // trailing NBSP then a letter
		{"(415)\u3000234-5678", ErrCharacters},     // ideographic space inside
		{"+1\u00a0415\u00a0234\u00a05678", ErrCharacters},
	} {
		t.Run(tc.in, func(t *testing.T) {
			_, err := ParseLenient(tc.in)
			assert.ErrorIs(t, err, tc.want)
		})
	}
}
