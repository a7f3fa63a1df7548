package api_test

import (
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/phone"
)

// A rule package's error becomes an entry of the VALIDATION_ERROR body.
func ExampleIssueFrom() {
	_, err := phone.Parse("312-555-010")
	is := api.IssueFrom([]string{"records", "0"}, err)
	fmt.Println(is.Path, is.Code)
	// Output: [records 0 phoneNumber] phone_length
}

func ExampleNewValidationError() {
	_, err := phone.Parse("312-555-010")
	ve := api.NewValidationError([]api.Issue{api.IssueFrom([]string{"records", "0"}, err)}, []api.FailedRecord{{Index: 0}})
	fmt.Println(ve.Status(), ve.Message)
	// Output: 422 Validation failed: 1 issue in 1 record
}

func ExampleRateLimited() {
	body := api.RateLimited(1500 * time.Millisecond)
	fmt.Println(body.Status())
	enc := json.NewEncoder(os.Stdout)
	_ = enc.Encode(body)
	// Output:
	// 429
	// {"message":"Too many requests","code":"RATE_LIMITED","retryAfter":2}
}

func ExampleErrorCode_Status() {
	body := api.NewErrorBody(api.CodeUnauthorized)
	fmt.Println(body.Status(), body.Code, body.Message)
	// Output: 401 UNAUTHORIZED Missing or invalid API key
}
