package carrier

import "bytes"

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
