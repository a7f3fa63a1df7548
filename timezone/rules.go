package timezone

import (
	"strings"
	"time"
)

// span is a local time-of-day interval [from, to) in minutes after midnight; it is closed
// (no contact) when from >= to.
type span struct{ from, to int16 }

func (s span) open() bool { return s.from < s.to }

func (s span) and(o span) span { return span{max(s.from, o.from), min(s.to, o.to)} }

func hm(h, m int) int16 { return int16(h*60 + m) }

var (
	federal = span{hm(8, 0), hm(21, 0)} // 47 CFR 64.1200(c)(1)
	closed  = span{}
)

// Reference clocks besides the called party's local time.
const (
	refLocal   = iota
	refCST     // fixed UTC-6, "Central Standard Time" all year
	refChicago // America/Chicago, "Central Time"
)

// stateRule narrows the federal window for one state.
type stateRule struct {
	state    string
	days     [7]span // by time.Weekday, local time; each is intersected with federal
	holidays bool    // whether holidays change the day's span
	holiday  span    // the span on a holiday (intersected with days[weekday])
	ref      int     // refLocal, refCST or refChicago: the span also holds on that clock
}

// every returns the same span for all seven days.
func every(s span) [7]span { return [7]span{s, s, s, s, s, s, s} }

// monSat returns s Monday to Saturday and sun on Sunday.
func monSat(s, sun span) [7]span { return [7]span{sun, s, s, s, s, s, s} }

// stateRules are the state calling-hour rules of reference/zip_tz_phone.md §c.2, sorted by
// state. This is not legal advice; counsel should confirm the table before go-live. Every
// rule applies to every marketing call or text: the library does not model call types, so
// rules written for automated or prerecorded calls (AL, NE, OK ADAD) are applied to all
// contacts, the most restrictive reading. Rules are applied on every date, also before
// their effective date (stricter, so harmless for compliance). Not modelled: frequency caps
// (FL, OK, MD: 3 calls per 24 h; ME), Louisiana's ban during a governor-declared emergency
// (a host must block contact itself), and Canada's CRTC hours.
var stateRules = [...]*stateRule{
	// Alabama: automated solicitation only 8 a.m.-8 p.m., no Sundays or holidays.
	// Ala. Admin. Code r. 770-X-5-.17(1)(b) (PSC rule; whether it reaches beyond telephone
	// utilities is disputed, compliance vendors apply it to everyone).
	{state: "AL", days: monSat(span{hm(8, 0), hm(20, 0)}, closed), holidays: true, holiday: closed},
	// Connecticut: 9 a.m.-8 p.m. Conn. Gen. Stat. 42-288a as amended by PA 23-98
	// (SB 1058), effective 2023-10-01. The hours come from secondary charts (dropcowboy
	// 2025-11, g2leadstosales).
	{state: "CT", days: every(span{hm(9, 0), hm(20, 0)})},
	// Florida: 8 a.m.-8 p.m. in the called person's time zone. Fla. Stat. 501.616(6)(a),
	// amended by SB 1120, effective 2021-07-01.
	{state: "FL", days: every(span{hm(8, 0), hm(20, 0)})},
	// Kentucky: 10 a.m.-9 p.m. KRS 367.46955 (cite from memory). UNVERIFIED: secondary
	// charts only.
	{state: "KY", days: every(span{hm(10, 0), hm(21, 0)})},
	// Louisiana: 8 a.m.-8 p.m. Monday to Saturday, no Sundays or state holidays.
	// La. R.S. 45:811; LPSC General Order R-29617 §V(A)(2). Also no solicitation during a
	// governor-declared state of emergency (R.S. 45:844.31): not modelled.
	{state: "LA", days: monSat(span{hm(8, 0), hm(20, 0)}, closed), holidays: true, holiday: closed},
	// Massachusetts: 8 a.m.-8 p.m. M.G.L. c.159C. UNVERIFIED: secondary charts only.
	{state: "MA", days: every(span{hm(8, 0), hm(20, 0)})},
	// Maryland: 8 a.m.-8 p.m. Stop the Spam Calls Act of 2023 (SB 90), Md. Com. Law
	// 14-4501 ff, effective 2024-01-01.
	{state: "MD", days: every(span{hm(8, 0), hm(20, 0)})},
	// Michigan: 9 a.m.-9 p.m. MCL 445.111b. UNVERIFIED: secondary charts only.
	{state: "MI", days: every(span{hm(9, 0), hm(21, 0)})},
	// Minnesota: 9 a.m.-9 p.m. Minn. Stat. 325E.27. UNVERIFIED: secondary charts only.
	{state: "MN", days: every(span{hm(9, 0), hm(21, 0)})},
	// Mississippi: 8 a.m.-8 p.m. "Central Standard Time", no Sunday calls. Miss. Code
	// 77-3-723 (its hours also cover solicitors exempt from the Act, such as licensed
	// insurance agents). The holiday ban ended with the PSC rules' repeal after HB 1225
	// (2023). Conservative reading: the window holds both in local time and in fixed CST, so
	// in summer it is 9 a.m.-8 p.m. CDT.
	{state: "MS", days: monSat(span{hm(8, 0), hm(20, 0)}, closed), ref: refCST},
	// Nebraska: prerecorded messages on Sundays and holidays only 1-9 p.m. Neb. Admin. Code
	// T.291 Ch.11 §3 (from the clickpoint help center).
	{state: "NE", days: monSat(federal, span{hm(13, 0), hm(21, 0)}), holidays: true, holiday: span{hm(13, 0), hm(21, 0)}},
	// New Mexico: 9 a.m.-9 p.m. NMSA 57-12-22. UNVERIFIED: secondary charts only.
	{state: "NM", days: every(span{hm(9, 0), hm(21, 0)})},
	// Nevada: 9 a.m.-8 p.m. NRS 228.590 ff. UNVERIFIED: one secondary chart.
	{state: "NV", days: every(span{hm(9, 0), hm(20, 0)})},
	// Oklahoma: 8 a.m.-8 p.m., Telephone Solicitation Act of 2022, 15 O.S. 775C.1 ff
	// (HB 3168), effective 2022-11-01; intersected with the automatic dial-announcing device
	// hours 9 a.m.-9 p.m., 15 O.S. 755.1(C)(2): 9 a.m.-8 p.m.
	{state: "OK", days: every(span{hm(9, 0), hm(20, 0)})},
	// Pennsylvania: on the holiday-restricted lists, no holiday calls. 73 P.S. 2241 ff.
	// UNVERIFIED: the chart row is garbled ("Sat 8am-12pm"?); no Saturday limit is applied.
	{state: "PA", days: every(federal), holidays: true, holiday: closed},
	// Rhode Island: Monday to Friday 9 a.m.-6 p.m., Saturday 10 a.m.-5 p.m., no Sundays or
	// state/federal holidays. R.I. Gen. Laws 5-61-3.6 and 5-61-2.
	{state: "RI", days: [7]span{closed, {hm(9, 0), hm(18, 0)}, {hm(9, 0), hm(18, 0)}, {hm(9, 0), hm(18, 0)},
		{hm(9, 0), hm(18, 0)}, {hm(9, 0), hm(18, 0)}, {hm(10, 0), hm(17, 0)}}, holidays: true, holiday: closed},
	// Texas: Monday to Saturday 9 a.m.-9 p.m., Sunday noon-9 p.m. Tex. Bus. & Com. Code
	// 301.051. UNVERIFIED (from memory; one source says "9-9 Central Time"): the window is
	// held both in local time and in Central time, so El Paso (Mountain) gets 9 a.m.-8 p.m.
	{state: "TX", days: monSat(span{hm(9, 0), hm(21, 0)}, span{hm(12, 0), hm(21, 0)}), ref: refChicago},
	// Utah: without prior express consent not 9 p.m.-8 a.m., not on Sunday, not on a legal
	// holiday. Utah Code 13-25a-103(3) (FindLaw, current as of 2025-01-01).
	{state: "UT", days: monSat(federal, closed), holidays: true, holiday: closed},
	// Washington: commercial telephone solicitation only 8 a.m.-8 p.m. at the recipient's
	// local time. RCW 19.158.040(2) (2002); also RCW 80.36.390.
	{state: "WA", days: every(span{hm(8, 0), hm(20, 0)})},
}

func ruleFor(code string) *stateRule {
	for _, r := range stateRules {
		if r.state == code {
			return r
		}
	}
	return nil
}

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

// FederalHoliday reports whether the date is a US federal legal public holiday
// (5 U.S.C. 6103: New Year's Day, Birthday of Martin Luther King Jr. (third Monday of
// January), Washington's Birthday (third Monday of February), Memorial Day (last Monday of
// May), Juneteenth (June 19, from 2021), Independence Day, Labor Day (first Monday of
// September), Columbus Day (second Monday of October), Veterans Day (November 11),
// Thanksgiving (fourth Thursday of November), Christmas Day) or the day it is observed on
// when it falls on a weekend (Saturday: the Friday before; Sunday: the Monday after). Both
// the holiday and its observed day count, the most restrictive reading for calling-hour
// bans. Inauguration Day is not included. The Monday rules are those in force since 1971.
// Out-of-range days are normalized as by time.Date.
func FederalHoliday(year int, month time.Month, day int) bool {
	t := time.Date(year, month, day, 12, 0, 0, 0, time.UTC)
	y, m, d := t.Date()
	wd := t.Weekday()
	fixed := func(fm time.Month, fd int) bool {
		for _, fy := range [...]int{y - 1, y, y + 1} { // New Year's Day may be observed on Dec 31
			f := time.Date(fy, fm, fd, 12, 0, 0, 0, time.UTC)
			obs := f
			switch f.Weekday() {
			case time.Saturday:
				obs = f.AddDate(0, 0, -1)
			case time.Sunday:
				obs = f.AddDate(0, 0, 1)
			}
			if f.Equal(t) || obs.Equal(t) {
				return true
			}
		}
		return false
	}
	nth := func(n int) bool { return (d-1)/7 == n-1 } // the n'th such weekday of the month
	switch {
	case fixed(time.January, 1), fixed(time.July, 4), fixed(time.November, 11), fixed(time.December, 25):
		return true
	case y >= 2021 && fixed(time.June, 19):
		return true
	}
	switch {
	case m == time.January && wd == time.Monday && nth(3),
		m == time.February && wd == time.Monday && nth(3),
		m == time.May && wd == time.Monday && d+7 > 31,
		m == time.September && wd == time.Monday && nth(1),
		m == time.October && wd == time.Monday && nth(2),
		m == time.November && wd == time.Thursday && nth(4):
		return true
	}
	return false
}
