package carrier

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// structCase: a name, the customer's state, the outcome (display name,
// unknown, ambiguous, state_required) and, for an answer, the method.
type structCase struct {
	name, state, want string
	method            Method
}

func runStructCases(t *testing.T, r *Registry, cases []structCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name+"|"+c.state, func(t *testing.T) {
			m, err := r.Resolve(Query{Name: c.name, State: c.state})
			assert.Equal(t, c.want, outcome(m, err))
			if err == nil && c.method != MethodNone {
				assert.Equal(t, c.method, m.Method)
				assert.Equal(t, 1.0, m.Score)
			}
		})
	}
}

func mustDefault(t *testing.T) *Registry {
	t.Helper()
	r, err := Default()
	require.NoError(t, err)
	return r
}

// Rule: "<brand> of <State>" and "<brand> Insurance Company of <State>" (and
// of a region) name the brand's carrier.
func TestStructureBrandOfState(t *testing.T) {
	runStructCases(t, mustDefault(t), []structCase{
		{"Oscar Insurance Company of Florida", "", "Oscar Health", MethodStructure},
		{"Oscar Health Plan of Georgia", "", "Oscar Health", MethodStructure},
		{"Humana Insurance Company of New York", "", "Humana", MethodStructure},
		{"Kaiser Foundation Health Plan of the Northwest", "", "Kaiser Permanente", MethodStructure},
		{"UnitedHealthcare Insurance Company of the River Valley", "", "UnitedHealthcare", MethodStructure},
		{"UnitedHealthcare of the Mid-Atlantic, Inc.", "", "UnitedHealthcare", MethodStructure},
		{"Care Improvement Plus South Central Insurance Company", "", "UnitedHealthcare", MethodStructure},
		{"Molina Healthcare of Texas", "", "Molina Healthcare", MethodAlias},
		{"Aetna Health Inc. (PA)", "", "Aetna", MethodStructure},
		// a specific Blue company never reaches a state it does not serve
		{"Anthem Blue Cross of Ohio", "", "unknown", MethodNone},
		{"Anthem Blue Cross and Blue Shield of Texas", "", "unknown", MethodNone},
	})
}

// Rule: a state named in the input picks the state when the customer's is
// absent, as for generic Blue names.
func TestStructureNamedStatePicks(t *testing.T) {
	runStructCases(t, mustDefault(t), []structCase{
		{"Anthem of Ohio", "", "Anthem Blue Cross and Blue Shield", MethodFamily},
		{"Anthem of California", "", "Anthem Blue Cross", MethodFamily},
		{"Anthem Health Plan of California", "", "Anthem Blue Cross", MethodFamily},
		{"Health Care Service Corporation of Texas", "", "Blue Cross and Blue Shield of Texas", MethodFamily},
		{"Blue Cross Blue Shield of Georgia", "", "Anthem Blue Cross and Blue Shield", MethodAlias}, // a former legal name
		{"BCBS of GA", "", "Anthem Blue Cross and Blue Shield", MethodState},
		{"Anthem", "", "ambiguous", MethodNone},
	})
}

// Rule: filing abbreviations ("Ins Co", "HP", "Serv") are spelled out.
func TestStructureFilingAbbreviations(t *testing.T) {
	runStructCases(t, mustDefault(t), []structCase{
		{"Humana Ins Co", "", "Humana", MethodStructure},
		{"Humana Ins Co of NY", "", "Humana", MethodStructure},
		{"Aetna Health & Life Ins Co", "", "Aetna", MethodStructure},
		{"Priority HP", "", "Priority Health", MethodStructure},
		{"Health Care Serv Corp", "IL", "Blue Cross and Blue Shield of Illinois", MethodFamily},
		{"United HealthCare Ins. Co./AARP", "", "UnitedHealthcare", MethodStructure},
		{"Acme Ins Co", "", "unknown", MethodNone},
	})
}

// Rule: product and plan words after a name do not change the carrier.
func TestStructureProductWords(t *testing.T) {
	runStructCases(t, mustDefault(t), []structCase{
		{"Aetna Medicare Advantage HMO", "", "Aetna", MethodStructure},
		{"Mutual of Omaha Medicare Supplement Plan G", "", "Mutual of Omaha", MethodStructure},
		{"Humana Gold Plus H1036-077", "", "Humana", MethodStructure},
		{"Medicare Advantage (Humana)", "", "Humana", MethodStructure},
		{"Humana Gold Plus (HMO)", "", "Humana", MethodStructure},
		// Cigna's Medicare names went to HealthSpring with the business
		{"Cigna Medicare Supplement Plan G", "", "HealthSpring", MethodStructure},
		{"Cigna Medicare Rx", "", "HealthSpring", MethodStructure},
		// a product-word reduction another carrier's name fits better
		{"Medica Healthcare", "", "ambiguous", MethodNone},
		// generic words never become a carrier
		{"Community Health Plan of Washington", "", "unknown", MethodNone},
		{"Group Health Plan, Inc.", "", "unknown", MethodNone},
	})
}

// Rule: "<legal name> dba <brand>": either names the carrier; two
// different carriers are unknown.
func TestStructureDBA(t *testing.T) {
	runStructCases(t, mustDefault(t), []structCase{
		{"Celtic Insurance Company dba Ambetter", "", "Ambetter", MethodStructure},
		{"Acme Insurance Company d/b/a Ambetter", "", "Ambetter", MethodStructure},
		{"Good Health HMO, Inc. d/b/a Blue-Care HMO", "", "Blue Cross and Blue Shield of Kansas City", MethodStructure},
		{"USAble Mutual Insurance Company dba Arkansas Blue Cross and Blue Shield", "", "Arkansas Blue Cross and Blue Shield", MethodStructure},
		{"HMO Minnesota doing business as Blue Plus", "", "Blue Cross and Blue Shield of Minnesota", MethodStructure},
		{"Celtic Insurance Company (dba Ambetter)", "", "Ambetter", MethodStructure},
		{"Aetna dba Humana", "", "unknown", MethodNone},
		{"Acme dba Zenith", "", "unknown", MethodNone},
	})
}

// Rule: "<brand> (<parent brand>)" names the brand; the parent only has to
// agree; an unknown brand is never its parent.
func TestStructureParenthesizedParent(t *testing.T) {
	runStructCases(t, mustDefault(t), []structCase{
		{"CarePlus Health Plans (Humana)", "", "CarePlus Health Plans", MethodStructure},
		{"Wellcare (Centene)", "", "Wellcare", MethodStructure},
		{"Peoples Health (UnitedHealthcare)", "", "Peoples Health", MethodStructure},
		{"FirstCare (SHA)", "", "FirstCare Health Plans", MethodStructure},
		{"AmBetter (Celtic)", "", "Ambetter", MethodStructure},
		{"Anthem (BCBS)", "GA", "Anthem Blue Cross and Blue Shield", MethodExact}, // its key is the display name's
		// Georgia's Blue company is Anthem, but AMGP is Anthem's non-Blue plan
		{"Anthem (AMGP)", "GA", "Wellpoint", MethodStructure},
		{"Anthem (Acme)", "GA", "ambiguous", MethodNone},
		{"Acme Health (Aetna)", "", "unknown", MethodNone},
		{"Humana (Aetna)", "", "unknown", MethodNone},
	})
}

// Rule: "X, a Division of Y" and "X, an Independent Licensee of the Blue
// Cross and Blue Shield Association" name X.
func TestStructureDivisionOf(t *testing.T) {
	runStructCases(t, mustDefault(t), []structCase{
		{"Blue Cross and Blue Shield of Oklahoma, a division of Health Care Service Corporation", "", "Blue Cross and Blue Shield of Oklahoma", MethodNone},
		{"Anthem Blue Cross and Blue Shield, an independent licensee of the Blue Cross and Blue Shield Association", "OH", "Anthem Blue Cross and Blue Shield", MethodStructure},
		{"Volunteer State Health Plan, an Independent Licensee of the BlueCross BlueShield Association", "", "BlueCross BlueShield of Tennessee", MethodStructure},
		{"Blue Cross & Blue Shield of Mississippi, A Mutual Insurance Company", "", "Blue Cross & Blue Shield of Mississippi", MethodStructure},
		{"Acme Health, a subsidiary of Aetna", "", "unknown", MethodNone},
	})
}

// Rule: "<brand> from <plan>" and "<brand> by <parent>" name the brand;
// "<product> underwritten by <insurer>" names either.
func TestStructureFromBy(t *testing.T) {
	runStructCases(t, mustDefault(t), []structCase{
		{"Ambetter from Peach State Health Plan", "", "Ambetter", MethodStructure},
		{"Ambetter from Health Net", "", "Ambetter", MethodStructure},
		{"Ambetter from Superior Healthplan underwritten by Celtic Insurance Company", "", "Ambetter", MethodStructure},
		{"Wellcare by Health Net", "", "Wellcare", MethodAlias},
		{"AARP Medicare Supplement Insurance Plans, insured by UnitedHealthcare Insurance Company", "", "UnitedHealthcare", MethodStructure},
		{"Ambetter from Aetna", "", "unknown", MethodNone},
		{"Acme from Humana", "", "unknown", MethodNone},
	})
}

// Rule: two companies joined by "/" name one carrier only if they agree;
// two carriers named in one field are unknown.
func TestStructureSlashAndTwoCarriers(t *testing.T) {
	runStructCases(t, mustDefault(t), []structCase{
		{"UHC/AARP", "", "UnitedHealthcare", MethodStructure},
		{"Community Insurance Company (Anthem/Wellpoint)", "OH", "Anthem Blue Cross and Blue Shield", MethodStructure},
		{"BC/BS", "TX", "Blue Cross and Blue Shield of Texas", MethodState},
		{"Humana / Aetna", "", "unknown", MethodNone},
		{"Aetna/Acme", "", "unknown", MethodNone},
		{"Humana Aetna", "", "unknown", MethodNone},
		{"Aetna Cigna", "", "unknown", MethodNone},
		{"Humana CarePlus", "", "unknown", MethodNone},
		{"BCBS Humana", "TX", "unknown", MethodNone},
		{"Ambetter Celtic", "", "Ambetter", MethodStructure},
	})
}

// Rule: government programs and their contractors stay unknown, also
// inside a structured name.
func TestStructureGovernmentPrograms(t *testing.T) {
	runStructCases(t, mustDefault(t), []structCase{
		{"Medicare/Humana", "", "unknown", MethodNone},
		{"Tricare (Humana Military)", "", "unknown", MethodNone},
		{"Humana Military", "", "unknown", MethodNone},
		{"Medicaid", "TX", "unknown", MethodNone},
		{"Aetna (Medicaid)", "", "Aetna", MethodStructure},
	})
}

// Rule: spacing and punctuation never merge two companies: a compact-form
// match counts only when it is unique and uncontested. Checked on a host
// registry so that it holds whatever the embedded data.
func TestSpacingNeverMerges(t *testing.T) {
	r, err := New([]Entry{
		{ID: "hf-fl", DisplayName: "Health First", Aliases: []string{"Health First Health Plans"}},
		{ID: "hf-ny", DisplayName: "Healthfirst", Aliases: []string{"Healthfirst Health Plan"}},
		{ID: "hp-mn", DisplayName: "HealthPartners"},
		{ID: "hp-pa", DisplayName: "Health Partners Plans"},
		{ID: "cs", DisplayName: "CareSource"},
	})
	require.NoError(t, err)
	runStructCases(t, r, []structCase{
		{"Health First", "", "Health First", MethodExact},
		{"Healthfirst", "", "Healthfirst", MethodExact},
		{"HealthFirst", "", "Healthfirst", MethodExact},
		{"Health-First", "", "Health First", MethodExact},
		{"Health First Health Plan", "", "Health First", MethodStructure},
		{"Health First Medicare", "", "Health First", MethodStructure},
		{"Healthfirst Medicare", "", "Healthfirst", MethodStructure},
		{"Health Partners", "", "ambiguous", MethodNone},
		{"Care Source", "", "CareSource", MethodAlias},
		{"Care Source of Ohio", "", "CareSource", MethodStructure},
	})
	_, err = r.Resolve(Query{Name: "Health Partners"})
	var e *Error
	require.True(t, errors.As(err, &e))
	var ids []string
	for _, c := range e.Candidates() {
		ids = append(ids, c.ID)
	}
	assert.ElementsMatch(t, []string{"hp-mn", "hp-pa"}, ids)
}

// Rule: a name whose owner changed resolves to the current owner only when
// the change is certain and recorded with its date; otherwise ambiguous.
func TestOwnerChange(t *testing.T) {
	r := mustDefault(t)
	runStructCases(t, r, []structCase{
		{"Cigna Medicare Supplement", "", "HealthSpring", MethodAlias},
		{"American Retirement Life Insurance Company", "", "HealthSpring", MethodAlias},
		{"Cigna-HealthSpring", "", "HealthSpring", MethodAlias},
		{"Cigna Health and Life Insurance Company", "", "Cigna Healthcare", MethodAlias},
		{"Loyal American Life Insurance Company", "", "ambiguous", MethodNone},
		// a Cigna name reached only by dropping Medicare words: the Medicare
		// business was sold, which carrier holds the policy is not in the name
		{"Cigna Health and Life Insurance Company Medicare Supplement", "", "ambiguous", MethodNone},
		{"Cigna HealthCare of Arizona Medicare Advantage", "", "ambiguous", MethodNone},
		{"Cigna Medicare Supplement Plan G", "", "HealthSpring", MethodStructure},
		{"Cigna Dental PPO", "", "Cigna Healthcare", MethodStructure},
		{"Cigna National Health Insurance Company", "TX", "ambiguous", MethodNone},
	})
	entries, err := DefaultEntries()
	require.NoError(t, err)
	for _, e := range entries {
		if e.ID != "healthspring" {
			continue
		}
		found := false
		for _, s := range e.Sources {
			found = found || sourceLine.MatchString(s) && s[:len("moved: 2025-03-19")] == "moved: 2025-03-19"
		}
		assert.True(t, found, "the sale is recorded with its date")
	}
}

// A host's own registry gets the same structure: no enumeration of legal
// names needed.
func TestStructureHostRegistry(t *testing.T) {
	r, err := New([]Entry{
		{ID: "acme", DisplayName: "Acme Health", Parent: "Acme Group"},
		{ID: "zen", DisplayName: "Zenith Care", Parent: "Acme Group"},
	})
	require.NoError(t, err)
	runStructCases(t, r, []structCase{
		{"Acme Health Insurance Company of Texas", "", "Acme Health", MethodStructure},
		{"Acme Health Plan, Inc.", "", "Acme Health", MethodStructure},
		{"Zenith Care (Acme Health)", "", "Zenith Care", MethodStructure},
		{"Acme Health / Zenith Care", "", "unknown", MethodNone},
		{"Acme Health Zenith Care", "", "unknown", MethodNone},
	})
}

// Every marker starts with a word of markerStart (markerSplit skips other
// words).
func TestMarkerStart(t *testing.T) {
	for _, m := range markers {
		assert.True(t, markerStart[m.words[0]], "%v", m.words)
	}
}
