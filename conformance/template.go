package conformance

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// templateRE finds a template: {{kind:arg...}}.
var templateRE = regexp.MustCompile(`\{\{([^{}]*)\}\}`)

// maxExpansion bounds what one template may produce ({{repeat}}): enough
// for a body over the reference's 16 MiB limit, never unbounded.
const maxExpansion = 32 << 20

// env is what templates read: the run, the case and the values bound so far.
type env struct {
	run    *run
	caseID string
	refs   map[string]any
}

// run is the state one run shares between cases: its prefix, its today and
// the phone numbers handed out.
type run struct {
	prefix string
	today  time.Time

	mu     sync.Mutex
	phones map[string]int // "case\x00n" -> index into the phone space
	next   int
	base   int
}

func newRun(prefix string, today time.Time) *run {
	h := sha256.Sum256([]byte("phone\x00" + prefix))
	return &run{
		prefix: prefix,
		today:  time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC),
		phones: map[string]int{},
		base:   int(binary.BigEndian.Uint64(h[:8]) % uint64(phoneSpace)),
	}
}

// hash derives a number from the run, the case and a name.
func (e *env) hash(kind, name string) uint64 {
	h := sha256.Sum256([]byte(kind + "\x00" + e.run.prefix + "\x00" + e.caseID + "\x00" + name))
	return binary.BigEndian.Uint64(h[:8])
}

// expand replaces every template of s. raw allows {{byte:HH}}, which makes
// text that is not UTF-8; it is only allowed where the text is sent as it
// is (rawBody, $raw).
func (e *env) expand(s string, raw bool) (string, error) {
	if !strings.Contains(s, "{{") {
		return s, nil
	}
	var firstErr error
	out := templateRE.ReplaceAllStringFunc(s, func(m string) string {
		if firstErr != nil {
			return ""
		}
		v, err := e.one(m[2:len(m)-2], raw)
		if err != nil {
			firstErr = fmt.Errorf("template %s: %w", m, err)
		}
		return v
	})
	return out, firstErr
}

// one expands a single template body such as "phone:1:paren".
func (e *env) one(t string, raw bool) (string, error) {
	kind, rest, _ := strings.Cut(t, ":")
	switch kind {
	case "prefix":
		return e.run.prefix, nil
	case "id":
		if !idPattern.MatchString(rest) {
			return "", errors.New("id needs a name of lower-case letters, digits and hyphens")
		}
		return e.run.prefix + "-" + e.caseID + "-" + rest, nil
	case "num":
		if rest == "" {
			return "", errors.New("num needs a name")
		}
		// 19 digits starting with 9: above 2^53, so a float64 loses digits.
		return "9" + fmt.Sprintf("%018d", e.hash("num", rest)%1e18), nil
	case "name":
		rest, form, _ := strings.Cut(rest, ":")
		if rest == "" {
			return "", errors.New("name needs a name")
		}
		h := e.hash("name", rest)
		b := make([]byte, 10)
		for i := range b {
			b[i] = byte('a' + h%26)
			h /= 26
		}
		switch form {
		case "":
			b[0] -= 'a' - 'A'
		case "upper":
			for i := range b {
				b[i] -= 'a' - 'A'
			}
		case "lower":
		default:
			return "", fmt.Errorf("unknown name form %q", form)
		}
		return string(b), nil
	case "phone":
		return e.phone(rest)
	case "dob":
		n, form, _ := strings.Cut(rest, ":")
		if n == "" {
			return "", errors.New("dob needs a number")
		}
		if form == "" {
			form = "mdy"
		}
		h := e.hash("dob", n)
		d := time.Date(1940+int(h%60), time.Month(1+(h/60)%12), 1+int((h/720)%28), 0, 0, 0, 0, time.UTC)
		return formatDate(d, form)
	case "dobleap":
		// February 29 of a leap year from 1940 to 1996.
		n, form, _ := strings.Cut(rest, ":")
		if n == "" {
			return "", errors.New("dobleap needs a number")
		}
		if form == "" {
			form = "mdy"
		}
		d := time.Date(1940+4*int(e.hash("dobleap", n)%15), time.February, 29, 0, 0, 0, 0, time.UTC)
		return formatDate(d, form)
	case "date":
		expr, form, _ := strings.Cut(rest, ":")
		if form == "" {
			form = "iso"
		}
		d, err := e.date(expr)
		if err != nil {
			return "", err
		}
		return formatDate(d, form)
	case "ref":
		v, ok := e.refs[rest]
		if !ok {
			return "", fmt.Errorf("%q is not bound yet", rest)
		}
		switch v := v.(type) {
		case string:
			return v, nil
		case json.Number:
			return v.String(), nil
		}
		return "", fmt.Errorf("%q is bound to a %s, not a string", rest, typeName(v))
	case "byte":
		if !raw {
			return "", errors.New("byte is allowed only in rawBody and $raw")
		}
		b, err := strconv.ParseUint(rest, 16, 8)
		if err != nil || len(rest) != 2 {
			return "", errors.New("byte needs two hex digits")
		}
		return string([]byte{byte(b)}), nil
	case "repeat":
		ns, text, ok := strings.Cut(rest, ":")
		n, err := strconv.Atoi(ns)
		if !ok || err != nil || n < 0 || text == "" {
			return "", errors.New("repeat needs a count and a text")
		}
		if n*len(text) > maxExpansion {
			return "", fmt.Errorf("repeat makes more than %d bytes", maxExpansion)
		}
		return strings.Repeat(text, n), nil
	}
	return "", fmt.Errorf("unknown template kind %q", kind)
}

// The phone space: geographic US area codes, exchanges 200-999 other than
// N11 and the service codes 555, 950, 958, 959 and 976, and every line.
var (
	phoneAreas = []string{"201", "202", "203", "205", "206", "207", "208", "209", "210", "212",
		"213", "214", "215", "216", "217", "218", "219", "224", "225", "228"}
	phoneExchanges = func() []int {
		var ex []int
		for x := 200; x <= 999; x++ {
			if x%100 == 11 || slices.Contains([]int{555, 950, 958, 959, 976}, x) {
				continue
			}
			ex = append(ex, x)
		}
		return ex
	}()
	phoneSpace = len(phoneAreas) * len(phoneExchanges) * 10000
)

// phone hands out the run's next number to (case, n) on first use, so that
// two cases of one run never share a number; options select the written
// form and may force the area code or exchange (for numbers that must be
// rejected).
func (e *env) phone(rest string) (string, error) {
	parts := strings.Split(rest, ":")
	if parts[0] == "" {
		return "", errors.New("phone needs a number")
	}
	key := e.caseID + "\x00" + parts[0]
	e.run.mu.Lock()
	idx, ok := e.run.phones[key]
	if !ok {
		idx = (e.run.base + e.run.next) % phoneSpace
		e.run.next++
		e.run.phones[key] = idx
	}
	e.run.mu.Unlock()
	area := phoneAreas[idx%len(phoneAreas)]
	idx /= len(phoneAreas)
	exch := strconv.Itoa(phoneExchanges[idx%len(phoneExchanges)])
	line := fmt.Sprintf("%04d", idx/len(phoneExchanges))
	form := "e164"
	for _, p := range parts[1:] {
		switch {
		case strings.HasPrefix(p, "area="):
			area = strings.TrimPrefix(p, "area=")
		case strings.HasPrefix(p, "exchange="):
			exch = strings.TrimPrefix(p, "exchange=")
		default:
			form = p
		}
	}
	switch form {
	case "e164":
		return "+1" + area + exch + line, nil
	case "digits":
		return area + exch + line, nil
	case "one":
		return "1" + area + exch + line, nil
	case "paren":
		return "(" + area + ") " + exch + "-" + line, nil
	case "dashes":
		return area + "-" + exch + "-" + line, nil
	case "dots":
		return area + "." + exch + "." + line, nil
	case "area":
		return area, nil
	case "exch":
		return exch, nil
	case "line":
		return line, nil
	}
	return "", fmt.Errorf("unknown phone form %q", form)
}

var dateTermRE = regexp.MustCompile(`^([+-])([0-9]+)([ymd])`)

// date evaluates a date expression: a start (today, feb29-prev or a
// YYYY-MM-DD date) followed by terms such as -1y, +1d or -3m, applied left
// to right. Adding years or months to a day the target month lacks gives
// that month's last day (February 29 plus one year is February 28).
func (e *env) date(expr string) (time.Time, error) {
	var d time.Time
	switch {
	case strings.HasPrefix(expr, "today"):
		d, expr = e.run.today, expr[len("today"):]
	case strings.HasPrefix(expr, "feb29-prev"):
		y := e.run.today.Year() - 1
		if !isLeap(y) {
			return d, fmt.Errorf("feb29-prev: %d is not a leap year (the case needs a when condition)", y)
		}
		d, expr = time.Date(y, time.February, 29, 0, 0, 0, 0, time.UTC), expr[len("feb29-prev"):]
	case len(expr) >= 10:
		t, err := time.Parse(time.DateOnly, expr[:10])
		if err != nil {
			return d, fmt.Errorf("bad date start %q", expr)
		}
		d, expr = t, expr[10:]
	default:
		return d, fmt.Errorf("bad date expression %q", expr)
	}
	for expr != "" {
		m := dateTermRE.FindStringSubmatch(expr)
		if m == nil {
			return d, fmt.Errorf("bad date term %q", expr)
		}
		n, _ := strconv.Atoi(m[2])
		if m[1] == "-" {
			n = -n
		}
		switch m[3] {
		case "y":
			d = addMonths(d, 12*n)
		case "m":
			d = addMonths(d, n)
		case "d":
			d = d.AddDate(0, 0, n)
		}
		expr = expr[len(m[0]):]
	}
	return d, nil
}

// addMonths adds months, clamping the day to the target month's length.
func addMonths(d time.Time, n int) time.Time {
	first := time.Date(d.Year(), d.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d.Day(), last), 0, 0, 0, 0, time.UTC)
}

func formatDate(d time.Time, form string) (string, error) {
	switch form {
	case "iso":
		return d.Format("2006-01-02"), nil
	case "mdy":
		return d.Format("01/02/2006"), nil
	case "mdy-dash":
		return d.Format("01-02-2006"), nil
	case "md":
		return d.Format("1/2/2006"), nil
	case "mixed":
		return d.Format("01-02/2006"), nil
	case "dmy":
		return d.Format("02/01/2006"), nil
	case "rfc3339":
		return d.Format("2006-01-02") + "T00:00:00Z", nil
	case "rfc3339-late":
		// 23:30 at UTC-5 is the next day in UTC: the date as written counts.
		return d.Format("2006-01-02") + "T23:30:00-05:00", nil
	}
	return "", fmt.Errorf("unknown date form %q", form)
}

// expandValue expands the templates of every string of a decoded JSON value
// (object keys are left as written).
func (e *env) expandValue(v any) (any, error) {
	switch v := v.(type) {
	case string:
		return e.expand(v, false)
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			y, err := e.expandValue(x)
			if err != nil {
				return nil, err
			}
			out[i] = y
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			var y any
			var err error
			if k == "$raw" && len(v) == 1 {
				s, ok := x.(string)
				if !ok {
					return nil, errors.New("$raw needs a string")
				}
				y, err = e.expand(s, true)
			} else {
				y, err = e.expandValue(x)
			}
			if err != nil {
				return nil, err
			}
			out[k] = y
		}
		return out, nil
	}
	return v, nil
}

// encodeBody writes an expanded request body: JSON as written, with
// {"$number": "123"} as the number 123 and {"$raw": "text"} as the text
// itself.
func encodeBody(buf *bytes.Buffer, v any) error {
	switch v := v.(type) {
	case nil:
		buf.WriteString("null")
	case bool:
		buf.WriteString(strconv.FormatBool(v))
	case json.Number:
		buf.WriteString(v.String())
	case string:
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return err
		}
		buf.Truncate(buf.Len() - 1) // Encode's newline
	case []any:
		buf.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := encodeBody(buf, x); err != nil {
				return err
			}
		}
		buf.WriteByte(']')
	case map[string]any:
		if len(v) == 1 {
			if r, ok := v["$repeat"].(map[string]any); ok {
				n, err := strconv.Atoi(fmt.Sprint(r["count"]))
				if err != nil || n < 0 || n > 10000 || len(r) != 2 {
					return errors.New(`$repeat needs {"count": 0 to 10000, "value": ...}`)
				}
				buf.WriteByte('[')
				for i := range n {
					if i > 0 {
						buf.WriteByte(',')
					}
					if err := encodeBody(buf, r["value"]); err != nil {
						return err
					}
				}
				buf.WriteByte(']')
				return nil
			}
			if s, ok := v["$number"].(string); ok {
				if _, err := strconv.ParseFloat(s, 64); err != nil && !errors.Is(err, strconv.ErrRange) {
					return fmt.Errorf("$number %q is not a number", s)
				}
				buf.WriteString(s)
				return nil
			}
			if s, ok := v["$raw"].(string); ok {
				buf.WriteString(s)
				return nil
			}
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			if err := encodeBody(buf, k); err != nil {
				return err
			}
			buf.WriteByte(':')
			if err := encodeBody(buf, v[k]); err != nil {
				return err
			}
		}
		buf.WriteByte('}')
	default:
		return fmt.Errorf("unexpected %T in a body", v)
	}
	return nil
}
