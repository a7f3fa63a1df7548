package syncaca

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/termination"
)

// Customer is a customer record, as a book stores it and as the response
// returns it (the API's customer shape, limited to the fields this package
// knows). Identifiers are strings; phoneNumber is stored in E.164,
// dateOfBirth as YYYY-MM-DD and timezone as an IANA name by Sync, but a book
// may hold any form the rule packages read.
type Customer struct {
	ID                        string        `json:"id"`
	ExternalID                string        `json:"externalId,omitempty"`
	HealthSherpaCustomerID    string        `json:"healthSherpaCustomerId,omitempty"`
	CarrierAssignedCustomerID string        `json:"carrierAssignedCustomerId,omitempty"`
	FirstName                 string        `json:"firstName"`
	LastName                  string        `json:"lastName"`
	PhoneNumber               string        `json:"phoneNumber"`
	Email                     string        `json:"email,omitempty"`
	DateOfBirth               string        `json:"dateOfBirth,omitempty"`
	Gender                    string        `json:"gender,omitempty"`
	MaritalStatus             string        `json:"maritalStatus,omitempty"`
	Address                   string        `json:"address,omitempty"`
	Address2                  string        `json:"address2,omitempty"`
	City                      string        `json:"city,omitempty"`
	County                    string        `json:"county,omitempty"`
	State                     string        `json:"state,omitempty"`
	PostalCode                string        `json:"postalCode,omitempty"`
	Timezone                  string        `json:"timezone,omitempty"`
	CustomFields              []CustomField `json:"customFields,omitempty"`
	Policies                  []Policy      `json:"policies,omitempty"`
}

// Policy is a policy record, as a book stores it and as the response returns
// it (the API's policy shape, limited to the fields this package knows).
// Status is parsed once, when the book is read or the request validated; a
// stored status that is not one of the API's is a book error.
type Policy struct {
	ID                      string             `json:"id"`
	CustomerID              string             `json:"customerId,omitempty"`
	PolicyType              string             `json:"policyType"`
	CarrierID               string             `json:"carrierId,omitempty"`
	CarrierName             string             `json:"carrierName,omitempty"`
	PlanName                string             `json:"planName,omitempty"`
	PlanCode                string             `json:"planCode,omitempty"`
	CarrierAssignedPolicyID string             `json:"carrierAssignedPolicyId,omitempty"`
	HealthSherpaPolicyID    string             `json:"healthSherpaPolicyId,omitempty"`
	MetalLevel              string             `json:"metalLevel,omitempty"`
	Status                  termination.Status `json:"status,omitempty"`
	EffectiveDate           string             `json:"effectiveDate,omitempty"`
	TerminationDate         string             `json:"terminationDate,omitempty"`
	ElectionPeriod          string             `json:"electionPeriod,omitempty"`
	AorFirstName            string             `json:"aorFirstName,omitempty"`
	AorLastName             string             `json:"aorLastName,omitempty"`
	AorNpn                  string             `json:"aorNpn,omitempty"`
	PremiumMode             string             `json:"premiumMode,omitempty"`
	PolicyLives             *int32             `json:"policyLives,omitempty"`
	WrittenAs               string             `json:"writtenAs,omitempty"`
	ExchangeStatus          string             `json:"exchangeStatus,omitempty"`
}

// Book is an in-memory book of customers and their policies, with a
// matching.Store indexing it: what Sync runs against. It is safe for
// concurrent use; syncs are serialized.
type Book struct {
	mu        sync.Mutex
	store     *matching.Store
	customers []*Customer
	byID      map[string]int    // customer ID -> position
	policyAt  map[string][2]int // policy ID -> (customer position, policy position)
	nextCust  int               // the last N of the "cust-N" and "pol-N" IDs given
	nextPol   int
}

// ErrBook wraps the errors of NewBook and ReadBook.
var ErrBook = errors.New("syncaca: invalid book")

// NewBook builds a book from customers, which it takes over. Customer and
// policy IDs must be non-empty and unique; a policy's customerId, when given,
// must be its customer's ID (it is set otherwise). A customer's fallback key
// is computed from its firstName, lastName, dateOfBirth and phoneNumber
// (matching.FallbackKey); a customer without a complete one is found only by
// its identifiers.
func NewBook(customers []Customer) (*Book, error) {
	b := &Book{
		byID:     make(map[string]int, len(customers)),
		policyAt: make(map[string][2]int, len(customers)),
	}
	mc := make([]matching.Customer, len(customers))
	var mp []matching.Policy
	b.customers = make([]*Customer, len(customers))
	// The fallback keys, the costly part, on every CPU (FallbackKey is safe
	// for concurrent use).
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(1, len(customers)/1024))
	for w := range workers {
		wg.Go(func() {
			for i := w * len(customers) / workers; i < (w+1)*len(customers)/workers; i++ {
				c := &customers[i]
				mc[i].FallbackKey, _ = matching.FallbackKey(c.FirstName, c.LastName, c.DateOfBirth, c.PhoneNumber)
			}
		})
	}
	wg.Wait()
	for i := range customers {
		c := &customers[i]
		if c.ID == "" {
			return nil, fmt.Errorf("%w: customers[%d] has no id", ErrBook, i)
		}
		b.customers[i] = c
		b.byID[c.ID] = i
		mc[i] = matching.Customer{ID: c.ID, FallbackKey: mc[i].FallbackKey, IDs: matching.CustomerIDs{
			HealthSherpaCustomerID: c.HealthSherpaCustomerID, ExternalID: c.ExternalID, CarrierAssignedCustomerID: c.CarrierAssignedCustomerID}}
		for j := range c.Policies {
			p := &c.Policies[j]
			switch {
			case p.ID == "":
				return nil, fmt.Errorf("%w: customers[%d].policies[%d] has no id", ErrBook, i, j)
			case p.CustomerID == "":
				p.CustomerID = c.ID
			case p.CustomerID != c.ID:
				return nil, fmt.Errorf("%w: customers[%d].policies[%d].customerId is not its customer's id", ErrBook, i, j)
			}
			if _, dup := b.policyAt[p.ID]; dup {
				return nil, fmt.Errorf("%w: customers[%d].policies[%d]: duplicate policy id %q", ErrBook, i, j, p.ID)
			}
			b.policyAt[p.ID] = [2]int{i, j}
			mp = append(mp, matching.Policy{ID: p.ID, CustomerID: c.ID, Type: p.PolicyType, Status: p.Status, EffectiveDate: p.EffectiveDate,
				IDs: matching.PolicyIDs{HealthSherpaPolicyID: p.HealthSherpaPolicyID, CarrierAssignedPolicyID: p.CarrierAssignedPolicyID}})
		}
	}
	if len(b.byID) != len(customers) {
		return nil, fmt.Errorf("%w: duplicate customer id", ErrBook)
	}
	st, err := matching.NewStore(mc, mp)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBook, err)
	}
	b.store = st
	return b, nil
}

// Len returns the number of customers and policies in the book.
func (b *Book) Len() (customers, policies int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.customers), len(b.policyAt)
}

// Customer returns a copy of the customer with the given ID, with its
// policies.
func (b *Book) Customer(id string) (Customer, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	i, ok := b.byID[id]
	if !ok {
		return Customer{}, false
	}
	return cloneCustomer(b.customers[i], true), true
}

// MarshalJSON writes the book in the form ReadBook reads, customers in the
// order they were added (the book's own first, then those syncs created).
func (b *Book) MarshalJSON() ([]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	f := bookFile{Customers: make([]Customer, len(b.customers))}
	for i, c := range b.customers {
		f.Customers[i] = *c
	}
	return json.Marshal(f)
}

// cloneCustomer returns a deep copy of c: no slice, byte or pointer of the
// copy is shared with the book (custom field values and policyLives
// included), so that a caller who changes it never races with a sync.
func cloneCustomer(c *Customer, withPolicies bool) Customer {
	out := *c
	out.CustomFields = slices.Clone(c.CustomFields)
	for k := range out.CustomFields {
		out.CustomFields[k].Value = bytes.Clone(out.CustomFields[k].Value)
	}
	out.Policies = nil
	if withPolicies {
		out.Policies = make([]Policy, len(c.Policies))
		for k := range c.Policies {
			out.Policies[k] = clonePolicy(&c.Policies[k])
		}
	}
	return out
}

// clonePolicy returns a deep copy of p (its policyLives pointer included).
func clonePolicy(p *Policy) Policy {
	out := *p
	if p.PolicyLives != nil {
		n := *p.PolicyLives
		out.PolicyLives = &n
	}
	return out
}

// given returns the trimmed value of a field sent with a non-blank value.
func given(t Field) (string, bool) {
	if !t.Given() {
		return "", false
	}
	s := strings.TrimSpace(t.Value)
	return s, s != ""
}

// set writes a field sent with a non-blank value. The value is cloned: a
// decoded request's strings share one copy of the whole body, which the
// book must not keep alive for a short name.
func set(dst *string, t Field) {
	if s, ok := given(t); ok {
		*dst = strings.Clone(s)
	}
}

// applyCustomer writes the record's fields on the customer: every field
// sent with a non-blank value replaces the stored one; fields not sent, null
// or blank keep it. Identifiers are written by the plan's fills only.
func applyCustomer(c *Customer, r *Record, vr *ValidatedRecord) {
	set(&c.FirstName, r.FirstName)
	set(&c.LastName, r.LastName)
	c.PhoneNumber = vr.Phone.E164()
	if !vr.DateOfBirth.IsZero() {
		c.DateOfBirth = vr.DateOfBirth.String()
	}
	set(&c.Email, r.Email)
	set(&c.Gender, r.Gender)
	set(&c.MaritalStatus, r.MaritalStatus)
	set(&c.Address, r.Address)
	set(&c.Address2, r.Address2)
	set(&c.City, r.City)
	set(&c.County, r.County)
	set(&c.State, r.State)
	set(&c.PostalCode, r.PostalCode)
	if vr.Zone.Zone.IsValid() {
		c.Timezone = vr.Zone.Zone.Name()
	}
	for _, cf := range r.CustomFields {
		if k := slices.IndexFunc(c.CustomFields, func(x CustomField) bool { return x.Key == cf.Key }); k >= 0 {
			c.CustomFields[k].Value = cf.Value
		} else {
			c.CustomFields = append(c.CustomFields, CustomField{Key: strings.Clone(cf.Key), Value: cf.Value})
		}
	}
}

func applyPolicy(p *Policy, r *RecordPolicy, vp *ValidatedPolicy) {
	set(&p.PlanName, r.PlanName)
	if vp.PlanCode != "" {
		p.PlanCode = strings.Clone(vp.PlanCode)
	}
	if vp.Carrier.Carrier.IsValid() {
		p.CarrierName, p.CarrierID = vp.Carrier.Carrier.DisplayName, vp.Carrier.Carrier.ID
	} else if vp.UnresolvedCarrier != "" { // kept as sent: no carrier id
		p.CarrierName, p.CarrierID = strings.Clone(vp.UnresolvedCarrier), ""
	}
	if vp.Status.IsValid() {
		p.Status = vp.Status
	}
	set(&p.EffectiveDate, r.EffectiveDate)
	set(&p.TerminationDate, r.TerminationDate)
	set(&p.MetalLevel, r.MetalLevel)
	set(&p.ElectionPeriod, r.ElectionPeriod)
	set(&p.PremiumMode, r.PremiumMode)
	set(&p.ExchangeStatus, r.ExchangeStatus)
	set(&p.WrittenAs, r.WrittenAs)
	set(&p.AorFirstName, r.AorFirstName)
	set(&p.AorLastName, r.AorLastName)
	set(&p.AorNpn, r.AorNpn)
	if r.PolicyLivesPresence == Given {
		n := r.PolicyLives
		p.PolicyLives = &n
	}
}

func setCustomerID(c *Customer, k matching.CustomerKey, v string) {
	v = strings.Clone(v) // not a piece of the request's body
	switch k {
	case matching.KeyHealthSherpaCustomerID:
		c.HealthSherpaCustomerID = v
	case matching.KeyExternalID:
		c.ExternalID = v
	case matching.KeyCarrierAssignedCustomerID:
		c.CarrierAssignedCustomerID = v
	}
}
