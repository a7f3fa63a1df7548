package phone

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// apiError is the interface a host declares to map any carerules error onto the API's
// validation error with one errors.As.
type apiError interface {
	error
	Field() string
	Code() string
	Expected() string
	Received() string
}

type parser struct {
	name  string
	parse func(string) (Number, error)
}

var parsers = []parser{{"Parse", Parse}, {"ParseLenient", ParseLenient}}

// want is the Number every valid case of this file parses to, built by hand, not by
// the parser under test.
var want = Number{npa: 415, nxx: 234, line: 5678}

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

// Rule (common): "Surrounding white space (ASCII and Unicode spaces) is trimmed before
// parsing. Nothing else is silently dropped."
func TestParse_TrimsSurroundingWhiteSpace(t *testing.T) {
	for _, in := range []string{
		" 4152345678",
		"4152345678 ",
		"\t\n\v\f\r 4152345678 \r\n",
		"\u00a0+14152345678\u00a0",     // NBSP
		"\u2003(415) 234-5678\u3000",   // em space, ideographic space
		"\u0085\u2028\u20294152345678", // NEL, line and paragraph separators
		"\u202f4152345678\u205f",       // narrow NBSP, medium mathematical space
	} {
		for _, p := range parsers {
			t.Run(p.name+"/"+in, func(t *testing.T) {
				n, err := p.parse(in)
				require.NoError(t, err)
				assert.Equal(t, want, n)
			})
		}
	}
}

// Empty and whitespace-only input are the same error, phone_empty, in both modes.
func TestParse_EmptyAndWhiteSpace(t *testing.T) {
	for _, in := range []string{"", " ", "\t\n", "\u00a0\u3000", strings.Repeat(" ", MaxLength)} {
		for _, p := range parsers {
			t.Run(p.name+"/"+in, func(t *testing.T) {
				n, err := p.parse(in)
				assert.ErrorIs(t, err, ErrEmpty)
				assert.False(t, n.IsValid())
			})
		}
	}
}

// Rule (common): "Input longer than the API's field limit (255 unless stated) is
// rejected before any other work".
func TestParse_TooLong(t *testing.T) {
	for _, p := range parsers {
		t.Run(p.name, func(t *testing.T) {
			// 255 bytes is within the limit: white space around a valid number.
			in := strings.Repeat(" ", MaxLength-12) + "+14152345678"
			require.Len(t, in, 255)
			n, err := p.parse(in)
			require.NoError(t, err)
			assert.Equal(t, want, n)

			// 256 bytes is too long, even when trimming would leave a valid number
			// or nothing at all: the limit is checked first.
			for _, in := range []string{" " + in, strings.Repeat(" ", 256), strings.Repeat("x", 10000)} {
				_, err = p.parse(in)
				assert.ErrorIs(t, err, ErrTooLong)
			}

			// The limit counts UTF-16 code units, as the API's schema does, not
			// bytes: 255 characters of which 245 are two-byte no-break spaces
			// (500 bytes) are within it; one more character is not.
			wide := strings.Repeat("\u00a0", MaxLength-10) + "4152345678"
			n, err = p.parse(wide)
			require.NoError(t, err)
			assert.Equal(t, want, n)
			_, err = p.parse("\u00a0" + wide)
			assert.ErrorIs(t, err, ErrTooLong)
			_, err = p.parse(strings.Repeat("\U0001F600", MaxLength+1))
			assert.ErrorIs(t, err, ErrTooLong)
			// A character outside the BMP counts 2: 127 emoji and one space are
			// 255 units (not too long, but not a phone number either); 128 emoji
			// are 256 units, too long although only 128 code points.
			_, err = p.parse(strings.Repeat("\U0001F600", 127) + " ")
			assert.ErrorIs(t, err, ErrCharacters)
			_, err = p.parse(strings.Repeat("\U0001F600", 128))
			require.ErrorIs(t, err, ErrTooLong)
			// The over-long input is described, not echoed.
			assert.Equal(t, "256 characters", err.(*Error).Received())
		})
	}
}

// Rule: "area code and exchange start with 2-9, no N11 area code, no unassignable area
// codes" and, as the library decides, "an assigned NANP area code".
func TestParse_AreaCode(t *testing.T) {
	bad := []string{
		"000", "011", "099", "100", "111", "123", "199", // start with 0 or 1
		"211", "311", "411", "511", "611", "711", "811", "911", // N11 service codes
		"290", "299", "390", "490", "590", "690", "790", "890", "990", "999", // N9X expansion
		"370", "371", "379", "960", "969", // 37X, 96X reserved
		"222", "333", "444", "555", "666", "777", "822", "880", "889", // unassigned / reserved
		"456", "700", "710", // special codes libphonenumber rejects
	}
	for _, npa := range bad {
		for _, p := range parsers {
			t.Run(p.name+"/"+npa, func(t *testing.T) {
				n, err := p.parse(npa + "2345678")
				assert.ErrorIs(t, err, ErrAreaCode)
				assert.False(t, n.IsValid())
				_, err = p.parse("+1" + npa + "2345678")
				assert.ErrorIs(t, err, ErrAreaCode)
				_, err = p.parse("(" + npa + ") 234-5678")
				assert.ErrorIs(t, err, ErrAreaCode)
			})
		}
	}
	good := []string{
		"201", "212", "415", "989", // US states
		"202",                                    // DC
		"787", "939", "340", "671", "670", "684", // US territories
		"204", "416", "902", "867", "600", // Canada
		"242", "264", "441", "658", "664", "721", "809", "869", "876", // Caribbean/Atlantic
		"800", "833", "888", "900", "500", "533", // toll-free, premium, personal
	}
	for _, npa := range good {
		t.Run("valid/"+npa, func(t *testing.T) {
			n, err := Parse(npa + "2345678")
			require.NoError(t, err)
			assert.Equal(t, npa, n.AreaCode())
		})
	}
}

// Rule (decided): "its exchange starts with 2-9 and is not N11".
func TestParse_Exchange(t *testing.T) {
	for _, nxx := range []string{"000", "012", "099", "100", "123", "199", "211", "311", "411", "511", "611", "711", "811", "911"} {
		for _, p := range parsers {
			t.Run(p.name+"/"+nxx, func(t *testing.T) {
				n, err := p.parse("415" + nxx + "5678")
				assert.ErrorIs(t, err, ErrExchange)
				assert.False(t, n.IsValid())
			})
		}
	}
	for _, nxx := range []string{"200", "210", "212", "221", "310", "555", "912", "999"} {
		t.Run("valid/"+nxx, func(t *testing.T) {
			n, err := Parse("415" + nxx + "5678")
			require.NoError(t, err)
			assert.Equal(t, nxx, n.Exchange())
		})
	}
	// The area code is checked before the exchange.
	_, err := Parse("1111115678")
	assert.ErrorIs(t, err, ErrAreaCode)
}

// Rule: "Canonical form: E.164 +1XXXXXXXXXX", and (common) Parse(String(x)) == x.
func TestCanonicalForm(t *testing.T) {
	forms := append([]string{"+14152345678", "4152345678", "(415) 234-5678"}, lenientOnly...)
	for _, in := range forms {
		n, err := ParseLenient(in)
		require.NoError(t, err, in)
		assert.Equal(t, "+14152345678", n.E164(), in)
		assert.Equal(t, "+14152345678", n.String(), in)
		back, err := Parse(n.String())
		require.NoError(t, err)
		assert.Equal(t, n, back)
	}
	// Numbers are comparable values: equal numbers are equal map keys.
	m := map[Number]int{}
	for _, in := range forms {
		m[mustLenient(t, in)]++
	}
	assert.Equal(t, map[Number]int{want: len(forms)}, m)
	assert.NotEqual(t, MustParse("4152345679"), want)
	// Leading zeros of the line are kept.
	assert.Equal(t, "+12015550001", MustParse("2015550001").E164())
	assert.Equal(t, "+19892000000", MustParse("(989) 200-0000").E164())
}

// Rule: "Expose area code, exchange, line".
func TestAccessors(t *testing.T) {
	n := MustParse("(201) 555-0109")
	assert.Equal(t, "201", n.AreaCode())
	assert.Equal(t, "555", n.Exchange())
	assert.Equal(t, "0109", n.Line())
	assert.True(t, n.IsValid())

	var zero Number
	assert.False(t, zero.IsValid())
	for _, s := range []string{zero.AreaCode(), zero.Exchange(), zero.Line(), zero.E164(), zero.String()} {
		assert.Empty(t, s)
	}
	assert.Equal(t, Region{}, zero.Region())
	assert.False(t, zero.TollFree() || zero.Premium() || zero.Personal() || zero.Fictional())
}

// Rule: "Expose ... toll-free"; decided: "Toll-free, premium (900) and personal (5XX)
// numbers are valid and flagged", "555-01XX numbers are valid NANP but flagged as
// fictional".
func TestFlags(t *testing.T) {
	type flags struct{ tollFree, premium, personal, fictional bool }
	for _, tc := range []struct {
		in   string
		want flags
	}{
		{"8002345678", flags{tollFree: true}},
		{"8332345678", flags{tollFree: true}},
		{"8442345678", flags{tollFree: true}},
		{"8552345678", flags{tollFree: true}},
		{"8662345678", flags{tollFree: true}},
		{"8772345678", flags{tollFree: true}},
		{"8882345678", flags{tollFree: true}},
		{"8012345678", flags{}}, // Utah, geographic
		{"9002345678", flags{premium: true}},
		{"5002345678", flags{personal: true}},
		{"5212345678", flags{personal: true}},
		{"5882345678", flags{personal: true}},
		{"5302345678", flags{}}, // California, geographic
		{"2125550100", flags{fictional: true}},
		{"2125550150", flags{fictional: true}},
		{"2125550199", flags{fictional: true}},
		{"2125550099", flags{}},
		{"2125550200", flags{}},
		{"2125551212", flags{}}, // directory assistance, not fiction
		{"2125540100", flags{}},
		{"8005550100", flags{tollFree: true, fictional: true}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			n := MustParse(tc.in)
			assert.Equal(t, tc.want, flags{n.TollFree(), n.Premium(), n.Personal(), n.Fictional()})
		})
	}
}

// Rule: "Expose ... the area code's region (US state, Canadian province, Caribbean
// country) where known."
func TestRegion(t *testing.T) {
	for _, tc := range []struct {
		npa  string
		want Region
	}{
		{"212", Region{"US", "NY", Geographic}},
		{"202", Region{"US", "DC", Geographic}},
		{"907", Region{"US", "AK", Geographic}},
		{"787", Region{"US", "PR", Geographic}},
		{"340", Region{"US", "VI", Geographic}},
		{"671", Region{"US", "GU", Geographic}},
		{"670", Region{"US", "MP", Geographic}},
		{"684", Region{"US", "AS", Geographic}},
		{"416", Region{"CA", "ON", Geographic}},
		{"604", Region{"CA", "BC", Geographic}},
		{"902", Region{"CA", "NS PE", Geographic}},
		{"867", Region{"CA", "NT NU YT", Geographic}},
		{"600", Region{"CA", "", NonGeographic}},
		{"876", Region{"JM", "", Geographic}},
		{"809", Region{"DO", "", Geographic}},
		{"441", Region{"BM", "", Geographic}},
		{"264", Region{"AI", "", Geographic}},
		{"869", Region{"KN", "", Geographic}},
		{"800", Region{"US", "", TollFree}},
		{"900", Region{"US", "", Premium}},
		{"500", Region{"US", "", Personal}},
	} {
		t.Run(tc.npa, func(t *testing.T) {
			assert.Equal(t, tc.want, MustParse(tc.npa+"2345678").Region())
		})
	}
	assert.Equal(t, "toll_free", TollFree.String())
	assert.Equal(t, "nongeographic", NonGeographic.String())
	assert.Empty(t, Class(0).String())
	assert.Empty(t, Class(200).String())
}

// Rule (common): MarshalText/UnmarshalText (and so JSON); the zero value is empty text.
func TestText(t *testing.T) {
	b, err := want.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "+14152345678", string(b))

	b, err = Number{}.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)

	b, err = want.AppendText([]byte("tel:"))
	require.NoError(t, err)
	assert.Equal(t, "tel:+14152345678", string(b))
	b, err = Number{}.AppendText([]byte("x"))
	require.NoError(t, err)
	assert.Equal(t, "x", string(b))

	var n Number
	require.NoError(t, n.UnmarshalText([]byte("(415) 234-5678")))
	assert.Equal(t, want, n)
	require.NoError(t, n.UnmarshalText(nil))
	assert.Equal(t, Number{}, n)

	// UnmarshalText is Parse: documented forms only; whitespace-only is not empty.
	n = want
	assert.ErrorIs(t, n.UnmarshalText([]byte("415-234-5678")), ErrFormat)
	assert.Equal(t, Number{}, n, "zero on error")
	assert.ErrorIs(t, n.UnmarshalText([]byte(" ")), ErrEmpty)

	type rec struct {
		Phone Number `json:"phoneNumber"`
	}
	js, err := json.Marshal(rec{want})
	require.NoError(t, err)
	assert.JSONEq(t, `{"phoneNumber":"+14152345678"}`, string(js))
	js, err = json.Marshal(rec{})
	require.NoError(t, err)
	assert.JSONEq(t, `{"phoneNumber":""}`, string(js))

	var r rec
	require.NoError(t, json.Unmarshal([]byte(`{"phoneNumber":"4152345678"}`), &r))
	assert.Equal(t, want, r.Phone)
	err = json.Unmarshal([]byte(`{"phoneNumber":"4152345"}`), &r)
	var ae apiError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "phone_length", ae.Code())
}

// Rule (common): typed errors with a stable code, the field path, expected and received.
func TestErrorFields(t *testing.T) {
	for _, tc := range []struct {
		in       string
		lenient  bool
		sentinel error
		code     string
	}{
		{strings.Repeat("1", 256), false, ErrTooLong, "phone_too_long"},
		{" ", false, ErrEmpty, "phone_empty"},
		{"415-234-567O", true, ErrCharacters, "phone_characters"},
		{"+33 1 23 45 67 89", true, ErrCountryCode, "phone_country_code"},
		{"415234567", false, ErrLength, "phone_length"},
		{"415-234-5678", false, ErrFormat, "phone_format"},
		{"415-234--5678", true, ErrFormat, "phone_format"},
		{"3702345678", false, ErrAreaCode, "phone_area_code"},
		{"4159115678", true, ErrExchange, "phone_exchange"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			parse := Parse
			if tc.lenient {
				parse = ParseLenient
			}
			n, err := parse(tc.in)
			assert.Equal(t, Number{}, n)
			require.ErrorIs(t, err, tc.sentinel)
			var ae apiError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.code, ae.Code())
			assert.Equal(t, "phoneNumber", ae.Field())
			if tc.code == "phone_too_long" {
				assert.Equal(t, "256 characters", ae.Received()) // described, not echoed
			} else {
				assert.Equal(t, tc.in, ae.Received())
			}
			assert.NotEmpty(t, ae.Expected())
			var pe *Error
			require.ErrorAs(t, err, &pe)
			assert.Same(t, tc.sentinel, pe.Unwrap())
			assertNoDigits(t, err.Error())
		})
	}
	// The expected text names the forms of the parser that failed.
	_, errStrict := Parse("415-234-5678")
	_, errLenient := ParseLenient("415-234--5678")
	assert.Equal(t, "+1XXXXXXXXXX, XXXXXXXXXX or (XXX) XXX-XXXX", errStrict.(*Error).Expected())
	assert.NotEqual(t, errStrict.(*Error).Expected(), errLenient.(*Error).Expected())
	// Every sentinel has its own code.
	codes := map[string]bool{}
	for _, s := range []error{ErrTooLong, ErrEmpty, ErrCharacters, ErrCountryCode, ErrLength, ErrFormat, ErrAreaCode, ErrExchange} {
		c := newError(s.(*kind), "", false).Code()
		assert.False(t, codes[c], c)
		codes[c] = true
		assertNoDigits(t, s.Error())
	}
}

// Common rule: text that is not valid Unicode is rejected, never repaired, with
// code invalid_string; so is U+0000. Other control characters are phone_characters,
// as before: they are not part of any accepted form.
func TestInvalidTextRejected(t *testing.T) {
	for _, tc := range []struct{ in, received string }{
		{"415234567\xff", "invalid UTF-8 at byte 9"},
		{"4152345678\x00", "U+0000 at byte 10"},
		{"\xed\xa0\x80 4152345678", "invalid UTF-8 at byte 0"},
	} {
		for _, p := range parsers {
			_, err := p.parse(tc.in)
			require.ErrorIs(t, err, ErrInvalidString, "%s(%q)", p.name, tc.in)
			var ae apiError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, "invalid_string", ae.Code())
			assert.Equal(t, "phoneNumber", ae.Field())
			assert.Equal(t, tc.received, ae.Received())
			assertNoDigits(t, err.Error())
		}
	}
	_, err := ParseLenient("415\t234 5678")
	assert.ErrorIs(t, err, ErrCharacters)
}

// Rule (common): "Error() never prints a phone number or a date of birth (PII)".
func TestErrorHasNoPII(t *testing.T) {
	for _, in := range []string{
		"415-234-567", "+44 20 7946 0958", "1-800-FLOWERS", "4159115678", "3702345678",
		"415-234-5678x", "１４１５２３４５６７８", strings.Repeat("9", 300),
	} {
		for _, p := range parsers {
			_, err := p.parse(in)
			require.Error(t, err)
			assertNoDigits(t, err.Error())
			assert.NotContains(t, err.Error(), in)
			// Nor through fmt: %v, %+v and %#v of the error and of the Error value
			// (a host logging err with %#v must not leak the number either).
			var pe *Error
			require.ErrorAs(t, err, &pe)
			for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
				for _, v := range []any{err, *pe} {
					out := fmt.Sprintf(f, v)
					assertNoDigits(t, out)
					assert.NotContains(t, out, in)
				}
			}
		}
	}
}

func TestMustParse(t *testing.T) {
	assert.Equal(t, want, MustParse("+14152345678"))
	assert.PanicsWithError(t, ErrFormat.Error(), func() { MustParse("415-234-5678") })
}

func TestLogValue(t *testing.T) {
	assert.Equal(t, "+1415XXXXXXX", want.LogValue().String())
	assert.Equal(t, "", Number{}.LogValue().String())
	var buf strings.Builder
	slog.New(slog.NewTextHandler(&buf, nil)).Info("call", "phone", want)
	assert.Contains(t, buf.String(), "phone=+1415XXXXXXX")
	assert.NotContains(t, buf.String(), "2345678")
}

// Parse and ParseLenient do not allocate for valid input; invalid input costs one
// allocation, the *Error.
func TestNoAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts")
	}
	var sink Number
	valid := []string{"+14152345678", "4152345678", "(415) 234-5678", " \u00a0+18005550100\u3000"}
	for _, in := range valid {
		for _, p := range parsers {
			allocs := testing.AllocsPerRun(100, func() { sink, _ = p.parse(in) })
			assert.Zero(t, allocs, "%s(%q)", p.name, in)
		}
	}
	for _, in := range []string{"+1 (415) 234-5678", "1.415.234.5678"} {
		allocs := testing.AllocsPerRun(100, func() { sink, _ = ParseLenient(in) })
		assert.Zero(t, allocs, "ParseLenient(%q)", in)
	}
	for _, in := range []string{"", "415-234-567", "3702345678", "1-800-FLOWERS"} {
		for _, p := range parsers {
			allocs := testing.AllocsPerRun(100, func() { sink, _ = p.parse(in) })
			assert.LessOrEqual(t, allocs, 1.0, "%s(%q)", p.name, in)
		}
	}
	n := want
	for name, f := range map[string]func(){
		"Region":    func() { _ = n.Region() },
		"TollFree":  func() { _ = n.TollFree() },
		"Fictional": func() { _ = n.Fictional() },
		"AppendText": func() {
			var buf [16]byte
			_, _ = n.AppendText(buf[:0])
		},
	} {
		assert.Zero(t, testing.AllocsPerRun(100, f), name)
	}
	_ = sink
}

func mustLenient(t *testing.T, s string) Number {
	t.Helper()
	n, err := ParseLenient(s)
	require.NoError(t, err)
	return n
}

// assertNoDigits fails when msg has any decimal digit, ASCII or not: an error message
// with no digit at all cannot leak any part of a phone number.
func assertNoDigits(t *testing.T, msg string) {
	t.Helper()
	for _, r := range msg {
		if r >= '0' && r <= '9' || unicode.IsDigit(r) || unicode.IsNumber(r) {
			t.Errorf("error message %q contains the digit %q", msg, r)
			return
		}
	}
}

// A zero Error (built by a caller) does not panic.
func TestZeroError(t *testing.T) {
	var e Error
	assert.NotEmpty(t, e.Error())
	assert.Empty(t, e.Code())
	assert.NoError(t, e.Unwrap())
	assert.Empty(t, e.Field())
	assert.Empty(t, e.Expected())
}
