// Package phone parses and validates the phoneNumber field: a North American Numbering
// Plan (NANP, country code +1) telephone number, canonicalized to E.164 "+1XXXXXXXXXX".
//
// # Forms
//
// Parse accepts exactly the three forms the API documents, after trimming surrounding
// white space (ASCII and Unicode, as unicode.IsSpace):
//
//	+1XXXXXXXXXX      E.164, the canonical form
//	XXXXXXXXXX        ten digits
//	(XXX) XXX-XXXX    one space after ')', one hyphen
//
// ParseLenient also accepts the usual variants. Its grammar, on the trimmed input, is
//
//	[ "+1" | "1" ] [sep] area [sep] exchange [sep] line
//	area = DDD | "(" DDD ")"     exchange = DDD     line = DDDD
//	sep  = one space, hyphen or dot (at most one per gap)
//	D    = an ASCII digit
//
// so XXX-XXX-XXXX, XXX.XXX.XXXX, XXX XXX XXXX, 1XXXXXXXXXX, 1-XXX-XXX-XXXX,
// +1 (XXX) XXX-XXXX, (XXX)XXX-XXXX, (XXX)-XXX-XXXX, +1-XXX-XXX-XXXX and +1 XXX XXX XXXX
// are accepted. Nothing else is dropped or guessed: letters (vanity numbers),
// extensions, "00"/"011" international prefixes, other country codes, seven-digit local
// numbers, doubled separators, tabs or non-breaking spaces between groups and non-ASCII
// digits are errors. Every input Parse accepts, ParseLenient accepts with the same Number.
// UnmarshalText uses Parse (the API's own rule); empty text is the zero Number.
//
// # Validity
//
// The library decides: a number is valid when its area code is an assigned NANP area code, listed in the
// embedded table nanp_area_codes.tsv (US states and territories, Canada, the Caribbean;
// that excludes 0XX, 1XX, N11, N9X, 37X, 96X and every unassigned code), and its
// exchange starts with 2-9 and is not N11. That matches libphonenumber's validity for +1
// numbers except that N11 exchanges are rejected and that libphonenumber's exchange-level
// patterns are not applied: in 26 of the 468 area codes the library accepts, libphonenumber
// accepts only some exchanges, and the library accepts them all. They are the Caribbean
// countries and US territories 242, 246, 264, 268, 284, 340, 345, 441, 473, 649, 664, 670,
// 671, 684, 721, 758, 767, 784, 868, 869 and 876, the personal-service codes 523 and 524,
// and the new US overlays 274 (WI), 472 (NC) and 983 (CO), for which libphonenumber's data
// lists only the exchanges in service when it was cut (it rejects 340-234-XXXX, for
// instance). Toll-free (8XX in service), premium
// (900) and personal (5XX) numbers are valid and flagged (TollFree, Premium, Personal);
// 555-0100 to 555-0199 are valid and flagged Fictional. Region gives the area code's
// country, state/territory/province and class.
//
// The embedded table is the NANPA area-code list the project keeps, plus five area codes
// it lacked (264 AI, 664 MS, 684 AS, 721 SX, 869 KN: +1 regions that libphonenumber
// lists); the file's header records its source and this addition.
//
// # Errors
//
// Every error is an *Error wrapping one sentinel, checked in this order:
//
//	phone_too_long      ErrTooLong      more than MaxLength (255) characters, counted in UTF-16
//	                                    code units (an emoji counts 2), before any other work
//	phone_empty         ErrEmpty        nothing left after trimming
//	invalid_string      ErrInvalidString  invalid UTF-8 or U+0000: never repaired
//	phone_characters    ErrCharacters   a byte other than ASCII digits, space, ( ) - . +
//	phone_country_code  ErrCountryCode  '+' followed by a digit other than 1
//	phone_length        ErrLength       not 10 digits once a leading +1 (or a leading 1
//	                                    of 11 digits) is set aside
//	phone_format        ErrFormat       right characters and digits, wrong arrangement
//	                                    (for Parse, every lenient-only form lands here)
//	phone_area_code     ErrAreaCode     area code not assigned
//	phone_exchange      ErrExchange     exchange starts with 0 or 1, or is N11
//
// (*Error).Field is "phoneNumber"; Expected describes the accepted form; Received is
// the input as given, except that an over-long input is described by its length ("300
// characters") and text that is not valid by its fault ("invalid UTF-8 at byte 4"). Error() never contains the input nor any digit at all, because a
// phone number is PII; the fuzz tests check it. A Number logs through log/slog with all
// but its area code masked (LogValue).
//
// # Cost
//
// Parse and ParseLenient do not allocate for valid input (pinned by TestNoAllocs); an
// invalid input costs one allocation, the *Error that carries Received. The embedded
// table is parsed once, on first use (sync.OnceValue), into a 1000-entry array, so
// validity is an index. An over-long input is rejected before it is parsed. Benchmarks
// beside the obvious regexp version are in bench_test.go.
//
// Parse and Number are safe for concurrent use.
package phone
