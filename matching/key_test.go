package matching

import (
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/phone"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Keys computed by hand from the rules of FallbackKey; hosts persist them, so
// they are pinned.
func TestFallbackKeyPinned(t *testing.T) {
	tests := []struct {
		first, last, dob, phone string
		want                    string
	}{
		// accents removed, apostrophe removed, hyphen as space, MM/DD/YYYY
		{"José", "O'Brien-Smith", "03/04/1985", "(212) 736-5000", "jose|obrien smith|1985-03-04|+12127365000"},
		// runs of spaces, trimming, curly apostrophe, stored ISO date, lenient phone
		{"  MARY  ANN ", "d’Arcy", "1990-12-31", "+1 (312) 603-4400", "mary ann|darcy|1990-12-31|+13126034400"},
		// full-width letters, umlauts, en dash, Feb 29 of a leap year, dotted phone
		{"ＭＡＲＩＡ", "Müller–Lüdenscheidt", "02-29-2000", "415.867.5309", "maria|muller ludenscheidt|2000-02-29|+14158675309"},
		// case folding ß -> ss; Ø has no decomposition and stays (no transliteration)
		{"Øyvind", "Straße", "12/01/1970", "2127365000", "øyvind|strasse|1970-12-01|+12127365000"},
		// mixed separators accepted by the API pattern; tab inside a name is a space
		{"Ann\tMarie", "Lee", "01-02/1990", "+12127365000", "ann marie|lee|1990-01-02|+12127365000"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			got, ok := FallbackKey(tt.first, tt.last, tt.dob, tt.phone)
			require.True(t, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

// Fallback: any of the four missing or unparseable gives no key.
func TestFallbackKeyIncomplete(t *testing.T) {
	const f, l, d, p = "Jane", "Doe", "01/02/1980", "2127365000"
	tests := []struct {
		name                    string
		first, last, dob, phone string
	}{
		{"first missing", "", l, d, p},
		{"first white space only", " \u00a0\t", l, d, p},
		{"first only apostrophes and hyphens", "'-'", l, d, p},
		{"last missing", f, "", d, p},
		{"dob missing", f, l, "", p},
		{"dob Feb 30", f, l, "02/30/1980", p},
		{"dob Feb 29 common year", f, l, "02/29/1900", p},
		{"dob DD/MM is not guessed", f, l, "31/12/1980", p},
		{"dob M/D/YYYY is not the API form", f, l, "1/2/1980", p},
		{"phone missing", f, l, d, ""},
		{"phone invalid area code", f, l, d, "1112365000"},
		{"phone with extension", f, l, d, "2127365000 x12"},
		{"name with key separator", "Ja|ne", l, d, p},
		{"name with full-width key separator", "Ja｜ne", l, d, p},
		{"name with control character", "Ja\x00ne", l, d, p},
		{"name invalid UTF-8", "Ja\xffne", l, d, p},
		{"name too long", strings.Repeat("a", MaxFieldLen+1), l, d, p},
		{"phone too long", f, l, d, strings.Repeat(" ", MaxFieldLen) + p},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			key, ok := FallbackKey(tt.first, tt.last, tt.dob, tt.phone)
			assert.False(t, ok)
			assert.Empty(t, key)
		})
	}
	_, ok := FallbackKey(f, l, d, p)
	assert.True(t, ok, "the control case must have a key")
}

// Fallback: equal after normalization means equal keys.
func TestFallbackKeyEquivalences(t *testing.T) {
	base, ok := FallbackKey("Zoë", "D'Angelo-Ruiz", "07/04/1976", "(212) 736-5000")
	require.True(t, ok)
	same := [][4]string{
		{"ZOE", "dangelo ruiz", "07-04-1976", "+12127365000"},
		{"zoe\u0308", "D’Angelo – Ruiz", "1976-07-04", "212-736-5000"}, // decomposed ë, curly apostrophe, spaced dash
		{" Zoë ", "D'Angelo   Ruiz", "07/04-1976", "1 212 736 5000"},   // trim, runs of spaces
		{"ＺＯＥ", "ＤＡＮＧＥＬＯ－ＲＵＩＺ", " 07/04/1976 ", "+1 (212) 736-5000"},   // full width
	}
	for _, s := range same {
		got, ok := FallbackKey(s[0], s[1], s[2], s[3])
		require.True(t, ok, s)
		assert.Equal(t, base, got, s)
	}
	different := [][4]string{
		{"Zoe", "Dangeloruiz", "07/04/1976", "2127365000"}, // a hyphen is a space, not nothing
		{"Zoe", "D'Angelo-Ruiz", "04/07/1976", "2127365000"},
		{"Zoe", "D'Angelo-Ruiz", "07/04/1976", "2127365001"},
		{"Zoey", "D'Angelo-Ruiz", "07/04/1976", "2127365000"}, // no nicknames, no fuzz
		{"D'Angelo-Ruiz", "Zoe", "07/04/1976", "2127365000"},  // first and last are not swapped
	}
	for _, s := range different {
		got, ok := FallbackKey(s[0], s[1], s[2], s[3])
		require.True(t, ok, s)
		assert.NotEqual(t, base, got, s)
	}
}

// The key's date and phone parts are dob's and phone's canonical forms.
func TestFallbackKeyParts(t *testing.T) {
	key, ok := FallbackKey("a", "b", "05/06/2001", "(212) 736-5000")
	require.True(t, ok)
	parts := strings.Split(key, "|")
	require.Len(t, parts, 4)
	d, err := dob.Parse("05/06/2001")
	require.NoError(t, err)
	n, err := phone.ParseLenient("(212) 736-5000")
	require.NoError(t, err)
	assert.Equal(t, d.String(), parts[2])
	assert.Equal(t, n.E164(), parts[3])
}

// The fast path (ASCII in one pass, handing over to x/text at the first
// non-ASCII byte) and the x/text path agree, on ASCII input and on input
// where an invalid ASCII byte comes before or after a non-ASCII one.
func TestNormalizeNameFastSlowAgree(t *testing.T) {
	for _, s := range []string{"Jane", " O'Brien-Smith ", "a  -  b", "A`B", "x\ty\nz", "-", "'", "", "Ja|ne", "a\x00", "MC DONALD", "a\x7fb",
		"a|é", "\x00José", "José|", "Jos\x01é", "O'Brién-Smith", "Zoë\x7f", "{}~@[]^_", "a\xffb"} {
		fast, okf := appendName(nil, s)
		slow, oks := appendNameSlow(nil, s)
		assert.Equal(t, oks, okf, "%q", s)
		if oks {
			assert.Equal(t, string(slow), string(fast), "%q", s)
		}
	}
}

func TestIdentifierPresence(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"abc", "abc", true},
		{"  abc\u00a0", "abc", true},
		{"ABC", "ABC", true}, // case kept: identifiers compare exactly
		{"", "", false},
		{" \t\u3000", "", false},
		{"null", "", false},
		{"NULL", "", false},
		{" Null ", "", false},
		{"undefined", "", false},
		{"UnDefined", "", false},
		{"nan", "", false},
		{"NaN", "", false},
		{"none", "", false},
		{"None", "", false},
		{"nullx", "nullx", true},
		{"n/a", "n/a", true}, // not in the rule's list: an identifier
		{"0", "0", true},
	}
	for _, tt := range tests {
		got, ok := Identifier(tt.in)
		assert.Equal(t, tt.ok, ok, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
}

// FallbackKey builds no shared transform.Chain: concurrent use is race-free
// (run with -race).
func TestFallbackKeyConcurrent(t *testing.T) {
	want, ok := FallbackKey("Zoë", "Müller", "01/02/1990", "2127365000")
	require.True(t, ok)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				got, _ := FallbackKey("Zoë", "Müller", "01/02/1990", "2127365000")
				if got != want {
					t.Error("different key under concurrency")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestFallbackKeyAllocs(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		_, _ = FallbackKey("Jane", "Doe", "01/02/1980", "(212) 736-5000")
	})
	assert.LessOrEqual(t, allocs, 1.0, "ASCII fast path: only the key string")
}

// Cherokee folds to capitals (CaseFolding.txt); cases.Fold swaps the two
// cases, so the name path folds Cherokee itself. Every small letter gives
// its capital (unicode.ToUpper is the independent reference), both cases
// give one name, and the name is a fixed point.
func TestNormalizeNameCherokee(t *testing.T) {
	var small []rune
	for r := rune(0xab70); r <= 0xabbf; r++ {
		small = append(small, r)
	}
	for r := rune(0x13f8); r <= 0x13fd; r++ {
		small = append(small, r)
	}
	for _, r := range small {
		up := unicode.ToUpper(r)
		require.NotEqual(t, r, up, "%U", r)
		a, okA := NormalizeName(string(r))
		b, okB := NormalizeName(string(up))
		require.True(t, okA && okB, "%U", r)
		assert.Equal(t, a, b, "%U", r)
		assert.Equal(t, string(up), a, "%U folds to the capital", r)
		again, _ := NormalizeName(a)
		assert.Equal(t, a, again, "%U: idempotent", r)
	}
}

// Rule: name normalization removes only the combining diacritics of Latin,
// Greek and Cyrillic letters; marks that change a letter in other scripts
// are kept, so ジュン and シュン are different people.
func TestNameNormalizationRemovesOnlyLatinGreekCyrillicDiacritics(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"José", "jose"},
		{"Zoë", "zoe"},
		{"Ἀθηνᾶ", "αθηνα"},
		{"Йосиф", "иосиф"},
		{"ジュン", "ジュン"},
		{"シ\u3099ュン", "ジュン"}, // decomposed input, same person as ジュン
		{"कुमार", "कुमार"},
		{"ก้อง", "ก้อง"},
	} {
		got, ok := NormalizeName(tt.in)
		require.True(t, ok, "%q", tt.in)
		assert.Equal(t, tt.want, got, "%q", tt.in)
	}
	for _, pair := range [][2]string{{"ジュン", "シュン"}, {"ダナカ", "タナカ"}, {"कुमार", "कमार"}, {"ก้อง", "กอง"}} {
		a, _ := NormalizeName(pair[0])
		b, _ := NormalizeName(pair[1])
		assert.NotEqual(t, a, b, "%s and %s must stay different", pair[0], pair[1])
		ka, okA := FallbackKey(pair[0], "Tanaka", "01/02/1990", "2125550150")
		kb, okB := FallbackKey(pair[1], "Tanaka", "01/02/1990", "2125550150")
		require.True(t, okA && okB)
		assert.NotEqual(t, ka, kb)
	}
}

// Common rule: a field over 255 UTF-16 code units makes the fallback key
// absent; an emoji counts 2.
func TestFallbackKeyFieldLimitCountsUTF16(t *testing.T) {
	emoji := "\U0001F600"
	_, ok := NormalizeName(strings.Repeat(emoji, 127) + "a") // 255 units
	assert.True(t, ok)
	_, ok = NormalizeName(strings.Repeat(emoji, 128)) // 256 units, 128 code points
	assert.False(t, ok)
	_, ok = FallbackKey(strings.Repeat(emoji, 128), "Doe", "01/02/1990", "2125550150")
	assert.False(t, ok)
	assert.True(t, tooLong(strings.Repeat(emoji, 128)))
	assert.False(t, tooLong(strings.Repeat(emoji, 127)+"a"))
}
