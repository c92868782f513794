package kinesisfake

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"

	"github.com/streamfake/kinesis/internal/recorded"
)

// checkHeartbeat checks what an empty event must carry.
func checkHeartbeat(t testing.TB, e types.SubscribeToShardEvent) {
	t.Helper()
	if e.Records == nil || e.MillisBehindLatest == nil || e.ContinuationSequenceNumber == nil {
		t.Errorf("heartbeat without Records, MillisBehindLatest or ContinuationSequenceNumber: %+v", e)
	}
}

func TestSubscribeDeliversLiveRecords(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	put(t, c, "s", "k", "before")
	consumer := register(t, c, "s", "app")
	stream := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	defer stream.Close()

	ev, ok := nextEvent(t, stream)
	if !ok || !cmp.Equal(eventData(ev), []string{"before"}) {
		t.Fatalf("first event %v (ok %v)", eventData(ev), ok)
	}
	for i := range 3 {
		put(t, c, "s", "k", fmt.Sprint("live", i))
		ev, ok := nextEvent(t, stream)
		if !ok || !cmp.Equal(eventData(ev), []string{fmt.Sprint("live", i)}) {
			t.Fatalf("event %d: %v (ok %v)", i, eventData(ev), ok)
		}
		if *ev.MillisBehindLatest != 0 || ev.ContinuationSequenceNumber == nil {
			t.Errorf("event %d: MillisBehindLatest %v, continuation %v", i, *ev.MillisBehindLatest, ev.ContinuationSequenceNumber)
		}
	}
}

func TestSubscriptionEndsAfterFiveMinutes(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	stream := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer stream.Close()
	clock.Advance(5 * time.Minute)
	if _, ok := nextEvent(t, stream); ok {
		t.Fatal("event after 5 minutes")
	}
	if err := stream.Err(); err != nil {
		t.Fatalf("Err after expiry = %v, want nil", err)
	}
}

func TestSecondSubscriptionWithinFiveSeconds(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	first := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer first.Close()
	clock.Advance(4 * time.Second)
	_, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
	wantAPIError(t, err, "SubscribeToShard", "ResourceInUseException", "")
	clock.Advance(time.Second)
	second := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer second.Close()
	if _, ok := nextEvent(t, first); ok {
		t.Fatal("the first subscription goes on after a second took over")
	}
	var inUse *types.ResourceInUseException
	if !errors.As(first.Err(), &inUse) {
		t.Errorf("first subscription ended with %v, want ResourceInUseException", first.Err())
	}
	put(t, c, "s", "k", "x")
	if ev, ok := nextEvent(t, second); !ok || len(ev.Records) != 1 {
		t.Fatalf("second subscription: %v %v", ev, ok)
	}
}

// consumeShard is an enhanced fan-out consumer loop written as production
// code is: subscribe, range over the events, and when the stream ends
// resubscribe after the last ContinuationSequenceNumber, until an event
// brings ChildShards. Each record's data goes to got. It returns how many
// subscriptions it made.
func consumeShard(c API, consumerARN, shardID string, got chan<- string) (int, error) {
	pos := types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}
	for subscriptions := 1; ; subscriptions++ {
		out, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumerARN), ShardId: aws.String(shardID), StartingPosition: &pos}, ownProtocol)
		if err != nil {
			return subscriptions, err
		}
		stream := out.GetStream()
		for ev := range stream.Events() {
			e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
			for _, r := range e.Records {
				got <- string(r.Data)
			}
			if e.ChildShards != nil {
				stream.Close()
				return subscriptions, nil
			}
			pos = types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: e.ContinuationSequenceNumber}
		}
		if err := stream.Close(); err != nil {
			return subscriptions, err
		}
	}
}

// The loop runs in a synctest bubble on the fake clock: synctest.Wait after
// each move lets the consumers react to it (end a stream, subscribe again)
// before the test goes on, so every run renews at the same instants.
//
// It runs in every mode (see inModes) but over sockets, which synctest.Wait
// cannot wait on, so that the subscriptions cross the wire as event
// streams, in JSON and CBOR.
func TestConsumerLoopReadsEveryRecordOnceAcrossRenewals(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			if m.sockets {
				t.Skip("synctest cannot wait on sockets")
			}
			synctest.Test(t, func(t *testing.T) {
				c, k, clock, done := m.fake(t)
				consumerLoopAcrossRenewals(t, c, k, clock)
				done()
			})
		})
	}
}

func consumerLoopAcrossRenewals(t *testing.T, c *Client, k API, clock *FakeClock) {
	createStream(t, c, "s", 2)
	consumer := register(t, c, "s", "app")
	shards := []string{"shardId-000000000000", "shardId-000000000001"}
	got := make([]chan string, len(shards))
	type result struct {
		subscriptions int
		err           error
	}
	results := make(chan result, len(shards))
	for i, id := range shards {
		got[i] = make(chan string, 1000)
		go func() {
			n, err := consumeShard(k, consumer, id, got[i])
			results <- result{n, err}
		}()
	}

	// 22 minutes of puts, every 10 seconds: four renewals of each
	// subscription, with records put while a consumer is between streams.
	want := make([][]string, len(shards))
	var received [][]string = make([][]string, len(shards))
	for step := range 132 {
		for k := range 3 {
			key := fmt.Sprint("key", k)
			data := fmt.Sprintf("%03d-%d", step, k)
			out := put(t, c, "s", key, data)
			i := slices.Index(shards, *out.ShardId)
			want[i] = append(want[i], data)
		}
		clock.Advance(10 * time.Second)
		synctest.Wait()
		// Take what has arrived; the rest arrives later, in order.
		for i := range shards {
			for len(got[i]) > 0 {
				received[i] = append(received[i], <-got[i])
			}
		}
	}
	for i := range shards {
		splitByHand(t, c, "s", i)
	}
	for range shards {
		r := <-results
		if r.err != nil {
			t.Fatal(r.err)
		}
		if r.subscriptions != 5 {
			t.Errorf("%d subscriptions in 22 minutes, want 5 of 5 minutes each", r.subscriptions)
		}
	}
	for i := range shards {
		close(got[i])
		for r := range got[i] {
			received[i] = append(received[i], r)
		}
		if !cmp.Equal(received[i], want[i]) {
			t.Errorf("%s: received %d records, want %d, exactly once and in order\n%s", shards[i], len(received[i]), len(want[i]), cmp.Diff(want[i], received[i]))
		}
	}
}

func TestStartingPositions(t *testing.T) {
	c, clock := newFake(t, WithLimits(Limits{ConsumersPerStream: 10}))
	createStream(t, c, "s", 1)
	var seqs []string
	for i := range 4 {
		seqs = append(seqs, *put(t, c, "s", "k", fmt.Sprint("r", i)).SequenceNumber)
		clock.Advance(time.Second)
	}
	tests := []struct {
		pos  types.StartingPosition
		want []string
	}{
		{types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}, []string{"r0", "r1", "r2", "r3", "after"}},
		{types.StartingPosition{Type: types.ShardIteratorTypeLatest}, []string{"after"}},
		{types.StartingPosition{Type: types.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String(seqs[1])}, []string{"r1", "r2", "r3", "after"}},
		{types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: aws.String(seqs[1])}, []string{"r2", "r3", "after"}},
		{types.StartingPosition{Type: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(epoch.Add(2 * time.Second))}, []string{"r2", "r3", "after"}},
	}
	var streams []*kinesis.SubscribeToShardEventStream
	for i, tt := range tests {
		stream := subscribe(t, c, register(t, c, "s", fmt.Sprint("c", i)), "shardId-000000000000", tt.pos)
		defer stream.Close()
		streams = append(streams, stream)
	}
	put(t, c, "s", "k", "after")
	for i, tt := range tests {
		var got []string
		for len(got) < len(tt.want) {
			ev, ok := nextEvent(t, streams[i])
			if !ok {
				t.Fatalf("%s: stream ended", tt.pos.Type)
			}
			got = append(got, eventData(ev)...)
		}
		if !cmp.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.pos.Type, got, tt.want)
		}
	}
}

func TestResumeFromTheContinuationSequenceNumber(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	stream := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	put(t, c, "s", "k", "one")
	ev, _ := nextEvent(t, stream)
	stream.Close()
	put(t, c, "s", "k", "two")
	put(t, c, "s", "k", "three")
	clock.Advance(resubscribeBackoff)

	stream = subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: ev.ContinuationSequenceNumber})
	defer stream.Close()
	got, _ := nextEvent(t, stream)
	if !cmp.Equal(eventData(got), []string{"two", "three"}) {
		t.Errorf("resumed with %v, want [two three]", eventData(got))
	}
}

func TestHeartbeatsCarryTheContinuation(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	last := put(t, c, "s", "k", "only")
	stream := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer stream.Close()
	clock.Advance(heartbeatEvery)
	ev := <-stream.Events()
	hb := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
	if len(hb.Records) != 0 || *hb.MillisBehindLatest != 0 {
		t.Fatalf("heartbeat carries %d records, %d ms behind", len(hb.Records), *hb.MillisBehindLatest)
	}
	// Resuming after the heartbeat's continuation skips nothing and repeats
	// nothing: here, it starts after the record put before subscribing.
	if *hb.ContinuationSequenceNumber != *last.SequenceNumber {
		t.Errorf("heartbeat continuation %s, want %s", *hb.ContinuationSequenceNumber, *last.SequenceNumber)
	}
}

func TestMillisBehindLatest(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	for range 3 {
		// 600 KB each: an event carries one at a time.
		if _, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: make([]byte, 600<<10)}); err != nil {
			t.Fatal(err)
		}
		clock.Advance(2 * time.Second)
	}
	stream := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	defer stream.Close()
	var behind []int64
	for range 3 {
		ev, _ := nextEvent(t, stream)
		behind = append(behind, *ev.MillisBehindLatest)
	}
	// Now is 6 s after the first put: the second record is 4 s old, the
	// third 2 s, then the reader is caught up.
	if !cmp.Equal(behind, []int64{4000, 2000, 0}) {
		t.Errorf("MillisBehindLatest = %v, want [4000 2000 0]", behind)
	}
}

func TestWhatEndsASubscription(t *testing.T) {
	tests := []struct {
		name string
		end  func(t *testing.T, c *Client, consumer string, stream *kinesis.SubscribeToShardEventStream, cancel func())
		code string // the error the stream ends with; empty for a clean end
	}{
		{"deregistering the consumer", func(t *testing.T, c *Client, consumer string, _ *kinesis.SubscribeToShardEventStream, _ func()) {
			if _, err := c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(consumer)}); err != nil {
				t.Fatal(err)
			}
		}, "ResourceNotFoundException"},
		{"deleting the stream", func(t *testing.T, c *Client, _ string, _ *kinesis.SubscribeToShardEventStream, _ func()) {
			if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s"), EnforceConsumerDeletion: aws.Bool(true)}); err != nil {
				t.Fatal(err)
			}
		}, "ResourceNotFoundException"},
		{"closing the fake", func(t *testing.T, c *Client, _ string, _ *kinesis.SubscribeToShardEventStream, _ func()) {
			c.Close()
		}, ""},
		{"closing the stream", func(t *testing.T, _ *Client, _ string, stream *kinesis.SubscribeToShardEventStream, _ func()) {
			stream.Close()
		}, ""},
		{"cancelling the call's context", func(t *testing.T, _ *Client, _ string, _ *kinesis.SubscribeToShardEventStream, cancel func()) {
			cancel()
		}, "context canceled"},
	}
	for _, tt := range tests {
		// In a bubble, synctest.Wait lets the subscription's goroutine finish
		// before the test looks at what it left behind.
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, _ := newFake(t)
				createStream(t, c, "s", 1)
				consumer := register(t, c, "s", "app")
				callCtx, cancel := context.WithCancel(ctx)
				defer cancel()
				out, err := c.SubscribeToShard(callCtx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
				if err != nil {
					t.Fatal(err)
				}
				stream := out.GetStream()
				defer stream.Close()
				tt.end(t, c, consumer, stream, cancel)
				if _, ok := nextEvent(t, stream); ok {
					t.Fatal("event after the end")
				}
				err = stream.Err()
				switch {
				case tt.code == "" && err != nil:
					t.Errorf("ended with %v, want a clean end", err)
				case tt.code == "context canceled":
					if !errors.Is(err, context.Canceled) {
						t.Errorf("ended with %v, want context.Canceled", err)
					}
				case tt.code != "":
					wantAPIError(t, wrapForCheck("SubscribeToShard", err), "SubscribeToShard", tt.code, "")
				}
				// Everything is freed.
				synctest.Wait()
				c.mu.Lock()
				defer c.mu.Unlock()
				if s := c.streams["s"]; s != nil && len(s.shards[0].subs) != 0 {
					t.Errorf("%d subscriptions still registered on the shard", len(s.shards[0].subs))
				}
			})
		})
	}
}

func TestTheEndOfAClosedShard(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	stream := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	defer stream.Close()
	put(t, c, "s", "k", "last")
	splitByHand(t, c, "s", 0)

	var events []types.SubscribeToShardEvent
	for {
		ev, ok := nextEvent(t, stream)
		if !ok {
			break
		}
		events = append(events, ev)
	}
	final := events[len(events)-1]
	if final.ContinuationSequenceNumber != nil || len(final.ChildShards) != 2 || *final.MillisBehindLatest != 0 {
		t.Fatalf("final event: continuation %v, %d children", final.ContinuationSequenceNumber, len(final.ChildShards))
	}
	for _, child := range final.ChildShards {
		if !cmp.Equal(child.ParentShards, []string{"shardId-000000000000"}) || child.HashKeyRange == nil {
			t.Errorf("child %s: parents %v, range %v", *child.ShardId, child.ParentShards, child.HashKeyRange)
		}
	}
	if err := stream.Err(); err != nil {
		t.Errorf("Err = %v, want a clean end", err)
	}

	// Subscribing with LATEST to the closed shard gets that final event again.
	clock.Advance(resubscribeBackoff)
	again := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer again.Close()
	ev, ok := nextEvent(t, again)
	if !ok || ev.ChildShards == nil || len(ev.Records) != 0 {
		t.Errorf("LATEST on a closed shard: %+v, %v", ev, ok)
	}
}

func TestASlowReaderHoldsBackNobody(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	slow := subscribe(t, c, register(t, c, "s", "slow"), "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	defer slow.Close()
	fast := subscribe(t, c, register(t, c, "s", "fast"), "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	defer fast.Close()

	const n = 3000
	var want []string
	for i := range n {
		want = append(want, fmt.Sprint(i))
		put(t, c, "s", "k", fmt.Sprint(i)) // returns while slow reads nothing
	}
	read := func(stream *kinesis.SubscribeToShardEventStream) []string {
		var got []string
		for len(got) < n {
			ev, ok := nextEvent(t, stream)
			if !ok {
				t.Fatal("stream ended")
			}
			got = append(got, eventData(ev)...)
		}
		return got
	}
	if got := read(fast); !cmp.Equal(got, want) {
		t.Fatal("the fast reader missed or reordered records")
	}
	// The slow reader loses nothing by waiting.
	if got := read(slow); !cmp.Equal(got, want) {
		t.Fatal("the slow reader missed or reordered records")
	}
}

// Every rule of SubscribeToShard, with the error the service returns for
// it. Each case runs on stream "s", of 1 shard, with consumer "app"; no
// failed call, a dry run included, counts as a subscription.
func TestSubscribeToShardErrors(t *testing.T) {
	latest := &types.StartingPosition{Type: types.ShardIteratorTypeLatest}
	subscribeWith := func(k API, in *kinesis.SubscribeToShardInput) error {
		_, err := k.SubscribeToShard(ctx, in)
		return err
	}
	after := func(seq string) func(*Client, API, *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			return subscribeWith(k, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(testConsumerARN), ShardId: aws.String("shardId-000000000000"),
				StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: aws.String(seq)}})
		}
	}
	errorTable{
		setup: streamWithConsumer,
		after: func(t *testing.T, c *Client) {
			subscribe(t, c, testConsumerARN, "shardId-000000000000", *latest).Close()
		},
		cases: []errorCase{
			{name: "SubscribeToShard unknown consumer", op: "SubscribeToShard", call: func(c *Client, k API, _ *FakeClock) error {
				return subscribeWith(k, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(streamARN + "/consumer/nope:1"), ShardId: aws.String("shardId-000000000000"), StartingPosition: latest})
			}, code: "ResourceNotFoundException", message: recorded.ConsumerNotFound("nope", "1", "s", "123456789012")},
			// The wording as quoted from production
			// (kinesis-hot-shard-advisor#37), space before the comma included.
			{name: "SubscribeToShard consumer still CREATING", op: "SubscribeToShard", opts: []Option{WithDelays(Delays{RegisterConsumer: time.Second})}, call: func(c *Client, k API, clock *FakeClock) error {
				clock.Advance(time.Second) // "app" is ACTIVE, for after
				out, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("late")})
				if err != nil {
					return err
				}
				return subscribeWith(k, &kinesis.SubscribeToShardInput{ConsumerARN: out.Consumer.ConsumerARN, ShardId: aws.String("shardId-000000000000"), StartingPosition: latest})
			}, code: "ResourceInUseException", message: recorded.ConsumerNotActive("late", strconv.FormatInt(epoch.Unix()+1, 10), "s", "123456789012")},
			{name: "SubscribeToShard unknown shard", op: "SubscribeToShard", call: func(c *Client, k API, _ *FakeClock) error {
				return subscribeWith(k, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(testConsumerARN), ShardId: aws.String("shardId-000000000007"), StartingPosition: latest})
			}, code: "ResourceNotFoundException", message: recorded.ShardDoesNotExist("shardId-000000000007", "s", "123456789012")},
			{name: "SubscribeToShard AT_SEQUENCE_NUMBER without one", op: "SubscribeToShard", call: func(c *Client, k API, _ *FakeClock) error {
				return subscribeWith(k, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(testConsumerARN), ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeAtSequenceNumber}})
			}, code: "InvalidArgumentException", message: ""},
			// The service's wording for another shard's number, quoted from
			// production (awslabs/amazon-kinesis-client#391); the rest as
			// GetShardIterator's.
			{name: "SubscribeToShard sequence number of another shard", op: "SubscribeToShard", call: after("49590338271490256608559692538361571095921575989136588898"),
				code: "InvalidArgumentException", message: recorded.SequenceOfOtherShard("shardId-000000000006", "shardId-000000000000")},
			{name: "SubscribeToShard sequence number of version 0", op: "SubscribeToShard", call: after("0"), code: "InternalFailure", message: ""},
			{name: "SubscribeToShard sequence number of version 1", op: "SubscribeToShard", call: after("49537979178794861780081237450294896636708704732336619521"),
				code: "InvalidArgumentException", message: recorded.SequenceNotFromStream("49537979178794861780081237450294896636708704732336619521", "SubscribeToShard", "shardId-000000000000", "s", "123456789012")},
			{name: "SubscribeToShard dry run", op: "SubscribeToShard", call: func(c *Client, k API, _ *FakeClock) error {
				return subscribeWith(k, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(testConsumerARN), ShardId: aws.String("shardId-000000000000"), StartingPosition: latest, DryRun: aws.Bool(true)})
			}, code: "DryRunOperationException", message: ""},
			{name: "SubscribeToShard unknown starting position", op: "SubscribeToShard", call: func(c *Client, k API, _ *FakeClock) error {
				return subscribeWith(k, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(testConsumerARN), ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: "NOW"}})
			}, code: "ValidationException", message: "1 validation error detected: Value 'NOW' at 'startingPosition.type' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]"},
			{name: "SubscribeToShard bad shard ID and sequence number", op: "SubscribeToShard", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(streamARN + "/consumer/app:1"), ShardId: aws.String("a/b"),
					StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeAtSequenceNumber, SequenceNumber: aws.String("x")}})
				return err
			}, code: "ValidationException", message: "2 validation errors detected: Value 'a/b' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value 'x' at 'startingPosition.sequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})"},
		},
	}.run(t)
}

// The required members of SubscribeToShard are checked as the SDK's client
// checks them, before anything reaches the service: the fake's error is the
// real client's, word for word.
func TestSubscribeToShardRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	checkRequiredMembers(t, fake, []requiredMembers{
		{func(c API) error {
			_, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{StartingPosition: &types.StartingPosition{}})
			return err
		}, missing("SubscribeToShard", "SubscribeToShardInput", "ConsumerARN", "ShardId", "StartingPosition.Type")},
	})
}
