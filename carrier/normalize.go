package carrier

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Normalize returns the comparison key of a carrier name: the form in which
// the registry compares names (the display form is kept apart, as in
// x/text/secure/precis String vs CompareKey). Normalize is idempotent:
// Normalize(Normalize(s)) == Normalize(s).
//
// The key is computed as follows (RULES.md, carrier, and reference/carriers.md
// section 5):
//   - full-width forms are folded (golang.org/x/text/width), accents removed
//     (NFD, drop nonspacing marks, NFC) and case folded (golang.org/x/text/cases);
//     ASCII input skips x/text entirely;
//   - "&" becomes "and"; apostrophes are dropped ("Physicians'" = "Physicians");
//     every other character that is not a letter or digit separates words, and
//     runs of separators collapse to one space;
//   - trailing corporate suffixes are dropped, repeatedly: Inc, Incorporated, Co,
//     Company, Corp, Corporation, LLC, Ltd, of America, Insurance Company,
//     Insurance, "a Mutual Legal Reserve Company" and "a Division of Health Care
//     Service Corporation" (never the last remaining word, and never "Co" right
//     after a Blue name, where it is Colorado);
//   - the words "of" and "the" are dropped;
//   - runs of single letters are joined ("B.C.B.S." and "B C B S" give "bcbs"),
//     "BC/BS" gives "bcbs", "BlueCross"/"BlueShield" are split into two words,
//     and "blue cross (and) blue shield" becomes "bcbs".
//
// So "Blue Cross & Blue Shield of Texas, Inc." and "BCBS Texas" have the same
// key, "bcbs texas".
func Normalize(s string) string {
	var kb keyBuf
	return string(kb.key(trimSpace(s)))
}

func trimSpace(s string) string {
	// ASCII fast path first; unicode.IsSpace covers NBSP, ideographic space...
	s = strings.TrimFunc(s, unicode.IsSpace)
	return s
}

// keyBuf holds the working storage of one normalization; it lives on the
// caller's stack, so computing a key does not allocate for ordinary input.
type keyBuf struct {
	a, b    [512]byte
	scratch [256]byte
}

// key returns the comparison key of s (already trimmed), in storage owned
// by kb. It applies the pipeline until the key no longer changes.
func (kb *keyBuf) key(s string) []byte {
	out := pass(kb, s, kb.a[:0])
	for range 4 {
		next := pass(kb, out, kb.b[:0])
		if bytes.Equal(next, out) {
			return out
		}
		out = append(kb.a[:0], next...)
	}
	return out
}

func isASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fold writes the case-folded, accent-free text of s to dst with every
// separator as one space and "&" as " and ".
func fold[T string | []byte](s T, dst []byte) []byte {
	if isASCII(s) {
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c == '&':
				dst = append(dst, " and "...)
			case c == '\'' || c == '`':
			default:
				dst = append(dst, ' ')
			}
		}
		return dst
	}
	// x/text path. Each step is built per call: a shared transform.Chain or
	// Caser holds buffers and is not safe for concurrent use.
	t := width.Fold.String(string(s))
	t = norm.NFD.String(t)
	t = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, t)
	t = norm.NFC.String(t)
	t = cases.Fold().String(t)
	for _, r := range t {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c == '&':
				dst = append(dst, " and "...)
			case c == '\'' || c == '`':
			default:
				dst = append(dst, ' ')
			}
		case r == '\u2019' || r == '\u2018' || r == '\u02bc' || r == '\u00b4':
			// apostrophes and acute accent used as one
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		default:
			dst = append(dst, ' ')
		}
	}
	return dst
}

var suffixes = [][]string{
	{"a", "division", "of", "health", "care", "service", "corporation"},
	{"a", "mutual", "legal", "reserve", "company"},
	{"of", "america"},
	{"insurance", "company"},
	{"insurance", "co"},
	{"incorporated"},
	{"inc"},
	{"company"},
	{"co"},
	{"corporation"},
	{"corp"},
	{"llc"},
	{"ltd"},
	{"insurance"},
}

// pass runs the pipeline once: fold, split, strip suffixes, drop "of"/"the",
// join single letters, spell out BlueCross, contract to "bcbs".
func pass[T string | []byte](kb *keyBuf, s T, dst []byte) []byte {
	var fb [512]byte
	folded := fold(s, fb[:0])

	toks := make([][]byte, 0, 64)
	for f := range bytes.FieldsSeq(folded) {
		switch string(f) {
		case "bluecross":
			toks = append(toks, wBlue, wCross)
		case "blueshield":
			toks = append(toks, wBlue, wShield)
		case "bluecrossblueshield":
			toks = append(toks, wBCBS)
		default:
			toks = append(toks, f)
		}
	}
	toks = stripSuffixes(toks)

	// drop "of" and "the"
	n := 0
	for _, t := range toks {
		if string(t) == "of" || string(t) == "the" {
			continue
		}
		toks[n] = t
		n++
	}
	toks = toks[:n]

	// join runs of single letters/digits: "b c b s" -> "bcbs"
	scratch := kb.scratch[:0]
	n = 0
	for i := 0; i < len(toks); {
		j := i
		for j < len(toks) && len(toks[j]) == 1 {
			j++
		}
		if j-i >= 2 {
			start := len(scratch)
			for _, t := range toks[i:j] {
				scratch = append(scratch, t[0])
			}
			toks[n] = scratch[start:len(scratch):len(scratch)]
			n++
			i = j
			continue
		}
		toks[n] = toks[i]
		n++
		i++
	}
	toks = toks[:n]

	// "bc bs" -> "bcbs"; "blue cross [and] blue shield" -> "bcbs"
	n = 0
	for i := 0; i < len(toks); i++ {
		switch {
		case string(toks[i]) == "bc" && i+1 < len(toks) && string(toks[i+1]) == "bs":
			toks[n] = wBCBS
			i++
		case hasWords(toks[i:], "blue", "cross", "and", "blue", "shield"):
			toks[n] = wBCBS
			i += 4
		case hasWords(toks[i:], "blue", "cross", "blue", "shield"):
			toks[n] = wBCBS
			i += 3
		default:
			toks[n] = toks[i]
		}
		n++
	}
	toks = stripSuffixes(toks[:n])

	for i, t := range toks {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, t...)
	}
	return dst
}

var (
	wBlue   = []byte("blue")
	wCross  = []byte("cross")
	wShield = []byte("shield")
	wBCBS   = []byte("bcbs")
)

func hasWords(toks [][]byte, words ...string) bool {
	if len(toks) < len(words) {
		return false
	}
	for i, w := range words {
		if string(toks[i]) != w {
			return false
		}
	}
	return true
}

// stripSuffixes drops trailing corporate suffixes, never the last word and
// never "co" right after a Blue name ("BCBS CO" is Colorado).
func stripSuffixes(toks [][]byte) [][]byte {
	for {
		stripped := false
		for _, suf := range suffixes {
			if len(toks) <= len(suf) || !hasWords(toks[len(toks)-len(suf):], suf...) {
				continue
			}
			if len(suf) == 1 && suf[0] == "co" {
				switch string(toks[len(toks)-2]) {
				case "bcbs", "blue", "cross", "shield", "bs":
					continue
				}
			}
			toks = toks[:len(toks)-len(suf)]
			stripped = true
			break
		}
		if !stripped {
			return toks
		}
	}
}
