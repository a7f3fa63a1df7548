package sqlstore

import (
	"testing"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/api/syncaca/storetest"
)

// The store passes the conformance kit on both databases, in both
// identifier modes.
func TestStoreKit(t *testing.T) {
	eachDB(t, func(t *testing.T, kind string) {
		for _, unique := range []bool{false, true} {
			name := "shared identifiers"
			if unique {
				name = "unique identifiers"
			}
			t.Run(name, func(t *testing.T) {
				err := storetest.TestStore(func() (syncaca.Store, error) {
					return openTest(t, kind, Options{UniqueIdentifiers: unique}), nil
				}, storetest.Options{UniqueIdentifiers: unique, Goroutines: 8, Requests: 200})
				if err != nil {
					t.Fatal(err)
				}
			})
		}
	})
}
