package plancode

import (
	"errors"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/width"
)

// The documented shape (the plancode rule): prefix letter, 4-digit contract, 3-digit
// plan, 3-digit segment, in either case for the letter. Property 4 checks
// every accepted input against it once surrounding space is trimmed, width
// is folded and dashes are removed; the one documented exception is the
// fully dashed form with a 1- or 2-digit segment, checked before removing
// the dashes.
var (
	documentedShape = regexp.MustCompile(`^[HRSEXhrsex][0-9]{4}[0-9]{3}[0-9]{3}$`)
	paddedShape     = regexp.MustCompile(`^[HRSEXhrsex][0-9]{4}-[0-9]{3}-[0-9]{1,2}$`)
	canonicalShape  = regexp.MustCompile(`^[HRSEX][0-9]{4}-[0-9]{3}-[0-9]{3}$`)
)

var sentinels = map[string]error{
	"plan_code_empty":      ErrEmpty,
	"plan_code_too_long":   ErrTooLong,
	"plan_code_syntax":     ErrSyntax,
	"plan_code_prefix":     ErrPrefix,
	"plan_code_incomplete": ErrIncomplete,
	"invalid_string":       ErrInvalidString,
}

// fuzzSeeds are inputs worth starting from; testdata/fuzz holds more.
var fuzzSeeds = []string{
	"H1234-001-000", "h1234001000", "H1234-001000", "H1234001-000", "H1234-001-0",
	"R1234-001-12", "H1234001-12", "H1234-00112", "H1234", "H1234-001", "H1234001",
	"Ｈ１２３４－００１－０００", "\u3000x9999-999-999 ", "Q1234-001-000", "H1234--001-000",
	"H1234-001-", "H1234-", "", " ", "Plan G", "H1234-001-000\xff", "Hｱ234-001-000",
}

// checkParse checks the properties of one Parse call; it is shared by the
// fuzz target and the deterministic differential test.
func checkParse(t *testing.T, s string) {
	t.Helper()
	// Property 1: no panic (a panic fails the fuzz run).
	c, err := Parse(s)

	// Differential: the regexp reference agrees, value and error code.
	want, wantCode := refParse(s, "HRSEX")
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("Parse(%q): error %T is not *Error", s, err)
		}
		if e.Code() != wantCode {
			t.Fatalf("Parse(%q): code %s, reference says %q", s, e.Code(), wantCode)
		}
		if !errors.Is(err, sentinels[e.Code()]) || e.Field() != "planCode" || e.Expected() == "" {
			t.Fatalf("Parse(%q): inconsistent error %#v", s, e)
		}
		if c != (Code{}) {
			t.Fatalf("Parse(%q): error with a non-zero Code %v", s, c)
		}
		// Error() stays bounded whatever the input: it never echoes more
		// than a short prefix of it.
		if n := len(e.Error()); n > 400 {
			t.Fatalf("Parse(%q): message of %d bytes", s, n)
		}
		return
	}
	if wantCode != "" || c != want {
		t.Fatalf("Parse(%q) = %v, reference says %v %q", s, c, want, wantCode)
	}

	// Property 2: the canonical form re-parses to the same Code.
	str := c.String()
	if !canonicalShape.MatchString(str) {
		t.Fatalf("Parse(%q).String() = %q is not canonical", s, str)
	}
	again, err := Parse(str)
	if err != nil || again != c {
		t.Fatalf("Parse(%q) = %v; re-parse of %q = %v, %v", s, c, str, again, err)
	}

	// Property 3: canonicalization is idempotent.
	if again.String() != str {
		t.Fatalf("canonical form %q is not a fixed point: %q", str, again.String())
	}
	if got, err := Canonical("PDP", s); err != nil || got != str {
		t.Fatalf("Canonical(PDP, %q) = %q, %v; Parse gives %q", s, got, err, str)
	}
	if got, err := Canonical("PDP", str); err != nil || got != str {
		t.Fatalf("Canonical(PDP, %q) = %q, %v; not idempotent", str, got, err)
	}

	// Property 4: the accepted input has the documented shape once dashes
	// are removed and width is folded, and holds the same digits.
	folded := width.Fold.String(strings.TrimSpace(s))
	undashed := strings.ReplaceAll(folded, "-", "")
	switch {
	case documentedShape.MatchString(undashed):
		if strings.ToUpper(undashed) != strings.ReplaceAll(str, "-", "") {
			t.Fatalf("Parse(%q) = %q: digits differ", s, str)
		}
	case paddedShape.MatchString(folded):
		head, seg := folded[:10], folded[10:]
		if strings.ToUpper(head) != str[:10] || strings.Repeat("0", 3-len(seg))+seg != str[10:] {
			t.Fatalf("Parse(%q) = %q: digits differ", s, str)
		}
	default:
		t.Fatalf("Parse accepted %q, which does not have the documented shape (%q)", s, undashed)
	}
}

// checkCanonical checks one Canonical call against the reference and for
// idempotency.
func checkCanonical(t *testing.T, policyType, s string) {
	t.Helper()
	got, err := Canonical(policyType, s)
	want, wantCode := refCanonical(policyType, s)
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Code() != wantCode || !errors.Is(err, sentinels[e.Code()]) || got != "" {
			t.Fatalf("Canonical(%q, %q) = %q, %v; reference says %q %q", policyType, s, got, err, want, wantCode)
		}
		if n := len(e.Error()); n > 400 {
			t.Fatalf("Canonical(%q, %q): message of %d bytes", policyType, s, n)
		}
		return
	}
	if wantCode != "" || got != want {
		t.Fatalf("Canonical(%q, %q) = %q; reference says %q %q", policyType, s, got, want, wantCode)
	}
	again, err := Canonical(policyType, got)
	if err != nil || again != got {
		t.Fatalf("Canonical(%q, %q) = %q; again: %q, %v", policyType, s, got, again, err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkParse(t, s)
	})
}

func FuzzCanonical(f *testing.F) {
	for _, pt := range []string{"MA", "mapd", "PDP", "MS", "ＭＡ", "ACA", ""} {
		for _, s := range fuzzSeeds {
			f.Add(pt, s)
		}
	}
	f.Fuzz(func(t *testing.T, policyType, s string) {
		checkCanonical(t, policyType, s)
	})
}

// TestDifferential runs the fuzz properties on the seeds and on generated
// inputs built from the characters that matter, with a fixed seed, so that
// plain `go test` compares the fast parser with the reference widely.
func TestDifferential(t *testing.T) {
	tokens := []string{
		"H", "h", "R", "r", "S", "E", "X", "x", "Q", "q", "1", "0", "9", "5", "-", "-", "-",
		" ", "Ｈ", "ｒ", "１", "０", "－", "\u3000", "\u00a0", "/", "é", "\xff", "\u200b", "٣",
	}
	rng := rand.New(rand.NewPCG(2, 26))
	inputs := append([]string{}, fuzzSeeds...)
	for range 30000 {
		var b strings.Builder
		for range rng.IntN(16) {
			b.WriteString(tokens[rng.IntN(len(tokens))])
		}
		inputs = append(inputs, b.String())
	}
	// Mutations of valid codes: one character replaced, inserted or deleted.
	for range 20000 {
		s := []byte(fuzzSeeds[rng.IntN(6)])
		i := rng.IntN(len(s))
		tok := tokens[rng.IntN(len(tokens))]
		switch rng.IntN(3) {
		case 0:
			s = append(s[:i], append([]byte(tok), s[i+1:]...)...)
		case 1:
			s = append(s[:i], append([]byte(tok), s[i:]...)...)
		default:
			s = append(s[:i], s[i+1:]...)
		}
		inputs = append(inputs, string(s))
	}
	accepted := 0
	for _, s := range inputs {
		checkParse(t, s)
		if _, err := Parse(s); err == nil {
			accepted++
		}
		for _, pt := range []string{"MA", "Mapd", "pdp", "MS", "ＭＡ"} {
			checkCanonical(t, pt, s)
		}
	}
	// The generator must reach both outcomes, or this test proves little.
	if accepted < 1000 || accepted > len(inputs)-1000 {
		t.Fatalf("generator accepted %d of %d inputs", accepted, len(inputs))
	}
	t.Logf("%d inputs, %d accepted", len(inputs), accepted)
}
