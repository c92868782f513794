package kinesisfake

import (
	"fmt"
	"testing"

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
