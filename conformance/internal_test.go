package conformance

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/phone"
)

func mustDecode(t *testing.T, s string) any {
	t.Helper()
	v, err := decodeValue([]byte(s))
	require.NoError(t, err, s)
	return v
}

// TestMatch checks each operator of the pattern language on a value that
// matches and on one that does not.
func TestMatch(t *testing.T) {
	tests := []struct {
		name, pattern, value string
		ok                   bool
	}{
		{"object subset", `{"a": 1}`, `{"a": 1, "b": 2}`, true},
		{"object missing key", `{"a": 1, "c": 3}`, `{"a": 1}`, false},
		{"number by value", `{"a": 1}`, `{"a": 1.0}`, true},
		{"number differs", `1000`, `1e3`, true},
		{"number differs 2", `1`, `2`, false},
		{"string vs number", `"1"`, `1`, false},
		{"array exact length", `[1, 2]`, `[1, 2, 3]`, false},
		{"array in order", `[1, 2]`, `[2, 1]`, false},
		{"null", `null`, `null`, true},
		{"absent key", `{"a": {"$absent": true}}`, `{"b": 1}`, true},
		{"absent null", `{"a": {"$absent": true}}`, `{"a": null}`, true},
		{"absent present", `{"a": {"$absent": true}}`, `{"a": "x"}`, false},
		{"any", `{"$any": true}`, `"x"`, true},
		{"any null", `{"$any": true}`, `null`, false},
		{"type string", `{"$type": "string"}`, `"x"`, true},
		{"type integer", `{"$type": "integer"}`, `2.5`, false},
		{"type number of an integer", `{"$type": "number"}`, `2`, true},
		{"regex", `{"$regex": "^cust-[0-9]+$"}`, `"cust-12"`, true},
		{"regex no match", `{"$regex": "^cust-[0-9]+$"}`, `"pol-12"`, false},
		{"substring", `{"$substring": "Wellpoint"}`, `"one of Anthem; Wellpoint"`, true},
		{"notSubstring", `{"$notSubstring": "2125550123"}`, `"phone: +12125550123"`, false},
		{"notSubstring of an object", `{"$notSubstring": "secret"}`, `{"a": "secret"}`, false},
		{"len utf16", `{"$len": 2}`, `"😀"`, true},
		{"maxLen", `{"$maxLen": 3}`, `"abcd"`, false},
		{"len array", `{"$len": 2}`, `[1, 2]`, true},
		{"gte", `{"$gte": 3}`, `3`, true},
		{"lte", `{"$lte": 3}`, `4`, false},
		{"some", `{"$some": [{"code": "x"}]}`, `[{"code": "y"}, {"code": "x"}]`, true},
		{"some missing", `{"$some": [{"code": "z"}]}`, `[{"code": "y"}]`, false},
		{"none", `{"$none": {"action": "created"}}`, `[{"action": "updated"}]`, true},
		{"none violated", `{"$none": {"action": "created"}}`, `[{"action": "created"}]`, false},
		{"unordered", `{"$unordered": [1, 2]}`, `[2, 1]`, true},
		{"unordered length", `{"$unordered": [1, 2]}`, `[2, 1, 3]`, false},
		{"unordered needs backtracking", `{"$unordered": [{"a": 1}, {"a": 1, "b": 2}]}`, `[{"a": 1, "b": 2}, {"a": 1}]`, true},
		{"all", `{"$all": [{"$type": "string"}, {"$regex": "a"}]}`, `"abc"`, true},
		{"all fails", `{"$all": [{"$type": "string"}, {"$regex": "z"}]}`, `"abc"`, false},
		{"not", `{"$not": "Healthfirst"}`, `"Health First Health Plans"`, true},
		{"oneOf", `{"$oneOf": [1, 2]}`, `2`, true},
		{"oneOf none", `{"$oneOf": [1, 2]}`, `3`, false},
		{"ref binds then compares", `[{"$ref": "c"}, {"$ref": "c"}]`, `["cust-1", "cust-1"]`, true},
		{"ref differs", `[{"$ref": "c"}, {"$ref": "c"}]`, `["cust-1", "cust-2"]`, false},
		{"ref binds no null", `{"$ref": "c"}`, `null`, false},
		{"notRef", `[{"$ref": "c"}, {"$notRef": "c"}]`, `["cust-1", "cust-2"]`, true},
		{"notRef equal", `[{"$ref": "c"}, {"$notRef": "c"}]`, `["cust-1", "cust-1"]`, false},
		{"unordered binds refs consistently", `[{"$unordered": [{"id": {"$ref": "a"}, "k": 1}, {"id": {"$ref": "b"}, "k": 2}]}, {"$ref": "a"}]`,
			`[[{"id": "x", "k": 2}, {"id": "y", "k": 1}], "y"]`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustDecode(t, tt.pattern)
			require.NoError(t, checkPattern(p, "body"))
			_, d := match(p, mustDecode(t, tt.value), "body", nil)
			if tt.ok {
				assert.Nil(t, d)
			} else {
				assert.NotNil(t, d)
			}
		})
	}
}

// TestMatchBindsAcrossSteps: a reference bound by one match is kept for the
// next, and a failed match does not bind.
func TestMatchBindsAcrossSteps(t *testing.T) {
	refs, d := match(mustDecode(t, `{"id": {"$ref": "c"}}`), mustDecode(t, `{"id": "cust-7"}`), "body", nil)
	require.Nil(t, d)
	assert.Equal(t, "cust-7", refs["c"])
	_, d = match(mustDecode(t, `{"id": {"$ref": "c"}}`), mustDecode(t, `{"id": "cust-8"}`), "body", refs)
	require.NotNil(t, d)
	assert.Equal(t, "body.id", d.Path)

	failed, d := match(mustDecode(t, `[{"$ref": "x"}, 2]`), mustDecode(t, `[1, 3]`), "body", refs)
	assert.NotNil(t, d)
	assert.Nil(t, failed)
	assert.NotContains(t, refs, "x")
}

func TestCheckPatternRejects(t *testing.T) {
	for _, p := range []string{
		`{"$refs": "c"}`, `{"$ref": "c", "a": 1}`, `{"$type": "text"}`, `{"$regex": "("}`,
		`{"$len": "2"}`, `{"$some": []}`, `{"$any": false}`, `{"a": [{"$nope": 1}]}`,
	} {
		assert.Error(t, checkPattern(mustDecode(t, p), "body"), p)
	}
}

func testEnv(prefix, caseID, today string) *env {
	d, err := time.Parse(time.DateOnly, today)
	if err != nil {
		panic(err)
	}
	return &env{run: newRun(prefix, d), caseID: caseID}
}

// TestDates checks date expressions against dates worked out by hand.
func TestDates(t *testing.T) {
	tests := []struct{ today, expr, want string }{
		{"2029-03-01", "today", "2029-03-01"},
		{"2029-03-01", "today-1y", "2028-03-01"},
		{"2029-03-01", "today-1y-1d", "2028-02-29"},
		{"2029-03-01", "today-1y+1d", "2028-03-02"},
		{"2029-03-01", "feb29-prev", "2028-02-29"},
		{"2029-02-28", "feb29-prev+1y", "2029-02-28"},
		{"2028-02-29", "today-1y", "2027-02-28"},
		{"2028-02-29", "today+1y", "2029-02-28"},
		{"2027-12-31", "today+1d", "2028-01-01"},
		{"2026-03-31", "today-1m", "2026-02-28"},
		{"2026-12-01", "today-131y+1d", "1895-12-02"},
		{"2026-12-01", "2020-01-31+1m", "2020-02-29"},
	}
	for _, tt := range tests {
		got, err := testEnv("p", "c", tt.today).date(tt.expr)
		require.NoError(t, err, tt.expr)
		assert.Equal(t, tt.want, got.Format(time.DateOnly), "%s on %s", tt.expr, tt.today)
	}
	_, err := testEnv("p", "c", "2027-03-01").date("feb29-prev")
	assert.Error(t, err, "2026 is not a leap year")
	for _, bad := range []string{"tomorrow", "today-1w", "today1y", "2026-13-01"} {
		_, err := testEnv("p", "c", "2026-12-01").date(bad)
		assert.Error(t, err, bad)
	}
}

func TestDateForms(t *testing.T) {
	d := time.Date(2024, time.March, 4, 0, 0, 0, 0, time.UTC)
	for form, want := range map[string]string{
		"iso": "2024-03-04", "mdy": "03/04/2024", "mdy-dash": "03-04-2024", "md": "3/4/2024",
		"mixed": "03-04/2024", "dmy": "04/03/2024", "rfc3339": "2024-03-04T00:00:00Z", "rfc3339-late": "2024-03-04T23:30:00-05:00",
	} {
		got, err := formatDate(d, form)
		require.NoError(t, err)
		assert.Equal(t, want, got, form)
	}
}

// TestPhones: every generated number is a valid NANP number in each
// documented form, distinct across cases and numbers of one run, stable
// within a case, and different in another run.
func TestPhones(t *testing.T) {
	rn := newRun("run1", time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	seen := map[string]string{}
	for c := range 200 {
		e := &env{run: rn, caseID: "case-" + string(rune('a'+c%26)) + strings.Repeat("x", c/26)}
		for n := range 10 {
			key := e.caseID + "/" + string(rune('0'+n))
			num, err := e.expand("{{phone:"+string(rune('0'+n))+"}}", false)
			require.NoError(t, err)
			p, err := phone.Parse(num)
			require.NoError(t, err, num)
			assert.Equal(t, num, p.E164())
			if prev, dup := seen[num]; dup {
				t.Fatalf("%s and %s share %s", prev, key, num)
			}
			seen[num] = key
			for _, form := range []string{"digits", "paren"} {
				s, err := e.expand("{{phone:"+string(rune('0'+n))+":"+form+"}}", false)
				require.NoError(t, err)
				q, err := phone.Parse(s)
				require.NoError(t, err, s)
				assert.Equal(t, p, q, form)
			}
			again, _ := e.expand("{{phone:"+string(rune('0'+n))+"}}", false)
			assert.Equal(t, num, again)
		}
	}
	other := &env{run: newRun("run2", time.Now()), caseID: "case-a"}
	n2, _ := other.expand("{{phone:0}}", false)
	assert.NotEqual(t, n2, func() string { e := &env{run: rn, caseID: "case-a"}; s, _ := e.expand("{{phone:0}}", false); return s }())
}

func TestNamesIDsDOBs(t *testing.T) {
	e := testEnv("run1", "case-a", "2026-12-01")
	name, err := e.expand("{{name:first}}", false)
	require.NoError(t, err)
	assert.Regexp(t, `^[A-Z][a-z]{9}$`, name)
	upper, _ := e.expand("{{name:first:upper}}", false)
	assert.Equal(t, strings.ToUpper(name), upper)
	other, _ := testEnv("run1", "case-b", "2026-12-01").expand("{{name:first}}", false)
	assert.NotEqual(t, name, other)

	id, _ := e.expand("{{id:e1}}", false)
	assert.Equal(t, "run1-case-a-e1", id)
	num, _ := e.expand("{{num:e1}}", false)
	assert.Regexp(t, `^9[0-9]{18}$`, num)

	for i := range 50 {
		s, err := e.expand("{{dob:"+strconv.Itoa(i)+"}}", false)
		require.NoError(t, err)
		d, err := dob.Parse(s)
		require.NoError(t, err, s)
		assert.NoError(t, d.CheckOn(dob.MustNew(2026, 12, 1)), s)
		leap, _ := e.expand("{{dobleap:"+strconv.Itoa(i)+"}}", false)
		_, err = dob.Parse(leap)
		require.NoError(t, err, leap)
		assert.True(t, strings.HasPrefix(leap, "02/29/"), leap)
	}
}

func TestTemplateErrors(t *testing.T) {
	e := testEnv("run1", "case-a", "2026-12-01")
	for _, s := range []string{"{{nope}}", "{{byte:ff}}", "{{ref:c}}", "{{phone:1:fancy}}", "{{id:Bad}}", "{{repeat:99999999:ab}}", "{{date:today:long}}"} {
		_, err := e.expand(s, false)
		assert.Error(t, err, s)
	}
	raw, err := e.expand("a{{byte:ff}}", true)
	require.NoError(t, err)
	assert.Equal(t, "a\xff", raw)
}

func TestEncodeBody(t *testing.T) {
	e := testEnv("run1", "case-a", "2026-12-01")
	v, err := e.expandValue(mustDecode(t, `{"b": [{"$number": "1.0"}, {"$raw": "\"x\\ud800{{byte:ff}}\""}, {"$repeat": {"count": 2, "value": "<&>"}}], "a": null}`))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, encodeBody(&buf, v))
	assert.Equal(t, "{\"a\":null,\"b\":[1.0,\"x\\ud800\xff\",[\"<&>\",\"<&>\"]]}", buf.String())
	assert.Error(t, encodeBody(&buf, map[string]any{"$number": "one"}))
}

func TestWhen(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	w := &When{MonthDay: []string{"03-01"}, PreviousYearLeap: true}
	ok, _ := w.Holds(day("2029-03-01"))
	assert.True(t, ok)
	ok, _ = w.Holds(day("2028-03-01"))
	assert.False(t, ok, "2027 is not a leap year")
	ok, _ = w.Holds(day("2029-03-02"))
	assert.False(t, ok)
	ok, _ = (&When{NotMonthDay: []string{"02-29"}}).Holds(day("2028-02-29"))
	assert.False(t, ok)
	ok, _ = (*When)(nil).Holds(day("2028-02-29"))
	assert.True(t, ok)
}

func TestLoadRejects(t *testing.T) {
	good := `{"id": "x-1", "rules": ["a.b"], "description": "d", "steps": [{"request": {"method": "POST", "path": "/v2/sync/aca"}, "response": {"status": 200}}]}`
	for name, file := range map[string]string{
		"unknown field":     `{"area": "a", "description": "d", "cases": [` + strings.Replace(good, `"id"`, `"idx": 1, "id"`, 1) + `]}`,
		"area not the name": `{"area": "b", "description": "d", "cases": [` + good + `]}`,
		"duplicate id":      `{"area": "a", "description": "d", "cases": [` + good + `,` + good + `]}`,
		"bad rule id":       `{"area": "a", "description": "d", "cases": [` + strings.Replace(good, `"a.b"`, `"ab"`, 1) + `]}`,
		"bad case id":       `{"area": "a", "description": "d", "cases": [` + strings.Replace(good, `"x-1"`, `"X 1"`, 1) + `]}`,
		"no status":         `{"area": "a", "description": "d", "cases": [` + strings.Replace(good, `"status": 200`, `"status": []`, 1) + `]}`,
		"bad operator":      `{"area": "a", "description": "d", "cases": [` + strings.Replace(good, `"status": 200`, `"status": 200, "body": {"$nope": 1}`, 1) + `]}`,
		"bad when":          `{"area": "a", "description": "d", "cases": [` + strings.Replace(good, `"steps"`, `"when": {"monthDay": ["2-29"]}, "steps"`, 1) + `]}`,
		"no cases":          `{"area": "a", "description": "d", "cases": []}`,
	} {
		_, err := Load(fstest.MapFS{"a.json": {Data: []byte(file)}})
		assert.Error(t, err, name)
	}
	cases, err := Load(fstest.MapFS{"a.json": {Data: []byte(`{"area": "a", "description": "d", "cases": [` + good + `]}`)}})
	require.NoError(t, err)
	assert.Equal(t, "a", cases[0].Area)
}

// TestCaseData checks that the embedded cases keep the promise that makes
// them safe on a shared service: in every request that should succeed,
// each identifier, phone number and date of birth is a template of the run
// and the case, and each person has a templated name.
func TestCaseData(t *testing.T) {
	cases, err := LoadEmbedded()
	require.NoError(t, err)
	idFields := []string{"externalId", "healthSherpaCustomerId", "carrierAssignedCustomerId", "healthSherpaPolicyId", "carrierAssignedPolicyId"}
	var check func(c *Case, v any)
	check = func(c *Case, v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				check(c, x)
			}
		case map[string]any:
			for _, f := range idFields {
				if s, ok := v[f].(string); ok && strings.TrimSpace(s) != "" && !isArtifact(s) &&
					!strings.Contains(s, "{{id:") && !strings.Contains(s, "{{num:") {
					t.Errorf("%s: %s %q is not derived from the run", c.ID, f, s)
				}
			}
			if s, ok := v["phoneNumber"].(string); ok && !strings.Contains(s, "{{phone:") {
				t.Errorf("%s: phoneNumber %q is not derived from the run", c.ID, s)
			}
			if s, ok := v["dateOfBirth"].(string); ok && !strings.Contains(s, "{{dob") && !strings.Contains(s, "{{date:") {
				t.Errorf("%s: dateOfBirth %q is not derived from the run", c.ID, s)
			}
			if _, person := v["phoneNumber"]; person {
				first, _ := v["firstName"].(string)
				last, _ := v["lastName"].(string)
				if !strings.Contains(first+last, "{{name:") {
					t.Errorf("%s: the person %q %q has no name derived from the run", c.ID, first, last)
				}
			}
			for _, x := range v {
				check(c, x)
			}
		}
	}
	for i := range cases {
		c := &cases[i]
		for _, s := range c.Steps {
			if s.Request.Body == nil || s.Response.Status[0] >= 300 {
				continue
			}
			v, err := decodeValue(s.Request.Body)
			require.NoError(t, err)
			check(c, v)
		}
	}
}

func isArtifact(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "null", "undefined", "nan", "none":
		return true
	}
	return false
}

func TestReportText(t *testing.T) {
	rep := &Report{Prefix: "p", Today: "2026-12-01", Passed: 1, Failed: 1, Results: []Result{
		{Case: "a-1", Area: "a", Rules: []string{"a.x"}, Outcome: Pass},
		{Case: "a-2", Area: "a", Rules: []string{"a.y"}, Outcome: Fail, Step: 2, Differences: []Difference{{Path: "status", Expected: "200", Received: "500"}}},
	}}
	var buf bytes.Buffer
	require.NoError(t, rep.WriteText(&buf))
	out := buf.String()
	assert.Contains(t, out, "PASS a-1 (a.x)\n")
	assert.Contains(t, out, "FAIL a-2 (a.y), step 2\n     at status\n     expected: 200\n     received: 500\n")
	assert.Contains(t, out, "2 cases: 1 passed, 1 failed, 0 skipped")
	assert.ErrorIs(t, rep.OK(), ErrFailed)
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"outcome":"fail"`)
}

// TestSchemaAgrees keeps schema.json and the Go loader describing one
// format: the same operators, and the same members of a case, a step, a
// request and a response.
func TestSchemaAgrees(t *testing.T) {
	data, err := os.ReadFile("schema.json")
	require.NoError(t, err)
	var schema struct {
		Defs map[string]struct {
			Properties map[string]any `json:"properties"`
			OneOf      []struct {
				Required []string `json:"required"`
			} `json:"oneOf"`
		} `json:"$defs"`
	}
	require.NoError(t, json.Unmarshal(data, &schema))
	var ops []string
	for _, o := range schema.Defs["operator"].OneOf {
		ops = append(ops, o.Required...)
	}
	assert.ElementsMatch(t, slices.Collect(maps.Keys(operators)), ops)
	for def, v := range map[string]any{"case": Case{}, "step": Step{}, "request": Request{}, "response": Expect{}, "when": When{}} {
		var tags []string
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			if tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ","); tag != "" && tag != "-" {
				tags = append(tags, tag)
			}
		}
		assert.ElementsMatch(t, tags, slices.Collect(maps.Keys(schema.Defs[def].Properties)), def)
	}
}

func TestKnownFailures(t *testing.T) {
	known, err := ReadKnownFailures(strings.NewReader("# comment\n\na-1  the reason\na-3 other\n"))
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"a-1": "the reason", "a-3": "other"}, known)
	for _, bad := range []string{"A 1 reason\n", "a-1 x\na-1 y\n"} {
		_, err := ReadKnownFailures(strings.NewReader(bad))
		assert.Error(t, err, bad)
	}

	rep := &Report{Passed: 2, Failed: 1, Skipped: 1, Results: []Result{
		{Case: "a-1", Outcome: Fail, Step: 1}, {Case: "a-2", Outcome: Pass}, {Case: "a-3", Outcome: Pass}, {Case: "a-4", Outcome: Skip},
	}}
	rep.Expect(map[string]string{"a-1": "gap", "a-3": "fixed since", "a-4": "skipped anyway"})
	assert.Equal(t, []string{KnownFailure, Pass, UnexpectedPass, Skip},
		[]string{rep.Results[0].Outcome, rep.Results[1].Outcome, rep.Results[2].Outcome, rep.Results[3].Outcome})
	assert.Equal(t, 1, rep.Passed)
	assert.Equal(t, 1, rep.Failed)
	assert.Equal(t, 1, rep.Known)
	assert.ErrorIs(t, rep.OK(), ErrFailed)
}

// TestRunnerTimesCases: a case that ran has its duration.
func TestRunnerTimesCases(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2 * time.Millisecond)
		w.WriteHeader(http.StatusTeapot)
	}))
	defer srv.Close()
	cases, err := Load(fstest.MapFS{"a.json": {Data: []byte(`{"area": "a", "description": "d", "cases": [{"id": "x-1", "rules": ["a.b"], "description": "d",
		"steps": [{"request": {"method": "GET", "path": "/"}, "response": {"status": 418}}]}]}`)}})
	require.NoError(t, err)
	rep, err := (&Runner{BaseURL: srv.URL, APIKey: "cc_x", Client: srv.Client()}).Run(context.Background(), cases)
	require.NoError(t, err)
	require.NoError(t, rep.OK())
	assert.Equal(t, Pass, rep.Results[0].Outcome)
	assert.GreaterOrEqual(t, rep.Results[0].DurationMS, 2.0)
	assert.Regexp(t, `^cr[0-9a-f]{8}$`, rep.Prefix)
}
