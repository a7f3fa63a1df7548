package matching_test

import (
	"context"
	"fmt"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/phone"
	"github.com/carecycle/carerules/termination"
)

func ExampleFallbackKey() {
	key, ok := matching.FallbackKey("José", "O'Brien-Smith", "03/04/1985", "(212) 736-5000")
	fmt.Println(key, ok)
	same, _ := matching.FallbackKey(" JOSE ", "obrien smith", "1985-03-04", "+12127365000")
	fmt.Println(same == key)
	_, ok = matching.FallbackKey("José", "O'Brien-Smith", "", "(212) 736-5000")
	fmt.Println(ok)
	// Output:
	// jose|obrien smith|1985-03-04|+12127365000 true
	// true
	// false
}

func ExampleIdentifier() {
	for _, s := range []string{" A-17 ", "null", "NaN", ""} {
		v, ok := matching.Identifier(s)
		fmt.Printf("%q %v\n", v, ok)
	}
	// Output:
	// "A-17" true
	// "" false
	// "" false
	// "" false
}

func ExamplePlanner_Plan() {
	key, _ := matching.FallbackKey("Jane", "Doe", "01/02/1980", "2127365000")
	store, _ := matching.NewStore(
		[]matching.Customer{{ID: "c1", IDs: matching.CustomerIDs{ExternalID: "crm-1"}, FallbackKey: key}},
		[]matching.Policy{{ID: "p1", CustomerID: "c1", Type: "ACA", Status: termination.StatusActive, IDs: matching.PolicyIDs{HealthSherpaPolicyID: "hs-2024"}}},
	)
	plan, err := matching.NewPlanner(store, matching.StrategyLiteral).Plan(context.Background(), []matching.Record{
		{ // known by externalId; one known policy, one new
			IDs: matching.CustomerIDs{ExternalID: "crm-1", CarrierAssignedCustomerID: "car-9"},
			Policies: []matching.PolicyRecord{
				{IDs: matching.PolicyIDs{HealthSherpaPolicyID: "hs-2024"}},
				{IDs: matching.PolicyIDs{HealthSherpaPolicyID: "hs-2025"}},
			},
		},
		{ // no identifier: the fallback finds the same person (date and phone as validation parsed them)
			FirstName: "JANE", LastName: "Doe", DateOfBirth: dob.MustNew(1980, 1, 2), PhoneNumber: phone.MustParse("(212) 736-5000"),
		},
		{ // an identifier nobody holds: a new customer; the record after it sees it
			IDs: matching.CustomerIDs{ExternalID: "crm-2"},
		},
		{IDs: matching.CustomerIDs{ExternalID: "crm-2"}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range plan.Decisions {
		c := d.Customer
		fmt.Printf("record %d: %v by %v -> %v, fill %v\n", d.Record, c.Outcome, c.Key, c.Customer, c.Fill)
		for j, p := range d.Policies {
			fmt.Printf("  policy %d: %v by %v -> %v\n", j, p.Outcome, p.Key, p.Policy)
		}
	}
	for _, e := range plan.Customers() {
		fmt.Printf("%v: creates ACA policy %v, updates %d\n", e.Customer, e.CreatesACAPolicy, len(e.Updated))
	}
	// Output:
	// record 0: matched by externalId -> c1, fill [{carrierAssignedCustomerId car-9}]
	//   policy 0: matched by healthSherpaPolicyId -> p1
	//   policy 1: new by healthSherpaPolicyId -> new(record 0, policy 1)
	// record 1: matched by fallback -> c1, fill []
	// record 2: new by externalId -> new(record 2), fill [{externalId crm-2}]
	// record 3: matched by externalId -> new(record 2), fill []
	// c1: creates ACA policy true, updates 1
	// new(record 2): creates ACA policy false, updates 0
}

// The strategies differ when a customer known by one identifier arrives with
// a new, higher-priority one.
// A host that plans request after request reuses one Plan: the decisions'
// memory is reused, and the plan must be used up before the next PlanInto.
func ExamplePlanner_PlanInto() {
	store, _ := matching.NewStore([]matching.Customer{{ID: "c1", IDs: matching.CustomerIDs{ExternalID: "crm-1"}}}, nil)
	planner := matching.NewPlanner(store, matching.StrategyLiteral)
	var plan matching.Plan
	for _, ext := range []string{"crm-1", "crm-2"} {
		if err := planner.PlanInto(context.Background(), &plan, []matching.Record{{IDs: matching.CustomerIDs{ExternalID: ext}}}); err != nil {
			fmt.Println(err)
			return
		}
		d := plan.Decisions[0].Customer
		fmt.Println(ext, d.Outcome, d.Customer)
	}
	// Output:
	// crm-1 matched c1
	// crm-2 new new(record 0)
}

func ExamplePlanner_Plan_cascade() {
	store, _ := matching.NewStore([]matching.Customer{{ID: "c1", IDs: matching.CustomerIDs{ExternalID: "crm-1"}}}, nil)
	rec := []matching.Record{{IDs: matching.CustomerIDs{HealthSherpaCustomerID: "hsc-new", ExternalID: "crm-1"}}}
	for _, s := range []matching.Strategy{matching.StrategyLiteral, matching.StrategyCascade} {
		plan, _ := matching.NewPlanner(store, s).Plan(context.Background(), rec)
		c := plan.Decisions[0].Customer
		fmt.Printf("%v: %v by %v -> %v, conflicts %d\n", s, c.Outcome, c.Key, c.Customer, len(c.Conflicts))
	}
	// Output:
	// literal: new by healthSherpaCustomerId -> new(record 0), conflicts 1
	// cascade: matched by externalId -> c1, conflicts 0
}

func ExampleStore_Apply() {
	store, _ := matching.NewStore(nil, nil)
	records := []matching.Record{{
		IDs:      matching.CustomerIDs{ExternalID: "crm-7"},
		Policies: []matching.PolicyRecord{{IDs: matching.PolicyIDs{CarrierAssignedPolicyID: "car-1"}, Status: termination.StatusActive}},
	}}
	planner := matching.NewPlanner(store, matching.StrategyLiteral)
	plan, _ := planner.Plan(context.Background(), records)
	applied, _ := store.Apply(plan)
	fmt.Println(applied.Customers, applied.Policies)

	again, _ := planner.Plan(context.Background(), records)
	fmt.Println(again.Decisions[0].Customer.Outcome, again.Decisions[0].Policies[0].Outcome)
	// Output:
	// [cust-1] [[pol-1]]
	// matched matched
}

// hostDB stands for a host's own storage: here, maps keyed by value.
type hostDB struct {
	byExternalID map[string][]matching.Customer
	byFallback   map[string][]matching.Customer
	policies     map[string][]matching.Policy // by healthSherpaPolicyId
}

// A host wires its own storage with the func adapters: each lookup is one
// indexed query (SELECT ... WHERE external_id = $1), answered here by a map.
func Example_hostStore() {
	key, _ := matching.FallbackKey("Ann", "Lee", "07/08/1985", "3126034400")
	ann := matching.Customer{ID: "42", IDs: matching.CustomerIDs{ExternalID: "crm-42"}, FallbackKey: key}
	db := hostDB{
		byExternalID: map[string][]matching.Customer{"crm-42": {ann}},
		byFallback:   map[string][]matching.Customer{key: {ann}},
		policies: map[string][]matching.Policy{
			"hs-1": {{ID: "900", CustomerID: "42", Type: "MA", Status: termination.StatusActive, IDs: matching.PolicyIDs{HealthSherpaPolicyID: "hs-1"}}},
		},
	}
	planner := &matching.Planner{
		Customers: matching.CustomerFinderFunc(func(ctx context.Context, k matching.CustomerKey, v string) ([]matching.Customer, error) {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if k != matching.KeyExternalID { // this host only stores externalId
				return nil, nil
			}
			return db.byExternalID[v], nil
		}),
		Fallback: matching.FallbackFinderFunc(func(ctx context.Context, key string) ([]matching.Customer, error) {
			return db.byFallback[key], ctx.Err()
		}),
		Policies: matching.PolicyFinderFunc(func(ctx context.Context, k matching.PolicyKey, v string) ([]matching.Policy, error) {
			if k != matching.KeyHealthSherpaPolicyID {
				return nil, ctx.Err()
			}
			return db.policies[v], ctx.Err()
		}),
		Strategy: matching.StrategyCascade,
	}
	plan, err := planner.Plan(context.Background(), []matching.Record{{
		FirstName: "ann", LastName: "LEE", DateOfBirth: dob.MustNew(1985, 7, 8), PhoneNumber: phone.MustParse("+13126034400"),
		IDs:      matching.CustomerIDs{HealthSherpaCustomerID: "hsc-5"},
		Policies: []matching.PolicyRecord{{IDs: matching.PolicyIDs{HealthSherpaPolicyID: "hs-1"}}},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	d := plan.Decisions[0]
	fmt.Println(d.Customer.Outcome, d.Customer.Key, d.Customer.Customer, d.Customer.Fill)
	fmt.Println(d.Policies[0].Outcome, d.Policies[0].Conflict)
	fmt.Println(plan.Failed(), d.Err)
	// Output:
	// matched fallback 42 [{healthSherpaCustomerId hsc-5}]
	// conflict not_aca
	// 1 matching: records.0.policies.0.healthSherpaPolicyId: policy_conflict: not_aca (900)
}
