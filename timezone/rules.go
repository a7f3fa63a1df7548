package timezone

import (
	"strings"

	"github.com/carecycle/carerules/internal/usaddr"
)

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

// stateCode returns the upper-case USPS code of s (two ASCII letters, any case): the 50
// states, DC, the territories (PR, VI, GU, AS, MP), the military "states" (AA, AE, AP) and
// the freely associated states (FM, MH, PW), from the library's one state table.
func stateCode(s string) (string, bool) {
	c, _, ok := usaddr.Lookup(s)
	return c, ok
}

// IsState reports whether s (trimmed, any case) is a USPS code ContactWindow accepts.
func IsState(s string) bool {
	_, ok := stateCode(strings.TrimSpace(s))
	return ok
}
