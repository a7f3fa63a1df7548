package plancode

import (
	"strings"

	"github.com/carecycle/carerules/internal/field"
)

// rule is what one context (Parse, or a policy type in Canonical) accepts.
type rule struct {
	policyType string // canonical policy type name; "" for Parse and free
	allowed    uint32 // bit p-'A' set for each allowed prefix p
	prefixes   string // the allowed prefixes, for messages
	expected   string // what Expected reports for a CMS rule
	free       bool   // no CMS format: trimmed and length-checked only
	idx        uint8  // position in rules
}

func (r *rule) allows(p Prefix) bool {
	return 'A' <= p && p <= 'Z' && r.allowed&(1<<(p-'A')) != 0
}

func prefixBits(ps ...Prefix) uint32 {
	var m uint32
	for _, p := range ps {
		m |= 1 << (p - 'A')
	}
	return m
}

// rules lists every rule by its index, which an *Error keeps.
var rules = [...]*rule{ruleAny, ruleMA, ruleMAPD, rulePDP, ruleFree}

var (
	ruleAny = &rule{
		idx:      0,
		allowed:  prefixBits(LocalMA, RegionalPPO, StandalonePDP, EmployerDirect, LINET),
		prefixes: "H, R, S, E or X",
		expected: "H1234-001-000 with prefix H, R, S, E or X",
	}
	ruleMA = &rule{
		idx:        1,
		policyType: "MA",
		allowed:    prefixBits(LocalMA, RegionalPPO),
		prefixes:   "H or R",
		expected:   "H1234-001-000 with prefix H or R",
	}
	ruleMAPD = &rule{
		idx:        2,
		policyType: "MAPD",
		allowed:    ruleMA.allowed,
		prefixes:   ruleMA.prefixes,
		expected:   ruleMA.expected,
	}
	rulePDP = &rule{
		idx:        3,
		policyType: "PDP",
		allowed:    ruleAny.allowed,
		prefixes:   "S, H, R, E or X",
		expected:   "S1234-001-000 with prefix S, H, R, E or X",
	}
	ruleFree = &rule{idx: 4, free: true}
)

// ruleFor returns the rule for a policy type: trimmed, full-width folded,
// compared case-insensitively (ASCII letters only) with MA, MAPD and PDP.
func ruleFor(policyType string) *rule {
	var buf [4]byte
	b, ok := fold(buf[:0], strings.TrimSpace(policyType))
	if !ok {
		return ruleFree
	}
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
	switch string(b) {
	case "MA":
		return ruleMA
	case "MAPD":
		return ruleMAPD
	case "PDP":
		return rulePDP
	}
	return ruleFree
}

// ContractStyle reports whether [Canonical] requires a CMS contract-style
// plan code for policyType: true for MA, MAPD and PDP (trimmed, full-width
// folded, compared case-insensitively), false for MS and every other type,
// whose plan codes are kept as given.
func ContractStyle(policyType string) bool { return !ruleFor(policyType).free }

// Canonical applies the API's planCode rule for a policy type and returns the
// plan code to store.
//
// For policy types MA and MAPD the plan code must be a complete CMS
// contract-style code with prefix H or R; for PDP, with prefix S, H, R, E or
// X. It is read as [Parse] reads it and returned in canonical form
// (H1234-001-000). A code of the right shape with another prefix fails with
// [ErrPrefix], whose Expected names the prefixes allowed.
//
// Every other policy type (MS, whose plan codes are carrier-specific, and ACA,
// Dental, Vision, Life, ..., as well as an empty or unknown policy type)
// keeps the plan code as given, trimmed of surrounding white space, after
// checking its length (at most [MaxLen] characters, [ErrTooLong]).
//
// Policy types are trimmed, full-width folded and compared
// case-insensitively: "ma", " Mapd " and "ＰＤＰ" are MA, MAPD and PDP.
//
// An empty or whitespace-only planCode is an error ([ErrEmpty]) for every
// policy type: it is not a plan code, and Canonical never turns it into one.
// Whether a policy may omit its plan code is the host's decision, taken
// before calling Canonical (or by testing errors.Is(err, ErrEmpty)).
func Canonical(policyType, planCode string) (string, error) {
	r := ruleFor(policyType)
	if !r.free {
		c, err := parse(planCode, r)
		if err != nil {
			return "", err
		}
		return c.String(), nil
	}
	if tooLong(planCode) {
		return "", newTooLong(planCode, r)
	}
	t := strings.TrimSpace(planCode)
	if t == "" {
		return "", newError(kindEmpty, planCode, r)
	}
	if !field.ValidName(t) {
		return "", newInvalid(t, r)
	}
	return t, nil
}
