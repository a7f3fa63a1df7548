package phone

import (
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"
)

// areaCodesTSV is the embedded NANP area-code table: one row per assigned area code
// (npa, country, subdivision, class), tab-separated, sorted by npa, with its source in
// the leading # lines. It is libphonenumber's list of valid +1 area codes plus five
// rows that list lacked in the copy it came from (see the file's header).
//
//go:embed nanp_area_codes.tsv
var areaCodesTSV string

// Class is the kind of an area code, from the embedded area-code table.
type Class uint8

// The classes of area code. The zero Class means "no area code" (the zero Number).
const (
	_             Class = iota
	Geographic          // a geographic area code of a US state or territory, Canadian province or Caribbean country
	TollFree            // 800, 833, 844, 855, 866, 877, 888
	Premium             // 900
	Personal            // 5XX personal communications services
	NonGeographic       // Canadian non-geographic services: 600, 622, 633
	numClasses          // one past the last class, not a class
)

var classNames = [numClasses]string{"", "geographic", "toll_free", "premium", "personal", "nongeographic"}

// String returns the class name used in the area-code table: "geographic", "toll_free",
// "premium", "personal" or "nongeographic", and "" for the zero Class.
func (c Class) String() string {
	if c >= numClasses {
		return ""
	}
	return classNames[c]
}

// Region is where an area code belongs, from the embedded area-code table.
// The zero Region means "none" (the zero Number).
type Region struct {
	// Country is the ISO 3166-1 alpha-2 code of the NANP member: "US", "CA", "JM", ...
	// The US territories (PR, VI, GU, AS, MP) are under "US", as they are US
	// jurisdictions for the TCPA.
	Country string
	// Subdivision is the US state or territory ("NY", "PR") or Canadian province
	// ("ON") of a geographic area code. It is space-separated when one area code serves
	// several ("NS PE", "NT NU YT"), and empty for Caribbean countries and for
	// non-geographic codes (toll-free, premium, personal, Canadian 600/622/633).
	Subdivision string
	// Class is the kind of area code.
	Class Class
}

// areaTable is the parsed area-code table, indexed by the three-digit area code.
// A zero entry is an area code that is not assigned.
type areaTable [1000]Region

// areaCodes returns the parsed embedded table. It is parsed once, on first use.
// The embedded file is part of the source, checked by TestAreaCodeTable, so a parse
// failure is a build defect, not an input error: it panics, as regexp.MustCompile of a
// literal would.
var areaCodes = sync.OnceValue(func() *areaTable {
	t, err := parseAreaCodes(areaCodesTSV)
	if err != nil {
		panic("phone: embedded nanp_area_codes.tsv: " + err.Error())
	}
	return t
})

// parseAreaCodes parses the area-code table: # comment lines, a header line, then rows
// "npa<TAB>country<TAB>subdivision<TAB>class" with npa strictly increasing.
func parseAreaCodes(text string) (*areaTable, error) {
	var t areaTable
	header := false
	prev := -1
	for lineNo, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("line %d: %d fields, want 4", lineNo+1, len(f))
		}
		if !header {
			if line != "npa\tcountry\tsubdivision\tclass" {
				return nil, fmt.Errorf("line %d: unexpected header %q", lineNo+1, line)
			}
			header = true
			continue
		}
		npa, ok := threeDigits(f[0])
		if !ok {
			return nil, fmt.Errorf("line %d: npa %q is not three digits", lineNo+1, f[0])
		}
		if int(npa) <= prev {
			return nil, fmt.Errorf("line %d: npa %s is not after the previous row", lineNo+1, f[0])
		}
		prev = int(npa)
		if len(f[1]) != 2 || !isUpper(f[1]) {
			return nil, fmt.Errorf("line %d: country %q is not an ISO 3166-1 alpha-2 code", lineNo+1, f[1])
		}
		for _, sub := range strings.Fields(f[2]) {
			if len(sub) != 2 || !isUpper(sub) {
				return nil, fmt.Errorf("line %d: subdivision %q is not a two-letter code", lineNo+1, sub)
			}
		}
		if f[2] != strings.Join(strings.Fields(f[2]), " ") {
			return nil, fmt.Errorf("line %d: subdivision %q is not single-space separated", lineNo+1, f[2])
		}
		class := Class(0)
		for c := Geographic; c < numClasses; c++ {
			if classNames[c] == f[3] {
				class = c
			}
		}
		if class == 0 {
			return nil, fmt.Errorf("line %d: unknown class %q", lineNo+1, f[3])
		}
		t[npa] = Region{Country: f[1], Subdivision: f[2], Class: class}
	}
	if !header {
		return nil, errors.New("no header line")
	}
	return &t, nil
}

// threeDigits parses exactly three ASCII digits.
func threeDigits(s string) (uint16, bool) {
	if len(s) != 3 {
		return 0, false
	}
	var v uint16
	for i := 0; i < 3; i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + uint16(d)
	}
	return v, true
}

func isUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
