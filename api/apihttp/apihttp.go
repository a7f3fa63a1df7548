package apihttp

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/api/createpolicy"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
)

// The routes of the two endpoints, as Go 1.22 ServeMux patterns.
const (
	PatternCreatePolicy = "POST /v2/customers/{id}/policies"
	PatternSync         = "POST /v2/sync/aca"
)

// Default body limits, in bytes. A create-policy body is one policy: a
// few KB at most, so 1 MiB leaves ample room. A sync body holds at most 100
// records of at most 10 policies and 50 custom fields each: a realistic
// full batch is a few hundred KB, and 4 MiB leaves about ten times that.
// Hosts that send larger batches raise Options.SyncMaxBody.
const (
	DefaultCreatePolicyMaxBody = 1 << 20
	DefaultSyncMaxBody         = 4 << 20
)

// KeyHeader is the header that carries the API key, and KeyPrefix the
// prefix every key has.
const (
	KeyHeader = "x-api-key"
	KeyPrefix = "cc_"
)

// Errors an Options.Authenticate hook returns (wrapped or not) to refuse a
// key.
var (
	// ErrUnauthorized: the key is not a key of the host (401 UNAUTHORIZED).
	ErrUnauthorized = errors.New("unknown API key")
	// ErrForbidden: the key may not make this request (403 FORBIDDEN).
	ErrForbidden = errors.New("API key not allowed")
)

// Options configure the handlers. Every hook is optional: nil means the
// documented default.
type Options struct {
	// Authenticate checks a key that has the API's shape (it starts with
	// "cc_"; a request without one was already answered 401). It returns
	// nil to accept the request, an error wrapping ErrForbidden to refuse it
	// (403), one wrapping ErrUnauthorized for a key the host does not know
	// (401); any other error is the host's failure (500). nil accepts every
	// key of the right shape.
	Authenticate func(r *http.Request, key string) error
	// RateLimit is the host's limiter, asked once per authenticated
	// request: allowed false answers 429 RATE_LIMITED with retryAfter (and a
	// Retry-After header) of retryAfter rounded up to whole seconds, at
	// least 1. nil never limits.
	RateLimit func(r *http.Request, key string) (retryAfter time.Duration, allowed bool)
	// CreatePolicyMaxBody and SyncMaxBody bound the request body, in bytes,
	// before it is read (413 PAYLOAD_TOO_LARGE beyond). 0 means
	// DefaultCreatePolicyMaxBody and DefaultSyncMaxBody.
	CreatePolicyMaxBody int64
	SyncMaxBody         int64
	// Logger receives one access line per request (level Info, message
	// "request"): method, route pattern, status, duration, response bytes
	// and request id, never a name, phone number, date of birth, body, path
	// value or API key. nil means slog.Default().
	Logger *slog.Logger
	// RequestID returns the id of a request, sent back in the X-Request-Id
	// header and logged. nil generates 16 random hex digits per request (a
	// client's own header is not trusted: it could carry anything into the
	// logs).
	RequestID func(r *http.Request) string
	// Today is the civil date of the sync's one-year rule and date-of-birth
	// check. nil means today's date in UTC, read per request.
	Today func() dob.Date
	// Sync configures the sync endpoint (strategy, carrier registry,
	// explanations); its Today is set from the Today hook per request.
	Sync syncaca.Options
	// CreatePolicy configures the create-policy endpoint.
	CreatePolicy createpolicy.Options
	// KeepUnresolvedCarrier chooses, per request, to keep a policy (created
	// or synced) whose carrierName cannot be resolved
	// (createpolicy.Options, syncaca.Options); nil never does.
	KeepUnresolvedCarrier func(r *http.Request) bool
}

// Mount registers both endpoints on mux, over one in-memory book.
func Mount(mux *http.ServeMux, book *syncaca.Book, opt Options) {
	bs := createpolicy.BookStore{Book: book}
	mux.Handle(PatternSync, SyncHandler(book, opt))
	mux.Handle(PatternCreatePolicy, CreatePolicyHandler(bs, bs, opt))
}

// endpoint is what differs between the two handlers.
type endpoint struct {
	pattern string
	maxBody int64
	serve   func(w *recorder, r *http.Request, body []byte)
}

type handler struct {
	opt Options
	ep  endpoint
	log *slog.Logger
}

// recorder counts what is written, for the access line.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	kind   string // the class of a 500's cause, for the log; never its text
}

func (w *recorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// statusClientGone is logged for a request whose client went away before
// the answer: nothing was written (nginx's 499).
const statusClientGone = 499

func (h *handler) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	start := time.Now()
	w := &recorder{ResponseWriter: rw}
	rid := h.requestID(r)
	w.Header().Set("X-Request-Id", rid)
	defer func() {
		p := recover()
		if p != nil && p != http.ErrAbortHandler {
			w.kind = "panic"
			if w.status == 0 {
				writeError(w, api.CodeInternal, "")
			}
		}
		status := w.status
		if status == 0 {
			status = statusClientGone
		}
		route := r.Pattern
		if route == "" {
			route = h.ep.pattern
		}
		attrs := []slog.Attr{slog.String("method", r.Method), slog.String("route", route), slog.Int("status", status),
			slog.Duration("duration", time.Since(start)), slog.Int64("bytes", w.bytes), slog.String("request_id", rid)}
		if w.kind != "" {
			attrs = append(attrs, slog.String("error_kind", w.kind))
		}
		h.log.LogAttrs(context.Background(), slog.LevelInfo, "request", attrs...)
		if w.status == 0 || p == http.ErrAbortHandler {
			// Nothing was answered: the request's context ended. Abort the
			// response, so that net/http does not send an empty 200 on a
			// connection that is still open.
			panic(http.ErrAbortHandler)
		}
	}()

	key := r.Header.Get(KeyHeader)
	if !strings.HasPrefix(key, KeyPrefix) {
		writeError(w, api.CodeUnauthorized, "")
		return
	}
	if h.opt.Authenticate != nil {
		if err := h.opt.Authenticate(r, key); err != nil {
			switch {
			case gone(r):
				return
			case errors.Is(err, ErrForbidden):
				writeError(w, api.CodeForbidden, "")
			case errors.Is(err, ErrUnauthorized):
				writeError(w, api.CodeUnauthorized, "")
			default:
				w.kind = "authenticate"
				writeError(w, api.CodeInternal, "")
			}
			return
		}
	}
	if h.opt.RateLimit != nil {
		if after, ok := h.opt.RateLimit(r, key); !ok {
			body := api.RateLimited(after)
			w.Header().Set("Retry-After", strconv.Itoa(body.RetryAfter))
			writeJSON(w, body.Status(), body)
			return
		}
	}
	body, err := readBody(w, r, h.ep.maxBody)
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		writeError(w, api.CodePayloadTooLarge, "")
		return
	case err != nil && !isTimeout(err) && gone(r):
		return
	case err != nil:
		// A body cut short (a client too slow for the server's read
		// timeout, a broken connection) is not JSON.
		writeError(w, api.CodeInvalidJSON, "")
		return
	}
	if r.Context().Err() != nil {
		return
	}
	h.ep.serve(w, r, body)
}

// readBody reads the body through http.MaxBytesReader, so that no more than
// max bytes are ever read, into a buffer sized from Content-Length when the
// client sent one within the limit.
func readBody(w http.ResponseWriter, r *http.Request, max int64) ([]byte, error) {
	if r.ContentLength > max {
		return nil, &http.MaxBytesError{Limit: max}
	}
	rd := http.MaxBytesReader(w, r.Body, max)
	var buf bytes.Buffer
	if r.ContentLength > 0 {
		buf.Grow(int(r.ContentLength) + 1)
	} else {
		buf.Grow(4096)
	}
	_, err := io.Copy(&buf, rd)
	return buf.Bytes(), err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// gone reports whether the request's context has ended (the client went
// away, or the server is shutting down): nothing is written then.
func gone(r *http.Request) bool { return r.Context().Err() != nil }

func (h *handler) requestID(r *http.Request) string {
	if h.opt.RequestID != nil {
		return h.opt.RequestID(r)
	}
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return hex.EncodeToString(b[:])
}

// writeError writes a {message, code} body; message "" is the code's
// default.
func writeError(w http.ResponseWriter, code api.ErrorCode, message string) {
	body := api.NewErrorBody(code)
	if message != "" {
		body.Message = message
	}
	writeJSON(w, body.Status(), body)
}

// writeJSON encodes v first, so that an encoding failure is a clean 500.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		if rec, ok := w.(*recorder); ok {
			rec.kind = "encode"
		}
		buf.Reset()
		_ = json.NewEncoder(&buf).Encode(api.NewErrorBody(api.CodeInternal))
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func newHandler(opt Options, ep endpoint) http.Handler {
	log := opt.Logger
	if log == nil {
		log = slog.Default()
	}
	return &handler{opt: opt, ep: ep, log: log}
}
