package jsonbody

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var sync = syncSchema()

// rec is a valid record; extra members are appended inside it.
func rec(extra string) string {
	r := `{"firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "postalCode": "33101"`
	if extra != "" {
		r += ", " + extra
	}
	return r + "}"
}

func decode(t *testing.T, body string) Result {
	t.Helper()
	res, err := Decode([]byte(body), sync)
	require.NoError(t, err)
	return res
}

func paths(res Result) []string {
	var out []string
	for _, is := range res.Issues {
		out = append(out, strings.Join(is.Path, ".")+" "+is.Code)
	}
	return out
}

func recordValue(t *testing.T, res Result, i int, name string) Value {
	t.Helper()
	r := res.Object.Items(0)[i]
	return r.Values[sync.Field("records").Elem.Index(name)]
}

func (s *Schema) Field(name string) Field { return s.fields[s.Index(name)] }

// Text that is not valid Unicode is rejected on the field, never repaired:
// two identifiers that differ only in invalid bytes must never become equal.
func TestInvalidTextIsRejectedNotRepaired(t *testing.T) {
	for _, tc := range []struct {
		name, member string
		want         string // path and code of the one issue; "" for none
	}{
		{"invalid UTF-8 in an identifier", `"externalId": "ID-` + "\xff" + `"`, "records.0.externalId invalid_string"},
		{"other invalid UTF-8 byte", `"externalId": "ID-` + "\xfe" + `"`, "records.0.externalId invalid_string"},
		{"truncated UTF-8 sequence", `"externalId": "ID-` + "\xe3\x82" + `"`, "records.0.externalId invalid_string"},
		{"unpaired high surrogate", `"externalId": "ID-\ud800"`, "records.0.externalId invalid_string"},
		{"unpaired high surrogate at the end", `"externalId": "ID-\udbff"`, "records.0.externalId invalid_string"},
		{"unpaired low surrogate", `"externalId": "\udc00ID"`, "records.0.externalId invalid_string"},
		{"high surrogate then a non-surrogate escape", `"externalId": "\ud800\u0041"`, "records.0.externalId invalid_string"},
		{"surrogate pair is valid", `"externalId": "ID-\ud83d\ude00"`, ""},
		{"raw emoji is valid", `"externalId": "ID-😀"`, ""},
		{"U+0000 in an identifier", `"externalId": "ID\u0000"`, "records.0.externalId invalid_string"},
		{"U+0000 in any field", `"city": "Miami\u0000"`, "records.0.city invalid_string"},
		{"U+0000 in a custom field value", `"customFields": [{"key": "k", "value": "a\u0000"}]`, "records.0.customFields.0.value invalid_string"},
		{"U+0000 in an unknown field", `"nickname": "a\u0000"`, "records.0.nickname invalid_string"},
		{"U+0000 deep in an unknown field", `"meta": {"a": ["x", "y\u0000"]}`, "records.0.meta invalid_string"},
		{"newline in a name", `"firstName": "A\nna"`, "records.0.firstName invalid_string"},
		{"surrounding white space of a name is trimmed first", `"firstName": "Ana\n"`, ""},
		{"escaped C0 control in an identifier", `"healthSherpaCustomerId": "a\u001fb"`, "records.0.healthSherpaCustomerId invalid_string"},
		{"newline in an address is kept", `"address": "1 Main St\nApt 2"`, ""},
		{"invalid UTF-8 in a custom field key", `"customFields": [{"key": "k` + "\xff" + `", "value": 1}]`, "records.0.customFields.0.key invalid_string"},
		{"invalid UTF-8 in a custom field array", `"customFields": [{"key": "k", "value": ["ok", "` + "\xc0" + `"]}]`, "records.0.customFields.0.value.1 invalid_string"},
		{"invalid UTF-8 in a field name", `"first` + "\xff" + `": "x"`, "records.0 invalid_string"},
		{"invalid UTF-8 in a policy identifier", `"policies": [{"carrierAssignedPolicyId": "P` + "\xff" + `"}]`, "records.0.policies.0.carrierAssignedPolicyId invalid_string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := decode(t, `{"records": [`+rec(tc.member)+`]}`)
			if tc.want == "" {
				assert.Empty(t, paths(res))
				return
			}
			assert.Equal(t, []string{tc.want}, paths(res))
			assert.Equal(t, 1, res.Total)
		})
	}
	// Both identifiers are rejected, so they can never be merged.
	a := decode(t, `{"records": [`+rec(`"externalId": "ID-\ud800"`)+`, `+rec(`"externalId": "ID-\udbff"`)+`]}`)
	assert.Equal(t, []string{"records.0.externalId invalid_string", "records.1.externalId invalid_string"}, paths(a))
}

// Array lengths are checked before any element is examined: an array over
// its limit is one issue, whatever its elements hold.
func TestArrayLimitsAreCheckedBeforeElements(t *testing.T) {
	bad := `{"firstName": 1, "lastName": 2, "phoneNumber": 3}`
	for _, tc := range []struct {
		name, body string
		want       []string
		received   string
	}{
		{"101 records", `{"records": [` + strings.Repeat(bad+",", 100) + bad + `]}`, []string{"records too_big"}, "101 records"},
		{"100 records are decoded", `{"records": [` + strings.Repeat(rec("")+",", 99) + rec("") + `]}`, nil, ""},
		{"0 records", `{"records": []}`, []string{"records too_small"}, "0 records"},
		{"11 policies", `{"records": [` + rec(`"policies": [`+strings.Repeat(`1,`, 10)+`1]`) + `]}`, []string{"records.0.policies too_big"}, "11 items"},
		{"10 policies", `{"records": [` + rec(`"policies": [`+strings.Repeat(`{},`, 9)+`{}]`) + `]}`, nil, ""},
		{"51 custom fields", `{"records": [` + rec(`"customFields": [`+strings.Repeat(`1,`, 50)+`1]`) + `]}`, []string{"records.0.customFields too_big"}, "51 items"},
		{"a million empty records", `{"records": [` + strings.Repeat(`{},`, 1e6) + `{}]}`, []string{"records too_big"}, "1000001 records"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := decode(t, tc.body)
			assert.Equal(t, tc.want, paths(res))
			if tc.received != "" {
				assert.Equal(t, tc.received, res.Issues[0].Received)
			}
		})
	}
}

// A rejected request reports at most MaxIssues issues, and counts them all.
func TestIssuesAreCappedAndCounted(t *testing.T) {
	bad := `{"firstName": 1, "lastName": 2, "phoneNumber": 3}`
	res := decode(t, `{"records": [`+strings.Repeat(bad+",", 99)+bad+`]}`)
	assert.Len(t, res.Issues, MaxIssues)
	assert.Equal(t, 300, res.Total)
	assert.Equal(t, []string{"records", "33", "firstName"}, res.Issues[MaxIssues-1].Path)

	// Issues past the cap cost no allocation: a custom field array of a
	// million numbers.
	res = decode(t, `{"records": [`+rec(`"customFields": [{"key": "k", "value": [`+strings.Repeat("1,", 1e6)+`1]}]`)+`]}`)
	assert.Len(t, res.Issues, MaxIssues)
	assert.Equal(t, 1000001, res.Total)
}

// Identifiers sent as JSON numbers keep their literal text, never a float64.
func TestIdentifierNumbersKeepTheirLiteralText(t *testing.T) {
	for _, lit := range []string{"12345", "12345678901234567890", "1e3", "1.50", "-0", "0.1"} {
		res := decode(t, `{"records": [`+rec(`"externalId": `+lit)+`]}`)
		require.Empty(t, paths(res), lit)
		v := recordValue(t, res, 0, "externalId")
		assert.Equal(t, Value{Text: lit, State: Given, Number: true}, v, lit)
	}
	res := decode(t, `{"records": [`+rec(`"externalId": "crm-1"`)+`]}`)
	assert.Equal(t, Value{Text: "crm-1", State: Given}, recordValue(t, res, 0, "externalId"))
}

// A JSON integer is a number with no fractional part; the 32-bit range
// applies to the value.
func TestIntegerIsANumberWithNoFractionalPart(t *testing.T) {
	for _, tc := range []struct {
		lit  string
		want int32
		code string
	}{
		{"1", 1, ""}, {"1.0", 1, ""}, {"1e3", 1000, ""}, {"1E+3", 1000, ""}, {"10e-1", 1, ""}, {"1.5e1", 15, ""},
		{"-0", 0, ""}, {"0.000", 0, ""}, {"0e999999999999999999999", 0, ""}, {"2147483647", 2147483647, ""},
		{"-2147483648", -2147483648, ""}, {"2147483647.000", 2147483647, ""}, {"21474836.47e2", 2147483647, ""},
		{"1.5", 0, CodeInvalidType}, {"1e-9", 0, CodeInvalidType}, {"0.1", 0, CodeInvalidType},
		{"1e-99999999999999999999", 0, CodeInvalidType}, {"2147483648", 0, CodeTooBig}, {"1e10", 0, CodeTooBig},
		{"1e99999999999999999999", 0, CodeTooBig}, {"-2147483649", 0, CodeTooSmall}, {"99999999999999999999", 0, CodeTooBig},
	} {
		res := decode(t, `{"records": [`+rec(`"policies": [{"policyLives": `+tc.lit+`}]`)+`]}`)
		r := res.Object.Items(0)[0]
		p := r.Items(sync.Field("records").Elem.Index("policies"))[0]
		v := p.Values[sync.Field("records").Elem.Field("policies").Elem.Index("policyLives")]
		if tc.code == "" {
			assert.Empty(t, paths(res), tc.lit)
			assert.Equal(t, Value{Int: tc.want, State: Given}, v, tc.lit)
			continue
		}
		assert.Equal(t, []string{"records.0.policies.0.policyLives " + tc.code}, paths(res), tc.lit)
		assert.Equal(t, "number", res.Issues[0].Received, tc.lit)
		assert.Equal(t, Invalid, v.State, tc.lit)
	}
}

// Fields the schema does not know are kept as raw JSON, in order and as
// sent.
func TestUnknownFieldsAreKeptAsRawJSON(t *testing.T) {
	res := decode(t, `{"records": [`+rec(`"nickname": "Ani", "meta": {"a": [1, 2.50, "x\u00e9"]}, "policies": [{"foo": null, "status": "Active"}]`)+`], "batchId": 7}`)
	require.Empty(t, paths(res))
	r := res.Object.Items(0)[0]
	assert.Equal(t, `{"nickname": "Ani","meta": {"a": [1, 2.50, "x\u00e9"]}}`, string(r.Extra))
	assert.True(t, json.Valid(r.Extra))
	p := r.Items(sync.Field("records").Elem.Index("policies"))[0]
	assert.Equal(t, `{"foo": null}`, string(p.Extra))
	assert.Equal(t, `{"batchId": 7}`, string(res.Object.Extra))
	assert.Nil(t, decode(t, `{"records": [`+rec("")+`]}`).Object.Items(0)[0].Extra)
}

// An over-long or rejected value is described, never echoed.
func TestRejectedValuesAreDescribedNotEchoed(t *testing.T) {
	long := strings.Repeat("a", 300)
	for _, tc := range []struct {
		member, received string
	}{
		{`"firstName": "` + long + `"`, "300 characters"},
		{`"firstName": "` + strings.Repeat("😀", 128) + `"`, "256 characters"}, // UTF-16 units
		{`"externalId": ` + strings.Repeat("9", 300), "300 characters"},
		{`"gender": "` + long + `"`, "300 characters"},
		{`"gender": "male"`, "male"},
		{`"email": 5`, "number"},
		{`"email": {"a": 1}`, "object"},
		{`"email": [1]`, "array"},
		{`"email": true`, "boolean"},
		{`"policies": "x"`, "string"},
		{`"policies": [5]`, "number"},
	} {
		res := decode(t, `{"records": [`+rec(tc.member)+`]}`)
		require.Len(t, res.Issues, 1, tc.member)
		assert.Equal(t, tc.received, res.Issues[0].Received, tc.member)
	}
	// 255 UTF-16 units fit: 127 emoji and one letter.
	assert.Empty(t, paths(decode(t, `{"records": [`+rec(`"firstName": "a`+strings.Repeat("😀", 127)+`"`)+`]}`)))
}

// Absent, null and given are told apart; required fields are reported.
func TestPresence(t *testing.T) {
	res := decode(t, `{"records": [{"firstName": null, "lastName": "R", "email": null, "city": ""}]}`)
	assert.Equal(t, []string{"records.0.firstName invalid_type", "records.0.phoneNumber invalid_type"}, paths(res))
	assert.Equal(t, "null", res.Issues[0].Received)
	assert.Equal(t, "undefined", res.Issues[1].Received)
	assert.Equal(t, Null, recordValue(t, res, 0, "email").State)
	assert.Equal(t, Value{State: Given}, recordValue(t, res, 0, "city"))
	assert.Equal(t, Absent, recordValue(t, res, 0, "county").State)
	assert.Equal(t, []string{"records invalid_type"}, paths(decode(t, `{}`)))
	for _, b := range []string{`[]`, `"x"`, `1`, `null`, ` true `} {
		_, err := Decode([]byte(b), sync)
		assert.ErrorIs(t, err, ErrNotObject, b)
	}
}

// A key sent twice: the last value counts, as in JavaScript.
func TestDuplicateKeyLastValueCounts(t *testing.T) {
	res := decode(t, `{"records": [`+rec(`"externalId": "a", "externalId": "b"`)+`]}`)
	assert.Equal(t, "b", recordValue(t, res, 0, "externalId").Text)
}

// A body that is not JSON is a syntax error naming an offset, never the
// bytes around it; encoding/json agrees on which bodies are JSON.
func TestSyntaxErrors(t *testing.T) {
	for _, body := range []string{
		``, ` `, `{`, `{"records": [}`, `{"records": [1,]}`, `{"records": 01}`, `{"records": 1.}`, `{"records": -}`,
		`{"records": [] } x`, `{"a" 1}`, `{1: 2}`, `{"a": tru}`, `{"a": nul}`, `{"a": "\x"}`, `{"a": "\u12"}`,
		"{\"a\": \"\x01\"}", `{"a": 1e}`, `{"a": .5}`, `{"a": +1}`, "\ufeff{}", `{"a": "(305) 555-0101`,
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	} {
		_, err := Decode([]byte(body), sync)
		assert.ErrorIs(t, err, ErrSyntax, "%q", body)
		assert.False(t, json.Valid([]byte(body)), "%q", body)
		if err != nil {
			assert.NotContains(t, err.Error(), "555", "the error must not quote the body")
		}
	}
	deep := `{"records": [` + rec(`"meta": `+strings.Repeat("[", 9996)+strings.Repeat("]", 9996)) + `]}`
	_, err := Decode([]byte(deep), sync)
	assert.NoError(t, err, "10000 levels are JSON, as in encoding/json")
	assert.True(t, json.Valid([]byte(deep)))
}

func TestReadAll(t *testing.T) {
	b, err := ReadAll(strings.NewReader("12345"), 5)
	assert.NoError(t, err)
	assert.Equal(t, "12345", string(b))
	_, err = ReadAll(strings.NewReader("123456"), 5)
	assert.ErrorIs(t, err, ErrTooLarge)
}
