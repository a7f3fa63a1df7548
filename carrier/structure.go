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

// productWords name a product line, plan type or market, not a company: a
// registered name followed by them is the same carrier ("Aetna Medicare
// Advantage HMO", "Devoted Health Plan"). They are dropped from the end of a
// name one at a time.
var productWords = map[string]bool{
	"health": true, "healthcare": true, "plan": true, "plans": true,
	"healthplan": true, "healthplans": true, "insurance": true,
	"medicare": true, "advantage": true, "supplement": true, "medigap": true,
	"part": true, "d": true, "rx": true, "pdp": true, "mapd": true, "ma": true,
	"hmo": true, "ppo": true, "epo": true, "pos": true, "snp": true, "dsnp": true,
	"dental": true, "vision": true, "individual": true, "family": true,
	"ifp": true, "aca": true, "marketplace": true, "exchange": true,
	"obamacare": true, "medicaid": true, "group": true, "senior": true, "seniors": true,
	"bronze": true, "silver": true, "gold": true, "platinum": true,
	"catastrophic": true, "network": true, "coverage": true, "policy": true,
	"company": true, "companies": true, "inc": true, "co": true,
	"mutual": true, "benefit": true, "benefits": true, "employer": true,
	"employers": true,
}

// abbreviations are the filing abbreviations of state insurance filings
// and carrier lists, spelled out before matching ("Humana Ins Co",
// "Priority HP", "Health Care Serv Corp").
var abbreviations = map[string]string{
	"ins": "insurance", "insur": "insurance", "hp": "health plan",
	"hlth": "health", "hlthcare": "healthcare", "serv": "service",
	"svc": "service", "svcs": "services", "servs": "services",
	"mut": "mutual", "natl": "national", "amer": "america",
	"assn": "association", "assoc": "association", "cos": "companies",
	"grp": "group", "hosp": "hospital", "med": "medical", "mgmt": "management",
	"ntwk": "network", "plns": "plans", "assur": "assurance", "hmos": "hmo",
}

// regionWords are the regions some legal entities are named after
// ("UnitedHealthcare of the Midwest", "UnitedHealthcare Insurance Company of
// the River Valley"); like a state, a trailing region is cut off.
var regionWords = map[string]bool{
	"midwest": true, "mid atlantic": true, "new england": true, "river valley": true,
	"southeast": true, "southwest": true, "northeast": true, "northwest": true,
	"great lakes": true, "carolinas": true, "mid south": true, "south": true,
	"north": true, "west": true, "east": true, "central": true,
}

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

// wordsOf splits a key (single spaces) into spans.
func wordsOf(key []byte) (w words) {
	w.buf = key
	for i := 0; i < len(key); {
		j := i
		for j < len(key) && key[j] != ' ' {
			j++
		}
		if j > i {
			w.add(span{int32(i), int32(j)})
		}
		i = j + 1
	}
	return w
}

// lastSpace returns the index of the last space of key, or -1.
func lastSpace(key []byte) int { return bytes.LastIndexByte(key, ' ') }

// trimKeySuffixes drops trailing corporate suffixes from a key that has
// lost a tail ("oscar insurance company" once "florida" is cut off), as
// Normalize does for a whole name: never the last word, never "co" after a
// Blue word.
func trimKeySuffixes(key []byte) []byte {
	for {
		if i := lastSpace(key); i < 0 || !suffixEnd[string(key[i+1:])] {
			return key
		}
		stripped := false
		for _, suf := range suffixes {
			cut, ok := cutSuffix(key, suf)
			if !ok {
				continue
			}
			if len(suf) == 1 && suf[0] == "co" {
				prev := key[:cut]
				if i := lastSpace(prev); i >= 0 {
					prev = prev[i+1:]
				}
				switch string(prev) {
				case "bcbs", "blue", "cross", "shield", "bs":
					continue
				}
			}
			key = key[:cut]
			stripped = true
			break
		}
		if !stripped {
			return key
		}
	}
}

// suffixEnd holds the last words of the corporate suffixes (a quick test
// before trying each).
var suffixEnd = func() map[string]bool {
	m := map[string]bool{}
	for _, suf := range suffixes {
		m[suf[len(suf)-1]] = true
	}
	return m
}()

// cutSuffix reports whether key ends with the words of suf (skipping "of",
// which keys do not contain) after at least one other word, and returns
// the index of the space before them.
func cutSuffix(key []byte, suf []string) (int, bool) {
	end := len(key)
	for k := len(suf) - 1; k >= 0; k-- {
		w := suf[k]
		if w == "of" {
			continue
		}
		if end < len(w) || string(key[end-len(w):end]) != w {
			return 0, false
		}
		start := end - len(w)
		if start == 0 {
			return 0, false // would drop the last word
		}
		if key[start-1] != ' ' {
			return 0, false
		}
		end = start - 1
	}
	return end, true
}

// expandAbbrev writes key to dst with filing abbreviations spelled out and
// corporate suffixes trimmed again; ok is false when nothing changed.
func expandAbbrev(key []byte, dst []byte) ([]byte, bool) {
	changed := false
	dst = dst[:0]
	for i := 0; i < len(key); {
		j := i
		for j < len(key) && key[j] != ' ' {
			j++
		}
		if len(dst) > 0 {
			dst = append(dst, ' ')
		}
		if full, ok := abbreviations[string(key[i:j])]; ok {
			dst = append(dst, full...)
			changed = true
		} else {
			dst = append(dst, key[i:j]...)
		}
		i = j + 1
	}
	if !changed {
		return nil, false
	}
	return trimKeySuffixes(dst), true
}

// baseOf returns key without trailing product words (never the last word).
func baseOf(key []byte) []byte {
	for {
		i := lastSpace(key)
		if i <= 0 || !productWords[string(key[i+1:])] {
			return key
		}
		key = key[:i]
	}
}

// appendCompact appends key without spaces.
func appendCompact(dst, key []byte) []byte {
	for _, c := range key {
		if c != ' ' {
			dst = append(dst, c)
		}
	}
	return dst
}

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

// medicareWords are the product words that make a name a Medicare product.
var medicareWords = map[string]bool{
	"medicare": true, "advantage": true, "supplement": true, "medigap": true,
	"pdp": true, "mapd": true, "ma": true, "snp": true, "dsnp": true, "d": true,
}

// isPlanID reports a word of a CMS contract or plan number: digits only,
// or a contract prefix letter (H, R, S, E, X) and four digits or more.
func isPlanID(w []byte) bool {
	if len(w) == 0 {
		return false
	}
	start := 0
	switch w[0] {
	case 'h', 'r', 's', 'e', 'x':
		if len(w) < 5 {
			return false
		}
		start = 1
	}
	for _, c := range w[start:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// regionTail returns the index of the space before a trailing region of
// one or two words, or -1.
func regionTail(key []byte) int {
	i := lastSpace(key)
	if i <= 0 {
		return -1
	}
	if j := lastSpace(key[:i]); j > 0 && regionWords[string(key[j+1:])] {
		return j
	}
	if regionWords[string(key[i+1:])] {
		return i
	}
	return -1
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

func (r *Registry) reduceOrExact(k []byte) partAnswer {
	if t, ok := r.exact[string(k)]; ok {
		return r.partOf(t, -1, false)
	}
	return r.reduce(k)
}

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

func (r *Registry) exactPart(key []byte) partAnswer {
	if t, ok := r.exact[string(key)]; ok && !t.exactOnly {
		return r.partOf(t, -1, false)
	}
	if g, ok := genericOf(key); ok {
		return partAnswer{kind: aGeneric, state: g.state}
	}
	return partAnswer{kind: aNone}
}
