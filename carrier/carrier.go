package carrier

import "strconv"

// Carrier is a canonical carrier of a [Registry]. It is a small comparable
// value; the zero Carrier is invalid.
type Carrier struct {
	// ID is the stable identifier, e.g. "bcbs-texas".
	ID string
	// DisplayName is the canonical display name, e.g.
	// "Blue Cross and Blue Shield of Texas".
	DisplayName string
	// Parent is the parent organization, e.g. "HCSC" ("" when unknown).
	Parent string
	// Blue reports a Blue Cross and/or Blue Shield licensee.
	Blue bool
}

// IsValid reports whether c is a carrier (not the zero Carrier).
func (c Carrier) IsValid() bool { return c.ID != "" }

// String returns the display name.
func (c Carrier) String() string { return c.DisplayName }

// Method says how a name was resolved.
type Method uint8

const (
	// MethodNone is the zero Method (no match).
	MethodNone Method = iota
	// MethodExact: the name is the carrier's display name, after normalization.
	MethodExact
	// MethodAlias: the name is a registered alias, after normalization (also
	// when equal to one once spaces are removed: "Health Net" = "HealthNet").
	MethodAlias
	// MethodFuzzy: Jaro-Winkler similarity above FuzzyThreshold with a
	// FuzzyMargin over the runner-up; Match.Score holds the similarity.
	MethodFuzzy
	// MethodState: a generic Blue name resolved by the state it names or,
	// failing that, the customer's state, served by one Blue company.
	MethodState
	// MethodZIP: a generic Blue name in a state served by several Blue
	// companies, resolved by the postal code.
	MethodZIP
	// MethodFamily: a family name ("Anthem", "HCSC") resolved by the
	// customer's state, which picks exactly one member of the family.
	MethodFamily
	// MethodStructure: a registered name found inside the structure of a
	// legal or filing name: "<brand> of <State>", product words after the
	// name, filing abbreviations, "X dba Y", "Y (Parent)", "X, a Division of
	// Y", "A / B" naming one carrier.
	MethodStructure
)

var methodNames = [...]string{"none", "exact", "alias", "fuzzy", "state", "zip", "family", "structure"}

// String returns the lower-case name of m: "exact", "alias", "fuzzy",
// "state", "zip", "family" or "structure".
func (m Method) String() string {
	if int(m) < len(methodNames) {
		return methodNames[m]
	}
	return "Method(" + strconv.Itoa(int(m)) + ")"
}

// Confidence grades a match, as x/text/language does.
type Confidence uint8

const (
	// No: no match.
	No Confidence = iota
	// Low: a fuzzy match, or a family name resolved by state: worth a
	// second look by a person.
	Low
	// High: a generic Blue name resolved by state or ZIP from the registry's
	// tables, or a registered name found inside a structured name.
	High
	// Exact: the display name or a registered alias.
	Exact
)

var confidenceNames = [...]string{"No", "Low", "High", "Exact"}

// String returns "No", "Low", "High" or "Exact".
func (c Confidence) String() string {
	if int(c) < len(confidenceNames) {
		return confidenceNames[c]
	}
	return "Confidence(" + strconv.Itoa(int(c)) + ")"
}

// Match is the answer of [Registry.Resolve].
type Match struct {
	Carrier Carrier
	// Method says how the name was resolved; for a fuzzy match that led to
	// a family or a generic Blue name, it is MethodFamily, MethodState or
	// MethodZIP and Score is below 1.
	Method Method
	// Score is the Jaro-Winkler similarity of a fuzzy match, 1 otherwise.
	Score float64
	// Confidence grades the answer.
	Confidence Confidence
}

// Query is what Resolve needs: the carrier name as typed and, for generic
// Blue names and family names, the customer's state and postal code.
type Query struct {
	// Name is the carrier name as typed (the API's carrierName).
	Name string
	// State is the customer's state: a two-letter code (or state name) of
	// the 50 states, DC or PR. Anything else counts as no state.
	State string
	// PostalCode is the customer's ZIP code (12345, 12345-6789 or
	// 123456789). Only the first five digits are used, and only in states
	// split between Blue companies.
	PostalCode string
}
