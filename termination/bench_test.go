package termination

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/carecycle/carerules/dob"
)

// customer50 is a customer with 50 policies in every effectiveDate form,
// some old enough, some not, some not ACA, some terminal, some unparseable,
// and the effectiveDates as stored (raw), which the input holds read.
func customer50() (in Input, raw []string) {
	forms := []string{"2019-03-%02d", "03/%02d/2020", "3/%d/2021", "03-%02d-2025", "2022-03-%02dT10:00:00-05:00"}
	statuses := []Status{StatusActive, StatusPending, StatusTerminated, StatusSuspended, StatusCancelled}
	in = Input{CreatedACA: true, Today: dob.MustNew(2026, 1, 15)}
	for i := range 50 {
		p := Policy{
			ID:     fmt.Sprintf("pol-%02d", i),
			Type:   "ACA",
			Status: statuses[i%len(statuses)],
		}
		eff := fmt.Sprintf(forms[i%len(forms)], 1+i%28)
		switch i % 10 {
		case 7:
			p.Type = "MA"
		case 6:
			eff = "31/12/2020" // DD/MM: unparseable
		}
		p.EffectiveDate = ReadEffectiveDate(eff)
		in.Policies = append(in.Policies, p)
		raw = append(raw, eff)
	}
	return in, raw
}

// BenchmarkDecide50 is the decision for a customer with 50 policies, the
// caller supplying the output (0 allocs/op).
func BenchmarkDecide50(b *testing.B) {
	in, _ := customer50()
	d := Decision{Terminate: make([]Termination, 0, 50), Skipped: make([]Skip, 0, 50)}
	b.ReportAllocs()
	for b.Loop() {
		_ = DecideInto(&d, in)
	}
}

// BenchmarkDecide50Alloc is the same through Decide, which allocates the
// output.
func BenchmarkDecide50Alloc(b *testing.B) {
	in, _ := customer50()
	b.ReportAllocs()
	for b.Loop() {
		_, _ = Decide(in)
	}
}

// BenchmarkDecide50Read is the decision with the 50 effectiveDates read
// from their stored text first (ReadEffectiveDate), as a host that stores
// them as text pays: the fair comparison with the naive version.
func BenchmarkDecide50Read(b *testing.B) {
	in, raw := customer50()
	d := Decision{Terminate: make([]Termination, 0, 50), Skipped: make([]Skip, 0, 50)}
	b.ReportAllocs()
	for b.Loop() {
		for i, s := range raw {
			in.Policies[i].EffectiveDate = ReadEffectiveDate(s)
		}
		_ = DecideInto(&d, in)
	}
}

// BenchmarkDecide50Naive is the obvious alternative, for the ratio:
// time.Parse over a list of layouts per policy and AddDate.
func BenchmarkDecide50Naive(b *testing.B) {
	in, raw := customer50()
	b.ReportAllocs()
	for b.Loop() {
		_ = naiveDecide(in, raw)
	}
}

var sinkDate dob.Date

func BenchmarkParseEffectiveDate(b *testing.B) {
	for _, s := range []string{"2024-02-29", "2/29/2024", "02-29-2024", "2024-02-29T23:30:00.123-05:00", "31/12/2024"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkDate, _ = ParseEffectiveDate(s)
			}
		})
	}
}

func BenchmarkParseStatus(b *testing.B) {
	for _, s := range []string{"Active", "not approved", "Bogus"} {
		b.Run(s, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_, _ = ParseStatus(s)
			}
		})
	}
}

// TestNoAllocs pins zero allocations for the decision with a caller-supplied
// output, and for valid parses.
func TestNoAllocs(t *testing.T) {
	in, _ := customer50()
	d := Decision{Terminate: make([]Termination, 0, 50), Skipped: make([]Skip, 0, 50)}
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = DecideInto(&d, in) }), "DecideInto")
	assert.NotEmpty(t, d.Terminate)
	assert.NotEmpty(t, d.Skipped)
	for _, s := range []string{"2024-02-29", "2/29/2024", "2024-02-29T23:30:00Z"} {
		assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = ParseEffectiveDate(s) }), s)
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = ParseStatus(" pending followup ") }))
}

// TestCustomer50: the benchmark's customer decided by hand. Today is
// 2026-01-15; the effective dates are in March of 2019, 2020, 2021, 2025
// and 2022 for forms 0 to 4, so all but form 3 (2025, anniversary in March
// 2026) are more than one year old. i%5 is both the form and the status
// index; statuses 2 (Terminated) and 4 (Cancelled) are terminal. i%10 == 7
// is MA, i%10 == 6 has the unparseable 31/12/2020. Per ten policies, by
// i%10: 0, 1, 5 terminated; 2, 4, 9 terminal; 3, 8 not yet one year;
// 6 unparseable; 7 not ACA (checked before status). Times five.
func TestCustomer50(t *testing.T) {
	in, _ := customer50()
	d, err := Decide(in)
	assert.NoError(t, err)
	assert.Len(t, d.Terminate, 15)
	reasons := map[SkipReason]int{}
	for _, s := range d.Skipped {
		reasons[s.Reason]++
	}
	assert.Equal(t, map[SkipReason]int{SkipTerminal: 15, SkipNotYetOneYear: 10,
		SkipEffectiveDateInvalid: 5, SkipNotACA: 5}, reasons)
}

// TestNaiveIsWrongOnFeb29 shows why the benchmark's naive version is not a
// substitute: AddDate makes one year after Feb 29 Mar 1, so on Mar 1 it
// does not terminate a policy the rule terminates.
func TestNaiveIsWrongOnFeb29(t *testing.T) {
	in := Input{CreatedACA: true, Today: dob.MustNew(2025, 3, 1),
		Policies: []Policy{{ID: "leap", Type: "ACA", Status: StatusActive, EffectiveDate: ReadEffectiveDate("2024-02-29")}}}
	d, err := Decide(in)
	assert.NoError(t, err)
	assert.Len(t, d.Terminate, 1)
	assert.Empty(t, naiveDecide(in, []string{"2024-02-29"}))
}
