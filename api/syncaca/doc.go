// Package syncaca is POST /v2/sync/aca as a library: the request and
// response shapes of the API and the request-level rules that are not
// matching itself, wired to the rule packages, so that a host or the
// carerules command is glue only. The error bodies it shares with the other
// endpoints are package api's.
//
// A request flows through five steps, each in its own file:
//
//   - Decode (decode.go) reads the body {"records": [...]}: null, absent and
//     "" are told apart (Field, Presence); identifiers are strings or JSON
//     numbers, kept as the number's literal text, never a float64; wrong
//     JSON types are reported with their path, never by quoting the value.
//     A body that is not JSON, or not a JSON object, is INVALID_JSON, one
//     over MaxBodySize
//     PAYLOAD_TOO_LARGE (BodyFor; ReadBody never reads more than the limit).
//     It reads the raw bytes in one pass (body.go), so the work is bounded
//     by the API's limits, not by the body: the records, policies and
//     customFields arrays are counted before any item is examined (over the
//     limit: one too_big issue, no per-item work), and at most
//     api.MaxIssues issues are listed (the message gives the total). Text
//     is checked before anything could repair it: invalid UTF-8, an
//     unpaired surrogate escape ("\ud800") or U+0000 in any string, and
//     another C0 control character in a name or identifier, is an
//     invalid_string issue on the field, so that two identifiers that
//     differ only in invalid bytes never become one. policyLives is an
//     integer by value (1.0 and 1e3 are integers, 1.5 is not). A failed
//     record's echoed fields are cut to 255 characters.
//   - Validate (validate.go; Check is Decode and Validate in one) applies the
//     whole-request rules and returns the API's VALIDATION_ERROR body
//     (api.ValidationError) with every issue and every failed record: 1 to
//     100 records, at most 10 policies and 50 custom fields per record, the
//     API's field lengths and enums, required firstName, lastName and
//     phoneNumber, phoneNumber (phone.Parse: the API's three forms),
//     dateOfBirth (dob.Parse, plausible on an explicit today), timezone and
//     postalCode (timezone.Resolve: one of them is required), planCode when
//     present (plancode.Canonical with type ACA), carrierName when present
//     (resolved with the record's state and postal code; with
//     Options.KeepUnresolvedCarrier an unresolvable name is kept as sent,
//     with no carrierId and a carrier_unresolved warning), status
//     (termination.ParseStatus) and duplicate policy identifiers within a
//     record (matching.PolicyIDRepeats). Every rule package's error becomes
//     an issue through api.IssueFrom. Each value is parsed here, once, into
//     a Validated request; nothing after validation parses it again.
//   - Sync (sync.go; the working set in working.go, the plan's writes in
//     syncrun.go) runs the validated request in one unit of work of a
//     Store (store.go): it reads every holder of the request's keys in one
//     call per kind, plans with matching (literal or cascade strategy),
//     writes each record's customer and policies on its working set, runs
//     termination.Decide once per customer that got a new ACA policy, after
//     every update, writes the new and changed customers and policies (one
//     call per kind of write) and commits.
//   - The response (respond.go): succeeded, failed, results (each succeeded
//     record's customer with the policies it changed, each with its net
//     action, created > terminated > updated, and previousStatus, null for
//     created) and errors ({id, externalId, error}).
//   - With Options.Explain, each record's decision and its reasons
//     (explain.go).
//
// The output is deterministic given the store's new IDs: records in input
// order, policies in their customer's order. The Book's new IDs are
// "cust-N" and "pol-N" (the first N the book does not hold), never random.
//
// # Stores
//
// A Store opens units of work (Begin, with every key of the request, so
// that a store can lock them first); a Tx reads (Customers, Policies,
// PoliciesOf, each answering a whole request in one call) and writes
// (CreateCustomers, UpdateCustomers, CreatePolicies, UpdatePolicies: a
// termination is an update) and commits or rolls back. The store makes a
// unit atomic and concurrent units serializable in effect; an error that
// wraps ErrConflict makes Sync run the request again (Options.Attempts).
// The in-memory Book is one Store; the module
// github.com/carecycle/carerules/sqlstore is another, over PostgreSQL or
// SQLite; package storetest checks any implementation against the
// contract.
//
// # The book
//
// Book holds customers and policies in full (Customer, Policy: the API's
// record shapes, limited to the fields this package knows) and indexes them
// with a matching.Store. As a Store, its units of work run one at a time
// (the book's lock is held from Begin to Commit or Rollback) and its writes
// are applied at Commit. ReadBook reads its JSON form, {"customers": [...]}
// with each customer's policies nested; MarshalJSON writes it back. A
// stored status is parsed when the book is read (one that is not the API's
// is a book error). A stored effectiveDate is read when a sync loads the
// policy from its store (one that cannot be read makes the one-year rule
// skip the policy, with a warning); a sent one is the value validation
// parsed.
//
// # Decisions the API leaves open
//
//   - Not every field name of the request is legible in the API's text; the
//     package knows firstName, lastName, phoneNumber, email, postalCode,
//     timezone, state (at most 50 characters), address, address2, city,
//     county, dateOfBirth, gender, maritalStatus, the three customer
//     identifiers, customFields and policies, and per policy planName,
//     planCode, carrierName, the two policy identifiers, status,
//     effectiveDate, terminationDate, metalLevel, electionPeriod,
//     premiumMode, exchangeStatus, writtenAs, aorFirstName, aorLastName,
//     aorNpn (at most 50) and policyLives (32-bit integer). Other keys are
//     kept, as sent, in Record.Extra and RecordPolicy.Extra (raw JSON
//     objects), so that a host can store them; their strings are checked
//     for valid text like the others. A key sent twice: the last value
//     counts, as in JavaScript, and every value is checked.
//   - Lengths count UTF-16 code units, as the API's schema does (an emoji
//     counts 2), by internal/field's one function. Enums are exact
//     (case-sensitive), except status, which termination.ParseStatus reads
//     case-insensitively and which is stored in the API's spelling.
//   - firstName and lastName must be non-blank; phoneNumber must be sent.
//     Absent and null are both "not sent" (code invalid_type, received
//     "undefined" or "null").
//   - Optional fields sent as null, absent or blank keep the stored value:
//     a sync never clears data. A sent value replaces the stored one
//     (names, phone in E.164, dateOfBirth as YYYY-MM-DD, timezone as the
//     resolved IANA name, planCode canonical, carrierName as the registry's
//     display name with carrierId). Identifiers are written only by
//     matching's fills, never overwritten.
//   - dateOfBirth "" is an error (dob_empty), as the API's pattern rejects
//     it; planCode, carrierName and effectiveDate "" count as not sent (the
//     API gives them no pattern). status "" is an error (status_empty).
//   - status not sent: "Active" (the API's default) for a created policy;
//     the stored status is kept for a matched one, so that a re-sync without
//     status never reactivates a terminated policy.
//   - An effectiveDate termination.ParseEffectiveDate cannot read does not
//     reject the request (the API gives it no format); it is a warning, and
//     the one-year rule skips the policy.
//   - carrierName is resolved with the record's state and postal code, not
//     the stored customer's (validation runs before matching).
//   - Custom fields: a key repeated within a record is an error (never pick
//     one silently); a sent key replaces the stored value, others are kept.
//   - Duplicate policy identifiers are looked for only in a record within
//     the 10-policy limit: a record over it is rejected anyway.
//   - A policy conflict (another customer's policy, a non-ACA policy, an
//     ambiguous policy identifier) fails its record, as matching decides
//     (matching.ErrPolicyConflict, code policy_conflict): the record is in
//     errors, nothing of it is written, and the message names the policy's
//     path, the reason and the policies matched, by ID. Identifiers that are
//     not written (a different stored value, a value another customer
//     holds) do not fail a record. So that nothing is decided silently, the
//     response carries "warnings" (an extension of the API's shape) on the
//     succeeded records: identifiers not written, policies without
//     identifiers, different enrollments, timezone/postalCode
//     disagreements, ambiguous ZIP codes, unreadable effectiveDates, stored
//     policies the one-year rule could not decide on ("termination_skipped":
//     effectiveDate missing or unreadable, status unknown), and a
//     "possible_duplicate" when the literal strategy creates a customer whose
//     firstName, lastName, dateOfBirth and phoneNumber another customer holds.
//     With Options.Explain, a failed record's explanation keeps its policy
//     decisions (without the fills, which were not written).
//   - results holds one entry per succeeded record, in input order, with the
//     customer as it stands after the whole request. A policy appears once
//     in the response, in the entry of the first record that changed it; a
//     policy terminated as a side effect appears in the entry of the record
//     that created the customer's first new ACA policy. Each policy carries
//     "action" (an extension) besides previousStatus.
//   - errors[].id is the matched customer's ID when the record failed after
//     matching one (a policy conflict, a duplicate policy), else null;
//     errors[] also carry the record's index and the error's code
//     (extensions).
package syncaca
