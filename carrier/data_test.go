package carrier

import (
	"bufio"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// blueByState is the state table of the Blue companies, restated here from
// the BCBSA plan directory (the data file's source): one company, or "multi"
// where several share the state (by mark or by area).
var blueByState = map[string]string{
	"AL": "Blue Cross and Blue Shield of Alabama", "AK": "Premera Blue Cross",
	"AZ": "Blue Cross Blue Shield of Arizona", "AR": "Arkansas Blue Cross and Blue Shield",
	"CA": "multi", "CO": "Anthem Blue Cross and Blue Shield", "CT": "Anthem Blue Cross and Blue Shield",
	"DE": "Highmark Blue Cross Blue Shield", "DC": "CareFirst BlueCross BlueShield", "FL": "Florida Blue",
	"GA": "Anthem Blue Cross and Blue Shield", "HI": "HMSA", "ID": "multi",
	"IL": "Blue Cross and Blue Shield of Illinois", "IN": "Anthem Blue Cross and Blue Shield",
	"IA": "Wellmark Blue Cross and Blue Shield", "KS": "multi", "KY": "Anthem Blue Cross and Blue Shield",
	"LA": "Blue Cross and Blue Shield of Louisiana", "ME": "Anthem Blue Cross and Blue Shield",
	"MD": "CareFirst BlueCross BlueShield", "MA": "Blue Cross Blue Shield of Massachusetts",
	"MI": "Blue Cross Blue Shield of Michigan", "MN": "Blue Cross and Blue Shield of Minnesota",
	"MS": "Blue Cross & Blue Shield of Mississippi", "MO": "multi",
	"MT": "Blue Cross and Blue Shield of Montana", "NE": "Blue Cross and Blue Shield of Nebraska",
	"NV": "Anthem Blue Cross and Blue Shield", "NH": "Anthem Blue Cross and Blue Shield",
	"NJ": "Horizon Blue Cross Blue Shield of New Jersey", "NM": "Blue Cross and Blue Shield of New Mexico",
	"NY": "multi", "NC": "Blue Cross and Blue Shield of North Carolina",
	"ND": "Blue Cross Blue Shield of North Dakota", "OH": "multi",
	"OK": "Blue Cross and Blue Shield of Oklahoma", "OR": "Regence", "PA": "multi",
	"RI": "Blue Cross & Blue Shield of Rhode Island", "SC": "BlueCross BlueShield of South Carolina",
	"SD": "Wellmark Blue Cross and Blue Shield", "TN": "BlueCross BlueShield of Tennessee",
	"TX": "Blue Cross and Blue Shield of Texas", "UT": "Regence", "VT": "Blue Cross and Blue Shield of Vermont",
	"VA": "multi", "WA": "multi", "WV": "Highmark Blue Cross Blue Shield",
	"WI": "Anthem Blue Cross and Blue Shield", "WY": "Blue Cross Blue Shield of Wyoming", "PR": "Triple-S Salud",
}

// deliberatelyShared are the pairs of carriers whose names are equal once
// spaces are removed: a compact-form match between them is never used
// (Resolve answers the spelling given, or ambiguous). Any other shared
// compact form is a data error.
var deliberatelyShared = map[string][2]string{
	"healthfirst": {"healthfirst", "health-first"}, // New York vs Florida
}

var sourceLine = regexp.MustCompile(`^(source|moved): (\d{4})(-\d{2}(-\d{2})?)? \S`)

// TestDefaultIntegrity checks the embedded data: it builds; every state, DC
// and PR has its Blue companies; every entry records where its facts come
// from and when; no name is shared across entries (New enforces exact keys;
// this also checks compact forms); IDs are stable.
func TestDefaultIntegrity(t *testing.T) {
	r, err := Default()
	require.NoError(t, err)
	require.Len(t, stateCodes, 52)
	require.Len(t, blueByState, 52)
	for _, st := range stateCodes {
		var names []string
		for _, c := range r.BlueCompanies(st) {
			names = append(names, c.DisplayName)
		}
		if blueByState[st] == "multi" {
			assert.Greater(t, len(names), 1, "state %s is shared by several Blue companies", st)
		} else {
			assert.Equal(t, []string{blueByState[st]}, names, "state %s", st)
		}
	}
	blues := 0
	for _, c := range r.Carriers() {
		if c.Blue {
			blues++
		}
		assert.NotEmpty(t, c.Parent, "%s has no parent", c.ID)
	}
	assert.Equal(t, 39, blues, "Blue companies (HCSC's five plans and Anthem's California plan separate)")

	entries, err := DefaultEntries()
	require.NoError(t, err)
	display := map[string]string{}
	compact := map[string]string{}
	for _, e := range entries {
		require.NotEmpty(t, e.Sources, "%s records no source", e.ID)
		for _, s := range e.Sources {
			m := sourceLine.FindStringSubmatch(s)
			if assert.NotNil(t, m, "%s: source without a date: %q", e.ID, s) {
				assert.True(t, m[2] >= "1985" && m[2] <= "2026", "%s: implausible year in %q", e.ID, s)
			}
		}
		if prev, ok := display[e.DisplayName]; ok {
			t.Errorf("display name %q of %s is also %s's", e.DisplayName, e.ID, prev)
		}
		display[e.DisplayName] = e.ID
		if e.NotCarrier {
			continue
		}
		for _, a := range slices.Concat([]string{e.DisplayName}, e.Aliases, e.ExactAliases) {
			k := compactKey(Normalize(a))
			if prev, ok := compact[k]; ok && prev != e.ID && !isFamilyOf(entries, prev, e.ID) && !isFamilyOf(entries, e.ID, prev) {
				pair := deliberatelyShared[k]
				if !(pair == [2]string{prev, e.ID} || pair == [2]string{e.ID, prev}) {
					t.Errorf("%q of %s shares its compact form %q with %s", a, e.ID, k, prev)
				}
			}
			compact[k] = e.ID
		}
	}

	// IDs are stable: every listed ID still exists, every ID is listed.
	f, err := os.Open("testdata/ids.txt")
	require.NoError(t, err)
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && l[0] != '#' {
			listed[l] = true
		}
	}
	have := map[string]bool{}
	for _, e := range entries {
		have[e.ID] = true
		assert.True(t, listed[e.ID], "ID %s is not in testdata/ids.txt", e.ID)
	}
	for id := range listed {
		assert.True(t, have[id], "ID %s disappeared: hosts store IDs, keep it", id)
	}
}

func isFamilyOf(entries []Entry, fam, id string) bool {
	for _, e := range entries {
		if e.ID == fam {
			return slices.Contains(e.Members, id)
		}
	}
	return false
}
