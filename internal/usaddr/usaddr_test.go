package usaddr

import (
	"strconv"
	"testing"
)

// The table's integrity: sorted, unique, the documented count of each
// class, insurance states numbered 0..51 in code order.
func TestTableIntegrity(t *testing.T) {
	count := map[Class]int{}
	next := 0
	for i, e := range table {
		if i > 0 && table[i-1].code >= e.code {
			t.Errorf("table not sorted at %s", e.code)
		}
		count[e.class]++
		insurance := e.class == State || e.class == District || e.code == "PR"
		if insurance {
			if int(e.index) != next {
				t.Errorf("%s: index %d, want %d", e.code, e.index, next)
			}
			next++
		} else if e.index != -1 {
			t.Errorf("%s: index %d, want -1", e.code, e.index)
		}
		if e.class != Military && e.name == "" {
			t.Errorf("%s has no name", e.code)
		}
	}
	want := map[Class]int{State: 50, District: 1, Territory: 5, Military: 3, Associated: 3}
	for c, n := range want {
		if count[c] != n {
			t.Errorf("class %d: %d codes, want %d", c, count[c], n)
		}
	}
	if next != NumInsuranceStates {
		t.Errorf("%d insurance states, want %d", next, NumInsuranceStates)
	}
}

func TestLookup(t *testing.T) {
	for _, tt := range []struct {
		in, code string
		class    Class
		index    int
	}{
		{"fl", "FL", State, 9}, {"Dc", "DC", District, 7}, {"PR", "PR", Territory, 39},
		{"gu", "GU", Territory, -1}, {"AE", "AE", Military, -1}, {"pw", "PW", Associated, -1},
		{"WY", "WY", State, 51}, {"AK", "AK", State, 0},
		{"XX", "", 0, -1}, {"F", "", 0, -1}, {"FLA", "", 0, -1}, {" FL", "", 0, -1}, {"", "", 0, -1},
	} {
		code, class, ok := Lookup(tt.in)
		if code != tt.code || class != tt.class || ok != (tt.code != "") {
			t.Errorf("Lookup(%q) = %q %d %v", tt.in, code, class, ok)
		}
		if got := InsuranceState(tt.in); got != tt.index {
			t.Errorf("InsuranceState(%q) = %d, want %d", tt.in, got, tt.index)
		}
		if tt.index >= 0 && InsuranceStateCode(tt.index) != tt.code {
			t.Errorf("InsuranceStateCode(%d) = %q", tt.index, InsuranceStateCode(tt.index))
		}
	}
	codes, names := InsuranceStateCodes(), InsuranceStateNames()
	for i, c := range codes {
		if InsuranceState(c) != i {
			t.Errorf("InsuranceStateCodes()[%d] = %q", i, c)
		}
	}
	for n, i := range names {
		if InsuranceStateByName(n) != i {
			t.Errorf("InsuranceStateNames()[%q] = %d", n, i)
		}
	}
	if len(names) != NumInsuranceStates+1 {
		t.Errorf("%d names", len(names))
	}
	if InsuranceStateCode(52) != "" || InsuranceStateCode(-1) != "" {
		t.Error("InsuranceStateCode out of range")
	}
	for name, want := range map[string]int{"new york": 34, "district columbia": 7, "washington dc": 7,
		"puerto rico": 39, "guam": -1, "New York": -1, "texas": 44} {
		if got := InsuranceStateByName(name); got != want {
			t.Errorf("InsuranceStateByName(%q) = %d, want %d", name, got, want)
		}
	}
}

// Rule: a ZIP is 12345, 12345-6789 or 123456789; nothing else.
func TestParseZIP(t *testing.T) {
	for _, tt := range []struct {
		in string
		n  int
		ok bool
	}{
		{"33101", 33101, true}, {"00501", 501, true}, {"33101-1234", 33101, true}, {"331011234", 33101, true},
		{"3310", 0, false}, {"331012", 0, false}, {"33101 1234", 0, false}, {"33101-123", 0, false},
		{"3310a", 0, false}, {" 33101", 0, false}, {"33101–1234", 0, false}, {"３３１０１", 0, false},
		{"33101-12345", 0, false}, {"", 0, false}, {"-3310", 0, false},
	} {
		n, ok := ParseZIP(tt.in)
		if n != tt.n || ok != tt.ok {
			t.Errorf("ParseZIP(%q) = %d %v, want %d %v", tt.in, n, ok, tt.n, tt.ok)
		}
	}
}

// FuzzParseZIP: accepted input is exactly one of the three forms, and its
// value is its first five digits.
func FuzzParseZIP(f *testing.F) {
	for _, s := range []string{"33101", "33101-1234", "331011234", "3310", "33101 1234"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := ParseZIP(s)
		digits := func(s string) bool {
			for i := 0; i < len(s); i++ {
				if s[i] < '0' || s[i] > '9' {
					return false
				}
			}
			return true
		}
		want := (len(s) == 5 && digits(s)) || (len(s) == 9 && digits(s)) ||
			(len(s) == 10 && digits(s[:5]) && s[5] == '-' && digits(s[6:]))
		if ok != want {
			t.Fatalf("ParseZIP(%q) ok = %v, want %v", s, ok, want)
		}
		if ok {
			if m, _ := strconv.Atoi(s[:5]); m != n {
				t.Fatalf("ParseZIP(%q) = %d, want %d", s, n, m)
			}
		}
	})
}
