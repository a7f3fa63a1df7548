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
	"github.com/carecycle/carerules/api/createpolicy"
)

// runPolicy is carerules policy: POST /v2/customers/{id}/policies run on a
// body file against a book, printing the body the API would answer (the
// created policy, or the error body). The book is not written.
func runPolicy(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("policy", flag.ContinueOnError)
	existing := fs.String("existing", "", "JSON `file` of the book (default: the embedded sample book)")
	customer := fs.String("customer", "", "the customer `ID` of the path (required)")
	keep := fs.Bool("keep-unresolved-carrier", false, "keep a policy whose carrierName cannot be resolved, with a warning")
	pos, ok := parseArgs(fs, args, 1, stderr)
	if !ok {
		return exitUsage
	}
	if *customer == "" {
		fmt.Fprintf(stderr, "carerules policy: --customer is required\n%s", usage)
		return exitUsage
	}
	book, err := loadBook(*existing)
	if err != nil {
		fmt.Fprintf(stderr, "carerules policy: %v\n", err)
		return exitUsage
	}
	body, err := os.ReadFile(pos[0])
	if err != nil {
		fmt.Fprintf(stderr, "carerules policy: %v\n", err)
		return exitUsage
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	bs := createpolicy.BookStore{Book: book}
	resp, err := createpolicy.Create(context.Background(), bs, bs, *customer, body, createpolicy.Options{KeepUnresolvedCarrier: *keep})
	var ve *api.ValidationError
	switch {
	case err == nil:
		writeJSON(w, resp)
		return exitValid
	case errors.As(err, &ve):
		writeJSON(w, ve)
	case errors.Is(err, createpolicy.ErrSyntax):
		writeJSON(w, api.NewErrorBody(api.CodeInvalidJSON))
	case errors.Is(err, createpolicy.ErrCustomerNotFound):
		writeJSON(w, api.ErrorBody{Message: "Customer not found", Code: api.CodeNotFound})
	default:
		fmt.Fprintf(stderr, "carerules policy: %v\n", err)
		return exitUsage
	}
	return exitRejected
}
