package timezone

import "time"

// CallKind is the kind of contact a calling-hour question is about. The zero value,
// KindUnknown, is the safest: every state rule that covers any kind of contact applies.
type CallKind uint8

const (
	// KindUnknown: the kind is not known; every rule applies. Values outside the
	// constants below are treated as KindUnknown.
	KindUnknown CallKind = iota
	// KindLive: a call dialed by a person and carried by a live agent, with no recorded
	// or artificial voice.
	KindLive
	// KindAutodialed: a call placed by an automatic telephone dialing system or predictive
	// dialer (an "ADAD" or "ATDS" in the statutes), whoever speaks once it connects.
	KindAutodialed
	// KindPrerecorded: a call that plays a prerecorded or artificial voice, including
	// ringless voicemail.
	KindPrerecorded
	// KindText: a text message (SMS or MMS).
	KindText
)

var callKindNames = [...]string{"unknown", "live", "autodialed", "prerecorded", "text"}

// String returns "unknown", "live", "autodialed", "prerecorded" or "text".
func (k CallKind) String() string {
	if int(k) < len(callKindNames) {
		return callKindNames[k]
	}
	return "unknown"
}

// Relationship is the called party's relationship with the caller, as far as a state
// rule lifts its hours for it. The zero value, RelNone, is the safest: no exemption.
type Relationship uint8

const (
	// RelNone: no relationship, or not known. Values outside the constants below are
	// treated as RelNone.
	RelNone Relationship = iota
	// RelExistingCustomer: an established business relationship as the state defines it
	// (a purchase, contract or account within the period the state sets, such as
	// 12 months in Pennsylvania). The caller decides whether the state's test is met.
	RelExistingCustomer
	// RelPriorConsent: the called party's prior express invitation or permission (the
	// consumer asked for the call), as the state defines it.
	RelPriorConsent
)

var relationshipNames = [...]string{"none", "existing_customer", "prior_consent"}

// String returns "none", "existing_customer" or "prior_consent".
func (r Relationship) String() string {
	if int(r) < len(relationshipNames) {
		return relationshipNames[r]
	}
	return "none"
}

// Call describes the contact that MayCall and CallWindow judge. The zero Call (unknown
// kind, no relationship) is the most restrictive question and is what MayContact and
// ContactWindow ask. A customer who is both an existing customer and has given consent
// may be asked about with each Relationship: a state exemption applies when either lifts
// the rule.
//
// How the table reads the statutes, where they are silent or disagree (the most
// restrictive reading): a rule for "telephone solicitation" or "calls" in general covers
// every kind, text messages included; a rule for automatic dialing or announcing devices
// covers KindAutodialed, KindPrerecorded and KindText but not KindLive; a Relationship
// lifts a rule only where the text read says so (a carve-out known only from secondary
// sources, or written for another section, is not applied); a clock the statute names that
// is not every resident's local time (Mississippi's "Central Standard Time", Texas'
// disputed Central time) is held together with the called party's local time; a state's
// earliest recorded rule also applies before its effective date. The federal window,
// 8 a.m.-9 p.m. at the called party's location, applies to every Call.
type Call struct {
	// Kind is how the call is placed: live, autodialed, prerecorded or artificial voice,
	// or a text message. KindUnknown binds every rule.
	Kind CallKind
	// Relationship is what the called party has with the caller. RelNone lifts no rule.
	Relationship Relationship
}

// norm maps out-of-range values to the safest ones.
func (c Call) norm() Call {
	if c.Kind > KindText {
		c.Kind = KindUnknown
	}
	if c.Relationship > RelPriorConsent {
		c.Relationship = RelNone
	}
	return c
}

// Evidence says what a state row of the calling-hour table rests on.
type Evidence uint8

const (
	// EvidenceNone: no state rule was compiled for the state; only the federal window
	// applies.
	EvidenceNone Evidence = iota
	// EvidencePrimary: the text of the statute or regulation that sets the hours (or an
	// official bill text quoting it) was read.
	EvidencePrimary
	// EvidenceSecondary: the row rests, at least in part, on law-firm alerts, vendor
	// charts, news or third-party copies; the official text was not read. Where such
	// sources disagree, the table applies the most restrictive reading.
	EvidenceSecondary
	// EvidenceNotFound: a rule is reported, but neither its primary text nor reliable
	// secondary support was found. The table applies it anyway (the most restrictive
	// reading).
	EvidenceNotFound
)

var evidenceNames = [...]string{"none", "primary", "secondary", "not_found"}

// String returns "none", "primary", "secondary" or "not_found".
func (e Evidence) String() string {
	if int(e) < len(evidenceNames) {
		return evidenceNames[e]
	}
	return "none"
}

// Provenance of the calling-hour table.
const (
	// CallingRulesSource: where the state rows come from. Each row also carries its own
	// citation (StateRule.Citation).
	CallingRulesSource = "State statutes and regulations as cited per row; federal floor 47 CFR 64.1200(c)(1)"
	// CallingRulesLicense: statutes and regulations are public law, free of copyright.
	CallingRulesLicense = "public law (edicts of government are not subject to copyright)"
	// CallingRulesDate: the date the table was compiled against its sources.
	CallingRulesDate = "2026-12-01"
)

// StateRule describes the calling-hour rule of one state in force on a date, as the
// table records it. It is for display and audit; MayCall applies it.
type StateRule struct {
	// State is the USPS code.
	State string
	// Effective is the date the rule took effect, at midnight UTC; zero when the rule is
	// long-standing or its date was not compiled. A state's earliest recorded rule is
	// also applied before its effective date (the earlier law is not recorded).
	Effective time.Time
	// Citation names the statutes or regulations, such as "Fla. Stat. 501.616(6)(a)".
	Citation string
	// Evidence says whether the rule was checked against its primary text.
	Evidence Evidence
	// Summary states the hours, days, clock, the kinds of call covered and the
	// relationships that lift the rule, and where the most restrictive reading was taken.
	Summary string
}

// CallingRule returns the calling-hour rule the table applies in state (a USPS code,
// trimmed, any case) on the calendar date of day in day's location. The 50 states and DC
// have a row, also those where only the federal window applies (Evidence tells how far
// that was checked); territories, military and freely associated state codes have none,
// and CallingRule returns false for them as for unknown codes.
//
// The table, compiled on CallingRulesDate (hours are local to the called party, "every
// kind" includes texts, and the last column is the Evidence of the rule in force now;
// "secondary" and "not_found" rows rest on secondary sources or none, see
// StateRule.Summary for which part):
//
//	AL  8-20 Mon-Sat, closed Sundays and Alabama holidays, every kind          secondary
//	CA  9-21 automated calls and texts                                         primary
//	CT  9-20 (9-21 before 2023-10-01), every kind                              secondary
//	DC  federal                                                                primary
//	FL  8-20 every day, every kind and caller, nothing lifts it                primary
//	IN  9-20 automated calls and texts (reported only, applied)                not_found
//	KY  10-21, existing customers excepted                                     secondary
//	LA  8-20 Mon-Sat, closed Sundays and Louisiana holidays                    primary
//	MA  8-20                                                                   primary
//	MD  8-20                                                                   secondary
//	ME  9-17 Mon-Fri for automated calls and texts                             primary
//	MI  9-21                                                                   secondary
//	MN  9-21                                                                   secondary
//	MS  8-20 Mon-Sat, also in fixed CST, every caller, nothing lifts it        primary
//	NE  federal (no Sunday or holiday rule in the statutes)                    primary
//	NM  9-21                                                                   primary
//	NV  9-21 automated calls and texts, existing customers excepted            primary
//	OK  8-20, automated 9-21 (from 2022-11-01; before, automated 9-21 only)    secondary
//	OR  8-20 from 2026-01-01 (federal before)                                  secondary
//	PA  holidays closed (existing customers excepted); 9-19 Mon-Sat from
//	    2026-10-18 (Act 47 of 2026)                                            secondary
//	RI  9-18 Mon-Fri, 10-17 Sat, closed Sundays and weekday holidays           primary
//	SD  9-21 Mon-Fri for automated calls and texts                             primary
//	TX  9-21 Mon-Sat, 12-21 Sun, also in Central time                          secondary
//	UT  8-21 Mon-Sat, closed Sundays and Utah holidays, consent excepted       primary
//	WA  8-20, existing customers excepted                                      secondary
//	WY  8-20                                                                   secondary
//
// Federal window only, by secondary sources: GA HI IL MO MT NC ND NJ NY SC TN VA WV.
// Federal window only, no state rule compiled: AK AR AZ CO DE IA ID KS NH OH VT WI.
func CallingRule(state string, day time.Time) (StateRule, bool) {
	code, ok := stateCode(trimSpace(state))
	if !ok {
		return StateRule{}, false
	}
	i := rowIndex(code)
	if i < 0 {
		return StateRule{}, false
	}
	y, m, d := day.Date()
	v := stateRows[i].at(civilDate(y, m, d).key())
	r := StateRule{State: code, Citation: v.cite, Evidence: v.evidence, Summary: v.summary}
	if v.from != 0 {
		r.Effective = time.Date(v.from/10000, time.Month(v.from/100%100), v.from%100, 0, 0, 0, 0, time.UTC)
	}
	return r, true
}

// MayCall reports whether call may be made to a customer in zone and state at now, and
// next, as MayContact does. See Policy.MayCall.
func MayCall(now time.Time, zone Zone, state string, call Call) (ok bool, next time.Time) {
	c, _ := Candidates{}.Add(zone)
	return Policy{}.MayCall(now, c, state, call)
}

// CallWindow returns the window in which call may be made to zone on the calendar date of
// day in zone, for a customer in state. See Policy.CallWindow.
func CallWindow(zone Zone, state string, day time.Time, call Call) (Window, error) {
	c, _ := Candidates{}.Add(zone)
	return Policy{}.CallWindow(c, state, day, call)
}

// MayCall is Policy{}.MayCall(now, c, state, call).
func (c Candidates) MayCall(now time.Time, state string, call Call) (ok bool, next time.Time) {
	return Policy{}.MayCall(now, c, state, call)
}

// CallWindow is Policy{}.CallWindow(c, state, day, call).
func (c Candidates) CallWindow(state string, day time.Time, call Call) (Window, error) {
	return Policy{}.CallWindow(c, state, day, call)
}
