package timezone

import (
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"

	"github.com/carecycle/carerules/internal/field"
)

// MaxInputLen is the API's field limit for timezone and postalCode, the library's one
// limit: 255 characters counted in UTF-16 code units, as the API's TypeScript schema
// counts them (a character outside the Basic Multilingual Plane counts 2). Longer input
// is rejected before any other work.
const MaxInputLen = field.Limit

// overLimit reports whether s is longer than the field limit. It counts only when the
// byte length leaves the answer open, so ordinary input costs one comparison.
func overLimit(s string) bool { return field.TooLong(s) }

// numZones is the number of canonical zones, plus one for the invalid Zone.
const numZones = len(zoneNames)

// Zone is an IANA time zone from the package's generated name table. It is a small
// comparable value usable as a map key; the zero Zone is invalid. Zones are obtained from
// Parse, ForPostalCode, Resolve or UnmarshalText; the table index inside is not stable
// across tzdata versions, so persist String(), never the struct.
type Zone struct {
	i uint16
}

// IsValid reports whether z is a zone rather than the zero Zone.
func (z Zone) IsValid() bool { return z.i != 0 && int(z.i) < numZones }

// Name returns the canonical IANA name, such as "America/New_York"; "" for the zero Zone.
func (z Zone) Name() string {
	if int(z.i) >= numZones {
		return ""
	}
	return zoneNames[z.i]
}

// String returns z.Name(). Parse(z.String()) == z for every valid z.
func (z Zone) String() string { return z.Name() }

// AppendText appends the canonical name (nothing for the zero Zone) to b.
func (z Zone) AppendText(b []byte) ([]byte, error) { return append(b, z.Name()...), nil }

// MarshalText returns the canonical name; the zero Zone encodes as empty text.
func (z Zone) MarshalText() ([]byte, error) { return z.AppendText(nil) }

// UnmarshalText parses text with Parse; empty text gives the zero Zone and no
// error, and on error z is set to the zero Zone.
func (z *Zone) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*z = Zone{}
		return nil
	}
	p, err := Parse(string(text))
	*z = p // the zero Zone on error, as in the library's other value types
	return err
}

// locations memoizes successful time.LoadLocation results. It is a cache of immutable
// values (a *time.Location is safe for concurrent use), never exposed or written by callers.
var locations [numZones]atomic.Pointer[time.Location]

// Location loads the zone with time.LoadLocation. The result depends on the host's tz data:
// this library does not import time/tzdata (the standard library advises that only a
// program's main package decide that), so a program that may run without zoneinfo files
// should import _ "time/tzdata" itself. Successful loads are cached.
func (z Zone) Location() (*time.Location, error) {
	if !z.IsValid() {
		return nil, newError(FieldTimezone, ErrUnknownZone, "zero Zone")
	}
	if l := locations[z.i].Load(); l != nil {
		return l, nil
	}
	l, err := time.LoadLocation(zoneNames[z.i])
	if err != nil {
		e := newError(FieldTimezone, ErrLocationUnavailable, zoneNames[z.i])
		e.cause = err
		return nil, e
	}
	locations[z.i].Store(l)
	return l, nil
}

// Parse returns the zone named by s: an IANA zone or link name (links, such as US/Eastern,
// canonicalize to their target, America/New_York), or one of the abbreviations and common
// names the API rule lists and the further common US abbreviations (EST, EDT, ET, Eastern -> America/New_York; CST,
// CDT, CT, Central -> America/Chicago; MST, MDT, MT, Mountain -> America/Denver; PST, PDT,
// PT, Pacific -> America/Los_Angeles; AKST, AKDT, AKT, Alaska -> America/Anchorage; HST,
// HAST, Hawaii -> Pacific/Honolulu; HDT, HADT -> America/Adak; AST, Atlantic ->
// America/Puerto_Rico; Arizona -> America/Phoenix; ChST -> Pacific/Guam; SST ->
// Pacific/Pago_Pago; EST5EDT, CST6CDT, MST7MDT, PST8PDT -> the city zone). Matching is
// ASCII case-insensitive ("us/eastern" is accepted); non-ASCII look-alikes are not folded.
// Surrounding white space is trimmed; input longer than MaxInputLen is rejected first.
// The names come from the generated table (TZDataVersion), never from the host, so every
// host answers alike. Parse does not allocate on success.
func Parse(s string) (Zone, error) {
	if overLimit(s) {
		return Zone{}, tooLong(FieldTimezone, s)
	}
	t := trimSpace(s)
	if t == "" {
		return Zone{}, empty(FieldTimezone, s)
	}
	if i := lookup(t); i != 0 {
		return Zone{i: i}, nil
	}
	if !field.ValidName(t) {
		return Zone{}, invalid(FieldTimezone, t)
	}
	return Zone{}, newError(FieldTimezone, ErrUnknownZone, describeName(t))
}

// MustParse is like Parse but panics on error. It is meant for tests and hard-coded names.
func MustParse(s string) Zone {
	z, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return z
}

// trimSpace trims ASCII and Unicode white space without allocating.
func trimSpace(s string) string {
	// Fast path: nothing to trim.
	if s != "" && s[0] > ' ' && s[0] < 0x80 && s[len(s)-1] > ' ' && s[len(s)-1] < 0x80 {
		return s
	}
	return strings.TrimFunc(s, unicode.IsSpace)
}

// keyIndex maps every lookup key to its zone. It is built once, lazily, from the generated
// sorted arrays (about 600 entries); after that it is only read.
var keyIndex = sync.OnceValue(func() map[string]uint16 {
	m := make(map[string]uint16, len(lookupKeys))
	for i, k := range lookupKeys {
		m[k] = lookupZones[i]
	}
	return m
})

// lookup returns the zone of s, folding ASCII upper case; 0 when absent. It lower-cases
// into a stack buffer, and the map index with string(bytes) does not allocate.
func lookup(s string) uint16 {
	if len(s) > maxKeyLen {
		return 0
	}
	var buf [maxKeyLen]byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return keyIndex()[string(buf[:len(s)])]
}
