package sqlstore

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func ids[T any](rs []T, id func(T) string) []string {
	var out []string
	for _, r := range rs {
		out = append(out, id(r))
	}
	slices.Sort(out)
	return out
}

func custID(r customerRow) string { return r.ID }
func polID(r policyRow) string    { return r.ID }

// The unit's batched reads return every holder of any of the keys once,
// compare exactly (case-sensitive), and see the unit's own writes; the
// policies of customers come in each customer's order.
func TestUnitReadsWrites(t *testing.T) {
	eachDB(t, func(t *testing.T, kind string) {
		ctx := context.Background()
		s := openTest(t, kind, Options{})
		u, err := s.begin(ctx, []string{"x"})
		if err != nil {
			t.Fatal(err)
		}
		cs := []customerRow{
			{ID: "c1", HealthSherpa: "H-1", External: "E-1", Fallback: "k1", Doc: []byte(`{"a":1}`)},
			{ID: "c2", HealthSherpa: "h-1", External: "E-2", Doc: []byte(`{}`)},
			{ID: "c3", External: "E-2", CarrierAssigned: "H-1", Fallback: "k1", Doc: []byte(`{}`)},
			{ID: "c4", Doc: []byte(`{}`)},
		}
		if err := u.insertCustomers(ctx, cs); err != nil {
			t.Fatal(err)
		}
		ps := []policyRow{
			{ID: "p1", CustomerID: "c1", HealthSherpa: "PH-1", CarrierAssigned: "PC-1", Type: "ACA", Status: "Active", Doc: []byte(`{}`)},
			{ID: "p2", CustomerID: "c2", CarrierAssigned: "PC-1", Type: "MA", Status: "Active", Doc: []byte(`{}`)},
			{ID: "p3", CustomerID: "c1", HealthSherpa: "PH-3", Type: "ACA", Status: "Active", Doc: []byte(`{}`)},
		}
		if err := u.insertPolicies(ctx, ps); err != nil {
			t.Fatal(err)
		}
		if err := u.insertPolicies(ctx, []policyRow{{ID: "p0", CustomerID: "c1", Type: "ACA", Status: "Active", Doc: []byte(`{}`)}}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			hs, ext, ca, fb []string
			want            []string
		}{
			{hs: []string{"H-1"}, want: []string{"c1"}},
			{hs: []string{"H-1", "h-1", "nobody"}, want: []string{"c1", "c2"}},
			{ext: []string{"E-2"}, want: []string{"c2", "c3"}},
			{ca: []string{"H-1"}, want: []string{"c3"}},
			{fb: []string{"k1"}, want: []string{"c1", "c3"}},
			{hs: []string{"H-1"}, ext: []string{"E-1", "E-2"}, fb: []string{"k1"}, want: []string{"c1", "c2", "c3"}},
			{hs: []string{"H-1 "}, want: nil},
			{},
		} {
			got, err := u.findCustomers(ctx, c.hs, c.ext, c.ca, c.fb)
			if err != nil {
				t.Fatal(err)
			}
			if g := ids(got, custID); !slices.Equal(g, c.want) {
				t.Errorf("findCustomers(%q, %q, %q, %q) = %q, want %q", c.hs, c.ext, c.ca, c.fb, g, c.want)
			}
		}
		got, err := u.findPolicies(ctx, []string{"PH-1", "ph-1"}, []string{"PC-1"})
		if err != nil {
			t.Fatal(err)
		}
		if g := ids(got, polID); !slices.Equal(g, []string{"p1", "p2"}) {
			t.Errorf("findPolicies = %q", g)
		}
		of, err := u.policiesOf(ctx, []string{"c1", "c4"})
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, p := range of {
			order = append(order, p.ID)
		}
		if !slices.Equal(order, []string{"p1", "p3", "p0"}) {
			t.Errorf("policiesOf(c1) = %q, want p1 p3 p0 (the order they were added)", order)
		}
		// Updates: fills, status, documents.
		cs[3].External, cs[3].Doc = "E-4", []byte(`{"b":2}`)
		if err := u.updateCustomers(ctx, cs[3:]); err != nil {
			t.Fatal(err)
		}
		ps[0].Status = "Terminated"
		if err := u.updatePolicies(ctx, ps[:1]); err != nil {
			t.Fatal(err)
		}
		if err := u.commit(); err != nil {
			t.Fatal(err)
		}
		u, err = s.begin(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer u.rollback()
		got2, err := u.findCustomers(ctx, nil, []string{"E-4"}, nil, nil)
		if err != nil || len(got2) != 1 || string(got2[0].Doc) != `{"b":2}` || got2[0].HealthSherpa != "" {
			t.Errorf("after update: %+v, %v", got2, err)
		}
		pol, err := u.findPolicies(ctx, []string{"PH-1"}, nil)
		if err != nil || len(pol) != 1 || pol[0].Status != "Terminated" {
			t.Errorf("after policy update: %+v, %v", pol, err)
		}
	})
}

// More rows than one statement carries.
func TestUnitChunks(t *testing.T) {
	eachDB(t, func(t *testing.T, kind string) {
		ctx := context.Background()
		s := openTest(t, kind, Options{})
		u, err := s.begin(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer u.rollback()
		var cs []customerRow
		var keys []string
		for i := range chunk + 7 {
			id := "c" + itoa(i)
			cs = append(cs, customerRow{ID: id, External: "E" + id, Doc: []byte(`{}`)})
			keys = append(keys, "E"+id)
		}
		before := s.Stats().Writes
		if err := u.insertCustomers(ctx, cs); err != nil {
			t.Fatal(err)
		}
		if w := s.Stats().Writes - before; w != 2 {
			t.Errorf("%d rows took %d statements, want 2", len(cs), w)
		}
		got, err := u.findCustomers(ctx, nil, keys, nil, nil)
		if err != nil || len(got) != len(cs) {
			t.Fatalf("found %d of %d, %v", len(got), len(cs), err)
		}
	})
}

// UNIQUE identifiers: a second holder of an identifier is refused with a
// retryable conflict.
func TestUniqueIdentifiers(t *testing.T) {
	eachDB(t, func(t *testing.T, kind string) {
		ctx := context.Background()
		s := openTest(t, kind, Options{UniqueIdentifiers: true})
		u, err := s.begin(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer u.rollback()
		err = u.insertCustomers(ctx, []customerRow{{ID: "a", External: "E", Doc: []byte(`{}`)}, {ID: "b", External: "E", Doc: []byte(`{}`)}})
		if !errors.Is(err, ErrConflict) && !(kind == "sqlite" && err != nil && strings.Contains(err.Error(), "UNIQUE")) {
			t.Fatalf("two holders of externalId E: got %v", err)
		}
	})
}
