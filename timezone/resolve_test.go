package timezone

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestResolveTimezoneWins: rule "When both are given and disagree, the given timezone
// wins and the disagreement is reported".
func TestResolveTimezoneWins(t *testing.T) {
	r, err := Resolve("PST", "10001")
	require.NoError(t, err)
	assert.Equal(t, "America/Los_Angeles", r.Zone.Name())
	assert.Equal(t, SourceTimezone, r.Source)
	assert.True(t, r.Mismatch)
	assert.Equal(t, "America/New_York", r.Postal.Primary().Name())
	assert.Equal(t, "America/Los_Angeles, America/New_York", r.Candidates.String())
	assert.True(t, r.Ambiguous())

	r, err = Resolve("EST", "10001")
	require.NoError(t, err)
	assert.False(t, r.Mismatch)
	assert.False(t, r.Ambiguous())
	assert.Equal(t, "America/New_York", r.Candidates.String())
}

// TestResolvePostalCodeRequired: rule "postalCode is required when timezone is absent".
func TestResolvePostalCodeRequired(t *testing.T) {
	r, err := Resolve("", "46320")
	require.NoError(t, err)
	assert.Equal(t, "America/Chicago", r.Zone.Name())
	assert.Equal(t, SourcePostalCode, r.Source)
	assert.False(t, r.Mismatch)
	assert.Nil(t, r.PostalErr)
}

// TestResolveNeitherGiven: rule "Neither given: error timezone_or_postal_code_required".
func TestResolveNeitherGiven(t *testing.T) {
	for _, in := range [][2]string{{"", ""}, {" ", "\t"}, {"\u00a0", ""}} {
		_, err := Resolve(in[0], in[1])
		assert.ErrorIs(t, err, ErrRequired, "%q", in)
		var e *Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, "timezone_or_postal_code_required", e.Code())
		assert.Equal(t, "timezone", e.Field())
	}
}

// TestResolveUnknownZIPIsError: rule "An unknown ZIP is an error, not a guess".
func TestResolveUnknownZIPIsError(t *testing.T) {
	for _, tt := range []struct {
		zip  string
		want error
	}{
		{"00000", ErrUnknownPostalCode},
		{"96201", ErrMilitaryPostalCode},
		{"1234", ErrPostalCodeFormat},
	} {
		r, err := Resolve("", tt.zip)
		assert.ErrorIs(t, err, tt.want)
		assert.False(t, r.Zone.IsValid())
		var e *Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, "postalCode", e.Field())
	}
}

// TestResolveInvalidTimezoneIsError: a given but invalid timezone is an error, never
// replaced by the ZIP's zone.
func TestResolveInvalidTimezoneIsError(t *testing.T) {
	_, err := Resolve("Eastern Standard Time", "10001")
	assert.ErrorIs(t, err, ErrUnknownZone)
	var e *Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, "timezone", e.Field())
	assert.Equal(t, "timezone_unknown", e.Code())
}

// TestResolveBadPostalCodeNextToTimezone: the timezone decides; the postal code's problem is
// reported as a warning, not an error.
func TestResolveBadPostalCodeNextToTimezone(t *testing.T) {
	r, err := Resolve("CST", "96201")
	require.NoError(t, err)
	assert.Equal(t, "America/Chicago", r.Zone.Name())
	assert.ErrorIs(t, r.PostalErr, ErrMilitaryPostalCode)
	assert.False(t, r.Mismatch)
	assert.Equal(t, 0, r.Postal.Len())
}

// TestResolveAmbiguousZIP: no timezone and an ambiguous ZIP: the primary zone with every
// candidate for the contact decision; not an error.
func TestResolveAmbiguousZIP(t *testing.T) {
	r, err := Resolve("", "86004")
	require.NoError(t, err)
	assert.Equal(t, "America/Denver", r.Zone.Name())
	assert.True(t, r.Ambiguous())
	assert.Equal(t, "America/Denver, America/Phoenix", r.Candidates.String())

	// A timezone among the ZIP's candidates is no mismatch.
	r, err = Resolve("Arizona", "86004")
	require.NoError(t, err)
	assert.Equal(t, "America/Phoenix", r.Zone.Name())
	assert.False(t, r.Mismatch)
	assert.Equal(t, "America/Phoenix, America/Denver", r.Candidates.String())
}

// TestResolveMST: the rule maps MST to America/Denver; Arizona says MST
// all year, so America/Phoenix joins the contact candidates.
func TestResolveMST(t *testing.T) {
	r, err := Resolve(" mst ", "")
	require.NoError(t, err)
	assert.Equal(t, "America/Denver", r.Zone.Name())
	assert.Equal(t, "America/Denver, America/Phoenix", r.Candidates.String())

	r, err = Resolve("MST", "85004")
	require.NoError(t, err)
	assert.Equal(t, "America/Denver", r.Zone.Name())
	assert.True(t, r.Mismatch)
	assert.Equal(t, "America/Denver, America/Phoenix", r.Candidates.String())

	r, err = Resolve("MDT", "")
	require.NoError(t, err)
	assert.False(t, r.Ambiguous(), "MDT is only used where DST is kept")
}

// TestResolveLinkEquality: a legacy link and its target are the same zone: no mismatch.
func TestResolveLinkEquality(t *testing.T) {
	r, err := Resolve("US/Central", "60601")
	require.NoError(t, err)
	assert.False(t, r.Mismatch)
	// Same current rules but different zones still mismatch (documented).
	r, err = Resolve("EST", "46204")
	require.NoError(t, err)
	assert.True(t, r.Mismatch)
}

func TestResolveTooLong(t *testing.T) {
	long := string(make([]byte, 256))
	_, err := Resolve(long, "10001")
	assert.ErrorIs(t, err, ErrTooLong)
	_, err = Resolve("EST", long)
	assert.ErrorIs(t, err, ErrTooLong)
}

func TestSourceString(t *testing.T) {
	assert.Equal(t, "timezone", SourceTimezone.String())
	assert.Equal(t, "postalCode", SourcePostalCode.String())
	assert.Equal(t, "", SourceNone.String())
}
