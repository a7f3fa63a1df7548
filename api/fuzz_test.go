package api

import (
	"strings"
	"testing"
)

// FuzzIssueFrom checks IssueFrom's properties on any field path and prefix:
// the issue's path is the prefix followed by the field's dot-separated
// segments, the error's code, expected and received pass through unchanged,
// and the prefix is never modified.
func FuzzIssueFrom(f *testing.F) {
	f.Add("records.0", "phoneNumber", "phone_length")
	f.Add("", "records.3.externalId", "ambiguous_customer")
	f.Add("records.1.policies.0", "", "status_unknown")
	f.Add(".", "..", "")
	f.Fuzz(func(t *testing.T, prefix, field, code string) {
		var pre []string
		if prefix != "" {
			pre = strings.Split(prefix, ".")
		}
		before := strings.Join(pre, ".")
		is := IssueFrom(pre, &fieldErr{field: field, code: code, exp: "e", rec: "r"})
		want := append([]string{}, pre...)
		if field != "" {
			want = append(want, strings.Split(field, ".")...)
		}
		if strings.Join(is.Path, "\x00") != strings.Join(want, "\x00") || len(is.Path) != len(want) {
			t.Fatalf("path %q, want %q", is.Path, want)
		}
		if is.Path == nil {
			t.Fatal("nil path: the body would hold null")
		}
		if is.Code != code || is.Expected != "e" || is.Received != "r" {
			t.Fatalf("fields changed: %+v", is)
		}
		if strings.Join(pre, ".") != before {
			t.Fatal("prefix modified")
		}
	})
}
