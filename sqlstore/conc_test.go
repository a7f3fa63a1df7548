package sqlstore

import (
	"context"
	"testing"

	"github.com/carecycle/carerules/api/syncaca/storetest"
)

// Concurrent overlapping syncs: no duplicate, no overwrite, the state of a
// serial replay; with and without the key locks on PostgreSQL.
func TestConcurrentSyncs(t *testing.T) {
	eachDB(t, func(t *testing.T, kind string) {
		modes := []Locking{LockKeys}
		if kind == "postgres" {
			modes = append(modes, LockNone)
		}
		for _, m := range modes {
			t.Run([]string{"keys", "none"}[m], func(t *testing.T) {
				s := openTest(t, kind, Options{Locking: m})
				rep, err := storetest.CheckConcurrency(context.Background(), s, 16, 300)
				t.Logf("%+v retries/request %.3f; store %+v", rep, rep.RetriesPerRequest(), s.Stats())
				if err != nil {
					t.Fatal(err)
				}
			})
		}
	})
}
