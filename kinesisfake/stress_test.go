package kinesisfake

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// delivered is what one consumer received: the data of each record by
// partition key, in the order received, and the last sequence number seen
// in each shard.
type delivered struct {
	mu      sync.Mutex
	byKey   map[string][]int
	lastSeq map[string]string
	count   int
	err     error
	want    int
	full    chan struct{} // closed when want records have arrived
}

func newDelivered(want int) *delivered {
	return &delivered{byKey: map[string][]int{}, lastSeq: map[string]string{}, want: want, full: make(chan struct{})}
}

// add records one delivery. Sequence numbers have one length, so within a
// shard they must compare greater as strings.
func (d *delivered) add(shard string, r types.Record) {
	d.mu.Lock()
	defer d.mu.Unlock()
	key, n, _ := strings.Cut(string(r.Data), "/")
	i, _ := strconv.Atoi(n)
	d.byKey[key] = append(d.byKey[key], i)
	if last := d.lastSeq[shard]; d.err == nil && *r.SequenceNumber <= last {
		d.err = fmt.Errorf("shard %s: sequence number %s after %s", shard, *r.SequenceNumber, last)
	}
	d.lastSeq[shard] = *r.SequenceNumber
	if d.count++; d.count == d.want {
		close(d.full)
	}
}

// news tells readers at the tip of a shard that there may be more to read:
// a put, a split or a merge.
type news struct {
	mu sync.Mutex
	ch chan struct{}
}

func (n *news) next() <-chan struct{} {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.ch == nil {
		n.ch = make(chan struct{})
	}
	return n.ch
}

func (n *news) announce() {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.ch != nil {
		close(n.ch)
		n.ch = nil
	}
}

// lineage tracks which shards a consumer has finished, so that a shard is
// read only after its parents, as the Kinesis Client Library reads.
type lineage struct {
	mu       sync.Mutex
	started  map[string]bool
	finished map[string]bool
}

// ready returns the shards that can start now and marks them started.
func (l *lineage) ready(ctx context.Context, c API) ([]string, error) {
	out, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s")})
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	var ids []string
	for _, sh := range out.Shards {
		parentsDone := true
		for _, p := range []*string{sh.ParentShardId, sh.AdjacentParentShardId} {
			if p != nil && !l.finished[*p] {
				parentsDone = false
			}
		}
		if parentsDone && !l.started[*sh.ShardId] {
			l.started[*sh.ShardId] = true
			ids = append(ids, *sh.ShardId)
		}
	}
	return ids, nil
}

func (l *lineage) finish(id string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.finished[id] = true
}

// pollShard reads a shard with GetRecords until it ends, or ctx does. At the
// tip of an open shard it waits for news.
func pollShard(ctx context.Context, c API, id string, d *delivered, more *news) error {
	it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: &id, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	if err != nil {
		return err
	}
	for iter := it.ShardIterator; ; {
		announced := more.next() // before reading, so no news is missed
		out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: iter, Limit: aws.Int32(50)})
		if err != nil {
			return err
		}
		for _, r := range out.Records {
			d.add(id, r)
		}
		if out.NextShardIterator == nil {
			return nil
		}
		iter = out.NextShardIterator
		if len(out.Records) == 0 {
			select {
			case <-announced:
			case <-ctx.Done():
				return ctx.Err()
			}
		}
	}
}

// subscribeShard reads a shard through enhanced fan-out until an event
// brings ChildShards, subscribing again after the last continuation
// whenever a subscription ends.
func subscribeShard(ctx context.Context, c API, consumerARN, id string, d *delivered, subscriptions *atomic.Int64) error {
	pos := types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}
	for {
		out, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: &consumerARN, ShardId: &id, StartingPosition: &pos})
		if err != nil {
			return err
		}
		subscriptions.Add(1)
		stream := out.GetStream()
		for ev := range stream.Events() {
			e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
			for _, r := range e.Records {
				d.add(id, r)
			}
			if e.ChildShards != nil {
				return stream.Close()
			}
			pos = types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: e.ContinuationSequenceNumber}
		}
		if err := stream.Close(); err != nil {
			return err
		}
	}
}

// consume runs a consumer: it reads each shard once its parents are done,
// with read, until all the records it wants have arrived.
func consume(ctx context.Context, c API, d *delivered, read func(ctx context.Context, id string) error) error {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel() // ends the readers of open shards
	l := &lineage{started: map[string]bool{}, finished: map[string]bool{}}
	finished := make(chan string)
	errs := make(chan error)
	for {
		ids, err := l.ready(ctx, c)
		if err != nil {
			return err
		}
		for _, id := range ids {
			wg.Go(func() {
				if err := read(ctx, id); err != nil {
					select {
					case errs <- fmt.Errorf("shard %s: %w", id, err):
					case <-ctx.Done():
					}
					return
				}
				select {
				case finished <- id:
				case <-ctx.Done():
				}
			})
		}
		select {
		case <-d.full:
			return nil
		case id := <-finished:
			l.finish(id)
		case err := <-errs:
			return err
		case <-ctx.Done():
			d.mu.Lock()
			defer d.mu.Unlock()
			return fmt.Errorf("received %d of %d records: %w", d.count, d.want, ctx.Err())
		}
	}
}

// Several producers (PutRecord and PutRecords) and several consumers
// (GetRecords loops and enhanced fan-out subscriptions, ended and renewed
// as they go) run at once, with a split and a merge in the middle. Every
// consumer receives every record exactly once, in order per shard and per
// partition key.
func TestStress(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 2)
	var calls atomic.Int64
	c.AddHook(func(context.Context, Call) (any, error, bool) { calls.Add(1); return nil, nil, false })

	const producers, perProducer, keysPerProducer = 4, 2500, 5
	const total = producers * perProducer
	// A deadline turns a hang into a failure; it is no speed target.
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()

	consumerARNs := []string{register(t, c, "s", "efo-a"), register(t, c, "s", "efo-b")}
	var subscriptions atomic.Int64
	type consumerRun struct {
		name string
		d    *delivered
		read func(ctx context.Context, id string) error
	}
	more := new(news)
	var consumers []*consumerRun
	for i := range 2 {
		d := newDelivered(total)
		consumers = append(consumers, &consumerRun{fmt.Sprint("poll-", i), d, func(ctx context.Context, id string) error { return pollShard(ctx, c, id, d, more) }})
	}
	for _, arn := range consumerARNs {
		d := newDelivered(total)
		consumers = append(consumers, &consumerRun{arn[strings.LastIndex(arn, "/")+1:], d, func(ctx context.Context, id string) error {
			return subscribeShard(ctx, c, arn, id, d, &subscriptions)
		}})
	}

	var wg sync.WaitGroup
	consumerErrs := make([]error, len(consumers))
	for i, cr := range consumers {
		wg.Go(func() { consumerErrs[i] = consume(ctx, c, cr.d, cr.read) })
	}

	var produced atomic.Int64
	producerErrs := make([]error, producers)
	var producing sync.WaitGroup
	for p := range producers {
		producing.Go(func() {
			// Each key's records go out in order, by one producer.
			next := make([]int, keysPerProducer)
			for sent := 0; sent < perProducer; {
				if p%2 == 0 || sent%3 == 0 { // PutRecord
					k := sent % keysPerProducer
					key := fmt.Sprintf("p%d-k%d", p, k)
					if _, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: &key, Data: fmt.Appendf(nil, "%s/%d", key, next[k])}); err != nil {
						producerErrs[p] = err
						return
					}
					next[k]++
					sent++
				} else { // PutRecords of up to 20
					var entries []types.PutRecordsRequestEntry
					for n := 0; n < 20 && sent+n < perProducer; n++ {
						k := (sent + n) % keysPerProducer
						key := fmt.Sprintf("p%d-k%d", p, k)
						entries = append(entries, types.PutRecordsRequestEntry{PartitionKey: &key, Data: fmt.Appendf(nil, "%s/%d", key, next[k])})
						next[k]++
					}
					out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
					if err == nil && *out.FailedRecordCount > 0 {
						err = errors.New("PutRecords failed entries")
					}
					if err != nil {
						producerErrs[p] = err
						return
					}
					sent += len(entries)
				}
				more.announce()
				produced.Store(int64(sent)) // any producer's progress will do
				if sent%500 == 0 {
					for _, arn := range consumerARNs {
						c.EndSubscriptions(arn, "", nil) // renew every subscription
					}
				}
			}
		})
	}

	// The split and the merge, while records flow.
	for produced.Load() < perProducer/3 {
		runtime.Gosched()
	}
	if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("85070591730234615865843651857942052864")}); err != nil {
		t.Fatal(err)
	}
	more.announce()
	for produced.Load() < 2*perProducer/3 {
		runtime.Gosched()
	}
	if _, err := c.MergeShards(ctx, &kinesis.MergeShardsInput{StreamName: aws.String("s"), ShardToMerge: aws.String("shardId-000000000003"), AdjacentShardToMerge: aws.String("shardId-000000000001")}); err != nil {
		t.Fatal(err)
	}
	more.announce()
	producing.Wait()
	wg.Wait()

	for p, err := range producerErrs {
		if err != nil {
			t.Fatalf("producer %d: %v", p, err)
		}
	}
	for i, cr := range consumers {
		if err := consumerErrs[i]; err != nil {
			t.Fatalf("%s: %v", cr.name, err)
		}
		if cr.d.err != nil {
			t.Errorf("%s: %v", cr.name, cr.d.err)
		}
		if cr.d.count != total {
			t.Errorf("%s: %d records, want %d", cr.name, cr.d.count, total)
		}
		for key, got := range cr.d.byKey {
			for i, n := range got {
				if n != i {
					t.Errorf("%s: key %s: record %d is %d; want each once, in order", cr.name, key, i, n)
					break
				}
			}
		}
		if len(cr.d.byKey) != producers*keysPerProducer {
			t.Errorf("%s: %d keys, want %d", cr.name, len(cr.d.byKey), producers*keysPerProducer)
		}
	}
	if n := len(shardsOf(t, c, "s")); n != 5 {
		t.Errorf("%d shards, want 5 after a split and a merge", n)
	}
	if subscriptions.Load() <= int64(2*5) {
		t.Errorf("%d subscriptions: the renewals did not happen", subscriptions.Load())
	}
	t.Logf("%d records to %d consumers; %d calls, %d subscriptions", total, len(consumers), calls.Load(), subscriptions.Load())
}
