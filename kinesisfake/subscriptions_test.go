package kinesisfake

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
)

// register registers an ACTIVE consumer and returns its ARN.
func register(t testing.TB, c *Client, stream, name string) string {
	t.Helper()
	out, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN:    aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/" + stream),
		ConsumerName: aws.String(name),
	})
	if err != nil {
		t.Fatalf("RegisterStreamConsumer: %v", err)
	}
	return *out.Consumer.ConsumerARN
}

func subscribe(t testing.TB, c *Client, consumerARN, shard string, pos types.StartingPosition) *kinesis.SubscribeToShardEventStream {
	t.Helper()
	out, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumerARN), ShardId: aws.String(shard), StartingPosition: &pos})
	if err != nil {
		t.Fatalf("SubscribeToShard: %v", err)
	}
	return out.GetStream()
}

// nextEvent waits for the stream's next event that carries records or
// ChildShards, passing over heartbeats; ok is false if the stream ended.
func nextEvent(t testing.TB, stream *kinesis.SubscribeToShardEventStream) (types.SubscribeToShardEvent, bool) {
	t.Helper()
	for ev := range stream.Events() {
		e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
		if len(e.Records) > 0 || e.ChildShards != nil {
			return e, true
		}
		checkHeartbeat(t, e)
	}
	return types.SubscribeToShardEvent{}, false
}

// checkHeartbeat checks what an empty event must carry.
func checkHeartbeat(t testing.TB, e types.SubscribeToShardEvent) {
	t.Helper()
	if e.Records == nil || e.MillisBehindLatest == nil || e.ContinuationSequenceNumber == nil {
		t.Errorf("heartbeat without Records, MillisBehindLatest or ContinuationSequenceNumber: %+v", e)
	}
}

func eventData(ev types.SubscribeToShardEvent) []string {
	var got []string
	for _, r := range ev.Records {
		got = append(got, string(r.Data))
	}
	return got
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
// brings ChildShards. Each record's data goes to got.
func consumeShard(c *Client, consumerARN, shardID string, got chan<- string) error {
	pos := types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}
	for {
		out, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumerARN), ShardId: aws.String(shardID), StartingPosition: &pos})
		if err != nil {
			return err
		}
		stream := out.GetStream()
		for ev := range stream.Events() {
			e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
			for _, r := range e.Records {
				got <- string(r.Data)
			}
			if e.ChildShards != nil {
				stream.Close()
				return nil
			}
			pos = types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: e.ContinuationSequenceNumber}
		}
		if err := stream.Close(); err != nil {
			return err
		}
	}
}

func TestConsumerLoopReadsEveryRecordOnceAcrossRenewals(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 2)
	consumer := register(t, c, "s", "app")
	shards := []string{"shardId-000000000000", "shardId-000000000001"}
	got := make([]chan string, len(shards))
	errs := make(chan error, len(shards))
	for i, id := range shards {
		got[i] = make(chan string, 1000)
		go func() { errs <- consumeShard(c, consumer, id, got[i]) }()
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
		if err := <-errs; err != nil {
			t.Fatal(err)
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
