package jsonbody_test

import (
	"fmt"

	"github.com/carecycle/carerules/internal/jsonbody"
)

func ExampleDecode() {
	sc := jsonbody.NewSchema("body",
		jsonbody.Field{Name: "externalId", Kind: jsonbody.ID, Max: 255, Strict: true},
		jsonbody.Field{Name: "lives", Kind: jsonbody.Int32},
		jsonbody.Field{Name: "city", Kind: jsonbody.String, Max: 5},
	)
	res, err := jsonbody.Decode([]byte(`{"externalId": 12345678901234567890, "lives": 2.0, "city": "Springfield", "note": "kept"}`), sc)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Object.Values[0].Text, res.Object.Values[1].Int, string(res.Object.Extra))
	for _, is := range res.Issues {
		fmt.Println(is.Path, is.Code, is.Received)
	}

	res, _ = jsonbody.Decode([]byte(`{"externalId": "ID-\ud800"}`), sc)
	fmt.Println(res.Issues[0].Path, res.Issues[0].Code)
	// Output:
	// 12345678901234567890 2 {"note": "kept"}
	// [city] too_big 11 characters
	// [externalId] invalid_string
}
