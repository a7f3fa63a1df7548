package plancode

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The obvious alternative: trim, upper-case, one regular expression with
// submatches, Atoi. It is less complete than Parse (no full-width folding,
// no segment padding, one error for everything), which only flatters it.
var regexpCode = regexp.MustCompile(`^([HRSEX])(\d{4})-?(\d{3})-?(\d{3})$`)

func parseRegexp(s string) (Code, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	m := regexpCode.FindStringSubmatch(s)
	if m == nil {
		return Code{}, fmt.Errorf("invalid plan code %q", s)
	}
	contract, _ := strconv.Atoi(m[2])
	plan, _ := strconv.Atoi(m[3])
	segment, _ := strconv.Atoi(m[4])
	return Code{prefix: Prefix(m[1][0]), contract: uint16(contract), plan: uint16(plan), segment: uint16(segment)}, nil
}

// benchInputs are the same for both implementations. wantOK says whether
// each is valid, so a benchmark cannot silently time the wrong path.
var benchInputs = []struct {
	name   string
	in     string
	wantOK bool
}{
	{"dashed", "H1234-001-000", true},
	{"undashed", "H1234001000", true},
	{"invalid", "H1234-0O1-000", false},
	{"incomplete", "H1234-001", false},
}

var (
	sinkCode Code
	sinkErr  error
	sinkStr  string
)

func benchParser(b *testing.B, parse func(string) (Code, error)) {
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			if _, err := parse(in.in); (err == nil) != in.wantOK {
				b.Fatalf("parse(%q): %v", in.in, err)
			}
			b.ReportAllocs()
			for b.Loop() {
				sinkCode, sinkErr = parse(in.in)
			}
		})
	}
}

// BenchmarkParse and BenchmarkParseRegexp time the same inputs; compare
// them line by line.
func BenchmarkParse(b *testing.B) { benchParser(b, Parse) }

func BenchmarkParseRegexp(b *testing.B) { benchParser(b, parseRegexp) }

// BenchmarkParseVsRegexp runs both implementations in alternating batches
// of 100 calls on the same input and reports the median time per call of
// each and their ratio. On a shared, loaded machine the absolute ns/op of
// separate benchmarks swing by 2-5x from run to run; alternating batches
// see the same load, so the ratio stays meaningful.
func BenchmarkParseVsRegexp(b *testing.B) {
	const batch = 100
	for _, in := range benchInputs {
		b.Run(in.name, func(b *testing.B) {
			var fast, slow []time.Duration
			for b.Loop() {
				t0 := time.Now()
				for range batch {
					sinkCode, sinkErr = Parse(in.in)
				}
				t1 := time.Now()
				for range batch {
					sinkCode, sinkErr = parseRegexp(in.in)
				}
				t2 := time.Now()
				fast = append(fast, t1.Sub(t0))
				slow = append(slow, t2.Sub(t1))
			}
			f, s := median(fast)/batch, median(slow)/batch
			b.ReportMetric(0, "ns/op") // one op is two batches: meaningless
			b.ReportMetric(f, "parse-ns/call")
			b.ReportMetric(s, "regexp-ns/call")
			b.ReportMetric(s/f, "regexp/parse")
		})
	}
}

func median(d []time.Duration) float64 {
	slices.Sort(d)
	n := len(d)
	if n%2 == 1 {
		return float64(d[n/2])
	}
	return float64(d[n/2-1]+d[n/2]) / 2
}

// BenchmarkParseFullWidth times the non-ASCII path (width folding per
// character, no allocation either).
func BenchmarkParseFullWidth(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkCode, sinkErr = Parse("Ｈ１２３４－００１－０００")
	}
	if sinkErr != nil {
		b.Fatal(sinkErr)
	}
}

// BenchmarkParseTooLong times the rejection of an adversarially long input.
func BenchmarkParseTooLong(b *testing.B) {
	s := strings.Repeat("H1234-001-000", 1<<16)
	b.ReportAllocs()
	for b.Loop() {
		sinkCode, sinkErr = Parse(s)
	}
	if sinkErr == nil {
		b.Fatal("accepted")
	}
}

func BenchmarkCanonical(b *testing.B) {
	for _, tc := range []struct{ name, pt, in string }{
		{"MA", "MA", "H1234001000"},
		{"pdp_lower", "pdp", "s1234-001-000"},
		{"MS", "MS", " Plan G "},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkStr, sinkErr = Canonical(tc.pt, tc.in)
			}
			if sinkErr != nil {
				b.Fatal(sinkErr)
			}
		})
	}
}
