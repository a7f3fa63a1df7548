// Package field is the one definition, for the whole library, of what every
// string field of the API shares: the field limit ([Limit]), the way a
// length is counted ([Len], [TooLong]), the check that text is valid
// ([ValidText], [ValidName]) and the error core ([Core]) that each rule
// package's exported Error type embeds.
//
// The rules it implements:
//
//   - Input longer than the API's field limit, 255, is rejected before any
//     other work. Lengths count UTF-16 code units, as the API's TypeScript
//     schema does (JavaScript's String.length): a character outside the
//     Basic Multilingual Plane, such as most emoji, counts 2. 127 emoji and
//     one ASCII letter are 255 units and pass; 128 emoji are 256 and do not.
//   - Text that is not valid Unicode is rejected, never repaired, with the
//     code invalid_string: invalid UTF-8 (which includes an unpaired
//     surrogate written in UTF-8) in any field, U+0000 in any field, and the
//     other C0 control characters (U+0001 to U+001F) in names and
//     identifiers. Repairing to U+FFFD would make distinct identifiers equal.
//   - An error has a stable snake_case code, the API field path, what was
//     expected, what was received and a sentinel for errors.Is. What its
//     Error() message may show is each package's decision: a phone number or
//     a date of birth never appears in it.
package field
