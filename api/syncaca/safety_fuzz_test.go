package syncaca

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// The data-safety fuzz target: random batches, built from a byte program
// over small pools of identifiers and people that collide with a non-empty
// book on purpose, synced twice.

// safetyBook is the book every batch is synced against:
//
//	c-A  hs H-A, ext E-A, ca C-A, Ana Reyes   pa ACA hs PH-A ca PC-A (2024)   pl " aca " ca PC-L (2024)
//	c-B  ext E-B, Marcus Johnson              pb ACA hs PH-B ca PC-B (2025)   pm MAPD hs PH-M ca PC-M
//	c-C  no identifier, Lin Chen (fallback only)
func safetyBook(t *testing.T) *Book {
	b, err := NewBook([]Customer{
		{ID: "c-A", HealthSherpaCustomerID: "H-A", ExternalID: "E-A", CarrierAssignedCustomerID: "C-A", FirstName: "Ana", LastName: "Reyes",
			PhoneNumber: "+13055550101", DateOfBirth: "1980-02-29", PostalCode: "33101", Policies: []Policy{
				{ID: "pa", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2024-01-01", HealthSherpaPolicyID: "PH-A", CarrierAssignedPolicyID: "PC-A"},
				{ID: "pl", PolicyType: " aca ", Status: termination.StatusActive, EffectiveDate: "2024-06-01", CarrierAssignedPolicyID: "PC-L"},
			}},
		{ID: "c-B", ExternalID: "E-B", FirstName: "Marcus", LastName: "Johnson", PhoneNumber: "+12145550102", DateOfBirth: "1975-06-15",
			PostalCode: "75201", Policies: []Policy{
				{ID: "pb", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2025-01-01", HealthSherpaPolicyID: "PH-B", CarrierAssignedPolicyID: "PC-B"},
				{ID: "pm", PolicyType: "MAPD", Status: termination.StatusActive, HealthSherpaPolicyID: "PH-M", CarrierAssignedPolicyID: "PC-M"},
			}},
		{ID: "c-C", FirstName: "Lin", LastName: "Chen", PhoneNumber: "+14045550103", DateOfBirth: "1990-12-31", PostalCode: "30301"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var (
	safetyHS     = []string{"", "H-A", "H-B", "H-X", "H-Y", " H-X ", "null"}
	safetyExt    = []string{"", "E-A", "E-B", "E-X", "E-Y", "undefined"}
	safetyCA     = []string{"", "C-A", "C-X"}
	safetyPeople = [][4]string{ // first, last, dateOfBirth, phone
		{"Ana", "Reyes", "02/29/1980", "(305) 555-0101"},
		{"Marcus", "Johnson", "06/15/1975", "(214) 555-0102"},
		{"Lin", "Chen", "12/31/1990", "(404) 555-0103"},
		{"ANA", "reyes", "02/29/1980", "(305) 555-0199"}, // Ana with a new phone
		{"ジュン", "Tanaka", "01/01/1985", "(212) 555-0104"},
		{"シュン", "Tanaka", "01/01/1985", "(212) 555-0104"}, // another person: the voicing mark differs
	}
	safetyPolHS  = []string{"", "PH-A", "PH-B", "PH-M", "PH-N1", "PH-N2"}
	safetyPolCA  = []string{"", "PC-A", "PC-B", "PC-M", "PC-L", "PC-N"}
	safetyStatus = []string{"", "Active", "Terminated", "cancelled"}
	safetyEff    = []string{"", "2024-01-01", "2026-06-01", "02/29/2024", "not a date"}
)

// safetyBatch turns a byte program into a request body.
func safetyBatch(prog []byte) (body []byte, cascade bool) {
	next := func(n int) int {
		if len(prog) == 0 {
			return 0
		}
		b := prog[0]
		prog = prog[1:]
		return int(b) % n
	}
	cascade = next(2) == 1
	n := 1 + next(6)
	var recs []string
	for range n {
		p := safetyPeople[next(len(safetyPeople))]
		r := map[string]any{"firstName": p[0], "lastName": p[1], "phoneNumber": p[3], "postalCode": "33101"}
		if next(3) > 0 {
			r["dateOfBirth"] = p[2]
		}
		if v := safetyHS[next(len(safetyHS))]; v != "" {
			r["healthSherpaCustomerId"] = v
		}
		if v := safetyExt[next(len(safetyExt))]; v != "" {
			r["externalId"] = v
		}
		if v := safetyCA[next(len(safetyCA))]; v != "" {
			r["carrierAssignedCustomerId"] = v
		}
		var pols []map[string]any
		for range next(4) {
			pol := map[string]any{}
			if v := safetyPolHS[next(len(safetyPolHS))]; v != "" {
				pol["healthSherpaPolicyId"] = v
			}
			if v := safetyPolCA[next(len(safetyPolCA))]; v != "" {
				pol["carrierAssignedPolicyId"] = v
			}
			if v := safetyStatus[next(len(safetyStatus))]; v != "" {
				pol["status"] = v
			}
			if v := safetyEff[next(len(safetyEff))]; v != "" {
				pol["effectiveDate"] = v
			}
			pols = append(pols, pol)
		}
		if pols != nil {
			r["policies"] = pols
		}
		data, _ := json.Marshal(r)
		recs = append(recs, string(data))
	}
	return []byte(`{"records": [` + strings.Join(recs, ",") + `]}`), cascade
}

type person struct{ first, last, dob, phone string }

// samePerson compares the names of two people as the fuzz target's pools
// need: case and the combining diacritics of Latin, Greek and Cyrillic
// (U+0300 to U+036F) ignored, every other mark kept (ジュン is not シュン).
func samePerson(a, b person) bool {
	fold := func(s string) string {
		var out []rune
		for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(s))) {
			if r < 0x300 || r > 0x36F {
				out = append(out, r)
			}
		}
		return norm.NFC.String(string(out))
	}
	return fold(a.first) == fold(b.first) && fold(a.last) == fold(b.last)
}

// bookState is a book's customers and policies by ID.
type bookState struct {
	customers map[string]Customer
	owner     map[string]string // policy ID -> customer ID
	policy    map[string]Policy
}

func stateOf(t *testing.T, b *Book) bookState {
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	var f bookFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	s := bookState{customers: map[string]Customer{}, owner: map[string]string{}, policy: map[string]Policy{}}
	for _, c := range f.Customers {
		s.customers[c.ID] = c
		for _, p := range c.Policies {
			s.owner[p.ID], s.policy[p.ID] = c.ID, p
		}
	}
	return s
}

func customerIDOf(c Customer, k matching.CustomerKey) string {
	switch k {
	case matching.KeyHealthSherpaCustomerID:
		return c.HealthSherpaCustomerID
	case matching.KeyExternalID:
		return c.ExternalID
	}
	return c.CarrierAssignedCustomerID
}

// succeededRecords maps each result to its record index.
func succeededRecords(resp *Response, n int) []int {
	failed := map[int]bool{}
	for _, e := range resp.Errors {
		failed[e.Index] = true
	}
	var out []int
	for i := range n {
		if !failed[i] {
			out = append(out, i)
		}
	}
	return out
}

// FuzzSyncDataSafety syncs random batches against a non-empty book and
// checks the data-safety properties:
//   - succeeded + failed == records;
//   - no silent merge: a succeeded record's identifier that its customer
//     does not hold was reported (identifier_conflict), and no identifier
//     value is held by two customers;
//   - no policy changes owner, and nothing non-ACA becomes ACA (a stored
//     policy keeps its type);
//   - a policy the request created shares none of its identifiers with
//     another customer's policy or a non-ACA policy;
//   - nothing created in the request is terminated (unless the record sent
//     that status);
//   - a record without identifiers never creates a customer while another
//     holds its fallback key, and is never matched to another person;
//   - re-syncing the same batch creates nothing except the documented
//     no-identifier cases (a record without any identifier, a policy
//     without either identifier) and a record whose customer another
//     record of the batch gave another person.
func FuzzSyncDataSafety(f *testing.F) {
	// A program is a strategy byte, a record count, then per record:
	// person, date of birth sent, healthSherpaCustomerId, externalId,
	// carrierAssignedCustomerId, policy count, and per policy its two
	// identifiers, status and effectiveDate (each byte modulo its pool).
	for _, seed := range [][]byte{
		{0, 1, 0, 2, 1, 0, 0, 0},
		// Matched by identifier, new phone, no date of birth; then the
		// same person by fallback (stale fallback key).
		{0, 1, 3, 0, 1, 0, 0, 0, 3, 1, 0, 0, 0, 0},
		// B with a new healthSherpaPolicyId and A's carrier ID, and with a
		// Medicare policy's carrier ID (vetoed match of another customer
		// or not ACA).
		{0, 0, 1, 1, 0, 2, 0, 2, 4, 1, 1, 1},
		{0, 0, 1, 1, 0, 2, 0, 1, 4, 3, 1, 1},
		// A's stored " aca " policy re-synced by its carrier ID.
		{0, 0, 0, 1, 1, 0, 0, 1, 0, 4, 1, 2},
		// Two new customers with one person in one batch (possible
		// duplicate), then ジュン and シュン (never one person).
		{0, 3, 2, 1, 0, 3, 0, 0, 2, 1, 0, 4, 0, 0, 4, 1, 0, 0, 0, 0, 5, 1, 0, 0, 0, 0},
		// Serialization artifacts and untrimmed identifiers.
		{1, 2, 0, 1, 6, 5, 0, 0, 0, 1, 5, 0, 0, 0},
		// Back-dated new policy for A (the one-year rule) and a terminated
		// status sent.
		{0, 1, 0, 1, 1, 0, 0, 2, 4, 5, 2, 1, 5, 0, 1, 3},
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, prog []byte) {
		body, cascade := safetyBatch(prog)
		opt := opts()
		if cascade {
			opt.Strategy = matching.StrategyCascade
		}
		v, err := Check(body, opt)
		if err != nil {
			return // a generated batch the validation rejects (duplicate policy identifiers)
		}
		n := len(v.Request.Records)
		b := safetyBook(t)
		before := stateOf(t, b)
		resp, err := b.SyncValidated(context.Background(), v, opt)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Succeeded+resp.Failed != n {
			t.Fatalf("%d + %d != %d records", resp.Succeeded, resp.Failed, n)
		}
		after := stateOf(t, b)
		succ := succeededRecords(resp, n)
		if len(succ) != len(resp.Results) {
			t.Fatalf("%d results for %d succeeded records", len(resp.Results), len(succ))
		}

		// No silent merge.
		conflict := map[[2]string]bool{} // (record, key) reported
		for _, w := range resp.Warnings {
			if w.Code == "identifier_conflict" && len(w.Path) == 3 {
				conflict[[2]string{w.Path[1], w.Path[2]}] = true
			}
		}
		for k, i := range succ {
			r := &v.Request.Records[i]
			c := after.customers[resp.Results[k].Customer.ID]
			for _, key := range []matching.CustomerKey{matching.KeyHealthSherpaCustomerID, matching.KeyExternalID, matching.KeyCarrierAssignedCustomerID} {
				sent := map[matching.CustomerKey]Field{matching.KeyHealthSherpaCustomerID: r.HealthSherpaCustomerID,
					matching.KeyExternalID: r.ExternalID, matching.KeyCarrierAssignedCustomerID: r.CarrierAssignedCustomerID}[key]
				id, ok := matching.Identifier(sent.Value)
				if !ok || customerIDOf(c, key) == id {
					continue
				}
				if !conflict[[2]string{strconv.Itoa(i), key.String()}] {
					t.Errorf("record %d: %s %q ends on %s, which holds %q, and no conflict was reported", i, key, id, c.ID, customerIDOf(c, key))
				}
			}
		}
		for _, key := range []matching.CustomerKey{matching.KeyHealthSherpaCustomerID, matching.KeyExternalID, matching.KeyCarrierAssignedCustomerID} {
			holder := map[string]string{}
			for _, c := range after.customers {
				if v := customerIDOf(c, key); v != "" {
					if other, dup := holder[v]; dup {
						t.Errorf("%s %q is held by %s and %s", key, v, other, c.ID)
					}
					holder[v] = c.ID
				}
			}
		}

		// The fallback sees every customer's current key: a record without
		// identifiers that creates a customer does so only when no customer
		// holds its key at that point of the batch (else it matches it, or
		// fails as ambiguous). The keys are followed record by record, each
		// customer's key recomputed from its merged fields.
		people := map[string]person{}
		for id, c := range before.customers {
			people[id] = person{c.FirstName, c.LastName, c.DateOfBirth, c.PhoneNumber}
		}
		keyOf := func(p person) string { k, _ := matching.FallbackKey(p.first, p.last, p.dob, p.phone); return k }
		for k, i := range succ {
			r := &v.Request.Records[i]
			id := resp.Results[k].Customer.ID
			_, existed := people[id]
			noID := true
			for _, f := range []Field{r.HealthSherpaCustomerID, r.ExternalID, r.CarrierAssignedCustomerID} {
				if _, ok := matching.Identifier(f.Value); ok {
					noID = false
				}
			}
			own := keyOf(person{r.FirstName.Value, r.LastName.Value, r.DateOfBirth.Value, r.PhoneNumber.Value})
			if !existed && noID && own != "" {
				for other, p := range people {
					if keyOf(p) == own {
						t.Errorf("record %d created %s although %s holds its fallback key", i, id, other)
					}
				}
			}
			if existed && noID && !samePerson(people[id], person{r.FirstName.Value, r.LastName.Value, "", ""}) {
				t.Errorf("record %d (%s %s) was matched to %s, another person (%s %s)", i, r.FirstName.Value, r.LastName.Value, id, people[id].first, people[id].last)
			}
			p := people[id]
			p.first, p.last, p.phone = r.FirstName.Value, r.LastName.Value, r.PhoneNumber.Value
			if r.DateOfBirth.Given() {
				p.dob = r.DateOfBirth.Value
			}
			people[id] = p
		}

		// No policy changes owner or type.
		for id, owner := range before.owner {
			if after.owner[id] != owner {
				t.Errorf("policy %s moved from %s to %s", id, owner, after.owner[id])
			}
			if after.policy[id].PolicyType != before.policy[id].PolicyType {
				t.Errorf("policy %s changed type from %q to %q", id, before.policy[id].PolicyType, after.policy[id].PolicyType)
			}
		}
		// A created policy carries no identifier of another customer's
		// policy or of a non-ACA policy; it is not terminated unless sent so.
		sentTerminated := map[string]bool{} // customer -> a record sent a Terminated status
		for k, i := range succ {
			for _, p := range v.Records[i].Policies {
				if p.Status == termination.StatusTerminated {
					sentTerminated[resp.Results[k].Customer.ID] = true
				}
			}
		}
		for id, p := range after.policy {
			if _, old := before.policy[id]; old {
				continue
			}
			for oid, q := range after.policy {
				if oid == id {
					continue
				}
				shares := (p.HealthSherpaPolicyID != "" && p.HealthSherpaPolicyID == q.HealthSherpaPolicyID) ||
					(p.CarrierAssignedPolicyID != "" && p.CarrierAssignedPolicyID == q.CarrierAssignedPolicyID)
				if shares && (after.owner[oid] != after.owner[id] || !termination.IsACA(q.PolicyType)) {
					t.Errorf("created policy %s (of %s) shares an identifier with %s (of %s, type %q)", id, after.owner[id], oid, after.owner[oid], q.PolicyType)
				}
			}
			if p.Status == termination.StatusTerminated && !sentTerminated[after.owner[id]] {
				t.Errorf("policy %s, created by the request, was terminated", id)
			}
		}

		// Re-syncing creates nothing but the documented no-identifier cases.
		v2, err := Check(body, opt)
		if err != nil {
			t.Fatal(err)
		}
		resp2, err := b.SyncValidated(context.Background(), v2, opt)
		if err != nil {
			t.Fatal(err)
		}
		// A record whose customer another record of the batch gave another
		// person contradicts the batch: re-synced, it may not find its
		// customer by the fallback (documented; left out). An earlier record
		// counts too: re-synced, it gives the customer its person again
		// before this record is decided.
		custOf := map[int]string{}
		for k, i := range succ {
			custOf[i] = resp.Results[k].Customer.ID
		}
		repersoned := func(i int) bool {
			r := &v.Request.Records[i]
			for j := range n {
				q := &v.Request.Records[j]
				if c, ok := custOf[j]; ok && j != i && c == custOf[i] &&
					(!samePerson(person{r.FirstName.Value, r.LastName.Value, "", ""}, person{q.FirstName.Value, q.LastName.Value, "", ""}) ||
						v.Records[i].Phone != v.Records[j].Phone ||
						(!v.Records[j].DateOfBirth.IsZero() && v.Records[i].DateOfBirth != v.Records[j].DateOfBirth)) {
					return true
				}
			}
			return false
		}
		succ2 := succeededRecords(resp2, n)
		createdBy := map[string]int{} // customer created by the re-sync -> the record that created it
		for k, i := range succ2 {
			if id := resp2.Results[k].Customer.ID; after.customers[id].ID == "" {
				if _, seen := createdBy[id]; !seen {
					createdBy[id] = i
				}
			}
		}
		for k, i := range succ2 {
			r := &v2.Request.Records[i]
			res := resp2.Results[k]
			if _, ok := custOf[i]; !ok || repersoned(i) {
				continue // failed the first time, or contradicted by the batch
			}
			if c, created := createdBy[res.Customer.ID]; created && c == i {
				for _, f := range []Field{r.HealthSherpaCustomerID, r.ExternalID, r.CarrierAssignedCustomerID} {
					if _, ok := matching.Identifier(f.Value); ok {
						t.Errorf("re-sync: record %d, which has an identifier, created customer %s", i, res.Customer.ID)
					}
				}
			}
			created, noID := 0, 0
			for _, p := range res.Policies {
				if p.Action == ActionCreated {
					created++
				}
			}
			for _, p := range r.Policies {
				_, hs := matching.Identifier(p.HealthSherpaPolicyID.Value)
				_, ca := matching.Identifier(p.CarrierAssignedPolicyID.Value)
				if !hs && !ca {
					noID++
				}
			}
			if created > noID {
				t.Errorf("re-sync: record %d created %d policies, %d without identifiers", i, created, noID)
			}
		}
	})
}
