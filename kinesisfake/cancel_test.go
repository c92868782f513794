package kinesisfake

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"go.uber.org/goleak"
)

// subscribeWith subscribes consumer "app" of stream "s" to its only shard
// through k, under callCtx.
func subscribeWith(t *testing.T, k API, callCtx context.Context, consumer string) *kinesis.SubscribeToShardEventStream {
	t.Helper()
	out, err := k.SubscribeToShard(callCtx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}}, ownProtocol)
	if err != nil {
		t.Fatalf("SubscribeToShard: %v", err)
	}
	return out.GetStream()
}

// wantRecordR reads the stream's first event, which must hold the one
// record onEachPath put: the subscription is live before the test goes on.
func wantRecordR(t *testing.T, stream *kinesis.SubscribeToShardEventStream) {
	t.Helper()
	if ev, ok := nextEvent(t, stream); !ok || len(ev.Records) != 1 {
		t.Fatalf("first event %+v (ok %v, err %v), want record r", ev, ok, stream.Err())
	}
}

// onEachPath runs test in every mode (see inModes), on a fresh fake with
// stream "s" of 1 shard, holding record "r", and consumer "app". k is what
// the caller calls. Each run must leave no goroutine behind once the fake
// and its server are closed.
func onEachPath(t *testing.T, test func(t *testing.T, c *Client, k API, clock *FakeClock, consumer string)) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			leaks := goleak.IgnoreCurrent()
			t.Cleanup(func() { goleak.VerifyNone(t, leaks) }) // runs last
			c, k, clock, done := m.fake(t)
			createStream(t, c, "s", 1)
			put(t, c, "s", "k", "r")
			test(t, c, k, clock, register(t, c, "s", "app"))
			done()
		})
	}
}

// Once the caller cancels the call's context, the stream's Events close and
// Err reports the cancellation, on every path as over HTTP, where the SDK's
// reader fails with "decode event: context canceled".
func TestErrAfterCancelSideBySide(t *testing.T) {
	onEachPath(t, func(t *testing.T, _ *Client, k API, _ *FakeClock, consumer string) {
		callCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		stream := subscribeWith(t, k, callCtx, consumer)
		defer stream.Close()
		wantRecordR(t, stream)

		cancel()
		for range stream.Events() {
			// Heartbeats, or an event already on its way, may come first.
		}
		err := stream.Err()
		t.Logf("Err after cancel: %v", err)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Err after cancel = %v, want context.Canceled", err)
		}
		if closeErr := stream.Close(); !errors.Is(closeErr, context.Canceled) {
			t.Errorf("Close after cancel = %v, want context.Canceled", closeErr)
		}
	})
}

// Closing the stream right after cancelling, without waiting for Events to
// close, neither blocks nor leaves a goroutine behind (onEachPath checks),
// and Events closes.
func TestCloseAfterCancel(t *testing.T) {
	onEachPath(t, func(t *testing.T, _ *Client, k API, _ *FakeClock, consumer string) {
		callCtx, cancel := context.WithCancel(ctx)
		stream := subscribeWith(t, k, callCtx, consumer)
		cancel()
		err := stream.Close()
		for range stream.Events() {
		}
		// Whether the cancellation or the Close ended the stream first is a
		// race on every path; either way Err is nil or the cancellation.
		if err := stream.Err(); err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("Err after cancel and Close = %v, want nil or context.Canceled", err)
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("Close after cancel = %v, want nil or context.Canceled", err)
		}
	})
}

// A subscription that ended cleanly, at its 5 minutes, stays clean: a
// cancel that comes after does not give Err an error.
func TestCancelAfterACleanEndLeavesErrNil(t *testing.T) {
	onEachPath(t, func(t *testing.T, _ *Client, k API, clock *FakeClock, consumer string) {
		callCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		stream := subscribeWith(t, k, callCtx, consumer)
		defer stream.Close()
		wantRecordR(t, stream)
		clock.Advance(5 * time.Minute)
		for range stream.Events() {
		}
		if err := stream.Err(); err != nil {
			t.Fatalf("Err after 5 minutes = %v, want nil", err)
		}
		cancel()
		if err := stream.Err(); err != nil {
			t.Errorf("Err after 5 minutes, then cancel = %v, want nil", err)
		}
		if err := stream.Close(); err != nil {
			t.Errorf("Close after 5 minutes, then cancel = %v, want nil", err)
		}
	})
}
