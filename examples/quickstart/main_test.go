package main

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"go.uber.org/goleak"

	"github.com/streamfake/kinesis/kinesisfake"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestRun(t *testing.T) {
	ctx := context.Background()
	fake := kinesisfake.NewT(t)
	if err := run(ctx, fake); err != nil {
		t.Fatalf("run: %v", err)
	}

	shards, err := fake.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("orders")})
	if err != nil {
		t.Fatalf("ListShards: %v", err)
	}
	if len(shards.Shards) != 2 {
		t.Errorf("orders has %d shards, want 2", len(shards.Shards))
	}
	var got []string
	for _, sh := range shards.Shards {
		it, err := fake.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{
			StreamName:        aws.String("orders"),
			ShardId:           sh.ShardId,
			ShardIteratorType: types.ShardIteratorTypeTrimHorizon,
		})
		if err != nil {
			t.Fatalf("GetShardIterator(%s): %v", *sh.ShardId, err)
		}
		out, err := fake.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
		if err != nil {
			t.Fatalf("GetRecords(%s): %v", *sh.ShardId, err)
		}
		for _, r := range out.Records {
			got = append(got, string(r.Data))
		}
	}
	slices.Sort(got)
	want := []string{"apple", "banana", "cherry", "damson", "elderberry"}
	if !slices.Equal(got, want) {
		t.Errorf("records stored = %q, want %q", got, want)
	}
}

// TestRunTwice checks that run fails, rather than duplicating records, when
// its stream already exists.
func TestRunTwice(t *testing.T) {
	ctx := context.Background()
	fake := kinesisfake.NewT(t)
	if err := run(ctx, fake); err != nil {
		t.Fatalf("run: %v", err)
	}
	var inUse *types.ResourceInUseException
	if err := run(ctx, fake); !errors.As(err, &inUse) {
		t.Fatalf("second run: %v, want a ResourceInUseException", err)
	}
}
