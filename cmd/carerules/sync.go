package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/matching"
)

// runSync is carerules sync: POST /v2/sync/aca run on a batch file (read
// through the same bounded reader as an HTTP body) against a book, printing
// the response or the error body.
func runSync(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	existing := fs.String("existing", "", "JSON `file` of existing customers and their policies (required)")
	today := fs.String("today", "", "civil date `YYYY-MM-DD` of the one-year rule and the DOB check (default: today in UTC)")
	cascade := fs.Bool("cascade", false, "use the cascade customer-matching strategy instead of the literal one")
	explain := fs.Bool("explain", false, "add each record's decision and its reasons (\"explain\")")
	keep := fs.Bool("keep-unresolved-carrier", false, "keep a policy whose carrierName cannot be resolved (stored as sent, no carrierId, a carrier_unresolved warning) instead of rejecting the request")
	pos, ok := parseArgs(fs, args, 1, stderr)
	if !ok {
		return exitUsage
	}
	if *existing == "" {
		fmt.Fprintf(stderr, "carerules sync: --existing is required\n%s", usage)
		return exitUsage
	}
	day, ok := parseToday(*today, stderr)
	if !ok {
		return exitUsage
	}
	opt := syncaca.Options{Today: day, Explain: *explain, KeepUnresolvedCarrier: *keep}
	if *cascade {
		opt.Strategy = matching.StrategyCascade
	}

	bf, err := os.Open(*existing)
	if err != nil {
		fmt.Fprintf(stderr, "carerules sync: %v\n", err)
		return exitUsage
	}
	book, err := syncaca.ReadBook(bufio.NewReaderSize(bf, 1<<16))
	bf.Close()
	if err != nil {
		fmt.Fprintf(stderr, "carerules sync: %s: %v\n", *existing, err)
		return exitUsage
	}
	// The batch is read through the body's size limit, as a server reads a
	// request: never more than MaxBodySize+1 bytes, and a larger file is
	// PAYLOAD_TOO_LARGE, not a file the command failed to read.
	f, err := os.Open(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "carerules sync: %v\n", err)
		return exitUsage
	}
	body, err := syncaca.ReadBody(f)
	f.Close()
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	if err == nil {
		var resp *syncaca.Response
		if resp, err = sync(book, body, opt); err == nil {
			writeJSON(w, resp)
			return exitValid
		}
	}
	var ve *api.ValidationError
	switch {
	case errors.As(err, &ve):
		writeJSON(w, ve)
		return exitRejected
	case err != nil:
		if eb, ok := syncaca.BodyFor(err); ok {
			writeJSON(w, eb)
			return exitRejected
		}
		fmt.Fprintf(stderr, "carerules sync: %v\n", err)
		return exitUsage
	}
	return exitValid
}

func sync(book *syncaca.Book, body []byte, opt syncaca.Options) (*syncaca.Response, error) {
	v, err := syncaca.Check(body, opt)
	if err != nil {
		return nil, err
	}
	return book.SyncValidated(context.Background(), v, opt)
}
