package carrier

// The 50 states, DC and PR, in code order; a state is its index here.
var stateCodes = [...]string{
	"AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DC", "DE", "FL", "GA", "HI", "IA",
	"ID", "IL", "IN", "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS",
	"MT", "NC", "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA",
	"PR", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VT", "WA", "WI", "WV", "WY",
}

const numStates = len(stateCodes)

// stateNames maps normalized state names (as Normalize writes them: lower
// case, "of" dropped) to state indexes (positions in stateCodes).
var stateNames = map[string]int{
	"alaska":            0,  // AK
	"alabama":           1,  // AL
	"arkansas":          2,  // AR
	"arizona":           3,  // AZ
	"california":        4,  // CA
	"colorado":          5,  // CO
	"connecticut":       6,  // CT
	"district columbia": 7,  // DC
	"delaware":          8,  // DE
	"florida":           9,  // FL
	"georgia":           10, // GA
	"hawaii":            11, // HI
	"iowa":              12, // IA
	"idaho":             13, // ID
	"illinois":          14, // IL
	"indiana":           15, // IN
	"kansas":            16, // KS
	"kentucky":          17, // KY
	"louisiana":         18, // LA
	"massachusetts":     19, // MA
	"maryland":          20, // MD
	"maine":             21, // ME
	"michigan":          22, // MI
	"minnesota":         23, // MN
	"missouri":          24, // MO
	"mississippi":       25, // MS
	"montana":           26, // MT
	"north carolina":    27, // NC
	"north dakota":      28, // ND
	"nebraska":          29, // NE
	"new hampshire":     30, // NH
	"new jersey":        31, // NJ
	"new mexico":        32, // NM
	"nevada":            33, // NV
	"new york":          34, // NY
	"ohio":              35, // OH
	"oklahoma":          36, // OK
	"oregon":            37, // OR
	"pennsylvania":      38, // PA
	"puerto rico":       39, // PR
	"rhode island":      40, // RI
	"south carolina":    41, // SC
	"south dakota":      42, // SD
	"tennessee":         43, // TN
	"texas":             44, // TX
	"utah":              45, // UT
	"virginia":          46, // VA
	"vermont":           47, // VT
	"washington":        48, // WA
	"wisconsin":         49, // WI
	"west virginia":     50, // WV
	"wyoming":           51, // WY
	"washington dc":     7,  // DC
}

// stateIndex returns the index of a two-letter state code (any case), or -1.
func stateIndex(code string) int {
	if len(code) != 2 {
		return -1
	}
	a, b := code[0]|0x20, code[1]|0x20 // ASCII lower case
	lo, hi := 0, numStates
	for lo < hi {
		m := (lo + hi) / 2
		c := stateCodes[m]
		ca, cb := c[0]|0x20, c[1]|0x20
		switch {
		case ca == a && cb == b:
			return m
		case ca < a || (ca == a && cb < b):
			lo = m + 1
		default:
			hi = m
		}
	}
	return -1
}

// parseState accepts a two-letter code or a state name, any case, with
// surrounding white space; it returns -1 for anything else.
func parseState(s string) int {
	s = trimSpace(s)
	if s == "" {
		return -1
	}
	if i := stateIndex(s); i >= 0 {
		return i
	}
	var kb keyBuf
	if i, ok := stateNames[string(kb.key(s))]; ok {
		return i
	}
	return -1
}
