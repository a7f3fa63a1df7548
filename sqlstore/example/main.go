// Command example serves POST /v2/sync/aca over a PostgreSQL database (or
// a SQLite file), with the sync endpoint of carerules and the store of
// package sqlstore.
//
//	go run ./example -db 'postgres://user@localhost:5432/crm?sslmode=disable'
//	go run ./example -db sqlite:crm.db
//
//	curl -s localhost:8080/v2/sync/aca -H 'x-api-key: cc_test' -d @batch.json
//
// It migrates the schema at start and mounts the library's own handler
// (package apihttp: the x-api-key check, the bounded body, the API's error
// bodies, access logs without personal data) over the store: every request
// runs in one unit of work of the database.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net/http"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/carecycle/carerules/api/apihttp"
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
	mux.Handle(apihttp.PatternSync, apihttp.SyncHandler(store, apihttp.Options{}))
	srv := &http.Server{Addr: *addr, Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute}
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
