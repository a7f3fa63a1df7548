package dob

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parseTests is the one in/out table for Parse. want is YYYY-MM-DD, or ""
// when err is set. Every expected value was worked out by hand from
// the dob rules and the decisions in doc.go.
var parseTests = []struct {
	in   string
	want string
	err  error
}{
	// Documented forms.
	{"01-02-1990", "1990-01-02", nil},
	{"01/02/1990", "1990-01-02", nil},
	{"12/31/1999", "1999-12-31", nil},
	{"10/10/2010", "2010-10-10", nil},
	// Mixed separators: the documented pattern allows them.
	{"01-02/1990", "1990-01-02", nil},
	{"01/02-1990", "1990-01-02", nil},
	// Surrounding white space is trimmed, ASCII and Unicode.
	{"  01/02/1990  ", "1990-01-02", nil},
	{"\t01/02/1990\n", "1990-01-02", nil},
	{"\u00a001/02/1990\u2003", "1990-01-02", nil},
	{"\u300001/02/1990", "1990-01-02", nil},
	// Empty vs white space: both empty.
	{"", "", ErrEmpty},
	{" ", "", ErrEmpty},
	{"\t\n\u00a0", "", ErrEmpty},
	// Pattern not matched.
	{"1/2/1990", "", ErrFormat},
	{"01/2/1990", "", ErrFormat},
	{"01/02/90", "", ErrFormat},
	{"01/02/19900", "", ErrFormat},
	{"1990-01-02", "", ErrFormat}, // ISO is not the API form
	{"01.02.1990", "", ErrFormat},
	{"01 02 1990", "", ErrFormat},
	{"01//02/1990", "", ErrFormat},
	{"00/10/1990", "", ErrFormat},
	{"13/10/1990", "", ErrFormat},
	{"31/12/1990", "", ErrFormat}, // DD/MM is never read
	{"01/00/1990", "", ErrFormat},
	{"01/32/1990", "", ErrFormat},
	{"01/02/199O", "", ErrFormat},
	{"0a/02/1990", "", ErrFormat},
	{"01/02/1990 x", "", ErrFormat},
	{"01 / 02 / 1990", "", ErrFormat},
	// Text that is not valid: invalid_string, never repaired.
	{"01/02/1990\x00", "", ErrInvalidString},
	{"01/02/1990\xff", "", ErrInvalidString},
	{"\xed\xa0\x80/02/1990", "", ErrInvalidString},
	{"０1/02/1990", "", ErrFormat}, // full-width digit: not \d
	{"+1/02/1990", "", ErrFormat},
	{"-1/02/1990", "", ErrFormat},
	// Calendar.
	{"02/29/2000", "2000-02-29", nil}, // divisible by 400: leap
	{"02/29/2024", "2024-02-29", nil},
	{"02/29/2023", "", ErrCalendar},
	{"02/29/1900", "", ErrCalendar}, // divisible by 100 only: common
	{"02/29/2100", "", ErrCalendar},
	{"02/28/1900", "1900-02-28", nil},
	{"02/30/2024", "", ErrCalendar},
	{"02/31/2024", "", ErrCalendar},
	{"04/31/2024", "", ErrCalendar},
	{"06/31/2024", "", ErrCalendar},
	{"09/31/2024", "", ErrCalendar},
	{"11/31/2024", "", ErrCalendar},
	{"04/30/2024", "2024-04-30", nil},
	{"01/31/2024", "2024-01-31", nil},
	{"12/31/9999", "9999-12-31", nil},
	// Year 0000: matches \d{4}, rejected as not a calendar year.
	{"01/01/0000", "", ErrCalendar},
	{"02/29/0000", "", ErrCalendar},
	{"01/01/0001", "0001-01-01", nil},
}

func TestParse(t *testing.T) {
	for _, tt := range parseTests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := Parse(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
				assert.True(t, got.IsZero(), "a failed parse returns the zero Date")
				var e *Error
				require.ErrorAs(t, err, &e)
				if tt.err == ErrInvalidString {
					assert.Contains(t, e.Received(), " at byte ") // described, not echoed
				} else {
					assert.Equal(t, tt.in, e.Received())
				}
				assert.Equal(t, FieldPath, e.Field())
				assert.NotEmpty(t, e.Expected())
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got.String())
		})
	}
}

// TestParseTooLong: input over the field limit is rejected before any other
// work, even when its trimmed form would be valid.
func TestParseTooLong(t *testing.T) {
	long := strings.Repeat(" ", MaxInputLen-10) + "01/02/1990" // exactly 255
	_, err := Parse(long)
	require.NoError(t, err)
	_, err = Parse(long + " ")
	assert.ErrorIs(t, err, ErrTooLong)
	_, err = ParseISO(strings.Repeat(" ", MaxInputLen) + "1990-01-02")
	assert.ErrorIs(t, err, ErrTooLong)
	// The limit counts UTF-16 code units, as the API's schema does, not bytes:
	// 245 two-byte no-break spaces and a date are 255 characters (500
	// bytes), within it; one more character is not.
	wide := strings.Repeat("\u00a0", MaxInputLen-10)
	d, err := Parse(wide + "01/02/1990")
	require.NoError(t, err)
	assert.Equal(t, MustNew(1990, 1, 2), d)
	_, err = Parse("\u00a0" + wide + "01/02/1990")
	assert.ErrorIs(t, err, ErrTooLong)
	d, err = ParseISO(wide + "1990-01-02")
	require.NoError(t, err)
	assert.Equal(t, MustNew(1990, 1, 2), d)
	_, err = ParseISO("\u00a0" + wide + "1990-01-02")
	assert.ErrorIs(t, err, ErrTooLong)
	// A character outside the BMP counts 2: 127 emoji and one letter are 255
	// units (within the limit, so a format error); 128 emoji are 256 units
	// (too long, although 128 code points), described and never echoed.
	emoji := "\U0001F600"
	_, err = Parse(strings.Repeat(emoji, 127) + "a")
	assert.ErrorIs(t, err, ErrFormat)
	_, err = Parse(strings.Repeat(emoji, 128))
	require.ErrorIs(t, err, ErrTooLong)
	assert.Equal(t, "256 characters", err.(*Error).Received())
	_, err = ParseISO(strings.Repeat(emoji, 128))
	assert.ErrorIs(t, err, ErrTooLong)
}

// Common rule: invalid text is rejected, never repaired (invalid_string),
// by both parsers.
func TestParseInvalidString(t *testing.T) {
	for _, in := range []string{"1990-01-02\x00", "1990-01-0\xff", "\x00"} {
		_, err := ParseISO(in)
		require.ErrorIs(t, err, ErrInvalidString, "%q", in)
		assert.Equal(t, "invalid_string", err.(*Error).Code())
		assert.NotContains(t, err.Error(), "1990")
	}
}

// TestSameDayEqual: MM-DD-YYYY and MM/DD/YYYY of the same day are equal
// (dob rule: canonical value).
func TestSameDayEqual(t *testing.T) {
	a, err := Parse("07-04-1976")
	require.NoError(t, err)
	b, err := Parse("07/04/1976")
	require.NoError(t, err)
	c, err := ParseISO("1976-07-04")
	require.NoError(t, err)
	assert.True(t, a == b && b == c)
	assert.Equal(t, MustNew(1976, time.July, 4), a)
	m := map[Date]int{a: 1}
	assert.Equal(t, 1, m[c], "usable as a map key")
}

func TestParseISO(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		err  error
	}{
		{"1990-01-02", MustNew(1990, 1, 2), nil},
		{" 1990-01-02\n", MustNew(1990, 1, 2), nil},
		{"2024-02-29", MustNew(2024, 2, 29), nil},
		{"0001-01-01", MustNew(1, 1, 1), nil},
		{"9999-12-31", MustNew(9999, 12, 31), nil},
		{"", Date{}, ErrEmpty},
		{"  ", Date{}, ErrEmpty},
		{"2023-02-29", Date{}, ErrCalendar},
		{"1900-02-29", Date{}, ErrCalendar},
		{"0000-01-01", Date{}, ErrCalendar},
		{"1990/01/02", Date{}, ErrFormat},
		{"01-02-1990", Date{}, ErrFormat},
		{"1990-1-2", Date{}, ErrFormat},
		{"1990-13-01", Date{}, ErrFormat},
		{"1990-00-01", Date{}, ErrFormat},
		{"1990-01-00", Date{}, ErrFormat},
		{"1990-01-32", Date{}, ErrFormat},
		{"1990-01-02T00:00:00Z", Date{}, ErrFormat},
		{"+1990-01-02", Date{}, ErrFormat},
		{"19900102", Date{}, ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseISO(tt.in)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
			} else {
				assert.NoError(t, err)
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		y, m, d int
		ok      bool
	}{
		{2024, 2, 29, true},
		{2023, 2, 29, false},
		{1900, 2, 29, false},
		{2000, 2, 29, true},
		{2100, 2, 29, false},
		{2024, 4, 31, false},
		{2024, 0, 1, false},
		{2024, 13, 1, false},
		{2024, 1, 0, false},
		{2024, 1, 32, false},
		{0, 1, 1, false},
		{-1, 1, 1, false},
		{10000, 1, 1, false},
		{1, 1, 1, true},
		{9999, 12, 31, true},
	}
	for _, tt := range tests {
		d, err := New(tt.y, time.Month(tt.m), tt.d)
		if !tt.ok {
			assert.ErrorIs(t, err, ErrCalendar, "%d-%d-%d", tt.y, tt.m, tt.d)
			assert.True(t, d.IsZero())
			continue
		}
		require.NoError(t, err, "%d-%d-%d", tt.y, tt.m, tt.d)
		assert.Equal(t, tt.y, d.Year())
		assert.Equal(t, time.Month(tt.m), d.Month())
		assert.Equal(t, tt.d, d.Day())
	}
}

func TestFromTime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		ny = time.FixedZone("EST", -5*3600)
	}
	// 2024-03-01 03:00 UTC is still Feb 29 in New York.
	utc := time.Date(2024, 3, 1, 3, 0, 0, 0, time.UTC)
	assert.Equal(t, MustNew(2024, 3, 1), FromTime(utc))
	assert.Equal(t, MustNew(2024, 2, 29), FromTime(utc.In(ny)))
	assert.True(t, FromTime(time.Time{}).IsZero() == false, "year 1 is representable")
	assert.Equal(t, MustNew(1, 1, 1), FromTime(time.Time{}))
	assert.True(t, FromTime(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)).IsZero())
	assert.True(t, FromTime(time.Date(0, 12, 31, 0, 0, 0, 0, time.UTC)).IsZero())
}

func TestCompare(t *testing.T) {
	dates := []Date{{}, MustNew(1, 1, 1), MustNew(1999, 12, 31), MustNew(2000, 1, 1),
		MustNew(2000, 1, 2), MustNew(2000, 2, 1), MustNew(9999, 12, 31)}
	for i, a := range dates {
		for j, b := range dates {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			assert.Equal(t, want, a.Compare(b), "%v vs %v", a, b)
			assert.Equal(t, want < 0, a.Before(b))
			assert.Equal(t, want > 0, a.After(b))
		}
	}
}

// TestAgeOn covers the birthday boundary and the Feb 29 convention (a person
// born on Feb 29 becomes a year older on Mar 1 in common years).
func TestAgeOn(t *testing.T) {
	tests := []struct {
		born, today string
		want        int
	}{
		{"1990-06-15", "1990-06-15", 0},
		{"1990-06-15", "1991-06-14", 0},
		{"1990-06-15", "1991-06-15", 1},
		{"1990-06-15", "2026-06-14", 35},
		{"1990-06-15", "2026-06-15", 36},
		{"1990-12-31", "1991-01-01", 0},
		{"1990-01-01", "1990-12-31", 0},
		{"1990-01-01", "1991-01-01", 1},
		// Feb 29: common years, the birthday is Mar 1.
		{"2000-02-29", "2001-02-28", 0},
		{"2000-02-29", "2001-03-01", 1},
		{"2000-02-29", "2003-02-28", 2},
		{"2000-02-29", "2003-03-01", 3},
		// Leap years: the birthday is Feb 29 itself.
		{"2000-02-29", "2004-02-28", 3},
		{"2000-02-29", "2004-02-29", 4},
		// 2100 is a common year.
		{"2096-02-29", "2100-02-28", 3},
		{"2096-02-29", "2100-03-01", 4},
		// Born Feb 28: ordinary.
		{"2001-02-28", "2004-02-28", 3},
		// Today before birth: 0 (CheckOn reports it).
		{"2000-01-02", "2000-01-01", 0},
	}
	for _, tt := range tests {
		t.Run(tt.born+"@"+tt.today, func(t *testing.T) {
			assert.Equal(t, tt.want, MustParseISO(tt.born).AgeOn(MustParseISO(tt.today)))
		})
	}
	assert.Equal(t, 0, Date{}.AgeOn(MustNew(2000, 1, 1)))
	assert.Equal(t, 0, MustNew(2000, 1, 1).AgeOn(Date{}))
}

// TestAddYears: Feb 29 + 1 year = Feb 28 (termination rule).
func TestAddYears(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2024-02-29", 1, "2025-02-28"},
		{"2024-02-29", 4, "2028-02-29"},
		{"2024-02-29", -1, "2023-02-28"},
		{"2096-02-29", 4, "2100-02-28"},
		{"2024-02-29", 0, "2024-02-29"},
		{"2023-03-01", 1, "2024-03-01"},
		{"2023-02-28", 1, "2024-02-28"},
		{"2023-12-31", 1, "2024-12-31"},
		{"9999-01-01", 1, ""},
		{"0001-01-01", -1, ""},
		{"2000-01-01", 1 << 40, ""},
		{"2000-01-01", -(1 << 40), ""},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, MustParseISO(tt.from).AddYears(tt.n).String(), "%s%+d", tt.from, tt.n)
	}
	assert.True(t, Date{}.AddYears(1).IsZero())
}

// TestCheckOn: future and implausible age are distinct errors; the bounds
// are inclusive (born today is fine, age 130 is fine).
func TestCheckOn(t *testing.T) {
	today := MustParseISO("2026-06-15")
	tests := []struct {
		born string
		err  error
		code string
	}{
		{"2026-06-15", nil, ""},
		{"2026-06-16", ErrFuture, "dob_future"},
		{"2027-01-01", ErrFuture, "dob_future"},
		{"1990-01-01", nil, ""},
		{"1896-06-15", nil, ""},                           // age 130 today
		{"1896-06-16", nil, ""},                           // age 129, 130 tomorrow
		{"1895-06-16", nil, ""},                           // age 130, 131 tomorrow
		{"1895-06-15", ErrImplausible, "dob_implausible"}, // age 131 today
		{"0001-01-01", ErrImplausible, "dob_implausible"},
	}
	for _, tt := range tests {
		t.Run(tt.born, func(t *testing.T) {
			err := MustParseISO(tt.born).CheckOn(today)
			if tt.err == nil {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, tt.err)
			var e *Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, tt.code, e.Code())
			assert.Equal(t, tt.born, e.Received())
			assert.NotContains(t, err.Error(), tt.born[:4])
		})
	}
	assert.ErrorIs(t, Date{}.CheckOn(today), ErrEmpty)
	assert.ErrorIs(t, today.CheckOn(Date{}), ErrNoToday)
}

func TestText(t *testing.T) {
	d := MustNew(2024, 2, 29)
	b, err := d.MarshalText()
	require.NoError(t, err)
	assert.Equal(t, "2024-02-29", string(b))
	var got Date
	require.NoError(t, got.UnmarshalText(b))
	assert.Equal(t, d, got)

	b, err = Date{}.MarshalText()
	require.NoError(t, err)
	assert.Empty(t, b)
	got = d
	require.NoError(t, got.UnmarshalText(nil))
	assert.True(t, got.IsZero(), "empty text is the zero Date")
	assert.Equal(t, "", Date{}.String())

	b, err = d.AppendText([]byte("x="))
	require.NoError(t, err)
	assert.Equal(t, "x=2024-02-29", string(b))

	got = d
	assert.ErrorIs(t, got.UnmarshalText([]byte("02/29/2024")), ErrFormat)
	assert.Equal(t, Date{}, got, "a failed UnmarshalText sets the zero Date")
}

// TestErrors: every code, the sentinel it wraps, and no digit of the input
// in Error() or %#v.
func TestErrors(t *testing.T) {
	today := MustNew(2026, 6, 15)
	cases := []struct {
		err  error
		code string
		sent error
	}{
		{must(Parse("")), "dob_empty", ErrEmpty},
		{must(Parse(strings.Repeat("1", 256))), "dob_too_long", ErrTooLong},
		{must(Parse("13/45/1987")), "dob_format", ErrFormat},
		{must(Parse("02/29/1987")), "dob_calendar", ErrCalendar},
		{MustNew(2027, 3, 4).CheckOn(today), "dob_future", ErrFuture},
		{MustNew(1887, 3, 4).CheckOn(today), "dob_implausible", ErrImplausible},
		{today.CheckOn(Date{}), "dob_today_missing", ErrNoToday},
		{must(New(1987, 2, 29)), "dob_calendar", ErrCalendar},
	}
	type apiError interface {
		Field() string
		Code() string
		Expected() string
		Received() string
	}
	for _, c := range cases {
		require.Error(t, c.err)
		assert.ErrorIs(t, c.err, c.sent)
		var ae apiError
		require.True(t, errors.As(c.err, &ae))
		assert.Equal(t, c.code, ae.Code())
		assert.Equal(t, "dateOfBirth", ae.Field())
		// Error(), and fmt's %v, %+v, %s and %#v of the error and of the Error
		// value (a host may log either way).
		outs := []string{c.err.Error(), (c.err.(*Error)).GoString()}
		for _, f := range []string{"%v", "%+v", "%s", "%#v"} {
			outs = append(outs, fmt.Sprintf(f, c.err), fmt.Sprintf(f, *c.err.(*Error)))
		}
		for _, s := range outs {
			assert.NotContains(t, s, "1987")
			assert.NotContains(t, s, "2027")
			assert.NotContains(t, s, "1887")
			assert.False(t, strings.ContainsAny(s, "0123456789"), "no digit at all: %q", s)
		}
	}
}

func must(_ Date, err error) error { return err }

// TestNoAllocs pins zero allocations for the hot paths.
func TestNoAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("allocation counts")
	}
	d := MustNew(1990, 1, 2)
	buf := make([]byte, 0, 32)
	for name, f := range map[string]func(){
		"Parse":      func() { _, _ = Parse("01/02/1990") },
		"ParseSpace": func() { _, _ = Parse(" 01-02/1990\u00a0") },
		"ParseISO":   func() { _, _ = ParseISO("1990-01-02") },
		"AgeOn":      func() { _ = d.AgeOn(MustNew(2026, 1, 1)) },
		"CheckOn":    func() { _ = d.CheckOn(MustNew(2026, 1, 1)) },
		"AddYears":   func() { _ = d.AddYears(1) },
		"AppendText": func() { _, _ = d.AppendText(buf[:0]) },
	} {
		assert.Zero(t, testing.AllocsPerRun(100, f), name)
	}
}

// The zero Error is not made by this package, but its methods do not panic.
func TestErrorZeroValue(t *testing.T) {
	var e Error
	assert.NotPanics(t, func() {
		assert.NotEmpty(t, e.Error())
		_ = e.GoString()
		_ = e.Code()
		_ = e.Expected()
		_ = e.Received()
		_ = e.Unwrap()
		_ = fmt.Sprintf("%v %#v", e, &e)
	})
}

// TestErrorSize keeps the error path to one small allocation.
func TestErrorSize(t *testing.T) {
	assert.LessOrEqual(t, unsafe.Sizeof(Error{}), uintptr(32))
	assert.Equal(t, uintptr(4), unsafe.Sizeof(Date{}))
}
