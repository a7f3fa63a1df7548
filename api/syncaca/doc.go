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
//     A body that is not JSON is INVALID_JSON, one over MaxBodySize
//     PAYLOAD_TOO_LARGE (BodyFor).
//   - Validate (validate.go; Check is Decode and Validate in one) applies the
//     whole-request rules and returns the API's VALIDATION_ERROR body
//     (api.ValidationError) with every issue and every failed record: 1 to
//     100 records, at most 10 policies and 50 custom fields per record, the
//     API's field lengths and enums, required firstName, lastName and
//     phoneNumber, phoneNumber (phone.Parse: the API's three forms),
//     dateOfBirth (dob.Parse, plausible on an explicit today), timezone and
//     postalCode (timezone.Resolve: one of them is required), planCode when
//     present (plancode.Canonical with type ACA), carrierName when present
//     (resolved with the record's state and postal code), status
//     (termination.ParseStatus) and duplicate policy identifiers within a
//     record (matching.PolicyIDRepeats). Every rule package's error becomes
//     an issue through api.IssueFrom. Each value is parsed here, once, into
//     a Validated request; nothing after validation parses it again.
//   - Book.Sync (sync.go) plans the validated records with matching (literal
//     or cascade strategy), applies the plan, writes each record's customer
//     and policies on the book, and runs termination.Decide once per
//     customer that got a new ACA policy, after every update.
//   - The response (respond.go): succeeded, failed, results (each succeeded
//     record's customer with the policies it changed, each with its net
//     action, created > terminated > updated, and previousStatus, null for
//     created) and errors ({id, externalId, error}).
//   - With Options.Explain, each record's decision and its reasons
//     (explain.go).
//
// The output is deterministic: records in input order, policies in their
// customer's order, new IDs "cust-N" and "pol-N" from the book's
// matching.Store (the first N the book does not hold), never random.
//
// # The book
//
// Book holds customers and policies in full (Customer, Policy: the API's
// record shapes, limited to the fields this package knows) and indexes them
// with a matching.Store. ReadBook reads its JSON form, {"customers": [...]}
// with each customer's policies nested; MarshalJSON writes it back. A
// stored status is parsed when the book is read (one that is not the API's
// is a book error), and so is a stored effectiveDate (one that cannot be
// read makes the one-year rule skip the policy, with a warning).
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
//     dropped, as an API object schema strips unknown keys.
//   - Lengths count characters (Unicode code points). Enums are exact
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
