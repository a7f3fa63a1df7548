package matching

import (
	"context"
	"testing"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/phone"
	"github.com/carecycle/carerules/termination"
	"github.com/stretchr/testify/require"
)

func mustKey(t testing.TB, first, last, dob, phone string) string {
	t.Helper()
	k, ok := FallbackKey(first, last, dob, phone)
	require.True(t, ok)
	return k
}

// Fixture people.
var (
	jane = [4]string{"Jane", "Doe", "01/02/1980", "(212) 736-5000"}
	john = [4]string{"John", "Roe", "03/04/1975", "(312) 603-4400"}
	twin = [4]string{"Sam", "Poe", "05/06/1990", "(415) 867-5309"}
	ann  = [4]string{"Ann", "Lee", "07/08/1985", "(212) 736-5001"}
)

// fixture returns the store the table tests plan against:
//
//	c1  hs HS1, ext EXT1, fallback jane
//	c2  ext EXT2, ca CA2, fallback john
//	c3  ext DUP                  c4  ext DUP  (an ambiguity)
//	c5  fallback twin            c6  fallback twin (an ambiguity)
//	c7  hs HS7, no fallback key
//	p1  c1 ACA  hs PHS1 ca PCA1      p3 c1 ACA ca PCA3
//	p2  c2 MA   hs PHS2              p4 c2 ACA hs PHS4-2024 ca PCA4
//	p5  c1 ACA  ca PCA56             p6 c1 ACA ca PCA56
//	p7  c1 MA   ca PCAMA
func fixture(t testing.TB) *Store {
	t.Helper()
	customers := []Customer{
		{ID: "c1", IDs: CustomerIDs{HealthSherpaCustomerID: "HS1", ExternalID: "EXT1"}, FallbackKey: mustKey(t, jane[0], jane[1], jane[2], jane[3])},
		{ID: "c2", IDs: CustomerIDs{ExternalID: "EXT2", CarrierAssignedCustomerID: "CA2"}, FallbackKey: mustKey(t, john[0], john[1], john[2], john[3])},
		{ID: "c3", IDs: CustomerIDs{ExternalID: "DUP"}},
		{ID: "c4", IDs: CustomerIDs{ExternalID: "DUP"}},
		{ID: "c5", FallbackKey: mustKey(t, twin[0], twin[1], twin[2], twin[3])},
		{ID: "c6", FallbackKey: mustKey(t, twin[0], twin[1], twin[2], twin[3])},
		{ID: "c7", IDs: CustomerIDs{HealthSherpaCustomerID: "HS7"}},
	}
	policies := []Policy{
		{ID: "p1", CustomerID: "c1", Type: "ACA", Status: termination.StatusActive, EffectiveDate: "2023-01-01", IDs: PolicyIDs{"PHS1", "PCA1"}},
		{ID: "p2", CustomerID: "c2", Type: "MA", Status: termination.StatusActive, IDs: PolicyIDs{HealthSherpaPolicyID: "PHS2"}},
		{ID: "p3", CustomerID: "c1", Type: "ACA", Status: termination.StatusActive, IDs: PolicyIDs{CarrierAssignedPolicyID: "PCA3"}},
		{ID: "p4", CustomerID: "c2", Type: "ACA", Status: termination.StatusActive, IDs: PolicyIDs{"PHS4-2024", "PCA4"}},
		{ID: "p5", CustomerID: "c1", Type: "ACA", IDs: PolicyIDs{CarrierAssignedPolicyID: "PCA56"}},
		{ID: "p6", CustomerID: "c1", Type: "ACA", IDs: PolicyIDs{CarrierAssignedPolicyID: "PCA56"}},
		{ID: "p7", CustomerID: "c1", Type: "MA", Status: termination.StatusActive, IDs: PolicyIDs{CarrierAssignedPolicyID: "PCAMA"}},
	}
	s, err := NewStore(customers, policies)
	require.NoError(t, err)
	return s
}

func person(p [4]string, ids CustomerIDs, pols ...PolicyRecord) Record {
	return Record{FirstName: p[0], LastName: p[1], DateOfBirth: dobOf(p[2]), PhoneNumber: phoneOf(p[3]), IDs: ids, Policies: pols}
}

func ids(hs, ext, ca string) CustomerIDs {
	return CustomerIDs{HealthSherpaCustomerID: hs, ExternalID: ext, CarrierAssignedCustomerID: ca}
}

func pol(hs, ca string) PolicyRecord { return PolicyRecord{IDs: PolicyIDs{hs, ca}} }

func planWith(t testing.TB, l Lookup, s Strategy, records ...Record) *Plan {
	t.Helper()
	p, err := NewPlanner(l, s).Plan(context.Background(), records)
	require.NoError(t, err)
	require.Len(t, p.Decisions, len(records))
	return p
}

func existing(id string) CustomerRef     { return CustomerRef{ID: id} }
func created(record int) CustomerRef     { return CustomerRef{New: true, Record: record} }
func existingPolicy(id string) PolicyRef { return PolicyRef{ID: id} }
func createdPolicy(r, p int) PolicyRef   { return PolicyRef{New: true, Record: r, Policy: p} }

// dobOf is the date of birth a request's validation gives matching for s:
// the parsed date (API or stored form), or the zero Date.
func dobOf(s string) dob.Date {
	d, _ := parseDOB(s)
	return d
}

// phoneOf is the phone number a request's validation gives matching for s:
// the parsed number, or the zero Number.
func phoneOf(s string) phone.Number {
	n, _ := phone.ParseLenient(s)
	return n
}
