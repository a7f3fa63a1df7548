package plancode

import (
	"testing"

	"github.com/stretchr/testify/assert"
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
