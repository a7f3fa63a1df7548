package conformance

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Outcomes of a case.
const (
	Pass = "pass"
	Fail = "fail"
	Skip = "skip"
)

// maxResponse bounds the response body the runner reads.
const maxResponse = 32 << 20

// Runner runs cases against an HTTP implementation of the API.
type Runner struct {
	// BaseURL is the service's root, such as http://127.0.0.1:8080; paths of
	// the cases are appended to it.
	BaseURL string
	// APIKey is sent as x-api-key unless a step says otherwise.
	APIKey string
	// Client sends the requests; nil means a client with a 60-second
	// timeout.
	Client *http.Client
	// Prefix starts every identifier and name the run creates; empty means
	// "cr" and 8 random hexadecimal digits. Lower-case letters, digits and
	// hyphens.
	Prefix string
	// Today is the date relative dates are computed from; the zero value
	// means the current date in UTC. The service must be on the same day.
	Today time.Time
	// Skip, when set, may skip a case: a non-empty reason skips it.
	Skip func(c *Case) string
}

// Result is the outcome of one case.
type Result struct {
	// Case is the case's id, Area its file's area, Rules the rule ids it
	// checks.
	Case  string   `json:"case"`
	Area  string   `json:"area"`
	Rules []string `json:"rules"`
	// Outcome is Pass, Fail or Skip (KnownFailure or UnexpectedPass after
	// Report.Expect).
	Outcome string `json:"outcome"`
	// Step is the 1-based step that failed (0 when none did).
	Step int `json:"step,omitempty"`
	// Differences are what the failing step's response got wrong.
	Differences []Difference `json:"differences,omitempty"`
	// Reason says why a case was skipped, or why it could not run.
	Reason string `json:"reason,omitempty"`
	// DurationMS is the time the case took, in milliseconds (0 when
	// skipped).
	DurationMS float64 `json:"durationMs"`
}

// Report is the outcome of a run.
type Report struct {
	// Prefix is the run prefix every datum of the run derives from; Today
	// is the date relative dates were computed from (YYYY-MM-DD).
	Prefix string `json:"prefix"`
	Today  string `json:"today"`
	// Passed, Failed and Skipped count the results by outcome (an
	// UnexpectedPass counts as failed).
	Passed  int `json:"passed"`
	Failed  int `json:"failed"`
	Skipped int `json:"skipped"`
	// Known counts the failures an implementation listed (Report.Expect).
	Known int `json:"knownFailures"`
	// DurationMS is the time of the whole run, in milliseconds.
	DurationMS float64 `json:"durationMs"`
	// Results are the cases' outcomes, in the order they ran.
	Results []Result `json:"results"`
}

// Run runs the cases in order and reports each.
func (r *Runner) Run(ctx context.Context, cases []Case) (*Report, error) {
	prefix := r.Prefix
	if prefix == "" {
		var b [4]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		prefix = "cr" + hex.EncodeToString(b[:])
	}
	if !idPattern.MatchString(prefix) || len(prefix) > 40 {
		return nil, fmt.Errorf("conformance: prefix %q: lower-case letters, digits and hyphens, at most 40", prefix)
	}
	today := r.Today
	if today.IsZero() {
		today = time.Now().UTC()
	}
	rn := newRun(prefix, today)
	rep := &Report{Prefix: prefix, Today: rn.today.Format(time.DateOnly)}
	start := time.Now()
	for i := range cases {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		res := r.runCase(ctx, rn, &cases[i])
		switch res.Outcome {
		case Pass:
			rep.Passed++
		case Fail:
			rep.Failed++
		case Skip:
			rep.Skipped++
		}
		rep.Results = append(rep.Results, res)
	}
	rep.DurationMS = ms(time.Since(start))
	return rep, nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func (r *Runner) runCase(ctx context.Context, rn *run, c *Case) (res Result) {
	res = Result{Case: c.ID, Area: c.Area, Rules: c.Rules}
	if ok, why := c.When.Holds(rn.today); !ok {
		res.Outcome, res.Reason = Skip, why
		return res
	}
	if r.Skip != nil {
		if why := r.Skip(c); why != "" {
			res.Outcome, res.Reason = Skip, why
			return res
		}
	}
	start := time.Now()
	defer func() { res.DurationMS = ms(time.Since(start)) }()
	e := &env{run: rn, caseID: c.ID}
	for i, s := range c.Steps {
		diffs, err := r.step(ctx, e, &s)
		if err != nil {
			res.Outcome, res.Step, res.Reason = Fail, i+1, err.Error()
			return res
		}
		if len(diffs) > 0 {
			res.Outcome, res.Step, res.Differences = Fail, i+1, diffs
			return res
		}
	}
	res.Outcome = Pass
	return res
}

// step sends one request and compares its response; an error means the
// step could not be run (a bad template, a network failure).
func (r *Runner) step(ctx context.Context, e *env, s *Step) ([]Difference, error) {
	req, err := r.request(ctx, e, &s.Request)
	if err != nil {
		return nil, err
	}
	client := r.Client
	if client == nil {
		client = &http.Client{Timeout: 60 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, err
	}
	var diffs []Difference
	if !slices.Contains(s.Response.Status, resp.StatusCode) {
		diffs = append(diffs, Difference{Path: "status", Expected: s.Response.Status.String(),
			Received: strconv.Itoa(resp.StatusCode) + " " + shortText(raw)})
	}
	if s.Response.Body == nil {
		return diffs, nil
	}
	got, err := decodeValue(raw)
	if err != nil {
		return append(diffs, Difference{Path: "body", Expected: "a JSON body", Received: shortText(raw)}), nil
	}
	pat, _ := decodeValue(s.Response.Body)
	if pat, err = e.expandValue(pat); err != nil {
		return nil, err
	}
	refs, d := match(pat, got, "body", e.refs)
	if d != nil {
		return append(diffs, *d), nil
	}
	e.refs = refs
	return diffs, nil
}

func shortText(b []byte) string {
	const n = 300
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}

func (r *Runner) request(ctx context.Context, e *env, q *Request) (*http.Request, error) {
	p, err := e.expand(q.Path, false)
	if err != nil {
		return nil, err
	}
	var body io.Reader
	switch {
	case q.RawBody != nil:
		s, err := e.expand(*q.RawBody, true)
		if err != nil {
			return nil, err
		}
		body = strings.NewReader(s)
	case q.Body != nil:
		v, _ := decodeValue(q.Body)
		if v, err = e.expandValue(v); err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := encodeBody(&buf, v); err != nil {
			return nil, err
		}
		body = &buf
	}
	req, err := http.NewRequestWithContext(ctx, q.Method, strings.TrimSuffix(r.BaseURL, "/")+p, body)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	switch {
	case q.APIKey == nil:
		req.Header.Set("x-api-key", r.APIKey)
	case string(q.APIKey) == "null":
	default:
		var k string
		if err := json.Unmarshal(q.APIKey, &k); err != nil {
			return nil, err
		}
		if k, err = e.expand(k, false); err != nil {
			return nil, err
		}
		req.Header.Set("x-api-key", k)
	}
	return req, nil
}

// Select returns the cases of the given areas (all when areas is empty), or
// an error naming an unknown area.
func Select(cases []Case, areas ...string) ([]Case, error) {
	if len(areas) == 0 {
		return cases, nil
	}
	known := map[string]bool{}
	for _, c := range cases {
		known[c.Area] = true
	}
	for _, a := range areas {
		if !known[a] {
			return nil, fmt.Errorf("conformance: unknown area %q", a)
		}
	}
	var out []Case
	for _, c := range cases {
		if slices.Contains(areas, c.Area) {
			out = append(out, c)
		}
	}
	return out, nil
}

// WriteText prints the report for people: one line per case (PASS, FAIL
// with the rule and each difference, SKIP with the reason) and a summary
// with the counts per area.
func (rep *Report) WriteText(w io.Writer) error {
	var buf bytes.Buffer
	type counts struct{ pass, fail, skip, known int }
	per := map[string]*counts{}
	var areas []string
	for _, res := range rep.Results {
		c := per[res.Area]
		if c == nil {
			c = &counts{}
			per[res.Area] = c
			areas = append(areas, res.Area)
		}
		rules := strings.Join(res.Rules, ", ")
		switch res.Outcome {
		case Pass:
			c.pass++
			fmt.Fprintf(&buf, "PASS %s (%s)\n", res.Case, rules)
		case Skip:
			c.skip++
			fmt.Fprintf(&buf, "SKIP %s (%s): %s\n", res.Case, rules, res.Reason)
		case KnownFailure:
			c.known++
			fmt.Fprintf(&buf, "KNOWN %s (%s), step %d: %s\n", res.Case, rules, res.Step, res.Reason)
		case UnexpectedPass:
			c.fail++
			fmt.Fprintf(&buf, "FAIL %s (%s): %s\n", res.Case, rules, res.Reason)
		case Fail:
			c.fail++
			fmt.Fprintf(&buf, "FAIL %s (%s), step %d\n", res.Case, rules, res.Step)
			if res.Reason != "" {
				fmt.Fprintf(&buf, "     error:    %s\n", res.Reason)
			}
			for _, d := range res.Differences {
				fmt.Fprintf(&buf, "     at %s\n     expected: %s\n     received: %s\n", d.Path, d.Expected, d.Received)
			}
		}
	}
	known := ""
	if rep.Known > 0 {
		known = fmt.Sprintf(", %d known failures", rep.Known)
	}
	fmt.Fprintf(&buf, "\n%d cases: %d passed, %d failed, %d skipped%s in %.0f ms (prefix %s, today %s)\n",
		len(rep.Results), rep.Passed, rep.Failed, rep.Skipped, known, rep.DurationMS, rep.Prefix, rep.Today)
	for _, a := range areas {
		c := per[a]
		fmt.Fprintf(&buf, "  %-14s %3d passed %3d failed %3d skipped", a, c.pass, c.fail, c.skip)
		if c.known > 0 {
			fmt.Fprintf(&buf, " %3d known failures", c.known)
		}
		buf.WriteByte('\n')
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// ErrFailed is returned by OK when a case failed.
var ErrFailed = errors.New("conformance: a case failed")

// OK returns ErrFailed when a case failed, else nil.
func (rep *Report) OK() error {
	if rep.Failed > 0 {
		return fmt.Errorf("%w (%d of %d)", ErrFailed, rep.Failed, len(rep.Results))
	}
	return nil
}
