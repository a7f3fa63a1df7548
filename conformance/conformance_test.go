package conformance_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carecycle/carerules/conformance"
)

// knownFailures reads the reference implementation's list of the cases
// it fails today (known-failures.txt): the rule book is ahead of the code
// there.
func knownFailures(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open("known-failures.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	known, err := conformance.ReadKnownFailures(f)
	if err != nil {
		t.Fatal(err)
	}
	return known
}

// days are the todays the suite runs on in process: the real date, and
// dates on which the February 29 cases hold (the year after a leap year on
// February 28 and March 1, a leap day, the day after a leap day) and a year
// end.
func days(t *testing.T) []time.Time {
	out := []time.Time{time.Now().UTC()}
	for _, s := range []string{"2029-02-28", "2029-03-01", "2028-02-29", "2028-03-01", "2027-12-31"} {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

// readsToday reports whether a case's outcome can depend on the day it
// runs: it has a when condition or a date relative to today.
func readsToday(c conformance.Case) bool {
	b, err := json.Marshal(c.Steps)
	if err != nil {
		panic(err)
	}
	return c.When != nil || strings.Contains(string(b), "{{date:")
}

// TestConformance runs every case against the library in process, through
// its own http.Handler served by httptest.NewServer, on the real date, and
// the cases that read today again on each pinned day: a case the library
// fails is a failing test (unless known-failures.txt lists it).
func TestConformance(t *testing.T) {
	cases, err := conformance.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	known := knownFailures(t)
	var dated []conformance.Case
	for _, c := range cases {
		if readsToday(c) {
			dated = append(dated, c)
		}
	}
	for i, today := range days(t) {
		cases := cases
		if i > 0 { // the pinned days run the cases whose outcome depends on the date
			cases = dated
		}
		t.Run(today.Format(time.DateOnly), func(t *testing.T) {
			srv := httptest.NewServer(newService(today))
			defer srv.Close()
			r := &conformance.Runner{BaseURL: srv.URL, APIKey: "cc_conformance", Today: today,
				Prefix: "t" + today.Format("20060102"), Client: srv.Client()}
			rep, err := r.Run(context.Background(), cases)
			if err != nil {
				t.Fatal(err)
			}
			rep.Expect(known)
			for _, res := range rep.Results {
				t.Run(res.Case, func(t *testing.T) {
					switch res.Outcome {
					case conformance.Skip:
						t.Skip(res.Reason)
					case conformance.KnownFailure:
						t.Logf("known failure (%s): %s", strings.Join(res.Rules, ", "), res.Reason)
					case conformance.UnexpectedPass:
						t.Errorf("%s: %s", res.Case, res.Reason)
					case conformance.Fail:
						var b strings.Builder
						for _, d := range res.Differences {
							b.WriteString("\n  at " + d.Path + "\n  expected: " + d.Expected + "\n  received: " + d.Received)
						}
						t.Errorf("%s (rules %s), step %d: %s%s", res.Case, strings.Join(res.Rules, ", "), res.Step, res.Reason, b.String())
					}
				})
			}
		})
	}
}

// ruleRE finds the rules of docs/rules.md, as the book's introduction
// documents.
var ruleRE = regexp.MustCompile("(?m)^- \\*\\*`([a-z][a-z0-9-]*\\.[a-z0-9-]+)`\\*\\*( `\\[not-conformance-testable\\]`)?:")

// readRules returns the testable and the untestable rule ids of the book.
func readRules(t *testing.T) (testable, untestable []string) {
	t.Helper()
	data, err := os.ReadFile("../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ruleRE.FindAllStringSubmatch(string(data), -1) {
		if m[2] != "" {
			untestable = append(untestable, m[1])
		} else {
			testable = append(testable, m[1])
		}
	}
	if len(testable) == 0 {
		t.Fatal("no rules found in docs/rules.md")
	}
	return testable, untestable
}

// TestCoverage fails when a rule of the book that is not marked
// not-conformance-testable has no case, or when a case names a rule the book
// does not have (or one it marks untestable).
func TestCoverage(t *testing.T) {
	testable, untestable := readRules(t)
	cases, err := conformance.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]int{}
	for _, c := range cases {
		for _, r := range c.Rules {
			covered[r]++
			switch {
			case slices.Contains(untestable, r):
				t.Errorf("case %s checks %s, which the book marks not conformance-testable", c.ID, r)
			case !slices.Contains(testable, r):
				t.Errorf("case %s checks %s, which is not a rule of docs/rules.md", c.ID, r)
			}
		}
	}
	var missing []string
	for _, r := range testable {
		if covered[r] == 0 {
			missing = append(missing, r)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d testable rules have no case:\n  %s", len(missing), len(testable), strings.Join(missing, "\n  "))
	}
	t.Logf("rules: %d in the book, %d testable, %d covered; %d cases", len(testable)+len(untestable),
		len(testable), len(testable)-len(missing), len(cases))
}

// TestCodesInBook fails when a case expects an error or warning code that
// the rule book does not name: a client may rely on every code a case
// checks, so the book must state it.
func TestCodesInBook(t *testing.T) {
	data, err := os.ReadFile("../docs/rules.md")
	if err != nil {
		t.Fatal(err)
	}
	book := string(data)
	cases, err := conformance.LoadEmbedded()
	if err != nil {
		t.Fatal(err)
	}
	var walk func(c string, v any)
	walk = func(c string, v any) {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				walk(c, x)
			}
		case map[string]any:
			if code, ok := v["code"].(string); ok && !strings.Contains(book, "`"+code+"`") {
				t.Errorf("case %s expects code %q, which docs/rules.md does not name", c, code)
			}
			for _, x := range v {
				walk(c, x)
			}
		}
	}
	for _, c := range cases {
		for _, s := range c.Steps {
			if s.Response.Body == nil {
				continue
			}
			var v any
			if err := json.Unmarshal(s.Response.Body, &v); err != nil {
				t.Fatal(err)
			}
			walk(c.ID, v)
		}
	}
}
