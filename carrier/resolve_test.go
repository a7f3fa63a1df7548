package carrier

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// resolveCase is one line of testdata/resolve.txt.
type resolveCase struct {
	line   int
	input  string
	state  string
	want   string   // display name, "unknown", "ambiguous" or "state_required"
	cands  []string // pinned candidates of "ambiguous: A | B"
	typo   bool     // "~Name": may also stay unresolved
	postal string
}

func loadCases(t testing.TB) []resolveCase {
	t.Helper()
	f, err := os.Open("testdata/resolve.txt")
	require.NoError(t, err)
	defer f.Close()
	var cases []resolveCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		f := strings.Split(line, ";")
		require.True(t, len(f) == 3 || len(f) == 4, "line %d: want 3 or 4 fields: %q", n, line)
		c := resolveCase{line: n, input: f[0], state: strings.TrimSpace(f[1]), want: strings.TrimSpace(f[2])}
		if len(f) == 4 {
			c.postal = strings.TrimSpace(f[3])
		}
		if w, ok := strings.CutPrefix(c.want, "~"); ok {
			c.typo, c.want = true, w
		}
		if rest, ok := strings.CutPrefix(c.want, "ambiguous:"); ok {
			c.want = "ambiguous"
			for _, s := range strings.Split(rest, "|") {
				c.cands = append(c.cands, strings.TrimSpace(s))
			}
		}
		cases = append(cases, c)
	}
	require.NoError(t, sc.Err())
	return cases
}

var outcomeOf = map[error]string{
	ErrUnknown:       "unknown",
	ErrAmbiguous:     "ambiguous",
	ErrStateRequired: "state_required",
	ErrEmpty:         "empty",
	ErrTooLong:       "too_long",
}

func outcome(m Match, err error) string {
	if err == nil {
		return m.Carrier.DisplayName
	}
	for s, o := range outcomeOf {
		if errors.Is(err, s) {
			return o
		}
	}
	return "error"
}

// TestResolveCases runs testdata/resolve.txt against Default(): no wrong
// carrier (precision 1), every non-typo case exact, and logs recall.
func TestResolveCases(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	cases := loadCases(t)
	require.GreaterOrEqual(t, len(cases), 300)

	var wantResolved, resolved, answered, wrong, negatives int
	for _, c := range cases {
		m, err := r.Resolve(Query{Name: c.input, State: c.state, PostalCode: c.postal})
		got := outcome(m, err)
		isCarrier := c.want != "unknown" && c.want != "ambiguous" && c.want != "state_required"
		if c.want == "unknown" {
			negatives++
		}
		if isCarrier {
			wantResolved++
		}
		if err == nil {
			answered++
			if got != c.want {
				wrong++
				t.Errorf("line %d: %q (state %q): WRONG CARRIER %q, want %q", c.line, c.input, c.state, got, c.want)
				continue
			}
			resolved++
			continue
		}
		if c.typo && isCarrier && (got == "unknown" || got == "ambiguous") {
			t.Logf("line %d: typo %q not resolved (%s), want %q", c.line, c.input, got, c.want)
			continue
		}
		if got != c.want {
			t.Errorf("line %d: %q (state %q, zip %q): got %s, want %q", c.line, c.input, c.state, c.postal, got, c.want)
			continue
		}
		if c.cands != nil {
			var e *Error
			require.True(t, errors.As(err, &e))
			var names []string
			for _, cc := range e.Candidates() {
				names = append(names, cc.DisplayName)
			}
			if !sameSet(names, c.cands) {
				t.Errorf("line %d: %q: candidates %q, want %q", c.line, c.input, names, c.cands)
			}
		}
	}
	require.GreaterOrEqual(t, negatives, 50)
	precision := 1.0
	if answered > 0 {
		precision = float64(answered-wrong) / float64(answered)
	}
	t.Logf("cases %d, negatives %d; answered %d, wrong carriers %d, precision %.4f; recall %d/%d = %.4f",
		len(cases), negatives, answered, wrong, precision, resolved, wantResolved, float64(resolved)/float64(wantResolved))
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, v := range seen {
		if v != 0 {
			return false
		}
	}
	return true
}

// TestFuzzyTuning sweeps the fuzzy threshold and margin around the chosen
// values over the case file and logs wrong answers and recall of the typo
// cases: the documented point must give zero wrong carriers.
func TestFuzzyTuning(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	cases := loadCases(t)
	for _, th := range []float64{0.88, 0.90, 0.91, 0.92, 0.93, 0.94, 0.95} {
		for _, mg := range []float64{0.0, 0.01, 0.02, 0.03, 0.05} {
			wrong, typoOK, typos := 0, 0, 0
			for _, c := range cases {
				var kb keyBuf
				key := kb.key(trimSpace(c.input))
				if len(key) == 0 {
					continue
				}
				q := Query{Name: c.input, State: c.state, PostalCode: c.postal}
				// only cases that reach the fuzzy step
				if _, ok := r.exact[string(key)]; ok {
					continue
				}
				if _, ok := parseGeneric(key); ok {
					continue
				}
				if _, ok := r.compact[compactKey(string(key))]; ok {
					continue
				}
				if _, ok, _ := r.stateQualified(key, q); ok {
					continue
				}
				if _, ok, _ := r.structured(c.input, key, q, 0); ok {
					continue
				}
				m, err := r.fuzzyResolve(key, q, th, mg)
				if c.typo {
					typos++
				}
				if err == nil {
					if m.Carrier.DisplayName != c.want {
						wrong++
					} else if c.typo {
						typoOK++
					}
				}
			}
			t.Logf("threshold %.2f margin %.2f: wrong %d, typos resolved %d/%d", th, mg, wrong, typoOK, typos)
			if th == FuzzyThreshold && mg == FuzzyMargin {
				require.Zero(t, wrong)
			}
		}
	}
}
