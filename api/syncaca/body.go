package syncaca

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/internal/jsonbody"
	"github.com/carecycle/carerules/matching"
)

// schema is the request body as internal/jsonbody decodes it, built from
// the field lists of Record and RecordPolicy (fieldSpecs), so that the
// order of a decoded object's values is the order of those lists.
var schema = sync.OnceValue(func() *jsonbody.Schema {
	custom := jsonbody.NewSchema("custom field",
		jsonbody.Field{Name: "key", Label: "custom field key", Kind: jsonbody.String, Min: 1, Max: MaxCustomFieldKey, Strict: true, Required: true},
		jsonbody.Field{Name: "value", Label: "custom field value", Kind: jsonbody.CustomValue},
	)
	var p RecordPolicy
	pf := bodyFields(p.fieldSpecs())
	pf = append(pf, jsonbody.Field{Name: "policyLives", Kind: jsonbody.Int32})
	var r Record
	rf := bodyFields(r.fieldSpecs())
	rf = append(rf,
		jsonbody.Field{Name: "customFields", Kind: jsonbody.Objects, Max: MaxCustomFields, Elem: custom},
		jsonbody.Field{Name: "policies", Kind: jsonbody.Objects, Max: matching.MaxPolicies, Elem: jsonbody.NewSchema("policy", pf...)},
	)
	return jsonbody.NewSchema("request body", jsonbody.Field{Name: "records", Kind: jsonbody.Objects, Min: 1, Max: matching.MaxRecords,
		Noun: "record", Required: true, Elem: jsonbody.NewSchema("record", rf...)})
})

// strictFields are the names and identifiers: besides invalid text and
// U+0000, a C0 control character (tab, line feed, ...) is an error in them.
var strictFields = map[string]bool{
	"firstName": true, "lastName": true, "phoneNumber": true, "aorFirstName": true, "aorLastName": true, "aorNpn": true,
	"carrierAssignedCustomerId": true, "healthSherpaCustomerId": true, "externalId": true,
	"healthSherpaPolicyId": true, "carrierAssignedPolicyId": true,
}

func bodyFields(specs []struct {
	spec fieldSpec
	dst  *Field
}) []jsonbody.Field {
	out := make([]jsonbody.Field, len(specs))
	for k, s := range specs {
		// Max 0: the rule package that reads the field (phone, dob,
		// timezone, plancode, carrier, termination) checks its length
		// first, with its own code, and describes an over-long value.
		f := jsonbody.Field{Name: s.spec.name, Kind: jsonbody.String, Max: s.spec.max, Strict: strictFields[s.spec.name]}
		switch s.spec.kind {
		case kID:
			f.Kind = jsonbody.ID
		case kEnum:
			f.Kind, f.Enum, f.Max = jsonbody.Enum, s.spec.enum, 0
		}
		out[k] = f
	}
	return out
}

// decodeBody decodes a request body in one pass over its bytes
// (internal/jsonbody): the shape issues, at most api.MaxIssues of them
// (total counts them all, failed lists every record with one), and the
// request, nil when the body is not an
// object with a records array of 1 to MaxRecords items. notObject[i] is set
// for a record that is not an object (its fields are not validated).
func decodeBody(data []byte) (req *Request, issues []api.Issue, total int, failed []int, notObject []bool, err error) {
	if len(data) > MaxBodySize {
		return nil, nil, 0, nil, nil, tooLarge()
	}
	var top bodySink
	res, err := jsonbody.DecodeInto(data, schema(), &top)
	if errors.Is(err, jsonbody.ErrNotObject) {
		return nil, nil, 0, nil, nil, &bodyError{sentinel: ErrSyntax, code: api.CodeInvalidJSON, detail: "the body is not a JSON object"}
	}
	if err != nil {
		var se *jsonbody.SyntaxError
		detail := "malformed JSON"
		if errors.As(err, &se) {
			detail = se.Msg
			if se.Offset < len(data) {
				detail += " at byte offset " + strconv.Itoa(se.Offset)
			}
		}
		return nil, nil, 0, nil, nil, &bodyError{sentinel: ErrSyntax, code: api.CodeInvalidJSON, detail: detail}
	}
	issues = make([]api.Issue, len(res.Issues))
	for k, is := range res.Issues {
		issues[k] = api.Issue{Path: is.Path, Message: is.Message, Expected: is.Expected, Received: is.Received, Code: is.Code}
	}
	if top.records == nil {
		return nil, issues, res.Total, res.Failed, nil, nil
	}
	notObject = make([]bool, len(top.records))
	for i := range top.records {
		notObject[i] = !top.records[i].decoded
	}
	return &Request{Records: top.records}, issues, res.Total, res.Failed, notObject, nil
}

// The decoder's sinks write the body straight into the Request's structs.

// bodySink receives {"records": [...]}.
type bodySink struct {
	records []Record
	sinks   []recordSink
}

func (b *bodySink) Set(int, jsonbody.Value) {}
func (b *bodySink) Items(_, n int) {
	b.records, b.sinks = make([]Record, n), make([]recordSink, n)
}
func (b *bodySink) Item(_, i int) jsonbody.Sink {
	r := &b.records[i]
	r.decoded = true
	b.sinks[i].r = r
	return &b.sinks[i]
}
func (b *bodySink) Extra([]byte) {}

// recordSink receives a record: its fields in the order of recordFields,
// then customFields and policies.
type recordSink struct {
	r        *Record
	policies []policySink
	custom   []customFieldSink
}

const (
	recCustomFields = 17 // the field indexes of the record's schema
	polLives        = 16 // and of the policy's
)

func (s *recordSink) Set(k int, v jsonbody.Value) {
	switch {
	case k < recCustomFields:
		*s.r.recordFields()[k] = Field{Value: v.Text, Presence: presence(v.State), Number: v.Number}
	case k == recCustomFields:
		s.r.CustomFieldsPresence = presence(v.State)
	default:
		s.r.PoliciesPresence = presence(v.State)
	}
}

func (s *recordSink) Items(k, n int) {
	if k == recCustomFields {
		s.r.CustomFields, s.custom = make([]CustomField, n), make([]customFieldSink, n)
		for i := range s.r.CustomFields {
			s.r.CustomFields[i].Value = json.RawMessage("null") // value absent
			s.custom[i].c = &s.r.CustomFields[i]
		}
		return
	}
	s.r.Policies, s.policies = make([]RecordPolicy, n), make([]policySink, n)
	for i := range s.policies {
		s.policies[i].p = &s.r.Policies[i]
	}
}

func (s *recordSink) Item(k, i int) jsonbody.Sink {
	if k == recCustomFields {
		return &s.custom[i]
	}
	return &s.policies[i]
}

func (s *recordSink) Extra(raw []byte) { s.r.Extra = raw }

type policySink struct{ p *RecordPolicy }

func (s *policySink) Set(k int, v jsonbody.Value) {
	if k == polLives {
		s.p.PolicyLives, s.p.PolicyLivesPresence = v.Int, presence(v.State)
		return
	}
	*s.p.policyFields()[k] = Field{Value: v.Text, Presence: presence(v.State), Number: v.Number}
}
func (s *policySink) Items(int, int)              {}
func (s *policySink) Item(int, int) jsonbody.Sink { return nil }
func (s *policySink) Extra(raw []byte)            { s.p.Extra = raw }

type customFieldSink struct{ c *CustomField }

func (s *customFieldSink) Set(k int, v jsonbody.Value) {
	switch {
	case k == 0:
		s.c.Key = v.Text // "" unless Given
	case v.State == jsonbody.Given:
		s.c.Value = json.RawMessage(v.Text)
	default:
		s.c.Value = json.RawMessage("null")
	}
}
func (s *customFieldSink) Items(int, int)              {}
func (s *customFieldSink) Item(int, int) jsonbody.Sink { return nil }
func (s *customFieldSink) Extra([]byte)                {}

// ReadBody reads a request body through its size limit: it never reads
// more than MaxBodySize+1 bytes, and a larger body is an error wrapping
// ErrTooLarge (413 PAYLOAD_TOO_LARGE, see BodyFor), so that a host or the
// command never holds more than the limit of an over-size body.
func ReadBody(r io.Reader) ([]byte, error) {
	data, err := jsonbody.ReadAll(r, MaxBodySize)
	switch {
	case errors.Is(err, jsonbody.ErrTooLarge):
		return nil, tooLarge()
	case err != nil:
		return nil, fmt.Errorf("syncaca: reading request: %w", err)
	}
	return data, nil
}

func tooLarge() error {
	return &bodyError{sentinel: ErrTooLarge, code: api.CodePayloadTooLarge, detail: "more than " + strconv.Itoa(MaxBodySize) + " bytes"}
}

// recordFields and policyFields are the destinations of fieldSpecs, in its
// order (TestFieldsFollowFieldSpecs), without building the specs: the
// decoder fills them for every record and policy.
func (r *Record) recordFields() [17]*Field {
	return [17]*Field{&r.FirstName, &r.LastName, &r.PhoneNumber, &r.Email, &r.PostalCode, &r.Timezone, &r.State,
		&r.Address, &r.Address2, &r.City, &r.County, &r.DateOfBirth, &r.Gender, &r.MaritalStatus,
		&r.CarrierAssignedCustomerID, &r.HealthSherpaCustomerID, &r.ExternalID}
}

func (p *RecordPolicy) policyFields() [16]*Field {
	return [16]*Field{&p.PlanName, &p.PlanCode, &p.CarrierName, &p.HealthSherpaPolicyID, &p.CarrierAssignedPolicyID,
		&p.Status, &p.EffectiveDate, &p.TerminationDate, &p.MetalLevel, &p.ElectionPeriod, &p.PremiumMode,
		&p.ExchangeStatus, &p.WrittenAs, &p.AorFirstName, &p.AorLastName, &p.AorNpn}
}

func presence(s jsonbody.State) Presence {
	switch s {
	case jsonbody.Null:
		return Null
	case jsonbody.Given:
		return Given
	case jsonbody.Invalid:
		return Invalid
	}
	return Absent
}
