// Package conformance is the language-neutral conformance suite of the
// careCycle API rules, and a runner for it.
//
// The cases live in cases/*.json, one file per area (plan codes, phones,
// dates of birth, time zones, carriers, sync matching, the one-year rule,
// create-policy, validation bodies), and are embedded in this package. Each
// case names the rule ids of the repository's rule book (docs/rules.md) it
// checks, the HTTP requests to send and the parts of each response that
// matter. The format is described in README.md beside this file and by the
// JSON Schema schema.json, so that an implementation in any language can run
// the same files.
//
// A Runner sends the cases to a base URL: its tests run them against the
// library's own handlers in process, and the carerules command runs them
// against any HTTP implementation of the two endpoints (carerules
// conformance --url URL --api-key KEY).
//
// An implementation that fails some cases on purpose, or not yet, lists them
// with their reasons (ReadKnownFailures; the reference implementation's list
// is known-failures.txt) and Report.Expect reports them as known failures;
// a listed case that passes fails the run, so the list only shrinks.
//
// # Data the suite creates
//
// A case starts from an empty customer set: every identifier, name, date of
// birth and phone number it sends is produced by a template from the run's
// prefix and the case id ({{id:x}}, {{name:x}}, {{phone:1}}, {{dob:1}}), so
// that the suite can run against a shared service without a reset and never
// reaches data it did not create. Values the service generates (customer and
// policy ids) are matched by reference: {"$ref": "customer"} binds on first
// sight and must be equal afterwards, and {{ref:customer}} sends the bound
// value back (in a path, for instance).
//
// # Dates
//
// Dates the one-year rule and the date-of-birth checks read are written
// relative to the run's today ({{date:today-1y-1d}}). The runner's today is
// the current UTC date unless Runner.Today says otherwise; the service must
// use the same calendar day (a run that straddles midnight UTC may see the
// anniversary cases fail). A case that holds only on some days (February 29
// arithmetic) says so in its "when" object and is skipped on other days; the
// package's tests run it in process on days it covers by pinning the
// service's clock.
package conformance
