package timezone

import (
	"strings"
	"testing"
	"time"

	"github.com/carecycle/carerules/internal/usaddr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCallingTableIntegrity checks the shipped table: every state and DC present once and
// sorted, provenance recorded, citations and summaries present, versions ordered by
// effective date, spans within a day, clause sets within their types.
func TestCallingTableIntegrity(t *testing.T) {
	assert.NotEmpty(t, CallingRulesSource)
	assert.Contains(t, CallingRulesLicense, "public law")
	_, err := time.Parse(time.DateOnly, CallingRulesDate)
	require.NoError(t, err)

	var want []string // the 50 states and DC, in code order
	for _, code := range usaddr.InsuranceStateCodes() {
		if _, class, _ := usaddr.Lookup(code); class == usaddr.State || class == usaddr.District {
			want = append(want, code)
		}
	}
	require.Len(t, want, 51)
	var got []string
	for _, r := range stateRows {
		got = append(got, r.state)
	}
	assert.Equal(t, want, got, "one row per state and DC, sorted")

	for _, r := range stateRows {
		require.NotEmpty(t, r.versions, r.state)
		assert.Equal(t, r.state, stateRows[rowIndex(r.state)].state)
		for i, v := range r.versions {
			name := r.state + " version " + string(rune('0'+i))
			assert.NotEmpty(t, strings.TrimSpace(v.cite), name)
			assert.NotEmpty(t, strings.TrimSpace(v.summary), name)
			assert.LessOrEqual(t, v.evidence, EvidenceNotFound, name)
			if v.evidence == EvidenceNone {
				assert.Empty(t, v.clauses, "%s: a row with no compiled rule has no clauses", name)
			}
			if v.from != 0 {
				d, err := time.Parse("20060102", time.Date(v.from/10000, time.Month(v.from/100%100), v.from%100, 0, 0, 0, 0, time.UTC).Format("20060102"))
				require.NoError(t, err)
				assert.Equal(t, v.from, civilDate(d.Date()).key(), "%s: effective date %d is a real date", name, v.from)
				assert.True(t, v.from >= 19910101 && v.from <= 20991231, "%s: effective date %d after the TCPA", name, v.from)
			}
			if i > 0 {
				assert.Greater(t, v.from, r.versions[i-1].from, "%s: effective dates ordered", name)
			}
			for _, c := range v.clauses {
				assert.NotZero(t, c.kinds, name)
				assert.Zero(t, c.kinds&^kAll, name)
				assert.Zero(t, c.lifts&^(liftsCustomer|liftsConsent), name)
				assert.Less(t, c.clock, numClocks, name)
				assert.LessOrEqual(t, c.holidays, holClosedWeekdays, name)
				open := 0
				for _, s := range c.days {
					if s == closed {
						continue
					}
					open++
					assert.True(t, s.from >= 0 && s.from < s.to && s.to <= 24*60, "%s: span %v", name, s)
				}
				assert.NotZero(t, open, "%s: a clause that closes every day is a ban, not calling hours", name)
			}
		}
	}
}

// TestCallingRulesFigures counts the state rows by evidence, for the report (and so that a
// change to the counts is a deliberate one).
func TestCallingRulesFigures(t *testing.T) {
	count := map[Evidence]int{}
	for _, r := range stateRows {
		count[r.versions[len(r.versions)-1].evidence]++
	}
	t.Logf("current rows by evidence: %v", count)
	assert.Equal(t, map[Evidence]int{EvidenceNone: 12, EvidencePrimary: 13, EvidenceSecondary: 25, EvidenceNotFound: 1}, count)
}
