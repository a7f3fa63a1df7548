package apihttp

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/carecycle/carerules/api/createpolicy"
)

type benchStore struct{}

func (benchStore) FindCustomer(ctx context.Context, id string) (createpolicy.Customer, error) {
	return createpolicy.Customer{ID: id, State: "TX"}, nil
}
func (benchStore) CreatePolicy(ctx context.Context, p createpolicy.Policy) (createpolicy.Policy, error) {
	p.ID = "pol-1"
	return p, nil
}

var benchPolicy = []byte(`{"policyType":"mapd","carrierName":"Aetna","planName":"Medicare Elite","planCode":"H1290036001","aorFirstName":"John","aorLastName":"Doe","aorNpn":"123456789","policyLives":3}`)

func benchServe(b *testing.B, h http.Handler) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchPolicy)))
	for b.Loop() {
		r := httptest.NewRequest(http.MethodPost, "/v2/customers/c-1/policies", bytes.NewReader(benchPolicy))
		r.Header.Set("x-api-key", "cc_bench")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusCreated {
			b.Fatal(w.Code, w.Body.String())
		}
	}
}

// BenchmarkCreatePolicyHandler is the handler in process (no network): key
// check, body limit, decode, rules, response, access line (to a discarding
// logger).
func BenchmarkCreatePolicyHandler(b *testing.B) {
	opt := Options{Logger: slog.New(slog.NewJSONHandler(io.Discard, nil))}
	benchServe(b, CreatePolicyHandler(benchStore{}, benchStore{}, opt))
}

// BenchmarkBareHandler is the floor beside it: a handler that reads the
// body and answers 201 with it, checking nothing.
func BenchmarkBareHandler(b *testing.B) {
	benchServe(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		w.Write(body)
	}))
}
