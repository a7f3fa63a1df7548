package carrier

import "bytes"

// Resolve resolves a carrier name to one canonical carrier, or says why it
// cannot. In order:
//
//  1. the name is trimmed; empty is [ErrEmpty], more than MaxInputLen
//     characters is [ErrTooLong] (checked before anything else);
//  2. its key (see [Normalize]) equal to a government program or other
//     non-carrier is [ErrUnknown]; equal to a display name is MethodExact,
//     to an alias MethodAlias; to a family name, the family is resolved
//     by Query.State. Equal to a name once spaces are removed counts only
//     when that compact form belongs to one carrier and its brand part is
//     no other carrier's ("Health Partners" is ambiguous between
//     HealthPartners and Health Partners Plans): spacing never merges two
//     companies;
//  3. a generic Blue name ("BCBS", "Blue Cross and Blue Shield", "Blue
//     Cross", "Blue Shield", "FEP", with an optional state: "BCBS TX", "BCBS
//     of Florida", "Blue Cross Blue Shield Medicare") resolves to the Blue
//     company of the state it names, else of Query.State (MethodState);
//     with no state, [ErrStateRequired]; in a state served by several Blue
//     companies, by Query.PostalCode where the registry knows the split
//     (MethodZIP), else [ErrAmbiguous] with the companies as candidates;
//  4. "<name> <state>" where <name> is an exact key: a non-Blue carrier,
//     a Blue company serving that state, or a family resolved by that state
//     ("Molina Healthcare of Texas", "Anthem Ohio");
//  5. name structure (MethodStructure, see structured): filing
//     abbreviations spelled out ("Ins Co", "HP"), a trailing state or
//     region cut off ("<brand> Insurance Company of <State>", the state
//     then picking a family member or Blue company), product and plan words
//     dropped ("Aetna Medicare Advantage HMO"), "X dba Y", "Y (Parent)",
//     "X, a Division of Y", "Ambetter from <plan>", "A / B"; two carriers
//     named in one field are [ErrUnknown]; a name reduced by dropping words
//     that another carrier's name fits better is [ErrAmbiguous];
//  6. fuzzy: the best Jaro-Winkler score over the fuzzy keys (every alias
//     except short codes and exact-only aliases, of about the query's
//     length: at most max(2, 20%) bytes longer or shorter) at or above FuzzyThreshold
//     and at least FuzzyMargin above the runner-up (MethodFuzzy); a close
//     runner-up makes it [ErrAmbiguous], a close non-carrier [ErrUnknown]; a
//     key whose words of one or two letters (state and mark codes: "kc",
//     "nc", "bc") differ from the query's is never the answer and counts as
//     a non-carrier;
//  7. otherwise [ErrUnknown].
//
// Every error is an [*Error] with field path "carrierName". The three
// outcomes a host may keep a policy for (unknown, ambiguous with
// [Error.Candidates], state_required) are described by [AsUnresolved].
func (r *Registry) Resolve(q Query) (Match, error) {
	if tooLong(q.Name) {
		return Match{}, newError(kindTooLong, FieldPath, expectShort, q.Name, nil)
	}
	name := trimSpace(q.Name)
	if name == "" {
		return Match{}, newError(kindEmpty, FieldPath, expectName, q.Name, nil)
	}
	if e := invalidText(name); e != nil {
		return Match{}, e
	}
	var kb keyBuf
	key := kb.key(name)
	if len(key) == 0 {
		return Match{}, r.unknown(q)
	}
	if t, ok := r.exact[string(key)]; ok {
		return r.answer(t, q, 1, MethodAlias)
	}
	if g, ok := parseGeneric(key); ok {
		return r.generic(g.state, q, 1)
	}
	var cb [512]byte
	ck := cb[:0]
	for _, c := range key {
		if c != ' ' {
			ck = append(ck, c)
		}
	}
	if t, ok := r.compact[string(ck)]; ok {
		if t.kind == tCarrier && r.contested(key, t.idx) {
			// Equal once spaces are removed to a name of one carrier, but its
			// brand part, spaced otherwise, is another's ("Health Partners":
			// HealthPartners in Minnesota, Health Partners Plans in
			// Pennsylvania): spacing never merges two companies. The input's
			// own spacing may still name one of them ("Health First Health
			// Plan" reduces to Health First); else ambiguous.
			if a := r.reduce(key); a.kind == aCarrier && a.idx != t.idx {
				if m, ok, err := r.single(a, key, q); ok {
					return m, err
				}
			}
			return Match{}, r.ambiguous(q, r.compactContesters(key, t.idx))
		}
		t.display = false
		return r.answer(t, q, 1, MethodAlias)
	}
	if m, ok, err := r.stateQualified(key, q); ok {
		return m, err
	}
	if m, ok, err := r.structured(name, key, q, 0); ok {
		return m, err
	}
	return r.fuzzyResolve(key, q, FuzzyThreshold, FuzzyMargin)
}

// tailState returns the state named by the last word(s) of a key of two
// or more words, or -1.
func tailState(key []byte) int {
	for _, words := range [2]int{2, 1} {
		if _, st := splitStateTail(key, words); st >= 0 {
			return st
		}
	}
	return -1
}

// splitStateTail reports whether the last words words of key name a state
// (a state name, or for one word also a two-letter code) with at least one
// word before them: it returns the index of the space that cuts them off
// and the state, or -1, -1.
func splitStateTail(key []byte, words int) (cut, st int) {
	cut = len(key)
	for range words {
		cut = bytes.LastIndexByte(key[:cut], ' ')
		if cut <= 0 {
			return -1, -1
		}
	}
	tail := key[cut+1:]
	if st, ok := stateNames[string(tail)]; ok {
		return cut, st
	}
	if words == 1 && len(tail) == 2 {
		if st := stateIndex(string(tail)); st >= 0 {
			return cut, st
		}
	}
	return -1, -1
}

// stateQualified resolves "<name> <state>" ("Molina Healthcare of Texas",
// "Anthem Blue Cross and Blue Shield Ohio", "Delta Dental of California")
// when <name> is an exact key: a non-Blue carrier, a Blue company that
// serves that state, or a family (resolved by the named state).
func (r *Registry) stateQualified(key []byte, q Query) (Match, bool, error) {
	for _, words := range [2]int{2, 1} {
		cut, st := splitStateTail(key, words)
		if st < 0 {
			continue
		}
		t, found := r.exact[string(key[:cut])]
		if !found || t.exactOnly {
			continue
		}
		switch t.kind {
		case tCarrier:
			c := r.carriers[t.idx]
			if c.Blue && r.stateMask[t.idx]&(1<<st) == 0 {
				return Match{}, false, nil
			}
			return Match{Carrier: c, Method: MethodAlias, Score: 1, Confidence: Exact}, true, nil
		case tFamily:
			m, err := r.familyIn(t.idx, st, q, 1)
			return m, true, err
		case tNot:
			return Match{}, true, r.unknown(q)
		case tAmbig:
			return Match{}, true, r.ambiguous(q, r.ambigs[t.idx])
		}
	}
	return Match{}, false, nil
}

func (r *Registry) unknown(q Query) error {
	return newError(kindUnknown, FieldPath, expectName, q.Name, nil)
}

func (r *Registry) ambiguous(q Query, idx []int32) error {
	return newError(kindAmbiguous, FieldPath, expectOne, q.Name, r.list(idx))
}

// answer turns a matched target into a Match or an error. method is
// MethodAlias for exact-key matches and MethodFuzzy for fuzzy ones.
func (r *Registry) answer(t target, q Query, score float64, method Method) (Match, error) {
	switch t.kind {
	case tCarrier:
		m := Match{Carrier: r.carriers[t.idx], Method: method, Score: score, Confidence: Exact}
		if method == MethodFuzzy {
			m.Confidence = Low
		} else if t.display {
			m.Method = MethodExact
		}
		return m, nil
	case tFamily:
		return r.family(t.idx, q, score)
	case tGeneric:
		return r.generic(-1, q, score)
	case tAmbig:
		return Match{}, r.ambiguous(q, r.ambigs[t.idx])
	}
	return Match{}, r.unknown(q)
}

// family resolves a family name by the customer's state: the one member
// serving it as a Blue company, else ambiguous with all members.
func (r *Registry) family(fi int32, q Query, score float64) (Match, error) {
	return r.familyIn(fi, parseState(q.State), q, score)
}

func (r *Registry) familyIn(fi int32, st int, q Query, score float64) (Match, error) {
	f := r.families[fi]
	if st >= 0 {
		pick := int32(-1)
		n := 0
		for _, m := range f.members {
			if r.stateMask[m]&(1<<st) != 0 {
				pick = m
				n++
			}
		}
		if n == 1 {
			return Match{Carrier: r.carriers[pick], Method: MethodFamily, Score: score, Confidence: Low}, nil
		}
	}
	return Match{}, r.ambiguous(q, f.members)
}

// generic resolves a generic Blue name: the named state (if >= 0), else the
// customer's; then the one Blue company there, or the postal code.
func (r *Registry) generic(named int, q Query, score float64) (Match, error) {
	st := named
	if st < 0 {
		st = parseState(q.State)
	}
	if st < 0 {
		return Match{}, newError(kindStateRequired, FieldPath, expectState, q.State, nil)
	}
	conf := High
	if score < 1 {
		conf = Low
	}
	bl := r.blues[st]
	switch len(bl) {
	case 0:
		return Match{}, r.unknown(q)
	case 1:
		return Match{Carrier: r.carriers[bl[0]], Method: MethodState, Score: score, Confidence: conf}, nil
	}
	if r.splitState[st] {
		if z, ok := parseZIP5(q.PostalCode); ok {
			if zc, known := r.zips[zipKey(st, z)]; known {
				// Companies listed for this ZIP, plus those serving the whole
				// state (no Area there).
				pick := int32(-1)
				n := 0
				for _, c := range bl {
					if containsIdx(zc, c) || !r.hasArea(c, st) {
						pick = c
						n++
					}
				}
				if n == 1 {
					return Match{Carrier: r.carriers[pick], Method: MethodZIP, Score: score, Confidence: conf}, nil
				}
				var cs []int32
				for _, c := range bl {
					if containsIdx(zc, c) || !r.hasArea(c, st) {
						cs = append(cs, c)
					}
				}
				return Match{}, r.ambiguous(q, cs)
			}
		}
	}
	return Match{}, r.ambiguous(q, bl)
}

func containsIdx(xs []int32, x int32) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func (r *Registry) hasArea(c int32, st int) bool { return r.areaMask[c]&(1<<st) != 0 }
