package carrier

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Rule: an unresolvable carrierName (unknown, ambiguous, state_required)
// may be kept by the host with the reason and any candidates; empty and
// over-long names are always errors.
func TestAsUnresolved(t *testing.T) {
	r := mustDefault(t)
	cases := []struct {
		q      Query
		reason string
		cands  int
		ok     bool
	}{
		{Query{Name: "Acme Health"}, "unknown", 0, true},
		{Query{Name: "BCBS"}, "state_required", 0, true},
		{Query{Name: "BCBS", State: "PA"}, "ambiguous", 3, true},
		{Query{Name: "Loyal American Life Insurance Company"}, "ambiguous", 2, true},
		{Query{Name: " "}, "", 0, false},
		{Query{Name: strings.Repeat("x", 300)}, "", 0, false},
	}
	for _, c := range cases {
		_, err := r.Resolve(c.q)
		u, ok := AsUnresolved(err)
		assert.Equal(t, c.ok, ok, "%q", c.q.Name)
		assert.Equal(t, c.reason, u.Reason, "%q", c.q.Name)
		assert.Len(t, u.Candidates, c.cands, "%q", c.q.Name)
	}
	_, ok := AsUnresolved(nil)
	assert.False(t, ok)
	_, ok = AsUnresolved(errors.New("other"))
	assert.False(t, ok)
	_, ok = AsUnresolved(newError(kindInvalidEntry, "entries[0]", expectEntry, "", nil))
	assert.False(t, ok)
}
