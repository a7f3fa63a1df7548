package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/carecycle/carerules/conformance"
)

// usageConformance is the conformance line of the usage text.
const usageConformance = "  carerules conformance --url URL --api-key KEY [--only AREA[,AREA...]] [--json] [--prefix P] [--today YYYY-MM-DD] [--known-failures FILE] [--timeout D]\n"

// runConformance runs the conformance suite (package conformance) against
// an HTTP implementation of the API's two endpoints and prints, per case,
// pass or the difference with the rule it checks, then a summary. Exit
// status 0 when every case passed or was skipped, 1 when one failed, 2 for
// a usage error or when the service could not be reached.
func runConformance(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("conformance", flag.ContinueOnError)
	url := fs.String("url", "", "base `URL` of the service, such as http://127.0.0.1:8080 (required)")
	key := fs.String("api-key", "", "x-api-key to send (required; the API's keys start with cc_)")
	only := fs.String("only", "", "comma-separated `areas` to run (default: all): "+strings.Join(areas(), ", "))
	asJSON := fs.Bool("json", false, "print the report as JSON")
	prefix := fs.String("prefix", "", "prefix of every identifier and name the run creates (default: random)")
	today := fs.String("today", "", "the service's today, `YYYY-MM-DD` (default: today in UTC)")
	timeout := fs.Duration("timeout", 60*time.Second, "timeout of each request")
	knownFile := fs.String("known-failures", "", "`file` of cases the service is known to fail (case id and reason per line): reported, not counted, unless one passes")
	if _, ok := parseArgs(fs, args, 0, stderr); !ok {
		return exitUsage
	}
	if *url == "" || *key == "" {
		fmt.Fprintf(stderr, "carerules conformance: --url and --api-key are required\n%s", usage)
		return exitUsage
	}
	cases, err := conformance.LoadEmbedded()
	if err != nil {
		fmt.Fprintf(stderr, "carerules conformance: %v\n", err)
		return exitUsage
	}
	if *only != "" {
		if cases, err = conformance.Select(cases, strings.Split(*only, ",")...); err != nil {
			fmt.Fprintf(stderr, "carerules conformance: %v\n", err)
			return exitUsage
		}
	}
	r := &conformance.Runner{BaseURL: *url, APIKey: *key, Prefix: *prefix, Client: &http.Client{Timeout: *timeout}}
	if *today != "" {
		d, err := time.Parse(time.DateOnly, *today)
		if err != nil {
			fmt.Fprintf(stderr, "carerules conformance: --today %q is not YYYY-MM-DD\n", *today)
			return exitUsage
		}
		r.Today = d
	}
	var known map[string]string
	if *knownFile != "" {
		f, err := os.Open(*knownFile)
		if err != nil {
			fmt.Fprintf(stderr, "carerules conformance: %v\n", err)
			return exitUsage
		}
		known, err = conformance.ReadKnownFailures(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "carerules conformance: %s: %v\n", *knownFile, err)
			return exitUsage
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rep, err := r.Run(ctx, cases)
	if err != nil {
		fmt.Fprintf(stderr, "carerules conformance: %v\n", err)
		return exitUsage
	}
	rep.Expect(known)
	if *asJSON {
		writeJSON(stdout, rep)
	} else if err := rep.WriteText(stdout); err != nil {
		fmt.Fprintf(stderr, "carerules conformance: %v\n", err)
		return exitUsage
	}
	if rep.OK() != nil {
		return exitRejected
	}
	return exitValid
}

// areas lists the areas of the embedded cases, in file order.
func areas() []string {
	cases, err := conformance.LoadEmbedded()
	if err != nil {
		return nil
	}
	var out []string
	for _, c := range cases {
		if len(out) == 0 || out[len(out)-1] != c.Area {
			out = append(out, c.Area)
		}
	}
	return out
}
