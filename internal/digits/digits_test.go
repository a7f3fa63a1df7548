package digits

import (
	"strconv"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tt := range []struct {
		s  string
		n  int
		ok bool
	}{
		{"0", 0, true}, {"7", 7, true}, {"09", 9, true}, {"12", 12, true}, {"123", 123, true},
		{"2024", 2024, true}, {"0000", 0, true}, {"9999", 9999, true},
		{"", 0, false}, {"12345", 0, false}, {"1a", 0, false}, {"a1", 0, false}, {"+1", 0, false},
		{" 1", 0, false}, {"1/", 0, false}, {"12:3", 0, false}, {"١٢", 0, false}, {"２", 0, false},
	} {
		n, ok := Parse(tt.s)
		if ok != tt.ok || (ok && n != tt.n) {
			t.Errorf("Parse(%q) = %d, %v; want %d, %v", tt.s, n, ok, tt.n, tt.ok)
		}
	}
}

// FuzzParse: Parse agrees with strconv.Atoi on 1 to 4 ASCII digits and
// rejects everything else.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "1", "12", "123", "1234", "12345", "-1", "+12", "1_2", "0x1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := Parse(s)
		want := len(s) >= 1 && len(s) <= 4
		for i := 0; i < len(s); i++ {
			want = want && '0' <= s[i] && s[i] <= '9'
		}
		if ok != want {
			t.Fatalf("Parse(%q) ok = %v, want %v", s, ok, want)
		}
		if ok {
			if m, err := strconv.Atoi(s); err != nil || m != n {
				t.Fatalf("Parse(%q) = %d, Atoi %d %v", s, n, m, err)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Parse("2024")
		_, _ = Parse("02")
	}
}

func TestTwoFourAgreeWithParse(t *testing.T) {
	for _, s := range []string{"00", "09", "99", "a1", "1a", "/1", "0000", "2024", "9999", "202a", "-024"} {
		n, ok := Parse(s)
		var m int
		var ok2 bool
		if len(s) == 2 {
			m, ok2 = Two(s)
		} else {
			m, ok2 = Four(s)
		}
		if ok != ok2 || (ok && n != m) {
			t.Errorf("%q: Parse %d %v, fixed %d %v", s, n, ok, m, ok2)
		}
	}
}
