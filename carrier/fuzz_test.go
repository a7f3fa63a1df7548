package carrier

import (
	"errors"
	"slices"
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
		"BCBS CO", "bluecrossblueshield", "Anthem Blue Cross Ohio", "&&&&", "ﬃ", "ß",
		"Celtic Insurance Company dba Ambetter", "Humana / Aetna", "Anthem (AMGP)", "((((", ")(",
		"a/b/c/d", "dba dba dba", "X, a Division of Y, a Division of Z", "Humana Ins Co of NY",
		"Medicare Advantage (Humana)", "Plan G plan g", "H1234-001"} {
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

// FuzzStructure builds structured names from two registered carriers and
// checks what the rules promise: "A / B" and "A B" of two different
// carriers are never resolved (two carriers in one field), of one carrier
// resolve to it; "A Insurance Company of <State>" is A (a Blue company only
// in a state it serves, else unknown); "A dba B" is A when A = B and never
// a third carrier; "A Medicare Advantage HMO" is A or ambiguous with A
// among the candidates. No structured name ever answers a carrier it does
// not name.
func FuzzStructure(f *testing.F) {
	r, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	cs := r.Carriers()
	usable := cs[:0:0]
	for _, c := range cs {
		if !strings.ContainsAny(c.DisplayName, "/()") {
			usable = append(usable, c)
		}
	}
	for i := range 8 {
		f.Add(uint16(i*7), uint16(i*13), uint8(i%4), uint8(i*5))
	}
	f.Add(uint16(0), uint16(0), uint8(0), uint8(44))
	f.Fuzz(func(t *testing.T, i, j uint16, form, st uint8) {
		a, b := usable[int(i)%len(usable)], usable[int(j)%len(usable)]
		state := stateCodes[int(st)%numStates]
		var stateName string
		for n, s := range stateNames {
			if s == int(st)%numStates && !strings.Contains(n, " ") {
				stateName = n
			}
		}
		var name string
		switch form % 5 {
		case 0:
			name = a.DisplayName + " / " + b.DisplayName
		case 1:
			name = a.DisplayName + " " + b.DisplayName
		case 2:
			if stateName == "" {
				return
			}
			name = a.DisplayName + " Insurance Company of " + stateName
		case 3:
			name = a.DisplayName + " dba " + b.DisplayName
		case 4:
			name = a.DisplayName + " Medicare Advantage HMO"
		}
		m, err := r.Resolve(Query{Name: name})
		if err == nil && m.Carrier != a && m.Carrier != b {
			t.Fatalf("%q answered %q, a carrier it does not name", name, m.Carrier.DisplayName)
		}
		switch form % 5 {
		case 0, 1:
			if a != b && err == nil {
				t.Fatalf("%q: two carriers in one field answered %q", name, m.Carrier.DisplayName)
			}
			if a == b && form%5 == 0 && (err != nil || m.Carrier != a) {
				t.Fatalf("%q: %v %v, want %q", name, m.Carrier.DisplayName, err, a.DisplayName)
			}
		case 2:
			serves := !a.Blue || slices.ContainsFunc(r.BlueCompanies(state), func(c Carrier) bool { return c == a })
			if serves && (err != nil || m.Carrier != a) {
				t.Fatalf("%q: %v %v, want %q", name, m.Carrier.DisplayName, err, a.DisplayName)
			}
			if !serves && err == nil {
				t.Fatalf("%q: %q does not serve %s", name, a.DisplayName, state)
			}
		case 3:
			if a == b && (err != nil || m.Carrier != a) {
				t.Fatalf("%q: %v %v, want %q", name, m.Carrier.DisplayName, err, a.DisplayName)
			}
		case 4:
			if err == nil && m.Carrier != a {
				t.Fatalf("%q answered %q", name, m.Carrier.DisplayName)
			}
			if u, ok := AsUnresolved(err); ok && (u.Reason != "ambiguous" || !slices.Contains(u.Candidates, a)) {
				t.Fatalf("%q: %s %v, want %q or ambiguous with it", name, u.Reason, u.Candidates, a.DisplayName)
			}
		}
	})
}
