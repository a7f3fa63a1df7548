package conformance

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Outcomes that Report.Expect gives to the cases an implementation lists
// as known failures.
const (
	// KnownFailure is a listed case that failed: reported, not counted as a
	// failure.
	KnownFailure = "known-failure"
	// UnexpectedPass is a listed case that passed: counted as a failure, so
	// that the list is kept short.
	UnexpectedPass = "unexpected-pass"
)

// ReadKnownFailures reads a list of known failures: one case id per line,
// then white space and the reason; blank lines and lines starting with #
// are ignored.
func ReadKnownFailures(r io.Reader) (map[string]string, error) {
	known := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, reason, _ := strings.Cut(line, " ")
		if !idPattern.MatchString(id) {
			return nil, fmt.Errorf("conformance: known failures, line %d: %q is not a case id", n, id)
		}
		if _, dup := known[id]; dup {
			return nil, fmt.Errorf("conformance: known failures, line %d: %s is listed twice", n, id)
		}
		known[id] = strings.TrimSpace(reason)
	}
	return known, sc.Err()
}

// Expect applies a list of known failures to the report: a listed case that
// failed becomes KnownFailure (with the listed reason, no longer counted in
// Failed), a listed case that passed becomes UnexpectedPass (counted in
// Failed). Skipped cases are left alone.
func (rep *Report) Expect(known map[string]string) {
	for i := range rep.Results {
		res := &rep.Results[i]
		why, ok := known[res.Case]
		if !ok {
			continue
		}
		switch res.Outcome {
		case Fail:
			res.Outcome = KnownFailure
			res.Reason = strings.TrimSpace(why + " " + res.Reason)
			rep.Failed--
			rep.Known++
		case Pass:
			res.Outcome = UnexpectedPass
			res.Reason = "listed as a known failure (" + why + "), but passes: remove it from the list"
			rep.Passed--
			rep.Failed++
		}
	}
}
