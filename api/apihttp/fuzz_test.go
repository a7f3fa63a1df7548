package apihttp

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/carecycle/carerules/dob"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzHandlers sends any body with any key to both endpoints (in process)
// and checks: no panic; the status is one the API defines for the case; the
// body is JSON of the matching shape ({message, code} for errors,
// VALIDATION_ERROR with errors and failedRecords for 422, the policy with
// its id for 201, succeeded + failed for 200); nothing is written unless
// the status says so; a body over the limit is 413.
func FuzzHandlers(f *testing.F) {
	for _, s := range []string{`{"planName":"x"}`, `{"records":[{"firstName":"A","lastName":"B","phoneNumber":"3055550101","postalCode":"33101"}]}`,
		`{"policyLives":1.5}`, `[]`, `{`, ``, `{"records":[]}`, `{"carrierName":"BCBS"}`} {
		f.Add([]byte(s), "cc_key")
		f.Add([]byte(s), "")
	}
	f.Fuzz(func(t *testing.T, body []byte, key string) {
		book := readBook(t)
		_, p0 := book.Len()
		mux := http.NewServeMux()
		Mount(mux, book, Options{Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), CreatePolicyMaxBody: 4096, SyncMaxBody: 8192,
			Today: func() dob.Date { return dob.MustParseISO("2026-11-21") }})
		for _, path := range []string{"/v2/customers/c-001/policies", "/v2/sync/aca"} {
			r := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
			r.Header.Set("x-api-key", key)
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, r)
			var m map[string]any
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &m), "%d %s", w.Code, w.Body)
			_, p1 := book.Len()
			switch w.Code {
			case 401, 400, 413:
				assert.Len(t, m, 2)
				assert.Equal(t, p0, p1)
			case 422:
				assert.Equal(t, "VALIDATION_ERROR", m["code"])
				assert.NotEmpty(t, m["errors"])
				assert.Contains(t, m, "failedRecords")
				assert.Equal(t, p0, p1)
			case 201:
				require.Equal(t, "/v2/customers/c-001/policies", path)
				assert.NotEmpty(t, m["id"])
				p0 = p1
			case 200:
				require.Equal(t, "/v2/sync/aca", path)
				assert.Contains(t, m, "succeeded")
				p0 = p1
			default:
				t.Fatalf("status %d: %s", w.Code, w.Body)
			}
			if len(key) < 3 || key[:3] != "cc_" {
				assert.Equal(t, 401, w.Code)
			}
		}
	})
}
