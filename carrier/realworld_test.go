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
	heldOut                    bool // after the "## Held-out" heading
}

func loadRealWorld(t *testing.T) []realCase {
	t.Helper()
	f, err := os.Open("testdata/realworld.txt")
	require.NoError(t, err)
	defer f.Close()
	var cases []realCase
	sc := bufio.NewScanner(f)
	heldOut := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.HasPrefix(line, "## Held-out") {
			heldOut = true
		}
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, ";")
		require.Len(t, f, 4, "line %d: want 4 fields: %q", n, line)
		cases = append(cases, realCase{n, strings.TrimSpace(f[0]), strings.TrimSpace(f[1]), strings.TrimSpace(f[2]), strings.TrimSpace(f[3]), heldOut})
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
	type tally struct{ lines, wantCarrier, right, wrong, refused, held, wantRefusal int }
	var all, held tally
	for _, c := range cases {
		require.NotEmpty(t, c.source, "line %d has no source", c.line)
		m, err := r.Resolve(Query{Name: c.input, State: c.state})
		got := outcome(m, err)
		isCarrier := c.want != "unknown" && c.want != "ambiguous" && c.want != "state_required"
		ts := []*tally{&all}
		if c.heldOut {
			ts = append(ts, &held)
		}
		for _, tl := range ts {
			tl.lines++
			switch {
			case !isCarrier:
				tl.wantRefusal++
				if err == nil {
					tl.wrong++
				} else {
					tl.held++
				}
			case err == nil && got == c.want:
				tl.wantCarrier++
				tl.right++
			case err == nil:
				tl.wantCarrier++
				tl.wrong++
			default:
				tl.wantCarrier++
				tl.refused++
			}
		}
		switch {
		case !isCarrier && err == nil:
			t.Errorf("line %d: %q (%s): WRONG: %q, want %s", c.line, c.input, c.state, got, c.want)
		case !isCarrier && got != c.want:
			t.Logf("line %d: %q (%s): refused as %s, want %s", c.line, c.input, c.state, got, c.want)
		case isCarrier && err == nil && got != c.want:
			t.Errorf("line %d: %q (%s): WRONG CARRIER %q, want %q", c.line, c.input, c.state, got, c.want)
		case isCarrier && err != nil:
			t.Logf("line %d: %q (%s): refused (%s), want %q", c.line, c.input, c.state, got, c.want)
		}
	}
	for _, x := range []struct {
		name string
		tl   tally
	}{{"all", all}, {"held-out", held}} {
		t.Logf("%s: strings %d (carrier wanted %d, refusal wanted %d): resolved right %d, wrong %d, refused %d; refusals held %d/%d",
			x.name, x.tl.lines, x.tl.wantCarrier, x.tl.wantRefusal, x.tl.right, x.tl.wrong, x.tl.refused, x.tl.held, x.tl.wantRefusal)
	}
	wrong, refused := all.wrong, all.refused-held.refused
	require.Zero(t, wrong, "wrong answers")
	require.LessOrEqual(t, refused, maxRealWorldRefused, "refusals grew")
}
