package jsonbody

// syncSchema is the body of POST /v2/sync/aca, as the sync endpoint
// declares it; the tests and benchmarks of this package decode with it.
func syncSchema() *Schema {
	str := func(name string, max int) Field { return Field{Name: name, Kind: String, Max: max} }
	name := func(name string) Field { return Field{Name: name, Kind: String, Max: 255, Strict: true} }
	id := func(name string) Field { return Field{Name: name, Kind: ID, Max: 255, Strict: true} }
	enum := func(name string, values ...string) Field { return Field{Name: name, Kind: Enum, Enum: values} }
	custom := NewSchema("custom field",
		Field{Name: "key", Kind: String, Min: 1, Max: 100, Strict: true, Required: true},
		Field{Name: "value", Kind: CustomValue},
	)
	policy := NewSchema("policy",
		str("planName", 255), str("planCode", 0), str("carrierName", 0),
		id("healthSherpaPolicyId"), id("carrierAssignedPolicyId"),
		str("status", 0), str("effectiveDate", 255), str("terminationDate", 255),
		enum("metalLevel", "Catastrophic", "Bronze", "Expanded Bronze", "Silver", "Gold", "Platinum"),
		enum("electionPeriod", "IEP", "AEP", "OEP", "SEP", "ICEP", "MA-OEP"),
		enum("premiumMode", "Monthly", "Quarterly", "Semi-Annual", "Annual"),
		enum("exchangeStatus", "FFM", "SBM", "SBM FP", "OFF EXCHANGE", "PRIVATE EXCHANGE", "UNKNOWN"),
		enum("writtenAs", "New Business", "Like Plan Change", "Unlike Plan Change", "Reinstatement", "Rewrite"),
		name("aorFirstName"), name("aorLastName"), Field{Name: "aorNpn", Kind: String, Max: 50, Strict: true},
		Field{Name: "policyLives", Kind: Int32},
	)
	record := NewSchema("record",
		Field{Name: "firstName", Kind: String, Max: 255, Strict: true, Required: true},
		Field{Name: "lastName", Kind: String, Max: 255, Strict: true, Required: true},
		Field{Name: "phoneNumber", Kind: String, Strict: true, Required: true},
		str("email", 255), str("postalCode", 0), str("timezone", 0), str("state", 50),
		str("address", 255), str("address2", 255), str("city", 255), str("county", 255),
		str("dateOfBirth", 0),
		enum("gender", "Male", "Female", "Non-Binary", "Other", "Prefer Not to Say"),
		enum("maritalStatus", "Single", "Married", "Divorced", "Widowed", "Separated", "Domestic Partnership"),
		id("carrierAssignedCustomerId"), id("healthSherpaCustomerId"), id("externalId"),
		Field{Name: "customFields", Kind: Objects, Max: 50, Elem: custom},
		Field{Name: "policies", Kind: Objects, Max: 10, Elem: policy},
	)
	return NewSchema("request body", Field{Name: "records", Kind: Objects, Min: 1, Max: 100, Noun: "record", Elem: record, Required: true})
}
