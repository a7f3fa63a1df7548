package phone_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/carecycle/carerules/phone"
)

func ExampleParse() {
	for _, s := range []string{"+14152345678", "4152345678", " (415) 234-5678 "} {
		n, err := phone.Parse(s)
		fmt.Println(n, err)
	}
	// A lenient-only form is a format error for the strict parser.
	_, err := phone.Parse("415-234-5678")
	fmt.Println(errors.Is(err, phone.ErrFormat))
	// Output:
	// +14152345678 <nil>
	// +14152345678 <nil>
	// +14152345678 <nil>
	// true
}

func ExampleParseLenient() {
	for _, s := range []string{
		"415.234.5678",
		"1-415-234-5678",
		"+1 (415) 234-5678",
		"1-800-FLOWERS",      // vanity letters
		"415-234-5678 x12",   // extension
		"011 1 415 234 5678", // international prefix
		"(415) 911-5678",     // N11 exchange
	} {
		n, err := phone.ParseLenient(s)
		if err != nil {
			var e *phone.Error
			errors.As(err, &e)
			fmt.Println(e.Code())
			continue
		}
		fmt.Println(n.E164())
	}
	// Output:
	// +14152345678
	// +14152345678
	// +14152345678
	// phone_characters
	// phone_characters
	// phone_length
	// phone_exchange
}

func ExampleNumber_Region() {
	for _, s := range []string{"+12125550123", "+19025550123", "+18765550123", "+18005550123", "+16846331234"} {
		n := phone.MustParse(s)
		r := n.Region()
		fmt.Printf("%s %s %q %s toll-free=%t fictional=%t\n",
			n.AreaCode(), r.Country, r.Subdivision, r.Class, n.TollFree(), n.Fictional())
	}
	// Output:
	// 212 US "NY" geographic toll-free=false fictional=true
	// 902 CA "NS PE" geographic toll-free=false fictional=true
	// 876 JM "" geographic toll-free=false fictional=true
	// 800 US "" toll_free toll-free=true fictional=true
	// 684 US "AS" geographic toll-free=false fictional=false
}

func ExampleError() {
	_, err := phone.Parse("(370) 234-5678")
	// A host maps any carerules error onto the API's validation error with one
	// errors.As on an interface it declares.
	var v interface {
		Field() string
		Code() string
		Expected() string
		Received() string
	}
	if errors.As(err, &v) {
		fmt.Println(v.Field(), v.Code(), v.Received())
	}
	// The message never contains the number.
	fmt.Println(err)
	// Output:
	// phoneNumber phone_area_code (370) 234-5678
	// phone: invalid or unassigned area code
}

func ExampleNumber_MarshalText() {
	var rec struct {
		Phone phone.Number `json:"phoneNumber"`
	}
	err := json.Unmarshal([]byte(`{"phoneNumber":"(415) 234-5678"}`), &rec)
	fmt.Println(err)
	out, _ := json.Marshal(rec)
	fmt.Println(string(out))
	// Output:
	// <nil>
	// {"phoneNumber":"+14152345678"}
}
