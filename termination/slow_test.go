package termination

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/carecycle/carerules/dob"
)

// rfc3339RE is RFC 3339 section 5.6 date-time, written out as a regexp
// (time-secfrac, time-numoffset, case-insensitive T and Z, leap second 60).
var rfc3339RE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$`)

// slowParseDate is the readable reference for ParseEffectiveDate: each
// accepted form tried in turn with time.Parse (and the regexp above for
// the RFC 3339 syntax), then the year-0000 decision.
func slowParseDate(s string) (dob.Date, bool) {
	if len(utf16.Encode([]rune(s))) > MaxInputLen {
		return dob.Date{}, false
	}
	s = strings.TrimSpace(s)
	var t time.Time
	var err error
	switch {
	case len(s) == 10 && s[4] == '-':
		t, err = time.Parse("2006-01-02", s)
	case len(s) == 10 && s[2] == '-':
		t, err = time.Parse("01-02-2006", s)
	case strings.Contains(s, "/"):
		t, err = time.Parse("1/2/2006", s)
	case rfc3339RE.MatchString(s):
		t, err = time.Parse("2006-01-02", s[:10])
	default:
		return dob.Date{}, false
	}
	if err != nil || t.Year() == 0 {
		return dob.Date{}, false
	}
	return dob.FromTime(t), true
}

// naiveDecide is the obvious implementation the benchmark compares with:
// time.Parse over a list of layouts for every policy and a freshly
// allocated result. (It also uses AddDate, which is wrong for Feb 29; see
// TestNaiveIsWrongOnFeb29.)
func naiveDecide(in Input, raw []string) []string {
	if !in.CreatedACA {
		return nil
	}
	today := time.Date(in.Today.Year(), in.Today.Month(), in.Today.Day(), 0, 0, 0, 0, time.UTC)
	var out []string
	for i, p := range in.Policies {
		if p.CreatedByRequest || strings.ToUpper(strings.TrimSpace(p.Type)) != "ACA" ||
			!p.Status.IsValid() || p.Status.IsTerminal() {
			continue
		}
		for _, layout := range []string{"2006-01-02", "01/02/2006", "1/2/2006", "01-02-2006", time.RFC3339} {
			eff, err := time.Parse(layout, strings.TrimSpace(raw[i]))
			if err == nil {
				eff = time.Date(eff.Year(), eff.Month(), eff.Day(), 0, 0, 0, 0, time.UTC)
				if today.After(eff.AddDate(1, 0, 0)) {
					out = append(out, p.ID)
				}
				break
			}
		}
	}
	return out
}
