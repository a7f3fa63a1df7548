package jsonraw

import (
	"encoding/json"
	"math"
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestInt32JSONIntegerRule: a JSON integer is a number with no fractional
// part, by value; the 32-bit range applies to the value.
func TestInt32JSONIntegerRule(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int32
		err  error
	}{
		{"1", 1, nil},
		{"1.0", 1, nil},
		{"1e3", 1000, nil},
		{"1E+3", 1000, nil},
		{"10e-1", 1, nil},
		{"100e-2", 1, nil},
		{"0.5e1", 5, nil},
		{"0", 0, nil},
		{"-0", 0, nil},
		{"0.000", 0, nil},
		{"0e999999999999", 0, nil},
		{"-2147483648", math.MinInt32, nil},
		{"2147483647", math.MaxInt32, nil},
		{"2147483647.000", math.MaxInt32, nil},
		{"-2.147483648e9", math.MinInt32, nil},
		{"007", 7, nil}, // not JSON, but the value is read if asked
		{"1.5", 0, ErrNotInteger},
		{"1e-1", 0, ErrNotInteger},
		{"0.1", 0, ErrNotInteger},
		{"1.0000000000000000001", 0, ErrNotInteger},
		{"1e-999999999999", 0, ErrNotInteger},
		{"2147483648", 0, ErrRange},
		{"-2147483649", 0, ErrRange},
		{"3e9", 0, ErrRange},
		{"2147483648.0", 0, ErrRange},
		{"1e999999999999", 0, ErrRange},
		{"12345678901234567890", 0, ErrRange},
		{"", 0, ErrSyntax},
		{"-", 0, ErrSyntax},
		{"1.", 0, ErrSyntax},
		{"1e", 0, ErrSyntax},
		{"abc", 0, ErrSyntax},
		{"1x", 0, ErrSyntax},
	} {
		got, err := Int32([]byte(c.in))
		if c.err != nil {
			assert.ErrorIs(t, err, c.err, c.in)
			continue
		}
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
}

// TestUnquoteNeverRepairs: invalid UTF-8 and unpaired surrogate escapes are
// errors; everything else decodes as encoding/json decodes it.
func TestUnquoteNeverRepairs(t *testing.T) {
	for _, c := range []struct {
		in   string
		want string
		err  error
	}{
		{`"abc"`, "abc", nil},
		{`"a\"b\\c\/d\n\t\r\b\f"`, "a\"b\\c/d\n\t\r\b\f", nil},
		{`"\u00e9"`, "é", nil},
		{`"\ud83d\ude00"`, "😀", nil},
		{`"😀"`, "😀", nil},
		{`"\u0000"`, "\x00", nil}, // decoded; rejecting NUL is the field check's
		{`"\ud800"`, "", ErrInvalidText},
		{`"\udc00"`, "", ErrInvalidText},
		{`"\ud800\u0041"`, "", ErrInvalidText},
		{`"\ud800x"`, "", ErrInvalidText},
		{"\"\xff\"", "", ErrInvalidText},
		{"\"a\xc3\"", "", ErrInvalidText},
		{"\"\xed\xa0\x80\"", "", ErrInvalidText}, // a surrogate encoded in UTF-8
		{`abc`, "", ErrSyntax},
		{`"\x"`, "", ErrSyntax},
		{`"\u12"`, "", ErrSyntax},
	} {
		got, err := Unquote([]byte(c.in))
		if c.err != nil {
			assert.ErrorIs(t, err, c.err, c.in)
			continue
		}
		require.NoError(t, err, c.in)
		assert.Equal(t, c.want, got, c.in)
	}
}

// TestMembersKeepsOrderAndDuplicates: members come in the order written,
// duplicates included; a non-object reports false.
func TestMembersKeepsOrderAndDuplicates(t *testing.T) {
	var keys, vals []string
	ok := Members([]byte(` { "b" : 1 , "a":{"x":[1,"}"]}, "b":"s\"}" } `), func(k, v []byte) bool {
		keys, vals = append(keys, string(k)), append(vals, string(v))
		return true
	})
	require.True(t, ok)
	assert.Equal(t, []string{`"b"`, `"a"`, `"b"`}, keys)
	assert.Equal(t, []string{`1`, `{"x":[1,"}"]}`, `"s\"}"`}, vals)
	assert.True(t, Members([]byte(`{}`), func(k, v []byte) bool { t.Fatal("no members"); return true }))
	for _, in := range []string{`[]`, `"x"`, `1`, `null`, ``} {
		assert.False(t, Members([]byte(in), func(k, v []byte) bool { return true }), in)
	}
}

func TestValidText(t *testing.T) {
	assert.True(t, ValidText([]byte(`{"a":["x",1,{"é":"\ud83d\ude00"}]}`)))
	assert.False(t, ValidText([]byte(`{"a":"\ud800"}`)))
	assert.False(t, ValidText([]byte(`{"\ud800":1}`)))
	assert.False(t, ValidText([]byte(`["\u0000"]`)))
	assert.False(t, ValidText([]byte("[\"\xff\"]")))
}

func TestKindOf(t *testing.T) {
	for in, want := range map[string]Kind{`null`: Null, ` true`: Bool, `false`: Bool, `-1`: Number, `"x"`: String, `[]`: Array, `{}`: Object, ``: Invalid, `x`: Invalid} {
		assert.Equal(t, want, KindOf([]byte(in)), in)
	}
}

// FuzzInt32 checks Int32 against math/big on every number encoding/json
// accepts: an integer in range is returned exactly, anything else is
// ErrNotInteger or ErrRange as the exact value says.
func FuzzInt32(f *testing.F) {
	for _, s := range []string{"1", "1.0", "1e3", "1.5", "-2147483648", "2147483648", "0.5e1", "1e-1", "123456789e-5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var n json.Number
		if len(s) > 64 || KindOf([]byte(s)) != Number || json.Unmarshal([]byte(s), &n) != nil || strings.TrimSpace(s) != s {
			return
		}
		got, err := Int32([]byte(s))
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			// math/big refuses exponents this large (1e1000001). The value is
			// then 0 when every mantissa digit is 0, else out of the 32-bit
			// range (positive exponent) or not an integer (negative one).
			mant, exp, _ := strings.Cut(strings.ToLower(s), "e")
			switch {
			case strings.Trim(mant, "-0.") == "":
				require.NoError(t, err, s)
				assert.Zero(t, got, s)
			case strings.HasPrefix(exp, "-"):
				assert.ErrorIs(t, err, ErrNotInteger, s)
			default:
				assert.ErrorIs(t, err, ErrRange, s)
			}
			return
		}
		switch {
		case !r.IsInt():
			assert.ErrorIs(t, err, ErrNotInteger, s)
		case !r.Num().IsInt64() || r.Num().Int64() < math.MinInt32 || r.Num().Int64() > math.MaxInt32:
			assert.ErrorIs(t, err, ErrRange, s)
		default:
			require.NoError(t, err, s)
			assert.Equal(t, r.Num().Int64(), int64(got), s)
		}
	})
}

// FuzzUnquote: on a string literal encoding/json accepts, Unquote either
// agrees with encoding/json or reports ErrInvalidText exactly when
// encoding/json had to repair something.
func FuzzUnquote(f *testing.F) {
	for _, s := range []string{`"abc"`, `"\ud800"`, `"\ud83d\ude00"`, "\"\xff\"", `"\u00e9\n"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want string
		if json.Unmarshal([]byte(s), &want) != nil || KindOf([]byte(s)) != String || strings.TrimSpace(s) != s {
			return
		}
		got, err := Unquote([]byte(s))
		if err != nil {
			assert.ErrorIs(t, err, ErrInvalidText, s)
			assert.Contains(t, want, string(utf8.RuneError), "encoding/json repaired something")
			return
		}
		assert.Equal(t, want, got)
		assert.True(t, utf8.ValidString(got))
	})
}
