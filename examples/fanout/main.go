// Command fanout shows enhanced fan-out against the fake: two consumers
// subscribe to every shard of one stream and each receives every record, in
// order per shard, as a producer puts them.
//
//	go run ./examples/fanout
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/examples/efoconsumer"
	"github.com/streamfake/kinesis/kinesisfake"
)

// Kinesis is the part of *kinesis.Client this program uses.
type Kinesis interface {
	CreateStream(context.Context, *kinesis.CreateStreamInput, ...func(*kinesis.Options)) (*kinesis.CreateStreamOutput, error)
	DescribeStreamSummary(context.Context, *kinesis.DescribeStreamSummaryInput, ...func(*kinesis.Options)) (*kinesis.DescribeStreamSummaryOutput, error)
	ListShards(context.Context, *kinesis.ListShardsInput, ...func(*kinesis.Options)) (*kinesis.ListShardsOutput, error)
	RegisterStreamConsumer(context.Context, *kinesis.RegisterStreamConsumerInput, ...func(*kinesis.Options)) (*kinesis.RegisterStreamConsumerOutput, error)
	DescribeStreamConsumer(context.Context, *kinesis.DescribeStreamConsumerInput, ...func(*kinesis.Options)) (*kinesis.DescribeStreamConsumerOutput, error)
	SubscribeToShard(context.Context, *kinesis.SubscribeToShardInput, ...func(*kinesis.Options)) (*kinesis.SubscribeToShardOutput, error)
	PutRecord(context.Context, *kinesis.PutRecordInput, ...func(*kinesis.Options)) (*kinesis.PutRecordOutput, error)
}

func main() {
	fake := kinesisfake.New()
	defer fake.Close()
	if err := run(context.Background(), fake, os.Stdout, 12); err != nil {
		log.Fatal(err)
	}
}

// run puts n records while two consumers read them through subscriptions,
// then prints what each consumer received.
func run(ctx context.Context, k Kinesis, w io.Writer, n int) error {
	const stream = "clicks"
	if _, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(stream), ShardCount: aws.Int32(2)}); err != nil {
		return err
	}
	summary, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(stream)})
	if err != nil {
		return err
	}
	shards, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String(stream)})
	if err != nil {
		return err
	}

	type delivery struct{ consumer, shard, data string }
	consumers := []string{"analytics", "archive"}
	deliveries := make(chan delivery, 4*n) // room for more than expected, so no reader blocks
	var readers sync.WaitGroup
	var streams []*kinesis.SubscribeToShardEventStream
	for _, name := range consumers {
		// Registering answers CREATING: wait for ACTIVE before subscribing.
		consumerARN, err := efoconsumer.Register(ctx, k, aws.ToString(summary.StreamDescriptionSummary.StreamARN), name)
		if err != nil {
			return err
		}
		for _, shard := range shards.Shards {
			out, err := k.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{
				ConsumerARN:      aws.String(consumerARN),
				ShardId:          shard.ShardId,
				StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon},
			})
			if err != nil {
				return err
			}
			events := out.GetStream()
			streams = append(streams, events)
			readers.Go(func() {
				for ev := range events.Events() {
					if e, ok := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent); ok {
						for _, r := range e.Value.Records {
							deliveries <- delivery{name, *shard.ShardId, string(r.Data)}
						}
					}
				}
			})
		}
	}

	for i := range n {
		_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{
			StreamName:   aws.String(stream),
			PartitionKey: aws.String(fmt.Sprint("user-", i%5)),
			Data:         []byte(fmt.Sprintf("click-%02d", i)),
		})
		if err != nil {
			return err
		}
	}

	// Take deliveries until both consumers have every record, then end the
	// subscriptions.
	received := make(map[string][]string)
	for total := 0; total < len(consumers)*n; total++ {
		d := <-deliveries
		received[d.consumer] = append(received[d.consumer], d.shard+": "+d.data)
	}
	for _, s := range streams {
		s.Close()
	}
	readers.Wait()
	if len(deliveries) > 0 {
		return fmt.Errorf("%d records delivered more than once", len(deliveries))
	}

	for _, name := range consumers {
		got := received[name]
		// Records arrive in order within a shard; list them shard by shard.
		sort.SliceStable(got, func(i, j int) bool { return got[i][:20] < got[j][:20] })
		fmt.Fprintf(w, "%s received %d records:\n  %s\n", name, len(got), strings.Join(got, "\n  "))
	}
	return nil
}
