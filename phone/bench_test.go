package phone

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// naiveNormalize is the obvious implementation the benchmarks compare with: match the
// trimmed input against the documented regular expression, copy the digits out with a
// strings.Builder, then check the area code in a map and the exchange. It is given the
// benefit of the doubt: precompiled regexps and a prebuilt map. Like ours, its error
// carries the received value (the API's validation error needs it), so it allocates
// one small struct per invalid input, as Parse does.
func naiveNormalize(s string, re *regexp.Regexp) (string, error) {
	if utf8.RuneCountInString(s) > 255 {
		return "", &naiveError{s}
	}
	t := strings.TrimFunc(s, unicode.IsSpace)
	if !re.MatchString(t) {
		return "", &naiveError{s}
	}
	var b strings.Builder
	for _, r := range t {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if len(d) == 11 {
		d = d[1:]
	}
	area, exchange := d[:3], d[3:6]
	if !refAssigned()[area] || exchange[0] < '2' || exchange[1:] == "11" {
		return "", &naiveError{s}
	}
	return "+1" + d, nil
}

type naiveError struct{ received string }

func (*naiveError) Error() string { return "invalid phone number" }

var benchInputs = []struct{ name, in string }{
	{"e164", "+14152345678"},
	{"digits", "4152345678"},
	{"parens", "(415) 234-5678"},
	{"lenient_dashes", "1-415-234-5678"},
	{"lenient_plus_parens", " +1 (415) 234-5678 "},
	{"invalid_area_code", "3702345678"},
	{"invalid_exchange", "(415) 911-5678"},
	{"invalid_letters", "1-800-FLOWERS"},
	{"invalid_length", "415-234-567"},
	{"invalid_empty", "   "},
	{"invalid_too_long", strings.Repeat("4152345678 ", 30)},
}

var (
	sinkNumber Number
	sinkString string
	sinkErr    error
)

func BenchmarkParse(b *testing.B) {
	benchBoth(b, Parse, strictRE)
}

func BenchmarkParseLenient(b *testing.B) {
	benchBoth(b, ParseLenient, lenientRE)
}

func benchBoth(b *testing.B, parse func(string) (Number, error), re *regexp.Regexp) {
	refAssigned() // build the naive map outside the timings
	areaCodes()
	for _, c := range benchInputs {
		b.Run(c.name+"/fast", func(b *testing.B) {
			b.ReportAllocs()
			clock := startCPU()
			for b.Loop() {
				sinkNumber, sinkErr = parse(c.in)
			}
			clock.report(b)
		})
		b.Run(c.name+"/regexp", func(b *testing.B) {
			b.ReportAllocs()
			clock := startCPU()
			for b.Loop() {
				sinkString, sinkErr = naiveNormalize(c.in, re)
			}
			clock.report(b)
		})
	}
}

func BenchmarkE164(b *testing.B) {
	n := MustParse("+14152345678")
	b.ReportAllocs()
	for b.Loop() {
		sinkString = n.E164()
	}
}

func BenchmarkRegion(b *testing.B) {
	n := MustParse("+14152345678")
	b.ReportAllocs()
	for b.Loop() {
		sinkString = n.Region().Subdivision
	}
}
