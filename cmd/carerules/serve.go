package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/carecycle/carerules/api/apihttp"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
)

// sampleBook is the book serve and policy use without --existing: the
// fictional customers of the repository's sync sample (testdata/sync/
// existing.json, written for this project; no real person's data).
// TestSampleBookIsTheSyncSample keeps the two files equal.
//
//go:embed sample_book.json
var sampleBook []byte

// Timeouts of the reference server: a slow or stalled client is cut by the
// server (the handlers never read more than the body limit).
const (
	serveReadHeaderTimeout = 5 * time.Second
	serveReadTimeout       = 30 * time.Second
	serveWriteTimeout      = 60 * time.Second
	serveIdleTimeout       = 120 * time.Second
	serveShutdownTimeout   = 10 * time.Second
	serveDefaultAddr       = "127.0.0.1:8080"
)

// loadBook reads the book of --existing, or the embedded sample when path
// is "".
func loadBook(path string) (*syncaca.Book, error) {
	if path == "" {
		return syncaca.ReadBook(bytes.NewReader(sampleBook))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := syncaca.ReadBook(bufio.NewReaderSize(f, 1<<16))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// writeBook writes the book to path atomically: a temporary file in the
// same directory, then a rename, so that a crash never leaves half a book.
func writeBook(path string, b *syncaca.Book) error {
	data, err := json.Marshal(b)
	if err != nil {
		return err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, data, "", "  "); err != nil {
		return err
	}
	out.WriteByte('\n')
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(out.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// runServe is carerules serve: it runs until SIGINT or SIGTERM.
func runServe(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, args, stdout, stderr)
}

// serveUntil runs the reference API until ctx ends, then shuts down
// gracefully: the listener closes, requests in flight finish (at most
// serveShutdownTimeout), and with --write-back the book is written to
// --existing. It prints "carerules serve: listening on http://ADDR" on
// stderr once the port is open; access lines go to stderr as JSON.
func serveUntil(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	existing := fs.String("existing", "", "JSON `file` of the book (default: the embedded sample book)")
	addr := fs.String("addr", serveDefaultAddr, "`HOST:PORT` to listen on")
	today := fs.String("today", "", "civil date `YYYY-MM-DD` of the one-year rule and the DOB check (default: today in UTC, per request)")
	writeBack := fs.Bool("write-back", false, "write the book back to --existing on shutdown")
	if _, ok := parseArgs(fs, args, 0, stderr); !ok {
		return exitUsage
	}
	if *writeBack && *existing == "" {
		fmt.Fprintf(stderr, "carerules serve: --write-back needs --existing\n%s", usage)
		return exitUsage
	}
	opt := apihttp.Options{Logger: slog.New(slog.NewJSONHandler(stderr, nil))}
	if *today != "" {
		day, ok := parseToday(*today, stderr)
		if !ok {
			return exitUsage
		}
		opt.Today = func() dob.Date { return day }
	}
	book, err := loadBook(*existing)
	if err != nil {
		fmt.Fprintf(stderr, "carerules serve: %v\n", err)
		return exitUsage
	}
	mux := http.NewServeMux()
	apihttp.Mount(mux, book, opt)
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: serveReadHeaderTimeout,
		ReadTimeout:       serveReadTimeout,
		WriteTimeout:      serveWriteTimeout,
		IdleTimeout:       serveIdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(slog.NewJSONHandler(stderr, nil).WithGroup("http"), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "carerules serve: %v\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "carerules serve: listening on http://%s\n", ln.Addr())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	status := exitValid
	select {
	case err := <-served:
		fmt.Fprintf(stderr, "carerules serve: %v\n", err)
		status = exitUsage
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), serveShutdownTimeout)
		err := srv.Shutdown(sctx)
		cancel()
		if err != nil {
			fmt.Fprintf(stderr, "carerules serve: shutdown: %v\n", err)
			srv.Close()
			status = exitUsage
		}
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stderr, "carerules serve: %v\n", err)
		}
	}
	if *writeBack {
		if err := writeBook(*existing, book); err != nil {
			fmt.Fprintf(stderr, "carerules serve: writing the book back: %v\n", err)
			return exitUsage
		}
		c, p := book.Len()
		fmt.Fprintf(stderr, "carerules serve: wrote %d customers and %d policies to %s\n", c, p, *existing)
	}
	fmt.Fprintln(stderr, "carerules serve: stopped")
	return status
}
