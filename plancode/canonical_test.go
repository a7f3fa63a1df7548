package plancode

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContractStyle(t *testing.T) {
	for _, c := range []struct {
		policyType string
		want       bool
	}{
		{"MA", true}, {"mapd", true}, {" PDP ", true}, {"ＰＤＰ", true},
		{"MS", false}, {"ACA", false}, {"Dental", false}, {"", false}, {"   ", false},
		{"Medicare Advantage", false}, {"MAP", false}, {"PD", false},
	} {
		got := ContractStyle(c.policyType)
		assert.Equal(t, c.want, got, "ContractStyle(%q)", c.policyType)
		// The rule Canonical applies agrees: a contract ID alone is incomplete
		// for a contract-style type and kept as given for every other type.
		_, err := Canonical(c.policyType, "H1234")
		assert.Equal(t, c.want, err != nil, "Canonical(%q, H1234) error %v", c.policyType, err)
	}
}

// Policy types compare case-insensitively, after trimming and
// full-width folding.
func TestCanonical_PolicyTypeCaseInsensitive(t *testing.T) {
	for _, pt := range []string{"MA", "ma", "Ma", "mA", " ma\t", "ＭＡ", "ｍａ"} {
		_, err := Canonical(pt, "S1234-001-000")
		assert.ErrorIs(t, err, ErrPrefix, "%q is MA", pt)
	}
	for _, pt := range []string{"MAPD", "mapd", "MaPd", "ＭＡＰＤ"} {
		_, err := Canonical(pt, "S1234-001-000")
		assert.ErrorIs(t, err, ErrPrefix, "%q is MAPD", pt)
	}
	for _, pt := range []string{"PDP", "pdp", "Pdp", "ＰＤＰ"} {
		got, err := Canonical(pt, "x1234001000")
		require.NoError(t, err, "%q is PDP", pt)
		assert.Equal(t, "X1234-001-000", got)
		_, err = Canonical(pt, "Q1234-001-000")
		assert.ErrorIs(t, err, ErrPrefix, "%q is PDP", pt)
	}
	// Unicode case folding is not used: the Kelvin sign and the long s are
	// not ASCII letters, so these are other types and keep the code.
	for _, pt := range []string{"MAP\u212a", "PD\u017f"} {
		got, err := Canonical(pt, "S1234-001-000")
		require.NoError(t, err)
		assert.Equal(t, "S1234-001-000", got)
	}
}

// Decision (package doc): an empty or whitespace-only planCode is ErrEmpty
// for every policy type, never "" and never absent.
func TestCanonical_EmptyPlanCode(t *testing.T) {
	for _, pt := range []string{"MA", "MAPD", "PDP", "MS", "ACA", ""} {
		for _, in := range []string{"", " ", "\t\n", "\u3000", "\u00a0 \u2003"} {
			got, err := Canonical(pt, in)
			assert.ErrorIs(t, err, ErrEmpty, "%q %q", pt, in)
			assert.Empty(t, got)
			var e apiError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "plan_code_empty", e.Code())
			assert.Equal(t, in, e.Received())
			assert.NotEmpty(t, e.Expected())
		}
	}
	_, err := Parse("  ")
	assert.ErrorIs(t, err, ErrEmpty)
}
