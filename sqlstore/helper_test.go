package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// postgresEnv names the one environment variable the PostgreSQL tests read:
// the URL of a server where the test user may create schemas.
const postgresEnv = "CARERULES_TEST_POSTGRES_URL"

// postgresURL returns the server's URL, or skips the test when it is unset.
func postgresURL(tb testing.TB) string {
	tb.Helper()
	u := os.Getenv(postgresEnv)
	if u == "" {
		tb.Skip("PostgreSQL tests skipped: set " + postgresEnv + " (for example postgres://root@127.0.0.1:5432/test?sslmode=disable) to run them")
	}
	return u
}

// withSearchPath returns the URL with the schema as its search_path.
func withSearchPath(tb testing.TB, raw, schema string) string {
	tb.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		tb.Fatalf("%s: %v", postgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// newSchema creates a schema with a random name on the test server and
// drops it when the test ends; it returns the URL that uses it.
func newSchema(tb testing.TB) string {
	tb.Helper()
	raw := postgresURL(tb)
	admin, err := sql.Open("pgx", raw)
	if err != nil {
		tb.Fatal(err)
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "carerules_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		tb.Fatalf("creating schema %s: %v", schema, err)
	}
	tb.Cleanup(func() {
		if _, err := admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			tb.Errorf("dropping schema %s: %v", schema, err)
		}
		admin.Close()
	})
	return withSearchPath(tb, raw, schema)
}

// openTest opens a migrated store of the named kind ("sqlite" or
// "postgres"), closed when the test ends.
func openTest(tb testing.TB, kind string, opt Options) *Store {
	tb.Helper()
	opt.Migrate = true
	var s *Store
	var err error
	switch kind {
	case "sqlite":
		s, err = OpenSQLite(context.Background(), filepath.Join(tb.TempDir(), "carerules.db"), opt)
	case "postgres":
		s, err = OpenPostgres(context.Background(), newSchema(tb), opt)
	default:
		tb.Fatalf("unknown store kind %q", kind)
	}
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// eachDB runs f once per database: SQLite always, PostgreSQL when the
// environment variable is set (its subtest is skipped otherwise).
func eachDB(t *testing.T, f func(t *testing.T, kind string)) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			if kind == "postgres" {
				postgresURL(t)
			}
			f(t, kind)
		})
	}
}
