// Package jsonbody decodes an API request body in one pass over its raw
// bytes, against a schema of the API's fields, so that the work a body costs
// is bounded by the API's limits, not by the body, and no text is repaired
// before it is checked.
//
// It lives under internal/ because it is the mechanism behind the endpoints'
// decoders (the sync body today, the create-policy body next), not a contract
// a host programs against: a host calls the endpoint packages, which own the
// field lists and map this package's issues onto the API's.
//
// What a decode guarantees:
//
//   - Bounded work. An array field with an item limit (records, policies,
//     custom fields) is counted by a syntax-only scan before any element is
//     decoded; over its limit, it is one too_big issue ("1000000 items") and
//     no element is examined. Issues are capped at MaxIssues, with the total
//     counted; an issue past the cap costs a counter increment, never an
//     allocation. Nesting deeper than 10,000 levels is a syntax error, as in
//     encoding/json. Peak memory is a small multiple of the body: one copy of
//     the body as a string (every value without escapes is a substring of
//     it) and the unknown members, copied once into one buffer per object;
//     plus the decoded objects, which the schema's limits bound whatever
//     the body (for the sync body, 100 records of 10 policies and 50
//     custom fields: under 2 MB as Objects, the most a small body can
//     cost).
//   - No repaired text. A string is checked as sent, before anything could
//     repair it: its escapes are decoded without repair (an unpaired
//     surrogate escape such as "\ud800" becomes the three bytes that encode
//     it, which are not valid UTF-8), and the library's one text check
//     (internal/field: ValidText, and ValidName after trimming in a field
//     marked Strict, the names and identifiers) says whether it is valid.
//     Invalid UTF-8, unpaired surrogates and U+0000 are an invalid_string
//     issue on the field (encoding/json would turn the first two into
//     U+FFFD and make distinct identifiers equal), and so is any other C0
//     control character in a Strict field. Unknown members and custom field
//     values are checked the same way. A string of ASCII without escapes
//     cannot be invalid and is not checked again. Lengths are counted by
//     internal/field too (UTF-16 code units).
//   - Typed values. An identifier sent as a JSON number keeps the number's
//     literal text (never a float64). An integer field accepts any number
//     whose value has no fractional part (1, 1.0, 1e3, -0; not 1.5 or 1e-9),
//     and its range applies to the value.
//   - Nothing dropped. Members the schema does not know are kept, in order
//     and as sent, as one raw JSON object per decoded object (Object.Extra,
//     or Sink.Extra).
//   - Nothing echoed. An issue describes a rejected value by its type
//     ("number", "object") or its length ("300 characters"), never by
//     quoting it; only an enum miss of at most 40 characters is quoted.
//
// Decode builds Objects (a Value per schema field); DecodeInto writes into
// the caller's own structs through a Sink, with the same checks and bounds,
// which is what the endpoints use (no intermediate Objects).
//
// A body that is not JSON is a *SyntaxError (errors.Is ErrSyntax) that names
// a byte offset, never the bytes around it. A key sent twice in one object:
// the last value counts, as in JavaScript and encoding/json, and every value
// is checked.
package jsonbody
