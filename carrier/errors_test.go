package carrier

import (
	"errors"
	"strings"
	"testing"
)

// Common rule: carrierName over 255 UTF-16 code units is too long (an
// emoji counts 2), and text that is not valid is invalid_string, never
// repaired. (tooLong and invalidText are the checks Resolve is to call.)
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
