package kinesisfake

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
)

// A fake opened again on its store is the fake it was: the rich state
// snapshots to the same bytes, and describes itself alike.
func TestOpenRestoresTheState(t *testing.T) {
	store := newMemStore()
	c, clock, _ := richFakeIn(t, store)
	described := observe(t, c)
	want := snapshot(t, c)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	r := openT(t, store, WithClock(NewFakeClock(clock.Now())), WithDelays(richDelays))
	// Nonces go on from the ceiling the store reserved, so that none is
	// handed out again.
	ceiling := c.journal.(*journal).nonces[0]
	if ceiling <= c.LastNonce {
		t.Fatalf("the stored nonce ceiling is %d, not above the last nonce handed out, %d", ceiling, c.LastNonce)
	}
	want = bytes.Replace(want, fmt.Appendf(nil, `"lastNonce": %d,`, c.LastNonce), fmt.Appendf(nil, `"lastNonce": %d,`, ceiling), 1)
	if got := snapshot(t, r); !bytes.Equal(want, got) {
		t.Fatalf("the reopened fake's snapshot differs:\n%s", cmp.Diff(string(want), string(got)))
	}
	if diff := cmp.Diff(described, observe(t, r)); diff != "" {
		t.Errorf("the reopened fake describes itself otherwise (-before +after):\n%s", diff)
	}
	if store.count("c") == 0 || store.count("r") == 0 {
		t.Errorf("the store keeps no counters or records apart: %d and %d keys", store.count("c"), store.count("r"))
	}
}

// A fake opened on an empty store is a new fake, and a store holds what a
// fake did until the call that did it returned: here, each record put.
func TestOpenEmptyAndEachWrite(t *testing.T) {
	store := newMemStore()
	clock := NewFakeClock(epoch)
	c := openT(t, store, WithClock(clock))
	createStream(t, c, "s", 2)
	var seqs []string
	for i := range 5 {
		seqs = append(seqs, *put(t, c, "s", fmt.Sprint(i), fmt.Sprint("data ", i)).SequenceNumber)
		// Opened beside the running fake, the store already has it.
		r := openT(t, store, WithClock(NewFakeClock(clock.Now())))
		records, err := r.Records("s")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, rec := range records {
			got = append(got, rec.SequenceNumber)
		}
		slices.SortFunc(got, func(a, b string) int { return strings.Compare(a, b) })
		if want := slices.Sorted(slices.Values(seqs)); !slices.Equal(got, want) {
			t.Fatalf("after %d puts, the store has %v, want %v", i+1, got, want)
		}
	}
}

// Records past retention leave the store, as do streams once gone.
func TestStoreDropsWhatIsGone(t *testing.T) {
	store := newMemStore()
	c, clock := openFake(t, store)
	createStream(t, c, "old", 1)
	createStream(t, c, "kept", 1)
	put(t, c, "old", "k", "a")
	put(t, c, "kept", "k", "b")
	clock.Advance(25 * time.Hour)
	put(t, c, "kept", "k", "c") // the put drops the record before it
	if n := store.count("r"); n != 2 {
		t.Errorf("after retention passed, the store holds %d records, want 2", n)
	}
	if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("old")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{}); err != nil { // forgets the stream, and stores so
		t.Fatal(err)
	}
	if n := store.count("r"); n != 1 {
		t.Errorf("after the stream was gone, the store holds %d records, want 1", n)
	}
	if n := store.count("c"); n != 1 {
		t.Errorf("after the stream was gone, the store holds %d streams' counters, want 1", n)
	}
	if n := store.count("s"); n != 1 {
		t.Errorf("after the stream was gone, the store holds %d streams, want 1", n)
	}
	// Created again under its name, it opens as the one stream of that
	// name, its new incarnation.
	createStream(t, c, "old", 1)
	checkReopens(t, store, c, WithClock(NewFakeClock(clock.Now())))
}

func openFake(t testing.TB, store Store, opts ...Option) (*Client, *FakeClock) {
	t.Helper()
	clock := NewFakeClock(epoch)
	return openT(t, store, append([]Option{WithClock(clock)}, opts...)...), clock
}

// A call whose change the store refuses fails with the store's error, and
// no one sees its change; every change after it is refused before it
// changes anything, and reads go on, on what the store holds.
func TestStoreFailure(t *testing.T) {
	putIn := &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")}
	for _, first := range []struct {
		name string
		call func(c *Client) error
	}{
		{"PutRecord", func(c *Client) error { _, err := c.PutRecord(ctx, putIn); return err }},
		{"CreateStream", func(c *Client) error {
			_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("refused"), ShardCount: aws.Int32(1)})
			return err
		}},
		{"AddTagsToStream", func(c *Client) error {
			_, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"refused": "yes"}})
			return err
		}},
	} {
		t.Run(first.name, func(t *testing.T) {
			store := newMemStore()
			c, _ := openFake(t, store)
			createStream(t, c, "s", 1)
			put(t, c, "s", "k", "stored")
			store.fail = errors.New("disk full")
			err := first.call(c)
			if !errors.Is(err, errStoreWrite) || !strings.HasSuffix(err.Error(), "kinesisfake: the state could not be stored: disk full") {
				t.Errorf("%s: %v, want errStoreWrite and the store's error", first.name, err)
			}
			if got := readShard(t, c, "s", "shardId-000000000000"); !slices.Equal(got, []string{"stored"}) {
				t.Errorf("after the store failed, the shard reads %q, want only the stored record", got)
			}
			streams, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
			if err != nil || !slices.Equal(streams.StreamNames, []string{"s"}) {
				t.Errorf("after the store failed, ListStreams: %v, %v; want only s", streams.StreamNames, err)
			}
			tags, err := c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s")})
			if err != nil || len(tags.Tags) != 0 {
				t.Errorf("after the store failed, ListTagsForStream: %v, %v; want none", tags.Tags, err)
			}
			// Refused before it changes anything, and over the wire the
			// service's failure of its own.
			_, err = c.SDKClient().PutRecord(ctx, putIn)
			wantAPIError(t, err, "PutRecord", "InternalFailure", "kinesisfake: the state could not be stored: an earlier write failed, so the fake takes no changes until it is restarted: disk full")
			if got := readShard(t, c, "s", "shardId-000000000000"); !slices.Equal(got, []string{"stored"}) {
				t.Errorf("after a refused PutRecord, the shard reads %q, want only the stored record", got)
			}
		})
	}
}

func TestOpenRefuses(t *testing.T) {
	if _, err := Open(nil); err == nil || err.Error() != "kinesisfake: Open: a Store is required" {
		t.Errorf("Open(nil): %v", err)
	}
	if _, err := Open(newMemStore(), WithState(strings.NewReader("{}"))); err == nil || !strings.Contains(err.Error(), "WithState cannot be given too") {
		t.Errorf("Open with WithState: %v", err)
	}
	store := newMemStore()
	c := openT(t, store, WithRegion("eu-west-1"))
	createStream(t, c, "s", 1)
	c.Close()
	if _, err := Open(store, WithRegion("us-east-1")); err == nil || !strings.Contains(err.Error(), "the state is of region eu-west-1, but WithRegion gives us-east-1") {
		t.Errorf("Open in another region: %v", err)
	}
	bad := newMemStore()
	bad.keys["h"] = []byte("not JSON")
	if _, err := Open(bad); err == nil || err.Error() != "kinesisfake: Open: the stored header is not one the fake writes" {
		t.Errorf("Open on a bad header: %v", err)
	}
	bad.keys["h"] = []byte("{\"format\": \"kinesisfake-state\", \"streams\": [")
	bad.keys["h"] = append(bad.keys["h"], "]\n}\n"...)
	bad.keys["s\x00\x00\x00\x00\x00\x00\x00\x01"] = []byte(`{"name": 1}`)
	if _, err := Open(bad); err == nil || !strings.HasPrefix(err.Error(), "kinesisfake: Open: the stored state: ") {
		t.Errorf("Open on a bad stream: %v", err)
	}
	// An empty store is written first by the first change; one with a
	// state, at once, in this release's layout.
	readOnly := newMemStore()
	readOnly.fail = errors.New("read-only file system")
	empty := openT(t, readOnly)
	if _, err := empty.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1)}); err == nil || !strings.HasSuffix(err.Error(), "could not be stored: read-only file system") {
		t.Errorf("CreateStream on a store that refuses writes: %v", err)
	}
	readOnly = newMemStore()
	createStream(t, openT(t, readOnly), "s", 1)
	readOnly.fail = errors.New("read-only file system")
	if _, err := Open(readOnly); err == nil || !strings.HasSuffix(err.Error(), "could not be stored: read-only file system") {
		t.Errorf("Open on a store with a state that refuses writes: %v", err)
	}
	badNonces := newMemStore()
	badNonces.keys["n"] = []byte("short")
	if _, err := Open(badNonces); err == nil || !strings.Contains(err.Error(), "the stored nonces") {
		t.Errorf("Open with bad nonces: %v", err)
	}
	failing := &scanFailure{}
	if _, err := Open(failing); err == nil || !strings.Contains(err.Error(), "unreadable") {
		t.Errorf("Open on an unreadable store: %v", err)
	}
}

type scanFailure struct{ memStore }

func (*scanFailure) Scan([]byte, func(key, value []byte) error) error {
	return errors.New("unreadable")
}

// Time goes on while a fake is stopped: opened again later, what was due
// meanwhile has happened, as if it had run all along, and what is due
// later happens then. Subscriptions end when it closes, and may be made
// again at once when it opens.
func TestOpenResumesTime(t *testing.T) {
	store := newMemStore()
	delays := Delays{CreateStream: 10 * time.Second, RegisterConsumer: 10 * time.Second, UpdateStream: 30 * time.Second}
	c, clock := openFake(t, store, WithDelays(delays))
	createStream(t, c, "s", 1)
	clock.Advance(10 * time.Second)
	put(t, c, "s", "k", "first")
	consumer := register(t, c, "s", "app")
	before := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("1000")}); err != nil {
		t.Fatal(err)
	}
	createStream(t, c, "late", 1)
	stopped := clock.Now()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}

	// 20 seconds on: the consumer and "late" are ACTIVE, the split still
	// pending; the iterator still reads.
	clock = NewFakeClock(stopped.Add(20 * time.Second))
	c = openT(t, store, WithClock(clock), WithDelays(delays))
	wantStatus := func(stream string, want types.StreamStatus, shards int) {
		t.Helper()
		out, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(stream)})
		if err != nil {
			t.Fatal(err)
		}
		if got := out.StreamDescriptionSummary; got.StreamStatus != want || int(*got.OpenShardCount) != shards {
			t.Errorf("%s: %s with %d open shards, want %s with %d", stream, got.StreamStatus, *got.OpenShardCount, want, shards)
		}
	}
	wantStatus("late", types.StreamStatusActive, 1)
	wantStatus("s", types.StreamStatusUpdating, 1)
	out, err := c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(consumer)})
	if err != nil || out.ConsumerDescription.ConsumerStatus != types.ConsumerStatusActive {
		t.Fatalf("the consumer: %v, %v; want ACTIVE", out, err)
	}
	records, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: before})
	if err != nil || len(records.Records) != 1 {
		t.Fatalf("GetRecords with an iterator from before: %v, %v", records, err)
	}
	// The split applies when its time comes, with no call to make it.
	events := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	clock.Advance(10 * time.Second)
	for split := false; !split; {
		select {
		case ev, ok := <-events.Events():
			if !ok {
				t.Fatalf("the subscription ended (%v) before the split", events.Err())
			}
			split = len(ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value.ChildShards) == 2
		case <-time.After(10 * time.Second): // real time: a guard, should the split never come
			t.Fatal("the split did not apply when its time came")
		}
	}
	// A live subscription ends when the fake closes.
	events = subscribe(t, c, consumer, "shardId-000000000001", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	stopped = clock.Now()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	for range events.Events() {
	}
	if err := events.Err(); err != nil {
		t.Errorf("the subscription ended with %v, want a clean end", err)
	}

	// 6 minutes on: the iterator has expired; the shard may be subscribed
	// to again at once.
	clock = NewFakeClock(stopped.Add(6 * time.Minute))
	c = openT(t, store, WithClock(clock), WithDelays(delays))
	wantStatus("s", types.StreamStatusActive, 2)
	_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: before})
	var expired *types.ExpiredIteratorException
	if !errors.As(err, &expired) {
		t.Errorf("GetRecords with an iterator 6 minutes old: %v, want ExpiredIteratorException", err)
	}
	subscribe(t, c, consumer, "shardId-000000000001", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	c.Close()

	// A day on: the record is past retention, in the fake and the store.
	c = openT(t, store, WithClock(NewFakeClock(stopped.Add(25*time.Hour))))
	all, err := c.Records("s")
	if err != nil || len(all) != 0 {
		t.Errorf("a day later, the stream has %d records (%v), want none", len(all), err)
	}
	if n := store.count("r"); n != 0 {
		t.Errorf("a day later, the store holds %d records, want none", n)
	}
}

// Every operation that changes the state is in the store when it returns:
// those the rich state does not make, made on it one by one, each checked
// by opening a copy of the store. Every operation the registry says changes
// the state (or appends) is made, here or by the rich state, so a new one
// fails this test until a call to it is added.
func TestStoreKeepsEveryOperation(t *testing.T) {
	store := newMemStore()
	c, clock, info := richFakeIn(t, store)
	made := info.made
	defer c.AddHook(func(_ context.Context, call Call) (any, error, bool) {
		made[call.Operation] = true
		return nil, nil, false
	})()
	defer func() {
		for _, op := range operations {
			if effect, _ := op.facts(); effect != reads && !made[op.name()] {
				t.Errorf("%s changes the state, but neither the rich state nor this test calls it: add a call, so that the store is checked to keep what it does", op.name())
			}
		}
	}()
	reopenAt := func() Option { return WithClock(NewFakeClock(clock.Now())) }
	checkReopens(t, store, c, reopenAt(), WithDelays(richDelays))
	ordersARN := aws.String(strings.Replace(testStreamARN, "stream/s", "stream/orders", 1))
	eventsARN := aws.String(strings.Replace(testStreamARN, "stream/s", "stream/events", 1))
	consumers, err := c.Consumers("orders")
	if err != nil || consumers[1].Name != "dashboard" {
		t.Fatalf("Consumers: %v, %v", consumers, err)
	}
	dashboard := consumers[1].ARN
	var queueARN *string
	var received []types.QueueRecord
	for _, call := range []struct {
		name string
		do   func() error
	}{
		{"PutRecords", func() error {
			_, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("orders"), Records: []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("a"), Data: []byte("1")}, {PartitionKey: aws.String("b"), Data: []byte("2")}}})
			return err
		}},
		{"AddTagsToStream", func() error {
			_, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("orders"), Tags: map[string]string{"new": "tag"}})
			return err
		}},
		{"RemoveTagsFromStream", func() error {
			_, err := c.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String("orders"), TagKeys: []string{"env"}})
			return err
		}},
		{"UntagResource", func() error {
			_, err := c.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(dashboard), TagKeys: []string{"owner"}})
			return err
		}},
		{"DeleteResourcePolicy", func() error {
			_, err := c.DeleteResourcePolicy(ctx, &kinesis.DeleteResourcePolicyInput{ResourceARN: aws.String(dashboard)})
			return err
		}},
		{"DecreaseStreamRetentionPeriod", func() error {
			_, err := c.DecreaseStreamRetentionPeriod(ctx, &kinesis.DecreaseStreamRetentionPeriodInput{StreamName: aws.String("orders"), RetentionPeriodHours: aws.Int32(24)})
			return err
		}},
		{"DisableEnhancedMonitoring", func() error {
			_, err := c.DisableEnhancedMonitoring(ctx, &kinesis.DisableEnhancedMonitoringInput{StreamName: aws.String("orders"), ShardLevelMetrics: []types.MetricsName{types.MetricsNameIncomingBytes}})
			return err
		}},
		{"UpdateStreamWarmThroughput", func() error {
			_, err := c.UpdateStreamWarmThroughput(ctx, &kinesis.UpdateStreamWarmThroughputInput{StreamARN: eventsARN, WarmThroughputMiBps: aws.Int32(200)})
			return err
		}},
		{"UpdateStreamRecordDistributionStrategy", func() error {
			_, err := c.UpdateStreamRecordDistributionStrategy(ctx, &kinesis.UpdateStreamRecordDistributionStrategyInput{StreamARN: eventsARN, RecordDistributionStrategy: types.RecordDistributionStrategyUserPartitionKey})
			return err
		}},
		{"DeleteChannel", func() error {
			_, err := c.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: aws.String(channelARNOf(t, c, "to-tables"))})
			return err
		}},
		{"CreateQueue", func() error {
			out, err := c.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("work"), Tags: map[string]string{"team": "a"},
				StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: eventsARN, StartingPosition: &types.QueueStartingPosition{Type: types.QueueStartingPositionTypeTrimHorizon}}},
				QueueAttributes:         &types.QueueAttributes{DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: aws.Int32(2)}}})
			if err == nil {
				queueARN = out.QueueDescription.QueueARN
			}
			return err
		}},
		{"ReceiveQueueRecords", func() error {
			out, err := c.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: queueARN, Limit: aws.Int32(3)})
			if err == nil {
				received = out.QueueRecords
			}
			return err
		}},
		{"AcknowledgeQueueRecords", func() error {
			_, err := c.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: queueARN, Entries: []types.AcknowledgeQueueRecordsRequestEntry{{ReceiptHandle: received[0].ReceiptHandle}}})
			return err
		}},
		{"UpdateQueueRecordsVisibility", func() error {
			// Visible again at once, and received a second time: the
			// last, with MaxReceiveCount 2, before it is a dead letter.
			_, err := c.UpdateQueueRecordsVisibility(ctx, &kinesis.UpdateQueueRecordsVisibilityInput{QueueARN: queueARN, Entries: []types.UpdateQueueRecordsVisibilityRequestEntry{{ReceiptHandle: received[1].ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(0)}}})
			if err == nil {
				_, err = c.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: queueARN, Limit: aws.Int32(1), VisibilityTimeoutSeconds: aws.Int32(1)})
			}
			clock.Advance(time.Second)
			return err
		}},
		{"ReceiveDeadLetterQueueRecords", func() error {
			out, err := c.ReceiveDeadLetterQueueRecords(ctx, &kinesis.ReceiveDeadLetterQueueRecordsInput{QueueARN: queueARN})
			if err == nil && len(out.QueueRecords) != 1 {
				return fmt.Errorf("%d dead letters, want 1", len(out.QueueRecords))
			}
			if err == nil {
				received = out.QueueRecords
			}
			return err
		}},
		{"UpdateDeadLetterQueueRecordsVisibility", func() error {
			_, err := c.UpdateDeadLetterQueueRecordsVisibility(ctx, &kinesis.UpdateDeadLetterQueueRecordsVisibilityInput{QueueARN: queueARN, Entries: []types.UpdateDeadLetterQueueRecordsVisibilityRequestEntry{{ReceiptHandle: received[0].ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(600)}}})
			return err
		}},
		{"RestoreDeadLetterQueueRecords", func() error {
			_, err := c.RestoreDeadLetterQueueRecords(ctx, &kinesis.RestoreDeadLetterQueueRecordsInput{QueueARN: queueARN, Entries: []types.RestoreDeadLetterQueueRecordsRequestEntry{{ReceiptHandle: received[0].ReceiptHandle}}})
			return err
		}},
		{"AcknowledgeDeadLetterQueueRecords", func() error {
			for range 2 { // the restored record, received up to MaxReceiveCount again
				if _, err := c.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: queueARN, Limit: aws.Int32(1), VisibilityTimeoutSeconds: aws.Int32(0)}); err != nil {
					return err
				}
			}
			out, err := c.ReceiveDeadLetterQueueRecords(ctx, &kinesis.ReceiveDeadLetterQueueRecordsInput{QueueARN: queueARN, WaitTimeSeconds: aws.Int32(1)})
			if err != nil || len(out.QueueRecords) == 0 {
				return fmt.Errorf("no dead letter to acknowledge: %v", err)
			}
			_, err = c.AcknowledgeDeadLetterQueueRecords(ctx, &kinesis.AcknowledgeDeadLetterQueueRecordsInput{QueueARN: queueARN, Entries: []types.AcknowledgeDeadLetterQueueRecordsRequestEntry{{ReceiptHandle: out.QueueRecords[0].ReceiptHandle}}})
			return err
		}},
		{"UpdateQueue", func() error {
			_, err := c.UpdateQueue(ctx, &kinesis.UpdateQueueInput{QueueARN: queueARN, QueueAttributes: &types.QueueAttributes{VisibilityTimeoutSeconds: aws.Int32(120)}})
			return err
		}},
		{"DeleteQueue", func() error {
			// Another queue, so that the first stays, with its state, to
			// be reopened with every call after.
			out, err := c.CreateQueue(ctx, &kinesis.CreateQueueInput{QueueName: aws.String("gone"), StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: eventsARN}}})
			if err == nil {
				_, err = c.DeleteQueue(ctx, &kinesis.DeleteQueueInput{QueueARN: out.QueueDescription.QueueARN})
			}
			return err
		}},
		{"UpdateStreamMode", func() error {
			clock.Advance(time.Minute + 1500*time.Millisecond)
			_, err := c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: ordersARN, StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
			return err
		}},
	} {
		if err := call.do(); err != nil {
			t.Fatalf("%s: %v", call.name, err)
		}
		checkReopens(t, store, c, reopenAt(), WithDelays(richDelays))
	}
}

// A call that changes a stream writes that stream, not every stream: with
// 2,000 streams stored, tagging one writes about a kilobyte.
func BenchmarkStoredCallAmong2000Streams(b *testing.B) {
	store := newMemStore()
	c, _ := openFake(b, store)
	for i := range 2000 {
		createStream(b, c, fmt.Sprint("s", i), 1)
	}
	written := &countingStore{memStore: store}
	c.journal.(*journal).store = written
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s1000"), Tags: map[string]string{"k": "v"}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(written.bytes)/float64(b.N), "stored-bytes/op")
}

// countingStore counts the bytes written to a memStore.
type countingStore struct {
	*memStore
	bytes int
}

func (s *countingStore) Write(ops []StoreOp) func() error {
	for _, op := range ops {
		s.bytes += len(op.Key) + len(op.Value)
	}
	return s.memStore.Write(ops)
}
