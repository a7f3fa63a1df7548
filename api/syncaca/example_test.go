package syncaca_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/termination"
)

func ExampleBook_Sync() {
	book, _ := syncaca.NewBook([]syncaca.Customer{{
		ID: "c1", ExternalID: "crm-1", FirstName: "Ana", LastName: "Reyes", PhoneNumber: "+13055550101", DateOfBirth: "1980-02-29",
		Policies: []syncaca.Policy{{ID: "p1", PolicyType: "ACA", Status: termination.StatusActive, EffectiveDate: "2024-02-29", HealthSherpaPolicyID: "hs-2024"}},
	}})
	body := []byte(`{"records": [{"externalId": "crm-1", "firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101",
		"state": "FL", "postalCode": "33101",
		"policies": [{"healthSherpaPolicyId": "hs-2026", "carrierName": "BCBS", "effectiveDate": "2026-01-01"}]}]}`)
	opt := syncaca.Options{Today: dob.MustNew(2026, 11, 21)}
	v, err := syncaca.Check(body, opt)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp, _ := book.SyncValidated(context.Background(), v, opt)
	fmt.Println(resp.Succeeded, resp.Failed)
	for _, p := range resp.Results[0].Policies {
		prev := "null"
		if p.PreviousStatus != nil {
			prev = p.PreviousStatus.String()
		}
		carrier := p.CarrierName
		if carrier == "" {
			carrier = "(carrier not sent)"
		}
		fmt.Println(p.ID, p.Action, prev, "->", p.Status, carrier)
	}
	// Output:
	// 1 0
	// p1 terminated Active -> Terminated (carrier not sent)
	// pol-1 created null -> Active Florida Blue
}

func ExampleCheck() {
	body := []byte(`{"records": [{"firstName": "Ana", "lastName": "Reyes", "phoneNumber": "305-555-0101", "dateOfBirth": "02/30/1980"}]}`)
	_, err := syncaca.Check(body, syncaca.Options{Today: dob.MustNew(2026, 11, 21)})
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	_ = enc.Encode(err)
	// Output:
	// {
	//   "message": "Validation failed: 3 issues in 1 record",
	//   "code": "VALIDATION_ERROR",
	//   "errors": [
	//     {
	//       "path": [
	//         "records",
	//         "0",
	//         "phoneNumber"
	//       ],
	//       "message": "not an accepted format",
	//       "expected": "+1XXXXXXXXXX, XXXXXXXXXX or (XXX) XXX-XXXX",
	//       "received": "305-555-0101",
	//       "code": "phone_format"
	//     },
	//     {
	//       "path": [
	//         "records",
	//         "0",
	//         "dateOfBirth"
	//       ],
	//       "message": "date does not exist in the calendar (dateOfBirth, code dob_calendar)",
	//       "expected": "a date that exists in the Gregorian calendar, year 0001-9999",
	//       "received": "02/30/1980",
	//       "code": "dob_calendar"
	//     },
	//     {
	//       "path": [
	//         "records",
	//         "0",
	//         "timezone"
	//       ],
	//       "message": "timezone or postalCode required (received neither timezone nor postalCode)",
	//       "expected": "timezone or postalCode",
	//       "received": "neither timezone nor postalCode",
	//       "code": "timezone_or_postal_code_required"
	//     }
	//   ],
	//   "failedRecords": [
	//     {
	//       "index": 0,
	//       "phoneNumber": "305-555-0101",
	//       "firstName": "Ana",
	//       "lastName": "Reyes",
	//       "externalId": null
	//     }
	//   ]
	// }
}
