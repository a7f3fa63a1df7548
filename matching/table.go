package matching

// table is a compact open-addressing hash index (linear probing) from a
// string value to the positions of the records holding it. A slot is one
// uint64: the high 32 bits are a tag taken from the value's hash, the low 32
// bits the record position plus one (0 marks an empty slot). The index holds
// no string and no pointer: a lookup checks a candidate against the record
// itself, so a slot costs 8 bytes, a customer's whole index a few dozen
// bytes, and the garbage collector never looks inside (a []uint64 is a
// pointer-free allocation).
//
// Several records may hold the same value (that is how ambiguities are
// seen); each has its own slot. Entries are never deleted: when a record's
// value changes, its old slot goes stale and lookups skip it because the
// record no longer holds the value; growth rebuilds the table from the
// records and drops stale slots.
type table struct {
	slots []uint64
	used  int // occupied slots, stale ones included
}

// maxLoad is the load factor (used/len) above which a table grows: 3/4.
func (t *table) full(extra int) bool { return (t.used+extra)*4 > len(t.slots)*3 }

// tableSize returns the power-of-two slot count for n entries.
func tableSize(n int) int {
	size := 8
	for n*4 > size*3 {
		size *= 2
	}
	return size
}

const tagMask = 0xffffffff00000000

func slotOf(h uint64, pos int) uint64 { return h&tagMask | uint64(pos+1) }

// insert adds pos under hash h; the caller has made room. It does nothing
// when the same (tag, pos) is already in h's probe run, which keeps a record
// from appearing twice when its value returns to an earlier one.
func (t *table) insert(h uint64, pos int) {
	mask := uint64(len(t.slots) - 1)
	want := slotOf(h, pos)
	for i := h & mask; ; i = (i + 1) & mask {
		switch t.slots[i] {
		case 0:
			t.slots[i] = want
			t.used++
			return
		case want:
			return
		}
	}
}

// probe walks h's probe run. Its next method returns, one by one, the
// position of every record whose slot carries h's tag: the candidates, to
// be checked by value. It allocates nothing.
type probe struct {
	slots []uint64
	mask  uint64
	i     uint64
	tag   uint64
}

func (t *table) probe(h uint64) probe {
	if len(t.slots) == 0 {
		return probe{}
	}
	mask := uint64(len(t.slots) - 1)
	return probe{slots: t.slots, mask: mask, i: h & mask, tag: h & tagMask}
}

// next returns the next candidate, or false at the end of the run.
func (p *probe) next() (pos int, ok bool) {
	if len(p.slots) == 0 {
		return 0, false
	}
	for {
		s := p.slots[p.i&p.mask]
		p.i++
		if s == 0 {
			return 0, false
		}
		if s&tagMask == p.tag {
			return int(uint32(s)) - 1, true
		}
	}
}
