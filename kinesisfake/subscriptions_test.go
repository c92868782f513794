package kinesisfake

import (
	"errors"
	"fmt"
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

// nextEvent waits for the stream's next event; ok is false if it ended.
func nextEvent(t testing.TB, stream *kinesis.SubscribeToShardEventStream) (types.SubscribeToShardEvent, bool) {
	t.Helper()
	ev, ok := <-stream.Events()
	if !ok {
		return types.SubscribeToShardEvent{}, false
	}
	return ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value, true
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
