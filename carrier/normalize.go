package carrier

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/carecycle/carerules/internal/textfold"
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
	in, fold, a, b [512]byte
}

// key returns the comparison key of s (already trimmed), in storage owned
// by kb. It applies the pipeline until the key no longer changes.
func (kb *keyBuf) key(s string) []byte {
	out := kb.pass(append(kb.in[:0], s...), kb.a[:0])
	for range 4 {
		next := kb.pass(out, kb.b[:0])
		if bytes.Equal(next, out) {
			return out
		}
		out = append(kb.a[:0], next...)
	}
	return out
}

func isASCII(s []byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldASCII appends the folded form of one ASCII byte: letters in lower
// case, digits as they are, "&" as " and ", apostrophes dropped, anything
// else as a space.
func foldASCII(dst []byte, c byte) []byte {
	switch {
	case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		return append(dst, c)
	case 'A' <= c && c <= 'Z':
		return append(dst, c+'a'-'A')
	case c == '&':
		return append(dst, " and "...)
	case c == '\'' || c == '`':
		return dst
	}
	return append(dst, ' ')
}

// fold writes the case-folded, accent-free text of s to dst with every
// separator as one space and "&" as " and ".
func fold(s []byte, dst []byte) []byte {
	if isASCII(s) {
		for i := 0; i < len(s); i++ {
			dst = foldASCII(dst, s[i])
		}
		return dst
	}
	// The library's folding pipeline: width, case, every accent removed.
	t := textfold.String(string(s), textfold.AllMarks)
	for _, r := range t {
		switch {
		case r < utf8.RuneSelf:
			dst = foldASCII(dst, byte(r))
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

// span is a word of the working buffer, by offsets: holding offsets rather
// than sub-slices keeps the buffers on the stack (no pointers stored).
type span struct{ lo, hi int32 }

// words is a pass's working state: the buffer and its words.
type words struct {
	buf []byte // never appended to through w: see pass
	arr [128]span
	n   int
}

func (w *words) add(t span) {
	if w.n < len(w.arr) {
		w.arr[w.n] = t
		w.n++
		return
	}
	// More than 128 words: merge into the last one (never for real names;
	// keeps the pass total without allocating).
	w.arr[w.n-1].hi = t.hi
}

// bcbsWord is the span of "bcbs", written at the start of every buffer.
var bcbsWord = span{0, 4}

func (w *words) word(i int) []byte { t := w.arr[i]; return w.buf[t.lo:t.hi] }

// has reports whether the words from i on start with ws.
func (w *words) has(i int, ws ...string) bool {
	if w.n-i < len(ws) {
		return false
	}
	for k, x := range ws {
		if string(w.word(i+k)) != x {
			return false
		}
	}
	return true
}

// pass runs the pipeline once: fold, split, strip suffixes, drop "of"/"the",
// join single letters, spell out BlueCross, contract to "bcbs".
func (kb *keyBuf) pass(s []byte, dst []byte) []byte {
	var w words
	buf := fold(s, append(kb.fold[:0], "bcbs "...))
	w.buf = buf
	end := len(w.buf)
	for i := 5; i < end; { // after "bcbs "
		for i < end && w.buf[i] == ' ' {
			i++
		}
		j := i
		for j < end && w.buf[j] != ' ' {
			j++
		}
		if j > i {
			switch string(w.buf[i:j]) {
			case "bluecross":
				w.add(span{int32(i), int32(i + 4)})
				w.add(span{int32(i + 4), int32(j)})
			case "blueshield":
				w.add(span{int32(i), int32(i + 4)})
				w.add(span{int32(i + 4), int32(j)})
			case "bluecrossblueshield":
				w.add(bcbsWord)
			default:
				w.add(span{int32(i), int32(j)})
			}
		}
		i = j
	}
	w.stripSuffixes()

	// drop "of" and "the"
	n := 0
	for i := 0; i < w.n; i++ {
		if x := string(w.word(i)); x == "of" || x == "the" {
			continue
		}
		w.arr[n] = w.arr[i]
		n++
	}
	w.n = n

	// join runs of single letters/digits: "b c b s" -> "bcbs"
	n = 0
	for i := 0; i < w.n; {
		j := i
		for j < w.n && w.arr[j].hi-w.arr[j].lo == 1 {
			j++
		}
		if j-i >= 2 {
			lo := int32(len(buf))
			for k := i; k < j; k++ {
				buf = append(buf, buf[w.arr[k].lo])
			}
			w.buf = buf
			w.arr[n] = span{lo, int32(len(buf))}
			n++
			i = j
			continue
		}
		w.arr[n] = w.arr[i]
		n++
		i++
	}
	w.n = n

	// "bc bs" -> "bcbs"; "blue cross [and] blue shield" -> "bcbs"
	n = 0
	for i := 0; i < w.n; i++ {
		switch {
		case w.has(i, "bc", "bs"):
			w.arr[n] = bcbsWord
			i++
		case w.has(i, "blue", "cross", "and", "blue", "shield"):
			w.arr[n] = bcbsWord
			i += 4
		case w.has(i, "blue", "cross", "blue", "shield"):
			w.arr[n] = bcbsWord
			i += 3
		default:
			w.arr[n] = w.arr[i]
		}
		n++
	}
	w.n = n
	w.stripSuffixes()

	for i := 0; i < w.n; i++ {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, w.word(i)...)
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

// stripSuffixes drops trailing corporate suffixes, never the last word and
// never "co" right after a Blue name ("BCBS CO" is Colorado).
func (w *words) stripSuffixes() {
	for {
		stripped := false
		for _, suf := range suffixes {
			if w.n <= len(suf) || !w.has(w.n-len(suf), suf...) {
				continue
			}
			if len(suf) == 1 && suf[0] == "co" {
				switch string(w.word(w.n - 2)) {
				case "bcbs", "blue", "cross", "shield", "bs":
					continue
				}
			}
			w.n -= len(suf)
			stripped = true
			break
		}
		if !stripped {
			return
		}
	}
}
