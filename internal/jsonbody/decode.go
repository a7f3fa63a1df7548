package jsonbody

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/carecycle/carerules/internal/field"
)

// ReadAll reads a body of at most limit bytes. It reads at most limit+1
// bytes, and returns ErrTooLarge and no bytes when there are more.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, ErrTooLarge
	}
	return data, nil
}

// Decode decodes body, which must be one JSON object, against sc. A body
// that is not JSON is a *SyntaxError and no Result; a body that is JSON but
// not an object is ErrNotObject and no Result. Every other
// problem of the body's shape is an issue in the Result; a field with an
// issue is Invalid.
//
// The Result's strings share the memory of one copy of body (body itself is
// not retained, and may be reused by the caller).
func Decode(body []byte, sc *Schema) (Result, error) {
	var obj Object
	a := &arenas{}
	res, err := DecodeInto(body, sc, a.sink(&obj, sc, nil))
	if err != nil {
		return Result{}, err
	}
	if obj.Values != nil {
		res.Object = obj
	}
	return res, nil
}

// DecodeInto is Decode into the caller's own values: sink receives the
// body object's members (Result.Object stays zero), with the same checks,
// issues and bounds. A caller that decodes into its own structs skips
// Decode's intermediate Objects. The strings and raw bytes the sink gets
// share the memory of one copy of body, as Decode's do: a caller that keeps
// one of them for long (a store's cache) clones it.
func DecodeInto(body []byte, sc *Schema, sink Sink) (Result, error) {
	d := &decoder{s: string(body)}
	i := d.ws(0)
	if i >= len(d.s) {
		return Result{}, d.eof()
	}
	var end int
	var err error
	if d.s[i] == '{' {
		end, err = d.object(i, 0, sc, sink)
	} else {
		end, _, _, err = d.scan(i, 0)
	}
	if err != nil {
		return Result{}, err
	}
	if end = d.ws(end); end < len(d.s) {
		return Result{}, d.syntax(end, "data after the JSON value")
	}
	if d.s[i] != '{' {
		return Result{}, ErrNotObject
	}
	return Result{Issues: d.issues, Total: d.total, Failed: d.failed}, nil
}

// Sink receives the members of one object as the decoder reads them. The
// field indexes are those of the object's Schema.
type Sink interface {
	// Set gives the value of field k: called for every member the schema
	// knows (a key sent twice: twice, the last value counts). For an
	// Objects field, v.Int is the number of items decoded, or -1 when the
	// array was not decoded (absent, null, over its limit, not an array).
	Set(k int, v Value)
	// Items announces the n items of the Objects field k, before them: n
	// is within the field's limits.
	Items(k, n int)
	// Item returns the sink of item i of the Objects field k, an object;
	// nil discards it (it is still checked). An item that is not an object
	// gets no call: the array is then Invalid.
	Item(k, i int) Sink
	// Extra gives the object's unknown members as one raw JSON object,
	// once, after its last member; it is not called when there are none.
	Extra(raw []byte)
}

type discard struct{}

func (discard) Set(int, Value)     {}
func (discard) Items(int, int)     {}
func (discard) Item(int, int) Sink { return discard{} }
func (discard) Extra(raw []byte)   {}

// arenas hold the memory of Decode's Objects: small slices are cut from
// shared chunks, so that a record's policies cost no allocation of their
// own.
type arenas struct {
	vals  []Value
	objs  []Object
	lists [][]Object
	sinks []objectSink
}

// take cuts n elements from the arena *buf, allocating a new chunk of at
// least chunk elements when it is short.
func take[T any](buf *[]T, n, chunk int) []T {
	if cap(*buf)-len(*buf) < n {
		*buf = make([]T, 0, max(n, chunk))
	}
	l := len(*buf)
	*buf = (*buf)[:l+n]
	return (*buf)[l : l+n : l+n]
}

// objectSink builds an Object for Decode. vals, when not nil, are the
// object's values already cut from the arena.
type objectSink struct {
	obj *Object
	sc  *Schema
	a   *arenas
}

func (a *arenas) sink(obj *Object, sc *Schema, vals []Value) *objectSink {
	if vals == nil {
		vals = take(&a.vals, len(sc.fields), 512)
	}
	obj.Values = vals
	s := &take(&a.sinks, 1, 64)[0]
	*s = objectSink{obj: obj, sc: sc, a: a}
	return s
}

func (s *objectSink) Set(k int, v Value) {
	if s.sc.fields[k].Kind == Objects && v.Int >= 0 {
		v.Int = s.obj.Values[k].Int // the index Items gave its list
	}
	s.obj.Values[k] = v
}

func (s *objectSink) Items(k, n int) {
	list := take(&s.a.objs, n, 64)
	elem := s.sc.fields[k].Elem
	nf := len(elem.fields)
	vals := take(&s.a.vals, n*nf, 512)
	for i := range list {
		list[i].Values = vals[i*nf : (i+1)*nf : (i+1)*nf]
	}
	if s.obj.lists == nil {
		s.obj.lists = take(&s.a.lists, s.sc.lists, 64)[:0]
	}
	s.obj.Values[k] = Value{State: Given, Int: int32(len(s.obj.lists))}
	s.obj.lists = append(s.obj.lists, list)
}

func (s *objectSink) Item(k, i int) Sink {
	item := &s.obj.lists[s.obj.Values[k].Int][i]
	return s.a.sink(item, s.sc.fields[k].Elem, item.Values)
}

func (s *objectSink) Extra(raw []byte) { s.obj.Extra = raw }

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

// count counts one issue and reports whether it is to be kept: callers
// build an issue only when it is, so that issues past the cap cost nothing.
func (d *decoder) count() bool {
	d.total++
	if len(d.path) >= 2 && d.path[1].index >= 0 {
		if n := len(d.failed); n == 0 || d.failed[n-1] != d.path[1].index {
			d.failed = append(d.failed, d.path[1].index)
		}
	}
	return len(d.issues) < MaxIssues
}

// add keeps an issue at the current path.
func (d *decoder) add(is Issue) {
	is.Path = make([]string, len(d.path))
	for k, sg := range d.path {
		if sg.index >= 0 {
			is.Path[k] = strconv.Itoa(sg.index)
		} else {
			is.Path[k] = sg.name
		}
	}
	d.issues = append(d.issues, is)
}

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

func expected(k Kind) string {
	switch k {
	case ID:
		return "string | number"
	case Int32:
		return "integer"
	case Objects:
		return "array"
	case CustomValue:
		return "string | number | boolean | array<string> | null"
	}
	return "string"
}

// wrongType reports a value of the wrong JSON type at the current path.
func (d *decoder) wrongType(f *Field, got string) {
	if !d.count() {
		return
	}
	msg := f.label() + " has the wrong type"
	switch f.Kind {
	case Objects:
		msg = f.label() + " must be an array"
	case Int32:
		msg = f.label() + " must be an integer"
	}
	d.add(Issue{Message: msg, Expected: expected(f.Kind), Received: got, Code: CodeInvalidType})
}

// badText reports, at the current path, a string whose text the field
// check rejects, describing why (never repeating it).
func (d *decoder) badText(name, text string, strict bool) {
	if !d.count() {
		return
	}
	exp := field.ExpectedText
	if strict {
		exp, text = field.ExpectedName, strings.TrimSpace(text)
	}
	d.add(Issue{Message: name + " is not valid text", Expected: exp, Received: field.DescribeInvalid(text, strict), Code: CodeInvalidString})
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

func lengthRange(f *Field) string {
	if f.Min > 0 {
		return strconv.Itoa(f.Min) + " to " + strconv.Itoa(f.Max) + " characters"
	}
	return "at most " + strconv.Itoa(f.Max) + " characters"
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

// items says "k items", or "k records" for a field whose Noun is "record".
func items(f *Field, k int) string {
	if f.Noun == "" {
		return strconv.Itoa(k) + " items"
	}
	if k == 1 {
		return "1 " + f.Noun
	}
	return strconv.Itoa(k) + " " + f.Noun + "s"
}

func itemRange(f *Field) string {
	if f.Min > 0 {
		return strconv.Itoa(f.Min) + " to " + items(f, f.Max)
	}
	return "at most " + items(f, f.Max)
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
// integer: it reports whether the value has no fractional part, and whether
// it is in the 32-bit range. The value decides, not the spelling: 1.0 and
// 1e3 are integers, 1.5 and 1e-9 are not.
func int32Value(lit string) (n int32, integer, inRange bool) {
	neg := lit[0] == '-'
	if neg {
		lit = lit[1:]
	}
	mant, exp := lit, int64(0)
	if k := indexAny(lit, 'e', 'E'); k >= 0 {
		mant = lit[:k]
		e := lit[k+1:]
		sign := int64(1)
		if e[0] == '+' || e[0] == '-' {
			if e[0] == '-' {
				sign = -1
			}
			e = e[1:]
		}
		for _, c := range []byte(e) {
			if exp < 1e12 {
				exp = exp*10 + int64(c-'0')
			}
		}
		exp *= sign
	}
	intPart, frac := mant, ""
	if k := indexAny(mant, '.', '.'); k >= 0 {
		intPart, frac = mant[:k], mant[k+1:]
	}
	// value = digits × 10^e
	dg := intPart + frac
	e := exp - int64(len(frac))
	for len(dg) > 0 && dg[0] == '0' {
		dg = dg[1:]
	}
	if dg == "" {
		return 0, true, true
	}
	for dg[len(dg)-1] == '0' {
		dg = dg[:len(dg)-1]
		e++
	}
	if e < 0 {
		return 0, false, false
	}
	if int64(len(dg))+e > 10 {
		return 0, true, false
	}
	var v int64
	for _, c := range []byte(dg) {
		v = v*10 + int64(c-'0')
	}
	for ; e > 0; e-- {
		v *= 10
	}
	if neg {
		v = -v
	}
	if v < -1<<31 || v > 1<<31-1 {
		return 0, true, false
	}
	return int32(v), true, true
}

func indexAny(s string, a, b byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == a || s[i] == b {
			return i
		}
	}
	return -1
}
