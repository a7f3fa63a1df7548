package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/carrier"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/phone"
	"github.com/carecycle/carerules/plancode"
	"github.com/carecycle/carerules/timezone"
)

// verdict prints the outcome of one rule: human lines by default, a JSON
// object with --json.
type verdict struct {
	Valid  bool           `json:"valid"`
	Input  string         `json:"input"`
	Result map[string]any `json:"result,omitempty"`
	Error  *api.Issue     `json:"error,omitempty"`
	human  []string
}

func (v *verdict) print(w io.Writer, asJSON bool) int {
	if asJSON {
		writeJSON(w, v)
	} else if v.Valid {
		for _, l := range v.human {
			fmt.Fprintln(w, l)
		}
	} else {
		msg := v.Error.Message
		if !strings.Contains(msg, v.Error.Code) {
			msg += " (" + v.Error.Code + ")"
		}
		rec := v.Error.Received
		if rec == "" {
			rec = "(empty)"
		}
		fmt.Fprintf(w, "rejected: %s\n", msg)
		fmt.Fprintf(w, "  field:    %s\n", strings.Join(v.Error.Path, "."))
		fmt.Fprintf(w, "  expected: %s\n", v.Error.Expected)
		fmt.Fprintf(w, "  received: %s\n", rec)
	}
	if v.Valid {
		return exitValid
	}
	return exitRejected
}

func rejected(input string, err error) *verdict {
	is := api.IssueFrom(nil, err)
	return &verdict{Input: input, Error: &is}
}

func runPlanCode(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("plancode", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, ok := parseArgs(fs, args, 2, stderr)
	if !ok {
		return exitUsage
	}
	typ, code := pos[0], pos[1]
	canon, err := plancode.Canonical(typ, code)
	if err != nil {
		return rejected(code, err).print(stdout, *asJSON)
	}
	v := &verdict{Valid: true, Input: code, Result: map[string]any{"policyType": typ, "planCode": canon}}
	v.human = []string{canon}
	if c, err := plancode.Parse(canon); err == nil && plancode.ContractStyle(typ) {
		v.Result["prefix"], v.Result["meaning"] = c.Prefix().String(), c.Prefix().Meaning()
		v.Result["contract"], v.Result["plan"], v.Result["segment"] = c.ContractID(), c.PlanID(), c.SegmentID()
		v.human = append(v.human, fmt.Sprintf("  prefix %s (%s), contract %s, plan %s, segment %s",
			c.Prefix(), c.Prefix().Meaning(), c.ContractID(), c.PlanID(), c.SegmentID()))
	} else {
		v.human = append(v.human, fmt.Sprintf("  kept as given: %s plan codes are not CMS contract-style codes", strings.ToUpper(strings.TrimSpace(typ))))
	}
	return v.print(stdout, *asJSON)
}

func runCarrier(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("carrier", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	state := fs.String("state", "", "the customer's `state` (two-letter code)")
	zip := fs.String("zip", "", "the customer's `ZIP` code")
	pos, ok := parseArgs(fs, args, 1, stderr)
	if !ok {
		return exitUsage
	}
	reg, err := carrier.Default()
	if err != nil {
		fmt.Fprintf(stderr, "carerules carrier: %v\n", err)
		return exitUsage
	}
	m, err := reg.Resolve(carrier.Query{Name: pos[0], State: *state, PostalCode: *zip})
	if err != nil {
		v := rejected(pos[0], err)
		var ce *carrier.Error
		if errors.As(err, &ce) && len(ce.Candidates()) > 0 {
			var names []string
			for _, c := range ce.Candidates() {
				names = append(names, c.DisplayName+" ("+c.ID+")")
			}
			v.Error.Expected += "; candidates: " + strings.Join(names, ", ")
		}
		return v.print(stdout, *asJSON)
	}
	v := &verdict{Valid: true, Input: pos[0], Result: map[string]any{
		"id": m.Carrier.ID, "displayName": m.Carrier.DisplayName, "method": m.Method.String(),
		"confidence": m.Confidence.String(), "score": m.Score}}
	how := m.Method.String() + ", " + m.Confidence.String()
	if m.Score < 1 {
		how += fmt.Sprintf(", score %.3f", m.Score)
	}
	v.human = []string{fmt.Sprintf("%s (id %s; %s)", m.Carrier.DisplayName, m.Carrier.ID, how)}
	return v.print(stdout, *asJSON)
}

func runPhone(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("phone", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	lenient := fs.Bool("lenient", false, "also accept the usual variants (XXX-XXX-XXXX, 1XXXXXXXXXX, ...)")
	pos, ok := parseArgs(fs, args, 1, stderr)
	if !ok {
		return exitUsage
	}
	parse := phone.Parse
	if *lenient {
		parse = phone.ParseLenient
	}
	n, err := parse(pos[0])
	if err != nil {
		return rejected(pos[0], err).print(stdout, *asJSON)
	}
	reg := n.Region()
	flags := []string{}
	for _, f := range []struct {
		on   bool
		name string
	}{{n.TollFree(), "toll-free"}, {n.Premium(), "premium"}, {n.Personal(), "personal"}, {n.Fictional(), "fictional"}} {
		if f.on {
			flags = append(flags, f.name)
		}
	}
	v := &verdict{Valid: true, Input: pos[0], Result: map[string]any{
		"e164": n.E164(), "areaCode": n.AreaCode(), "exchange": n.Exchange(), "line": n.Line(),
		"country": reg.Country, "subdivision": reg.Subdivision, "class": reg.Class.String(), "flags": flags}}
	where := reg.Country
	if reg.Subdivision != "" {
		where += " " + reg.Subdivision
	}
	line := fmt.Sprintf("%s (area code %s: %s, %s)", n.E164(), n.AreaCode(), where, reg.Class)
	if len(flags) > 0 {
		line += " [" + strings.Join(flags, ", ") + "]"
	}
	v.human = []string{line}
	return v.print(stdout, *asJSON)
}

func runDOB(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dob", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	today := fs.String("today", "", "civil date `YYYY-MM-DD` of the plausibility check (default: today in UTC)")
	pos, ok := parseArgs(fs, args, 1, stderr)
	if !ok {
		return exitUsage
	}
	day, ok := parseToday(*today, stderr)
	if !ok {
		return exitUsage
	}
	d, err := dob.Parse(pos[0])
	if err == nil {
		err = d.CheckOn(day)
	}
	if err != nil {
		return rejected(pos[0], err).print(stdout, *asJSON)
	}
	v := &verdict{Valid: true, Input: pos[0], Result: map[string]any{"date": d.String(), "today": day.String(), "age": d.AgeOn(day)}}
	v.human = []string{fmt.Sprintf("%s (age %d on %s)", d, d.AgeOn(day), day)}
	return v.print(stdout, *asJSON)
}

// looksLikeZIP reports whether s, trimmed, is made of ASCII digits and
// dashes only: it is then read as a postal code, else as a time zone.
func looksLikeZIP(s string) bool {
	s = strings.TrimSpace(s)
	return s != "" && strings.Trim(s, "0123456789-") == "" && strings.ContainsAny(s, "0123456789")
}

func runTZ(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("tz", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, ok := parseArgs(fs, args, 1, stderr)
	if !ok {
		return exitUsage
	}
	tz, zip := pos[0], ""
	if looksLikeZIP(tz) {
		tz, zip = "", pos[0]
	}
	res, err := timezone.Resolve(tz, zip)
	if err != nil {
		return rejected(pos[0], err).print(stdout, *asJSON)
	}
	var cands []string
	for z := range res.Candidates.All() {
		cands = append(cands, z.Name())
	}
	v := &verdict{Valid: true, Input: pos[0], Result: map[string]any{"timezone": res.Zone.Name(), "source": res.Source.String(),
		"ambiguous": res.Ambiguous(), "candidates": cands}}
	line := fmt.Sprintf("%s (from %s)", res.Zone.Name(), res.Source)
	if res.Ambiguous() {
		line += "; contact windows use every candidate zone: " + strings.Join(cands, ", ")
	}
	v.human = []string{line}
	return v.print(stdout, *asJSON)
}
