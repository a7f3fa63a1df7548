package createpolicy

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/internal/field"
	"github.com/carecycle/carerules/internal/jsonraw"
)

// ErrSyntax is returned (wrapped) by Decode and Create when the body is not
// one JSON value or not a JSON object: the API's 400 INVALID_JSON.
var ErrSyntax = errors.New("request body is not a JSON object")

// Request is the body of POST /v2/customers/{id}/policies as sent. A nil
// field was absent or null; a string field holds the value exactly as sent
// (Validate trims it). Keys the endpoint does not know are kept in Unknown,
// as raw JSON, so that a host can store them.
type Request struct {
	PolicyType              *string
	CarrierName             *string
	PlanName                *string
	PlanCode                *string
	Status                  *string
	AorFirstName            *string
	AorLastName             *string
	AorNpn                  *string
	HealthSherpaPolicyID    *string
	CarrierAssignedPolicyID *string
	EffectiveDate           *string
	TerminationDate         *string
	MetalLevel              *string
	ElectionPeriod          *string
	PremiumMode             *string
	ExchangeStatus          *string
	WrittenAs               *string
	PolicyLives             *int32
	// SourceCallContext is the optional source call context, any JSON
	// object, as sent ("sourceCallContext"); nil when absent or null.
	SourceCallContext json.RawMessage
	// Unknown holds every other key with its raw JSON value.
	Unknown map[string]json.RawMessage
}

// kind is the JSON type a field accepts, besides null.
type kind uint8

const (
	kText   kind = iota // string
	kID                 // string or number (an identifier; a number is kept as its literal text)
	kEnum               // string, one of enum
	kInt32              // integer in the 32-bit range
	kObject             // object
)

// spec describes one known key: its type, its length limit in UTF-16 code
// units (0: checked by the rule that reads it, or no limit), its enum.
type spec struct {
	name string
	kind kind
	max  int
	enum []string
}

// Enums of the API's policy fields.
var (
	metalLevels      = []string{"Catastrophic", "Bronze", "Expanded Bronze", "Silver", "Gold", "Platinum"}
	electionPeriods  = []string{"IEP", "AEP", "OEP", "SEP", "ICEP", "MA-OEP"}
	premiumModes     = []string{"Monthly", "Quarterly", "Semi-Annual", "Annual"}
	exchangeStatuses = []string{"FFM", "SBM", "SBM FP", "OFF EXCHANGE", "PRIVATE EXCHANGE", "UNKNOWN"}
	writtenAsValues  = []string{"New Business", "Like Plan Change", "Unlike Plan Change", "Reinstatement", "Rewrite"}
)

// MaxLen is the API's default length limit of a string field, in UTF-16 code
// units; aorNpn's is MaxNpnLen.
const (
	MaxLen    = field.Limit
	MaxNpnLen = 50
)

// MaxUnknownFields is the most keys a body may hold besides the known ones:
// the API's policy has under a hundred fields, so a body with more is not a
// policy, and reading it would cost memory out of proportion to its size.
// Beyond it the body is rejected and its remaining keys are not read.
const MaxUnknownFields = 200

// CallContextKey is the JSON key of the optional source call context.
const CallContextKey = "sourceCallContext"

// fields lists the known keys with where Decode stores each.
func (r *Request) fields() []struct {
	f   spec
	str **string
} {
	return []struct {
		f   spec
		str **string
	}{
		{spec{name: "policyType", max: MaxLen}, &r.PolicyType},
		{spec{name: "carrierName", max: MaxLen}, &r.CarrierName},
		{spec{name: "planName", max: MaxLen}, &r.PlanName},
		{spec{name: "planCode", max: MaxLen}, &r.PlanCode},
		{spec{name: "status", max: MaxLen}, &r.Status},
		{spec{name: "aorFirstName", max: MaxLen}, &r.AorFirstName},
		{spec{name: "aorLastName", max: MaxLen}, &r.AorLastName},
		{spec{name: "aorNpn", max: MaxNpnLen}, &r.AorNpn},
		{spec{name: "healthSherpaPolicyId", kind: kID, max: MaxLen}, &r.HealthSherpaPolicyID},
		{spec{name: "carrierAssignedPolicyId", kind: kID, max: MaxLen}, &r.CarrierAssignedPolicyID},
		{spec{name: "effectiveDate", max: MaxLen}, &r.EffectiveDate},
		{spec{name: "terminationDate", max: MaxLen}, &r.TerminationDate},
		{spec{name: "metalLevel", kind: kEnum, enum: metalLevels}, &r.MetalLevel},
		{spec{name: "electionPeriod", kind: kEnum, enum: electionPeriods}, &r.ElectionPeriod},
		{spec{name: "premiumMode", kind: kEnum, enum: premiumModes}, &r.PremiumMode},
		{spec{name: "exchangeStatus", kind: kEnum, enum: exchangeStatuses}, &r.ExchangeStatus},
		{spec{name: "writtenAs", kind: kEnum, enum: writtenAsValues}, &r.WrittenAs},
	}
}

// Decode reads a request body. A body that is not one JSON object is an
// error wrapping ErrSyntax. Wrong JSON types, text that is not valid Unicode
// (invalid UTF-8, unpaired surrogate escapes, U+0000), keys sent twice and
// values that break a limit or enum are issues of a *api.ValidationError,
// returned with the request as far as it could be read (a rejected field is
// left nil). The rules that need the customer (carrierName) or the policy
// type (planCode) are Validate's; Create runs both and reports every issue
// at once.
//
// The work is linear in the body's size; strings are never repaired.
func Decode(body []byte) (*Request, error) {
	req, issues, err := decode(body)
	if err != nil {
		return nil, err
	}
	if e := api.NewValidationError(issues, nil); e != nil {
		return req, e
	}
	return req, nil
}

func decode(body []byte) (*Request, []api.Issue, error) {
	if !json.Valid(body) || jsonraw.KindOf(body) != jsonraw.Object {
		return nil, nil, ErrSyntax
	}
	req := &Request{}
	var issues []api.Issue
	fields := req.fields()
	var seen keySet
	unknown := 0
	jsonraw.Members(body, func(k, v []byte) bool {
		key, err := jsonraw.Unquote(k)
		if err != nil || !validText(key) {
			issues = append(issues, api.Issue{Path: []string{}, Message: "A key of the request body is not valid text",
				Expected: "keys of valid Unicode text", Received: "invalid text", Code: CodeInvalidString})
			return true
		}
		if !seen.add(key) {
			issues = append(issues, api.Issue{Path: []string{key}, Message: key + " is sent more than once",
				Expected: "each key at most once", Received: "a repeated key", Code: CodeDuplicateKey})
			return true
		}
		switch key {
		case "policyLives":
			req.PolicyLives = decodeInt32(key, v, &issues)
			return true
		case CallContextKey:
			req.SourceCallContext = decodeObject(key, v, &issues)
			return true
		}
		for _, kf := range fields {
			if kf.f.name == key {
				decodeString(kf.f, v, kf.str, &issues)
				return true
			}
		}
		if unknown++; unknown > MaxUnknownFields {
			issues = append(issues, api.Issue{Path: []string{}, Message: "The request body holds more than " + strconv.Itoa(MaxUnknownFields) + " fields this endpoint does not know; the rest were not read",
				Expected: "at most " + strconv.Itoa(MaxUnknownFields) + " other fields", Received: "more", Code: api.IssueTooBig})
			return false
		}
		if !jsonraw.ValidText(v) {
			issues = append(issues, api.Issue{Path: []string{key}, Message: key + " holds text that is not valid Unicode",
				Expected: "valid Unicode text", Received: "invalid text", Code: CodeInvalidString})
			return true
		}
		if req.Unknown == nil {
			req.Unknown = map[string]json.RawMessage{}
		}
		req.Unknown[key] = slices.Clip(json.RawMessage(v))
		return true
	})
	return req, issues, nil
}

func received(k jsonraw.Kind) string { return k.String() }

func typeIssue(name, expected string, k jsonraw.Kind) api.Issue {
	return api.Issue{Path: []string{name}, Message: name + " must be " + article(expected), Expected: expected, Received: received(k), Code: api.IssueInvalidType}
}

func article(expected string) string {
	switch expected {
	case "string", "string | number":
		return "a " + expected
	case "integer", "object":
		return "an " + expected
	}
	return expected
}

// decodeString reads a string field (an identifier may be a number, kept as
// its literal text): type, valid text, length, enum.
func decodeString(f spec, raw []byte, dst **string, issues *[]api.Issue) {
	var s string
	switch k := jsonraw.KindOf(raw); {
	case k == jsonraw.Null:
		return
	case k == jsonraw.Number && f.kind == kID:
		s = string(raw)
	case k == jsonraw.String:
		v, err := jsonraw.Unquote(raw)
		if t := strings.TrimSpace(v); err != nil || !validText(t) { // surrounding white space is trimmed, never an error
			*issues = append(*issues, api.Issue{Path: []string{f.name}, Message: f.name + " is not valid Unicode text",
				Expected: field.ExpectedName, Received: describeInvalid(err, t), Code: CodeInvalidString})
			return
		}
		s = v
	default:
		exp := "string"
		if f.kind == kID {
			exp = "string | number"
		}
		*issues = append(*issues, typeIssue(f.name, exp, k))
		return
	}
	if f.kind == kEnum {
		if !slices.Contains(f.enum, s) {
			*issues = append(*issues, enumIssue(f.name, s, f.enum))
			return
		}
	} else if n := textLen(s); f.max > 0 && n > f.max {
		*issues = append(*issues, tooLong(f.name, s, f.max))
		return
	}
	*dst = &s
}

func tooLong(name, s string, max int) api.Issue {
	return api.Issue{Path: []string{name}, Message: name + " is too long",
		Expected: "at most " + strconv.Itoa(max) + " characters", Received: field.DescribeLen(s), Code: api.IssueTooBig}
}

// enumIssue reports a value outside an enum; the value is echoed only when
// short.
func enumIssue(name, s string, enum []string) api.Issue {
	rec := s
	if n := textLen(s); n > 40 {
		rec = strconv.Itoa(n) + " characters"
	}
	return api.Issue{Path: []string{name}, Message: name + " must be one of " + joinEnum(enum),
		Expected: joinEnum(enum), Received: rec, Code: api.IssueInvalidEnum}
}

func joinEnum(enum []string) string {
	out := ""
	for i, e := range enum {
		if i > 0 {
			out += " | "
		}
		out += e
	}
	return out
}

// decodeInt32 reads a JSON integer (1, 1.0 and 1e3 are integers; 1.5 is
// not) in the 32-bit range, by value.
func decodeInt32(name string, raw []byte, issues *[]api.Issue) *int32 {
	switch k := jsonraw.KindOf(raw); k {
	case jsonraw.Null:
		return nil
	case jsonraw.Number:
		n, err := jsonraw.Int32(raw)
		switch {
		case errors.Is(err, jsonraw.ErrRange):
			*issues = append(*issues, api.Issue{Path: []string{name}, Message: name + " is out of the 32-bit integer range",
				Expected: "integer from -2147483648 to 2147483647", Received: "number", Code: api.IssueTooBig})
		case err != nil:
			*issues = append(*issues, api.Issue{Path: []string{name}, Message: name + " must be an integer",
				Expected: "integer", Received: "number", Code: api.IssueInvalidType})
		default:
			return &n
		}
		return nil
	default:
		*issues = append(*issues, typeIssue(name, "integer", k))
		return nil
	}
}

// decodeObject reads an object field, kept as raw JSON.
func decodeObject(name string, raw []byte, issues *[]api.Issue) json.RawMessage {
	switch k := jsonraw.KindOf(raw); k {
	case jsonraw.Null:
		return nil
	case jsonraw.Object:
		if !jsonraw.ValidText(raw) {
			*issues = append(*issues, api.Issue{Path: []string{name}, Message: name + " holds text that is not valid Unicode",
				Expected: "valid Unicode text", Received: "invalid text", Code: CodeInvalidString})
			return nil
		}
		return slices.Clip(json.RawMessage(raw))
	default:
		*issues = append(*issues, typeIssue(name, "object", k))
		return nil
	}
}

// keySet records the keys seen: a short list while the body is small (the
// usual case, allocation-free for up to 32 keys), a map beyond, so that a
// body of many keys costs linear time.
type keySet struct {
	few  [32]string
	n    int
	many map[string]bool
}

// add adds k and reports whether it was new.
func (s *keySet) add(k string) bool {
	if s.many != nil {
		if s.many[k] {
			return false
		}
		s.many[k] = true
		return true
	}
	for _, x := range s.few[:s.n] {
		if x == k {
			return false
		}
	}
	if s.n < len(s.few) {
		s.few[s.n] = k
		s.n++
		return true
	}
	s.many = make(map[string]bool, 2*len(s.few))
	for _, x := range s.few {
		s.many[x] = true
	}
	s.many[k] = true
	return true
}
