// Package termination decides the one-year auto-termination rule of
// POST /v2/sync/aca: when a sync creates a new ACA policy for a customer,
// that customer's existing ACA policies whose effectiveDate is more than one
// year old are terminated, and the response reports each with its
// previousStatus.
//
// [Decide] is a pure function over plain inputs ([Input], [Policy]): no wall
// clock, no I/O, no global state. "Today" is a civil date the caller
// supplies; [Today] derives it from an injected clock in a location (UTC by
// default).
//
// # Rules
//
//   - Trigger: the request created a new ACA policy for the customer,
//     whatever its status. Updates never trigger the rule.
//   - Candidates: the customer's ACA policies that existed before the
//     request, other than Terminated, Cancelled, Deceased or Not Approved.
//     Policies created by the same request are never candidates, even
//     back-dated ones. The request's updates are applied first (Policy.Status
//     and Policy.EffectiveDate are the values after the request, parsed
//     once: [ReadEffectiveDate]), so the outcome does not depend on the
//     order of records or policies.
//   - A candidate is terminated when today > effectiveDate + 1 year. The
//     anniversary itself does not terminate. One year after February 29 is
//     February 28 ([dob.Date.AddYears]; Go's time.AddDate would say March 1).
//   - effectiveDate forms: YYYY-MM-DD, MM/DD/YYYY and M/D/YYYY, MM-DD-YYYY,
//     RFC 3339 date-time (its calendar date as written); never DD/MM
//     ([ParseEffectiveDate]). Missing or unparseable: skipped, with the
//     reason.
//   - Each termination carries previousStatus (the status before the
//     request, even when the request also updated it) and the new status
//     Terminated. Applying the outcome and deciding again terminates nothing.
//   - A status or effectiveDate over 255 characters, counted in UTF-16 code
//     units as the API counts them, is rejected first ([ErrTooLong]); text
//     that is not valid (invalid UTF-8, a control character) is
//     [ErrInvalidString], never repaired.
//
// # Decisions the API leaves open
//
//   - A policy whose status is unknown (the zero [Status]) is skipped with
//     [SkipStatusUnknown], never terminated: it cannot be known not to be
//     terminal already.
//   - A zero Policy.PreviousStatus means "not changed by this request", and
//     the current status is reported as previousStatus.
//   - Status parsing folds ASCII case and trims white space, nothing else
//     (strings.EqualFold would also accept "\u017Fuspended"). "Canceled"
//     (one l) is not the API's spelling and is an error.
//   - The dash form of effectiveDate needs two-digit month and day
//     (MM-DD-YYYY, as the API writes it); only the slash form takes M/D.
//     Mixed separators are errors. An RFC 3339 date-time needs its offset;
//     "2024-02-29T00:00:00" without one is an error.
//   - An effectiveDate in year 9999 has no representable anniversary and is
//     never more than one year old. Year 0000 is a calendar error, as in
//     package dob.
//   - The zero today is an error ([ErrNoToday]), and Today(nil, loc) gives the
//     zero date: the wall clock is never read implicitly.
//   - Policy.Type is ACA when it equals "ACA" ignoring ASCII case and
//     surrounding white space ([IsACA], the comparison matching uses too).
//   - When the rule is not triggered the [Decision] lists nothing; when it
//     is, every policy appears exactly once, terminated or skipped.
//
// # Cost
//
// [DecideInto] with a caller-supplied Decision allocates nothing (pinned by
// TestNoAllocs); valid ParseEffectiveDate and ParseStatus allocate nothing.
//
// # Response
//
// In the response each changed policy appears once, with its net action:
// created, else terminated, else updated; previousStatus is null for created
// policies. A policy the request updated and this rule terminates is
// reported as terminated, with previousStatus its status before the request.
package termination
