package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// syncBodies are the requests checkSyncs runs, in order: new customers
// (one with a policy more than a year old), a new ACA policy that
// terminates it (the one-year rule's write), the same request again
// (nothing created or terminated), a customer matched by identifier that
// gets identifiers filled, a possible duplicate, an ambiguity by fallback,
// and a policy conflict.
var syncBodies = []string{
	`{"records": [
	  {"postalCode": "10001", "firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "dateOfBirth": "02/29/1980", "healthSherpaCustomerId": "hsc-1",
	   "externalId": "crm-1",
	   "policies": [{"healthSherpaPolicyId": "hsp-2024-1", "carrierAssignedPolicyId": "FB-1", "status": "Active", "effectiveDate": "2024-01-01", "policyLives": 2}]},
	  {"postalCode": "10001", "firstName": "Marcus", "lastName": "Johnson", "phoneNumber": "2145550102", "dateOfBirth": "03/04/1975", "externalId": "crm-2",
	   "customFields": [{"key": "tier", "value": "gold"}],
	   "policies": [{"carrierAssignedPolicyId": "BC-2", "status": "Pending Effectuation", "effectiveDate": "2026-01-01"}]},
	  {"postalCode": "10001", "firstName": "Lin", "lastName": "Chen", "phoneNumber": "+14045550103", "carrierAssignedCustomerId": "car-3", "policies": [{}]}
	]}`,
	`{"records": [
	  {"postalCode": "10001", "firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "healthSherpaCustomerId": "hsc-1",
	   "policies": [{"healthSherpaPolicyId": "hsp-2026-1", "carrierAssignedPolicyId": "FB-1", "status": "Active", "effectiveDate": "2026-01-01"}]}
	]}`,
	`{"records": [
	  {"postalCode": "10001", "firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "healthSherpaCustomerId": "hsc-1",
	   "policies": [{"healthSherpaPolicyId": "hsp-2026-1", "carrierAssignedPolicyId": "FB-1", "status": "Active", "effectiveDate": "2026-01-01"}]}
	]}`,
	`{"records": [
	  {"postalCode": "10001", "firstName": "Marcus", "lastName": "Johnson", "phoneNumber": "2145550102", "externalId": "crm-2", "carrierAssignedCustomerId": "car-2",
	   "email": "mj@example.com", "policies": [{"carrierAssignedPolicyId": "BC-2", "healthSherpaPolicyId": "hsp-2", "status": "Active"}]},
	  {"postalCode": "10001", "firstName": "Marcus", "lastName": "Johnson", "phoneNumber": "2145550102", "dateOfBirth": "03/04/1975", "healthSherpaCustomerId": "hsc-9"},
	  {"postalCode": "10001", "firstName": "Marcus", "lastName": "Johnson", "phoneNumber": "2145550102", "dateOfBirth": "03/04/1975"},
	  {"postalCode": "10001", "firstName": "Lin", "lastName": "Chen", "phoneNumber": "+14045550103", "carrierAssignedCustomerId": "car-3",
	   "policies": [{"healthSherpaPolicyId": "hsp-2026-1"}]}
	]}`,
}

// checkSyncs runs syncBodies on the store and on a new Book and compares
// the responses (with explanations) and the final states, IDs aside.
func checkSyncs(s syncaca.Store, _ Options) error {
	ctx := context.Background()
	ref, err := syncaca.NewBook(nil)
	if err != nil {
		return err
	}
	opt := syncaca.Options{Today: today, Explain: true}
	var got, want []*syncaca.Response
	for i, body := range syncBodies {
		v, err := syncaca.Check([]byte(body), opt)
		if err != nil {
			return fmt.Errorf("request %d: %w", i, err)
		}
		w, err := syncaca.SyncValidated(ctx, ref, v, opt)
		if err != nil {
			return fmt.Errorf("request %d on the reference book: %w", i, err)
		}
		g, err := syncaca.SyncValidated(ctx, s, v, opt)
		if err != nil {
			return fmt.Errorf("request %d: %w", i, err)
		}
		got, want = append(got, g), append(want, w)
	}
	gs, err := State(ctx, s, BookKeys(ref))
	if err != nil {
		return err
	}
	ws, err := State(ctx, ref, BookKeys(ref))
	if err != nil {
		return err
	}
	// The one-year rule's write: request 1's new ACA policy terminated
	// the policy of 2024-01-01 (more than a year before today).
	terminated := false
	for _, c := range gs {
		for _, p := range c.Policies {
			if p.HealthSherpaPolicyID == "hsp-2024-1" {
				terminated = p.Status == termination.StatusTerminated
			}
		}
	}
	if !terminated {
		return fmt.Errorf("policy hsp-2024-1 (effective 2024-01-01) is not stored as Terminated after a new ACA policy of its customer on %v", today)
	}
	gj, wj := canonical(got, gs), canonical(want, ws)
	if gj != wj {
		return fmt.Errorf("the syncs differ from the reference book's (IDs replaced by their order of appearance):\n got %s\nwant %s", gj, wj)
	}
	return nil
}

// BookKeys returns the customer keys of every customer a book holds:
// reading them with [State] from another store gives that store's version
// of the same people.
func BookKeys(b *syncaca.Book) matching.Keys {
	data, _ := b.MarshalJSON()
	var f struct{ Customers []syncaca.Customer }
	_ = json.Unmarshal(data, &f)
	var k matching.Keys
	for _, c := range f.Customers {
		k.Customers.HealthSherpaCustomerIDs = appendNonEmpty(k.Customers.HealthSherpaCustomerIDs, c.HealthSherpaCustomerID)
		k.Customers.ExternalIDs = appendNonEmpty(k.Customers.ExternalIDs, c.ExternalID)
		k.Customers.CarrierAssignedCustomerIDs = appendNonEmpty(k.Customers.CarrierAssignedCustomerIDs, c.CarrierAssignedCustomerID)
		k.Customers.FallbackKeys = appendNonEmpty(k.Customers.FallbackKeys, fallbackOf(&c))
	}
	return k
}

func appendNonEmpty(l []string, v string) []string {
	if v == "" || slices.Contains(l, v) {
		return l
	}
	return append(l, v)
}

// State reads, in one unit of work, every customer holding any of keys,
// with its policies, sorted by their identifiers and names (not by ID).
func State(ctx context.Context, s syncaca.Store, keys matching.Keys) ([]syncaca.Customer, error) {
	tx, err := s.Begin(ctx, keys)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	cs, err := tx.Customers(ctx, keys.Customers)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(cs))
	at := map[string]int{}
	for i := range cs {
		ids[i] = cs[i].ID
		at[cs[i].ID] = i
	}
	ps, err := tx.PoliciesOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		i, ok := at[p.CustomerID]
		if !ok {
			return nil, fmt.Errorf("PoliciesOf returned policy %s of customer %s, not asked for", p.ID, p.CustomerID)
		}
		cs[i].Policies = append(cs[i].Policies, p)
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	slices.SortFunc(cs, func(a, b syncaca.Customer) int { return strings.Compare(sortKey(&a), sortKey(&b)) })
	return cs, nil
}

func sortKey(c *syncaca.Customer) string {
	return strings.Join([]string{c.HealthSherpaCustomerID, c.ExternalID, c.CarrierAssignedCustomerID, c.LastName, c.FirstName, c.PhoneNumber}, "\x00")
}

// canonical renders responses and a state as JSON with every store ID
// replaced by its order of first appearance ("#1", "#2", ...), so that two
// stores that give different IDs compare equal when they decided the same.
func canonical(resps []*syncaca.Response, state []syncaca.Customer) string {
	var ids []string
	for _, c := range state {
		ids = append(ids, c.ID)
		for _, p := range c.Policies {
			ids = append(ids, p.ID)
		}
	}
	for _, r := range resps {
		for _, res := range r.Results {
			ids = append(ids, res.ID)
			for _, p := range res.Policies {
				ids = append(ids, p.ID)
			}
		}
	}
	slices.SortFunc(ids, func(a, b string) int { return len(b) - len(a) }) // longest first
	ids = slices.Compact(ids)
	data, _ := json.Marshal(struct {
		Responses []*syncaca.Response
		State     []syncaca.Customer
	}{resps, state})
	text := string(data)
	tokens := map[string]string{}
	var b strings.Builder
	for i := 0; i < len(text); {
		matched := false
		for _, id := range ids {
			if id != "" && strings.HasPrefix(text[i:], id) {
				t, ok := tokens[id]
				if !ok {
					t = "#" + strconv.Itoa(len(tokens)+1)
					tokens[id] = t
				}
				b.WriteString(t)
				i += len(id)
				matched = true
				break
			}
		}
		if !matched {
			b.WriteByte(text[i])
			i++
		}
	}
	return b.String()
}

// Report is the outcome of [CheckConcurrency].
type Report struct {
	Requests   int   // requests sent
	Committed  int   // requests that succeeded
	Exhausted  int   // requests that conflicted on every attempt (syncaca.ErrAttempts): failed, nothing written
	Attempts   int64 // units of work begun (Attempts - Committed - failed: the retries)
	Duplicates int   // people held by more than one customer (must be 0)
	Overwrites int   // identifiers seen with two values on one customer (must be 0)
	Elapsed    time.Duration
}

// RetriesPerRequest is the mean number of extra units of work per request.
func (r Report) RetriesPerRequest() float64 {
	if r.Requests == 0 {
		return 0
	}
	return float64(r.Attempts-int64(r.Requests)) / float64(r.Requests)
}

// countingStore counts Begin calls and records the order of commits.
type countingStore struct {
	syncaca.Store
	begins atomic.Int64
	mu     sync.Mutex
	order  []int // request numbers, in the order their commits were called
}

type countingTx struct {
	syncaca.Tx
	s   *countingStore
	req int
}

type reqKey struct{}

func (c *countingStore) Begin(ctx context.Context, keys matching.Keys) (syncaca.Tx, error) {
	c.begins.Add(1)
	tx, err := c.Store.Begin(ctx, keys)
	if err != nil {
		return nil, err
	}
	n, _ := ctx.Value(reqKey{}).(int)
	return &countingTx{Tx: tx, s: c, req: n}, nil
}

// Commit records the request in the commit order before committing (a
// store that serializes by locks cannot let a conflicting unit commit
// between the call and its return), and forgets it if the commit fails.
func (t *countingTx) Commit() error {
	t.s.mu.Lock()
	t.s.order = append(t.s.order, t.req)
	t.s.mu.Unlock()
	if err := t.Tx.Commit(); err != nil {
		t.s.mu.Lock()
		if i := slices.Index(t.s.order, t.req); i >= 0 {
			t.s.order = slices.Delete(t.s.order, i, i+1)
		}
		t.s.mu.Unlock()
		return err
	}
	return nil
}

// person k of the concurrency check: its identifiers are all its own, so a
// customer holding two people's identifiers is a merge or an overwrite.
func personRecord(r *rand.Rand, k int, alt bool) string {
	ids := `"healthSherpaCustomerId": "H-` + strconv.Itoa(k) + `"`
	if r.IntN(2) == 0 {
		ext := "E-" + strconv.Itoa(k)
		if alt {
			ext += "-alt" // a second value for the same slot: never overwrites
		}
		ids += `, "externalId": "` + ext + `"`
	}
	if r.IntN(2) == 0 {
		ids += `, "carrierAssignedCustomerId": "C-` + strconv.Itoa(k) + `"`
	}
	pol := ""
	if r.IntN(2) == 0 {
		m := r.IntN(3)
		pol = `, "policies": [{"healthSherpaPolicyId": "P-` + strconv.Itoa(k) + `-` + strconv.Itoa(m) + `", "status": "Active", "effectiveDate": "2026-01-01"}]`
	}
	return `{"postalCode": "10001", "firstName": "P` + strconv.Itoa(k) + `", "lastName": "Test", "phoneNumber": "+1212555` + fmt.Sprintf("%04d", k) + `", "dateOfBirth": "01/02/1980", ` + ids + pol + `}`
}

// CheckConcurrency sends requests overlapping requests from goroutines at
// once (defaults 8 and 200), each of 1 to 5 records for people drawn from a
// small pool, so that many requests share people, and then checks: no
// person is held by two customers; no customer holds an identifier with two
// values across the responses (a filled identifier is never overwritten);
// and the store's final state equals that of a Book on which the committed
// requests were replayed one at a time, in the order their commits
// were called. A request that conflicted on every attempt
// (syncaca.ErrAttempts) is allowed: it failed and wrote nothing, and the
// replay leaves it out; any other error fails the check. It returns the
// figures and every failure found.
func CheckConcurrency(ctx context.Context, s syncaca.Store, goroutines, requests int) (Report, error) {
	if goroutines <= 0 {
		goroutines = 8
	}
	if requests == 0 {
		requests = 200
	}
	people := max(4, requests/10)
	r := rand.New(rand.NewPCG(1, 2))
	bodies := make([][]byte, requests)
	for i := range bodies {
		n := 1 + r.IntN(5)
		seen := map[int]bool{}
		var recs []string
		for range n {
			k := r.IntN(people)
			if seen[k] {
				continue
			}
			seen[k] = true
			recs = append(recs, personRecord(r, k, r.IntN(4) == 0))
		}
		bodies[i] = []byte(`{"records": [` + strings.Join(recs, ",") + `]}`)
	}
	cs := &countingStore{Store: s}
	opt := syncaca.Options{Today: today, Attempts: 50}
	resps := make([]*syncaca.Response, requests)
	errs := make([]error, requests)
	next := atomic.Int64{}
	start := time.Now()
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= requests {
					return
				}
				v, err := syncaca.Check(bodies[i], opt)
				if err != nil {
					errs[i] = err
					continue
				}
				resps[i], errs[i] = syncaca.SyncValidated(context.WithValue(ctx, reqKey{}, i), cs, v, opt)
			}
		})
	}
	wg.Wait()
	rep := Report{Requests: requests, Attempts: cs.begins.Load(), Elapsed: time.Since(start)}
	var fails []error
	for i, err := range errs {
		switch {
		case err == nil:
			rep.Committed++
		case errors.Is(err, syncaca.ErrAttempts):
			// Allowed: the request fails and writes nothing (the replay
			// leaves it out).
			rep.Exhausted++
		default:
			fails = append(fails, fmt.Errorf("request %d: %w", i, err))
		}
	}

	// Every person at most once; no identifier with two values.
	var keys matching.Keys
	for k := range people {
		keys.Customers.HealthSherpaCustomerIDs = append(keys.Customers.HealthSherpaCustomerIDs, "H-"+strconv.Itoa(k))
	}
	state, err := State(ctx, s, keys)
	if err != nil {
		return rep, fmt.Errorf("reading the final state: %w", err)
	}
	held := map[string]int{}
	for _, c := range state {
		held[c.HealthSherpaCustomerID]++
		k := strings.TrimPrefix(c.HealthSherpaCustomerID, "H-")
		if (c.ExternalID != "" && c.ExternalID != "E-"+k && c.ExternalID != "E-"+k+"-alt") || (c.CarrierAssignedCustomerID != "" && c.CarrierAssignedCustomerID != "C-"+k) {
			rep.Overwrites++
			fails = append(fails, fmt.Errorf("customer %s holds another person's identifier: %+v", c.ID, c))
		}
	}
	for h, n := range held {
		if n > 1 {
			rep.Duplicates += n - 1
			fails = append(fails, fmt.Errorf("%d customers hold healthSherpaCustomerId %s", n, h))
		}
	}
	ext := map[string]string{}
	for _, resp := range resps {
		if resp == nil {
			continue
		}
		for _, res := range resp.Results {
			if res.ExternalID == "" {
				continue
			}
			if prev, ok := ext[res.ID]; ok && prev != res.ExternalID {
				rep.Overwrites++
				fails = append(fails, fmt.Errorf("customer %s was returned with externalId %q and %q: an identifier was overwritten", res.ID, prev, res.ExternalID))
			}
			ext[res.ID] = res.ExternalID
		}
	}

	// Serial replay.
	ref, err := syncaca.NewBook(nil)
	if err != nil {
		return rep, err
	}
	for _, i := range cs.order {
		v, _ := syncaca.Check(bodies[i], opt)
		if _, err := syncaca.SyncValidated(ctx, ref, v, opt); err != nil {
			return rep, fmt.Errorf("replaying request %d: %w", i, err)
		}
	}
	want, err := State(ctx, ref, keys)
	if err != nil {
		return rep, err
	}
	if g, w := canonical(nil, state), canonical(nil, want); g != w {
		fails = append(fails, fmt.Errorf("the final state differs from a serial replay of the committed requests in commit order:\n got %s\nwant %s", g, w))
	}
	if len(cs.order) != rep.Committed {
		fails = append(fails, fmt.Errorf("%d commits returned for %d requests that succeeded", len(cs.order), rep.Committed))
	}
	if !reflect.DeepEqual(len(state), len(want)) {
		fails = append(fails, fmt.Errorf("%d customers, a serial replay gives %d", len(state), len(want)))
	}
	return rep, errors.Join(fails...)
}
