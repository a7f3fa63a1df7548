package carrier

import "errors"

// Unresolved is why a carrier name could not be resolved, in the form a
// host needs to keep the policy anyway. By default an unresolvable
// carrierName is a validation error (the API accepts display names and
// registered aliases only); a host may instead, per request, store the name
// trimmed as sent, with no carrier ID, and report a carrier_unresolved
// warning carrying Reason and Candidates. Keeping never changes the carrier
// a resolvable name gets.
type Unresolved struct {
	// Reason is the stable code of the outcome: "unknown", "ambiguous" or
	// "state_required" (the codes of ErrUnknown, ErrAmbiguous and
	// ErrStateRequired).
	Reason string
	// Candidates are the carriers an ambiguous name could mean, in registry
	// order; nil for the other reasons.
	Candidates []Carrier
}

// AsUnresolved reports whether err, returned by [Registry.Resolve], is an
// outcome a host may keep a policy for (unknown, ambiguous,
// state_required), and describes it. Input errors (ErrEmpty, ErrTooLong)
// and registry errors are not: an empty or over-long carrierName is always
// rejected.
func AsUnresolved(err error) (Unresolved, bool) {
	var u Unresolved
	switch {
	case errors.Is(err, ErrUnknown):
		u.Reason = "unknown"
	case errors.Is(err, ErrAmbiguous):
		u.Reason = "ambiguous"
	case errors.Is(err, ErrStateRequired):
		u.Reason = "state_required"
	default:
		return Unresolved{}, false
	}
	var c interface{ Candidates() []Carrier }
	if errors.As(err, &c) {
		u.Candidates = c.Candidates()
	}
	return u, true
}
