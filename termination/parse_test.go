package termination

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseStatus: case-insensitive (ASCII), trimmed, all ten statuses, and
// nothing else folded.
func TestParseStatus(t *testing.T) {
	tests := []struct {
		in   string
		want Status
		err  error
	}{
		{"Active", StatusActive, nil},
		{"active", StatusActive, nil},
		{"ACTIVE", StatusActive, nil},
		{"  Active\t", StatusActive, nil},
		{"\u00a0Active\u2003", StatusActive, nil},
		{"Pending", StatusPending, nil},
		{"Pending Effectuation", StatusPendingEffectuation, nil},
		{"pending effectuation", StatusPendingEffectuation, nil},
		{"Pending Followup", StatusPendingFollowup, nil},
		{"PENDING FOLLOWUP", StatusPendingFollowup, nil},
		{"Suspended", StatusSuspended, nil},
		{"Cancelled", StatusCancelled, nil},
		{"Terminated", StatusTerminated, nil},
		{"Future Cancel", StatusFutureCancel, nil},
		{"Deceased", StatusDeceased, nil},
		{"Not Approved", StatusNotApproved, nil},
		{"not approved", StatusNotApproved, nil},
		{"", 0, ErrEmpty},
		{"   ", 0, ErrEmpty},
		{"Canceled", 0, ErrUnknownStatus}, // US spelling is not the API's
		{"Pending  Effectuation", 0, ErrUnknownStatus},
		{"Pending_Followup", 0, ErrUnknownStatus},
		{"Pending Follow-up", 0, ErrUnknownStatus},
		{"PendingEffectuation", 0, ErrUnknownStatus},
		{"\u017Fuspended", 0, ErrUnknownStatus}, // long s: strings.EqualFold would accept it
		{"Inactive", 0, ErrUnknownStatus},
		{"Active.", 0, ErrUnknownStatus},
		{"null", 0, ErrUnknownStatus},
		{strings.Repeat("a", 256), 0, ErrTooLong},
		{strings.Repeat("\u00a0", 249) + "Active", StatusActive, nil}, // 255 characters, 504 bytes
		{strings.Repeat("\u00a0", 250) + "Active", 0, ErrTooLong},
		// UTF-16 code units: an emoji counts 2.
		{strings.Repeat("\U0001F600", 124) + "Active\U0001F600", 0, ErrTooLong}, // 131 code points, 256 units
		{strings.Repeat("\U0001F600", 128), 0, ErrTooLong},
		{strings.Repeat("\U0001F600", 127) + "a", 0, ErrUnknownStatus}, // 255 units
		// Invalid text: invalid_string, never repaired.
		{"Active\xff", 0, ErrInvalidString},
		{"Act\x00ive", 0, ErrInvalidString},
		{"Pending\tEffectuation", 0, ErrInvalidString},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseStatus(tt.in)
			assert.Equal(t, tt.want, got)
			if tt.err == nil {
				require.NoError(t, err)
				assert.Equal(t, strings.ToLower(strings.TrimSpace(tt.in)), strings.ToLower(got.String()))
				return
			}
			assert.ErrorIs(t, err, tt.err)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, FieldStatus, e.Field())
			assert.Equal(t, wantReceived(tt.in, tt.err), e.Received())
		})
	}
}

// TestStatuses: the ten statuses of sync-aca.txt, their spelling, terminal
// set, and text round trip.
func TestStatuses(t *testing.T) {
	api := []string{"Active", "Pending", "Pending Effectuation", "Pending Followup", "Suspended",
		"Cancelled", "Terminated", "Future Cancel", "Deceased", "Not Approved"}
	terminal := map[string]bool{"Cancelled": true, "Terminated": true, "Deceased": true, "Not Approved": true}
	all := Statuses()
	require.Len(t, all, len(api))
	for i, s := range all {
		assert.Equal(t, api[i], s.String())
		assert.True(t, s.IsValid())
		assert.Equal(t, terminal[api[i]], s.IsTerminal(), api[i])
		b, err := s.MarshalText()
		require.NoError(t, err)
		var back Status
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, s, back)
		p, err := ParseStatus(s.String())
		require.NoError(t, err)
		assert.Equal(t, s, p)
	}
	var zero Status
	assert.False(t, zero.IsValid())
	assert.False(t, zero.IsTerminal())
	b, err := zero.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)
	back := StatusActive
	require.NoError(t, back.UnmarshalText(nil))
	assert.Equal(t, zero, back)
	_, err = Status(42).MarshalText()
	assert.ErrorIs(t, err, ErrUnknownStatus)
	assert.Equal(t, "Status(invalid)", Status(42).String())
	assert.ErrorIs(t, back.UnmarshalText([]byte("bogus")), ErrUnknownStatus)
}

// effectiveDateTests: want is YYYY-MM-DD or "" with err. Worked by hand
// from the termination rule (effectiveDate formats).
var effectiveDateTests = []struct {
	in   string
	want string
	err  error
}{
	{"2024-02-29", "2024-02-29", nil},
	{"02/29/2024", "2024-02-29", nil},
	{"2/29/2024", "2024-02-29", nil},
	{"2/9/2024", "2024-02-09", nil},
	{"02/9/2024", "2024-02-09", nil},
	{"2/09/2024", "2024-02-09", nil},
	{"12/31/2024", "2024-12-31", nil},
	{"02-29-2024", "2024-02-29", nil},
	{"  2024-01-15\n", "2024-01-15", nil},
	// RFC 3339: the date as written.
	{"2024-02-29T00:00:00Z", "2024-02-29", nil},
	{"2024-02-29t00:00:00z", "2024-02-29", nil},
	{"2024-02-29T23:30:00-05:00", "2024-02-29", nil},
	{"2024-03-01T01:00:00+09:00", "2024-03-01", nil},
	{"2024-02-29T12:34:56.789Z", "2024-02-29", nil},
	{"2024-02-29T12:34:56.123456789+00:00", "2024-02-29", nil},
	{"2016-12-31T23:59:60Z", "2016-12-31", nil}, // leap second
	// Empty.
	{"", "", ErrEmpty},
	{" \t", "", ErrEmpty},
	// Format.
	{"13/01/2024", "", ErrDateFormat}, // never DD/MM
	{"31/12/2024", "", ErrDateFormat},
	{"00/10/2024", "", ErrDateFormat},
	{"1-2-2024", "", ErrDateFormat}, // dash form needs two digits
	{"01-02/2024", "", ErrDateFormat},
	{"01/02-2024", "", ErrDateFormat},
	{"2024/02/29", "", ErrDateFormat},
	{"2024-2-29", "", ErrDateFormat},
	{"02/29/24", "", ErrDateFormat},
	{"002/29/2024", "", ErrDateFormat},
	{"02/029/2024", "", ErrDateFormat},
	{"2/29/20245", "", ErrDateFormat},
	{"/29/2024", "", ErrDateFormat},
	{"2//2024", "", ErrDateFormat},
	{"2024-02-29T00:00:00", "", ErrDateFormat}, // RFC 3339 requires an offset
	{"2024-02-29 00:00:00Z", "", ErrDateFormat},
	{"2024-02-29T24:00:00Z", "", ErrDateFormat},
	{"2024-02-29T23:60:00Z", "", ErrDateFormat},
	{"2024-02-29T23:59:61Z", "", ErrDateFormat},
	{"2024-02-29T23:59:59.Z", "", ErrDateFormat},
	{"2024-02-29T23:59:59.5", "", ErrDateFormat},
	{"2024-02-29T23:59:59+0500", "", ErrDateFormat},
	{"2024-02-29T23:59:59+05:60", "", ErrDateFormat},
	{"2024-02-29T23:59:59+24:00", "", ErrDateFormat},
	{"2024-02-29T23:59:59Zx", "", ErrDateFormat},
	{"2024-02-29T", "", ErrDateFormat},
	{"2024-02-29x", "", ErrDateFormat},
	{"20240229", "", ErrDateFormat},
	{"Feb 29, 2024", "", ErrDateFormat},
	{"2024-13-01", "", ErrDateFormat},
	{"2024-00-10", "", ErrDateFormat},
	{"2024-01-32", "", ErrDateFormat},
	{"+2/29/2024", "", ErrDateFormat},
	{"2/+9/2024", "", ErrDateFormat},
	{"null", "", ErrDateFormat},
	{"０2/29/2024", "", ErrDateFormat},
	// Calendar.
	{"2023-02-29", "", ErrDateCalendar},
	{"2/29/2023", "", ErrDateCalendar},
	{"02-29-1900", "", ErrDateCalendar},
	{"2100-02-29T00:00:00Z", "", ErrDateCalendar},
	{"4/31/2024", "", ErrDateCalendar},
	{"0000-01-01", "", ErrDateCalendar},
	// Too long: rejected before trimming.
	{strings.Repeat(" ", 246) + "2024-02-29", "", ErrTooLong},
	// The limit counts UTF-16 code units, as the API's schema does, not
	// bytes: 245 two-byte no-break spaces and a date are 255 characters (500
	// bytes); an emoji counts 2.
	{strings.Repeat("\u00a0", 245) + "2024-02-29", "2024-02-29", nil},
	{strings.Repeat("\u00a0", 246) + "2024-02-29", "", ErrTooLong},
	{strings.Repeat("\U0001F600", 122) + " 2024-02-29", "", ErrDateFormat}, // 244+1+10 = 255
	{strings.Repeat("\U0001F600", 123) + "2024-02-29", "", ErrTooLong},     // 246+10 = 256
	// Invalid text: invalid_string, never repaired.
	{"2024-02-29\xff", "", ErrInvalidString},
	{"2024-02-29\x00", "", ErrInvalidString},
	{"2024-02-\x1f29", "", ErrInvalidString},
}

func TestParseEffectiveDate(t *testing.T) {
	for _, tt := range effectiveDateTests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseEffectiveDate(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.True(t, got.IsZero())
				var e *Error
				require.True(t, errors.As(err, &e))
				assert.Equal(t, FieldEffectiveDate, e.Field())
				assert.Equal(t, wantReceived(tt.in, tt.err), e.Received())
				assert.NotEmpty(t, e.Expected())
				if in := strings.TrimSpace(tt.in); in != "" {
					assert.NotContains(t, e.Error(), in)
				}
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.String())
		})
	}
}

// TestErrorCodes: each sentinel has its stable code.
func TestErrorCodes(t *testing.T) {
	code := func(err error) string {
		var e interface{ Code() string }
		require.True(t, errors.As(err, &e))
		return e.Code()
	}
	_, err := ParseEffectiveDate("")
	assert.Equal(t, "effective_date_empty", code(err))
	_, err = ParseEffectiveDate(strings.Repeat("1", 256))
	assert.Equal(t, "effective_date_too_long", code(err))
	_, err = ParseEffectiveDate("x")
	assert.Equal(t, "effective_date_format", code(err))
	_, err = ParseEffectiveDate("2023-02-29")
	assert.Equal(t, "effective_date_calendar", code(err))
	_, err = ParseStatus("")
	assert.Equal(t, "status_empty", code(err))
	_, err = ParseStatus("x")
	assert.Equal(t, "status_unknown", code(err))
	_, err = ParseStatus(strings.Repeat("x", 256))
	assert.Equal(t, "status_too_long", code(err))
}

// The zero Error is not made by this package, but its methods do not panic.
func TestErrorZeroValue(t *testing.T) {
	var e Error
	assert.NotPanics(t, func() {
		assert.NotEmpty(t, e.Error())
		_ = e.Code()
		_ = e.Field()
		_ = e.Expected()
		_ = e.Received()
		assert.NoError(t, e.Unwrap())
	})
}

// wantReceived is what an error's Received holds: the input as given, but
// a description of its length when it is over the limit and of its fault
// when it is not valid text.
func wantReceived(in string, err error) string {
	switch err {
	case ErrTooLong:
		return strconv.Itoa(len(utf16.Encode([]rune(in)))) + " characters"
	case ErrInvalidString:
		t := strings.TrimSpace(in)
		for i := 0; i < len(t); i++ {
			switch {
			case t[i] == 0:
				return "U+0000 at byte " + strconv.Itoa(i)
			case t[i] < ' ':
				return fmt.Sprintf("control character U+%04X at byte %d", t[i], i)
			}
		}
		for i := 0; i < len(t); {
			r, size := utf8.DecodeRuneInString(t[i:])
			if r == utf8.RuneError && size == 1 {
				return "invalid UTF-8 at byte " + strconv.Itoa(i)
			}
			i += size
		}
	}
	return in
}
