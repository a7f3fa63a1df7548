package plancode

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
