package kinesisfake

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// With the default real clock, the fake keeps time inside a synctest bubble:
// delays, expiries and the SDK's own waiters run on the bubble's clock.
func TestRealClockInsideSynctest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(WithDelays(Delays{CreateStream: 30 * time.Second, DeleteStream: 20 * time.Second}))
		defer c.Close()
		start := time.Now()
		createStream(t, c, "s", 1)

		// The waiter polls every 10 s or more; in the bubble that takes no time.
		if err := kinesis.NewStreamExistsWaiter(c).Wait(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")}, 5*time.Minute); err != nil {
			t.Fatalf("StreamExists: %v", err)
		}
		if waited := time.Since(start); waited < 30*time.Second {
			t.Fatalf("ACTIVE after %v, before the 30s delay", waited)
		}

		put(t, c, "s", "k", "v")
		it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		time.Sleep(5*time.Minute + time.Millisecond)
		_, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
		wantAPIError(t, err, "GetRecords", "ExpiredIteratorException", "")

		if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
			t.Fatal(err)
		}
		if err := kinesis.NewStreamNotExistsWaiter(c).Wait(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")}, 5*time.Minute); err != nil {
			t.Fatalf("StreamNotExists: %v", err)
		}
	})
}
