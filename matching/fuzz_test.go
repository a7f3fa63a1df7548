package matching

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

// swapASCIICase changes the case of ASCII letters only (Unicode case
// mappings are not all fold-equivalent: ToUpper("ı") is "I").
func swapASCIICase(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = c - 32
		case 'A' <= c && c <= 'Z':
			b[i] = c + 32
		}
	}
	return string(b)
}

// decorate adds what the key ignores: an acute accent after every ASCII
// letter, an apostrophe at the front, doubled spaces and surrounding space.
func decorate(s string) string {
	var b strings.Builder
	b.WriteString(" '")
	for _, r := range s {
		b.WriteRune(r)
		if r < utf8.RuneSelf && ('a' <= r|0x20 && r|0x20 <= 'z') {
			b.WriteString("\u0301")
		}
		if r == ' ' {
			b.WriteString("  ")
		}
	}
	b.WriteString("\u00a0")
	return b.String()
}

func FuzzFallbackKey(f *testing.F) {
	f.Add("José", "O'Brien-Smith", 1985, 3, 4, uint64(2127365000))
	f.Add("ＭＡＲＩＡ", "Müller–Lüdenscheidt", 2000, 2, 29, uint64(4158675309))
	f.Add("a|b", "c", 1900, 2, 29, uint64(1112365000))
	f.Add("İstanbul", "ſtraße", 2024, 12, 31, uint64(3126034400))
	f.Add("", "x", 1, 1, 1, uint64(0))
	f.Fuzz(func(t *testing.T, first, last string, y, m, d int, digits uint64) {
		ph := fmt.Sprintf("%010d", digits%1e10)
		dt := time.Date(y%10000, time.Month(m%13), d%32, 0, 0, 0, 0, time.UTC)
		api := fmt.Sprintf("%02d/%02d/%04d", m%13, d%32, y%10000)
		key, ok := FallbackKey(first, last, api, ph)
		if !ok {
			require.Empty(t, key)
			return
		}
		parts := strings.Split(key, "|")
		require.Len(t, parts, 4)
		for _, p := range parts[:2] {
			n, ok := NormalizeName(p)
			require.True(t, ok)
			require.Equal(t, p, n, "normalization is idempotent")
		}
		// The same person written otherwise has the same key.
		for _, v := range [][4]string{
			{swapASCIICase(first), swapASCIICase(last), fmt.Sprintf("%02d-%02d-%04d", m%13, d%32, y%10000), "+1" + ph},
			{decorate(first), decorate(last), dt.Format("2006-01-02"), "(" + ph[:3] + ") " + ph[3:6] + "-" + ph[6:]},
			{first, last, fmt.Sprintf(" %02d-%02d/%04d ", m%13, d%32, y%10000), ph[:3] + "." + ph[3:6] + "." + ph[6:]},
		} {
			k2, ok2 := FallbackKey(v[0], v[1], v[2], v[3])
			if tooLong(v[0]) || tooLong(v[1]) {
				// The decoration pushed a name past the field limit: such
				// input is rejected before any other work, never keyed.
				require.False(t, ok2, "%q", v)
				continue
			}
			require.True(t, ok2, "%q", v)
			require.Equal(t, key, k2, "%q", v)
		}
		// Another day of birth is another person.
		for _, other := range []time.Time{dt.AddDate(0, 0, 1), dt.AddDate(0, 0, -1), dt.AddDate(1, 0, 0)} {
			k3, ok3 := FallbackKey(first, last, other.Format("01/02/2006"), ph)
			if ok3 {
				require.NotEqual(t, key, k3)
			}
		}
	})
}

func FuzzNormalizeName(f *testing.F) {
	for _, s := range []string{"Jane", "O'Brien-Smith", "  a  b ", "ＭＡＲＩＡ", "Ǆemal", "ŉ", "\xff", "a\u0085b", "ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := NormalizeName(s)
		if len(s) <= MaxFieldLen {
			// The fast path agrees with the x/text path on every input.
			slow, okSlow := appendNameSlow(nil, s)
			require.Equal(t, okSlow, ok, "fast path and x/text path agree")
			if ok {
				require.Equal(t, string(slow), n, "fast path and x/text path agree")
			}
		}
		if !ok {
			require.Empty(t, n)
			return
		}
		require.True(t, utf8.ValidString(n))
		require.NotContains(t, n, "|")
		require.NotContains(t, n, "  ")
		require.Equal(t, strings.TrimSpace(n), n)
		again, ok := NormalizeName(n)
		require.True(t, ok)
		require.Equal(t, n, again, "idempotent")
		ascii := true
		for i := 0; i < len(s); i++ {
			ascii = ascii && s[i] < utf8.RuneSelf
		}
		if ascii {
			slow, okSlow := appendNameSlow(nil, s)
			require.True(t, okSlow)
			require.Equal(t, string(slow), n, "fast path and x/text path agree")
		}
	})
}

// FuzzPlan plans random batches against random stores (the generators of
// the property tests) and checks the invariants that hold for any input.
func FuzzPlan(f *testing.F) {
	f.Add(uint64(1), uint64(2))
	f.Add(uint64(28), uint64(226))
	f.Fuzz(func(t *testing.T, a, b uint64) {
		r := rand.New(rand.NewPCG(a, b))
		w := randomWorld(r)
		recs, people := randomBatch(r)
		var dst Plan // reused: the cascade's plan goes into the literal's memory
		for _, strat := range []Strategy{StrategyLiteral, StrategyCascade} {
			s := w.store(t)
			p := planWith(t, s, strat, recs...)
			require.NoError(t, NewPlanner(s, strat).PlanInto(context.Background(), &dst, recs))
			require.Equal(t, p.Decisions, dst.Decisions)
			require.Equal(t, len(recs), p.Succeeded()+p.Failed())
			for i, d := range p.Decisions {
				require.Equal(t, i, d.Record)
				if d.Err != nil && !recs[i].DateOfBirth.IsZero() {
					// No date of birth, no phone number: they are PII.
					msg := d.Err.Error()
					born := recs[i].DateOfBirth.String()
					require.NotContains(t, msg, born)
					require.NotContains(t, msg, born[:4], "not even the year")
					if ph := recs[i].PhoneNumber; ph.IsValid() {
						require.NotContains(t, msg, ph.Line())
					}
				}
			}
			require.Equal(t, p.Decisions, planWith(t, w.store(t), strat, recs...).Decisions)
			require.Equal(t, p.Decisions, planWith(t, viaInterfaces(s), strat, recs...).Decisions)
			checkFirstIdentifier(t, "fuzz", w, recs, p)
			checkFallback(t, "fuzz", w, recs, people, p)
			checkFailedInert(t, "fuzz", w, recs, strat, p)
		}
	})
}
