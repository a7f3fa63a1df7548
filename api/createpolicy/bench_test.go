package createpolicy

import (
	"context"
	"encoding/json"
	"testing"
)

var benchBody = []byte(`{"policyType":"mapd","carrierName":"Aetna","planName":"Medicare Elite","planCode":"H1290036001","status":"active",` +
	`"aorFirstName":"John","aorLastName":"Doe","aorNpn":"123456789","policyLives":3,"effectiveDate":"2026-01-01",` +
	`"policySubType":"HMO","sourceCallContext":{"callId":"c-123","agent":"a-9"}}`)

// discard is a store that keeps nothing.
type discard struct{}

func (discard) FindCustomer(ctx context.Context, id string) (Customer, error) {
	return Customer{ID: id, State: "TX", PostalCode: "75201"}, nil
}
func (discard) CreatePolicy(ctx context.Context, p Policy) (Policy, error) {
	p.ID = "pol-1"
	return p, nil
}

// BenchmarkCreate is the whole endpoint on a typical body, store aside.
func BenchmarkCreate(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(benchBody)))
	ctx := context.Background()
	for b.Loop() {
		if _, err := Create(ctx, discard{}, discard{}, "c-1", benchBody, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCreateInvalid: a rejected body is a hot path too.
func BenchmarkCreateInvalid(b *testing.B) {
	body := []byte(`{"policyType":"MA","planCode":"S1290036001","carrierName":"Acme Health Plans","status":"nope","policyLives":1.5,"metalLevel":"gold"}`)
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	ctx := context.Background()
	for b.Loop() {
		if _, err := Create(ctx, discard{}, discard{}, "c-1", body, Options{}); err == nil {
			b.Fatal("accepted")
		}
	}
}

// BenchmarkDecodeStdlibStruct is the obvious alternative: json.Unmarshal
// into a struct, which checks no rule, repairs invalid text and drops
// unknown fields.
func BenchmarkDecodeStdlibStruct(b *testing.B) {
	type req struct {
		PolicyType, CarrierName, PlanName, PlanCode, Status, AorFirstName, AorLastName, AorNpn, EffectiveDate string
		PolicyLives                                                                                           *int32
		SourceCallContext                                                                                     json.RawMessage
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(benchBody)))
	for b.Loop() {
		var r req
		if err := json.Unmarshal(benchBody, &r); err != nil {
			b.Fatal(err)
		}
	}
}
