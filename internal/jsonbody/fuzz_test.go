package jsonbody

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"reflect"
	"runtime"
	"strconv"
	"testing"
	"unicode/utf8"
)

// FuzzDecode checks Decode against encoding/json and its own promises:
//   - it never panics, and accepts exactly the bodies json.Valid accepts
//     (a body that is JSON but not an object is ErrNotObject);
//   - a body with no issue decodes to the values encoding/json gives (strings,
//     identifiers' literal text, integers by value, raw custom values, the
//     unknown members in Extra);
//   - at most MaxIssues issues are kept and Total counts at least those;
//     every issue's path exists in the body (but the last segment of a
//     missing required field); received never holds more than 40
//     characters;
//   - it allocates at most 10 times the body, plus the decoded objects,
//     bounded by the schema's limits (2 MiB);
//   - DecodeInto reports the same issues as Decode.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"records": [` + benchRec + `]}`,
		`{"records": [` + rec(`"externalId": 12345678901234567890, "nickname": "x", "policies": [{"policyLives": 1.0, "y": [1]}]`) + `]}`,
		`{"records": [` + rec(`"customFields": [{"key": "k", "value": ["a", "b"]}, {"key": "n", "value": 1.5e3}, {"key": "b", "value": true}]`) + `]}`,
		`{"records": [` + rec(`"externalId": "ID-\ud800"`) + `, ` + rec(`"externalId": "ID-\udbff"`) + `]}`,
		`{"records": [` + rec(`"externalId": "ID-`+"\xff"+`"`) + `, ` + rec(`"externalId": "ID-`+"\xfe"+`"`) + `]}`,
		`{"records": [` + rec(`"firstName": "Ana\u0000"`) + `]}`,
		`{"records": [{}, {}, {}]}`, `{"records": [0, 0]}`, `[]`, `"x"`, `{"records": {}}`,
		`{"records": [` + rec(`"policies": [{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}]`) + `]}`,
		`{"records": [` + rec(`"policies": [{"policyLives": 2147483648}, {"policyLives": 1e-1}]`) + `]}`,
		`{"a": [[[[[]]]]], "records": null}`, `{"records": [{"first\u004eame": "A", "firstName": "B"}]}`,
	} {
		f.Add([]byte(s))
	}
	sc := syncSchema()
	f.Fuzz(func(t *testing.T, body []byte) {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res, err := Decode(body, sc)
		runtime.ReadMemStats(&after)
		// The decoded objects cost up to the schema's limits whatever the
		// body (100 records of 10 policies and 50 custom fields, a Value per
		// field: 1.7 MB for 21 KB of {}), then 10 times the body.
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 10*uint64(len(body))+2<<20 {
			t.Errorf("allocated %d bytes for a %d-byte body", alloc, len(body))
		}
		// DecodeInto reports the same issues, whatever the sink.
		res2, err2 := DecodeInto(body, sc, discard{})
		if (err == nil) != (err2 == nil) || !reflect.DeepEqual(res.Issues, res2.Issues) || res.Total != res2.Total || !reflect.DeepEqual(res.Failed, res2.Failed) {
			t.Fatalf("DecodeInto differs from Decode: %v %v", err, err2)
		}
		if (err == nil || errors.Is(err, ErrNotObject)) != json.Valid(body) {
			t.Fatalf("Decode error %v, json.Valid %v", err, json.Valid(body))
		}
		if err != nil {
			if errors.Is(err, ErrNotObject) {
				var v any
				if json.Unmarshal(body, &v) == nil {
					if _, isObj := v.(map[string]any); isObj {
						t.Fatal("an object reported as not an object")
					}
				}
			}
			return
		}
		if len(res.Issues) > MaxIssues || res.Total < len(res.Issues) || (res.Total > 0) != (len(res.Issues) > 0) {
			t.Fatalf("%d issues kept, total %d", len(res.Issues), res.Total)
		}
		var doc any
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&doc); err != nil {
			t.Fatal(err)
		}
		for _, is := range res.Issues {
			if utf8.RuneCountInString(is.Received) > 40 {
				t.Errorf("received %d characters", utf8.RuneCountInString(is.Received))
			}
			path := is.Path
			if is.Received == "undefined" {
				path = path[:len(path)-1]
			}
			if !pathExists(doc, path) {
				t.Errorf("issue path %q is not in the body", is.Path)
			}
		}
		if res.Total == 0 {
			compareObject(t, sc, res.Object, doc.(map[string]any))
		}
	})
}

func pathExists(v any, path []string) bool {
	for _, p := range path {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[p]; !ok {
				return false
			}
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return false
			}
			v = x[i]
		default:
			return false
		}
	}
	return true
}

// compareObject checks a decoded object against encoding/json's map.
func compareObject(t *testing.T, sc *Schema, o Object, m map[string]any) {
	t.Helper()
	rest := map[string]any{}
	for k, v := range m {
		rest[k] = v
	}
	for k, f := range sc.fields {
		v := o.Values[k]
		jv, present := m[f.Name]
		delete(rest, f.Name)
		switch {
		case !present:
			if v.State != Absent {
				t.Errorf("%s: state %d, absent in the body", f.Name, v.State)
			}
			continue
		case jv == nil:
			if v.State != Null {
				t.Errorf("%s: state %d, null in the body", f.Name, v.State)
			}
			continue
		case v.State != Given:
			t.Errorf("%s: state %d, no issue", f.Name, v.State)
			continue
		}
		switch f.Kind {
		case String, Enum, ID:
			want := ""
			switch x := jv.(type) {
			case string:
				want = x
			case json.Number:
				want = string(x)
			}
			if v.Text != want {
				t.Errorf("%s: %q, encoding/json %q", f.Name, v.Text, want)
			}
			if _, isNum := jv.(json.Number); isNum != v.Number {
				t.Errorf("%s: Number %v", f.Name, v.Number)
			}
		case Int32:
			x, _, err := big.ParseFloat(string(jv.(json.Number)), 10, 4096, big.ToNearestEven)
			if err != nil || !x.IsInt() {
				t.Errorf("%s: %s is not an integer, decoded %d", f.Name, jv, v.Int)
			} else if n, _ := x.Int64(); n != int64(v.Int) {
				t.Errorf("%s: %s decoded as %d", f.Name, jv, v.Int)
			}
		case CustomValue:
			var got any
			d := json.NewDecoder(bytes.NewReader([]byte(v.Text)))
			d.UseNumber()
			if err := d.Decode(&got); err != nil || !reflect.DeepEqual(got, jv) {
				t.Errorf("%s: raw %q, encoding/json %v", f.Name, v.Text, jv)
			}
		case Objects:
			arr := jv.([]any)
			items := o.Items(k)
			if len(items) != len(arr) {
				t.Fatalf("%s: %d items, encoding/json %d", f.Name, len(items), len(arr))
			}
			for n := range items {
				compareObject(t, f.Elem, items[n], arr[n].(map[string]any))
			}
		}
	}
	var extra map[string]any
	if o.Extra != nil {
		d := json.NewDecoder(bytes.NewReader(o.Extra))
		d.UseNumber()
		if err := d.Decode(&extra); err != nil {
			t.Fatalf("Extra %q: %v", o.Extra, err)
		}
	}
	if len(extra) != len(rest) || (len(rest) > 0 && !reflect.DeepEqual(extra, rest)) {
		t.Errorf("Extra %q, encoding/json's unknown members %v", o.Extra, rest)
	}
}
