package matching

import "slices"

// The batch overlay: what the records decided so far create or change,
// which later records of the same request see through every lookup.

// overlayCustomer is a customer the batch created or changed: its reference
// in the plan and its current state.
type overlayCustomer struct {
	ref CustomerRef
	c   Customer // current state
}

// overlayPolicy is a policy the batch created or changed: its reference,
// current state, owner and state before the request.
type overlayPolicy struct {
	ref    PolicyRef
	p      Policy // current state
	owner  CustomerRef
	before Policy
}

// commit records a succeeding record's effects in the overlay, exactly as
// Store.Apply writes them, so that later records see them.
func (pl *planner) commit(d *Decision) {
	cd := &d.Customer
	ci := -1
	changes := len(cd.Fill) > 0 || (cd.FallbackKey != "" && cd.FallbackKey != cd.Before.FallbackKey)
	if cd.Outcome == OutcomeMatched && !cd.Customer.New && !changes {
		// Nothing to remember: the store's answer stays true.
	} else if cd.Outcome == OutcomeNew {
		ci = len(pl.custs)
		pl.custs = appendSmall(pl.custs, overlayCustomer{ref: cd.Customer})
	} else if cd.Customer.New {
		for n := range pl.custs {
			if pl.custs[n].ref == cd.Customer {
				ci = n
				break
			}
		}
	} else if n, ok := pl.custByID[cd.Customer.ID]; ok {
		ci = n
	} else {
		ci = len(pl.custs)
		if pl.custByID == nil {
			pl.custByID = map[string]int{}
		}
		pl.custByID[cd.Customer.ID] = ci
		pl.custs = appendSmall(pl.custs, overlayCustomer{ref: cd.Customer, c: cd.Before})
	}
	for _, f := range cd.Fill {
		oc := &pl.custs[ci]
		oc.c.IDs.set(f.Key, f.Value)
		pl.custIdx.add(f.Value, ci)
	}
	if ci >= 0 && cd.FallbackKey != "" && pl.custs[ci].c.FallbackKey != cd.FallbackKey {
		pl.custs[ci].c.FallbackKey = cd.FallbackKey
		pl.custIdx.add(cd.FallbackKey, ci)
	}

	for j := range d.Policies {
		pd := &d.Policies[j]
		var pi int
		switch {
		case pd.Outcome == OutcomeNew:
			pi = len(pl.pols)
			np := Policy{Type: PolicyTypeACA, Status: pd.Status, EffectiveDate: pd.EffectiveDate}
			for _, f := range pd.Fill {
				np.IDs.set(f.Key, f.Value)
			}
			pl.pols = appendSmall(pl.pols, overlayPolicy{ref: pd.Policy, owner: cd.Customer, p: np, before: np})
		case pd.Outcome != OutcomeMatched:
			continue
		case pd.Policy.New:
			pi = slices.IndexFunc(pl.pols, func(o overlayPolicy) bool { return o.ref == pd.Policy })
		case len(pd.Fill) == 0:
			continue // an existing policy that keeps its identifiers
		default:
			n, ok := pl.polByID[pd.Policy.ID]
			if !ok {
				n = len(pl.pols)
				if pl.polByID == nil {
					pl.polByID = map[string]int{}
				}
				pl.polByID[pd.Policy.ID] = n
				pl.pols = appendSmall(pl.pols, overlayPolicy{ref: pd.Policy, owner: cd.Customer, p: pd.Before, before: pd.Before})
			}
			pi = n
		}
		op := &pl.pols[pi]
		for _, f := range pd.Fill {
			op.p.IDs.set(f.Key, f.Value)
			pl.polIdx.add(f.Value, pi)
		}
	}
}

// appendSmall is append starting at a capacity of 16, not 1: a batch's
// overlay holds a few dozen entries at most.
func appendSmall[T any](s []T, v T) []T {
	if s == nil {
		s = make([]T, 0, 16)
	}
	return append(s, v)
}

// chains indexes overlay positions by value: a map from a value to its
// latest entry, and the entries, each linking to the previous one of its
// value. One map and one slice for the whole batch, instead of a slice per
// value. The values of all keys share it (a string-keyed map is faster than
// one keyed by (key, value)): a lookup checks the key of what it finds.
type chains struct {
	head map[string]int32 // 1 + index in ent of the key's latest entry
	ent  []chainEntry
}

type chainEntry struct {
	pos  int32 // the overlay position
	prev int32 // 1 + index in ent of the key's previous entry, 0 at the end
}

// chainCursor is a position in a key's chain: at is 1 + the index in ent (0
// at the end), p the overlay position stored there.
type chainCursor struct {
	at int32
	p  int32
}

func (c chainCursor) ok() bool { return c.at != 0 }

func (c chainCursor) pos() int { return int(c.p) }

func (x *chains) add(k string, pos int) {
	if x.head == nil {
		x.head = make(map[string]int32, 16)
	}
	x.ent = appendSmall(x.ent, chainEntry{pos: int32(pos), prev: x.head[k]})
	x.head[k] = int32(len(x.ent))
}

// reset empties x, keeping its capacity.
func (x *chains) reset() {
	clear(x.head)
	x.ent = x.ent[:0]
}

func (x *chains) first(k string) chainCursor {
	if len(x.head) == 0 {
		return chainCursor{}
	}
	return x.cursor(x.head[k])
}

func (x *chains) next(c chainCursor) chainCursor { return x.cursor(x.ent[c.at-1].prev) }

func (x *chains) cursor(at int32) chainCursor {
	if at == 0 {
		return chainCursor{}
	}
	return chainCursor{at: at, p: x.ent[at-1].pos}
}
