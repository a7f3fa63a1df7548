package textfold

import (
	"testing"
	"unicode"
	"unicode/utf8"
)

// Rule (matching): name normalization removes only the combining
// diacritics of Latin, Greek and Cyrillic letters; marks that change a
// letter in other scripts are kept. Carrier names lose every accent.
func TestRuleNameNormalizationRemovesOnlyLatinGreekCyrillicDiacritics(t *testing.T) {
	for _, tt := range []struct {
		name, in, names, carriers string
	}{
		{"Latin acute", "José", "jose", "jose"},
		{"Latin, decomposed input", "Jose\u0301", "jose", "jose"},
		{"Latin stacked marks", "Ệ", "e", "e"},
		{"Latin full width", "ＪＯＳÉ", "jose", "jose"},
		{"Greek tonos", "Ἀθηνᾶ", "αθηνα", "αθηνα"},
		{"Cyrillic breve", "Йосиф", "иосиф", "иосиф"},
		{"Cyrillic diaeresis", "Ёлка", "елка", "елка"},
		{"Japanese voiced kana kept", "ジュン", "ジュン", "シュン"},
		{"Japanese handakuten kept", "パク", "パク", "ハク"},
		{"Japanese decomposed input recomposes", "シ\u3099ュン", "ジュン", "シュン"},
		{"Devanagari vowel sign kept", "कुमार", "कुमार", "कमार"},
		{"Thai vowel and tone kept", "สมชาย ก้อง", "สมชาย ก้อง", "สมชาย กอง"},
		{"Hangul unchanged", "김민준", "김민준", "김민준"},
		{"case folding", "MÜLLER", "muller", "muller"},
		{"sharp s folds to ss", "Straße", "strasse", "strasse"},
		{"Cherokee small to capital", "\uab70", "\u13a0", "\u13a0"},
		{"mark at the start is kept for names", "\u0301a", "\u0301a", "a"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.in, LatinGreekCyrillicMarks); got != tt.names {
				t.Errorf("names: String(%q) = %q (%+q), want %q", tt.in, got, got, tt.names)
			}
			if got := String(tt.in, AllMarks); got != tt.carriers {
				t.Errorf("carriers: String(%q) = %q (%+q), want %q", tt.in, got, got, tt.carriers)
			}
		})
	}
	// The point of the rule: two different people stay different.
	for _, pair := range [][2]string{{"ジュン", "シュン"}, {"ダナカ", "タナカ"}, {"कुमार", "कमार"}, {"ก้อง", "กอง"}} {
		if String(pair[0], LatinGreekCyrillicMarks) == String(pair[1], LatinGreekCyrillicMarks) {
			t.Errorf("%s and %s fold to the same name", pair[0], pair[1])
		}
	}
}

// FuzzString: both modes are idempotent and keep valid UTF-8 valid; a name
// folded with all marks removed is the same whether or not the
// Latin/Greek/Cyrillic marks were removed first.
func FuzzString(f *testing.F) {
	for _, s := range []string{"José", "ジュン", "Ἀθηνᾶ", "कुमार", "ก้อง", "\uab70", "ＡＢ", "Straße", "\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		for _, m := range []Marks{AllMarks, LatinGreekCyrillicMarks} {
			once := String(s, m)
			if !utf8.ValidString(once) {
				t.Fatalf("String(%q, %d) = %q is not valid UTF-8", s, m, once)
			}
			if twice := String(once, m); twice != once {
				t.Fatalf("String not idempotent (mode %d): %q -> %q -> %q", m, s, once, twice)
			}
		}
		if a, b := String(s, AllMarks), String(String(s, LatinGreekCyrillicMarks), AllMarks); a != b {
			t.Fatalf("%q: all marks %q, after names %q", s, a, b)
		}
	})
}

func BenchmarkString(b *testing.B) {
	for _, m := range []Marks{AllMarks, LatinGreekCyrillicMarks} {
		b.Run([]string{"AllMarks", "LatinGreekCyrillic"}[m], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = String("José María Ñúñez", m)
			}
		})
	}
}

// Every small Cherokee letter folds to its capital, and a capital stays.
func TestCherokeeFoldsToCapitals(t *testing.T) {
	for r := rune(0x13a0); r <= 0xabbf; r++ {
		if !(r <= 0x13fd || r >= 0xab70) {
			continue
		}
		up := unicode.ToUpper(r)
		if foldCherokee(r) != up || foldCherokee(up) != up {
			t.Errorf("%U: foldCherokee %U, capital %U", r, foldCherokee(r), up)
		}
	}
}
