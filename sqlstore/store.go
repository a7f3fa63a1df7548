package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers "sqlite"
)

// Locking chooses how a PostgreSQL store keeps concurrent syncs apart, on
// top of SERIALIZABLE isolation (which it always uses there).
type Locking uint8

const (
	// LockKeys, the default on PostgreSQL: before its transaction begins, a
	// sync takes a session-level advisory lock on a hash of each of its
	// keys (every identifier and fallback key of the request), in sorted
	// order so that two syncs never wait for each other in a cycle, and
	// releases them after the transaction ends. Two syncs that share a key
	// run one after the other, and the second one's snapshot already holds
	// the first one's writes: the common conflict (the same person sent
	// twice) costs a wait, not a retry. Advisory locks are PostgreSQL's.
	LockKeys Locking = iota
	// LockNone: no advisory locks; SERIALIZABLE isolation alone, with the
	// retry of the sync, keeps the outcome serial. This is the mode for
	// Postgres-compatible databases without advisory locks (CockroachDB,
	// YugabyteDB before its advisory-lock support, Citus across nodes),
	// where UNIQUE identifier indexes (Options.UniqueIdentifiers) are the
	// second line of defence.
	LockNone

	// lockUnsafe, for tests only: READ COMMITTED and no locks, the
	// configuration the guarantee exists to avoid.
	lockUnsafe Locking = 255
)

// Options configure a Store.
type Options struct {
	// Migrate brings the schema to the library's version at Open. Without
	// it, Open fails with a *SchemaError when the schema is older (or
	// absent), so that a deployment that forgot its migration fails at
	// start, not at its first write.
	Migrate bool
	// UniqueIdentifiers makes the customer identifiers
	// (healthSherpaCustomerId, externalId, carrierAssignedCustomerId) and
	// healthSherpaPolicyId UNIQUE columns (Open creates the indexes; it
	// fails if the stored data already holds a value twice). A sync never
	// writes an identifier another customer or policy holds, so the rules
	// allow it; it is off by default because a book imported from elsewhere
	// may hold shared identifiers, which the matching rules report as
	// ambiguous rather than refuse. carrierAssignedPolicyId is never unique
	// (a renewal shares it with the enrollment it renews), nor is the
	// fallback key (two people may share it; a possible_duplicate warning
	// says so).
	UniqueIdentifiers bool
	// Locking chooses the PostgreSQL concurrency mode (default LockKeys).
	// It has no effect on SQLite, where a sync's transaction takes the
	// database's write lock at BEGIN (BEGIN IMMEDIATE) and syncs run one at
	// a time.
	Locking Locking
}

// Store is a customer and policy store in a SQL database (PostgreSQL
// through pgx, or SQLite through modernc.org/sqlite). It is safe for
// concurrent use.
type Store struct {
	db      *sql.DB
	d       dialect
	opt     Options
	ownsDB  bool
	stats   counters
	lockSQL string
}

// counters are the store's statement counters (see [Stats]).
type counters struct {
	reads, writes, control, txs, conflicts atomic.Int64
}

// Stats counts what the store sent to the database since it was opened.
type Stats struct {
	Transactions int64 // units of work begun
	Reads        int64 // SELECT statements of the units of work
	Writes       int64 // INSERT and UPDATE statements
	Control      int64 // BEGIN, COMMIT, ROLLBACK, lock and unlock statements
	Conflicts    int64 // units of work that failed with a retryable conflict
}

// Stats returns the store's counters.
func (s *Store) Stats() Stats {
	return Stats{Transactions: s.stats.txs.Load(), Reads: s.stats.reads.Load(), Writes: s.stats.writes.Load(),
		Control: s.stats.control.Load(), Conflicts: s.stats.conflicts.Load()}
}

// Open returns a store over db, which must have been opened with the pgx
// stdlib driver ("pgx") or modernc.org/sqlite ("sqlite"). It checks the
// schema version (see Options.Migrate) and, with
// Options.UniqueIdentifiers, creates the unique indexes. The caller keeps
// ownership of db; [Store.Close] does not close it.
//
// A SQLite db should be opened with _txlock=immediate and a busy_timeout
// (as [OpenSQLite] does): without them two syncs may both read before either
// writes, and one of them fails with SQLITE_BUSY at its first write. A
// PostgreSQL pool should be configured as [OpenPostgres] configures its own
// (enable_seqscan off; a cancel request sent when a context ends).
func Open(ctx context.Context, db *sql.DB, opt Options) (*Store, error) {
	d, err := dialectOf(db)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, d: d, opt: opt}
	if d == postgres {
		s.lockSQL = `SELECT pg_advisory_lock(k) FROM unnest(CAST($1 AS BIGINT[])) AS k`
	}
	if opt.Migrate {
		if _, _, err := Migrate(ctx, db, SchemaVersion); err != nil {
			return nil, err
		}
	}
	v, err := schemaVersion(ctx, db, d)
	if err != nil {
		return nil, err
	}
	if v != SchemaVersion {
		return nil, &SchemaError{Have: v, Want: SchemaVersion}
	}
	if opt.UniqueIdentifiers {
		for _, st := range uniqueIndexes {
			if _, err := db.ExecContext(ctx, st); err != nil {
				return nil, fmt.Errorf("sqlstore: creating the unique identifier indexes (does the data hold an identifier twice?): %w", err)
			}
		}
	}
	return s, nil
}

var uniqueIndexes = []string{
	`CREATE UNIQUE INDEX IF NOT EXISTS carerules_customer_health_sherpa_customer_id_key ON carerules_customer (health_sherpa_customer_id)`,
	`CREATE UNIQUE INDEX IF NOT EXISTS carerules_customer_external_id_key ON carerules_customer (external_id)`,
	`CREATE UNIQUE INDEX IF NOT EXISTS carerules_customer_carrier_assigned_customer_id_key ON carerules_customer (carrier_assigned_customer_id)`,
	`CREATE UNIQUE INDEX IF NOT EXISTS carerules_policy_health_sherpa_policy_id_key ON carerules_policy (health_sherpa_policy_id)`,
}

// OpenSQLite opens (creating it if needed) the SQLite database file at path
// with the settings the store needs (BEGIN IMMEDIATE, a 10 s busy timeout,
// WAL journal, foreign keys, a 64 MiB page cache, at most 4 connections)
// and returns a store over it that owns the connection pool.
func OpenSQLite(ctx context.Context, path string, opt Options) (*Store, error) {
	q := url.Values{}
	q.Set("_txlock", "immediate")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "cache_size(-65536)") // 64 MiB of page cache per connection
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, err
	}
	// Units of work take the write lock one at a time anyway: a few
	// connections are enough, and each holds its own page cache.
	db.SetMaxOpenConns(4)
	s, err := Open(ctx, db, opt)
	if err != nil {
		db.Close()
		return nil, err
	}
	s.ownsDB = true
	return s, nil
}

// OpenPostgres connects to the PostgreSQL database at the URL (or
// key=value DSN) and returns a store over it that owns the connection pool.
//
// Its connections run with enable_seqscan off. Every query of the store is
// an index lookup, and under SERIALIZABLE isolation a sequential scan (which
// the planner picks for small tables) takes a predicate lock on the whole
// table, so that any concurrent write to it counts as a conflict: as
// PostgreSQL's documentation on serializable isolation advises, steering
// the planner to index scans makes far fewer syncs retry. A pool passed to
// [Open] keeps its own settings (set enable_seqscan=off there too).
func OpenPostgres(ctx context.Context, dsn string, opt Options) (*Store, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	cfg.RuntimeParams["enable_seqscan"] = "off"
	// A cancelled context sends the server a cancel request before the
	// connection is given up: a sync waiting for a key lock stops waiting on
	// the server too, instead of leaving a backend in the lock queue that
	// takes the lock after its client has gone.
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: 2 * time.Second}
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s, err := Open(ctx, db, opt)
	if err != nil {
		db.Close()
		return nil, err
	}
	s.ownsDB = true
	return s, nil
}

// DB returns the store's database handle.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the connection pool when the store opened it
// ([OpenSQLite], [OpenPostgres]); a store made by [Open] leaves db open.
func (s *Store) Close() error {
	if s.ownsDB {
		return s.db.Close()
	}
	return nil
}

// lockKeys hashes the request's keys (kind-prefixed strings) to the sorted,
// distinct 64-bit advisory lock keys.
func lockKeys(keys []string) []int64 {
	out := make([]int64, 0, len(keys))
	h := fnv.New64a()
	for _, k := range keys {
		h.Reset()
		h.Write([]byte(k))
		out = append(out, int64(h.Sum64()))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// unit is one unit of work: a transaction, and on PostgreSQL with LockKeys
// the connection that holds the advisory locks.
type unit struct {
	s      *Store
	conn   *sql.Conn // nil unless locks are held on it
	tx     *sql.Tx
	locked bool
	done   bool
}

// begin opens a unit of work for a request with the given keys.
func (s *Store) begin(ctx context.Context, keys []string) (*unit, error) {
	s.stats.txs.Add(1)
	u := &unit{s: s}
	var opts *sql.TxOptions
	if s.d == postgres && s.opt.Locking != lockUnsafe {
		opts = &sql.TxOptions{Isolation: sql.LevelSerializable}
	}
	if s.d == postgres && s.opt.Locking == LockKeys && len(keys) > 0 {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			return nil, s.wrap(ctx, "connecting", err)
		}
		u.conn = conn
		u.locked = true // even a failed lock statement may hold some: unlock all
		s.stats.control.Add(1)
		if _, err := conn.ExecContext(ctx, s.lockSQL, lockKeys(keys)); err != nil {
			u.release()
			return nil, s.wrap(ctx, "locking the request's keys", err)
		}
		s.stats.control.Add(1)
		tx, err := conn.BeginTx(ctx, opts)
		if err != nil {
			u.release()
			return nil, s.wrap(ctx, "beginning", err)
		}
		u.tx = tx
		return u, nil
	}
	s.stats.control.Add(1)
	tx, err := s.db.BeginTx(ctx, opts)
	if err != nil {
		return nil, s.wrap(ctx, "beginning", err)
	}
	u.tx = tx
	return u, nil
}

// release unlocks the advisory locks and returns the connection to the
// pool; a connection that cannot be unlocked is discarded (its session,
// and with it its locks, ends).
func (u *unit) release() {
	if u.conn == nil {
		return
	}
	if u.locked {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		u.s.stats.control.Add(1)
		_, err := u.conn.ExecContext(ctx, `SELECT pg_advisory_unlock_all()`)
		cancel()
		if err != nil {
			_ = u.conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		u.locked = false
	}
	u.conn.Close()
	u.conn = nil
}

func (u *unit) commit() error {
	if u.done {
		return errors.New("sqlstore: the unit of work is already finished")
	}
	u.done = true
	u.s.stats.control.Add(1)
	err := u.tx.Commit()
	u.release()
	if err != nil {
		return u.s.wrap(context.Background(), "committing", err)
	}
	return nil
}

func (u *unit) rollback() error {
	if u.done {
		return nil
	}
	u.done = true
	u.s.stats.control.Add(1)
	err := u.tx.Rollback()
	u.release()
	if err != nil && !errors.Is(err, sql.ErrTxDone) {
		return u.s.wrap(context.Background(), "rolling back", err)
	}
	return nil
}

// wrap adds what the store was doing, the context's error when ctx is
// done (the database's own error for a cancelled statement does not wrap
// it) and, for a retryable conflict, ErrConflict.
func (s *Store) wrap(ctx context.Context, what string, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("sqlstore: %s: %w: %w", what, cerr, err)
	}
	if retryable(err) {
		s.stats.conflicts.Add(1)
		return fmt.Errorf("sqlstore: %s: %w: %w", what, ErrConflict, err)
	}
	return fmt.Errorf("sqlstore: %s: %w", what, err)
}

// chunk is the most rows one INSERT or UPDATE statement carries.
const chunk = 500

func itoa(n int) string { return strconv.Itoa(n) }
