package timezone

import (
	"testing"
	"time"
)

// BenchmarkMayCall: the zero Call (what MayContact asks) beside calls of a known kind and
// relationship, for one state and for an unknown state (every row at once).
func BenchmarkMayCall(b *testing.B) {
	now := time.Date(2025, 7, 2, 18, 0, 0, 0, time.UTC)
	z := MustParse("America/Chicago")
	for _, bc := range []struct {
		name, state string
		call        Call
	}{
		{"zero-TX", "TX", Call{}},
		{"live-TX", "TX", Call{Kind: KindLive}},
		{"autodialed-customer-NV", "NV", Call{Kind: KindAutodialed, Relationship: RelExistingCustomer}},
		{"zero-PA", "PA", Call{}},
		{"zero-unknown-state", "", Call{}},
		{"live-unknown-state", "", Call{Kind: KindLive}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				sinkBool, _ = MayCall(now, z, bc.state, bc.call)
			}
		})
	}
}

// BenchmarkStateHoliday: the day-number rules beside the time.Date reference.
func BenchmarkStateHoliday(b *testing.B) {
	b.Run("day-number", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkBool = StateHoliday("PA", 2025, time.November, 4)
		}
	})
	b.Run("time.Date", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sinkBool = slowStateHoliday("PA", 2025, time.November, 4)
		}
	})
}

// BenchmarkCallingRule: the audit view of a row.
func BenchmarkCallingRule(b *testing.B) {
	day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		_, sinkBool = CallingRule("PA", day)
	}
}

// TestMayCallAllocs pins the allocation count of the common case: none.
func TestMayCallAllocs(t *testing.T) {
	now := time.Date(2025, 7, 2, 18, 0, 0, 0, time.UTC)
	z := MustParse("America/Chicago")
	c, _ := PostalCandidates("36869")
	if n := testing.AllocsPerRun(100, func() { sinkBool, _ = MayCall(now, z, "TX", Call{Kind: KindLive}) }); n != 0 {
		t.Errorf("MayCall one zone: %v allocs", n)
	}
	if n := testing.AllocsPerRun(100, func() { sinkBool, _ = c.MayContact(now, "AL") }); n != 0 {
		t.Errorf("MayContact two zones: %v allocs", n)
	}
}
