package carrier

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestZIPData(t *testing.T) {
	z, err := parseZips(zipsTxt)
	require.NoError(t, err)
	// Blue KC's Kansas counties (Johnson, Wyandotte): Overland Park, KCK.
	assert.Contains(t, z["KS kc"], "66210")
	assert.Contains(t, z["KS kc"], "66101")
	assert.NotContains(t, z["KS kc"], "67202") // Wichita
	assert.Contains(t, z["MO kc"], "64105")    // Kansas City, Jackson County
	assert.NotContains(t, z["MO kc"], "63101") // St. Louis
	assert.Contains(t, z["WA clark"], "98660") // Vancouver
	for k, zs := range z {
		for _, s := range zs {
			require.Len(t, s, 5, k)
		}
	}
}

func TestNewValidation(t *testing.T) {
	ok := []Entry{{ID: "a", DisplayName: "Alpha Health", Aliases: []string{"Alpha"}}}
	_, err := New(ok)
	require.NoError(t, err)

	cases := []struct {
		name    string
		entries []Entry
		want    error
		field   string
	}{
		{"duplicate alias across carriers", []Entry{
			{ID: "a", DisplayName: "Alpha Health", Aliases: []string{"AH"}},
			{ID: "b", DisplayName: "Beta Health", Aliases: []string{"A.H."}},
		}, ErrDuplicateAlias, "entries[1].aliases[0]"},
		{"alias equal to another display name after normalization", []Entry{
			{ID: "a", DisplayName: "Alpha Health, Inc."},
			{ID: "b", DisplayName: "Beta", Aliases: []string{"ALPHA HEALTH"}},
		}, ErrDuplicateAlias, "entries[1].aliases[0]"},
		{"alias of a government program", []Entry{
			{ID: "a", DisplayName: "Alpha", Aliases: []string{"Medicare"}},
		}, ErrDuplicateAlias, "entries[0].aliases[0]"},
		{"empty id", []Entry{{DisplayName: "Alpha"}}, ErrInvalidEntry, "entries[0].id"},
		{"duplicate id", []Entry{{ID: "a", DisplayName: "Alpha"}, {ID: "a", DisplayName: "Beta"}}, ErrInvalidEntry, "entries[1].id"},
		{"blank display name", []Entry{{ID: "a", DisplayName: "  "}}, ErrInvalidEntry, "entries[0].displayName"},
		{"generic Blue alias", []Entry{{ID: "a", DisplayName: "Alpha", Aliases: []string{"BCBS"}}}, ErrInvalidEntry, "entries[0].aliases[0]"},
		{"bad state", []Entry{{ID: "a", DisplayName: "Alpha", Blue: true, States: []string{"XX"}}}, ErrInvalidEntry, "entries[0].states[0]"},
		{"states on a non-Blue", []Entry{{ID: "a", DisplayName: "Alpha", States: []string{"TX"}}}, ErrInvalidEntry, "entries[0].states"},
		{"area outside states", []Entry{{ID: "a", DisplayName: "Alpha", Blue: true, States: []string{"TX"},
			Areas: []Area{{State: "KS", ZIPs: []string{"66210"}}}}}, ErrInvalidEntry, "entries[0].areas[0].state"},
		{"bad zip", []Entry{{ID: "a", DisplayName: "Alpha", Blue: true, States: []string{"KS"},
			Areas: []Area{{State: "KS", ZIPs: []string{"6621"}}}}}, ErrInvalidEntry, "entries[0].areas[0].zips[0]"},
		{"unknown member", []Entry{{ID: "f", DisplayName: "Fam", Members: []string{"zz"}}}, ErrInvalidEntry, "entries[0].members[0]"},
		{"Medicare sold to nobody", []Entry{{ID: "a", DisplayName: "Alpha", MedicareSoldTo: "zz"}}, ErrInvalidEntry, "entries[0].medicareSoldTo"},
		{"Medicare sold to itself", []Entry{{ID: "a", DisplayName: "Alpha", MedicareSoldTo: "a"}}, ErrInvalidEntry, "entries[0].medicareSoldTo"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(c.entries)
			require.ErrorIs(t, err, c.want)
			var e *Error
			require.True(t, errors.As(err, &e))
			assert.Equal(t, c.field, e.Field())
			assert.NotEmpty(t, e.Expected())
		})
	}
}

// TestHostRegistry: a host's own list, with a split state by ZIP, a family
// and compact-key collisions answered as ambiguous.
func TestHostRegistry(t *testing.T) {
	r, err := New([]Entry{
		{ID: "n", DisplayName: "North Blue", Blue: true, States: []string{"KS"}, Areas: []Area{{State: "KS", ZIPs: []string{"66001"}}}},
		{ID: "s", DisplayName: "South Blue", Blue: true, States: []string{"KS"}, Areas: []Area{{State: "KS", ZIPs: []string{"66002", "66003"}}}},
		{ID: "x", DisplayName: "Care Plus One"},
		{ID: "y", DisplayName: "CarePlus One"},
		{ID: "fam", DisplayName: "Blues Family", Members: []string{"n", "s"}},
	})
	require.NoError(t, err)
	m, err := r.Resolve(Query{Name: "BCBS", State: "KS", PostalCode: "66002"})
	require.NoError(t, err)
	assert.Equal(t, "South Blue", m.Carrier.DisplayName)
	assert.Equal(t, MethodZIP, m.Method)
	_, err = r.Resolve(Query{Name: "BCBS", State: "KS", PostalCode: "66099"})
	assert.ErrorIs(t, err, ErrAmbiguous)
	_, err = r.Resolve(Query{Name: "BCBS", State: "TX"})
	assert.ErrorIs(t, err, ErrUnknown, "no Blue company registered for TX")
	m, err = r.Resolve(Query{Name: "care plus one"})
	require.NoError(t, err)
	assert.Equal(t, MethodExact, m.Method)
	_, err = r.Resolve(Query{Name: "CarePlusOne"})
	assert.ErrorIs(t, err, ErrAmbiguous)
	_, err = r.Resolve(Query{Name: "Blues Family", State: "KS"})
	assert.ErrorIs(t, err, ErrAmbiguous)
	_, err = r.Resolve(Query{Name: "Medicare"})
	assert.ErrorIs(t, err, ErrUnknown, "government programs are built in")
}

func TestResolveMethods(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	cases := []struct {
		q     Query
		id    string
		m     Method
		conf  Confidence
		fuzzy bool
	}{
		{Query{Name: "Humana"}, "humana", MethodExact, Exact, false},
		{Query{Name: "UHC"}, "unitedhealthcare", MethodAlias, Exact, false},
		{Query{Name: "Health Net"}, "health-net", MethodExact, Exact, false},
		{Query{Name: "HealthNet"}, "health-net", MethodAlias, Exact, false},
		{Query{Name: "Humanna"}, "humana", MethodFuzzy, Low, true},
		{Query{Name: "BCBS", State: "TX"}, "bcbs-texas", MethodState, High, false},
		{Query{Name: "BCBS TX", State: "FL"}, "bcbs-texas", MethodAlias, Exact, false},
		{Query{Name: "BCBS OK", State: "FL"}, "bcbs-oklahoma", MethodState, High, false},
		{Query{Name: "BCBS", State: "KS", PostalCode: "66210"}, "blue-kc", MethodZIP, High, false},
		{Query{Name: "Anthem", State: "CA"}, "anthem-blue-cross", MethodFamily, Low, false},
		{Query{Name: "Blue Cros Blue Shield", State: "TX"}, "bcbs-texas", MethodState, Low, true},
		{Query{Name: "Molina Healthcare of Texas"}, "molina", MethodAlias, Exact, false},
		{Query{Name: "Delta Dental of California"}, "delta-dental", MethodAlias, Exact, false},
		{Query{Name: "bcbs", State: " texas "}, "bcbs-texas", MethodState, High, false},
	}
	for _, c := range cases {
		t.Run(c.q.Name, func(t *testing.T) {
			m, err := r.Resolve(c.q)
			require.NoError(t, err)
			assert.Equal(t, c.id, m.Carrier.ID)
			assert.Equal(t, c.m, m.Method)
			assert.Equal(t, c.conf, m.Confidence)
			if c.fuzzy {
				assert.Less(t, m.Score, 1.0)
				assert.GreaterOrEqual(t, m.Score, FuzzyThreshold)
			} else {
				assert.Equal(t, 1.0, m.Score)
			}
		})
	}
}

// Specific Blue names are not re-routed by state; "Anthem Blue Cross" is
// the California plan's display name, so it stays that even in Ohio.
func TestSpecificBlueIgnoresState(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	for _, st := range []string{"", "TX", "CA", "NY", "OH"} {
		m, err := r.Resolve(Query{Name: "BCBSIL", State: st})
		require.NoError(t, err)
		assert.Equal(t, "bcbs-illinois", m.Carrier.ID)
	}
	// "Anthem Blue Cross Ohio": the CA plan does not serve OH, so the state
	// suffix does not pick it.
	_, err = r.Resolve(Query{Name: "Anthem Blue Cross Ohio"})
	assert.Error(t, err)
}

func TestEmptyAndTooLong(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	for _, s := range []string{"", " ", "\t\n", "\u00a0\u3000"} {
		_, err := r.Resolve(Query{Name: s, State: "TX"})
		assert.ErrorIs(t, err, ErrEmpty, "%q", s)
	}
	_, err = r.Resolve(Query{Name: strings.Repeat("a", 256)})
	assert.ErrorIs(t, err, ErrTooLong)
	_, err = r.Resolve(Query{Name: strings.Repeat("é", 256)})
	assert.ErrorIs(t, err, ErrTooLong, "256 characters")
	_, err = r.Resolve(Query{Name: strings.Repeat("é", 255)})
	assert.ErrorIs(t, err, ErrUnknown, "255 characters are allowed")
	_, err = r.Resolve(Query{Name: strings.Repeat("x", 1<<20)})
	assert.ErrorIs(t, err, ErrTooLong)
}

func TestErrorContract(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	type fielder interface {
		Field() string
		Code() string
		Expected() string
		Received() string
	}
	cases := []struct {
		q    Query
		code string
	}{
		{Query{Name: "Acme"}, "unknown"},
		{Query{Name: "BCBS", State: "CA"}, "ambiguous"},
		{Query{Name: "BCBS"}, "state_required"},
		{Query{Name: " "}, "carrier_empty"},
		{Query{Name: strings.Repeat("z", 300)}, "carrier_too_long"},
	}
	for _, c := range cases {
		_, err := r.Resolve(c.q)
		var f fielder
		require.True(t, errors.As(err, &f))
		assert.Equal(t, c.code, f.Code())
		assert.Equal(t, "carrierName", f.Field())
		assert.NotEmpty(t, f.Expected())
	}
	_, err = r.Resolve(Query{Name: "Acme 555-123-4567"})
	var e *Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, "Acme 555-123-4567", e.Received())
	assert.NotContains(t, e.Error(), "555", "Error() never repeats the input")
	assert.Nil(t, e.Candidates())

	_, err = r.Resolve(Query{Name: "BCBS", State: "PA"})
	require.True(t, errors.As(err, &e))
	cs := e.Candidates()
	require.Len(t, cs, 3)
	cs[0] = Carrier{}
	assert.True(t, e.Candidates()[0].IsValid(), "Candidates returns a copy")
}

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Blue Cross & Blue Shield of Texas, Inc.", "bcbs texas"},
		{"BlueCross BlueShield of Tennessee", "bcbs tennessee"},
		{"B.C.B.S.", "bcbs"},
		{"BC/BS", "bcbs"},
		{"BC BS", "bcbs"},
		{"Blue Cross and Blue Shield", "bcbs"},
		{"BCBS CO", "bcbs co"},
		{"Aetna Co", "aetna"},
		{"Cigna Health and Life Insurance Company", "cigna health and life"},
		{"The Guardian Life Insurance Company of America", "guardian life"},
		{"Mútual  of  Ómaha", "mutual omaha"},
		{"ＵＨＣ", "uhc"},
		{"Physicians' Mutual", "physicians mutual"},
		{"Physicians\u2019 Mutual", "physicians mutual"},
		{"Inc", "inc"},
		{"Company", "company"},
		{"", ""},
		{"!!!", ""},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Normalize(c.in), "%q", c.in)
		assert.Equal(t, c.want, Normalize(c.want), "idempotent on %q", c.want)
	}
}

// TestConcurrentResolve resolves from 32 goroutines at once (run with -race).
func TestConcurrentResolve(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	cases := loadCases(t)
	want := make([]string, len(cases))
	for i, c := range cases {
		want[i] = outcome(r.Resolve(Query{Name: c.input, State: c.state, PostalCode: c.postal}))
	}
	var wg sync.WaitGroup
	for g := range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range cases {
				c := cases[(i+g*7)%len(cases)]
				got := outcome(r.Resolve(Query{Name: c.input, State: c.state, PostalCode: c.postal}))
				if got != want[(i+g*7)%len(cases)] {
					t.Errorf("goroutine %d: %q: %s, want %s", g, c.input, got, want[(i+g*7)%len(cases)])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestNoAllocs pins zero allocations for exact, alias, generic-by-state and
// reduced structured answers.
func TestNoAllocs(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	for _, q := range []Query{
		{Name: "UnitedHealthcare"},
		{Name: "UHC"},
		{Name: "Blue Cross & Blue Shield of Texas, Inc."},
		{Name: "HealthNet"},
		{Name: "BCBS", State: "TX"},
		{Name: "BCBS", State: "KS", PostalCode: "66210"},
		{Name: "Molina Healthcare of Texas"},
		{Name: "Oscar Insurance Company of Florida"},
		{Name: "Aetna Medicare Advantage HMO"},
		{Name: "Humana Ins Co"},
	} {
		n := testing.AllocsPerRun(100, func() {
			if _, err := r.Resolve(q); err != nil {
				t.Fatal(err)
			}
		})
		assert.Zero(t, n, "%+v", q)
	}
}
