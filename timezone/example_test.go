package timezone_test

import (
	"errors"
	"fmt"
	"time"
	_ "time/tzdata" // a program's main (here: the example) decides to embed zone data

	"github.com/carecycle/carerules/timezone"
)

func ExampleParse() {
	for _, s := range []string{"America/New_York", "us/eastern", "EST", "Arizona", "ChST"} {
		z, err := timezone.Parse(s)
		fmt.Println(s, "->", z, err)
	}
	_, err := timezone.Parse("Eastern Standard Time")
	var e *timezone.Error
	if errors.As(err, &e) {
		fmt.Println(e.Field(), e.Code())
	}
	// Output:
	// America/New_York -> America/New_York <nil>
	// us/eastern -> America/New_York <nil>
	// EST -> America/New_York <nil>
	// Arizona -> America/Phoenix <nil>
	// ChST -> Pacific/Guam <nil>
	// timezone timezone_unknown
}

func ExampleForPostalCode() {
	for _, zip := range []string{"46320", "47586-1234", "97914", "96201", "00000"} {
		z, err := timezone.ForPostalCode(zip)
		if err != nil {
			var e *timezone.Error
			errors.As(err, &e)
			fmt.Println(zip, "->", e.Code())
			continue
		}
		fmt.Println(zip, "->", z)
	}
	// Output:
	// 46320 -> America/Chicago
	// 47586-1234 -> America/Indiana/Tell_City
	// 97914 -> America/Boise
	// 96201 -> postal_code_military
	// 00000 -> postal_code_unknown
}

func ExampleForPostalCode_ambiguous() {
	z, err := timezone.ForPostalCode("86004") // Flagstaff city and Navajo chapters
	fmt.Println(z, errors.Is(err, timezone.ErrAmbiguousPostalCode))
	c, _ := timezone.PostalCandidates("86004")
	fmt.Println(c)
	// Output:
	// America/Denver true
	// America/Denver, America/Phoenix
}

func ExampleResolve() {
	r, _ := timezone.Resolve("PST", "10001")
	fmt.Println(r.Zone, r.Source, "mismatch:", r.Mismatch)

	r, _ = timezone.Resolve("", "57601") // Mobridge SD, on the Mountain/Central line
	fmt.Println(r.Zone, r.Source, "candidates:", r.Candidates)

	_, err := timezone.Resolve("", "")
	var e *timezone.Error
	errors.As(err, &e)
	fmt.Println(e.Code())
	// Output:
	// America/Los_Angeles timezone mismatch: true
	// America/Denver postalCode candidates: America/Denver, America/Chicago
	// timezone_or_postal_code_required
}

func ExampleMayContact() {
	z := timezone.MustParse("America/Chicago")
	now := time.Date(2025, time.July, 6, 10, 0, 0, 0, time.UTC) // Sunday 05:00 CDT
	ok, next := timezone.MayContact(now, z, "TX")               // Texas: Sunday noon-9pm
	fmt.Println(ok, next.In(time.FixedZone("CDT", -5*3600)).Format(time.DateTime))
	// Output:
	// false 2025-07-06 12:00:00
}

func ExampleCandidates_MayContact() {
	// Phenix City AL keeps Eastern time in practice but is legally Central: both count.
	r, _ := timezone.Resolve("", "36869")
	et, _ := time.LoadLocation("America/New_York")
	for _, h := range []int{8, 9, 19, 20} {
		now := time.Date(2025, time.July, 2, h, 30, 0, 0, et)
		ok, _ := r.Candidates.MayContact(now, "AL")
		fmt.Printf("%02d:30 ET %v\n", h, ok)
	}
	// Output:
	// 08:30 ET false
	// 09:30 ET true
	// 19:30 ET true
	// 20:30 ET false
}

func ExampleContactWindow() {
	z := timezone.MustParse("EST")
	day := time.Date(2025, time.July, 5, 12, 0, 0, 0, time.UTC) // a Saturday
	w, _ := timezone.ContactWindow(z, "RI", day)
	fmt.Println(w.Start.Format("Mon 15:04 MST"), "to", w.End.Format("15:04 MST"))
	// Output:
	// Sat 10:00 EDT to 17:00 EDT
}
