package carrier

import "bytes"

type genericName struct {
	state int // named state, or -1
}

// fillers may follow a generic Blue head without making it specific:
// "Blue Cross Blue Shield Medicare Advantage", "FEP Blue", "BCBS PPO".
var fillers = map[string]bool{
	"plan": true, "plans": true, "association": true, "insurance": true,
	"health": true, "medicare": true, "advantage": true, "supplement": true,
	"ppo": true, "hmo": true, "epo": true, "fep": true, "federal": true,
	"employee": true, "employees": true, "program": true, "blue": true,
	"and": true,
}

// parseGeneric reports whether a key is a generic Blue name: an optional
// state, a head (bcbs, blue cross, blue shield, bcbsa, fep, federal employee
// program, or bcbs glued to a state code: "bcbsny"), filler words, and at
// most one state (code or name), e.g. "bcbs", "bcbs tx", "bcbs florida",
// "texas bcbs", "blue cross blue shield medicare" (as "bcbs medicare").
func parseGeneric(key []byte) (genericName, bool) {
	var arr [12][]byte
	toks := arr[:0]
	for f := range bytes.FieldsSeq(key) {
		if len(toks) == len(arr) {
			return genericName{}, false
		}
		toks = append(toks, f)
	}
	g := genericName{state: -1}
	setState := func(s int) bool {
		if g.state >= 0 && g.state != s {
			return false
		}
		g.state = s
		return true
	}
	i := 0
	if s, n := matchState(toks); n > 0 {
		g.state = s
		i = n
	}
	if i >= len(toks) {
		return genericName{}, false
	}
	switch t := toks[i]; {
	case string(t) == "bcbs" || string(t) == "bcbsa" || string(t) == "fep":
		i++
	case len(t) == 6 && string(t[:4]) == "bcbs" && stateIndex(string(t[4:])) >= 0:
		if !setState(stateIndex(string(t[4:]))) {
			return genericName{}, false
		}
		i++
	case string(t) == "blue" && i+1 < len(toks) && (string(toks[i+1]) == "cross" || string(toks[i+1]) == "shield"):
		i += 2
	case hasWords(toks[i:], "federal", "employee", "program"):
		i += 3
	default:
		return genericName{}, false
	}
	for i < len(toks) {
		if fillers[string(toks[i])] {
			i++
			continue
		}
		s, n := matchState(toks[i:])
		if n == 0 || !setState(s) {
			return genericName{}, false
		}
		i += n
	}
	return g, true
}

// matchState matches a state name (one or two words) or a two-letter code at
// the start of toks; it returns the state and the number of words used.
func matchState(toks [][]byte) (int, int) {
	if len(toks) == 0 {
		return -1, 0
	}
	if len(toks) >= 2 {
		var b [40]byte
		if len(toks[0])+1+len(toks[1]) <= len(b) {
			k := append(append(append(b[:0], toks[0]...), ' '), toks[1]...)
			if s, ok := stateNames[string(k)]; ok {
				return s, 2
			}
		}
	}
	if s, ok := stateNames[string(toks[0])]; ok {
		return s, 1
	}
	if len(toks[0]) == 2 {
		if s := stateIndex(string(toks[0])); s >= 0 {
			return s, 1
		}
	}
	return -1, 0
}
