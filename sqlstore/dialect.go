package sqlstore

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect is the SQL flavour of a database. The SQL the store sends is the
// same on both except for two things: parameter markers ($1 or ?1) and how a
// list of keys travels in one parameter (a text[] array compared with
// = ANY($1) on PostgreSQL; a JSON array read with json_each on SQLite).
type dialect uint8

const (
	postgres dialect = iota + 1
	sqliteDialect
)

func (d dialect) String() string {
	switch d {
	case postgres:
		return "postgres"
	case sqliteDialect:
		return "sqlite"
	}
	return "dialect(" + strconv.Itoa(int(d)) + ")"
}

// ErrDriver: the *sql.DB was opened with a driver the store does not know.
var ErrDriver = errors.New("sqlstore: unsupported database/sql driver (use github.com/jackc/pgx/v5/stdlib or modernc.org/sqlite)")

func dialectOf(db *sql.DB) (dialect, error) {
	switch db.Driver().(type) {
	case *stdlib.Driver:
		return postgres, nil
	case *sqlite.Driver:
		return sqliteDialect, nil
	}
	return 0, fmt.Errorf("%w: %T", ErrDriver, db.Driver())
}

// param returns the marker of the n-th (1-based) parameter.
func (d dialect) param(n int) string {
	if d == postgres {
		return "$" + strconv.Itoa(n)
	}
	return "?" + strconv.Itoa(n)
}

// inList returns the condition "col is one of the values of parameter n".
func (d dialect) inList(col string, n int) string {
	if d == postgres {
		return col + " = ANY(" + d.param(n) + ")"
	}
	return col + " IN (SELECT value FROM json_each(" + d.param(n) + "))"
}

// list returns the argument for a parameter used by inList.
func (d dialect) list(values []string) any {
	if values == nil {
		values = []string{}
	}
	if d == postgres {
		return values
	}
	b, _ := json.Marshal(values) // []string always encodes
	return string(b)
}

// intParam is a parameter marker cast to an integer.
func (d dialect) intParam(n int) string {
	if d == postgres {
		return "CAST(" + d.param(n) + " AS INTEGER)"
	}
	return d.param(n)
}

// retryable reports whether err is a transaction conflict that running the
// whole unit of work again can resolve: PostgreSQL's serialization_failure
// (40001) and deadlock_detected (40P01), a unique_violation (23505: a
// concurrent transaction inserted the same identifier first, on a database
// without key locks), and SQLite's busy and locked codes.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", "40P01", "23505":
			return true
		}
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}
