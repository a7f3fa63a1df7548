package termination

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// FuzzParseEffectiveDate checks, for any input: no panic; ParseEffectiveDate
// agrees with the slow reference (time.Parse per form, a regexp for RFC
// 3339); a parsed date prints (YYYY-MM-DD) and re-parses to itself, also in
// its MM/DD/YYYY and MM-DD-YYYY forms; errors are well-formed and do not
// quote the input.
func FuzzParseEffectiveDate(f *testing.F) {
	for _, tt := range effectiveDateTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseEffectiveDate(s)
		want, ok := slowParseDate(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Field() != FieldEffectiveDate || e.Code() == "" ||
				(e.Received() != s && !errors.Is(err, ErrTooLong) && !errors.Is(err, ErrInvalidString)) {
				t.Fatalf("malformed error %v", err)
			}
			if tr := strings.TrimSpace(s); strings.ContainsAny(tr, "0123456789") && strings.Contains(err.Error(), tr) {
				t.Fatalf("Error() quotes the input: %q", err.Error())
			}
			if ok {
				t.Fatalf("ParseEffectiveDate(%q) = %v; reference gives %v", s, err, want)
			}
			return
		}
		if !ok || want != d {
			t.Fatalf("ParseEffectiveDate(%q) = %v; reference gives %v, %v", s, d, want, ok)
		}
		iso := d.String()
		for _, form := range []string{iso, iso[5:7] + "/" + iso[8:10] + "/" + iso[:4], iso[5:7] + "-" + iso[8:10] + "-" + iso[:4], iso + "T00:00:00Z"} {
			back, err := ParseEffectiveDate(form)
			if err != nil || back != d {
				t.Fatalf("ParseEffectiveDate(%q) = %v, %v; want %v", form, back, err, d)
			}
		}
	})
}

// FuzzParseStatus: a parsed status prints as the API spelling, which
// parses back to it; the result matches an ASCII-case-insensitive reference.
func FuzzParseStatus(f *testing.F) {
	for _, s := range []string{"Active", "pending effectuation", " NOT APPROVED ", "Canceled", "\u017Fuspended", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, err := ParseStatus(s)
		var want Status
		if len(utf16.Encode([]rune(s))) <= MaxInputLen {
			for _, c := range Statuses() {
				if strings.EqualFold(strings.TrimSpace(s), c.String()) && isASCII(s) {
					want = c
				}
			}
		}
		if err != nil {
			if want != 0 {
				t.Fatalf("ParseStatus(%q) = %v, want %v", s, err, want)
			}
			return
		}
		if want != st && isASCII(s) {
			t.Fatalf("ParseStatus(%q) = %v, want %v", s, st, want)
		}
		if !isASCII(strings.TrimSpace(s)) {
			t.Fatalf("ParseStatus(%q) folded a non-ASCII byte", s)
		}
		back, err := ParseStatus(st.String())
		if err != nil || back != st {
			t.Fatalf("round trip of %v: %v, %v", st, back, err)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
