package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestConformanceUsage pins the usage errors of the conformance subcommand.
func TestConformanceUsage(t *testing.T) {
	for _, args := range [][]string{
		{"conformance"},
		{"conformance", "--url", "http://127.0.0.1:1"},
		{"conformance", "--url", "http://127.0.0.1:1", "--api-key", "cc_x", "--only", "nosuch"},
		{"conformance", "--url", "http://127.0.0.1:1", "--api-key", "cc_x", "--today", "12/01/2026"},
		{"conformance", "--url", "http://127.0.0.1:1", "--api-key", "cc_x", "--prefix", "Bad Prefix"},
	} {
		var out, errOut bytes.Buffer
		if got := run(args, &out, &errOut); got != exitUsage {
			t.Errorf("%q: exit %d, want %d (stderr %s)", args, got, exitUsage, errOut.String())
		}
	}
}

// TestConformanceReportsFailures runs one area against a service that
// answers every request with 500: each case fails with the rule it checks,
// the summary counts them, and the exit status is 1.
func TestConformanceReportsFailures(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"message":"Internal error","code":"INTERNAL_ERROR"}`))
	}))
	defer srv.Close()

	var out, errOut bytes.Buffer
	got := run([]string{"conformance", "--url", srv.URL, "--api-key", "cc_x", "--only", "phone", "--prefix", "clitest"}, &out, &errOut)
	if got != exitRejected {
		t.Fatalf("exit %d, want %d; stderr %s", got, exitRejected, errOut.String())
	}
	text := out.String()
	for _, want := range []string{"FAIL phone-e164-accepted (phone.documented-forms, phone.e164), step 1", "expected: 200", "received: 500",
		"0 passed,", "prefix clitest"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "PASS") {
		t.Errorf("a case passed against a failing service:\n%s", text)
	}

	out.Reset()
	got = run([]string{"conformance", "--json", "--url", srv.URL, "--api-key", "cc_x", "--only", "dob"}, &out, &errOut)
	var rep struct {
		Passed, Failed int
		Results        []struct{ Case, Outcome string }
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("--json output is not JSON: %v\n%s", err, out.String())
	}
	if got != exitRejected || rep.Passed != 0 || rep.Failed == 0 || rep.Failed != len(rep.Results) {
		t.Errorf("exit %d, report %+v", got, rep)
	}
}
