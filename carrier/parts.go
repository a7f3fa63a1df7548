package carrier

import "bytes"

// answerKind is the outcome of resolving one part of a name.
type answerKind uint8

const (
	aNone    answerKind = iota // not a registered name
	aCarrier                   // idx: carrier
	aFamily                    // idx: family; state: named state or -1
	aGeneric                   // a generic Blue name; state: named state or -1
	aAmbig                     // idx: ambigs entry
	aNot                       // a non-carrier (government program, look-alike)
	aBlocked                   // a specific Blue company with a state it does not serve
)

type partAnswer struct {
	kind     answerKind
	idx      int32
	state    int
	stripped bool // product words were dropped to reach the name
	medicare bool // among them a Medicare product word (see medicareWords)
	hitWords int  // words of the registered name reached
}

// genericOf is parseGeneric behind a cheap test: every generic Blue head
// (bcbs, blue cross, blue shield, fep, federal employee program) contains
// one of these words.
func genericOf(key []byte) (genericName, bool) {
	if !bytes.Contains(key, []byte("bcbs")) && !bytes.Contains(key, []byte("blue")) &&
		!bytes.Contains(key, []byte("fep")) && !bytes.Contains(key, []byte("federal")) {
		return genericName{}, false
	}
	return parseGeneric(key)
}

// reduce finds the registered name inside a key with no exact match: filing
// abbreviations spelled out, then repeatedly a trailing state or region cut
// off ("<brand> of <State>", "<brand> Insurance Company of <State>") and
// trailing product words dropped. The first registered name reached is the
// answer, with the state the name gave.
func (r *Registry) reduce(key []byte) partAnswer { return r.reduceChecked(key, false) }

// reduceChecked is reduce; checked says the key itself was already looked
// up (exact, compact, generic) without success, as Resolve does before it
// comes here.
func (r *Registry) reduceChecked(key []byte, checked bool) partAnswer {
	var eb, cb [512]byte
	cur := key
	if exp, ok := expandAbbrev(key, eb[:0]); ok && len(exp) > 0 {
		cur, checked = exp, false
	}
	state := -1
	stripped, medicare := false, false
	for range 16 {
		if len(cur) == 0 {
			break
		}
		if checked {
			checked = false
			goto cut
		}
		if t, ok := r.exact[string(cur)]; ok && (!t.exactOnly || state < 0 && !stripped) {
			a := r.partOf(t, state, stripped)
			a.hitWords = bytes.Count(cur, []byte{' '}) + 1
			a.medicare = medicare
			return a
		}
		if cb := appendCompact(cb[:0], cur); len(cur) >= minFuzzyLen {
			// "Care Source Ohio": a unique, uncontested compact form.
			if t, ok := r.compact[string(cb)]; ok && t.kind == tCarrier && !t.exactOnly && !r.contested(cur, t.idx) {
				a := r.partOf(t, state, stripped)
				a.hitWords = bytes.Count(cur, []byte{' '}) + 1
				return a
			}
		}
		if g, ok := genericOf(cur); ok {
			st := g.state
			if st < 0 {
				st = state
			} else if state >= 0 && state != st {
				return partAnswer{kind: aNone}
			}
			return partAnswer{kind: aGeneric, state: st}
		}
	cut:
		if state < 0 {
			if cut, st := splitStateTail(cur, 2); st >= 0 {
				state, cur = st, trimKeySuffixes(cur[:cut])
				continue
			}
			if cut, st := splitStateTail(cur, 1); st >= 0 {
				state, cur = st, trimKeySuffixes(cur[:cut])
				continue
			}
		}
		if cut := regionTail(cur); cut > 0 {
			cur = trimKeySuffixes(cur[:cut])
			continue
		}
		i := lastSpace(cur)
		if i <= 0 {
			break
		}
		last := cur[i+1:]
		switch {
		case productWords[string(last)]:
			medicare = medicare || medicareWords[string(last)]
		case len(last) == 1 && 'a' <= last[0] && last[0] <= 'n' && bytes.HasSuffix(cur[:i], []byte(" plan")):
			// "Plan G": a Medicare Supplement plan letter
			i -= len(" plan")
			medicare = true
		case isPlanID(last):
			// "H1036-077": a CMS contract or plan number
			medicare = true
		default:
			return partAnswer{kind: aNone}
		}
		cur, stripped = trimKeySuffixes(cur[:i]), true
	}
	return partAnswer{kind: aNone}
}

func (r *Registry) partOf(t target, state int, stripped bool) partAnswer {
	switch t.kind {
	case tCarrier:
		if state >= 0 && r.carriers[t.idx].Blue && r.stateMask[t.idx]&(1<<state) == 0 {
			return partAnswer{kind: aBlocked}
		}
		return partAnswer{kind: aCarrier, idx: t.idx, state: state, stripped: stripped}
	case tFamily:
		return partAnswer{kind: aFamily, idx: t.idx, state: state}
	case tAmbig:
		return partAnswer{kind: aAmbig, idx: t.idx}
	case tNot:
		return partAnswer{kind: aNot}
	}
	return partAnswer{kind: aNone}
}

// lookupPart resolves one part of a name without fuzzy matching: exact,
// generic Blue, compact (unique and uncontested), then reduce.
func (r *Registry) lookupPart(key []byte) partAnswer {
	if len(key) == 0 {
		return partAnswer{kind: aNone}
	}
	if t, ok := r.exact[string(key)]; ok {
		return r.partOf(t, -1, false)
	}
	if g, ok := genericOf(key); ok {
		return partAnswer{kind: aGeneric, state: g.state}
	}
	var cb [512]byte
	if t, ok := r.compact[string(appendCompact(cb[:0], key))]; ok {
		if t.kind != tCarrier || !r.contested(key, t.idx) {
			return r.partOf(t, -1, false)
		}
	}
	return r.reduce(key)
}

func (r *Registry) reduceOrExact(k []byte) partAnswer {
	if t, ok := r.exact[string(k)]; ok {
		return r.partOf(t, -1, false)
	}
	return r.reduce(k)
}

func (r *Registry) exactPart(key []byte) partAnswer {
	if t, ok := r.exact[string(key)]; ok && !t.exactOnly {
		return r.partOf(t, -1, false)
	}
	if g, ok := genericOf(key); ok {
		return partAnswer{kind: aGeneric, state: g.state}
	}
	return partAnswer{kind: aNone}
}
