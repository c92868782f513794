package kinesisfake

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Persistence: a fake started with Open keeps its state in a Store as well
// as in memory. Memory serves every call; the store is what the fake is
// rebuilt from when it starts again. Each call's changes go to the store
// under the fake's lock, in the order they were made, and a call that
// changed the state returns once its changes are stored. The keys:
//
//	"v"                               the store's version, in decimal: storeVersion
//	"h"                               the state as Snapshot writes it, but for the streams
//	"n"                               the nonce ceiling and the expired nonce, newer than the header's
//	"s" incarnation                   a stream as Snapshot writes it, but for its records
//	"c" incarnation                   a stream's counters: sequence counter, latest second, spread
//	"r" incarnation shard counter     a record: arrival, partition key, data
//
// Every value but the version's is sealed: a CRC-32C of its key and value
// comes first (seal). Numbers in keys are big-endian (8 bytes, the shard's
// index 4), so a stream's records sort by shard, then sequence. The header and the streams
// a call looked up are written again after every call that changes more
// than records, so that a call costs the same however many streams there
// are; records, the bulk, are written one key each, and deleted as
// retention drops them. Together, the header and the streams are a
// document WithState reads.

// Open starts a fake that keeps its state in store: the state store holds,
// if it holds one, as the fake left it, and an empty one otherwise. From
// then on, every call that changes the state returns once the change is in
// store, so what a call acknowledged survives the process; what survives
// the machine is up to store.
//
// The state's times are absolute, as for [WithState]: on the real clock,
// what was CREATING is ACTIVE once its time has passed, whether that was
// while the fake was stopped or not, and so on. The options are those of
// [New], but for WithState, which Open refuses: the state is the store's.
// A stored state carries its region and account ID; WithRegion and
// WithAccountID, if given, must agree with them. Open fails if store
// cannot be read or holds a state that could not be, such as one written
// by another program.
//
// The fake does not close store: close it after [Client.Close].
func Open(store Store, opts ...Option) (*Client, error) {
	if store == nil || isNilPointer(store) {
		return nil, errors.New("kinesisfake: Open: a Store is required")
	}
	c := newClient()
	for _, opt := range opts {
		opt(c)
	}
	if c.state != nil {
		return nil, errors.New("kinesisfake: Open: the state is the store's, so WithState cannot be given too")
	}
	j := &journal{store: store, engine: &c.engine, dirty: true, docs: map[*stream]bool{}}
	j.revert = func() error { return c.revert(store) }
	c.journal = j
	restored, err := c.readStore(store)
	if err != nil {
		return nil, fmt.Errorf("kinesisfake: Open: %w", err)
	}
	c.finish(restored)
	if !restored {
		// Nothing is stored until something changes: a fake that is only
		// read leaves its store empty.
		j.empty = true
		j.ops = append(j.ops, versionOp())
		return c, nil
	}
	if err := c.compact(); err != nil {
		c.Close()
		return nil, fmt.Errorf("kinesisfake: Open: %w", err)
	}
	return c, nil
}

// versionOp stores the store's version.
func versionOp() StoreOp {
	return StoreOp{Key: versionKey, Value: []byte(strconv.Itoa(storeVersion))}
}

// readStore reads the state store holds, if any, into c, which has no
// state yet, and reports whether there was one.
func (c *Client) readStore(store Store) (restored bool, err error) {
	version, err := storedVersion(store)
	if err != nil {
		return false, err
	}
	c.journal.(*journal).storedVersion = version
	stored := storedValues{store, version >= firstSealedVersion}
	doc, err := stored.document()
	if err != nil {
		return false, err
	}
	if doc != nil {
		d := newStateReader(doc)
		d.fill = stored.records
		if err := d.read(c); err != nil {
			return false, fmt.Errorf("the stored state: %w", err)
		}
	}
	nonces, err := stored.key(noncesKey)
	switch {
	case err != nil:
		return false, err
	case nonces != nil && (len(nonces) != 16 || binary.BigEndian.Uint64(nonces[8:]) > binary.BigEndian.Uint64(nonces) || binary.BigEndian.Uint64(nonces) > math.MaxUint64-counterRoom):
		return false, fmt.Errorf("the stored nonces, %x, are not two of 8 bytes, the last nonce, not past %d, and one up to it", nonces, uint64(math.MaxUint64-counterRoom))
	case nonces != nil && binary.BigEndian.Uint64(nonces) >= c.LastNonce:
		c.LastNonce, c.ExpiredNonce = binary.BigEndian.Uint64(nonces), binary.BigEndian.Uint64(nonces[8:])
	}
	return doc != nil, nil
}

// revert puts the state back to what store holds, after a change the
// store did not take, so that no one sees what is not stored: the fake is
// as it would be restarted on store, but for what is not state (faults,
// rates, hooks). Subscriptions end and WaitForRecords wakes, as on a
// restart. Call it under the lock.
func (c *Client) revert(store Store) error {
	fresh := newClient()
	fresh.region, fresh.accountID, fresh.clock, fresh.delays, fresh.limits, fresh.journal = c.region, c.accountID, c.clock, c.delays, c.limits, c.journal
	if _, err := fresh.readStore(store); err != nil {
		return err
	}
	for _, s := range c.streams {
		s.stopSubscriptions(errReverted)
		s.signal()
	}
	c.engineState = fresh.engineState
	c.resumeReshardsLocked()
	return nil
}

// errReverted ends the subscriptions of a fake whose state went back to
// what its store holds.
var errReverted = errors.New("kinesisfake: a change could not be stored, so the fake went back to the stored state")

// The store's layout (its keys and the encoding of their values) has a
// version of its own, beside the version of the document its header and
// streams make; a release reads the layouts back to oldestStoreVersion, as
// docs/persistence.md promises, and Open writes the store in its own.
//
//	1  the release of 2026-12-01, which stored no version until 2026-12-07
//	2  every value but the version's is sealed with a checksum (seal)
const (
	storeVersion       = 2
	oldestStoreVersion = 1
	firstSealedVersion = 2
)

// storedVersion is the version of the store's layout: 0 for an empty
// store, and 1 for one with a state and no version, which version 1 did
// not store at first. It refuses a version this release does not read.
func storedVersion(store Store) (int, error) {
	v, err := storedValues{store: store}.key(versionKey)
	if err != nil {
		return 0, err
	}
	if v == nil {
		header, err := storedValues{store: store}.key(headerKey)
		if err != nil || header == nil {
			return 0, err
		}
		return 1, nil
	}
	version, err := strconv.Atoi(string(v))
	if err != nil {
		return 0, fmt.Errorf("the store's version, %q, is not a number", v)
	}
	if version < oldestStoreVersion || version > storeVersion {
		return 0, fmt.Errorf("the store is of version %d, which this release does not read: it reads %s", version, versions(oldestStoreVersion, storeVersion))
	}
	return version, nil
}

// storedValues reads a store's values, checking and taking off their seals
// if sealed.
type storedValues struct {
	store  Store
	sealed bool
}

// scan is Store.Scan of the values unsealed.
func (sv storedValues) scan(prefix []byte, f func(key, value []byte) error) error {
	return sv.store.Scan(prefix, func(k, v []byte) error {
		if sv.sealed {
			if len(v) < 4 || binary.BigEndian.Uint32(v) != checksum(k, v[4:]) {
				return fmt.Errorf("the value of key %x does not match its checksum: the store is damaged", k)
			}
			v = v[4:]
		}
		return f(k, v)
	})
}

// document puts the header and the streams stored together as a
// document: nil if the store has none.
func (sv storedValues) document() (io.Reader, error) {
	header, err := sv.key(headerKey)
	if err != nil || header == nil {
		return nil, err
	}
	// The header ends its document with an empty list of streams.
	const end = "]\n}\n"
	if !bytes.HasSuffix(header, []byte(end)) {
		return nil, errors.New("the stored header is not one the fake writes")
	}
	parts := []io.Reader{bytes.NewReader(header[:len(header)-len(end)])}
	err = sv.scan([]byte{streamByte}, func(_, v []byte) error {
		if len(parts) > 1 {
			parts = append(parts, strings.NewReader(","))
		}
		parts = append(parts, bytes.NewReader(bytes.Clone(v)))
		return nil
	})
	return io.MultiReader(append(parts, strings.NewReader(end))...), err
}

// key reads a key's value: nil if the store has none.
func (sv storedValues) key(key []byte) ([]byte, error) {
	var value []byte
	err := sv.scan(key, func(k, v []byte) error {
		if bytes.Equal(k, key) {
			value = bytes.Clone(v)
		}
		return nil
	})
	return value, err
}

// compact writes the state as it stands at start, in this release's
// layout, dropping the records past retention and settling what is due,
// and waits until it is stored. A store of an earlier layout has every
// value written again in this one.
func (c *Client) compact() error {
	c.mu.Lock()
	now := c.clock.Now()
	c.catchUp(now)
	j := c.journal.(*journal)
	j.looked = j.looked[:0]
	upgrade := j.storedVersion < storeVersion
	for s := range c.index.names.skip(0) {
		j.docs[s] = true
		for _, sh := range s.shards {
			s.trim(sh, now)
			if upgrade {
				for r := range sh.log.records(sh.log.start()) {
					j.ops = append(j.ops, recordOp(s.tag, sh.index, r.counter, r.arrival, string(r.key), r.data))
				}
			}
		}
		if upgrade {
			j.touched = append(j.touched, s)
		}
	}
	j.ops = append(j.ops, versionOp())
	stored := j.flush(now)
	c.mu.Unlock()
	return stored.wait()
}

// --- Reading ---

// records fills the shards of a stream read from the document with their
// records in store, and the stream's counters with the latest stored, which
// the document lags behind between its writes.
func (sv storedValues) records(doc *streamJSON, shards []*shardIn) error {
	var r recordIn
	err := sv.scan(streamKey(countersByte, doc.Incarnation), func(_, v []byte) error {
		if len(v) != 24 {
			return fmt.Errorf("its counters are %d bytes, not 24", len(v))
		}
		// Both only grow; the spread moves with records only, so it
		// is newer than the document's if the counter is.
		counter := binary.BigEndian.Uint64(v)
		if counter > doc.SequenceCounter {
			doc.SequenceCounter, doc.Spread = counter, binary.BigEndian.Uint64(v[16:])
		}
		doc.LatestSequenceSecond = max(doc.LatestSequenceSecond, binary.BigEndian.Uint64(v[8:]))
		return nil
	})
	if err != nil {
		return err
	}
	for i, sh := range shards {
		prefix := shardKey(doc.Incarnation, i)
		err := sv.scan(prefix, func(k, v []byte) error {
			keyLen, n := binary.Uvarint(v[min(8, len(v)):])
			if len(k) != len(prefix)+8 || len(v) < 8 || n <= 0 || uint64(len(v)-8-n) < keyLen {
				return fmt.Errorf("a stored record, %x, is not one the fake writes", k)
			}
			counter, arrival := binary.BigEndian.Uint64(k[len(prefix):]), int64(binary.BigEndian.Uint64(v))
			r.seq = sequenceNumber{created: sh.doc.SequenceEpoch, index: counter, time: arrivalSeconds(arrival), shard: int32(i)}.appendTo(r.seq[:0])
			r.arrival, r.hasArrival, r.keyFrom = arrival, true, "partitionKey"
			r.key = append(r.key[:0], v[8+n:8+n+int(keyLen)]...)
			r.data = append(r.data[:0], v[8+n+int(keyLen):]...)
			if err := sh.add(&r); err != nil {
				return fmt.Errorf("shards[%d]: a stored record: %w", i, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
