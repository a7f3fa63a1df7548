package timezone

import "time"

// slowFederalHoliday is the time.Date implementation FederalHoliday had before the
// day-number arithmetic, kept as the reference the fast one is checked against.
func slowFederalHoliday(year int, month time.Month, day int) bool {
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
	nth := func(n int) bool { return (d-1)/7 == n-1 }
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

// slowStateHoliday restates StateHoliday with time.Date and the computus written out
// differently (Butcher's algorithm via time.AddDate), for the differential test.
func slowStateHoliday(state string, year int, month time.Month, day int) bool {
	t := time.Date(year, month, day, 12, 0, 0, 0, time.UTC)
	if slowFederalHoliday(year, month, day) {
		return true
	}
	y, m, d := t.Date()
	wd := t.Weekday()
	easter := slowEaster(y)
	same := func(u time.Time) bool { return u.Equal(t) }
	observed := func(fm time.Month, fd int) bool {
		f := time.Date(y, fm, fd, 12, 0, 0, 0, time.UTC)
		switch f.Weekday() {
		case time.Saturday:
			return same(f) || same(f.AddDate(0, 0, -1))
		case time.Sunday:
			return same(f) || same(f.AddDate(0, 0, 1))
		}
		return same(f)
	}
	switch state {
	case "AL":
		return (m == time.April && wd == time.Monday && d >= 22 && d <= 28) ||
			(m == time.June && wd == time.Monday && d <= 7) ||
			same(easter.AddDate(0, 0, -47))
	case "LA":
		return same(easter.AddDate(0, 0, -47)) || same(easter.AddDate(0, 0, -2))
	case "PA":
		return same(easter.AddDate(0, 0, -2)) || observed(time.June, 14) ||
			(m == time.November && wd == time.Tuesday && d >= 2 && d <= 8)
	case "RI":
		return m == time.August && wd == time.Monday && d >= 8 && d <= 14
	case "UT":
		return observed(time.July, 24)
	}
	return false
}

// slowEaster: the Gauss algorithm with its two Gregorian exceptions, noon UTC.
func slowEaster(y int) time.Time {
	a, b, c := y%19, y%4, y%7
	k := y / 100
	p := (13 + 8*k) / 25
	q := k / 4
	M := (15 - p + k - q) % 30
	N := (4 + k - q) % 7
	d := (19*a + M) % 30
	e := (2*b + 4*c + 6*d + N) % 7
	day := 22 + d + e // in March; may run into April
	if d == 29 && e == 6 {
		day = 50 // April 19
	} else if d == 28 && e == 6 && (11*M+11)%30 < 19 {
		day = 49 // April 18
	}
	return time.Date(y, time.March, day, 12, 0, 0, 0, time.UTC)
}
