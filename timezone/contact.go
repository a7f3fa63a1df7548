package timezone

import (
	"time"
)

// Window is the span of instants [Start, End) during which a customer may be contacted on
// one day: Start is inclusive, End exclusive (a call at exactly 9:00 p.m. is outside the
// federal window; that reading of "after 9:00 p.m." is the conservative one). A closed day
// is the zero Window.
type Window struct {
	Start, End time.Time
}

// IsOpen reports whether the window admits any instant.
func (w Window) IsOpen() bool { return w.End.After(w.Start) }

// Contains reports whether t is in [Start, End).
func (w Window) Contains(t time.Time) bool {
	return w.IsOpen() && !t.Before(w.Start) && t.Before(w.End)
}

// Policy computes contact windows. The zero Policy is the package default and is what the
// package-level functions use.
type Policy struct {
	// Holiday reports whether the calendar date is a legal holiday in the state (a USPS
	// code, upper case) for the rules that close on holidays (AL, LA, PA, RI, UT). Nil
	// means StateHoliday: the federal holidays plus the state's own (Utah's Pioneer Day,
	// Pennsylvania's Good Friday, Flag Day and Election Day, and so on). A host that keeps
	// its own calendars passes them here, typically as StateHoliday(...) || its own days.
	// It must be safe for concurrent use.
	Holiday func(state string, year int, month time.Month, day int) bool
}

// horizon is how far MayContact looks for the next open window. No rule closes more than
// a few days in a row (a weekend next to a holiday), so two weeks is ample.
const horizon = 14

// ContactWindow returns the window in which zone may be contacted on the calendar date of
// day in zone, for a customer in state (see Policy.ContactWindow).
func ContactWindow(zone Zone, state string, day time.Time) (Window, error) {
	c, _ := Candidates{}.Add(zone)
	return Policy{}.CallWindow(c, state, day, Call{})
}

// MayContact reports whether a customer in zone and state may be contacted at now, and
// next: when ok, the instant the current window closes; when not, the instant the next
// window opens (zero when none opens within two weeks, or when zone or state is invalid).
// It never returns true on invalid input. It asks about the zero Call (any kind of call,
// no relationship), the most restrictive question; MayCall asks about a given call. See
// Policy.MayContact.
func MayContact(now time.Time, zone Zone, state string) (ok bool, next time.Time) {
	c, _ := Candidates{}.Add(zone)
	return Policy{}.MayCall(now, c, state, Call{})
}

// ContactWindow is Policy{}.ContactWindow(c, state, day).
func (c Candidates) ContactWindow(state string, day time.Time) (Window, error) {
	return Policy{}.CallWindow(c, state, day, Call{})
}

// MayContact is Policy{}.MayContact(now, c, state).
func (c Candidates) MayContact(now time.Time, state string) (ok bool, next time.Time) {
	return Policy{}.MayCall(now, c, state, Call{})
}

// ContactWindow is CallWindow for the zero Call: any kind of call, no relationship, the
// most restrictive question.
func (p Policy) ContactWindow(c Candidates, state string, day time.Time) (Window, error) {
	return p.CallWindow(c, state, day, Call{})
}

// MayContact is MayCall for the zero Call: any kind of call, no relationship, the most
// restrictive question.
func (p Policy) MayContact(now time.Time, c Candidates, state string) (ok bool, next time.Time) {
	return p.MayCall(now, c, state, Call{})
}

// CallWindow returns the window in which call may be made on the calendar date of day in
// each candidate zone: the federal window (8:00 a.m. to 9:00 p.m. at the called party's
// location, 47 CFR 64.1200(c)(1), which always applies) narrowed by the clauses of state's
// rule in force on that date that cover call (see CallingRule for each state's rule, its
// citation and evidence), intersected across the candidate zones (the most restrictive
// choice when the zone is uncertain). state is a USPS code, matched case-insensitively
// after trimming; "" means the state is unknown and applies every state's rule at once.
// Territory, military and freely associated state codes get the federal window. Start and
// End are in the primary zone's location. Errors: ErrUnknownZone (no candidate),
// ErrUnknownState, ErrTooLong, ErrLocationUnavailable. CallWindow is a per-date view for
// display and scheduling; MayCall, which works on the instant, is the check to make before
// each call (for zones a day apart, such as Guam and the mainland, the two can differ).
func (p Policy) CallWindow(c Candidates, state string, day time.Time, call Call) (Window, error) {
	rows, clk, err := p.prepare(c, state)
	if err != nil {
		return Window{}, err
	}
	call = call.norm()
	var w Window
	var primary *time.Location
	for i, z := range c.z[:c.n] {
		loc, err := z.Location()
		if err != nil {
			return Window{}, err
		}
		y, m, d := day.In(loc).Date()
		zw := p.dayWindow(loc, y, m, d, rows, call, &clk)
		if i == 0 {
			w, primary = zw, loc
			continue
		}
		w = intersect(w, zw)
	}
	if !w.IsOpen() {
		return Window{}, nil
	}
	return Window{Start: w.Start.In(primary), End: w.End.In(primary)}, nil
}

// MayCall reports whether call may be made at the instant now for every candidate zone
// (the most restrictive choice: only when all their windows are open; an empty Candidates
// never permits a call), under state's rules as in CallWindow. The rule in force is chosen
// by the date of the call in each zone, so a rule that takes effect on a date applies from
// that local midnight on. next is the instant the answer changes: when ok, the end of the
// current window; when not, the start of the next window, searched two weeks ahead (zero
// if there is none: invalid input, or candidates whose windows never overlap, such as Guam
// and the mainland). next is in now's location. The boundary instants follow Window: Start
// inclusive, End exclusive.
//
// The zero Call is the most restrictive question: for any state, zone and instant, a Call
// with a known Kind or a Relationship is allowed whenever the zero Call is, and perhaps
// more often (a rule written for automated calls does not bind a live call; Kentucky lifts
// its hours for existing customers, Utah for prior express consent). Florida's and
// Mississippi's hours bind every caller, licensed insurance agents included.
func (p Policy) MayCall(now time.Time, c Candidates, state string, call Call) (ok bool, next time.Time) {
	rows, clk, err := p.prepare(c, state)
	if err != nil {
		return false, time.Time{}
	}
	call = call.norm()
	// Look one day either side first (the usual answer), then two weeks ahead.
	for _, ahead := range [...]int{1, horizon} {
		ok, next, found, err := p.scan(now, c, rows, call, &clk, ahead)
		if err != nil {
			return false, time.Time{}
		}
		if found {
			return ok, next
		}
	}
	return false, time.Time{}
}

// scan intersects the candidates' windows from the day before now to ahead days after it
// and finds the one containing or following now.
func (p Policy) scan(now time.Time, c Candidates, rows []stateRow, call Call, clk *clocks, ahead int) (ok bool, next time.Time, found bool, err error) {
	// Stack buffers: a day has at most one window, so horizon+2 per zone; the
	// intersection of two such lists rarely has more (append grows them if it does).
	var bufOpen, bufZone, bufTmp [horizon + 2]Window
	open := bufOpen[:0]
	for i, z := range c.z[:c.n] {
		loc, err := z.Location()
		if err != nil {
			return false, time.Time{}, false, err
		}
		y, m, d := now.In(loc).Date()
		ws := bufZone[:0]
		if i == 0 {
			ws = open
		}
		for k := -1; k <= ahead; k++ {
			if w := p.dayWindow(loc, y, m, d+k, rows, call, clk); w.IsOpen() {
				ws = append(ws, w)
			}
		}
		if i == 0 {
			open = ws
		} else {
			open = append(open[:0], intersectAll(bufTmp[:0], open, ws)...)
		}
	}
	for _, w := range open {
		if !w.End.After(now) {
			continue
		}
		if !now.Before(w.Start) {
			return true, w.End.In(now.Location()), true, nil
		}
		return false, w.Start.In(now.Location()), true, nil
	}
	return false, time.Time{}, false, nil
}

// clocks holds the reference clocks the rules in play need, besides local time.
type clocks struct {
	central *time.Location
}

// prepare validates the input and returns the state rows that apply (none for a
// territory) and the reference clocks they need.
func (p Policy) prepare(c Candidates, state string) ([]stateRow, clocks, error) {
	if c.n == 0 {
		return nil, clocks{}, newError(FieldTimezone, ErrUnknownZone, "no zone")
	}
	if overLimit(state) {
		return nil, clocks{}, tooLong(FieldState, state)
	}
	var rows []stateRow
	if st := trimSpace(state); st == "" {
		rows = stateRows[:]
	} else {
		code, ok := stateCode(st)
		if !ok {
			return nil, clocks{}, newError(FieldState, ErrUnknownState, describeName(st))
		}
		if i := rowIndex(code); i >= 0 {
			rows = stateRows[i : i+1]
		}
	}
	var clk clocks
	var err error
	for i := range rows {
		for _, v := range rows[i].versions {
			for _, cl := range v.clauses {
				if cl.clock == clockCentral && clk.central == nil {
					clk.central, err = MustParse("America/Chicago").Location()
				}
				if err != nil {
					return nil, clocks{}, err
				}
			}
		}
	}
	return rows, clk, nil
}

// dayWindow returns the window of the calendar date y-m-d (normalized) in loc for call.
func (p Policy) dayWindow(loc *time.Location, y int, m time.Month, d int, rows []stateRow, call Call, clk *clocks) Window {
	day := civilDate(y, m, d)
	key := day.key()
	local := federal
	var ref [numClocks]span // the span also held on each reference clock
	var used [numClocks]bool
	for i := range rows {
		v := rows[i].at(key)
		holiday := -1 // not yet known
		for j := range v.clauses {
			cl := &v.clauses[j]
			if !cl.covers(call) {
				continue
			}
			s := cl.days[day.wd]
			if cl.holidays == holClosed || (cl.holidays == holClosedWeekdays && day.wd != time.Saturday && day.wd != time.Sunday) {
				if holiday < 0 {
					holiday = 0
					if p.isHoliday(rows[i].state, day) {
						holiday = 1
					}
				}
				if holiday == 1 {
					return Window{}
				}
			}
			local = local.and(s)
			if !local.open() {
				return Window{}
			}
			if cl.clock != clockLocal {
				if !used[cl.clock] {
					used[cl.clock], ref[cl.clock] = true, s
				} else {
					ref[cl.clock] = ref[cl.clock].and(s)
				}
			}
		}
	}
	w := Window{Start: at(loc, day, local.from), End: at(loc, day, local.to)}
	if used[clockCST] {
		// Fixed UTC-6: the wall time read as UTC, plus six hours.
		s := ref[clockCST]
		w = intersect(w, Window{
			Start: at(time.UTC, day, s.from).Add(6 * time.Hour),
			End:   at(time.UTC, day, s.to).Add(6 * time.Hour),
		})
	}
	if used[clockCentral] {
		w = intersect(w, Window{Start: at(clk.central, day, ref[clockCentral].from), End: at(clk.central, day, ref[clockCentral].to)})
	}
	if !w.IsOpen() {
		return Window{}
	}
	return w
}

func (p Policy) isHoliday(state string, day civil) bool {
	if p.Holiday != nil {
		return p.Holiday(state, day.y, day.m, day.d)
	}
	return day.federal() || day.stateExtra(state)
}

func at(loc *time.Location, day civil, minute int16) time.Time {
	return time.Date(day.y, day.m, day.d, int(minute)/60, int(minute)%60, 0, 0, loc)
}

func intersect(a, b Window) Window {
	if b.Start.After(a.Start) {
		a.Start = b.Start
	}
	if b.End.Before(a.End) {
		a.End = b.End
	}
	if !a.IsOpen() {
		return Window{}
	}
	return a
}

// intersectAll appends to dst the intersection of two sorted lists of disjoint windows.
func intersectAll(dst, a, b []Window) []Window {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if w := intersect(a[i], b[j]); w.IsOpen() {
			dst = append(dst, w)
		}
		if a[i].End.Before(b[j].End) {
			i++
		} else {
			j++
		}
	}
	return dst
}
