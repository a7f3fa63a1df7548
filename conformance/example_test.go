package conformance_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/carecycle/carerules/api/apihttp"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/conformance"
)

// Run the phone cases against the library's own handlers, as carerules
// conformance runs them against any URL.
func ExampleRunner() {
	book, _ := syncaca.NewBook(nil)
	mux := http.NewServeMux()
	apihttp.Mount(mux, book, apihttp.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	cases, _ := conformance.LoadEmbedded()
	phones, _ := conformance.Select(cases, "phone")
	r := &conformance.Runner{BaseURL: srv.URL, APIKey: "cc_example", Prefix: "example",
		Today: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	rep, err := r.Run(context.Background(), phones)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rep.Passed, "passed,", rep.Failed, "failed;", rep.OK())
	fmt.Println(rep.Results[0].Case, rep.Results[0].Rules, rep.Results[0].Outcome)
	// Output:
	// 13 passed, 0 failed; <nil>
	// phone-e164-accepted [phone.documented-forms phone.e164] pass
}

// A known-failures list turns the listed failures into reports.
func ExampleReadKnownFailures() {
	known, err := conformance.ReadKnownFailures(strings.NewReader(`
# case id                reason
validation-length-utf16  lengths count code points
`))
	fmt.Println(known, err)
	// Output:
	// map[validation-length-utf16:lengths count code points] <nil>
}
