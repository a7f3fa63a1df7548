package carrier

import (
	"strings"
	"testing"

	"github.com/xrash/smetrics"
)

// naiveIndex is the obvious alternative the benchmarks compare against:
// lower-case the name and score every alias and display name with
// Jaro-Winkler, keeping the best.
type naiveIndex struct {
	names []string // lower-cased aliases and display names
	ids   []string
}

func newNaive(tb testing.TB) *naiveIndex {
	entries, err := DefaultEntries()
	if err != nil {
		tb.Fatal(err)
	}
	n := &naiveIndex{}
	for _, e := range entries {
		for _, a := range append(append([]string{e.DisplayName}, e.Aliases...), e.ExactAliases...) {
			n.names = append(n.names, strings.ToLower(a))
			n.ids = append(n.ids, e.ID)
		}
	}
	return n
}

func (n *naiveIndex) resolve(name string) (string, float64) {
	q := strings.ToLower(name)
	best, id := 0.0, ""
	for i, a := range n.names {
		if s := smetrics.JaroWinkler(q, a, 0.7, 4); s > best {
			best, id = s, n.ids[i]
		}
	}
	return id, best
}

var benchInputs = []struct{ name, input string }{
	{"Exact", "UHC"},
	{"Alias", "Cigna Health and Life Insurance Company"},
	{"Fuzzy", "Kaiser Permanete"},
	{"FuzzyShort", "Humanna"},
	{"Unknown", "Acme Health Plans"},
	{"UnknownLong", "Acme Health Plan of Ohio"},
	{"StructureState", "Oscar Insurance Company of Florida"},
	{"StructureDBA", "Celtic Insurance Company dba Ambetter"},
	{"TwoCarriers", "Humana Aetna"},
}

var sinkMatch Match
var sinkErr error
var sinkID string

func BenchmarkResolve(b *testing.B) {
	r, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			q := Query{Name: in.input}
			b.ReportAllocs()
			for b.Loop() {
				sinkMatch, sinkErr = r.Resolve(q)
			}
		})
	}
	b.Run("GenericByState", func(b *testing.B) {
		q := Query{Name: "Blue Cross & Blue Shield", State: "TX"}
		b.ReportAllocs()
		for b.Loop() {
			sinkMatch, sinkErr = r.Resolve(q)
		}
	})
	b.Run("GenericByZIP", func(b *testing.B) {
		q := Query{Name: "BCBS", State: "MO", PostalCode: "64105"}
		b.ReportAllocs()
		for b.Loop() {
			sinkMatch, sinkErr = r.Resolve(q)
		}
	})
	b.Run("NonASCII", func(b *testing.B) {
		q := Query{Name: "Mútual of Ómaha"}
		b.ReportAllocs()
		for b.Loop() {
			sinkMatch, sinkErr = r.Resolve(q)
		}
	})
}

// BenchmarkNaive is the linear Jaro-Winkler scan over every alias, on the
// same inputs as BenchmarkResolve.
func BenchmarkNaive(b *testing.B) {
	n := newNaive(b)
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkID, _ = n.resolve(in.input)
			}
		})
	}
}

// BenchmarkFuzzyAllKeys scores every fuzzy key (no prefilter), to show what
// the length window and character-count bound save.
func BenchmarkFuzzyAllKeys(b *testing.B) {
	r, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		best := 0.0
		for i := range r.fuzzy {
			if s := smetrics.JaroWinkler("humanna", r.fuzzy[i].key, 0.7, 4); s > best {
				best = s
			}
		}
		sinkMatch.Score = best
	}
}

func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		entries, _ := DefaultEntries()
		r, err := New(entries)
		if err != nil || r == nil {
			b.Fatal(err)
		}
	}
}
