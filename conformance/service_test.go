package conformance_test

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
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
		writeJSON(w, http.StatusNotFound, api.NewErrorBody(api.CodeNotFound))
		return
	}
	if k := r.Header.Get("x-api-key"); !strings.HasPrefix(k, "cc_") {
		writeJSON(w, http.StatusUnauthorized, api.NewErrorBody(api.CodeUnauthorized))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, syncaca.MaxBodySize))
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		writeJSON(w, http.StatusRequestEntityTooLarge, api.NewErrorBody(api.CodePayloadTooLarge))
		return
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, api.NewErrorBody(api.CodeInvalidJSON))
		return
	}
	opt := syncaca.Options{Today: s.today}
	resp, err := func() (*syncaca.Response, error) {
		v, err := syncaca.Check(body, opt)
		if err != nil {
			return nil, err
		}
		return s.book.SyncValidated(r.Context(), v, opt)
	}()
	var ve *api.ValidationError
	switch {
	case errors.As(err, &ve):
		writeJSON(w, http.StatusUnprocessableEntity, ve)
	case err != nil:
		if eb, ok := syncaca.BodyFor(err); ok {
			writeJSON(w, http.StatusBadRequest, eb)
			return
		}
		writeJSON(w, http.StatusInternalServerError, api.NewErrorBody(api.CodeInternal))
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
