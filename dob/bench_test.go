package dob

import "testing"

// benchInputs are the input shapes of the Parse benchmarks, valid and
// invalid (for a validator, invalid input is a hot path too).
var benchInputs = []struct{ name, in string }{
	{"valid", "07/04/1976"},
	{"mixed", "07-04/1976"},
	{"spaces", "  07/04/1976 "},
	{"bad_format", "7/4/1976"},
	{"bad_calendar", "02/30/1976"},
}

var sinkDate Date

// BenchmarkParse is the hand-written scanner.
func BenchmarkParse(b *testing.B) {
	for _, bi := range benchInputs {
		b.Run(bi.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkDate, _ = Parse(bi.in)
			}
		})
	}
}

// BenchmarkParseRegexp is the obvious alternative, for the ratio: the
// documented regexp followed by time.Parse (see naiveParse in slow_test.go).
// It does not even trim white space.
func BenchmarkParseRegexp(b *testing.B) {
	for _, bi := range benchInputs {
		b.Run(bi.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				t, ok := naiveParse(bi.in)
				if ok {
					sinkDate = FromTime(t)
				}
			}
		})
	}
}

func BenchmarkParseISO(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sinkDate, _ = ParseISO("1976-07-04")
	}
}

func BenchmarkString(b *testing.B) {
	d := MustNew(1976, 7, 4)
	b.ReportAllocs()
	var s string
	for b.Loop() {
		s = d.String()
	}
	_ = s
}

func BenchmarkAgeOnCheckOn(b *testing.B) {
	d, today := MustNew(1976, 7, 4), MustNew(2026, 6, 15)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		n += d.AgeOn(today)
		if d.CheckOn(today) != nil {
			n++
		}
	}
	_ = n
}
