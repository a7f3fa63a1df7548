// Command example serves POST /v2/sync/aca over a PostgreSQL database (or
// a SQLite file), with the sync endpoint of carerules and the store of
// package sqlstore.
//
//	go run ./example -db 'postgres://user@localhost:5432/crm?sslmode=disable'
//	go run ./example -db sqlite:crm.db
//
//	curl -s localhost:8080/v2/sync/aca -H 'x-api-key: cc_test' -d @batch.json
//
// It migrates the schema at start. Its handler is a minimal one: it checks
// the x-api-key shape, bounds the body, and maps errors to the API's bodies
// (the library's own HTTP handlers, with authentication and rate-limit
// hooks, do more).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log"
	"net/http"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/sqlstore"
)

func main() {
	dsn := flag.String("db", "sqlite:carerules.db", "postgres://... URL, or sqlite:PATH")
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	var store *sqlstore.Store
	var err error
	if path, ok := strings.CutPrefix(*dsn, "sqlite:"); ok {
		store, err = sqlstore.OpenSQLite(ctx, path, sqlstore.Options{Migrate: true})
	} else {
		store, err = sqlstore.OpenPostgres(ctx, *dsn, sqlstore.Options{Migrate: true})
	}
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()

	mux := http.NewServeMux()
	mux.Handle("POST /v2/sync/aca", syncHandler(store))
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
	}()
	log.Printf("serving POST /v2/sync/aca on %s", *addr)
	if err := srv.ListenAndServe(); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
}

// syncHandler runs each request in one unit of work of store.
func syncHandler(store syncaca.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("x-api-key"), "cc_") {
			reply(w, http.StatusUnauthorized, api.NewErrorBody(api.CodeUnauthorized))
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, syncaca.MaxBodySize))
		if err != nil {
			reply(w, http.StatusRequestEntityTooLarge, api.NewErrorBody(api.CodePayloadTooLarge))
			return
		}
		t := time.Now().UTC()
		opt := syncaca.Options{Today: dob.MustNew(t.Year(), t.Month(), t.Day())}
		v, err := syncaca.Check(body, opt)
		if err == nil {
			var resp *syncaca.Response
			if resp, err = syncaca.SyncValidated(r.Context(), store, v, opt); err == nil {
				reply(w, http.StatusOK, resp)
				return
			}
		}
		var ve *api.ValidationError
		if errors.As(err, &ve) {
			reply(w, ve.Status(), ve)
		} else if b, ok := syncaca.BodyFor(err); ok {
			reply(w, b.Status(), b)
		} else {
			log.Printf("sync failed: %v", err) // store errors carry no personal data
			reply(w, http.StatusInternalServerError, api.NewErrorBody(api.CodeInternal))
		}
	})
}

func reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}
