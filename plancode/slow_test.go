package plancode

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// This file is the slow, readable reference implementation of the rules,
// written straight from the rule with the documented shape as regular
// expressions. The fast parser is checked against it by TestDifferential and
// by the fuzz targets. Keep it obvious rather than quick.

var (
	// The documented shape, any letter: contract, plan and segment, each
	// boundary dash optional.
	refComplete = regexp.MustCompile(`^([A-Z])([0-9]{4})-?([0-9]{3})-?([0-9]{3})$`)
	// The fully dashed form with a 1- or 2-digit segment, to be zero-padded.
	refPadded = regexp.MustCompile(`^([A-Z])([0-9]{4})-([0-9]{3})-([0-9]{1,2})$`)
	// The incomplete forms: H1234, H1234-001, H1234001.
	refIncomplete = regexp.MustCompile(`^([A-Z])([0-9]{4})(?:-?([0-9]{3}))?$`)
)

// refParse is the reference for parse with the given allowed prefix letters.
// It returns the Code, or the error code.
func refParse(s, allowed string) (Code, string) {
	if jsLen(s) > 255 {
		return Code{}, "plan_code_too_long"
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return Code{}, "plan_code_empty"
	}
	if !refValidName(t) {
		return Code{}, "invalid_string"
	}
	f := width.Fold.String(t)
	if f[0] >= 'a' && f[0] <= 'z' {
		f = strings.ToUpper(f[:1]) + f[1:]
	}
	complete := true
	m := refComplete.FindStringSubmatch(f)
	if m == nil {
		m = refPadded.FindStringSubmatch(f)
	}
	if m == nil {
		complete = false
		m = refIncomplete.FindStringSubmatch(f)
	}
	switch {
	case m == nil:
		return Code{}, "plan_code_syntax"
	case !strings.Contains(allowed, m[1]):
		return Code{}, "plan_code_prefix"
	case !complete:
		return Code{}, "plan_code_incomplete"
	}
	atoi := func(s string) uint16 {
		n, err := strconv.Atoi(s)
		if err != nil {
			panic(err)
		}
		return uint16(n)
	}
	return Code{
		prefix:   Prefix(m[1][0]),
		contract: atoi(m[2]),
		plan:     atoi(m[3]),
		segment:  atoi(m[4]),
	}, ""
}

// refCanonical is the reference for Canonical: the canonical string, or the
// error code.
// jsLen is the length the API counts: JavaScript's String.length, UTF-16
// code units (an invalid byte decodes to U+FFFD, one unit).
func jsLen(s string) int { return len(utf16.Encode([]rune(s))) }

// refValidName: valid UTF-8 and no C0 control character (identifiers).
func refValidName(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' })
}

func refCanonical(policyType, planCode string) (string, string) {
	pt := width.Fold.String(strings.TrimSpace(policyType))
	pt = strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, pt)
	var allowed string
	switch pt {
	case "MA", "MAPD":
		allowed = "HR"
	case "PDP":
		allowed = "SHREX"
	default:
		if jsLen(planCode) > 255 {
			return "", "plan_code_too_long"
		}
		t := strings.TrimSpace(planCode)
		if t == "" {
			return "", "plan_code_empty"
		}
		if !refValidName(t) {
			return "", "invalid_string"
		}
		return t, ""
	}
	c, code := refParse(planCode, allowed)
	if code != "" {
		return "", code
	}
	return fmt.Sprintf("%c%04d-%03d-%03d", c.prefix, c.contract, c.plan, c.segment), ""
}
