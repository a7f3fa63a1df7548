package carrier

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// realCase is one line of testdata/realworld.txt.
type realCase struct {
	line                       int
	input, state, want, source string
}

func loadRealWorld(t *testing.T) []realCase {
	t.Helper()
	f, err := os.Open("testdata/realworld.txt")
	require.NoError(t, err)
	defer f.Close()
	var cases []realCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, ";")
		require.Len(t, f, 4, "line %d: want 4 fields: %q", n, line)
		cases = append(cases, realCase{n, strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[2]), strings.TrimSpace(f[3])})
	}
	require.NoError(t, sc.Err())
	return cases
}

// maxRealWorldRefused is the number of refusals of a carrier-wanted line
// measured when testdata/realworld.txt was written: it may not grow.
const maxRealWorldRefused = 0

// TestRealWorld resolves carrier strings as enrollment data sends them
// (testdata/realworld.txt) and reports resolved right, wrong and refused.
// A wrong carrier fails the test: a refusal costs a click, a wrong carrier
// costs commissions and compliance trouble. Refusals are allowed but
// counted, and their number may not grow past the figure measured when the
// list was written.
func TestRealWorld(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	cases := loadRealWorld(t)
	require.GreaterOrEqual(t, len(cases), 300)
	sources := map[string]bool{}
	var right, wrong, refused, heldRefusals, wantRefusal int
	for _, c := range cases {
		require.NotEmpty(t, c.source, "line %d has no source", c.line)
		sources[strings.TrimSuffix(c.source, "*")] = true
		m, err := r.Resolve(Query{Name: c.input, State: c.state})
		got := outcome(m, err)
		isCarrier := c.want != "unknown" && c.want != "ambiguous" && c.want != "state_required"
		switch {
		case !isCarrier:
			wantRefusal++
			if err == nil {
				wrong++
				t.Errorf("line %d: %q (%s): WRONG: %q, want %s", c.line, c.input, c.state, got, c.want)
			} else {
				heldRefusals++
				if got != c.want {
					t.Logf("line %d: %q (%s): refused as %s, want %s", c.line, c.input, c.state, got, c.want)
				}
			}
		case err == nil && got == c.want:
			right++
		case err == nil:
			wrong++
			t.Errorf("line %d: %q (%s): WRONG CARRIER %q, want %q", c.line, c.input, c.state, got, c.want)
		default:
			refused++
			t.Logf("line %d: %q (%s): refused (%s), want %q", c.line, c.input, c.state, got, c.want)
		}
	}
	t.Logf("real-world strings %d (carrier wanted %d, refusal wanted %d): resolved right %d, wrong %d, refused %d; refusals held %d/%d",
		len(cases), len(cases)-wantRefusal, wantRefusal, right, wrong, refused, heldRefusals, wantRefusal)
	require.Zero(t, wrong, "wrong answers")
	require.LessOrEqual(t, refused, maxRealWorldRefused, "refusals grew")
}
