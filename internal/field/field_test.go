package field

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// utf16Len is the oracle: JavaScript's String.length of valid text.
func utf16Len(s string) int { return len(utf16.Encode([]rune(s))) }

// Rule: lengths count UTF-16 code units (a character outside the BMP counts
// 2) and input over 255 units is rejected.
func TestRuleLengthCountsUTF16CodeUnits(t *testing.T) {
	emoji := "\U0001F600" // 4 bytes, 2 units
	tests := []struct {
		name    string
		s       string
		len     int
		tooLong bool
	}{
		{"empty", "", 0, false},
		{"255 ASCII", strings.Repeat("a", 255), 255, false},
		{"256 ASCII", strings.Repeat("a", 256), 256, true},
		{"255 two-byte", strings.Repeat("é", 255), 255, false},
		{"256 two-byte", strings.Repeat("é", 256), 256, true},
		{"255 three-byte (765 bytes)", strings.Repeat("€", 255), 255, false},
		{"256 three-byte (768 bytes)", strings.Repeat("€", 256), 256, true},
		{"127 emoji + 1 ASCII = 255", strings.Repeat(emoji, 127) + "a", 255, false},
		{"128 emoji = 256", strings.Repeat(emoji, 128), 256, true},
		{"127 emoji + 2 ASCII = 256", strings.Repeat(emoji, 127) + "ab", 256, true},
		{"one emoji", emoji, 2, false},
		{"invalid bytes count 1 each", strings.Repeat("\xff", 255), 255, false},
		{"256 invalid bytes", strings.Repeat("\xff", 256), 256, true},
		{"huge", strings.Repeat("a", 1<<20), 1 << 20, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Len(tt.s); got != tt.len {
				t.Errorf("Len = %d, want %d", got, tt.len)
			}
			if got := TooLong(tt.s); got != tt.tooLong {
				t.Errorf("TooLong = %v, want %v", got, tt.tooLong)
			}
		})
	}
}

func TestDescribeLen(t *testing.T) {
	for _, tt := range []struct{ s, want string }{
		{strings.Repeat("a", 300), "300 characters"},
		{strings.Repeat("\U0001F600", 200), "400 characters"},
		{strings.Repeat("a", 1021), "1021 bytes"},
	} {
		if got := DescribeLen(tt.s); got != tt.want {
			t.Errorf("DescribeLen(%d bytes) = %q, want %q", len(tt.s), got, tt.want)
		}
	}
}

// Rule: text that is not valid Unicode is rejected, never repaired;
// U+0000 in every field, other C0 controls in names and identifiers.
func TestRuleInvalidTextRejected(t *testing.T) {
	tests := []struct {
		name        string
		s           string
		text, name_ bool
		desc        string
	}{
		{"ASCII", "Jane Doe", true, true, ""},
		{"empty", "", true, true, ""},
		{"accents", "José Ñúñez", true, true, ""},
		{"emoji", "a\U0001F600", true, true, ""},
		{"U+FFFD itself is valid", "a\uFFFDb", true, true, ""},
		{"DEL is not C0", "a\x7fb", true, true, ""},
		{"NUL", "ab\x00", false, false, "U+0000 at byte 2"},
		{"tab", "a\tb", true, false, "control character U+0009 at byte 1"},
		{"line feed", "a\nb", true, false, "control character U+000A at byte 1"},
		{"unit separator", "a\x1fb", true, false, "control character U+001F at byte 1"},
		{"invalid byte", "ab\xffc", false, false, "invalid UTF-8 at byte 2"},
		{"truncated sequence", "é\xc3", false, false, "invalid UTF-8 at byte 2"},
		{"surrogate in UTF-8 (unpaired \\ud800)", "a\xed\xa0\x80", false, false, "invalid UTF-8 at byte 1"},
		{"overlong encoding of /", "\xc0\xaf", false, false, "invalid UTF-8 at byte 0"},
		{"invalid before control", "\xffa\tb", false, false, "invalid UTF-8 at byte 0"},
		{"control before invalid (name)", "é\tb\xff", false, false, "control character U+0009 at byte 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ValidText(tt.s); got != tt.text {
				t.Errorf("ValidText = %v, want %v", got, tt.text)
			}
			if got := ValidName(tt.s); got != tt.name_ {
				t.Errorf("ValidName = %v, want %v", got, tt.name_)
			}
			if got := DescribeInvalid(tt.s, true); got != tt.desc {
				t.Errorf("DescribeInvalid = %q, want %q", got, tt.desc)
			}
		})
	}
	if got := DescribeInvalid("a\tb\x00", false); got != "U+0000 at byte 3" {
		t.Errorf("free text: DescribeInvalid = %q", got)
	}
}

var errTest = errors.New("test sentinel")

var kindTest = &Kind{Code: "test_code", Path: "testField", Expected: "something", Err: errTest}

type testError struct{ Core }

func (e *testError) Error() string { return "test: " + e.Code() }

func TestCore(t *testing.T) {
	var err error = &testError{New(kindTest, "got")}
	if !errors.Is(err, errTest) {
		t.Error("errors.Is does not find the sentinel")
	}
	var te *testError
	if !errors.As(err, &te) {
		t.Fatal("errors.As")
	}
	f, ok := AsFailure(err)
	if !ok {
		t.Fatal("AsFailure")
	}
	if f.Field() != "testField" || f.Code() != "test_code" || f.Expected() != "something" ||
		f.Received() != "got" || f.Error() != "test: test_code" {
		t.Errorf("got %q %q %q %q %q", f.Field(), f.Code(), f.Expected(), f.Received(), f.Error())
	}
	for _, tt := range []struct{ s, want string }{
		{strings.Repeat("a", 300), "300 characters"},
		{strings.Repeat("\U0001F600", 200), "400 characters"},
		{strings.Repeat("a", 5000), "5000 bytes"},
	} {
		c := TooLongCore(kindTest, tt.s)
		if got := c.Received(); got != tt.want || got != DescribeLen(tt.s) {
			t.Errorf("TooLongCore(%d bytes).Received() = %q, want %q", len(tt.s), got, tt.want)
		}
	}
	if c := New(kindTest, "x").WithAux(7); c.Aux() != 7 || c.Received() != "x" {
		t.Errorf("WithAux: %d %q", c.Aux(), c.Received())
	}
	if unsafe.Sizeof(Core{}) != 32 {
		t.Errorf("Core is %d bytes, want 32", unsafe.Sizeof(Core{}))
	}
	var zero Core
	if zero.Field() != "" || zero.Code() != "" || zero.Expected() != "" || zero.Unwrap() != nil || zero.Error() != ": " {
		t.Error("zero Core")
	}
}

func TestAllocs(t *testing.T) {
	s := strings.Repeat("é", 200) + strings.Repeat("a", 100)
	if n := testing.AllocsPerRun(100, func() {
		_ = TooLong(s)
		_ = Len(s)
		_ = ValidName(s)
		_ = ValidText(s)
	}); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}

// FuzzLen: Len agrees with JavaScript's String.length (UTF-16 units) on
// valid UTF-8, counts each invalid byte as one unit otherwise, and TooLong
// is exactly Len > Limit.
func FuzzLen(f *testing.F) {
	for _, s := range []string{"", "abc", "é", "€", "\U0001F600", "\xff\xfe", "a\xed\xa0\x80",
		strings.Repeat("\U0001F600", 128), strings.Repeat("€", 256)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Len(s)
		if utf8.ValidString(s) {
			if want := utf16Len(s); n != want {
				t.Fatalf("Len(%q) = %d, UTF-16 length %d", s, n, want)
			}
		} else {
			// Each invalid byte decodes to one U+FFFD, which is one unit.
			want := 0
			for i := 0; i < len(s); {
				r, size := utf8.DecodeRuneInString(s[i:])
				want += len(utf16.Encode([]rune{r}))
				i += size
			}
			if n != want {
				t.Fatalf("Len(%q) = %d, want %d", s, n, want)
			}
		}
		if TooLong(s) != (n > Limit) {
			t.Fatalf("TooLong(%q) = %v, Len = %d", s, TooLong(s), n)
		}
		if n > len(s) || 3*n < len(s) {
			t.Fatalf("Len(%q) = %d out of the byte bounds", s, n)
		}
	})
}

// FuzzValidText: ValidText is utf8.ValidString without U+0000, ValidName
// adds no C0 control; DescribeInvalid is "" exactly when valid, and never
// repeats the input.
func FuzzValidText(f *testing.F) {
	for _, s := range []string{"", "Jane", "a\x00", "a\tb", "\xff", "a\xed\xa0\x80", "é\x1f"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		hasNUL, hasC0 := false, false
		for i := 0; i < len(s); i++ {
			hasNUL = hasNUL || s[i] == 0
			hasC0 = hasC0 || s[i] < ' '
		}
		valid := utf8.ValidString(s)
		if got, want := ValidText(s), valid && !hasNUL; got != want {
			t.Fatalf("ValidText(%q) = %v, want %v", s, got, want)
		}
		if got, want := ValidName(s), valid && !hasC0; got != want {
			t.Fatalf("ValidName(%q) = %v, want %v", s, got, want)
		}
		for _, name := range []bool{false, true} {
			d := DescribeInvalid(s, name)
			ok := ValidText(s)
			if name {
				ok = ValidName(s)
			}
			if (d == "") != ok {
				t.Fatalf("DescribeInvalid(%q, %v) = %q, valid %v", s, name, d, ok)
			}
			if !utf8.ValidString(d) {
				t.Fatalf("DescribeInvalid(%q) is not valid text", s)
			}
		}
	})
}

func BenchmarkTooLong(b *testing.B) {
	for _, bc := range []struct{ name, s string }{
		{"short", "H1234-001-000"},
		{"600B-2byte", strings.Repeat("é", 300)},
		{"1MB", strings.Repeat("a", 1<<20)},
	} {
		b.Run(bc.name+"/TooLong", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = TooLong(bc.s)
			}
		})
		// The obvious alternative: count everything, then compare.
		b.Run(bc.name+"/utf16.Encode", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = utf16Len(bc.s) > Limit
			}
		})
	}
}

func BenchmarkValidName(b *testing.B) {
	for _, bc := range []struct{ name, s string }{
		{"ASCII", "Jonathan Smith-Jones"},
		{"Latin", "José María Ñúñez"},
	} {
		b.Run(bc.name+"/ValidName", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = ValidName(bc.s)
			}
		})
		b.Run(bc.name+"/utf8.ValidString", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = utf8.ValidString(bc.s)
			}
		})
	}
}
