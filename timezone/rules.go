package timezone

import "strings"

// span is a local time-of-day interval [from, to) in minutes after midnight; it is closed
// (no contact) when from >= to.
type span struct{ from, to int16 }

func (s span) open() bool { return s.from < s.to }

func (s span) and(o span) span { return span{max(s.from, o.from), min(s.to, o.to)} }

func hm(h, m int) int16 { return int16(h*60 + m) }

var (
	federal = span{hm(8, 0), hm(21, 0)} // 47 CFR 64.1200(c)(1): 8 a.m.-9 p.m. local
	closed  = span{}
)

// usps are the USPS codes accepted as a state: the 50 states, DC, the territories
// (PR, VI, GU, AS, MP), the military "states" (AA, AE, AP) and the freely associated
// states (FM, MH, PW), sorted.
const usps = "AAAEAKALAPARASAZCACOCTDCDEFLFMGAGUHIIAIDILINKSKYLAMAMDMEMHMIMNMOMPMSMTNCNDNENHNJNMNVNYOHOKORPAPRPWRISCSDTNTXUTVAVIVTWAWIWVWY"

// stateCode returns the upper-case USPS code of s (two ASCII letters, any case).
func stateCode(s string) (string, bool) {
	if len(s) != 2 {
		return "", false
	}
	b := [2]byte{s[0], s[1]}
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	for i := 0; i < len(usps); i += 2 {
		if usps[i] == b[0] && usps[i+1] == b[1] {
			return usps[i : i+2], true
		}
	}
	return "", false
}

// IsState reports whether s (trimmed, any case) is a USPS code ContactWindow accepts.
func IsState(s string) bool {
	_, ok := stateCode(strings.TrimSpace(s))
	return ok
}
