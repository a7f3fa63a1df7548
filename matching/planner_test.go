package matching

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/carecycle/carerules/termination"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanErrorDetails(t *testing.T) {
	p := planWith(t, fixture(t), StrategyLiteral,
		Record{IDs: ids("", "DUP", "")},
		person(twin, CustomerIDs{}),
		Record{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("X", ""), pol("", "Q"), pol("X", "")}},
	)
	assert.Equal(t, 0, p.Succeeded())
	assert.Equal(t, 3, p.Failed())
	type fielder interface {
		Field() string
		Code() string
		Expected() string
		Received() string
	}
	wants := []struct{ field, code, received string }{
		{"records.0.externalId", "ambiguous_customer", "DUP"},
		{"records.1", "ambiguous_customer", ""},
		{"records.2.policies.2.healthSherpaPolicyId", "duplicate_policy_identifier", "X"},
	}
	for i, w := range wants {
		var f fielder
		require.True(t, errors.As(p.Decisions[i].Err, &f))
		assert.Equal(t, w.field, f.Field())
		assert.Equal(t, w.code, f.Code())
		assert.NotEmpty(t, f.Expected())
		if w.received != "" {
			assert.Equal(t, w.received, f.Received())
		}
		assert.Nil(t, p.Decisions[i].Policies)
	}
	// The fallback ambiguity names the candidates, never the person.
	var e *Error
	require.ErrorAs(t, p.Decisions[1].Err, &e)
	assert.Equal(t, []CustomerRef{existing("c5"), existing("c6")}, e.Candidates)
	for _, s := range []string{e.Error(), e.Received()} {
		for _, pii := range []string{"Sam", "sam", "Poe", "poe", "1990", "415", "867", "5309"} {
			assert.NotContains(t, s, pii)
		}
	}
	assert.Contains(t, e.Error(), "c5")
}

// A policy conflict fails its record with an *Error naming the policy, the
// identifier that matched, the reason and the policies matched; the record
// keeps its policy decisions.
func TestPlanPolicyConflictErrorDetails(t *testing.T) {
	p := planWith(t, fixture(t), StrategyLiteral,
		person(jane, ids("HS1", "", ""), pol("PHS1", ""), pol("PHS4-2024", "PCA4"), pol("PHS2", "")),
		person(twin, ids("", "EXT2", ""), pol("PHS2", "")),
		person(john, ids("", "EXT1", ""), pol("", "PCA56")),
	)
	assert.Equal(t, 3, p.Failed())
	wants := []struct {
		field    string
		received string
		policy   int
		reason   ConflictReason
		matches  []PolicyRef
		text     string
	}{
		// Policies 1 (other customer) and 2 (not ACA, and c2's) conflict:
		// the error names the first.
		{"records.0.policies.1.healthSherpaPolicyId", "PHS4-2024", 1, ConflictOtherCustomer, []PolicyRef{existingPolicy("p4")},
			"policy_conflict: other_customer (p4)"},
		{"records.1.policies.0.healthSherpaPolicyId", "PHS2", 0, ConflictNotACA, []PolicyRef{existingPolicy("p2")},
			"policy_conflict: not_aca (p2)"},
		{"records.2.policies.0.carrierAssignedPolicyId", "PCA56", 0, ConflictAmbiguous, []PolicyRef{existingPolicy("p5"), existingPolicy("p6")},
			"policy_conflict: ambiguous (p5, p6)"},
	}
	for i, w := range wants {
		d := p.Decisions[i]
		var e *Error
		require.ErrorAs(t, d.Err, &e, "record %d", i)
		assert.ErrorIs(t, d.Err, ErrPolicyConflict)
		assert.Equal(t, w.field, e.Field())
		assert.Equal(t, "policy_conflict", e.Code())
		assert.Equal(t, w.received, e.Received())
		assert.NotEmpty(t, e.Expected())
		assert.Equal(t, i, e.Record)
		assert.Equal(t, w.policy, e.Policy)
		assert.Equal(t, w.reason, e.Conflict)
		assert.Equal(t, w.matches, e.PolicyMatches)
		assert.True(t, strings.HasSuffix(e.Error(), w.text), "%q", e.Error())
		require.Len(t, d.Policies, []int{3, 1, 1}[i], "every policy of the record is decided")
		assert.Equal(t, OutcomeConflict, d.Policies[w.policy].Outcome)
		assert.Equal(t, w.reason, d.Policies[w.policy].Conflict)
		// The error names policies, never the person.
		for _, s := range []string{e.Error(), e.Received(), e.Expected()} {
			for _, pii := range []string{"Jane", "Doe", "Sam", "Poe", "John", "Roe", "1980", "1990", "1975", "5000", "5309", "4400"} {
				assert.NotContains(t, s, pii)
			}
		}
	}
	// Record 0 keeps every decision: p1 matched, two conflicts.
	assert.Equal(t, []Outcome{OutcomeMatched, OutcomeConflict, OutcomeConflict},
		[]Outcome{p.Decisions[0].Policies[0].Outcome, p.Decisions[0].Policies[1].Outcome, p.Decisions[0].Policies[2].Outcome})
	assert.Equal(t, ConflictOtherCustomer, p.Decisions[0].Policies[2].Conflict, "p2 is c2's, and ownership is checked first")
	// Failed records take no part in the one-year rule.
	assert.Empty(t, p.Customers())
}

func TestPlanValidation(t *testing.T) {
	pl := NewPlanner(fixture(t), StrategyLiteral)
	ctx := context.Background()
	codes := func(err error) []string {
		var out []string
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var me *Error
			require.ErrorAs(t, e, &me)
			out = append(out, me.Field()+" "+me.Code())
		}
		return out
	}

	_, err := pl.Plan(ctx, nil)
	assert.ErrorIs(t, err, ErrRecordCount)
	_, err = pl.Plan(ctx, make([]Record, MaxRecords+1))
	assert.ErrorIs(t, err, ErrRecordCount)
	p, err := pl.Plan(ctx, make([]Record, MaxRecords))
	require.NoError(t, err)
	assert.Equal(t, MaxRecords, p.Succeeded())

	long := strings.Repeat("x", MaxFieldLen+1)
	_, err = pl.Plan(ctx, []Record{
		{IDs: ids("ok", "", long)},
		{Policies: make([]PolicyRecord, MaxPolicies+1)},
		{Policies: []PolicyRecord{pol(long, "")}},
	})
	assert.ErrorIs(t, err, ErrTooLong)
	assert.ErrorIs(t, err, ErrPolicyCount)
	assert.Equal(t, []string{
		"records.0.carrierAssignedCustomerId identifier_too_long",
		"records.1.policies policies_count",
		"records.2.policies.0.healthSherpaPolicyId identifier_too_long",
	}, codes(err))

	_, err = (&Planner{Customers: fixture(t)}).Plan(ctx, []Record{{}})
	assert.ErrorIs(t, err, ErrNoFinder)
}

var errBoom = errors.New("boom")

func TestPlanLookupErrorAborts(t *testing.T) {
	s := fixture(t)
	pl := &Planner{Customers: s, Fallback: s,
		Policies: PolicyFinderFunc(func(context.Context, PolicyKey, string) ([]Policy, error) { return nil, errBoom })}
	p, err := pl.Plan(context.Background(), []Record{{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("A", "")}}})
	assert.ErrorIs(t, err, errBoom)
	assert.Nil(t, p)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = NewPlanner(s, StrategyLiteral).Plan(ctx, []Record{{IDs: ids("HS1", "", "")}})
	assert.ErrorIs(t, err, context.Canceled)
}

// A lookup that returns holders in any order, or twice, gives the same plan.
func TestPlanIgnoresLookupOrderAndDuplicates(t *testing.T) {
	s := fixture(t)
	rev := &Planner{
		Customers: CustomerFinderFunc(func(ctx context.Context, k CustomerKey, v string) ([]Customer, error) {
			cs, err := s.FindCustomers(ctx, k, v)
			out := append([]Customer(nil), cs...)
			for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
				out[i], out[j] = out[j], out[i]
			}
			return append(out, cs...), err
		}),
		Fallback: s, Policies: s,
	}
	recs := []Record{{IDs: ids("", "DUP", "")}, {IDs: ids("HS1", "", "")}}
	a, err := rev.Plan(context.Background(), recs)
	require.NoError(t, err)
	b := planWith(t, s, StrategyLiteral, recs...)
	assert.Equal(t, b.Decisions, a.Decisions)
}

func TestPlanCustomers(t *testing.T) {
	s := fixture(t)
	p := planWith(t, s, StrategyLiteral,
		Record{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("PHS1", ""), pol("PNEW", "")}},
		Record{IDs: ids("", "EXT1", ""), Policies: []PolicyRecord{pol("", "PCA1"), pol("", "PCA3")}},
		Record{IDs: ids("", "EXT2", ""), Policies: []PolicyRecord{pol("PHS4-2024", "")}},
		Record{IDs: ids("", "DUP", "")},
		Record{IDs: ids("HSN", "", ""), Policies: []PolicyRecord{pol("", "")}},
	)
	p1, _ := s.Policy("p1")
	p3, _ := s.Policy("p3")
	p4, _ := s.Policy("p4")
	assert.Equal(t, []CustomerEffect{
		{Customer: existing("c1"), Records: []int{0, 1}, CreatesACAPolicy: true,
			Updated: []Policy{p1, p3}, Created: []PolicyRef{createdPolicy(0, 1)}},
		{Customer: existing("c2"), Records: []int{2}, Updated: []Policy{p4}},
		{Customer: created(4), Records: []int{4}, CreatesACAPolicy: true, Created: []PolicyRef{createdPolicy(4, 0)}},
	}, p.Customers())
	assert.Equal(t, termination.StatusActive, p.Decisions[0].Policies[0].Before.Status, "previousStatus comes from before the request")
}

// TestIdentifierLimitCountsCharacters: the API's limit of 255 is a length in
// characters, so an identifier of 200 accented letters (400 bytes) is valid
// and one of 256 is not; the fallback key's fields count the same way.
func TestIdentifierLimitCountsCharacters(t *testing.T) {
	ctx := context.Background()
	for _, s := range []Strategy{StrategyLiteral, StrategyCascade} {
		t.Run(s.String(), func(t *testing.T) {
			st, err := NewStore(nil, nil)
			require.NoError(t, err)
			pl := NewPlanner(st, s)
			ok200 := strings.Repeat("é", 200)
			p, err := pl.Plan(ctx, []Record{{IDs: ids("", ok200, ""), Policies: []PolicyRecord{pol(ok200, "")}}})
			require.NoError(t, err)
			assert.Equal(t, 1, p.Succeeded())

			long := strings.Repeat("é", MaxFieldLen+1)
			_, err = pl.Plan(ctx, []Record{{IDs: ids("", long, "")}})
			assert.ErrorIs(t, err, ErrTooLong)
			var me *Error
			require.ErrorAs(t, err, &me)
			assert.Equal(t, "256 characters", me.Received())
		})
	}
	_, ok := FallbackKey(strings.Repeat("é", 200), "Reyes", "02/29/1980", "3055550101")
	assert.True(t, ok, "a 200-character first name is within the limit")
	_, ok = FallbackKey(strings.Repeat("é", MaxFieldLen+1), "Reyes", "02/29/1980", "3055550101")
	assert.False(t, ok)
	_, ok = NormalizeName(strings.Repeat("é", 200))
	assert.True(t, ok)
}

// PlanInto plans as Plan does, into a reused Plan; after an error the Plan
// holds no decisions and cannot be applied; a plan made into a reused Plan
// applies as Plan's does.
func TestPlanInto(t *testing.T) {
	ctx := context.Background()
	big := []Record{
		person(ann, ids("HS7", "E7", ""), PolicyRecord{IDs: PolicyIDs{"PHS1B", ""}, Status: termination.StatusPending}),
		{IDs: ids("HSNEW", "", "CA2"), Policies: []PolicyRecord{pol("PN", "PCN"), pol("", "")}},
		{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{{IDs: PolicyIDs{"PHS1", ""}, Status: termination.StatusTerminated}}},
		{IDs: ids("", "DUP", "")},
		{IDs: ids("HS1", "", "CAZ"), Policies: []PolicyRecord{pol("PHS1", ""), pol("PZ", ""), pol("PHS4-2024", "")}},
	}
	small := []Record{{IDs: ids("HSNEW", "", "")}, {IDs: ids("HSNEW", "E9", ""), Policies: []PolicyRecord{pol("PCA56", "")}}}
	for _, strat := range []Strategy{StrategyLiteral, StrategyCascade} {
		s := fixture(t)
		pl := NewPlanner(s, strat)
		var dst Plan
		for _, recs := range [][]Record{big, small, big} {
			require.NoError(t, pl.PlanInto(ctx, &dst, recs))
			assert.Equal(t, planWith(t, fixture(t), strat, recs...).Decisions, dst.Decisions, "%v", strat)
			assert.Equal(t, strat, dst.Strategy)
		}

		assert.ErrorIs(t, pl.PlanInto(ctx, &dst, nil), ErrRecordCount)
		assert.Empty(t, dst.Decisions)
		_, err := s.Apply(&dst)
		assert.ErrorIs(t, err, ErrStalePlan, "a failed PlanInto leaves nothing to apply")
		boom := &Planner{Customers: s, Fallback: s, Strategy: strat,
			Policies: PolicyFinderFunc(func(context.Context, PolicyKey, string) ([]Policy, error) { return nil, errBoom })}
		assert.ErrorIs(t, boom.PlanInto(ctx, &dst, big), errBoom)
		assert.Empty(t, dst.Decisions)

		require.NoError(t, pl.PlanInto(ctx, &dst, big))
		got, err := s.Apply(&dst)
		require.NoError(t, err)
		s2 := fixture(t)
		want, err := s2.Apply(planWith(t, s2, strat, big...))
		require.NoError(t, err)
		assert.Equal(t, want, got)
		_, err = s.Apply(&dst)
		assert.ErrorIs(t, err, ErrStalePlan, "applied once")

		// A plan made by Plan is not reused by a PlanInto into it.
		p := planWith(t, s, strat, small...)
		before := slices.Clone(p.Decisions)
		require.NoError(t, pl.PlanInto(ctx, p, big))
		assert.Equal(t, planWith(t, s, strat, small...).Decisions, before)
	}
}

// Planning into a reused Plan allocates nothing for records that need no
// fallback key, no candidate list, no conflict and no error.
func TestPlanIntoNoAllocs(t *testing.T) {
	ctx := context.Background()
	recs := []Record{
		{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("PHS1", "")}},
		{IDs: ids("HSX", "", ""), Policies: []PolicyRecord{pol("PX", "PCX")}},
		{IDs: ids("HSX", "", ""), Policies: []PolicyRecord{pol("PX", "")}},
		{IDs: ids("", "EXT2", ""), Policies: []PolicyRecord{pol("", "")}},
	}
	pl := NewPlanner(fixture(t), StrategyLiteral)
	var dst Plan
	require.NoError(t, pl.PlanInto(ctx, &dst, recs))
	require.Equal(t, 4, dst.Succeeded())
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = pl.PlanInto(ctx, &dst, recs) }))
}
