package syncaca

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// loc is a policy of the working set: its customer's index there and its
// index among that customer's policies.
type loc [2]int

// working is what one unit of work knows: the customers the request reads
// or writes, each with its policies as stored and as the request leaves
// them.
type working struct {
	holders   []Customer // every holder of the request's customer keys
	custs     []*Customer
	orig      []*Customer    // as read (nil for a new customer): writes that change nothing are skipped
	origPol   map[loc]Policy // as read
	effective map[loc]termination.EffectiveDate
	byID      map[string]int // stored customer ID -> index in custs
	polAt     map[string]loc // stored policy ID -> loc
	newCust   map[int]int    // record -> index of the customer it creates
	newPol    map[[2]int]loc // (record, policy) -> the policy it creates
	custOf    []int          // record -> index of its customer (-1: failed)
	polOf     [][]loc        // record -> its policies
}

// matchingCustomer is c as matching reads it: the fallback key is a pure
// function of the stored fields.
func matchingCustomer(c *Customer) matching.Customer {
	fb, _ := matching.FallbackKey(c.FirstName, c.LastName, c.DateOfBirth, c.PhoneNumber)
	return matching.Customer{ID: c.ID, FallbackKey: fb, IDs: matching.CustomerIDs{
		HealthSherpaCustomerID: c.HealthSherpaCustomerID, ExternalID: c.ExternalID, CarrierAssignedCustomerID: c.CarrierAssignedCustomerID}}
}

func matchingPolicy(p *Policy) matching.Policy {
	return matching.Policy{ID: p.ID, CustomerID: p.CustomerID, Type: p.PolicyType, Status: p.Status, EffectiveDate: p.EffectiveDate,
		IDs: matching.PolicyIDs{HealthSherpaPolicyID: p.HealthSherpaPolicyID, CarrierAssignedPolicyID: p.CarrierAssignedPolicyID}}
}

// read asks the store for every holder of the request's keys, one call per
// kind, and returns them as the planner's answers.
func (w *working) read(ctx context.Context, tx Tx, keys matching.Keys) (*matching.Answers, error) {
	var policies []Policy
	var err error
	if keys.Customers.Len() > 0 {
		if w.holders, err = tx.Customers(ctx, keys.Customers); err != nil {
			return nil, err
		}
	}
	if keys.Policies.Len() > 0 {
		if policies, err = tx.Policies(ctx, keys.Policies); err != nil {
			return nil, err
		}
	}
	mc := make([]matching.Customer, len(w.holders))
	for i := range w.holders {
		mc[i] = matchingCustomer(&w.holders[i])
	}
	mp := make([]matching.Policy, len(policies))
	for i := range policies {
		mp[i] = matchingPolicy(&policies[i])
	}
	return matching.NewAnswers(keys, mc, mp), nil
}

// errStore: the store's answers contradict each other.
var errStore = errors.New("syncaca: the store's answers are inconsistent")

// load puts in the working set the stored customers that the plan's
// succeeded records matched, with their policies (one PoliciesOf call).
func (w *working) load(ctx context.Context, tx Tx, plan *matching.Plan) error {
	w.byID, w.polAt = map[string]int{}, map[string]loc{}
	w.origPol, w.effective = map[loc]Policy{}, map[loc]termination.EffectiveDate{}
	held := make(map[string]*Customer, len(w.holders))
	for i := range w.holders {
		held[w.holders[i].ID] = &w.holders[i]
	}
	var ids []string
	for i := range plan.Decisions {
		d := &plan.Decisions[i]
		if d.Err != nil || d.Customer.Outcome != matching.OutcomeMatched || d.Customer.Customer.New {
			continue
		}
		id := d.Customer.Customer.ID
		if _, ok := w.byID[id]; ok {
			continue
		}
		c := held[id]
		if c == nil {
			return fmt.Errorf("%w: customer %s was matched but not read", errStore, id)
		}
		w.byID[id] = len(w.custs)
		cur, orig := cloneCustomer(c, false), cloneCustomer(c, false)
		w.custs, w.orig = append(w.custs, &cur), append(w.orig, &orig)
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return nil
	}
	ps, err := tx.PoliciesOf(ctx, ids)
	if err != nil {
		return err
	}
	for _, p := range ps {
		ci, ok := w.byID[p.CustomerID]
		if !ok {
			return fmt.Errorf("%w: PoliciesOf returned policy %s of customer %s, which was not asked for", errStore, p.ID, p.CustomerID)
		}
		c := w.custs[ci]
		l := loc{ci, len(c.Policies)}
		c.Policies = append(c.Policies, p)
		w.polAt[p.ID], w.origPol[l] = l, p
		if eff := termination.ReadEffectiveDate(p.EffectiveDate); eff != (termination.EffectiveDate{}) {
			w.effective[l] = eff
		}
	}
	return nil
}

// create writes the new customers, then the new policies (one call each,
// in record order), and gives the working set the IDs the store chose.
func (w *working) create(ctx context.Context, tx Tx, plan *matching.Plan) error {
	var newIdx []int
	for i := range plan.Decisions {
		if ci, ok := w.newCust[i]; ok {
			newIdx = append(newIdx, ci)
		}
	}
	if len(newIdx) > 0 {
		cs := make([]Customer, len(newIdx))
		for k, ci := range newIdx {
			cs[k] = cloneCustomer(w.custs[ci], false)
		}
		if err := tx.CreateCustomers(ctx, cs); err != nil {
			return err
		}
		for k, ci := range newIdx {
			if cs[k].ID == "" {
				return fmt.Errorf("%w: CreateCustomers left a customer without an ID", errStore)
			}
			w.custs[ci].ID = cs[k].ID
		}
	}
	var news []loc
	for i := range plan.Decisions {
		for j := range plan.Decisions[i].Policies {
			if l, ok := w.newPol[[2]int{i, j}]; ok {
				news = append(news, l)
			}
		}
	}
	if len(news) == 0 {
		return nil
	}
	ps := make([]Policy, len(news))
	for k, l := range news {
		p := &w.custs[l[0]].Policies[l[1]]
		p.CustomerID = w.custs[l[0]].ID
		ps[k] = clonePolicy(p)
	}
	if err := tx.CreatePolicies(ctx, ps); err != nil {
		return err
	}
	for k, l := range news {
		if ps[k].ID == "" {
			return fmt.Errorf("%w: CreatePolicies left a policy without an ID", errStore)
		}
		w.custs[l[0]].Policies[l[1]].ID = ps[k].ID
	}
	return nil
}

// applied is what the plan wrote, by record, with the store's IDs.
func (w *working) applied(plan *matching.Plan) *matching.Applied {
	a := &matching.Applied{Customers: make([]string, len(plan.Decisions)), Policies: make([][]string, len(plan.Decisions))}
	for i, ci := range w.custOf {
		if ci < 0 {
			continue
		}
		a.Customers[i] = w.custs[ci].ID
		a.Policies[i] = make([]string, len(w.polOf[i]))
		for j, l := range w.polOf[i] {
			a.Policies[i][j] = w.custs[l[0]].Policies[l[1]].ID
		}
	}
	return a
}

// update writes the stored customers and policies the request changed
// (one call each; none when nothing changed).
func (w *working) update(ctx context.Context, tx Tx) error {
	var cs []Customer
	var ps []Policy
	for ci, c := range w.custs {
		o := w.orig[ci]
		if o == nil {
			continue // created, with its policies
		}
		if cur := cloneCustomer(c, false); !reflect.DeepEqual(&cur, o) {
			cs = append(cs, cur)
		}
		for k := range c.Policies {
			if op, ok := w.origPol[loc{ci, k}]; ok && !reflect.DeepEqual(op, c.Policies[k]) {
				ps = append(ps, clonePolicy(&c.Policies[k]))
			}
		}
	}
	if len(cs) > 0 {
		if err := tx.UpdateCustomers(ctx, cs); err != nil {
			return err
		}
	}
	if len(ps) > 0 {
		if err := tx.UpdatePolicies(ctx, ps); err != nil {
			return err
		}
	}
	return nil
}
