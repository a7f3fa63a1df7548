// Package dob parses and checks dates of birth as the careCycle API accepts
// them, and provides [Date], the library's one civil-date type (termination
// uses it for effective dates and for today).
//
// # Rules
//
//   - [Parse] accepts exactly the documented pattern
//     ^(0[1-9]|1[0-2])[-/](0[1-9]|[12]\d|3[01])[-/]\d{4}$ after trimming
//     surrounding white space, mixed separators included ("01-02/1990").
//   - The date must exist: no 02/30, no 02/29 in a common year, 1900 and 2100
//     are common years.
//   - MM-DD-YYYY and MM/DD/YYYY of the same day give the same, comparable
//     [Date]; its canonical form is YYYY-MM-DD ([Date.String], [ParseISO]).
//   - Checks against today take today as a parameter ([Date.CheckOn]): a date
//     after today ([ErrFuture], code dob_future) and an age over 130
//     ([ErrImplausible], code dob_implausible) are distinct errors.
//   - Error() never contains the input or any digit of it; the received value
//     is available from [Error.Received].
//   - Input over 255 characters, counted in UTF-16 code units as the API
//     counts them (an emoji counts 2), is rejected first ([ErrTooLong]);
//     invalid UTF-8 and U+0000 are [ErrInvalidString] (code invalid_string),
//     never repaired.
//
// # Decisions where the rules are silent
//
//   - Year 0000 matches the pattern's \d{4} but is rejected by Parse and
//     ParseISO with [ErrCalendar] (code dob_calendar): there is no year 0 in
//     the calendar as written on forms, "0000" is a placeholder, and a Date
//     holds years 1 to 9999. Years 0001 to 1895 parse and are left to the
//     plausibility check of [Date.CheckOn].
//   - Empty input and white space only are the same error, [ErrEmpty] (code
//     dob_empty), distinct from [ErrFormat], so that a host can map an empty
//     string to "absent" deliberately rather than by accident.
//   - A person born on February 29 becomes a year older on March 1 in common
//     years ([Date.AgeOn]); [Date.AddYears] clamps February 29 to February 28
//     (anniversary arithmetic for the termination rule). The two answer
//     different questions and differ on purpose.
//   - The age bound is inclusive: 130 is plausible, 131 is not. A birth on
//     today itself is not in the future.
//
// # Cost
//
// Parse and ParseISO allocate nothing for valid input (pinned by
// TestNoAllocs); an error costs one small allocation, the [*Error] that
// carries the received value. Benchmarks beside the documented regexp
// followed by time.Parse are in bench_test.go.
package dob
