package carrier

import (
	"math/bits"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xrash/smetrics"
)

// slowHistMin is the readable reference for histMin.
func slowHistMin(a, b string) int {
	ca, cb := map[int]int{}, map[int]int{}
	bucket := func(c byte) int {
		switch {
		case 'a' <= c && c <= 'z':
			return int(c - 'a')
		case '0' <= c && c <= '9':
			return 26 + int(c-'0')
		case c == ' ':
			return 36
		}
		return 37
	}
	for i := 0; i < len(a); i++ {
		ca[bucket(a[i])]++
	}
	for i := 0; i < len(b); i++ {
		cb[bucket(b[i])]++
	}
	n := 0
	for k, v := range ca {
		n += min(v, cb[k])
	}
	return n
}

func FuzzHistMin(f *testing.F) {
	f.Add("humanna", "humana")
	f.Add("blue cross blue shield", "bcbs texas")
	f.Add("zzzz 9999 éé", "z9 é")
	f.Fuzz(func(t *testing.T, q, k string) {
		if len(k) > maxFuzzyKey || len(q) > 4*MaxInputLen {
			return
		}
		hq, hk := histogram(q), histogram(k)
		got, want := histMin(&hq, &hk), slowHistMin(q, k)
		if got < want {
			t.Fatalf("histMin(%q, %q) = %d < %d: bound not exact", q, k, got, want)
		}
		if got != want && len(q) < 127 {
			t.Fatalf("histMin(%q, %q) = %d, want %d", q, k, got, want)
		}
	})
}

// TestFuzzyPrefilterExact: the prefilter never drops a key that reaches the
// score bound. For every case-file query and every fuzzy key, a Jaro-Winkler
// score at or above FuzzyThreshold-FuzzyMargin implies enough possible
// matches (histMin) for needMatches.
func TestFuzzyPrefilterExact(t *testing.T) {
	r := mustDefault(t)
	bound := FuzzyThreshold - FuzzyMargin
	checked := 0
	for _, c := range loadCases(t) {
		q := Normalize(c.input)
		if len(q) < minFuzzyLen {
			continue
		}
		qh := histogram(q)
		for i := range r.fuzzy {
			k := &r.fuzzy[i]
			s := smetrics.JaroWinkler(q, k.key, 0.7, 4)
			if s < bound {
				continue
			}
			checked++
			p := commonPrefix4(prefix4(q), k.pre, min(len(q), 4, int(k.n)))
			qm := histMask(&qh)
			need := needMatches(len(q), len(k.key), p, bound)
			if len(q)-bits.OnesCount64(qm&^k.mask) < need || len(k.key)-bits.OnesCount64(k.mask&^qm) < need {
				t.Errorf("%q vs %q: score %.4f but the bucket-presence bound drops it", q, k.key, s)
			}
			if m := histMin(&qh, &k.hist); m < need {
				t.Errorf("%q vs %q: score %.4f but the prefilter drops it (m %d, need %d)", q, k.key, s, m, needMatches(len(q), len(k.key), p, bound))
			}
		}
	}
	require.Greater(t, checked, 100)
}
