package kinesisfake_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/recorded"
	"github.com/streamfake/kinesis/kinesisfake"
)

// newStream returns a fake on a fake clock with one stream of one shard.
func newStream(opts ...kinesisfake.Option) (*kinesisfake.Client, *kinesisfake.FakeClock) {
	clock := kinesisfake.NewFakeClock(start)
	fake := kinesisfake.New(append([]kinesisfake.Option{kinesisfake.WithClock(clock)}, opts...)...)
	if _, err := fake.CreateStream(context.Background(), &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)}); err != nil {
		panic(err)
	}
	return fake, clock
}

// A fault makes the next two PutRecord calls fail with the SDK's typed
// throttling error; errors.As finds it as it would in production.
func ExampleClient_InjectFault() {
	fake, _ := newStream()
	defer fake.Close()
	fake.InjectFault(kinesisfake.Fault{
		Operation: "PutRecord",
		Err:       &types.ProvisionedThroughputExceededException{Message: aws.String(recorded.ShardThrottled("shardId-000000000000", "orders", "123456789012"))},
		Times:     2,
	})
	for range 3 {
		_, err := fake.PutRecord(context.Background(), &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("k"), Data: []byte("x")})
		var throttled *types.ProvisionedThroughputExceededException
		fmt.Println(errors.As(err, &throttled))
	}
	// Output:
	// true
	// true
	// false
}

// A hook can observe calls, or make the call itself and change its result.
func ExampleClient_AddHook() {
	fake, _ := newStream()
	defer fake.Close()
	fake.AddHook(func(ctx context.Context, call kinesisfake.Call) (any, error, bool) {
		fmt.Println("call:", call.Operation, call.Stream)
		if call.Operation != "DescribeStreamSummary" {
			return nil, nil, false // proceed as normal
		}
		out, err := fake.DescribeStreamSummary(ctx, call.Input.(*kinesis.DescribeStreamSummaryInput))
		if err == nil {
			out.StreamDescriptionSummary.StreamStatus = types.StreamStatusUpdating
		}
		return out, err, true
	})
	out, err := fake.DescribeStreamSummary(context.Background(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("orders")})
	if err != nil {
		panic(err)
	}
	fmt.Println(out.StreamDescriptionSummary.StreamStatus)
	// Output:
	// call: DescribeStreamSummary orders
	// UPDATING
}

// PutRecords fails the chosen entries and stores the rest, as the service
// does under load.
func ExampleClient_FailPutRecords() {
	fake, _ := newStream()
	defer fake.Close()
	fake.FailPutRecords(kinesisfake.PutRecordsFault{
		Fail:  func(i int, _ types.PutRecordsRequestEntry) bool { return i%2 == 1 },
		Times: 1,
	})
	out, err := fake.PutRecords(context.Background(), &kinesis.PutRecordsInput{
		StreamName: aws.String("orders"),
		Records: []types.PutRecordsRequestEntry{
			{PartitionKey: aws.String("k"), Data: []byte("a")},
			{PartitionKey: aws.String("k"), Data: []byte("b")},
			{PartitionKey: aws.String("k"), Data: []byte("c")},
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println("failed:", *out.FailedRecordCount)
	for _, r := range out.Records {
		fmt.Println(aws.ToString(r.ErrorCode), r.SequenceNumber != nil)
	}
	// Output:
	// failed: 1
	//  true
	// ProvisionedThroughputExceededException false
	//  true
}

// With the service's limits on, a shard takes 1,000 records a second; the
// fake's clock refills the allowance.
func ExampleWithRates() {
	fake, clock := newStream(kinesisfake.WithRates(kinesisfake.Rates{}))
	defer fake.Close()
	put := func() error {
		_, err := fake.PutRecord(context.Background(), &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("k"), Data: []byte("x")})
		return err
	}
	stored := 0
	for put() == nil {
		stored++
	}
	fmt.Println("stored", stored, "then:", put())
	clock.Advance(500 * time.Millisecond)
	for put() == nil {
		stored++
	}
	fmt.Println("stored", stored, "after half a second")
	// Output:
	// stored 1000 then: operation error Kinesis: PutRecord, https response error StatusCode: 400, RequestID: 00000000-0000-4000-8000-000000000002, ProvisionedThroughputExceededException: Rate exceeded for shard shardId-000000000000 in stream orders under account 123456789012.
	// stored 1500 after half a second
}

// A live subscription ends with an error the service sends mid-stream.
func ExampleClient_EndSubscriptions() {
	fake, _ := newStream()
	defer fake.Close()
	ctx := context.Background()
	reg, err := fake.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN:    aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders"),
		ConsumerName: aws.String("app"),
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
	stream := out.GetStream()
	defer stream.Close()

	fake.EndSubscriptions(*reg.Consumer.ConsumerARN, "", &types.KMSThrottlingException{Message: aws.String("Rate exceeded.")})
	for range stream.Events() {
	}
	var kms *types.KMSThrottlingException
	fmt.Println(errors.As(stream.Err(), &kms), stream.Err())
	// Output:
	// true KMSThrottlingException: Rate exceeded.
}

// Iterators can be expired on demand, to test a reader's recovery.
func ExampleClient_ExpireIterators() {
	fake, _ := newStream()
	defer fake.Close()
	ctx := context.Background()
	it, err := fake.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("orders"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeLatest})
	if err != nil {
		panic(err)
	}
	fake.ExpireIterators()
	_, err = fake.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	var expired *types.ExpiredIteratorException
	fmt.Println(errors.As(err, &expired))
	// Output:
	// true
}
