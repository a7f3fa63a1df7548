package sqlstore

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// Only conflicts with a concurrent unit of work are retried: PostgreSQL's
// serialization_failure, deadlock_detected and unique_violation; not a
// lost connection, a syntax error or a check violation.
func TestRetryableConflicts(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{&pgconn.PgError{Code: "40001"}, true},
		{&pgconn.PgError{Code: "40P01"}, true},
		{&pgconn.PgError{Code: "23505"}, true},
		{fmt.Errorf("wrapped: %w", &pgconn.PgError{Code: "40001"}), true},
		{&pgconn.PgError{Code: "57P01"}, false}, // admin_shutdown (pg_terminate_backend)
		{&pgconn.PgError{Code: "42601"}, false}, // syntax_error
		{&pgconn.PgError{Code: "23514"}, false}, // check_violation
		{errors.New("connection reset by peer"), false},
	} {
		if got := retryable(c.err); got != c.want {
			t.Errorf("retryable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

// Lock keys are sorted and distinct (two units never wait for each other
// in a cycle), and the kind is part of the key.
func TestLockKeysSortedDistinct(t *testing.T) {
	got := lockKeys([]string{"hc\x00A", "ec\x00A", "hc\x00A", "hc\x00B"})
	if len(got) != 3 || !slices.IsSorted(got) {
		t.Errorf("lockKeys = %v, want 3 sorted distinct keys", got)
	}
}
