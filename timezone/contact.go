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
	// code, upper case) for the rules that close or shorten holidays (AL, LA, NE, PA, RI,
	// UT). Nil means FederalHoliday for every state. State legal holidays differ (e.g. Utah's
	// Pioneer Day, Rhode Island's Victory Day); a host that keeps state calendars passes them
	// here. It must be safe for concurrent use.
	Holiday func(state string, year int, month time.Month, day int) bool
}

// horizon is how far MayContact looks for the next open window. No rule closes more than
// a few days in a row (a Sunday next to a holiday), so two weeks is ample.
const horizon = 14

// ContactWindow returns the window in which zone may be contacted on the calendar date of
// day in zone, for a customer in state (see Policy.ContactWindow).
func ContactWindow(zone Zone, state string, day time.Time) (Window, error) {
	c, _ := Candidates{}.Add(zone)
	return Policy{}.ContactWindow(c, state, day)
}

// MayContact reports whether a customer in zone and state may be contacted at now, and
// next: when ok, the instant the current window closes; when not, the instant the next
// window opens (zero when none opens within two weeks, or when zone or state is invalid).
// It never returns true on invalid input. See Policy.MayContact.
func MayContact(now time.Time, zone Zone, state string) (ok bool, next time.Time) {
	c, _ := Candidates{}.Add(zone)
	return Policy{}.MayContact(now, c, state)
}

// ContactWindow is Policy{}.ContactWindow(c, state, day).
func (c Candidates) ContactWindow(state string, day time.Time) (Window, error) {
	return Policy{}.ContactWindow(c, state, day)
}

// MayContact is Policy{}.MayContact(now, c, state).
func (c Candidates) MayContact(now time.Time, state string) (ok bool, next time.Time) {
	return Policy{}.MayContact(now, c, state)
}

// ContactWindow returns the window for the calendar date of day in each candidate zone:
// the federal window (8:00 a.m. to 9:00 p.m. local, 47 CFR 64.1200(c)(1)) narrowed by the
// rules of state (see the package documentation for the list, their sources and which are
// unverified), intersected across the candidate zones (the most restrictive choice when the
// zone is uncertain). state is a USPS code, matched case-insensitively after trimming; ""
// means the state is unknown and applies every state's rule at once. Start and End are in
// the primary zone's location. Errors: ErrUnknownZone (no candidate), ErrUnknownState,
// ErrLocationUnavailable. ContactWindow is a per-date view for display and scheduling;
// MayContact, which works on the instant, is the check to make before each contact (for
// zones a day apart, such as Guam and the mainland, the two can differ).
func (p Policy) ContactWindow(c Candidates, state string, day time.Time) (Window, error) {
	rules, err := p.prepare(c, state)
	if err != nil {
		return Window{}, err
	}
	var w Window
	var primary *time.Location
	for i, z := range c.z[:c.n] {
		loc, err := z.Location()
		if err != nil {
			return Window{}, err
		}
		y, m, d := day.In(loc).Date()
		zw := p.dayWindow(loc, y, m, d, rules)
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

// MayContact reports whether contact is permitted at the instant now for every candidate
// zone (the most restrictive choice: contact only when all their windows are open; an
// empty Candidates never permits contact), under state's rules as in ContactWindow. next is
// the instant the answer changes: when ok, the end of the current window; when not, the
// start of the next window, searched two weeks ahead (zero if there is none: invalid input,
// or candidates whose windows never overlap, such as Guam and the mainland). next is in
// now's location. The boundary instants follow Window: Start inclusive, End exclusive.
func (p Policy) MayContact(now time.Time, c Candidates, state string) (ok bool, next time.Time) {
	rules, err := p.prepare(c, state)
	if err != nil {
		return false, time.Time{}
	}
	// Look one day either side first (the usual answer), then two weeks ahead.
	for _, ahead := range [...]int{1, horizon} {
		ok, next, found, err := p.scan(now, c, rules, ahead)
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
func (p Policy) scan(now time.Time, c Candidates, rules []applied, ahead int) (ok bool, next time.Time, found bool, err error) {
	var open []Window
	for i, z := range c.z[:c.n] {
		loc, err := z.Location()
		if err != nil {
			return false, time.Time{}, false, err
		}
		y, m, d := now.In(loc).Date()
		ws := make([]Window, 0, ahead+2)
		for k := -1; k <= ahead; k++ {
			if w := p.dayWindow(loc, y, m, d+k, rules); w.IsOpen() {
				ws = append(ws, w)
			}
		}
		if i == 0 {
			open = ws
		} else {
			open = intersectAll(open, ws)
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

// applied is a state rule with its state code and resolved reference location.
type applied struct {
	rule  *stateRule
	state string
	ref   *time.Location // nil: no reference time besides local time
}

// prepare validates the input and returns the state rules that apply.
func (p Policy) prepare(c Candidates, state string) ([]applied, error) {
	if c.n == 0 {
		return nil, newError(FieldTimezone, ErrUnknownZone, "no zone")
	}
	if overLimit(state) {
		return nil, tooLong(FieldState, state)
	}
	var rules []*stateRule
	if st := trimSpace(state); st == "" {
		rules = stateRules[:]
	} else {
		code, ok := stateCode(st)
		if !ok {
			return nil, newError(FieldState, ErrUnknownState, describeName(st))
		}
		if r := ruleFor(code); r != nil {
			rules = []*stateRule{r}
		}
	}
	out := make([]applied, len(rules))
	for i, r := range rules {
		out[i] = applied{rule: r, state: r.state}
		switch r.ref {
		case refCST:
			out[i].ref = time.FixedZone("CST", -6*60*60)
		case refChicago:
			loc, err := MustParse("America/Chicago").Location()
			if err != nil {
				return nil, err
			}
			out[i].ref = loc
		}
	}
	return out, nil
}

// dayWindow returns the window of the calendar date y-m-d (normalized) in loc.
func (p Policy) dayWindow(loc *time.Location, y int, m time.Month, d int, rules []applied) Window {
	noon := time.Date(y, m, d, 12, 0, 0, 0, loc)
	y, m, d = noon.Date()
	wd := noon.Weekday()
	w := Window{Start: at(loc, y, m, d, federal.from), End: at(loc, y, m, d, federal.to)}
	for _, a := range rules {
		s := a.rule.days[wd]
		if a.rule.holidays && p.isHoliday(a.state, y, m, d) {
			s = s.and(a.rule.holiday)
		}
		if !s.open() {
			return Window{}
		}
		w = intersect(w, Window{Start: at(loc, y, m, d, s.from), End: at(loc, y, m, d, s.to)})
		if a.ref != nil {
			w = intersect(w, Window{Start: at(a.ref, y, m, d, s.from), End: at(a.ref, y, m, d, s.to)})
		}
	}
	if !w.IsOpen() {
		return Window{}
	}
	return w
}

func (p Policy) isHoliday(state string, y int, m time.Month, d int) bool {
	if p.Holiday != nil {
		return p.Holiday(state, y, m, d)
	}
	return FederalHoliday(y, m, d)
}

func at(loc *time.Location, y int, m time.Month, d int, minute int16) time.Time {
	return time.Date(y, m, d, int(minute)/60, int(minute)%60, 0, 0, loc)
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

// intersectAll intersects two sorted lists of disjoint windows.
func intersectAll(a, b []Window) []Window {
	var out []Window
	for i, j := 0, 0; i < len(a) && j < len(b); {
		if w := intersect(a[i], b[j]); w.IsOpen() {
			out = append(out, w)
		}
		if a[i].End.Before(b[j].End) {
			i++
		} else {
			j++
		}
	}
	return out
}
