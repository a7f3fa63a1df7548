package dob

import (
	"time"
)

// Date is a civil date (year, month, day) with no time of day and no time
// zone: a date of birth, or any other calendar date the library handles
// (termination uses it for effective dates and for today).
//
// Date is a small comparable value: use == to compare two dates and use it as
// a map key. The zero Date means "absent"; IsZero reports it. Every non-zero
// Date returned by this package is a real Gregorian date with a year between
// 1 and 9999.
type Date struct {
	year  uint16
	month uint8
	day   uint8
}

// MinYear and MaxYear bound the years a Date can hold. There is no year 0 in
// the Gregorian calendar as written on forms ("0000" is a placeholder, not a
// date), so year 0 is rejected with [ErrCalendar].
const (
	MinYear = 1
	MaxYear = 9999
)

// New returns the Date year-month-day after checking that it exists in the
// Gregorian calendar and that the year is within [MinYear, MaxYear]. It does
// not normalize: New(2023, time.February, 29) is an error, not March 1.
// The error wraps [ErrCalendar].
func New(year int, month time.Month, day int) (Date, error) {
	if !valid(year, int(month), day) {
		return Date{}, newError(kindCalendar, ymdString(year, int(month), day))
	}
	return Date{uint16(year), uint8(month), uint8(day)}, nil
}

// MustNew is like [New] but panics on an invalid date. It is for tests and
// hard-coded constants only.
func MustNew(year int, month time.Month, day int) Date {
	d, err := New(year, month, day)
	if err != nil {
		panic("dob.MustNew: invalid date")
	}
	return d
}

// FromTime returns t's calendar date in t's location (t.Date()). A time whose
// year is outside [MinYear, MaxYear] gives the zero Date.
func FromTime(t time.Time) Date {
	y, m, d := t.Date()
	if y < MinYear || y > MaxYear {
		return Date{}
	}
	return Date{uint16(y), uint8(m), uint8(d)}
}

// Year returns d's year, 0 for the zero Date.
func (d Date) Year() int { return int(d.year) }

// Month returns d's month, 0 for the zero Date.
func (d Date) Month() time.Month { return time.Month(d.month) }

// Day returns d's day of the month, 0 for the zero Date.
func (d Date) Day() int { return int(d.day) }

// IsZero reports whether d is the zero Date (absent).
func (d Date) IsZero() bool { return d == Date{} }

// Compare returns -1 if d is before o, 0 if they are the same day and +1 if
// d is after o. The zero Date sorts before every other date.
func (d Date) Compare(o Date) int {
	a, b := d.key(), o.key()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is strictly before o.
func (d Date) Before(o Date) bool { return d.key() < o.key() }

// After reports whether d is strictly after o.
func (d Date) After(o Date) bool { return d.key() > o.key() }

func (d Date) key() uint32 {
	return uint32(d.year)<<16 | uint32(d.month)<<8 | uint32(d.day)
}

// AgeOn returns the age in whole years, on the day today, of a person born
// on d: the number of birthdays passed, counting the birthday itself. It
// returns 0 when today is before d (check that with [Date.CheckOn]) and 0
// when either date is zero.
//
// A person born on February 29 becomes a year older on March 1 in a common
// year (on February 29 in a leap year): their age increases on the first day
// on which a full year has elapsed. No US statute settles this in general;
// March 1 is the reading legal commentators give for the US and the rule
// written into law in the UK and Hong Kong. Note the difference from
// [Date.AddYears], which clamps February 29 to February 28: that is the
// anniversary arithmetic of dates (used by the one-year termination rule),
// not the age of a person.
func (d Date) AgeOn(today Date) int {
	if d.IsZero() || today.IsZero() || today.Before(d) {
		return 0
	}
	age := int(today.year) - int(d.year)
	if today.month < d.month || (today.month == d.month && today.day < d.day) {
		age--
	}
	return age
}

// AddYears returns the same month and day n years later (earlier for a
// negative n). February 29 becomes February 28 when the target year is not a
// leap year, as Java's LocalDate.plusYears and PostgreSQL's
// date + interval '1 year' do (Go's time.AddDate would give March 1). A
// result whose year falls outside [MinYear, MaxYear], or a zero d, gives the
// zero Date.
func (d Date) AddYears(n int) Date {
	if d.IsZero() {
		return Date{}
	}
	// Bound n before adding so that the sum cannot overflow.
	if n < -MaxYear || n > MaxYear {
		return Date{}
	}
	y := int(d.year) + n
	if y < MinYear || y > MaxYear {
		return Date{}
	}
	day := d.day
	if d.month == 2 && day == 29 && !isLeap(y) {
		day = 28
	}
	return Date{uint16(y), d.month, day}
}

// String returns d as YYYY-MM-DD, the canonical form that [ParseISO] reads
// back, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	var b [10]byte
	return string(d.appendISO(b[:0]))
}

// AppendText appends the YYYY-MM-DD form of d to b (nothing for the zero
// Date). It implements encoding.TextAppender.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.IsZero() {
		return b, nil
	}
	return d.appendISO(b), nil
}

// MarshalText implements encoding.TextMarshaler: YYYY-MM-DD, or empty text
// for the zero Date.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return d.appendISO(make([]byte, 0, 10)), nil
}

// UnmarshalText implements encoding.TextUnmarshaler. It reads the form
// MarshalText writes, with [ParseISO]; empty text gives the zero Date. On
// error d is set to the zero Date, as in the library's other value types
// (and net/netip), so a failed decode never leaves a stale date behind.
func (d *Date) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseISO(string(text))
	*d = v
	return err
}

func (d Date) appendISO(b []byte) []byte {
	y := d.year
	return append(b,
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+d.month/10), byte('0'+d.month%10), '-',
		byte('0'+d.day/10), byte('0'+d.day%10))
}

func isLeap(y int) bool {
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

// daysIn returns the number of days in month m of year y (m in 1..12).
func daysIn(y, m int) int {
	switch m {
	case 2:
		if isLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func valid(y, m, d int) bool {
	return y >= MinYear && y <= MaxYear && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)
}
