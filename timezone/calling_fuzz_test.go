package timezone

import (
	"testing"
	"time"
)

// FuzzMayCall: invalid input never allows a call; out-of-range kinds and relationships
// answer as the safest values; a stricter Call (kind unknown, relationship none) is never
// allowed where the Call is refused, nor has a wider window; next is after now and the
// answer flips there; an allowed instant lies in the day's window.
func FuzzMayCall(f *testing.F) {
	// states[i]: "", PR, ZZ, then the rows in order (UT 47, PA 41, SD 44); zones 99
	// America/Denver, 151 America/New_York, 88 America/Chicago.
	f.Add(int64(1751817600), uint16(99), uint8(47), uint8(0), uint8(2))  // UT Sunday 10:00, consent
	f.Add(int64(1792332000), uint16(151), uint8(41), uint8(3), uint8(1)) // PA Act 47's first day (Sunday)
	f.Add(int64(1751727600), uint16(88), uint8(44), uint8(1), uint8(0))  // SD Saturday 10:00, live
	f.Add(int64(0), uint16(1), uint8(0), uint8(200), uint8(200))
	states := []string{"", "PR", "ZZ"}
	for _, r := range stateRows {
		states = append(states, r.state)
	}
	f.Fuzz(func(t *testing.T, sec int64, zi uint16, si, kind, rel uint8) {
		now := time.Unix(sec%(1<<34), 0).UTC() // years 1425 to 2514
		z := Zone{i: zi % uint16(numZones)}
		st := states[int(si)%len(states)]
		call := Call{Kind: CallKind(kind), Relationship: Relationship(rel)}
		ok, next := MayCall(now, z, st, call)
		if !z.IsValid() || st == "ZZ" {
			if ok || !next.IsZero() {
				t.Fatalf("invalid input allowed a call: %v %v", ok, next)
			}
			return
		}
		if _, err := z.Location(); err != nil {
			t.Skip(err)
		}
		if ok2, next2 := MayCall(now, z, st, call.norm()); ok2 != ok || !next2.Equal(next) {
			t.Fatalf("%+v and its normal form %+v answer differently", call, call.norm())
		}
		checkMonotone(t, now, z, st, call)
		if next.IsZero() {
			if ok {
				t.Fatalf("open with no end")
			}
			return
		}
		if !next.After(now) {
			t.Fatalf("%v %v %s %+v: next %v not after now", now, z, st, call, next)
		}
		if ok2, _ := MayCall(next, z, st, call); ok2 == ok {
			t.Fatalf("%v %v %s %+v: answer %v does not change at next %v", now, z, st, call, ok, next)
		}
		if ok {
			w, err := CallWindow(z, st, now, call)
			if err != nil || !w.Contains(now) {
				t.Fatalf("%v %v %s %+v: open, but the window %v does not contain it (%v)", now, z, st, call, w, err)
			}
		}
	})
}
