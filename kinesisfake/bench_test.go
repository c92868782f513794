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

// Speed and memory targets live here, never in timed tests. Run with
// go test -run XXX -bench . -benchmem ./kinesisfake

func BenchmarkPutRecord(b *testing.B) {
	c, _ := newFake(b)
	createStream(b, c, "s", 4)
	in := &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("partition-key"), Data: make([]byte, 100)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.PutRecord(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPutRecords500(b *testing.B) {
	for _, size := range []int{100, 10 << 10} {
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			c, _ := newFake(b)
			if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(4), MaxRecordSizeInKiB: aws.Int32(10240)}); err != nil {
				b.Fatal(err)
			}
			entries := make([]types.PutRecordsRequestEntry, 500)
			for i := range entries {
				entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("key-", i)), Data: make([]byte, size)}
			}
			in := &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}
			b.ReportAllocs()
			b.SetBytes(int64(500 * size))
			for b.Loop() {
				if _, err := c.PutRecords(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(500*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

func BenchmarkGetRecords10000(b *testing.B) {
	c, _ := newFake(b)
	createStream(b, c, "s", 1)
	entries := make([]types.PutRecordsRequestEntry, 500)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("key-", i)), Data: make([]byte, 100)}
	}
	for range 20 {
		if _, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
			b.Fatal(err)
		}
	}
	it := iterator(b, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	in := &kinesis.GetRecordsInput{ShardIterator: it}
	b.ReportAllocs()
	for b.Loop() {
		out, err := c.GetRecords(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Records) != 10000 {
			b.Fatalf("%d records", len(out.Records))
		}
	}
	b.ReportMetric(float64(10000*b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkSubscribeDelivery measures how fast a subscription delivers
// records already in the shard to one reader (100-byte records).
func BenchmarkSubscribeDelivery(b *testing.B) {
	for _, readers := range []int{1, 5} {
		b.Run(fmt.Sprintf("%dreaders", readers), func(b *testing.B) {
			c, _ := newFake(b, WithLimits(Limits{ConsumersPerStream: 20}))
			createStream(b, c, "s", 1)
			entries := make([]types.PutRecordsRequestEntry, 500)
			for i := range entries {
				entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: make([]byte, 100)}
			}
			const total = 200_000
			for range total / 500 {
				if _, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
					b.Fatal(err)
				}
			}
			consumers := make([]string, readers)
			for i := range consumers {
				consumers[i] = register(b, c, "s", fmt.Sprint("reader", i))
			}
			b.ReportAllocs()
			delivered := 0
			for b.Loop() {
				done := make(chan int, readers)
				for _, consumer := range consumers {
					stream := subscribe(b, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
					go func() {
						n := 0
						for ev := range stream.Events() {
							n += len(ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value.Records)
							if n == total {
								break
							}
						}
						stream.Close()
						done <- n
					}()
				}
				for range readers {
					delivered += <-done
				}
				c.clock.(*FakeClock).Advance(resubscribeBackoff) // let the next round subscribe again
			}
			b.ReportMetric(float64(delivered)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkPutToEvent measures the time from PutRecord returning to the
// record's event reaching the reader.
func BenchmarkPutToEvent(b *testing.B) {
	c, _ := newFake(b)
	createStream(b, c, "s", 1)
	stream := subscribe(b, c, register(b, c, "s", "app"), "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer stream.Close()
	in := &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: make([]byte, 100)}
	latencies := make([]time.Duration, 0, 1<<16)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.PutRecord(ctx, in); err != nil {
			b.Fatal(err)
		}
		put := time.Now()
		if _, ok := <-stream.Events(); !ok {
			b.Fatal("stream ended")
		}
		latencies = append(latencies, time.Since(put))
	}
	slices.Sort(latencies)
	b.ReportMetric(float64(latencies[len(latencies)/2].Nanoseconds())/1e3, "µs-median")
	b.ReportMetric(float64(latencies[len(latencies)*99/100].Nanoseconds())/1e3, "µs-p99")
}

// The wire's cost: PutRecord and GetRecords in each mode that is not
// stored (see inModes): direct calls, the real SDK client over the
// in-memory transport in JSON and in CBOR, and over loopback HTTP (h2c:
// over HTTP/1.1 the SDK fails a call now and then with "use of closed
// network connection", against any local server; see docs/upstream.md).
func BenchmarkWire(b *testing.B) {
	c, _ := newFake(b)
	createStream(b, c, "s", 1)
	type client struct {
		name string
		k    API
	}
	var clients []client
	for _, m := range modes {
		if !m.stored {
			clients = append(clients, client{m.name, m.client(b, c)})
		}
	}
	for _, cl := range clients {
		b.Run("PutRecord/"+cl.name, func(b *testing.B) {
			in := &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("partition-key"), Data: make([]byte, 100)}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := cl.k.PutRecord(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// 1,000 records to read in each GetRecords call.
	entries := make([]types.PutRecordsRequestEntry, 500)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: make([]byte, 100)}
	}
	for range 2 {
		if _, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
			b.Fatal(err)
		}
	}
	it := iterator(b, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	for _, cl := range clients {
		b.Run("GetRecords1000/"+cl.name, func(b *testing.B) {
			in := &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(1000)}
			b.ReportAllocs()
			for b.Loop() {
				out, err := cl.k.GetRecords(ctx, in)
				if err != nil {
					b.Fatal(err)
				}
				if len(out.Records) != 1000 {
					b.Fatalf("%d records", len(out.Records))
				}
			}
			b.ReportMetric(float64(1000*b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
