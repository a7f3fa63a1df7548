package carrier

import (
	"errors"
	"strings"
	"testing"
	"unicode"
)

// FuzzResolve: Resolve never panics, is deterministic, answers with a valid
// carrier or a typed error with a code; Normalize is idempotent; Error()
// works on every error and never repeats digits of the input (a phone
// number typed into the wrong field).
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"BCBS", "UHC", "Humanna", "Blue Cross & Blue Shield of Texas, Inc.",
		"B.C.B.S.", "Mútual of Ómaha", "Ａｅｔｎａ", "Medicare", "x of y", "a b of c d", "inc", "", " ",
		"BCBS CO", "bluecrossblueshield", "Anthem Blue Cross Ohio", "&&&&", "ﬃ", "ß"} {
		f.Add(s, "TX", "")
		f.Add(s, "", "66210")
	}
	r, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, name, state, postal string) {
		k := Normalize(name)
		if k2 := Normalize(k); k2 != k {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", name, k, k2)
		}
		q := Query{Name: name, State: state, PostalCode: postal}
		m1, err1 := r.Resolve(q)
		m2, err2 := r.Resolve(q)
		if m1 != m2 || (err1 == nil) != (err2 == nil) {
			t.Fatalf("not deterministic: %v %v / %v %v", m1, err1, m2, err2)
		}
		if err1 == nil {
			if !m1.Carrier.IsValid() || m1.Method == MethodNone || m1.Confidence == No || m1.Score <= 0 || m1.Score > 1 {
				t.Fatalf("bad match %+v", m1)
			}
			return
		}
		var e *Error
		if !errors.As(err1, &e) {
			t.Fatalf("untyped error %v", err1)
		}
		if e.Code() != err2.(*Error).Code() {
			t.Fatalf("codes differ: %s %s", e.Code(), err2.(*Error).Code())
		}
		msg := e.Error()
		if e.Field() != FieldPath || e.Code() == "" || e.Expected() == "" {
			t.Fatalf("incomplete error %#v", e)
		}
		if strings.IndexFunc(name, unicode.IsDigit) >= 0 && strings.Contains(msg, strings.TrimSpace(name)) {
			t.Fatalf("Error() repeats the input: %q", msg)
		}
	})
}
