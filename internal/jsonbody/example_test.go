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

// lives is a caller's own struct, filled through a Sink.
type lives struct {
	id    string
	lives int32
}

func (l *lives) Set(k int, v jsonbody.Value) {
	if v.State != jsonbody.Given {
		return
	}
	switch k {
	case 0:
		l.id = v.Text
	case 1:
		l.lives = v.Int
	}
}
func (l *lives) Items(int, int)              {}
func (l *lives) Item(int, int) jsonbody.Sink { return nil }
func (l *lives) Extra([]byte)                {}

func ExampleDecodeInto() {
	sc := jsonbody.NewSchema("body",
		jsonbody.Field{Name: "externalId", Kind: jsonbody.ID, Max: 255, Strict: true},
		jsonbody.Field{Name: "lives", Kind: jsonbody.Int32},
	)
	var l lives
	res, err := jsonbody.DecodeInto([]byte(`{"externalId": "crm-1", "lives": 1e1}`), sc, &l)
	fmt.Println(l.id, l.lives, res.Total, err)
	// Output:
	// crm-1 10 0 <nil>
}
