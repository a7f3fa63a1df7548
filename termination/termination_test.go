package termination

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carecycle/carerules/dob"
)

func day(s string) dob.Date { return dob.MustParseISO(s) }

// decideOne runs the rule, triggered, on one active ACA policy and reports
// whether it is terminated.
func decideOne(t *testing.T, effective string, today dob.Date) (bool, Decision) {
	t.Helper()
	d, err := Decide(Input{
		Policies:   []Policy{{ID: "p", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate(effective)}},
		CreatedACA: true,
		Today:      today,
	})
	require.NoError(t, err)
	require.True(t, d.Triggered)
	require.Equal(t, 1, len(d.Terminate)+len(d.Skipped), "each policy exactly once")
	return len(d.Terminate) == 1, d
}

// TestRuleOneYear_Feb29 walks a policy effective on Feb 29, 2024 through
// Feb 27, 28, (29) and Mar 1 of later years. By the rule, one year after
// 2024-02-29 is 2025-02-28, and the policy terminates when today is AFTER
// that: from 2025-03-01 on. Each want below was worked out that way by hand.
func TestRuleOneYear_Feb29(t *testing.T) {
	tests := []struct {
		today string
		want  bool
	}{
		{"2024-02-29", false}, // the effective date itself
		{"2024-03-01", false},
		{"2024-12-31", false},
		{"2025-02-27", false}, // before the clamped anniversary
		{"2025-02-28", false}, // the anniversary (Feb 28) is not MORE than a year
		{"2025-03-01", true},  // first day after 2025-02-28
		{"2026-02-27", true},
		{"2026-02-28", true},
		{"2026-03-01", true},
		{"2027-02-28", true},
		{"2028-02-27", true},
		{"2028-02-28", true},
		{"2028-02-29", true},
		{"2028-03-01", true},
	}
	for _, form := range []string{"2024-02-29", "02/29/2024", "2/29/2024", "02-29-2024", "2024-02-29T00:00:00Z"} {
		for _, tt := range tests {
			t.Run(form+"@"+tt.today, func(t *testing.T) {
				got, d := decideOne(t, form, day(tt.today))
				assert.Equal(t, tt.want, got)
				if got {
					assert.Equal(t, day("2025-02-28"), d.Terminate[0].OneYearAfter)
					assert.Equal(t, day("2024-02-29"), d.Terminate[0].EffectiveDate)
				} else {
					assert.Equal(t, SkipNotYetOneYear, d.Skipped[0].Reason)
				}
			})
		}
	}
}

// TestRuleOneYear_Ordinary: ordinary dates, and the days around Feb 29 of
// a leap year for policies that start near it. Worked by hand:
// 2023-06-15 + 1y = 2024-06-15; 2023-02-28 + 1y = 2024-02-28;
// 2023-03-01 + 1y = 2024-03-01; 2023-12-31 + 1y = 2024-12-31.
func TestRuleOneYear_Ordinary(t *testing.T) {
	tests := []struct {
		effective, today string
		want             bool
	}{
		{"2023-06-15", "2024-06-14", false},
		{"2023-06-15", "2024-06-15", false}, // anniversary
		{"2023-06-15", "2024-06-16", true},
		{"2023-02-28", "2024-02-28", false}, // anniversary
		{"2023-02-28", "2024-02-29", true},
		{"2023-03-01", "2024-02-29", false},
		{"2023-03-01", "2024-03-01", false}, // anniversary
		{"2023-03-01", "2024-03-02", true},
		{"2023-12-31", "2024-12-31", false},
		{"2023-12-31", "2025-01-01", true},
		{"2020-01-01", "2026-01-01", true},
		{"2027-01-01", "2026-01-01", false}, // future effective date
		{"9999-12-31", "9999-12-31", false}, // no anniversary representable
	}
	for _, tt := range tests {
		t.Run(tt.effective+"@"+tt.today, func(t *testing.T) {
			got, _ := decideOne(t, tt.effective, day(tt.today))
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestRuleTrigger: only a request that created a new ACA policy triggers the
// rule; updates never do; any creation does, whatever its status.
func TestRuleTrigger(t *testing.T) {
	old := Policy{ID: "old", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("2020-01-01")}
	today := day("2026-01-01")
	tests := []struct {
		name string
		in   Input
		want bool
	}{
		{"no creation (updates only)", Input{Policies: []Policy{old}}, false},
		{"CreatedACA", Input{Policies: []Policy{old}, CreatedACA: true}, true},
		{"created ACA policy in the list", Input{Policies: []Policy{old,
			{ID: "new", Type: "ACA", Status: StatusPending, EffectiveDate: ReadEffectiveDate("2026-01-01"), CreatedByRequest: true}}}, true},
		{"created ACA policy, terminal status", Input{Policies: []Policy{old,
			{ID: "new", Type: "aca", Status: StatusCancelled, CreatedByRequest: true}}}, true},
		{"created non-ACA policy", Input{Policies: []Policy{old,
			{ID: "new", Type: "MA", Status: StatusActive, CreatedByRequest: true}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.Today = today
			d, err := Decide(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, d.Triggered)
			if tt.want {
				require.Len(t, d.Terminate, 1)
				assert.Equal(t, "old", d.Terminate[0].ID)
			} else {
				assert.Empty(t, d.Terminate)
				assert.Empty(t, d.Skipped)
			}
		})
	}
}

// TestRuleCandidates: which policies are candidates, and the reason for
// every one that is not.
func TestRuleCandidates(t *testing.T) {
	old := "2020-01-01"
	policies := []Policy{
		{ID: "active", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "pending", Type: "ACA", Status: StatusPending, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "pendEff", Type: "ACA", Status: StatusPendingEffectuation, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "pendFol", Type: "ACA", Status: StatusPendingFollowup, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "susp", Type: "ACA", Status: StatusSuspended, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "future", Type: "ACA", Status: StatusFutureCancel, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "term", Type: "ACA", Status: StatusTerminated, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "canc", Type: "ACA", Status: StatusCancelled, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "dec", Type: "ACA", Status: StatusDeceased, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "notapp", Type: "ACA", Status: StatusNotApproved, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "ma", Type: "MA", Status: StatusActive, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "acaish", Type: "ACA ", Status: StatusActive, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "acax", Type: "ACAX", Status: StatusActive, EffectiveDate: ReadEffectiveDate(old)},
		{ID: "nostatus", Type: "ACA", EffectiveDate: ReadEffectiveDate(old)},
		{ID: "nodate", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("")},
		{ID: "spacedate", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("  ")},
		{ID: "baddate", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("13/01/2020")},
		{ID: "feb30", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("2020-02-30")},
		{ID: "young", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("2025-06-01")},
		{ID: "backdated", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("2019-01-01"), CreatedByRequest: true},
	}
	want := map[string]SkipReason{
		"term": SkipTerminal, "canc": SkipTerminal, "dec": SkipTerminal, "notapp": SkipTerminal,
		"ma": SkipNotACA, "acax": SkipNotACA, "nostatus": SkipStatusUnknown,
		"nodate": SkipEffectiveDateMissing, "spacedate": SkipEffectiveDateMissing,
		"baddate": SkipEffectiveDateInvalid, "feb30": SkipEffectiveDateInvalid,
		"young": SkipNotYetOneYear, "backdated": SkipCreatedByRequest,
	}
	terminated := []string{"active", "pending", "pendEff", "pendFol", "susp", "future", "acaish"}

	d, err := Decide(Input{Policies: policies, Today: day("2026-01-01")})
	require.NoError(t, err)
	require.True(t, d.Triggered, "the back-dated created ACA policy triggers")
	var gotTerm []string
	for _, x := range d.Terminate {
		gotTerm = append(gotTerm, x.ID)
		assert.Equal(t, policies[x.Index].ID, x.ID)
		assert.Equal(t, StatusTerminated, x.Status)
	}
	assert.Equal(t, terminated, gotTerm)
	got := map[string]SkipReason{}
	for _, s := range d.Skipped {
		assert.Equal(t, policies[s.Index].ID, s.ID)
		got[s.ID] = s.Reason
	}
	assert.Equal(t, want, got)
	assert.Equal(t, len(policies), len(d.Terminate)+len(d.Skipped), "every policy exactly once")
}

// TestRulePreviousStatus: previousStatus is the status before the request,
// even when the request also updated the policy.
func TestRulePreviousStatus(t *testing.T) {
	d, err := Decide(Input{
		Policies: []Policy{
			{ID: "unchanged", Type: "ACA", Status: StatusSuspended, EffectiveDate: ReadEffectiveDate("2020-01-01")},
			{ID: "updated", Type: "ACA", Status: StatusActive, PreviousStatus: StatusPending, EffectiveDate: ReadEffectiveDate("2020-01-01")},
			{ID: "reopened", Type: "ACA", Status: StatusActive, PreviousStatus: StatusTerminated, EffectiveDate: ReadEffectiveDate("2020-01-01")},
			{ID: "cancelled now", Type: "ACA", Status: StatusCancelled, PreviousStatus: StatusActive, EffectiveDate: ReadEffectiveDate("2020-01-01")},
		},
		CreatedACA: true,
		Today:      day("2026-01-01"),
	})
	require.NoError(t, err)
	require.Len(t, d.Terminate, 3)
	assert.Equal(t, StatusSuspended, d.Terminate[0].PreviousStatus)
	assert.Equal(t, StatusPending, d.Terminate[1].PreviousStatus)
	assert.Equal(t, StatusTerminated, d.Terminate[2].PreviousStatus)
	require.Len(t, d.Skipped, 1)
	assert.Equal(t, SkipTerminal, d.Skipped[0].Reason, "status after the request's updates decides")
}

// TestRuleEffectiveDateAsWritten: an RFC 3339 date-time gives its calendar
// date as written, whatever its offset.
func TestRuleEffectiveDateAsWritten(t *testing.T) {
	// 2025-01-01T23:30:00-05:00 is 2025-01-02 in UTC; as written it is
	// Jan 1, so on 2026-01-02 it is more than one year old.
	got, _ := decideOne(t, "2025-01-01T23:30:00-05:00", day("2026-01-02"))
	assert.True(t, got)
	// 2025-01-02T01:00:00+09:00 is 2025-01-01 in UTC; as written Jan 2.
	got, _ = decideOne(t, "2025-01-02T01:00:00+09:00", day("2026-01-02"))
	assert.False(t, got)
}

func TestDecideNoToday(t *testing.T) {
	d := Decision{Triggered: true, Terminate: make([]Termination, 3)}
	err := DecideInto(&d, Input{CreatedACA: true, Policies: []Policy{{ID: "x", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("2000-01-01")}}})
	assert.ErrorIs(t, err, ErrNoToday)
	var e *Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "today_missing", e.Code())
	assert.False(t, d.Triggered)
	assert.Empty(t, d.Terminate)
}

// TestDecideIntoReuses: the caller's slices are reused, stale entries gone.
func TestDecideIntoReuses(t *testing.T) {
	d := Decision{Terminate: make([]Termination, 5, 64), Skipped: make([]Skip, 7, 64)}
	p := &d.Terminate[:1][0]
	in := Input{CreatedACA: true, Today: day("2026-01-01"), Policies: []Policy{
		{ID: "a", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("2020-01-01")},
		{ID: "b", Type: "MA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("2020-01-01")},
	}}
	require.NoError(t, DecideInto(&d, in))
	require.Len(t, d.Terminate, 1)
	require.Len(t, d.Skipped, 1)
	assert.Same(t, p, &d.Terminate[0], "same backing array")
}

func TestToday(t *testing.T) {
	instant := time.Date(2024, 3, 1, 3, 0, 0, 0, time.UTC) // Feb 29 evening in the Americas
	clock := func() time.Time { return instant }
	assert.Equal(t, day("2024-03-01"), Today(clock, nil), "nil location is UTC")
	assert.Equal(t, day("2024-03-01"), Today(clock, time.UTC))
	est := time.FixedZone("EST", -5*3600)
	assert.Equal(t, day("2024-02-29"), Today(clock, est))
	// The clock's own location does not matter, only loc.
	clockNY := func() time.Time { return instant.In(est) }
	assert.Equal(t, day("2024-03-01"), Today(clockNY, nil))
	assert.True(t, Today(nil, nil).IsZero(), "no clock, no today: Decide rejects it")
}

func TestSkipReasonString(t *testing.T) {
	seen := map[string]bool{}
	for r := SkipCreatedByRequest; r <= SkipNotYetOneYear; r++ {
		s := r.String()
		assert.NotContains(t, s, "SkipReason(")
		assert.False(t, seen[s], "codes are distinct")
		seen[s] = true
		b, err := r.MarshalText()
		require.NoError(t, err)
		assert.Equal(t, s, string(b))
		var back SkipReason
		require.NoError(t, back.UnmarshalText(b))
		assert.Equal(t, r, back)
	}
	assert.Equal(t, "SkipReason(invalid)", SkipReason(0).String())
	assert.Equal(t, "SkipReason(invalid)", SkipReason(200).String())
	assert.Len(t, seen, 7)
	var r SkipReason
	assert.ErrorIs(t, r.UnmarshalText([]byte("SkipReason(invalid)")), ErrUnknownSkipReason)
	assert.ErrorIs(t, r.UnmarshalText([]byte("NOT_ACA")), ErrUnknownSkipReason)
}

func TestIsACA(t *testing.T) {
	for _, s := range []string{"ACA", "aca", "Aca", " ACA\t"} {
		assert.True(t, IsACA(s), s)
	}
	for _, s := range []string{"", "AC", "ACAA", "A CA", "MA", "acа"} { // last: Cyrillic а
		assert.False(t, IsACA(s), s)
	}
}

// TestReadEffectiveDate: a date is read once into what the rule needs: the
// date, missing ("" or white space, and the zero EffectiveDate) or
// unreadable (any error but empty), so the skip reasons stay the rule's.
func TestReadEffectiveDate(t *testing.T) {
	for _, c := range []struct {
		in   string
		want EffectiveDate
		skip SkipReason
	}{
		{"2024-02-29", EffectiveDate{Date: dob.MustNew(2024, 2, 29)}, 0},
		{" 2/9/2024 ", EffectiveDate{Date: dob.MustNew(2024, 2, 9)}, 0},
		{"", EffectiveDate{}, SkipEffectiveDateMissing},
		{" \t ", EffectiveDate{}, SkipEffectiveDateMissing},
		{"13/01/2024", EffectiveDate{Unreadable: true}, SkipEffectiveDateInvalid},
		{"2023-02-29", EffectiveDate{Unreadable: true}, SkipEffectiveDateInvalid},
		{strings.Repeat("1", 300), EffectiveDate{Unreadable: true}, SkipEffectiveDateInvalid},
	} {
		got := ReadEffectiveDate(c.in)
		assert.Equal(t, c.want, got, "%q", c.in)
		assert.Equal(t, c.skip, got.skipReason(), "%q", c.in)
	}
	assert.Equal(t, SkipEffectiveDateMissing, EffectiveDate{}.skipReason(), "the zero EffectiveDate is missing")
	assert.Equal(t, EffectiveDate{Date: dob.MustNew(2020, 1, 1)}, EffectiveDateOf(dob.MustNew(2020, 1, 1)))
	assert.Equal(t, SkipEffectiveDateMissing, EffectiveDateOf(dob.Date{}).skipReason())
}
