package matching

import (
	"fmt"
	"slices"
)

// The customer rule: which customer a record is (first identifier present
// wins, or the cascade, then the fallback key), and which of the record's
// identifiers are written on it.

// customerCandidate is a customer holding a looked-up value. c points into
// the lookup's result slice or into the overlay, and is valid until the next
// customer lookup or the next commit.
type customerCandidate struct {
	ref CustomerRef
	c   *Customer
}

func customerValue(c *Customer, k CustomerKey) string {
	if k == KeyFallback {
		return c.FallbackKey
	}
	return c.IDs.Get(k)
}

// findCustomers returns the customers holding value as key k now: the
// store's answer seen through the overlay, sorted. The result is valid until
// the next findCustomers.
func (pl *planner) findCustomers(k CustomerKey, v string) ([]customerCandidate, error) {
	var (
		res []Customer
		err error
	)
	switch {
	case pl.store != nil:
		if err = pl.ctx.Err(); err == nil {
			res = pl.store.appendCustomers(pl.rc[:0], customerTable(k), v)
			pl.rc = res[:0]
		}
	case k == KeyFallback:
		res, err = pl.p.Fallback.FindCustomersByFallback(pl.ctx, v)
	default:
		res, err = pl.p.Customers.FindCustomers(pl.ctx, k, v)
	}
	if err != nil {
		return nil, fmt.Errorf("matching: looking up customers by %v: %w", k, err)
	}
	out := pl.cbuf[:0]
	for n := range res {
		c := &res[n]
		if i, ok := pl.custByID[c.ID]; ok {
			c = &pl.custs[i].c
			if customerValue(c, k) != v {
				continue // its fallback key changed earlier in the batch
			}
		}
		out = addCustomer(out, CustomerRef{ID: c.ID}, c)
	}
	for c := pl.custIdx.first(v); c.ok(); c = pl.custIdx.next(c) {
		oc := &pl.custs[c.pos()]
		if customerValue(&oc.c, k) == v {
			out = addCustomer(out, oc.ref, &oc.c)
		}
	}
	if len(out) > 1 {
		slices.SortFunc(out, func(a, b customerCandidate) int { return refLess(a.ref, b.ref) })
	}
	pl.cbuf = out[:0]
	return out, nil
}

// addCustomer appends (ref, c) to out unless ref is already there.
func addCustomer(out []customerCandidate, ref CustomerRef, c *Customer) []customerCandidate {
	for i := range out {
		if out[i].ref == ref {
			return out
		}
	}
	return append(out, customerCandidate{ref, c})
}

// fills returns a slice of the plan's Fill slab holding f, or nil when f is
// empty. The slab is allocated once, when first needed, for the records
// left; the slices handed out have no spare capacity, so a caller's append
// never writes into a neighbour's.
func (pl *planner) fills(f []Fill, recordsLeft int) []Fill {
	if len(f) == 0 {
		return nil
	}
	if len(pl.fillSlab) < len(f) {
		pl.fillSlab = make([]Fill, max(len(customerIDKeys)*recordsLeft, len(f)))
	}
	out := pl.fillSlab[:len(f):len(f)]
	pl.fillSlab = pl.fillSlab[len(f):]
	copy(out, f)
	return out
}

// customer decides the record's customer under the planner's strategy,
// into cd (zero on entry).
func (pl *planner) customer(i int, r *Record, cd *CustomerDecision) error {
	var ids [4]string // indexed by CustomerKey
	var present [4]bool
	anyID := false
	for _, k := range customerIDKeys {
		ids[k], present[k] = Identifier(r.IDs.Get(k))
		anyID = anyID || present[k]
	}
	fb, fbOK := FallbackKeyOf(r.FirstName, r.LastName, r.DateOfBirth, r.PhoneNumber)
	cd.FallbackKey = fb

	// tried[k] is true when k was looked up and matched nobody.
	var tried [4]bool
	matched := false
	decide := func(k CustomerKey, v string) (done bool, err error) {
		cd.Key = k
		cands, err := pl.findCustomers(k, v)
		if err != nil {
			return true, err
		}
		switch len(cands) {
		case 0:
			if k != KeyFallback {
				tried[k] = true
			}
			return false, nil
		case 1:
			matched = true
			cd.Outcome = OutcomeMatched
			cd.Customer = cands[0].ref
			cd.Before = *cands[0].c
		default:
			cd.Outcome = OutcomeAmbiguous
			cd.Candidates = make([]CustomerRef, len(cands))
			for n, c := range cands {
				cd.Candidates[n] = c.ref
			}
		}
		return true, nil
	}

	done := false
	var err error
	for _, k := range customerIDKeys {
		if !present[k] {
			continue
		}
		if done, err = decide(k, ids[k]); err != nil {
			return err
		}
		if done || pl.p.Strategy != StrategyCascade {
			break
		}
	}
	if !done && fbOK && (!anyID || pl.p.Strategy == StrategyCascade) {
		if _, err = decide(KeyFallback, fb); err != nil {
			return err
		}
	}
	switch {
	case cd.Outcome == OutcomeAmbiguous:
		return nil
	case !matched:
		cd.Outcome = OutcomeNew
		cd.Customer = CustomerRef{New: true, Record: i}
	}

	// Identifiers: fill the empty ones, never overwrite, never copy a value
	// another customer holds.
	var fill [len(customerIDKeys)]Fill
	nfill := 0
	for _, k := range customerIDKeys {
		if !present[k] {
			continue
		}
		v := ids[k]
		held := cd.Before.IDs.Get(k)
		if held == v {
			continue
		}
		if held != "" {
			cd.Conflicts = append(cd.Conflicts, IDConflict{Key: k, Held: held, Incoming: v})
			continue
		}
		if !tried[k] { // a key tried without a match is held by nobody
			cands, err := pl.findCustomers(k, v)
			if err != nil {
				return err
			}
			var others []CustomerRef
			for _, c := range cands {
				if c.ref != cd.Customer {
					others = append(others, c.ref)
				}
			}
			if len(others) > 0 {
				cd.Conflicts = append(cd.Conflicts, IDConflict{Key: k, Incoming: v, HeldBy: others})
				continue
			}
		}
		fill[nfill] = Fill{Key: k, Value: v}
		nfill++
	}
	cd.Fill = pl.fills(fill[:nfill], pl.recordsLeft)
	return nil
}
