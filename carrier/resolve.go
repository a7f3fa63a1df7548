package carrier

import (
	"bytes"
	"math"
	"math/bits"

	"github.com/xrash/smetrics"
)

// Fuzzy matching parameters (smetrics.JaroWinkler over normalized,
// ASCII-folded keys, boost threshold 0.7, prefix 4). They were tuned on
// testdata/resolve.txt so that no case resolves to a wrong carrier; see the
// package documentation for the figures.
const (
	// FuzzyThreshold is the lowest Jaro-Winkler similarity a fuzzy match
	// may have.
	FuzzyThreshold = 0.93
	// FuzzyMargin is how far the best target must score above the
	// runner-up (the best key of any other carrier, family, non-carrier or
	// generic Blue name); closer than that, the answer is ambiguous (or
	// unknown when the runner-up is not a carrier).
	FuzzyMargin = 0.03
	// minFuzzyLen: keys shorter than this never take part in fuzzy
	// matching, on either side.
	minFuzzyLen = 5
	// maxLenDiff: fuzzy matching compares only keys whose length differs
	// from the query's by at most max(maxLenDiff, len/5) bytes.
	maxLenDiff = 2
)

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

type scored struct {
	t     target
	score float64
}

// fuzzyResolve is step 5 of Resolve with the given threshold and margin
// (tests sweep them; Resolve uses FuzzyThreshold and FuzzyMargin).
func (r *Registry) fuzzyResolve(key []byte, q Query, threshold, margin float64) (Match, error) {
	// fuzzyBound is the lowest score a key must be able to reach to matter:
	// anything lower can be neither the best nor a close runner-up.
	fuzzyBound := threshold - margin
	// With m matching characters, Jaro <= (m/la + m/lb + 1)/3 and
	// m <= min(la, lb), and Jaro-Winkler (prefix 4) <= 0.6*Jaro + 0.4; so a
	// key whose length ratio to the query is below minLenRatio cannot reach
	// fuzzyBound.
	minLenRatio := 3*(fuzzyBound-0.4)/0.6 - 2
	lq := len(key)
	if lq < minFuzzyLen {
		return Match{}, r.unknown(q)
	}
	qh := histogram(string(key))
	// Only keys of about the same length: a typo adds, drops or swaps a
	// character or two, and Jaro-Winkler's prefix bonus would otherwise let
	// "health" match "healthnet". Within that window, the character-count
	// bound below is exact (it never drops a key that could score).
	slack := max(maxLenDiff, lq/5)
	lo := max(int(math.Ceil(float64(lq)*minLenRatio)), lq-slack)
	hi := min(int(float64(lq)/minLenRatio), lq+slack)
	// first key with len >= lo
	a, b := 0, len(r.fuzzy)
	for a < b {
		m := (a + b) / 2
		if int(r.fuzzy[m].n) < lo {
			a = m + 1
		} else {
			b = m
		}
	}
	qs := string(key)
	qshort := shortWordsOf(qs)
	// needM[lk-lo][p] is the fewest Jaro matches a key of length lk with a
	// common prefix of p bytes needs to reach fuzzyBound: from
	// Jaro <= (m/lq + m/lk + 1)/3 and Jaro-Winkler = j + 0.1*p*(1-j). A
	// key with fewer possible matches (histMin) cannot score; the table is
	// rounded so that it never drops a key that could (the bound is exact).
	// Rows are filled on first use (row[0] < 0 marks an empty row).
	var needM [2*maxSlack + 1][5]int
	if hi-lo > 2*maxSlack {
		hi = lo + 2*maxSlack
	}
	for i := range hi - lo + 1 {
		needM[i][0] = -1
	}
	qpre := prefix4(qs)
	qmask := histMask(&qh)
	pcap := min(lq, 4)
	var best [8]scored
	nb := 0
	for i := a; i < len(r.fuzzy) && int(r.fuzzy[i].n) <= hi; i++ {
		k := &r.fuzzy[i]
		p := commonPrefix4(qpre, k.pre, min(pcap, int(k.n)))
		row := &needM[int(k.n)-lo]
		if row[0] < 0 {
			for pp := range 5 {
				row[pp] = needMatches(lq, int(k.n), pp, fuzzyBound)
			}
		}
		need := row[p]
		// Cheap bound first: every bucket of the query absent from the key
		// (and the other way round) leaves at least one byte unmatched.
		if lq-bits.OnesCount64(qmask&^k.mask) < need || int(k.n)-bits.OnesCount64(k.mask&^qmask) < need {
			continue
		}
		m := histMin(&qh, &k.hist)
		if m == 0 || m < need {
			continue
		}
		s := smetrics.JaroWinkler(qs, k.key, 0.7, 4)
		if s < fuzzyBound {
			continue
		}
		t := k.t
		if k.short != qshort || qshort.n > maxShortWords {
			// A key whose two-letter words differ from the query's is never
			// the answer ("blue cross kc" is not "blue cross nc"), but it
			// still counts as a close runner-up that makes the answer
			// unknown, like a non-carrier.
			t = target{kind: tNot, idx: -1}
		}
		nb = addScored(&best, nb, t, s)
	}
	if nb == 0 || best[0].score < threshold {
		return Match{}, r.unknown(q)
	}
	top := best[0]
	var close []int32
	for _, c := range best[1:nb] {
		if top.score-c.score >= margin {
			break
		}
		var ok bool
		if close, ok = r.appendCarriers(close, c.t); !ok {
			return Match{}, r.unknown(q)
		}
	}
	if close == nil {
		// "Anthem Blue Cross Ohio" is close to "Anthem Blue Cross" (the
		// California plan), but names a state that plan does not serve:
		// never let fuzzy matching swallow a named state.
		if st := tailState(key); st >= 0 && top.t.kind == tCarrier &&
			r.carriers[top.t.idx].Blue && r.stateMask[top.t.idx]&(1<<st) == 0 {
			return Match{}, r.unknown(q)
		}
		return r.answer(top.t, q, top.score, MethodFuzzy)
	}
	close, ok := r.appendCarriers(close, top.t)
	if !ok {
		return Match{}, r.unknown(q)
	}
	return Match{}, r.ambiguous(q, uniq(close))
}

// appendCarriers appends to close the carriers a close fuzzy target stands
// for (a carrier, or a family's members). It reports false for a non-carrier
// or a generic Blue name, either of which makes a close call unknown.
func (r *Registry) appendCarriers(close []int32, t target) ([]int32, bool) {
	switch t.kind {
	case tNot, tGeneric:
		return close, false
	case tCarrier:
		return append(close, t.idx), true
	case tFamily:
		return append(close, r.families[t.idx].members...), true
	}
	return close, true
}

// needMatches is the fewest Jaro matches m for which a query of lq bytes
// and a key of lk bytes with a common prefix of p bytes (at most 4) can
// reach the Jaro-Winkler score bound: Jaro <= (m/lq + m/lk + 1)/3 and
// Jaro-Winkler = j + 0.1*p*(1-j), increasing in m.
func needMatches(lq, lk, p int, bound float64) int {
	pp := 0.1 * float64(p)
	x := (3*(bound-pp)/(1-pp) - 1) / (1/float64(lq) + 1/float64(lk))
	return max(0, int(math.Ceil(x-1e-9)))
}

// maxSlack bounds the length window of fuzzy matching: keys are at most
// maxFuzzyKey bytes, so a window never spans more than maxFuzzyKey/5 + 1
// lengths on either side of the query's.
const maxSlack = maxFuzzyKey/5 + 1

// prefix4 packs the first four bytes of s, little-endian, zero-padded.
func prefix4(s string) uint32 {
	var v uint32
	for i := 0; i < 4 && i < len(s); i++ {
		v |= uint32(s[i]) << (8 * i)
	}
	return v
}

// commonPrefix4 is the length of the common prefix of two prefix4 values,
// at most limit (the shorter string's length, capped at 4).
func commonPrefix4(a, b uint32, limit int) int {
	p := bits.TrailingZeros32(a^b) / 8
	return min(p, limit)
}

// addScored keeps, sorted by score descending, the best score of each
// distinct target (at most len(best) targets).
func addScored(best *[8]scored, n int, t target, s float64) int {
	for i := 0; i < n; i++ {
		if best[i].t.kind == t.kind && best[i].t.idx == t.idx {
			if s <= best[i].score {
				return n
			}
			// remove it, then insert below
			copy(best[i:n-1], best[i+1:n])
			n--
			break
		}
	}
	pos := n
	for pos > 0 && best[pos-1].score < s {
		pos--
	}
	if pos >= len(best) {
		return n
	}
	if n < len(best) {
		n++
	}
	copy(best[pos+1:n], best[pos:n-1])
	best[pos] = scored{t, s}
	return n
}

// A histogram counts a key's bytes in 38 buckets (a-z, 0-9, space,
// anything else), one byte per bucket, packed eight to a word so that the
// bound below costs five word operations.
const histWords = 5

type hist [histWords]uint64

// maxFuzzyKey: longer keys are not fuzzy targets, so every bucket count of
// a target fits in 7 bits and the sum of eight fits in a byte.
const maxFuzzyKey = 120

func histogram(s string) hist {
	var b [histWords * 8]uint8
	for i := 0; i < len(s); i++ {
		c := s[i]
		var k int
		switch {
		case 'a' <= c && c <= 'z':
			k = int(c - 'a')
		case '0' <= c && c <= '9':
			k = 26 + int(c-'0')
		case c == ' ':
			k = 36
		default:
			k = 37
		}
		if b[k] < 127 {
			b[k]++
		}
	}
	var h hist
	for w := range h {
		for j := 7; j >= 0; j-- {
			h[w] = h[w]<<8 | uint64(b[w*8+j])
		}
	}
	return h
}

// histMask has bit i set when bucket i of h is not empty.
func histMask(h *hist) uint64 {
	var m uint64
	for w, x := range h {
		for j := range 8 {
			if x>>(8*j)&0xff != 0 {
				m |= 1 << (8*w + j)
			}
		}
	}
	return m
}

// histMin is an upper bound on the number of Jaro matches of a query and a
// target key: the size of the intersection of their byte multisets. Bytewise
// min with SWAR: counts are below 128, so (x|0x80)-y keeps its high bit
// exactly when x >= y. A query count capped at 127 is still at least the
// target's (at most maxFuzzyKey), so the bound stays exact.
func histMin(q, t *hist) int {
	const hi = 0x8080808080808080
	n := 0
	for w := range q {
		x, y := q[w], t[w]
		ge := (((x | hi) - y) & hi) >> 7 * 0xff // 0xff where x >= y
		m := (y & ge) | (x &^ ge)
		n += int((m * 0x0101010101010101) >> 56)
	}
	return n
}

// maxShortWords is how many two-letter words a shortWords holds; a key with
// more has n = maxShortWords+1 and never matches fuzzily.
const maxShortWords = 4

// shortWords is the sorted multiset of a key's words of at most two bytes
// ("bc", "kc", "ca"): state and mark codes, which fuzzy matching must never
// change, since one edit turns one into another (short codes are exact-only).
type shortWords struct {
	w [maxShortWords]uint16
	n uint8
}

func shortWordsOf(key string) shortWords {
	var s shortWords
	for i := 0; i < len(key); {
		j := i
		for j < len(key) && key[j] != ' ' {
			j++
		}
		if n := j - i; n >= 1 && n <= 2 {
			if int(s.n) == maxShortWords {
				s.n = maxShortWords + 1
				return s
			}
			v := uint16(key[i]) << 8
			if n == 2 {
				v |= uint16(key[i+1])
			}
			k := int(s.n)
			for k > 0 && s.w[k-1] > v {
				s.w[k] = s.w[k-1]
				k--
			}
			s.w[k] = v
			s.n++
		}
		i = j + 1
	}
	return s
}
