package timezone

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func loc(t *testing.T, name string) *time.Location {
	t.Helper()
	l, err := time.LoadLocation(name)
	require.NoError(t, err)
	return l
}

// hhmm builds a local time on a date in a named IANA zone.
func hhmm(t *testing.T, zone string, y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, loc(t, zone))
}

// TestContactWindowRules is one case per state rule for the zero Call (any kind of call, no
// relationship), as MayContact asks (expected windows worked out by hand from the rule
// text; 2025-07-02 is a Wednesday, 07-05 a Saturday, 07-06 a Sunday, 2025-01-08 a
// Wednesday). The per-kind, per-relationship and edge cases are in calling_test.go.
func TestContactWindowRules(t *testing.T) {
	const closedDay = "closed"
	tests := []struct {
		name, zone, state string
		y                 int
		m                 time.Month
		d                 int
		from, to          string // local "15:04" in zone, or closedDay
	}{
		{"federal 8am-9pm (NY has no state rule)", "America/New_York", "NY", 2025, 7, 2, "08:00", "21:00"},
		{"federal on Sunday", "America/New_York", "NY", 2025, 7, 6, "08:00", "21:00"},
		{"territory: federal only", "America/Puerto_Rico", "PR", 2025, 7, 2, "08:00", "21:00"},
		{"Florida 8am-8pm", "America/New_York", "FL", 2025, 7, 2, "08:00", "20:00"},
		{"Florida panhandle in Central", "America/Chicago", "FL", 2025, 7, 2, "08:00", "20:00"},
		{"Oklahoma 8-8 and ADAD 9-9: 9am-8pm", "America/Chicago", "OK", 2025, 7, 2, "09:00", "20:00"},
		{"Maryland 8am-8pm", "America/New_York", "MD", 2025, 7, 2, "08:00", "20:00"},
		{"Washington 8am-8pm", "America/Los_Angeles", "WA", 2025, 7, 2, "08:00", "20:00"},
		{"Texas weekday 9am-9pm", "America/Chicago", "TX", 2025, 7, 2, "09:00", "21:00"},
		{"Texas Sunday noon-9pm", "America/Chicago", "TX", 2025, 7, 6, "12:00", "21:00"},
		{"Texas El Paso: also 9pm Central = 8pm Mountain", "America/Denver", "TX", 2025, 7, 2, "09:00", "20:00"},
		{"Louisiana weekday 8am-8pm", "America/Chicago", "LA", 2025, 7, 2, "08:00", "20:00"},
		{"Louisiana Saturday 8am-8pm", "America/Chicago", "LA", 2025, 7, 5, "08:00", "20:00"},
		{"Louisiana no Sundays", "America/Chicago", "LA", 2025, 7, 6, closedDay, ""},
		{"Louisiana no holidays (July 4)", "America/Chicago", "LA", 2025, 7, 4, closedDay, ""},
		{"Alabama weekday 8am-8pm", "America/Chicago", "AL", 2025, 7, 2, "08:00", "20:00"},
		{"Alabama no Sundays", "America/Chicago", "AL", 2025, 7, 6, closedDay, ""},
		{"Alabama no holidays (Christmas)", "America/Chicago", "AL", 2025, 12, 25, closedDay, ""},
		{"Mississippi summer: 8am CST = 9am CDT", "America/Chicago", "MS", 2025, 7, 2, "09:00", "20:00"},
		{"Mississippi winter 8am-8pm", "America/Chicago", "MS", 2025, 1, 8, "08:00", "20:00"},
		{"Mississippi no Sundays", "America/Chicago", "MS", 2025, 7, 6, closedDay, ""},
		{"Mississippi: no holiday ban since 2023", "America/Chicago", "MS", 2025, 7, 4, "09:00", "20:00"},
		{"Utah weekday 8am-9pm", "America/Denver", "UT", 2025, 7, 2, "08:00", "21:00"},
		{"Utah no Sundays", "America/Denver", "UT", 2025, 7, 6, closedDay, ""},
		{"Utah no legal holidays (Labor Day)", "America/Denver", "UT", 2025, 9, 1, closedDay, ""},
		{"Utah no legal holidays (Pioneer Day)", "America/Denver", "UT", 2025, 7, 24, closedDay, ""},
		{"Rhode Island weekday 9am-6pm", "America/New_York", "RI", 2025, 7, 2, "09:00", "18:00"},
		{"Rhode Island Saturday 10am-5pm", "America/New_York", "RI", 2025, 7, 5, "10:00", "17:00"},
		{"Rhode Island no Sundays", "America/New_York", "RI", 2025, 7, 6, closedDay, ""},
		{"Rhode Island no holidays", "America/New_York", "RI", 2025, 7, 4, closedDay, ""},
		{"Connecticut 9am-8pm", "America/New_York", "CT", 2025, 7, 2, "09:00", "20:00"},
		{"Kentucky 10am-9pm", "America/Kentucky/Louisville", "KY", 2025, 7, 2, "10:00", "21:00"},
		{"Massachusetts 8am-8pm", "America/New_York", "MA", 2025, 7, 2, "08:00", "20:00"},
		{"Michigan 9am-9pm", "America/Detroit", "MI", 2025, 7, 2, "09:00", "21:00"},
		{"Minnesota 9am-9pm", "America/Chicago", "MN", 2025, 7, 2, "09:00", "21:00"},
		{"New Mexico 9am-9pm", "America/Denver", "NM", 2025, 7, 2, "09:00", "21:00"},
		{"Nevada 9am-9pm (automated calls; the zero Call is one)", "America/Los_Angeles", "NV", 2025, 7, 2, "09:00", "21:00"},
		{"Pennsylvania weekday before Act 47: federal", "America/New_York", "PA", 2025, 7, 2, "08:00", "21:00"},
		{"Pennsylvania no holidays", "America/New_York", "PA", 2025, 7, 4, closedDay, ""},
		{"Pennsylvania Act 47: 9am-7pm", "America/New_York", "PA", 2026, 11, 4, "09:00", "19:00"},
		{"Nebraska weekday: federal", "America/Chicago", "NE", 2025, 7, 2, "08:00", "21:00"},
		{"Nebraska Sunday: federal (no Sunday rule in the statutes)", "America/Chicago", "NE", 2025, 7, 6, "08:00", "21:00"},
		{"Nebraska holiday: federal (Memorial Day)", "America/Chicago", "NE", 2025, 5, 26, "08:00", "21:00"},
		{"Wyoming 8am-8pm", "America/Denver", "WY", 2025, 7, 2, "08:00", "20:00"},
		{"Oregon 2025: federal", "America/Los_Angeles", "OR", 2025, 7, 2, "08:00", "21:00"},
		{"Oregon 2026: 8am-8pm", "America/Los_Angeles", "OR", 2026, 7, 1, "08:00", "20:00"},
		{"South Dakota automated: weekday 9am-9pm", "America/Chicago", "SD", 2025, 7, 2, "09:00", "21:00"},
		{"South Dakota automated: no Saturdays", "America/Chicago", "SD", 2025, 7, 5, closedDay, ""},
		{"Maine automated: weekday 9am-5pm", "America/New_York", "ME", 2025, 7, 2, "09:00", "17:00"},
		{"Maine automated: no Sundays", "America/New_York", "ME", 2025, 7, 6, closedDay, ""},
		{"California automated 9am-9pm", "America/Los_Angeles", "CA", 2025, 7, 2, "09:00", "21:00"},
		{"Indiana automated 9am-8pm (not found, applied)", "America/Indiana/Indianapolis", "IN", 2025, 7, 2, "09:00", "20:00"},
		{"state lower case and spaced", "America/New_York", " fl ", 2025, 7, 2, "08:00", "20:00"},
		{"unknown state: every rule at once, weekday (KY from 10, ME until 17)", "America/New_York", "", 2025, 7, 2, "10:00", "17:00"},
		{"unknown state: Saturday (ME and SD automated: weekdays only)", "America/New_York", "", 2025, 7, 5, closedDay, ""},
		{"unknown state: Sunday", "America/New_York", "", 2025, 7, 6, closedDay, ""},
		{"unknown state in Hawaii: 8pm CST = 4pm HST", "Pacific/Honolulu", "", 2025, 7, 2, "10:00", "16:00"},
		{"Arizona has no DST", "America/Phoenix", "AZ", 2025, 7, 2, "08:00", "21:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := MustParse(tt.zone)
			day := hhmm(t, tt.zone, tt.y, tt.m, tt.d, 12, 0)
			w, err := ContactWindow(z, tt.state, day)
			require.NoError(t, err)
			if tt.from == closedDay {
				assert.False(t, w.IsOpen())
				assert.Equal(t, Window{}, w)
				ok, _ := MayContact(day, z, tt.state)
				assert.False(t, ok)
				return
			}
			require.True(t, w.IsOpen())
			assert.Equal(t, tt.from, w.Start.Format("15:04"))
			assert.Equal(t, tt.to, w.End.Format("15:04"))
			assert.Equal(t, tt.zone, w.Start.Location().String())
			y, m, d := w.Start.Date()
			assert.Equal(t, []int{tt.y, int(tt.m), tt.d}, []int{y, int(m), d})
		})
	}
}

// TestWindowBoundaries: Start inclusive, End exclusive (a call at exactly 9:00 p.m. is out).
func TestWindowBoundaries(t *testing.T) {
	z := MustParse("America/New_York")
	tests := []struct {
		h, m, s int
		ok      bool
		next    string
	}{
		{7, 59, 59, false, "2025-07-02 08:00 EDT"},
		{8, 0, 0, true, "2025-07-02 21:00 EDT"},
		{20, 59, 59, true, "2025-07-02 21:00 EDT"},
		{21, 0, 0, false, "2025-07-03 08:00 EDT"},
		{23, 30, 0, false, "2025-07-03 08:00 EDT"},
	}
	for _, tt := range tests {
		now := time.Date(2025, 7, 2, tt.h, tt.m, tt.s, 0, loc(t, "America/New_York"))
		ok, next := MayContact(now, z, "NY")
		assert.Equal(t, tt.ok, ok, now)
		assert.Equal(t, tt.next, next.Format("2006-01-02 15:04 MST"), now)
		w, err := ContactWindow(z, "NY", now)
		require.NoError(t, err)
		assert.Equal(t, tt.ok, w.Contains(now), now)
	}
}

// TestMayContactNextSkipsClosedDays: Rhode Island, Saturday evening: Sunday is closed, so
// the next window is Monday 9am; on July 4 (a Friday holiday) the next is Saturday 10am.
func TestMayContactNextSkipsClosedDays(t *testing.T) {
	z := MustParse("America/New_York")
	ok, next := MayContact(hhmm(t, "America/New_York", 2025, 7, 5, 17, 30), z, "RI")
	assert.False(t, ok)
	assert.Equal(t, "2025-07-07 09:00 EDT", next.Format("2006-01-02 15:04 MST"))

	ok, next = MayContact(hhmm(t, "America/New_York", 2025, 7, 4, 10, 0), z, "RI")
	assert.False(t, ok)
	assert.Equal(t, "2025-07-05 10:00 EDT", next.Format("2006-01-02 15:04 MST"))
}

// TestMayContactDST: the window is computed on the instant; across the spring-forward night
// the next window opens at 08:00 EDT (12:00 UTC), not 08:00 EST.
func TestMayContactDST(t *testing.T) {
	z := MustParse("America/New_York")
	now := hhmm(t, "America/New_York", 2025, 3, 8, 22, 0) // Saturday 22:00 EST
	ok, next := MayContact(now, z, "NY")
	assert.False(t, ok)
	assert.Equal(t, time.Date(2025, 3, 9, 12, 0, 0, 0, time.UTC), next.UTC())
	assert.Equal(t, "2025-03-09 08:00 EDT", next.In(loc(t, "America/New_York")).Format("2006-01-02 15:04 MST"))
	// Next is in now's location.
	assert.Equal(t, now.Location(), next.Location())

	// Fall back: on 2025-11-02 the clocks are on EST again by 8am: 13:00Z to 02:00Z.
	w, err := ContactWindow(z, "NY", hhmm(t, "America/New_York", 2025, 11, 2, 12, 0))
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 11, 2, 13, 0, 0, 0, time.UTC), w.Start.UTC())
	assert.Equal(t, time.Date(2025, 11, 3, 2, 0, 0, 0, time.UTC), w.End.UTC())
}

// TestContactMostRestrictive: an uncertain zone (several candidates) takes the intersection
// of every candidate's window. Phenix City AL (Eastern/Central): 8am-8pm in both zones is
// 9am-8pm Eastern = 8am-7pm Central.
func TestContactMostRestrictive(t *testing.T) {
	c, err := PostalCandidates("36869")
	require.NoError(t, err)
	require.Equal(t, "America/New_York, America/Chicago", c.String())
	day := hhmm(t, "America/New_York", 2025, 7, 2, 12, 0)
	w, err := c.ContactWindow("AL", day)
	require.NoError(t, err)
	assert.Equal(t, "09:00 EDT", w.Start.Format("15:04 MST"))
	assert.Equal(t, "20:00 EDT", w.End.Format("15:04 MST"))

	// 7:30 CDT = 8:30 EDT: open in Eastern only, so closed; it opens at 8:00 CDT.
	ok, next := c.MayContact(hhmm(t, "America/Chicago", 2025, 7, 2, 7, 30), "AL")
	assert.False(t, ok)
	assert.Equal(t, time.Date(2025, 7, 2, 13, 0, 0, 0, time.UTC), next.UTC())
	// 8:30 CDT: open in both until 8pm EDT = 7pm CDT.
	ok, next = c.MayContact(hhmm(t, "America/Chicago", 2025, 7, 2, 8, 30), "AL")
	assert.True(t, ok)
	assert.Equal(t, time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC), next.UTC())
}

// TestContactArizonaNavajo: Flagstaff 86004 (Denver with DST / Phoenix without): in July
// 8am MST (Phoenix) = 9am MDT, so the joint window is 8am-8pm Phoenix time.
func TestContactArizonaNavajo(t *testing.T) {
	r, err := Resolve("", "86004")
	require.NoError(t, err)
	w, err := r.Candidates.ContactWindow("AZ", hhmm(t, "America/Phoenix", 2025, 7, 2, 12, 0))
	require.NoError(t, err)
	ph := loc(t, "America/Phoenix")
	assert.Equal(t, "08:00", w.Start.In(ph).Format("15:04"))
	assert.Equal(t, "20:00", w.End.In(ph).Format("15:04"))
	// In January both zones are UTC-7: the federal window.
	w, err = r.Candidates.ContactWindow("AZ", hhmm(t, "America/Phoenix", 2025, 1, 8, 12, 0))
	require.NoError(t, err)
	assert.Equal(t, "08:00", w.Start.In(ph).Format("15:04"))
	assert.Equal(t, "21:00", w.End.In(ph).Format("15:04"))
}

// TestContactFarApartZones: Guam and Los Angeles. Same calendar date windows never meet,
// so ContactWindow is closed; at the instant level Guam's Thursday morning overlaps Los
// Angeles' Wednesday afternoon, and MayContact says yes there.
func TestContactFarApartZones(t *testing.T) {
	c, _ := Candidates{}.Add(MustParse("ChST"))
	c, _ = c.Add(MustParse("PST"))
	w, err := c.ContactWindow("", time.Date(2025, 7, 2, 12, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.False(t, w.IsOpen())

	// 2025-07-02 23:00 UTC = Thu 09:00 ChST = Wed 16:00 PDT: both federal windows open.
	ok, next := c.MayContact(time.Date(2025, 7, 2, 23, 0, 0, 0, time.UTC), "GU")
	assert.True(t, ok)
	assert.Equal(t, time.Date(2025, 7, 3, 4, 0, 0, 0, time.UTC), next) // 21:00 PDT
}

func TestContactInvalidInput(t *testing.T) {
	day := time.Date(2025, 7, 2, 12, 0, 0, 0, time.UTC)
	_, err := ContactWindow(Zone{}, "FL", day)
	assert.ErrorIs(t, err, ErrUnknownZone)
	ok, next := MayContact(day, Zone{}, "FL")
	assert.False(t, ok)
	assert.True(t, next.IsZero())

	for _, st := range []string{"XX", "Florida", "F", "ON", "F L"} {
		_, err = ContactWindow(MustParse("EST"), st, day)
		assert.ErrorIs(t, err, ErrUnknownState, st)
		var e *Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, "state", e.Field())
		assert.Equal(t, "state_unknown", e.Code())
		ok, next = MayContact(day, MustParse("EST"), st)
		assert.False(t, ok)
		assert.True(t, next.IsZero())
	}
	assert.True(t, IsState("dc"))
	assert.True(t, IsState("AE"))
	assert.False(t, IsState("ZZ"))
}

// TestPolicyHoliday: the default calendar closes Utah on Pioneer Day (July 24); a host
// passes its own calendar in Policy.Holiday, which replaces the built-in one.
func TestPolicyHoliday(t *testing.T) {
	c, _ := Candidates{}.Add(MustParse("America/Denver"))
	day := hhmm(t, "America/Denver", 2025, 7, 24, 12, 0)
	w, err := ContactWindow(MustParse("America/Denver"), "UT", day)
	require.NoError(t, err)
	assert.False(t, w.IsOpen(), "Pioneer Day is a Utah legal holiday")
	ok, next := MayContact(day, MustParse("America/Denver"), "UT")
	assert.False(t, ok)
	assert.Equal(t, "2025-07-25 08:00", next.In(loc(t, "America/Denver")).Format("2006-01-02 15:04"))

	federalOnly := Policy{Holiday: func(_ string, y int, m time.Month, d int) bool { return FederalHoliday(y, m, d) }}
	w, err = federalOnly.ContactWindow(c, "UT", day)
	require.NoError(t, err)
	assert.True(t, w.IsOpen(), "July 24 is no federal holiday")

	// A host's extra day (a governor's proclamation) closes too.
	extra := Policy{Holiday: func(st string, y int, m time.Month, d int) bool {
		return StateHoliday(st, y, m, d) || (st == "UT" && m == time.July && d == 25)
	}}
	ok, next = extra.MayContact(day, c, "UT")
	assert.False(t, ok)
	assert.Equal(t, "2025-07-26 08:00", next.In(loc(t, "America/Denver")).Format("2006-01-02 15:04"))
}

func TestFederalHoliday(t *testing.T) {
	yes := []string{
		"2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04",
		"2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25",
		"2021-12-31", // New Year's Day 2022 fell on a Saturday: observed Friday
		"2022-01-01",
		"2023-01-02", // New Year's Day 2023 fell on a Sunday: observed Monday
		"2026-07-03", // July 4, 2026 is a Saturday
		"2021-06-18", // first Juneteenth, on a Saturday: observed Friday
	}
	no := []string{
		"2025-07-03", "2025-05-19", "2025-11-20", "2025-01-13", "2025-10-06", "2025-12-24",
		"2020-06-19", // before Juneteenth was a federal holiday
		"2025-11-10",
	}
	for _, s := range yes {
		d, err := time.Parse(time.DateOnly, s)
		require.NoError(t, err)
		assert.True(t, FederalHoliday(d.Date()), s)
	}
	for _, s := range no {
		d, err := time.Parse(time.DateOnly, s)
		require.NoError(t, err)
		assert.False(t, FederalHoliday(d.Date()), s)
	}
}
