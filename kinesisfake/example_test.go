package kinesisfake_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/kinesisfake"
)

// start is where the examples' fake clocks start, so their output is the
// same on every run.
var start = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// Code under test depends on an interface listing the methods of
// *kinesis.Client it calls. Production passes a *kinesis.Client; tests pass
// a *kinesisfake.Client.
func Example() {
	// Usually declared next to the code that uses it.
	type Streams interface {
		PutRecord(context.Context, *kinesis.PutRecordInput, ...func(*kinesis.Options)) (*kinesis.PutRecordOutput, error)
		GetShardIterator(context.Context, *kinesis.GetShardIteratorInput, ...func(*kinesis.Options)) (*kinesis.GetShardIteratorOutput, error)
		GetRecords(context.Context, *kinesis.GetRecordsInput, ...func(*kinesis.Options)) (*kinesis.GetRecordsOutput, error)
	}
	// Both satisfy it, checked at compile time.
	var (
		_ Streams = (*kinesis.Client)(nil)
		_ Streams = (*kinesisfake.Client)(nil)
	)

	ctx := context.Background()
	fake := kinesisfake.New()
	defer fake.Close()
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)}); err != nil {
		panic(err)
	}

	var k Streams = fake
	put, err := k.PutRecord(ctx, &kinesis.PutRecordInput{
		StreamName:   aws.String("orders"),
		PartitionKey: aws.String("customer-1"),
		Data:         []byte("apple"),
	})
	if err != nil {
		panic(err)
	}
	it, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{
		StreamName:             aws.String("orders"),
		ShardId:                put.ShardId,
		ShardIteratorType:      types.ShardIteratorTypeAtSequenceNumber,
		StartingSequenceNumber: put.SequenceNumber,
	})
	if err != nil {
		panic(err)
	}
	got, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	if err != nil {
		panic(err)
	}
	r := got.Records[0]
	fmt.Printf("%s %s (key %s)\n", *put.ShardId, r.Data, *r.PartitionKey)
	// Output: shardId-000000000000 apple (key customer-1)
}

// Close the fake when done with it. In a test, [kinesisfake.NewT] does so
// when the test ends.
func ExampleNew() {
	ctx := context.Background()
	fake := kinesisfake.New(kinesisfake.WithRegion("eu-west-1"), kinesisfake.WithAccountID("111122223333"))
	defer fake.Close()

	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders")}); err != nil {
		panic(err)
	}
	out, err := fake.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("orders")})
	if err != nil {
		panic(err)
	}
	s := out.StreamDescriptionSummary
	fmt.Println(*s.StreamARN)
	fmt.Println(s.StreamStatus, s.StreamModeDetails.StreamMode, *s.OpenShardCount)
	// Output:
	// arn:aws:kinesis:eu-west-1:111122223333:stream/orders
	// ACTIVE ON_DEMAND 4
}

// With a [kinesisfake.FakeClock], transitions that take time happen when the
// clock is advanced past them, not before.
func ExampleWithClock() {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(start)
	fake := kinesisfake.New(
		kinesisfake.WithClock(clock),
		kinesisfake.WithDelays(kinesisfake.Delays{CreateStream: 30 * time.Second}),
	)
	defer fake.Close()

	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)}); err != nil {
		panic(err)
	}
	status := func() types.StreamStatus {
		out, err := fake.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("orders")})
		if err != nil {
			panic(err)
		}
		return out.StreamDescriptionSummary.StreamStatus
	}
	fmt.Println(status())
	clock.Advance(29 * time.Second)
	fmt.Println(status())
	clock.Advance(time.Second)
	fmt.Println(status())
	// Output:
	// CREATING
	// CREATING
	// ACTIVE
}

// Advancing a [kinesisfake.FakeClock] expires shard iterators, which live for
// 5 minutes, and trims records older than the stream's retention period, 24
// hours by default.
func ExampleFakeClock() {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(start)
	fake := kinesisfake.New(kinesisfake.WithClock(clock))
	defer fake.Close()

	stream := aws.String("orders")
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: stream, ShardCount: aws.Int32(1)}); err != nil {
		panic(err)
	}
	if _, err := fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: stream, PartitionKey: aws.String("k"), Data: []byte("apple")}); err != nil {
		panic(err)
	}
	// count reads the shard from TRIM_HORIZON with iterator it, or a new one.
	count := func(it *string) (int, error) {
		if it == nil {
			out, err := fake.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{
				StreamName:        stream,
				ShardId:           aws.String("shardId-000000000000"),
				ShardIteratorType: types.ShardIteratorTypeTrimHorizon,
			})
			if err != nil {
				return 0, err
			}
			it = out.ShardIterator
		}
		out, err := fake.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
		if err != nil {
			return 0, err
		}
		return len(out.Records), nil
	}

	it, err := fake.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{
		StreamName:        stream,
		ShardId:           aws.String("shardId-000000000000"),
		ShardIteratorType: types.ShardIteratorTypeTrimHorizon,
	})
	if err != nil {
		panic(err)
	}
	clock.Advance(6 * time.Minute)
	_, err = count(it.ShardIterator)
	var expired *types.ExpiredIteratorException
	fmt.Println("old iterator expired:", errors.As(err, &expired))

	n, err := count(nil)
	if err != nil {
		panic(err)
	}
	fmt.Println("records after 6 minutes:", n)

	clock.Advance(24 * time.Hour)
	if n, err = count(nil); err != nil {
		panic(err)
	}
	fmt.Println("records after a day:", n)
	// Output:
	// old iterator expired: true
	// records after 6 minutes: 1
	// records after a day: 0
}

func ExampleClient_CreateStream() {
	ctx := context.Background()
	fake := kinesisfake.New()
	defer fake.Close()

	_, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{
		StreamName: aws.String("orders"),
		ShardCount: aws.Int32(4),
	})
	if err != nil {
		panic(err)
	}
	out, err := fake.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("orders")})
	if err != nil {
		panic(err)
	}
	// The shards divide the 128-bit hash key space evenly.
	for _, sh := range out.StreamDescription.Shards {
		fmt.Println(*sh.ShardId, *sh.HashKeyRange.StartingHashKey, *sh.HashKeyRange.EndingHashKey)
	}
	// Output:
	// shardId-000000000000 0 85070591730234615865843651857942052863
	// shardId-000000000001 85070591730234615865843651857942052864 170141183460469231731687303715884105727
	// shardId-000000000002 170141183460469231731687303715884105728 255211775190703847597530955573826158591
	// shardId-000000000003 255211775190703847597530955573826158592 340282366920938463463374607431768211455
}

func ExampleClient_PutRecord() {
	ctx := context.Background()
	fake := kinesisfake.New()
	defer fake.Close()
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(2)}); err != nil {
		panic(err)
	}

	// A record goes to the shard whose hash key range holds the MD5 of its
	// partition key, or its ExplicitHashKey if it has one.
	for _, in := range []*kinesis.PutRecordInput{
		{StreamName: aws.String("orders"), PartitionKey: aws.String("customer-1"), Data: []byte("apple")},
		{StreamName: aws.String("orders"), PartitionKey: aws.String("customer-1"), Data: []byte("banana"),
			ExplicitHashKey: aws.String("0")},
	} {
		out, err := fake.PutRecord(ctx, in)
		if err != nil {
			panic(err)
		}
		fmt.Println(string(in.Data), *out.ShardId, len(*out.SequenceNumber))
	}
	// Output:
	// apple shardId-000000000001 56
	// banana shardId-000000000000 56
}

// Read a shard from its oldest record until caught up with it.
func ExampleClient_GetRecords() {
	ctx := context.Background()
	fake := kinesisfake.New(kinesisfake.WithClock(kinesisfake.NewFakeClock(start)))
	defer fake.Close()
	stream := aws.String("orders")
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: stream, ShardCount: aws.Int32(1)}); err != nil {
		panic(err)
	}
	for _, item := range []string{"apple", "banana", "cherry", "damson", "elderberry"} {
		if _, err := fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: stream, PartitionKey: aws.String(item), Data: []byte(item)}); err != nil {
			panic(err)
		}
	}

	it, err := fake.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{
		StreamName:        stream,
		ShardId:           aws.String("shardId-000000000000"),
		ShardIteratorType: types.ShardIteratorTypeTrimHorizon,
	})
	if err != nil {
		panic(err)
	}
	for iter := it.ShardIterator; iter != nil; {
		out, err := fake.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: iter, Limit: aws.Int32(2)})
		if err != nil {
			panic(err)
		}
		for _, r := range out.Records {
			fmt.Printf("%s (key %s)\n", r.Data, *r.PartitionKey)
		}
		if len(out.Records) == 0 && *out.MillisBehindLatest == 0 {
			fmt.Println("caught up") // a consumer would wait and poll again
			break
		}
		iter = out.NextShardIterator // nil once a closed shard is read to its end
	}
	// Output:
	// apple (key apple)
	// banana (key banana)
	// cherry (key cherry)
	// damson (key damson)
	// elderberry (key elderberry)
	// caught up
}

// ListShards returns at most MaxResults shards at a time. To continue, pass
// the NextToken alone, without the StreamName.
func ExampleClient_ListShards() {
	ctx := context.Background()
	fake := kinesisfake.New()
	defer fake.Close()
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(5)}); err != nil {
		panic(err)
	}

	in := &kinesis.ListShardsInput{StreamName: aws.String("orders"), MaxResults: aws.Int32(2)}
	for {
		out, err := fake.ListShards(ctx, in)
		if err != nil {
			panic(err)
		}
		for _, sh := range out.Shards {
			fmt.Println(*sh.ShardId)
		}
		if out.NextToken == nil {
			break
		}
		in = &kinesis.ListShardsInput{NextToken: out.NextToken, MaxResults: aws.Int32(2)}
	}
	// Output:
	// shardId-000000000000
	// shardId-000000000001
	// shardId-000000000002
	// shardId-000000000003
	// shardId-000000000004
}

// The fake's errors are the SDK's: test for them with errors.As, as
// production code does.
func ExampleClient_DescribeStream_notFound() {
	ctx := context.Background()
	fake := kinesisfake.New()
	defer fake.Close()

	_, err := fake.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("missing")})
	var rnf *types.ResourceNotFoundException
	if errors.As(err, &rnf) {
		fmt.Println(rnf.ErrorCode()+":", rnf.ErrorMessage())
	}
	// Output: ResourceNotFoundException: Stream missing under account 123456789012 not found.
}
