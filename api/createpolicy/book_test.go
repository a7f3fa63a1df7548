package createpolicy

import (
	"context"
	"strings"
	"testing"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/termination"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testBook(t *testing.T) *syncaca.Book {
	t.Helper()
	b, err := syncaca.ReadBook(strings.NewReader(`{"customers":[
		{"id":"c-1","firstName":"Ana","lastName":"Reyes","phoneNumber":"+13055550101","state":"TX","postalCode":"75201",
		 "policies":[{"id":"pol-2","policyType":"ACA","status":"Active","healthSherpaPolicyId":"hsp-1"}]},
		{"id":"c-2","firstName":"Lin","lastName":"Chen","phoneNumber":"+14045550103"}]}`))
	require.NoError(t, err)
	return b
}

// TestBookStoreAddsAnIndexedPolicy: the book's customer gets the policy, with
// a new ID the book did not hold, and a later sync finds it by identifier.
func TestBookStoreAddsAnIndexedPolicy(t *testing.T) {
	b := testBook(t)
	s := BookStore{Book: b}
	resp, err := Create(context.Background(), s, s, "c-1", []byte(`{"policyType":"ma","carrierName":"BCBS","planCode":"H1234001000","carrierAssignedPolicyId":"car-9","sourceCallContext":{"call":"x"}}`), Options{})
	require.NoError(t, err)
	assert.Equal(t, "pol-3", resp.Policy.ID, "pol-1 is free but pol-2 is held: the first free N from the count")
	assert.Equal(t, "bcbs-texas", resp.Policy.CarrierID, "the stored customer's state")
	assert.Equal(t, `{"call":"x"}`, string(resp.Policy.SourceCallContext))
	c, ok := b.Customer("c-1")
	require.True(t, ok)
	require.Len(t, c.Policies, 2)
	assert.Equal(t, syncaca.Policy{ID: "pol-3", CustomerID: "c-1", PolicyType: "MA", CarrierID: "bcbs-texas",
		CarrierName: "Blue Cross and Blue Shield of Texas", PlanCode: "H1234-001-000", CarrierAssignedPolicyID: "car-9", Status: termination.StatusActive}, c.Policies[1])

	// A sync that sends that carrierAssignedPolicyId meets a non-ACA policy:
	// a conflict, never a takeover.
	req, err := syncaca.DecodeBytes([]byte(`{"records":[{"firstName":"Ana","lastName":"Reyes","phoneNumber":"+13055550101","postalCode":"75201",
		"policies":[{"carrierAssignedPolicyId":"car-9"}]}]}`))
	require.NoError(t, err)
	resp2, err := b.Sync(context.Background(), req, syncaca.Options{Today: dob.MustParseISO("2026-06-01")})
	require.NoError(t, err)
	assert.Equal(t, 1, resp2.Failed, "%+v", resp2)
}

func TestBookStoreRefusesAHeldIdentifier(t *testing.T) {
	b := testBook(t)
	s := BookStore{Book: b}
	_, err := Create(context.Background(), s, s, "c-2", []byte(`{"healthSherpaPolicyId":" hsp-1 "}`), Options{})
	var ve *api.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "policy_identifier_taken", ve.Errors[0].Code)
	assert.Equal(t, []string{"healthSherpaPolicyId"}, ve.Errors[0].Path)
	_, pols := b.Len()
	assert.Equal(t, 1, pols, "nothing written")
}

func TestBookStoreCustomerAbsentAndCancelled(t *testing.T) {
	b := testBook(t)
	s := BookStore{Book: b}
	_, err := Create(context.Background(), s, s, "c-404", []byte(`{}`), Options{})
	assert.ErrorIs(t, err, ErrCustomerNotFound)
	_, err = s.CreatePolicy(context.Background(), Policy{CustomerID: "c-404"})
	assert.ErrorIs(t, err, ErrCustomerNotFound)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = s.CreatePolicy(ctx, Policy{CustomerID: "c-1"})
	assert.ErrorIs(t, err, context.Canceled)
	_, pols := b.Len()
	assert.Equal(t, 1, pols, "nothing written")
}
