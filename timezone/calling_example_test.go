package timezone_test

import (
	"fmt"
	"time"

	"github.com/carecycle/carerules/timezone"
)

// Utah closes Sundays and its legal holidays; only prior express consent lifts the rule,
// an existing customer relationship does not.
func ExampleMayCall() {
	z := timezone.MustParse("America/Denver")
	now := time.Date(2025, time.July, 6, 16, 0, 0, 0, time.UTC) // Sunday 10:00 MDT
	for _, rel := range []timezone.Relationship{timezone.RelNone, timezone.RelExistingCustomer, timezone.RelPriorConsent} {
		ok, _ := timezone.MayCall(now, z, "UT", timezone.Call{Kind: timezone.KindLive, Relationship: rel})
		fmt.Println(rel, ok)
	}
	// Output:
	// none false
	// existing_customer false
	// prior_consent true
}

// South Dakota allows automated solicitation on weekdays only; a live call on a Saturday
// gets the federal window. The zero Call (kind unknown) is treated as possibly automated.
func ExampleCall() {
	z := timezone.MustParse("America/Chicago")
	now := time.Date(2025, time.July, 5, 15, 0, 0, 0, time.UTC) // Saturday 10:00 CDT
	for _, k := range []timezone.CallKind{timezone.KindUnknown, timezone.KindLive, timezone.KindAutodialed, timezone.KindText} {
		ok, _ := timezone.MayCall(now, z, "SD", timezone.Call{Kind: k})
		fmt.Printf("%-10s %v\n", k, ok)
	}
	// Output:
	// unknown    false
	// live       true
	// autodialed false
	// text       false
}

// Pennsylvania's rule changes with Act 47 of 2026; the rule applied is the one in force on
// the call's date.
func ExampleCallingRule() {
	for _, d := range []string{"2026-10-17", "2026-10-18"} {
		day, _ := time.Parse(time.DateOnly, d)
		r, _ := timezone.CallingRule("PA", day)
		fmt.Println(d, r.Effective.Format(time.DateOnly), r.Evidence, r.Citation)
	}
	// Output:
	// 2026-10-17 2019-12-03 secondary 73 P.S. 2245(a)(1), (a)(10)
	// 2026-10-18 2026-10-18 secondary 73 P.S. 2245 as amended by Act 47 of 2026 (SB 992)
}

func ExampleCallWindow() {
	z := timezone.MustParse("America/Los_Angeles")
	day := time.Date(2025, time.July, 2, 12, 0, 0, 0, time.UTC) // a Wednesday
	for _, k := range []timezone.CallKind{timezone.KindPrerecorded, timezone.KindLive} {
		w, _ := timezone.CallWindow(z, "CA", day, timezone.Call{Kind: k})
		fmt.Println(k, w.Start.Format("15:04"), "to", w.End.Format("15:04 MST"))
	}
	// Output:
	// prerecorded 09:00 to 21:00 PDT
	// live 08:00 to 21:00 PDT
}

func ExampleStateHoliday() {
	fmt.Println(timezone.StateHoliday("UT", 2025, time.July, 24), timezone.FederalHoliday(2025, time.July, 24)) // Pioneer Day
	fmt.Println(timezone.StateHoliday("PA", 2025, time.November, 4))                                            // Election Day
	fmt.Println(timezone.StateHoliday("LA", 2026, time.February, 17))                                           // Mardi Gras
	// Output:
	// true false
	// true
	// true
}
