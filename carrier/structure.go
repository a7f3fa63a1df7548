package carrier

import (
	"bytes"
	"slices"
	"strings"
)

// Name structure. Enrollment data names carriers by their legal entities and
// filings, not by the brand an agent types: "Oscar Insurance Company of
// Florida", "Aetna Health Inc. (PA)", "Celtic Insurance Company dba
// Ambetter", "Ambetter from Superior HealthPlan", "Blue Cross and Blue Shield
// of Texas, a Division of Health Care Service Corporation", "Humana Ins Co",
// "AARP/UHC". Resolve understands that structure instead of enumerating
// every spelling: it reduces such a name to registered names and combines
// what the parts say. Nothing here guesses: every answer rests on a
// registered name found whole inside the input.

// markers split a key into two parts, first match from the left.
var markers = []struct {
	words []string
	rel   rel
	drop  []string // words dropped from the end of the first part
}{
	{[]string{"an", "independent", "licensee"}, relFirst, nil},
	{[]string{"a", "mutual"}, relFirst, nil},
	{[]string{"independent", "licensee"}, relFirst, nil},
	{[]string{"doing", "business", "as"}, relEither, nil},
	{[]string{"dba"}, relEither, nil},
	{[]string{"aka"}, relEither, nil},
	// "<product> underwritten by <insurer>" relates like a dba; a bare
	// "<brand> by <parent>" ("CarePlus by Humana") like a parent in
	// parentheses (markerSplit tells them apart by the dropped verb).
	{[]string{"by"}, relEither, []string{"underwritten", "insured", "issued", "administered", "offered", "provided", "serviced", "sold", "powered", "operated", "and"}},
	{[]string{"a", "division"}, relParent, nil},
	{[]string{"division"}, relParent, nil},
	{[]string{"a", "subsidiary"}, relParent, nil},
	{[]string{"subsidiary"}, relParent, nil},
	{[]string{"an", "affiliate"}, relParent, nil},
	{[]string{"affiliate"}, relParent, nil},
	{[]string{"from"}, relParent, nil},
}

// markerStart holds the first words of the markers.
var markerStart = map[string]bool{
	"an": true, "a": true, "independent": true, "doing": true, "dba": true,
	"aka": true, "by": true, "division": true, "subsidiary": true,
	"affiliate": true, "from": true,
}

// hasMarkerWord reports whether a word after the first starts a marker.
func hasMarkerWord(key []byte) bool {
	i := bytes.IndexByte(key, ' ')
	for i >= 0 && i < len(key) {
		j := bytes.IndexByte(key[i+1:], ' ')
		end := len(key)
		if j >= 0 {
			end = i + 1 + j
		}
		if markerStart[string(key[i+1:end])] {
			return true
		}
		if j < 0 {
			return false
		}
		i = end
	}
	return false
}

// maxStructDepth bounds the recursion of marker splitting.
const maxStructDepth = 3

// structured resolves a name with structure: parenthesized parts, "/", and
// marker words (dba, from, by, a Division of, ...), then a reduction of the
// whole key, then two registered names side by side. ok is false when the
// structure says nothing, and Resolve goes on to fuzzy matching.
func (r *Registry) structured(name string, key []byte, q Query, depth int) (Match, bool, error) {
	if depth == 0 {
		if m, ok, err := r.rawSplit(name, q); ok {
			return m, ok, err
		}
	}
	if depth < maxStructDepth {
		if m, ok, err := r.markerSplit(key, q, depth); ok {
			return m, ok, err
		}
	}
	// Two registered names side by side first: dropping product words must
	// not swallow a carrier named by them ("Independence Blue Cross Network
	// Health" names two carriers, Network Health being one).
	// A specific Blue company with a state it does not serve stays unknown
	// ("Anthem Blue Cross of Ohio": the California plan, not Ohio's).
	a := r.reduceChecked(key, depth == 0)
	if a.kind == aBlocked {
		return Match{}, true, r.unknown(q)
	}
	if m, ok, err := r.sideBySide(key, q); ok {
		return m, ok, err
	}
	if a.kind != aNone {
		return r.single(a, key, q)
	}
	return Match{}, false, nil
}

// rawSplit handles what the key no longer shows: "X (Y)" and "X / Y".
func (r *Registry) rawSplit(name string, q Query) (Match, bool, error) {
	var ka, kb keyBuf
	if open := strings.IndexByte(name, '('); open >= 0 {
		close := strings.IndexByte(name[open:], ')')
		if close < 0 {
			return Match{}, false, nil
		}
		close += open
		inner := name[open+1 : close]
		outer := name[:open] + " " + name[close+1:]
		innerKey := kb.key(trimSpace(inner))
		if st := stateOnly(innerKey); st >= 0 {
			// "Aetna Health Inc. (PA)": the state qualifies the name.
			k := append(append(ka.key(trimSpace(outer)), ' '), innerKey...)
			a := r.reduceOrExact(k)
			if a.kind == aNone {
				return Match{}, false, nil
			}
			m, _, err := r.single(a, k, q)
			return m, true, err
		}
		innerKey = dropLeadingMarker(innerKey)
		if outerKey := ka.key(trimSpace(outer)); len(outerKey) > 0 && onlyProductWords(outerKey) && !onlyProductWords(innerKey) {
			// "Medicare Advantage (Humana)": a product of the carrier named.
			return r.structured(inner, innerKey, q, 1)
		}
		if len(baseOf(innerKey)) == 0 || onlyProductWords(innerKey) {
			// "Humana Gold Plus (HMO)": a product, not a company.
			k := ka.key(trimSpace(outer))
			return r.structured(outer, k, q, 1)
		}
		a := r.lookupPart(ka.key(trimSpace(outer)))
		b := r.lookupPart(innerKey)
		return r.combine(a, b, relParent, q)
	}
	if i := strings.IndexByte(name, '/'); i >= 0 && !hasSlashAbbrev(name) {
		left, right := trimSpace(name[:i]), trimSpace(name[i+1:])
		lk, rk := ka.key(left), kb.key(right)
		if len(lk) < 3 || len(rk) < 3 {
			return Match{}, false, nil // "BC/BS", "d/b/a"
		}
		a, b := r.lookupPart(lk), r.lookupPart(rk)
		return r.combine(a, b, relSame, q)
	}
	return Match{}, false, nil
}

// hasSlashAbbrev reports "d/b/a" or "c/o", written with slashes but one
// word each.
func hasSlashAbbrev(name string) bool {
	for i := 1; i+1 < len(name); i++ {
		if name[i] == '/' && isLetter(name[i-1]) && isLetter(name[i+1]) &&
			(i < 2 || !isLetter(name[i-2])) && (i+2 >= len(name) || !isLetter(name[i+2])) {
			return true
		}
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// stateOnly returns the state a key names and nothing else, or -1.
func stateOnly(key []byte) int {
	if st, ok := stateNames[string(key)]; ok {
		return st
	}
	if len(key) == 2 {
		return stateIndex(string(key))
	}
	return -1
}

func onlyProductWords(key []byte) bool {
	for w := range strings.FieldsSeq(string(key)) {
		if !productWords[w] {
			return false
		}
	}
	return true
}

// dropLeadingMarker drops "dba", "aka" and "formerly" at the start of a
// parenthesized part ("Celtic Insurance Company (dba Ambetter)").
func dropLeadingMarker(key []byte) []byte {
	for _, m := range []string{"dba ", "aka ", "formerly ", "doing business as "} {
		if rest, ok := bytes.CutPrefix(key, []byte(m)); ok {
			return rest
		}
	}
	return key
}

// markerSplit splits a key at its first marker phrase.
func (r *Registry) markerSplit(key []byte, q Query, depth int) (Match, bool, error) {
	if !hasMarkerWord(key) {
		return Match{}, false, nil
	}
	w := wordsOf(key)
	for i := 1; i < w.n; i++ {
		if !markerStart[string(w.word(i))] {
			continue
		}
		for _, mk := range markers {
			if !w.has(i, mk.words...) || (i+len(mk.words) >= w.n && mk.rel != relFirst) {
				continue
			}
			end := i
			for end > 1 && slices.Contains(mk.drop, string(w.word(end-1))) {
				end--
			}
			rl := mk.rel
			if len(mk.words) == 1 && mk.words[0] == "by" && end == i {
				rl = relParent // "CarePlus by Humana": a brand and its parent
			}
			first := key[:w.arr[end-1].hi]
			var second []byte
			if i+len(mk.words) < w.n {
				second = key[w.arr[i+len(mk.words)].lo:]
			}
			a := r.lookupPart(first)
			if a.kind == aNone && depth+1 < maxStructDepth {
				a = r.partFromStructure(first, q, depth+1)
			}
			b := r.lookupPart(second)
			if b.kind == aNone && depth+1 < maxStructDepth {
				b = r.partFromStructure(second, q, depth+1)
			}
			return r.combine(a, b, rl, q)
		}
	}
	return Match{}, false, nil
}

// partFromStructure resolves a part that has markers of its own ("Celtic
// Insurance Company dba Ambetter from Superior HealthPlan"), as a part.
func (r *Registry) partFromStructure(key []byte, q Query, depth int) partAnswer {
	m, ok, err := r.markerSplit(key, q, depth)
	if !ok {
		return partAnswer{kind: aNone}
	}
	if err == nil {
		for i, c := range r.carriers {
			if c == m.Carrier {
				return partAnswer{kind: aCarrier, idx: int32(i), state: -1}
			}
		}
	}
	return partAnswer{kind: aNot}
}

// sideBySide: two registered names next to each other ("Humana Aetna",
// "UnitedHealthcare Oxford") name one carrier only if they agree; two
// different carriers are unknown. Every cut is tried: one cut naming two
// carriers makes the name unknown even if another cut agrees
// ("Independence Blue Cross Network Health").
func (r *Registry) sideBySide(key []byte, q Query) (Match, bool, error) {
	var agreed Match
	found := false
	for i := 0; i < len(key); i++ {
		if key[i] != ' ' {
			continue
		}
		left, right := key[:i], key[i+1:]
		a := r.exactPart(left)
		if a.kind == aNone {
			// "Royal Neighbors of America Health New England": the left
			// name's corporate suffix is inside the key.
			a = r.exactPart(trimKeySuffixes(left))
		}
		if a.kind == aNone || a.kind == aNot {
			continue
		}
		b := r.exactPart(right)
		if b.kind == aNone {
			b = r.reduce(right)
		}
		if b.kind == aNone || b.kind == aNot {
			continue
		}
		m, ok, err := r.combine(a, b, relSame, q)
		switch {
		case !ok:
		case err != nil:
			return m, ok, err
		case !found:
			agreed, found = m, true
		}
	}
	return agreed, found, nil
}
