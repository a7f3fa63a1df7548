package syncaca

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/carrier"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/internal/field"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/phone"
	"github.com/carecycle/carerules/plancode"
	"github.com/carecycle/carerules/termination"
	"github.com/carecycle/carerules/timezone"
)

// Options configure Validate and Sync.
type Options struct {
	// Today is the civil date the request is evaluated on: the date of
	// birth plausibility check and the one-year rule use it. Required: the
	// zero Date is an error (the wall clock is never read).
	Today dob.Date
	// Carriers resolves carrierName; nil means carrier.Default().
	Carriers *carrier.Registry
	// Strategy is the customer matching strategy (matching.StrategyLiteral,
	// the API's text, by default).
	Strategy matching.Strategy
	// Explain adds each record's decision, with its reasons, to the
	// response (Response.Explain).
	Explain bool
	// KeepUnresolvedCarrier keeps a policy whose carrierName the registry
	// cannot resolve (unknown, ambiguous, state_required) instead of
	// rejecting the request: the policy stores carrierName trimmed as sent,
	// with no carrierId, and a carrier_unresolved warning gives the reason
	// and any candidates. A host chooses it per request. It never changes
	// the carrier a resolvable name gets; an empty, over-long or invalid
	// carrierName is rejected either way.
	KeepUnresolvedCarrier bool
	// Attempts is how many units of work Sync tries a request in when the
	// store reports a conflict with a concurrent request (ErrConflict);
	// zero means DefaultAttempts.
	Attempts int
}

// ErrNoToday is returned by Validate and Sync when Options.Today is the
// zero Date.
var ErrNoToday = errors.New("syncaca: Options.Today is required")

// Validated is a request that passed validation, with the canonical value of
// every field a rule reads.
type Validated struct {
	Request *Request
	Records []ValidatedRecord
}

// ValidatedRecord holds the canonical values of one record.
type ValidatedRecord struct {
	Phone       phone.Number
	DateOfBirth dob.Date        // zero when not sent
	Zone        timezone.Result // the customer's time zone and how it was found
	Policies    []ValidatedPolicy
	Warnings    []Warning // remarks that do not reject the request
}

// ValidatedPolicy holds the canonical values of one policy.
type ValidatedPolicy struct {
	PlanCode string        // plancode.Canonical("ACA", planCode); "" when not sent or blank
	Carrier  carrier.Match // zero when carrierName was not sent or blank, or is kept unresolved
	// UnresolvedCarrier is carrierName trimmed as sent, when the registry
	// could not resolve it and Options.KeepUnresolvedCarrier kept it.
	UnresolvedCarrier string
	Status            termination.Status // zero when status was not sent
	// EffectiveDate is the effectiveDate as the one-year rule reads it:
	// parsed, or unreadable (a warning says why); zero when not sent or
	// blank.
	EffectiveDate termination.EffectiveDate
}

// Warning is a remark on a record that does not reject it: a time zone that
// disagrees with the postal code, an effectiveDate the one-year rule cannot
// read, a policy created without identifiers, an identifier not written.
// It is an extension of the API's response ("warnings"), so that nothing is
// decided silently. (A policy conflict is not a warning: it fails its
// record.)
type Warning struct {
	Index   int      `json:"index"` // the record
	Path    []string `json:"path"`
	Code    string   `json:"code"`
	Message string   `json:"message"`
}

// Validate applies the request-level rules of POST /v2/sync/aca to a
// decoded request: 1 to 100 records, at most 10
// policies and 50 custom fields per record, field lengths and enums,
// required firstName, lastName and phoneNumber, phoneNumber (phone.Parse: the
// API's three forms), dateOfBirth (dob.Parse and dob.Date.CheckOn against
// Options.Today), timezone and postalCode (timezone.Resolve), planCode when
// present (plancode.Canonical with type ACA), carrierName when present
// (carrier.Registry.Resolve with the record's state and postal code), status
// (termination.ParseStatus) and duplicate policy identifiers within a record.
//
// Every problem is reported: the error is a *api.ValidationError listing each
// issue with its path and each failed record. Any other error is a
// programming error (ErrNoToday, a broken default carrier registry).
func Validate(req *Request, opt Options) (*Validated, error) {
	v, issues, err := validate(req, opt)
	if err != nil {
		return nil, err
	}
	if e := issues.err(req); e != nil {
		return nil, e
	}
	return v, nil
}

// Check decodes a request body (Decode) and validates it (Validate),
// reporting the shape issues and the field issues together in one
// *api.ValidationError, as the API does. A body that is not JSON is an error
// wrapping ErrSyntax.
func Check(body []byte, opt Options) (*Validated, error) {
	req, shape, total, failed, notObject, err := decodeBody(body)
	if err != nil {
		return nil, err
	}
	if req == nil {
		return nil, issueList(shape).errTotal(nil, total, failed)
	}
	v, issues, err := validateRecords(req, opt, notObject)
	if err != nil {
		return nil, err
	}
	total += len(issues)
	for _, is := range issues {
		if i, ok := api.RecordIndex(is.Path); ok {
			failed = append(failed, i)
		}
	}
	all := issueList(append(shape, issues...))
	sortIssues(all)
	if len(all) > api.MaxIssues {
		all = all[:api.MaxIssues:api.MaxIssues]
	}
	if e := all.errTotal(req, total, failed); e != nil {
		return nil, e
	}
	return v, nil
}

func validate(req *Request, opt Options) (*Validated, issueList, error) {
	return validateRecords(req, opt, nil)
}

// validateRecords validates req; a record i with skip[i] set (not an
// object, reported by the decoder) is not validated.
func validateRecords(req *Request, opt Options, skip []bool) (*Validated, issueList, error) {
	if opt.Today.IsZero() {
		return nil, nil, ErrNoToday
	}
	reg := opt.Carriers
	if reg == nil {
		var err error
		if reg, err = carrier.Default(); err != nil {
			return nil, nil, err
		}
	}
	var issues issueList
	n := len(req.Records)
	if n < 1 {
		issues.add(api.Issue{Path: []string{"records"}, Message: "records must hold at least 1 record", Expected: "1 to 100 records", Received: "0 records", Code: api.IssueTooSmall})
	} else if n > matching.MaxRecords {
		issues.add(api.Issue{Path: []string{"records"}, Message: "records must hold at most 100 records", Expected: "1 to 100 records", Received: strconv.Itoa(n) + " records", Code: api.IssueTooBig})
	}
	v := &Validated{Request: req, Records: make([]ValidatedRecord, n)}
	for i := range req.Records {
		if i < len(skip) && skip[i] {
			continue
		}
		validateRecord(&req.Records[i], &v.Records[i], i, reg, opt.KeepUnresolvedCarrier, opt.Today, &issues)
	}
	return v, issues, nil
}

// sortIssues orders issues by record index (request-level issues first),
// keeping the order of each record's issues (stable).
func sortIssues(l issueList) {
	slices.SortStableFunc(l, func(a, b api.Issue) int { return recordOf(a) - recordOf(b) })
}

// validateRecord checks record i into out, step by step: the names and
// field lengths and enums, the phone number, the date of birth, the time
// zone, the custom fields and the policies.
func validateRecord(r *Record, out *ValidatedRecord, i int, reg *carrier.Registry, keep bool, today dob.Date, issues *issueList) {
	path := []string{"records", strconv.Itoa(i)}
	requiredName(r.FirstName, "firstName", path, issues)
	requiredName(r.LastName, "lastName", path, issues)
	if !r.decoded { // Decode checked the shape
		for _, f := range r.fieldSpecs() {
			checkText(*f.dst, f.spec, path, issues)
		}
	}
	out.Phone = validatePhone(r.PhoneNumber, path, issues)
	out.DateOfBirth = validateDateOfBirth(r.DateOfBirth, today, path, issues)
	validateZone(r, out, i, path, issues)
	validateCustomFields(r.CustomFields, r.decoded, path, issues)
	validatePolicies(r, out, i, reg, keep, path, issues)
}

// validatePhone checks phoneNumber: required, in one of the API's three
// forms. It returns the zero Number when the phone is rejected.
func validatePhone(f Field, path []string, issues *issueList) phone.Number {
	switch {
	case f.Presence == Invalid:
		// reported by Decode
	case !f.Given():
		issues.add(missing("phoneNumber", f, path))
	default:
		num, err := phone.Parse(f.Value)
		if err == nil {
			return num
		}
		issues.add(api.IssueFrom(path, err))
	}
	return phone.Number{}
}

// validateDateOfBirth checks dateOfBirth: optional; when sent, the API's
// pattern, a real day, and plausible on today. It returns the zero Date
// when the date is not sent or rejected.
func validateDateOfBirth(f Field, today dob.Date, path []string, issues *issueList) dob.Date {
	if !f.Given() {
		return dob.Date{}
	}
	d, err := dob.Parse(f.Value)
	if err == nil {
		err = d.CheckOn(today)
	}
	if err == nil {
		return d
	}
	is := api.IssueFrom(path, err)
	// CheckOn knows only the parsed Date; received is what was sent.
	is.Received = f.Value
	issues.add(is)
	return dob.Date{}
}

// validateZone resolves timezone and postalCode (one of them is required,
// for the calling-hours rules) into out.Zone, with warnings when they
// disagree or the postal code spans several zones.
func validateZone(r *Record, out *ValidatedRecord, i int, path []string, issues *issueList) {
	if r.Timezone.Presence == Invalid || r.PostalCode.Presence == Invalid {
		return // reported by Decode
	}
	res, err := timezone.Resolve(r.Timezone.Value, r.PostalCode.Value)
	if err != nil {
		issues.add(api.IssueFrom(path, err))
		return
	}
	out.Zone = res
	if res.Mismatch {
		out.Warnings = append(out.Warnings, Warning{Index: i, Path: api.AppendPath(path, "timezone"), Code: "timezone_postal_code_mismatch",
			Message: "the timezone " + res.Zone.Name() + " is not a zone of the postal code (" + res.Postal.String() + "); the given timezone is kept"})
	}
	if res.PostalErr != nil {
		is := api.IssueFrom(path, res.PostalErr)
		out.Warnings = append(out.Warnings, Warning{Index: i, Path: is.Path, Code: is.Code, Message: is.Message + "; the given timezone is kept"})
	}
	if res.Source == timezone.SourcePostalCode && res.Postal.Ambiguous() {
		out.Warnings = append(out.Warnings, Warning{Index: i, Path: api.AppendPath(path, "postalCode"), Code: "postal_code_ambiguous",
			Message: "the postal code spans several time zones (" + res.Postal.String() + "); its primary zone is stored and contact windows use all of them"})
	}
}

// validateCustomFields checks customFields: at most MaxCustomFields items,
// each key 1 to MaxCustomFieldKey characters and at most once per record.
// When decoded, Decode has checked the keys' lengths.
func validateCustomFields(cfs []CustomField, decoded bool, path []string, issues *issueList) {
	if len(cfs) > MaxCustomFields {
		issues.add(api.Issue{Path: api.AppendPath(path, "customFields"), Message: "customFields must hold at most 50 items", Expected: "at most 50 items",
			Received: strconv.Itoa(len(cfs)) + " items", Code: api.IssueTooBig})
	}
	keys := make(map[string]int, len(cfs))
	for k, cf := range cfs {
		kp := api.AppendPath(path, "customFields", strconv.Itoa(k), "key")
		switch n := field.Len(cf.Key); {
		case decoded && (n < 1 || n > MaxCustomFieldKey):
			// reported by Decode
		case n < 1:
			issues.add(api.Issue{Path: kp, Message: "custom field key must not be empty", Expected: "1 to 100 characters", Received: "0 characters", Code: api.IssueTooSmall})
		case n > MaxCustomFieldKey:
			issues.add(api.Issue{Path: kp, Message: "custom field key is too long", Expected: "1 to 100 characters", Received: strconv.Itoa(n) + " characters", Code: api.IssueTooBig})
		default:
			if first, dup := keys[cf.Key]; dup {
				issues.add(api.Issue{Path: kp, Message: "custom field key repeats the key of customFields." + strconv.Itoa(first), Expected: "each key at most once per record", Received: cf.Key, Code: CodeDuplicateCustom})
			} else {
				keys[cf.Key] = k
			}
		}
	}
}

// validatePolicies checks the record's policies: at most
// matching.MaxPolicies, each policy's fields, and no identifier repeated
// within the record (matching.PolicyIDRepeats; checked only within the
// limit, since a record over it is rejected anyway).
func validatePolicies(r *Record, out *ValidatedRecord, i int, reg *carrier.Registry, keep bool, path []string, issues *issueList) {
	if len(r.Policies) > matching.MaxPolicies {
		issues.add(api.Issue{Path: api.AppendPath(path, "policies"), Message: "policies must hold at most 10 items", Expected: "at most 10 items",
			Received: strconv.Itoa(len(r.Policies)) + " items", Code: api.IssueTooBig})
	}
	repeats := policyIDRepeats(r.Policies)
	out.Policies = make([]ValidatedPolicy, len(r.Policies))
	for j := range r.Policies {
		pp := api.AppendPath(path, "policies", strconv.Itoa(j))
		validatePolicy(&r.Policies[j], &out.Policies[j], r, out, i, reg, keep, pp, issues)
		for _, rep := range repeats {
			if rep.Policy == j {
				name := rep.Key.String()
				issues.add(api.Issue{Path: api.AppendPath(pp, name), Message: name + " repeats the one of policies." + strconv.Itoa(rep.First) + " of the same record",
					Expected: "a different " + name + " for each policy of a record", Received: rep.Value, Code: CodeDuplicatePolicy})
			}
		}
	}
}

// policyIDRepeats returns the repeated identifiers among a record's
// policies, leaving out identifiers too long to be valid (reported as
// such), and nothing for more policies than the API allows.
func policyIDRepeats(ps []RecordPolicy) []matching.PolicyIDRepeat {
	if len(ps) > matching.MaxPolicies {
		return nil
	}
	var buf [matching.MaxPolicies]matching.PolicyIDs
	ids := buf[:len(ps)]
	for j := range ps {
		if f := ps[j].HealthSherpaPolicyID; f.Given() && !tooLong(f, MaxLen) {
			ids[j].HealthSherpaPolicyID = f.Value
		}
		if f := ps[j].CarrierAssignedPolicyID; f.Given() && !tooLong(f, MaxLen) {
			ids[j].CarrierAssignedPolicyID = f.Value
		}
	}
	var out []matching.PolicyIDRepeat
	for rep := range matching.PolicyIDRepeats(ids) {
		out = append(out, rep)
	}
	return out
}

// validatePolicy checks one policy of record i into vp: field lengths and
// enums, planCode (canonical for ACA), carrierName (resolved with the
// record's state and postal code), status, and effectiveDate, which, when
// unreadable, is a warning: the one-year rule will skip the policy.
func validatePolicy(p *RecordPolicy, vp *ValidatedPolicy, r *Record, out *ValidatedRecord, i int, reg *carrier.Registry, keep bool, pp []string, issues *issueList) {
	if !r.decoded { // Decode checked the shape
		for _, f := range p.fieldSpecs() {
			checkText(*f.dst, f.spec, pp, issues)
		}
	}
	if present(p.PlanCode) {
		if c, err := plancode.Canonical(matching.PolicyTypeACA, p.PlanCode.Value); err != nil {
			issues.add(api.IssueFrom(pp, err))
		} else {
			vp.PlanCode = c
		}
	}
	if present(p.CarrierName) {
		m, err := reg.Resolve(carrier.Query{Name: p.CarrierName.Value, State: givenValue(r.State), PostalCode: givenValue(r.PostalCode)})
		if u, ok := carrier.AsUnresolved(err); ok && keep {
			vp.UnresolvedCarrier = strings.TrimSpace(p.CarrierName.Value)
			out.Warnings = append(out.Warnings, unresolvedCarrier(i, api.AppendPath(pp, "carrierName"), u))
		} else if err != nil {
			issues.add(api.IssueFrom(pp, err))
		} else {
			vp.Carrier = m
		}
	}
	if p.Status.Given() {
		if s, err := termination.ParseStatus(p.Status.Value); err != nil {
			issues.add(api.IssueFrom(pp, err))
		} else {
			vp.Status = s
		}
	}
	if present(p.EffectiveDate) && !tooLong(p.EffectiveDate, MaxLen) {
		if d, err := termination.ParseEffectiveDate(p.EffectiveDate.Value); err != nil {
			is := api.IssueFrom(pp, err)
			out.Warnings = append(out.Warnings, Warning{Index: i, Path: is.Path, Code: is.Code,
				Message: is.Message + "; the policy is synced, and the one-year rule will skip it"})
			vp.EffectiveDate = termination.EffectiveDate{Unreadable: true}
		} else {
			vp.EffectiveDate = termination.EffectiveDateOf(d)
		}
	}
}

// CodeCarrierUnresolved is the code of the warning on a policy whose
// carrierName was kept unresolved (Options.KeepUnresolvedCarrier).
const CodeCarrierUnresolved = "carrier_unresolved"

// unresolvedCarrier is the warning on a kept, unresolvable carrierName: the
// reason and, for an ambiguous name, the candidates by ID and name.
func unresolvedCarrier(i int, path []string, u carrier.Unresolved) Warning {
	msg := "carrierName could not be resolved (" + u.Reason + "); it is stored as sent, with no carrierId"
	for k, c := range u.Candidates {
		if k == 0 {
			msg += "; candidates: "
		} else {
			msg += ", "
		}
		msg += c.DisplayName + " (" + c.ID + ")"
	}
	return Warning{Index: i, Path: path, Code: CodeCarrierUnresolved, Message: msg}
}

// givenValue is the value of a field sent with a value, else "" (an Invalid
// field may keep its rejected text, for the failed record's echo only).
func givenValue(t Field) string {
	if t.Given() {
		return t.Value
	}
	return ""
}

// present reports whether an optional field was sent with a non-blank value.
func present(t Field) bool { return t.Given() && strings.TrimSpace(t.Value) != "" }

func tooLong(t Field, max int) bool { return t.Given() && field.Len(t.Value) > max }

func missing(name string, t Field, path []string) api.Issue {
	rec := "undefined"
	if t.Presence == Null {
		rec = "null"
	}
	return api.Issue{Path: api.AppendPath(path, name), Message: name + " is required", Expected: "string", Received: rec, Code: api.IssueInvalidType}
}

func requiredName(t Field, name string, path []string, issues *issueList) {
	switch {
	case t.Presence == Invalid:
		// reported by Decode
	case !t.Given():
		issues.add(missing(name, t, path))
	case strings.TrimSpace(t.Value) == "":
		issues.add(api.Issue{Path: api.AppendPath(path, name), Message: name + " must not be blank", Expected: "a non-blank string of at most 255 characters", Received: "blank string", Code: api.IssueTooSmall})
	}
}

// checkText checks a field's length and enum (a request built by hand;
// Decode checks both itself). Lengths count UTF-16 code units, as the API's
// schema does.
func checkText(t Field, spec fieldSpec, path []string, issues *issueList) {
	if !t.Given() {
		return
	}
	if spec.kind == kEnum {
		if !slices.Contains(spec.enum, t.Value) {
			rec := t.Value
			if utf8.RuneCountInString(rec) > 40 {
				rec = strconv.Itoa(field.Len(rec)) + " characters"
			}
			issues.add(api.Issue{Path: api.AppendPath(path, spec.name), Message: spec.name + " is not one of the allowed values",
				Expected: strings.Join(spec.enum, " | "), Received: rec, Code: api.IssueInvalidEnum})
		}
		return
	}
	if n := field.Len(t.Value); spec.max > 0 && n > spec.max {
		issues.add(api.Issue{Path: api.AppendPath(path, spec.name), Message: spec.name + " is too long",
			Expected: "at most " + strconv.Itoa(spec.max) + " characters", Received: strconv.Itoa(n) + " characters", Code: api.IssueTooBig})
	}
}
