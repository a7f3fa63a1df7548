package timezone

import "strings"

// Source says where a Result's zone came from.
type Source uint8

const (
	// SourceNone is the zero Source of the zero Result.
	SourceNone Source = iota
	// SourceTimezone: the zone is the given timezone.
	SourceTimezone
	// SourcePostalCode: no timezone was given; the zone comes from the ZIP.
	SourcePostalCode
)

// String returns "timezone", "postalCode" or "".
func (s Source) String() string {
	switch s {
	case SourceTimezone:
		return FieldTimezone
	case SourcePostalCode:
		return FieldPostalCode
	}
	return ""
}

// Result is the outcome of Resolve. It is comparable.
type Result struct {
	// Zone is the customer's zone: the given timezone when there is one (it always wins),
	// else the ZIP's primary zone.
	Zone Zone
	// Source says which field Zone came from.
	Source Source
	// Postal holds the ZIP's zones when a postal code was given and found (also when the
	// timezone decided); empty otherwise.
	Postal Candidates
	// PostalErr is why a postal code given next to a valid timezone gave no zone (malformed,
	// unknown, military). It does not fail Resolve, since the timezone decides; report it as
	// a warning. Nil otherwise.
	PostalErr error
	// Mismatch reports that both fields were given, the ZIP was found and Zone is not one of
	// its zones: the given timezone won and the disagreement should be surfaced. Zones are
	// compared by name: America/Indiana/Indianapolis and America/New_York (same rules since
	// 2007) still mismatch.
	Mismatch bool
	// Candidates are all the zones in play for a contact decision, Zone first: the given
	// zone, the ZIP's zones, and America/Phoenix when the timezone was "MST" (Arizona keeps
	// MST all year; reference §b). Use it with Candidates.MayContact, which takes the most
	// restrictive window.
	Candidates Candidates
}

// Ambiguous reports whether more than one zone is in play for a contact decision.
func (r Result) Ambiguous() bool { return r.Candidates.Ambiguous() }

// Resolve applies the API rule for the timezone and postalCode fields (RULES.md, section
// timezone). A timezone given (not empty after trimming white space) is parsed and wins: an
// invalid one is an error, never replaced by the ZIP's zone; a postal code next to it is
// looked up only to report Mismatch or PostalErr. With no timezone the zone is derived from
// the postal code (ForPostalCode rules; an ambiguous ZIP is not an error here: Zone is its
// primary zone and Candidates holds them all). Neither given: ErrRequired, code
// timezone_or_postal_code_required. Empty and white-space-only fields count as not given.
// Errors carry the field path "timezone" or "postalCode".
func Resolve(timezone, postalCode string) (Result, error) {
	if overLimit(timezone) {
		return Result{}, tooLong(FieldTimezone, timezone)
	}
	if overLimit(postalCode) {
		return Result{}, tooLong(FieldPostalCode, postalCode)
	}
	tz, pc := trimSpace(timezone), trimSpace(postalCode)
	switch {
	case tz != "":
		z, err := Parse(tz)
		if err != nil {
			return Result{}, err
		}
		r := Result{Zone: z, Source: SourceTimezone}
		r.Candidates, _ = r.Candidates.Add(z)
		if pc != "" {
			c, err := PostalCandidates(pc)
			if err != nil {
				r.PostalErr = err
			} else {
				r.Postal = c
				r.Mismatch = !c.Contains(z)
				for p := range c.All() {
					r.Candidates, _ = r.Candidates.Add(p) // at most 3 zones: never full
				}
			}
		}
		if strings.EqualFold(tz, "MST") {
			r.Candidates, _ = r.Candidates.Add(phoenix())
		}
		return r, nil
	case pc != "":
		c, err := PostalCandidates(pc)
		if err != nil {
			return Result{}, err
		}
		return Result{Zone: c.Primary(), Source: SourcePostalCode, Postal: c, Candidates: c}, nil
	}
	return Result{}, newError(FieldTimezone, ErrRequired, "neither timezone nor postalCode")
}

func phoenix() Zone { return Zone{i: lookup("america/phoenix")} }
