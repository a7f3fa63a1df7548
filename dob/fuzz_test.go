package dob

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func addSeeds(f *testing.F) {
	for _, tt := range parseTests {
		f.Add(tt.in)
	}
	for _, s := range []string{"1990-01-02", "0000-01-01", "9999-12-31", "2024-02-29", "  2023-02-29 "} {
		f.Add(s)
	}
}

// checkNoPII fails when msg holds any digit (so no digit of any input) or
// the trimmed input itself.
func checkNoPII(t *testing.T, err error, in string) {
	t.Helper()
	msg := err.Error()
	if strings.ContainsAny(msg, "0123456789") {
		t.Fatalf("Error() holds a digit: %q", msg)
	}
	// An input without digits ("da") may be a substring of the fixed text;
	// an input with one is caught by the digit check above already, and
	// again here for clarity.
	if tr := strings.TrimSpace(in); strings.ContainsAny(tr, "0123456789") && strings.Contains(msg, tr) {
		t.Fatalf("Error() holds the input: %q", msg)
	}
	var e *Error
	if !errors.As(err, &e) || e.Field() != FieldPath || e.Code() == "" {
		t.Fatalf("not a well-formed *Error: %#v", err)
	}
	if strings.ContainsAny(e.GoString(), "0123456789") {
		t.Fatalf("GoString holds a digit")
	}
}

// FuzzParse checks, for any input:
//   - Parse agrees with the slow reference (documented regexp + time.Parse):
//     the pattern accepts every input Parse accepts, and Parse accepts every
//     pattern match that is a real date; same error class otherwise;
//   - a parsed Date prints with String and re-parses with ParseISO to
//     itself, and its MM/DD/YYYY and MM-DD-YYYY forms parse to itself;
//   - Error() holds no digit and not the input.
func FuzzParse(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		want, wantErr := slowParse(s)
		if err != nil {
			checkNoPII(t, err, s)
			if !d.IsZero() {
				t.Fatalf("error with a non-zero Date")
			}
			if wantErr == nil {
				t.Fatalf("Parse(%q) = %v; the pattern matches a real date %v", s, err, want)
			}
			if !errors.Is(err, wantErr) {
				t.Fatalf("Parse(%q) = %v, reference says %v", s, err, wantErr)
			}
			return
		}
		if jsLen(s) <= MaxInputLen && !apiRE.MatchString(strings.TrimSpace(s)) {
			t.Fatalf("Parse(%q) accepted what the documented pattern rejects", s)
		}
		if wantErr != nil || want != d {
			t.Fatalf("Parse(%q) = %v, reference says %v, %v", s, d, want, wantErr)
		}
		back, err := ParseISO(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseISO(String()) = %v, %v; want %v", back, err, d)
		}
		api := d.String()[5:7] + "/" + d.String()[8:10] + "/" + d.String()[:4]
		for _, form := range []string{api, strings.ReplaceAll(api, "/", "-")} {
			if p, err := Parse(form); err != nil || p != d {
				t.Fatalf("Parse(%q) = %v, %v; want %v", form, p, err, d)
			}
		}
	})
}

// FuzzParseISO checks ParseISO against time.Parse("2006-01-02") (with the
// year-0000 decision), String round trip, text round trip and no PII.
func FuzzParseISO(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseISO(s)
		tr := strings.TrimSpace(s)
		ref, refErr := time.Parse("2006-01-02", tr)
		refOK := refErr == nil && ref.Year() != 0 && jsLen(s) <= MaxInputLen
		if err != nil {
			checkNoPII(t, err, s)
			if refOK {
				t.Fatalf("ParseISO(%q) = %v; time.Parse accepts it", s, err)
			}
			return
		}
		if !refOK || FromTime(ref) != d {
			t.Fatalf("ParseISO(%q) = %v; time.Parse gives %v, %v", s, d, ref, refErr)
		}
		if d.String() != tr {
			t.Fatalf("String() = %q, want %q (canonical input)", d.String(), tr)
		}
		b, err := d.MarshalText()
		require.NoError(t, err)
		var back Date
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, d, back)
	})
}

// FuzzCheckOn checks AgeOn and CheckOn against time-based arithmetic for
// arbitrary pairs of dates.
func FuzzCheckOn(f *testing.F) {
	f.Add(uint16(2000), uint8(2), uint8(29), uint16(2001), uint8(2), uint8(28))
	f.Add(uint16(1895), uint8(6), uint8(15), uint16(2026), uint8(6), uint8(15))
	f.Add(uint16(2026), uint8(6), uint8(16), uint16(2026), uint8(6), uint8(15))
	f.Fuzz(func(t *testing.T, y1 uint16, m1, d1 uint8, y2 uint16, m2, d2 uint8) {
		born, err1 := New(int(y1), time.Month(m1), int(d1))
		today, err2 := New(int(y2), time.Month(m2), int(d2))
		if err1 != nil || err2 != nil {
			return
		}
		age := born.AgeOn(today)
		// Reference: the largest n with the n-th birthday on or before today,
		// where a Feb 29 birthday falls on Mar 1 in a common year.
		want := 0
		if !today.Before(born) {
			want = int(today.year) - int(born.year)
			bm, bd := int(born.month), int(born.day)
			if bm == 2 && bd == 29 && !isLeap(int(today.year)) {
				bm, bd = 3, 1
			}
			birthday := time.Date(int(today.year), time.Month(bm), bd, 0, 0, 0, 0, time.UTC)
			if FromTime(birthday).After(today) {
				want--
			}
		}
		if age != want {
			t.Fatalf("AgeOn(%v, %v) = %d, want %d", born, today, age, want)
		}
		err := born.CheckOn(today)
		switch {
		case born.After(today):
			assert.ErrorIs(t, err, ErrFuture)
		case want > MaxAge:
			assert.ErrorIs(t, err, ErrImplausible)
		default:
			assert.NoError(t, err)
		}
		if err != nil {
			checkNoPII(t, err, born.String())
		}
	})
}
