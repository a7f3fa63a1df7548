package syncaca

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func batch100(rec string) []byte { return body(strings.TrimSuffix(strings.Repeat(rec+",", 100), ",")) }

const benchRec = `{"firstName": "Ana", "lastName": "Reyes", "phoneNumber": "(305) 555-0101", "dateOfBirth": "02/29/1980", "state": "FL",
	"postalCode": "33101", "externalId": "crm-1001", "policies": [{"healthSherpaPolicyId": "hsp-1", "carrierName": "BCBS", "status": "Active",
	"effectiveDate": "2026-01-01", "planCode": "12345FL0010002", "metalLevel": "Silver"}]}`

// BenchmarkCheck decodes and validates a 100-record request.
func BenchmarkCheck(b *testing.B) {
	data := batch100(benchRec)
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Check(data, opts()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckInvalid: the same request with an invalid phone and date of
// birth in every record (a rejection is a hot path for a validator).
func BenchmarkCheckInvalid(b *testing.B) {
	data := batch100(strings.Replace(strings.Replace(benchRec, "(305) 555-0101", "305-555-0101", 1), "02/29/1980", "02/29/1981", 1))
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := Check(data, opts()); err == nil {
			b.Fatal("accepted")
		}
	}
}

// BenchmarkDecodeStdlibStruct is the obvious alternative for comparison:
// json.Unmarshal into a plain struct, which checks nothing (no null vs
// absent, identifiers as numbers fail, no rules).
func BenchmarkDecodeStdlibStruct(b *testing.B) {
	data := batch100(benchRec)
	type pol struct {
		HealthSherpaPolicyID, CarrierName, Status, EffectiveDate, PlanCode, MetalLevel string
	}
	type rec struct {
		FirstName, LastName, PhoneNumber, DateOfBirth, State, PostalCode, ExternalID string
		Policies                                                                     []pol
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		var v struct{ Records []rec }
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSyncSample runs the sample (testdata/sync: 20 customers, 30
// records) from the JSON bytes of the book and the body to the response.
func BenchmarkSyncSample(b *testing.B) {
	bookJSON, err := os.ReadFile("../../testdata/sync/existing.json")
	if err != nil {
		b.Fatal(err)
	}
	data, err := os.ReadFile("../../testdata/sync/batch.json")
	if err != nil {
		b.Fatal(err)
	}
	opt := opts()
	b.ReportAllocs()
	for b.Loop() {
		book, err := ReadBook(bytes.NewReader(bookJSON))
		if err != nil {
			b.Fatal(err)
		}
		v, err := Check(data, opt)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := book.SyncValidated(context.Background(), v, opt); err != nil {
			b.Fatal(err)
		}
	}
}
