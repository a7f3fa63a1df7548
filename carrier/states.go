package carrier

import "github.com/carecycle/carerules/internal/usaddr"

// The states a carrier serves: the 50 states, DC and PR (the library's one
// state table), in code order; a state is its index here.
var stateCodes = usaddr.InsuranceStateCodes()

const numStates = usaddr.NumInsuranceStates

// stateNames maps normalized state names (as Normalize writes them: lower
// case, "of" dropped) to state indexes (positions in stateCodes).
var stateNames = usaddr.InsuranceStateNames()

// stateIndex returns the index of a two-letter state code (any case), or -1.
func stateIndex(code string) int { return usaddr.InsuranceState(code) }

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
