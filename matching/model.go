package matching

import (
	"strconv"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/phone"
	"github.com/carecycle/carerules/termination"
)

// CustomerKey names what decided a customer match: one of the three customer
// identifiers, in their priority order, or the demographic fallback.
type CustomerKey uint8

// Customer keys, identifiers in their priority order (healthSherpaCustomerId
// first), then the fallback.
const (
	// KeyNone: no key was usable (no identifier present and no complete
	// fallback key); the record creates a customer.
	KeyNone CustomerKey = iota
	KeyHealthSherpaCustomerID
	KeyExternalID
	KeyCarrierAssignedCustomerID
	// KeyFallback: the demographic key of [FallbackKey].
	KeyFallback
)

// customerIDKeys are the identifier keys in priority order.
var customerIDKeys = [...]CustomerKey{KeyHealthSherpaCustomerID, KeyExternalID, KeyCarrierAssignedCustomerID}

// String returns the API field name of the key ("healthSherpaCustomerId",
// "externalId", "carrierAssignedCustomerId"), "fallback" or "none".
func (k CustomerKey) String() string {
	switch k {
	case KeyNone:
		return "none"
	case KeyHealthSherpaCustomerID:
		return "healthSherpaCustomerId"
	case KeyExternalID:
		return "externalId"
	case KeyCarrierAssignedCustomerID:
		return "carrierAssignedCustomerId"
	case KeyFallback:
		return "fallback"
	}
	return "CustomerKey(" + strconv.Itoa(int(k)) + ")"
}

// PolicyKey names the identifier that decided a policy match.
type PolicyKey uint8

// Policy keys, in their priority order: healthSherpaPolicyId first.
const (
	// PolicyKeyNone: the policy has neither identifier.
	PolicyKeyNone PolicyKey = iota
	KeyHealthSherpaPolicyID
	KeyCarrierAssignedPolicyID
)

// String returns the API field name of the key ("healthSherpaPolicyId",
// "carrierAssignedPolicyId") or "none".
func (k PolicyKey) String() string {
	switch k {
	case PolicyKeyNone:
		return "none"
	case KeyHealthSherpaPolicyID:
		return "healthSherpaPolicyId"
	case KeyCarrierAssignedPolicyID:
		return "carrierAssignedPolicyId"
	}
	return "PolicyKey(" + strconv.Itoa(int(k)) + ")"
}

// CustomerIDs are the three customer identifiers of the API.
type CustomerIDs struct {
	HealthSherpaCustomerID    string
	ExternalID                string
	CarrierAssignedCustomerID string
}

// Get returns the identifier of kind k, or "" for a key that is not an
// identifier.
func (ids CustomerIDs) Get(k CustomerKey) string {
	switch k {
	case KeyHealthSherpaCustomerID:
		return ids.HealthSherpaCustomerID
	case KeyExternalID:
		return ids.ExternalID
	case KeyCarrierAssignedCustomerID:
		return ids.CarrierAssignedCustomerID
	}
	return ""
}

func (ids *CustomerIDs) set(k CustomerKey, v string) {
	switch k {
	case KeyHealthSherpaCustomerID:
		ids.HealthSherpaCustomerID = v
	case KeyExternalID:
		ids.ExternalID = v
	case KeyCarrierAssignedCustomerID:
		ids.CarrierAssignedCustomerID = v
	}
}

// PolicyIDs are the two policy identifiers of the API.
type PolicyIDs struct {
	HealthSherpaPolicyID    string
	CarrierAssignedPolicyID string
}

// Get returns the identifier of kind k, or "" for [PolicyKeyNone].
func (ids PolicyIDs) Get(k PolicyKey) string {
	switch k {
	case KeyHealthSherpaPolicyID:
		return ids.HealthSherpaPolicyID
	case KeyCarrierAssignedPolicyID:
		return ids.CarrierAssignedPolicyID
	}
	return ""
}

func (ids *PolicyIDs) set(k PolicyKey, v string) {
	switch k {
	case KeyHealthSherpaPolicyID:
		ids.HealthSherpaPolicyID = v
	case KeyCarrierAssignedPolicyID:
		ids.CarrierAssignedPolicyID = v
	}
}

// Customer is what a host holds about a customer, as far as matching needs:
// its ID, its identifiers (trimmed; "" when absent) and its stored fallback
// key ("" when the customer has none, see [FallbackKey]).
type Customer struct {
	ID          string
	IDs         CustomerIDs
	FallbackKey string
}

// PolicyTypeACA is the policy type of every synced policy. A policy whose
// Type is not ACA ([termination.IsACA]: trimmed, any ASCII case) is never
// matched by a sync.
const PolicyTypeACA = termination.PolicyTypeACA

// Policy is what a host holds about a policy, as far as matching and the
// one-year termination rule need: its ID, its owner, its type ("ACA", "MA",
// ...), its status (parsed once, when the host read it; the zero Status
// when it has none), its effective date as stored, which matching never
// reads, and its identifiers (trimmed; "" when absent).
type Policy struct {
	ID            string
	CustomerID    string
	Type          string
	Status        termination.Status
	EffectiveDate string
	IDs           PolicyIDs
}

// Record is one incoming record of POST /v2/sync/aca, reduced to what
// matching reads, its values parsed by the request's validation: names and
// identifiers as received (the planner trims identifiers and applies the
// presence rule, [Identifier], itself), the date of birth and the phone
// number parsed (zero when not sent). The fallback key is built from them
// ([FallbackKeyOf]), never by parsing them again.
type Record struct {
	FirstName   string
	LastName    string
	DateOfBirth dob.Date
	PhoneNumber phone.Number
	IDs         CustomerIDs
	Policies    []PolicyRecord
}

// PolicyRecord is one policy of a [Record]. Status and EffectiveDate are not
// used for matching; [Store.Apply] writes them when they are given (the
// zero Status and "" are not).
type PolicyRecord struct {
	IDs           PolicyIDs
	Status        termination.Status
	EffectiveDate string
}

// CustomerRef names a customer in a plan: either one the store held before
// the request (ID) or one the plan creates (New, created by record Record).
// The zero CustomerRef names nothing.
type CustomerRef struct {
	ID     string // store ID; "" when New
	New    bool   // created by this plan
	Record int    // when New: index of the record that creates it
}

// IsZero reports whether r names nothing.
func (r CustomerRef) IsZero() bool { return r == CustomerRef{} }

// String returns the store ID, or "new(record N)".
func (r CustomerRef) String() string {
	if r.New {
		return "new(record " + strconv.Itoa(r.Record) + ")"
	}
	return r.ID
}

func refLess(a, b CustomerRef) int {
	if a.New != b.New {
		if !a.New {
			return -1
		}
		return 1
	}
	if a.New {
		return a.Record - b.Record
	}
	switch {
	case a.ID < b.ID:
		return -1
	case a.ID > b.ID:
		return 1
	}
	return 0
}

// PolicyRef names a policy in a plan: either one the store held before the
// request (ID) or one the plan creates (New, created by policy Policy of
// record Record). The zero PolicyRef names nothing.
type PolicyRef struct {
	ID     string
	New    bool
	Record int
	Policy int
}

// IsZero reports whether r names nothing.
func (r PolicyRef) IsZero() bool { return r == PolicyRef{} }

// String returns the store ID, or "new(record N, policy M)".
func (r PolicyRef) String() string {
	if r.New {
		return "new(record " + strconv.Itoa(r.Record) + ", policy " + strconv.Itoa(r.Policy) + ")"
	}
	return r.ID
}

func policyRefLess(a, b PolicyRef) int {
	if a.New != b.New {
		if !a.New {
			return -1
		}
		return 1
	}
	if a.New {
		if a.Record != b.Record {
			return a.Record - b.Record
		}
		return a.Policy - b.Policy
	}
	switch {
	case a.ID < b.ID:
		return -1
	case a.ID > b.ID:
		return 1
	}
	return 0
}

// Strategy chooses how the customer key is used: the API's literal reading
// or the cascade (see the package documentation).
type Strategy uint8

const (
	// StrategyLiteral, the default: the first identifier present in the
	// order healthSherpaCustomerId, externalId, carrierAssignedCustomerId is
	// the key; if it matches nothing the customer is new, even when a later
	// identifier would match. The fallback is used only when no identifier is
	// present. This is the API's text.
	StrategyLiteral Strategy = iota
	// StrategyCascade: the identifiers in the same order, the first present
	// one that matches wins; when none matches, the fallback; new only when
	// nothing matched.
	StrategyCascade
)

// String returns "literal" or "cascade".
func (s Strategy) String() string {
	switch s {
	case StrategyLiteral:
		return "literal"
	case StrategyCascade:
		return "cascade"
	}
	return "Strategy(" + strconv.Itoa(int(s)) + ")"
}

// Outcome is the result of matching a customer or a policy.
type Outcome uint8

const (
	_ Outcome = iota
	// OutcomeMatched: exactly one existing customer (or policy) is the
	// record's; it is updated.
	OutcomeMatched
	// OutcomeNew: nothing matched; the customer (or policy) is created.
	OutcomeNew
	// OutcomeAmbiguous (customers only): several customers hold the key; the
	// record fails and nothing of it is written.
	OutcomeAmbiguous
	// OutcomeConflict (policies only): the policy cannot be synced (see
	// [ConflictReason]). Its record fails with [ErrPolicyConflict]: nothing
	// of the record is written (no move, no create, no termination).
	OutcomeConflict
)

// String returns "matched", "new", "ambiguous" or "conflict".
func (o Outcome) String() string {
	switch o {
	case OutcomeMatched:
		return "matched"
	case OutcomeNew:
		return "new"
	case OutcomeAmbiguous:
		return "ambiguous"
	case OutcomeConflict:
		return "conflict"
	}
	return "Outcome(" + strconv.Itoa(int(o)) + ")"
}

// ConflictReason says why a policy is a conflict, which fails its record
// ([ErrPolicyConflict]).
type ConflictReason uint8

const (
	_ ConflictReason = iota
	// ConflictOtherCustomer: the matching policy belongs to another customer
	// (policy IDs are global). The policy is not moved.
	ConflictOtherCustomer
	// ConflictNotACA: the matching policy is not an ACA policy; a sync never
	// turns, say, a Medicare policy into an ACA one.
	ConflictNotACA
	// ConflictAmbiguous: several policies match the identifier used.
	ConflictAmbiguous
)

// String returns the reason's stable code: "other_customer", "not_aca" or
// "ambiguous".
func (c ConflictReason) String() string {
	switch c {
	case 0:
		return ""
	case ConflictOtherCustomer:
		return "other_customer"
	case ConflictNotACA:
		return "not_aca"
	case ConflictAmbiguous:
		return "ambiguous"
	}
	return "ConflictReason(" + strconv.Itoa(int(c)) + ")"
}

// Warning is a remark on a policy decision that does not stop it.
type Warning uint8

const (
	_ Warning = iota
	// WarningNoIdentifier: the policy has neither healthSherpaPolicyId nor
	// carrierAssignedPolicyId; it is created, and every re-sync of the same
	// record will create it again.
	WarningNoIdentifier
	// WarningDifferentEnrollment: the carrierAssignedPolicyId matched a
	// policy that holds a different healthSherpaPolicyId, a different
	// enrollment (typically next year's renewal), so the policy is new.
	WarningDifferentEnrollment
)

// String returns the warning's stable code: "no_identifier" or
// "different_enrollment".
func (w Warning) String() string {
	switch w {
	case WarningNoIdentifier:
		return "no_identifier"
	case WarningDifferentEnrollment:
		return "different_enrollment"
	}
	return "Warning(" + strconv.Itoa(int(w)) + ")"
}
