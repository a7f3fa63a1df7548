package syncaca

import (
	"encoding/json"
)

// Presence says whether an optional field of the request was sent.
type Presence uint8

const (
	// Absent: the key is not in the JSON object.
	Absent Presence = iota
	// Null: the key is present with the value null.
	Null
	// Given: the key is present with a value.
	Given
	// Invalid: the key is present with a value of the wrong JSON type;
	// Decode reports it, and the field rules skip it.
	Invalid
)

// Field is an optional string field of a request, as sent. Absent and null
// are both "not provided" for the rules (a sync never clears a stored value
// with null); they are kept apart so that a host can tell them apart.
// An identifier sent as a JSON number is kept as the number's literal text
// (12345 is "12345"; never a float64, so 12345678901234567890 stays exact),
// with Number set.
type Field struct {
	Value    string
	Presence Presence
	Number   bool // the identifier was a JSON number, Value is its literal text
}

// Given reports whether the field was sent with a value (possibly "").
func (t Field) Given() bool { return t.Presence == Given }

// Request is the body of POST /v2/sync/aca: {"records": [...]}.
type Request struct {
	Records []Record
}

// Record is one record of the request: a customer and its ACA policies.
// Only the fields the library knows are kept (see the package documentation);
// other keys are dropped, as an API object schema strips unknown keys.
type Record struct {
	FirstName   Field
	LastName    Field
	PhoneNumber Field
	Email       Field
	PostalCode  Field
	Timezone    Field
	State       Field
	Address     Field
	Address2    Field
	City        Field
	County      Field
	DateOfBirth Field
	Gender      Field
	// MaritalStatus is one of the API's marital statuses.
	MaritalStatus Field

	CarrierAssignedCustomerID Field
	HealthSherpaCustomerID    Field
	ExternalID                Field

	CustomFields []CustomField
	Policies     []RecordPolicy

	// PoliciesPresence and CustomFieldsPresence say whether the arrays were
	// sent.
	PoliciesPresence     Presence
	CustomFieldsPresence Presence
}

// CustomField is one custom field value of a record. Value is the JSON value
// as sent (a string, number, boolean, array of strings or null), already
// checked against that type.
type CustomField struct {
	Key   string          `json:"key"`
	Value json.RawMessage `json:"value"`
}

// RecordPolicy is one ACA policy of a record.
type RecordPolicy struct {
	PlanName                Field
	PlanCode                Field
	CarrierName             Field
	HealthSherpaPolicyID    Field
	CarrierAssignedPolicyID Field
	Status                  Field
	EffectiveDate           Field
	TerminationDate         Field
	MetalLevel              Field
	ElectionPeriod          Field
	PremiumMode             Field
	ExchangeStatus          Field
	WrittenAs               Field
	AorFirstName            Field
	AorLastName             Field
	AorNpn                  Field
	// PolicyLives is the number of lives covered; valid only when
	// PolicyLivesPresence is Given.
	PolicyLives         int32
	PolicyLivesPresence Presence
}

// kind is the JSON type a field accepts.
type kind uint8

const (
	kString kind = iota // string | null
	kID                 // string | number | null (identifiers)
	kEnum               // string | null, one of enum
	kInt32              // integer | null
)

// fieldSpec describes one field of the request: its JSON name, type, length
// limit (in characters, as JSON Schema counts them; 0 when the rule package
// that reads the field checks its length itself) and enum.
type fieldSpec struct {
	name string
	kind kind
	max  int
	enum []string
}

// Enums of the API.
var (
	genders         = []string{"Male", "Female", "Non-Binary", "Other", "Prefer Not to Say"}
	maritalStatuses = []string{"Single", "Married", "Divorced", "Widowed", "Separated", "Domestic Partnership"}
	metalLevels     = []string{"Catastrophic", "Bronze", "Expanded Bronze", "Silver", "Gold", "Platinum"}
	electionPeriods = []string{"IEP", "AEP", "OEP", "SEP", "ICEP", "MA-OEP"}
	premiumModes    = []string{"Monthly", "Quarterly", "Semi-Annual", "Annual"}
	exchangeStatus  = []string{"FFM", "SBM", "SBM FP", "OFF EXCHANGE", "PRIVATE EXCHANGE", "UNKNOWN"}
	writtenAs       = []string{"New Business", "Like Plan Change", "Unlike Plan Change", "Reinstatement", "Rewrite"}
)

// MaxLen is the API's default string length limit.
const MaxLen = 255

// Limits of a record, besides matching.MaxRecords records per request and
// matching.MaxPolicies policies per record.
const (
	MaxCustomFields   = 50  // custom fields per record
	MaxCustomFieldKey = 100 // characters of a custom field's key
)

func (r *Record) fieldSpecs() []struct {
	spec fieldSpec
	dst  *Field
} {
	return []struct {
		spec fieldSpec
		dst  *Field
	}{
		{fieldSpec{name: "firstName", max: MaxLen}, &r.FirstName},
		{fieldSpec{name: "lastName", max: MaxLen}, &r.LastName},
		{fieldSpec{name: "phoneNumber"}, &r.PhoneNumber},
		{fieldSpec{name: "email", max: MaxLen}, &r.Email},
		{fieldSpec{name: "postalCode"}, &r.PostalCode},
		{fieldSpec{name: "timezone"}, &r.Timezone},
		{fieldSpec{name: "state", max: 50}, &r.State},
		{fieldSpec{name: "address", max: MaxLen}, &r.Address},
		{fieldSpec{name: "address2", max: MaxLen}, &r.Address2},
		{fieldSpec{name: "city", max: MaxLen}, &r.City},
		{fieldSpec{name: "county", max: MaxLen}, &r.County},
		{fieldSpec{name: "dateOfBirth"}, &r.DateOfBirth},
		{fieldSpec{name: "gender", kind: kEnum, enum: genders}, &r.Gender},
		{fieldSpec{name: "maritalStatus", kind: kEnum, enum: maritalStatuses}, &r.MaritalStatus},
		{fieldSpec{name: "carrierAssignedCustomerId", kind: kID, max: MaxLen}, &r.CarrierAssignedCustomerID},
		{fieldSpec{name: "healthSherpaCustomerId", kind: kID, max: MaxLen}, &r.HealthSherpaCustomerID},
		{fieldSpec{name: "externalId", kind: kID, max: MaxLen}, &r.ExternalID},
	}
}

func (p *RecordPolicy) fieldSpecs() []struct {
	spec fieldSpec
	dst  *Field
} {
	return []struct {
		spec fieldSpec
		dst  *Field
	}{
		{fieldSpec{name: "planName", max: MaxLen}, &p.PlanName},
		{fieldSpec{name: "planCode"}, &p.PlanCode},
		{fieldSpec{name: "carrierName"}, &p.CarrierName},
		{fieldSpec{name: "healthSherpaPolicyId", kind: kID, max: MaxLen}, &p.HealthSherpaPolicyID},
		{fieldSpec{name: "carrierAssignedPolicyId", kind: kID, max: MaxLen}, &p.CarrierAssignedPolicyID},
		{fieldSpec{name: "status"}, &p.Status},
		{fieldSpec{name: "effectiveDate", max: MaxLen}, &p.EffectiveDate},
		{fieldSpec{name: "terminationDate", max: MaxLen}, &p.TerminationDate},
		{fieldSpec{name: "metalLevel", kind: kEnum, enum: metalLevels}, &p.MetalLevel},
		{fieldSpec{name: "electionPeriod", kind: kEnum, enum: electionPeriods}, &p.ElectionPeriod},
		{fieldSpec{name: "premiumMode", kind: kEnum, enum: premiumModes}, &p.PremiumMode},
		{fieldSpec{name: "exchangeStatus", kind: kEnum, enum: exchangeStatus}, &p.ExchangeStatus},
		{fieldSpec{name: "writtenAs", kind: kEnum, enum: writtenAs}, &p.WrittenAs},
		{fieldSpec{name: "aorFirstName", max: MaxLen}, &p.AorFirstName},
		{fieldSpec{name: "aorLastName", max: MaxLen}, &p.AorLastName},
		{fieldSpec{name: "aorNpn", max: 50}, &p.AorNpn},
	}
}
