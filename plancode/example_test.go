package plancode_test

import (
	"errors"
	"fmt"

	"github.com/carecycle/carerules/plancode"
)

func ExampleParse() {
	for _, s := range []string{"H1234001000", "h1234-001-7", "Ｓ５６７８－０１２－０００"} {
		c, err := plancode.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(c, c.ContractID(), c.PlanID(), c.SegmentID(), c.Prefix().Meaning())
	}
	// Output:
	// H1234-001-000 H1234 001 000 local Medicare Advantage (MA/MAPD)
	// H1234-001-007 H1234 001 007 local Medicare Advantage (MA/MAPD)
	// S5678-012-000 S5678 012 000 stand-alone prescription drug plan (PDP)
}

func ExampleCanonical() {
	for _, p := range []struct{ policyType, planCode string }{
		{"MA", "H1290036001"},
		{"pdp", "x0001-002-000"},
		{"MS", "  Plan G "},
		{"MAPD", "S1234-001-000"},
	} {
		code, err := plancode.Canonical(p.policyType, p.planCode)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%q\n", code)
	}
	// Output:
	// "H1290-036-001"
	// "X0001-002-000"
	// "Plan G"
	// error: plancode: planCode "S1234-001-000" has prefix S, not allowed for policy type MAPD; allowed prefixes: H or R
}

// A host maps any rejection onto the API's validation error with one
// errors.As, and branches on the sentinels with errors.Is.
func ExampleError() {
	_, err := plancode.Canonical("MA", "H1234-001")

	var e interface {
		Field() string
		Code() string
		Expected() string
		Received() string
	}
	if errors.As(err, &e) {
		fmt.Println("path:    ", e.Field())
		fmt.Println("code:    ", e.Code())
		fmt.Println("expected:", e.Expected())
		fmt.Println("received:", e.Received())
	}
	fmt.Println(errors.Is(err, plancode.ErrIncomplete))
	fmt.Println(err)
	// Output:
	// path:     planCode
	// code:     plan_code_incomplete
	// expected: H1234-001-000
	// received: H1234-001
	// true
	// plancode: planCode "H1234-001" is incomplete: the segment ID is missing; did you mean H1234-001-000 (segment 000 when the plan has no segments)?
}

func ExampleCode_MarshalText() {
	c := plancode.MustParse("r1234-005-01")
	b, _ := c.MarshalText()
	fmt.Println(string(b))

	var zero plancode.Code
	b, _ = zero.MarshalText()
	fmt.Printf("%q %v\n", b, zero.IsValid())
	// Output:
	// R1234-005-001
	// "" false
}
