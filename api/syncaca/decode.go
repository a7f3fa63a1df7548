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
	for _, f := range r.fieldSpecs() {
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
	for _, f := range p.fieldSpecs() {
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

func decodeText(obj map[string]any, spec fieldSpec, dst *Field, path []string, issues *issueList) {
	v, present := obj[spec.name]
	if !present {
		return
	}
	switch x := v.(type) {
	case nil:
		dst.Presence = Null
	case string:
		*dst = Field{Value: x, Presence: Given}
	case json.Number:
		if spec.kind == kID {
			*dst = Field{Value: x.String(), Presence: Given, Number: true}
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
