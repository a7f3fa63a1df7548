package syncaca

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
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
						assert.Equal(t, termination.StatusTerminated, p.Status)
						require.NotNil(t, p.PreviousStatus)
					case ActionUpdated:
						require.NotNil(t, p.PreviousStatus)
					default:
						t.Errorf("unknown action %q", p.Action)
					}
				}
			}
			// 4: the fallback is ambiguous; 7: hsp-ma-1009 is c-009's MA
			// policy; 8: hsp-2026-1010 is c-010's policy, not c-011's; 9:
			// two customers hold externalId crm-dup-12.
			assert.Equal(t, []int{4, 7, 8, 9}, keysOf(failed), "the ambiguous customers and the policy conflicts")
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
	resp, err := b.SyncValidated(context.Background(), v, opts())
	require.NoError(t, err)
	return resp
}

// TestSyncNetAction: created > terminated > updated, previousStatus before
// the request even when the request also updated the policy.
func TestSyncNetAction(t *testing.T) {
	b := newBook(t, Customer{ID: "c1", ExternalID: "e1", FirstName: "A", LastName: "B", PhoneNumber: "3125550104", Policies: []Policy{
		{ID: "old", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2024-01-01", HealthSherpaPolicyID: "h-old"},
		{ID: "recent", PolicyType: "ACA", Status: termination.StatusPending, EffectiveDate: "2026-11-21", HealthSherpaPolicyID: "h-recent"},
	}})
	resp := syncJSON(t, b, `{"externalId": "e1", "firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601",
		"policies": [{"healthSherpaPolicyId": "h-old", "status": "Suspended"}, {"healthSherpaPolicyId": "h-recent", "status": "Active"},
		{"healthSherpaPolicyId": "h-new", "effectiveDate": "2020-01-01"}]}`)
	require.Len(t, resp.Results, 1)
	got := map[string]string{}
	for _, p := range resp.Results[0].Policies {
		prev := "null"
		if p.PreviousStatus != nil {
			prev = p.PreviousStatus.String()
		}
		got[p.ID] = p.Action + " " + prev + "->" + p.Status.String()
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
		{ID: "old", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2020-01-01", HealthSherpaPolicyID: "h-old"},
		{ID: "old2", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2020-01-01", HealthSherpaPolicyID: "h-old2"},
	}})
	resp := syncJSON(t, b, `{"externalId": "e1", "firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601",
		"policies": [{"healthSherpaPolicyId": "h-old"}]}`)
	require.Len(t, resp.Results[0].Policies, 1)
	assert.Equal(t, ActionUpdated, resp.Results[0].Policies[0].Action)
	c, _ := b.Customer("c1")
	assert.Equal(t, termination.StatusActive, c.Policies[1].Status)
	assert.Equal(t, termination.StatusActive, c.Policies[0].Status, "status not sent: the stored one is kept, not reset to the default")
}

func syncWith(t *testing.T, b *Book, opt Options, records ...string) *Response {
	t.Helper()
	v, err := Check(body(records...), opt)
	require.NoError(t, err)
	resp, err := b.SyncValidated(context.Background(), v, opt)
	require.NoError(t, err)
	return resp
}

// TestSyncPolicyConflictFailsRecord: a policy of another customer, of
// another type, or whose identifier several policies hold fails its record
// (matching problems fail only their record, which goes to errors): nothing of the record is written, later records do not see it,
// the one-year rule does not run for it, and the errors entry says which
// policy and why.
func TestSyncPolicyConflictFailsRecord(t *testing.T) {
	for _, s := range []matching.Strategy{matching.StrategyLiteral, matching.StrategyCascade} {
		t.Run(s.String(), func(t *testing.T) {
			b := newBook(t,
				Customer{ID: "c1", ExternalID: "e1", HealthSherpaCustomerID: "hs1", FirstName: "A", LastName: "B", PhoneNumber: "3125550104"},
				Customer{ID: "c2", ExternalID: "e2", FirstName: "C", LastName: "D", PhoneNumber: "3125550105", Policies: []Policy{
					{ID: "p2", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2020-01-01", HealthSherpaPolicyID: "h2"},
					{ID: "ma", PolicyType: "MA", Status: termination.StatusActive, HealthSherpaPolicyID: "h-ma"},
					{ID: "r1", PolicyType: "ACA", Status: termination.StatusActive, CarrierAssignedPolicyID: "ca-shared"},
					{ID: "r2", PolicyType: "ACA", Status: termination.StatusActive, CarrierAssignedPolicyID: "ca-shared"},
				}})
			opt := Options{Today: today, Strategy: s, Explain: true}
			resp := syncWith(t, b, opt,
				// c1 matched; h2 is c2's.
				`{"healthSherpaCustomerId": "hs1", "externalId": "e9", "carrierAssignedCustomerId": "ca-c1", "firstName": "A", "lastName": "B",
				"phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"healthSherpaPolicyId": "h2", "status": "Cancelled"}]}`,
				// c2 matched; h-new would be created (and would terminate p2), h-ma is not ACA.
				`{"externalId": "e2", "firstName": "C", "lastName": "D", "phoneNumber": "3125550105", "postalCode": "60601",
				"policies": [{"healthSherpaPolicyId": "h-new"}, {"healthSherpaPolicyId": "h-ma"}]}`,
				// c2 matched; r1 and r2 both hold ca-shared.
				`{"externalId": "e2", "firstName": "C", "lastName": "D", "phoneNumber": "3125550105", "postalCode": "60601",
				"policies": [{"carrierAssignedPolicyId": "ca-shared"}]}`,
				// A new customer: h-new and ca-c1 were not written by the
				// failed records, so they are this record's.
				`{"externalId": "e3", "carrierAssignedCustomerId": "ca-c1", "firstName": "E", "lastName": "F", "phoneNumber": "3125550106", "postalCode": "60601",
				"policies": [{"healthSherpaPolicyId": "h-new"}]}`)

			assert.Equal(t, 1, resp.Succeeded)
			assert.Equal(t, 3, resp.Failed)
			type entry struct {
				Index      int
				ID, ExtID  string
				Code, Path string
				Reason     string
				Policies   []string
			}
			wants := []entry{
				{0, "c1", "e9", "policy_conflict", "records.0.policies.0.healthSherpaPolicyId", "other_customer", []string{"p2"}},
				{1, "c2", "e2", "policy_conflict", "records.1.policies.1.healthSherpaPolicyId", "not_aca", []string{"ma"}},
				{2, "c2", "e2", "policy_conflict", "records.2.policies.0.carrierAssignedPolicyId", "ambiguous", []string{"r1", "r2"}},
			}
			require.Len(t, resp.Errors, len(wants))
			for k, w := range wants {
				e := resp.Errors[k]
				assert.Equal(t, w.Index, e.Index)
				require.NotNil(t, e.ID, "the matched customer's id")
				assert.Equal(t, w.ID, *e.ID)
				require.NotNil(t, e.ExternalID)
				assert.Equal(t, w.ExtID, *e.ExternalID)
				assert.Equal(t, w.Code, e.Code)
				assert.Contains(t, e.Error, w.Path, "the message names the policy")
				assert.Contains(t, e.Error, ": "+w.Reason+": ", "the message names the reason")
				for _, id := range w.Policies {
					assert.Contains(t, e.Error, id)
				}
				for _, pii := range []string{"3125550104", "3125550105", "0104", "0105", `"A"`, `"C"`} {
					assert.NotContains(t, e.Error, pii)
				}
			}
			for _, w := range resp.Warnings {
				assert.NotContains(t, w.Code, "policy_conflict", "a policy conflict is an error, not a warning")
			}

			// Nothing of the failed records was written.
			c1, _ := b.Customer("c1")
			assert.Equal(t, "e1", c1.ExternalID)
			assert.Empty(t, c1.CarrierAssignedCustomerID, "a failed record fills nothing")
			c2, _ := b.Customer("c2")
			require.Len(t, c2.Policies, 4, "h-new was not created for c2")
			assert.Equal(t, termination.StatusActive, c2.Policies[0].Status, "p2 was neither updated nor terminated by the one-year rule")
			assert.Equal(t, "MA", c2.Policies[1].PolicyType, "never turned into ACA")
			nc, np := b.Len()
			assert.Equal(t, [2]int{3, 5}, [2]int{nc, np}, "one customer and one policy, both of record 3")

			// Later records do not see the failed ones.
			require.Len(t, resp.Results, 1)
			r := resp.Results[0]
			assert.Equal(t, "cust-1", r.ID)
			assert.Equal(t, "ca-c1", r.CarrierAssignedCustomerID)
			require.Len(t, r.Policies, 1)
			assert.Equal(t, "h-new", r.Policies[0].HealthSherpaPolicyID)
			assert.Equal(t, ActionCreated, r.Policies[0].Action)

			// --explain shows the failed record's policy decisions.
			x := resp.Explain[1]
			assert.NotEmpty(t, x.Error)
			assert.Nil(t, x.Termination, "the one-year rule does not run for a failed record")
			assert.Equal(t, "c2", x.Customer.ID)
			assert.Equal(t, []PolicyExplanation{
				{Index: 0, Key: "healthSherpaPolicyId", Outcome: "new"},
				{Index: 1, Key: "healthSherpaPolicyId", Outcome: "conflict", ID: "ma", Conflict: "not_aca"},
			}, x.Policies)
			assert.Equal(t, []PolicyExplanation{{Index: 0, Key: "carrierAssignedPolicyId", Outcome: "conflict", Conflict: "ambiguous",
				Candidates: []string{"r1", "r2"}}}, resp.Explain[2].Policies)
			assert.Empty(t, resp.Explain[0].Customer.Filled, "a failed record's fills were not written")
		})
	}
}

// TestSyncIdentifierConflictsAreWarnings: a different stored identifier,
// or one another customer holds, is never written and is reported as a
// conflict; the record succeeds.
func TestSyncIdentifierConflictsAreWarnings(t *testing.T) {
	b := newBook(t,
		Customer{ID: "c1", ExternalID: "e1", HealthSherpaCustomerID: "hs1", FirstName: "A", LastName: "B", PhoneNumber: "3125550104", Policies: []Policy{
			{ID: "p1", PolicyType: "ACA", Status: termination.StatusActive, HealthSherpaPolicyID: "h1", CarrierAssignedPolicyID: "ca1"},
		}},
		Customer{ID: "c2", CarrierAssignedCustomerID: "cac2", FirstName: "C", LastName: "D", PhoneNumber: "3125550105"})
	resp := syncJSON(t, b,
		`{"healthSherpaCustomerId": "hs1", "externalId": "e9", "carrierAssignedCustomerId": "cac2", "firstName": "A", "lastName": "B",
		"phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"healthSherpaPolicyId": "h1", "carrierAssignedPolicyId": "ca9", "status": "Cancelled"}]}`)
	var got []string
	for _, w := range resp.Warnings {
		got = append(got, strings.Join(w.Path, ".")+"="+w.Code)
	}
	assert.Equal(t, []string{"records.0.externalId=identifier_conflict", "records.0.carrierAssignedCustomerId=identifier_conflict",
		"records.0.policies.0.carrierAssignedPolicyId=identifier_conflict"}, got)
	assert.Equal(t, 1, resp.Succeeded)
	assert.Empty(t, resp.Errors)
	c1, _ := b.Customer("c1")
	assert.Equal(t, "e1", c1.ExternalID, "never overwritten")
	assert.Empty(t, c1.CarrierAssignedCustomerID, "never copied from another customer")
	assert.Equal(t, "ca1", c1.Policies[0].CarrierAssignedPolicyID, "never overwritten")
	assert.Equal(t, termination.StatusCancelled, c1.Policies[0].Status, "the record succeeded: the policy is updated")
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
	assert.ErrorIs(t, err, api.ErrValidation)
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
	_, err = ReadBook(strings.NewReader(`{"customers": [{"id": "c", "policies": [{"id": "p", "policyType": "ACA", "status": "Canceled"}]}]}`))
	assert.ErrorIs(t, err, ErrBook, "a stored status is parsed once, when the book is read: one the API does not list is an error")
}

// TestBookStatusParsedOnce: a stored status is read once, in any case, and
// written back in the API's spelling; an absent one stays absent.
func TestBookStatusParsedOnce(t *testing.T) {
	b, err := ReadBook(strings.NewReader(`{"customers": [{"id": "c", "policies": [
		{"id": "p1", "policyType": "ACA", "status": " pending effectuation "}, {"id": "p2", "policyType": "ACA"}]}]}`))
	require.NoError(t, err)
	c, ok := b.Customer("c")
	require.True(t, ok)
	assert.Equal(t, termination.StatusPendingEffectuation, c.Policies[0].Status)
	assert.Zero(t, c.Policies[1].Status)
	out, err := json.Marshal(b)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"status":"Pending Effectuation"`)
	assert.Contains(t, string(out), `{"id":"p2","customerId":"c","policyType":"ACA"}`, "no status stored, none written")
}

// TestSyncStoredACAAnyCase: a stored policyType "aca" is ACA for matching
// and for the one-year rule alike (one comparison): the policy is updated,
// and an old one is terminated when the record creates a new policy.
func TestSyncStoredACAAnyCase(t *testing.T) {
	b, err := NewBook([]Customer{{ID: "c", ExternalID: "e1", FirstName: "A", LastName: "B", PhoneNumber: "+13125550104", Policies: []Policy{
		{ID: "p-old", PolicyType: "aca", Status: termination.StatusActive, EffectiveDate: "2020-01-01", HealthSherpaPolicyID: "h-old"},
		{ID: "p-kept", PolicyType: " ACA ", Status: termination.StatusActive, EffectiveDate: "2020-01-01", HealthSherpaPolicyID: "h-kept"},
	}}})
	require.NoError(t, err)
	resp := syncJSON(t, b, `{"externalId": "e1", "firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601",
		"policies": [{"healthSherpaPolicyId": "h-kept", "status": "Pending"}, {"healthSherpaPolicyId": "h-new"}]}`)
	require.Empty(t, resp.Errors, "a stored aca policy is not a conflict")
	got := map[string]string{}
	for _, p := range resp.Results[0].Policies {
		got[p.ID] = p.Action + " " + p.Status.String()
	}
	assert.Equal(t, map[string]string{"p-kept": "terminated Terminated", "p-old": "terminated Terminated", "pol-1": "created Active"}, got)
}

// TestSyncReportsUndecidableTermination: the one-year rule says a
// candidate whose effectiveDate is missing or unparseable is not terminated
// and is "reported as skipped with the reason". The response must say so
// without --explain: a silent skip leaves an old Active policy in place with
// no trace. Policies skipped for reasons that are the rule itself (created by
// the request, not ACA, already terminal, not yet one year) are not warned.
func TestSyncReportsUndecidableTermination(t *testing.T) {
	book, err := NewBook([]Customer{{ID: "c1", ExternalID: "crm-1", FirstName: "Ana", LastName: "Reyes", PhoneNumber: "+13055550101",
		Policies: []Policy{
			{ID: "p-missing", PolicyType: "ACA", Status: termination.StatusActive},
			{ID: "p-bad", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "31/12/2024"},
			{ID: "p-old", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2024-01-01"},
			{ID: "p-dental", PolicyType: "Dental", Status: termination.StatusActive},
		}}})
	require.NoError(t, err)
	body := []byte(`{"records": [
		{"externalId": "crm-0", "firstName": "Bo", "lastName": "Li", "phoneNumber": "3055550102", "postalCode": "33101"},
		{"externalId": "crm-1", "firstName": "Ana", "lastName": "Reyes", "phoneNumber": "3055550101", "postalCode": "33101",
		 "policies": [{"healthSherpaPolicyId": "hsp-new", "effectiveDate": "2026-01-01"}]}]}`)
	v, err := Check(body, Options{Today: today})
	require.NoError(t, err)
	resp, err := book.SyncValidated(context.Background(), v, Options{Today: today})
	require.NoError(t, err)
	got := map[string]string{}
	var idx []int
	for _, w := range resp.Warnings {
		idx = append(idx, w.Index)
		if w.Code == "termination_skipped" {
			assert.Equal(t, []string{"records", "1"}, w.Path)
			for _, id := range []string{"p-missing", "p-bad"} {
				if strings.Contains(w.Message, id) {
					got[id] = w.Message
				}
			}
			assert.NotContains(t, w.Message, "p-dental")
			assert.NotContains(t, w.Message, "hsp-new")
		}
	}
	assert.Contains(t, got["p-missing"], "effective_date_missing")
	assert.Contains(t, got["p-bad"], "effective_date_invalid")
	assert.IsNonDecreasing(t, idx, "warnings in record order")
}

// TestRuleCarrierKeepUnresolved: an unresolvable carrierName (unknown,
// ambiguous, state_required) rejects the request by default; with
// Options.KeepUnresolvedCarrier the record succeeds, the policy stores the
// name trimmed as sent with no carrierId, and a carrier_unresolved warning
// gives the reason and the candidates. The option never changes the carrier
// a resolvable name gets, and never keeps an empty or invalid name.
func TestRuleCarrierKeepUnresolved(t *testing.T) {
	body := func(carrierName, state string) []byte {
		return []byte(`{"records":[{"firstName":"Ana","lastName":"Reyes","phoneNumber":"3055550101","postalCode":"33101",` +
			state + `"healthSherpaCustomerId":"hsc-keep","policies":[{"healthSherpaPolicyId":"hsp-keep","carrierName":` + carrierName + `}]}]}`)
	}
	for _, c := range []struct {
		name, carrier, state, reason string
		candidates                   bool
	}{
		{"unknown", `"  Acme Health Plans "`, "", "unknown", false},
		{"ambiguous", `"Anthem"`, "", "ambiguous", true},
		{"state required", `"BCBS"`, "", "state_required", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{Today: today}
			_, err := Check(body(c.carrier, c.state), opt)
			var ve *api.ValidationError
			require.ErrorAs(t, err, &ve, "rejected by default")
			assert.Equal(t, c.reason, ve.Errors[0].Code)

			opt.KeepUnresolvedCarrier = true
			v, err := Check(body(c.carrier, c.state), opt)
			require.NoError(t, err)
			b, err := NewBook(nil)
			require.NoError(t, err)
			resp, err := b.SyncValidated(context.Background(), v, opt)
			require.NoError(t, err)
			require.Equal(t, 1, resp.Succeeded)
			p := resp.Results[0].Policies[0].Policy
			var sent string
			require.NoError(t, json.Unmarshal([]byte(c.carrier), &sent))
			assert.Equal(t, strings.TrimSpace(sent), p.CarrierName, "stored trimmed as sent")
			assert.Empty(t, p.CarrierID)
			var w *Warning
			for k := range resp.Warnings {
				if resp.Warnings[k].Code == CodeCarrierUnresolved {
					w = &resp.Warnings[k]
				}
			}
			require.NotNil(t, w, "%+v", resp.Warnings)
			assert.Equal(t, []string{"records", "0", "policies", "0", "carrierName"}, w.Path)
			assert.Contains(t, w.Message, "("+c.reason+")")
			assert.Equal(t, c.candidates, strings.Contains(w.Message, "candidates: "))
		})
	}
	t.Run("a resolvable name is resolved as without the option", func(t *testing.T) {
		opt := Options{Today: today, KeepUnresolvedCarrier: true}
		v, err := Check(body(`"BCBS"`, `"state":"TX",`), opt)
		require.NoError(t, err)
		assert.Equal(t, "bcbs-texas", v.Records[0].Policies[0].Carrier.Carrier.ID)
		assert.Empty(t, v.Records[0].Policies[0].UnresolvedCarrier)
	})
	t.Run("an invalid name is rejected with the option", func(t *testing.T) {
		opt := Options{Today: today, KeepUnresolvedCarrier: true}
		_, err := Check(body(`"Ae\u0000tna"`, ""), opt)
		var ve *api.ValidationError
		require.ErrorAs(t, err, &ve)
	})
}

// TestRuleAPIWordsInRecordErrors: a failed record's error message is in the
// API's words, never starting with a Go package name ("matching: ...").
func TestRuleAPIWordsInRecordErrors(t *testing.T) {
	for _, s := range []matching.Strategy{matching.StrategyLiteral, matching.StrategyCascade} {
		b := sampleBook(t)
		v, err := Validate(sampleRequest(t), Options{Today: today, Strategy: s})
		require.NoError(t, err)
		resp, err := b.SyncValidated(context.Background(), v, Options{Today: today, Strategy: s})
		require.NoError(t, err)
		require.NotEmpty(t, resp.Errors)
		for _, e := range resp.Errors {
			assert.NotRegexp(t, `^[a-z]+: `, e.Error)
			assert.True(t, strings.HasPrefix(e.Error, "records."), "%q names the record's path first", e.Error)
		}
	}
}
