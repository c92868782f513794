package kinesisfake

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// fillShard puts n records of 100 bytes, one millisecond apart in batches of
// 500, into the one shard of stream s, and returns the sequence numbers and
// arrival times of every 500th.
func fillShard(b *testing.B, c *Client, clock *FakeClock, n int) (seqs []string, times []time.Time) {
	b.Helper()
	entries := make([]types.PutRecordsRequestEntry, 500)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: make([]byte, 100)}
	}
	for range n / 500 {
		out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
		if err != nil {
			b.Fatal(err)
		}
		seqs = append(seqs, *out.Records[0].SequenceNumber)
		times = append(times, clock.Now())
		clock.Advance(time.Millisecond)
	}
	return seqs, times
}

func BenchmarkGetShardIterator(b *testing.B) {
	c, _ := newFake(b)
	createStream(b, c, "s", 4)
	in := &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000002"), ShardIteratorType: types.ShardIteratorTypeLatest}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetShardIterator(ctx, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNewCreateStreamClose is what a test pays for a fresh fake.
func BenchmarkNewCreateStreamClose(b *testing.B) {
	in := &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1)}
	b.ReportAllocs()
	for b.Loop() {
		c := New()
		if _, err := c.CreateStream(ctx, in); err != nil {
			b.Fatal(err)
		}
		c.Close()
	}
}

func BenchmarkListShards1000(b *testing.B) {
	c, _ := newFake(b)
	createStream(b, c, "s", 1000)
	in := &kinesis.ListShardsInput{StreamName: aws.String("s"), MaxResults: aws.Int32(1000)}
	b.ReportAllocs()
	for b.Loop() {
		out, err := c.ListShards(ctx, in)
		if err != nil {
			b.Fatal(err)
		}
		if len(out.Shards) != 1000 {
			b.Fatalf("%d shards", len(out.Shards))
		}
	}
}

// BenchmarkSeek positions a reader by AT_SEQUENCE_NUMBER or AT_TIMESTAMP
// and reads one record, in shards of 1,000 and 1,000,000 records: a binary
// search, so the larger shard costs only a few more steps.
func BenchmarkSeek(b *testing.B) {
	for _, n := range []int{1000, 1_000_000} {
		c, clock := newFake(b)
		createStream(b, c, "s", 1)
		seqs, times := fillShard(b, c, clock, n)
		for _, typ := range []types.ShardIteratorType{types.ShardIteratorTypeAtSequenceNumber, types.ShardIteratorTypeAtTimestamp} {
			b.Run(fmt.Sprintf("%s/%d", typ, n), func(b *testing.B) {
				in := &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: typ}
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					i = (i + 7919) % len(seqs) // spread the seeks over the shard
					in.StartingSequenceNumber, in.Timestamp = nil, nil
					if typ == types.ShardIteratorTypeAtSequenceNumber {
						in.StartingSequenceNumber = &seqs[i]
					} else {
						in.Timestamp = &times[i]
					}
					it, err := c.GetShardIterator(ctx, in)
					if err != nil {
						b.Fatal(err)
					}
					out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator, Limit: aws.Int32(1)})
					if err != nil || len(out.Records) != 1 {
						b.Fatalf("GetRecords: %v", err)
					}
				}
			})
		}
	}
}

// BenchmarkStoredRecord reports the heap a stored record costs beyond its
// data and partition key.
func BenchmarkStoredRecord(b *testing.B) {
	const n, dataSize = 200_000, 100
	key := "partition-key"
	var before, after runtime.MemStats
	for b.Loop() {
		b.StopTimer()
		c, _ := newFake(b)
		createStream(b, c, "s", 1)
		entries := make([]types.PutRecordsRequestEntry, 500)
		for i := range entries {
			entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(key), Data: make([]byte, dataSize)}
		}
		runtime.GC()
		runtime.ReadMemStats(&before)
		b.StartTimer()
		for range n / 500 {
			if _, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		runtime.GC()
		runtime.ReadMemStats(&after)
		perRecord := float64(after.HeapAlloc-before.HeapAlloc) / n
		b.ReportMetric(perRecord-dataSize-float64(len(key)), "overhead-B/record")
		runtime.KeepAlive(c)
		b.StartTimer()
	}
}
