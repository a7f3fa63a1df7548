package termination_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/carecycle/carerules/termination"
)

func ExampleDecide() {
	clock := func() time.Time { return time.Date(2025, 3, 1, 15, 0, 0, 0, time.UTC) }
	in := termination.Input{
		Policies: []termination.Policy{
			{ID: "leap", Type: "ACA", Status: termination.StatusActive, EffectiveDate: termination.ReadEffectiveDate("02/29/2024")},
			{ID: "recent", Type: "ACA", Status: termination.StatusActive, EffectiveDate: termination.ReadEffectiveDate("2024-03-01")},
			{ID: "updated", Type: "ACA", Status: termination.StatusActive,
				PreviousStatus: termination.StatusPending, EffectiveDate: termination.ReadEffectiveDate("2023-06-15T00:00:00Z")},
			{ID: "medicare", Type: "MA", Status: termination.StatusActive, EffectiveDate: termination.ReadEffectiveDate("2020-01-01")},
			{ID: "done", Type: "ACA", Status: termination.StatusCancelled, EffectiveDate: termination.ReadEffectiveDate("2020-01-01")},
			{ID: "undated", Type: "ACA", Status: termination.StatusActive},
		},
		CreatedACA: true, // this request created a new ACA policy for the customer
		Today:      termination.Today(clock, nil),
	}
	d, err := termination.Decide(in)
	if err != nil {
		panic(err)
	}
	for _, t := range d.Terminate {
		fmt.Printf("terminate %s: %s -> %s (one year after %s was %s)\n",
			t.ID, t.PreviousStatus, t.Status, t.EffectiveDate, t.OneYearAfter)
	}
	for _, s := range d.Skipped {
		fmt.Printf("skip %s: %s\n", s.ID, s.Reason)
	}
	// Output:
	// terminate leap: Active -> Terminated (one year after 2024-02-29 was 2025-02-28)
	// terminate updated: Pending -> Terminated (one year after 2023-06-15 was 2024-06-15)
	// skip recent: not_more_than_one_year
	// skip medicare: not_aca
	// skip done: already_terminal
	// skip undated: effective_date_missing
}

func ExampleDecideInto() {
	// A caller that decides many customers reuses one Decision: with
	// capacity for every policy, the decision allocates nothing.
	d := termination.Decision{
		Terminate: make([]termination.Termination, 0, 10),
		Skipped:   make([]termination.Skip, 0, 10),
	}
	today := termination.Today(func() time.Time { return time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC) }, nil)
	for _, eff := range []string{"2025-01-15", "2025-01-14"} {
		err := termination.DecideInto(&d, termination.Input{
			Policies:   []termination.Policy{{ID: "p", Type: "ACA", Status: termination.StatusActive, EffectiveDate: termination.ReadEffectiveDate(eff)}},
			CreatedACA: true,
			Today:      today,
		})
		fmt.Println(eff, len(d.Terminate), err)
	}
	// Output:
	// 2025-01-15 0 <nil>
	// 2025-01-14 1 <nil>
}

func ExampleParseStatus() {
	s, err := termination.ParseStatus("  pending EFFECTUATION ")
	fmt.Println(s, s.IsTerminal(), err)
	_, err = termination.ParseStatus("Canceled")
	fmt.Println(err)
	// Output:
	// Pending Effectuation false <nil>
	// termination: unknown policy status (status, code status_unknown)
}

func ExampleParseEffectiveDate() {
	for _, s := range []string{"2024-02-29", "2/29/2024", "02-29-2024", "2024-02-29T23:30:00-05:00", "29/02/2024"} {
		d, err := termination.ParseEffectiveDate(s)
		if err != nil {
			fmt.Println(s, "->", err)
			continue
		}
		fmt.Println(s, "->", d)
	}
	// Output:
	// 2024-02-29 -> 2024-02-29
	// 2/29/2024 -> 2024-02-29
	// 02-29-2024 -> 2024-02-29
	// 2024-02-29T23:30:00-05:00 -> 2024-02-29
	// 29/02/2024 -> termination: effective date does not match an accepted format (effectiveDate, code effective_date_format)
}

func ExampleToday() {
	instant := time.Date(2024, 3, 1, 3, 0, 0, 0, time.UTC)
	clock := func() time.Time { return instant }
	fmt.Println(termination.Today(clock, nil))
	fmt.Println(termination.Today(clock, time.FixedZone("EST", -5*3600)))
	// Output:
	// 2024-03-01
	// 2024-02-29
}

func ExampleDecision_json() {
	d, _ := termination.Decide(termination.Input{
		Policies: []termination.Policy{
			{ID: "a", Type: "ACA", Status: termination.StatusActive, EffectiveDate: termination.ReadEffectiveDate("2024-02-29")},
			{ID: "b", Type: "ACA", Status: termination.StatusActive, EffectiveDate: termination.ReadEffectiveDate("n/a")},
		},
		CreatedACA: true,
		Today:      termination.Today(func() time.Time { return time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC) }, nil),
	})
	b, _ := json.Marshal(d)
	fmt.Println(string(b))
	// Output:
	// {"triggered":true,"terminate":[{"index":0,"id":"a","previousStatus":"Active","status":"Terminated","effectiveDate":"2024-02-29","oneYearAfter":"2025-02-28"}],"skipped":[{"index":1,"id":"b","reason":"effective_date_invalid"}]}
}
