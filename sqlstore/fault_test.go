package sqlstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/api/syncaca/storetest"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
)

// Without SERIALIZABLE and without key locks, the concurrency check finds
// duplicates: it can fail, and the guarantee is what makes it pass.
func TestConcurrencyCheckCatchesUnsafeStore(t *testing.T) {
	postgresURL(t)
	s := openTest(t, "postgres", Options{Locking: lockUnsafe})
	rep, err := storetest.CheckConcurrency(context.Background(), s, 16, 300)
	t.Logf("unsafe store: %+v", rep)
	if err == nil {
		t.Fatal("READ COMMITTED without locks passed the concurrency check; the check cannot fail")
	}
}

// faultStore calls hook before every write of its units of work.
type faultStore struct {
	*Store
	hook func(ctx context.Context, tx *Tx, op string)
}

type faultTx struct {
	*Tx
	s *faultStore
}

func (f *faultStore) Begin(ctx context.Context, keys matching.Keys) (syncaca.Tx, error) {
	tx, err := f.Store.Begin(ctx, keys)
	if err != nil {
		return nil, err
	}
	return &faultTx{tx.(*Tx), f}, nil
}

func (t *faultTx) CreatePolicies(ctx context.Context, ps []syncaca.Policy) error {
	t.s.hook(ctx, t.Tx, "CreatePolicies")
	return t.Tx.CreatePolicies(ctx, ps)
}

const faultBody = `{"records": [
  {"firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "postalCode": "33101", "healthSherpaCustomerId": "hsc-F1",
   "policies": [{"healthSherpaPolicyId": "hsp-F1", "status": "Active", "effectiveDate": "2026-01-01"}]}]}`

func syncBody(ctx context.Context, s syncaca.Store, body string) (*syncaca.Response, error) {
	opt := syncaca.Options{Today: dob.MustNew(2026, 11, 21)}
	v, err := syncaca.Check([]byte(body), opt)
	if err != nil {
		return nil, err
	}
	return syncaca.SyncValidated(ctx, s, v, opt)
}

func customersHolding(t *testing.T, s *Store, hs string) int {
	t.Helper()
	st, err := storetest.State(context.Background(), s, matching.Keys{Customers: matching.CustomerKeys{HealthSherpaCustomerIDs: []string{hs}}})
	if err != nil {
		t.Fatal(err)
	}
	return len(st)
}

// A store error fails the request and writes nothing; the next request
// works: a context cancelled between the customers' and the policies'
// inserts, and (on PostgreSQL) the connection killed there.
func TestFaultWritesNothing(t *testing.T) {
	eachDB(t, func(t *testing.T, kind string) {
		faults := map[string]func(ctx context.Context, cancel context.CancelFunc, s *Store, tx *Tx) error{
			"cancel": func(_ context.Context, cancel context.CancelFunc, _ *Store, _ *Tx) error {
				cancel()
				return context.Canceled
			},
		}
		if kind == "postgres" {
			faults["terminate"] = func(ctx context.Context, _ context.CancelFunc, s *Store, tx *Tx) error {
				var pid int
				if err := tx.u.tx.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
					return err
				}
				_, err := s.db.ExecContext(context.Background(), `SELECT pg_terminate_backend($1)`, pid)
				return err
			}
		}
		for name, fault := range faults {
			t.Run(name, func(t *testing.T) {
				s := openTest(t, kind, Options{})
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				fired := false
				fs := &faultStore{Store: s, hook: func(hctx context.Context, tx *Tx, op string) {
					if !fired {
						fired = true
						if err := fault(hctx, cancel, s, tx); err != nil && !errors.Is(err, context.Canceled) {
							t.Errorf("injecting the fault: %v", err)
						}
					}
				}}
				resp, err := syncBody(ctx, fs, faultBody)
				if err == nil {
					t.Fatalf("the sync succeeded despite the fault: %+v", resp)
				}
				if strings.Contains(err.Error(), "+1305") || strings.Contains(err.Error(), "3055550101") {
					t.Errorf("the error carries a phone number: %v", err)
				}
				if n := customersHolding(t, s, "hsc-F1"); n != 0 {
					t.Fatalf("after the failed sync, %d customers hold its identifier; want 0 (nothing written)", n)
				}
				resp, err = syncBody(context.Background(), s, faultBody)
				if err != nil || resp.Succeeded != 1 {
					t.Fatalf("the next request: %+v, %v", resp, err)
				}
				if n := customersHolding(t, s, "hsc-F1"); n != 1 {
					t.Fatalf("after the next request, %d customers hold its identifier, want 1", n)
				}
			})
		}
	})
}

// A sync waiting for another's key lock gives up when its context ends,
// writes nothing and leaves no lock behind; once the holder finishes, the
// next sync of the same keys works.
func TestLockWaitCancelled(t *testing.T) {
	postgresURL(t)
	s := openTest(t, "postgres", Options{})
	ctx := context.Background()
	opt := syncaca.Options{Today: dob.MustNew(2026, 11, 21)}
	v, err := syncaca.Check([]byte(faultBody), opt)
	if err != nil {
		t.Fatal(err)
	}
	keys := matching.KeysOf(v.MatchingRecords())
	holder, err := s.Begin(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	wait, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if _, err := syncaca.SyncValidated(wait, s, v, opt); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a sync blocked on a held key: got %v, want an error wrapping context.DeadlineExceeded", err)
	}
	if err := holder.Rollback(); err != nil {
		t.Fatal(err)
	}
	// No lock leaked: every key of the request is free for another session.
	conn, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var free int
	hashes := lockKeys(lockStrings(&keys))
	if err := conn.QueryRowContext(ctx, `SELECT COUNT(*) FILTER (WHERE pg_try_advisory_lock(k)) FROM unnest(CAST($1 AS BIGINT[])) AS k`, hashes).Scan(&free); err != nil {
		t.Fatal(err)
	}
	conn.ExecContext(ctx, `SELECT pg_advisory_unlock_all()`)
	if free != len(hashes) {
		rows, _ := s.db.QueryContext(ctx, `SELECT l.pid, l.objid, a.state, a.query, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'`)
		for rows != nil && rows.Next() {
			var pid, objid int64
			var state, query string
			var start time.Time
			rows.Scan(&pid, &objid, &state, &query, &start)
			t.Logf("advisory lock: pid %d objid %d state %s query %q since %v", pid, objid, state, query, start)
		}
		t.Fatalf("%d of the request's %d key locks are still held after the cancelled sync and the holder ended", len(hashes)-free, len(hashes))
	}
	if n := customersHolding(t, s, "hsc-F1"); n != 0 {
		t.Fatalf("the cancelled sync wrote %d customers", n)
	}
	resp, err := syncBody(ctx, s, faultBody)
	if err != nil || resp.Succeeded != 1 {
		t.Fatalf("the next sync: %+v, %v", resp, err)
	}
}
