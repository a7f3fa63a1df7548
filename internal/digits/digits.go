// Package digits is the library's one scanner of short runs of ASCII
// digits, shared by the date parsers (a date of birth, a policy's effective
// date, the time of an RFC 3339 date-time).
package digits

// Parse returns the value of s when s is 1 to 4 ASCII digits ('0' to '9'
// only: no sign, no space, no other script's digits).
func Parse(s string) (int, bool) {
	switch len(s) {
	case 1:
		c := s[0] - '0'
		return int(c), c <= 9
	case 2:
		return Two(s)
	case 3:
		n, ok := Two(s[1:])
		c := s[0] - '0'
		return int(c)*100 + n, ok && c <= 9
	case 4:
		return Four(s)
	}
	return 0, false
}

// Two is [Parse] for s of exactly two bytes, the month and day of a date;
// it is small enough to be inlined. It panics if len(s) < 2.
func Two(s string) (int, bool) {
	a, b := s[0]-'0', s[1]-'0'
	return int(a)*10 + int(b), a <= 9 && b <= 9 && len(s) == 2
}

// Four is [Parse] for s of exactly four bytes, the year of a date; it is
// small enough to be inlined. It panics if len(s) < 4.
func Four(s string) (int, bool) {
	a, b, c, d := s[0]-'0', s[1]-'0', s[2]-'0', s[3]-'0'
	return int(a)*1000 + int(b)*100 + int(c)*10 + int(d), a <= 9 && b <= 9 && c <= 9 && d <= 9 && len(s) == 4
}
