// Package sqlstore keeps customers and policies in a SQL database, for the
// sync endpoint of carerules: PostgreSQL through github.com/jackc/pgx/v5
// (its database/sql driver), or SQLite through modernc.org/sqlite (pure Go,
// no cgo), the embedded default.
//
// It lives in its own Go module so that the core module of carerules keeps
// no database driver among its dependencies: a service that does not use it
// does not download pgx or SQLite.
//
// # Schema
//
// The schema is a sequence of numbered migrations embedded in the package
// (migration/NNN_name.up.sql and .down.sql), applied by [Migrate] and
// recorded, one row per version, in the table carerules_migration. [Open]
// reads the recorded version and refuses, with a [*SchemaError], a database
// whose schema is older or newer than the library's: a deployment that
// forgot to migrate fails when it starts, not at its first write
// (Options.Migrate migrates at Open instead).
//
// Two tables hold the data. carerules_customer has the three customer
// identifiers and the fallback key as indexed columns (NULL when absent) and
// the rest of the customer as a JSON document; carerules_policy has the
// owner, the policy's place among its owner's policies, the two policy
// identifiers (indexed), the type, status and effective date, and the rest
// as a JSON document. The SQL is plain: text columns, B-tree indexes,
// multi-row INSERT, UPDATE ... FROM a VALUES list, no stored procedures, so
// that it runs unchanged on Postgres-compatible distributed databases.
//
// Identifiers are not UNIQUE by default. A sync never writes an identifier
// that another customer (or, for healthSherpaPolicyId, another policy)
// holds, but a book imported from elsewhere may hold one twice, and the
// matching rules report that as an ambiguity instead of refusing the data.
// Options.UniqueIdentifiers makes the customer identifiers and
// healthSherpaPolicyId UNIQUE columns for hosts that want the database to
// enforce it. carerules_policy.carrier_assigned_policy_id and the fallback
// key are never unique: a renewal shares its carrier's policy ID with the
// enrollment it renews, and two people may share the four fields of the
// fallback key.
//
// # Lookups
//
// The lookups of one request are batched: one SELECT for every customer
// that holds any identifier or fallback key of the request
// (`col = ANY($1)` with a text array on PostgreSQL, `col IN (SELECT value
// FROM json_each(?1))` with a JSON array on SQLite), one for every policy
// holding any policy identifier, one for the policies of the matched
// customers. Writes are batched too: one multi-row INSERT or UPDATE per
// table and kind.
//
// # Concurrency
//
// Concurrent syncs are serializable in effect: the final state is that of
// some serial order of the requests, two concurrent syncs of the same new
// person create one customer, and a stored identifier is never overwritten
// by a race.
//
// On PostgreSQL every unit of work runs at SERIALIZABLE isolation, and a
// unit that the database aborts as a serialization failure (or a deadlock,
// or a unique violation) fails with an error wrapping [ErrConflict], which
// the sync retries from the start, a bounded number of times. With the
// default Options.Locking, [LockKeys], each sync also first takes a
// session-level advisory lock (pg_advisory_lock) on a 64-bit hash of each of
// its keys, in sorted order (no cycle of waits, so no deadlock), on the
// connection it then begins its transaction on, and releases them after the
// commit or rollback. Two syncs that share a key then run one after the
// other, the second one's snapshot taken after the first committed: the
// common race (the same person sent twice) waits instead of failing and
// retrying. The locks are taken before BEGIN, not inside the transaction,
// because a SERIALIZABLE transaction's snapshot is taken at its first
// statement: a lock awaited inside it would leave it reading the state from
// before the other sync committed, and fail at commit. Syncs that share no
// key but touch the same customer (one finds it by identifier, the other by
// fallback key) are kept apart by SERIALIZABLE alone.
//
// Advisory locks are PostgreSQL's. On CockroachDB and YugabyteDB (and Citus
// when a transaction spans nodes) use [LockNone]: SERIALIZABLE isolation
// (CockroachDB's default and only full level; YugabyteDB needs it enabled)
// with the retry keeps the guarantee, and Options.UniqueIdentifiers adds
// UNIQUE indexes on the identifiers as a second line of defence; the cost
// is more retries when the same keys arrive together.
//
// On SQLite a unit of work begins with BEGIN IMMEDIATE, which takes the
// database's write lock: syncs run one at a time, each reading what the
// previous one committed.
//
// A unit of work that fails (a lost connection, a conflict past the retry
// budget, a cancelled context) is rolled back: nothing of the request is
// written, and the next request works.
package sqlstore
