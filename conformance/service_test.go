package conformance_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching/syncaca"
)

// syncService is a test-only http.Handler for POST /v2/sync/aca over an
// in-memory book, built from the library's Check and SyncValid, standing in
// until the library's own handlers exist. Its today is fixed by the test.
type syncService struct {
	book  *syncaca.Book
	today dob.Date
}

func newSyncService(today time.Time) *syncService {
	book, err := syncaca.NewBook(nil)
	if err != nil {
		panic(err)
	}
	return &syncService{book: book, today: dob.FromTime(today)}
}

func (s *syncService) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v2/sync/aca" {
		writeJSON(w, http.StatusNotFound, syncaca.ErrorBody{Message: "Not found", Code: "NOT_FOUND"})
		return
	}
	if k := r.Header.Get("x-api-key"); !strings.HasPrefix(k, "cc_") {
		writeJSON(w, http.StatusUnauthorized, syncaca.ErrorBody{Message: "Missing or invalid API key", Code: "UNAUTHORIZED"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, syncaca.MaxBodySize))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		writeJSON(w, http.StatusRequestEntityTooLarge, syncaca.ErrorBody{Message: "Request body too large", Code: "PAYLOAD_TOO_LARGE"})
		return
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, syncaca.ErrorBody{Message: "Invalid JSON", Code: "INVALID_JSON"})
		return
	}
	opt := syncaca.Options{Today: s.today}
	resp, err := func() (*syncaca.Response, error) {
		v, err := syncaca.Check(body, opt)
		if err != nil {
			return nil, err
		}
		return s.book.SyncValid(r.Context(), v, opt)
	}()
	var ve *syncaca.ValidationError
	switch {
	case errors.As(err, &ve):
		writeJSON(w, http.StatusUnprocessableEntity, ve)
	case err != nil:
		if eb, ok := syncaca.BodyFor(err); ok {
			writeJSON(w, http.StatusBadRequest, eb)
			return
		}
		writeJSON(w, http.StatusInternalServerError, syncaca.ErrorBody{Message: "Internal error", Code: "INTERNAL_ERROR"})
	default:
		writeJSON(w, http.StatusOK, resp)
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
