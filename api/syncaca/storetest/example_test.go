package storetest_test

import (
	"context"
	"fmt"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/api/syncaca/storetest"
)

// A host runs the kit from its own tests with a function that returns a
// new, empty store; here, the in-memory Book.
func ExampleTestStore() {
	err := storetest.TestStore(func() (syncaca.Store, error) { return syncaca.NewBook(nil) }, storetest.Options{Goroutines: 4, Requests: 50})
	fmt.Println("conformance:", err)
	// Output:
	// conformance: <nil>
}

// The concurrency check on its own, with its figures.
func ExampleCheckConcurrency() {
	book, _ := syncaca.NewBook(nil)
	rep, err := storetest.CheckConcurrency(context.Background(), book, 8, 100)
	fmt.Println(rep.Committed, rep.Duplicates, rep.Overwrites, err)
	// Output:
	// 100 0 0 <nil>
}
