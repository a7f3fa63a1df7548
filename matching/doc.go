// Package matching decides, for POST /v2/sync/aca, which existing customer
// each incoming record is (or that it is new) and which existing policy each
// of its policies updates (or that it is new), without ever merging two
// people and without losing a record. It is the rule book's section
// "matching" (RULES.md), as code.
//
// The package is storage-agnostic and writes nothing. A host implements
// three small lookups over its own database ([CustomerFinder],
// [FallbackFinder], [PolicyFinder]; func adapters provided; contract in
// lookup.go and checked by matching/matchingtest.TestStore), a [Planner]
// turns the records of one request into a [Plan] (one [Decision] per record,
// in input order), and the host applies the plan. [Store] is an in-memory
// implementation, for tests, tools and small hosts, with [Store.Apply].
//
// # Rules
//
//   - Identifiers ([Identifier]) are present when non-empty after trimming
//     (ASCII and Unicode spaces) and not "null", "undefined", "nan" or "none"
//     in any case; they compare exactly, case-sensitive, after trimming.
//   - Customer key, [StrategyLiteral] (the default, the API's text): the
//     first identifier present in the order healthSherpaCustomerId,
//     externalId, carrierAssignedCustomerId. One holder: matched; none: new;
//     several: ambiguous, the record fails with the candidates. The fallback
//     is used only when no identifier is present.
//   - [StrategyCascade]: the identifiers in the same order, the first present
//     one that matches wins (several holders: ambiguous, and the cascade
//     stops); when none matches, the fallback; new only when nothing matched.
//   - Fallback: [FallbackKey] of firstName, lastName, dateOfBirth and
//     phoneNumber, all four present and valid; one string, so a host stores
//     and indexes it as a column. Several holders: ambiguous. No nicknames, no
//     phonetics, no fuzzy matching.
//   - A matched customer gets its empty identifiers filled from the record
//     ([CustomerDecision].Fill); a different non-empty value is never
//     overwritten and a value another customer holds is never copied in
//     (both are [IDConflict]s).
//   - Policies: by healthSherpaPolicyId; if absent or it matches nothing, by
//     carrierAssignedPolicyId, except that a carrier-ID match holding a
//     different non-empty healthSherpaPolicyId is another enrollment, so the
//     policy is new ([WarningDifferentEnrollment]). Lookups are global: a
//     match owned by another customer ([ConflictOtherCustomer]) or not of type
//     ACA ([ConflictNotACA]), or several policies holding the identifier
//     ([ConflictAmbiguous]), is a conflict, which fails the record
//     ([ErrPolicyConflict], below). The owner and type checks apply to a
//     vetoed carrier-ID match too: another customer's or a non-ACA policy
//     holding the carrier ID fails the record, so that no policy is created
//     carrying their carrier ID. A policy without identifiers is created
//     with [WarningNoIdentifier].
//   - Records are decided in order and each sees what earlier records of the
//     batch created or changed (an overlay on the lookups, written exactly as
//     [Store.Apply] writes). Two policies of one record with the same
//     identifier fail that record ([ErrDuplicatePolicyID]). A failed record
//     writes nothing, later records do not see it, it takes no part in the
//     one-year rule, and it never stops the others; structure errors (1 to 100
//     records, at most 10 policies, identifiers of at most 255 characters) reject
//     the whole request. Every error is an [*Error] with the API field path
//     ("records.3.externalId"), a stable code, Expected and Received; Error()
//     never prints a name, a date of birth or a phone number.
//   - [Plan.Customers] gives, per customer, what the one-year termination
//     rule needs: whether the request creates an ACA policy for it, the
//     existing policies it updates as they were before the request (their
//     previousStatus), and the policies it creates (never candidates).
//
// # Conflicts that fail a record, conflicts that are reported
//
// RULES.md: "Matching problems (ambiguous, conflict) fail only their
// record, which goes to errors; the others succeed." A record fails when its
// customer is ambiguous ([ErrAmbiguousCustomer]) or when one of its policies
// cannot be synced ([ErrPolicyConflict]: the policy matched belongs to
// another customer, is not ACA, or several policies hold its identifier):
// nothing of the record is written, and its decisions say why (the error's
// path is the policy's identifier field, "records.8.policies.0.healthSherpaPolicyId";
// the PolicyDecisions are kept, an ambiguous customer's are not made). An
// identifier that is not written is not such a problem: RULES.md says a
// customer's different non-empty identifier "is never overwritten and is
// reported as a conflict", and a value another customer holds "is never
// copied in", so those stay reports on a succeeding record
// ([CustomerDecision].Conflicts), as does a matched policy's different
// carrierAssignedPolicyId ([PolicyDecision].Conflicts). When several
// policies of a record conflict, the error names the first; two policies of
// a record that resolve to one stored policy fail it as duplicates first.
//
// # The fallback key
//
// The key format is stable (hosts persist it):
//
//	first "|" last "|" YYYY-MM-DD "|" +1XXXXXXXXXX
//
// for example "jose|obrien smith|1985-03-04|+12127365000" for José,
// O'Brien-Smith, 03/04/1985, (212) 736-5000. Names are width-folded,
// case-folded, decomposed, stripped of non-spacing marks, recomposed;
// apostrophes removed; hyphens, dashes and runs of white space become one
// space; trimmed. The date comes from dob.Parse (MM-DD-YYYY, MM/DD/YYYY) or
// dob.ParseISO (a stored YYYY-MM-DD); the phone from phone.ParseLenient, in
// E.164. ASCII names take a fast path that skips x/text; no transform.Chain
// is shared, so FallbackKey is safe for concurrent use.
//
// # Decisions where RULES.md is silent
//
//   - Width folding (full-width "ＪＯＨＮ" is "john") is part of name
//     normalization, as STYLE.md recommends for folding; letters without a
//     canonical decomposition (ø, ł, ı) are kept, not transliterated.
//   - A name that normalizes to nothing, or contains '|' or a control
//     character, or invalid UTF-8, gives no fallback key (never a guess).
//   - A new customer, like a matched one, never receives an identifier
//     another customer holds: it is reported as an IDConflict with HeldBy.
//     (Under the literal strategy this is the visible cost the rules name: a
//     customer known by externalId who arrives with a new
//     healthSherpaCustomerId becomes a new customer, and the externalId
//     conflict says who the duplicate is of.)
//   - The cascade's fallback matches even when the matched customer holds a
//     different identifier of the record; the difference is reported as a
//     conflict, never overwritten.
//   - A sync writes the record's names, date of birth and phone on its
//     customer, so a customer's stored fallback key is recomputed from the
//     merged customer: each part the record sends replaces the stored part,
//     the others are kept, even when the record lacks one of the four (a
//     record without a date of birth that changes the phone moves the key
//     to the new phone). The stored key is all the planner needs: it splits
//     back into its four parts. A customer whose stored key is incomplete
//     gets the record's own key, complete or not (the overlay and Apply
//     write it). A batch
//     that gives one customer two different people therefore contradicts
//     itself: the last one wins, and re-syncing the earlier record, if it was
//     matched by the fallback, creates a customer. The property test leaves
//     such records out of "re-planning creates nothing" and says why.
//   - A carrierAssignedPolicyId match is used when the record has no
//     healthSherpaPolicyId, even if the stored policy has one (nothing says it
//     is another enrollment). Several policies sharing a carrier ID (renewals)
//     make that key ambiguous: [ConflictAmbiguous], never a pick.
//   - A matched policy's empty identifiers are filled; a different stored
//     carrierAssignedPolicyId is reported ([PolicyIDConflict]), not
//     overwritten.
//   - Two policies of one record that resolve to the same stored policy
//     through different identifiers fail the record like a duplicate
//     identifier.
//   - Several policies holding one healthSherpaPolicyId (a host data error)
//     is a [ConflictAmbiguous] for that policy, which fails its record like
//     the two conflicts RULES.md names.
//   - A lookup error (database down, context canceled) aborts the whole
//     plan: no partial plan is returned.
//   - The policy type is compared exactly with "ACA", the API's enum value.
//   - Cherokee letters fold to capitals in names, as Unicode's case folding
//     says; golang.org/x/text's cases.Fold swaps the two cases, which made
//     the key of a Cherokee name depend on its case and not idempotent. Keys
//     of names in Cherokee script computed before this change differ from
//     today's and should be recomputed.
//   - A Planner whose three finders are one *Store plans under one read lock
//     (writes wait for the plan); with other finders every lookup is a
//     separate call, and consistency is the host's.
//
// # Performance
//
// The in-memory Store holds nothing the garbage collector has to follow:
// every string is copied into one append-only text arena, a record is an
// offset and end offsets into it, and open-addressing hash tables of 8-byte
// slots (hash tag + position), one per identifier kind, the fallback key and
// the ID, index the records. When the three finders of a Planner are one
// *Store, the planner reads it directly, under one read lock for the whole
// plan (a consistent snapshot), filling its own buffers: no slice is
// returned per lookup. Other finders go through the interfaces, unchanged.
// [Planner.PlanInto] plans into a Plan the host reuses from request to
// request (like termination.DecideInto): the decisions, their small slices
// and the planner's overlay keep their memory, and a plan allocates only
// what varies (fallback keys, candidates, conflicts, errors).
//
// Medians of 5 runs on the shared 2-core development machine, where other
// engineers' benchmarks move wall times by up to 1.5x between runs (the
// small benchmarks' figures are indicative: FallbackKey/ascii measured
// 92 to 136 ns the same hour); CPU per record is process CPU time
// (getrusage, garbage collection included) per record, the fairer figure:
//
//	go test -run='^$' -bench=. -count=5 ./matching
//	(Plan100 and BareMap100 re-measured after PlanInto with
//	-bench='Plan100|BareMap100'; the other lines are from the day before)
//
//	benchmark (median of 5)                     time/op   CPU/record  lookups  B/op      allocs
//	Plan100/literal-into (PlanInto, reused Plan) 18.5 µs   186 ns      180      480       10
//	Plan100/cascade-into                         18.7 µs   187 ns      180      480       10
//	Plan100/literal (100 records, 1M customers)  27.6 µs   288 ns      180      62 KiB    31
//	Plan100/cascade                              27.1 µs   281 ns      180      62 KiB    31
//	BareMap100 (the same keys, plain Go maps)    2.2 µs    22.4 ns     180      0         0
//	StoreFind/store (FindCustomers, one hit)     75 ns                          80        1
//	StoreFind/store-miss                         20 ns                          0         0
//	StoreFind/map                                8.7 ns                         0         0
//	FallbackKey/ascii                            136 ns                         48        1
//	FallbackKey/unicode                          3.3 µs                         2.4 KiB   19
//	FallbackKey/invalid-dob                      60 ns                          24        1
//	FallbackKey/invalid-phone                    87 ns                          32        1
//	FallbackKey/too-long                         3.0 ns                         0         0
//	NormalizeName/fast ASCII                     49 ns     naive per-call transform.Chain: 6.4 µs (131x)
//	NormalizeName/fast non-ASCII                 2.0 µs    naive per-call transform.Chain: 7.3 µs (3.6x)
//	Identifier                                   4-12 ns                        0         0
//
//	store memory at 1,000,000 customers (runtime.MemStats, after GC):
//	189 heap bytes per customer in all: 84 of index, 32 of record, 72 of
//	strings (the benchmark's 8-byte identifiers and 40-byte fallback keys)
//
// Before this layout (the same benchmarks, same machine, same day): 883 ns
// of CPU per record (45x the bare map), 85 KiB and 235 allocations per plan;
// FindCustomers 73 ns; FallbackKey/ascii 119 ns; NormalizeName ASCII 69 ns
// and 2 allocations. The store held the caller's strings (164 heap bytes
// per customer without counting them) in pointerful records, and the
// garbage collector marking them (and the benchmark's comparison maps, then
// in the same heap) took about a third of the CPU.
//
// Targets. Memory: met (84 bytes of index per customer against 200; 189 in
// all, strings included). Per-record cost within 5x of the bare map:
// missed, at about 8.3x with PlanInto (186 against 22.4 ns of CPU per
// record) and 13x with Plan (288 ns; the allocating form measured 270 ns,
// 12x, the day before, against a bare map of 22.6 ns: the machine's noise).
// The two do the same 180 lookups (90 by identifier, 10 by fallback key, 80
// of policies); the bare map does nothing else, and its 10 fallback keys are
// computed outside its loop. Where a PlanInto's 18.6 µs go (CPU profile of
// 200,000 plans, go test -run='^$' -bench=Plan100/literal-into
// -benchtime=200000x -cpuprofile, go tool pprof -top -cum -focus=PlanInto):
//
//   - 8.1 µs (43%): the 180 store lookups, about 45 ns each against about
//     12 for a Go map: hashing (maphash), the probe to an empty slot (every
//     holder is needed, to see ambiguities), the check against the record's
//     string in the arena (a second and third cache line per lookup, the
//     record and its text, where a map has its key next to its control
//     word), and building the Customer or Policy value the decision keeps
//     as Before. A lookup alone, in a loop, is 75 ns (FindCustomers, with
//     its allocated result and its read lock) against 8.7 for a map.
//   - 1.5 µs (8%): the overlay of the 10 customers and 10 policies the batch
//     creates (commit, and the overlay checks of every lookup).
//   - 1.3 µs (7%): clearing the reused decisions (100 Decisions of 256 bytes
//     and 80 PolicyDecisions of 296 bytes: the exported API's size); Plan
//     instead allocates them: about 10 µs more CPU per plan in all, with the
//     garbage collection and cache misses that brings.
//   - 1.3 µs (7%): FallbackKey for every record (10 complete keys, 1
//     allocation each: the key is kept in the decision); 1.2 µs (6%):
//     Identifier on every identifier; 0.4 µs: validation.
//   - The rest: the decisions themselves (keys, fills, conflicts,
//     warnings).
//
// Reaching 5x (about 11 µs a plan) would need the lookups at Go-map speed
// (2.2 µs for the 180) and everything else in 9 µs: the store's index keeps
// its keys out of line (in the arena, 84 bytes of index per customer) to
// meet the memory target, so a hit costs a cache line more than a map's.
// Not tried in this pass: Swiss-table groups (control bytes of 7-bit tags
// probed 8 or 16 at a time), decisions smaller than the exported fields
// allow (the fields are the API and stay), a prefetch of the three lines of
// each lookup.
//
// Building the million-customer store (outside the timer, once per process
// through sync.OnceValue, so -benchtime=1x in CI pays it once) takes about
// 1.3 s (build-s); the bare maps are built separately, on first use by the
// map benchmarks, so they are not part of the heap the planner's garbage
// collection marks.
package matching
