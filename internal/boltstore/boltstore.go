// Package boltstore keeps fakes' state in a bbolt database, one bucket per
// region, for the standalone server's -data flag. Each bucket is a
// [kinesisfake.Store].
//
// One goroutine writes. Writes queue in the order the fakes make them and
// are committed in transactions that, under [Batch], take everything queued
// at once, so that concurrent writers share a commit and its fsync (group
// commit); under [Always] each write is a transaction of its own; under
// [Never] the database is not fsynced, so a commit is in the operating
// system's hands when it returns: it survives the process being killed, not
// the machine losing power.
//
// bbolt was chosen over pebble by measurement (docs/persistence.md, the -data
// section): it is one small module where pebble brings thirty, and its
// unsynced commits survived every kill -9 where pebble's unsynced writes
// lost acknowledged records in most runs.
package boltstore

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/streamfake/kinesis/kinesisfake"
)

// Sync is how commits reach the disk.
type Sync int

const (
	// Batch commits what is queued together, fsynced before any of it is
	// acknowledged: concurrent writers share an fsync.
	Batch Sync = iota
	// Always commits and fsyncs each write on its own.
	Always
	// Never fsyncs: commits survive the process being killed, but not a
	// power loss.
	Never
)

// String is the Sync's flag name.
func (s Sync) String() string {
	switch s {
	case Always:
		return "always"
	case Never:
		return "never"
	}
	return "batch"
}

// MarshalText and UnmarshalText make a Sync a flag.TextVar.
func (s Sync) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

func (s *Sync) UnmarshalText(text []byte) error {
	mode, err := ParseSync(string(text))
	if err != nil {
		return err
	}
	*s = mode
	return nil
}

// ParseSync reads a Sync by its flag name: always, batch or never.
func ParseSync(s string) (Sync, error) {
	switch s {
	case "batch":
		return Batch, nil
	case "always":
		return Always, nil
	case "never":
		return Never, nil
	}
	return 0, fmt.Errorf("%q is not always, batch or never", s)
}

// FileName is the database's file in the data directory.
const FileName = "kinesisfake.db"

// DB is an open database.
type DB struct {
	bolt *bolt.DB
	mode Sync

	mu      sync.Mutex
	pending *sync.Cond // signalled when a write is queued or the DB closes
	queue   []*write
	failed  error // once a commit fails, every later write fails with it
	closed  bool
	stopped chan struct{} // closed when the writer has returned
	commits int           // how many transactions the writer has committed
}

// write is a bucket's change, queued until committed.
type write struct {
	bucket []byte
	ops    []kinesisfake.StoreOp
	err    error
	done   chan struct{}
}

// Open opens the database in dir, creating dir and the database if need
// be. It fails if another process has it open.
func Open(dir string, mode Sync) (*DB, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, FileName)
	b, err := bolt.Open(path, 0o644, &bolt.Options{Timeout: time.Second, NoSync: mode == Never})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("%s is in use by another process", path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	db := &DB{bolt: b, mode: mode, stopped: make(chan struct{})}
	db.pending = sync.NewCond(&db.mu)
	go db.writer()
	return db, nil
}

// Regions lists the regions the database holds state for.
func (db *DB) Regions() ([]string, error) {
	var names []string
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			names = append(names, string(name))
			return nil
		})
	})
	return names, err
}

// DropRegion deletes what the database holds for a region, if anything.
// Call it while no fake uses the region's store.
func (db *DB) DropRegion(name string) error {
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket([]byte(name)); err != nil && !errors.Is(err, bolterrors.ErrBucketNotFound) {
			return err
		}
		return nil
	})
}

// Region is the store of a region's fake.
func (db *DB) Region(name string) kinesisfake.Store {
	return &bucket{db: db, name: []byte(name)}
}

// Close commits what is queued and closes the database. Writes after it
// fail.
func (db *DB) Close() error {
	db.mu.Lock()
	db.closed = true
	db.pending.Signal()
	db.mu.Unlock()
	<-db.stopped
	return db.bolt.Close()
}

// writer commits the queue until the DB closes and the queue is empty.
func (db *DB) writer() {
	defer close(db.stopped)
	for {
		batch, failed, ok := db.next()
		if !ok {
			return
		}
		if failed != nil {
			// Queued before the failure was known: the changes they
			// follow are lost, so they must not be stored either.
			for _, w := range batch {
				w.err = failed
				close(w.done)
			}
			continue
		}
		err := db.bolt.Update(func(tx *bolt.Tx) error {
			for _, w := range batch {
				if err := apply(tx, w); err != nil {
					return err
				}
			}
			return nil
		})
		db.mu.Lock()
		db.commits++
		if err != nil {
			db.failed = fmt.Errorf("a commit failed, and the state in memory is ahead of the store: %w", err)
		}
		db.mu.Unlock()
		for _, w := range batch {
			w.err = err
			close(w.done)
		}
	}
}

// next takes the writes of the next commit: all those queued, or one
// under Always, and the failure of an earlier commit, if any.
func (db *DB) next() (batch []*write, failed error, ok bool) {
	db.mu.Lock()
	defer db.mu.Unlock()
	for len(db.queue) == 0 && !db.closed {
		db.pending.Wait()
	}
	if len(db.queue) == 0 {
		return nil, nil, false
	}
	n := len(db.queue)
	if db.mode == Always {
		n = 1
	}
	batch = db.queue[:n:n]
	db.queue = db.queue[n:]
	return batch, db.failed, true
}

func apply(tx *bolt.Tx, w *write) error {
	b, err := tx.CreateBucketIfNotExists(w.bucket)
	if err != nil {
		return err
	}
	// Records come in key order within a shard: pages filled to the brim
	// hold them in half the space of the default half-full ones.
	b.FillPercent = 1
	for _, op := range w.ops {
		if op.Value != nil {
			if err := b.Put(op.Key, op.Value); err != nil {
				return err
			}
			continue
		}
		// Collected first: deleting under a cursor can skip the key
		// after.
		var keys [][]byte
		c := b.Cursor()
		for k, _ := c.Seek(op.Key); k != nil && (op.End == nil || bytes.Compare(k, op.End) < 0); k, _ = c.Next() {
			keys = append(keys, bytes.Clone(k))
		}
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
	}
	return nil
}

// bucket is a region's Store.
type bucket struct {
	db   *DB
	name []byte
}

func (b *bucket) Scan(prefix []byte, f func(key, value []byte) error) error {
	return b.db.bolt.View(func(tx *bolt.Tx) error {
		bk := tx.Bucket(b.name)
		if bk == nil {
			return nil
		}
		c := bk.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if err := f(k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

func (b *bucket) Write(ops []kinesisfake.StoreOp) (wait func() error) {
	db := b.db
	db.mu.Lock()
	defer db.mu.Unlock()
	switch {
	case db.failed != nil:
		err := db.failed
		return func() error { return err }
	case db.closed:
		return func() error { return errClosed }
	}
	w := &write{bucket: b.name, ops: ops, done: make(chan struct{})}
	db.queue = append(db.queue, w)
	db.pending.Signal()
	return func() error {
		<-w.done
		return w.err
	}
}

var errClosed = errors.New("the database is closed")
