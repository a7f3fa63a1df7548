package createpolicy_test

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/carecycle/carerules/api/createpolicy"
)

// policies is a host's store of one customer's new policies.
type policies struct{ created []createpolicy.Policy }

func (s *policies) CreatePolicy(ctx context.Context, p createpolicy.Policy) (createpolicy.Policy, error) {
	p.ID = fmt.Sprintf("pol-%d", len(s.created)+1)
	s.created = append(s.created, p)
	return p, nil
}

func ExampleCreate() {
	customers := createpolicy.CustomerFinderFunc(func(ctx context.Context, id string) (createpolicy.Customer, error) {
		if id != "c-42" {
			return createpolicy.Customer{}, createpolicy.ErrCustomerNotFound
		}
		return createpolicy.Customer{ID: id, State: "TX", PostalCode: "75201"}, nil
	})
	store := &policies{}
	body := []byte(`{"policyType":"mapd","carrierName":"BCBS","planCode":"h1234001000","policyLives":2.0,"policySubType":"HMO"}`)

	resp, err := createpolicy.Create(context.Background(), customers, store, "c-42", body, createpolicy.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := resp.Policy
	fmt.Println(p.ID, p.PolicyType, p.PlanCode, p.Status, *p.PolicyLives)
	fmt.Println(p.CarrierID, "/", p.CarrierName)
	fmt.Println(string(p.Unknown["policySubType"]))

	_, err = createpolicy.Create(context.Background(), customers, store, "c-43", body, createpolicy.Options{})
	fmt.Println(err)
	// Output:
	// pol-1 MAPD H1234-001-000 Active 2
	// bcbs-texas / Blue Cross and Blue Shield of Texas
	// "HMO"
	// customer not found
}

// An unresolvable carrier is a validation error, unless the host keeps such
// policies for this request.
func ExampleCreate_keepUnresolvedCarrier() {
	customers := createpolicy.CustomerFinderFunc(func(ctx context.Context, id string) (createpolicy.Customer, error) {
		return createpolicy.Customer{ID: id}, nil // no state on file
	})
	body := []byte(`{"carrierName":"BCBS"}`)

	_, err := createpolicy.Create(context.Background(), customers, &policies{}, "c-1", body, createpolicy.Options{})
	out, _ := json.Marshal(err)
	fmt.Println(string(out))

	resp, _ := createpolicy.Create(context.Background(), customers, &policies{}, "c-1", body, createpolicy.Options{KeepUnresolvedCarrier: true})
	fmt.Printf("%q %q %s %s\n", resp.Policy.CarrierName, resp.Policy.CarrierID, resp.Warnings[0].Code, resp.Warnings[0].Reason)
	// Output:
	// {"message":"Validation failed: 1 issue","code":"VALIDATION_ERROR","errors":[{"path":["carrierName"],"message":"carrierName is a generic Blue Cross Blue Shield name and the customer has no state to resolve it","expected":"the customer's state (two-letter code of the 50 states, DC or PR) to resolve a generic Blue Cross Blue Shield name","received":"BCBS","code":"state_required"}],"failedRecords":[]}
	// "BCBS" "" carrier_unresolved state_required
}
