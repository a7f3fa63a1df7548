package jsonbody

import (
	"io"
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
