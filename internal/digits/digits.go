// Package digits is the library's one scanner of short runs of ASCII
// digits, shared by the date parsers (a date of birth, a policy's effective
// date, the time of an RFC 3339 date-time).
package digits

// Parse returns the value of s when s is 1 to 4 ASCII digits ('0' to '9'
// only: no sign, no space, no other script's digits). The 2- and 4-digit
// fields of a date take a branch-free path.
func Parse(s string) (int, bool) {
	switch len(s) {
	case 2:
		a, b := s[0]-'0', s[1]-'0'
		return int(a)*10 + int(b), a <= 9 && b <= 9
	case 4:
		a, b, c, d := s[0]-'0', s[1]-'0', s[2]-'0', s[3]-'0'
		return int(a)*1000 + int(b)*100 + int(c)*10 + int(d), a <= 9 && b <= 9 && c <= 9 && d <= 9
	case 1, 3:
		n := 0
		for i := 0; i < len(s); i++ {
			c := s[i] - '0'
			if c > 9 {
				return 0, false
			}
			n = n*10 + int(c)
		}
		return n, true
	}
	return 0, false
}
