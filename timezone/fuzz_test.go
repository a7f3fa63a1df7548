package timezone

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// slowParse is the readable reference for Parse: trim, lower-case ASCII letters only, scan
// every key.
func slowParse(s string) (Zone, bool) {
	if utf8.RuneCountInString(s) > MaxInputLen {
		return Zone{}, false
	}
	t := strings.TrimFunc(s, unicode.IsSpace)
	b := []byte(t)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	for i, k := range lookupKeys {
		if k == string(b) {
			return Zone{i: lookupZones[i]}, true
		}
	}
	return Zone{}, false
}

// longDigits finds runs of 5 or more digits: the shape of a ZIP, phone number or date.
var longDigits = regexp.MustCompile(`[0-9]{5,}`)

// noPII fails when err's text or Received repeats a long digit run of the input, or the
// input itself when it is not a quoted zone-like name.
func noPII(t *testing.T, in string, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error %v is not an *Error", in, err)
	}
	if e.Code() == "" || e.Field() == "" || e.Expected() == "" {
		t.Fatalf("%q: incomplete error %#v", in, e)
	}
	for _, run := range longDigits.FindAllString(in, -1) {
		if strings.Contains(err.Error(), run) || strings.Contains(e.Received(), run) {
			t.Fatalf("%q: error repeats %q: %v", in, run, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"EST", "us/eastern", "America/New_York", " Pacific ", "", "Etc/GMT+5", "Mars/X", "\u212a", "4155552671"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		z, err := Parse(s)
		want, ok := slowParse(s)
		if (err == nil) != ok || z != want {
			t.Fatalf("Parse(%q) = %v, %v; slow reference %v, %v", s, z, err, want, ok)
		}
		if err != nil {
			if z.IsValid() {
				t.Fatalf("Parse(%q): valid zone with error", s)
			}
			noPII(t, s, err)
			return
		}
		// Canonical output re-parses to itself; canonicalization is idempotent.
		z2, err := Parse(z.String())
		if err != nil || z2 != z || z2.String() != z.String() {
			t.Fatalf("Parse(%q) = %v; Parse(String()) = %v, %v", s, z, z2, err)
		}
		var u Zone
		text, _ := z.MarshalText()
		if err := u.UnmarshalText(text); err != nil || u != z {
			t.Fatalf("text round trip of %v: %v, %v", z, u, err)
		}
	})
}

// zipRE is the documented grammar: ZIP, ZIP-4 or ZIP4 without the hyphen.
var zipRE = regexp.MustCompile(`^([0-9]{5})(-?[0-9]{4})?$`)

func FuzzForPostalCode(f *testing.F) {
	for _, s := range []string{"10001", "10001-1234", "100011234", "86004", "96201", "00000", "1234", " 46320 ", "12345 6789", "１２３４５"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := PostalCandidates(s)
		z, zerr := ForPostalCode(s)
		if err != nil {
			noPII(t, s, err)
			if zerr == nil || z.IsValid() || c.Len() != 0 {
				t.Fatalf("%q: PostalCandidates error %v but ForPostalCode %v, %v", s, err, z, zerr)
			}
		} else {
			if c.Len() == 0 || z != c.Primary() {
				t.Fatalf("%q: candidates %v, ForPostalCode %v", s, c, z)
			}
			if c.Ambiguous() != errors.Is(zerr, ErrAmbiguousPostalCode) {
				t.Fatalf("%q: ambiguous %v but ForPostalCode error %v", s, c.Ambiguous(), zerr)
			}
			if zerr != nil {
				noPII(t, s, zerr)
			}
			for x := range c.All() {
				if p, err := Parse(x.String()); err != nil || p != x {
					t.Fatalf("%q: zone %v does not re-parse", s, x)
				}
			}
		}
		// Differential check against the regexp grammar and the linear scan.
		t2 := strings.TrimFunc(s, unicode.IsSpace)
		m := zipRE.FindStringSubmatch(t2)
		switch {
		case len(utf16.Encode([]rune(s))) > MaxInputLen:
			if !errors.Is(err, ErrTooLong) {
				t.Fatalf("%q: want ErrTooLong, got %v", s, err)
			}
		case m == nil:
			if err == nil {
				t.Fatalf("%q: accepted outside the grammar", s)
			}
		default:
			n := 0
			for _, d := range m[1] {
				n = n*10 + int(d-'0')
			}
			_, listed := slowLookupZIP(n)
			switch {
			case isMilitaryZIP(n):
				if !errors.Is(err, ErrMilitaryPostalCode) {
					t.Fatalf("%q: want military, got %v", s, err)
				}
			case !listed:
				if !errors.Is(err, ErrUnknownPostalCode) {
					t.Fatalf("%q: want unknown, got %v", s, err)
				}
			case err != nil:
				t.Fatalf("%q: listed ZIP rejected: %v", s, err)
			}
		}
	})
}

func FuzzResolve(f *testing.F) {
	f.Add("EST", "10001")
	f.Add("", "86004")
	f.Add("MST", "85004")
	f.Add(" ", " ")
	f.Add("Nowhere", "10001")
	f.Fuzz(func(t *testing.T, tz, pc string) {
		r, err := Resolve(tz, pc)
		if err != nil {
			noPII(t, tz+" "+pc, err)
			if r != (Result{}) {
				t.Fatalf("error with a non-zero result: %+v", r)
			}
			return
		}
		if !r.Zone.IsValid() || r.Candidates.Primary() != r.Zone {
			t.Fatalf("Resolve(%q, %q) = %+v", tz, pc, r)
		}
		if z, perr := Parse(tz); perr == nil {
			if r.Source != SourceTimezone || r.Zone != z {
				t.Fatalf("Resolve(%q, %q): the given timezone must win: %+v", tz, pc, r)
			}
		} else if r.Source != SourcePostalCode {
			t.Fatalf("Resolve(%q, %q): source %v", tz, pc, r.Source)
		}
		if r.Mismatch && (r.Source != SourceTimezone || r.Postal.Contains(r.Zone)) {
			t.Fatalf("inconsistent mismatch: %+v", r)
		}
	})
}

// FuzzMayContact: next is after now and the answer flips there; an open instant lies in
// the day's window for every candidate.
func FuzzMayContact(f *testing.F) {
	f.Add(int64(1751479200), uint16(151), uint8(0))
	f.Add(int64(1741485600), uint16(88), uint8(20))
	f.Add(int64(0), uint16(1), uint8(5))
	f.Fuzz(func(t *testing.T, sec int64, zi uint16, si uint8) {
		now := time.Unix(sec%(1<<34), 0).UTC() // years 1425 to 2514
		z := Zone{i: zi % uint16(numZones)}
		states := []string{"", "FL", "TX", "RI", "UT", "MS", "NE", "NY", "AL", "ZZ"}
		st := states[int(si)%len(states)]
		ok, next := MayContact(now, z, st)
		if !z.IsValid() || st == "ZZ" {
			if ok || !next.IsZero() {
				t.Fatalf("invalid input allowed contact: %v %v", ok, next)
			}
			return
		}
		if next.IsZero() {
			if ok {
				t.Fatalf("open with no end")
			}
			return
		}
		if !next.After(now) {
			t.Fatalf("%v %v %s: next %v not after now", now, z, st, next)
		}
		if ok2, _ := MayContact(next, z, st); ok2 == ok {
			t.Fatalf("%v %v %s: answer %v does not change at next %v", now, z, st, ok, next)
		}
		if ok {
			w, err := ContactWindow(z, st, now)
			if err != nil || !w.Contains(now) {
				t.Fatalf("%v %v %s: open, but the window %v does not contain it (%v)", now, z, st, w, err)
			}
		}
	})
}
