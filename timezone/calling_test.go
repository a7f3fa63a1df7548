package timezone

import (
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// callEdge is one state rule checked on one local date: a minute before and after each
// bound, or a closed day.
type callEdge struct {
	name, state, zone string
	date              string // local date, YYYY-MM-DD
	call              Call
	from, to          string // local "15:04"; from == "" for a closed day
}

var (
	live        = Call{Kind: KindLive}
	autodialed  = Call{Kind: KindAutodialed}
	prerecorded = Call{Kind: KindPrerecorded}
	text        = Call{Kind: KindText}
	customer    = Call{Relationship: RelExistingCustomer}
	consent     = Call{Relationship: RelPriorConsent}
)

// callEdges: expected windows worked out by hand from each row's rule text. Weekdays:
// 2025-07-02 Wed, 07-05 Sat, 07-06 Sun; 2025-01-08 Wed; holidays as named.
var callEdges = []callEdge{
	{"AL weekday", "AL", "America/Chicago", "2025-07-02", Call{}, "08:00", "20:00"},
	{"AL Saturday", "AL", "America/Chicago", "2025-07-05", Call{}, "08:00", "20:00"},
	{"AL Sunday", "AL", "America/Chicago", "2025-07-06", Call{}, "", ""},
	{"AL live Sunday", "AL", "America/Chicago", "2025-07-06", live, "", ""},
	{"AL consent Sunday", "AL", "America/Chicago", "2025-07-06", consent, "", ""},
	{"AL live weekday", "AL", "America/Chicago", "2025-07-02", live, "08:00", "20:00"},
	{"AL Confederate Memorial Day", "AL", "America/Chicago", "2025-04-28", Call{}, "", ""},
	{"AL Jefferson Davis' birthday", "AL", "America/Chicago", "2025-06-02", Call{}, "", ""},
	{"AL Mardi Gras", "AL", "America/Chicago", "2025-03-04", Call{}, "", ""},
	{"AL Christmas", "AL", "America/Chicago", "2025-12-25", Call{}, "", ""},
	{"AL day after Mardi Gras", "AL", "America/Chicago", "2025-03-05", Call{}, "08:00", "20:00"},

	{"CA automated", "CA", "America/Los_Angeles", "2025-07-02", Call{}, "09:00", "21:00"},
	{"CA prerecorded Sunday", "CA", "America/Los_Angeles", "2025-07-06", prerecorded, "09:00", "21:00"},
	{"CA text", "CA", "America/Los_Angeles", "2025-07-02", text, "09:00", "21:00"},
	{"CA live: federal", "CA", "America/Los_Angeles", "2025-07-02", live, "08:00", "21:00"},

	{"CT before PA 23-98", "CT", "America/New_York", "2023-09-30", Call{}, "09:00", "21:00"},
	{"CT PA 23-98 takes effect", "CT", "America/New_York", "2023-10-01", Call{}, "09:00", "20:00"},
	{"CT consent not lifted", "CT", "America/New_York", "2025-07-02", consent, "09:00", "20:00"},

	{"DC federal", "DC", "America/New_York", "2025-07-02", Call{}, "08:00", "21:00"},

	{"FL weekday", "FL", "America/New_York", "2025-07-02", Call{}, "08:00", "20:00"},
	{"FL Sunday (no Sunday rule)", "FL", "America/New_York", "2025-07-06", Call{}, "08:00", "20:00"},
	{"FL July 4 (no holiday rule)", "FL", "America/New_York", "2025-07-04", Call{}, "08:00", "20:00"},
	{"FL panhandle", "FL", "America/Chicago", "2025-07-02", Call{}, "08:00", "20:00"},
	{"FL binds live calls to customers", "FL", "America/New_York", "2025-07-02", Call{KindLive, RelExistingCustomer}, "08:00", "20:00"},
	{"FL binds consented calls", "FL", "America/New_York", "2025-07-02", consent, "08:00", "20:00"},
	{"FL before SB 1120: earliest rule applies", "FL", "America/New_York", "2021-06-30", Call{}, "08:00", "20:00"},

	{"IN automated (not found, applied)", "IN", "America/Indiana/Indianapolis", "2025-07-02", autodialed, "09:00", "20:00"},
	{"IN live: federal", "IN", "America/Indiana/Indianapolis", "2025-07-02", live, "08:00", "21:00"},

	{"KY", "KY", "America/Kentucky/Louisville", "2025-07-02", Call{}, "10:00", "21:00"},
	{"KY live", "KY", "America/Kentucky/Louisville", "2025-07-02", live, "10:00", "21:00"},
	{"KY existing customer lifts it", "KY", "America/Kentucky/Louisville", "2025-07-02", customer, "08:00", "21:00"},
	{"KY consent does not", "KY", "America/Kentucky/Louisville", "2025-07-02", consent, "10:00", "21:00"},

	{"LA weekday", "LA", "America/Chicago", "2025-07-02", Call{}, "08:00", "20:00"},
	{"LA Saturday", "LA", "America/Chicago", "2025-07-05", Call{}, "08:00", "20:00"},
	{"LA Sunday", "LA", "America/Chicago", "2025-07-06", live, "", ""},
	{"LA Mardi Gras", "LA", "America/Chicago", "2025-03-04", Call{}, "", ""},
	{"LA Good Friday", "LA", "America/Chicago", "2025-04-18", Call{}, "", ""},
	{"LA Good Friday, existing customer", "LA", "America/Chicago", "2025-04-18", customer, "", ""},
	{"LA Mardi Gras 2026", "LA", "America/Chicago", "2026-02-17", Call{}, "", ""},
	{"LA Good Friday 2026", "LA", "America/Chicago", "2026-04-03", Call{}, "", ""},

	{"MA", "MA", "America/New_York", "2025-07-02", Call{}, "08:00", "20:00"},
	{"MD", "MD", "America/New_York", "2025-07-02", customer, "08:00", "20:00"},

	{"ME automated weekday", "ME", "America/New_York", "2025-07-02", Call{}, "09:00", "17:00"},
	{"ME automated Saturday", "ME", "America/New_York", "2025-07-05", prerecorded, "", ""},
	{"ME automated Sunday", "ME", "America/New_York", "2025-07-06", autodialed, "", ""},
	{"ME live Saturday: federal", "ME", "America/New_York", "2025-07-05", live, "08:00", "21:00"},
	{"ME live weekday: federal", "ME", "America/New_York", "2025-07-02", live, "08:00", "21:00"},

	{"MI", "MI", "America/Detroit", "2025-07-02", customer, "09:00", "21:00"},
	{"MN", "MN", "America/Chicago", "2025-07-02", consent, "09:00", "21:00"},

	{"MS summer: 8am CST = 9am CDT", "MS", "America/Chicago", "2025-07-02", Call{}, "09:00", "20:00"},
	{"MS winter", "MS", "America/Chicago", "2025-01-08", Call{}, "08:00", "20:00"},
	{"MS Sunday", "MS", "America/Chicago", "2025-07-06", Call{}, "", ""},
	{"MS July 4 (no holiday rule)", "MS", "America/Chicago", "2025-07-04", Call{}, "09:00", "20:00"},
	{"MS binds consented live calls", "MS", "America/Chicago", "2025-07-02", Call{KindLive, RelPriorConsent}, "09:00", "20:00"},

	{"NE Sunday: federal", "NE", "America/Chicago", "2025-07-06", Call{}, "08:00", "21:00"},
	{"NM", "NM", "America/Denver", "2025-07-02", Call{}, "09:00", "21:00"},

	{"NV automated", "NV", "America/Los_Angeles", "2025-07-02", Call{}, "09:00", "21:00"},
	{"NV live: federal", "NV", "America/Los_Angeles", "2025-07-02", live, "08:00", "21:00"},
	{"NV automated, existing customer", "NV", "America/Los_Angeles", "2025-07-02", Call{KindAutodialed, RelExistingCustomer}, "08:00", "21:00"},
	{"NV automated, consent", "NV", "America/Los_Angeles", "2025-07-02", Call{KindAutodialed, RelPriorConsent}, "09:00", "21:00"},

	{"NY federal", "NY", "America/New_York", "2025-07-02", Call{}, "08:00", "21:00"},
	{"PR federal", "PR", "America/Puerto_Rico", "2025-07-02", Call{}, "08:00", "21:00"},

	{"OK before the 2022 Act: automated 9-9", "OK", "America/Chicago", "2022-10-31", Call{}, "09:00", "21:00"},
	{"OK before the 2022 Act: live federal", "OK", "America/Chicago", "2022-10-31", live, "08:00", "21:00"},
	{"OK 2022 Act takes effect", "OK", "America/Chicago", "2022-11-01", Call{}, "09:00", "20:00"},
	{"OK 2022 Act, live", "OK", "America/Chicago", "2022-11-01", live, "08:00", "20:00"},
	{"OK autodialed", "OK", "America/Chicago", "2025-07-02", autodialed, "09:00", "20:00"},

	{"OR before HB 3865", "OR", "America/Los_Angeles", "2025-12-31", Call{}, "08:00", "21:00"},
	{"OR HB 3865 takes effect (New Year's Day: no holiday rule)", "OR", "America/Los_Angeles", "2026-01-01", Call{}, "08:00", "20:00"},
	{"OR existing customer not lifted", "OR", "America/Los_Angeles", "2026-01-02", customer, "08:00", "20:00"},

	{"PA weekday 2025", "PA", "America/New_York", "2025-07-02", Call{}, "08:00", "21:00"},
	{"PA Sunday 2025", "PA", "America/New_York", "2025-07-06", Call{}, "08:00", "21:00"},
	{"PA Good Friday", "PA", "America/New_York", "2025-04-18", Call{}, "", ""},
	{"PA Flag Day observed (Friday)", "PA", "America/New_York", "2025-06-13", Call{}, "", ""},
	{"PA Flag Day (Saturday)", "PA", "America/New_York", "2025-06-14", Call{}, "", ""},
	{"PA Election Day", "PA", "America/New_York", "2025-11-04", live, "", ""},
	{"PA Election Day, existing customer", "PA", "America/New_York", "2025-11-04", customer, "08:00", "21:00"},
	{"PA Election Day, consent", "PA", "America/New_York", "2025-11-04", consent, "", ""},
	{"PA day before Act 47", "PA", "America/New_York", "2026-10-17", Call{}, "08:00", "21:00"},
	{"PA Act 47 takes effect (a Sunday)", "PA", "America/New_York", "2026-10-18", Call{}, "", ""},
	{"PA Act 47 Sunday, existing customer", "PA", "America/New_York", "2026-10-18", customer, "", ""},
	{"PA Act 47 Monday", "PA", "America/New_York", "2026-10-19", Call{}, "09:00", "19:00"},
	{"PA Act 47 Election Day", "PA", "America/New_York", "2026-11-03", Call{}, "", ""},
	{"PA Act 47 Election Day, existing customer", "PA", "America/New_York", "2026-11-03", customer, "09:00", "19:00"},
	{"PA Act 47 Good Friday", "PA", "America/New_York", "2027-03-26", text, "", ""},
	{"PA Act 47 Saturday", "PA", "America/New_York", "2027-03-27", Call{}, "09:00", "19:00"},

	{"RI weekday", "RI", "America/New_York", "2025-07-02", Call{}, "09:00", "18:00"},
	{"RI Saturday", "RI", "America/New_York", "2025-07-05", Call{}, "10:00", "17:00"},
	{"RI Sunday", "RI", "America/New_York", "2025-07-06", Call{}, "", ""},
	{"RI Victory Day", "RI", "America/New_York", "2025-08-11", Call{}, "", ""},
	{"RI Independence Day observed (Friday)", "RI", "America/New_York", "2026-07-03", Call{}, "", ""},
	{"RI Independence Day on a Saturday: Saturday hours", "RI", "America/New_York", "2026-07-04", Call{}, "10:00", "17:00"},

	{"SD automated weekday", "SD", "America/Chicago", "2025-07-02", Call{}, "09:00", "21:00"},
	{"SD automated weekday, Mountain", "SD", "America/Denver", "2025-07-02", text, "09:00", "21:00"},
	{"SD automated Saturday", "SD", "America/Chicago", "2025-07-05", autodialed, "", ""},
	{"SD live Saturday: federal", "SD", "America/Chicago", "2025-07-05", live, "08:00", "21:00"},

	{"TX weekday", "TX", "America/Chicago", "2025-07-02", Call{}, "09:00", "21:00"},
	{"TX Sunday", "TX", "America/Chicago", "2025-07-06", Call{}, "12:00", "21:00"},
	{"TX El Paso: also 9pm Central", "TX", "America/Denver", "2025-07-02", Call{}, "09:00", "20:00"},
	{"TX El Paso Sunday", "TX", "America/Denver", "2025-07-06", Call{}, "12:00", "20:00"},
	{"TX existing customer not lifted", "TX", "America/Chicago", "2025-07-02", customer, "09:00", "21:00"},

	{"UT weekday", "UT", "America/Denver", "2025-07-02", Call{}, "08:00", "21:00"},
	{"UT Sunday", "UT", "America/Denver", "2025-07-06", Call{}, "", ""},
	{"UT Pioneer Day", "UT", "America/Denver", "2025-07-24", Call{}, "", ""},
	{"UT Pioneer Day observed (Friday)", "UT", "America/Denver", "2027-07-23", Call{}, "", ""},
	{"UT consent lifts Sunday", "UT", "America/Denver", "2025-07-06", consent, "08:00", "21:00"},
	{"UT consent lifts Pioneer Day", "UT", "America/Denver", "2025-07-24", consent, "08:00", "21:00"},
	{"UT existing customer does not", "UT", "America/Denver", "2025-07-06", customer, "", ""},

	{"WA", "WA", "America/Los_Angeles", "2025-07-02", Call{}, "08:00", "20:00"},
	{"WA existing customer", "WA", "America/Los_Angeles", "2025-07-02", customer, "08:00", "21:00"},
	{"WA consent not lifted", "WA", "America/Los_Angeles", "2025-07-02", consent, "08:00", "20:00"},

	{"WY", "WY", "America/Denver", "2025-07-02", Call{}, "08:00", "20:00"},
	{"WY existing customer not lifted", "WY", "America/Denver", "2025-07-02", customer, "08:00", "20:00"},

	{"unknown state, live calls, weekday", "", "America/New_York", "2025-07-02", live, "10:00", "18:00"},
	{"unknown state, live calls, Saturday", "", "America/New_York", "2025-07-05", live, "10:00", "17:00"},
}

// TestCallingHoursEdges: for each case, a minute before and after each bound (MayCall on
// the instant) and the day's window (CallWindow); a closed day at several instants.
func TestCallingHoursEdges(t *testing.T) {
	for _, tt := range callEdges {
		t.Run(tt.name, func(t *testing.T) {
			l := loc(t, tt.zone)
			z := MustParse(tt.zone)
			day, err := time.ParseInLocation(time.DateOnly, tt.date, l)
			require.NoError(t, err)
			w, err := CallWindow(z, tt.state, day.Add(12*time.Hour), tt.call)
			require.NoError(t, err)
			if tt.from == "" {
				assert.False(t, w.IsOpen(), "window %v", w)
				for _, hhmm := range []string{"00:00", "08:00", "09:00", "12:00", "18:59", "20:59", "23:59"} {
					now := clockAt(t, day, hhmm)
					ok, _ := MayCall(now, z, tt.state, tt.call)
					assert.False(t, ok, hhmm)
				}
				return
			}
			require.True(t, w.IsOpen())
			assert.Equal(t, tt.from, w.Start.Format("15:04"))
			assert.Equal(t, tt.to, w.End.Format("15:04"))
			from, to := clockAt(t, day, tt.from), clockAt(t, day, tt.to)
			for _, c := range []struct {
				at   time.Time
				want bool
			}{
				{from.Add(-time.Minute), false},
				{from, true},
				{to.Add(-time.Minute), true},
				{to, false},
			} {
				ok, next := MayCall(c.at, z, tt.state, tt.call)
				assert.Equal(t, c.want, ok, c.at.Format("15:04"))
				if c.want {
					assert.Equal(t, to, next, c.at.Format("15:04"))
				} else if c.at.Equal(from.Add(-time.Minute)) {
					assert.Equal(t, from, next, c.at.Format("15:04"))
				}
			}
		})
	}
}

func clockAt(t *testing.T, day time.Time, hhmm string) time.Time {
	t.Helper()
	c, err := time.Parse("15:04", hhmm)
	require.NoError(t, err)
	return time.Date(day.Year(), day.Month(), day.Day(), c.Hour(), c.Minute(), 0, 0, day.Location())
}

// TestMayCallAcrossEffectiveDate: a rule that changes on a date applies by the call's
// date. Saturday 2026-10-17 at 8:30 p.m. Pennsylvania still allows calls until 9 p.m.;
// the next window opens Monday at 9 a.m., since Act 47 closes Sundays from 2026-10-18.
func TestMayCallAcrossEffectiveDate(t *testing.T) {
	z := MustParse("America/New_York")
	ny := loc(t, "America/New_York")
	ok, next := MayCall(time.Date(2026, 10, 17, 20, 30, 0, 0, ny), z, "PA", Call{})
	assert.True(t, ok)
	assert.Equal(t, time.Date(2026, 10, 17, 21, 0, 0, 0, ny), next)
	ok, next = MayCall(time.Date(2026, 10, 17, 21, 0, 0, 0, ny), z, "PA", Call{})
	assert.False(t, ok)
	assert.Equal(t, time.Date(2026, 10, 19, 9, 0, 0, 0, ny), next)
	// Oregon: 8:30 p.m. on New Year's Eve 2025 is allowed, on New Year's Day 2026 not.
	la := loc(t, "America/Los_Angeles")
	ok, _ = MayCall(time.Date(2025, 12, 31, 20, 30, 0, 0, la), MustParse("America/Los_Angeles"), "OR", Call{})
	assert.True(t, ok)
	ok, next = MayCall(time.Date(2026, 1, 1, 20, 30, 0, 0, la), MustParse("America/Los_Angeles"), "OR", Call{})
	assert.False(t, ok)
	assert.Equal(t, time.Date(2026, 1, 2, 8, 0, 0, 0, la), next)
}

// TestCallNormalization: out-of-range kinds and relationships are the safest values.
func TestCallNormalization(t *testing.T) {
	assert.Equal(t, Call{}, Call{Kind: 200, Relationship: 9}.norm())
	assert.Equal(t, live, live.norm())
	now := time.Date(2025, 7, 6, 15, 0, 0, 0, time.UTC) // Sunday 9 a.m. MDT
	z := MustParse("America/Denver")
	ok, _ := MayCall(now, z, "UT", Call{Kind: 77, Relationship: 77})
	assert.False(t, ok)
	ok, _ = MayCall(now, z, "UT", consent)
	assert.True(t, ok)
	assert.Equal(t, "unknown", CallKind(77).String())
	assert.Equal(t, "text", KindText.String())
	assert.Equal(t, "none", Relationship(77).String())
	assert.Equal(t, "existing_customer", RelExistingCustomer.String())
	assert.Equal(t, "secondary", EvidenceSecondary.String())
	assert.Equal(t, "none", Evidence(77).String())
}

func TestCallingRule(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse(time.DateOnly, s)
		require.NoError(t, err)
		return d
	}
	r, ok := CallingRule(" pa ", day("2026-10-17"))
	require.True(t, ok)
	assert.Equal(t, "PA", r.State)
	assert.Equal(t, "2019-12-03", r.Effective.Format(time.DateOnly))
	assert.Equal(t, EvidenceSecondary, r.Evidence)
	r, ok = CallingRule("PA", day("2026-10-18"))
	require.True(t, ok)
	assert.Equal(t, "2026-10-18", r.Effective.Format(time.DateOnly))
	assert.Contains(t, r.Citation, "Act 47 of 2026")

	r, ok = CallingRule("UT", day("2025-01-01"))
	require.True(t, ok)
	assert.Equal(t, EvidencePrimary, r.Evidence)
	assert.True(t, r.Effective.IsZero())
	assert.Equal(t, "Utah Code 13-25a-103(3)", r.Citation)

	r, ok = CallingRule("FL", day("2020-01-01")) // before its effective date: the earliest rule
	require.True(t, ok)
	assert.Equal(t, "2021-07-01", r.Effective.Format(time.DateOnly))

	for _, st := range []string{"PR", "GU", "AE", "XX", "", "Florida"} {
		_, ok = CallingRule(st, day("2025-01-01"))
		assert.False(t, ok, st)
	}
}

// TestMoreRestrictiveNeverMorePermissive is the property of the Call inputs: for any
// instant, zone and state, a call with its kind made unknown, or its relationship made
// none, is allowed only when the call itself is; and its window for a date lies inside the
// call's.
func TestMoreRestrictiveNeverMorePermissive(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 2026))
	zones := []string{"America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
		"America/Los_Angeles", "Pacific/Honolulu", "America/Anchorage", "America/Puerto_Rico"}
	states := []string{"", "PR"}
	for _, row := range stateRows {
		states = append(states, row.state)
	}
	start := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	span := time.Date(2029, 1, 1, 0, 0, 0, 0, time.UTC).Unix() - start
	for range 4000 {
		now := time.Unix(start+r.Int64N(span), 0).UTC()
		z := MustParse(zones[r.IntN(len(zones))])
		st := states[r.IntN(len(states))]
		call := Call{Kind: CallKind(r.IntN(5)), Relationship: Relationship(r.IntN(3))}
		checkMonotone(t, now, z, st, call)
	}
}

// checkMonotone checks the property for one input.
func checkMonotone(t *testing.T, now time.Time, z Zone, st string, call Call) {
	t.Helper()
	ok, _ := MayCall(now, z, st, call)
	w, err := CallWindow(z, st, now, call)
	if err != nil {
		t.Fatalf("CallWindow: %v", err)
	}
	for _, stricter := range []Call{{Relationship: call.Relationship}, {Kind: call.Kind}, {}} {
		if ok2, _ := MayCall(now, z, st, stricter); ok2 && !ok {
			t.Fatalf("%s %s %s: %+v allowed but %+v refused", now, z, st, stricter, call)
		}
		w2, err := CallWindow(z, st, now, stricter)
		if err != nil {
			t.Fatalf("CallWindow: %v", err)
		}
		if w2.IsOpen() && (!w.IsOpen() || w2.Start.Before(w.Start) || w2.End.After(w.End)) {
			t.Fatalf("%s %s %s: window %v for %+v is not inside %v for %+v", now, z, st, w2, stricter, w, call)
		}
	}
}

// TestCallingRuleDocMatchesTable: the table in CallingRule's doc comment lists every
// state once with the evidence the data records for the rule in force on the compile date.
func TestCallingRuleDocMatchesTable(t *testing.T) {
	src, err := os.ReadFile("calling.go")
	require.NoError(t, err)
	compiled, err := time.Parse(time.DateOnly, CallingRulesDate)
	require.NoError(t, err)
	doc := map[string]string{}
	for _, line := range strings.Split(string(src), "\n") {
		switch {
		case strings.HasPrefix(line, "//\t") && len(line) > 5 && line[3] >= 'A' && line[3] <= 'Z' && line[5] == ' ':
			f := strings.Fields(line[3:])
			doc[f[0]] = f[len(f)-1]
		case strings.HasPrefix(line, "//\t    "): // a continuation line ends with the evidence
			f := strings.Fields(line[3:])
			for st, ev := range doc {
				if !slices.Contains(evidenceNames[:], ev) {
					doc[st] = f[len(f)-1]
				}
			}
		case strings.HasPrefix(line, "// Federal window only, by secondary sources: "):
			for _, st := range strings.Fields(strings.TrimSuffix(strings.TrimPrefix(line, "// Federal window only, by secondary sources: "), ".")) {
				doc[st] = "secondary"
			}
		case strings.HasPrefix(line, "// Federal window only, no state rule compiled: "):
			for _, st := range strings.Fields(strings.TrimSuffix(strings.TrimPrefix(line, "// Federal window only, no state rule compiled: "), ".")) {
				doc[st] = "none"
			}
		}
	}
	assert.Len(t, doc, len(stateRows))
	for _, r := range stateRows {
		rule, ok := CallingRule(r.state, compiled)
		require.True(t, ok)
		assert.Equal(t, rule.Evidence.String(), doc[r.state], r.state)
	}
}

// TestMayCallConcurrent: the table is read-only and the answers are the same from many
// goroutines; run with -race.
func TestMayCallConcurrent(t *testing.T) {
	now := time.Date(2026, 10, 18, 14, 0, 0, 0, time.UTC)
	z := MustParse("America/New_York")
	want, _ := MayCall(now, z, "PA", customer)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				st := stateRows[(g+i)%len(stateRows)].state
				MayCall(now, z, st, Call{Kind: CallKind(i % 5), Relationship: Relationship(g % 3)})
				if got, _ := MayCall(now, z, "PA", customer); got != want {
					t.Errorf("PA: %v, want %v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
