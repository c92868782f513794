package kinesisfake

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// heldStore is a memStore whose writes, once held, wait unapplied until
// the store crashes, which fails them: a fake opened on what it holds then
// is the fake after a crash.
type heldStore struct {
	*memStore
	mu     sync.Mutex
	held   bool
	dead   bool // crashed: every write fails
	waits  []chan error
	queued chan struct{} // gets a value for each write held
}

func newHeldStore() *heldStore {
	return &heldStore{memStore: newMemStore(), queued: make(chan struct{}, 64)}
}

func (h *heldStore) hold() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.held = true
}

func (h *heldStore) Write(ops []StoreOp) func() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.dead:
		return func() error { return errors.New("the process died") }
	case !h.held:
		return h.memStore.Write(ops)
	}
	done := make(chan error, 1)
	h.waits = append(h.waits, done)
	h.queued <- struct{}{}
	return func() error { return <-done }
}

// crash fails the writes held, and returns a copy of what was stored.
func (h *heldStore) crash() *memStore {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, done := range h.waits {
		done <- errors.New("the process died")
	}
	h.waits, h.dead = nil, true
	copied := newMemStore()
	h.memStore.mu.Lock()
	maps.Copy(copied.keys, h.memStore.keys)
	h.memStore.mu.Unlock()
	return copied
}

// Records put but not yet stored are read by no one, so a crash that loses
// them loses nothing a reader saw: a reader that checkpointed what it read
// and resumes after the restart gets every record acknowledged since, and
// so does an iterator at LATEST taken while they waited.
func TestRecordsAreReadOnlyOnceStored(t *testing.T) {
	store := newHeldStore()
	c, clock := openFake(t, store)
	createStream(t, c, "s", 1)
	stored := put(t, c, "s", "k", "stored")
	shard := aws.String("shardId-000000000000")
	latestIterator := func(c API) *string {
		return iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: shard, ShardIteratorType: types.ShardIteratorTypeLatest})
	}
	read := func(c API, it *string) []string {
		t.Helper()
		out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
		if err != nil {
			t.Fatalf("GetRecords: %v", err)
		}
		var seqs []string
		for _, r := range out.Records {
			seqs = append(seqs, *r.SequenceNumber)
		}
		return seqs
	}
	fromStart := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: shard, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})

	store.hold()
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() {
			if _, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("pending")}); err == nil {
				t.Error("a PutRecord the store never took succeeded")
			}
		})
	}
	for range 5 {
		<-store.queued
	}
	seen := read(c, fromStart)
	if len(seen) != 1 || seen[0] != *stored.SequenceNumber {
		t.Errorf("while 5 records wait to be stored, a reader gets %v, want only the stored one, %s", seen, *stored.SequenceNumber)
	}
	atLatest := latestIterator(c)
	if got := read(c, atLatest); len(got) != 0 {
		t.Errorf("LATEST while 5 records wait to be stored gets %v, want none", got)
	}
	if got, err := c.Records("s"); err != nil || len(got) != 1 {
		t.Errorf("Records while 5 records wait to be stored: %d, %v; want the stored one", len(got), err)
	}

	copied := store.crash()
	wg.Wait()
	r := openT(t, copied, WithClock(clock))
	var acknowledged []string
	for range 5 {
		acknowledged = append(acknowledged, *put(t, r, "s", "k", "after").SequenceNumber)
	}
	for _, seq := range acknowledged {
		if slices.Contains(seen, seq) {
			t.Errorf("sequence number %s, which a reader saw before the crash, is given again after it", seq)
		}
	}
	checkpoint := iterator(t, r, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: shard,
		ShardIteratorType: types.ShardIteratorTypeAfterSequenceNumber, StartingSequenceNumber: &seen[len(seen)-1]})
	if got := read(r, checkpoint); !slices.Equal(got, acknowledged) {
		t.Errorf("a reader resuming after its checkpoint gets %v, want the 5 acknowledged since the restart, %v", got, acknowledged)
	}
	if got := read(r, atLatest); !slices.Equal(got, acknowledged) {
		t.Errorf("the LATEST iterator taken before the crash gets %v, want the 5 acknowledged since the restart, %v", got, acknowledged)
	}
}

// An iterator's nonce is never handed out again after a crash, however
// many were handed out since the last change was stored: the store keeps a
// ceiling above them, which a read past it waits for.
func TestNoncesDoNotComeBackAfterACrash(t *testing.T) {
	store := newHeldStore()
	c, clock := openFake(t, store)
	createStream(t, c, "s", 1)
	in := &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon}
	nonce := func(c API) uint64 {
		t.Helper()
		it, ok := parseShardIterator(*iterator(t, c, in))
		if !ok {
			t.Fatal("the iterator does not parse")
		}
		return it.nonce
	}
	var last uint64
	for range nonceBlock + 10 { // past the first ceiling
		last = nonce(c)
	}
	r := openT(t, store.crash(), WithClock(clock))
	if got := nonce(r); got <= last {
		t.Errorf("after a crash, the first iterator's nonce is %d, not above the last handed out before it, %d", got, last)
	}
}

// A fake opened on an empty store that is only read, and closed, leaves the
// store empty; the first change stores the state, with the store's
// version.
func TestReadsStoreNothingInAnEmptyStore(t *testing.T) {
	store := newMemStore()
	c := openT(t, store)
	if _, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("none")}); err == nil {
		t.Fatal("DescribeStream of no stream succeeded")
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if len(store.keys) != 0 || store.writes != 0 {
		t.Errorf("after reads only, the store has %d keys from %d writes, want none", len(store.keys), store.writes)
	}
	c = openT(t, store)
	createStream(t, c, "s", 1)
	if store.count("v") != 1 || store.count("h") != 1 {
		t.Errorf("after a change, the store holds %d version and %d header keys, want 1 each", store.count("v"), store.count("h"))
	}
}

// Every value a store holds is sealed with a checksum of its key and
// value: one damaged, in any byte, or moved to another key, is refused at
// Open, naming its key.
func TestOpenRefusesDamagedValues(t *testing.T) {
	store := newMemStore()
	c := openT(t, store)
	createStream(t, c, "s", 2)
	put(t, c, "s", "k", "a record")
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	damaged := 0
	for key, value := range store.keys {
		if key == string(versionKey) {
			continue
		}
		for _, at := range []int{0, len(value) / 2, len(value) - 1} {
			copied := newMemStore()
			maps.Copy(copied.keys, store.keys)
			v := slices.Clone(value)
			v[at] ^= 0x20
			copied.keys[key] = v
			_, err := Open(copied)
			if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("the value of key %x does not match its checksum: the store is damaged", key)) {
				t.Errorf("a byte of key %x's value flipped at %d: %v", key, at, err)
			}
			damaged++
		}
	}
	moved := newMemStore()
	maps.Copy(moved.keys, store.keys)
	moved.keys[string(streamKey(countersByte, 1))] = store.keys[string(headerKey)]
	if _, err := Open(moved); err == nil || !strings.Contains(err.Error(), "does not match its checksum") {
		t.Errorf("a value moved to another key: %v", err)
	}
	if damaged < 12 { // the header, the stream, its counters and its record: 3 bytes each
		t.Errorf("only %d damaged values tried", damaged)
	}
}
