package kinesisfake

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// Costs that must not grow with the fake's size. Each benchmark runs at a
// small and a large size; the two should report about the same.

// manyStreams makes a fake with n PROVISIONED streams of one shard each.
func manyStreams(b *testing.B, n int, opts ...Option) *Client {
	c, _ := newFake(b, opts...)
	for i := range n {
		createStream(b, c, fmt.Sprintf("s%06d", i), 1)
	}
	return c
}

// BenchmarkCreateStream times the CreateStream that follows n others (a
// DeleteStream, untimed, undoes it).
func BenchmarkCreateStream(b *testing.B) {
	for _, n := range []int{10, 10_000} {
		b.Run(fmt.Sprintf("existing=%d", n), func(b *testing.B) {
			c := manyStreams(b, n)
			in := &kinesis.CreateStreamInput{StreamName: aws.String("new"), ShardCount: aws.Int32(1)}
			del := &kinesis.DeleteStreamInput{StreamName: aws.String("new")}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.CreateStream(ctx, in); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if _, err := c.DeleteStream(ctx, del); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

// BenchmarkListStreams times the first page of 5 names among n streams.
func BenchmarkListStreams(b *testing.B) {
	for _, n := range []int{10, 10_000} {
		b.Run(fmt.Sprintf("streams=%d", n), func(b *testing.B) {
			c := manyStreams(b, n)
			in := &kinesis.ListStreamsInput{Limit: aws.Int32(5)}
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.ListStreams(ctx, in)
				if err != nil || len(out.StreamNames) != 5 {
					b.Fatalf("ListStreams: %v", err)
				}
			}
		})
	}
}

// BenchmarkRegisterStreamConsumer times registering a consumer with a stream
// that has n (a DeregisterStreamConsumer, untimed, undoes it).
func BenchmarkRegisterStreamConsumer(b *testing.B) {
	for _, n := range []int{10, 10_000} {
		b.Run(fmt.Sprintf("consumers=%d", n), func(b *testing.B) {
			c, _ := newFake(b, WithLimits(Limits{ConsumersPerStream: n + 1}))
			createStream(b, c, "s", 1)
			for i := range n {
				register(b, c, "s", fmt.Sprintf("c%06d", i))
			}
			in := &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(testStreamARN), ConsumerName: aws.String("new")}
			b.ReportAllocs()
			for b.Loop() {
				out, err := c.RegisterStreamConsumer(ctx, in)
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if _, err := c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: out.Consumer.ConsumerARN}); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
		})
	}
}

// BenchmarkPutRecordsTo5M fills one shard with 5,000,000 records of 100
// bytes, 500 to a PutRecords call, and reports the median, 99th percentile
// and slowest of those 10,000 calls: no call should stall while the shard
// grows. Run it with -benchtime 1x; it needs about 1 GiB.
func BenchmarkPutRecordsTo5M(b *testing.B) {
	const total, batch = 5_000_000, 500
	entries := make([]types.PutRecordsRequestEntry, batch)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("key-", i)), Data: make([]byte, 100)}
	}
	in := &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}
	var calls []time.Duration
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		c, _ := newMemoryFake(b) // the shard's growth alone, not a store's
		createStream(b, c, "s", 1)
		b.StartTimer()
		for range total / batch {
			start := time.Now()
			if _, err := c.PutRecords(ctx, in); err != nil {
				b.Fatal(err)
			}
			calls = append(calls, time.Since(start))
		}
		b.StopTimer()
		c.Close()
		b.StartTimer()
	}
	slices.Sort(calls)
	median, p99, slowest := calls[len(calls)/2], calls[len(calls)*99/100], calls[len(calls)-1]
	b.ReportMetric(float64(median.Microseconds()), "µs-median")
	b.ReportMetric(float64(p99.Microseconds()), "µs-p99")
	b.ReportMetric(float64(slowest.Microseconds()), "µs-max")
	b.ReportMetric(float64(slowest)/float64(median), "max/median")
	b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "records/s")
}
