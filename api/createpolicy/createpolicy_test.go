package createpolicy

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/plancode"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// memStore is a test PolicyCreator and CustomerFinder.
type memStore struct {
	mu        sync.Mutex
	customers map[string]Customer
	policies  []Policy
}

func newMem(cs ...Customer) *memStore {
	m := &memStore{customers: map[string]Customer{}}
	for _, c := range cs {
		m.customers[c.ID] = c
	}
	return m
}

func (m *memStore) FindCustomer(ctx context.Context, id string) (Customer, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	c, ok := m.customers[id]
	if !ok {
		return Customer{}, ErrCustomerNotFound
	}
	return c, nil
}

func (m *memStore) CreatePolicy(ctx context.Context, p Policy) (Policy, error) {
	if err := ctx.Err(); err != nil {
		return Policy{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	p.ID = "pol-" + strconv.Itoa(len(m.policies)+1)
	m.policies = append(m.policies, p)
	return p, nil
}

var (
	custTX     = Customer{ID: "c-tx", State: "TX", PostalCode: "75201"}
	custNone   = Customer{ID: "c-none"}
	custMOZip  = Customer{ID: "c-mo", State: "MO", PostalCode: "64105"}
	custMONone = Customer{ID: "c-mo2", State: "MO"}
)

// create runs a body against a customer; it returns the response or the
// validation error.
func create(t *testing.T, c Customer, body string, opt Options) (*Response, *api.ValidationError) {
	t.Helper()
	m := newMem(c)
	resp, err := Create(context.Background(), m, m, c.ID, []byte(body), opt)
	var ve *api.ValidationError
	if errors.As(err, &ve) {
		assert.Empty(t, m.policies, "a rejected request writes nothing")
		return nil, ve
	}
	require.NoError(t, err, body)
	require.Len(t, m.policies, 1)
	return resp, nil
}

// issue returns the one issue of a rejected body.
func issue(t *testing.T, c Customer, body string, opt Options) api.Issue {
	t.Helper()
	_, ve := create(t, c, body, opt)
	require.NotNil(t, ve, "expected a validation error for %s", body)
	require.Len(t, ve.Errors, 1, "%+v", ve.Errors)
	return ve.Errors[0]
}

func TestPolicyTypeRecognizedCaseInsensitivelyElseKeptTrimmed(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`"ma"`, "MA"}, {`" MAPD "`, "MAPD"}, {`"Pdp"`, "PDP"}, {`"ms"`, "MS"}, {`"aca"`, "ACA"},
		{`"Dental"`, "Dental"}, {`"  Life  "`, "Life"}, {`"hospital indemnity"`, "hospital indemnity"},
		{`"M\u017f"`, "M\u017f"}, // not folded to MS: only ASCII case is ignored
		{`""`, ""}, {`"   "`, ""}, {`null`, ""},
	} {
		resp, _ := create(t, custTX, `{"policyType":`+c.in+`}`, Options{})
		require.NotNil(t, resp, c.in)
		assert.Equal(t, c.want, resp.Policy.PolicyType, c.in)
	}
	is := issue(t, custTX, `{"policyType":"`+strings.Repeat("x", 256)+`"}`, Options{})
	assert.Equal(t, api.IssueTooBig, is.Code)
	assert.Equal(t, []string{"policyType"}, is.Path)
	assert.Equal(t, "256 characters", is.Received)
}

func TestPlanCodeFollowsThePolicyType(t *testing.T) {
	for _, c := range []struct{ typ, code, want, errCode string }{
		{"MA", "H1234001000", "H1234-001-000", ""},
		{"mapd", "r1234-001000", "R1234-001-000", ""},
		{"MA", "H1234-001-0", "H1234-001-000", ""},
		{"MA", "S1234-001-000", "", "plan_code_prefix"},
		{"MA", "H1234-001", "", "plan_code_incomplete"},
		{"PDP", "S1234001000", "S1234-001-000", ""},
		{"PDP", "E1234-001-000", "E1234-001-000", ""},
		{"MS", " Plan G ", "Plan G", ""},
		{"Dental", "DX-1", "DX-1", ""},
		{"ACA", "12345FL0010001", "12345FL0010001", ""},
	} {
		body := `{"policyType":"` + c.typ + `","planCode":"` + c.code + `"}`
		if c.errCode != "" {
			is := issue(t, custTX, body, Options{})
			assert.Equal(t, c.errCode, is.Code, body)
			assert.Equal(t, []string{"planCode"}, is.Path, body)
			continue
		}
		resp, ve := create(t, custTX, body, Options{})
		require.Nil(t, ve, body)
		assert.Equal(t, c.want, resp.Policy.PlanCode, body)
	}
}

// TestPlanCodeWithoutTypeIsNotGuessed: no policyType, so no prefix rule; a
// CMS code is stored canonical, anything else trimmed.
func TestPlanCodeWithoutTypeIsNotGuessed(t *testing.T) {
	for in, want := range map[string]string{
		"h1234001000":    "H1234-001-000",
		"S1234-001000":   "S1234-001-000",
		"H1234-001":      "H1234-001", // incomplete: not a code, kept
		" Plan G ":       "Plan G",
		"12345FL0010001": "12345FL0010001",
		"Ｈ１２３４００１０００":    "H1234-001-000",
	} {
		resp, ve := create(t, custTX, `{"planCode":"`+in+`"}`, Options{})
		require.Nil(t, ve, in)
		assert.Equal(t, want, resp.Policy.PlanCode, in)
		assert.Empty(t, resp.Policy.PolicyType)
	}
	resp, _ := create(t, custTX, `{"planCode":"  "}`, Options{})
	assert.Empty(t, resp.Policy.PlanCode, "a blank planCode is not sent")
}

func TestCarrierNameResolvedWithTheStoredCustomer(t *testing.T) {
	for _, c := range []struct {
		cust     Customer
		name     string
		id, disp string
	}{
		{custTX, "UHC", "unitedhealthcare", "UnitedHealthcare"},
		{custTX, " BCBS ", "bcbs-texas", "Blue Cross and Blue Shield of Texas"},
		{custMOZip, "BCBS", "blue-kc", "Blue Cross and Blue Shield of Kansas City"},
		{custNone, "BCBSIL", "bcbs-illinois", ""},
	} {
		resp, ve := create(t, c.cust, `{"carrierName":"`+c.name+`"}`, Options{})
		require.Nil(t, ve, c.name)
		assert.Equal(t, c.id, resp.Policy.CarrierID, c.name)
		if c.disp != "" {
			assert.Equal(t, c.disp, resp.Policy.CarrierName, c.name)
		}
		assert.Empty(t, resp.Warnings)
	}
}

func TestCarrierNameUnresolvableIsAValidationError(t *testing.T) {
	for _, c := range []struct {
		cust       Customer
		name, code string
		inMessage  []string
	}{
		{custNone, "BCBS", "state_required", nil},
		{custNone, "Anthem", "ambiguous", []string{"Anthem Blue Cross and Blue Shield (anthem-bcbs)", "Wellpoint"}},
		{custMONone, "BCBS", "ambiguous", []string{"Blue Cross and Blue Shield of Kansas City (blue-kc)"}},
		{custTX, "Acme Health Plans", "unknown", nil},
		{custTX, "Medicare", "unknown", nil},
	} {
		is := issue(t, c.cust, `{"carrierName":"`+c.name+`"}`, Options{})
		assert.Equal(t, c.code, is.Code, c.name)
		assert.Equal(t, []string{"carrierName"}, is.Path, c.name)
		for _, s := range c.inMessage {
			assert.Contains(t, is.Message, s, c.name)
		}
	}
}

// TestKeepUnresolvedCarrierOption: the host's per-request option keeps the
// policy with carrierName trimmed as sent, no carrier id, and a warning; it
// never changes a resolvable name's carrier.
func TestKeepUnresolvedCarrierOption(t *testing.T) {
	keep := Options{KeepUnresolvedCarrier: true}
	resp, ve := create(t, custNone, `{"carrierName":"  Anthem  "}`, keep)
	require.Nil(t, ve)
	assert.Equal(t, "Anthem", resp.Policy.CarrierName)
	assert.Empty(t, resp.Policy.CarrierID)
	require.Len(t, resp.Warnings, 1)
	w := resp.Warnings[0]
	assert.Equal(t, CodeCarrierUnresolved, w.Code)
	assert.Equal(t, "ambiguous", w.Reason)
	assert.Equal(t, []string{"carrierName"}, w.Path)
	assert.Contains(t, w.Candidates, Candidate{ID: "anthem-bcbs", DisplayName: "Anthem Blue Cross and Blue Shield"})

	for name, reason := range map[string]string{"BCBS": "state_required", "Acme Health Plans": "unknown"} {
		resp, ve := create(t, custNone, `{"carrierName":"`+name+`"}`, keep)
		require.Nil(t, ve, name)
		require.Len(t, resp.Warnings, 1, name)
		assert.Equal(t, reason, resp.Warnings[0].Reason, name)
		assert.Equal(t, name, resp.Policy.CarrierName)
	}
	for _, opt := range []Options{{}, keep} {
		resp, _ := create(t, custTX, `{"carrierName":"BCBS"}`, opt)
		assert.Equal(t, "bcbs-texas", resp.Policy.CarrierID, "the option never changes a resolvable name")
		assert.Empty(t, resp.Warnings)
	}
}

func TestStatusDefaultsToActiveReadIgnoringCase(t *testing.T) {
	for in, want := range map[string]string{
		``: "Active", `"status":null,`: "Active", `"status":"pending effectuation",`: "Pending Effectuation",
		`"status":" TERMINATED ",`: "Terminated", `"status":"Active\n",`: "Active", `"status":"Not Approved",`: "Not Approved",
	} {
		resp, ve := create(t, custTX, `{`+in+`"planName":"x"}`, Options{})
		require.Nil(t, ve, in)
		assert.Equal(t, want, resp.Policy.Status, in)
	}
	for in, code := range map[string]string{`""`: "status_empty", `"Canceled"`: "status_unknown", `"Pending-Followup"`: "status_unknown"} {
		is := issue(t, custTX, `{"status":`+in+`}`, Options{})
		assert.Equal(t, code, is.Code, in)
		assert.Equal(t, []string{"status"}, is.Path)
		assert.Contains(t, is.Message, "Pending Effectuation", "the message lists the API's statuses")
		assert.NotContains(t, is.Message, "termination")
	}
	is := issue(t, custTX, `{"status":3}`, Options{})
	assert.Equal(t, api.IssueInvalidType, is.Code)
	assert.Equal(t, "number", is.Received)
}

func TestPolicyLivesIsAJSONIntegerInThe32BitRange(t *testing.T) {
	for in, want := range map[string]int32{`1`: 1, `1.0`: 1, `1e3`: 1000, `0`: 0, `-2147483648`: -2147483648, `2147483647.0`: 2147483647} {
		resp, ve := create(t, custTX, `{"policyLives":`+in+`}`, Options{})
		require.Nil(t, ve, in)
		require.NotNil(t, resp.Policy.PolicyLives, in)
		assert.Equal(t, want, *resp.Policy.PolicyLives, in)
	}
	for in, code := range map[string]string{`1.5`: api.IssueInvalidType, `2147483648`: api.IssueTooBig, `1e10`: api.IssueTooBig,
		`"3"`: api.IssueInvalidType, `true`: api.IssueInvalidType, `[1]`: api.IssueInvalidType} {
		is := issue(t, custTX, `{"policyLives":`+in+`}`, Options{})
		assert.Equal(t, code, is.Code, in)
		assert.Equal(t, []string{"policyLives"}, is.Path, in)
	}
	resp, _ := create(t, custTX, `{"policyLives":null}`, Options{})
	assert.Nil(t, resp.Policy.PolicyLives)
}

// TestLengthsCountUTF16CodeUnits: the limits of the sync seed's policy
// fields, counted as the API's schema counts (an emoji is 2).
func TestLengthsCountUTF16CodeUnits(t *testing.T) {
	emoji := "😀"
	for _, c := range []struct {
		field string
		val   string
		ok    bool
	}{
		{"planName", strings.Repeat("a", 255), true},
		{"planName", strings.Repeat("a", 256), false},
		{"planName", strings.Repeat(emoji, 127) + "a", true},
		{"planName", strings.Repeat(emoji, 128), false},
		{"aorNpn", strings.Repeat("1", 50), true},
		{"aorNpn", strings.Repeat("1", 51), false},
		{"aorFirstName", strings.Repeat("é", 256), false},
		{"carrierAssignedPolicyId", strings.Repeat("9", 256), false},
		{"effectiveDate", strings.Repeat("9", 256), false},
	} {
		body := `{"` + c.field + `":"` + c.val + `"}`
		if c.ok {
			_, ve := create(t, custTX, body, Options{})
			assert.Nil(t, ve, c.field)
			continue
		}
		is := issue(t, custTX, body, Options{})
		assert.Equal(t, api.IssueTooBig, is.Code, c.field)
		assert.Equal(t, []string{c.field}, is.Path)
		assert.True(t, strings.HasSuffix(is.Received, " characters"), "never echoed whole: %q", is.Received)
	}
}

func TestEnumsOfTheSyncSeedAreExact(t *testing.T) {
	resp, ve := create(t, custTX, `{"metalLevel":"Expanded Bronze","electionPeriod":"MA-OEP","premiumMode":"Semi-Annual","exchangeStatus":"SBM FP","writtenAs":"Like Plan Change"}`, Options{})
	require.Nil(t, ve)
	assert.Equal(t, "Expanded Bronze", resp.Policy.MetalLevel)
	assert.Equal(t, "Like Plan Change", resp.Policy.WrittenAs)
	for _, f := range []string{"metalLevel", "electionPeriod", "premiumMode", "exchangeStatus", "writtenAs"} {
		is := issue(t, custTX, `{"`+f+`":"gold"}`, Options{})
		assert.Equal(t, api.IssueInvalidEnum, is.Code, f)
		assert.Equal(t, "gold", is.Received)
	}
	is := issue(t, custTX, `{"metalLevel":"`+strings.Repeat("g", 300)+`"}`, Options{})
	assert.Equal(t, "300 characters", is.Received, "a long value is described, not echoed")
}

// TestInvalidTextIsRejectedNeverRepaired: invalid UTF-8, unpaired
// surrogates, U+0000 and other control characters in any string field.
func TestInvalidTextIsRejectedNeverRepaired(t *testing.T) {
	for _, c := range []struct{ body, path, received string }{
		{`{"planName":"a\ud800b"}`, "planName", "unpaired surrogate escape"},
		{`{"planName":"\udc00"}`, "planName", "unpaired surrogate escape"},
		{"{\"aorLastName\":\"O\xffConnor\"}", "aorLastName", "invalid UTF-8"},
		{`{"carrierName":"Aetna\u0000"}`, "carrierName", "U+0000 at byte 5"},
		{`{"healthSherpaPolicyId":"hs\u0001p"}`, "healthSherpaPolicyId", "control character U+0001 at byte 2"},
		{`{"policySubType":{"x":"\ud800"}}`, "policySubType", "invalid text"},
		{`{"sourceCallContext":{"callId":"\u0000"}}`, "sourceCallContext", "invalid text"},
		{`{"status":"Act\tive"}`, "status", "control character U+0009 at byte 3"},
		{`{"planName":"Gold\u0000"}`, "planName", "U+0000 at byte 4"},
	} {
		is := issue(t, custTX, c.body, Options{})
		assert.Equal(t, CodeInvalidString, is.Code, c.body)
		assert.Equal(t, []string{c.path}, is.Path, c.body)
		assert.Equal(t, c.received, is.Received, c.body)
	}
	is := issue(t, custTX, `{"a\ud800":1}`, Options{})
	assert.Equal(t, CodeInvalidString, is.Code)
	assert.Equal(t, []string{}, is.Path)
}

func TestUnknownFieldsAndCallContextAreKept(t *testing.T) {
	body := `{"planName":"Gold","policySubType":"HMO","riders":[1,"two",{"x":null}],"hiosId":12.50,"sourceCallContext":{"callId":"c-9","at":"2026-01-01T00:00:00Z"}}`
	resp, ve := create(t, custTX, body, Options{})
	require.Nil(t, ve)
	p := resp.Policy
	assert.Equal(t, `{"callId":"c-9","at":"2026-01-01T00:00:00Z"}`, string(p.SourceCallContext))
	assert.Equal(t, map[string][]byte{"policySubType": []byte(`"HMO"`), "riders": []byte(`[1,"two",{"x":null}]`), "hiosId": []byte(`12.50`)}, p.Unknown)
	out, err := json.Marshal(resp)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"hiosId":12.50`, "raw JSON, number literal kept")
	assert.Contains(t, string(out), `"sourceCallContext":{"callId":"c-9","at":"2026-01-01T00:00:00Z"}`)

	for _, in := range []string{`[]`, `"call"`, `1`} {
		is := issue(t, custTX, `{"sourceCallContext":`+in+`}`, Options{})
		assert.Equal(t, api.IssueInvalidType, is.Code, in)
		assert.Equal(t, "object", is.Expected)
	}
	resp, _ = create(t, custTX, `{"sourceCallContext":null}`, Options{})
	assert.Nil(t, resp.Policy.SourceCallContext)
}

// TestKeySentTwiceIsAnIssue: never pick one of two values silently.
func TestKeySentTwiceIsAnIssue(t *testing.T) {
	is := issue(t, custTX, `{"planName":"a","planName":"b"}`, Options{})
	assert.Equal(t, CodeDuplicateKey, is.Code)
	assert.Equal(t, []string{"planName"}, is.Path)
}

// TestServerAssignedKeysAreIgnoredWithAWarning: id, customerId, carrierId,
// timestamps sent in the body never shadow the server's values.
func TestServerAssignedKeysAreIgnoredWithAWarning(t *testing.T) {
	resp, ve := create(t, custTX, `{"id":"mine","carrierId":"aetna","customerId":"other","planName":"x"}`, Options{})
	require.Nil(t, ve)
	assert.Equal(t, "pol-1", resp.Policy.ID)
	assert.Equal(t, "c-tx", resp.Policy.CustomerID)
	assert.Empty(t, resp.Policy.CarrierID)
	assert.Empty(t, resp.Policy.Unknown)
	require.Len(t, resp.Warnings, 3)
	for _, w := range resp.Warnings {
		assert.Equal(t, CodeReadOnlyField, w.Code)
	}
}

func TestBodyThatIsNotAJSONObjectIsInvalidJSON(t *testing.T) {
	for _, in := range []string{``, `[]`, `1`, `"x"`, `null`, `{`, `{} {}`, `{"a":1,}`, "\xff"} {
		m := newMem(custTX)
		_, err := Create(context.Background(), m, m, custTX.ID, []byte(in), Options{})
		assert.ErrorIs(t, err, ErrSyntax, in)
	}
}

func TestCustomerAbsentIsNotFoundAndNothingIsWritten(t *testing.T) {
	m := newMem(custTX)
	_, err := Create(context.Background(), m, m, "nobody", []byte(`{"planName":"x"}`), Options{})
	assert.ErrorIs(t, err, ErrCustomerNotFound)
	assert.Empty(t, m.policies)
}

func TestCancelledRequestWritesNothing(t *testing.T) {
	m := newMem(custTX)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Create(ctx, m, m, custTX.ID, []byte(`{"planName":"x"}`), Options{})
	assert.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, m.policies)
}

// TestEveryIssueReportedAtOnce: shape issues and rule issues together, each
// with a path that exists in the body.
func TestEveryIssueReportedAtOnce(t *testing.T) {
	_, ve := create(t, custNone, `{"policyType":"MA","planCode":"S1234-001-000","carrierName":"BCBS","status":"nope","policyLives":1.5,"metalLevel":"gold"}`, Options{})
	require.NotNil(t, ve)
	var codes []string
	for _, is := range ve.Errors {
		codes = append(codes, is.Path[0]+":"+is.Code)
	}
	assert.ElementsMatch(t, []string{"policyLives:invalid_type", "metalLevel:invalid_enum_value", "planCode:plan_code_prefix",
		"carrierName:state_required", "status:status_unknown"}, codes)
	assert.Equal(t, "Validation failed: 5 issues", ve.Message)
	assert.Equal(t, []api.FailedRecord{}, ve.FailedRecords)
}

// TestMessagesAreTheAPIsWords: no issue message starts with a Go package
// name.
func TestMessagesAreTheAPIsWords(t *testing.T) {
	for _, body := range []string{`{"policyType":"MA","planCode":"S1"}`, `{"planCode":"` + strings.Repeat("x", 300) + `","policyType":"MA"}`,
		`{"status":"x"}`, `{"carrierName":"Anthem"}`, `{"carrierName":"Acme"}`, `{"policyType":"MA","planCode":"H1234"}`} {
		_, ve := create(t, custNone, body, Options{})
		require.NotNil(t, ve, body)
		for _, is := range ve.Errors {
			for _, pkg := range []string{"plancode", "carrier", "termination", "createpolicy", "api"} {
				assert.False(t, strings.HasPrefix(is.Message, pkg+":"), "%s: %q", body, is.Message)
			}
		}
	}
}

// TestValidPolicyIsStoredAsTheResponseShows: the example of the API text.
func TestValidPolicyIsStoredAsTheResponseShows(t *testing.T) {
	m := newMem(custTX)
	resp, err := Create(context.Background(), m, m, custTX.ID, []byte(`{ "carrierName": "Aetna", "planName": "Medicare Elite", "planCode": "H1290-036-001", "aorFirstName": "John", "aorLastName": "Doe", "aorNpn": "123456789", "policyLives": 3 }`), Options{})
	require.NoError(t, err)
	require.Len(t, m.policies, 1)
	assert.Equal(t, m.policies[0], resp.Policy)
	p := resp.Policy
	assert.Equal(t, "pol-1", p.ID)
	assert.Equal(t, "aetna", p.CarrierID)
	assert.Equal(t, "H1290-036-001", p.PlanCode)
	assert.Equal(t, "Active", p.Status)
	assert.Equal(t, int32(3), *p.PolicyLives)
	var back map[string]any
	out, err := json.Marshal(resp)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Nil(t, back["policyType"], "absent fields are null")
	assert.Contains(t, back, "policyType")
	assert.NotContains(t, back, "warnings")
	assert.Equal(t, "Medicare Elite", back["planName"])
}

func TestPolicyTypeFunction(t *testing.T) {
	assert.Equal(t, "MAPD", PolicyType(" mapd "))
	assert.Equal(t, "Vision", PolicyType("Vision"))
	assert.True(t, plancode.ContractStyle(PolicyType("ma")))
}

// TestAtMost100IssuesListed: a body with more issues than the cap lists
// the first 100, and the message gives the total.
func TestAtMost100IssuesListed(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{`)
	for i := range 150 {
		if i > 0 {
			b.WriteString(`,`)
		}
		b.WriteString(`"x` + strconv.Itoa(i) + `":"\ud800"`)
	}
	b.WriteString(`}`)
	_, ve := create(t, custTX, b.String(), Options{})
	require.NotNil(t, ve)
	assert.Len(t, ve.Errors, api.MaxIssues)
	assert.Contains(t, ve.Message, "150 issues")
}

// TestPeakMemoryIsASmallMultipleOfTheBody: a 1 MiB body (the HTTP
// default limit) costs at most a few times its size, whatever its shape.
func TestPeakMemoryIsASmallMultipleOfTheBody(t *testing.T) {
	const size = 1 << 20
	manyKeys := func() string {
		var b strings.Builder
		b.WriteString(`{`)
		for i := 0; b.Len() < size-40; i++ {
			if i > 0 {
				b.WriteString(`,`)
			}
			b.WriteString(`"k` + strconv.Itoa(i) + `":1`)
		}
		b.WriteString(`}`)
		return b.String()
	}
	for name, body := range map[string]string{
		"one long unknown value": `{"riders":"` + strings.Repeat("a", size-20) + `"}`,
		"one long known value":   `{"planName":"` + strings.Repeat("é", (size-20)/2) + `"}`,
		"many keys":              manyKeys(),
		"deep nesting":           `{"x":` + strings.Repeat("[", size/2-10) + strings.Repeat("]", size/2-10) + `}`,
	} {
		m := newMem(custTX)
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, _ = Create(context.Background(), m, m, custTX.ID, []byte(body), Options{})
		runtime.ReadMemStats(&after)
		alloc := after.TotalAlloc - before.TotalAlloc
		assert.Less(t, alloc, uint64(8*len(body)), "%s: %d bytes allocated for a %d-byte body", name, alloc, len(body))
	}
}

func TestAtMost200UnknownFields(t *testing.T) {
	body := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"planName":"x"`)
		for i := range n {
			b.WriteString(`,"k` + strconv.Itoa(i) + `":1`)
		}
		return b.String() + `}`
	}
	resp, ve := create(t, custTX, body(MaxUnknownFields), Options{})
	require.Nil(t, ve)
	assert.Len(t, resp.Policy.Unknown, MaxUnknownFields)
	is := issue(t, custTX, body(MaxUnknownFields+1), Options{})
	assert.Equal(t, api.IssueTooBig, is.Code)
	assert.Equal(t, []string{}, is.Path)
}
