package timezone

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests, not the library, pin the zone data

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseAbbreviationsOfTheRule is the list of the API rule: abbreviations and common names.
func TestParseAbbreviationsOfTheRule(t *testing.T) {
	tests := []struct{ in, want string }{
		{"EST", "America/New_York"}, {"EDT", "America/New_York"}, {"Eastern", "America/New_York"},
		{"CST", "America/Chicago"}, {"CDT", "America/Chicago"}, {"Central", "America/Chicago"},
		{"MST", "America/Denver"}, {"MDT", "America/Denver"}, {"Mountain", "America/Denver"},
		{"PST", "America/Los_Angeles"}, {"PDT", "America/Los_Angeles"}, {"Pacific", "America/Los_Angeles"},
		{"AKST", "America/Anchorage"}, {"AKDT", "America/Anchorage"}, {"Alaska", "America/Anchorage"},
		{"HST", "Pacific/Honolulu"}, {"Hawaii", "Pacific/Honolulu"},
		{"AST", "America/Puerto_Rico"},
		{"Arizona", "America/Phoenix"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			z, err := Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, z.Name())
		})
	}
}

// TestParseAbbreviationsSectionB covers the further common US abbreviations the API rule does not list
// (decided: accepted) and the POSIX-style names that are links since tz 2024b.
func TestParseAbbreviationsSectionB(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ET", "America/New_York"}, {"CT", "America/Chicago"}, {"MT", "America/Denver"},
		{"PT", "America/Los_Angeles"}, {"AKT", "America/Anchorage"},
		{"HAST", "Pacific/Honolulu"}, {"HDT", "America/Adak"}, {"HADT", "America/Adak"},
		{"Atlantic", "America/Puerto_Rico"}, {"ChST", "Pacific/Guam"}, {"SST", "Pacific/Pago_Pago"},
		{"EST5EDT", "America/New_York"}, {"CST6CDT", "America/Chicago"},
		{"MST7MDT", "America/Denver"}, {"PST8PDT", "America/Los_Angeles"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			z, err := Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, z.Name())
		})
	}
}

// TestParseLegacyLinksCanonicalize: IANA links canonicalize to their target (the rule).
func TestParseLegacyLinksCanonicalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"US/Eastern", "America/New_York"},
		{"US/Central", "America/Chicago"},
		{"US/Mountain", "America/Denver"},
		{"US/Pacific", "America/Los_Angeles"},
		{"US/Alaska", "America/Anchorage"},
		{"US/Hawaii", "Pacific/Honolulu"},
		{"US/Arizona", "America/Phoenix"},
		{"US/Aleutian", "America/Adak"},
		{"America/Atka", "America/Adak"},
		{"Navajo", "America/Denver"},
		{"America/Shiprock", "America/Denver"},
		{"US/East-Indiana", "America/Indiana/Indianapolis"},
		{"America/Indianapolis", "America/Indiana/Indianapolis"},
		{"America/Fort_Wayne", "America/Indiana/Indianapolis"},
		{"US/Indiana-Starke", "America/Indiana/Knox"},
		{"America/Knox_IN", "America/Indiana/Knox"},
		{"US/Michigan", "America/Detroit"},
		{"America/Louisville", "America/Kentucky/Louisville"},
		{"America/Virgin", "America/Puerto_Rico"},
		{"US/Samoa", "Pacific/Pago_Pago"},
		{"Pacific/Samoa", "Pacific/Pago_Pago"},
		{"UTC", "Etc/UTC"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			z, err := Parse(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, z.Name())
		})
	}
}

func TestParseIANAZones(t *testing.T) {
	for _, n := range []string{
		"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
		"America/Los_Angeles", "America/Anchorage", "America/Adak", "Pacific/Honolulu",
		"America/Puerto_Rico", "America/St_Thomas", "Pacific/Guam", "Pacific/Saipan",
		"America/Indiana/Tell_City", "America/North_Dakota/New_Salem", "America/Boise",
		"Europe/London", "Etc/GMT+5",
	} {
		z, err := Parse(n)
		require.NoError(t, err, n)
		assert.Equal(t, n, z.Name())
		assert.True(t, z.IsValid())
	}
}

// TestParseCaseInsensitive: rule "Case-insensitive" for names, links and abbreviations.
func TestParseCaseInsensitive(t *testing.T) {
	for _, in := range []string{"america/new_york", "AMERICA/NEW_YORK", "AmErIcA/nEw_YoRk", "us/eastern", "est", "Est", "eastern", "EASTERN"} {
		z, err := Parse(in)
		require.NoError(t, err, in)
		assert.Equal(t, "America/New_York", z.Name(), in)
	}
	z, err := Parse("chst")
	require.NoError(t, err)
	assert.Equal(t, "Pacific/Guam", z.Name())
}

// TestParseTrimsWhiteSpace: "Common to every parser": ASCII and Unicode spaces trimmed,
// nothing else dropped.
func TestParseTrimsWhiteSpace(t *testing.T) {
	for _, in := range []string{" EST", "EST ", "\tEST\n", "\u00a0EST\u2003", "\u3000America/New_York\u00a0"} {
		z, err := Parse(in)
		require.NoError(t, err, "%q", in)
		assert.Equal(t, "America/New_York", z.Name())
	}
	for _, in := range []string{"E ST", "America/ New_York", "EST.", "\"EST\""} {
		_, err := Parse(in)
		assert.ErrorIs(t, err, ErrUnknownZone, "%q", in)
	}
}

// Common rule: text that is not valid Unicode is rejected, never repaired, with code
// invalid_string; so are U+0000 and the other control characters inside a name.
func TestInvalidTextRejected(t *testing.T) {
	for _, tt := range []struct{ in, received string }{
		{"EST\x00", "U+0000 at byte 3"},
		{"America/New\tYork", "control character U+0009 at byte 11"},
		{"America/\xffNew_York", "invalid UTF-8 at byte 8"},
		{"\xed\xa0\x80", "invalid UTF-8 at byte 0"},
	} {
		_, err := Parse(tt.in)
		require.ErrorIs(t, err, ErrInvalidString, "%q", tt.in)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "invalid_string", e.Code())
		assert.Equal(t, FieldTimezone, e.Field())
		assert.Equal(t, tt.received, e.Received())
	}
	for _, tt := range []struct{ in, received string }{
		{"33101\x00", "U+0000 at byte 5"},
		{"3310\xff", "invalid UTF-8 at byte 4"},
	} {
		_, err := ForPostalCode(tt.in)
		require.ErrorIs(t, err, ErrInvalidString, "%q", tt.in)
		var e *Error
		require.ErrorAs(t, err, &e)
		assert.Equal(t, "invalid_string", e.Code())
		assert.Equal(t, FieldPostalCode, e.Field())
		assert.Equal(t, tt.received, e.Received())
		assert.NotContains(t, err.Error(), "3310")
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		want     error
		code     string
	}{
		{"empty", "", ErrEmpty, "timezone_empty"},
		{"white space only", " \t\u00a0", ErrEmpty, "timezone_empty"},
		{"unknown", "Mars/Olympus_Mons", ErrUnknownZone, "timezone_unknown"},
		{"IANA fixed zone not accepted as abbreviation", "Factory", ErrUnknownZone, "timezone_unknown"},
		{"abbreviation not in the lists", "ADT", ErrUnknownZone, "timezone_unknown"},
		{"Windows name", "Eastern Standard Time", ErrUnknownZone, "timezone_unknown"},
		{"prefix of a name", "America/New_Yor", ErrUnknownZone, "timezone_unknown"},
		{"Kelvin sign is not k", "Pacific/\u212Aosrae", ErrUnknownZone, "timezone_unknown"},
		{"full-width letters", "\uff25\uff33\uff34", ErrUnknownZone, "timezone_unknown"},
		{"256 bytes", strings.Repeat("a", 256), ErrTooLong, "timezone_too_long"},
		{"256 bytes of spaces", strings.Repeat(" ", 256), ErrTooLong, "timezone_too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z, err := Parse(tt.in)
			assert.ErrorIs(t, err, tt.want)
			assert.False(t, z.IsValid())
			var e interface {
				Field() string
				Code() string
				Expected() string
				Received() string
			}
			require.True(t, errors.As(err, &e))
			assert.Equal(t, "timezone", e.Field())
			assert.Equal(t, tt.code, e.Code())
			assert.NotEmpty(t, e.Expected())
			assert.NotEmpty(t, e.Received())
		})
	}
}

// TestParseLimit: 255 bytes is the limit; 255 spaces around a name are fine.
func TestParseLimit(t *testing.T) {
	s := strings.Repeat(" ", 252) + "EST"
	require.Len(t, s, 255)
	z, err := Parse(s)
	require.NoError(t, err)
	assert.Equal(t, "America/New_York", z.Name())
}

// TestErrorsHaveNoPII: Error() and Received() never repeat a phone number, date of birth,
// e-mail address or full ZIP code.
func TestErrorsHaveNoPII(t *testing.T) {
	for _, in := range []string{"4155552671", "(415) 555-2671", "01/02/1990", "1990-01-02", "john.doe@example.com", "John Smith"} {
		_, err := Parse(in)
		require.Error(t, err)
		var e *Error
		require.True(t, errors.As(err, &e))
		assert.NotContains(t, err.Error(), in)
		assert.NotContains(t, e.Received(), in)
		assert.NotContains(t, err.Error(), "555")
		assert.NotContains(t, err.Error(), "1990")
	}
	for _, in := range []string{"96201", "34012", "00000", "99999-1234", "4155552671", "90210-12345"} {
		_, err := ForPostalCode(in)
		require.Error(t, err, in)
		var e *Error
		require.True(t, errors.As(err, &e))
		assert.NotContains(t, err.Error(), in)
		assert.NotContains(t, e.Received(), in)
		assert.NotContains(t, err.Error(), in[:4])
	}
	// A time-zone-like name is quoted: it helps the caller and is not personal.
	_, err := Parse("America/Nowhere")
	assert.Contains(t, err.Error(), `"America/Nowhere"`)
}

// TestRoundTripAllZones: Parse(z.String()) == z for every zone of the table, and the name
// looks up to itself in any case.
func TestRoundTripAllZones(t *testing.T) {
	for i := 1; i < numZones; i++ {
		z := Zone{i: uint16(i)}
		require.True(t, z.IsValid())
		p, err := Parse(z.String())
		require.NoError(t, err, z.String())
		require.Equal(t, z, p, z.String())
		p, err = Parse(strings.ToUpper(z.String()))
		require.NoError(t, err)
		require.Equal(t, z, p)
	}
}

// TestAllZonesLoad: every zone of the name table loads under time/tzdata (imported by this
// test file), and is spelled exactly as time.LoadLocation wants it.
func TestAllZonesLoad(t *testing.T) {
	for i := 1; i < numZones; i++ {
		z := Zone{i: uint16(i)}
		loc, err := z.Location()
		require.NoError(t, err, z.Name())
		assert.Equal(t, z.Name(), loc.String())
	}
}

// TestLookupKeysTable checks the generated lookup table: sorted, unique, lower case, every
// entry a valid zone, and no canonical name shadowed by an alias.
func TestLookupKeysTable(t *testing.T) {
	require.Equal(t, len(lookupKeys), len(lookupZones))
	for i, k := range lookupKeys {
		require.Equal(t, strings.ToLower(k), k)
		require.LessOrEqual(t, len(k), maxKeyLen)
		if i > 0 {
			require.Less(t, lookupKeys[i-1], k)
		}
		require.True(t, Zone{i: lookupZones[i]}.IsValid(), k)
	}
	for i := 1; i < numZones; i++ {
		require.Equal(t, uint16(i), lookup(zoneNames[i]), zoneNames[i])
	}
	// The IANA fixed-offset zones EST, MST, HST are redirected, not zones of the package.
	for _, n := range []string{"EST", "MST", "HST", "EST5EDT", "Factory"} {
		for i := 1; i < numZones; i++ {
			require.NotEqual(t, n, zoneNames[i])
		}
	}
	assert.Equal(t, "2025b", TZDataVersion)
}

// TestESTIsNotFixedOffset: the reason EST maps to America/New_York: in July the customer
// is on EDT (UTC-4), which the IANA "EST" zone would get wrong.
func TestESTIsNotFixedOffset(t *testing.T) {
	loc, err := MustParse("EST").Location()
	require.NoError(t, err)
	_, off := time.Date(2025, time.July, 1, 12, 0, 0, 0, loc).Zone()
	assert.Equal(t, -4*3600, off)
}

func TestZeroZone(t *testing.T) {
	var z Zone
	assert.False(t, z.IsValid())
	assert.Equal(t, "", z.String())
	assert.Equal(t, "", z.Name())
	b, err := z.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)
	_, err = z.Location()
	assert.ErrorIs(t, err, ErrUnknownZone)
	assert.False(t, Zone{i: 65535}.IsValid())
	assert.Equal(t, "", Zone{i: 65535}.Name())
}

func TestText(t *testing.T) {
	type rec struct {
		TZ Zone `json:"tz"`
	}
	b, err := json.Marshal(rec{MustParse("US/Eastern")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"tz":"America/New_York"}`, string(b))

	var r rec
	require.NoError(t, json.Unmarshal([]byte(`{"tz":"pst"}`), &r))
	assert.Equal(t, "America/Los_Angeles", r.TZ.Name())
	require.NoError(t, json.Unmarshal([]byte(`{"tz":""}`), &r))
	assert.False(t, r.TZ.IsValid())
	err = json.Unmarshal([]byte(`{"tz":"Nowhere"}`), &r)
	assert.ErrorIs(t, err, ErrUnknownZone)

	b, err = MustParse("CST").AppendText([]byte("tz="))
	require.NoError(t, err)
	assert.Equal(t, "tz=America/Chicago", string(b))
}

func TestMustParsePanics(t *testing.T) {
	assert.Panics(t, func() { MustParse("Nowhere") })
}

// TestNoAllocs pins zero allocations on the success paths.
func TestNoAllocs(t *testing.T) {
	for _, in := range []string{"America/New_York", "us/eastern", "EST", " Pacific "} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = Parse(in) }), in)
	}
	for _, in := range []string{"10001", "10001-1234", "100011234", "86004"} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = PostalCandidates(in) }), in)
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = ForPostalCode("46320") }))
	assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = Resolve("EST", "10001") }))
}

func TestUnmarshalTextErrorZeroes(t *testing.T) {
	z := MustParse("America/Chicago")
	assert.ErrorIs(t, z.UnmarshalText([]byte("Mars/Base")), ErrUnknownZone)
	assert.Equal(t, Zone{}, z, "a failed UnmarshalText sets the zero Zone")
}

// The field limit counts UTF-16 code units, as the API's schema does: a valid name
// padded with Unicode spaces to more than 255 bytes but 255 characters is read;
// 256 characters are too long whatever their bytes; an emoji counts 2.
func TestFieldLimitCountsCharacters(t *testing.T) {
	pad := strings.Repeat("\u00a0", 120) // 240 bytes
	s := pad + "EST" + pad               // 243 characters, 483 bytes
	z, err := Parse(s)
	require.NoError(t, err)
	assert.Equal(t, "America/New_York", z.Name())
	r, err := Resolve("", pad+"46320"+pad)
	require.NoError(t, err)
	assert.Equal(t, "America/Chicago", r.Zone.Name())

	long := strings.Repeat("\u00a0", 256)
	_, err = Parse(long)
	assert.ErrorIs(t, err, ErrTooLong)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "256 characters", e.Received())
	_, err = ForPostalCode(long)
	assert.ErrorIs(t, err, ErrTooLong)

	emoji := "\U0001F600"
	_, err = Parse(strings.Repeat(emoji, 127) + "E") // 255 units: read, unknown
	assert.ErrorIs(t, err, ErrUnknownZone)
	_, err = Parse(strings.Repeat(emoji, 128)) // 256 units, 128 code points
	require.ErrorAs(t, err, &e)
	assert.ErrorIs(t, err, ErrTooLong)
	assert.Equal(t, "256 characters", e.Received())
	_, err = Resolve("", strings.Repeat(emoji, 128))
	assert.ErrorIs(t, err, ErrTooLong)
}
