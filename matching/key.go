package matching

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/internal/field"
	"github.com/carecycle/carerules/internal/textfold"
	"github.com/carecycle/carerules/phone"
)

// MaxFieldLen is the API's limit on an identifier and on each field of the
// fallback key: the library's one field limit, 255 characters counted in
// UTF-16 code units, as the API's TypeScript schema counts them (a
// character outside the Basic Multilingual Plane counts 2). Longer input is
// rejected before any other work: an identifier that long is a validation
// error ([ErrTooLong]) and a fallback field that long makes the fallback key
// absent.
const MaxFieldLen = field.Limit

// tooLong reports whether s is longer than [MaxFieldLen]. Input of at most
// MaxFieldLen bytes is never counted, and input of more than 3*MaxFieldLen
// bytes is too long whatever it holds, so the count is bounded and
// adversarial input costs almost nothing.
func tooLong(s string) bool { return field.TooLong(s) }

// keySep separates the four parts of a fallback key. Normalized names that
// contain it are refused (see [FallbackKey]), so a key splits back into its
// parts unambiguously.
const keySep = '|'

// FallbackKey returns the normalized demographic key of a person, the fallback
// customer key of the matching rules, and reports whether all four
// parts are present and valid. A host stores it next to the customer (an
// indexed column) and [FallbackFinder] looks customers up by it.
//
// The key is
//
//	first "|" last "|" YYYY-MM-DD "|" +1XXXXXXXXXX
//
// for example FallbackKey("José", "O'Brien-Smith", "03/04/1985", "(212) 736-5000")
// is "jose|obrien smith|1985-03-04|+12127365000". The format is stable: hosts
// persist it, and a change would be a new function, never a silent change of
// this one.
//
// Names (first and last) are normalized by the library's folding pipeline:
// full-width and half-width forms folded to their usual width, Unicode case
// folding (small Cherokee letters to capitals, as Unicode's case folding
// does), canonical decomposition (NFD), removal of the combining
// diacritics of Latin, Greek and Cyrillic letters only, recomposition
// (NFC). Marks that make a different letter in other scripts are kept:
// Japanese voicing marks (ジュン and シュン are different people), Indic
// vowel signs, Thai vowels and tones. Then apostrophes (' ` ´ ‘ ’ ‛ ʼ ＇) are
// removed, hyphens and dashes (- ‐ ‑ ‒ – — − ﹣ －) become a space, every run
// of white space becomes one space, and the result is trimmed. ASCII input
// takes a fast path that never touches x/text and gives the same result.
//
// The date of birth is accepted as the API writes it (MM-DD-YYYY or
// MM/DD/YYYY, [dob.Parse]) or as a host stores it (YYYY-MM-DD,
// [dob.ParseISO]) and keyed as the civil date YYYY-MM-DD. The phone number is
// read leniently ([phone.ParseLenient]) and keyed in E.164.
//
// ok is false, and key is "", when any part is missing or unusable: a field
// longer than [MaxFieldLen] characters, a name that is empty after normalization
// or contains '|' or a control character, a date that dob rejects, a phone
// number that phone rejects. No fallback match is possible then: merging two
// people is far worse than a duplicate. Nothing else is guessed: no
// nicknames, no phonetics, no fuzzy matching.
//
// FallbackKey is safe for concurrent use.
func FallbackKey(first, last, dateOfBirth, phoneNumber string) (key string, ok bool) {
	if tooLong(first) || tooLong(last) || tooLong(dateOfBirth) || tooLong(phoneNumber) {
		return "", false
	}
	// A missing field is the common case for records keyed by an
	// identifier: answer it without asking dob and phone for an error.
	if strings.TrimSpace(first) == "" || strings.TrimSpace(last) == "" ||
		strings.TrimSpace(dateOfBirth) == "" || strings.TrimSpace(phoneNumber) == "" {
		return "", false
	}
	d, ok := parseDOB(dateOfBirth)
	if !ok {
		return "", false
	}
	n, err := phone.ParseLenient(phoneNumber)
	if err != nil {
		return "", false
	}
	return buildFallbackKey(first, last, d, n)
}

// parseDOB reads a date of birth in the API form or the stored ISO form.
func parseDOB(s string) (dob.Date, bool) {
	t := strings.TrimSpace(s)
	var (
		d   dob.Date
		err error
	)
	if len(t) == 10 && t[4] == '-' {
		d, err = dob.ParseISO(t)
	} else {
		d, err = dob.Parse(t)
	}
	return d, err == nil && !d.IsZero()
}

// NormalizeName returns the comparison form of a first or last name used in
// the fallback key (see [FallbackKey] for the steps), and false when the name
// is empty after normalization, longer than [MaxFieldLen] characters, or contains
// '|' or a control character. It is the display-independent key, never a
// display form. An ASCII name costs one allocation, the result.
func NormalizeName(s string) (string, bool) {
	if tooLong(s) {
		return "", false
	}
	var arr [MaxFieldLen]byte // an ASCII name never grows
	b, ok := appendName(arr[:0], s)
	if !ok {
		return "", false
	}
	return string(b), true
}

// appendName appends the normalized name to b. ASCII input is normalized in
// one pass over its bytes, with no x/text call and no allocation beyond b's
// growth; at the first non-ASCII byte it starts again on the x/text path
// (appendNameSlow), which gives the same result on every ASCII string
// (TestNormalizeNameFastSlowAgree, FuzzNormalizeName). An invalid ASCII byte
// seen before any non-ASCII one ends it at once: the x/text path refuses it
// as well.
func appendName(b []byte, s string) ([]byte, bool) {
	start := len(b)
	space := false // a space is pending
	for i := 0; i < len(s); i++ {
		c := s[i]
		// Most common first: lower case, upper case; then the rest.
		switch {
		case c-'a' < 26:
		case c-'A' < 26:
			c += 'a' - 'A'
		case c >= utf8.RuneSelf:
			return appendNameSlow(b[:start], s)
		case c == '\'' || c == '`':
			continue
		case c == '-' || c == ' ' || ('\t' <= c && c <= '\r'):
			space = true
			continue
		case c < ' ' || c == 0x7f || c == keySep:
			return b[:start], false
		}
		if space && len(b) > start {
			b = append(b, ' ')
		}
		space = false
		b = append(b, c)
	}
	return b, len(b) > start
}

// appendNameSlow is the general path: the library's folding pipeline with
// only the Latin, Greek and Cyrillic diacritics removed, then the
// punctuation and spaces of a name.
func appendNameSlow(b []byte, s string) ([]byte, bool) {
	s = textfold.String(s, textfold.LatinGreekCyrillicMarks)

	start := len(b)
	space := false
	for _, r := range s {
		switch {
		case isApostrophe(r):
			continue
		case isHyphen(r) || unicode.IsSpace(r):
			space = true
			continue
		case r == utf8.RuneError || unicode.IsControl(r) || r == keySep:
			// RuneError: invalid UTF-8 (or U+FFFD itself) is not a name.
			return b[:start], false
		}
		if space && len(b) > start {
			b = append(b, ' ')
		}
		space = false
		b = utf8.AppendRune(b, r)
	}
	return b, len(b) > start
}

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '`', '\u00b4', '\u2018', '\u2019', '\u201b', '\u02bc', '\uff07':
		return true
	}
	return false
}

func isHyphen(r rune) bool {
	switch r {
	case '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212', '\ufe63', '\uff0d':
		return true
	}
	return false
}

// Identifier reports whether s is a present identifier and returns it
// trimmed. An identifier is present when it is non-empty after
// trimming surrounding white space (ASCII and Unicode) and is not a
// serialization artifact: "null", "undefined", "nan" or "none" in any case.
// Identifiers compare exactly (case-sensitive) after trimming.
func Identifier(s string) (string, bool) {
	t := strings.TrimSpace(s)
	if t == "" {
		return "", false
	}
	// Every artifact starts with n or u (any case): test that byte first.
	if len(t) <= len("undefined") && (t[0]|0x20 == 'n' || t[0]|0x20 == 'u') {
		for _, a := range [...]string{"null", "undefined", "nan", "none"} {
			if strings.EqualFold(t, a) {
				return "", false
			}
		}
	}
	return t, true
}
