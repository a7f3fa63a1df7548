package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carecycle/carerules/api/apihttp"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/sqlstore"
)

// The example's mux over a real listener and SQLite: a sync, the same
// sync again (matched, nothing created), a request without a key, a body
// that is not JSON.
func TestSyncHandler(t *testing.T) {
	store, err := sqlstore.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "x.db"), sqlstore.Options{Migrate: true})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	mux := http.NewServeMux()
	mux.Handle(apihttp.PatternSync, apihttp.SyncHandler(store, apihttp.Options{}))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	body := `{"records": [{"firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "postalCode": "33101",
	  "healthSherpaCustomerId": "hsc-1", "policies": [{"healthSherpaPolicyId": "hsp-1", "status": "Active"}]}]}`
	post := func(key, body string) (*http.Response, map[string]any) {
		req, _ := http.NewRequest("POST", srv.URL+"/v2/sync/aca", strings.NewReader(body))
		if key != "" {
			req.Header.Set("x-api-key", key)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		return resp, out
	}
	var ids []string
	for range 2 {
		resp, out := post("cc_test", body)
		if resp.StatusCode != 200 || out["succeeded"] != 1.0 {
			t.Fatalf("status %d, body %v", resp.StatusCode, out)
		}
		var r syncaca.Response
		b, _ := json.Marshal(out)
		json.Unmarshal(b, &r)
		ids = append(ids, r.Results[0].ID)
	}
	if ids[0] != ids[1] || ids[0] == "" {
		t.Errorf("the second sync matched %q, the first created %q", ids[1], ids[0])
	}
	if resp, out := post("", body); resp.StatusCode != 401 || out["code"] != "UNAUTHORIZED" {
		t.Errorf("no key: %d %v", resp.StatusCode, out)
	}
	if resp, out := post("cc_test", "{"); resp.StatusCode != 400 || out["code"] != "INVALID_JSON" {
		t.Errorf("not JSON: %d %v", resp.StatusCode, out)
	}
}
