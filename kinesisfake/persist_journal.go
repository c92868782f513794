package kinesisfake

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
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
	nonces  [2]uint64 // the lastNonce and expiredNonce stored
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
	// The key and the value share one allocation.
	const keyLen = 1 + 8 + 4 + 8
	b := make([]byte, 0, keyLen+8+binary.MaxVarintLen16+len(key)+len(data))
	b = binary.BigEndian.AppendUint64(append(b, recordsByte), s.tag)
	b = binary.BigEndian.AppendUint32(b, uint32(sh.index))
	b = binary.BigEndian.AppendUint64(b, s.counter)
	b = binary.BigEndian.AppendUint64(b, uint64(arrival))
	b = binary.AppendUvarint(b, uint64(len(key)))
	b = append(append(b, key...), data...)
	j.ops = append(j.ops, StoreOp{Key: b[:keyLen:keyLen], Value: b[keyLen:]})
	if n := len(j.touched); n == 0 || j.touched[n-1] != s {
		j.touched = append(j.touched, s)
	}
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
// is dirty, and returns what waits for them to be stored; it never returns
// nil. Call it under the lock.
func (j *journal) flush(now time.Time) (wait func() error) {
	c := j.engine
	if j.dirty {
		var header bytes.Buffer
		if err := c.writeDocument(&header, nil, now); err != nil {
			return func() error { return fmt.Errorf("%w: %w", errStoreWrite, err) }
		}
		// After writing, which settles what is due and may mark it.
		j.dirty = false
		j.ops = append(j.ops, StoreOp{Key: headerKey, Value: header.Bytes()})
		for s := range j.docs {
			if c.streams[s.name] != s {
				continue // forgotten since it changed
			}
			var doc bytes.Buffer
			if err := c.writeDocument(&doc, s, now); err != nil {
				return func() error { return fmt.Errorf("%w: %w", errStoreWrite, err) }
			}
			j.ops = append(j.ops, StoreOp{Key: streamKey(streamByte, s.tag), Value: doc.Bytes()})
		}
		clear(j.docs)
	}
	if n := [2]uint64{c.LastNonce, c.ExpiredNonce}; n != j.nonces {
		// Iterators and NextTokens move them on every read, so they
		// are stored with the next change rather than on their own.
		j.nonces = n
		j.ops = append(j.ops, StoreOp{Key: noncesKey, Value: binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, n[0]), n[1])})
	}
	for _, s := range j.touched {
		v := binary.BigEndian.AppendUint64(nil, s.counter)
		v = binary.BigEndian.AppendUint64(v, s.latest)
		v = binary.BigEndian.AppendUint64(v, s.spread)
		j.ops = append(j.ops, StoreOp{Key: streamKey(countersByte, s.tag), Value: v})
	}
	ops := j.ops
	j.ops, j.touched = nil, j.touched[:0]
	if len(ops) == 0 {
		return func() error { return nil }
	}
	store := j.store.Write(ops)
	return func() error {
		if err := store(); err != nil {
			return fmt.Errorf("%w: %w", errStoreWrite, err)
		}
		return nil
	}
}

// end hands the store what an operation with the effect given changed,
// under the lock, and returns what waits until it is stored, or nil if
// there is nothing to wait for: the operation only reads (what it
// changed in passing, such as records dropped past retention, is stored in
// order with the next change, and is derived again at start if not).
func (j *journal) end(effect effect, now time.Time) (wait func() error) {
	looked := j.looked
	j.looked = j.looked[:0]
	if effect == reads {
		if j.dirty || len(j.ops) > 0 {
			j.flush(now) // in order with what follows, but not waited for
		}
		return nil
	}
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
	// written before it is.
	Write(ops []StoreOp) (wait func() error)
}

// A StoreOp is one change to a [Store]: it sets Key to Value or, if Value is
// nil, deletes every key from Key up to, but not including, End.
type StoreOp struct {
	Key, Value, End []byte
}
