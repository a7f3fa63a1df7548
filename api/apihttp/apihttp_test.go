package apihttp

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/api/createpolicy"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const syncData = "../../testdata/sync"

// syncLog is a concurrency-safe buffer for the access lines.
type syncLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *syncLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// lines returns the access lines logged so far, decoded.
func (l *syncLog) lines(t *testing.T) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, s := range strings.Split(strings.TrimSpace(l.String()), "\n") {
		if s == "" {
			continue
		}
		var m map[string]any
		require.NoError(t, json.Unmarshal([]byte(s), &m))
		out = append(out, m)
	}
	return out
}

type fixture struct {
	srv  *httptest.Server
	book *syncaca.Book
	log  *syncLog
}

func readBook(t testing.TB) *syncaca.Book {
	t.Helper()
	f, err := os.Open(syncData + "/existing.json")
	require.NoError(t, err)
	defer f.Close()
	b, err := syncaca.ReadBook(f)
	require.NoError(t, err)
	return b
}

// serve starts a real listener with both endpoints over the sample book;
// change adjusts the options and the server before it starts.
func serve(t *testing.T, change func(*Options, *http.Server)) *fixture {
	t.Helper()
	fx := &fixture{book: readBook(t), log: &syncLog{}}
	opt := Options{
		Logger: slog.New(slog.NewJSONHandler(fx.log, nil)),
		Today:  func() dob.Date { return dob.MustParseISO("2026-11-21") },
	}
	mux := http.NewServeMux()
	srv := httptest.NewUnstartedServer(mux)
	if change != nil {
		change(&opt, srv.Config)
	}
	Mount(mux, fx.book, opt)
	srv.Start()
	t.Cleanup(srv.Close)
	fx.srv = srv
	return fx
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

func (a answer) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(a.body, &m), "%s", a.body)
	return m
}

func (fx *fixture) post(t *testing.T, path, key string, body io.Reader) answer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, fx.srv.URL+path, body)
	require.NoError(t, err)
	if key != "" {
		req.Header.Set("x-api-key", key)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := fx.srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return answer{status: resp.StatusCode, header: resp.Header, body: b}
}

func (fx *fixture) policies() int {
	_, n := fx.book.Len()
	return n
}

const (
	key         = "cc_test_key"
	policiesOf1 = "/v2/customers/c-001/policies"
	syncPath    = "/v2/sync/aca"
)

func TestCreatePolicyCreated201(t *testing.T) {
	fx := serve(t, nil)
	before := fx.policies()
	a := fx.post(t, "/v2/customers/c-002/policies", key, strings.NewReader(`{"policyType":"mapd","carrierName":"BCBS","planCode":"H1234001000","policyLives":2,"policySubType":"HMO"}`))
	require.Equal(t, http.StatusCreated, a.status, "%s", a.body)
	assert.Equal(t, "application/json; charset=utf-8", a.header.Get("Content-Type"))
	assert.Len(t, a.header.Get("X-Request-Id"), 16)
	m := a.json(t)
	assert.Equal(t, "c-002", m["customerId"])
	assert.Equal(t, "MAPD", m["policyType"])
	assert.Equal(t, "bcbs-texas", m["carrierId"], "the stored customer's state (TX)")
	assert.Equal(t, "H1234-001-000", m["planCode"])
	assert.Equal(t, "Active", m["status"])
	assert.Equal(t, "HMO", m["policySubType"])
	assert.Equal(t, before+1, fx.policies())
	c, _ := fx.book.Customer("c-002")
	assert.Equal(t, m["id"], c.Policies[len(c.Policies)-1].ID)
}

func TestSyncOK200(t *testing.T) {
	fx := serve(t, nil)
	body, err := os.ReadFile(syncData + "/batch.json")
	require.NoError(t, err)
	a := fx.post(t, syncPath, key, bytes.NewReader(body))
	require.Equal(t, http.StatusOK, a.status, "%s", a.body)
	m := a.json(t)
	assert.EqualValues(t, 30, m["succeeded"].(float64)+m["failed"].(float64))
	// The same bytes as the library's own answer on a fresh book.
	v, err := syncaca.Check(body, syncaca.Options{Today: dob.MustParseISO("2026-11-21")})
	require.NoError(t, err)
	want, err := readBook(t).SyncValidated(context.Background(), v, syncaca.Options{Today: dob.MustParseISO("2026-11-21")})
	require.NoError(t, err)
	wb, err := json.Marshal(want)
	require.NoError(t, err)
	assert.JSONEq(t, string(wb), string(a.body))
}

// TestErrorStatusesAndBodies: every error status of the API, with its body,
// on both endpoints.
func TestErrorStatusesAndBodies(t *testing.T) {
	fx := serve(t, func(o *Options, _ *http.Server) {
		o.Authenticate = func(r *http.Request, key string) error {
			switch key {
			case "cc_forbidden":
				return ErrForbidden
			case "cc_unknown":
				return ErrUnauthorized
			case "cc_broken":
				return errors.New("auth db: connection refused to 10.0.0.7")
			}
			return nil
		}
		o.RateLimit = func(r *http.Request, key string) (time.Duration, bool) {
			return 1500 * time.Millisecond, key != "cc_limited"
		}
	})
	before := fx.policies()
	valid := `{"planName":"x"}`
	for _, path := range []string{policiesOf1, syncPath} {
		for _, c := range []struct {
			name, key, body string
			status          int
			code            api.ErrorCode
		}{
			{"no key", "", valid, 401, api.CodeUnauthorized},
			{"key without cc_", "sk_live_123", valid, 401, api.CodeUnauthorized},
			{"key of the wrong case", "CC_x", valid, 401, api.CodeUnauthorized},
			{"host does not know the key", "cc_unknown", valid, 401, api.CodeUnauthorized},
			{"host refuses the key", "cc_forbidden", valid, 403, api.CodeForbidden},
			{"host fails", "cc_broken", valid, 500, api.CodeInternal},
			{"rate limited", "cc_limited", valid, 429, api.CodeRateLimited},
			{"not JSON", key, `{"planName":`, 400, api.CodeInvalidJSON},
			{"not an object", key, `[{"planName":"x"}]`, 400, api.CodeInvalidJSON},
			{"empty body", key, ``, 400, api.CodeInvalidJSON},
			{"trailing data", key, `{} {}`, 400, api.CodeInvalidJSON},
			{"validation", key, `{"policyLives":1.5,"records":[]}`, 422, api.CodeValidation},
		} {
			a := fx.post(t, path, c.key, strings.NewReader(c.body))
			require.Equal(t, c.status, a.status, "%s %s: %s", path, c.name, a.body)
			m := a.json(t)
			assert.Equal(t, string(c.code), m["code"], c.name)
			assert.NotEmpty(t, m["message"], c.name)
			switch c.status {
			case 429:
				assert.EqualValues(t, 2, m["retryAfter"], "1.5 s rounds up")
				assert.Equal(t, "2", a.header.Get("Retry-After"))
				assert.Len(t, m, 3)
			case 422:
				assert.NotEmpty(t, m["errors"])
				assert.Contains(t, m, "failedRecords")
			case 500:
				assert.Equal(t, "Internal server error", m["message"])
				assert.NotContains(t, string(a.body), "10.0.0.7")
				assert.Len(t, m, 2)
			default:
				assert.Len(t, m, 2, "{message, code}")
			}
		}
	}
	a := fx.post(t, "/v2/customers/nobody/policies", key, strings.NewReader(valid))
	assert.Equal(t, 404, a.status)
	assert.Equal(t, map[string]any{"message": "Customer not found", "code": "NOT_FOUND"}, a.json(t))
	assert.Equal(t, before, fx.policies(), "no error wrote anything")
}

// failingStore is a store whose every write fails with internal detail.
type failingStore struct{}

func (failingStore) SyncValidated(ctx context.Context, v *syncaca.Validated, opt syncaca.Options) (*syncaca.Response, error) {
	return nil, errors.New("pq: duplicate key value violates unique constraint \"customers_phone\" (+13055550101)")
}

func (failingStore) CreatePolicy(ctx context.Context, p createpolicy.Policy) (createpolicy.Policy, error) {
	return createpolicy.Policy{}, errors.New("pq: could not serialize access; customer Ana Reyes")
}

func (failingStore) FindCustomer(ctx context.Context, id string) (createpolicy.Customer, error) {
	if id == "panic" {
		panic("store bug with Ana Reyes inside")
	}
	return createpolicy.Customer{ID: id}, nil
}

// TestInternalErrorCarriesNoDetail: a store failure and a panic are 500
// INTERNAL_ERROR without the error's text, in the body or the log.
func TestInternalErrorCarriesNoDetail(t *testing.T) {
	log := &syncLog{}
	opt := Options{Logger: slog.New(slog.NewJSONHandler(log, nil))}
	mux := http.NewServeMux()
	mux.Handle(PatternSync, SyncHandler(failingStore{}, opt))
	mux.Handle(PatternCreatePolicy, CreatePolicyHandler(failingStore{}, failingStore{}, opt))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	fx := &fixture{srv: srv, log: log}
	batch, err := os.ReadFile(syncData + "/batch.json")
	require.NoError(t, err)
	for _, c := range []struct{ path, body, kind string }{
		{syncPath, string(batch), "sync"},
		{policiesOf1, `{"planName":"x"}`, "create_policy"},
		{"/v2/customers/panic/policies", `{"planName":"x"}`, "panic"},
	} {
		a := fx.post(t, c.path, key, strings.NewReader(c.body))
		assert.Equal(t, 500, a.status)
		assert.Equal(t, map[string]any{"message": "Internal server error", "code": "INTERNAL_ERROR"}, a.json(t))
	}
	out := log.String()
	for _, secret := range []string{"pq:", "Ana", "Reyes", "+1305", "unique"} {
		assert.NotContains(t, out, secret)
	}
	lines := log.lines(t)
	require.Len(t, lines, 3)
	assert.Equal(t, "sync", lines[0]["error_kind"])
	assert.Equal(t, "create_policy", lines[1]["error_kind"])
	assert.Equal(t, "panic", lines[2]["error_kind"])
}

// TestOversizedBodyIs413: refused by Content-Length before reading, and by
// http.MaxBytesReader when the client sends no length.
func TestOversizedBodyIs413(t *testing.T) {
	fx := serve(t, func(o *Options, _ *http.Server) { o.CreatePolicyMaxBody = 1024; o.SyncMaxBody = 2048 })
	before := fx.policies()
	for path, limit := range map[string]int{policiesOf1: 1024, syncPath: 2048} {
		big := `{"planName":"` + strings.Repeat("a", limit) + `"}`
		a := fx.post(t, path, key, strings.NewReader(big)) // Content-Length set
		assert.Equal(t, 413, a.status, path)
		assert.Equal(t, map[string]any{"message": "Request body is too large", "code": "PAYLOAD_TOO_LARGE"}, a.json(t))
		// No Content-Length: a reader the client cannot size (chunked).
		a = fx.post(t, path, key, io.MultiReader(strings.NewReader(big)))
		assert.Equal(t, 413, a.status, path)
		// Just within the limit is read.
		ok := `{"planName":"` + strings.Repeat("a", 10) + `"}`
		a = fx.post(t, path, key, strings.NewReader(ok+strings.Repeat(" ", limit-len(ok))))
		assert.NotEqual(t, 413, a.status, path)
	}
	assert.Equal(t, before+1, fx.policies(), "only the create within the limit wrote")
}

// TestDefaultBodyLimits: the documented defaults apply when the options
// leave them zero.
func TestDefaultBodyLimits(t *testing.T) {
	fx := serve(t, nil)
	a := fx.post(t, policiesOf1, key, strings.NewReader(`{"x":"`+strings.Repeat("a", DefaultCreatePolicyMaxBody)+`"}`))
	assert.Equal(t, 413, a.status)
	a = fx.post(t, syncPath, key, strings.NewReader(`{"x":"`+strings.Repeat("a", DefaultSyncMaxBody)+`"}`))
	assert.Equal(t, 413, a.status)
}

// TestSlowClientIsCutByTheServerReadTimeout: a client that sends its
// headers and part of its body, then stalls, is answered (400, the body is
// incomplete) or disconnected once the server's read timeout passes; it
// writes nothing, and the server keeps serving others meanwhile.
func TestSlowClientIsCutByTheServerReadTimeout(t *testing.T) {
	fx := serve(t, func(_ *Options, s *http.Server) { s.ReadTimeout = 300 * time.Millisecond })
	before := fx.policies()
	conn, err := net.Dial("tcp", fx.srv.Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "POST "+policiesOf1+" HTTP/1.1\r\nHost: x\r\nx-api-key: cc_slow\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"planName\":")
	require.NoError(t, err)

	// Meanwhile, another client is served.
	a := fx.post(t, policiesOf1, key, strings.NewReader(`{"planName":"fast"}`))
	assert.Equal(t, 201, a.status)

	start := time.Now()
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	elapsed := time.Since(start)
	if err == nil {
		bb, _ := io.ReadAll(resp.Body)
		assert.Equal(t, 400, resp.StatusCode, "%s %v", bb, resp.Header)
		resp.Body.Close()
	}
	var ne net.Error
	assert.False(t, errors.As(err, &ne) && ne.Timeout(), "the server never gave up on the slow client")
	assert.Less(t, elapsed, 3*time.Second)
	assert.Equal(t, before+1, fx.policies(), "the slow client wrote nothing")
}

// blockingStore waits, inside the store call, until the request's context
// ends, then calls the real store with that context.
type blockingStore struct {
	createpolicy.BookStore
	book    *syncaca.Book
	entered chan struct{}
}

func (s blockingStore) CreatePolicy(ctx context.Context, p createpolicy.Policy) (createpolicy.Policy, error) {
	close(s.entered)
	<-ctx.Done()
	return s.BookStore.CreatePolicy(ctx, p)
}

func (s blockingStore) SyncValidated(ctx context.Context, v *syncaca.Validated, opt syncaca.Options) (*syncaca.Response, error) {
	close(s.entered)
	<-ctx.Done()
	return s.book.SyncValidated(ctx, v, opt)
}

// TestCancelledRequestWritesNothing: the client cancels while the store is
// working; the store gets the cancelled context and writes nothing, the
// handler answers nothing, and the access line says 499.
func TestCancelledRequestWritesNothing(t *testing.T) {
	batch, err := os.ReadFile(syncData + "/batch.json")
	require.NoError(t, err)
	for _, c := range []struct{ path, body string }{{policiesOf1, `{"planName":"x"}`}, {syncPath, string(batch)}} {
		t.Run(strings.TrimPrefix(c.path, "/v2/"), func(t *testing.T) {
			book := readBook(t)
			before, _ := json.Marshal(book)
			log := &syncLog{}
			st := blockingStore{BookStore: createpolicy.BookStore{Book: book}, book: book, entered: make(chan struct{})}
			opt := Options{Logger: slog.New(slog.NewJSONHandler(log, nil)), Today: func() dob.Date { return dob.MustParseISO("2026-11-21") }}
			mux := http.NewServeMux()
			mux.Handle(PatternSync, SyncHandler(st, opt))
			mux.Handle(PatternCreatePolicy, CreatePolicyHandler(st, st, opt))
			srv := httptest.NewServer(mux)
			defer srv.Close()

			ctx, cancel := context.WithCancel(context.Background())
			req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+c.path, strings.NewReader(c.body))
			require.NoError(t, err)
			req.Header.Set("x-api-key", key)
			done := make(chan error, 1)
			go func() {
				resp, err := srv.Client().Do(req)
				if err == nil {
					resp.Body.Close()
				}
				done <- err
			}()
			<-st.entered
			cancel()
			assert.ErrorIs(t, <-done, context.Canceled)
			srv.Close() // waits for the handler to return
			after, _ := json.Marshal(book)
			assert.JSONEq(t, string(before), string(after), "the book is unchanged")
			lines := log.lines(t)
			require.Len(t, lines, 1)
			assert.EqualValues(t, 499, lines[0]["status"])
			assert.EqualValues(t, 0, lines[0]["bytes"])
		})
	}
}

// TestAccessLogHasNoPII: one line per request with method, route pattern,
// status, duration, bytes and request id, and none of the body's names,
// phone numbers or dates of birth, the API key, or the path's customer id.
func TestAccessLogHasNoPII(t *testing.T) {
	fx := serve(t, nil)
	batch, err := os.ReadFile(syncData + "/batch.json")
	require.NoError(t, err)
	a := fx.post(t, syncPath, "cc_secret_key_123", bytes.NewReader(batch))
	require.Equal(t, 200, a.status)
	b := fx.post(t, "/v2/customers/c-002/policies", "cc_secret_key_123", strings.NewReader(`{"aorFirstName":"Zebulon","aorLastName":"Quintanilla","aorNpn":"1234567890"}`))
	require.Equal(t, 201, b.status)
	c := fx.post(t, syncPath, "cc_secret_key_123", strings.NewReader(`{"records":[{"firstName":"Wilhelmina","lastName":"Okonkwo","phoneNumber":"5","dateOfBirth":"13/45/1950"}]}`))
	require.Equal(t, 422, c.status)

	lines := fx.log.lines(t)
	require.Len(t, lines, 3)
	for i, want := range []struct {
		route  string
		status int
		body   []byte
		rid    string
	}{{PatternSync, 200, a.body, a.header.Get("X-Request-Id")}, {PatternCreatePolicy, 201, b.body, b.header.Get("X-Request-Id")}, {PatternSync, 422, c.body, c.header.Get("X-Request-Id")}} {
		l := lines[i]
		assert.Equal(t, "request", l["msg"])
		assert.Equal(t, "POST", l["method"])
		assert.Equal(t, want.route, l["route"])
		assert.EqualValues(t, want.status, l["status"])
		assert.EqualValues(t, len(want.body), l["bytes"])
		assert.Equal(t, want.rid, l["request_id"])
		assert.Contains(t, l, "duration")
	}
	out := fx.log.String()
	for _, pii := range []string{"cc_secret", "c-002", "Zebulon", "Quintanilla", "1234567890", "Wilhelmina", "Okonkwo", "13/45/1950", "Reyes", "555-0101", "5550101", "1980"} {
		assert.NotContains(t, out, pii)
	}
}

// TestHandlerWithoutMuxNamesItsOwnRoute: mounted directly (no pattern), the
// log names the endpoint's pattern and the id comes from the path.
func TestHandlerWithoutMuxNamesItsOwnRoute(t *testing.T) {
	log := &syncLog{}
	book := readBook(t)
	bs := createpolicy.BookStore{Book: book}
	srv := httptest.NewServer(CreatePolicyHandler(bs, bs, Options{Logger: slog.New(slog.NewJSONHandler(log, nil)),
		RequestID: func(*http.Request) string { return "rid-1" }}))
	defer srv.Close()
	fx := &fixture{srv: srv, log: log}
	a := fx.post(t, "/v2/customers/c-004/policies", key, strings.NewReader(`{"carrierName":"BCBS"}`))
	require.Equal(t, 201, a.status, "%s", a.body)
	assert.Equal(t, "bcbs-illinois", a.json(t)["carrierId"], "c-004 is in IL")
	assert.Equal(t, "rid-1", a.header.Get("X-Request-Id"))
	assert.Equal(t, PatternCreatePolicy, log.lines(t)[0]["route"])
}

// TestKeepUnresolvedCarrierPerRequest: the host's hook decides per request.
func TestKeepUnresolvedCarrierPerRequest(t *testing.T) {
	fx := serve(t, func(o *Options, _ *http.Server) {
		o.KeepUnresolvedCarrier = func(r *http.Request) bool { return r.URL.Query().Get("keepUnresolvedCarrier") == "true" }
	})
	body := `{"carrierName":"Acme Health Plans"}`
	a := fx.post(t, policiesOf1, key, strings.NewReader(body))
	assert.Equal(t, 422, a.status)
	a = fx.post(t, policiesOf1+"?keepUnresolvedCarrier=true", key, strings.NewReader(body))
	require.Equal(t, 201, a.status)
	m := a.json(t)
	assert.Equal(t, "Acme Health Plans", m["carrierName"])
	assert.Nil(t, m["carrierId"])
	w := m["warnings"].([]any)[0].(map[string]any)
	assert.Equal(t, "carrier_unresolved", w["code"])
	assert.Equal(t, "unknown", w["reason"])
}

// TestSyncThenCreateShareTheBook: a policy created over HTTP is seen by the
// next sync (its identifier is taken), and vice versa.
func TestSyncThenCreateShareTheBook(t *testing.T) {
	fx := serve(t, nil)
	a := fx.post(t, policiesOf1, key, strings.NewReader(`{"healthSherpaPolicyId":"hsp-2025-1001"}`))
	require.Equal(t, 422, a.status, "the sample book's p-001 holds it")
	assert.Equal(t, "policy_identifier_taken", a.json(t)["errors"].([]any)[0].(map[string]any)["code"])
}
