package syncaca

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/carrier"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/matching"
	"github.com/carecycle/carerules/phone"
	"github.com/carecycle/carerules/termination"
	"github.com/carecycle/carerules/timezone"
)

var today = dob.MustNew(2026, 11, 21)

func opts() Options { return Options{Today: today} }

// body builds a request body from records given as JSON objects.
func body(records ...string) []byte {
	return []byte(`{"records": [` + strings.Join(records, ",") + `]}`)
}

const okRec = `{"firstName": "Ann", "lastName": "Lee", "phoneNumber": "3125550104", "postalCode": "60601"}`

// codes returns "path=code" for every issue of a ValidationError.
func codes(t *testing.T, err error) []string {
	t.Helper()
	var ve *api.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.ErrorIs(t, err, api.ErrValidation)
	assert.Equal(t, api.CodeValidation, ve.Code)
	var out []string
	for _, is := range ve.Errors {
		out = append(out, strings.Join(is.Path, ".")+"="+is.Code)
	}
	return out
}

func TestDecodeIdentifiers(t *testing.T) {
	req, err := DecodeBytes(body(`{"externalId": 12345678901234567890123, "healthSherpaCustomerId": null, "carrierAssignedCustomerId": "",
		"policies": [{"healthSherpaPolicyId": 1.50, "carrierAssignedPolicyId": " A-1 "}]}`))
	require.NoError(t, err)
	r := req.Records[0]
	assert.Equal(t, Field{Value: "12345678901234567890123", Presence: Given, Number: true}, r.ExternalID, "a number identifier keeps its literal text, never float64")
	assert.Equal(t, Null, r.HealthSherpaCustomerID.Presence)
	assert.Equal(t, Field{Value: "", Presence: Given}, r.CarrierAssignedCustomerID)
	assert.Equal(t, Absent, r.FirstName.Presence)
	assert.Equal(t, "1.50", r.Policies[0].HealthSherpaPolicyID.Value)
	assert.Equal(t, " A-1 ", r.Policies[0].CarrierAssignedPolicyID.Value, "kept as sent; matching trims")
	assert.Equal(t, Given, r.PoliciesPresence)
	assert.Equal(t, Absent, r.CustomFieldsPresence)
}

func TestDecodeShape(t *testing.T) {
	cases := []struct {
		name string
		body string
		want []string
	}{
		{"not an object", `[1]`, []string{"=invalid_type"}},
		{"records missing", `{}`, []string{"records=invalid_type"}},
		{"records null", `{"records": null}`, []string{"records=invalid_type"}},
		{"record not an object", `{"records": [1]}`, []string{"records.0=invalid_type"}},
		{"name is a number", `{"records": [{"firstName": 7}]}`, []string{"records.0.firstName=invalid_type"}},
		{"identifier is a boolean", `{"records": [{"externalId": true}]}`, []string{"records.0.externalId=invalid_type"}},
		{"policies not an array", `{"records": [{"policies": {}}]}`, []string{"records.0.policies=invalid_type"}},
		{"policyLives fractional", `{"records": [{"policies": [{"policyLives": 1.5}]}]}`, []string{"records.0.policies.0.policyLives=invalid_type"}},
		{"policyLives out of int32", `{"records": [{"policies": [{"policyLives": 2147483648}]}]}`, []string{"records.0.policies.0.policyLives=too_big"}},
		{"custom field value object", `{"records": [{"customFields": [{"key": "k", "value": {}}]}]}`, []string{"records.0.customFields.0.value=invalid_type"}},
		{"custom field array of numbers", `{"records": [{"customFields": [{"key": "k", "value": ["a", 1]}]}]}`, []string{"records.0.customFields.0.value.1=invalid_type"}},
		{"custom field key missing", `{"records": [{"customFields": [{"value": 1}]}]}`, []string{"records.0.customFields.0.key=invalid_type"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeBytes([]byte(c.body))
			assert.Equal(t, c.want, codes(t, err))
		})
	}
}

func TestDecodeSyntax(t *testing.T) {
	for _, b := range []string{``, `{`, `{"records": [}`, `{"records": []} x`, `{"records": [{"phoneNumber": "3125550104"`} {
		_, err := DecodeBytes([]byte(b))
		assert.ErrorIs(t, err, ErrSyntax, "%q", b)
		assert.NotContains(t, fmt.Sprint(err), "3125550104")
	}
}

// TestDecodeTooLarge: a body over the size limit is PAYLOAD_TOO_LARGE, not
// INVALID_JSON, and is rejected before it is parsed.
func TestDecodeTooLarge(t *testing.T) {
	_, err := DecodeBytes(make([]byte, MaxBodySize+1))
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.NotErrorIs(t, err, ErrSyntax)
	b, ok := BodyFor(err)
	require.True(t, ok)
	assert.Equal(t, api.CodePayloadTooLarge, b.Code)
	assert.Equal(t, 413, b.Status())
}

// TestValidateRules has one case per request-level rule of the API
// (see the package documentation).
func TestValidateRules(t *testing.T) {
	long := strings.Repeat("é", 256) // 256 characters, 512 bytes
	cases := []struct {
		name string
		body []byte
		want []string // nil: valid
	}{
		{"valid", body(okRec), nil},
		{"records_1_to_100/none", body(), []string{"records=too_small"}},
		{"records_1_to_100/101", body(strings.Repeat(okRec+",", 100) + okRec), []string{"records=too_big"}},
		{"records_1_to_100/100", body(strings.Repeat(okRec+",", 99) + okRec), nil},
		{"policies_at_most_10/11", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [` + strings.Repeat(`{},`, 10) + `{}]}`), []string{"records.0.policies=too_big"}},
		{"policies_at_most_10/10", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [` + strings.Repeat(`{},`, 9) + `{}]}`), nil},
		{"custom_fields_at_most_50", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "customFields": [` + customFields(51) + `]}`), []string{"records.0.customFields=too_big"}},
		{"custom_field_key_length", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "customFields": [{"key": "", "value": 1}, {"key": "` + strings.Repeat("k", 101) + `", "value": 1}]}`), []string{"records.0.customFields.0.key=too_small", "records.0.customFields.1.key=too_big"}},
		{"custom_field_key_duplicate", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "customFields": [{"key": "k", "value": 1}, {"key": "k", "value": 2}]}`), []string{"records.0.customFields.1.key=duplicate_custom_field"}},
		{"required/absent", body(`{"postalCode": "60601"}`), []string{"records.0.firstName=invalid_type", "records.0.lastName=invalid_type", "records.0.phoneNumber=invalid_type"}},
		{"required/null", body(`{"firstName": null, "lastName": "B", "phoneNumber": null, "postalCode": "60601"}`), []string{"records.0.firstName=invalid_type", "records.0.phoneNumber=invalid_type"}},
		{"required/blank_name", body(`{"firstName": " \u00a0", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601"}`), []string{"records.0.firstName=too_small"}},
		{"length/255_characters", body(`{"firstName": "` + long[:510] + `", "lastName": "` + long + `", "phoneNumber": "3125550104", "postalCode": "60601"}`), []string{"records.0.lastName=too_big"}},
		{"length/state_50", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "state": "` + strings.Repeat("s", 51) + `"}`), []string{"records.0.state=too_big"}},
		{"length/identifier", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "externalId": "` + long + `"}`), []string{"records.0.externalId=too_big"}},
		{"enum/gender", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "gender": "male", "maritalStatus": "Married"}`), []string{"records.0.gender=invalid_enum_value"}},
		{"enum/policy", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"metalLevel": "Tin", "electionPeriod": "OEP", "premiumMode": "Weekly", "exchangeStatus": "FFM", "writtenAs": "Rewrite"}]}`), []string{"records.0.policies.0.metalLevel=invalid_enum_value", "records.0.policies.0.premiumMode=invalid_enum_value"}},
		{"phone/documented_forms_only", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "312-555-0104", "postalCode": "60601"}`), []string{"records.0.phoneNumber=phone_format"}},
		{"phone/invalid_area_code", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "1115550104", "postalCode": "60601"}`), []string{"records.0.phoneNumber=phone_area_code"}},
		{"dob/format", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": "1990-01-02"}`), []string{"records.0.dateOfBirth=dob_format"}},
		{"dob/feb29_common_year", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": "02/29/1900"}`), []string{"records.0.dateOfBirth=dob_calendar"}},
		{"dob/feb29_leap_year", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": "02/29/2000"}`), nil},
		{"dob/empty_string", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": ""}`), []string{"records.0.dateOfBirth=dob_empty"}},
		{"dob/null", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": null}`), nil},
		{"dob/future", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": "11/22/2026"}`), []string{"records.0.dateOfBirth=dob_future"}},
		{"dob/today", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": "11/21/2026"}`), nil},
		{"dob/implausible", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": "11/20/1895"}`), []string{"records.0.dateOfBirth=dob_implausible"}},
		{"timezone/required", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "timezone": "", "postalCode": null}`), []string{"records.0.timezone=timezone_or_postal_code_required"}},
		{"timezone/unknown", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "timezone": "Mars/Base", "postalCode": "60601"}`), []string{"records.0.timezone=timezone_unknown"}},
		{"timezone/abbreviation", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "timezone": "cst"}`), nil},
		{"postal/unknown", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "00000"}`), []string{"records.0.postalCode=postal_code_unknown"}},
		{"plancode/aca_kept", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"planCode": "any code", "status": "Active"}]}`), nil},
		{"plancode/too_long", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"planCode": "` + long + `"}]}`), []string{"records.0.policies.0.planCode=plan_code_too_long"}},
		{"carrier/unknown", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"carrierName": "Medicare"}]}`), []string{"records.0.policies.0.carrierName=unknown"}},
		{"carrier/state_required", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"carrierName": "BCBS"}]}`), []string{"records.0.policies.0.carrierName=state_required"}},
		{"carrier/state_given", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "state": "IL", "policies": [{"carrierName": "BCBS"}]}`), nil},
		{"carrier/ambiguous", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"carrierName": "Anthem"}]}`), []string{"records.0.policies.0.carrierName=ambiguous"}},
		{"status/unknown", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"status": "Canceled"}]}`), []string{"records.0.policies.0.status=status_unknown"}},
		{"status/empty", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"status": ""}]}`), []string{"records.0.policies.0.status=status_empty"}},
		{"duplicate_policy_identifier", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"healthSherpaPolicyId": "h1"}, {"healthSherpaPolicyId": " h1 "}, {"carrierAssignedPolicyId": "c1"}, {"carrierAssignedPolicyId": "c1"}]}`), []string{"records.0.policies.1.healthSherpaPolicyId=duplicate_policy_identifier", "records.0.policies.3.carrierAssignedPolicyId=duplicate_policy_identifier"}},
		{"duplicate_policy_identifier/artifacts_are_absent", body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "policies": [{"healthSherpaPolicyId": "null"}, {"healthSherpaPolicyId": "NULL"}, {"healthSherpaPolicyId": ""}, {"healthSherpaPolicyId": ""}]}`), nil},
		{"shape_and_field_issues_together", body(`{"firstName": 1, "lastName": "B", "phoneNumber": "12"}`), []string{"records.0.firstName=invalid_type", "records.0.phoneNumber=phone_length", "records.0.timezone=timezone_or_postal_code_required"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := Check(c.body, opts())
			if c.want == nil {
				require.NoError(t, err)
				require.NotNil(t, v)
				return
			}
			assert.Nil(t, v)
			assert.Equal(t, c.want, codes(t, err))
		})
	}
}

func customFields(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"key": "k%d", "value": %d}`, i, i)
	}
	return b.String()
}

func TestValidateFailedRecords(t *testing.T) {
	_, err := Check(body(okRec, `{"firstName": "Bo", "lastName": "Ray", "phoneNumber": "555", "externalId": 42, "postalCode": "60601"}`,
		okRec, `{"lastName": "Z", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": "13/01/1990"}`), opts())
	var ve *api.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.FailedRecords, 2)
	fr := ve.FailedRecords[0]
	assert.Equal(t, 1, fr.Index)
	assert.Equal(t, "555", *fr.PhoneNumber)
	assert.Equal(t, "Bo", *fr.FirstName)
	assert.Equal(t, "42", *fr.ExternalID, "a number identifier is reported as its literal text")
	assert.Equal(t, 3, ve.FailedRecords[1].Index)
	assert.Nil(t, ve.FailedRecords[1].FirstName, "not sent: null")
	assert.Nil(t, ve.FailedRecords[1].ExternalID)
	// The body's JSON shape is the API's.
	raw, err := json.Marshal(ve)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	assert.ElementsMatch(t, []string{"message", "code", "errors", "failedRecords"}, keys(m))
	issue := m["errors"].([]any)[0].(map[string]any)
	assert.ElementsMatch(t, []string{"path", "message", "expected", "received", "code"}, keys(issue))
	assert.Equal(t, []any{"records", "1", "phoneNumber"}, issue["path"])
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestIssueFromEveryPackage maps one error of every rule package with the
// same errors.As.
func TestIssueFromEveryPackage(t *testing.T) {
	_, errPhone := phone.Parse("12")
	_, errDOB := dob.Parse("13/01/1990")
	_, errTZ := timezone.Parse("Mars/Base")
	_, errStatus := termination.ParseStatus("Canceled")
	reg, err := carrier.Default()
	require.NoError(t, err)
	_, errCarrier := reg.Resolve(carrier.Query{Name: "BCBS"})
	errMatching := &matching.Error{Path: "records.3.externalId", Record: 3, Exp: "one customer holding the key", Err: matching.ErrAmbiguousCustomer}
	rec2 := []string{"records", "2"}
	for _, c := range []struct {
		prefix []string
		err    error
		path   string
		code   string
	}{
		{rec2, errPhone, "records.2.phoneNumber", "phone_length"},
		{rec2, errDOB, "records.2.dateOfBirth", "dob_format"},
		{rec2, errTZ, "records.2.timezone", "timezone_unknown"},
		{rec2, errStatus, "records.2.status", "status_unknown"},
		{rec2, errCarrier, "records.2.carrierName", "state_required"},
		{nil, errMatching, "records.3.externalId", "ambiguous_customer"}, // matching's errors carry the full path
		{rec2, fmt.Errorf("wrapped: %w", errPhone), "records.2.phoneNumber", "phone_length"},
	} {
		is := api.IssueFrom(c.prefix, c.err)
		assert.Equal(t, c.path, strings.Join(is.Path, "."))
		assert.Equal(t, c.code, is.Code)
		assert.NotEmpty(t, is.Expected)
	}
	is := api.IssueFrom(rec2, errors.New("plain"))
	assert.Equal(t, "invalid_value", is.Code)
}

func TestValidateNeedsToday(t *testing.T) {
	_, err := Check(body(okRec), Options{})
	assert.ErrorIs(t, err, ErrNoToday)
	b, err := NewBook(nil)
	require.NoError(t, err)
	req, err := DecodeBytes(body(okRec))
	require.NoError(t, err)
	_, err = b.Sync(context.Background(), req, Options{})
	assert.ErrorIs(t, err, ErrNoToday)
}

func TestValidateWarnings(t *testing.T) {
	v, err := Check(body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "timezone": "EST", "postalCode": "90001",
		"policies": [{"effectiveDate": "13/01/2026"}]}`, `{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "86004"}`), opts())
	require.NoError(t, err)
	var got []string
	for _, r := range v.Records {
		for _, w := range r.Warnings {
			got = append(got, strings.Join(w.Path, ".")+"="+w.Code)
		}
	}
	assert.Equal(t, []string{"records.0.timezone=timezone_postal_code_mismatch", "records.0.policies.0.effectiveDate=effective_date_format",
		"records.1.postalCode=postal_code_ambiguous"}, got)
}

// The VALIDATION_ERROR's received is the value as sent, also for the checks
// that run on the parsed date (future, implausible age).
func TestValidateDOBReceivedAsSent(t *testing.T) {
	for _, c := range []struct{ dob, code string }{
		{"12/01/2030", "dob_future"},
		{"01-01/1890", "dob_implausible"},
		{"02/30/1990", "dob_calendar"},
	} {
		_, err := Check([]byte(`{"records": [{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": "`+c.dob+`"}]}`),
			Options{Today: dob.MustNew(2026, 11, 21)})
		var ve *api.ValidationError
		require.ErrorAs(t, err, &ve, c.dob)
		require.Len(t, ve.Errors, 1, c.dob)
		assert.Equal(t, c.code, ve.Errors[0].Code, c.dob)
		assert.Equal(t, c.dob, ve.Errors[0].Received, c.dob)
	}
}

func TestBodyFor(t *testing.T) {
	_, err := Check([]byte(`{"records": [`), Options{Today: dob.MustNew(2026, 11, 21)})
	b, ok := BodyFor(err)
	require.True(t, ok)
	assert.Equal(t, api.CodeInvalidJSON, b.Code)
	assert.Equal(t, 400, b.Status())
	assert.Equal(t, "Request body is not valid JSON: unexpected end of input", b.Message, "the API's words, no package prefix")
	_, ok = BodyFor(errors.New("other"))
	assert.False(t, ok)
	_, ok = BodyFor(nil)
	assert.False(t, ok)
}

// TestValidationReportsAtMost100Issues: a rejected request lists at most
// 100 issues, in record order, and its message gives the total.
func TestValidationReportsAtMost100Issues(t *testing.T) {
	recs := make([]string, 40)
	for i := range recs {
		recs[i] = `{"gender": "x", "maritalStatus": "y"}` // firstName, lastName, phoneNumber, timezone/postalCode, gender, maritalStatus
	}
	_, err := Check(body(recs...), opts())
	var ve *api.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Len(t, ve.Errors, api.MaxIssues)
	assert.Equal(t, "Validation failed: 240 issues in 40 records (the first 100 are listed)", ve.Message)
	assert.Len(t, ve.FailedRecords, 40, "every failed record is listed")
	assert.Equal(t, []string{"records", "0", "firstName"}, ve.Errors[0].Path)
	last, ok := api.RecordIndex(ve.Errors[api.MaxIssues-1].Path)
	require.True(t, ok)
	assert.Equal(t, 16, last, "6 issues per record: the first 100 end in record 16")
}
