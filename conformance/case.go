package conformance

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

//go:embed cases/*.json
var embedded embed.FS

// Cases returns the embedded file system of case files (cases/*.json), for
// a tool that wants the files themselves.
func Cases() fs.FS {
	sub, err := fs.Sub(embedded, "cases")
	if err != nil { // cannot happen: the directory is embedded
		panic(err)
	}
	return sub
}

// File is one case file: the cases of one area.
type File struct {
	// Area names the area, equal to the file's base name ("phone" for
	// phone.json); --only selects cases by it.
	Area string `json:"area"`
	// Description says what the file covers.
	Description string `json:"description"`
	// Cases are run in order.
	Cases []Case `json:"cases"`
}

// Case is one conformance case: a sequence of requests that starts from an
// empty customer set, each with the response it must get.
type Case struct {
	// ID is unique across the suite: lower case letters, digits and
	// hyphens. Templates derive the case's data from it.
	ID string `json:"id"`
	// Rules are the rule ids of docs/rules.md the case checks (at least
	// one).
	Rules []string `json:"rules"`
	// Description says, in a sentence, what the case shows.
	Description string `json:"description"`
	// When restricts the days on which the case holds; nil means every day.
	When *When `json:"when,omitempty"`
	// Steps are sent in order; the case stops at the first step whose
	// response differs.
	Steps []Step `json:"steps"`

	// Area is the area of the file the case came from.
	Area string `json:"-"`
}

// When restricts a case to some days of the runner's today.
type When struct {
	// MonthDay lists the days ("MM-DD") on which the case holds.
	MonthDay []string `json:"monthDay,omitempty"`
	// NotMonthDay lists days on which it does not.
	NotMonthDay []string `json:"notMonthDay,omitempty"`
	// PreviousYearLeap requires the year before today's to be a leap year.
	PreviousYearLeap bool `json:"previousYearLeap,omitempty"`
}

// Holds reports whether the case holds on today, and if not, why.
func (w *When) Holds(today time.Time) (bool, string) {
	if w == nil {
		return true, ""
	}
	md := today.Format("01-02")
	if len(w.MonthDay) > 0 && !slices.Contains(w.MonthDay, md) {
		return false, "holds only on " + strings.Join(w.MonthDay, ", ") + " (today is " + md + ")"
	}
	if slices.Contains(w.NotMonthDay, md) {
		return false, "does not hold on " + md
	}
	if w.PreviousYearLeap && !isLeap(today.Year()-1) {
		return false, fmt.Sprintf("needs the previous year to be a leap year (%d is not)", today.Year()-1)
	}
	return true, ""
}

// Step is one request and the response it must get.
type Step struct {
	// Description says what the step does (optional).
	Description string `json:"description,omitempty"`
	// Request is what to send.
	Request Request `json:"request"`
	// Response is what must come back.
	Response Expect `json:"response"`
}

// Request is one HTTP request of a step.
type Request struct {
	// Method is the HTTP method, such as POST.
	Method string `json:"method"`
	// Path is the request path (templated), such as /v2/sync/aca.
	Path string `json:"path"`
	// APIKey overrides the runner's x-api-key: absent means the runner's
	// key, null means no header, a string is sent as it is (templated).
	APIKey json.RawMessage `json:"apiKey,omitempty"`
	// Body is a JSON value, templated, sent as the request body; the
	// objects {"$number": "..."} and {"$raw": "..."} insert a JSON number
	// or raw text.
	Body json.RawMessage `json:"body,omitempty"`
	// RawBody is sent as the body instead, verbatim after templating (for
	// bodies that are not JSON).
	RawBody *string `json:"rawBody,omitempty"`
}

// Expect is the response a step must get.
type Expect struct {
	// Status is the HTTP status code, or the codes of which one must come
	// back (written as a number or a list of numbers).
	Status Status `json:"status"`
	// Body is a pattern the response body must match (see README.md);
	// absent means any body.
	Body json.RawMessage `json:"body,omitempty"`
}

// Status is one or several accepted HTTP status codes.
type Status []int

// UnmarshalJSON reads a number or a list of numbers.
func (s *Status) UnmarshalJSON(b []byte) error {
	var one int
	if err := json.Unmarshal(b, &one); err == nil {
		*s = Status{one}
		return nil
	}
	var many []int
	if err := json.Unmarshal(b, &many); err != nil {
		return errors.New("status must be a number or a list of numbers")
	}
	*s = many
	return nil
}

// MarshalJSON writes a number when there is one code.
func (s Status) MarshalJSON() ([]byte, error) {
	if len(s) == 1 {
		return json.Marshal(s[0])
	}
	return json.Marshal([]int(s))
}

// String lists the codes: "200" or "200 or 422".
func (s Status) String() string {
	parts := make([]string, len(s))
	for i, c := range s {
		parts[i] = strconv.Itoa(c)
	}
	return strings.Join(parts, " or ")
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	rulePattern = regexp.MustCompile(`^[a-z][a-z0-9-]*\.[a-z0-9-]+$`)
	mdPattern   = regexp.MustCompile(`^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`)
)

// maxCaseID bounds a case id, so that an identifier made of the prefix, the
// case id and a name stays far below the API's 255-character limit.
const maxCaseID = 80

// Load reads every case file (*.json) of fsys, in name order, and checks
// each: known fields only, a unique well-formed id, at least one rule and one
// step, a method, a path and a status per step, and a file area equal to its
// base name.
func Load(fsys fs.FS) ([]Case, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("conformance: no case files")
	}
	seen := map[string]string{}
	var all []Case
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		f, err := parseFile(name, data)
		if err != nil {
			return nil, err
		}
		for _, c := range f.Cases {
			if prev, ok := seen[c.ID]; ok {
				return nil, fmt.Errorf("conformance: %s: case %q is also in %s", name, c.ID, prev)
			}
			seen[c.ID] = name
			all = append(all, c)
		}
	}
	return all, nil
}

// LoadEmbedded is Load of the embedded case files.
func LoadEmbedded() ([]Case, error) { return Load(Cases()) }

func parseFile(name string, data []byte) (*File, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f File
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("conformance: %s: %w", name, err)
	}
	if want := strings.TrimSuffix(path.Base(name), ".json"); f.Area != want {
		return nil, fmt.Errorf("conformance: %s: area %q, want %q", name, f.Area, want)
	}
	if len(f.Cases) == 0 {
		return nil, fmt.Errorf("conformance: %s: no cases", name)
	}
	for i := range f.Cases {
		c := &f.Cases[i]
		c.Area = f.Area
		if err := c.check(); err != nil {
			return nil, fmt.Errorf("conformance: %s: case %d (%q): %w", name, i, c.ID, err)
		}
	}
	return &f, nil
}

func (c *Case) check() error {
	if !idPattern.MatchString(c.ID) || len(c.ID) > maxCaseID {
		return errors.New("id must be lower-case letters, digits and single hyphens, at most 80 characters")
	}
	if len(c.Rules) == 0 {
		return errors.New("no rules")
	}
	for _, r := range c.Rules {
		if !rulePattern.MatchString(r) {
			return fmt.Errorf("rule %q is not a rule id", r)
		}
	}
	if c.Description == "" {
		return errors.New("no description")
	}
	if len(c.Steps) == 0 {
		return errors.New("no steps")
	}
	if c.When != nil {
		for _, md := range slices.Concat(c.When.MonthDay, c.When.NotMonthDay) {
			if !mdPattern.MatchString(md) {
				return fmt.Errorf("when: %q is not MM-DD", md)
			}
		}
	}
	for i, s := range c.Steps {
		if s.Request.Method == "" || !strings.HasPrefix(s.Request.Path, "/") {
			return fmt.Errorf("step %d: method and a path starting with / are required", i)
		}
		if s.Request.Body != nil && s.Request.RawBody != nil {
			return fmt.Errorf("step %d: body and rawBody are exclusive", i)
		}
		if len(s.Response.Status) == 0 {
			return fmt.Errorf("step %d: no status", i)
		}
		for _, st := range s.Response.Status {
			if st < 100 || st > 599 {
				return fmt.Errorf("step %d: status %d", i, st)
			}
		}
		if k := s.Request.APIKey; k != nil && string(k) != "null" {
			var str string
			if err := json.Unmarshal(k, &str); err != nil {
				return fmt.Errorf("step %d: apiKey must be a string or null", i)
			}
		}
		for _, raw := range []json.RawMessage{s.Request.Body, s.Response.Body} {
			if raw == nil {
				continue
			}
			if _, err := decodeValue(raw); err != nil {
				return fmt.Errorf("step %d: %w", i, err)
			}
		}
		if s.Response.Body != nil {
			v, _ := decodeValue(s.Response.Body)
			if err := checkPattern(v, "body"); err != nil {
				return fmt.Errorf("step %d: %w", i, err)
			}
		}
	}
	return nil
}

// UsesPath reports whether a step of the case sends a request whose path,
// before templating, matches the pattern (path.Match syntax, where * stops
// at a slash; a template such as {{ref:c}} counts as one segment).
func (c *Case) UsesPath(pattern string) bool {
	for _, s := range c.Steps {
		p := templateRE.ReplaceAllString(s.Request.Path, "x")
		if ok, _ := path.Match(pattern, p); ok {
			return true
		}
	}
	return false
}

// decodeValue decodes a JSON value keeping numbers as json.Number, so that
// 1.0 and 1e3 are sent as written.
func decodeValue(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("trailing data after the JSON value")
	}
	return v, nil
}

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }
