package matching

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

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
