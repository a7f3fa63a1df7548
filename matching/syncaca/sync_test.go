package syncaca

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carecycle/carerules/matching"
)

func sampleBook(t testing.TB) *Book {
	f, err := os.Open("../../testdata/sync/existing.json")
	require.NoError(t, err)
	defer f.Close()
	b, err := ReadBook(f)
	require.NoError(t, err)
	return b
}

func sampleRequest(t testing.TB) *Request {
	data, err := os.ReadFile("../../testdata/sync/batch.json")
	require.NoError(t, err)
	req, err := DecodeBytes(data)
	require.NoError(t, err)
	return req
}

// TestSyncEveryRecordOnce: every input record ends up exactly once in
// results or errors, in input order; every changed policy appears once.
func TestSyncEveryRecordOnce(t *testing.T) {
	for _, s := range []matching.Strategy{matching.StrategyLiteral, matching.StrategyCascade} {
		t.Run(s.String(), func(t *testing.T) {
			req := sampleRequest(t)
			resp, err := sampleBook(t).Sync(context.Background(), req, Options{Today: today, Strategy: s, Explain: true})
			require.NoError(t, err)
			assert.Equal(t, len(req.Records), resp.Succeeded+resp.Failed)
			assert.Len(t, resp.Results, resp.Succeeded)
			assert.Len(t, resp.Errors, resp.Failed)
			assert.Len(t, resp.Explain, len(req.Records))
			failed := map[int]bool{}
			last := -1
			for _, e := range resp.Errors {
				assert.Greater(t, e.Index, last, "errors in input order")
				last = e.Index
				failed[e.Index] = true
			}
			seen := map[string]bool{}
			for _, r := range resp.Results {
				for _, p := range r.Policies {
					assert.False(t, seen[p.ID], "policy %s appears twice", p.ID)
					seen[p.ID] = true
					switch p.Action {
					case ActionCreated:
						assert.Nil(t, p.PreviousStatus, "previousStatus is null for created")
					case ActionTerminated:
						assert.Equal(t, "Terminated", p.Status)
						require.NotNil(t, p.PreviousStatus)
					case ActionUpdated:
						require.NotNil(t, p.PreviousStatus)
					default:
						t.Errorf("unknown action %q", p.Action)
					}
				}
			}
			assert.Equal(t, []int{4, 9}, keysOf(failed), "the ambiguous fallback and the ambiguous identifier")
		})
	}
}

func keysOf(m map[int]bool) []int {
	var out []int
	for i := range 100 {
		if m[i] {
			out = append(out, i)
		}
	}
	return out
}

// TestSyncTwiceChangesNothing: re-running a batch after it was applied
// creates nothing and terminates nothing, except what the warnings announce
// (a policy without identifiers; a customer with neither identifier nor
// complete fallback key).
func TestSyncTwiceChangesNothing(t *testing.T) {
	for _, s := range []matching.Strategy{matching.StrategyLiteral, matching.StrategyCascade} {
		t.Run(s.String(), func(t *testing.T) {
			b := sampleBook(t)
			opt := Options{Today: today, Strategy: s, Explain: true}
			_, err := b.Sync(context.Background(), sampleRequest(t), opt)
			require.NoError(t, err)
			nc, np := b.Len()
			resp, err := b.Sync(context.Background(), sampleRequest(t), opt)
			require.NoError(t, err)
			for _, r := range resp.Results {
				for _, p := range r.Policies {
					assert.NotEqual(t, ActionTerminated, p.Action, "%s terminated again", p.ID)
					if p.Action == ActionCreated {
						assert.Empty(t, p.HealthSherpaPolicyID+p.CarrierAssignedPolicyID, "only a policy without identifiers is created again")
					}
				}
			}
			for _, e := range resp.Explain {
				if e.Customer.Outcome == "new" {
					assert.Equal(t, "none", e.Customer.Key, "record %d: only a record without any key creates a customer again", e.Index)
				}
			}
			nc2, np2 := b.Len()
			assert.Equal(t, nc+1, nc2, "record 20 (no key) creates a customer again")
			assert.Equal(t, np+1, np2, "record 12 (no policy identifier) creates a policy again")
		})
	}
}

func newBook(t *testing.T, customers ...Customer) *Book {
	b, err := NewBook(customers)
	require.NoError(t, err)
	return b
}

func syncJSON(t *testing.T, b *Book, records ...string) *Response {
	v, err := Check(body(records...), opts())
	require.NoError(t, err)
	resp, err := b.SyncValid(context.Background(), v, opts())
	require.NoError(t, err)
	return resp
}

// TestSyncNetAction: created > terminated > updated, previousStatus before
// the request even when the request also updated the policy.
func TestSyncNetAction(t *testing.T) {
	b := newBook(t, Customer{ID: "c1", ExternalID: "e1", FirstName: "A", LastName: "B", PhoneNumber: "3125550104", Policies: []Policy{
		{ID: "old", PolicyType: "ACA", Status: "Active", EffectiveDate: "2024-01-01", HealthSherpaPolicyID: "h-old"},
		{ID: "recent", PolicyType: "ACA", Status: "Pending", EffectiveDate: "2026-11-21", HealthSherpaPolicyID: "h-recent"},
	}})
	resp := syncJSON(t, b, `{"externalId": "e1", "firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601",
		"policies": [{"healthSherpaPolicyId": "h-old", "status": "Suspended"}, {"healthSherpaPolicyId": "h-recent", "status": "Active"},
		{"healthSherpaPolicyId": "h-new", "effectiveDate": "2020-01-01"}]}`)
	require.Len(t, resp.Results, 1)
	got := map[string]string{}
	for _, p := range resp.Results[0].Policies {
		prev := "null"
		if p.PreviousStatus != nil {
			prev = *p.PreviousStatus
		}
		got[p.ID] = p.Action + " " + prev + "->" + p.Status
	}
	assert.Equal(t, map[string]string{
		"old":    "terminated Active->Terminated", // updated to Suspended first; previousStatus is before the request
		"recent": "updated Pending->Active",       // effective today: not more than one year
		"pol-1":  "created null->Active",          // back-dated but created by the request: never a candidate; status defaults to Active
	}, got)
}

// TestSyncUpdatesNeverTrigger: an update alone never terminates.
func TestSyncUpdatesNeverTrigger(t *testing.T) {
	b := newBook(t, Customer{ID: "c1", ExternalID: "e1", FirstName: "A", LastName: "B", PhoneNumber: "3125550104", Policies: []Policy{
		{ID: "old", PolicyType: "ACA", Status: "Active", EffectiveDate: "2020-01-01", HealthSherpaPolicyID: "h-old"},
		{ID: "old2", PolicyType: "ACA", Status: "Active", EffectiveDate: "2020-01-01", HealthSherpaPolicyID: "h-old2"},
	}})
	resp := syncJSON(t, b, `{"externalId": "e1", "firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601",
		"policies": [{"healthSherpaPolicyId": "h-old"}]}`)
	require.Len(t, resp.Results[0].Policies, 1)
	assert.Equal(t, ActionUpdated, resp.Results[0].Policies[0].Action)
	c, _ := b.Customer("c1")
	assert.Equal(t, "Active", c.Policies[1].Status)
	assert.Equal(t, "Active", c.Policies[0].Status, "status not sent: the stored one is kept, not reset to the default")
}

// TestSyncConflictsAreWarnings: a policy of another customer or of another
// type is skipped and said so; a different identifier is not overwritten.
func TestSyncConflictsAreWarnings(t *testing.T) {
	b := newBook(t,
		Customer{ID: "c1", ExternalID: "e1", HealthSherpaCustomerID: "hs1", FirstName: "A", LastName: "B", PhoneNumber: "3125550104"},
		Customer{ID: "c2", ExternalID: "e2", FirstName: "C", LastName: "D", PhoneNumber: "3125550105", Policies: []Policy{
			{ID: "p2", PolicyType: "ACA", Status: "Active", HealthSherpaPolicyID: "h2"},
			{ID: "ma", PolicyType: "MA", Status: "Active", HealthSherpaPolicyID: "h-ma"},
		}})
	resp := syncJSON(t, b,
		`{"healthSherpaCustomerId": "hs1", "externalId": "e9", "firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601",
		"policies": [{"healthSherpaPolicyId": "h2"}]}`,
		`{"externalId": "e2", "firstName": "C", "lastName": "D", "phoneNumber": "3125550105", "postalCode": "60601",
		"policies": [{"healthSherpaPolicyId": "h-ma"}]}`)
	var got []string
	for _, w := range resp.Warnings {
		got = append(got, strings.Join(w.Path, ".")+"="+w.Code)
	}
	assert.Equal(t, []string{"records.0.externalId=identifier_conflict", "records.0.policies.0.healthSherpaPolicyId=policy_conflict_other_customer",
		"records.1.policies.0.healthSherpaPolicyId=policy_conflict_not_aca"}, got)
	assert.Equal(t, 2, resp.Succeeded)
	c1, _ := b.Customer("c1")
	assert.Equal(t, "e1", c1.ExternalID, "never overwritten")
	c2, _ := b.Customer("c2")
	assert.Len(t, c2.Policies, 2, "never moved")
	assert.Equal(t, "MA", c2.Policies[1].PolicyType, "never turned into ACA")
}

func TestSyncAmbiguousWritesNothing(t *testing.T) {
	b := newBook(t,
		Customer{ID: "c1", ExternalID: "dup", FirstName: "A", LastName: "B", PhoneNumber: "3125550104"},
		Customer{ID: "c2", ExternalID: "dup", FirstName: "C", LastName: "D", PhoneNumber: "3125550105"})
	resp := syncJSON(t, b, `{"externalId": "dup", "firstName": "X", "lastName": "Y", "phoneNumber": "3125550106", "postalCode": "60601",
		"policies": [{"healthSherpaPolicyId": "h"}]}`)
	require.Len(t, resp.Errors, 1)
	e := resp.Errors[0]
	assert.Equal(t, "ambiguous_customer", e.Code)
	assert.Nil(t, e.ID)
	assert.Equal(t, "dup", *e.ExternalID)
	assert.Contains(t, e.Error, "c1")
	assert.Contains(t, e.Error, "c2")
	nc, np := b.Len()
	assert.Equal(t, 2, nc)
	assert.Equal(t, 0, np)
}

func TestSyncValidationChangesNothing(t *testing.T) {
	b := sampleBook(t)
	data, err := os.ReadFile("../../testdata/sync/batch-invalid.json")
	require.NoError(t, err)
	req, _ := DecodeBytes(data)
	require.NotNil(t, req)
	_, err = b.Sync(context.Background(), req, opts())
	assert.ErrorIs(t, err, ErrValidation)
	nc, np := b.Len()
	assert.Equal(t, 20, nc)
	assert.Equal(t, 17, np)
}

func TestBookErrors(t *testing.T) {
	for name, cs := range map[string][]Customer{
		"no id":              {{FirstName: "A"}},
		"duplicate customer": {{ID: "c"}, {ID: "c"}},
		"no policy id":       {{ID: "c", Policies: []Policy{{PolicyType: "ACA"}}}},
		"duplicate policy":   {{ID: "c", Policies: []Policy{{ID: "p"}}}, {ID: "d", Policies: []Policy{{ID: "p"}}}},
		"wrong owner":        {{ID: "c", Policies: []Policy{{ID: "p", CustomerID: "d"}}}},
	} {
		_, err := NewBook(cs)
		assert.ErrorIs(t, err, ErrBook, name)
	}
	_, err := ReadBook(strings.NewReader(`{"customers": [{"id": "c", "extrnalId": "x"}]}`))
	assert.ErrorIs(t, err, ErrBook, "a misspelt field is an error")
}
