package plancode

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Common rule: errors are typed, with a stable code, the field path,
// expected and received, and support errors.Is.
func TestCommon_TypedErrors(t *testing.T) {
	for _, tc := range []struct {
		pt, in       string
		sentinel     error
		code         string
		expected     string
		received     string
		notSentinels []error
	}{
		{"", "", ErrEmpty, "plan_code_empty", "H1234-001-000 with prefix H, R, S, E or X", "", nil},
		{"MS", " ", ErrEmpty, "plan_code_empty", "a non-empty plan code", " ", nil},
		{"", " H1234/001/000 ", ErrSyntax, "plan_code_syntax", "H1234-001-000 with prefix H, R, S, E or X", "H1234/001/000", nil},
		{"MA", "H1234/001/000", ErrSyntax, "plan_code_syntax", "H1234-001-000 with prefix H or R", "H1234/001/000", nil},
		{"", "Q1234-001-000", ErrPrefix, "plan_code_prefix", "H1234-001-000 with prefix H, R, S, E or X", "Q1234-001-000", nil},
		{"MA", "s1234001000", ErrPrefix, "plan_code_prefix", "H1234-001-000 with prefix H or R", "s1234001000", nil},
		{"PDP", "h1234-002", ErrIncomplete, "plan_code_incomplete", "H1234-002-000", "h1234-002", nil},
		{"", "Ｈ１２３４", ErrIncomplete, "plan_code_incomplete", "H1234-PPP-000", "Ｈ１２３４", nil},
	} {
		t.Run(tc.code+"/"+tc.pt+"/"+tc.in, func(t *testing.T) {
			var err error
			if tc.pt == "" {
				_, err = Parse(tc.in)
			} else {
				_, err = Canonical(tc.pt, tc.in)
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.sentinel)
			for _, s := range []error{ErrEmpty, ErrTooLong, ErrSyntax, ErrPrefix, ErrIncomplete} {
				if s != tc.sentinel {
					assert.NotErrorIs(t, err, s)
				}
			}
			var e apiError
			require.ErrorAs(t, err, &e)
			assert.Equal(t, "planCode", e.Field())
			assert.Equal(t, tc.code, e.Code())
			assert.Equal(t, tc.expected, e.Expected())
			assert.Equal(t, tc.received, e.Received())
			assert.NotEmpty(t, e.Error())
			var pe *Error
			assert.ErrorAs(t, err, &pe)
		})
	}
}

// Error() shortens a long plan code so that log lines stay bounded.
func TestError_ShortensLongInput(t *testing.T) {
	long := strings.Repeat("é", 200)
	_, err := Canonical("MA", long)
	require.ErrorIs(t, err, ErrSyntax)
	assert.NotContains(t, err.Error(), long)
	assert.Less(t, len(err.Error()), 200)
	var e apiError
	require.ErrorAs(t, err, &e)
	assert.Equal(t, long, e.Received())
}

func TestErrorsAreDistinct(t *testing.T) {
	all := []error{ErrEmpty, ErrTooLong, ErrSyntax, ErrPrefix, ErrIncomplete}
	for i, a := range all {
		for j, b := range all {
			assert.Equal(t, i == j, errors.Is(a, b))
		}
	}
}

// The zero Error is not made by this package, but its methods do not panic.
func TestError_ZeroValue(t *testing.T) {
	var e Error
	assert.NotPanics(t, func() {
		_ = e.Error()
		_ = e.Expected()
		_ = e.Received()
		_ = e.Code()
	})
	assert.NoError(t, e.Unwrap())
	assert.Empty(t, e.Code())
}
