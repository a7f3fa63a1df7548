package storetest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/api/syncaca/storetest"
	"github.com/carecycle/carerules/matching"
)

// The in-memory Book passes the kit.
func TestBook(t *testing.T) {
	err := storetest.TestStore(func() (syncaca.Store, error) { return syncaca.NewBook(nil) }, storetest.Options{})
	if err != nil {
		t.Fatal(err)
	}
}

// broken wraps a Book and breaks one part of the contract.
type broken struct {
	*syncaca.Book
	how string
}

type brokenTx struct {
	syncaca.Tx
	how string
}

func (b *broken) Begin(ctx context.Context, keys matching.Keys) (syncaca.Tx, error) {
	tx, err := b.Book.Begin(ctx, keys)
	if err != nil {
		return nil, err
	}
	return &brokenTx{tx, b.how}, nil
}

func (t *brokenTx) Customers(ctx context.Context, keys matching.CustomerKeys) ([]syncaca.Customer, error) {
	switch t.how {
	case "no fallback":
		keys.FallbackKeys = nil
	case "first key only":
		for _, l := range []*[]string{&keys.HealthSherpaCustomerIDs, &keys.ExternalIDs, &keys.CarrierAssignedCustomerIDs, &keys.FallbackKeys} {
			if len(*l) > 1 {
				*l = (*l)[:1]
			}
		}
	case "case-insensitive":
		keys.ExternalIDs = append(keys.ExternalIDs, strings.ToUpper(strings.Join(keys.ExternalIDs, "")))
	}
	cs, err := t.Tx.Customers(ctx, keys)
	if t.how == "twice" && len(cs) > 0 {
		cs = append(cs, cs[0])
	}
	return cs, err
}

func (t *brokenTx) UpdatePolicies(ctx context.Context, ps []syncaca.Policy) error {
	if t.how == "no updates" {
		return nil
	}
	return t.Tx.UpdatePolicies(ctx, ps)
}

func (t *brokenTx) PoliciesOf(ctx context.Context, ids []string) ([]syncaca.Policy, error) {
	ps, err := t.Tx.PoliciesOf(ctx, ids)
	if t.how == "reversed" {
		for i, j := 0, len(ps)-1; i < j; i, j = i+1, j-1 {
			ps[i], ps[j] = ps[j], ps[i]
		}
	}
	return ps, err
}

// The kit fails each broken store: it can fail.
func TestBrokenStores(t *testing.T) {
	for _, how := range []string{"no fallback", "first key only", "twice", "no updates", "reversed"} {
		t.Run(how, func(t *testing.T) {
			err := storetest.TestStore(func() (syncaca.Store, error) {
				b, err := syncaca.NewBook(nil)
				return &broken{b, how}, err
			}, storetest.Options{Requests: -1})
			if err == nil {
				t.Fatalf("a store that breaks the contract (%s) passed the kit", how)
			}
		})
	}
	// A store declared UNIQUE that is not.
	err := storetest.TestStore(func() (syncaca.Store, error) { return syncaca.NewBook(nil) }, storetest.Options{UniqueIdentifiers: true, Requests: -1})
	if err == nil || !strings.Contains(err.Error(), "UNIQUE") {
		t.Fatalf("a book declared UNIQUE passed the unique check: %v", err)
	}
}
