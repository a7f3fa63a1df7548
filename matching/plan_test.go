package matching

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// got is the part of a Decision the table tests state.
type got struct {
	Err       error // the sentinel
	Key       CustomerKey
	Outcome   Outcome
	Customer  CustomerRef
	Cands     []CustomerRef
	Fill      []Fill
	Conflicts []IDConflict
	Policies  []gotPolicy
}

type gotPolicy struct {
	Key       PolicyKey
	Outcome   Outcome
	Policy    PolicyRef
	Conflict  ConflictReason
	Cands     []PolicyRef
	Warnings  []Warning
	Fill      []PolicyFill
	Conflicts []PolicyIDConflict
}

func summarize(d Decision) got {
	g := got{Key: d.Customer.Key, Outcome: d.Customer.Outcome, Customer: d.Customer.Customer,
		Cands: d.Customer.Candidates, Fill: d.Customer.Fill, Conflicts: d.Customer.Conflicts}
	if d.Err != nil {
		g.Err = errors.Unwrap(d.Err)
	}
	for _, p := range d.Policies {
		g.Policies = append(g.Policies, gotPolicy{p.Key, p.Outcome, p.Policy, p.Conflict, p.Candidates, p.Warnings, p.Fill, p.Conflicts})
	}
	return g
}

func matched(k CustomerKey, c CustomerRef, pols ...gotPolicy) got {
	return got{Key: k, Outcome: OutcomeMatched, Customer: c, Policies: pols}
}

// failed is g for a record that fails with the sentinel err.
func failed(err error, g got) got {
	g.Err = err
	return g
}

// withPolicies is g with the policy decisions pols.
func withPolicies(g got, pols ...gotPolicy) got {
	g.Policies = pols
	return g
}

func newCustomer(k CustomerKey, record int, fill ...Fill) got {
	return got{Key: k, Outcome: OutcomeNew, Customer: created(record), Fill: fill}
}

// Every matching rule (see the package documentation) has a case here, and every case
// runs under both strategies. cascade is nil where the strategies agree;
// where it is set, the case says how they differ.
var planTests = []struct {
	name    string
	records []Record
	literal []got
	cascade []got // nil: same as literal
}{
	{
		name:    "first identifier present wins: healthSherpaCustomerId matches",
		records: []Record{{IDs: ids("HS1", "EXT2", "")}},
		literal: []got{{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeMatched, Customer: existing("c1"),
			Conflicts: []IDConflict{{Key: KeyExternalID, Held: "EXT1", Incoming: "EXT2"}}}},
	},
	{
		name:    "identifiers are trimmed (ASCII and Unicode spaces)",
		records: []Record{{IDs: ids(" HS1\u00a0\t", "", "")}},
		literal: []got{matched(KeyHealthSherpaCustomerID, existing("c1"))},
	},
	{
		name:    "identifiers compare case-sensitively",
		records: []Record{{IDs: ids("hs1", "", "")}},
		literal: []got{newCustomer(KeyHealthSherpaCustomerID, 0, Fill{KeyHealthSherpaCustomerID, "hs1"})},
	},
	{
		name:    "serialization artifacts are not identifiers (null, undefined, nan, none, any case)",
		records: []Record{{IDs: ids("NULL", "EXT1", "")}, {IDs: ids("undefined", "None", "NaN")}, {IDs: ids(" null ", "nan", "EXT2")}},
		literal: []got{
			matched(KeyExternalID, existing("c1")),
			newCustomer(KeyNone, 1),
			// c2 holds CA2 as carrierAssignedCustomerId, not EXT2: kinds never cross.
			newCustomer(KeyCarrierAssignedCustomerID, 2, Fill{KeyCarrierAssignedCustomerID, "EXT2"}),
		},
	},
	{
		name:    "literal: a new healthSherpaCustomerId makes a new customer; cascade matches the externalId",
		records: []Record{{IDs: ids("HSNEW", "EXT2", "")}},
		literal: []got{{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeNew, Customer: created(0),
			Fill:      []Fill{{KeyHealthSherpaCustomerID, "HSNEW"}},
			Conflicts: []IDConflict{{Key: KeyExternalID, Incoming: "EXT2", HeldBy: []CustomerRef{existing("c2")}}}}},
		cascade: []got{{Key: KeyExternalID, Outcome: OutcomeMatched, Customer: existing("c2"),
			Fill: []Fill{{KeyHealthSherpaCustomerID, "HSNEW"}}}},
	},
	{
		name:    "cascade: the third identifier matches",
		records: []Record{{IDs: ids("HSNEW", "EXTNEW", "CA2")}},
		literal: []got{{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeNew, Customer: created(0),
			Fill:      []Fill{{KeyHealthSherpaCustomerID, "HSNEW"}, {KeyExternalID, "EXTNEW"}},
			Conflicts: []IDConflict{{Key: KeyCarrierAssignedCustomerID, Incoming: "CA2", HeldBy: []CustomerRef{existing("c2")}}}}},
		cascade: []got{{Key: KeyCarrierAssignedCustomerID, Outcome: OutcomeMatched, Customer: existing("c2"),
			Fill:      []Fill{{KeyHealthSherpaCustomerID, "HSNEW"}},
			Conflicts: []IDConflict{{Key: KeyExternalID, Held: "EXT2", Incoming: "EXTNEW"}}}},
	},
	{
		name:    "several customers hold the key: ambiguous, the record fails with the candidates",
		records: []Record{{IDs: ids("", "DUP", "")}},
		literal: []got{{Err: ErrAmbiguousCustomer, Key: KeyExternalID, Outcome: OutcomeAmbiguous,
			Cands: []CustomerRef{existing("c3"), existing("c4")}}},
	},
	{
		name:    "literal: a later ambiguous identifier is a conflict, not a key; cascade stops at the ambiguity",
		records: []Record{{IDs: ids("HSNEW", "DUP", "")}},
		literal: []got{{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeNew, Customer: created(0),
			Fill:      []Fill{{KeyHealthSherpaCustomerID, "HSNEW"}},
			Conflicts: []IDConflict{{Key: KeyExternalID, Incoming: "DUP", HeldBy: []CustomerRef{existing("c3"), existing("c4")}}}}},
		cascade: []got{{Err: ErrAmbiguousCustomer, Key: KeyExternalID, Outcome: OutcomeAmbiguous,
			Cands: []CustomerRef{existing("c3"), existing("c4")}}},
	},
	{
		name: "fallback when no identifier is present: equal after normalization",
		records: []Record{
			person(jane, CustomerIDs{}),
			{FirstName: " JANE ", LastName: "Doé", DateOfBirth: dobOf("01-02-1980"), PhoneNumber: phoneOf("+12127365000")},
		},
		literal: []got{matched(KeyFallback, existing("c1")), matched(KeyFallback, existing("c1"))},
	},
	{
		name: "fallback needs all four fields",
		records: []Record{
			{FirstName: "Jane", LastName: "Doe", PhoneNumber: phoneOf("2127365000")},
			{FirstName: "Jane", LastName: "Doe", DateOfBirth: dobOf("01/02/1980"), PhoneNumber: phoneOf("not a phone")},
		},
		literal: []got{newCustomer(KeyNone, 0), newCustomer(KeyNone, 1)},
	},
	{
		name: "two people differing in any fallback field are not matched",
		records: []Record{
			person([4]string{"Janet", "Doe", "01/02/1980", "2127365000"}, CustomerIDs{}),
			person([4]string{"Jane", "Dow", "01/02/1980", "2127365000"}, CustomerIDs{}),
			person([4]string{"Jane", "Doe", "02/01/1980", "2127365000"}, CustomerIDs{}),
			person([4]string{"Jane", "Doe", "01/02/1980", "2127365001"}, CustomerIDs{}),
		},
		literal: []got{newCustomer(KeyFallback, 0), newCustomer(KeyFallback, 1), newCustomer(KeyFallback, 2), newCustomer(KeyFallback, 3)},
	},
	{
		name:    "literal: no fallback when an identifier is present; cascade falls back when no identifier matched",
		records: []Record{person(jane, ids("", "EXTNEW", ""))},
		literal: []got{newCustomer(KeyExternalID, 0, Fill{KeyExternalID, "EXTNEW"})},
		cascade: []got{{Key: KeyFallback, Outcome: OutcomeMatched, Customer: existing("c1"),
			Conflicts: []IDConflict{{Key: KeyExternalID, Held: "EXT1", Incoming: "EXTNEW"}}}},
	},
	{
		name:    "several customers share the fallback key: ambiguous",
		records: []Record{person(twin, CustomerIDs{})},
		literal: []got{{Err: ErrAmbiguousCustomer, Key: KeyFallback, Outcome: OutcomeAmbiguous,
			Cands: []CustomerRef{existing("c5"), existing("c6")}}},
	},
	{
		name:    "a matched customer gets empty identifiers filled, a different value is a conflict, never overwritten",
		records: []Record{{IDs: ids("HS1", "OTHER", "CANEW")}},
		literal: []got{{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeMatched, Customer: existing("c1"),
			Fill:      []Fill{{KeyCarrierAssignedCustomerID, "CANEW"}},
			Conflicts: []IDConflict{{Key: KeyExternalID, Held: "EXT1", Incoming: "OTHER"}}}},
	},
	{
		name:    "a value another customer holds is never copied in",
		records: []Record{{IDs: ids("HS1", "", "CA2")}},
		literal: []got{{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeMatched, Customer: existing("c1"),
			Conflicts: []IDConflict{{Key: KeyCarrierAssignedCustomerID, Incoming: "CA2", HeldBy: []CustomerRef{existing("c2")}}}}},
	},
	{
		name:    "policy: matched by healthSherpaPolicyId",
		records: []Record{{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("PHS1", "")}}},
		literal: []got{matched(KeyHealthSherpaCustomerID, existing("c1"),
			gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeMatched, Policy: existingPolicy("p1")})},
	},
	{
		name:    "policy: by carrierAssignedPolicyId when healthSherpaPolicyId is absent",
		records: []Record{{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("null", "PCA3")}}},
		literal: []got{matched(KeyHealthSherpaCustomerID, existing("c1"),
			gotPolicy{Key: KeyCarrierAssignedPolicyID, Outcome: OutcomeMatched, Policy: existingPolicy("p3")})},
	},
	{
		name:    "policy: by carrierAssignedPolicyId when healthSherpaPolicyId matches nothing; the empty one is filled",
		records: []Record{{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("PHSNEW", "PCA3")}}},
		literal: []got{matched(KeyHealthSherpaCustomerID, existing("c1"),
			gotPolicy{Key: KeyCarrierAssignedPolicyID, Outcome: OutcomeMatched, Policy: existingPolicy("p3"),
				Fill: []PolicyFill{{KeyHealthSherpaPolicyID, "PHSNEW"}}})},
	},
	{
		name:    "policy: a carrier-ID match holding a different healthSherpaPolicyId is a new policy (renewal)",
		records: []Record{{IDs: ids("", "EXT2", ""), Policies: []PolicyRecord{pol("PHS4-2025", "PCA4")}}},
		literal: []got{matched(KeyExternalID, existing("c2"),
			gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeNew, Policy: createdPolicy(0, 0),
				Warnings: []Warning{WarningDifferentEnrollment},
				Fill:     []PolicyFill{{KeyHealthSherpaPolicyID, "PHS4-2025"}, {KeyCarrierAssignedPolicyID, "PCA4"}}})},
	},
	// A policy conflict is a matching problem: it fails its record
	// (matching problems fail only their record), which keeps its customer and
	// policy decisions so that it explains itself.
	{
		name:    "policy: lookups are global, a match owned by another customer is a conflict that fails the record",
		records: []Record{{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("PHS4-2024", "")}}},
		literal: []got{failed(ErrPolicyConflict, matched(KeyHealthSherpaCustomerID, existing("c1"),
			gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeConflict, Policy: existingPolicy("p4"), Conflict: ConflictOtherCustomer}))},
	},
	{
		name:    "policy: a new customer's policy that exists for another customer is a conflict that fails the record",
		records: []Record{{IDs: ids("HSNEW", "", ""), Policies: []PolicyRecord{pol("PHS1", "")}}},
		literal: []got{{Err: ErrPolicyConflict, Key: KeyHealthSherpaCustomerID, Outcome: OutcomeNew, Customer: created(0),
			Fill: []Fill{{KeyHealthSherpaCustomerID, "HSNEW"}},
			Policies: []gotPolicy{{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeConflict, Policy: existingPolicy("p1"),
				Conflict: ConflictOtherCustomer}}}},
	},
	{
		name:    "policy: literal: another customer's policy fails the new customer's record; cascade: the customer who owns it matches",
		records: []Record{{IDs: ids("HSNEW", "EXT2", ""), Policies: []PolicyRecord{pol("PHS4-2024", "")}}},
		// literal: HSNEW matches nobody, so the customer is new (EXT2 is
		// c2's: not copied); p4 belongs to c2, not to the new customer.
		literal: []got{{Err: ErrPolicyConflict, Key: KeyHealthSherpaCustomerID, Outcome: OutcomeNew, Customer: created(0),
			Fill:      []Fill{{KeyHealthSherpaCustomerID, "HSNEW"}},
			Conflicts: []IDConflict{{Key: KeyExternalID, Incoming: "EXT2", HeldBy: []CustomerRef{existing("c2")}}},
			Policies: []gotPolicy{{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeConflict, Policy: existingPolicy("p4"),
				Conflict: ConflictOtherCustomer}}}},
		// cascade: EXT2 matches c2, who owns p4: no conflict.
		cascade: []got{{Key: KeyExternalID, Outcome: OutcomeMatched, Customer: existing("c2"),
			Fill:     []Fill{{KeyHealthSherpaCustomerID, "HSNEW"}},
			Policies: []gotPolicy{{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeMatched, Policy: existingPolicy("p4")}}}},
	},
	{
		name:    "policy: a match on a non-ACA policy is a conflict that fails the record",
		records: []Record{{IDs: ids("", "EXT2", ""), Policies: []PolicyRecord{pol("PHS2", "")}}},
		literal: []got{failed(ErrPolicyConflict, matched(KeyExternalID, existing("c2"),
			gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeConflict, Policy: existingPolicy("p2"), Conflict: ConflictNotACA}))},
	},
	{
		name:    "policy: a non-ACA match by carrierAssignedPolicyId fails the record; its other policies are decided, not written",
		records: []Record{{IDs: ids("", "EXT1", ""), Policies: []PolicyRecord{pol("PHS1", ""), pol("PNEW", ""), pol("", "PCAMA")}}},
		literal: []got{failed(ErrPolicyConflict, matched(KeyExternalID, existing("c1"),
			gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeMatched, Policy: existingPolicy("p1")},
			gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeNew, Policy: createdPolicy(0, 1), Fill: []PolicyFill{{KeyHealthSherpaPolicyID, "PNEW"}}},
			gotPolicy{Key: KeyCarrierAssignedPolicyID, Outcome: OutcomeConflict, Policy: existingPolicy("p7"), Conflict: ConflictNotACA}))},
	},
	{
		name:    "policy: neither identifier: created, with a warning",
		records: []Record{{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol(" ", "none")}}},
		literal: []got{matched(KeyHealthSherpaCustomerID, existing("c1"),
			gotPolicy{Key: PolicyKeyNone, Outcome: OutcomeNew, Policy: createdPolicy(0, 0), Warnings: []Warning{WarningNoIdentifier}})},
	},
	{
		name:    "policy: several policies hold the carrier ID: a conflict with the candidates, which fails the record",
		records: []Record{{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("", "PCA56")}}},
		literal: []got{failed(ErrPolicyConflict, matched(KeyHealthSherpaCustomerID, existing("c1"),
			gotPolicy{Key: KeyCarrierAssignedPolicyID, Outcome: OutcomeConflict, Conflict: ConflictAmbiguous,
				Cands: []PolicyRef{existingPolicy("p5"), existingPolicy("p6")}}))},
	},
	{
		name:    "policy: an ambiguous carrier ID fails a new customer's record too",
		records: []Record{person(ann, CustomerIDs{}, pol("PHSNEW", "PCA56"))},
		// ann is nobody's fallback key: a new customer. PHSNEW matches
		// nothing; PCA56 is held by p5 and p6 (no healthSherpaPolicyId, so
		// neither is another enrollment).
		literal: []got{{Err: ErrPolicyConflict, Key: KeyFallback, Outcome: OutcomeNew, Customer: created(0),
			Policies: []gotPolicy{{Key: KeyCarrierAssignedPolicyID, Outcome: OutcomeConflict, Conflict: ConflictAmbiguous,
				Cands: []PolicyRef{existingPolicy("p5"), existingPolicy("p6")}}}}},
	},
	{
		name:    "policy: a different carrier ID on a healthSherpa match is reported, not overwritten",
		records: []Record{{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("PHS1", "PCAX")}}},
		literal: []got{matched(KeyHealthSherpaCustomerID, existing("c1"),
			gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeMatched, Policy: existingPolicy("p1"),
				Conflicts: []PolicyIDConflict{{KeyCarrierAssignedPolicyID, "PCA1", "PCAX"}}})},
	},
	{
		name: "two policies of one record with the same identifier fail that record, not the others",
		records: []Record{
			{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("X", ""), pol(" X ", "")}},
			{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("", "Q"), pol("Y", "Q")}},
			{IDs: ids("HS1", "", "")},
		},
		literal: []got{{Err: ErrDuplicatePolicyID}, {Err: ErrDuplicatePolicyID}, matched(KeyHealthSherpaCustomerID, existing("c1"))},
	},
	{
		name:    "two policies of one record resolving to one stored policy fail that record",
		records: []Record{{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("PHS1", ""), pol("", "PCA1")}}},
		literal: []got{{Err: ErrDuplicatePolicyID, Key: KeyHealthSherpaCustomerID, Outcome: OutcomeMatched, Customer: existing("c1")}},
	},
	{
		name:    "batch: a record matches the customer an earlier record created",
		records: []Record{{IDs: ids("HSNEW", "", "")}, {IDs: ids("HSNEW", "", "")}, {IDs: ids("", "", "x"), FirstName: "Zed"}},
		literal: []got{
			newCustomer(KeyHealthSherpaCustomerID, 0, Fill{KeyHealthSherpaCustomerID, "HSNEW"}),
			matched(KeyHealthSherpaCustomerID, created(0)),
			newCustomer(KeyCarrierAssignedCustomerID, 2, Fill{KeyCarrierAssignedCustomerID, "x"}),
		},
	},
	{
		name: "batch: a new customer's fallback key is seen by later records",
		records: []Record{
			person(ann, ids("", "EXTANN", "")),
			person(ann, CustomerIDs{}),
		},
		literal: []got{newCustomer(KeyExternalID, 0, Fill{KeyExternalID, "EXTANN"}), matched(KeyFallback, created(0))},
		// cascade: the record first tries the externalId, finds nothing, then the fallback (also nothing).
		cascade: []got{newCustomer(KeyFallback, 0, Fill{KeyExternalID, "EXTANN"}), matched(KeyFallback, created(0))},
	},
	{
		name: "batch: an identifier filled and a fallback key set by an earlier record are seen",
		records: []Record{
			person(ann, ids("HS7", "E7", "")),
			{IDs: ids("", "E7", "")},
			person(ann, CustomerIDs{}),
		},
		literal: []got{
			{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeMatched, Customer: existing("c7"), Fill: []Fill{{KeyExternalID, "E7"}}},
			matched(KeyExternalID, existing("c7")),
			matched(KeyFallback, existing("c7")),
		},
	},
	{
		name: "batch: a later record cannot copy an identifier an earlier record gave to another customer",
		records: []Record{
			{IDs: ids("HS7", "E7", "")},
			{IDs: ids("HS1", "", "E7")},
			{IDs: ids("HSZ", "E7", "")},
		},
		literal: []got{
			{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeMatched, Customer: existing("c7"), Fill: []Fill{{KeyExternalID, "E7"}}},
			{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeMatched, Customer: existing("c1"), Fill: []Fill{{KeyCarrierAssignedCustomerID, "E7"}}},
			{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeNew, Customer: created(2), Fill: []Fill{{KeyHealthSherpaCustomerID, "HSZ"}},
				Conflicts: []IDConflict{{Key: KeyExternalID, Incoming: "E7", HeldBy: []CustomerRef{existing("c7")}}}},
		},
		cascade: []got{
			{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeMatched, Customer: existing("c7"), Fill: []Fill{{KeyExternalID, "E7"}}},
			{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeMatched, Customer: existing("c1"), Fill: []Fill{{KeyCarrierAssignedCustomerID, "E7"}}},
			{Key: KeyExternalID, Outcome: OutcomeMatched, Customer: existing("c7"),
				Conflicts: []IDConflict{{Key: KeyHealthSherpaCustomerID, Held: "HS7", Incoming: "HSZ"}}},
		},
	},
	{
		name: "batch: a policy created by an earlier record is matched by the same customer, a conflict for another",
		records: []Record{
			{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("PNEW", "")}},
			{IDs: ids("", "EXT1", ""), Policies: []PolicyRecord{pol("PNEW", "")}},
			{IDs: ids("", "EXT2", ""), Policies: []PolicyRecord{pol("PNEW", "")}},
		},
		literal: []got{
			matched(KeyHealthSherpaCustomerID, existing("c1"), gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeNew,
				Policy: createdPolicy(0, 0), Fill: []PolicyFill{{KeyHealthSherpaPolicyID, "PNEW"}}}),
			matched(KeyExternalID, existing("c1"), gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeMatched, Policy: createdPolicy(0, 0)}),
			failed(ErrPolicyConflict, matched(KeyExternalID, existing("c2"), gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeConflict,
				Policy: createdPolicy(0, 0), Conflict: ConflictOtherCustomer})),
		},
	},
	{
		name: "batch: a record failed by a policy conflict writes nothing and later records do not see it",
		records: []Record{
			{IDs: ids("HSX", "", ""), Policies: []PolicyRecord{pol("PX", ""), pol("PHS2", "")}},
			{IDs: ids("HSX", "", ""), Policies: []PolicyRecord{pol("PX", "")}},
			{IDs: ids("HS1", "", "CAX"), Policies: []PolicyRecord{pol("PHS1", ""), pol("PHS4-2024", "")}},
			{IDs: ids("", "", "CAX"), Policies: []PolicyRecord{pol("PHS1", "")}},
		},
		literal: []got{
			// PHS2 is c2's (and not ACA; ownership is checked first): the
			// record fails, neither its new customer nor PX is created.
			{Err: ErrPolicyConflict, Key: KeyHealthSherpaCustomerID, Outcome: OutcomeNew, Customer: created(0),
				Fill: []Fill{{KeyHealthSherpaCustomerID, "HSX"}},
				Policies: []gotPolicy{
					{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeNew, Policy: createdPolicy(0, 0), Fill: []PolicyFill{{KeyHealthSherpaPolicyID, "PX"}}},
					{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeConflict, Policy: existingPolicy("p2"), Conflict: ConflictOtherCustomer},
				}},
			// So HSX and PX are new again, created by record 1.
			withPolicies(newCustomer(KeyHealthSherpaCustomerID, 1, Fill{KeyHealthSherpaCustomerID, "HSX"}),
				gotPolicy{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeNew, Policy: createdPolicy(1, 0), Fill: []PolicyFill{{KeyHealthSherpaPolicyID, "PX"}}}),
			// p4 is c2's: c1 does not get CAX.
			failed(ErrPolicyConflict, got{Key: KeyHealthSherpaCustomerID, Outcome: OutcomeMatched, Customer: existing("c1"),
				Fill: []Fill{{KeyCarrierAssignedCustomerID, "CAX"}},
				Policies: []gotPolicy{
					{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeMatched, Policy: existingPolicy("p1")},
					{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeConflict, Policy: existingPolicy("p4"), Conflict: ConflictOtherCustomer},
				}}),
			// So CAX is nobody's: a new customer, and p1 (c1's) is a conflict.
			{Err: ErrPolicyConflict, Key: KeyCarrierAssignedCustomerID, Outcome: OutcomeNew, Customer: created(3),
				Fill:     []Fill{{KeyCarrierAssignedCustomerID, "CAX"}},
				Policies: []gotPolicy{{Key: KeyHealthSherpaPolicyID, Outcome: OutcomeConflict, Policy: existingPolicy("p1"), Conflict: ConflictOtherCustomer}}},
		},
	},
	{
		name: "batch: a failed record is not seen by later records",
		records: []Record{
			{IDs: ids("", "XF", ""), Policies: []PolicyRecord{pol("D", ""), pol("D", "")}},
			{IDs: ids("", "XF", "")},
		},
		literal: []got{{Err: ErrDuplicatePolicyID}, newCustomer(KeyExternalID, 1, Fill{KeyExternalID, "XF"})},
	},
}

func TestPlanRules(t *testing.T) {
	for _, tt := range planTests {
		for _, s := range []Strategy{StrategyLiteral, StrategyCascade} {
			t.Run(s.String()+"/"+tt.name, func(t *testing.T) {
				want := tt.literal
				if s == StrategyCascade && tt.cascade != nil {
					want = tt.cascade
				}
				p := planWith(t, fixture(t), s, tt.records...)
				require.Len(t, want, len(tt.records), "the table must state every record")
				for i, d := range p.Decisions {
					assert.Equal(t, i, d.Record)
					assert.Equal(t, want[i], summarize(d), "record %d", i)
				}
			})
		}
	}
}
