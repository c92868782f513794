package kinesisfake_test

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/kinesisfake"
)

// An enhanced fan-out consumer reads records as they are put. The
// subscription ends cleanly after 5 minutes on the fake's clock, and the
// consumer resumes after the last ContinuationSequenceNumber it saw.
func ExampleClient_SubscribeToShard() {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	fake := kinesisfake.New(kinesisfake.WithClock(clock))
	defer fake.Close()

	fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)})
	reg, err := fake.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN:    aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders"),
		ConsumerName: aws.String("billing"),
	})
	if err != nil {
		panic(err)
	}
	out, err := fake.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{
		ConsumerARN:      reg.Consumer.ConsumerARN,
		ShardId:          aws.String("shardId-000000000000"),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest},
	})
	if err != nil {
		panic(err)
	}
	stream := out.GetStream() // the SDK's own event stream
	defer stream.Close()

	for _, item := range []string{"apple", "banana"} {
		fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("k"), Data: []byte(item)})
	}
	var continuation *string
	for received := 0; received < 2; {
		ev := (<-stream.Events()).(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
		for _, r := range ev.Records {
			fmt.Printf("%s (%d ms behind)\n", r.Data, *ev.MillisBehindLatest)
			received++
		}
		continuation = ev.ContinuationSequenceNumber
	}

	clock.Advance(5 * time.Minute)
	for range stream.Events() {
		// Heartbeats: empty events while the shard is idle.
	}
	fmt.Println("subscription ended; error:", stream.Err())
	fmt.Println("resume after:", len(*continuation), "digit sequence number")
	// Output:
	// apple (0 ms behind)
	// banana (0 ms behind)
	// subscription ended; error: <nil>
	// resume after: 56 digit sequence number
}
