package matching

// Applied reports what [Store.Apply] wrote: for each record, the ID of its
// customer, and for each of its policies, the ID of the policy written.
// Failed records (an ambiguous customer, a policy conflict, duplicate
// policies) have "" and nil: nothing of them is written.
type Applied struct {
	Customers []string
	Policies  [][]string
}

// Apply writes a plan made against s by a [Planner] whose three finders are
// s: new customers and policies are created (with IDs "cust-N" and "pol-N"
// that the store did not hold), identifiers are filled, a customer's stored
// fallback key becomes the record's when the record has a complete one, and
// a matched policy's Status and EffectiveDate become the record's when they
// are given (a valid Status, a non-empty EffectiveDate). It writes exactly what the planner's overlay showed to later
// records, so planning the same batch again after Apply creates nothing
// (except policies without identifiers, which the warning announces, and
// customers of records with neither an identifier nor a complete fallback
// key).
//
// Apply refuses, with [ErrStalePlan] and without writing, a plan made against
// another Lookup or before any other write to s (including an earlier Apply
// of the same plan).
func (s *Store) Apply(p *Plan) (*Applied, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p == nil || p.store != s || p.version != s.version {
		return nil, ErrStalePlan
	}
	out := &Applied{Customers: make([]string, len(p.Decisions)), Policies: make([][]string, len(p.Decisions))}
	newCust := map[int]int{}   // record index -> customer position
	newPol := map[[2]int]int{} // (record, policy) -> policy position
	exists := func(id string) bool { return s.customerPos(id) >= 0 }
	pexists := func(id string) bool { return s.policyPos(id) >= 0 }
	for i := range p.Decisions {
		d := &p.Decisions[i]
		if d.Err != nil {
			continue
		}
		cd := &d.Customer
		var ci int
		switch {
		case cd.Outcome == OutcomeNew:
			ci = len(s.cs)
			s.putCustomer(ci, &Customer{ID: s.newID("cust-", &s.nextCust, exists)})
			newCust[cd.Customer.Record] = ci
			s.cindex(cByID, ci)
		case cd.Customer.New:
			ci = newCust[cd.Customer.Record]
		default:
			ci = s.customerPos(cd.Customer.ID)
		}
		c := s.customer(ci)
		fb := cd.FallbackKey != "" && c.FallbackKey != cd.FallbackKey
		if len(cd.Fill) > 0 || fb {
			for _, f := range cd.Fill {
				c.IDs.set(f.Key, f.Value)
			}
			if fb {
				c.FallbackKey = cd.FallbackKey
			}
			s.putCustomer(ci, &c)
			for _, f := range cd.Fill {
				s.cindex(customerTable(f.Key), ci)
			}
			if fb {
				s.cindex(cByFallback, ci)
			}
		}
		out.Customers[i] = c.ID

		out.Policies[i] = make([]string, len(d.Policies))
		for j := range d.Policies {
			pd := &d.Policies[j]
			var pi int
			switch {
			case pd.Outcome == OutcomeNew:
				pi = len(s.ps)
				s.putPolicy(pi, &Policy{ID: s.newID("pol-", &s.nextPol, pexists), CustomerID: c.ID,
					Type: PolicyTypeACA, Status: pd.Status, EffectiveDate: pd.EffectiveDate})
				newPol[[2]int{i, j}] = pi
				s.pindex(pByID, pi)
				s.pindex(pByOwner, pi)
			case pd.Outcome != OutcomeMatched:
				continue
			case pd.Policy.New:
				pi = newPol[[2]int{pd.Policy.Record, pd.Policy.Policy}]
			default:
				pi = s.policyPos(pd.Policy.ID)
			}
			q := s.policy(pi)
			changed := len(pd.Fill) > 0
			if !pd.Policy.New && pd.Outcome == OutcomeMatched {
				if pd.Status.IsValid() && q.Status != pd.Status {
					q.Status, changed = pd.Status, true
				}
				if pd.EffectiveDate != "" && q.EffectiveDate != pd.EffectiveDate {
					q.EffectiveDate, changed = pd.EffectiveDate, true
				}
			}
			if changed {
				for _, f := range pd.Fill {
					q.IDs.set(f.Key, f.Value)
				}
				s.putPolicy(pi, &q)
				for _, f := range pd.Fill {
					s.pindex(policyTable(f.Key), pi)
				}
			}
			out.Policies[i][j] = q.ID
		}
	}
	s.version++
	return out, nil
}
