package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// Migration is one numbered schema change, with its up and down halves.
type Migration struct {
	Version int    // 1, 2, ... in order, no gaps
	Name    string // the file name's words: "schema"
	Up      string // SQL applying the change
	Down    string // SQL reverting it
}

// Migrations returns the schema changes this version of the library knows,
// in order. The last one's Version is [SchemaVersion].
func Migrations() []Migration {
	ms, err := embeddedMigrations()
	if err != nil {
		// The files are embedded and checked by a test: unreachable.
		panic("sqlstore: embedded migrations: " + err.Error())
	}
	return slices.Clone(ms)
}

var embeddedMigrations = sync.OnceValues(func() ([]Migration, error) { return readMigrations(migrationFS) })

// SchemaVersion is the schema version this library reads and writes. [Open]
// refuses a database whose recorded version differs.
const SchemaVersion = 1

// readMigrations reads NNN_name.up.sql and NNN_name.down.sql pairs.
func readMigrations(fsys fs.FS) ([]Migration, error) {
	names, err := fs.Glob(fsys, "migration/*.sql")
	if err != nil {
		return nil, err
	}
	byVersion := map[int]*Migration{}
	for _, n := range names {
		base := path.Base(n)
		num, rest, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("%s: the name must start with a version number", base)
		}
		name, half, ok := strings.Cut(strings.TrimSuffix(rest, ".sql"), ".")
		if !ok || (half != "up" && half != "down") {
			return nil, fmt.Errorf("%s: the name must end in .up.sql or .down.sql", base)
		}
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		m := byVersion[v]
		if m == nil {
			m = &Migration{Version: v, Name: name}
			byVersion[v] = m
		} else if m.Name != name {
			return nil, fmt.Errorf("%s: version %d is also named %q", base, v, m.Name)
		}
		if half == "up" {
			m.Up = string(b)
		} else {
			m.Down = string(b)
		}
	}
	var out []Migration
	for v := 1; v <= len(byVersion); v++ {
		m := byVersion[v]
		if m == nil {
			return nil, fmt.Errorf("version %d is missing", v)
		}
		if m.Up == "" || m.Down == "" {
			return nil, fmt.Errorf("version %d lacks its up or down half", v)
		}
		out = append(out, *m)
	}
	return out, nil
}

// statements splits a migration into its statements: they end with a
// semicolon at the end of a line. Comment lines are dropped.
func statements(sqlText string) []string {
	var out []string
	var cur strings.Builder
	for line := range strings.Lines(sqlText) {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "--") {
			continue
		}
		cur.WriteString(line)
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		out = append(out, s)
	}
	return out
}

const migrationTable = `CREATE TABLE IF NOT EXISTS carerules_migration (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL
)`

// Migrate brings the schema of db to version target (0 removes it all;
// [SchemaVersion] is the library's), applying the up halves in order or the
// down halves in reverse, each with its row in the version table
// carerules_migration, in one transaction per step. On PostgreSQL a
// transaction-level advisory lock keeps two migrating processes apart; on
// SQLite the write lock does. It returns the version before and after.
func Migrate(ctx context.Context, db *sql.DB, target int) (from, to int, err error) {
	d, err := dialectOf(db)
	if err != nil {
		return 0, 0, err
	}
	ms := Migrations()
	if target < 0 || target > len(ms) {
		return 0, 0, fmt.Errorf("sqlstore: no schema version %d (this library knows 0 to %d)", target, len(ms))
	}
	if _, err := db.ExecContext(ctx, migrationTable); err != nil {
		return 0, 0, fmt.Errorf("sqlstore: creating carerules_migration: %w", err)
	}
	from, err = currentVersion(ctx, db)
	if err != nil {
		return 0, 0, err
	}
	cur := from
	for cur != target {
		up := cur < target
		var m Migration
		if up {
			m = ms[cur] // version cur+1
		} else {
			m = ms[cur-1] // version cur
		}
		if err := migrateStep(ctx, db, d, m, up, cur); err != nil {
			return from, cur, err
		}
		cur, err = currentVersion(ctx, db)
		if err != nil {
			return from, cur, err
		}
	}
	return from, cur, nil
}

func migrateStep(ctx context.Context, db *sql.DB, d dialect, m Migration, up bool, expect int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: migration %d: %w", m.Version, err)
	}
	defer tx.Rollback()
	if d == postgres {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(`+strconv.FormatInt(migrationLockKey, 10)+`)`); err != nil {
			return fmt.Errorf("sqlstore: migration %d: locking: %w", m.Version, err)
		}
	}
	var v int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM carerules_migration`).Scan(&v); err != nil {
		return fmt.Errorf("sqlstore: migration %d: %w", m.Version, err)
	}
	if v != expect {
		return nil // another process moved it: the caller re-reads
	}
	body := m.Up
	if !up {
		body = m.Down
	}
	for _, st := range statements(body) {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			return fmt.Errorf("sqlstore: migration %d (%s): %w", m.Version, m.Name, err)
		}
	}
	if up {
		_, err = tx.ExecContext(ctx, `INSERT INTO carerules_migration (version, name) VALUES (`+d.param(1)+`, `+d.param(2)+`)`, m.Version, m.Name)
	} else {
		_, err = tx.ExecContext(ctx, `DELETE FROM carerules_migration WHERE version = `+d.param(1), m.Version)
	}
	if err != nil {
		return fmt.Errorf("sqlstore: migration %d: recording the version: %w", m.Version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlstore: migration %d: %w", m.Version, err)
	}
	return nil
}

// migrationLockKey is the advisory lock that serializes migrations (the
// first 8 bytes of "carerule" as a big-endian integer).
const migrationLockKey int64 = 0x6361726572756c65

func currentVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM carerules_migration`).Scan(&v); err != nil {
		return 0, fmt.Errorf("sqlstore: reading the schema version: %w", err)
	}
	return v, nil
}

// SchemaError reports, at [Open], a database whose schema is not the one
// this library uses: older (run [Migrate], or set Options.Migrate) or newer
// (a newer library migrated it).
type SchemaError struct {
	Have, Want int
}

// ErrSchema is the sentinel a *SchemaError matches with errors.Is.
var ErrSchema = errors.New("sqlstore: schema version mismatch")

func (e *SchemaError) Error() string {
	if e.Have < e.Want {
		return "sqlstore: the database schema is at version " + strconv.Itoa(e.Have) + ", older than this library's " +
			strconv.Itoa(e.Want) + ": migrate it (sqlstore.Migrate) before opening the store"
	}
	return "sqlstore: the database schema is at version " + strconv.Itoa(e.Have) + ", newer than this library's " +
		strconv.Itoa(e.Want) + ": upgrade the library"
}

// Is reports whether target is [ErrSchema].
func (e *SchemaError) Is(target error) bool { return target == ErrSchema }

// schemaVersion reads the recorded version, 0 when the version table is
// absent.
func schemaVersion(ctx context.Context, db *sql.DB, d dialect) (int, error) {
	var n int
	q := `SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'carerules_migration'`
	if d == postgres {
		q = `SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'carerules_migration'`
	}
	if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlstore: reading the schema version: %w", err)
	}
	if n == 0 {
		return 0, nil
	}
	return currentVersion(ctx, db)
}
