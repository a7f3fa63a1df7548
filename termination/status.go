package termination

import (
	"strings"

	"github.com/carecycle/carerules/internal/field"
)

// Status is a policy status, one of the ten values the API lists for a
// policy's status. The zero Status is invalid ("no status"); [Status.IsValid]
// reports it.
type Status uint8

// The API's policy statuses, in the order the API documentation lists them.
const (
	StatusActive              Status = iota + 1 // "Active" (the API's default)
	StatusPending                               // "Pending"
	StatusPendingEffectuation                   // "Pending Effectuation"
	StatusPendingFollowup                       // "Pending Followup"
	StatusSuspended                             // "Suspended"
	StatusCancelled                             // "Cancelled" (terminal)
	StatusTerminated                            // "Terminated" (terminal)
	StatusFutureCancel                          // "Future Cancel"
	StatusDeceased                              // "Deceased" (terminal)
	StatusNotApproved                           // "Not Approved" (terminal)
)

var statusNames = [...]string{
	StatusActive:              "Active",
	StatusPending:             "Pending",
	StatusPendingEffectuation: "Pending Effectuation",
	StatusPendingFollowup:     "Pending Followup",
	StatusSuspended:           "Suspended",
	StatusCancelled:           "Cancelled",
	StatusTerminated:          "Terminated",
	StatusFutureCancel:        "Future Cancel",
	StatusDeceased:            "Deceased",
	StatusNotApproved:         "Not Approved",
}

// Statuses returns every valid Status, in the API's order.
func Statuses() []Status {
	s := make([]Status, 0, len(statusNames)-1)
	for i := StatusActive; i <= StatusNotApproved; i++ {
		s = append(s, i)
	}
	return s
}

// ParseStatus parses a status as the API spells it, ignoring ASCII case and
// surrounding white space: "active", " PENDING EFFECTUATION " are accepted.
// Nothing else is folded: inner spaces, hyphens, underscores and non-ASCII
// look-alikes are not ("Pending  Effectuation", "pending_followup" and
// "\u017Fuspended" are errors). An empty value is an error wrapping
// [ErrEmpty] (code "status_empty"): the API's default "Active" for an
// omitted status belongs to the request layer, not here. Anything else is an
// error wrapping [ErrUnknownStatus] (code "status_unknown").
func ParseStatus(s string) (Status, error) {
	if field.TooLong(s) {
		return 0, &Error{field.TooLongCore(kindStatusTooLong, s)}
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, newError(kindStatusEmpty, s)
	}
	for i := StatusActive; i <= StatusNotApproved; i++ {
		if equalFoldASCII(t, statusNames[i]) {
			return i, nil
		}
	}
	return 0, newSyntaxError(kindStatusUnknown, kindStatusInvalid, s, t)
}

// String returns the API spelling, e.g. "Pending Effectuation", or "" for
// the zero Status; an out-of-range value prints as "Status(invalid)".
func (s Status) String() string {
	if int(s) < len(statusNames) {
		return statusNames[s]
	}
	return "Status(invalid)"
}

// IsValid reports whether s is one of the API's ten statuses.
func (s Status) IsValid() bool { return s >= StatusActive && s <= StatusNotApproved }

// IsTerminal reports whether s ends a policy: Terminated, Cancelled,
// Deceased or Not Approved. A policy in a terminal status is never a
// candidate for the one-year rule. Future Cancel is not terminal.
func (s Status) IsTerminal() bool {
	switch s {
	case StatusTerminated, StatusCancelled, StatusDeceased, StatusNotApproved:
		return true
	}
	return false
}

// AppendText implements encoding.TextAppender (API spelling; nothing for
// the zero Status).
func (s Status) AppendText(b []byte) ([]byte, error) {
	if s != 0 && !s.IsValid() {
		return b, newError(kindStatusUnknown, s.String())
	}
	return append(b, s.String()...), nil
}

// MarshalText implements encoding.TextMarshaler: the API spelling, empty for
// the zero Status.
func (s Status) MarshalText() ([]byte, error) { return s.AppendText(nil) }

// UnmarshalText implements encoding.TextUnmarshaler with [ParseStatus];
// empty text gives the zero Status.
func (s *Status) UnmarshalText(text []byte) error {
	if len(text) == 0 {
		*s = 0
		return nil
	}
	v, err := ParseStatus(string(text))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// equalFoldASCII reports whether a and b are equal under ASCII case folding
// only (strings.EqualFold would also fold U+017F to 's' and U+212A to 'k').
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
