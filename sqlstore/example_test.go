package sqlstore_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/sqlstore"
)

// A sync over SQLite: the store needs nothing but a file. The second sync
// of the same records matches what the first created.
func ExampleOpenSQLite() {
	dir, _ := os.MkdirTemp("", "carerules")
	defer os.RemoveAll(dir)
	ctx := context.Background()
	store, err := sqlstore.OpenSQLite(ctx, filepath.Join(dir, "crm.db"), sqlstore.Options{Migrate: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer store.Close()
	body := []byte(`{"records": [
	  {"healthSherpaCustomerId": "hsc-1", "firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "postalCode": "33101",
	   "dateOfBirth": "02/29/1980", "policies": [{"healthSherpaPolicyId": "hsp-1", "effectiveDate": "2026-01-01"}]},
	  {"externalId": "crm-2", "firstName": "Lin", "lastName": "Chen", "phoneNumber": "+14045550103", "postalCode": "30301"}
	]}`)
	opt := syncaca.Options{Today: dob.MustNew(2026, 11, 21)}
	for range 2 {
		before := store.Stats()
		v, err := syncaca.Check(body, opt)
		if err != nil {
			fmt.Println(err)
			return
		}
		resp, err := syncaca.SyncValidated(ctx, store, v, opt)
		if err != nil {
			fmt.Println(err)
			return
		}
		after := store.Stats()
		fmt.Printf("succeeded %d, first policy %s; %d reads, %d writes\n", resp.Succeeded, resp.Results[0].Policies[0].Action,
			after.Reads-before.Reads, after.Writes-before.Writes)
	}
	// Output:
	// succeeded 2, first policy created; 2 reads, 2 writes
	// succeeded 2, first policy updated; 3 reads, 0 writes
}
