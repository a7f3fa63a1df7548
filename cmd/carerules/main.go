// Command carerules runs the carerules library's rules from the command line.
// It is glue only: every rule it applies is an exported function of a library
// package (api/syncaca, plancode, carrier, phone, dob, timezone).
//
// Usage:
//
//	carerules sync --existing FILE [--today YYYY-MM-DD] [--cascade] [--explain] [--keep-unresolved-carrier] BATCH.json
//	carerules policy [--existing FILE] --customer ID [--keep-unresolved-carrier] BODY.json
//	carerules serve [--existing FILE] [--addr HOST:PORT] [--today YYYY-MM-DD] [--write-back]
//	carerules plancode [--json] TYPE CODE
//	carerules carrier [--json] [--state XX] [--zip ZIP] NAME
//	carerules phone [--json] [--lenient] S
//	carerules dob [--json] [--today YYYY-MM-DD] S
//	carerules tz [--json] S|ZIP
//	carerules conformance --url URL --api-key KEY [--only AREA] [--json]
//
// Flags may come before or after the arguments. Exit status: 0 when the
// input is valid (for sync: the request was accepted, even if some records
// failed matching and are listed in "errors"), 1 when it is rejected (a
// VALIDATION_ERROR body, a body that is not JSON, a value a rule rejects),
// 2 for a usage error, a file that cannot be read, or output that cannot be
// written (carerules sync ... > /dev/full fails, it does not exit 0). The
// batch file is read through the API's body limit: a larger file is the
// API's PAYLOAD_TOO_LARGE body (status 1), and no more than the limit is
// read.
//
// # sync
//
// sync reads an ACA sync request body (the API's {"records": [...]}) and a
// book of existing customers, runs POST /v2/sync/aca against the book
// (syncaca.Book.Sync: validation, matching, the one-year rule on --today,
// which defaults to today's date in UTC) and prints the API's response as
// JSON: succeeded, failed, results (each succeeded record's customer with the
// policies the request changed, each with its action and previousStatus)
// and errors (records failed by matching: an ambiguous customer, or a policy
// of another customer, not ACA, or held by several policies), plus
// "warnings" (what was not written or will be created again, and why) and,
// with --explain, "explain" (each record's decision with its reasons, the
// failed records' policy decisions included). A request that fails
// validation prints the API's VALIDATION_ERROR body.
// --cascade selects the cascade customer-matching strategy instead of the
// API's literal one. Output is deterministic: the same files give the same
// bytes.
//
// The book (--existing) is JSON:
//
//	{
//	  "customers": [
//	    {
//	      "id": "c-001",
//	      "externalId": "crm-1001", "healthSherpaCustomerId": "...", "carrierAssignedCustomerId": "...",
//	      "firstName": "Ana", "lastName": "Reyes", "phoneNumber": "+13055550123",
//	      "dateOfBirth": "1980-02-29", "state": "FL", "postalCode": "33101", "timezone": "America/New_York",
//	      "policies": [
//	        {"id": "p-001", "policyType": "ACA", "status": "Active", "effectiveDate": "2025-01-01",
//	         "healthSherpaPolicyId": "...", "carrierAssignedPolicyId": "...", "carrierName": "...", "planCode": "..."}
//	      ]
//	    }
//	  ]
//	}
//
// Customer and policy ids are required and unique; identifiers are strings;
// dateOfBirth may be YYYY-MM-DD, MM-DD-YYYY or MM/DD/YYYY and phoneNumber any
// form phone.ParseLenient reads (they form the fallback key); effectiveDate
// any form termination.ParseEffectiveDate reads. The field names are those of
// the API's customer and policy records (syncaca.Customer, syncaca.Policy);
// unknown fields are an error, so that a misspelt identifier is not silently
// ignored.
//
// # policy
//
// policy runs POST /v2/customers/{id}/policies (api/createpolicy) on a body
// file for the customer --customer of the book (--existing, default the
// embedded sample book) and prints the body the API would answer: the
// created policy (exit 0), or the VALIDATION_ERROR, INVALID_JSON or
// NOT_FOUND body (exit 1). The book is not written.
// --keep-unresolved-carrier keeps a policy whose carrierName cannot be
// resolved, with a carrier_unresolved warning.
//
// # serve
//
// serve runs the reference API over HTTP (api/apihttp): POST /v2/sync/aca
// and POST /v2/customers/{id}/policies on --addr (default 127.0.0.1:8080),
// over the in-memory book read from --existing (default the embedded sample
// book, the fictional customers of the repository's sync sample). Any
// x-api-key that starts with "cc_" is accepted; there is no rate limit.
// --today fixes the date of the one-year rule and the DOB check, else it is
// today in UTC, read per request. It prints "carerules serve: listening on
// http://ADDR" on stderr, then one JSON access line per request. On SIGINT
// or SIGTERM it stops accepting connections, lets requests in flight finish
// (at most 10 s) and, with --write-back, writes the book back to --existing
// (atomically: a temporary file renamed over it).
//
// # Performance
//
// A 100-record batch against a book of 100,000 customers (each with one
// policy, about 28 MB of JSON), from reading the files to the printed
// response, is BenchmarkSyncLargeBook (go test -bench=SyncLargeBook
// ./cmd/carerules).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"
	_ "time/tzdata" // the program decides: zone data for hosts without zoneinfo

	"github.com/carecycle/carerules/dob"
)

// Exit statuses.
const (
	exitValid    = 0
	exitRejected = 1
	exitUsage    = 2
)

const usage = `usage:
  carerules sync --existing FILE [--today YYYY-MM-DD] [--cascade] [--explain] [--keep-unresolved-carrier] BATCH.json
  carerules policy [--existing FILE] --customer ID [--keep-unresolved-carrier] BODY.json
  carerules serve [--existing FILE] [--addr HOST:PORT] [--today YYYY-MM-DD] [--write-back]
  carerules plancode [--json] TYPE CODE
  carerules carrier [--json] [--state XX] [--zip ZIP] NAME
  carerules phone [--json] [--lenient] S
  carerules dob [--json] [--today YYYY-MM-DD] S
  carerules tz [--json] S|ZIP
` + usageConformance + `exit status: 0 valid, 1 rejected, 2 usage
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// now is the clock of the default --today; tests never reach it (they pass
// --today), and it is read only in main's run.
var now = time.Now

// run is the whole program: it parses args, writes to stdout and stderr and
// returns the exit status.
//
// Every write to stdout is checked: when the output cannot be written (a
// full disk, a closed pipe), run says so on stderr and returns exitUsage,
// whatever the command's verdict, so that a caller never takes a truncated
// answer for a complete one.
func run(args []string, stdout, stderr io.Writer) int {
	out := &checkedWriter{w: stdout}
	code := dispatch(args, out, stderr)
	if out.err != nil {
		fmt.Fprintf(stderr, "carerules: cannot write the output: %v\n", out.err)
		return exitUsage
	}
	return code
}

// checkedWriter remembers the first write error; later writes are dropped.
type checkedWriter struct {
	w   io.Writer
	err error
}

func (c *checkedWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	c.err = err
	return n, err
}

func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "sync":
		return runSync(rest, stdout, stderr)
	case "policy":
		return runPolicy(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "plancode":
		return runPlanCode(rest, stdout, stderr)
	case "carrier":
		return runCarrier(rest, stdout, stderr)
	case "phone":
		return runPhone(rest, stdout, stderr)
	case "dob":
		return runDOB(rest, stdout, stderr)
	case "tz":
		return runTZ(rest, stdout, stderr)
	case "conformance":
		return runConformance(rest, stdout, stderr)
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return exitValid
	}
	fmt.Fprintf(stderr, "carerules: unknown command %q\n%s", cmd, usage)
	return exitUsage
}

// parseArgs parses flags that may come before, between or after the
// positional arguments, and checks the number of positional arguments.
func parseArgs(fs *flag.FlagSet, args []string, want int, stderr io.Writer) ([]string, bool) {
	fs.SetOutput(stderr)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	if len(pos) != want {
		fmt.Fprintf(stderr, "carerules %s: want %d argument(s), got %d\n%s", fs.Name(), want, len(pos), usage)
		return nil, false
	}
	return pos, true
}

func parseToday(s string, stderr io.Writer) (dob.Date, bool) {
	if s == "" {
		return dob.FromTime(now().UTC()), true
	}
	d, err := dob.ParseISO(s)
	if err != nil {
		fmt.Fprintf(stderr, "carerules: --today must be YYYY-MM-DD\n")
		return dob.Date{}, false
	}
	return d, true
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
