// Package boltstore keeps fakes' state in a bbolt database, one bucket per
// region, for the standalone server's -data flag. Each bucket is a
// [kinesisfake.Store].
//
// One goroutine writes. Writes queue in the order the fakes make them and
// are committed in transactions that, under [Batch], take everything queued
// at once, so that concurrent writers share a commit and its fsync (group
// commit); under [Always] each write is a transaction of its own; under
// [Never] the database is not fsynced, so a commit is in the operating
// system's hands when it returns: it survives the process being killed,
// but the machine losing power may damage the whole database (bbolt's
// NoSync: "Do not set this flag for normal use").
//
// bbolt was chosen over pebble by measurement (docs/persistence.md, the -data
// section): it is one small module where pebble brings thirty, and its
// unsynced commits survived every kill -9 where pebble's unsynced writes
// lost acknowledged records in most runs.
package boltstore

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"hash/fnv"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
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
	// Never fsyncs (bbolt's NoSync): commits survive the process being
	// killed, but a power loss may damage the whole database, as bbolt
	// documents.
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
	path string

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
// be. It fails if another process has it open, or if the file is damaged:
// empty, truncated, with both meta pages damaged, or with a page bbolt
// cannot read (every page is read, so that none makes it panic later).
func Open(dir string, mode Sync) (*DB, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	db, err := openFile(filepath.Join(dir, FileName), &bolt.Options{Timeout: time.Second, NoSync: mode == Never})
	if err != nil {
		return nil, err
	}
	db.mode = mode
	go db.writer()
	return db, nil
}

// OpenReadOnly opens the database in dir to read it, checked as Open
// checks it; its regions' Write fails. It fails if dir holds no database.
func OpenReadOnly(dir string) (*DB, error) {
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	db, err := openFile(path, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	db.failed, db.closed = errReadOnly, true
	close(db.stopped)
	return db, nil
}

var errReadOnly = errors.New("the database is open to be read only")

func openFile(path string, options *bolt.Options) (*DB, error) {
	if err := checkFile(path); err != nil {
		return nil, err
	}
	var b *bolt.DB
	err := guarded(path, func() (err error) {
		b, err = bolt.Open(path, 0o644, options)
		return err
	})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("%s is in use by another process", path)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := verify(path, b); err != nil {
		b.Close()
		return nil, err
	}
	db := &DB{bolt: b, stopped: make(chan struct{}), path: path}
	db.pending = sync.NewCond(&db.mu)
	return db, nil
}

// Regions lists the regions the database holds state for.
func (db *DB) Regions() ([]string, error) {
	var names []string
	err := guarded(db.path, func() error {
		return db.bolt.View(func(tx *bolt.Tx) error {
			return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
				names = append(names, string(name))
				return nil
			})
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
	return guarded(b.db.path, func() error { return b.scan(prefix, f) })
}

func (b *bucket) scan(prefix []byte, f func(key, value []byte) error) error {
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

// checkFile refuses a database file that bbolt would crash on, or take for
// a new one: empty, with both meta pages damaged, or shorter than its meta
// page says. A file that is not there is a new database.
func checkFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() == 0 {
		return fmt.Errorf("%s is empty: it was truncated, or its first write never finished%s", path, seeRecovery)
	}
	// bbolt keeps two meta pages, at pages 0 and 1, and uses the valid one
	// of the later transaction; the first says the page size.
	var best *boltMeta
	pageSize := int64(os.Getpagesize())
	for i := range 2 {
		m, err := readMeta(f, int64(i)*pageSize+pageHeaderSize)
		if err != nil {
			continue
		}
		if i == 0 {
			pageSize = int64(m.pageSize)
		}
		if best == nil || m.txid > best.txid {
			best = m
		}
	}
	switch {
	case best == nil:
		return fmt.Errorf("%s is damaged: both its meta pages are%s", path, seeRecovery)
	case info.Size() < int64(best.pgid)*int64(best.pageSize):
		return fmt.Errorf("%s is truncated: it is %d bytes, but its meta page says it holds %d pages of %d bytes%s",
			path, info.Size(), best.pgid, best.pageSize, seeRecovery)
	}
	return nil
}

// seeRecovery ends the messages about a damaged file.
const seeRecovery = ` (see docs/persistence.md, "When -data is damaged")`

// bbolt's file format: a page's header, then, in a meta page, the meta.
const (
	pageHeaderSize = 16
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	metaSize       = 64 // its checksum the last 8 bytes, of those before
)

// boltMeta is what checkFile reads of a meta page.
type boltMeta struct {
	pageSize uint32
	pgid     uint64 // the pages the file holds
	txid     uint64
}

// readMeta reads the meta at off, if it is valid: its magic, version and
// checksum, as bbolt checks them (in the machine's byte order, as bbolt
// writes them).
func readMeta(f *os.File, off int64) (*boltMeta, error) {
	b := make([]byte, metaSize)
	if _, err := f.ReadAt(b, off); err != nil {
		return nil, err
	}
	order := binary.NativeEndian
	h := fnv.New64a()
	h.Write(b[:metaSize-8])
	m := &boltMeta{pageSize: order.Uint32(b[8:]), pgid: order.Uint64(b[40:]), txid: order.Uint64(b[48:])}
	if order.Uint32(b) != boltMagic || order.Uint32(b[4:]) != boltVersion || order.Uint64(b[56:]) != h.Sum64() || m.pageSize == 0 {
		return nil, errors.New("not a valid meta page")
	}
	return m, nil
}

// guarded runs f, turning a panic, or a fault reading the mapped file, into
// an error naming the file: bbolt trusts its file, and a damaged one makes
// it panic, or read past the end of the mapping.
func guarded(path string, f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%s is damaged: %v%s", path, r, seeRecovery)
		}
	}()
	return f()
}

// verify reads every page of the database, every key and value of every
// bucket, so that a damaged page is found now rather than when a call
// reaches it, and then has bbolt check its free pages against them.
func verify(path string, b *bolt.DB) error {
	return guarded(path, func() error {
		return b.View(func(tx *bolt.Tx) error {
			err := tx.ForEach(func(name []byte, bk *bolt.Bucket) error {
				return bk.ForEach(func(k, v []byte) error {
					crc32.ChecksumIEEE(v) // reads it, overflow pages and all
					return nil
				})
			})
			if err != nil {
				return fmt.Errorf("%s is damaged: %w", path, err)
			}
			var problems []string
			for err := range tx.Check() {
				problems = append(problems, err.Error())
			}
			if len(problems) > 0 {
				return fmt.Errorf("%s is damaged: %s%s", path, strings.Join(problems[:min(3, len(problems))], "; "), seeRecovery)
			}
			return nil
		})
	})
}
