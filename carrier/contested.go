package carrier

import "slices"

// contested reports whether the brand part of key (key without trailing
// product words, spaces removed) is shared by a carrier other than c: a
// spacing or product-word reduction then could merge two companies ("Health
// First Health Plan" is not "Healthfirst"), so it is not used.
func (r *Registry) contested(key []byte, c int32) bool {
	var cb [512]byte
	ck := appendCompact(cb[:0], baseOf(key))
	for _, o := range r.bases[string(ck)] {
		if !r.covers(o, c) {
			return true
		}
	}
	return false
}

// covers reports whether target t stands for carrier c (is c, or a family
// with c as member).
func (r *Registry) covers(t target, c int32) bool {
	switch t.kind {
	case tCarrier:
		return t.idx == c
	case tFamily:
		return slices.Contains(r.families[t.idx].members, c)
	}
	return true
}

// contestedSpaced reports whether another carrier has a registered name
// with the same brand part as key, spelled as the input spells it, that
// agrees with key on more words than the name found (hitWords words): the
// input then fits that carrier's name at least as well ("Medica Healthcare"
// reduces to Medica, but UnitedHealthcare's "Medica HealthCare Plans" agrees
// on both words). A brand spelled differently ("Health First" vs
// "Healthfirst") is a different brand: spacing decides, it never merges.
func (r *Registry) contestedSpaced(key []byte, c int32, hitWords int) bool {
	for _, o := range r.spacedBases[string(baseOf(key))] {
		if !r.covers(o.t, c) && commonWords(key, o.key) > hitWords {
			return true
		}
	}
	return false
}

// commonWords counts the leading words key and k share.
func commonWords(key []byte, k string) int {
	n := 0
	for i := 0; ; i++ {
		end := i >= len(key) || key[i] == ' '
		kend := i >= len(k) || k[i] == ' '
		if end || kend {
			if end && kend {
				n++
			}
			if end && kend && i < len(key) && i < len(k) {
				continue
			}
			return n
		}
		if key[i] != k[i] {
			return n
		}
	}
}

// spacedContesters lists c and the carriers contesting it (see
// contestedSpaced).
func (r *Registry) spacedContesters(key []byte, c int32, hitWords int) []int32 {
	out := []int32{c}
	for _, o := range r.spacedBases[string(baseOf(key))] {
		if !r.covers(o.t, c) && commonWords(key, o.key) > hitWords {
			out = r.appendTarget(out, o.t)
		}
	}
	return uniq(out)
}

// compactContesters lists c and every other owner of key's compact brand
// part (see contested).
func (r *Registry) compactContesters(key []byte, c int32) []int32 {
	var cb [512]byte
	ck := appendCompact(cb[:0], baseOf(key))
	out := []int32{c}
	for _, o := range r.bases[string(ck)] {
		out = r.appendTarget(out, o)
	}
	return uniq(out)
}

func (r *Registry) appendTarget(out []int32, t target) []int32 {
	switch t.kind {
	case tCarrier:
		return append(out, t.idx)
	case tFamily:
		return append(out, r.families[t.idx].members...)
	}
	return out
}
