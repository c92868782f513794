package kinesisfake

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
	"time"
)

// journal is the changeLog of a fake started with Open: it gathers the
// changes a call makes and hands them to the store. It is guarded by the
// engine's lock.
type journal struct {
	store  Store
	engine *engine // whose state it keeps
	// dirty is set when anything but records has changed: the header is
	// written again with the next batch, and the streams looked up since
	// the last.
	dirty   bool
	looked  []*stream        // the streams the call looked up
	docs    map[*stream]bool // the streams to write again with the next batch
	ops     []StoreOp
	touched []*stream // whose counters the batch's records moved
	nonces  [2]uint64 // the nonce ceiling and expiredNonce stored

	// The records put since the last flush, and the batches handed to
	// the store that hold records not yet published, oldest first.
	marks   []mark
	pending []*batch
	batches uint64 // how many batches with records have been handed over
	// failed is the first failure to store: once it is set nothing more
	// is stored, and calls that would change the state are refused.
	failed error
	// revert puts the state back to what the store holds; unreadable is
	// why it could not, which refuses every call.
	revert     func() error
	unreadable error
	// empty is set while the store holds nothing, as Open found it, and
	// nothing has changed: reads store nothing until something does.
	empty bool
	// storedVersion is the layout's version Open found the store in: 0 if
	// it was empty.
	storedVersion int
}

// nonceBlock is how many nonces the store reserves at a time: the stored
// ceiling is above every nonce handed out, so none is handed out again
// after a crash.
const nonceBlock = 1 << 16

// A mark publishes a shard's records below next, and its stream's counters
// up to counter.
type mark struct {
	s       *stream
	sh      *shard
	next    int
	counter uint64
}

// A batch is the records of one write to the store, to publish once it is
// stored.
type batch struct {
	seq   uint64
	marks []mark
}

// A commit is a write handed to the store: the journal's storing.
type commit struct {
	j     *journal
	batch *batch // nil if it has no records
	store func() error
}

func (m *commit) wait() error {
	err := m.store()
	if err == nil && m.batch == nil {
		return nil // nothing to publish
	}
	m.j.engine.mu.Lock()
	defer m.j.engine.mu.Unlock()
	return m.j.settle(m.batch, err)
}

func (m *commit) waitLocked() error {
	return m.j.settle(m.batch, m.store())
}

// settle publishes, once b is stored, its records and those of every batch
// before it, which the store has stored first; or, if it failed, refuses
// all that follows.
func (j *journal) settle(b *batch, err error) error {
	if err != nil {
		j.fail(err)
		return fmt.Errorf("%w: %w", errStoreWrite, err)
	}
	if b == nil {
		return nil
	}
	n := 0
	for ; n < len(j.pending) && j.pending[n].seq <= b.seq; n++ {
		for _, m := range j.pending[n].marks {
			m.s.publish(m.sh, m.next, m.counter)
		}
	}
	j.pending = slices.Delete(j.pending, 0, n)
	return nil
}

// fail refuses, from now on, every call that would change the state: the
// store did not take a change, and none after it may be stored. The state
// goes back to what the store holds, so that the change, and any other
// not stored, is seen by no one.
func (j *journal) fail(err error) {
	if j.failed != nil {
		return
	}
	j.failed = err
	if rerr := j.revert(); rerr != nil {
		j.unreadable = rerr
	}
}

// refusal is why a call with the effect given is refused, or nil.
func (j *journal) refusal(effect effect) error {
	switch {
	case j.unreadable != nil:
		return fmt.Errorf("%w: a write failed, and the store could not be read back: %w", errStoreWrite, j.unreadable)
	case j.failed != nil && effect != reads:
		return fmt.Errorf("%w: an earlier write failed, so the fake takes no changes until it is restarted: %w", errStoreWrite, j.failed)
	}
	return nil
}

// Keys' first bytes.
var (
	versionKey    = []byte("v")
	headerKey     = []byte("h")
	noncesKey     = []byte("n")
	streamByte    = byte('s')
	countersByte  = byte('c')
	recordsByte   = byte('r')
	errStoreWrite = errors.New("kinesisfake: the state could not be stored")
)

// seal is a value as the store keeps it from version 2 on: a CRC-32C of
// the key and the value, big-endian, then the value, so that a value
// damaged on disk, or moved to another key, is found when it is read.
func seal(key, value []byte) []byte {
	sealed := make([]byte, 4, 4+len(value))
	return append(sealWith(sealed, key, value), value...)
}

// sealWith puts in b[:4] the checksum of key and value.
func sealWith(b, key, value []byte) []byte {
	binary.BigEndian.PutUint32(b[:4], checksum(key, value))
	return b
}

// checksum is the CRC-32C of key and value.
func checksum(key, value []byte) uint32 {
	table := crc32.MakeTable(crc32.Castagnoli)
	return crc32.Update(crc32.Checksum(key, table), table, value)
}

// streamKey is a stream's key or prefix of kind kind: its document, its
// counters or its records.
func streamKey(kind byte, tag uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{kind}, tag)
}

// shardKey is the prefix of a shard's records.
func shardKey(tag uint64, index int) []byte {
	return binary.BigEndian.AppendUint32(streamKey(recordsByte, tag), uint32(index))
}

// after is the first key after every key that starts with prefix.
func after(prefix []byte) []byte {
	end := bytes.Clone(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		if end[i]++; end[i] != 0 {
			return end[:i+1]
		}
	}
	return nil // prefix is all 0xff: no key is after
}

// changed marks that s has changed beside its records, in a call or
// outside one.
func (j *journal) changed(s *stream) {
	j.dirty, j.docs[s] = true, true
}

// lookedUp notes that the call looked s up, as every call that changes a
// stream does: if it changes more than records, s is written again.
func (j *journal) lookedUp(s *stream) {
	j.looked = append(j.looked, s)
}

// put adds a record the stream has just appended to sh.
func (j *journal) put(s *stream, sh *shard, data []byte, key string, arrival int64) {
	j.ops = append(j.ops, recordOp(s.tag, sh.index, s.counter, arrival, key, data))
	if n := len(j.touched); n == 0 || j.touched[n-1] != s {
		j.touched = append(j.touched, s)
	}
	if n := len(j.marks); n > 0 && j.marks[n-1].sh == sh {
		j.marks[n-1].next, j.marks[n-1].counter = sh.log.next, s.counter
	} else {
		j.marks = append(j.marks, mark{s, sh, sh.log.next, s.counter})
	}
}

// recordOp stores a record: its key, then its arrival, partition key and
// data, sealed.
func recordOp(tag uint64, shard int, counter uint64, arrival int64, key string, data []byte) StoreOp {
	// The key and the value share one allocation.
	const keyLen = 1 + 8 + 4 + 8
	b := make([]byte, 0, keyLen+4+8+binary.MaxVarintLen16+len(key)+len(data))
	b = binary.BigEndian.AppendUint64(append(b, recordsByte), tag)
	b = binary.BigEndian.AppendUint32(b, uint32(shard))
	b = binary.BigEndian.AppendUint64(b, counter)
	b = append(b, 0, 0, 0, 0) // the seal, once the value is written
	b = binary.BigEndian.AppendUint64(b, uint64(arrival))
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(append(b, key...), data...)
	sealWith(b[keyLen:], b[:keyLen], b[keyLen+4:])
	return StoreOp{Key: b[:keyLen:keyLen], Value: b[keyLen:]}
}

// trimmed deletes the records of sh before the first it retains.
func (j *journal) trimmed(s *stream, sh *shard) {
	from := shardKey(s.tag, sh.index)
	end := after(from)
	if r, ok := sh.log.oldest(); ok {
		end = binary.BigEndian.AppendUint64(bytes.Clone(from), r.counter)
	}
	j.ops = append(j.ops, StoreOp{Key: from, End: end})
}

// forget deletes a stream that is gone: its counters and records.
func (j *journal) forget(s *stream) {
	j.dirty = true
	delete(j.docs, s)
	for _, kind := range []byte{streamByte, countersByte, recordsByte} {
		prefix := streamKey(kind, s.tag)
		j.ops = append(j.ops, StoreOp{Key: prefix, End: after(prefix)})
	}
}

// flush hands the changes gathered to the store, the document first if it
// is dirty, and returns the commit that waits for them; it never returns
// nil. Call it under the lock.
func (j *journal) flush(now time.Time) storing {
	c := j.engine
	if j.failed != nil {
		return j.refused()
	}
	if j.empty {
		return &commit{j: j, store: func() error { return nil }} // nothing has changed
	}
	if j.dirty {
		var header bytes.Buffer
		if err := c.writeDocument(&header, nil, now); err != nil {
			j.fail(err)
			return j.refused()
		}
		// After writing, which settles what is due and may mark it.
		j.dirty = false
		j.ops = append(j.ops, StoreOp{Key: headerKey, Value: seal(headerKey, header.Bytes())})
		for s := range j.docs {
			if c.streams[s.name] != s {
				continue // forgotten since it changed
			}
			var doc bytes.Buffer
			if err := c.writeDocument(&doc, s, now); err != nil {
				j.fail(err)
				return j.refused()
			}
			key := streamKey(streamByte, s.tag)
			j.ops = append(j.ops, StoreOp{Key: key, Value: seal(key, doc.Bytes())})
		}
		clear(j.docs)
	}
	if n := [2]uint64{max(j.nonces[0], c.LastNonce), c.ExpiredNonce}; n != j.nonces {
		// Iterators and NextTokens move them on every read: the store
		// keeps a ceiling a block ahead, which a read waits for only
		// when it passes the last.
		if c.LastNonce > j.nonces[0] {
			n[0] = c.LastNonce + nonceBlock
		}
		j.nonces = n
		j.ops = append(j.ops, StoreOp{Key: noncesKey, Value: seal(noncesKey, binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, n[0]), n[1]))})
	}
	for _, s := range j.touched {
		v := binary.BigEndian.AppendUint64(nil, s.counter)
		v = binary.BigEndian.AppendUint64(v, s.latest)
		v = binary.BigEndian.AppendUint64(v, s.spread)
		key := streamKey(countersByte, s.tag)
		j.ops = append(j.ops, StoreOp{Key: key, Value: seal(key, v)})
	}
	ops := j.ops
	j.ops, j.touched = nil, j.touched[:0]
	m := &commit{j: j, store: func() error { return nil }}
	if len(j.marks) > 0 {
		j.batches++
		m.batch = &batch{seq: j.batches, marks: j.marks}
		j.pending = append(j.pending, m.batch)
		j.marks = nil
	}
	if len(ops) > 0 {
		m.store = j.store.Write(ops)
	}
	return m
}

// refused is the commit of a change the store will not take.
func (j *journal) refused() *commit {
	j.ops, j.touched, j.marks = nil, j.touched[:0], nil
	err := j.failed
	return &commit{j: j, store: func() error { return err }}
}

// end hands the store what an operation with the effect given changed,
// under the lock, and returns the commit to wait for, or nil if there is
// nothing to wait for: the operation only reads (what it changed in
// passing, such as records dropped past retention, is stored in order
// with the next change, and is derived again at start if not), unless it
// handed out a nonce past the stored ceiling.
func (j *journal) end(effect effect, now time.Time) storing {
	looked := j.looked
	j.looked = j.looked[:0]
	if effect == reads {
		if j.failed != nil || j.empty {
			return nil // nothing to store: the state is as stored
		}
		if j.engine.LastNonce > j.nonces[0] {
			return j.flush(now)
		}
		if j.dirty || len(j.ops) > 0 {
			j.flush(now) // in order with what follows, but not waited for
		}
		return nil
	}
	j.empty = false
	if effect == changes {
		j.dirty = true
		for _, s := range looked {
			j.docs[s] = true
		}
	}
	return j.flush(now)
}

// A Store keeps a fake's state outside its memory, so that a fake opened on
// it again with [Open] finds the state it had. The standalone server's
// -data flag keeps one in a directory, in an embedded database; a test can
// keep one in a map.
//
// The fake owns the keys, their layout and their values: a Store is an
// ordered map of bytes to bytes, changed in atomic batches.
type Store interface {
	// Scan calls f with each key that starts with prefix and its value,
	// in key order, and stops at f's first error, which it returns. The
	// slices are f's only until it returns.
	Scan(prefix []byte, f func(key, value []byte) error) error
	// Write applies ops, in order, as one atomic change after those
	// written before, and returns at once; the fake hands over ops and
	// does not touch them again. wait returns once the change is as
	// durable as the store makes it, with the error that kept it from
	// being stored, if any. A change is never stored unless every one
	// written before it is, and once one fails, none after it is stored.
	// The fake calls Write, and may call wait, holding its lock: neither
	// may call the fake.
	Write(ops []StoreOp) (wait func() error)
}

// A StoreOp is one change to a [Store]: it sets Key to Value or, if Value is
// nil, deletes every key from Key up to, but not including, End.
type StoreOp struct {
	Key, Value, End []byte
}
