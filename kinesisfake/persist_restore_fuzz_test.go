package kinesisfake

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
)

// Whatever bytes a state holds, restoring it fails with an error or gives a
// fake that works: it answers calls without panicking, and snapshots to
// what, restored, snapshots to the same bytes.
func FuzzWithState(f *testing.F) {
	golden, err := os.ReadFile(goldenState)
	if err != nil {
		f.Fatal(err)
	}
	rich, _, _ := richFake(f)
	for _, seed := range [][]byte{golden, smallState(f), snapshot(f, rich), []byte(`{"format":"kinesisfake-state","version":1}`), []byte(`{}`)} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, state []byte) {
		if newStateReader(bytes.NewReader(state)).read(newClient()) != nil {
			return
		}
		// New takes it, then, without a panic.
		c, clock := restored(t, state, epoch)
		exercise(t, c)
		clock.Advance(time.Hour) // reshards pending apply, lifecycles end
		exercise(t, c)
		first := snapshot(t, c)
		r, _ := restored(t, first, clock.Now())
		if second := snapshot(t, r); !bytes.Equal(first, second) {
			t.Fatalf("the restored fake's snapshot differs:\n%s", cmp.Diff(string(first), string(second)))
		}
	})
}

// exercise makes calls on every stream, shard, consumer and channel of c,
// whose answers do not matter: only that it gives them.
func exercise(t *testing.T, c *Client) {
	streams, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range streams.StreamNames {
		n := aws.String(name)
		c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: n})
		c.Records(name)
		c.Consumers(name)
		c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: n, PartitionKey: aws.String("k"), Data: []byte("d")})
		c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: n, PartitionKey: aws.String("k"), ExplicitHashKey: aws.String("340282366920938463463374607431768211455"), Data: []byte("d")})
		shards, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: n})
		if err == nil {
			for _, sh := range shards.Shards {
				for _, typ := range []types.ShardIteratorType{types.ShardIteratorTypeTrimHorizon, types.ShardIteratorTypeLatest} {
					it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: n, ShardId: sh.ShardId, ShardIteratorType: typ})
					if err == nil {
						c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
					}
				}
			}
		}
		summary, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: n})
		if err != nil {
			continue
		}
		consumers, err := c.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: summary.StreamDescriptionSummary.StreamARN})
		if err == nil {
			for _, k := range consumers.Consumers {
				c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: k.ConsumerARN})
				c.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: k.ConsumerARN})
			}
		}
		c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: n, TargetShardCount: aws.Int32(1), ScalingType: types.ScalingTypeUniformScaling})
	}
	channels, err := c.ListChannels(ctx, &kinesis.ListChannelsInput{})
	if err == nil {
		for _, ch := range channels.ChannelSummaries {
			c.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: ch.ChannelARN})
		}
	}
	c.DescribeAccountSettings(ctx, &kinesis.DescribeAccountSettingsInput{})
}
