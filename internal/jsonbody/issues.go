package jsonbody

import (
	"strconv"
	"strings"

	"github.com/carecycle/carerules/internal/field"
)

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

func lengthRange(f *Field) string {
	if f.Min > 0 {
		return strconv.Itoa(f.Min) + " to " + strconv.Itoa(f.Max) + " characters"
	}
	return "at most " + strconv.Itoa(f.Max) + " characters"
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
