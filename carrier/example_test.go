package carrier_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/carecycle/carerules/carrier"
)

func names(cs []carrier.Carrier) string {
	var b []string
	for _, c := range cs {
		b = append(b, c.DisplayName)
	}
	return "[" + strings.Join(b, "; ") + "]"
}

func ExampleRegistry_Resolve() {
	r, err := carrier.Default()
	if err != nil {
		panic(err)
	}
	for _, name := range []string{"UHC", "Cigna Health and Life Insurance Company", "Humanna", "United", "Medicare"} {
		m, err := r.Resolve(carrier.Query{Name: name})
		var e *carrier.Error
		switch {
		case err == nil:
			fmt.Printf("%s: %s (%s, %s)\n", name, m.Carrier.DisplayName, m.Method, m.Confidence)
		case errors.As(err, &e):
			fmt.Printf("%s: %s %s\n", name, e.Code(), names(e.Candidates()))
		}
	}
	// Output:
	// UHC: UnitedHealthcare (alias, Exact)
	// Cigna Health and Life Insurance Company: Cigna Healthcare (alias, Exact)
	// Humanna: Humana (fuzzy, Low)
	// United: ambiguous [UnitedHealthcare; Mutual of Omaha; Globe Life]
	// Medicare: unknown []
}

func ExampleRegistry_Resolve_bcbs() {
	r, err := carrier.Default()
	if err != nil {
		panic(err)
	}
	for _, q := range []carrier.Query{
		{Name: "BCBS", State: "TX"},
		{Name: "BCBS of Florida", State: "TX"}, // the named state wins
		{Name: "Blue Cross Blue Shield", State: "MO", PostalCode: "64105"},
		{Name: "Blue Cross Blue Shield", State: "MO", PostalCode: "63101"},
		{Name: "BCBS", State: "CA"},
		{Name: "BCBS"},
	} {
		m, err := r.Resolve(q)
		var e *carrier.Error
		switch {
		case err == nil:
			fmt.Printf("%s/%s: %s (%s)\n", q.Name, q.State, m.Carrier.DisplayName, m.Method)
		case errors.As(err, &e):
			fmt.Printf("%s/%s: %s %s\n", q.Name, q.State, e.Code(), names(e.Candidates()))
		}
	}
	// Output:
	// BCBS/TX: Blue Cross and Blue Shield of Texas (state)
	// BCBS of Florida/TX: Florida Blue (alias)
	// Blue Cross Blue Shield/MO: Blue Cross and Blue Shield of Kansas City (zip)
	// Blue Cross Blue Shield/MO: Anthem Blue Cross and Blue Shield (zip)
	// BCBS/CA: ambiguous [Anthem Blue Cross; Blue Shield of California]
	// BCBS/: state_required []
}

// A host builds a registry from its own carrier list (the shape of the
// API's /v2/carriers), here with one Blue company and a family name.
func ExampleNew() {
	r, err := carrier.New([]carrier.Entry{
		{ID: "acme", DisplayName: "Acme Health", Aliases: []string{"Acme", "AH"}},
		{ID: "acme-dental", DisplayName: "Acme Dental"},
		{ID: "bcbs-nowhere", DisplayName: "Blue Cross of Nowhere", Blue: true, States: []string{"WY"}},
		{ID: "acme-family", DisplayName: "Acme Group", Members: []string{"acme", "acme-dental"}},
	})
	if err != nil {
		panic(err)
	}
	m, _ := r.Resolve(carrier.Query{Name: "ACME HEALTH, INC."})
	fmt.Println(m.Carrier.ID, m.Method)
	m, _ = r.Resolve(carrier.Query{Name: "BCBS", State: "WY"})
	fmt.Println(m.Carrier.ID, m.Method)
	_, err = r.Resolve(carrier.Query{Name: "Acme Group"})
	fmt.Println(errors.Is(err, carrier.ErrAmbiguous))

	// Two carriers may not share an alias.
	_, err = carrier.New([]carrier.Entry{
		{ID: "a", DisplayName: "Alpha", Aliases: []string{"AB"}},
		{ID: "b", DisplayName: "Beta", Aliases: []string{"A.B."}},
	})
	var e *carrier.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code(), e.Field())
	}
	// Output:
	// acme exact
	// bcbs-nowhere state
	// true
	// carrier_duplicate_alias entries[1].aliases[0]
}

// A host that keeps a policy whose carrier cannot be resolved stores the
// name as sent and reports the reason and the candidates.
func ExampleAsUnresolved() {
	r, err := carrier.Default()
	if err != nil {
		panic(err)
	}
	for _, q := range []carrier.Query{
		{Name: "Medica Healthcare", State: "FL"},
		{Name: "BCBS"},
		{Name: "Humana Aetna"},
		{Name: "Oscar Insurance Company of Florida"},
	} {
		m, err := r.Resolve(q)
		if err == nil {
			fmt.Printf("%s: %s (%s)\n", q.Name, m.Carrier.ID, m.Method)
			continue
		}
		if u, ok := carrier.AsUnresolved(err); ok {
			fmt.Printf("%s: keep as sent, carrier_unresolved %s %s\n", q.Name, u.Reason, names(u.Candidates))
		}
	}
	// Output:
	// Medica Healthcare: keep as sent, carrier_unresolved ambiguous [UnitedHealthcare; Medica]
	// BCBS: keep as sent, carrier_unresolved state_required []
	// Humana Aetna: keep as sent, carrier_unresolved unknown []
	// Oscar Insurance Company of Florida: oscar (structure)
}

// Legal entity and filing names resolve by their structure: state and
// product words, dba, a parent in parentheses, slash pairs. Two carriers in
// one field stay unknown; a name another carrier spells differently is not
// merged into it.
func ExampleRegistry_Resolve_structure() {
	r, err := carrier.Default()
	if err != nil {
		panic(err)
	}
	for _, q := range []carrier.Query{
		{Name: "Oscar Insurance Company of Florida"},
		{Name: "Celtic Insurance Company dba Ambetter"},
		{Name: "CarePlus Health Plans (Humana)"},
		{Name: "Humana Ins Co"},
		{Name: "Anthem of California"},
		{Name: "UHC/AARP"},
		{Name: "Humana / Aetna"},
		{Name: "Health First"},
		{Name: "Healthfirst"},
	} {
		m, err := r.Resolve(q)
		var e *carrier.Error
		switch {
		case err == nil:
			fmt.Printf("%s: %s (%s)\n", q.Name, m.Carrier.DisplayName, m.Method)
		case errors.As(err, &e):
			fmt.Printf("%s: %s\n", q.Name, e.Code())
		}
	}
	// Output:
	// Oscar Insurance Company of Florida: Oscar Health (structure)
	// Celtic Insurance Company dba Ambetter: Ambetter (structure)
	// CarePlus Health Plans (Humana): CarePlus Health Plans (structure)
	// Humana Ins Co: Humana (structure)
	// Anthem of California: Anthem Blue Cross (family)
	// UHC/AARP: UnitedHealthcare (structure)
	// Humana / Aetna: unknown
	// Health First: Health First Health Plans (alias)
	// Healthfirst: Healthfirst (exact)
}
