package createpolicy

import (
	"bytes"
	"encoding/json"
	"slices"
)

// Policy is a policy in the API's policy shape, limited to the fields this
// endpoint knows, plus the source call context and the unknown fields sent
// with it. Its JSON encoding writes every known field (null when empty, as
// the API writes a field with no value), then sourceCallContext when sent,
// then the unknown fields in key order, as raw JSON.
type Policy struct {
	ID                      string
	CustomerID              string
	PolicyType              string
	CarrierID               string
	CarrierName             string
	PlanName                string
	PlanCode                string
	CarrierAssignedPolicyID string
	HealthSherpaPolicyID    string
	MetalLevel              string
	Status                  string
	EffectiveDate           string
	TerminationDate         string
	ElectionPeriod          string
	AorFirstName            string
	AorLastName             string
	AorNpn                  string
	PremiumMode             string
	PolicyLives             *int32
	WrittenAs               string
	ExchangeStatus          string
	// SourceCallContext is the optional source call context (a JSON object)
	// as sent; nil when not sent.
	SourceCallContext json.RawMessage
	// Unknown holds the keys of the request this endpoint does not know,
	// with their raw JSON values, for the host to store.
	Unknown map[string][]byte
}

// policyJSON is the encoding of the known fields.
type policyJSON struct {
	ID                      *string `json:"id"`
	CustomerID              *string `json:"customerId"`
	PolicyType              *string `json:"policyType"`
	CarrierID               *string `json:"carrierId"`
	CarrierName             *string `json:"carrierName"`
	PlanName                *string `json:"planName"`
	PlanCode                *string `json:"planCode"`
	CarrierAssignedPolicyID *string `json:"carrierAssignedPolicyId"`
	HealthSherpaPolicyID    *string `json:"healthSherpaPolicyId"`
	MetalLevel              *string `json:"metalLevel"`
	Status                  *string `json:"status"`
	EffectiveDate           *string `json:"effectiveDate"`
	TerminationDate         *string `json:"terminationDate"`
	ElectionPeriod          *string `json:"electionPeriod"`
	AorFirstName            *string `json:"aorFirstName"`
	AorLastName             *string `json:"aorLastName"`
	AorNpn                  *string `json:"aorNpn"`
	PremiumMode             *string `json:"premiumMode"`
	PolicyLives             *int32  `json:"policyLives"`
	WrittenAs               *string `json:"writtenAs"`
	ExchangeStatus          *string `json:"exchangeStatus"`
}

func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// MarshalJSON writes the policy in the API's shape.
func (p Policy) MarshalJSON() ([]byte, error) {
	return p.appendJSON(nil, nil)
}

// appendJSON writes the policy, then the extra members (already encoded,
// each `"key":value`).
func (p Policy) appendJSON(buf []byte, extra [][]byte) ([]byte, error) {
	known, err := marshal(policyJSON{
		ID: opt(p.ID), CustomerID: opt(p.CustomerID), PolicyType: opt(p.PolicyType), CarrierID: opt(p.CarrierID),
		CarrierName: opt(p.CarrierName), PlanName: opt(p.PlanName), PlanCode: opt(p.PlanCode),
		CarrierAssignedPolicyID: opt(p.CarrierAssignedPolicyID), HealthSherpaPolicyID: opt(p.HealthSherpaPolicyID),
		MetalLevel: opt(p.MetalLevel), Status: opt(p.Status), EffectiveDate: opt(p.EffectiveDate),
		TerminationDate: opt(p.TerminationDate), ElectionPeriod: opt(p.ElectionPeriod), AorFirstName: opt(p.AorFirstName),
		AorLastName: opt(p.AorLastName), AorNpn: opt(p.AorNpn), PremiumMode: opt(p.PremiumMode), PolicyLives: p.PolicyLives,
		WrittenAs: opt(p.WrittenAs), ExchangeStatus: opt(p.ExchangeStatus),
	})
	if err != nil {
		return nil, err
	}
	buf = append(buf, known[:len(known)-1]...) // without the closing brace
	member := func(k string, v []byte) error {
		kb, err := marshal(k)
		if err != nil {
			return err
		}
		buf = append(buf, ',')
		buf = append(buf, kb...)
		buf = append(buf, ':')
		buf = append(buf, bytes.TrimSpace(v)...)
		return nil
	}
	if p.SourceCallContext != nil {
		if err := member(CallContextKey, p.SourceCallContext); err != nil {
			return nil, err
		}
	}
	keys := make([]string, 0, len(p.Unknown))
	for k := range p.Unknown {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := member(k, p.Unknown[k]); err != nil {
			return nil, err
		}
	}
	for _, e := range extra {
		buf = append(buf, ',')
		buf = append(buf, e...)
	}
	return append(buf, '}'), nil
}

// marshal is json.Marshal without HTML escaping.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// Response is the body of a created policy (201): the stored policy in the
// API's shape and, when there are any, "warnings" (an extension).
type Response struct {
	Policy   Policy
	Warnings []Warning
}

// MarshalJSON writes the policy's members and then "warnings" when there
// are any.
func (r Response) MarshalJSON() ([]byte, error) {
	var extra [][]byte
	if len(r.Warnings) > 0 {
		w, err := marshal(r.Warnings)
		if err != nil {
			return nil, err
		}
		extra = append(extra, append([]byte(`"warnings":`), w...))
	}
	return r.Policy.appendJSON(nil, extra)
}
