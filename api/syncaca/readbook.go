package syncaca

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"sync"
)

// bookFile is the JSON form of a book.
type bookFile struct {
	Customers []Customer `json:"customers"`
}

// ReadBook reads a book in its JSON form:
//
//	{"customers": [{"id": "c-1", "firstName": ..., "policies": [{"id": "p-1", "policyType": "ACA", ...}]}]}
//
// The object holds the one key "customers"; a field that is not one of
// Customer's or Policy's is an error (encoding/json matches field names
// case-insensitively). The customers are decoded on every CPU: a large
// book is mostly JSON decoding. See NewBook for what is checked.
func ReadBook(r io.Reader) (*Book, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBook, err)
	}
	cs, err := decodeCustomers(data)
	if err != nil {
		return nil, err
	}
	return NewBook(cs)
}

// decodeCustomers decodes {"customers": [...]}: the elements of the array
// are delimited by a byte scan and decoded in parallel.
func decodeCustomers(data []byte) ([]Customer, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	for _, want := range []any{json.Delim('{'), "customers", json.Delim('[')} {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%w: %s", ErrBook, bookDecodeDetail(err))
		}
		if tok != want {
			return nil, fmt.Errorf("%w: expected {\"customers\": [...]}", ErrBook)
		}
	}
	spans, end, err := splitArray(data, int(dec.InputOffset()))
	if err != nil {
		return nil, err
	}
	if tail := bytes.TrimSpace(data[end:]); !bytes.Equal(tail, []byte("}")) {
		return nil, fmt.Errorf("%w: expected the end of {\"customers\": [...]} at byte offset %d", ErrBook, end)
	}
	cs := make([]Customer, len(spans))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(spans)/1024))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w * len(spans) / workers; i < (w+1)*len(spans)/workers; i++ {
				d := json.NewDecoder(bytes.NewReader(data[spans[i][0]:spans[i][1]]))
				d.DisallowUnknownFields()
				if err := d.Decode(&cs[i]); err != nil {
					errs[w] = fmt.Errorf("%w: customers[%d]: %s", ErrBook, i, bookDecodeDetail(err))
					return
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return cs, nil
}

// splitArray returns the byte spans of the elements of the JSON array whose
// '[' ends just before off, and the offset after its ']'. Each element must
// be an object; strings are skipped with their escapes. The elements' own
// syntax is checked when they are decoded.
func splitArray(data []byte, off int) (spans [][2]int, end int, err error) {
	i := off
	skip := func() {
		for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i++
		}
	}
	bad := func(what string) ([][2]int, int, error) {
		return nil, 0, fmt.Errorf("%w: customers: %s at byte offset %d", ErrBook, what, i)
	}
	skip()
	if i < len(data) && data[i] == ']' {
		return nil, i + 1, nil
	}
	for {
		skip()
		if i >= len(data) || data[i] != '{' {
			return bad("expected an object")
		}
		start, depth := i, 0
	scan:
		for ; i < len(data); i++ {
			switch data[i] {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					i++
					break scan
				}
			case '"':
				for i++; i < len(data) && data[i] != '"'; i++ {
					if data[i] == '\\' {
						i++
					}
				}
			}
		}
		if depth != 0 {
			return bad("unexpected end of input")
		}
		spans = append(spans, [2]int{start, i})
		skip()
		if i >= len(data) {
			return bad("unexpected end of input")
		}
		switch data[i] {
		case ',':
			i++
		case ']':
			return spans, i + 1, nil
		default:
			return bad("expected , or ]")
		}
	}
}

func bookDecodeDetail(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return "syntax error at byte offset " + strconv.FormatInt(se.Offset, 10)
	case errors.As(err, &te):
		return "field " + te.Field + ": expected " + te.Type.String() + ", got " + te.Value
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected end of input"
	}
	return err.Error() // unknown field names; never a value
}
