package termination

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carecycle/carerules/dob"
)

// genDate returns a random effectiveDate string and the date it denotes
// (zero for missing or unparseable strings, which the generator knows).
func genDate(r *rand.Rand) (string, dob.Date) {
	y := 2015 + r.IntN(16)
	m := 1 + r.IntN(12)
	d := 1 + r.IntN(31)
	if r.IntN(8) == 0 { // favour the leap day
		m, d = 2, 29
	}
	date, err := dob.New(y, time.Month(m), d)
	switch r.IntN(12) {
	case 0:
		return "", dob.Date{}
	case 1:
		return "  ", dob.Date{}
	case 2:
		return fmt.Sprintf("%02d/%02d/%04d", d, 13+r.IntN(19), y), dob.Date{} // DD/MM, never read
	case 3:
		return "not a date", dob.Date{}
	}
	if err != nil { // no such day: the string is unparseable
		return fmt.Sprintf("%04d-%02d-%02d", y, m, d), dob.Date{}
	}
	var s string
	switch r.IntN(5) {
	case 0:
		s = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	case 1:
		s = fmt.Sprintf("%02d/%02d/%04d", m, d, y)
	case 2:
		s = fmt.Sprintf("%d/%d/%04d", m, d, y)
	case 3:
		s = fmt.Sprintf("%02d-%02d-%04d", m, d, y)
	case 4:
		s = fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:00%+03d:00", y, m, d, r.IntN(24), r.IntN(60), r.IntN(25)-12)
		if s[len(s)-6] != '+' && s[len(s)-6] != '-' {
			s = s[:19] + "Z"
		}
	}
	return s, date
}

func genInput(r *rand.Rand) Input {
	types := []string{"ACA", "ACA", "ACA", "aca", "MA", "PDP", "Dental"}
	n := r.IntN(20)
	in := Input{CreatedACA: r.IntN(3) > 0}
	for i := range n {
		eff, _ := genDate(r)
		p := Policy{
			ID:               fmt.Sprintf("p%d", i),
			Type:             types[r.IntN(len(types))],
			Status:           Status(r.IntN(11)), // 0 (unknown) .. Not Approved
			EffectiveDate:    ReadEffectiveDate(eff),
			CreatedByRequest: r.IntN(6) == 0,
		}
		if r.IntN(3) == 0 {
			p.PreviousStatus = Status(1 + r.IntN(10))
		}
		in.Policies = append(in.Policies, p)
	}
	in.Today = dob.MustNew(2016+r.IntN(15), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	if r.IntN(4) == 0 { // the end of February: 28, and 29 in leap years, or Mar 1
		y := 2016 + r.IntN(15)
		days := []int{28, 29}
		if y%4 != 0 {
			days = []int{28}
		}
		in.Today = dob.MustNew(y, time.February, days[r.IntN(len(days))])
		if r.IntN(3) == 0 {
			in.Today = dob.MustNew(y, time.March, 1)
		}
	}
	return in
}

// refTerminated is an independent statement of the rule, with time.Time
// arithmetic: Go's AddDate(1,0,0) gives Mar 1 for Feb 29, so the clamp to
// Feb 28 is written out.
func refTerminated(p Policy, today dob.Date) bool {
	if p.CreatedByRequest || !IsACA(p.Type) || !p.Status.IsValid() || p.Status.IsTerminal() {
		return false
	}
	eff := p.EffectiveDate.Date
	if eff.IsZero() {
		return false
	}
	y, m, d := eff.Year()+1, eff.Month(), eff.Day()
	if m == time.February && d == 29 && time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Month() != m {
		d = 28
	}
	anniv := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	t := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	return t.After(anniv)
}

func terminatedIDs(d Decision) []string {
	var ids []string
	for _, t := range d.Terminate {
		ids = append(ids, t.ID)
	}
	slices.Sort(ids)
	return ids
}

// TestRuleProperties runs the rule on random customers (fixed seed) and
// checks: the output partitions the policies; it agrees with an independent
// statement of the rule; it does not depend on policy order; and applying it
// then deciding again terminates nothing (idempotence).
func TestRuleProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 6))
	var reuse Decision
	for iter := range 5000 {
		in := genInput(r)
		d, err := Decide(in)
		require.NoError(t, err)

		// Decide and DecideInto agree.
		require.NoError(t, DecideInto(&reuse, in))
		require.Equal(t, d.Triggered, reuse.Triggered)
		require.Equal(t, len(d.Terminate), len(reuse.Terminate))
		require.Equal(t, len(d.Skipped), len(reuse.Skipped))

		// Partition and reference.
		trigger := in.CreatedACA
		for _, p := range in.Policies {
			trigger = trigger || (p.CreatedByRequest && IsACA(p.Type))
		}
		require.Equal(t, trigger, d.Triggered, "iter %d", iter)
		if !trigger {
			require.Empty(t, d.Terminate)
			require.Empty(t, d.Skipped)
			continue
		}
		seen := make([]int, len(in.Policies))
		for _, x := range d.Terminate {
			seen[x.Index]++
			p := in.Policies[x.Index]
			require.True(t, refTerminated(p, in.Today), "iter %d: %+v on %v", iter, p, in.Today)
			require.Equal(t, StatusTerminated, x.Status)
			want := p.PreviousStatus
			if want == 0 {
				want = p.Status
			}
			require.Equal(t, want, x.PreviousStatus)
		}
		for _, s := range d.Skipped {
			seen[s.Index]++
			require.False(t, refTerminated(in.Policies[s.Index], in.Today), "iter %d: %+v on %v", iter, in.Policies[s.Index], in.Today)
		}
		for i, n := range seen {
			require.Equal(t, 1, n, "iter %d: policy %d listed %d times", iter, i, n)
		}

		// Order independence.
		shuffled := in
		shuffled.Policies = slices.Clone(in.Policies)
		r.Shuffle(len(shuffled.Policies), func(i, j int) {
			shuffled.Policies[i], shuffled.Policies[j] = shuffled.Policies[j], shuffled.Policies[i]
		})
		d2, err := Decide(shuffled)
		require.NoError(t, err)
		require.Equal(t, terminatedIDs(d), terminatedIDs(d2))

		// Idempotence: apply, decide again (still triggered), nothing left.
		applied := in
		applied.Policies = slices.Clone(in.Policies)
		for _, x := range d.Terminate {
			applied.Policies[x.Index].Status = x.Status
		}
		applied.CreatedACA = true
		d3, err := Decide(applied)
		require.NoError(t, err)
		require.Empty(t, d3.Terminate, "iter %d", iter)
	}
}

// TestRuleMonotone: a policy terminated on some day is terminated on every
// later day (a property of the boundary, checked on every day of 2024-2026
// for effective dates around Feb 29).
func TestRuleMonotone(t *testing.T) {
	for _, eff := range []string{"2024-02-28", "2024-02-29", "2024-03-01", "2023-02-28", "2023-03-01"} {
		was := false
		for t0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC); t0.Year() < 2027; t0 = t0.AddDate(0, 0, 1) {
			got, _ := decideOne(t, eff, dob.FromTime(t0))
			if was {
				assert.True(t, got, "%s on %s", eff, t0.Format(time.DateOnly))
			}
			was = got
		}
		assert.True(t, was)
	}
}

// TestDecisionJSONRoundTrip: a Decision survives JSON (dates, statuses and
// reasons are text).
func TestDecisionJSONRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for range 200 {
		in := genInput(r)
		d, err := Decide(in)
		require.NoError(t, err)
		b, err := json.Marshal(d)
		require.NoError(t, err)
		var back Decision
		require.NoError(t, json.Unmarshal(b, &back))
		if len(d.Terminate) == 0 {
			d.Terminate = nil
		}
		if len(d.Skipped) == 0 {
			d.Skipped = nil
		}
		assert.Equal(t, d, back)
	}
}
