// Package usaddr is the library's one table of US state codes and its one
// ZIP code parser, shared by carrier (Blue Cross Blue Shield licensees by
// state and ZIP area) and timezone (time zone of a ZIP, calling-hour rules
// by state).
//
// The table holds every two-letter code the US Postal Service assigns to a
// state-level area: the 50 states, the District of Columbia, the five
// inhabited territories (AS, GU, MP, PR, VI), the three Armed Forces codes
// (AA, AE, AP) and the three freely associated states (FM, MH, PW). Source:
// USPS Publication 28, Appendix B (state and territory abbreviations),
// checked 2026-12-01; the list has not changed since 1987. A test checks the
// counts of each class.
package usaddr

// Class is the kind of area a USPS code names.
type Class uint8

// The classes of USPS codes.
const (
	State      Class = iota + 1 // one of the 50 states
	District                    // the District of Columbia
	Territory                   // AS, GU, MP, PR, VI
	Military                    // Armed Forces AA, AE, AP
	Associated                  // freely associated states FM, MH, PW
)

// entry is one USPS code. index is its position among the insurance
// states (the 50 states, DC and PR, in code order), -1 for the others.
type entry struct {
	code  string
	class Class
	index int8
	name  string // lower case, "of" dropped: the form carrier keys names in
}

// table is sorted by code.
var table = [...]entry{
	{"AA", Military, -1, ""}, {"AE", Military, -1, ""}, {"AK", State, 0, "alaska"},
	{"AL", State, 1, "alabama"}, {"AP", Military, -1, ""}, {"AR", State, 2, "arkansas"},
	{"AS", Territory, -1, "american samoa"}, {"AZ", State, 3, "arizona"},
	{"CA", State, 4, "california"}, {"CO", State, 5, "colorado"}, {"CT", State, 6, "connecticut"},
	{"DC", District, 7, "district columbia"}, {"DE", State, 8, "delaware"},
	{"FL", State, 9, "florida"}, {"FM", Associated, -1, "federated states micronesia"},
	{"GA", State, 10, "georgia"}, {"GU", Territory, -1, "guam"}, {"HI", State, 11, "hawaii"},
	{"IA", State, 12, "iowa"}, {"ID", State, 13, "idaho"}, {"IL", State, 14, "illinois"},
	{"IN", State, 15, "indiana"}, {"KS", State, 16, "kansas"}, {"KY", State, 17, "kentucky"},
	{"LA", State, 18, "louisiana"}, {"MA", State, 19, "massachusetts"},
	{"MD", State, 20, "maryland"}, {"ME", State, 21, "maine"},
	{"MH", Associated, -1, "marshall islands"}, {"MI", State, 22, "michigan"},
	{"MN", State, 23, "minnesota"}, {"MO", State, 24, "missouri"},
	{"MP", Territory, -1, "northern mariana islands"}, {"MS", State, 25, "mississippi"},
	{"MT", State, 26, "montana"}, {"NC", State, 27, "north carolina"},
	{"ND", State, 28, "north dakota"}, {"NE", State, 29, "nebraska"},
	{"NH", State, 30, "new hampshire"}, {"NJ", State, 31, "new jersey"},
	{"NM", State, 32, "new mexico"}, {"NV", State, 33, "nevada"}, {"NY", State, 34, "new york"},
	{"OH", State, 35, "ohio"}, {"OK", State, 36, "oklahoma"}, {"OR", State, 37, "oregon"},
	{"PA", State, 38, "pennsylvania"}, {"PR", Territory, 39, "puerto rico"},
	{"PW", Associated, -1, "palau"}, {"RI", State, 40, "rhode island"},
	{"SC", State, 41, "south carolina"}, {"SD", State, 42, "south dakota"},
	{"TN", State, 43, "tennessee"}, {"TX", State, 44, "texas"}, {"UT", State, 45, "utah"},
	{"VA", State, 46, "virginia"}, {"VI", Territory, -1, "virgin islands"},
	{"VT", State, 47, "vermont"}, {"WA", State, 48, "washington"},
	{"WI", State, 49, "wisconsin"}, {"WV", State, 50, "west virginia"},
	{"WY", State, 51, "wyoming"},
}

// NumInsuranceStates is the number of insurance states: the 50 states, the
// District of Columbia and Puerto Rico, where health insurers are licensed
// and Blue Cross Blue Shield companies serve. [InsuranceState] numbers them
// 0 to NumInsuranceStates-1 in code order.
const NumInsuranceStates = 52

// find returns the table entry of a two-letter code (ASCII, any case).
func find(code string) *entry {
	if len(code) != 2 {
		return nil
	}
	a, b := upper(code[0]), upper(code[1])
	lo, hi := 0, len(table)
	for lo < hi {
		m := (lo + hi) / 2
		c := table[m].code
		switch {
		case c[0] == a && c[1] == b:
			return &table[m]
		case c[0] < a || (c[0] == a && c[1] < b):
			lo = m + 1
		default:
			hi = m
		}
	}
	return nil
}

func upper(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

// Lookup returns the upper-case USPS code of code (two ASCII letters, any
// case, not trimmed) and its class; ok is false for anything else.
func Lookup(code string) (canonical string, class Class, ok bool) {
	if e := find(code); e != nil {
		return e.code, e.class, true
	}
	return "", 0, false
}

// InsuranceState returns the index (0 to NumInsuranceStates-1) of a
// two-letter code (any case) of the 50 states, DC or PR, or -1.
func InsuranceState(code string) int {
	if e := find(code); e != nil {
		return int(e.index)
	}
	return -1
}

// InsuranceStateCode returns the upper-case code of insurance state i, or
// "" when i is out of range.
func InsuranceStateCode(i int) string {
	for k := range table {
		if int(table[k].index) == i && i >= 0 {
			return table[k].code
		}
	}
	return ""
}

// InsuranceStateCodes returns the codes of the insurance states, by index.
func InsuranceStateCodes() [NumInsuranceStates]string {
	var c [NumInsuranceStates]string
	for k := range table {
		if i := table[k].index; i >= 0 {
			c[i] = table[k].code
		}
	}
	return c
}

// InsuranceStateNames returns a new map from each insurance state's name,
// in the form [InsuranceStateByName] takes, to its index.
func InsuranceStateNames() map[string]int {
	m := make(map[string]int, NumInsuranceStates+1)
	for k := range table {
		if i := table[k].index; i >= 0 {
			m[table[k].name] = int(i)
		}
	}
	m["washington dc"] = 7
	return m
}

// InsuranceStateByName returns the index of the insurance state whose name,
// written in lower case with single spaces and the word "of" dropped
// ("district columbia", "new york"), is name; "washington dc" is DC too.
// It returns -1 for anything else.
func InsuranceStateByName(name string) int {
	if name == "washington dc" {
		return 7
	}
	for k := range table {
		if table[k].name == name && table[k].index >= 0 {
			return int(table[k].index)
		}
	}
	return -1
}

// ParseZIP returns the five-digit ZIP of s written as 12345, 12345-6789 or
// 123456789 (a ZIP+4's last four digits are checked and dropped), as a
// number 0 to 99999. s is not trimmed: nothing but those forms is
// accepted.
func ParseZIP(s string) (zip5 int, ok bool) {
	switch len(s) {
	case 5:
	case 9:
		if !allDigits(s[5:]) {
			return 0, false
		}
	case 10:
		if s[5] != '-' || !allDigits(s[6:]) {
			return 0, false
		}
	default:
		return 0, false
	}
	if !allDigits(s[:5]) {
		return 0, false
	}
	n := 0
	for i := 0; i < 5; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
