package kinesisfake_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/streamfake/kinesis/kinesisfake"
)

// Records shows what the code under test wrote, across every shard, in the
// order the fake accepted it: no ListShards, GetShardIterator or GetRecords.
func ExampleClient_Records() {
	ctx := context.Background()
	fake := kinesisfake.New()
	defer fake.Close()
	fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(4)})

	// The code under test.
	for _, order := range []string{"cherry", "apple", "banana"} {
		fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String(order), Data: []byte(order)})
	}

	records, err := fake.Records("orders")
	if err != nil {
		panic(err)
	}
	for _, r := range records {
		fmt.Printf("%s in %s (key %s)\n", r.Data, r.ShardID, r.PartitionKey)
	}
	// Output:
	// cherry in shardId-000000000003 (key cherry)
	// apple in shardId-000000000000 (key apple)
	// banana in shardId-000000000001 (key banana)
}

// Records are plain values: go-cmp compares them with the expected ones,
// leaving out what the fake chose.
func ExampleRecord() {
	ctx := context.Background()
	fake := kinesisfake.New()
	defer fake.Close()
	fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)})
	fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("customer-1"), Data: []byte("apple")})

	got, _ := fake.Records("orders")
	want := []kinesisfake.Record{
		{ShardID: "shardId-000000000000", PartitionKey: "customer-1", Data: []byte("apple")},
	}
	diff := cmp.Diff(want, got, cmpopts.IgnoreFields(kinesisfake.Record{}, "SequenceNumber", "ArrivalTime"))
	fmt.Printf("diff: %q\n", diff)
	// Output: diff: ""
}

// WaitForRecords waits, without polling, until code running concurrently
// has written the records a test expects, or its context ends.
func ExampleClient_WaitForRecords() {
	ctx := context.Background()
	fake := kinesisfake.New()
	defer fake.Close()
	fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(2)})

	// The code under test, in the background.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, order := range []string{"apple", "banana"} {
			fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String(order), Data: []byte(order)})
		}
	}()

	waitCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	records, err := fake.WaitForRecords(waitCtx, "orders", 2)
	if err != nil {
		panic(err)
	}
	for _, r := range records {
		fmt.Printf("%s\n", r.Data)
	}
	<-done

	// Records that never come: the error says how many did.
	waitCtx, cancel = context.WithTimeout(ctx, time.Millisecond)
	defer cancel()
	_, err = fake.WaitForRecords(waitCtx, "orders", 3)
	fmt.Println(err)
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output:
	// apple
	// banana
	// kinesisfake: stream orders holds 2 of the 3 records waited for: context deadline exceeded
	// true
}

// Streams lists the streams the code under test created, with no
// ListStreams pages and no call counted against its rate.
func ExampleClient_Streams() {
	ctx := context.Background()
	fake := kinesisfake.New()
	defer fake.Close()
	for _, name := range []string{"orders", "audit"} {
		fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(1)})
	}
	fmt.Println(fake.Streams())
	// Output:
	// [audit orders]
}

// Consumers shows a stream's enhanced fan-out consumers and their status on
// the fake's clock.
func ExampleClient_Consumers() {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(start)
	fake := kinesisfake.New(kinesisfake.WithClock(clock), kinesisfake.WithDelays(kinesisfake.Delays{RegisterConsumer: 10 * time.Second}))
	defer fake.Close()
	fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)})
	for _, name := range []string{"billing", "shipping"} {
		fake.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
			StreamARN:    aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders"),
			ConsumerName: aws.String(name),
		})
	}

	show := func() {
		consumers, err := fake.Consumers("orders")
		if err != nil {
			panic(err)
		}
		for _, k := range consumers {
			fmt.Println(k.Name, k.Status)
		}
	}
	show()
	clock.Advance(10 * time.Second)
	show()
	// Output:
	// billing CREATING
	// shipping CREATING
	// billing ACTIVE
	// shipping ACTIVE
}

// Subscriptions shows the live SubscribeToShard subscriptions to a stream:
// which consumer reads which shard, until when, and how far it has got.
func ExampleClient_Subscriptions() {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(start)
	fake := kinesisfake.New(kinesisfake.WithClock(clock))
	defer fake.Close()
	fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(2)})
	reg, _ := fake.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN:    aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders"),
		ConsumerName: aws.String("billing"),
	})
	out, err := fake.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{
		ConsumerARN:      reg.Consumer.ConsumerARN,
		ShardId:          aws.String("shardId-000000000001"),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest},
	})
	if err != nil {
		panic(err)
	}
	stream := out.GetStream()
	defer stream.Close()

	show := func() {
		subs, err := fake.Subscriptions("orders")
		if err != nil {
			panic(err)
		}
		fmt.Println(len(subs), "live")
		for _, s := range subs {
			fmt.Println(s.ConsumerName, s.ShardID, "until", s.Expires.Format(time.TimeOnly))
		}
	}
	show()
	clock.Advance(5 * time.Minute) // the subscription's time is up
	show()
	// Output:
	// 1 live
	// billing shardId-000000000001 until 00:05:00
	// 0 live
}

// A Consumer carries what SubscribeToShard and the consumer operations take:
// its ARN, which ends with its creation time in Unix seconds.
func ExampleConsumer() {
	ctx := context.Background()
	fake := kinesisfake.New(kinesisfake.WithClock(kinesisfake.NewFakeClock(start)))
	defer fake.Close()
	fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)})
	fake.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN:    aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders"),
		ConsumerName: aws.String("billing"),
	})

	consumers, _ := fake.Consumers("orders")
	k := consumers[0]
	fmt.Println(k.Name, k.Status, k.Created.Format(time.DateTime))
	fmt.Println(k.ARN)
	// Output:
	// billing ACTIVE 2026-01-01 00:00:00
	// arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/billing:1767225600
}

// A Subscription tells where a subscription stands: once its reader has an
// event, the ContinuationSequenceNumber is that of the event's last record
// and nothing is pending.
func ExampleSubscription() {
	ctx := context.Background()
	fake := kinesisfake.New(kinesisfake.WithClock(kinesisfake.NewFakeClock(start)))
	defer fake.Close()
	fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)})
	var last *string
	for _, order := range []string{"apple", "banana"} {
		out, _ := fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String(order), Data: []byte(order)})
		last = out.SequenceNumber
	}
	reg, _ := fake.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN:    aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders"),
		ConsumerName: aws.String("billing"),
	})
	out, err := fake.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{
		ConsumerARN:      reg.Consumer.ConsumerARN,
		ShardId:          aws.String("shardId-000000000000"),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon},
	})
	if err != nil {
		panic(err)
	}
	stream := out.GetStream()
	defer stream.Close()
	ev := (<-stream.Events()).(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
	fmt.Println(len(ev.Records), "records in the first event")

	subs, _ := fake.Subscriptions("orders")
	s := subs[0]
	fmt.Println(s.ShardID, "pending:", s.Pending)
	fmt.Println(s.ContinuationSequenceNumber == *last)
	// Output:
	// 2 records in the first event
	// shardId-000000000000 pending: 0
	// true
}
