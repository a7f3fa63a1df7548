package matching

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/phone"
)

// TestFallbackKeyOfParsedOnce: the key of parsed values is the key of
// their text, and a missing part (a zero date, a zero phone, a blank or
// over-long name) gives no key.
func TestFallbackKeyOfParsedOnce(t *testing.T) {
	d, n := dob.MustNew(1985, 3, 4), phone.MustParse("(212) 736-5000")
	for _, c := range []struct {
		name        string
		first, last string
		d           dob.Date
		n           phone.Number
		want        string
	}{
		{"the rule's example", "José", "O'Brien-Smith", d, n, "jose|obrien smith|1985-03-04|+12127365000"},
		{"ASCII", " JANE ", "Doe", d, n, "jane|doe|1985-03-04|+12127365000"},
		{"no date of birth", "Jane", "Doe", dob.Date{}, n, ""},
		{"no phone", "Jane", "Doe", d, phone.Number{}, ""},
		{"blank first name", " ", "Doe", d, n, ""},
		{"no last name", "Jane", "", d, n, ""},
		{"name with the separator", "Ja|ne", "Doe", d, n, ""},
		{"name past the field limit", string(make([]byte, MaxFieldLen+1)), "Doe", d, n, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, ok := FallbackKeyOf(c.first, c.last, c.d, c.n)
			assert.Equal(t, c.want, got)
			assert.Equal(t, c.want != "", ok)
			// The same key as the text form a host stores.
			if ok {
				viaText, okText := FallbackKey(c.first, c.last, c.d.String(), c.n.E164())
				assert.True(t, okText)
				assert.Equal(t, got, viaText)
			}
		})
	}
}

// FuzzFallbackKeyOf: for any names and any valid date and phone, the key of
// the parsed values equals the key of their text (FallbackKey), so a host's
// stored column and the planner's key never disagree.
func FuzzFallbackKeyOf(f *testing.F) {
	f.Add("José", "O'Brien-Smith", 1985, 3, 4, "2127365000")
	f.Add("ＪＯＨＮ", "ジュン", 2000, 2, 29, "+14158675309")
	f.Add("", "Doe", 1999, 12, 31, "3126034400")
	f.Fuzz(func(t *testing.T, first, last string, y, m, d int, ph string) {
		date, err := dob.New(y, time.Month(m), d)
		if err != nil {
			return
		}
		n, err := phone.ParseLenient(ph)
		if err != nil {
			return
		}
		got, ok := FallbackKeyOf(first, last, date, n)
		want, wantOK := FallbackKey(first, last, date.String(), n.E164())
		if got != want || ok != wantOK {
			t.Fatalf("FallbackKeyOf = %q, %v; FallbackKey of the text = %q, %v", got, ok, want, wantOK)
		}
	})
}

// The fallback key is a pure function of the customer's stored fields:
// whenever a sync changes one of them, the key is recomputed from the merged
// customer, even when the record itself lacks one of the four.
func TestFallbackKeyIsRecomputedFromTheMergedCustomer(t *testing.T) {
	s := fixture(t) // c1: hs HS1, Jane Doe 01/02/1980 (212) 736-5000
	newPhone := "(415) 555-0199"
	// Matched by identifier, new phone, no date of birth.
	byID := Record{FirstName: "Jane", LastName: "Doe", PhoneNumber: phoneOf(newPhone), IDs: ids("HS1", "", "")}
	// The same person, later in the batch, by fallback only.
	byFallback := person([4]string{jane[0], jane[1], jane[2], newPhone}, CustomerIDs{})
	p := planWith(t, s, StrategyLiteral, byID, byFallback)
	require.NoError(t, p.Decisions[0].Err)
	assert.Equal(t, mustKey(t, jane[0], jane[1], jane[2], newPhone), p.Decisions[0].Customer.FallbackKey)
	assert.Equal(t, OutcomeMatched, p.Decisions[1].Customer.Outcome, "the same person later in the batch is not a new customer")
	assert.Equal(t, existing("c1"), p.Decisions[1].Customer.Customer)
	_, err := s.Apply(p)
	require.NoError(t, err)

	// Across syncs: the new phone finds c1, the old phone no longer does.
	again := planWith(t, s, StrategyLiteral, byFallback, person(jane, CustomerIDs{}))
	assert.Equal(t, existing("c1"), again.Decisions[0].Customer.Customer)
	assert.Equal(t, OutcomeNew, again.Decisions[1].Customer.Outcome, "the stale key still matched")

	// A record that sends none of the four keeps the stored key; one that
	// sends a name that cannot be keyed clears it.
	c1 := Customer{ID: "c1", FallbackKey: mustKey(t, jane[0], jane[1], jane[2], jane[3])}
	assert.Equal(t, c1.FallbackKey, mergeFallbackKey(c1.FallbackKey, &Record{}))
	assert.Equal(t, mustKey(t, "Janet", jane[1], jane[2], jane[3]), mergeFallbackKey(c1.FallbackKey, &Record{FirstName: "Janet"}))
	assert.Equal(t, mustKey(t, jane[0], jane[1], "12/31/1979", jane[3]), mergeFallbackKey(c1.FallbackKey, &Record{DateOfBirth: dobOf("12/31/1979")}))
	assert.Empty(t, mergeFallbackKey(c1.FallbackKey, &Record{FirstName: "Ja|ne"}))
	assert.Empty(t, mergeFallbackKey("", &Record{FirstName: "Jane", LastName: "Doe", PhoneNumber: phoneOf(jane[3])}))
}

// FuzzMergeFallbackKey: the key merged from a stored key and a record is the
// key of the merged person (each part the record sends replaces the stored
// one), computed from scratch by FallbackKey.
func FuzzMergeFallbackKey(f *testing.F) {
	f.Add("Jane", "Doe", "01/02/1980", "(212) 736-5000", "", "", "", "(415) 555-0199")
	f.Add("José", "O'Brien", "1985-03-04", "2127365000", "JOSE", "", "12/31/1979", "")
	f.Add("ジュン", "Tanaka", "01/01/1985", "2125550104", "シュン", "", "", "")
	f.Add("Ann", "Lee", "07/08/1985", "(212) 736-5001", "Ann|Marie", "", "", "")
	f.Fuzz(func(t *testing.T, sf, sl, sd, sp, rf, rl, rd, rp string) {
		stored, ok := FallbackKey(sf, sl, sd, sp)
		if !ok {
			return
		}
		r := Record{FirstName: rf, LastName: rl, DateOfBirth: dobOf(rd), PhoneNumber: phoneOf(rp)}
		got := mergeFallbackKey(stored, &r)
		mf, ml, md, mp := sf, sl, sd, sp
		if strings.TrimSpace(rf) != "" {
			mf = rf
		}
		if strings.TrimSpace(rl) != "" {
			ml = rl
		}
		if !r.DateOfBirth.IsZero() {
			md = r.DateOfBirth.String()
		}
		if r.PhoneNumber.IsValid() {
			mp = r.PhoneNumber.E164()
		}
		want, _ := FallbackKey(mf, ml, md, mp)
		if got != want {
			t.Fatalf("merged key %q, the merged person's key %q", got, want)
		}
	})
}
