package carrier

import (
	"errors"
	"strings"
	"testing"
)

// Common rule: carrierName over 255 UTF-16 code units is too long (an
// emoji counts 2), and text that is not valid is invalid_string, never
// repaired. (tooLong and invalidText are the checks Resolve calls.)
func TestCommon_LengthAndTextHelpers(t *testing.T) {
	emoji := "\U0001F600"
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{strings.Repeat("a", 255), false},
		{strings.Repeat("a", 256), true},
		{strings.Repeat(emoji, 127) + "a", false},
		{strings.Repeat(emoji, 128), true},
	} {
		if got := tooLong(tt.s); got != tt.want {
			t.Errorf("tooLong(%d bytes) = %v, want %v", len(tt.s), got, tt.want)
		}
	}
	if invalidText("Aetna") != nil || invalidText("Mutual of Omaha ñ") != nil {
		t.Error("valid names reported invalid")
	}
	for _, s := range []string{"Aet\xffna", "Aetna\x00", "Ae\ttna", "\xed\xa0\x80"} {
		e := invalidText(s)
		if e == nil {
			t.Fatalf("invalidText(%q) = nil", s)
		}
		if !errors.Is(e, ErrInvalidString) || e.Code() != "invalid_string" || e.Field() != FieldPath ||
			strings.Contains(e.Error(), s) || e.Expected() == "" {
			t.Errorf("invalidText(%q) = %v (%s, %s, %q)", s, e, e.Code(), e.Field(), e.Received())
		}
	}
	e := newError(kindTooLong, FieldPath, expectShort, strings.Repeat(emoji, 200), nil)
	if e.Received() != "400 characters" || e.Expected() != "at most 255 characters" || e.Code() != "carrier_too_long" {
		t.Errorf("too long: %q %q %q", e.Received(), e.Expected(), e.Code())
	}
}

// Common to every parser: text that is not valid Unicode is rejected, never
// repaired, and the field limit counts UTF-16 code units; Resolve applies both
// before any matching.
func TestRuleResolveRejectsInvalidTextAndCountsUTF16(t *testing.T) {
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Aetna\xff", "Ae\x00tna", "Hum\x01ana", "\xed\xa0\x80Cigna"} {
		_, err := r.Resolve(Query{Name: name})
		if !errors.Is(err, ErrInvalidString) {
			t.Errorf("Resolve(%q): err = %v, want ErrInvalidString", name, err)
		}
	}
	// 127 emoji (254 units) + "A" is 255 units: not too long (and unknown);
	// 128 emoji is 256 units: too long.
	emoji := "\U0001F600"
	if _, err := r.Resolve(Query{Name: strings.Repeat(emoji, 127) + "A"}); errors.Is(err, ErrTooLong) {
		t.Errorf("255 UTF-16 units rejected as too long")
	}
	if _, err := r.Resolve(Query{Name: strings.Repeat(emoji, 128)}); !errors.Is(err, ErrTooLong) {
		t.Errorf("256 UTF-16 units: err = %v, want ErrTooLong", err)
	}
}
