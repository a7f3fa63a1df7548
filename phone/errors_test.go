package phone

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
