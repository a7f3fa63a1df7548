package conformance

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"
)

// FuzzExpand: expanding never panics; text without a template comes back
// unchanged; the output of a template-free string is the string; a
// successful expansion without {{byte}} or {{repeat}} is valid UTF-8 when
// the input is, and bounded.
func FuzzExpand(f *testing.F) {
	for _, s := range []string{"plain", "{{prefix}}", "{{id:e1}}", "{{phone:1:paren}}", "{{date:today-1y-1d:mdy}}",
		"{{dob:1:iso}}", "{{name:a:upper}}", "{{repeat:3:ab}}", "{{byte:ff}}", "{{ref:c}}", "{{", "}}{{", "{{date:feb29-prev}}"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, raw bool) {
		e := &env{run: newRun("fz", time.Date(2029, 3, 1, 0, 0, 0, 0, time.UTC)), caseID: "fuzz-case", refs: map[string]any{"c": "cust-1"}}
		out, err := e.expand(s, raw)
		if !strings.Contains(s, "{{") && (err != nil || out != s) {
			t.Fatalf("template-free %q became %q, %v", s, out, err)
		}
		if err != nil {
			return
		}
		if len(out) > maxExpansion*(1+strings.Count(s, "{{")) {
			t.Fatalf("%q expanded to %d bytes", s, len(out))
		}
		if !raw && utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("valid %q expanded to invalid UTF-8 %q", s, out)
		}
	})
}

// FuzzMatchReflexive: a JSON value without operators matches itself, and
// matching never panics on any pattern and value.
func FuzzMatchReflexive(f *testing.F) {
	for _, s := range []string{`{"a": [1, 2.5, "x", null, true]}`, `[]`, `{"$ref": "c"}`, `{"a": {"$unordered": [1, {"$ref": "x"}]}}`, `"s"`, `1e3`} {
		f.Add(s, `{"a": [1]}`)
	}
	f.Fuzz(func(t *testing.T, ps, vs string) {
		p, err := decodeValue([]byte(ps))
		if err != nil {
			return
		}
		if !strings.Contains(ps, `"$`) {
			if _, d := match(p, p, "body", nil); d != nil {
				t.Fatalf("%s does not match itself: %+v", ps, d)
			}
		}
		if v, err := decodeValue([]byte(vs)); err == nil && checkPattern(p, "body") == nil {
			_, _ = match(p, v, "body", map[string]any{"c": "cust-1"})
		}
	})
}

// FuzzLoad: any file content is loaded or rejected with an error, never a
// panic; a loaded case always has an id, a rule and a step.
func FuzzLoad(f *testing.F) {
	f.Add(`{"area": "a", "description": "d", "cases": [{"id": "x-1", "rules": ["a.b"], "description": "d",
		"steps": [{"request": {"method": "POST", "path": "/v2/sync/aca", "body": {"records": []}}, "response": {"status": [200, 201], "body": {"$some": [1]}}}]}]}`)
	f.Add(`{"area": "a"}`)
	f.Fuzz(func(t *testing.T, file string) {
		cases, err := Load(fstest.MapFS{"a.json": {Data: []byte(file)}})
		if err != nil {
			return
		}
		for _, c := range cases {
			if c.ID == "" || len(c.Rules) == 0 || len(c.Steps) == 0 || c.Area != "a" {
				t.Fatalf("loaded an incomplete case: %+v", c)
			}
		}
	})
}
