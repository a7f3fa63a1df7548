package dob

import (
	"strconv"
	"strings"

	"github.com/carecycle/carerules/internal/digits"
	"github.com/carecycle/carerules/internal/field"
)

// Parse parses a date of birth in the API's documented form, MM-DD-YYYY or
// MM/DD/YYYY. The syntax is exactly the pattern the API documents,
//
//	^(0[1-9]|1[0-2])[-/](0[1-9]|[12]\d|3[01])[-/]\d{4}$
//
// applied after trimming surrounding white space (ASCII and Unicode). The
// pattern allows each separator independently, so mixed separators such as
// "01-02/1990" are accepted, as the API accepts them. Two-digit month and
// day are required ("1/2/1990" is a format error).
//
// The date must then exist: no 02/30, no 02/29 in a common year (1900 and
// 2100 are common years), and no year 0000, which the pattern's \d{4}
// admits but which is a placeholder, not a year (see [MinYear]).
//
// Parse does not compare the date with today; use [Date.CheckOn].
//
// Errors are [*Error] values wrapping [ErrTooLong] (input over
// [MaxInputLen] characters in UTF-16 code units, checked before anything
// else), [ErrEmpty] (empty or white space only), [ErrInvalidString]
// (invalid UTF-8 or U+0000, never repaired), [ErrFormat] (pattern not
// matched) or [ErrCalendar] (no such day). A valid input allocates nothing.
func Parse(s string) (Date, error) {
	if field.TooLong(s) {
		return Date{}, &Error{field.TooLongCore(kindTooLong, s)}
	}
	t := strings.TrimSpace(s)
	if len(t) != 10 {
		if len(t) == 0 {
			return Date{}, newError(kindEmpty, s)
		}
		return Date{}, newFormatError(kindFormat, s)
	}
	m, ok1 := digits.Two(t[0:2])
	d, ok2 := digits.Two(t[3:5])
	y, ok3 := digits.Four(t[6:10])
	if !ok1 || !ok2 || !ok3 || !isSep(t[2]) || !isSep(t[5]) ||
		m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, newFormatError(kindFormat, s)
	}
	if y < MinYear || d > daysIn(y, m) {
		return Date{}, newError(kindCalendar, s)
	}
	return Date{uint16(y), uint8(m), uint8(d)}, nil
}

// ParseISO parses the canonical form YYYY-MM-DD that [Date.String] writes
// (the form a host stores), after trimming surrounding white space. It
// accepts nothing else: no other separator, no time of day, no sign, exactly
// four year digits and two month and day digits. The errors are those of
// [Parse], with "YYYY-MM-DD" as the expected form.
func ParseISO(s string) (Date, error) {
	if field.TooLong(s) {
		return Date{}, &Error{field.TooLongCore(kindTooLong, s)}
	}
	t := strings.TrimSpace(s)
	if len(t) != 10 {
		if len(t) == 0 {
			return Date{}, newError(kindEmptyISO, s)
		}
		return Date{}, newFormatError(kindFormatISO, s)
	}
	y, ok1 := digits.Four(t[0:4])
	m, ok2 := digits.Two(t[5:7])
	d, ok3 := digits.Two(t[8:10])
	if !ok1 || !ok2 || !ok3 || t[4] != '-' || t[7] != '-' ||
		m < 1 || m > 12 || d < 1 || d > 31 {
		return Date{}, newFormatError(kindFormatISO, s)
	}
	if y < MinYear || d > daysIn(y, m) {
		return Date{}, newError(kindCalendar, s)
	}
	return Date{uint16(y), uint8(m), uint8(d)}, nil
}

// MustParseISO is like [ParseISO] but panics on error. It is for tests and
// hard-coded constants only.
func MustParseISO(s string) Date {
	d, err := ParseISO(s)
	if err != nil {
		panic("dob.MustParseISO: invalid date")
	}
	return d
}

// CheckOn checks d against an explicit today, never the wall clock: d must
// not be after today (d == today, a birth today, is fine) and the age on
// today, as [Date.AgeOn] counts it, must be at most [MaxAge] (130 is fine,
// 131 is not). The errors wrap [ErrFuture] and [ErrImplausible]; a zero d
// gives [ErrEmpty] and a zero today [ErrNoToday].
func (d Date) CheckOn(today Date) error {
	switch {
	case today.IsZero():
		return newError(kindNoToday, d.String())
	case d.IsZero():
		return newError(kindEmpty, "")
	case d.After(today):
		return newError(kindFuture, d.String())
	case d.AgeOn(today) > MaxAge:
		return newError(kindImplausible, d.String())
	}
	return nil
}

func isSep(c byte) bool { return c == '-' || c == '/' }

// received for New's errors, built only on the error path.
func ymdString(y, m, d int) string {
	return strconv.Itoa(y) + "-" + strconv.Itoa(m) + "-" + strconv.Itoa(d)
}
