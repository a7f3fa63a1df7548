package conformance_test

import (
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/carecycle/carerules/api/apihttp"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
)

// newService is the library's own API, both endpoints over one empty
// in-memory book (apihttp.Mount), with its clock pinned to today.
func newService(today time.Time) http.Handler {
	book, err := syncaca.NewBook(nil)
	if err != nil {
		panic(err)
	}
	day := dob.FromTime(today)
	mux := http.NewServeMux()
	apihttp.Mount(mux, book, apihttp.Options{
		Today:  func() dob.Date { return day },
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	return mux
}
