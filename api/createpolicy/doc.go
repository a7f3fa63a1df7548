// Package createpolicy is POST /v2/customers/{id}/policies as a library:
// the request body decoded and validated, the customer found through a
// one-method interface, the new policy stored through another, and the
// stored policy returned in the API's policy shape. A host, the HTTP
// handler of package apihttp, or the carerules command is glue only.
//
// # The rules
//
//   - policyType: MA, MAPD, PDP, MS and ACA are recognized ignoring ASCII
//     case and surrounding white space, and stored in that spelling. The API
//     publishes no closed list of types, so any other non-empty type
//     (Dental, Vision, Life, ...) is kept trimmed, within 255 characters.
//     A blank policyType is absent.
//   - planCode follows the type: MA and MAPD need a complete CMS
//     contract-style code with prefix H or R, PDP one with prefix S, H, R, E
//     or X, stored in the canonical dashed form (H1234-001-000); MS and every
//     other type keep the code trimmed, as sent (plancode.Canonical). When
//     policyType is absent the type is not guessed: a planCode that parses as
//     a CMS code is stored canonical, any other trimmed.
//   - carrierName is resolved with the carrier registry, using the STORED
//     customer's state and postal code for generic Blue names; the policy
//     stores the carrier's id and display name. An unknown or ambiguous name
//     is an issue on carrierName (an ambiguous one lists its candidates in
//     the message); a generic Blue name for a customer without a state is
//     state_required. With Options.KeepUnresolvedCarrier, chosen by the host
//     per request, such a policy is kept instead: carrierName trimmed as
//     sent, no carrierId, and a carrier_unresolved warning with the reason
//     and the candidates. The option never changes a resolvable name's
//     carrier.
//   - status defaults to Active; it is read ignoring ASCII case and
//     surrounding white space, and stored in the API's spelling. An empty
//     status is an issue (status_empty), as in the sync endpoint.
//   - policyLives is a JSON integer by value (1, 1.0 and 1e3 are integers,
//     1.5 is not) in the 32-bit range.
//   - The policy fields of the sync endpoint, with its limits and enums:
//     planName, aorFirstName, aorLastName, healthSherpaPolicyId,
//     carrierAssignedPolicyId, effectiveDate and terminationDate at most 255
//     characters, aorNpn at most 50; metalLevel, electionPeriod,
//     premiumMode, exchangeStatus and writtenAs one of the API's values,
//     exactly. Lengths count UTF-16 code units, as the API's schema does.
//   - Text is never repaired: invalid UTF-8, an unpaired surrogate escape,
//     U+0000 and, once surrounding white space is trimmed, any other control
//     character in a string are an issue (invalid_string) on that field
//     (every field of this endpoint is a name, an identifier, a code or an
//     enum); so are invalid UTF-8, unpaired surrogates and U+0000 inside an
//     unknown field or the call context, which are kept as sent otherwise.
//   - The optional source call context ("sourceCallContext", any JSON
//     object) and every key the endpoint does not know are kept as raw JSON
//     (Policy.SourceCallContext, Policy.Unknown) for the host to store, and
//     are returned with the policy.
//
// Create reports every issue of a request at once in the API's
// VALIDATION_ERROR body (*api.ValidationError), with paths that name keys of
// the body and messages in the API's words.
//
// # Decisions where the rules are silent
//
//   - Order: a body that is not a JSON object is ErrSyntax (400) before
//     anything else; then the customer is looked up (absent: 404, nothing
//     written); then the request is validated (422).
//   - The key of the call context is not legible in the API text; this
//     package reads "sourceCallContext". Another spelling is still kept, as
//     an unknown field.
//   - At most MaxUnknownFields (200) keys besides the known ones: a body with
//     more is rejected (too_big, path []) and the rest of it is not read, so
//     that memory stays within a small multiple of the body's size.
//   - A key sent twice is an issue (duplicate_key): never pick one of two
//     values silently.
//   - Keys the server assigns (id, customerId, carrierId, createdAt,
//     createdBy, updatedAt, updatedBy, previousStatus, warnings) are ignored
//     with a read_only_field warning, never stored as unknown fields.
//   - planCode, carrierName and the other optional strings are not sent when
//     null, absent or blank; a sent value is stored trimmed.
//   - Creating a policy does not run the one-year termination rule of the
//     sync endpoint: the API text ties it to the sync only.
//   - The response writes every known field of the policy, null when empty,
//     as the API writes a field with no value, then sourceCallContext and the
//     unknown fields, then "warnings" when there are any (an extension).
package createpolicy
