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

// mergeFallbackKey returns the fallback key of a stored customer whose key
// is stored (possibly "") after record r is written on it: each of the four
// parts the record sends (a non-blank name, a date of birth, a phone
// number) replaces the stored part, the others are kept. It is "" when a
// part is missing from both, or when a name the record sends cannot be
// keyed (the stored name is replaced all the same). A key splits back into
// its parts (see [FallbackKey]), so the stored key is all the stored fields
// the merge needs.
func mergeFallbackKey(stored string, r *Record) string {
	sendsFirst, sendsLast := strings.TrimSpace(r.FirstName) != "", strings.TrimSpace(r.LastName) != ""
	sendsDOB, sendsPhone := !r.DateOfBirth.IsZero(), r.PhoneNumber.IsValid()
	switch {
	case !sendsFirst && !sendsLast && !sendsDOB && !sendsPhone:
		return stored // nothing changes: no work, no allocation
	case sendsFirst && sendsLast && sendsDOB && sendsPhone, stored == "":
		return keyOfRecord(r)
	}
	var parts [4]string
	n := 0
	for k := range parts {
		i := len(stored) - n
		if k < 3 {
			if i = strings.IndexByte(stored[n:], keySep); i < 0 {
				return keyOfRecord(r) // not a key FallbackKey wrote
			}
		}
		parts[k] = stored[n : n+i]
		n += i + 1
	}
	var arr [128]byte
	b := arr[:0]
	var ok bool
	for k, name := range [2]string{r.FirstName, r.LastName} {
		if k > 0 {
			b = append(b, keySep)
		}
		if !(k == 0 && sendsFirst || k == 1 && sendsLast) {
			b = append(b, parts[k]...)
		} else if b, ok = appendName(b, name); !ok {
			return "" // the stored name is replaced by one that cannot be keyed
		}
	}
	b = append(b, keySep)
	if sendsDOB {
		b, _ = r.DateOfBirth.AppendText(b)
	} else {
		b = append(b, parts[2]...)
	}
	b = append(b, keySep)
	if sendsPhone {
		b, _ = r.PhoneNumber.AppendText(b)
	} else {
		b = append(b, parts[3]...)
	}
	if string(b) == stored {
		return stored
	}
	return string(b)
}

// keyOfRecord is the record's own fallback key, "" when incomplete.
func keyOfRecord(r *Record) string {
	k, _ := FallbackKeyOf(r.FirstName, r.LastName, r.DateOfBirth, r.PhoneNumber)
	return k
}
