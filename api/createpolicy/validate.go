package createpolicy

import (
	"errors"
	"strconv"
	"strings"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/carrier"
	"github.com/carecycle/carerules/internal/field"
	"github.com/carecycle/carerules/plancode"
	"github.com/carecycle/carerules/termination"
)

// Codes of the issues and warnings this package reports itself; the rule
// packages' errors keep their codes (plan_code_prefix, unknown, ambiguous,
// state_required, status_unknown, ...).
const (
	CodeInvalidString     = field.CodeInvalidString // invalid UTF-8, an unpaired surrogate, a control character
	CodeDuplicateKey      = "duplicate_key"         // a key sent twice in the body
	CodeCarrierUnresolved = "carrier_unresolved"    // warning: carrierName kept as sent (Options.KeepUnresolvedCarrier)
	CodeReadOnlyField     = "read_only_field"       // warning: a key the server assigns was sent and ignored
)

// The policy types the API names; any other non-empty type is kept as sent.
const (
	TypeMA   = "MA"
	TypeMAPD = "MAPD"
	TypePDP  = "PDP"
	TypeMS   = "MS"
	TypeACA  = "ACA"
)

// Options configure Validate and Create.
type Options struct {
	// Carriers resolves carrierName; nil means carrier.Default().
	Carriers *carrier.Registry
	// KeepUnresolvedCarrier keeps a policy whose carrierName cannot be
	// resolved (unknown, ambiguous, state_required) instead of rejecting
	// the request: carrierName is stored trimmed as sent, with no carrierId,
	// and a carrier_unresolved warning gives the reason and the candidates.
	// It never changes which carrier a resolvable name gets. A host sets it
	// per request.
	KeepUnresolvedCarrier bool
}

// Customer is what the endpoint needs of the customer the path names: its
// ID, and the state and postal code that resolve a generic Blue carrier
// name.
type Customer struct {
	ID         string
	State      string
	PostalCode string
}

// Warning is a remark on a created policy that changed nothing silently
// (an extension of the API's response, "warnings").
type Warning struct {
	Path    []string `json:"path"`
	Code    string   `json:"code"`
	Message string   `json:"message"`
	// Reason is the resolution's code for carrier_unresolved (unknown,
	// ambiguous, state_required).
	Reason string `json:"reason,omitempty"`
	// Candidates are the carriers an ambiguous name could mean.
	Candidates []Candidate `json:"candidates,omitempty"`
}

// Candidate is a carrier an ambiguous carrierName could mean.
type Candidate struct {
	ID          string `json:"id"`
	DisplayName string `json:"displayName"`
}

// readOnly are keys of the API's policy that the server assigns: sent in a
// request, they are ignored with a warning (never stored as unknown fields,
// where they would shadow the server's values).
var readOnly = []string{"id", "customerId", "carrierId", "createdAt", "createdBy", "updatedAt", "updatedBy", "previousStatus", "warnings"}

// Validate applies the rules of POST /v2/customers/{id}/policies to a
// decoded request, for the stored customer c, and returns the policy to
// store (without ID) and the warnings. A rejected request is a
// *api.ValidationError listing every issue; any other error is a broken
// carrier registry.
func Validate(req *Request, c Customer, opt Options) (Policy, []Warning, error) {
	p, warns, issues, err := validate(req, c, opt)
	if err != nil {
		return Policy{}, nil, err
	}
	if e := api.NewValidationError(issues, nil); e != nil {
		return Policy{}, nil, e
	}
	return p, warns, nil
}

func validate(req *Request, c Customer, opt Options) (Policy, []Warning, []api.Issue, error) {
	reg := opt.Carriers
	if reg == nil {
		var err error
		if reg, err = carrier.Default(); err != nil {
			return Policy{}, nil, nil, err
		}
	}
	var issues []api.Issue
	var warns []Warning
	p := Policy{CustomerID: c.ID}

	// policyType: the five API types in their spelling, any other kept
	// trimmed; blank is absent.
	typ, typed := trimmed(req.PolicyType)
	if typed {
		p.PolicyType = PolicyType(typ)
	}

	// planCode by type.
	if code, ok := trimmed(req.PlanCode); ok {
		switch {
		case !typed:
			// The type is not guessed: a CMS contract-style code is stored
			// canonical, anything else as sent.
			if cc, err := plancode.Parse(code); err == nil {
				p.PlanCode = cc.String()
			} else {
				p.PlanCode = code
			}
		default:
			if canon, err := plancode.Canonical(p.PolicyType, *req.PlanCode); err != nil {
				issues = append(issues, apiIssue(nil, err))
			} else {
				p.PlanCode = canon
			}
		}
	}

	// carrierName, with the stored customer's state and postal code.
	if name, ok := trimmed(req.CarrierName); ok {
		m, err := reg.Resolve(carrier.Query{Name: name, State: c.State, PostalCode: c.PostalCode})
		var ce *carrier.Error
		switch {
		case err == nil:
			p.CarrierID, p.CarrierName = m.Carrier.ID, m.Carrier.DisplayName
		case errors.As(err, &ce) && unresolved(err):
			if opt.KeepUnresolvedCarrier {
				p.CarrierName = name
				warns = append(warns, unresolvedWarning(ce))
			} else {
				issues = append(issues, carrierIssue(ce, name))
			}
		default:
			issues = append(issues, apiIssue(nil, err))
		}
	}

	// status: Active by default; the API's spelling, read ignoring case.
	p.Status = termination.StatusActive.String()
	if req.Status != nil {
		if s, err := termination.ParseStatus(*req.Status); err != nil {
			is := apiIssue(nil, err)
			is.Message = "status must be one of " + statusList()
			is.Expected = statusList()
			issues = append(issues, is)
		} else {
			p.Status = s.String()
		}
	}

	for _, f := range []struct {
		dst *string
		src *string
	}{
		{&p.PlanName, req.PlanName}, {&p.AorFirstName, req.AorFirstName}, {&p.AorLastName, req.AorLastName},
		{&p.AorNpn, req.AorNpn}, {&p.HealthSherpaPolicyID, req.HealthSherpaPolicyID},
		{&p.CarrierAssignedPolicyID, req.CarrierAssignedPolicyID}, {&p.EffectiveDate, req.EffectiveDate},
		{&p.TerminationDate, req.TerminationDate}, {&p.MetalLevel, req.MetalLevel},
		{&p.ElectionPeriod, req.ElectionPeriod}, {&p.PremiumMode, req.PremiumMode},
		{&p.ExchangeStatus, req.ExchangeStatus}, {&p.WrittenAs, req.WrittenAs},
	} {
		if s, ok := trimmed(f.src); ok {
			*f.dst = s
		}
	}
	p.PolicyLives = req.PolicyLives
	p.SourceCallContext = req.SourceCallContext
	for k, v := range req.Unknown {
		if isReadOnly(k) {
			warns = append(warns, Warning{Path: []string{k}, Code: CodeReadOnlyField,
				Message: k + " is assigned by the server; the value sent is ignored"})
			continue
		}
		if p.Unknown == nil {
			p.Unknown = map[string][]byte{}
		}
		p.Unknown[k] = v
	}
	sortWarnings(warns)
	return p, warns, issues, nil
}

// PolicyType returns the stored spelling of a policy type: MA, MAPD, PDP, MS
// and ACA whatever their case, any other type trimmed and as sent.
func PolicyType(s string) string {
	s = strings.TrimSpace(s)
	for _, t := range []string{TypeMA, TypeMAPD, TypePDP, TypeMS, TypeACA} {
		if strings.EqualFold(s, t) && isASCII(s) {
			return t
		}
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func isReadOnly(k string) bool {
	for _, r := range readOnly {
		if k == r {
			return true
		}
	}
	return false
}

// trimmed returns a sent string trimmed of surrounding white space, and
// whether anything is left.
func trimmed(s *string) (string, bool) {
	if s == nil {
		return "", false
	}
	t := strings.TrimSpace(*s)
	return t, t != ""
}

func unresolved(err error) bool {
	return errors.Is(err, carrier.ErrUnknown) || errors.Is(err, carrier.ErrAmbiguous) || errors.Is(err, carrier.ErrStateRequired)
}

// carrierIssue is the issue of an unresolvable carrierName, in the API's
// words; an ambiguous name lists its candidates in the message.
func carrierIssue(ce *carrier.Error, name string) api.Issue {
	is := apiIssue(nil, ce)
	is.Received = name
	if n := textLen(name); n > 40 {
		is.Received = strconv.Itoa(n) + " characters"
	}
	switch {
	case errors.Is(ce, carrier.ErrAmbiguous):
		is.Message = "carrierName matches several carriers: " + candidateList(ce.Candidates())
	case errors.Is(ce, carrier.ErrStateRequired):
		is.Message = "carrierName is a generic Blue Cross Blue Shield name and the customer has no state to resolve it"
	default:
		is.Message = "carrierName is not a known carrier name or alias"
	}
	return is
}

func unresolvedWarning(ce *carrier.Error) Warning {
	w := Warning{Path: []string{"carrierName"}, Code: CodeCarrierUnresolved, Reason: ce.Code()}
	switch {
	case errors.Is(ce, carrier.ErrAmbiguous):
		w.Message = "carrierName matches several carriers (" + candidateList(ce.Candidates()) + "): kept as sent, without a carrier"
	case errors.Is(ce, carrier.ErrStateRequired):
		w.Message = "carrierName is a generic Blue Cross Blue Shield name and the customer has no state: kept as sent, without a carrier"
	default:
		w.Message = "carrierName is not a known carrier: kept as sent, without a carrier"
	}
	for _, c := range ce.Candidates() {
		w.Candidates = append(w.Candidates, Candidate{ID: c.ID, DisplayName: c.DisplayName})
	}
	return w
}

func candidateList(cs []carrier.Carrier) string {
	var b strings.Builder
	for i, c := range cs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.DisplayName)
		b.WriteString(" (")
		b.WriteString(c.ID)
		b.WriteString(")")
	}
	return b.String()
}

func statusList() string {
	ss := termination.Statuses()
	names := make([]string, len(ss))
	for i, s := range ss {
		names[i] = s.String()
	}
	return joinEnum(names)
}

// apiIssue maps a rule package's error onto an issue whose message is in
// the API's words: a leading Go package name ("plancode: ") is dropped.
func apiIssue(prefix []string, err error) api.Issue {
	is := api.IssueFrom(prefix, err)
	is.Message = apiWords(is.Message)
	return is
}

// apiWords drops a leading "word: " made of lower-case ASCII letters (a Go
// package name) from a message.
func apiWords(msg string) string {
	i := strings.Index(msg, ": ")
	if i <= 0 {
		return msg
	}
	for _, c := range msg[:i] {
		if c < 'a' || c > 'z' {
			return msg
		}
	}
	return msg[i+2:]
}

func sortWarnings(w []Warning) {
	for i := 1; i < len(w); i++ {
		for j := i; j > 0 && strings.Join(w[j].Path, ".") < strings.Join(w[j-1].Path, "."); j-- {
			w[j], w[j-1] = w[j-1], w[j]
		}
	}
}
