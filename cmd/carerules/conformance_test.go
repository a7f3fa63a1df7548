package main

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/carecycle/carerules/api/apihttp"
	"github.com/carecycle/carerules/api/syncaca"
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

// TestConformanceAgainstTheLibrary runs two areas against the library's
// own handlers (the handler carerules serve runs) with the reference's
// known-failures list (empty today): exit 0, no case failed. A known-failures list that names a passing case
// makes the run fail.
func TestConformanceAgainstTheLibrary(t *testing.T) {
	book, err := syncaca.NewBook(nil)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	apihttp.Mount(mux, book, apihttp.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	var out, errOut bytes.Buffer
	args := []string{"conformance", "--url", srv.URL, "--api-key", "cc_x", "--only", "phone,termination,matching",
		"--known-failures", "../../conformance/known-failures.txt"}
	if got := run(args, &out, &errOut); got != exitValid {
		t.Fatalf("exit %d, want %d; stderr %s\n%s", got, exitValid, errOut.String(), out.String())
	}
	if !strings.Contains(out.String(), " 0 failed") || strings.Contains(out.String(), "\nFAIL") {
		t.Errorf("output:\n%s", out.String())
	}

	list := t.TempDir() + "/known.txt"
	if err := os.WriteFile(list, []byte("phone-e164-accepted  pretend\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if got := run([]string{"conformance", "--url", srv.URL, "--api-key", "cc_x", "--only", "phone", "--known-failures", list}, &out, &errOut); got != exitRejected {
		t.Errorf("exit %d, want %d\n%s", got, exitRejected, out.String())
	}
	if !strings.Contains(out.String(), "FAIL phone-e164-accepted (phone.documented-forms, phone.e164): listed as a known failure") {
		t.Errorf("output:\n%s", out.String())
	}
}
