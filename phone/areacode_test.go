package phone

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The embedded table is well formed and says what the reference says.
func TestAreaCodeTable(t *testing.T) {
	tab, err := parseAreaCodes(areaCodesTSV)
	require.NoError(t, err)
	assert.Same(t, areaCodes(), areaCodes(), "parsed once")

	// The source note is kept.
	assert.True(t, strings.HasPrefix(areaCodesTSV, "# NANP area codes that libphonenumber"), "source note first")
	assert.Contains(t, areaCodesTSV, "nyaruka/phonenumbers v1.8.1, Apache-2.0")
	assert.Contains(t, areaCodesTSV, "# carerules addition")

	// Rows: sorted, no duplicates (parseAreaCodes enforces strictly increasing npa; this
	// checks it independently on the raw text).
	var npas []string
	for _, line := range strings.Split(areaCodesTSV, "\n") {
		if line == "" || line[0] == '#' || strings.HasPrefix(line, "npa\t") {
			continue
		}
		npas = append(npas, line[:strings.IndexByte(line, '\t')])
	}
	assert.True(t, slices.IsSorted(npas), "sorted")
	assert.Len(t, slices.Compact(slices.Clone(npas)), len(npas), "no duplicate NPA")

	counts := map[Class]int{}
	countries := map[string]int{}
	assigned := 0
	for npa, r := range tab {
		if r == (Region{}) {
			continue
		}
		assigned++
		counts[r.Class]++
		countries[r.Country]++
		d0, d1, d2 := npa/100, npa/10%10, npa%10
		// Shape: [2-9][0-8]X, not N11, not the reserved 37X and 96X.
		assert.True(t, d0 >= 2, "%03d starts with 0 or 1", npa)
		assert.NotEqual(t, 9, d1, "%03d is N9X (expansion)", npa)
		assert.False(t, d1 == 1 && d2 == 1, "%03d is N11", npa)
		assert.False(t, npa/10 == 37 || npa/10 == 96, "%03d is reserved 37X/96X", npa)
		assert.NotEqual(t, 555, npa)
		switch r.Class {
		case Geographic:
			if r.Country == "US" || r.Country == "CA" {
				assert.NotEmpty(t, r.Subdivision, "%03d: a US or Canadian geographic code has a subdivision", npa)
			} else {
				assert.Empty(t, r.Subdivision, "%03d: a Caribbean country has no subdivision", npa)
			}
		default:
			assert.Empty(t, r.Subdivision, "%03d: non-geographic codes have no subdivision", npa)
		}
	}
	assert.Equal(t, len(npas), assigned)
	assert.Equal(t, 468, assigned, "463 reference rows + 5 added")

	// Counts by class, against NANPA's published special codes.
	assert.Equal(t, []int{800, 833, 844, 855, 866, 877, 888}, npasOf(tab, TollFree))
	assert.Equal(t, []int{900}, npasOf(tab, Premium))
	assert.Equal(t, []int{600, 622, 633}, npasOf(tab, NonGeographic))
	for _, npa := range npasOf(tab, Personal) {
		assert.Equal(t, 5, npa/100, "personal codes are 5XX")
		d1, d2 := npa/10%10, npa%10
		assert.True(t, d1 == d2 || d1 == 2 || d1 == 3, "%d: personal codes are 5NN-shaped or 52X/53X", npa)
	}
	assert.Len(t, npasOf(tab, Personal), 16)
	assert.Greater(t, counts[Geographic], 400)
	assert.Less(t, counts[Geographic], 800, "NANP has 800 possible geographic NPAs")
	// Per country: Canada 58; one or more per Caribbean country.
	assert.Equal(t, 58, countries["CA"])
	assert.Greater(t, countries["US"], 380)
	for _, c := range []string{"AG", "AI", "BB", "BM", "BS", "DM", "DO", "GD", "JM", "KN", "KY", "LC", "MS", "SX", "TC", "TT", "VC", "VG"} {
		assert.Positive(t, countries[c], c)
	}
	assert.Len(t, countries, 20, "US, CA and 18 Caribbean/Atlantic members")
}

// The personal-codes check above allows 52X and 53X; pin the exact list so that a
// wrong row cannot hide behind the loose shape check.
func TestAreaCodeTable_Personal(t *testing.T) {
	want := []int{500, 521, 522, 523, 524, 525, 526, 527, 528, 529, 532, 533, 544, 566, 577, 588}
	assert.Equal(t, want, npasOf(areaCodes(), Personal))
}

// The embedded table is the reviewed one: any change to the data file must
// be deliberate, with its source recorded in the file's header and this
// checksum updated in the same commit. The five rows added to the NANPA
// list (264 AI, 664 MS, 684 AS, 721 SX, 869 KN) are present.
func TestAreaCodeTable_Integrity(t *testing.T) {
	sum := sha256.Sum256([]byte(areaCodesTSV))
	assert.Equal(t, "c75d923c87540d8846cdb7bfd9aa45b7fd3a5ba97b679c718e908fa6f9e2d152", hex.EncodeToString(sum[:]))
	for _, row := range []string{
		"264\tAI\t\tgeographic",
		"664\tMS\t\tgeographic",
		"684\tUS\tAS\tgeographic",
		"721\tSX\t\tgeographic",
		"869\tKN\t\tgeographic",
	} {
		assert.Contains(t, areaCodesTSV, "\n"+row+"\n")
	}
	assert.True(t, strings.HasPrefix(areaCodesTSV, "#"), "the source is recorded in the leading # lines")
}

func TestParseAreaCodes_Errors(t *testing.T) {
	const header = "npa\tcountry\tsubdivision\tclass\n"
	for name, text := range map[string]string{
		"no header":      "201\tUS\tNJ\tgeographic\n",
		"bad header":     "npa\tcountry\n",
		"fields":         header + "201\tUS\tNJ\n",
		"npa":            header + "2O1\tUS\tNJ\tgeographic\n",
		"unsorted":       header + "202\tUS\tDC\tgeographic\n201\tUS\tNJ\tgeographic\n",
		"duplicate":      header + "201\tUS\tNJ\tgeographic\n201\tUS\tNJ\tgeographic\n",
		"country":        header + "201\tUSA\tNJ\tgeographic\n",
		"subdivision":    header + "201\tUS\tnj\tgeographic\n",
		"double space":   header + "902\tCA\tNS  PE\tgeographic\n",
		"class":          header + "201\tUS\tNJ\tmobile\n",
		"empty document": "",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := parseAreaCodes(text)
			assert.Error(t, err)
		})
	}
	tab, err := parseAreaCodes("# note\n" + header + "201\tUS\tNJ\tgeographic\n902\tCA\tNS PE\tgeographic\n")
	require.NoError(t, err)
	assert.Equal(t, Region{"CA", "NS PE", Geographic}, tab[902])
	assert.Equal(t, Region{}, tab[202])
}

func npasOf(tab *areaTable, c Class) []int {
	var out []int
	for npa, r := range tab {
		if r.Class == c {
			out = append(out, npa)
		}
	}
	return out
}
