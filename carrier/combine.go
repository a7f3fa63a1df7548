package carrier

import (
	"slices"
	"strings"
)

// rel is how the two parts of a structured name relate.
type rel uint8

const (
	// relSame: two names of one field ("A / B", "A B") must name one
	// carrier; two different carriers are unknown.
	relSame rel = iota + 1
	// relEither: legal name and brand of one company ("X dba Y", "Y
	// underwritten by X"): either part, when the other is not a registered
	// name, identifies the carrier.
	relEither
	// relParent: a brand and its parent or partner ("Y (Parent)", "Y, a
	// Division of P", "Ambetter from Superior HealthPlan"): the first part
	// must be a registered name; the second only has to agree.
	relParent
	// relFirst: the second part is boilerplate ("an Independent Licensee of
	// the Blue Cross and Blue Shield Association").
	relFirst
)

// set returns the carriers a part stands for: a carrier; every member of a
// family (combine narrows by state only what both parts allow); a generic
// Blue name's companies in the state it names or the customer's, else every
// Blue company.
func (r *Registry) set(a partAnswer, q Query) []int32 {
	switch a.kind {
	case aCarrier:
		return []int32{a.idx}
	case aAmbig:
		return r.ambigs[a.idx]
	case aFamily:
		return r.families[a.idx].members
	case aGeneric:
		st := a.state
		if st < 0 {
			st = parseState(q.State)
		}
		if st >= 0 {
			return r.blues[st]
		}
		var all []int32
		for i, c := range r.carriers {
			if c.Blue {
				all = append(all, int32(i))
			}
		}
		return all
	}
	return nil
}

// partState is the state that narrows a combined answer: one a part names,
// else the customer's.
func (r *Registry) partState(a, b partAnswer, q Query) int {
	for _, p := range [2]partAnswer{a, b} {
		if (p.kind == aFamily || p.kind == aGeneric || p.kind == aCarrier) && p.state >= 0 {
			return p.state
		}
	}
	return parseState(q.State)
}

// independentParent: a parent recorded as "independent ..." relates no
// two carriers.
func independentParent(p string) bool {
	return p == "" || strings.HasPrefix(p, "independent")
}

// related reports whether carrier b agrees with a as its parent or sister
// brand: b is a's recorded parent, or both have the same recorded parent.
func (r *Registry) related(a, b int32) bool {
	ca, cb := r.carriers[a], r.carriers[b]
	if independentParent(ca.Parent) {
		return false
	}
	return cb.DisplayName == ca.Parent || cb.Parent == ca.Parent ||
		strings.HasPrefix(ca.Parent, cb.DisplayName+" ")
}

// single answers a part that stands alone.
func (r *Registry) single(a partAnswer, key []byte, q Query) (Match, bool, error) {
	switch a.kind {
	case aCarrier:
		if a.stripped && key != nil && r.contestedSpaced(key, a.idx, a.hitWords) {
			return Match{}, true, r.ambiguous(q, r.spacedContesters(key, a.idx, a.hitWords))
		}
		if to, sold := r.medicareSold[a.idx]; sold && a.medicare {
			// "Cigna Health and Life Medicare Supplement": Cigna's Medicare
			// business belongs to another carrier now; which one holds this
			// policy is not in the name.
			return Match{}, true, r.ambiguous(q, uniq([]int32{a.idx, to}))
		}
		return Match{Carrier: r.carriers[a.idx], Method: MethodStructure, Score: 1, Confidence: High}, true, nil
	case aFamily:
		st := a.state
		if st < 0 {
			st = parseState(q.State)
		}
		m, err := r.familyIn(a.idx, st, q, 1)
		return m, true, err
	case aGeneric:
		m, err := r.generic(a.state, q, 1)
		return m, true, err
	case aAmbig:
		return Match{}, true, r.ambiguous(q, r.ambigs[a.idx])
	case aNot, aBlocked:
		return Match{}, true, r.unknown(q)
	}
	return Match{}, false, nil
}

// alone answers a part whose companion part is not a registered name. A
// family is not narrowed by state then: "Anthem (AMGP)" in Georgia may be
// Anthem's non-Blue brand, whatever the state's Blue company is.
func (r *Registry) alone(a partAnswer, q Query) (Match, bool, error) {
	if a.kind == aFamily {
		return Match{}, true, r.ambiguous(q, r.families[a.idx].members)
	}
	return r.single(a, nil, q)
}

// combine answers two parts related by rel.
func (r *Registry) combine(a, b partAnswer, rl rel, q Query) (Match, bool, error) {
	if a.kind == aNot || b.kind == aNot || a.kind == aBlocked || b.kind == aBlocked {
		return Match{}, true, r.unknown(q)
	}
	if rl == relFirst {
		b = partAnswer{kind: aNone}
	}
	switch {
	case a.kind == aNone && b.kind == aNone:
		return Match{}, false, nil
	case b.kind == aNone:
		if rl == relSame {
			return Match{}, true, r.unknown(q) // the other name may be a second carrier
		}
		return r.alone(a, q)
	case a.kind == aNone:
		if rl != relEither {
			return Match{}, true, r.unknown(q) // a brand we do not know: never its parent
		}
		return r.alone(b, q)
	}
	// Intersect what the parts stand for, families whole: "Anthem (AMGP)"
	// is Wellpoint even in a state where Anthem is the Blue company. The
	// state narrows only what both parts allow.
	sa, sb := r.set(a, q), r.set(b, q)
	var both []int32
	for _, x := range sa {
		if slices.Contains(sb, x) {
			both = append(both, x)
		}
	}
	if len(both) > 1 {
		if st := r.partState(a, b, q); st >= 0 {
			var in []int32
			for _, x := range both {
				if r.stateMask[x]&(1<<st) != 0 {
					in = append(in, x)
				}
			}
			if len(in) == 1 {
				both = in
			}
		}
	}
	if len(both) == 0 && rl != relSame && a.kind == aCarrier {
		for _, y := range sb {
			if r.related(a.idx, y) {
				both = []int32{a.idx}
				break
			}
		}
	}
	switch len(both) {
	case 0:
		return Match{}, true, r.unknown(q) // two different carriers in one field
	case 1:
		return Match{Carrier: r.carriers[both[0]], Method: MethodStructure, Score: 1, Confidence: High}, true, nil
	}
	return Match{}, true, r.ambiguous(q, uniq(slices.Clone(both)))
}
