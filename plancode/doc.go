// Package plancode reads and canonicalizes the planCode of a policy, as the
// careCycle API rules it. The rules below are the library's; this page is
// where they are written down.
//
// Medicare policies carry a CMS contract-style plan code: a contract ID
// (prefix letter and 4-digit contract number), a 3-digit plan (PBP) ID and a
// 3-digit segment ID, stored in the canonical dashed form H1234-001-000.
// [Parse] reads any such code with one of the five CMS prefixes (H local
// MA/MAPD, R regional PPO, S stand-alone PDP, E employer/union direct
// contract, X Limited Income Newly Eligible Transition) into a [Code], a
// small comparable value in the style of net/netip.Addr. [Canonical] applies
// the API rule for a policy type in one call: MA and MAPD need prefix H or R,
// PDP needs S, H, R, E or X, and MS and every other type keep the trimmed,
// length-checked plan code as given.
//
// # What is accepted
//
//   - Surrounding white space (ASCII and Unicode) is trimmed; nothing else is
//     dropped.
//   - Input of more than [MaxLen] (255) characters, counted in UTF-16 code
//     units on the value as received (as the API's TypeScript schema counts
//     them: an emoji counts 2), is rejected before any other work.
//   - Text that is not valid Unicode (invalid UTF-8) or holds a control
//     character (U+0000 to U+001F) after trimming is rejected, never
//     repaired.
//   - Full-width characters are folded to ASCII first (golang.org/x/text/width,
//     so "Ｈ１２３４－００１－０００" is H1234-001-000); ASCII input skips x/text.
//   - A lower-case prefix letter is upper-cased.
//   - The dash after the contract ID and the dash after the plan ID are each
//     optional: H1234001000, H1234-001000, H1234001-000 and H1234-001-000 are
//     the same code. Any other separator, or a dash elsewhere, is a syntax
//     error.
//   - In the fully dashed form only, a 1- or 2-digit segment is zero-padded
//     (H1234-001-0 and H1234-001-00 are H1234-001-000), as Medicare Plan
//     Finder prints segments. H12340010 and H1234-0010 are syntax errors.
//
// # Errors
//
// Every rejection is an *[Error] with the field path "planCode", a stable
// code, what was expected and what was received (Field, Code, Expected,
// Received: the method set shared by every carerules package), and it
// unwraps to a sentinel for errors.Is:
//
//	plan_code_empty       ErrEmpty       empty or white space only
//	plan_code_too_long    ErrTooLong     more than 255 characters (UTF-16 units)
//	invalid_string        ErrInvalidString  invalid UTF-8 or a control character
//	plan_code_syntax      ErrSyntax      not shaped like a CMS code
//	plan_code_prefix      ErrPrefix      prefix not allowed for the policy type
//	plan_code_incomplete  ErrIncomplete  H1234 or H1234-001 (H1234001)
//
// When several apply, the first in this order wins: too long, empty,
// invalid_string, syntax, prefix, incomplete. So S1234-001 for an MA policy is a prefix error (the
// suggestion S1234-001-000 would still be wrong), and Q1234-001-000 passed
// to Parse is a prefix error too: it has the shape, but Q is not a CMS prefix.
// The message of an incomplete code suggests the complete form with segment
// 000 (H1234-001 -> "did you mean H1234-001-000"), which is also its
// Expected value.
//
// # Decisions where the rules are silent
//
//   - An empty or whitespace-only planCode is ErrEmpty for every policy
//     type, MS and ACA included: Canonical never stores "" as a plan code,
//     and never treats it as absent on its own. Whether a policy may omit
//     its plan code is the host's decision (the API makes planCode optional);
//     a host that allows it checks for an empty value first or tests
//     errors.Is(err, ErrEmpty).
//   - The length limit applies to the value as received (JSON Schema's
//     maxLength), before trimming, in UTF-16 code units.
//   - Policy types are trimmed and full-width folded as well as compared
//     case-insensitively (ASCII letters only), so "ＭＡ" cannot skip the
//     Medicare check by looking like an unknown type. An empty or unknown
//     policy type gets the MS treatment (kept as given), as the rule does
//     for "every other type"; validating policyType against the API's enum is
//     not this package's job.
//   - The only incomplete forms are the two documented ones, H1234 and
//     H1234-001 (with H1234001, the same without its dash). A trailing dash
//     (H1234-, H1234-001-) is a syntax error.
//   - Every digit string of the documented shape is accepted, including
//     contract 0000 and plan 000: the rule fixes the shape, not CMS's
//     current numbering.
//   - Only the segment is zero-padded, never the plan ID (H1234-1-000 is a
//     syntax error), and only in the fully dashed form, as the rule says.
//   - Error() quotes the plan code (it is not PII) shortened to 40 bytes;
//     Received returns it whole (trimmed), and describes an over-long value
//     by its length instead of holding it.
//
// # Cost
//
// Parse scans bytes by hand, telling the accepted forms apart by length and
// dash positions; the regular expressions in slow_test.go are the readable
// reference the fuzz targets and TestDifferential check it against. Parse
// does not allocate when it accepts its input, full-width input included
// (TestParseNoAllocs pins it); a rejection allocates its one *Error, which
// carries the received value. Benchmarks beside the obvious regexp version
// are in bench_test.go.
package plancode
