package kinesisfake

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

// FuzzSequences drives random sequences of operations through SDKClient,
// over the wire: puts with and without ordering numbers (the stream's own,
// ones from its future, malformed ones), splits, merges and UpdateShardCount
// while records arrive, time passing, GetRecords pages and subscriptions
// resumed from their continuation. Whatever the sequence, every acknowledged
// record is read exactly once and in order in its shard, by GetRecords and
// by subscriptions alike, and sequence numbers strictly increase.
//
// The program is read a byte at a time; it runs in a synctest bubble on the
// real clock, so time passes at once and subscriptions are drained when
// every goroutine has settled.
func FuzzSequences(f *testing.F) {
	f.Add([]byte{0, 1, 0, 2, 1, 3, 6, 0, 7, 1})
	f.Add([]byte{0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 7, 0, 2, 7, 0, 2, 7, 0, 2}) // an ordering number at the top of the index's range
	f.Add([]byte{0, 0, 0, 0, 3, 0, 0, 2, 0, 7, 0, 2})                            // ordering numbers ahead of the clock, then at the top of the index's range
	f.Add([]byte{2, 0, 0, 3, 1, 4, 5, 20, 0, 7, 6, 1, 6, 2, 3, 0, 5, 30, 1, 2, 6, 3})
	f.Add([]byte{4, 3, 0, 1, 5, 5, 4, 1, 5, 9, 6, 0, 6, 1, 7, 2, 2, 1, 5, 3, 3, 1})
	f.Fuzz(func(t *testing.T, program []byte) {
		if len(program) > 200 {
			program = program[:200]
		}
		synctest.Test(t, func(t *testing.T) {
			newSequenceRun(t).run(program)
		})
	})
}

// sequenceRun is one run of FuzzSequences: the fake, the SDK client wired
// to it, and the ledger of what was acknowledged and what was read.
type sequenceRun struct {
	t        *testing.T
	fake     *Client
	store    *memStore // the fake's
	checked  int       // the store's writes when last checked
	k        *kinesis.Client
	consumer string

	acked    map[string][]string // shard ID → data of acknowledged records, in order
	lastSeq  map[string]string   // shard ID → last acknowledged sequence number
	lastOf   map[string]string   // partition key → its last sequence number
	readBy   map[string][]string // "how/shard ID" → data read so far, in order
	iterator map[string]*string  // shard ID → a GetRecords reader's next iterator
	polled   map[string]*string  // shard ID → the sequence number of the last record GetRecords read
	resume   map[string]*string  // shard ID → a subscriber's continuation
	done     map[string]bool     // "how/shard ID" → read to the end of a closed shard
	n        int                 // records put so far, for unique data
}

func newSequenceRun(t *testing.T) *sequenceRun {
	store := newMemStore()
	fake, err := Open(store, WithDelays(Delays{UpdateStream: 2 * time.Second}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fake.Close() })
	r := &sequenceRun{t: t, fake: fake, store: store, k: fake.SDKClient(ownProtocol),
		acked: map[string][]string{}, lastSeq: map[string]string{}, lastOf: map[string]string{},
		readBy: map[string][]string{}, iterator: map[string]*string{}, polled: map[string]*string{}, resume: map[string]*string{}, done: map[string]bool{}}
	if _, err := r.k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(2)}); err != nil {
		t.Fatal(err)
	}
	r.consumer = register(t, r.k, "s", "app")
	for {
		out, err := r.k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: &r.consumer})
		if err != nil {
			t.Fatal(err)
		}
		if out.ConsumerDescription.ConsumerStatus == types.ConsumerStatusActive {
			return r
		}
		time.Sleep(time.Second)
	}
}

func (r *sequenceRun) run(program []byte) {
	next := func() int {
		if len(program) == 0 {
			return 0
		}
		b := program[0]
		program = program[1:]
		return int(b)
	}
	for len(program) > 0 {
		switch next() % 8 {
		case 0:
			r.putRecord(next()%6, next())
		case 1:
			r.putRecords(next()%6 + 1)
		case 2:
			r.split(next())
		case 3:
			r.merge(next())
		case 4:
			r.updateShardCount(next()%4 + 1)
		case 5:
			time.Sleep(time.Duration(next()) * 100 * time.Millisecond)
		case 6:
			r.subscribe(r.pick(next()))
		case 7:
			r.getRecords(r.pick(next()), int32(next()%5+1))
		}
		r.checkStore()
	}
	// Let every reshard complete, then read every shard to its end (or, if
	// open, to its last record) both ways.
	time.Sleep(time.Minute)
	open := r.shards(true)
	for _, id := range r.shards(false) {
		unread := func(how string) bool {
			if slices.Contains(open, id) {
				return len(r.readBy[how+"/"+id]) < len(r.acked[id])
			}
			return !r.done[how+"/"+id]
		}
		for i := 0; i < 100 && unread("poll"); i++ {
			r.getRecords(id, 10000)
		}
		for i := 0; i < 100 && unread("subscribe"); i++ {
			r.subscribe(id)
			time.Sleep(resubscribeBackoff)
		}
		if unread("poll") || unread("subscribe") {
			r.t.Fatalf("%s: not read to the end in 100 tries: polled %d, subscribed %d, acknowledged %d", id, len(r.readBy["poll/"+id]), len(r.readBy["subscribe/"+id]), len(r.acked[id]))
		}
	}
	for id, want := range r.acked {
		for _, how := range []string{"poll", "subscribe"} {
			if got := r.readBy[how+"/"+id]; !slices.Equal(got, want) {
				r.t.Fatalf("%s %s read %q, want %q", how, id, got, want)
			}
		}
	}
}

// putRecord puts one record with partition key k; ordering picks its
// SequenceNumberForOrdering.
func (r *sequenceRun) putRecord(ordering, k int) {
	key := fmt.Sprint("k", k%8)
	in := &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: &key, Data: r.data(key)}
	last := r.lastOf[key]
	future := false
	switch {
	case ordering == 1 && last != "":
		in.SequenceNumberForOrdering = &last
	case ordering == 2 && last != "": // the top of the index's range: taken, and moves nothing
		in.SequenceNumberForOrdering = aws.String(sequenceIndex(r.t, last, maxIndex))
	case ordering == 3 && last != "": // a time ahead of the clock
		seq, _, _ := parseSequenceNumber(last)
		seq.time = seconds(time.Now()) + 1
		in.SequenceNumberForOrdering = aws.String(seq.String())
		future = true
	case ordering == 4:
		in.SequenceNumberForOrdering = aws.String("12345")
		future = true
	}
	out, err := r.k.PutRecord(ctx, in)
	if future {
		var invalid *types.InvalidArgumentException
		if !errors.As(err, &invalid) {
			r.t.Fatalf("PutRecord with ordering number %s: %v, want InvalidArgumentException", *in.SequenceNumberForOrdering, err)
		}
		return
	}
	if err != nil {
		r.t.Fatalf("PutRecord: %v", err)
	}
	if last != "" && *out.SequenceNumber <= last {
		r.t.Fatalf("sequence number %s for key %s after %s", *out.SequenceNumber, key, last)
	}
	r.ack(key, in.Data, out.ShardId, out.SequenceNumber)
}

func (r *sequenceRun) putRecords(n int) {
	entries := make([]types.PutRecordsRequestEntry, n)
	for i := range entries {
		key := fmt.Sprint("k", (r.n+i*3)%8)
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: &key, Data: r.data(key)}
	}
	out, err := r.k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
	if err != nil {
		r.t.Fatalf("PutRecords: %v", err)
	}
	for i, e := range out.Records {
		r.ack(*entries[i].PartitionKey, entries[i].Data, e.ShardId, e.SequenceNumber)
	}
}

func (r *sequenceRun) data(key string) []byte {
	r.n++
	return fmt.Appendf(nil, "%s/%d", key, r.n)
}

// ack records an acknowledged record, which must come after every record
// acknowledged before it in its shard.
func (r *sequenceRun) ack(key string, data []byte, shardID, seq *string) {
	if last := r.lastSeq[*shardID]; *seq <= last {
		r.t.Fatalf("sequence number %s in %s after %s", *seq, *shardID, last)
	}
	r.lastSeq[*shardID], r.lastOf[key] = *seq, *seq
	r.acked[*shardID] = append(r.acked[*shardID], string(data))
}

// shards lists the stream's shard IDs, all of them or only the open ones,
// with their hash key ranges.
func (r *sequenceRun) shards(openOnly bool) []string {
	var ids []string
	for _, sh := range r.listShards() {
		if !openOnly || sh.SequenceNumberRange.EndingSequenceNumber == nil {
			ids = append(ids, *sh.ShardId)
		}
	}
	return ids
}

func (r *sequenceRun) listShards() []types.Shard {
	out, err := r.k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s")})
	if err != nil {
		r.t.Fatalf("ListShards: %v", err)
	}
	return out.Shards
}

// pick chooses one of the stream's shards, open or closed.
func (r *sequenceRun) pick(n int) string {
	ids := r.shards(false)
	return ids[n%len(ids)]
}

// openShards lists the open shards in hash key order.
func (r *sequenceRun) openShards() []types.Shard {
	open := slices.DeleteFunc(r.listShards(), func(sh types.Shard) bool { return sh.SequenceNumberRange.EndingSequenceNumber != nil })
	slices.SortFunc(open, func(a, b types.Shard) int {
		return hashOf(a.HashKeyRange.StartingHashKey).Cmp(hashOf(b.HashKeyRange.StartingHashKey))
	})
	return open
}

func hashOf(s *string) *big.Int {
	n, _ := new(big.Int).SetString(*s, 10)
	return n
}

// reshardErr tolerates the errors a reshard may meet in a random sequence
// (the stream UPDATING, a limit) and fails on anything else.
func (r *sequenceRun) reshardErr(op string, err error) {
	var inUse *types.ResourceInUseException
	var limit *types.LimitExceededException
	var invalid *types.InvalidArgumentException
	if err != nil && !errors.As(err, &inUse) && !errors.As(err, &limit) && !errors.As(err, &invalid) {
		r.t.Fatalf("%s: %v", op, err)
	}
}

func (r *sequenceRun) split(pick int) {
	open := r.openShards()
	sh := open[pick%len(open)]
	start, end := hashOf(sh.HashKeyRange.StartingHashKey), hashOf(sh.HashKeyRange.EndingHashKey)
	if start.Cmp(end) == 0 {
		return
	}
	mid := new(big.Int).Add(start, new(big.Int).Rsh(new(big.Int).Sub(end, start), 1))
	mid.Add(mid, big.NewInt(1))
	_, err := r.k.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: sh.ShardId, NewStartingHashKey: aws.String(mid.String())})
	r.reshardErr("SplitShard", err)
}

func (r *sequenceRun) merge(pick int) {
	open := r.openShards()
	if len(open) < 2 {
		return
	}
	i := pick % (len(open) - 1)
	_, err := r.k.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: open[i].ShardId, AdjacentShardToMerge: open[i+1].ShardId})
	r.reshardErr("MergeShards", err)
}

func (r *sequenceRun) updateShardCount(target int) {
	_, err := r.k.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("s"), TargetShardCount: aws.Int32(int32(target)), ScalingType: types.ScalingTypeUniformScaling})
	r.reshardErr("UpdateShardCount", err)
}

// read checks records read from a shard, one way: they must continue, in
// order and without a gap or a repeat, what was read that way before.
func (r *sequenceRun) read(how, id string, records []types.Record) {
	key := how + "/" + id
	for _, rec := range records {
		got := r.readBy[key]
		if want := r.acked[id]; len(got) >= len(want) || want[len(got)] != string(rec.Data) {
			r.t.Fatalf("%s %s: read %q after %q, acknowledged %q", how, id, rec.Data, got, want)
		}
		r.readBy[key] = append(got, string(rec.Data))
	}
}

// getRecords reads one page of shard id from where the last page ended. An
// iterator that expired while time passed is replaced, as a consumer
// replaces one: after the last record read, or at the trim horizon.
func (r *sequenceRun) getRecords(id string, limit int32) {
	if r.done["poll/"+id] {
		return
	}
	for {
		it := r.iterator[id]
		if it == nil {
			in := &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: &id, ShardIteratorType: types.ShardIteratorTypeTrimHorizon}
			if last := r.polled[id]; last != nil {
				in.ShardIteratorType, in.StartingSequenceNumber = types.ShardIteratorTypeAfterSequenceNumber, last
			}
			out, err := r.k.GetShardIterator(ctx, in)
			if err != nil {
				r.t.Fatalf("GetShardIterator: %v", err)
			}
			it = out.ShardIterator
		}
		out, err := r.k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: &limit})
		var expired *types.ExpiredIteratorException
		if errors.As(err, &expired) && r.iterator[id] != nil {
			r.iterator[id] = nil
			continue
		}
		if err != nil {
			r.t.Fatalf("GetRecords %s: %v", id, err)
		}
		r.read("poll", id, out.Records)
		if n := len(out.Records); n > 0 {
			r.polled[id] = out.Records[n-1].SequenceNumber
		}
		r.iterator[id] = out.NextShardIterator
		if out.NextShardIterator == nil {
			r.done["poll/"+id] = true
		}
		return
	}
}

// subscribe subscribes to shard id from the last continuation (or
// TRIM_HORIZON), takes every event that has arrived once all goroutines
// have settled, and ends the subscription.
func (r *sequenceRun) subscribe(id string) {
	if r.done["subscribe/"+id] {
		return
	}
	pos := types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}
	if c := r.resume[id]; c != nil {
		pos = types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: c}
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	out, err := r.k.SubscribeToShard(sctx, &kinesis.SubscribeToShardInput{ConsumerARN: &r.consumer, ShardId: &id, StartingPosition: &pos}, ownProtocol)
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) && apiErr.ErrorCode() == "ResourceInUseException" && strings.HasPrefix(apiErr.ErrorMessage(), "Another active subscription") {
		return // within 5 s of the last; try again later
	}
	if err != nil {
		r.t.Fatalf("SubscribeToShard %s: %v", id, err)
	}
	stream := out.GetStream()
	defer stream.Close()
	synctest.Wait()
	for {
		select {
		case ev, ok := <-stream.Events():
			if !ok {
				if err := stream.Err(); err != nil {
					r.t.Fatalf("subscription to %s: %v", id, err)
				}
				return
			}
			e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
			r.read("subscribe", id, e.Records)
			if e.ContinuationSequenceNumber == nil {
				r.done["subscribe/"+id] = true
				return
			}
			r.resume[id] = e.ContinuationSequenceNumber
			synctest.Wait()
		default:
			return
		}
	}
}

// checkStore checks the store against the fake after each step that wrote
// to it.
func (r *sequenceRun) checkStore() {
	r.t.Helper()
	r.store.mu.Lock()
	writes := r.store.writes
	r.store.mu.Unlock()
	if writes == r.checked {
		return
	}
	r.checked = writes
	checkReopens(r.t, r.store, r.fake, WithDelays(Delays{UpdateStream: 2 * time.Second}))
}
