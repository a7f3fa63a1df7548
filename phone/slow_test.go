package phone

import (
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The slow, readable reference the fast parsers are checked against (net/netip keeps
// one the same way): the documented forms as regular expressions, the digits copied
// out, and the validity rules written from the rule over a table read independently of
// parseAreaCodes.
var (
	// strictRE is exactly the three documented forms.
	strictRE = regexp.MustCompile(`^(?:\+1\d{10}|\d{10}|\(\d{3}\) \d{3}-\d{4})$`)
	// lenientRE is the lenient grammar of the package documentation:
	// [ "+1" | "1" ] [sep] area [sep] exchange [sep] line. Go's \d is ASCII only.
	lenientRE = regexp.MustCompile(`^(?:\+?1[ .-]?)?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}$`)
)

// refAssigned is the set of area codes of the package's TSV file, read with nothing but
// strings.Split.
var refAssigned = sync.OnceValue(func() map[string]bool {
	b, err := os.ReadFile("nanp_area_codes.tsv")
	if err != nil {
		panic(err)
	}
	m := map[string]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == '#' || strings.HasPrefix(line, "npa\t") {
			continue
		}
		m[strings.Split(line, "\t")[0]] = true
	}
	return m
})

// slowParse returns the E.164 form of s when re accepts it and it is a valid NANP
// number, else "". It is the obvious implementation of bench_test.go.
func slowParse(s string, re *regexp.Regexp) string {
	e, _ := naiveNormalize(s, re)
	return e
}

// checkAgainstSlow compares both parsers with the reference on s.
func checkAgainstSlow(t *testing.T, s string) {
	t.Helper()
	for _, c := range []struct {
		name  string
		parse func(string) (Number, error)
		re    *regexp.Regexp
	}{{"Parse", Parse, strictRE}, {"ParseLenient", ParseLenient, lenientRE}} {
		n, err := c.parse(s)
		want := slowParse(s, c.re)
		if n.E164() != want || (err == nil) != (want != "") {
			t.Fatalf("%s(%q) = %q, %v; the reference says %q", c.name, s, n.E164(), err, want)
		}
	}
}

// Every area code, in every form, agrees with the reference.
func TestAgainstSlow_AllAreaCodes(t *testing.T) {
	forms := []string{
		"%a%x%l", "+1%a%x%l", "(%a) %x-%l", // documented
		"%a-%x-%l", "%a.%x.%l", "%a %x %l", "1%a%x%l", "1-%a-%x-%l", "+1 (%a) %x-%l", "(%a)%x-%l", "+1-%a-%x-%l",
		"+1 %a %x %l", "1 (%a)%x.%l",
	}
	for npa := 0; npa < 1000; npa++ {
		a := pad(npa, 3)
		for _, x := range []string{"234", "911", "199"} {
			for _, f := range forms {
				s := strings.NewReplacer("%a", a, "%x", x, "%l", "5678").Replace(f)
				checkAgainstSlow(t, s)
			}
		}
	}
	for nxx := 0; nxx < 1000; nxx++ {
		checkAgainstSlow(t, "415"+pad(nxx, 3)+"0100")
		checkAgainstSlow(t, "(212) "+pad(nxx, 3)+"-9999")
	}
}

// Every single-byte deletion, insertion and substitution of a set of seeds agrees with
// the reference: that covers the edges of the grammar deterministically.
func TestAgainstSlow_Mutations(t *testing.T) {
	seeds := []string{"+14152345678", "(415) 234-5678", "1-415-234-5678", "+1 (415) 234.5678", " 8005550100 "}
	alphabet := "0129+-.() x\t"
	n := 0
	for _, s := range seeds {
		checkAgainstSlow(t, s)
		for i := 0; i <= len(s); i++ {
			if i < len(s) {
				checkAgainstSlow(t, s[:i]+s[i+1:])
			}
			for _, c := range alphabet {
				checkAgainstSlow(t, s[:i]+string(c)+s[i:])
				if i < len(s) {
					checkAgainstSlow(t, s[:i]+string(c)+s[i+1:])
				}
				n++
			}
		}
	}
	require.Greater(t, n, 500)
}

// The reference itself accepts what the rule says and rejects the rest, so that the
// differential tests cannot pass against a broken reference.
func TestSlowReference(t *testing.T) {
	assert.Equal(t, "+14152345678", slowParse("(415) 234-5678", strictRE))
	assert.Equal(t, "", slowParse("415-234-5678", strictRE))
	assert.Equal(t, "+14152345678", slowParse("415-234-5678", lenientRE))
	assert.Equal(t, "", slowParse("4151115678", lenientRE))
	assert.Equal(t, "", slowParse("3702345678", lenientRE))
	assert.Equal(t, "", slowParse("４１５２３４５６７８", lenientRE))
	assert.Len(t, refAssigned(), 463+5) // the reference copy plus the five added rows
}

func pad(v, width int) string {
	s := strings.Repeat("0", width) + itoa(v)
	return s[len(s)-width:]
}

func itoa(v int) string {
	if v == 0 {
		return "0"
	}
	var b []byte
	for ; v > 0; v /= 10 {
		b = append([]byte{byte('0' + v%10)}, b...)
	}
	return string(b)
}
