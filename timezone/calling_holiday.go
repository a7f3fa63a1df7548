package timezone

import "time"

// A civil date as a day number: days since 1970-01-01 in the proleptic Gregorian calendar.
// The arithmetic below (after H. Hinnant's days_from_civil) avoids time.Date, which costs
// far more than the holiday rules themselves.

func daysFromCivil(y int, m time.Month, d int) int {
	mm := int(m)
	if mm <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (mm + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func civilFromDays(n int) (int, time.Month, int) {
	n += 719468
	era := n / 146097
	if n < 0 && n%146097 != 0 {
		era--
	}
	doe := n - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, time.Month(m), d
}

// weekdayOf returns the weekday of day number n (1970-01-01 was a Thursday).
func weekdayOf(n int) time.Weekday {
	w := (n + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// civil is a normalized calendar date with its day number and weekday.
type civil struct {
	y  int
	m  time.Month
	d  int
	n  int // day number
	wd time.Weekday
}

// civilDate normalizes y-m-d as time.Date does (month and day may be out of range).
func civilDate(y int, m time.Month, d int) civil {
	// Fold the month into range first; the day is then an offset from the 1st.
	mm := int(m) - 1
	y += mm / 12
	mm %= 12
	if mm < 0 {
		mm += 12
		y--
	}
	n := daysFromCivil(y, time.Month(mm+1), 1) + d - 1
	cy, cm, cd := civilFromDays(n)
	return civil{y: cy, m: cm, d: cd, n: n, wd: weekdayOf(n)}
}

// key is the date as yyyymmdd, ordered like the date (for the years that matter here).
func (c civil) key() int { return c.y*10000 + int(c.m)*100 + c.d }

// nth reports whether the date is the n'th of its weekday in its month (n >= 1).
func (c civil) nth(n int) bool { return (c.d-1)/7 == n-1 }

// fixedObserved reports whether c is month/day in its year (or January 1 of the next
// year, whose Saturday observance falls on December 31) or the day that date is observed
// on: Saturday dates on the Friday before, Sunday dates on the Monday after. Both count,
// the most restrictive reading for calling bans.
func (c civil) fixedObserved(m time.Month, d int) bool {
	for _, y := range [...]int{c.y, c.y + 1} {
		f := daysFromCivil(y, m, d)
		if f == c.n {
			return true
		}
		switch weekdayOf(f) {
		case time.Saturday:
			if f-1 == c.n {
				return true
			}
		case time.Sunday:
			if f+1 == c.n {
				return true
			}
		}
	}
	return false
}

// easter returns the day number of Easter Sunday of year y (Gregorian calendar; the
// anonymous "Meeus/Jones/Butcher" computus).
func easter(y int) int {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return daysFromCivil(y, time.Month(month), day)
}

// federal reports whether c is a federal legal public holiday or its observed day (see
// FederalHoliday).
func (c civil) federal() bool {
	switch {
	case c.fixedObserved(time.January, 1), c.fixedObserved(time.July, 4),
		c.fixedObserved(time.November, 11), c.fixedObserved(time.December, 25):
		return true
	case c.y >= 2021 && c.fixedObserved(time.June, 19):
		return true
	}
	switch {
	case c.m == time.January && c.wd == time.Monday && c.nth(3),
		c.m == time.February && c.wd == time.Monday && c.nth(3),
		c.m == time.May && c.wd == time.Monday && c.d+7 > 31,
		c.m == time.September && c.wd == time.Monday && c.nth(1),
		c.m == time.October && c.wd == time.Monday && c.nth(2),
		c.m == time.November && c.wd == time.Thursday && c.nth(4):
		return true
	}
	return false
}

// stateExtra reports whether c is one of the state's own legal holidays that are not
// federal holidays (see StateHoliday for the lists and their sources).
func (c civil) stateExtra(state string) bool {
	switch state {
	case "AL":
		e := easter(c.y)
		return (c.m == time.April && c.wd == time.Monday && c.nth(4)) || // Confederate Memorial Day
			(c.m == time.June && c.wd == time.Monday && c.nth(1)) || // Jefferson Davis' birthday
			c.n == e-47 // Mardi Gras (Mobile and Baldwin counties: applied statewide)
	case "LA":
		e := easter(c.y)
		return c.n == e-47 || c.n == e-2 // Mardi Gras, Good Friday
	case "PA":
		return c.n == easter(c.y)-2 || // Good Friday
			c.fixedObserved(time.June, 14) || // Flag Day
			(c.m == time.November && c.wd == time.Tuesday && c.d >= 2 && c.d <= 8) // Election Day
	case "RI":
		return c.m == time.August && c.wd == time.Monday && c.nth(2) // Victory Day
	case "UT":
		return c.fixedObserved(time.July, 24) // Pioneer Day
	}
	return false
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
	return civilDate(year, month, day).federal()
}

// StateHoliday reports whether the date is a legal holiday in state (a USPS code, upper
// case) for the calling-hour rules that close on holidays: every federal holiday and
// observed day (FederalHoliday), plus the state's own legal holidays, computed by rule for
// any year:
//
//	AL  Confederate Memorial Day (fourth Monday of April), Jefferson Davis' birthday (first
//	    Monday of June), Mardi Gras (47 days before Easter; a holiday in Mobile and Baldwin
//	    counties only, applied statewide). Ala. Code 1-3-8 (secondary: the state archives'
//	    list).
//	LA  Mardi Gras and Good Friday (2 days before Easter). La. R.S. 1:55 (secondary).
//	PA  Good Friday, Flag Day (June 14) and Election Day (the Tuesday after the first
//	    Monday of November, every year), the holiday list of the telemarketing holiday ban
//	    (secondary).
//	RI  Victory Day (second Monday of August). R.I. Gen. Laws 25-1-1.
//	UT  Pioneer Day (July 24). Utah Code 63G-1-301.
//
// Fixed-date state holidays, like federal ones, count on their date and on the Friday
// before (Saturday dates) or Monday after (Sunday dates). Taking the union of the federal
// and the state calendar is the most restrictive reading where a state does not observe a
// federal holiday. Not included: one-off days a governor or the President proclaims, the
// other states' calendars (no other state rule closes on holidays), and Louisiana's
// parish-only days other than Mardi Gras. Out-of-range days are normalized as by time.Date.
func StateHoliday(state string, year int, month time.Month, day int) bool {
	c := civilDate(year, month, day)
	return c.federal() || c.stateExtra(state)
}
