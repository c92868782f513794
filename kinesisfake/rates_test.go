package kinesisfake

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/recorded"
)

const shard0 = "shardId-000000000000"

func TestRatesAreOffByDefault(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	putN(t, c, "s", 2000)
	for range 20 {
		if _, err := c.ListStreams(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
}

func TestShardWriteRecordRate(t *testing.T) {
	inModes(t, []Option{WithRates(Rates{})}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		putN(t, k, "s", 1000)
		_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("d")})
		wantAPIError(t, err, "PutRecord", "ProvisionedThroughputExceededException", recorded.ShardThrottled("shardId-000000000000", "s", "123456789012"))
		clock.Advance(time.Millisecond) // a thousandth of a second makes room for one
		put(t, k, "s", "k", "d")
		_, err = k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("d")})
		wantAPIError(t, err, "PutRecord", "ProvisionedThroughputExceededException", "")
		clock.Advance(time.Second)
		putN(t, k, "s", 1000)
	})
}

func TestShardWriteByteRate(t *testing.T) {
	c, clock := newFake(t, WithRates(Rates{}))
	createStream(t, c, "s", 2)
	data := strings.Repeat("x", 100<<10-1) // with its 1-byte key, 100 KiB
	for range 10 {
		put(t, c, "s", "a", data)
	}
	_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("a"), Data: []byte(data)})
	wantAPIError(t, err, "PutRecord", "ProvisionedThroughputExceededException", "")
	put(t, c, "s", "b", data) // "b" hashes to the other shard, which has room
	clock.Advance(100 * time.Millisecond)
	put(t, c, "s", "a", data)
}

func TestPutRecordsThrottledPerEntry(t *testing.T) {
	inModes(t, []Option{WithRates(Rates{})}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		entries := make([]types.PutRecordsRequestEntry, 400)
		for i := range entries {
			entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: []byte("d")}
		}
		var failed []int32
		for range 3 {
			out, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
			if err != nil {
				t.Fatal(err)
			}
			failed = append(failed, *out.FailedRecordCount)
			if *out.FailedRecordCount == 200 {
				for i, r := range out.Records {
					if throttled := r.ErrorCode != nil; throttled != (i >= 200) {
						t.Fatalf("entry %d: %+v", i, r)
					}
				}
				if got := aws.ToString(out.Records[399].ErrorMessage); got != recorded.ShardThrottled("shardId-000000000000", "s", "123456789012") {
					t.Errorf("ErrorMessage %q", got)
				}
			}
		}
		if failed[0] != 0 || failed[1] != 0 || failed[2] != 200 {
			t.Errorf("FailedRecordCount %v, want [0 0 200]", failed)
		}
		if got := len(readShard(t, c, "s", shard0)); got != 1000 {
			t.Errorf("%d records stored, want 1000", got)
		}
	})
}

func TestGetRecordsCallRate(t *testing.T) {
	c, clock := newFake(t, WithRates(Rates{}))
	createStream(t, c, "s", 2)
	it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String(shard0), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	for range 5 {
		if _, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
	wantAPIError(t, err, "GetRecords", "ProvisionedThroughputExceededException", recorded.ShardThrottled("shardId-000000000000", "s", "123456789012"))
	other := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000001"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	if _, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: other}); err != nil {
		t.Fatalf("the other shard: %v", err)
	}
	clock.Advance(200 * time.Millisecond)
	if _, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it}); err != nil {
		t.Fatal(err)
	}
}

func TestGetRecordsByteRate(t *testing.T) {
	c, clock := newFake(t, WithRates(Rates{ShardWriteBytes: -1, ShardWriteRecords: -1}))
	createStream(t, c, "s", 1)
	data := strings.Repeat("x", 1<<20-1)
	for range 5 {
		put(t, c, "s", "k", data)
	}
	it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String(shard0), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
	if err != nil || len(out.Records) != 5 {
		t.Fatalf("GetRecords: %v, %d records", err, len(out.Records))
	}
	// 5 MiB read against 2 MiB/s: the next call waits until 3 MiB has
	// drained, 1.5 s.
	clock.Advance(1400 * time.Millisecond)
	_, err = c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: out.NextShardIterator})
	wantAPIError(t, err, "GetRecords", "ProvisionedThroughputExceededException", "")
	clock.Advance(200 * time.Millisecond)
	if _, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: out.NextShardIterator}); err != nil {
		t.Fatal(err)
	}
}

func TestControlPlaneRates(t *testing.T) {
	inModes(t, []Option{WithRates(Rates{Calls: map[string]int{"DescribeStreamSummary": -1, "ListShards": 2}})}, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "a", 1)
		createStream(t, k, "b", 1)
		for range 5 {
			if _, err := k.ListStreams(ctx, nil); err != nil {
				t.Fatal(err)
			}
		}
		_, err := k.ListStreams(ctx, nil)
		wantAPIError(t, err, "ListStreams", "LimitExceededException", recorded.AccountThrottled("123456789012"))

		consumer := register(t, k, "a", "app")
		describe := func(stream string) error {
			_, err := k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/" + stream), ConsumerName: aws.String("app")})
			return err
		}
		for range 20 {
			if err := describe("a"); err != nil {
				t.Fatal(err)
			}
		}
		wantAPIError(t, describe("a"), "DescribeStreamConsumer", "LimitExceededException", recorded.StreamThrottled("a", "123456789012"))
		// Per stream: b's budget is its own (its consumer does not exist).
		wantAPIError(t, describe("b"), "DescribeStreamConsumer", "ResourceNotFoundException", "")
		_, err = k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(consumer)})
		wantAPIError(t, err, "DescribeStreamConsumer", "LimitExceededException", "")

		// Rates set by name: lifted, and lowered.
		for range 50 {
			if _, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("a")}); err != nil {
				t.Fatal(err)
			}
		}
		for range 2 {
			if _, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("a")}); err != nil {
				t.Fatal(err)
			}
		}
		_, err = k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("a")})
		wantAPIError(t, err, "ListShards", "LimitExceededException", recorded.StreamThrottled("a", "123456789012"))

		clock.Advance(time.Second)
		if _, err := k.ListStreams(ctx, nil); err != nil {
			t.Fatal(err)
		}
	})
}

func TestDefaultCallRates(t *testing.T) {
	rates := DefaultCallRates()
	for op, want := range map[string]int{"RegisterStreamConsumer": 5, "DescribeStreamConsumer": 20, "ListStreamConsumers": 5, "DeregisterStreamConsumer": 5, "DeleteStream": 5, "CreateStream": 5, "ListShards": 1000, "GetRecords": 5} {
		if rates[op] != want {
			t.Errorf("%s: %d calls/s, want %d", op, rates[op], want)
		}
	}
	api := reflect.TypeFor[API]()
	for op := range rates {
		if _, ok := api.MethodByName(op); !ok {
			t.Errorf("%s is not an operation", op)
		}
	}
}

// A subscription is held to 2 MiB per second: events wait for the clock.
func TestSubscriptionByteRate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, clock := newFake(t, WithRates(Rates{ShardWriteBytes: -1, ShardWriteRecords: -1}))
		createStream(t, c, "s", 1)
		consumer := register(t, c, "s", "app")
		data := strings.Repeat("x", 512<<10) // two to an event
		for range 12 {                       // 6 MiB
			put(t, c, "s", "k", data)
		}
		stream := subscribe(t, c, consumer, shard0, types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
		defer stream.Close()
		received := 0
		drain := func() {
			synctest.Wait()
			for {
				select {
				case ev := <-stream.Events():
					received += len(ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value.Records)
				default:
					return
				}
				synctest.Wait()
			}
		}
		drain()
		if received != 4 { // 2 MiB at once
			t.Fatalf("%d records before the clock moved, want 4", received)
		}
		clock.Advance(500 * time.Millisecond)
		drain()
		if received != 6 { // then 1 MiB each half second
			t.Fatalf("%d records after 0.5 s, want 6", received)
		}
		for want := 8; want <= 12; want += 2 {
			clock.Advance(500 * time.Millisecond)
			drain()
			if received != want {
				t.Fatalf("%d records, want %d", received, want)
			}
		}
		// Idle time earns no more than a second's allowance.
		clock.Advance(time.Minute)
		entries := make([]types.PutRecordsRequestEntry, 12) // in one call, so they arrive together
		for i := range entries {
			entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: []byte(data)}
		}
		if _, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
			t.Fatal(err)
		}
		drain()
		if received != 16 {
			t.Fatalf("%d records after a minute idle, want 16", received)
		}
	})
}

// The SDK's own standard retryer, given throttling by the fake, backs off
// (on the fake's clock, through a BackoffDelayer that moves it) and retries
// until the call succeeds.
func TestStandardRetryerRetriesThrottling(t *testing.T) {
	c, clock := newFake(t, WithRates(Rates{}))
	createStream(t, c, "s", 1)
	putN(t, c, "s", 1000)
	attempts := 0
	c.AddHook(func(ctx context.Context, call Call) (any, error, bool) {
		attempts++
		return nil, nil, false
	})
	var backoffs []time.Duration
	k := c.SDKClient(func(o *kinesis.Options) {
		o.RetryMaxAttempts = 0 // the retryer below decides
		o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
			so.Backoff = clockBackoff{clock: clock, waited: &backoffs}
		})
	})
	out, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("d")})
	if err != nil {
		t.Fatalf("PutRecord after retries: %v", err)
	}
	if *out.ShardId != shard0 || attempts < 2 {
		t.Errorf("%d attempts, shard %s; want a throttled attempt and a retry", attempts, *out.ShardId)
	}
	if len(backoffs) != attempts-1 {
		t.Errorf("%d backoffs for %d attempts", len(backoffs), attempts)
	}

	// Control-plane throttling, LimitExceededException, is retried too.
	for range 5 {
		if _, err := c.ListStreams(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	// At 5 calls a second, a call fits again after 200 ms: the first
	// backoff, 100 ms, is too short, the second makes it.
	attempts, backoffs = 0, nil
	if _, err := k.ListStreams(ctx, nil); err != nil || attempts != 3 {
		t.Fatalf("ListStreams: %v after %d attempts", err, attempts)
	}
}

// clockBackoff is a retry.BackoffDelayer that waits on a FakeClock: it
// moves the clock by the delay and has the SDK wait no real time.
type clockBackoff struct {
	clock  *FakeClock
	waited *[]time.Duration
}

func (b clockBackoff) BackoffDelay(attempt int, err error) (time.Duration, error) {
	d := 100 * time.Millisecond << (attempt - 1)
	*b.waited = append(*b.waited, d)
	b.clock.Advance(d)
	return 0, nil
}
