package conformance

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"regexp"
	"sort"
	"strings"
	"unicode/utf16"
)

// Difference is one way a response differs from its case: where, what the
// case expected and what came back.
type Difference struct {
	// Path locates the value: "status", "body.results[0].policies[1].status".
	Path string `json:"path"`
	// Expected is the pattern, as JSON, or a sentence.
	Expected string `json:"expected"`
	// Received is the value received, as JSON (shortened), or a sentence.
	Received string `json:"received"`
}

// operators are the pattern objects of README.md, each an object with one
// key.
var operators = map[string]bool{
	"$ref": true, "$notRef": true, "$any": true, "$absent": true, "$type": true, "$regex": true,
	"$substring": true, "$notSubstring": true, "$some": true, "$none": true,
	"$unordered": true, "$len": true, "$maxLen": true, "$all": true, "$not": true,
	"$oneOf": true, "$gte": true, "$lte": true,
}

// operator returns the operator of a pattern object and its argument.
func operator(p any) (string, any, bool) {
	m, ok := p.(map[string]any)
	if !ok || len(m) != 1 {
		return "", nil, false
	}
	for k, v := range m {
		if strings.HasPrefix(k, "$") {
			return k, v, true
		}
	}
	return "", nil, false
}

// checkPattern rejects unknown operators and badly typed arguments when a
// case file is loaded, so that a typo cannot make a case that always passes.
func checkPattern(p any, at string) error {
	switch p := p.(type) {
	case []any:
		for i, x := range p {
			if err := checkPattern(x, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
	case map[string]any:
		op, arg, ok := operator(p)
		if !ok {
			for k, x := range p {
				if strings.HasPrefix(k, "$") {
					return fmt.Errorf("%s: operator %s must be alone in its object", at, k)
				}
				if err := checkPattern(x, at+"."+k); err != nil {
					return err
				}
			}
			return nil
		}
		if !operators[op] {
			return fmt.Errorf("%s: unknown operator %s", at, op)
		}
		switch op {
		case "$ref", "$notRef", "$regex", "$substring", "$notSubstring", "$type":
			s, ok := arg.(string)
			if !ok || s == "" {
				return fmt.Errorf("%s: %s needs a non-empty string", at, op)
			}
			if op == "$regex" {
				if _, err := regexp.Compile(s); err != nil {
					return fmt.Errorf("%s: %w", at, err)
				}
			}
			if op == "$type" && !map[string]bool{"string": true, "number": true, "integer": true,
				"boolean": true, "array": true, "object": true, "null": true}[s] {
				return fmt.Errorf("%s: unknown $type %q", at, s)
			}
		case "$any", "$absent":
			if arg != true {
				return fmt.Errorf("%s: %s takes true", at, op)
			}
		case "$len", "$maxLen", "$gte", "$lte":
			if _, ok := arg.(json.Number); !ok {
				return fmt.Errorf("%s: %s needs a number", at, op)
			}
		case "$some", "$unordered", "$all", "$oneOf":
			list, ok := arg.([]any)
			if !ok || (len(list) == 0 && op != "$unordered") {
				return fmt.Errorf("%s: %s needs a list", at, op)
			}
			return checkPattern(list, at)
		case "$none", "$not":
			return checkPattern(arg, at)
		}
	}
	return nil
}

// match compares a received value with a pattern. It returns the bindings
// after the match (refs is not modified) or the first difference.
func match(p, v any, at string, refs map[string]any) (map[string]any, *Difference) {
	if op, arg, ok := operator(p); ok {
		return matchOp(op, arg, p, v, at, refs)
	}
	switch p := p.(type) {
	case map[string]any:
		obj, ok := v.(map[string]any)
		if !ok {
			return nil, diff(at, p, v, "")
		}
		keys := make([]string, 0, len(p))
		for k := range p {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			x, present := obj[k]
			if op, _, _ := operator(p[k]); op == "$absent" {
				if present && x != nil {
					return nil, diff(at+"."+k, p[k], x, "")
				}
				continue
			}
			if !present {
				return nil, &Difference{Path: at + "." + k, Expected: short(p[k]), Received: "(absent)"}
			}
			var d *Difference
			if refs, d = match(p[k], x, at+"."+k, refs); d != nil {
				return nil, d
			}
		}
		return refs, nil
	case []any:
		arr, ok := v.([]any)
		if !ok {
			return nil, diff(at, p, v, "")
		}
		if len(arr) != len(p) {
			return nil, diff(at, p, v, fmt.Sprintf("%d elements, want %d: ", len(arr), len(p)))
		}
		for i := range p {
			var d *Difference
			if refs, d = match(p[i], arr[i], fmt.Sprintf("%s[%d]", at, i), refs); d != nil {
				return nil, d
			}
		}
		return refs, nil
	case json.Number:
		if n, ok := v.(json.Number); ok && numEqual(p, n) {
			return refs, nil
		}
		return nil, diff(at, p, v, "")
	default: // string, bool, nil
		if p == v {
			return refs, nil
		}
		return nil, diff(at, p, v, "")
	}
}

func matchOp(op string, arg, p, v any, at string, refs map[string]any) (map[string]any, *Difference) {
	fail := func(note string) (map[string]any, *Difference) { return nil, diff(at, p, v, note) }
	switch op {
	case "$ref":
		name := arg.(string)
		if bound, ok := refs[name]; ok {
			if _, d := match(bound, v, at, nil); d != nil {
				return fail(fmt.Sprintf("%s is bound to %s: ", name, short(bound)))
			}
			return refs, nil
		}
		if v == nil {
			return fail("a reference binds a value, not null: ")
		}
		out := maps.Clone(refs)
		if out == nil {
			out = map[string]any{}
		}
		out[name] = v
		return out, nil
	case "$notRef":
		name := arg.(string)
		bound, ok := refs[name]
		if !ok {
			return fail(fmt.Sprintf("%s is not bound yet: ", name))
		}
		if _, d := match(bound, v, at, nil); d == nil {
			return fail(fmt.Sprintf("equal to %s: ", name))
		}
		return refs, nil
	case "$any":
		if v == nil {
			return fail("")
		}
		return refs, nil
	case "$absent":
		if v != nil {
			return fail("")
		}
		return refs, nil
	case "$type":
		if typeName(v) == arg || (arg == "number" && typeName(v) == "integer") {
			return refs, nil
		}
		return fail("")
	case "$regex":
		s, ok := v.(string)
		if ok && regexp.MustCompile(arg.(string)).MatchString(s) {
			return refs, nil
		}
		return fail("")
	case "$substring", "$notSubstring":
		s, ok := v.(string)
		if !ok {
			b, _ := json.Marshal(v)
			s = string(b)
		}
		if strings.Contains(s, arg.(string)) == (op == "$substring") {
			return refs, nil
		}
		return fail("")
	case "$len", "$maxLen":
		n, _ := arg.(json.Number).Int64()
		l := -1
		switch v := v.(type) {
		case []any:
			l = len(v)
		case string:
			l = len(utf16.Encode([]rune(v)))
		}
		if l >= 0 && (int64(l) == n || (op == "$maxLen" && int64(l) <= n)) {
			return refs, nil
		}
		return fail(fmt.Sprintf("length %d: ", l))
	case "$gte", "$lte":
		n, ok := v.(json.Number)
		if !ok {
			return fail("")
		}
		c := numCmp(n, arg.(json.Number))
		if (op == "$gte" && c >= 0) || (op == "$lte" && c <= 0) {
			return refs, nil
		}
		return fail("")
	case "$all":
		for _, q := range arg.([]any) {
			var d *Difference
			if refs, d = match(q, v, at, refs); d != nil {
				return nil, d
			}
		}
		return refs, nil
	case "$not":
		if _, d := match(arg, v, at, refs); d == nil {
			return fail("")
		}
		return refs, nil
	case "$oneOf":
		for _, q := range arg.([]any) {
			if r, d := match(q, v, at, refs); d == nil {
				return r, nil
			}
		}
		return fail("")
	case "$some":
		arr, ok := v.([]any)
		if !ok {
			return fail("")
		}
	next:
		for _, q := range arg.([]any) {
			for _, x := range arr {
				if r, d := match(q, x, at, refs); d == nil {
					refs = r
					continue next
				}
			}
			return nil, diff(at, q, v, "no element matches: ")
		}
		return refs, nil
	case "$none":
		arr, ok := v.([]any)
		if !ok {
			return fail("")
		}
		for i, x := range arr {
			if _, d := match(arg, x, at, refs); d == nil {
				return nil, diff(fmt.Sprintf("%s[%d]", at, i), p, x, "this element matches: ")
			}
		}
		return refs, nil
	case "$unordered":
		arr, ok := v.([]any)
		pats := arg.([]any)
		if !ok || len(arr) != len(pats) {
			return fail(fmt.Sprintf("%s, want %d elements in any order: ", lengthOf(v), len(pats)))
		}
		if r, ok := matchUnordered(pats, arr, make([]bool, len(arr)), at, refs); ok {
			return r, nil
		}
		return fail("no assignment of elements to patterns: ")
	}
	return fail("unknown operator: ")
}

// matchUnordered assigns each pattern to a distinct element, backtracking.
func matchUnordered(pats, arr []any, used []bool, at string, refs map[string]any) (map[string]any, bool) {
	if len(pats) == 0 {
		return refs, true
	}
	for i, x := range arr {
		if used[i] {
			continue
		}
		if r, d := match(pats[0], x, at, refs); d == nil {
			used[i] = true
			if r2, ok := matchUnordered(pats[1:], arr, used, at, r); ok {
				return r2, true
			}
			used[i] = false
		}
	}
	return nil, false
}

func lengthOf(v any) string {
	if a, ok := v.([]any); ok {
		return fmt.Sprintf("%d elements", len(a))
	}
	return typeName(v)
}

func diff(at string, p, v any, note string) *Difference {
	return &Difference{Path: at, Expected: short(p), Received: note + short(v)}
}

// short renders a value as JSON, cut to 300 bytes.
func short(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 300 {
		return string(b[:300]) + "..."
	}
	return string(b)
}

func typeName(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case json.Number:
		if r, ok := new(big.Rat).SetString(v.String()); ok && r.IsInt() {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

func numCmp(a, b json.Number) int {
	x, ok1 := new(big.Rat).SetString(a.String())
	y, ok2 := new(big.Rat).SetString(b.String())
	if !ok1 || !ok2 {
		return strings.Compare(a.String(), b.String())
	}
	return x.Cmp(y)
}

func numEqual(a, b json.Number) bool { return numCmp(a, b) == 0 }
