package apihttp_test

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/carecycle/carerules/api/apihttp"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
)

func ExampleMount() {
	book, _ := syncaca.ReadBook(strings.NewReader(`{"customers":[{"id":"c-1","firstName":"Ana","lastName":"Reyes","phoneNumber":"+13055550101","state":"TX"}]}`))
	mux := http.NewServeMux()
	apihttp.Mount(mux, book, apihttp.Options{
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Today:  func() dob.Date { return dob.MustParseISO("2026-11-21") },
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	post := func(path, key, body string) {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+path, strings.NewReader(body))
		req.Header.Set("x-api-key", key)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			fmt.Println(err)
			return
		}
		defer resp.Body.Close()
		var m map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&m)
		fmt.Println(resp.StatusCode, m["code"], m["policyType"], m["carrierId"], m["planCode"])
	}
	post("/v2/customers/c-1/policies", "cc_demo", `{"policyType":"ma","carrierName":"BCBS","planCode":"H1234001000"}`)
	post("/v2/customers/c-9/policies", "cc_demo", `{"policyType":"ma"}`)
	post("/v2/customers/c-1/policies", "cc_demo", `{"policyType":"ma","planCode":"S1234001000"}`)
	post("/v2/customers/c-1/policies", "demo", `{}`)
	// Output:
	// 201 <nil> MA bcbs-texas H1234-001-000
	// 404 NOT_FOUND <nil> <nil> <nil>
	// 422 VALIDATION_ERROR <nil> <nil> <nil>
	// 401 UNAUTHORIZED <nil> <nil> <nil>
}
