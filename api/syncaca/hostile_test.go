package syncaca

import (
	"context"
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/termination"
)

// rec returns a valid record with extra members.
func rec(extra string) string {
	return strings.TrimSuffix(okRec, "}") + ", " + extra + "}"
}

// Text that is not valid Unicode is rejected on its field, never repaired:
// two externalIds that differ only in invalid bytes (or in unpaired
// surrogate escapes) are never merged into one customer.
func TestInvalidTextIsRejectedNeverMerged(t *testing.T) {
	for _, pair := range [][2]string{
		{`"externalId": "ID-` + "\xff" + `"`, `"externalId": "ID-` + "\xfe" + `"`},
		{`"externalId": "ID-\ud800"`, `"externalId": "ID-\udbff"`},
	} {
		_, err := Check(body(rec(pair[0]), rec(pair[1])), opts())
		assert.Equal(t, []string{"records.0.externalId=invalid_string", "records.1.externalId=invalid_string"}, codes(t, err))
	}
}

// U+0000 is rejected in every field; other C0 control characters in names
// and identifiers.
func TestNULAndControlCharactersAreRejected(t *testing.T) {
	for _, tc := range []struct{ member, want string }{
		{`"externalId": "crm\u0000"`, "records.0.externalId=invalid_string"},
		{`"city": "Miami\u0000"`, "records.0.city=invalid_string"},
		{`"policies": [{"planName": "\u0000"}]`, "records.0.policies.0.planName=invalid_string"},
		{`"healthSherpaCustomerId": "a\tb"`, "records.0.healthSherpaCustomerId=invalid_string"},
		{`"address": "1 Main St\nApt 2"`, ""},
	} {
		_, err := Check(body(rec(tc.member)), opts())
		if tc.want == "" {
			assert.NoError(t, err, tc.member)
			continue
		}
		assert.Equal(t, []string{tc.want}, codes(t, err), tc.member)
	}
	// firstName with a NUL: the record never reaches a store.
	_, err := Check(body(`{"firstName": "A\u0000", "lastName": "Lee", "phoneNumber": "3125550104", "postalCode": "60601"}`), opts())
	assert.Equal(t, []string{"records.0.firstName=invalid_string"}, codes(t, err))
}

// A JSON integer is a number with no fractional part: policyLives 1.0 and
// 1e3 are accepted, 1.5 is rejected on its field, never the whole request
// as "not JSON".
func TestPolicyLivesIsAnIntegerByValue(t *testing.T) {
	v, err := Check(body(rec(`"policies": [{"healthSherpaPolicyId": "a", "policyLives": 1.0}, {"healthSherpaPolicyId": "b", "policyLives": 1e3}]`)), opts())
	require.NoError(t, err)
	assert.Equal(t, int32(1), v.Request.Records[0].Policies[0].PolicyLives)
	assert.Equal(t, int32(1000), v.Request.Records[0].Policies[1].PolicyLives)
	_, err = Check(body(rec(`"policies": [{"policyLives": 1.5}]`)), opts())
	assert.Equal(t, []string{"records.0.policies.0.policyLives=invalid_type"}, codes(t, err))
}

// An over-long or rejected value is never echoed whole: received describes
// it, and a failed record's echoed fields are cut to the field limit.
func TestRejectedValuesAreNeverEchoedWhole(t *testing.T) {
	huge := strings.Repeat("5", 15<<20/10) // a 1.5 MB "phone" (the body limit is 16 MiB)
	_, err := Check(body(`{"firstName": "`+strings.Repeat("A", 300)+`", "lastName": "Lee", "phoneNumber": "`+huge+`", "postalCode": "60601"}`), opts())
	var ve *api.ValidationError
	require.ErrorAs(t, err, &ve)
	out, err := json.Marshal(ve)
	require.NoError(t, err)
	assert.Less(t, len(out), 4096, "the response repeats the value")
	for _, is := range ve.Errors {
		assert.LessOrEqual(t, len(is.Received), 255, "%v", is.Path)
	}
	require.Len(t, ve.FailedRecords, 1)
	fr := ve.FailedRecords[0]
	if fr.PhoneNumber != nil {
		assert.Len(t, *fr.PhoneNumber, MaxLen)
	}
	require.NotNil(t, fr.FirstName, "an over-long firstName is echoed, cut")
	assert.Equal(t, strings.Repeat("A", MaxLen), *fr.FirstName)
	assert.Equal(t, "Lee", *fr.LastName)
}

// Unknown fields of records and policies are kept as raw JSON.
func TestUnknownFieldsAreKept(t *testing.T) {
	v, err := Check(body(rec(`"leadScore": 7, "policies": [{"healthSherpaPolicyId": "a", "subsidy": {"aptc": 120.5}}]`)), opts())
	require.NoError(t, err)
	assert.JSONEq(t, `{"leadScore": 7}`, string(v.Request.Records[0].Extra))
	assert.JSONEq(t, `{"subsidy": {"aptc": 120.5}}`, string(v.Request.Records[0].Policies[0].Extra))
}

// The work is bounded by the API's limits: an array over its limit is one
// issue, its items never examined.
func TestArrayLimitsAreCheckedBeforeItems(t *testing.T) {
	_, err := Check([]byte(`{"records": [`+strings.Repeat(`{},`, 1e6)+`{}]}`), opts())
	var ve *api.ValidationError
	require.ErrorAs(t, err, &ve)
	require.Len(t, ve.Errors, 1)
	assert.Equal(t, "1000001 records", ve.Errors[0].Received)
	_, err = Check(body(rec(`"policies": [`+strings.Repeat(`0,`, 1e5)+`0]`)), opts())
	assert.Equal(t, []string{"records.0.policies=too_big"}, codes(t, err))
}

// A stored policyType "aca" is ACA everywhere: its re-sync matches it (no
// policy_conflict), and termination treats it as ACA.
func TestStoredLowercaseACAIsACA(t *testing.T) {
	lives := int32(2)
	b := newBook(t, Customer{ID: "c1", ExternalID: "E1", FirstName: "Ann", LastName: "Lee", PhoneNumber: "+13125550104",
		Policies: []Policy{
			{ID: "p-old", PolicyType: " aca ", Status: termination.StatusActive, EffectiveDate: "2024-01-01", HealthSherpaPolicyID: "H-OLD", PolicyLives: &lives},
		}})
	resp := syncJSON(t, b, rec(`"externalId": "E1", "policies": [{"healthSherpaPolicyId": "H-OLD", "status": "Active"}]`))
	require.Equal(t, 1, resp.Succeeded, "%+v", resp.Errors)
	resp = syncJSON(t, b, rec(`"externalId": "E1", "policies": [{"healthSherpaPolicyId": "H-NEW"}]`))
	require.Equal(t, 1, resp.Succeeded)
	c, _ := b.Customer("c1")
	assert.Equal(t, termination.StatusTerminated, c.Policies[0].Status, "the one-year rule treats the stored aca policy as ACA")
}

// Response.Results and Book.Customer are deep copies: changing them never
// changes the book, nor races with a sync (run under -race).
func TestResultsAndCustomerAreDeepCopies(t *testing.T) {
	b := newBook(t)
	resp := syncJSON(t, b, rec(`"externalId": "E1", "customFields": [{"key": "k", "value": "vvv"}], "policies": [{"healthSherpaPolicyId": "H1", "policyLives": 3}]`))
	require.Equal(t, 1, resp.Succeeded)
	id := resp.Results[0].Customer.ID
	c, ok := b.Customer(id)
	require.True(t, ok)

	var wg sync.WaitGroup
	wg.Go(func() {
		resp.Results[0].Customer.CustomFields[0].Value[1] = 'X'
		*resp.Results[0].Policies[0].PolicyLives = 99
		c.CustomFields[0].Value[2] = 'Y'
		*c.Policies[0].PolicyLives = 98
	})
	wg.Go(func() {
		for range 10 {
			_, _ = json.Marshal(b)
			_, _ = b.Customer(id)
		}
	})
	wg.Wait()
	again, _ := b.Customer(id)
	assert.JSONEq(t, `"vvv"`, string(again.CustomFields[0].Value))
	assert.Equal(t, int32(3), *again.Policies[0].PolicyLives)
}

// A book error never prints a phone number (or any value of the book).
func TestBookErrorNeverPrintsAPhoneNumber(t *testing.T) {
	for _, book := range []string{
		`{"customers": [{"id": "c", "policies": [{"id": "p", "policyType": "ACA", "policyLives": 3125550101}]}]}`,
		`{"customers": [{"id": "c", "3125550101": "x"}]}`,
		`{"customers": [{"id": "c", "phoneNumber": 3125550101}]}`,
		`{"customers": [{"id": 3125550101}]}`,
	} {
		_, err := ReadBook(strings.NewReader(book))
		require.Error(t, err, book)
		assert.True(t, errors.Is(err, ErrBook), book)
		assert.NotContains(t, err.Error(), "3125550101", book)
		assert.NotContains(t, err.Error(), "555", book)
	}
}

// possible_duplicate also sees a customer created earlier in the same
// batch.
func TestPossibleDuplicateSeesCustomersCreatedEarlierInTheBatch(t *testing.T) {
	b := newBook(t)
	person := `"firstName": "Ann", "lastName": "Lee", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": "01/02/1980"`
	resp := syncJSON(t, b, `{`+person+`, "externalId": "E1"}`, `{`+person+`, "externalId": "E2"}`)
	require.Equal(t, 2, resp.Succeeded)
	var dups []Warning
	for _, w := range resp.Warnings {
		if w.Code == "possible_duplicate" {
			dups = append(dups, w)
		}
	}
	require.Len(t, dups, 1, "%+v", resp.Warnings)
	assert.Equal(t, 1, dups[0].Index)
	assert.Contains(t, dups[0].Message, resp.Results[0].Customer.ID)
	assert.NotContains(t, dups[0].Message, resp.Results[1].Customer.ID+" has", "a customer is not its own duplicate")
	_ = context.Background
}

// A failed record's echoed field is cut to the field limit on a character
// boundary, counted in UTF-16 code units.
func TestCutUTF16(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
	}{
		{"abc", "abc"},
		{strings.Repeat("a", 300), strings.Repeat("a", 255)},
		{strings.Repeat("😀", 200), strings.Repeat("😀", 127)}, // 2 units each
		{"a" + strings.Repeat("😀", 200), "a" + strings.Repeat("😀", 127)},
		{strings.Repeat("é", 300), strings.Repeat("é", 255)},
		{strings.Repeat("中", 1000), strings.Repeat("中", 255)},
	} {
		got := cutUTF16(tc.in, MaxLen)
		assert.Equal(t, tc.want, got)
	}
}

// The decoder fills the fields in the order of fieldSpecs, which its schema
// is built from.
func TestFieldsFollowFieldSpecs(t *testing.T) {
	var r Record
	specs, dst := r.fieldSpecs(), r.recordFields()
	require.Len(t, dst, len(specs))
	for k := range specs {
		assert.Same(t, specs[k].dst, dst[k], specs[k].spec.name)
	}
	var p RecordPolicy
	pspecs, pdst := p.fieldSpecs(), p.policyFields()
	require.Len(t, pdst, len(pspecs))
	for k := range pspecs {
		assert.Same(t, pspecs[k].dst, pdst[k], pspecs[k].spec.name)
	}
}

// The book keeps no piece of a request's body: a decoded request's strings
// share one copy of the whole body, and a book that kept a short name from
// it would keep the whole body alive.
func TestBookDoesNotRetainTheRequestBody(t *testing.T) {
	b := newBook(t)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	func() {
		data := body(rec(`"externalId": "E1", "note": "` + strings.Repeat("x", 12<<20) + `", "customFields": [{"key": "k", "value": "v"}], "policies": [{"healthSherpaPolicyId": "H1", "carrierAssignedPolicyId": "C1", "planCode": "12345FL0010002", "effectiveDate": "2026-01-01"}]`))
		v, err := Check(data, opts())
		require.NoError(t, err)
		_, err = b.SyncValidated(context.Background(), v, opts())
		require.NoError(t, err)
	}()
	runtime.GC()
	runtime.ReadMemStats(&after)
	assert.Less(t, int64(after.HeapAlloc)-int64(before.HeapAlloc), int64(4<<20), "the book keeps the request body alive")
	runtime.KeepAlive(b)
}

// possible_duplicate follows the keys as the batch changes them: a customer
// an earlier record gave the person's fields is named; one whose key an
// earlier record moved away is not.
func TestPossibleDuplicateFollowsKeysChangedInTheBatch(t *testing.T) {
	b := newBook(t,
		Customer{ID: "c-Y", ExternalID: "EY", FirstName: "Other", LastName: "Person", PhoneNumber: "+13125550199", DateOfBirth: "1970-01-01"},
		Customer{ID: "c-Z", ExternalID: "EZ", FirstName: "Ann", LastName: "Lee", PhoneNumber: "+13125550104", DateOfBirth: "1980-01-02"},
	)
	ann := `"firstName": "Ann", "lastName": "Lee", "phoneNumber": "3125550104", "postalCode": "60601", "dateOfBirth": "01/02/1980"`
	other := `"firstName": "Zed", "lastName": "Moved", "phoneNumber": "3125550177", "postalCode": "60601"`
	resp := syncJSON(t, b,
		`{`+ann+`, "externalId": "EY"}`,   // Y becomes Ann (same key as Z)
		`{`+other+`, "externalId": "EZ"}`, // Z moves away (date of birth kept, names and phone change)
		`{`+ann+`, "externalId": "NEW"}`,  // a new Ann: Y holds her key now, Z no longer does
	)
	require.Equal(t, 3, resp.Succeeded)
	var dups []Warning
	for _, w := range resp.Warnings {
		if w.Code == "possible_duplicate" {
			dups = append(dups, w)
		}
	}
	require.Len(t, dups, 1, "%+v", resp.Warnings)
	assert.Equal(t, 2, dups[0].Index)
	assert.Contains(t, dups[0].Message, "c-Y")
	assert.NotContains(t, dups[0].Message, "c-Z")
}

// A body that is JSON but not an object is INVALID_JSON (400), as a body
// that is not JSON: it has no records to validate.
func TestBodyThatIsNotAnObjectIsInvalidJSON(t *testing.T) {
	for _, b := range []string{`[1]`, `"records"`, `null`, `42`} {
		_, err := Check([]byte(b), opts())
		assert.ErrorIs(t, err, ErrSyntax, b)
		eb, ok := BodyFor(err)
		require.True(t, ok, b)
		assert.Equal(t, api.CodeInvalidJSON, eb.Code, b)
	}
}
