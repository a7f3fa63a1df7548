// Package matching decides, for POST /v2/sync/aca, which existing customer
// each incoming record is (or that it is new) and which existing policy each
// of its policies updates (or that it is new), without ever merging two
// people and without losing a record.
//
// The package is storage-agnostic and writes nothing. A host implements
// three small lookups over its own database ([CustomerFinder],
// [FallbackFinder], [PolicyFinder]; func adapters provided; their contract
// is on each interface and matching/matchingtest.TestStore checks it), a
// [Planner] turns the records of one request into a [Plan] (one [Decision]
// per record, in input order), and the host applies the plan. [Store] is an
// in-memory implementation, for tests, tools and small hosts, with
// [Store.Apply].
//
// The records a planner reads are already validated: the date of birth and
// the phone number are parsed values ([Record]), a policy's status is a
// termination.Status. Nothing here parses them again.
//
// # Rules
//
//   - Identifiers ([Identifier]) are present when non-empty after trimming
//     (ASCII and Unicode spaces) and not "null", "undefined", "nan" or "none"
//     in any case: treating such a serialization artifact as an identifier
//     would merge every record that carries it. They compare exactly,
//     case-sensitive, after trimming.
//   - Customer key, [StrategyLiteral] (the default, the API's text): the
//     first identifier present in the order healthSherpaCustomerId,
//     externalId, carrierAssignedCustomerId. One holder: matched; none: new;
//     several: ambiguous, the record fails with the candidates. The fallback
//     is used only when no identifier is present. Its cost: a customer known
//     by externalId who arrives with a new healthSherpaCustomerId becomes a
//     duplicate, which the sync endpoint reports as a possible duplicate.
//   - [StrategyCascade], an explicit option: the identifiers in the same
//     order, the first present one that matches wins (several holders:
//     ambiguous, and the cascade stops); when none matches, the fallback;
//     new only when nothing matched.
//   - Fallback: [FallbackKeyOf] of firstName, lastName, dateOfBirth and
//     phoneNumber, all four present and valid, equal after normalization;
//     one string, so a host stores and indexes it as a column
//     ([FallbackKey] computes it from stored text). Several holders:
//     ambiguous. No nicknames, no phonetics, no fuzzy matching: merging two
//     people is far worse than a duplicate.
//   - A matched customer gets its empty identifiers filled from the record
//     ([CustomerDecision].Fill); a different non-empty value is never
//     overwritten and a value another customer holds is never copied in
//     (both are [IDConflict]s, reported on a succeeding record).
//   - Policies: by healthSherpaPolicyId; if absent or it matches nothing, by
//     carrierAssignedPolicyId, except that a carrier-ID match holding a
//     different non-empty healthSherpaPolicyId is another enrollment (next
//     year's renewal), so the policy is new ([WarningDifferentEnrollment]).
//     Lookups are global (policy IDs are unique across customers): a match
//     owned by another customer ([ConflictOtherCustomer]) or not ACA
//     ([ConflictNotACA]; a Medicare policy never becomes an ACA one), or
//     several policies holding the identifier ([ConflictAmbiguous]), is a
//     conflict, which fails the record ([ErrPolicyConflict]). A policy
//     without identifiers is created with [WarningNoIdentifier]: every
//     re-sync creates it again.
//   - policyType is compared by termination.IsACA (trimmed, any ASCII case),
//     the comparison the one-year rule uses, so the two never disagree.
//   - Records are decided in order and each sees what earlier records of the
//     batch created or changed (an overlay on the lookups, written exactly as
//     [Store.Apply] writes). Two policies of one record with the same
//     identifier fail that record ([ErrDuplicatePolicyID], [PolicyIDRepeats]).
//     A failed record writes nothing, later records do not see it, it takes
//     no part in the one-year rule, and it never stops the others; structure
//     errors (1 to [MaxRecords] records, at most [MaxPolicies] policies,
//     identifiers within [MaxFieldLen]) reject the whole request.
//   - Every error is an [*Error] with the API field path
//     ("records.3.externalId"), a stable code, Expected and Received; Error()
//     never prints a name, a date of birth or a phone number.
//   - [Plan.Customers] gives, per customer, what the one-year termination
//     rule needs: whether the request creates an ACA policy for it, the
//     existing policies it updates as they were before the request (their
//     previousStatus), and the policies it creates (never candidates).
//   - Re-planning a batch after its plan was applied creates nothing (except
//     what the warnings announce) and terminates nothing.
//
// # Conflicts that fail a record, conflicts that are reported
//
// A matching problem fails only its record, which goes to the response's
// errors; the other records succeed. A record fails when its customer is
// ambiguous ([ErrAmbiguousCustomer]) or when one of its policies cannot be
// synced ([ErrPolicyConflict]: the policy matched belongs to another
// customer, is not ACA, or several policies hold its identifier): nothing of
// the record is written, and its decisions say why (the error's path is the
// policy's identifier field, "records.8.policies.0.healthSherpaPolicyId";
// the PolicyDecisions are kept, an ambiguous customer's are not made). An
// identifier that is not written does not fail a record: a customer's
// different non-empty identifier is never overwritten and a value another
// customer holds is never copied in, and both stay reports on a succeeding
// record ([CustomerDecision].Conflicts), as does a matched policy's
// different carrierAssignedPolicyId ([PolicyDecision].Conflicts). When
// several policies of a record conflict, the error names the first; two
// policies of a record that resolve to one stored policy fail it as
// duplicates first.
//
// # The fallback key
//
// The key format is stable (hosts persist it):
//
//	first "|" last "|" YYYY-MM-DD "|" +1XXXXXXXXXX
//
// for example "jose|obrien smith|1985-03-04|+12127365000" for José,
// O'Brien-Smith, 03/04/1985, (212) 736-5000. Names are width-folded,
// case-folded, decomposed, stripped of accents, recomposed; apostrophes
// removed; hyphens, dashes and runs of white space become one space;
// trimmed. The date is the civil date, the phone E.164. The key is a pure
// function of a customer's stored fields, so a host can compute it as a
// generated column. ASCII names take a fast path that skips x/text, and no
// transformer is shared, so the key functions are safe for concurrent use.
//
// # Decisions the API leaves open
//
//   - Width folding (full-width "ＪＯＨＮ" is "john") is part of name
//     normalization; letters without a canonical decomposition (ø, ł, ı) are
//     kept, not transliterated.
//   - A name that normalizes to nothing, or contains '|' or a control
//     character, or invalid UTF-8, gives no fallback key (never a guess).
//   - A new customer, like a matched one, never receives an identifier
//     another customer holds: it is reported as an IDConflict with HeldBy.
//     Under the literal strategy this is how the duplicate the rule accepts
//     shows itself: the externalId conflict says whose duplicate it is.
//   - The cascade's fallback matches even when the matched customer holds a
//     different identifier of the record; the difference is reported as a
//     conflict, never overwritten.
//   - A sync writes the record's names, date of birth and phone on its
//     customer, so a customer's stored fallback key becomes the record's when
//     the record has a complete one (the overlay and Apply do this). A batch
//     that gives one customer two different people therefore contradicts
//     itself: the last one wins, and re-syncing the earlier record, if it was
//     matched by the fallback, creates a customer.
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
//     the other two conflicts.
//   - A lookup error (database down, context canceled) aborts the whole
//     plan: no partial plan is returned.
//   - Cherokee letters fold to capitals in names, as Unicode's case folding
//     says (golang.org/x/text's cases.Fold swaps the two cases, which would
//     make a key depend on the name's case).
//   - A Planner whose three finders are one *Store plans under one read lock
//     (writes wait for the plan); with other finders every lookup is a
//     separate call, and consistency is the host's.
//
// # The in-memory store
//
// [Store] holds nothing the garbage collector has to follow: every string
// is copied into one append-only text arena, a record is an offset and end
// offsets into it, and open-addressing hash tables of 8-byte slots (hash tag
// + position), one per identifier kind, the fallback key and the ID, index
// the records. When the three finders of a Planner are one *Store, the
// planner reads it directly, under one read lock for the whole plan (a
// consistent snapshot), filling its own buffers. [Planner.PlanInto] plans
// into a Plan the host reuses from request to request: the decisions, their
// small slices and the planner's overlay keep their memory.
package matching
