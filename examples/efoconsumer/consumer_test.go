package efoconsumer

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
	"go.uber.org/goleak"

	"github.com/streamfake/kinesis/kinesisfake"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// client is what the tests drive: the consumer's calls plus the producer's.
type client interface {
	Kinesis
	kinesis.DescribeStreamAPIClient
	CreateStream(context.Context, *kinesis.CreateStreamInput, ...func(*kinesis.Options)) (*kinesis.CreateStreamOutput, error)
	PutRecord(context.Context, *kinesis.PutRecordInput, ...func(*kinesis.Options)) (*kinesis.PutRecordOutput, error)
	SplitShard(context.Context, *kinesis.SplitShardInput, ...func(*kinesis.Options)) (*kinesis.SplitShardOutput, error)
}

// modes runs a test against the fake directly and through a real
// *kinesis.Client wired to it in memory, each inside a synctest bubble,
// where the fake's real clock and the code's own timers all run on the
// bubble's clock: minutes of waits take no real time.
func modes(t *testing.T, test func(t *testing.T, fake *kinesisfake.Client, k client)) {
	for name, viaSDK := range map[string]bool{"direct": false, "SDKClient": true} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				fake := kinesisfake.NewT(t, kinesisfake.WithDelays(kinesisfake.ServiceDelays()))
				var k client = fake
				if viaSDK {
					k = fake.SDKClient()
				}
				test(t, fake, k)
			})
		})
	}
}

// createStream creates a one-shard stream and waits, with the SDK's own
// waiter, until it is ACTIVE.
func createStream(t *testing.T, k client, name string) (streamARN string) {
	t.Helper()
	ctx := context.Background()
	if _, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	out, err := kinesis.NewStreamExistsWaiter(k).WaitForOutput(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String(name)}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.StreamDescription.StreamARN)
}

// The whole consumer loop with the service's delays: the consumer is
// CREATING for 10 s, each subscription lasts 5 minutes, and the producer
// splits the shard after 10 minutes. The consumer gets every record of the
// parent in order, across three subscriptions, and stops at its children.
func TestConsumerLoop(t *testing.T) {
	modes(t, func(t *testing.T, fake *kinesisfake.Client, k client) {
		ctx := context.Background()
		streamARN := createStream(t, k, "orders")
		start := time.Now()

		var subscriptions atomic.Int32
		fake.AddHook(func(_ context.Context, call kinesisfake.Call) (any, error, bool) {
			if call.Operation == "SubscribeToShard" {
				subscriptions.Add(1)
			}
			return nil, nil, false
		})

		// The producer puts a record every 30 s for 10 minutes, then splits
		// the shard; the records it puts meanwhile go to the parent.
		var put []string
		produced := make(chan error, 1)
		go func() {
			produced <- func() error {
				for i := range 20 {
					data := fmt.Sprintf("order-%02d", i)
					if _, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String(data), Data: []byte(data)}); err != nil {
						return err
					}
					put = append(put, data)
					time.Sleep(30 * time.Second)
				}
				_, err := k.SplitShard(ctx, &kinesis.SplitShardInput{
					StreamName:         aws.String("orders"),
					ShardToSplit:       aws.String("shardId-000000000000"),
					NewStartingHashKey: aws.String("170141183460469231731687303715884105728"),
				})
				return err
			}()
		}()

		consumerARN, err := Register(ctx, k, streamARN, "billing")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		children, err := ReadShard(ctx, k, consumerARN, "shardId-000000000000",
			types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon},
			func(r types.Record) { got = append(got, string(r.Data)) })
		if err != nil {
			t.Fatal(err)
		}
		if err := <-produced; err != nil {
			t.Fatal(err)
		}

		if diff := cmp.Diff(put, got); diff != "" {
			t.Errorf("records (-put +received):\n%s", diff)
		}
		var ids []string
		for _, c := range children {
			ids = append(ids, aws.ToString(c.ShardId))
		}
		if diff := cmp.Diff([]string{"shardId-000000000001", "shardId-000000000002"}, ids); diff != "" {
			t.Errorf("child shards (-want +got):\n%s", diff)
		}
		// ACTIVE at 10 s, seen at the poll at 15 s; subscriptions at 0:15,
		// 5:15 and 10:15; the parent closes when the split completes, 30 s
		// after it began at 10:00.
		if n := subscriptions.Load(); n != 3 {
			t.Errorf("%d subscriptions, want 3 (one renewal every 5 minutes)", n)
		}
		if took := time.Since(start); took != 10*time.Minute+30*time.Second {
			t.Errorf("the loop ended after %v of the bubble's time, want 10m30s", took)
		}
	})
}

// The commonest enhanced fan-out bug: subscribing as soon as
// RegisterStreamConsumer returns. The consumer is still CREATING, and the
// fake fails the call as the service does.
func TestSubscribingBeforeActiveFails(t *testing.T) {
	modes(t, func(t *testing.T, fake *kinesisfake.Client, k client) {
		ctx := context.Background()
		streamARN := createStream(t, k, "orders")
		reg, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String("billing")})
		if err != nil {
			t.Fatal(err)
		}
		if status := reg.Consumer.ConsumerStatus; status != types.ConsumerStatusCreating {
			t.Fatalf("RegisterStreamConsumer answered %s, want CREATING", status)
		}

		_, err = k.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{
			ConsumerARN:      reg.Consumer.ConsumerARN,
			ShardId:          aws.String("shardId-000000000000"),
			StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest},
		})
		var inUse *types.ResourceInUseException
		if !errors.As(err, &inUse) {
			t.Fatalf("SubscribeToShard before ACTIVE: %v, want ResourceInUseException", err)
		}
		want := fmt.Sprintf("Consumer billing with creation timestamp %d under stream: orders , account 123456789012 is not in ACTIVE status.",
			reg.Consumer.ConsumerCreationTimestamp.Unix())
		if got := inUse.ErrorMessage(); got != want {
			t.Errorf("message %q, want %q", got, want)
		}

		// Waiting as Register does makes the same call succeed.
		if err := WaitForActive(ctx, k, aws.ToString(reg.Consumer.ConsumerARN)); err != nil {
			t.Fatal(err)
		}
		out, err := k.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{
			ConsumerARN:      reg.Consumer.ConsumerARN,
			ShardId:          aws.String("shardId-000000000000"),
			StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest},
		})
		if err != nil {
			t.Fatalf("SubscribeToShard once ACTIVE: %v", err)
		}
		out.GetStream().Close()
	})
}
