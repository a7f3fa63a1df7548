// Package textfold is the library's one Unicode folding pipeline, the first
// step of every comparison key built from text people type: a carrier name
// (package carrier) and a person's name (the fallback customer key of
// package matching). It applies, in this order:
//
//  1. width folding: full-width and half-width forms to their usual width
//     (golang.org/x/text/width.Fold), so "ＡＥＴＮＡ" reads "AETNA";
//  2. Unicode case folding (golang.org/x/text/cases.Fold), then small
//     Cherokee letters to capitals, the direction Unicode's case folding
//     takes for Cherokee (x/text maps each to the other, which would make a
//     key change when computed twice);
//  3. canonical decomposition (NFD), so that an accent is a combining mark
//     after its letter;
//  4. removal of combining marks: with [AllMarks] every nonspacing mark
//     (carrier names: "Médica" is "medica"); with [LatinGreekCyrillicMarks]
//     only the nonspacing marks that follow a Latin, Greek or Cyrillic
//     letter (person names: "José" is "jose", but the marks that make a
//     different letter in other scripts stay: Japanese voicing marks, so
//     ジュン and シュン differ, Indic vowel signs, Thai vowels and tones);
//  5. canonical recomposition (NFC).
//
// Everything after (punctuation, spaces, words) is the caller's.
package textfold

import (
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Marks selects the combining marks that [String] removes.
type Marks uint8

// The choices of marks to remove.
const (
	// AllMarks removes every nonspacing mark (Unicode category Mn).
	AllMarks Marks = iota
	// LatinGreekCyrillicMarks removes a nonspacing mark only when the
	// letter it follows (past any other marks) is Latin, Greek or Cyrillic.
	LatinGreekCyrillicMarks
)

// String returns s folded by the pipeline of the package documentation.
// It is safe for concurrent use: every x/text transformer it uses is
// stateless or made for this call.
func String(s string, m Marks) string {
	s = width.Fold.String(s)
	s = cases.Fold().String(s)
	s = norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	strip := m == AllMarks // whether a mark here is removed
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			if !strip {
				b.WriteRune(r)
			}
			continue
		}
		if m == LatinGreekCyrillicMarks {
			strip = unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic)
		}
		b.WriteRune(foldCherokee(r))
	}
	return norm.NFC.String(b.String())
}

// foldCherokee maps a small Cherokee letter to its capital.
func foldCherokee(r rune) rune {
	switch {
	case 0xab70 <= r && r <= 0xabbf: // small a .. small mo
		return r - 0xab70 + 0x13a0
	case 0x13f8 <= r && r <= 0x13fd: // small ye .. small mv
		return r - 8
	}
	return r
}
