package timezone

// The calling-hour table: one row per state and DC, each a list of versions by effective
// date, each version a list of clauses. Compiled 2026-12-01 (CallingRulesDate) from the
// statutes and regulations cited in each version; see the Evidence of each version for
// whether the primary text was read. This is not legal advice: counsel should confirm the
// table before go-live, above all the rows marked EvidenceSecondary or EvidenceNotFound.
//
// Readings taken where the sources are silent or disagree (the most restrictive one):
//   - A clause written for "telephone solicitation" or "calls" in general covers every
//     kind of call, text messages included. A clause written for automatic dialing or
//     announcing devices covers autodialed, prerecorded and text contacts (texts are sent
//     by automated equipment; the statutes' reach over them is untested) but not live
//     calls.
//   - A relationship lifts a clause only where the text read says so; a carve-out known
//     only from secondary sources, or written for another section, is not applied.
//   - A clock named by the statute that is not every resident's local time ("Central
//     Standard Time" in Mississippi, "Central time" in Texas) is held together with the
//     called party's local time: a call must be inside both.
//   - A state's earliest recorded version also applies before its effective date.
//
// Not modelled: frequency caps (FL, OK, OR 3 calls per 24 hours; ME one automated call per
// 8 hours), Louisiana's ban during a governor-declared emergency, outright bans of a kind
// of call (Massachusetts prerecorded sales calls, 201 CMR 12.02(4); Washington ADAD sales
// calls, RCW 80.36.400), which are not calling-hour rules, and the territories' rules.

// kindSet is a set of CallKinds (bit 1<<kind).
type kindSet uint8

const (
	kLive      kindSet = 1 << KindLive
	kAuto      kindSet = 1 << KindAutodialed
	kPrerec    kindSet = 1 << KindPrerecorded
	kText      kindSet = 1 << KindText
	kAll               = kLive | kAuto | kPrerec | kText
	kAutomated         = kAuto | kPrerec | kText
)

// relSet is a set of Relationships (bit 1<<rel) that lift a clause.
type relSet uint8

const (
	liftsNone     relSet = 0
	liftsCustomer relSet = 1 << RelExistingCustomer
	liftsConsent  relSet = 1 << RelPriorConsent
)

// clock is the clock a clause's hours are read on, besides the called party's local time.
type clock uint8

const (
	clockLocal   clock = iota // the called party's local time only
	clockCST                  // also fixed UTC-6 ("Central Standard Time")
	clockCentral              // also America/Chicago
	numClocks
)

// holidayRule says how a clause treats the state's legal holidays (StateHoliday).
type holidayRule uint8

const (
	holOpen           holidayRule = iota // holidays are ordinary days
	holClosed                            // closed on every holiday
	holClosedWeekdays                    // closed on holidays falling Monday to Friday
)

// clause is one calling-hour rule: the days and hours it allows to the calls it covers.
type clause struct {
	kinds    kindSet // the kinds of call it covers (KindUnknown: covered when any is)
	lifts    relSet  // relationships that take a call outside it
	days     [7]span // allowed span by time.Weekday; a closed span closes the day
	holidays holidayRule
	clock    clock
}

// covers reports whether the clause binds call (already normalized).
func (c *clause) covers(call Call) bool {
	if call.Relationship != RelNone && c.lifts&(1<<call.Relationship) != 0 {
		return false
	}
	if call.Kind == KindUnknown {
		return c.kinds != 0
	}
	return c.kinds&(1<<call.Kind) != 0
}

// version is a state's rule from a date on.
type version struct {
	from     int // effective date as yyyymmdd; 0 when long-standing or not compiled
	evidence Evidence
	cite     string
	summary  string
	clauses  []clause
}

// stateRow is one state's versions, ordered by from.
type stateRow struct {
	state    string
	versions []version
}

// at returns the version in force on the date key (yyyymmdd): the last that took effect
// on or before it, or the earliest when none had.
func (r *stateRow) at(key int) *version {
	v := &r.versions[0]
	for i := 1; i < len(r.versions); i++ {
		if r.versions[i].from <= key {
			v = &r.versions[i]
		}
	}
	return v
}

// rowIndex returns the index of code's row in stateRows, or -1.
func rowIndex(code string) int {
	lo, hi := 0, len(stateRows)
	for lo < hi {
		mid := (lo + hi) / 2
		switch s := stateRows[mid].state; {
		case s == code:
			return mid
		case s < code:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return -1
}

var (
	allDay  = span{0, 24 * 60}
	h8to20  = span{hm(8, 0), hm(20, 0)}
	h9to20  = span{hm(9, 0), hm(20, 0)}
	h9to21  = span{hm(9, 0), hm(21, 0)}
	h10to21 = span{hm(10, 0), hm(21, 0)}
)

// every returns the same span for all seven days.
func every(s span) [7]span { return [7]span{s, s, s, s, s, s, s} }

// monSat returns s Monday to Saturday and sun on Sunday.
func monSat(s, sun span) [7]span { return [7]span{sun, s, s, s, s, s, s} }

// monFri returns s Monday to Friday and closed on weekends.
func monFri(s span) [7]span { return [7]span{closed, s, s, s, s, s, closed} }

// Citations and summaries shared by the rows where only the federal window applies.
const (
	citeFederalOnly = "47 CFR 64.1200(c)(1); state law reported to set no narrower hours"
	sumFederalOnly  = "Federal window only: state rules are reported (secondary sources) not to narrow 8 a.m.-9 p.m."
	citeNotCompiled = "47 CFR 64.1200(c)(1); no state calling-hour law compiled"
	sumNotCompiled  = "Federal window only: no state calling-hour rule was compiled for this state."
)

// stateRows is the table, sorted by state: the 50 states and DC.
var stateRows = [...]stateRow{
	{"AK", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"AL", []version{{0, EvidenceSecondary, "Ala. Admin. Code r. 770-X-5-.17(1)(b), (2)",
		"8 a.m.-8 p.m. Monday to Saturday, no Sundays or Alabama holidays, local time. Paragraph (1), " +
			"automated calls, was read; its reach over live calls, paragraph (2), is known from a secondary " +
			"copy only and is applied (most restrictive). Every kind of call; nothing lifts it.",
		[]clause{{kAll, liftsNone, monSat(h8to20, closed), holClosed, clockLocal}}}}},
	{"AR", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"AZ", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"CA", []version{{0, EvidencePrimary, "Cal. Pub. Util. Code 2872(c)",
		"Automatic dialing-announcing device calls 9 a.m.-9 p.m. California time, which is the local time " +
			"of everyone in California (Pacific). Autodialed, prerecorded and text contacts; live calls are " +
			"not covered; no relationship lifts it.",
		[]clause{{kAutomated, liftsNone, every(h9to21), holOpen, clockLocal}}}}},
	{"CO", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"CT", []version{
		{0, EvidenceSecondary, "Conn. Gen. Stat. 42-288a(c) before PA 23-98",
			"9 a.m.-9 p.m. every day, the consumer's local time. Every kind of call; nothing lifts it.",
			[]clause{{kAll, liftsNone, every(h9to21), holOpen, clockLocal}}},
		{20231001, EvidenceSecondary, "Conn. Gen. Stat. 42-288a(c) as amended by PA 23-98; 42-288",
			"9 a.m.-8 p.m. every day, the consumer's local time (hours from secondary sources). Every kind of " +
				"call; whether prior express written consent takes a call outside the hours is undetermined: not lifted.",
			[]clause{{kAll, liftsNone, every(h9to20), holOpen, clockLocal}}}}},
	{"DC", []version{{0, EvidencePrimary, "D.C. Code 22-3226.08; 47 CFR 64.1200(c)(1)",
		"Federal window only: the District's telemarketing hours match 8 a.m.-9 p.m.", nil}}},
	{"DE", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"FL", []version{{20210701, EvidencePrimary, "Fla. Stat. 501.616(6)(a); 501.604",
		"8 a.m.-8 p.m. every day in the called person's time zone; no Sunday or holiday rule exists. Live " +
			"and automated calls, every kind; binds callers otherwise exempt under 501.604, licensed insurance " +
			"agents included; nothing lifts it (the rule covers unsolicited calls, but whether a requested call " +
			"falls outside is untested).",
		[]clause{{kAll, liftsNone, every(h8to20), holOpen, clockLocal}}}}},
	{"GA", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"HI", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"IA", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"ID", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"IL", []version{{0, EvidenceSecondary, citeFederalOnly + "; 815 ILCS 5/8b binds securities dealers only",
		sumFederalOnly + " The securities-dealer hours of 815 ILCS 5/8b are out of scope and not applied.", nil}}},
	{"IN", []version{{0, EvidenceNotFound, "IC 24-5-14 (hours reported, not found in the text read)",
		"Automatic dialing-announcing calls 9 a.m.-8 p.m. as reported by charts, applied to autodialed, " +
			"prerecorded and text contacts (most restrictive); the live-call law, IC 24-4.7, sets no hours.",
		[]clause{{kAutomated, liftsNone, every(h9to20), holOpen, clockLocal}}}}},
	{"KS", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"KY", []version{{0, EvidenceSecondary, "KRS 367.46955(16); 367.46951(2)(c); 367.461(2)(e)",
		"10 a.m.-9 p.m. every day at the called person's location (hours from secondary sources). Every kind " +
			"of call; calls to a person with a prior or existing business relationship are not telephone " +
			"solicitation (read): an existing customer lifts it. The recorded-message rule, 367.461, equals " +
			"the federal window.",
		[]clause{{kAll, liftsCustomer, every(h10to21), holOpen, clockLocal}}}}},
	{"LA", []version{{0, EvidencePrimary, "La. R.S. 45:811(2)-(3); 45:844.31; LPSC General Order R-29617",
		"8 a.m.-8 p.m. Monday to Saturday, no Sundays or Louisiana holidays, local time. Automatic dialing " +
			"and live-operator calls, every kind; nothing lifts it. The total ban during a governor-declared " +
			"emergency is not modelled: a host must block calls itself.",
		[]clause{{kAll, liftsNone, monSat(h8to20, closed), holClosed, clockLocal}}}}},
	{"MA", []version{{0, EvidencePrimary, "201 CMR 12.02(2); M.G.L. c.159C s.3",
		"8 a.m.-8 p.m. every day, the consumer's local time. Every kind of call; the statute's consent and " +
			"existing-customer carve-outs were not read: not lifted. Prerecorded sales calls are banned " +
			"outright (201 CMR 12.02(4)), which this table does not model.",
		[]clause{{kAll, liftsNone, every(h8to20), holOpen, clockLocal}}}}},
	{"MD", []version{{20240101, EvidenceSecondary, "Md. Code, Com. Law 14-4502(c)",
		"8 a.m.-8 p.m. every day in the called party's time zone (hours from secondary sources; one says in " +
			"force from 2023, applied to earlier dates too). Every kind of call; the exemptions of " +
			"14-4502(a) do not reach the hours: nothing lifts it.",
		[]clause{{kAll, liftsNone, every(h8to20), holOpen, clockLocal}}}}},
	{"ME", []version{{0, EvidencePrimary, "10 M.R.S. 1498(3)",
		"Automated calling devices 9 a.m.-5 p.m. Monday to Friday, no weekend calls, time in Maine. " +
			"Autodialed, prerecorded and text contacts; live calls are not covered; the exceptions for " +
			"purchase-status and inquiry calls are narrower than a relationship: not lifted.",
		[]clause{{kAutomated, liftsNone, monFri(span{hm(9, 0), hm(17, 0)}), holOpen, clockLocal}}}}},
	{"MI", []version{{0, EvidenceSecondary, "MCL 750.540e(1)(f)",
		"9 a.m.-9 p.m. every day. Every kind of call; the exclusions of existing customers and invited calls " +
			"belong to the telemarketing act (MCL 445.111), not to this section: not lifted.",
		[]clause{{kAll, liftsNone, every(h9to21), holOpen, clockLocal}}}}},
	{"MN", []version{{0, EvidenceSecondary, "Minn. Stat. 325E.30",
		"9 a.m.-9 p.m. every day. Every kind of call; the no-call law's exclusions (325E.311) are not known " +
			"to reach this section: not lifted.",
		[]clause{{kAll, liftsNone, every(h9to21), holOpen, clockLocal}}}}},
	{"MO", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"MS", []version{{0, EvidencePrimary, "Miss. Code 77-3-723",
		"8 a.m.-8 p.m. Monday to Saturday, no Sundays, no holiday rule, \"Central Standard Time\": held both " +
			"in local time and in fixed UTC-6 (9 a.m.-8 p.m. CDT in summer). Every kind of call; binds " +
			"solicitors exempt under 77-3-711, licensed insurance agents included; nothing lifts it.",
		[]clause{{kAll, liftsNone, monSat(h8to20, closed), holOpen, clockCST}}}}},
	{"MT", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"NC", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"ND", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"NE", []version{{0, EvidencePrimary, "Neb. Rev. Stat. 86-248(1), 86-242(2), 86-256",
		"Federal window only: automatic dialing-announcing solicitations 8 a.m.-9 p.m. at the called " +
			"person's location; no Sunday or holiday rule was found in the statutes.", nil}}},
	{"NH", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"NJ", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"NM", []version{{0, EvidencePrimary, "NMSA 1978, 57-12-22(B)(5)",
		"9 a.m.-9 p.m. every day where received (2006 text; later amendments not checked). Every kind of " +
			"call; the section's exclusions were not read: not lifted.",
		[]clause{{kAll, liftsNone, every(h9to21), holOpen, clockLocal}}}}},
	{"NV", []version{{0, EvidencePrimary, "NRS 597.814(2)(a), (3)",
		"Automatic dialing-announcing calls received in Nevada 9 a.m.-9 p.m. Autodialed, prerecorded and " +
			"text contacts; live calls are not covered; an existing business relationship lifts it. No " +
			"9 a.m.-8 p.m. rule was found.",
		[]clause{{kAutomated, liftsCustomer, every(h9to21), holOpen, clockLocal}}}}},
	{"NY", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"OH", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"OK", []version{
		{0, EvidencePrimary, "15 O.S. 755.1(C)(2)",
			"Automatic dial-announcing calls terminating in Oklahoma 9 a.m.-9 p.m. Autodialed, prerecorded " +
				"and text contacts; nothing lifts it.",
			[]clause{{kAutomated, liftsNone, every(h9to21), holOpen, clockLocal}}},
		{20221101, EvidenceSecondary, "15 O.S. 775C.4; 755.1(C)(2)",
			"8 a.m.-8 p.m. every day at the called party's local time for every kind of call (hours from " +
				"secondary sources), and 9 a.m.-9 p.m. for automatic dial-announcing calls, so 9 a.m.-8 p.m. for " +
				"those. The reported existing-customer exemption was not read: not lifted.",
			[]clause{
				{kAll, liftsNone, every(h8to20), holOpen, clockLocal},
				{kAutomated, liftsNone, every(h9to21), holOpen, clockLocal},
			}}}},
	{"OR", []version{
		{0, EvidenceSecondary, "ORS 646.563 before HB 3865 (2025)",
			"Federal window only: no state calling hours before 2026.", nil},
		{20260101, EvidenceSecondary, "ORS 646.563 as amended by HB 3865 (2025)",
			"8 a.m.-8 p.m. every day, local time. Every kind of call, texts included; whether an established " +
				"business relationship lifts the hours is unclear: not lifted.",
			[]clause{{kAll, liftsNone, every(h8to20), holOpen, clockLocal}}}}},
	{"PA", []version{
		{20191203, EvidenceSecondary, "73 P.S. 2245(a)(1), (a)(10)",
			"8 a.m.-9 p.m. (the federal window; read) and no calls on Pennsylvania legal holidays (the holiday " +
				"ban and its list from secondary sources), every kind of call. The holiday ban covers " +
				"\"telephone solicitation calls\", which exclude existing customers (12 months): they lift it.",
			[]clause{{kAll, liftsCustomer, every(allDay), holClosed, clockLocal}}},
		{20261018, EvidenceSecondary, "73 P.S. 2245 as amended by Act 47 of 2026 (SB 992)",
			"9 a.m.-7 p.m. Monday to Saturday, no Sundays; every kind of call, texts and ringless voicemail " +
				"included; nothing lifts the hours. The holiday ban as before. Enactment (approved 2026-07-20, in " +
				"force 90 days later) is known from secondary sources only.",
			[]clause{
				{kAll, liftsNone, monSat(span{hm(9, 0), hm(19, 0)}, closed), holOpen, clockLocal},
				{kAll, liftsCustomer, every(allDay), holClosed, clockLocal},
			}}}},
	{"RI", []version{{0, EvidencePrimary, "R.I. Gen. Laws 5-61-2(2), 5-61-3.6",
		"Monday to Friday 9 a.m.-6 p.m., Saturday 10 a.m.-5 p.m., no Sundays, and no state or federal " +
			"holidays falling Monday to Friday, local time. Written for \"telephonic sellers\" (the exclusion " +
			"list was not read): applied to every kind of call; nothing lifts it.",
		[]clause{{kAll, liftsNone, [7]span{closed, {hm(9, 0), hm(18, 0)}, {hm(9, 0), hm(18, 0)},
			{hm(9, 0), hm(18, 0)}, {hm(9, 0), hm(18, 0)}, {hm(9, 0), hm(18, 0)}, {hm(10, 0), hm(17, 0)}},
			holClosedWeekdays, clockLocal}}}}},
	{"SC", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"SD", []version{{0, EvidencePrimary, "SDCL 37-30-28",
		"Automatic telephone dialing system solicitations 9 a.m.-9 p.m. Monday to Friday only, time in South " +
			"Dakota (local). Autodialed, prerecorded and text contacts; live calls are not covered; nothing " +
			"lifts it.",
		[]clause{{kAutomated, liftsNone, monFri(h9to21), holOpen, clockLocal}}}}},
	{"TN", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"TX", []version{{0, EvidenceSecondary, "Tex. Bus. & Com. Code 301.051",
		"9 a.m.-9 p.m. Monday to Saturday, noon-9 p.m. Sunday (primary text not found). The sources disagree " +
			"on the clock (Texas Central time or the recipient's local time): both are held, so El Paso gets " +
			"9 a.m.-8 p.m. Mountain. Every kind of call (texts since SB 140, 2025-09-01); nothing lifts it.",
		[]clause{{kAll, liftsNone, monSat(h9to21, span{hm(12, 0), hm(21, 0)}), holOpen, clockCentral}}}}},
	{"UT", []version{{0, EvidencePrimary, "Utah Code 13-25a-103(3)",
		"8 a.m.-9 p.m. Monday to Saturday, no Sundays or Utah legal holidays, local time; residential and " +
			"cellular lines, every kind of call. Only prior express consent lifts it (an established business " +
			"relationship does not).",
		[]clause{{kAll, liftsConsent, monSat(federal, closed), holClosed, clockLocal}}}}},
	{"VA", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"VT", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"WA", []version{{0, EvidenceSecondary, "RCW 19.158.040(2); 80.36.390",
		"8 a.m.-8 p.m. every day at the recipient's local time (the 8 p.m. end since the 2022 amendment, " +
			"applied to earlier dates too). RCW 19.158 (read) excludes licensed insurance producers; " +
			"80.36.390 (hours from secondary sources) covers them. Every kind of call; both exclude calls to " +
			"recent purchasers: an existing customer lifts it. 80.36.390 also excludes calls answering the " +
			"consumer's request, 19.158 is not known to: consent does not lift it. The ADAD sales-call ban " +
			"(80.36.400) is not modelled.",
		[]clause{{kAll, liftsCustomer, every(h8to20), holOpen, clockLocal}}}}},
	{"WI", []version{{0, EvidenceNone, citeNotCompiled, sumNotCompiled, nil}}},
	{"WV", []version{{0, EvidenceSecondary, citeFederalOnly, sumFederalOnly, nil}}},
	{"WY", []version{{0, EvidenceSecondary, "Wyo. Stat. 40-12-302(d)",
		"8 a.m.-8 p.m. every day, the consumer's local time (hours from secondary sources). Every kind of " +
			"call; the exemptions the Attorney General lists (requested calls, existing contracts, established " +
			"relationships) were not read in the statute: not lifted.",
		[]clause{{kAll, liftsNone, every(h8to20), holOpen, clockLocal}}}}},
}
