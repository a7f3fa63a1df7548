package api

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A decoder that keeps the first MaxIssues issues and counts the rest: the
// message gives the total, the body lists what was kept.
func TestNewValidationErrorTotalCountsEveryIssue(t *testing.T) {
	kept := make([]Issue, MaxIssues)
	e := NewValidationErrorTotal(kept, 8388534, []FailedRecord{{Index: 0}})
	assert.Equal(t, "Validation failed: 8388534 issues in 1 record (the first 100 are listed)", e.Message)
	assert.Len(t, e.Errors, MaxIssues)
	// Nothing past the list: the same body as NewValidationError.
	few := []Issue{{Code: IssueTooBig}}
	assert.Equal(t, NewValidationError(few, nil), NewValidationErrorTotal(few, 1, nil))
	assert.Nil(t, NewValidationErrorTotal(nil, 0, nil))
}
