package phone

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// FuzzParse checks, on any input:
//   - neither parser panics;
//   - each agrees with its slow regexp reference (accept/reject and value);
//   - Parse accepts a subset of what ParseLenient accepts, with the same Number;
//   - the canonical output re-parses to the same Number with both parsers, and
//     canonicalization is idempotent; text marshalling round-trips;
//   - an error is an *Error with a known code, the field path, the input as Received
//     (a description of it for over-long input and for text that is not valid),
//     a zero Number, and an Error() text without any digit (no PII).
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"+14152345678", "4152345678", "(415) 234-5678", "1-415-234-5678", "+1 (415) 234-5678",
		"415.234.5678", "(415)234-5678", "14152345678", " \u00a04152345678\u3000", "",
		"1-800-FLOWERS", "415-234-5678 x12", "0014152345678", "+44 20 7946 0958",
		"4159115678", "3702345678", "2125550150", "１４１５２３４５６７８", "((415)) 234-5678",
		"++14152345678", "1234567890", "+1", "(", "1", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		strict, errS := Parse(s)
		lenient, errL := ParseLenient(s)

		checkAgainstSlow(t, s)

		if errS == nil && (errL != nil || lenient != strict) {
			t.Fatalf("Parse(%q) = %v but ParseLenient = %v, %v", s, strict, lenient, errL)
		}
		for _, r := range []struct {
			n   Number
			err error
		}{{strict, errS}, {lenient, errL}} {
			if r.err != nil {
				checkError(t, s, r.n, r.err)
				continue
			}
			checkNumber(t, r.n)
		}
	})
}

// FuzzForms builds numbers from their parts in every lenient shape, so that the fuzzer
// spends its time on valid-looking input: the parsed Number must have exactly the
// digits put in, whatever the shape, or the reference's error.
func FuzzForms(f *testing.F) {
	f.Add(uint16(415), uint16(234), uint16(5678), uint8(0))
	f.Add(uint16(800), uint16(555), uint16(100), uint8(7))
	f.Add(uint16(911), uint16(211), uint16(0), uint8(3))
	f.Add(uint16(684), uint16(633), uint16(9999), uint8(255))
	f.Fuzz(func(t *testing.T, npa, nxx, line uint16, shape uint8) {
		a, x, l := pad(int(npa%1000), 3), pad(int(nxx%1000), 3), pad(int(line%10000), 4)
		seps := []string{"", " ", "-", "."}
		prefix := []string{"", "1", "+1"}[shape%3]
		shape /= 3
		if prefix != "" {
			prefix += seps[shape%4]
		}
		shape /= 4
		area := a
		if shape%2 == 1 {
			area = "(" + a + ")"
		}
		shape /= 2
		s := prefix + area + seps[shape%4] + x + seps[shape/4%4] + l
		checkAgainstSlow(t, s)
		n, err := ParseLenient(s)
		if err != nil {
			checkError(t, s, n, err)
			if !errors.Is(err, ErrAreaCode) && !errors.Is(err, ErrExchange) {
				t.Fatalf("ParseLenient(%q): a well-shaped number failed with %v", s, err)
			}
			return
		}
		checkNumber(t, n)
		if n.AreaCode() != a || n.Exchange() != x || n.Line() != l {
			t.Fatalf("ParseLenient(%q) = %v, want the digits %s %s %s", s, n, a, x, l)
		}
	})
}

func checkNumber(t *testing.T, n Number) {
	t.Helper()
	e := n.E164()
	if !n.IsValid() || len(e) != 12 || e[:2] != "+1" || n.String() != e {
		t.Fatalf("bad canonical form %q of %#v", e, n)
	}
	if n.AreaCode()+n.Exchange()+n.Line() != e[2:] {
		t.Fatalf("%q: accessors %s %s %s", e, n.AreaCode(), n.Exchange(), n.Line())
	}
	for _, p := range parsers {
		back, err := p.parse(e)
		if err != nil || back != n {
			t.Fatalf("%s(%q) = %v, %v; want %v", p.name, e, back, err, n)
		}
	}
	b, err := n.MarshalText()
	if err != nil || string(b) != e {
		t.Fatalf("MarshalText = %q, %v", b, err)
	}
	var u Number
	if err := u.UnmarshalText(b); err != nil || u != n {
		t.Fatalf("UnmarshalText(%q) = %v, %v", b, u, err)
	}
	if r := n.Region(); r.Class == 0 || len(r.Country) != 2 {
		t.Fatalf("%q: no region %+v", e, r)
	}
}

func checkError(t *testing.T, s string, n Number, err error) {
	t.Helper()
	if n != (Number{}) {
		t.Fatalf("%q: error %v with non-zero Number %#v", s, err, n)
	}
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("%q: error %T is not an *Error", s, err)
	}
	received := s
	switch {
	case errors.Is(err, ErrTooLong):
		received = strconv.Itoa(len(utf16.Encode([]rune(s)))) + " characters"
		if len(s) > 4*MaxLength {
			received = strconv.Itoa(len(s)) + " bytes"
		}
	case errors.Is(err, ErrInvalidString):
		if utf8.ValidString(s) && !strings.Contains(s, "\x00") {
			t.Fatalf("%q: invalid_string for valid text", s)
		}
		received = pe.Received()
		if strings.Contains(received, s) && s != "" {
			t.Fatalf("%q: invalid_string echoes the input", s)
		}
	case !utf8.ValidString(s) || strings.Contains(s, "\x00"):
		t.Fatalf("%q: invalid text gave %s, not invalid_string", s, pe.Code())
	}
	if pe.Field() != FieldPath || pe.Received() != received || pe.Expected() == "" ||
		(!strings.HasPrefix(pe.Code(), "phone_") && pe.Code() != "invalid_string") {
		t.Fatalf("%q: error fields %q %q %q %q", s, pe.Field(), pe.Code(), pe.Expected(), pe.Received())
	}
	known := false
	for _, k := range []error{ErrInvalidString, ErrTooLong, ErrEmpty, ErrCharacters, ErrCountryCode, ErrLength, ErrFormat, ErrAreaCode, ErrExchange} {
		known = known || errors.Is(err, k)
	}
	if !known {
		t.Fatalf("%q: error %v wraps no sentinel", s, err)
	}
	msg := err.Error()
	for _, r := range msg {
		if unicode.IsDigit(r) || unicode.IsNumber(r) {
			t.Fatalf("%q: Error() %q contains a digit", s, msg)
		}
	}
	if len(s) >= 3 && strings.Contains(msg, strings.TrimSpace(s)) && strings.ContainsFunc(s, unicode.IsDigit) {
		t.Fatalf("%q: Error() %q quotes the input", s, msg)
	}
}
