package dob

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"
)

// apiPattern is the pattern the API documents for dateOfBirth, verbatim.
const apiPattern = `^(0[1-9]|1[0-2])[-/](0[1-9]|[12]\d|3[01])[-/]\d{4}$`

var apiRE = regexp.MustCompile(apiPattern)

// slowParse is the obvious implementation and the readable reference for
// Parse: trim, the documented regexp, then time.Parse for calendar validity,
// then the year-0000 decision. It returns the sentinel only.
func slowParse(s string) (Date, error) {
	if jsLen(s) > MaxInputLen {
		return Date{}, ErrTooLong
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, ErrEmpty
	}
	if !utf8.ValidString(s) || strings.Contains(s, "\x00") {
		return Date{}, ErrInvalidString
	}
	if !apiRE.MatchString(s) {
		return Date{}, ErrFormat
	}
	t, err := time.Parse("01/02/2006", strings.ReplaceAll(s, "-", "/"))
	if err != nil || t.Year() == 0 {
		return Date{}, ErrCalendar
	}
	return FromTime(t), nil
}

// jsLen is JavaScript's String.length: UTF-16 code units.
func jsLen(s string) int { return len(utf16.Encode([]rune(s))) }

// naiveParse is what the benchmark compares Parse with: the documented
// regexp followed by time.Parse, nothing else.
func naiveParse(s string) (time.Time, bool) {
	if !apiRE.MatchString(s) {
		return time.Time{}, false
	}
	t, err := time.Parse("01/02/2006", strings.ReplaceAll(s, "-", "/"))
	return t, err == nil
}
