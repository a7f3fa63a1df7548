package syncaca

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/carecycle/carerules/api"
)

var longDigits = regexp.MustCompile(`[0-9]{7,}`)

func digitsOf(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FuzzCheck decodes and validates arbitrary bodies. Properties: no panic;
// a body is either a syntax error, a ValidationError or a valid request;
// no error message holds a record's phone number or date of birth (nor any
// long run of digits for a syntax error); a valid request syncs against an
// empty book with every record accounted for (explained, failed records
// included), no failed record's message holding a phone number or date of
// birth.
func FuzzCheck(f *testing.F) {
	f.Add([]byte(body(okRec)))
	f.Add([]byte(body(`{"firstName": "A", "lastName": "B", "phoneNumber": "(312) 555-0104", "dateOfBirth": "02/29/1980", "timezone": "CST",
		"externalId": 12345, "policies": [{"healthSherpaPolicyId": "h1", "carrierName": "BCBS", "status": "active", "effectiveDate": "2024-02-29"}]}`)))
	f.Add([]byte(body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104999", "dateOfBirth": "02/30/1980", "postalCode": "99999"}`)))
	f.Add([]byte(body(`{"firstName": "A", "lastName": "B", "phoneNumber": "+44 3125550104", "dateOfBirth": "13/13/1980"}`)))
	f.Add([]byte(`{"records": [{"phoneNumber": 3125550104, "dateOfBirth": 19800229}]}`))
	// Record 1 names record 0's new policy: a policy conflict fails it.
	f.Add([]byte(body(`{"firstName": "A", "lastName": "B", "phoneNumber": "3125550104", "postalCode": "60601", "externalId": "e1",
		"policies": [{"healthSherpaPolicyId": "h1"}]}`, `{"firstName": "C", "lastName": "D", "phoneNumber": "3125550105", "postalCode": "60601",
		"externalId": "e2", "policies": [{"healthSherpaPolicyId": "h2"}, {"healthSherpaPolicyId": "h1"}]}`)))
	f.Add([]byte(`{"records": [`))
	f.Add([]byte(`{"records": [], "x": 3125550104`))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Check(data, opts())
		var ve *api.ValidationError
		switch {
		case err == nil:
			if v == nil {
				t.Fatal("nil Validated without error")
			}
			b, berr := NewBook(nil)
			if berr != nil {
				t.Fatal(berr)
			}
			opt := opts()
			opt.Explain = true // explains failed records too
			resp, serr := b.SyncValidated(context.Background(), v, opt)
			if serr != nil {
				var sve *api.ValidationError
				if !errors.As(serr, &sve) { // identifiers over 255 bytes but not 255 characters
					t.Fatalf("sync: %v", serr)
				}
				return
			}
			if resp.Succeeded+resp.Failed != len(v.Request.Records) {
				t.Fatalf("%d + %d != %d records", resp.Succeeded, resp.Failed, len(v.Request.Records))
			}
			for _, e := range resp.Errors {
				r := v.Request.Records[e.Index]
				for _, s := range []string{r.PhoneNumber.Value, r.DateOfBirth.Value} {
					if d := digitsOf(s); len(d) >= 7 && strings.Contains(digitsOf(e.Error), d) {
						t.Fatalf("error %q holds the digits of a phone number or date of birth", e.Error)
					}
				}
			}
		case errors.As(err, &ve):
			req, _ := DecodeBytes(data)
			var pii []string
			if req != nil {
				for _, r := range req.Records {
					for _, s := range []string{r.PhoneNumber.Value, r.DateOfBirth.Value} {
						if d := digitsOf(s); len(d) >= 7 {
							pii = append(pii, d)
						}
					}
				}
			}
			msgs := []string{ve.Error(), ve.Message}
			for _, is := range ve.Errors {
				msgs = append(msgs, is.Message)
			}
			for _, m := range msgs {
				md := digitsOf(m)
				for _, p := range pii {
					if strings.Contains(md, p) {
						t.Fatalf("message %q holds the digits of a phone number or date of birth", m)
					}
				}
			}
		case errors.Is(err, ErrSyntax):
			if longDigits.MatchString(err.Error()) {
				t.Fatalf("syntax error %q holds a long run of digits", err)
			}
		default:
			t.Fatalf("unexpected error %v", err)
		}
	})
}
