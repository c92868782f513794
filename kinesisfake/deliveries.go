package kinesisfake

import (
	"strconv"
	"strings"
)

// A queue's deliveries are the records it has delivered and not had
// acknowledged: in flight, visible again, or dead letters. The records it
// has not delivered yet are not here: a cursor in each shard stands for
// them, so that a queue copies nothing of its stream. Each delivery is a
// slot in one slice, reused once acknowledged, and sits in one of three
// heaps ordered by the instant it is due: receives, acknowledgements and
// visibility changes cost in proportion to the records they touch, however
// many wait or are in flight. A receipt handle names a slot and the
// delivery it was issued for, so it is found without a map.

// delivery is one record a queue has delivered and not had acknowledged:
// 48 bytes, and 4 more in its heap.
type delivery struct {
	number   int64  // the record's number in its shard's log
	due      int64  // Unix milliseconds: in flight before it, visible from it
	first    int64  // Unix milliseconds: its first receive
	handle   uint64 // the nonce of its latest receipt handle; 0 for a free slot
	shard    int32  // its shard's index
	receives int32  // how many times it has been received since it was restored, if it was
	at       int32  // its place in its heap
	in       pile   // which heap holds it
}

// pile names the heap a delivery is in.
type pile uint8

const (
	pileFree       pile = iota // a free slot
	pileNormal                 // on the normal path: in flight, or visible again once due
	pileLastChance             // received MaxReceiveCount times: a dead letter once due
	pileDead                   // a dead letter: in flight on the dead-letter path, or visible there once due
)

// deliveries is a queue's deliveries.
type deliveries struct {
	slots []delivery
	free  []int32                // slots acknowledged, to reuse
	heaps [pileDead + 1]slotHeap // by pile; heaps[pileFree] is unused
	// nonce is the last receipt handle's: it never goes back, so that a
	// handle is never issued twice.
	nonce uint64
}

// slotHeap is a min-heap of slots by due, each slot knowing its place.
type slotHeap struct{ slots []int32 }

func (d *deliveries) less(h *slotHeap, i, j int) bool {
	si, sj := h.slots[i], h.slots[j]
	a, b := &d.slots[si], &d.slots[sj]
	if a.due != b.due {
		return a.due < b.due
	}
	if a.first != b.first {
		return a.first < b.first
	}
	return si < sj // in the order they were first received
}

func (d *deliveries) swap(h *slotHeap, i, j int) {
	h.slots[i], h.slots[j] = h.slots[j], h.slots[i]
	d.slots[h.slots[i]].at, d.slots[h.slots[j]].at = int32(i), int32(j)
}

func (d *deliveries) up(h *slotHeap, i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !d.less(h, i, parent) {
			return
		}
		d.swap(h, i, parent)
		i = parent
	}
}

func (d *deliveries) down(h *slotHeap, i int) {
	for {
		least, l, r := i, 2*i+1, 2*i+2
		if l < len(h.slots) && d.less(h, l, least) {
			least = l
		}
		if r < len(h.slots) && d.less(h, r, least) {
			least = r
		}
		if least == i {
			return
		}
		d.swap(h, i, least)
		i = least
	}
}

// place puts slot into pile p's heap.
func (d *deliveries) place(slot int32, p pile) {
	h := &d.heaps[p]
	s := &d.slots[slot]
	s.in, s.at = p, int32(len(h.slots))
	h.slots = append(h.slots, slot)
	d.up(h, len(h.slots)-1)
}

// lift takes slot out of its heap.
func (d *deliveries) lift(slot int32) {
	s := &d.slots[slot]
	h := &d.heaps[s.in]
	i, last := int(s.at), len(h.slots)-1
	if i != last {
		d.swap(h, i, last)
	}
	h.slots = h.slots[:last]
	if i != last {
		d.down(h, i)
		d.up(h, i)
	}
	s.in = pileFree
}

// reschedule moves slot's due, keeping it in its heap.
func (d *deliveries) reschedule(slot int32, due int64) {
	s := &d.slots[slot]
	s.due = due
	d.down(&d.heaps[s.in], int(s.at))
	d.up(&d.heaps[s.in], int(s.at))
}

// next is the slot of pile p due first, if it is due by now.
func (d *deliveries) next(p pile, now int64) (int32, bool) {
	h := &d.heaps[p]
	if len(h.slots) == 0 || d.slots[h.slots[0]].due > now {
		return 0, false
	}
	return h.slots[0], true
}

// soonest is when the first delivery of pile p is due, if it has any.
func (d *deliveries) soonest(p pile) (int64, bool) {
	h := &d.heaps[p]
	if len(h.slots) == 0 {
		return 0, false
	}
	return d.slots[h.slots[0]].due, true
}

// add makes a delivery of a record not delivered before, received now, and
// returns its slot.
func (d *deliveries) add(shard int32, number int64, now int64) int32 {
	var slot int32
	if n := len(d.free); n > 0 {
		slot, d.free = d.free[n-1], d.free[:n-1]
	} else {
		slot = int32(len(d.slots))
		d.slots = append(d.slots, delivery{})
	}
	d.slots[slot] = delivery{shard: shard, number: number, first: now}
	return slot
}

// issue receives slot again, in pile p, in flight until due: it counts the
// receive and gives it a new handle.
func (d *deliveries) issue(slot int32, p pile, due int64) {
	s := &d.slots[slot]
	if s.in != pileFree {
		d.lift(slot)
	}
	d.nonce++
	s.handle, s.due = d.nonce, due
	s.receives++
	d.place(slot, p)
}

// remove frees slot: its record is acknowledged, or gone past retention.
func (d *deliveries) remove(slot int32) {
	if d.slots[slot].in != pileFree {
		d.lift(slot)
	}
	d.slots[slot] = delivery{}
	d.free = append(d.free, slot)
}

// appendReceiptHandle appends the receipt handle of slot's receive nonce in
// the queue with the ID given: ID.SLOT.NONCE, the slot and the nonce in base
// 36, so that a handle names one receive of one record and is never issued
// again.
func appendReceiptHandle(b []byte, queueID string, slot int32, nonce uint64) []byte {
	b = append(append(b, queueID...), '.')
	b = append(strconv.AppendInt(b, int64(slot), 36), '.')
	return strconv.AppendUint(b, nonce, 36)
}

// parseReceiptHandle reads a receipt handle appendReceiptHandle made for the
// queue with the ID given.
func parseReceiptHandle(queueID, h string) (slot int32, nonce uint64, ok bool) {
	if len(h) <= len(queueID) || h[:len(queueID)] != queueID || h[len(queueID)] != '.' {
		return 0, 0, false
	}
	s, n, ok := strings.Cut(h[len(queueID)+1:], ".")
	if !ok || !canonical36(s) || !canonical36(n) {
		return 0, 0, false
	}
	i, err := strconv.ParseInt(s, 36, 32)
	if err != nil {
		return 0, 0, false
	}
	nonce, err = strconv.ParseUint(n, 36, 64)
	if err != nil || nonce == 0 {
		return 0, 0, false
	}
	return int32(i), nonce, true
}

// canonical36 reports whether s is a number in base 36 as strconv writes
// one: lowercase digits, and no leading zero but for 0 itself, so that a
// handle has one spelling.
func canonical36(s string) bool {
	if s == "" || len(s) > 1 && s[0] == '0' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'z') {
			return false
		}
	}
	return true
}

// current reports whether the receive nonce of slot is its delivery's
// latest, on the dead-letter path if dead and on the normal one if not.
func (d *deliveries) current(slot int32, nonce uint64, dead bool) bool {
	if int(slot) >= len(d.slots) {
		return false
	}
	s := &d.slots[slot]
	return s.handle == nonce && s.in != pileFree && (s.in == pileDead) == dead
}

// restore puts a dead letter back on the normal path, visible at now, with
// its receive count reset; its handles are no longer valid.
func (d *deliveries) restore(slot int32, now int64) {
	d.lift(slot)
	s := &d.slots[slot]
	s.receives, s.handle, s.due = 0, 0, now
	d.place(slot, pileNormal)
}
