package syncaca

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/carecycle/carerules/api"
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

// Text is an optional string field of a request, as sent. Absent and null
// are both "not provided" for the rules (a sync never clears a stored value
// with null); they are kept apart so that a host can tell them apart.
// An identifier sent as a JSON number is kept as the number's literal text
// (12345 is "12345"; never a float64, so 12345678901234567890 stays exact),
// with Number set.
type Text struct {
	Value    string
	Presence Presence
	Number   bool // the identifier was a JSON number, Value is its literal text
}

// Given reports whether the field was sent with a value (possibly "").
func (t Text) Given() bool { return t.Presence == Given }

// Request is the body of POST /v2/sync/aca: {"records": [...]}.
type Request struct {
	Records []Record
}

// Record is one record of the request: a customer and its ACA policies.
// Only the fields the library knows are kept (see the package documentation);
// other keys are dropped, as an API object schema strips unknown keys.
type Record struct {
	FirstName   Text
	LastName    Text
	PhoneNumber Text
	Email       Text
	PostalCode  Text
	Timezone    Text
	State       Text
	Address     Text
	Address2    Text
	City        Text
	County      Text
	DateOfBirth Text
	Gender      Text
	// MaritalStatus is one of the API's marital statuses.
	MaritalStatus Text

	CarrierAssignedCustomerID Text
	HealthSherpaCustomerID    Text
	ExternalID                Text

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
	PlanName                Text
	PlanCode                Text
	CarrierName             Text
	HealthSherpaPolicyID    Text
	CarrierAssignedPolicyID Text
	Status                  Text
	EffectiveDate           Text
	TerminationDate         Text
	MetalLevel              Text
	ElectionPeriod          Text
	PremiumMode             Text
	ExchangeStatus          Text
	WrittenAs               Text
	AorFirstName            Text
	AorLastName             Text
	AorNpn                  Text
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

// Enums of the API (sync-aca.txt).
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

// Limits of the request (sync-aca.txt).
const (
	MaxRecords        = 100
	MaxPolicies       = 10
	MaxCustomFields   = 50
	MaxCustomFieldKey = 100
)

func (r *Record) fields() []struct {
	spec fieldSpec
	dst  *Text
} {
	return []struct {
		spec fieldSpec
		dst  *Text
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

func (p *RecordPolicy) fields() []struct {
	spec fieldSpec
	dst  *Text
} {
	return []struct {
		spec fieldSpec
		dst  *Text
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

// ErrSyntax is returned (wrapped) by Decode when the body is not one JSON
// value (400 INVALID_JSON, see BodyFor).
var ErrSyntax = errors.New("syncaca: request body is not valid JSON")

// ErrTooLarge is returned (wrapped) by Decode when the body is larger than
// MaxBodySize (413 PAYLOAD_TOO_LARGE, see BodyFor).
var ErrTooLarge = errors.New("syncaca: request body is too large")

// MaxBodySize is the largest request body Decode reads: 100 records of the
// API's fields fit comfortably in it.
const MaxBodySize = 16 << 20

// Decode reads a request body. It returns an error wrapping ErrSyntax when the
// body is not one JSON value, one wrapping ErrTooLarge when it is larger than
// MaxBodySize, and a *api.ValidationError when the JSON does not have the API's shape (wrong types,
// missing arrays), together with the request as far as it could be read
// (fields of the wrong type are marked Invalid), or nil when the body is not
// an object holding a records array. Every shape problem is reported, each
// with its path; the field rules (lengths, enums, phone, dateOfBirth, ...)
// are Validate's. Check does both and reports every issue at once.
//
// Identifiers are read as strings or JSON numbers (kept as their literal
// text), never through float64. Other string fields reject numbers.
func Decode(r io.Reader) (*Request, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxBodySize+1))
	if err != nil {
		return nil, fmt.Errorf("syncaca: reading request: %w", err)
	}
	return DecodeBytes(data)
}

// DecodeBytes is Decode on a byte slice.
func DecodeBytes(data []byte) (*Request, error) {
	if len(data) > MaxBodySize {
		return nil, &bodyError{sentinel: ErrTooLarge, code: api.CodePayloadTooLarge, detail: "more than " + strconv.Itoa(MaxBodySize) + " bytes"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var top any
	if err := dec.Decode(&top); err != nil {
		return nil, &bodyError{sentinel: ErrSyntax, code: api.CodeInvalidJSON, detail: syntaxDetail(err)}
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &bodyError{sentinel: ErrSyntax, code: api.CodeInvalidJSON, detail: "data after the JSON value"}
	}
	var issues issueList
	req := &Request{}
	obj, ok := top.(map[string]any)
	if !ok {
		issues.add(api.Issue{Path: []string{}, Message: "request body must be an object", Expected: "object", Received: typeName(top), Code: api.IssueInvalidType})
		return nil, issues.err(nil)
	}
	rv, present := obj["records"]
	arr, ok := rv.([]any)
	if !ok {
		rec := typeName(rv)
		if !present {
			rec = "undefined"
		}
		issues.add(api.Issue{Path: []string{"records"}, Message: "records must be an array", Expected: "array", Received: rec, Code: api.IssueInvalidType})
		return nil, issues.err(nil)
	}
	req.Records = make([]Record, len(arr))
	for i, v := range arr {
		decodeRecord(&req.Records[i], v, []string{"records", strconv.Itoa(i)}, &issues)
	}
	if len(issues) > 0 {
		return req, issues.err(req)
	}
	return req, nil
}

// syntaxDetail describes a JSON syntax error by its offset, never by the
// bytes around it (which may hold a phone number).
func syntaxDetail(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "syntax error at byte offset " + strconv.FormatInt(se.Offset, 10)
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "unexpected end of input"
	}
	return "malformed JSON"
}

func decodeRecord(r *Record, v any, path []string, issues *issueList) {
	obj, ok := v.(map[string]any)
	if !ok {
		issues.add(api.Issue{Path: path, Message: "record must be an object", Expected: "object", Received: typeName(v), Code: api.IssueInvalidType})
		return
	}
	for _, f := range r.fields() {
		decodeText(obj, f.spec, f.dst, path, issues)
	}
	if cv, present := obj["customFields"]; present {
		r.CustomFieldsPresence = Null
		if cv != nil {
			r.CustomFieldsPresence = Given
			decodeCustomFields(r, cv, api.AppendPath(path, "customFields"), issues)
		}
	}
	if pv, present := obj["policies"]; present {
		r.PoliciesPresence = Null
		if pv != nil {
			r.PoliciesPresence = Given
			pp := api.AppendPath(path, "policies")
			arr, ok := pv.([]any)
			if !ok {
				issues.add(api.Issue{Path: pp, Message: "policies must be an array", Expected: "array", Received: typeName(pv), Code: api.IssueInvalidType})
				return
			}
			r.Policies = make([]RecordPolicy, len(arr))
			for j, e := range arr {
				decodePolicy(&r.Policies[j], e, api.AppendPath(pp, strconv.Itoa(j)), issues)
			}
		}
	}
}

func decodeCustomFields(r *Record, v any, path []string, issues *issueList) {
	arr, ok := v.([]any)
	if !ok {
		issues.add(api.Issue{Path: path, Message: "customFields must be an array", Expected: "array", Received: typeName(v), Code: api.IssueInvalidType})
		return
	}
	r.CustomFields = make([]CustomField, len(arr))
	for k, e := range arr {
		ep := api.AppendPath(path, strconv.Itoa(k))
		obj, ok := e.(map[string]any)
		if !ok {
			issues.add(api.Issue{Path: ep, Message: "custom field must be an object", Expected: "object", Received: typeName(e), Code: api.IssueInvalidType})
			continue
		}
		key, ok := obj["key"].(string)
		if !ok {
			rec := typeName(obj["key"])
			if _, present := obj["key"]; !present {
				rec = "undefined"
			}
			issues.add(api.Issue{Path: api.AppendPath(ep, "key"), Message: "custom field key must be a string", Expected: "string", Received: rec, Code: api.IssueInvalidType})
		}
		r.CustomFields[k].Key = key
		val, present := obj["value"]
		switch x := val.(type) {
		case nil, string, json.Number, bool:
		case []any:
			for n, s := range x {
				if _, ok := s.(string); !ok {
					issues.add(api.Issue{Path: api.AppendPath(ep, "value", strconv.Itoa(n)), Message: "custom field array values must be strings", Expected: "string", Received: typeName(s), Code: api.IssueInvalidType})
				}
			}
		default:
			issues.add(api.Issue{Path: api.AppendPath(ep, "value"), Message: "custom field value has the wrong type", Expected: "string | number | boolean | array<string> | null", Received: typeName(val), Code: api.IssueInvalidType})
		}
		if present {
			raw, _ := json.Marshal(val) // json.Number marshals as its literal text
			r.CustomFields[k].Value = raw
		} else {
			r.CustomFields[k].Value = json.RawMessage("null")
		}
	}
}

func decodePolicy(p *RecordPolicy, v any, path []string, issues *issueList) {
	obj, ok := v.(map[string]any)
	if !ok {
		issues.add(api.Issue{Path: path, Message: "policy must be an object", Expected: "object", Received: typeName(v), Code: api.IssueInvalidType})
		return
	}
	for _, f := range p.fields() {
		decodeText(obj, f.spec, f.dst, path, issues)
	}
	lv, present := obj["policyLives"]
	if !present {
		return
	}
	if lv == nil {
		p.PolicyLivesPresence = Null
		return
	}
	lp := api.AppendPath(path, "policyLives")
	num, ok := lv.(json.Number)
	p.PolicyLivesPresence = Invalid
	if !ok {
		issues.add(api.Issue{Path: lp, Message: "policyLives must be an integer", Expected: "integer", Received: typeName(lv), Code: api.IssueInvalidType})
		return
	}
	n, err := strconv.ParseInt(num.String(), 10, 32)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			issues.add(api.Issue{Path: lp, Message: "policyLives is out of the 32-bit integer range", Expected: "integer in [-2147483648, 2147483647]", Received: "number", Code: api.IssueTooBig})
		} else {
			issues.add(api.Issue{Path: lp, Message: "policyLives must be an integer", Expected: "integer", Received: "number", Code: api.IssueInvalidType})
		}
		return
	}
	p.PolicyLives = int32(n)
	p.PolicyLivesPresence = Given
}

func decodeText(obj map[string]any, spec fieldSpec, dst *Text, path []string, issues *issueList) {
	v, present := obj[spec.name]
	if !present {
		return
	}
	switch x := v.(type) {
	case nil:
		dst.Presence = Null
	case string:
		*dst = Text{Value: x, Presence: Given}
	case json.Number:
		if spec.kind == kID {
			*dst = Text{Value: x.String(), Presence: Given, Number: true}
			return
		}
		dst.Presence = Invalid
		issues.add(api.Issue{Path: api.AppendPath(path, spec.name), Message: spec.name + " has the wrong type", Expected: "string", Received: "number", Code: api.IssueInvalidType})
	default:
		dst.Presence = Invalid
		exp := "string"
		if spec.kind == kID {
			exp = "string | number"
		}
		issues.add(api.Issue{Path: api.AppendPath(path, spec.name), Message: spec.name + " has the wrong type", Expected: exp, Received: typeName(v), Code: api.IssueInvalidType})
	}
}

// typeName describes a decoded JSON value by its type, as the API's
// "received" does, never by its content.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "unknown"
}
