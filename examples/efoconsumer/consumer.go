// Package efoconsumer is an enhanced fan-out consumer written as production
// code writes one, and tested against the fake with the service's delays
// inside a testing/synctest bubble (see consumer_test.go): register the
// consumer, wait until it is ACTIVE, subscribe, range over the events,
// subscribe again when the 5-minute subscription ends, and stop at the end of
// the shard, where the last event names the child shards.
package efoconsumer

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// Kinesis is the part of *kinesis.Client the consumer uses.
type Kinesis interface {
	RegisterStreamConsumer(context.Context, *kinesis.RegisterStreamConsumerInput, ...func(*kinesis.Options)) (*kinesis.RegisterStreamConsumerOutput, error)
	DescribeStreamConsumer(context.Context, *kinesis.DescribeStreamConsumerInput, ...func(*kinesis.Options)) (*kinesis.DescribeStreamConsumerOutput, error)
	SubscribeToShard(context.Context, *kinesis.SubscribeToShardInput, ...func(*kinesis.Options)) (*kinesis.SubscribeToShardOutput, error)
}

// Register registers a consumer of the stream and waits until it is ACTIVE:
// RegisterStreamConsumer answers CREATING, and SubscribeToShard fails with
// ResourceInUseException until the consumer is ACTIVE.
func Register(ctx context.Context, k Kinesis, streamARN, name string) (consumerARN string, err error) {
	reg, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN:    aws.String(streamARN),
		ConsumerName: aws.String(name),
	})
	if err != nil {
		return "", err
	}
	arn := aws.ToString(reg.Consumer.ConsumerARN)
	return arn, WaitForActive(ctx, k, arn)
}

// WaitForActive polls DescribeStreamConsumer as the SDK's waiters poll:
// at once, then with a delay that doubles from 1 s up to 10 s, until the
// consumer is ACTIVE or ctx ends.
func WaitForActive(ctx context.Context, k Kinesis, consumerARN string) error {
	delay := time.Second
	for {
		out, err := k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(consumerARN)})
		if err != nil {
			return err
		}
		if status := out.ConsumerDescription.ConsumerStatus; status == types.ConsumerStatusActive {
			return nil
		} else if status == types.ConsumerStatusDeleting {
			return fmt.Errorf("consumer %s is DELETING", consumerARN)
		}
		if err := sleep(ctx, delay); err != nil {
			return err
		}
		delay = min(2*delay, 10*time.Second)
	}
}

// ReadShard delivers every record of the shard from start to handle, in
// order, subscribing again each time a subscription ends, and returns the
// shard's children once it has read to the end of a closed shard.
func ReadShard(ctx context.Context, k Kinesis, consumerARN, shardID string, start types.StartingPosition, handle func(types.Record)) ([]types.ChildShard, error) {
	position := start
	for {
		out, err := k.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{
			ConsumerARN:      aws.String(consumerARN),
			ShardId:          aws.String(shardID),
			StartingPosition: &position,
		})
		var inUse *types.ResourceInUseException
		if errors.As(err, &inUse) {
			// Another subscription began within the last 5 seconds.
			if err := sleep(ctx, 5*time.Second); err != nil {
				return nil, err
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		continuation, children, err := drain(out.GetStream(), handle)
		if err != nil {
			return nil, err
		}
		if children != nil {
			return children, nil
		}
		if continuation != "" {
			position = types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: aws.String(continuation)}
		}
	}
}

// drain reads one subscription to its end. It returns the sequence number to
// continue after and, at the end of a closed shard, the shard's children.
func drain(stream *kinesis.SubscribeToShardEventStream, handle func(types.Record)) (continuation string, children []types.ChildShard, err error) {
	defer stream.Close()
	for ev := range stream.Events() {
		e, ok := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent)
		if !ok {
			continue
		}
		for _, r := range e.Value.Records {
			handle(r)
		}
		continuation = aws.ToString(e.Value.ContinuationSequenceNumber)
		if len(e.Value.ChildShards) > 0 {
			children = e.Value.ChildShards
		}
	}
	return continuation, children, stream.Err()
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
