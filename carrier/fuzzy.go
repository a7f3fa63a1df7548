package carrier

import (
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

// fuzzyKey is a fuzzy-matching target. The fields the prefilter reads
// (hist, pre, n) come first and need no pointer: the scan over a length
// window touches one contiguous block.
type fuzzyKey struct {
	hist  hist
	mask  uint64 // which histogram buckets occur (see histMask)
	pre   uint32 // first four bytes, little-endian, zero-padded
	n     uint8  // len(key), at most maxFuzzyKey
	short shortWords
	t     target
	key   string
}

func newFuzzyKey(key string, t target) fuzzyKey {
	h := histogram(key)
	return fuzzyKey{hist: h, mask: histMask(&h), pre: prefix4(key), n: uint8(len(key)), short: shortWordsOf(key), t: t, key: key}
}

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
