package matching

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/carecycle/carerules/termination"
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

// Every rule of RULES.md (section matching) has a case here, and every case
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
	// (RULES.md, matching, first bullet), which keeps its customer and
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

func TestPlanErrorDetails(t *testing.T) {
	p := planWith(t, fixture(t), StrategyLiteral,
		Record{IDs: ids("", "DUP", "")},
		person(twin, CustomerIDs{}),
		Record{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("X", ""), pol("", "Q"), pol("X", "")}},
	)
	assert.Equal(t, 0, p.Succeeded())
	assert.Equal(t, 3, p.Failed())
	type fielder interface {
		Field() string
		Code() string
		Expected() string
		Received() string
	}
	wants := []struct{ field, code, received string }{
		{"records.0.externalId", "ambiguous_customer", "DUP"},
		{"records.1", "ambiguous_customer", ""},
		{"records.2.policies.2.healthSherpaPolicyId", "duplicate_policy_identifier", "X"},
	}
	for i, w := range wants {
		var f fielder
		require.True(t, errors.As(p.Decisions[i].Err, &f))
		assert.Equal(t, w.field, f.Field())
		assert.Equal(t, w.code, f.Code())
		assert.NotEmpty(t, f.Expected())
		if w.received != "" {
			assert.Equal(t, w.received, f.Received())
		}
		assert.Nil(t, p.Decisions[i].Policies)
	}
	// The fallback ambiguity names the candidates, never the person.
	var e *Error
	require.ErrorAs(t, p.Decisions[1].Err, &e)
	assert.Equal(t, []CustomerRef{existing("c5"), existing("c6")}, e.Candidates)
	for _, s := range []string{e.Error(), e.Received()} {
		for _, pii := range []string{"Sam", "sam", "Poe", "poe", "1990", "415", "867", "5309"} {
			assert.NotContains(t, s, pii)
		}
	}
	assert.Contains(t, e.Error(), "c5")
}

// A policy conflict fails its record with an *Error naming the policy, the
// identifier that matched, the reason and the policies matched; the record
// keeps its policy decisions.
func TestPlanPolicyConflictErrorDetails(t *testing.T) {
	p := planWith(t, fixture(t), StrategyLiteral,
		person(jane, ids("HS1", "", ""), pol("PHS1", ""), pol("PHS4-2024", "PCA4"), pol("PHS2", "")),
		person(twin, ids("", "EXT2", ""), pol("PHS2", "")),
		person(john, ids("", "EXT1", ""), pol("", "PCA56")),
	)
	assert.Equal(t, 3, p.Failed())
	wants := []struct {
		field    string
		received string
		policy   int
		reason   ConflictReason
		matches  []PolicyRef
		text     string
	}{
		// Policies 1 (other customer) and 2 (not ACA, and c2's) conflict:
		// the error names the first.
		{"records.0.policies.1.healthSherpaPolicyId", "PHS4-2024", 1, ConflictOtherCustomer, []PolicyRef{existingPolicy("p4")},
			"policy_conflict: other_customer (p4)"},
		{"records.1.policies.0.healthSherpaPolicyId", "PHS2", 0, ConflictNotACA, []PolicyRef{existingPolicy("p2")},
			"policy_conflict: not_aca (p2)"},
		{"records.2.policies.0.carrierAssignedPolicyId", "PCA56", 0, ConflictAmbiguous, []PolicyRef{existingPolicy("p5"), existingPolicy("p6")},
			"policy_conflict: ambiguous (p5, p6)"},
	}
	for i, w := range wants {
		d := p.Decisions[i]
		var e *Error
		require.ErrorAs(t, d.Err, &e, "record %d", i)
		assert.ErrorIs(t, d.Err, ErrPolicyConflict)
		assert.Equal(t, w.field, e.Field())
		assert.Equal(t, "policy_conflict", e.Code())
		assert.Equal(t, w.received, e.Received())
		assert.NotEmpty(t, e.Expected())
		assert.Equal(t, i, e.Record)
		assert.Equal(t, w.policy, e.Policy)
		assert.Equal(t, w.reason, e.Conflict)
		assert.Equal(t, w.matches, e.PolicyMatches)
		assert.True(t, strings.HasSuffix(e.Error(), w.text), "%q", e.Error())
		require.Len(t, d.Policies, []int{3, 1, 1}[i], "every policy of the record is decided")
		assert.Equal(t, OutcomeConflict, d.Policies[w.policy].Outcome)
		assert.Equal(t, w.reason, d.Policies[w.policy].Conflict)
		// The error names policies, never the person.
		for _, s := range []string{e.Error(), e.Received(), e.Expected()} {
			for _, pii := range []string{"Jane", "Doe", "Sam", "Poe", "John", "Roe", "1980", "1990", "1975", "5000", "5309", "4400"} {
				assert.NotContains(t, s, pii)
			}
		}
	}
	// Record 0 keeps every decision: p1 matched, two conflicts.
	assert.Equal(t, []Outcome{OutcomeMatched, OutcomeConflict, OutcomeConflict},
		[]Outcome{p.Decisions[0].Policies[0].Outcome, p.Decisions[0].Policies[1].Outcome, p.Decisions[0].Policies[2].Outcome})
	assert.Equal(t, ConflictOtherCustomer, p.Decisions[0].Policies[2].Conflict, "p2 is c2's, and ownership is checked first")
	// Failed records take no part in the one-year rule.
	assert.Empty(t, p.Customers())
}

func TestPlanValidation(t *testing.T) {
	pl := NewPlanner(fixture(t), StrategyLiteral)
	ctx := context.Background()
	codes := func(err error) []string {
		var out []string
		for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
			var me *Error
			require.ErrorAs(t, e, &me)
			out = append(out, me.Field()+" "+me.Code())
		}
		return out
	}

	_, err := pl.Plan(ctx, nil)
	assert.ErrorIs(t, err, ErrRecordCount)
	_, err = pl.Plan(ctx, make([]Record, MaxRecords+1))
	assert.ErrorIs(t, err, ErrRecordCount)
	p, err := pl.Plan(ctx, make([]Record, MaxRecords))
	require.NoError(t, err)
	assert.Equal(t, MaxRecords, p.Succeeded())

	long := strings.Repeat("x", MaxFieldLen+1)
	_, err = pl.Plan(ctx, []Record{
		{IDs: ids("ok", "", long)},
		{Policies: make([]PolicyRecord, MaxPolicies+1)},
		{Policies: []PolicyRecord{pol(long, "")}},
	})
	assert.ErrorIs(t, err, ErrTooLong)
	assert.ErrorIs(t, err, ErrPolicyCount)
	assert.Equal(t, []string{
		"records.0.carrierAssignedCustomerId identifier_too_long",
		"records.1.policies policies_count",
		"records.2.policies.0.healthSherpaPolicyId identifier_too_long",
	}, codes(err))

	_, err = (&Planner{Customers: fixture(t)}).Plan(ctx, []Record{{}})
	assert.ErrorIs(t, err, ErrNoFinder)
}

var errBoom = errors.New("boom")

func TestPlanLookupErrorAborts(t *testing.T) {
	s := fixture(t)
	pl := &Planner{Customers: s, Fallback: s,
		Policies: PolicyFinderFunc(func(context.Context, PolicyKey, string) ([]Policy, error) { return nil, errBoom })}
	p, err := pl.Plan(context.Background(), []Record{{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("A", "")}}})
	assert.ErrorIs(t, err, errBoom)
	assert.Nil(t, p)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = NewPlanner(s, StrategyLiteral).Plan(ctx, []Record{{IDs: ids("HS1", "", "")}})
	assert.ErrorIs(t, err, context.Canceled)
}

// A lookup that returns holders in any order, or twice, gives the same plan.
func TestPlanIgnoresLookupOrderAndDuplicates(t *testing.T) {
	s := fixture(t)
	rev := &Planner{
		Customers: CustomerFinderFunc(func(ctx context.Context, k CustomerKey, v string) ([]Customer, error) {
			cs, err := s.FindCustomers(ctx, k, v)
			out := append([]Customer(nil), cs...)
			for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
				out[i], out[j] = out[j], out[i]
			}
			return append(out, cs...), err
		}),
		Fallback: s, Policies: s,
	}
	recs := []Record{{IDs: ids("", "DUP", "")}, {IDs: ids("HS1", "", "")}}
	a, err := rev.Plan(context.Background(), recs)
	require.NoError(t, err)
	b := planWith(t, s, StrategyLiteral, recs...)
	assert.Equal(t, b.Decisions, a.Decisions)
}

func TestPlanCustomers(t *testing.T) {
	s := fixture(t)
	p := planWith(t, s, StrategyLiteral,
		Record{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("PHS1", ""), pol("PNEW", "")}},
		Record{IDs: ids("", "EXT1", ""), Policies: []PolicyRecord{pol("", "PCA1"), pol("", "PCA3")}},
		Record{IDs: ids("", "EXT2", ""), Policies: []PolicyRecord{pol("PHS4-2024", "")}},
		Record{IDs: ids("", "DUP", "")},
		Record{IDs: ids("HSN", "", ""), Policies: []PolicyRecord{pol("", "")}},
	)
	p1, _ := s.Policy("p1")
	p3, _ := s.Policy("p3")
	p4, _ := s.Policy("p4")
	assert.Equal(t, []CustomerEffect{
		{Customer: existing("c1"), Records: []int{0, 1}, CreatesACAPolicy: true,
			Updated: []Policy{p1, p3}, Created: []PolicyRef{createdPolicy(0, 1)}},
		{Customer: existing("c2"), Records: []int{2}, Updated: []Policy{p4}},
		{Customer: created(4), Records: []int{4}, CreatesACAPolicy: true, Created: []PolicyRef{createdPolicy(4, 0)}},
	}, p.Customers())
	assert.Equal(t, termination.StatusActive, p.Decisions[0].Policies[0].Before.Status, "previousStatus comes from before the request")
}

// TestIdentifierLimitCountsCharacters: the API's limit of 255 is a length in
// characters, so an identifier of 200 accented letters (400 bytes) is valid
// and one of 256 is not; the fallback key's fields count the same way.
func TestIdentifierLimitCountsCharacters(t *testing.T) {
	ctx := context.Background()
	for _, s := range []Strategy{StrategyLiteral, StrategyCascade} {
		t.Run(s.String(), func(t *testing.T) {
			st, err := NewStore(nil, nil)
			require.NoError(t, err)
			pl := NewPlanner(st, s)
			ok200 := strings.Repeat("é", 200)
			p, err := pl.Plan(ctx, []Record{{IDs: ids("", ok200, ""), Policies: []PolicyRecord{pol(ok200, "")}}})
			require.NoError(t, err)
			assert.Equal(t, 1, p.Succeeded())

			long := strings.Repeat("é", MaxFieldLen+1)
			_, err = pl.Plan(ctx, []Record{{IDs: ids("", long, "")}})
			assert.ErrorIs(t, err, ErrTooLong)
			var me *Error
			require.ErrorAs(t, err, &me)
			assert.Equal(t, "256 characters", me.Received())
		})
	}
	_, ok := FallbackKey(strings.Repeat("é", 200), "Reyes", "02/29/1980", "3055550101")
	assert.True(t, ok, "a 200-character first name is within the limit")
	_, ok = FallbackKey(strings.Repeat("é", MaxFieldLen+1), "Reyes", "02/29/1980", "3055550101")
	assert.False(t, ok)
	_, ok = NormalizeName(strings.Repeat("é", 200))
	assert.True(t, ok)
}

// PlanInto plans as Plan does, into a reused Plan; after an error the Plan
// holds no decisions and cannot be applied; a plan made into a reused Plan
// applies as Plan's does.
func TestPlanInto(t *testing.T) {
	ctx := context.Background()
	big := []Record{
		person(ann, ids("HS7", "E7", ""), PolicyRecord{IDs: PolicyIDs{"PHS1B", ""}, Status: termination.StatusPending}),
		{IDs: ids("HSNEW", "", "CA2"), Policies: []PolicyRecord{pol("PN", "PCN"), pol("", "")}},
		{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{{IDs: PolicyIDs{"PHS1", ""}, Status: termination.StatusTerminated}}},
		{IDs: ids("", "DUP", "")},
		{IDs: ids("HS1", "", "CAZ"), Policies: []PolicyRecord{pol("PHS1", ""), pol("PZ", ""), pol("PHS4-2024", "")}},
	}
	small := []Record{{IDs: ids("HSNEW", "", "")}, {IDs: ids("HSNEW", "E9", ""), Policies: []PolicyRecord{pol("PCA56", "")}}}
	for _, strat := range []Strategy{StrategyLiteral, StrategyCascade} {
		s := fixture(t)
		pl := NewPlanner(s, strat)
		var dst Plan
		for _, recs := range [][]Record{big, small, big} {
			require.NoError(t, pl.PlanInto(ctx, &dst, recs))
			assert.Equal(t, planWith(t, fixture(t), strat, recs...).Decisions, dst.Decisions, "%v", strat)
			assert.Equal(t, strat, dst.Strategy)
		}

		assert.ErrorIs(t, pl.PlanInto(ctx, &dst, nil), ErrRecordCount)
		assert.Empty(t, dst.Decisions)
		_, err := s.Apply(&dst)
		assert.ErrorIs(t, err, ErrStalePlan, "a failed PlanInto leaves nothing to apply")
		boom := &Planner{Customers: s, Fallback: s, Strategy: strat,
			Policies: PolicyFinderFunc(func(context.Context, PolicyKey, string) ([]Policy, error) { return nil, errBoom })}
		assert.ErrorIs(t, boom.PlanInto(ctx, &dst, big), errBoom)
		assert.Empty(t, dst.Decisions)

		require.NoError(t, pl.PlanInto(ctx, &dst, big))
		got, err := s.Apply(&dst)
		require.NoError(t, err)
		s2 := fixture(t)
		want, err := s2.Apply(planWith(t, s2, strat, big...))
		require.NoError(t, err)
		assert.Equal(t, want, got)
		_, err = s.Apply(&dst)
		assert.ErrorIs(t, err, ErrStalePlan, "applied once")

		// A plan made by Plan is not reused by a PlanInto into it.
		p := planWith(t, s, strat, small...)
		before := slices.Clone(p.Decisions)
		require.NoError(t, pl.PlanInto(ctx, p, big))
		assert.Equal(t, planWith(t, s, strat, small...).Decisions, before)
	}
}

// Planning into a reused Plan allocates nothing for records that need no
// fallback key, no candidate list, no conflict and no error.
func TestPlanIntoNoAllocs(t *testing.T) {
	ctx := context.Background()
	recs := []Record{
		{IDs: ids("HS1", "", ""), Policies: []PolicyRecord{pol("PHS1", "")}},
		{IDs: ids("HSX", "", ""), Policies: []PolicyRecord{pol("PX", "PCX")}},
		{IDs: ids("HSX", "", ""), Policies: []PolicyRecord{pol("PX", "")}},
		{IDs: ids("", "EXT2", ""), Policies: []PolicyRecord{pol("", "")}},
	}
	pl := NewPlanner(fixture(t), StrategyLiteral)
	var dst Plan
	require.NoError(t, pl.PlanInto(ctx, &dst, recs))
	require.Equal(t, 4, dst.Succeeded())
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = pl.PlanInto(ctx, &dst, recs) }))
}
