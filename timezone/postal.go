package timezone

import (
	"iter"
	"strconv"
	"strings"

	"github.com/carecycle/carerules/internal/field"
	"github.com/carecycle/carerules/internal/usaddr"
)

// maxPostalCandidates is the most zones one ZIP maps to.
const maxPostalCandidates = 2

// MaxCandidates is the capacity of Candidates.
const MaxCandidates = 8

// Candidates is a small ordered set of distinct zones, the primary first: the zones of an
// ambiguous ZIP, or every zone in play for one customer (Resolve adds the given timezone to
// the ZIP's zones; a host may Add the zones of the phone's area code, reference §c.3). It is
// comparable and does not allocate. A contact decision over Candidates uses the most
// restrictive window: contact only when every candidate's window is open.
type Candidates struct {
	z [MaxCandidates]Zone
	n uint8
}

// Len returns the number of zones.
func (c Candidates) Len() int { return int(c.n) }

// At returns the i'th zone, or the zero Zone when i is out of range.
func (c Candidates) At(i int) Zone {
	if i < 0 || i >= int(c.n) {
		return Zone{}
	}
	return c.z[i]
}

// Primary returns the first zone: the data set's answer for a ZIP, the given timezone for
// a Resolve result. The zero Zone when c is empty.
func (c Candidates) Primary() Zone { return c.At(0) }

// Ambiguous reports whether c holds more than one zone.
func (c Candidates) Ambiguous() bool { return c.n > 1 }

// Contains reports whether z is one of the zones.
func (c Candidates) Contains(z Zone) bool {
	for _, x := range c.z[:c.n] {
		if x == z {
			return true
		}
	}
	return false
}

// All iterates over the zones in order.
func (c Candidates) All() iter.Seq[Zone] {
	return func(yield func(Zone) bool) {
		for _, z := range c.z[:c.n] {
			if !yield(z) {
				return
			}
		}
	}
}

// Add returns c with z appended, unless z is invalid or already present (then c unchanged,
// true). It returns false, and c unchanged, when c already holds MaxCandidates zones: the
// caller must then treat the location as unknown rather than drop a zone.
func (c Candidates) Add(z Zone) (Candidates, bool) {
	if !z.IsValid() || c.Contains(z) {
		return c, true
	}
	if int(c.n) == MaxCandidates {
		return c, false
	}
	c.z[c.n] = z
	c.n++
	return c, true
}

// String returns the zone names joined by ", ".
func (c Candidates) String() string {
	var b strings.Builder
	for i, z := range c.z[:c.n] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(z.Name())
	}
	return b.String()
}

// ForPostalCode returns the zone of a US ZIP code, accepted as 12345, 12345-6789 or
// 123456789 (a ZIP+4's last four digits do not change the zone). Surrounding white space is
// trimmed; nothing else is dropped ("12345 6789", "1234", en dashes and non-ASCII digits are
// ErrPostalCodeFormat).
//
// Errors: ErrEmpty, ErrTooLong, ErrPostalCodeFormat, ErrMilitaryPostalCode (APO/FPO/DPO
// 090-098, 340, 962-966: never guessed), ErrUnknownPostalCode (not in the data: never
// guessed). For a ZIP that spans several zones (57532, 57601, 86004, 86040, 89024,
// 36854-36877) it returns the primary zone together with an ErrAmbiguousPostalCode error,
// so that no caller picks one zone silently; PostalCandidates returns all of them.
func ForPostalCode(zip string) (Zone, error) {
	set, n, err := lookupPostal(zip)
	if err != nil {
		return Zone{}, err
	}
	zs := &zipSets[set]
	if zs[1] != 0 {
		return Zone{i: zs[0]}, newError(FieldPostalCode, ErrAmbiguousPostalCode, zip3(n))
	}
	return Zone{i: zs[0]}, nil
}

// PostalCandidates is like ForPostalCode but returns every candidate zone of the ZIP, the
// primary first; an ambiguous ZIP is not an error here. It does not allocate on success.
func PostalCandidates(zip string) (Candidates, error) {
	set, _, err := lookupPostal(zip)
	if err != nil {
		return Candidates{}, err
	}
	var c Candidates
	for _, i := range zipSets[set] {
		if i != 0 {
			c.z[c.n] = Zone{i: i}
			c.n++
		}
	}
	return c, nil
}

// lookupPostal validates zip and returns its zipSets index and ZIP5.
func lookupPostal(zip string) (set uint8, zip5 int, err error) {
	if overLimit(zip) {
		return 0, 0, tooLong(FieldPostalCode, zip)
	}
	t := trimSpace(zip)
	if t == "" {
		return 0, 0, empty(FieldPostalCode, zip)
	}
	n, ok := usaddr.ParseZIP(t)
	if !ok {
		if !field.ValidName(t) {
			return 0, 0, invalid(FieldPostalCode, t)
		}
		return 0, 0, newError(FieldPostalCode, ErrPostalCodeFormat, describeZIP(t))
	}
	if isMilitaryZIP(n) {
		return 0, n, newError(FieldPostalCode, ErrMilitaryPostalCode, zip3(n))
	}
	s, ok := lookupZIP(n)
	if !ok {
		return 0, n, newError(FieldPostalCode, ErrUnknownPostalCode, zip3(n))
	}
	return s, n, nil
}

// isMilitaryZIP reports the APO/FPO/DPO prefixes 090-098 (AE), 340 (AA), 962-966 (AP).
func isMilitaryZIP(zip int) bool {
	p := zip / 100
	return (p >= 90 && p <= 98) || p == 340 || (p >= 962 && p <= 966)
}

// lookupZIP returns the zipSets index of a ZIP5 present in the data.
func lookupZIP(n int) (uint8, bool) {
	if n < 0 || n >= 100000 || zipBits[n>>3]&(1<<(n&7)) == 0 {
		return 0, false
	}
	// The last run starting at or before n: a run starting within n's ZIP3 block, or else
	// the last run before the block.
	p := n / 100
	lo, i := int(zipRunIndex[p]), int(zipRunIndex[p+1])-1
	for i >= lo && int(zipRuns[i]>>8) > n {
		i--
	}
	if i < 0 {
		return 0, false // unreachable: the first run starts at the first listed ZIP
	}
	return uint8(zipRuns[i]), true
}

// describeZIP describes malformed postal-code input without repeating its digits.
func describeZIP(s string) string {
	digits := 0
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			digits++
		}
	}
	return strconv.Itoa(len(s)) + " bytes, " + strconv.Itoa(digits) + " ASCII digits"
}

// TableSize is the size in bytes of the embedded ZIP table: the runs, their ZIP3 index,
// the zone sets and the existence bitmap.
const TableSize = len(zipRuns)*4 + len(zipRunIndex)*2 + len(zipSets)*maxPostalCandidates*2 + len(zipBits)
