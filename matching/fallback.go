package matching

import (
	"strings"

	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/phone"
)

// FallbackKeyOf is [FallbackKey] for a date of birth and a phone number
// already parsed (by a request's validation, or when a host read them): the
// names are normalized, the date and the phone are written as they are,
// nothing is parsed again. ok is false, and key is "", when a name is
// missing or unusable (see [FallbackKey]), the date is the zero Date or the
// phone number is the zero Number. FallbackKeyOf(first, last, d, n) equals
// FallbackKey(first, last, d.String(), n.E164()) for every valid d and n.
//
// FallbackKeyOf is safe for concurrent use.
func FallbackKeyOf(first, last string, dateOfBirth dob.Date, phoneNumber phone.Number) (key string, ok bool) {
	if dateOfBirth.IsZero() || !phoneNumber.IsValid() || tooLong(first) || tooLong(last) ||
		strings.TrimSpace(first) == "" || strings.TrimSpace(last) == "" {
		return "", false
	}
	return buildFallbackKey(first, last, dateOfBirth, phoneNumber)
}

// buildFallbackKey writes the key of names that are present and within the
// field limit, a valid date and a valid phone number.
func buildFallbackKey(first, last string, dateOfBirth dob.Date, phoneNumber phone.Number) (key string, ok bool) {
	var arr [128]byte
	b := arr[:0]
	if b, ok = appendName(b, first); !ok {
		return "", false
	}
	b = append(b, keySep)
	if b, ok = appendName(b, last); !ok {
		return "", false
	}
	b = append(b, keySep)
	var err1, err2 error
	b, err1 = dateOfBirth.AppendText(b)
	b = append(b, keySep)
	b, err2 = phoneNumber.AppendText(b)
	if err1 != nil || err2 != nil {
		return "", false
	}
	return string(b), true
}
