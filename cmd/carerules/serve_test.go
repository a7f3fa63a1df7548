package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	gosync "sync"
	"syscall"
	"testing"
	"time"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSampleBookIsTheSyncSample: the embedded book is the repository's sync
// sample, byte for byte.
func TestSampleBookIsTheSyncSample(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(syncData, "existing.json"))
	require.NoError(t, err)
	assert.Equal(t, string(want), string(sampleBook))
	_, err = loadBook("")
	require.NoError(t, err)
}

// lineWriter is stderr for serveUntil: it keeps the output and reports the
// address once "listening on" is printed.
type lineWriter struct {
	mu   gosync.Mutex
	buf  bytes.Buffer
	addr chan string
	sent bool
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if !w.sent {
		if _, rest, ok := strings.Cut(w.buf.String(), "listening on http://"); ok {
			if addr, _, ok := strings.Cut(rest, "\n"); ok {
				w.sent = true
				w.addr <- addr
			}
		}
	}
	return len(p), nil
}

func (w *lineWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func copyBook(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(syncData, "existing.json"))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "book.json")
	require.NoError(t, os.WriteFile(path, data, 0o644))
	return path
}

func post(t *testing.T, url, key, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	if key != "" {
		req.Header.Set("x-api-key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var m map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&m))
	return resp.StatusCode, m
}

// TestServeOnARealPort runs the serve command's run function on
// 127.0.0.1:0: a created policy answers 201, a sync 200 with --today's
// one-year rule, a key without cc_ 401; on shutdown the book is written
// back and reads again.
func TestServeOnARealPort(t *testing.T) {
	path := copyBook(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &lineWriter{addr: make(chan string, 1)}
	done := make(chan int, 1)
	go func() {
		done <- serveUntil(ctx, []string{"--existing", path, "--addr", "127.0.0.1:0", "--today", "2026-11-21", "--write-back"}, io.Discard, stderr)
	}()
	var base string
	select {
	case addr := <-stderr.addr:
		base = "http://" + addr
	case code := <-done:
		t.Fatalf("serve exited %d: %s", code, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not listen")
	}

	status, m := post(t, base+"/v2/customers/c-002/policies", "cc_any", `{"policyType":"MA","planCode":"H1234001000","carrierName":"BCBS"}`)
	require.Equal(t, 201, status, "%v", m)
	assert.Equal(t, "bcbs-texas", m["carrierId"])
	newID := m["id"].(string)

	batch, err := os.ReadFile(filepath.Join(syncData, "batch.json"))
	require.NoError(t, err)
	status, m = post(t, base+"/v2/sync/aca", "cc_any", string(batch))
	require.Equal(t, 200, status)
	golden, err := os.ReadFile(filepath.Join(syncData, "batch.golden.json"))
	require.NoError(t, err)
	var want map[string]any
	require.NoError(t, json.Unmarshal(golden, &want))
	assert.Equal(t, want["succeeded"], m["succeeded"])
	assert.Equal(t, want["failed"], m["failed"])

	status, m = post(t, base+"/v2/sync/aca", "sk_nope", string(batch))
	assert.Equal(t, 401, status)
	assert.Equal(t, "UNAUTHORIZED", m["code"])

	cancel()
	select {
	case code := <-done:
		assert.Equal(t, exitValid, code, stderr.String())
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
	out := stderr.String()
	assert.Contains(t, out, `"route":"POST /v2/customers/{id}/policies"`)
	assert.NotContains(t, out, "cc_any")
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	book, err := syncaca.ReadBook(f)
	require.NoError(t, err, "the book written back reads again")
	c, ok := book.Customer("c-002")
	require.True(t, ok)
	var found bool
	for _, p := range c.Policies {
		found = found || (p.ID == newID && p.PolicyType == "MA" && p.PlanCode == "H1234-001-000")
	}
	assert.True(t, found, "the created policy %s was written back: %+v", newID, c.Policies)
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{
		{"serve", "--write-back"},
		{"serve", "--today", "21/11/2026", "--addr", "127.0.0.1:0"},
		{"serve", "extra"},
		{"serve", "--existing", "/nonexistent/book.json", "--addr", "127.0.0.1:0"},
		{"serve", "--addr", "not an address"},
	} {
		_, _, code := runCLI(args...)
		assert.Equal(t, exitUsage, code, args)
	}
}

// TestServeHelperProcess is not a test: TestServeProcessSIGTERM runs the
// test binary as the carerules command through it.
func TestServeHelperProcess(t *testing.T) {
	args := os.Getenv("CARERULES_HELPER_ARGS")
	if args == "" {
		t.Skip("helper process for TestServeProcessSIGTERM")
	}
	var argv []string
	if err := json.Unmarshal([]byte(args), &argv); err != nil {
		os.Exit(99)
	}
	os.Exit(run(argv, os.Stdout, os.Stderr))
}

// TestServeProcessSIGTERM runs carerules serve as a real process, creates a
// policy over HTTP, sends SIGTERM, and checks the graceful exit (status 0)
// and the book written back.
func TestServeProcessSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a process")
	}
	path := copyBook(t)
	args, _ := json.Marshal([]string{"serve", "--existing", path, "--addr", "127.0.0.1:0", "--write-back", "--today", "2026-11-21"})
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeHelperProcess$")
	cmd.Env = append(os.Environ(), "CARERULES_HELPER_ARGS="+string(args))
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	defer cmd.Process.Kill()

	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var base string
	deadline := time.After(20 * time.Second)
	for base == "" {
		select {
		case l, ok := <-lines:
			require.True(t, ok, "serve exited before listening")
			if _, addr, found := strings.Cut(l, "listening on "); found {
				base = addr
			}
		case <-deadline:
			t.Fatal("serve did not listen")
		}
	}
	status, m := post(t, base+"/v2/customers/c-001/policies", "cc_x", `{"policyType":"Dental","planCode":" DX-1 ","status":"pending"}`)
	require.Equal(t, 201, status, "%v", m)
	assert.Equal(t, "DX-1", m["planCode"])
	assert.Equal(t, "Pending", m["status"])

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	var rest []string
	for l := range lines {
		rest = append(rest, l)
	}
	require.NoError(t, cmd.Wait(), "exit status 0 after SIGTERM: %s", strings.Join(rest, "\n"))
	assert.Contains(t, strings.Join(rest, "\n"), "carerules serve: stopped")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"planCode": "DX-1"`)
}

func TestPolicyCommand(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	existing := filepath.Join(syncData, "existing.json")
	ok := write("ok.json", `{"policyType":"pdp","planCode":"S1234001000","carrierName":"Humana","policyLives":1.0}`)
	out, _, code := runCLI("policy", "--existing", existing, "--customer", "c-003", ok)
	require.Equal(t, exitValid, code, out)
	var m map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &m))
	assert.Equal(t, "PDP", m["policyType"])
	assert.Equal(t, "S1234-001-000", m["planCode"])
	assert.Equal(t, "c-003", m["customerId"])
	assert.EqualValues(t, 1, m["policyLives"])

	out, _, code = runCLI("policy", "--customer", "c-003", write("bad.json", `{"policyType":"MA","planCode":"S1234001000"}`))
	assert.Equal(t, exitRejected, code)
	assert.Contains(t, out, `"code": "plan_code_prefix"`)

	out, _, code = runCLI("policy", "--customer", "nobody", ok)
	assert.Equal(t, exitRejected, code)
	assert.Contains(t, out, `"code": "NOT_FOUND"`)

	out, _, code = runCLI("policy", "--customer", "c-003", write("nojson.json", `nope`))
	assert.Equal(t, exitRejected, code)
	assert.Contains(t, out, `"code": "INVALID_JSON"`)

	blue := write("blue.json", `{"carrierName":"Blue Moon Health"}`)
	_, _, code = runCLI("policy", "--customer", "c-003", blue)
	assert.Equal(t, exitRejected, code)
	out, _, code = runCLI("policy", "--customer", "c-003", "--keep-unresolved-carrier", blue)
	assert.Equal(t, exitValid, code)
	assert.Contains(t, out, `"carrier_unresolved"`)

	for _, args := range [][]string{{"policy", ok}, {"policy", "--customer", "c-1"}, {"policy", "--customer", "c-1", filepath.Join(dir, "missing.json")}} {
		_, _, code := runCLI(args...)
		assert.Equal(t, exitUsage, code, args)
	}
}

// TestServeShutdownLetsRequestsInFlightFinish: a request whose body is
// still arriving when the shutdown starts is answered, and written back.
func TestServeShutdownLetsRequestsInFlightFinish(t *testing.T) {
	path := copyBook(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stderr := &lineWriter{addr: make(chan string, 1)}
	done := make(chan int, 1)
	go func() {
		done <- serveUntil(ctx, []string{"--existing", path, "--addr", "127.0.0.1:0", "--write-back"}, io.Discard, stderr)
	}()
	addr := <-stderr.addr

	pr, pw := io.Pipe()
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/v2/customers/c-005/policies", pr)
	require.NoError(t, err)
	req.Header.Set("x-api-key", "cc_x")
	answered := make(chan int, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- 0
			return
		}
		resp.Body.Close()
		answered <- resp.StatusCode
	}()
	_, err = io.WriteString(pw, `{"policyType":"Vision",`)
	require.NoError(t, err)
	time.Sleep(100 * time.Millisecond) // the request is in the handler, reading its body
	cancel()                           // shutdown starts
	time.Sleep(100 * time.Millisecond)
	_, err = io.WriteString(pw, `"planName":"In Flight"}`)
	require.NoError(t, err)
	require.NoError(t, pw.Close())
	assert.Equal(t, 201, <-answered)
	assert.Equal(t, exitValid, <-done)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"planName": "In Flight"`)
}
