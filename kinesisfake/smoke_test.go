package kinesisfake

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

func TestSmoke(t *testing.T) {
	ctx := context.Background()
	c := NewT(t)
	_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(3)})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), Data: []byte(fmt.Sprint(i)), PartitionKey: aws.String(fmt.Sprint("k", i))})
		if err != nil {
			t.Fatal(err)
		}
		t.Log(*out.ShardId, *out.SequenceNumber)
	}
	ls, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatal(err)
	}
	for _, sh := range ls.Shards {
		it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: sh.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		if err != nil {
			t.Fatal(err)
		}
		gr, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range gr.Records {
			t.Log(*sh.ShardId, string(r.Data), *r.PartitionKey, *r.SequenceNumber, r.ApproximateArrivalTimestamp)
		}
		t.Log(len(*it.ShardIterator), *gr.MillisBehindLatest)
	}
	_, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s!"), Data: make([]byte, 20<<20)})
	t.Log(err)
	_, err = c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s!")})
	t.Log(err)
	_, err = c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s!"), Records: []types.PutRecordsRequestEntry{{Data: []byte{}, PartitionKey: aws.String("")}}})
	t.Log(err)
	_, err = c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("nope")})
	t.Log(err)
}
