package carrier

import (
	"fmt"
	"slices"
	"strings"

	"github.com/carecycle/carerules/internal/usaddr"
)

// Entry is one row of a host's carrier list, in the shape of the API's
// /v2/carriers (id, displayName, aliases) plus, for Blue companies, the
// states and split areas served. An entry with Members is a family name, an
// entry with NotCarrier a name that must stay unknown; every other entry is
// a carrier.
type Entry struct {
	ID          string
	DisplayName string
	Parent      string
	// Aliases are other names of the carrier. An alias written in capitals
	// and digits only ("UHC", "BCBSTX", "BCBS TX"; "of" may stand between),
	// or whose key has at most four characters, is a short code: exact
	// match only, never fuzzy.
	Aliases []string
	// ExactAliases match exactly only, never fuzzily: short codes and
	// legal names too generic to be fuzzy targets ("Health Options").
	ExactAliases []string
	// Blue marks a Blue Cross and/or Blue Shield licensee.
	Blue bool
	// States are the states (two-letter codes) where a generic Blue name
	// may resolve to this company. Blue entries only.
	States []string
	// Areas restrict the company, in states it shares with other Blue
	// companies, to the listed ZIP codes. Blue entries only.
	Areas []Area
	// Members are the IDs of the carriers a family name stands for
	// ("Anthem": Anthem Blue Cross and Blue Shield, Anthem Blue Cross,
	// Wellpoint). A family resolves to the one member whose States include
	// the customer's state, else it is ambiguous.
	Members []string
	// NotCarrier marks names that are not carriers and must resolve to
	// unknown ("Red Cross", "The Empire Plan"). Government programs
	// (Medicare, Medicaid, TRICARE, Humana Military, VA) are built in.
	NotCarrier bool
	// MedicareSoldTo is the ID of the carrier that bought this carrier's
	// Medicare business. A name of this carrier that reaches it only by
	// dropping Medicare product words ("Cigna Health and Life Medicare
	// Supplement") is then ambiguous between the two; register the product
	// names the buyer markets as its aliases ("Cigna Medicare Supplement").
	MedicareSoldTo string
	// Sources say where the entry's facts come from and when they were
	// read ("2025-03 news: HCSC closed its purchase of Cigna's Medicare
	// business"). New does not use them; the embedded data has at least one
	// per entry, with a date.
	Sources []string
}

// Area is the part of a state served by a Blue company: its ZIP codes.
// In a state where some company has an Area, a ZIP code decides only if it
// is listed in some Area of that state; unlisted ZIP codes stay ambiguous.
type Area struct {
	State string
	ZIPs  []string // five digits each
}

// governmentPrograms are government programs and their contractors: they
// are not carriers, in any registry, and resolve to unknown.
var governmentPrograms = []string{
	"Medicare", "Original Medicare", "Medicare Part A", "Medicare Part B",
	"Medicare Part D", "Medicaid", "Medi-Cal", "CMS",
	"Centers for Medicare and Medicaid Services",
	"TRICARE", "TRICARE For Life", "TRICARE Prime", "TRICARE Select",
	"Humana Military", "Humana Military Healthcare Services",
	"Health Net Federal Services", "TriWest", "TriWest Healthcare Alliance",
	"VA", "Veterans Affairs", "Department of Veterans Affairs",
	"Veterans Administration", "VA Health Care", "CHAMPVA",
}

type tkind uint8

const (
	tCarrier tkind = iota + 1
	tFamily
	tNot
	tGeneric
	tAmbig // several entries share a compact key
)

type target struct {
	kind    tkind
	display bool // the display name (MethodExact), not an alias
	// exactOnly: an exact-only alias ("Community Insurance Company", whose
	// key is the bare word "community"): it matches a whole name, never a
	// name reduced by cutting a state or dropping product words.
	exactOnly bool
	idx       int32
}

// baseOwner is a registered key and its owner, filed under the key's brand
// part (the key without trailing product words).
type baseOwner struct {
	t   target
	key string
}

type family struct {
	members []int32
}

// Registry is an immutable set of canonical carriers with their aliases and
// Blue state tables. It is safe for concurrent use.
type Registry struct {
	carriers    []Carrier
	stateMask   []uint64 // per carrier: bit i = serves stateCodes[i] as a Blue
	areaMask    []uint64 // per carrier: bit i = has an Area in stateCodes[i]
	blues       [numStates][]int32
	families    []family
	exact       map[string]target
	compact     map[string]target
	bases       map[string][]target    // compact brand part -> every owner (see contested)
	spacedBases map[string][]baseOwner // brand part -> every owner and its key (see contestedSpaced)
	ambigs      [][]int32
	fuzzy       []fuzzyKey // sorted by key length
	zips        map[uint32][]int32
	splitState  [numStates]bool
	// medicareSold: carrier -> the buyer of its Medicare business
	medicareSold map[int32]int32
}

func zipKey(state int, zip uint32) uint32 { return uint32(state)<<17 | zip }

// New builds a registry from a host's carrier list. It checks the list:
// every entry needs an ID (unique) and a display name; no two entries may
// share a name once normalized ([ErrDuplicateAlias]); a generic Blue name
// ("BCBS", "Blue Cross") cannot be an alias, since it resolves by state;
// states, areas and members must be valid ([ErrInvalidEntry]). The errors
// carry the path of the offending value, e.g. "entries[3].aliases[1]".
func New(entries []Entry) (*Registry, error) {
	r := &Registry{
		exact:        make(map[string]target),
		compact:      make(map[string]target),
		bases:        make(map[string][]target),
		spacedBases:  make(map[string][]baseOwner),
		zips:         make(map[uint32][]int32),
		medicareSold: make(map[int32]int32),
	}
	ids := make(map[string]target, len(entries))
	owner := make(map[string]string) // key -> path of first owner
	compactOwners := make(map[string][]target)

	bad := func(path, received string) error {
		return newError(kindInvalidEntry, path, expectEntry, received, nil)
	}

	// pass 1: IDs and kinds
	for i, e := range entries {
		p := fmt.Sprintf("entries[%d]", i)
		if trimSpace(e.ID) == "" {
			return nil, bad(p+".id", e.ID)
		}
		if _, dup := ids[e.ID]; dup {
			return nil, bad(p+".id", e.ID)
		}
		if trimSpace(e.DisplayName) == "" {
			return nil, bad(p+".displayName", e.DisplayName)
		}
		var t target
		switch {
		case len(e.Members) > 0 && e.NotCarrier:
			return nil, bad(p+".members", e.ID)
		case len(e.Members) > 0:
			t = target{kind: tFamily, idx: int32(len(r.families))}
			r.families = append(r.families, family{})
		case e.NotCarrier:
			t = target{kind: tNot, idx: -1}
		default:
			t = target{kind: tCarrier, idx: int32(len(r.carriers))}
			r.carriers = append(r.carriers, Carrier{ID: e.ID, DisplayName: trimSpace(e.DisplayName), Parent: e.Parent, Blue: e.Blue})
			r.stateMask = append(r.stateMask, 0)
			r.areaMask = append(r.areaMask, 0)
		}
		if t.kind != tCarrier && (e.Blue || len(e.States) > 0 || len(e.Areas) > 0) {
			return nil, bad(p+".blue", e.ID)
		}
		ids[e.ID] = t
	}

	var kb keyBuf
	addKey := func(path, name string, t target, fuzzyOK bool) error {
		key := string(kb.key(trimSpace(name)))
		if key == "" {
			return bad(path, name)
		}
		if t.kind != tNot {
			if g, ok := parseGeneric([]byte(key)); ok && g.state < 0 {
				return bad(path, name) // "BCBS" must stay generic
			}
		}
		if old, ok := r.exact[key]; ok {
			if old.kind == t.kind && old.idx == t.idx && t.kind != tNot {
				if t.display || old.exactOnly && !t.exactOnly {
					r.exact[key] = t
				}
				return nil
			}
			if old.kind == tNot && t.kind == tNot {
				return nil
			}
			return newError(kindDuplicateAlias, path, expectUniqueKey+" (also "+owner[key]+")", name, nil)
		}
		r.exact[key] = t
		owner[key] = path
		ck := compactKey(key)
		if !slices.ContainsFunc(compactOwners[ck], func(o target) bool { return o.kind == t.kind && o.idx == t.idx }) {
			compactOwners[ck] = append(compactOwners[ck], t)
		}
		if t.kind == tCarrier || t.kind == tFamily {
			sb := string(baseOf([]byte(key)))
			bk := compactKey(sb)
			if !slices.ContainsFunc(r.bases[bk], func(o target) bool { return o.kind == t.kind && o.idx == t.idx }) {
				r.bases[bk] = append(r.bases[bk], target{kind: t.kind, idx: t.idx})
			}
			r.spacedBases[sb] = append(r.spacedBases[sb], baseOwner{target{kind: t.kind, idx: t.idx}, key})
		}
		if fuzzyOK && len(key) > 4 && len(key) <= maxFuzzyKey {
			r.fuzzy = append(r.fuzzy, newFuzzyKey(key, t))
		}
		return nil
	}

	for _, g := range governmentPrograms {
		if err := addKey("governmentPrograms", g, target{kind: tNot, idx: -1}, true); err != nil {
			return nil, err
		}
	}

	// pass 2: names, states, areas, members
	for i, e := range entries {
		p := fmt.Sprintf("entries[%d]", i)
		t := ids[e.ID]
		dt := t
		dt.display = t.kind == tCarrier
		if err := addKey(p+".displayName", e.DisplayName, dt, !isCode(e.DisplayName)); err != nil {
			return nil, err
		}
		for j, a := range e.Aliases {
			if err := addKey(fmt.Sprintf("%s.aliases[%d]", p, j), a, t, !isCode(a)); err != nil {
				return nil, err
			}
		}
		for j, a := range e.ExactAliases {
			et := t
			et.exactOnly = true
			if err := addKey(fmt.Sprintf("%s.exactAliases[%d]", p, j), a, et, false); err != nil {
				return nil, err
			}
		}
		switch t.kind {
		case tFamily:
			for j, m := range e.Members {
				mt, ok := ids[m]
				if !ok || mt.kind != tCarrier {
					return nil, bad(fmt.Sprintf("%s.members[%d]", p, j), m)
				}
				f := &r.families[t.idx]
				if !slices.Contains(f.members, mt.idx) {
					f.members = append(f.members, mt.idx)
				}
			}
		case tCarrier:
			if e.MedicareSoldTo != "" {
				to, ok := ids[e.MedicareSoldTo]
				if !ok || to.kind != tCarrier || to.idx == t.idx {
					return nil, bad(p+".medicareSoldTo", e.MedicareSoldTo)
				}
				r.medicareSold[t.idx] = to.idx
			}
			if !e.Blue && (len(e.States) > 0 || len(e.Areas) > 0) {
				return nil, bad(p+".states", e.ID)
			}
			for j, s := range e.States {
				si := stateIndex(s)
				if si < 0 {
					return nil, bad(fmt.Sprintf("%s.states[%d]", p, j), s)
				}
				if r.stateMask[t.idx]&(1<<si) == 0 {
					r.stateMask[t.idx] |= 1 << si
					r.blues[si] = append(r.blues[si], t.idx)
				}
			}
			for j, a := range e.Areas {
				ap := fmt.Sprintf("%s.areas[%d]", p, j)
				si := stateIndex(a.State)
				if si < 0 || r.stateMask[t.idx]&(1<<si) == 0 {
					return nil, bad(ap+".state", a.State)
				}
				r.splitState[si] = true
				r.areaMask[t.idx] |= 1 << si
				for k, z := range a.ZIPs {
					zn, ok := parseZIP5(z)
					if !ok || len(z) != 5 {
						return nil, bad(fmt.Sprintf("%s.zips[%d]", ap, k), z)
					}
					zk := zipKey(si, zn)
					if !slices.Contains(r.zips[zk], t.idx) {
						r.zips[zk] = append(r.zips[zk], t.idx)
					}
				}
			}
		}
	}

	// Generic Blue words are fuzzy targets too, so that "Blue Corss Blue
	// Shield" reaches the state rule rather than some specific Blue.
	for _, g := range []string{"blue cross blue shield", "blue cross and blue shield", "blue cross", "blue shield"} {
		r.fuzzy = append(r.fuzzy, newFuzzyKey(g, target{kind: tGeneric, idx: -1}))
	}

	for ck, ts := range compactOwners {
		if len(ts) == 1 {
			r.compact[ck] = ts[0]
			continue
		}
		// Several entries share the key without spaces: answer ambiguous
		// (or unknown if one of them is not a carrier).
		var cs []int32
		not := false
		for _, t := range ts {
			switch t.kind {
			case tCarrier:
				cs = append(cs, t.idx)
			case tFamily:
				cs = append(cs, r.families[t.idx].members...)
			case tNot:
				not = true
			}
		}
		if not {
			r.compact[ck] = target{kind: tNot, idx: -1}
			continue
		}
		r.compact[ck] = target{kind: tAmbig, idx: int32(len(r.ambigs))}
		r.ambigs = append(r.ambigs, uniq(cs))
	}
	for _, z := range r.zips {
		slices.Sort(z)
	}
	slices.SortStableFunc(r.fuzzy, func(a, b fuzzyKey) int { return len(a.key) - len(b.key) })
	return r, nil
}

func uniq(xs []int32) []int32 {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// isCode reports a short code: every word written in capitals and digits
// ("UHC", "BCBSTX", "BCBS TX", "AARP/UHC"), apart from "of", "the" and "&".
func isCode(s string) bool {
	words := 0
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9')
	}) {
		switch {
		case w == "of" || w == "the":
			continue
		case strings.ToUpper(w) != w:
			return false
		}
		words++
	}
	return words > 0
}

func compactKey(key string) string {
	b := make([]byte, 0, len(key))
	for i := 0; i < len(key); i++ {
		if key[i] != ' ' {
			b = append(b, key[i])
		}
	}
	return string(b)
}

// parseZIP5 returns the first five digits of a postal code written as
// 12345, 12345-6789 or 123456789 (surrounding space allowed).
func parseZIP5(s string) (uint32, bool) {
	n, ok := usaddr.ParseZIP(trimSpace(s))
	return uint32(n), ok
}

// Carriers returns the registry's carriers in registry order (a copy).
func (r *Registry) Carriers() []Carrier { return slices.Clone(r.carriers) }

// Lookup returns the carrier with the given ID.
func (r *Registry) Lookup(id string) (Carrier, bool) {
	for _, c := range r.carriers {
		if c.ID == id {
			return c, true
		}
	}
	return Carrier{}, false
}

// BlueCompanies returns the Blue companies that serve a state (two-letter
// code), in registry order; nil for an unknown state.
func (r *Registry) BlueCompanies(state string) []Carrier {
	si := parseState(state)
	if si < 0 {
		return nil
	}
	return r.list(r.blues[si])
}

func (r *Registry) list(idx []int32) []Carrier {
	if len(idx) == 0 {
		return nil
	}
	out := make([]Carrier, len(idx))
	for i, x := range idx {
		out[i] = r.carriers[x]
	}
	return out
}
