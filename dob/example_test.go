package dob_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/carecycle/carerules/dob"
)

func ExampleParse() {
	a, _ := dob.Parse("07/04/1976")
	b, _ := dob.Parse("07-04-1976")
	c, _ := dob.Parse("07-04/1976") // mixed separators match the documented pattern
	fmt.Println(a, a == b, b == c)

	_, err := dob.Parse("02/29/2023")
	var e *dob.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code(), e.Field(), errors.Is(err, dob.ErrCalendar))
		fmt.Println(err) // never the date itself
	}
	// Output:
	// 1976-07-04 true true
	// dob_calendar dateOfBirth true
	// dob: date does not exist in the calendar (dateOfBirth, code dob_calendar)
}

func ExampleDate_CheckOn() {
	today := dob.MustNew(2026, time.June, 15)
	for _, s := range []string{"06/15/2026", "06/16/2026", "06/15/1896", "06/15/1895"} {
		d, _ := dob.Parse(s)
		err := d.CheckOn(today)
		var e *dob.Error
		if errors.As(err, &e) {
			fmt.Println(d, e.Code())
			continue
		}
		fmt.Println(d, "ok, age", d.AgeOn(today))
	}
	// Output:
	// 2026-06-15 ok, age 0
	// 2026-06-16 dob_future
	// 1896-06-15 ok, age 130
	// 1895-06-15 dob_implausible
}

func ExampleDate_AgeOn() {
	leapling := dob.MustNew(2004, time.February, 29)
	for _, d := range []string{"2025-02-28", "2025-03-01", "2028-02-29"} {
		fmt.Println(d, leapling.AgeOn(dob.MustParseISO(d)))
	}
	// Output:
	// 2025-02-28 20
	// 2025-03-01 21
	// 2028-02-29 24
}

func ExampleDate_AddYears() {
	d := dob.MustNew(2024, time.February, 29)
	fmt.Println(d.AddYears(1), d.AddYears(4))
	// Output: 2025-02-28 2028-02-29
}

func ExampleParseISO() {
	d, err := dob.ParseISO("1990-01-02")
	fmt.Println(d.Year(), d.Month(), d.Day(), err)
	// Output: 1990 January 2 <nil>
}
