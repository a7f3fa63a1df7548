package syncaca

import (
	"context"
	"errors"

	"github.com/carecycle/carerules/matching"
)

// Store is where [Sync] reads and writes customers and policies: the
// in-memory [Book], a SQL database (module
// github.com/carecycle/carerules/sqlstore), or a host's own storage.
// A Store is safe for concurrent use.
//
// Begin opens one unit of work for one request: every read and write of the
// sync goes through the returned Tx, and the host's storage must make the
// unit atomic (all of its writes or none) and concurrent units serializable
// in effect: whatever the interleaving, the outcome is that of some serial
// order of the requests. Two concurrent syncs of the same new person must
// create one customer, and a race must never overwrite an identifier.
// keys are every lookup key the request can ask about
// ([matching.KeysOf]), so that a store that locks can lock them before it
// reads (in a fixed order, so that two units never wait for each other in a
// cycle). The module github.com/carecycle/carerules/sqlstore shows one way:
// advisory locks on the keys plus SERIALIZABLE isolation with retry.
type Store interface {
	Begin(ctx context.Context, keys matching.Keys) (Tx, error)
}

// Tx is one unit of work of a [Store]. [Sync] calls its reads first (each
// once per request, with every key of the request), then its writes (each
// at most once, with every row of the request), then Commit; Rollback on
// any error, and after Commit (when it must do nothing). A Tx is used by
// one goroutine.
//
// Reads follow the lookup contract of package matching (exact,
// case-sensitive comparison of trimmed values; every holder once; values as
// stored before the request; an empty result is not an error; ctx
// honoured):
//
//   - Customers returns every customer holding any key of keys (an
//     identifier equal to one of its kind's list, or a fallback key equal to
//     one of keys.FallbackKeys, the customer's fallback key being
//     matching.FallbackKey of its stored firstName, lastName, dateOfBirth
//     and phoneNumber), with no policies.
//   - Policies returns every policy, of any type and owner, holding any
//     identifier of keys.
//   - PoliciesOf returns the policies of the customers, each customer's in
//     the order they were added (the order the response lists them in).
//
// Writes:
//
//   - CreateCustomers stores new customers (without policies) and sets
//     each one's ID to a fresh one; CreatePolicies stores new policies of
//     existing or just-created customers (CustomerID set), in order, after
//     their customer's other policies, and sets each one's ID.
//   - UpdateCustomers and UpdatePolicies replace stored ones by ID (a
//     policy never changes owner). A termination by the one-year rule is an
//     update whose Status is Terminated.
//
// A Tx need not show its own writes to its reads: Sync never reads after it
// writes. Any error fails the request, and nothing of it may be written; an
// error wrapping [ErrConflict] makes Sync retry the whole request in a new
// unit of work, up to Options.Attempts times.
type Tx interface {
	Customers(ctx context.Context, keys matching.CustomerKeys) ([]Customer, error)
	Policies(ctx context.Context, keys matching.PolicyKeys) ([]Policy, error)
	PoliciesOf(ctx context.Context, customerIDs []string) ([]Policy, error)

	CreateCustomers(ctx context.Context, cs []Customer) error
	UpdateCustomers(ctx context.Context, cs []Customer) error
	CreatePolicies(ctx context.Context, ps []Policy) error
	UpdatePolicies(ctx context.Context, ps []Policy) error

	Commit() error
	Rollback() error
}

// ErrConflict is wrapped by a store's error when a concurrent unit of work
// made this one fail (a serialization failure, a deadlock, a unique
// violation on a key another request just wrote): [Sync] retries the
// request from the start.
var ErrConflict = errors.New("syncaca: the unit of work conflicted with a concurrent one")

// ErrAttempts is wrapped, with the last conflict, by Sync's error when a
// request still conflicted after Options.Attempts units of work.
var ErrAttempts = errors.New("syncaca: the request conflicted with concurrent ones on every attempt")

// DefaultAttempts is the number of units of work Sync tries a request in
// when Options.Attempts is zero.
const DefaultAttempts = 8
