package jsonbody

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/carecycle/carerules/internal/field"
	"github.com/carecycle/carerules/internal/jsonraw"
)

// decoder is one decode: the body as a string, the path of the value being
// decoded, and the issues.
type decoder struct {
	s       string
	nocheck bool // skip checks syntax only (scan)
	path    []seg
	issues  []Issue
	total   int
	failed  []int
}

// seg is one segment of a path: a member name, or an array index when name
// is "" and index >= 0.
type seg struct {
	name  string
	index int
}

func (d *decoder) push(name string) { d.path = append(d.path, seg{name: name, index: -1}) }
func (d *decoder) pushIndex(i int)  { d.path = append(d.path, seg{index: i}) }
func (d *decoder) pop()             { d.path = d.path[:len(d.path)-1] }

// object decodes the object at s[i] == '{' into sink. depth counts the
// containers open around it.
func (d *decoder) object(i, depth int, sc *Schema, sink Sink) (int, error) {
	s := d.s
	if depth >= maxDepth {
		return i, d.syntax(i, "nesting too deep")
	}
	// The state of each field, for the required check.
	var buf [32]State
	states := buf[:]
	if len(sc.fields) > len(buf) {
		states = make([]State, len(sc.fields))
	}
	obj0 := i
	var extra []byte
	i = d.ws(i + 1)
	if i < len(s) && s[i] == '}' {
		i++
	} else {
		for {
			if i >= len(s) {
				return i, d.eof()
			}
			if s[i] != '"' {
				return i, d.syntax(i, "object key is not a string")
			}
			ks := i
			j, kfl, err := d.str(i)
			if err != nil {
				return j, err
			}
			key := d.text(i, j, kfl)
			kfl = d.check(i, j, kfl)
			if i = d.ws(j); i >= len(s) {
				return i, d.eof()
			}
			if s[i] != ':' {
				return i, d.syntax(i, "missing colon after object key")
			}
			i = d.ws(i + 1)
			f := -1
			if kfl&(fBad|fControl) == 0 {
				f = sc.Index(key)
			}
			if f >= 0 {
				d.push(key)
				var v Value
				j, err = d.field(i, depth+1, &sc.fields[f], f, &v, sink)
				d.pop()
				sink.Set(f, v)
				states[f] = v.State
			} else {
				var vfl uint8
				j, _, vfl, err = d.skip(i, depth+1)
				if err != nil {
					return j, err
				}
				switch {
				case kfl&(fBad|fControl) != 0:
					if d.count() {
						d.add(Issue{Message: "a field name is not valid text", Expected: field.ExpectedName,
							Received: field.DescribeInvalid(strings.TrimSpace(key), true), Code: CodeInvalidString})
					}
				case vfl&fBad != 0:
					d.push(key)
					if d.count() {
						d.add(Issue{Message: key + " holds text that is not valid", Expected: field.ExpectedText,
							Received: "invalid text", Code: CodeInvalidString})
					}
					d.pop()
				}
				if extra == nil {
					// Size the buffer once: the rest of the object bounds
					// its unknown members (growing it by appending would
					// copy them several times over).
					end, _, _, err := d.scan(obj0, depth)
					if err != nil {
						return end, err
					}
					extra = append(make([]byte, 0, end-ks+2), '{')
				} else {
					extra = append(extra, ',')
				}
				extra = append(extra, s[ks:j]...)
			}
			if err != nil {
				return j, err
			}
			if i = d.ws(j); i >= len(s) {
				return i, d.eof()
			}
			if s[i] == ',' {
				i = d.ws(i + 1)
				continue
			}
			if s[i] != '}' {
				return i, d.syntax(i, "missing comma or closing brace")
			}
			i++
			break
		}
	}
	if extra != nil {
		sink.Extra(append(extra, '}'))
	}
	for k := range sc.fields {
		f := &sc.fields[k]
		if f.Required && states[k] <= Null {
			d.push(f.Name)
			if d.count() {
				rec := "undefined"
				if states[k] == Null {
					rec = "null"
				}
				d.add(Issue{Message: f.label() + " is required", Expected: expected(f.Kind), Received: rec, Code: CodeInvalidType})
			}
			d.pop()
		}
	}
	return i, nil
}

// field decodes the value at s[i] of field f into v.
// k is the field's index; an Objects field's items go to sink.
func (d *decoder) field(i, depth int, f *Field, k int, v *Value, sink Sink) (int, error) {
	s := d.s
	*v = Value{State: Invalid, Int: -1} // Int -1: no items (Object.Items)
	if i >= len(s) {
		return i, d.eof()
	}
	switch c := s[i]; c {
	case 'n':
		j, err := d.lit(i, "null")
		*v = Value{State: Null}
		return j, err
	case '"':
		j, fl, err := d.str(i)
		if err != nil {
			return j, err
		}
		if f.Kind == Int32 || f.Kind == Objects {
			d.wrongType(f, "string")
			return j, nil
		}
		text := d.text(i, j, fl)
		bad := fBad
		if f.Strict {
			bad |= fControl
		}
		if d.check(i, j, fl)&bad != 0 {
			d.badText(f.label(), text, f.Strict)
			return j, nil
		}
		if f.Kind == CustomValue {
			*v = Value{Text: s[i:j], State: Given}
			return j, nil
		}
		if !d.checkText(f, text, fl) {
			v.Text = text // valid text, too long or not in the enum: a caller may echo it cut
			return j, nil
		}
		*v = Value{Text: text, State: Given}
		return j, nil
	case '[':
		switch f.Kind {
		case Objects:
			return d.objects(i, depth, f, k, v, sink)
		case CustomValue:
			return d.stringArray(i, depth, v)
		}
		j, _, _, err := d.scan(i, depth)
		if err == nil {
			d.wrongType(f, "array")
		}
		return j, err
	case '{':
		j, _, _, err := d.scan(i, depth)
		if err == nil {
			d.wrongType(f, "object")
		}
		return j, err
	case 't', 'f':
		j, _, _, err := d.scan(i, depth)
		if err != nil {
			return j, err
		}
		if f.Kind == CustomValue {
			*v = Value{Text: s[i:j], State: Given}
		} else {
			d.wrongType(f, "boolean")
		}
		return j, nil
	}
	j, _, _, err := d.scan(i, depth)
	if err != nil {
		return j, err
	}
	lit := s[i:j]
	switch f.Kind {
	case ID:
		if d.checkText(f, lit, 0) {
			*v = Value{Text: lit, State: Given, Number: true}
		} else {
			v.Text, v.Number = lit, true
		}
	case CustomValue:
		*v = Value{Text: lit, State: Given}
	case Int32:
		n, integer, inRange := int32Value(lit)
		switch {
		case !integer:
			d.wrongType(f, "number")
		case !inRange:
			if d.count() {
				code, exp := CodeTooBig, "integer in [-2147483648, 2147483647]"
				if lit[0] == '-' {
					code = CodeTooSmall
				}
				d.add(Issue{Message: f.label() + " is out of the 32-bit integer range", Expected: exp, Received: "number", Code: code})
			}
		default:
			*v = Value{Int: n, State: Given}
		}
	default:
		d.wrongType(f, "number")
	}
	return j, nil
}

// checkText applies a string field's length limits and enum; fl are the
// string's scan flags (0 for a number's literal text, which is ASCII).
func (d *decoder) checkText(f *Field, text string, fl uint8) bool {
	if f.Max > 0 || f.Min > 0 {
		n := len(text)
		if fl&fNonASCII != 0 {
			n = field.Len(text)
		}
		if f.Max > 0 && n > f.Max {
			if d.count() {
				d.add(Issue{Message: f.label() + " is too long", Expected: lengthRange(f), Received: strconv.Itoa(n) + " characters", Code: CodeTooBig})
			}
			return false
		}
		if n < f.Min {
			if d.count() {
				d.add(Issue{Message: f.label() + " is too short", Expected: lengthRange(f), Received: strconv.Itoa(n) + " characters", Code: CodeTooSmall})
			}
			return false
		}
	}
	if f.Kind == Enum && !slices.Contains(f.Enum, text) {
		if d.count() {
			rec := text
			if n := utf8.RuneCountInString(text); n > 40 {
				rec = strconv.Itoa(field.Len(text)) + " characters"
			}
			exp := ""
			for k, e := range f.Enum {
				if k > 0 {
					exp += " | "
				}
				exp += e
			}
			d.add(Issue{Message: f.label() + " is not one of the allowed values", Expected: exp, Received: rec, Code: CodeInvalidEnum})
		}
		return false
	}
	return true
}

// objects decodes the array of objects at s[i] == '['. It counts the items
// with a syntax-only scan first: an array over its limit costs no
// per-item work.
func (d *decoder) objects(i, depth int, f *Field, fk int, v *Value, sink Sink) (int, error) {
	s := d.s
	end, n, _, err := d.scan(i, depth)
	if err != nil {
		return end, err
	}
	if f.Max > 0 && n > f.Max {
		if d.count() {
			d.add(Issue{Message: f.label() + " must hold at most " + items(f, f.Max), Expected: itemRange(f), Received: items(f, n), Code: CodeTooBig})
		}
		return end, nil
	}
	if n < f.Min {
		if d.count() {
			d.add(Issue{Message: f.label() + " must hold at least " + items(f, f.Min), Expected: itemRange(f), Received: items(f, n), Code: CodeTooSmall})
		}
		return end, nil
	}
	sink.Items(fk, n)
	*v = Value{State: Given, Int: int32(n)}
	invalid := false
	i = d.ws(i + 1)
	for k := 0; k < n; k++ {
		var j int
		d.pushIndex(k)
		if s[i] == '{' {
			item := sink.Item(fk, k)
			if item == nil {
				item = discard{}
			}
			j, err = d.object(i, depth+1, f.Elem, item)
		} else {
			j, _, _, err = d.scan(i, depth+1)
			invalid = true
			if err == nil && d.count() {
				d.add(Issue{Message: f.Elem.noun + " must be an object", Expected: "object", Received: typeAt(s, i), Code: CodeInvalidType})
			}
		}
		d.pop()
		if err != nil {
			return j, err
		}
		i = d.ws(j)
		if s[i] == ',' {
			i = d.ws(i + 1)
		}
	}
	if invalid {
		v.State = Invalid
	}
	return end, nil
}

// stringArray decodes a custom field value that is an array: each item
// must be a string of valid text.
func (d *decoder) stringArray(i, depth int, v *Value) (int, error) {
	s := d.s
	start := i
	if depth >= maxDepth {
		return i, d.syntax(i, "nesting too deep")
	}
	ok := true
	i = d.ws(i + 1)
	if i < len(s) && s[i] == ']' {
		*v = Value{Text: s[start : i+1], State: Given}
		return i + 1, nil
	}
	for k := 0; ; k++ {
		j, _, fl, err := d.skip(i, depth+1)
		if err != nil {
			return j, err
		}
		switch {
		case s[i] != '"':
			ok = false
			if d.count() {
				d.pushIndex(k)
				d.add(Issue{Message: "custom field array values must be strings", Expected: "string", Received: typeAt(s, i), Code: CodeInvalidType})
				d.pop()
			}
		case fl&fBad != 0:
			ok = false
			d.pushIndex(k)
			d.badText("custom field value", d.text(i, j, fNonASCII|fEscape), false)
			d.pop()
		}
		if i = d.ws(j); i >= len(s) {
			return i, d.eof()
		}
		if s[i] == ']' {
			break
		}
		if s[i] != ',' {
			return i, d.syntax(i, "missing comma or closing bracket")
		}
		i = d.ws(i + 1)
	}
	if ok {
		*v = Value{Text: s[start : i+1], State: Given}
	}
	return i + 1, nil
}

// int32Value reads a JSON number's literal text (checked by num) as an
// integer with the library's one reader of integers by value
// (jsonraw.Int32: 1.0 and 1e3 are integers, 1.5 and 1e-9 are not): it
// reports whether the value has no fractional part, and whether it is in
// the 32-bit range.
func int32Value(lit string) (n int32, integer, inRange bool) {
	n, err := jsonraw.Int32([]byte(lit))
	switch {
	case errors.Is(err, jsonraw.ErrRange):
		return 0, true, false
	case err != nil:
		return 0, false, false
	}
	return n, true, true
}
