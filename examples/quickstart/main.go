// Command quickstart shows the fake at work: it creates a stream, puts
// records and reads them back through shard iterators, all in process.
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/kinesisfake"
)

// Kinesis is the part of *kinesis.Client this program uses. Production code
// passes a *kinesis.Client; tests pass a *kinesisfake.Client.
type Kinesis interface {
	CreateStream(context.Context, *kinesis.CreateStreamInput, ...func(*kinesis.Options)) (*kinesis.CreateStreamOutput, error)
	PutRecord(context.Context, *kinesis.PutRecordInput, ...func(*kinesis.Options)) (*kinesis.PutRecordOutput, error)
	ListShards(context.Context, *kinesis.ListShardsInput, ...func(*kinesis.Options)) (*kinesis.ListShardsOutput, error)
	GetShardIterator(context.Context, *kinesis.GetShardIteratorInput, ...func(*kinesis.Options)) (*kinesis.GetShardIteratorOutput, error)
	GetRecords(context.Context, *kinesis.GetRecordsInput, ...func(*kinesis.Options)) (*kinesis.GetRecordsOutput, error)
}

var (
	_ Kinesis = (*kinesis.Client)(nil)
	_ Kinesis = (*kinesisfake.Client)(nil)
)

func main() {
	fake := kinesisfake.New()
	defer fake.Close()
	if err := run(context.Background(), fake); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, k Kinesis) error {
	stream := aws.String("orders")
	if _, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: stream, ShardCount: aws.Int32(2)}); err != nil {
		return err
	}
	for i, item := range []string{"apple", "banana", "cherry", "damson", "elderberry"} {
		out, err := k.PutRecord(ctx, &kinesis.PutRecordInput{
			StreamName:   stream,
			PartitionKey: aws.String(fmt.Sprintf("customer-%d", i)),
			Data:         []byte(item),
		})
		if err != nil {
			return err
		}
		fmt.Printf("put %-10s -> %s\n", item, *out.ShardId)
	}

	shards, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: stream})
	if err != nil {
		return err
	}
	for _, shard := range shards.Shards {
		it, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{
			StreamName:        stream,
			ShardId:           shard.ShardId,
			ShardIteratorType: types.ShardIteratorTypeTrimHorizon,
		})
		if err != nil {
			return err
		}
		recs, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
		if err != nil {
			return err
		}
		for _, r := range recs.Records {
			fmt.Printf("got %-10s <- %s (key %s)\n", r.Data, *shard.ShardId, *r.PartitionKey)
		}
	}
	return nil
}
