package syncaca_test

import (
	"context"
	"fmt"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
)

// logged is a Store that prints the calls Sync makes on its unit of work.
type logged struct{ *syncaca.Book }

type loggedTx struct{ syncaca.Tx }

func (l logged) Begin(ctx context.Context, keys matching.Keys) (syncaca.Tx, error) {
	fmt.Printf("Begin: %d customer keys, %d policy keys\n", keys.Customers.Len(), keys.Policies.Len())
	tx, err := l.Book.Begin(ctx, keys)
	return loggedTx{tx}, err
}

func (t loggedTx) Customers(ctx context.Context, k matching.CustomerKeys) ([]syncaca.Customer, error) {
	cs, err := t.Tx.Customers(ctx, k)
	fmt.Printf("Customers: %d found\n", len(cs))
	return cs, err
}

func (t loggedTx) Policies(ctx context.Context, k matching.PolicyKeys) ([]syncaca.Policy, error) {
	ps, err := t.Tx.Policies(ctx, k)
	fmt.Printf("Policies: %d found\n", len(ps))
	return ps, err
}

func (t loggedTx) CreateCustomers(ctx context.Context, cs []syncaca.Customer) error {
	err := t.Tx.CreateCustomers(ctx, cs)
	fmt.Printf("CreateCustomers: %d\n", len(cs))
	return err
}

func (t loggedTx) CreatePolicies(ctx context.Context, ps []syncaca.Policy) error {
	err := t.Tx.CreatePolicies(ctx, ps)
	fmt.Printf("CreatePolicies: %d\n", len(ps))
	return err
}

func (t loggedTx) Commit() error {
	fmt.Println("Commit")
	return t.Tx.Commit()
}

// Sync runs a request in one unit of work of a store: every lookup of the
// request in one call per kind, every write in one call per kind.
func ExampleSync() {
	book, _ := syncaca.NewBook(nil)
	body := []byte(`{"records": [
	  {"healthSherpaCustomerId": "hsc-1", "firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "postalCode": "33101",
	   "policies": [{"healthSherpaPolicyId": "hsp-1"}, {"healthSherpaPolicyId": "hsp-2"}]},
	  {"externalId": "crm-2", "firstName": "Lin", "lastName": "Chen", "phoneNumber": "+14045550103", "postalCode": "30301"},
	  {"healthSherpaCustomerId": "hsc-1", "firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "postalCode": "33101"}
	]}`)
	opt := syncaca.Options{Today: dob.MustNew(2026, 11, 21)}
	v, err := syncaca.Check(body, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp, err := syncaca.SyncValidated(context.Background(), logged{book}, v, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range resp.Results {
		fmt.Println(r.ID, len(r.Policies))
	}
	// Output:
	// Begin: 2 customer keys, 2 policy keys
	// Customers: 0 found
	// Policies: 0 found
	// CreateCustomers: 2
	// CreatePolicies: 2
	// Commit
	// cust-1 2
	// cust-2 0
	// cust-1 0
}
