// Command resubscribe shows how to test an enhanced fan-out consumer's
// handling of a subscription that ends with an error: the fake ends the live
// subscription with InternalFailureException, and the consumer subscribes
// again after the last ContinuationSequenceNumber, backing off while the
// service still counts the old subscription as active. No record is lost or
// repeated, and the backoff runs on the fake's clock.
//
//	go run ./examples/resubscribe
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/kinesisfake"
)

// SubscribeAPI is the part of *kinesis.Client the consumer uses.
type SubscribeAPI interface {
	SubscribeToShard(context.Context, *kinesis.SubscribeToShardInput, ...func(*kinesis.Options)) (*kinesis.SubscribeToShardOutput, error)
}

// Consumer reads one shard through enhanced fan-out.
type Consumer struct {
	Client               SubscribeAPI
	ConsumerARN, ShardID string
	Handle               func(types.Record)
	// Sleep waits before subscribing again; production passes a real
	// sleep, tests one that moves a fake clock.
	Sleep func(time.Duration)
	// Log reports each subscription that ends with an error.
	Log func(error)
}

// Run reads the shard from TRIM_HORIZON until ctx ends or the shard does.
// When a subscription ends, cleanly after its 5 minutes or with an error
// the service sends mid-stream, Run subscribes again after the last
// ContinuationSequenceNumber; while the service reports the previous
// subscription still active (ResourceInUseException), it waits 5 seconds.
func (c Consumer) Run(ctx context.Context) error {
	pos := types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}
	for ctx.Err() == nil {
		out, err := c.Client.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: &c.ConsumerARN, ShardId: &c.ShardID, StartingPosition: &pos})
		var inUse *types.ResourceInUseException
		if errors.As(err, &inUse) {
			c.Sleep(5 * time.Second)
			continue
		}
		if err != nil {
			return err
		}
		stream := out.GetStream()
		for ev := range stream.Events() {
			event := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
			for _, r := range event.Records {
				c.Handle(r)
			}
			if event.ChildShards != nil {
				stream.Close()
				return nil // the shard has ended
			}
			pos = types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: event.ContinuationSequenceNumber}
		}
		err = stream.Err()
		stream.Close()
		if err != nil && ctx.Err() == nil {
			c.Log(err)
			c.Sleep(time.Second)
		}
	}
	return ctx.Err()
}

func main() {
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// run puts records before and after the fake fails the subscription, and
// prints what the consumer saw.
func run(w io.Writer) error {
	ctx := context.Background()
	clock := kinesisfake.NewFakeClock(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	fake := kinesisfake.New(kinesisfake.WithClock(clock))
	defer fake.Close()
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("events"), ShardCount: aws.Int32(1)}); err != nil {
		return err
	}
	reg, err := fake.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN:    aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/events"),
		ConsumerName: aws.String("app"),
	})
	if err != nil {
		return err
	}
	put := func(data ...string) error {
		for _, d := range data {
			if _, err := fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("events"), PartitionKey: aws.String("k"), Data: []byte(d)}); err != nil {
				return err
			}
		}
		return nil
	}

	records := make(chan string, 6)
	consumer := Consumer{
		Client:      fake,
		ConsumerARN: *reg.Consumer.ConsumerARN,
		ShardID:     "shardId-000000000000",
		Handle:      func(r types.Record) { records <- string(r.Data) },
		Sleep:       clock.Advance,
		Log:         func(err error) { fmt.Fprintln(w, "subscription ended:", err) },
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	done := make(chan error, 1)
	go func() { done <- consumer.Run(runCtx) }()

	if err := put("a", "b", "c"); err != nil {
		return err
	}
	for range 3 {
		fmt.Fprintln(w, "received", <-records)
	}
	fake.EndSubscriptions(consumer.ConsumerARN, consumer.ShardID, &types.InternalFailureException{Message: aws.String("Internal service failure.")})
	if err := put("d", "e", "f"); err != nil {
		return err
	}
	for range 3 {
		fmt.Fprintln(w, "received", <-records)
	}
	stop()
	if err := <-done; !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
