package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestMigrationsEmbedded(t *testing.T) {
	ms := Migrations()
	if len(ms) != SchemaVersion {
		t.Fatalf("%d migrations embedded, SchemaVersion is %d", len(ms), SchemaVersion)
	}
	for i, m := range ms {
		if m.Version != i+1 || m.Up == "" || m.Down == "" || m.Name == "" {
			t.Errorf("migration %d: %+v", i, m)
		}
	}
}

func TestReadMigrationsRejects(t *testing.T) {
	for name, fsys := range map[string]fstest.MapFS{
		"gap":       {"migration/001_a.up.sql": {Data: []byte("x")}, "migration/001_a.down.sql": {Data: []byte("x")}, "migration/003_c.up.sql": {Data: []byte("x")}, "migration/003_c.down.sql": {Data: []byte("x")}},
		"no down":   {"migration/001_a.up.sql": {Data: []byte("x")}},
		"no number": {"migration/a.up.sql": {Data: []byte("x")}},
		"bad half":  {"migration/001_a.sideways.sql": {Data: []byte("x")}},
		"two names": {"migration/001_a.up.sql": {Data: []byte("x")}, "migration/001_b.down.sql": {Data: []byte("x")}},
	} {
		if _, err := readMigrations(fsys); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestStatements(t *testing.T) {
	got := statements("-- c\nCREATE TABLE a (\n x TEXT\n);\n\nCREATE INDEX i ON a (x);\nDROP TABLE b")
	want := []string{"CREATE TABLE a (\n x TEXT\n)", "CREATE INDEX i ON a (x)", "DROP TABLE b"}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("statement %d: got %q, want %q", i, got[i], want[i])
		}
	}
}

// rawDB opens the database a store of the kind would use, unmigrated.
func rawDB(t *testing.T, kind string) *sql.DB {
	t.Helper()
	var db *sql.DB
	var err error
	if kind == "sqlite" {
		db, err = sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "m.db")+"?_txlock=immediate")
	} else {
		db, err = sql.Open("pgx", newSchema(t))
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// A schema older than the library's is reported by Open, before any write;
// Migrate brings it up, down to nothing and up again.
func TestSchemaVersionAtOpen(t *testing.T) {
	eachDB(t, func(t *testing.T, kind string) {
		ctx := context.Background()
		db := rawDB(t, kind)
		_, err := Open(ctx, db, Options{})
		var se *SchemaError
		if !errors.As(err, &se) || !errors.Is(err, ErrSchema) || se.Have != 0 || se.Want != SchemaVersion {
			t.Fatalf("Open of an empty database: got %v, want a *SchemaError 0 < %d", err, SchemaVersion)
		}
		from, to, err := Migrate(ctx, db, SchemaVersion)
		if err != nil || from != 0 || to != SchemaVersion {
			t.Fatalf("Migrate up: %d -> %d, %v", from, to, err)
		}
		if _, err := Open(ctx, db, Options{}); err != nil {
			t.Fatalf("Open after Migrate: %v", err)
		}
		// Idempotent.
		if from, to, err := Migrate(ctx, db, SchemaVersion); err != nil || from != to {
			t.Fatalf("Migrate again: %d -> %d, %v", from, to, err)
		}
		// Newer than the library: recorded version above SchemaVersion.
		if _, err := db.Exec(`INSERT INTO carerules_migration (version, name) VALUES (99, 'future')`); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(ctx, db, Options{}); !errors.As(err, &se) || se.Have != 99 {
			t.Fatalf("Open of a newer schema: got %v", err)
		}
		if _, err := db.Exec(`DELETE FROM carerules_migration WHERE version = 99`); err != nil {
			t.Fatal(err)
		}
		if _, to, err := Migrate(ctx, db, 0); err != nil || to != 0 {
			t.Fatalf("Migrate down: to %d, %v", to, err)
		}
		var n int
		if err := db.QueryRow(`SELECT COUNT(*) FROM carerules_migration`).Scan(&n); err != nil || n != 0 {
			t.Fatalf("after down: %d rows, %v", n, err)
		}
		if _, err := Open(ctx, db, Options{Migrate: true}); err != nil {
			t.Fatalf("Open with Migrate: %v", err)
		}
		if _, _, err := Migrate(ctx, db, SchemaVersion+1); err == nil {
			t.Fatal("Migrate to an unknown version: no error")
		}
	})
}
