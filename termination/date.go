package termination

import (
	"github.com/carecycle/carerules/internal/digits"
	"github.com/carecycle/carerules/internal/field"
	"strings"
	"time"

	"github.com/carecycle/carerules/dob"
)

// dateResult is the outcome of parseDate, without allocation.
type dateResult uint8

const (
	dateOK dateResult = iota
	dateEmpty
	dateTooLong
	dateFormat
	dateCalendar
)

// ParseEffectiveDate parses a policy's effectiveDate as the API stores it.
// After trimming surrounding white space it accepts exactly:
//
//   - YYYY-MM-DD                         2024-02-29
//   - MM/DD/YYYY and M/D/YYYY            02/29/2024, 2/29/2024, 2/09/2024
//   - MM-DD-YYYY (two-digit fields only) 02-29-2024
//   - an RFC 3339 date-time              2024-02-29T23:30:00-05:00
//
// An RFC 3339 date-time gives its calendar date as written, not converted to
// any zone: 2024-02-29T23:30:00-05:00 is February 29 although it is March 1
// in UTC. Its time must be valid RFC 3339 (T or t, HH:MM:SS, optional
// fraction, Z or z or a ±HH:MM offset). Slash dates are always month first:
// DD/MM is never read, so 13/01/2024 is an error, not January 13. Mixed
// separators (01-02/2024) are errors. A month outside 01-12 (13/01/2024,
// 2024-13-01) does not fit any accepted form: [ErrDateFormat], code
// effective_date_format; a day the month does not have (02/30/2024,
// 2023-02-29) is [ErrDateCalendar], code effective_date_calendar.
//
// Errors wrap [ErrEmpty], [ErrTooLong] (over [MaxInputLen] characters in
// UTF-16 code units, checked first), [ErrInvalidString] (invalid UTF-8 or a
// control character, never repaired), [ErrDateFormat] or [ErrDateCalendar] (no such day, e.g. 2023-02-29
// or year 0000), with field path "effectiveDate".
func ParseEffectiveDate(s string) (dob.Date, error) {
	d, r := parseDate(s)
	switch r {
	case dateOK:
		return d, nil
	case dateEmpty:
		return dob.Date{}, newError(kindDateEmpty, s)
	case dateTooLong:
		return dob.Date{}, &Error{field.TooLongCore(kindDateTooLong, s)}
	case dateCalendar:
		return dob.Date{}, newError(kindDateCalendar, s)
	}
	return dob.Date{}, newSyntaxError(kindDateFormat, kindDateInvalid, s, strings.TrimSpace(s))
}

func parseDate(s string) (dob.Date, dateResult) {
	if field.TooLong(s) {
		return dob.Date{}, dateTooLong
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return dob.Date{}, dateEmpty
	}
	var y, m, d int
	switch {
	case len(t) >= 10 && t[4] == '-' && t[7] == '-':
		// YYYY-MM-DD, possibly followed by an RFC 3339 time.
		var ok1, ok2, ok3 bool
		y, ok1 = digits.Parse(t[0:4])
		m, ok2 = digits.Parse(t[5:7])
		d, ok3 = digits.Parse(t[8:10])
		if !ok1 || !ok2 || !ok3 || (len(t) > 10 && !rfc3339Time(t[10:])) {
			return dob.Date{}, dateFormat
		}
	case len(t) == 10 && t[2] == '-' && t[5] == '-':
		// MM-DD-YYYY.
		var ok1, ok2, ok3 bool
		m, ok1 = digits.Parse(t[0:2])
		d, ok2 = digits.Parse(t[3:5])
		y, ok3 = digits.Parse(t[6:10])
		if !ok1 || !ok2 || !ok3 {
			return dob.Date{}, dateFormat
		}
	default:
		// M/D/YYYY with one or two digits for month and day.
		i := strings.IndexByte(t, '/')
		if i < 1 || i > 2 {
			return dob.Date{}, dateFormat
		}
		rest := t[i+1:]
		j := strings.IndexByte(rest, '/')
		if j < 1 || j > 2 || len(rest)-j-1 != 4 {
			return dob.Date{}, dateFormat
		}
		var ok1, ok2, ok3 bool
		m, ok1 = digits.Parse(t[:i])
		d, ok2 = digits.Parse(rest[:j])
		y, ok3 = digits.Parse(rest[j+1:])
		if !ok1 || !ok2 || !ok3 {
			return dob.Date{}, dateFormat
		}
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return dob.Date{}, dateFormat
	}
	date, err := dob.New(y, time.Month(m), d)
	if err != nil {
		return dob.Date{}, dateCalendar
	}
	return date, dateOK
}

// rfc3339Time reports whether s is the part of an RFC 3339 date-time after
// the full-date: "T" partial-time time-offset.
func rfc3339Time(s string) bool {
	// T HH:MM:SS is 9 bytes, the shortest offset "Z" one more.
	if len(s) < 10 || (s[0] != 'T' && s[0] != 't') || s[3] != ':' || s[6] != ':' {
		return false
	}
	hh, ok1 := digits.Parse(s[1:3])
	mm, ok2 := digits.Parse(s[4:6])
	ss, ok3 := digits.Parse(s[7:9])
	if !ok1 || !ok2 || !ok3 || hh > 23 || mm > 59 || ss > 60 { // 60: leap second
		return false
	}
	s = s[9:]
	if s[0] == '.' {
		n := 1
		for n < len(s) && s[n] >= '0' && s[n] <= '9' {
			n++
		}
		if n == 1 || n == len(s) {
			return false
		}
		s = s[n:]
	}
	switch s[0] {
	case 'Z', 'z':
		return len(s) == 1
	case '+', '-':
		if len(s) != 6 || s[3] != ':' {
			return false
		}
		oh, ok1 := digits.Parse(s[1:3])
		om, ok2 := digits.Parse(s[4:6])
		return ok1 && ok2 && oh <= 23 && om <= 59
	}
	return false
}

// Today returns today's civil date: clock()'s calendar date in loc. A nil
// loc means UTC. A nil clock gives the zero dob.Date, which [Decide]
// rejects with [ErrNoToday]: the wall clock is never read implicitly. In
// production pass time.Now; in tests pass a fixed clock.
func Today(clock func() time.Time, loc *time.Location) dob.Date {
	if clock == nil {
		return dob.Date{}
	}
	if loc == nil {
		loc = time.UTC
	}
	return dob.FromTime(clock().In(loc))
}
