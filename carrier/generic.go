package carrier

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
	var w words
	w.buf = key
	for i := 0; i < len(key); {
		for i < len(key) && key[i] == ' ' {
			i++
		}
		j := i
		for j < len(key) && key[j] != ' ' {
			j++
		}
		if j > i {
			if w.n == 12 {
				return genericName{}, false
			}
			w.add(span{int32(i), int32(j)})
		}
		i = j
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
	if s, n := w.matchState(0); n > 0 {
		g.state = s
		i = n
	}
	if i >= w.n {
		return genericName{}, false
	}
	switch t := w.word(i); {
	case string(t) == "bcbs" || string(t) == "bcbsa" || string(t) == "fep":
		i++
	case len(t) == 6 && string(t[:4]) == "bcbs" && stateIndex(string(t[4:])) >= 0:
		if !setState(stateIndex(string(t[4:]))) {
			return genericName{}, false
		}
		i++
	case w.has(i, "blue", "cross") || w.has(i, "blue", "shield"):
		i += 2
	case w.has(i, "federal", "employee", "program"):
		i += 3
	default:
		return genericName{}, false
	}
	for i < w.n {
		if fillers[string(w.word(i))] {
			i++
			continue
		}
		s, n := w.matchState(i)
		if n == 0 || !setState(s) {
			return genericName{}, false
		}
		i += n
	}
	return g, true
}

// matchState matches a state name (one or two words) or a two-letter code at
// word i; it returns the state and the number of words used.
func (w *words) matchState(i int) (int, int) {
	if i >= w.n {
		return -1, 0
	}
	if i+1 < w.n {
		a, b := w.word(i), w.word(i+1)
		var buf [40]byte
		if len(a)+1+len(b) <= len(buf) {
			k := append(append(append(buf[:0], a...), ' '), b...)
			if s, ok := stateNames[string(k)]; ok {
				return s, 2
			}
		}
	}
	t := w.word(i)
	if s, ok := stateNames[string(t)]; ok {
		return s, 1
	}
	if len(t) == 2 {
		if s := stateIndex(string(t)); s >= 0 {
			return s, 1
		}
	}
	return -1, 0
}
